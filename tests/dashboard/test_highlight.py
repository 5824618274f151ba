"""Escape first, then mark."""

from __future__ import annotations

from newsmap.highlight import Evidence, escape_text, highlight_evidence, mark_snippet

EVIL = '<script>alert(1)</script> & <img src=x onerror="alert(2)">'


def test_escape_text_leaves_no_markup():
    out = escape_text(EVIL)
    assert "<" not in out
    assert ">" not in out
    assert '"' not in out
    assert escape_text(None) == ""


def test_snippet_sentinels_become_marks_around_escaped_text():
    out = mark_snippet("a \x02<b>Iran</b>\x03 and \x02Albania")
    assert out == "a <mark>&lt;b&gt;Iran&lt;/b&gt;</mark> and <mark>Albania</mark>"
    assert mark_snippet("") == ""


def test_evidence_is_marked_with_its_labels_and_the_rest_escaped():
    body = "Intro <b>.\n\nAlbania cut ties with Iran. Tirana acted.\n\nEnd."
    out = highlight_evidence(body, [
        Evidence("Albania cut ties with Iran.", "country: Albania"),
        Evidence("Albania cut ties with Iran.", "country: Iran"),
        Evidence("Tirana acted.", "place: Tirana", "place"),
    ])
    assert out.startswith('<p dir="auto">Intro &lt;b&gt;.</p>')
    assert ('<mark class="evidence ev-country" title="country: Albania; country: Iran">'
            "Albania cut ties with Iran.</mark>") in out
    assert '<mark class="evidence ev-place" title="place: Tirana">Tirana acted.</mark>' in out
    assert out.count('<p dir="auto">') == 3


def test_hostile_evidence_cannot_inject_markup():
    out = highlight_evidence(f"Said {EVIL} today.", [Evidence(EVIL, '"><script>x</script>')])
    assert "<script>" not in out
    assert "<img" not in out
    assert "title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"" in out


def test_overlapping_evidence_merges_and_whitespace_differences_match():
    out = highlight_evidence("One two  three four.", [Evidence("One two three", "a"),
                                                       Evidence("three four.", "b")])
    assert out.count("<mark") == 1
    assert 'title="a; b"' in out
