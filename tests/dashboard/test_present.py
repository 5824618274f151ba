"""The panel's HTML: escaped text, http(s) links only, country-level events said so."""

from __future__ import annotations

import pandas as pd

from newsmap.present import events_html, safe_url, stories_html, stories_table, story_link


def test_only_http_links_are_kept():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil", "https://x\" onmouseover=",
                None, 3):
        assert safe_url(bad) is None
    unlinked = story_link("<b>T</b>", "javascript:x")
    assert unlinked == '<span class="nm-title"><bdi>&lt;b&gt;T&lt;/b&gt;</bdi></span>'
    assert 'rel="noopener noreferrer nofollow"' in story_link("T", "https://e.org")


def test_story_list_escapes_everything_and_marks_matches():
    frame = pd.DataFrame([{
        "id": "x", "title": "<script>t</script>", "published": "2022-09", "url": None,
        "outlet": "<b>O</b>", "countries": "ALB, IRN", "evidence": "<img src=x>",
        "snippet": "\x02<i>hit</i>\x03",
    }])
    html = stories_html(frame, {"ALB": "Albania"})
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>O" not in html
    assert "September 2022" in html
    assert "Albania, IRN" in html
    assert "<mark>&lt;i&gt;hit&lt;/i&gt;</mark>" in html


def test_events_known_only_to_country_level_say_they_are_not_on_the_map():
    frame = pd.DataFrame([
        {"date": "1994", "type": "arms transfer", "iso3": "BIH", "place": None, "lat": None,
         "lon": None, "summary": "Iran shipped weapons.", "title": "T", "url": None},
        {"date": "2018", "type": "terrorism", "iso3": "FRA", "place": "Paris", "lat": 48.8,
         "lon": 2.3, "summary": "A plot.", "title": "T", "url": None},
    ])
    html = events_html(frame, {"BIH": "Bosnia and Herzegovina"})
    assert "Bosnia and Herzegovina, country level only (not on the map)" in html
    assert "Paris" in html
    assert "1994" in html
    assert "Arms transfer" in html


def test_table_is_plain_text_with_safe_links():
    frame = pd.DataFrame([{"id": "a", "title": "T", "published": "2022", "outlet": None,
                           "countries": "ALB", "places": 1, "events": 0,
                           "url": "javascript:alert(1)"}])
    table = stories_table(frame, {"ALB": "Albania"})
    assert table.loc[0, "countries"] == "Albania"
    assert table.loc[0, "url"] is None
