"""Article pages into articles with trafilatura: metadata, main text, refusals."""

from __future__ import annotations

from pathlib import Path

from newsmap.corpus import discover, read_article
from newsmap.importers.stories import import_pages

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "sources"
PAGE = FIXTURES / "article-page.html"


def test_a_saved_page_gives_title_date_author_outlet_address_and_main_text(corpus: Path) -> None:
    report = import_pages([str(PAGE)], corpus)
    assert report.ok
    assert len(report.written) == 1
    path = Path(report.written[0])
    assert path.parent == corpus / "imported" / "caucasus-ledger"
    article = read_article(path)
    assert article.title == "Border crossing reopens between Armenia and Georgia"
    assert article.published is not None
    assert article.published.iso() == "2023-04-18"
    assert article.authors == ("Nina Abashidze",)
    assert article.outlet == "Caucasus Ledger"
    assert article.url == "https://ledger.example.org/2023/04/border-crossing-reopens"
    assert article.body.startswith("The Bagratashen crossing")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    for boilerplate in ("Most read", "All rights reserved", "tracker", "Politics"):
        assert boilerplate not in article.body


def test_importing_the_page_again_adds_nothing(corpus: Path) -> None:
    import_pages([str(PAGE)], corpus)
    again = import_pages([str(PAGE)], corpus)
    assert again.written == []
    assert len(again.duplicates) == 1


def test_pages_that_cannot_be_read_are_named_and_the_others_imported(corpus: Path,
                                                                      tmp_path: Path) -> None:
    empty = tmp_path / "menu-only.html"
    empty.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
                     "</nav></body></html>", encoding="utf-8")
    latin = tmp_path / "binary.html"
    latin.write_bytes(b"\x00\x01\x02\x03" * 100)
    missing = tmp_path / "missing.html"
    report = import_pages([str(empty), str(PAGE), str(latin), str(missing),
                           "ftp://example.org/page.html"], corpus)
    assert len(report.written) == 1
    refused = {p.source: p.reason for p in report.problems}
    assert set(refused) == {str(empty), str(latin), str(missing), "ftp://example.org/page.html"}
    assert "no article text" in refused[str(empty)]
    assert "cannot read file" in refused[str(missing)]
    assert "only http:// and https://" in refused["ftp://example.org/page.html"]
    assert [p.name for p in discover(corpus) if "imported" in p.parts] == [
        Path(report.written[0]).name]


def test_page_text_reaching_the_article_is_plain_text(corpus: Path, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><head><title>Protest in Tirana &lt;script&gt;</title></head><body><article>"
        "<h1>Protest in Tirana &lt;script&gt;</h1>"
        "<p>Hundreds marched in Tirana, Albania, on Saturday. <img src=x onerror=alert(1)>"
        "They asked for new elections and an inquiry into the cyberattack on the state.</p>"
        "<p>Organisers said the march would be repeated every week until their demands "
        "were heard by the government in the capital.</p><script>alert(2)</script>"
        "</article></body></html>", encoding="utf-8")
    report = import_pages([str(page)], corpus)
    article = read_article(Path(report.written[0]))
    assert "onerror" not in article.body
    assert "alert" not in article.body
    assert article.title == "Protest in Tirana <script>"  # kept as text; escaped when shown
