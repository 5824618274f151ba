"""Feeds into articles: RSS 2.0 (content and summaries), RSS 1.0, Atom, broken and wrong
inputs, deduplication, size limits and fetching linked pages from a local server."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmap.corpus import MAX_FILE_BYTES, discover, read_article
from newsmap.importers.report import InputError
from newsmap.importers.stories import import_feed
from newsmap.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "sources"


def _feed(name: str) -> str:
    return str(FIXTURES / name)


def _imported(corpus: Path) -> dict[str, Article]:
    """Every imported article as the corpus reads it, by title."""
    articles = [read_article(p) for p in discover(corpus) if "imported" in p.parts]
    return {a.title: a for a in articles}


def test_rss2_content_becomes_articles_with_text_and_front_matter(corpus: Path) -> None:
    report = import_feed(_feed("rss2-content.xml"), corpus)
    articles = _imported(corpus)
    assert sorted(articles) == ["Skopje court rules on election appeal",
                                "Tirana hosts regional energy talks"]
    tirana = articles["Tirana hosts regional energy talks"]
    assert tirana.outlet == "Balkan Sample Wire"
    assert tirana.authors == ("Elira Hoxha",)
    assert tirana.published is not None
    assert tirana.published.iso() == "2023-05-16"
    assert tirana.url is not None
    assert tirana.url.startswith("https://wire.example.org/2023/05/")
    assert tirana.body.startswith("Energy ministers from Albania")
    assert "alert(" not in tirana.body
    assert "<" not in tirana.body
    assert "grid links & storage" in tirana.body  # entities decoded, paragraphs kept
    assert "\n\nThe talks, hosted by the Albanian government" in tirana.body
    assert len(report.written) == 2
    for path in report.written:
        assert Path(path).parent == corpus / "imported" / "balkan-sample-wire"


def test_bad_entries_are_named_with_entry_and_field_and_the_rest_imported(corpus: Path) -> None:
    report = import_feed(_feed("rss2-content.xml"), corpus)
    problems = [str(p) for p in report.problems]
    assert problems == [
        f"{_feed('rss2-content.xml')}: entry 3 (https://wire.example.org/2023/05/untitled), "
        "field title: the entry has no title",
        f"{_feed('rss2-content.xml')}: entry 4, field link: not an http(s) address: "
        "'javascript:alert(document.cookie)'",
    ]
    assert not report.ok
    assert len(report.written) == 2


def test_summaries_only_are_imported_as_summaries_when_offline(corpus: Path) -> None:
    report = import_feed(_feed("rss2-summaries.xml"), corpus)
    articles = _imported(corpus)
    tbilisi = articles["Protest in Tbilisi over media law"]
    assert tbilisi.body == ("Thousands gathered outside the parliament in Tbilisi, Georgia, "
                            "against a draft law on foreign agents.")
    assert any("2 entries hold only a summary" in note for note in report.notes)


def test_rss1_keeps_a_month_date_and_the_dublin_core_creator(corpus: Path) -> None:
    import_feed(_feed("rss1.rdf"), corpus)
    articles = _imported(corpus)
    moldova = articles["Moldova votes in snap parliamentary election"]
    assert moldova.published is not None
    assert (moldova.published.iso(), moldova.published.precision.value) == ("2021-07", "month")
    assert moldova.authors == ("Ion Rusu",)
    kyiv = articles["Air-raid sirens sound in Kyiv"]
    assert kyiv.published is not None
    assert kyiv.published.iso() == "2022-02-24"


def test_atom_html_title_authors_and_duplicate_by_normalised_url(corpus: Path) -> None:
    import_feed(_feed("rss2-content.xml"), corpus)
    report = import_feed(_feed("atom.xml"), corpus)
    articles = _imported(corpus)
    beirut = articles["Beirut port: three years on"]
    assert beirut.authors == ("Rania Khoury", "Samir Haddad")
    assert beirut.outlet == "Levant Sample Review"
    # "http://www.wire.example.org/2023/05/tirana-energy-talks/#top" is the RSS story's page
    assert len(report.written) == 1
    assert len(report.duplicates) == 1
    assert "Tirana hosts regional energy talks (Atom copy)" not in articles


def test_reimporting_the_same_feed_adds_nothing(corpus: Path) -> None:
    first = import_feed(_feed("rss2-content.xml"), corpus)
    before = {p: p.read_bytes() for p in discover(corpus)}
    second = import_feed(_feed("rss2-content.xml"), corpus)
    assert second.written == []
    assert sorted(second.duplicates) == sorted(first.written)
    assert {p: p.read_bytes() for p in discover(corpus)} == before


def test_the_same_text_under_another_address_is_a_duplicate(corpus: Path, tmp_path: Path) -> None:
    import_feed(_feed("rss2-content.xml"), corpus)
    text = (FIXTURES / "rss2-content.xml").read_text(encoding="utf-8")
    moved = tmp_path / "moved.xml"
    moved.write_text(text.replace("wire.example.org/2023/05/skopje", "mirror.example.com/skopje")
                     .replace("Skopje court rules", "SKOPJE: court rules"), encoding="utf-8")
    report = import_feed(str(moved), corpus)
    assert report.written == []
    assert len(report.duplicates) == 2


def test_a_page_that_is_not_a_feed_is_refused_with_its_name(corpus: Path) -> None:
    with pytest.raises(InputError, match=r"not-a-feed\.xml: not an RSS or Atom feed"):
        import_feed(_feed("not-a-feed.xml"), corpus)
    assert _imported(corpus) == {}


def test_a_missing_file_is_named(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.xml: cannot read file"):
        import_feed(str(tmp_path / "nowhere.xml"), corpus)


def test_a_cut_off_feed_yields_what_it_can_with_a_warning(corpus: Path) -> None:
    report = import_feed(_feed("broken-feed.xml"), corpus)
    assert list(_imported(corpus)) == ["Sarajevo film festival opens"]
    assert any("not well-formed" in note and "line" in note for note in report.notes)


def test_an_entry_over_the_article_size_limit_is_refused_alone(corpus: Path,
                                                                tmp_path: Path) -> None:
    huge = "<p>" + "Tirana word " * (MAX_FILE_BYTES // 10) + "</p>"
    feed = tmp_path / "huge.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title>'
        "<item><title>Too long</title><link>https://big.example.org/1</link>"
        f"<description><![CDATA[{huge}]]></description></item>"
        "<item><title>Short</title><link>https://big.example.org/2</link>"
        "<description>A short story from Tirana.</description></item>"
        "</channel></rss>", encoding="utf-8")
    report = import_feed(str(feed), corpus)
    assert list(_imported(corpus)) == ["Short"]
    assert len(report.problems) == 1
    assert "entry 1" in str(report.problems[0])
    assert "limit" in str(report.problems[0])
    assert not list((corpus / "imported").rglob(".*"))  # no temporary file left behind


def test_an_unfetchable_feed_url_is_an_error_naming_it(corpus: Path) -> None:
    url = "http://127.0.0.1:9/feed.xml"  # the discard port: nothing listens there
    with pytest.raises(InputError, match=re.escape(f"{url}: cannot fetch")):
        import_feed(url, corpus)


@pytest.fixture
def local_site() -> Iterator[str]:
    """A web server on 127.0.0.1 serving the fixtures folder (no network involved)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(FIXTURES), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_summary_entries_take_the_linked_pages_text_when_it_can_be_fetched(
        corpus: Path, tmp_path: Path, local_site: str) -> None:
    feed = tmp_path / "local.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local</title>'
        f"<item><title>Border crossing reopens</title><link>{local_site}/article-page.html</link>"
        "<description>Short summary.</description></item>"
        f"<item><title>Gone page</title><link>{local_site}/missing.html</link>"
        "<description>Only this summary survives.</description></item>"
        "</channel></rss>", encoding="utf-8")
    report = import_feed(str(feed), corpus, fetch_pages=True)
    articles = _imported(corpus)
    assert articles["Border crossing reopens"].body.startswith(
        "The Bagratashen crossing between Armenia and Georgia reopened")
    assert articles["Gone page"].body == "Only this summary survives."
    assert any("missing.html" in note and "404" in note for note in report.notes)


def test_a_feed_in_a_declared_legacy_encoding_becomes_utf8_text(corpus: Path,
                                                                 tmp_path: Path) -> None:
    feed = tmp_path / "latin.xml"
    feed.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
        "<title>Përmet Weekly</title><item><title>Durrës port reopens</title>"
        "<link>https://permet.example.org/durres</link>"
        "<description>The port of Durrës, Albania, reopened after the storm.</description>"
        "</item></channel></rss>".encode("latin-1"))
    report = import_feed(str(feed), corpus)
    assert report.ok
    article = read_article(Path(report.written[0]))
    assert article.title == "Durrës port reopens"
    assert article.outlet == "Përmet Weekly"
    assert "Durrës, Albania" in article.body
