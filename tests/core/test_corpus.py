"""Reading article files: both formats, and a clear error naming the file for each bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmap.corpus import article_id_for, discover, read_article
from newsmap.errors import ArticleError
from newsmap.model import Precision
from tests.conftest import SEED


def test_seed_reads_with_month_precision() -> None:
    article = read_article(SEED)
    assert article.id == "albania-cuts-diplomatic-ties-with-iran"
    assert article.title == "Albania cuts diplomatic ties with Iran"
    assert article.published is not None
    assert article.published.precision is Precision.MONTH
    assert article.published.iso() == "2022-09"
    assert article.url is None
    assert article.outlet is None
    assert article.authors == ()
    assert article.body.startswith("Albania has ordered all staff of the Iranian Embassy")


def test_plain_text_title_line_blank_line_body(tmp_path: Path) -> None:
    path = tmp_path / "Tbilisi Protests (2019).txt"
    path.write_text("Protests in Tbilisi\n\nThousands gathered outside parliament.\n")
    article = read_article(path)
    assert article.id == "tbilisi-protests-2019"
    assert article.title == "Protests in Tbilisi"
    assert article.body == "Thousands gathered outside parliament."
    assert article.published is None


def test_markdown_front_matter_fields(tmp_path: Path) -> None:
    path = tmp_path / "ohrid.md"
    path.write_text(
        "---\ntitle: The Ohrid Agreement\npublished: 2001-08-13\nurl: https://example.org/ohrid\n"
        "outlet: Balkan Review\nauthors: [A. Writer, B. Writer]\ntopics: peace\n"
        "countries: [MKD]\n---\nThe agreement ended the conflict.\n"
    )
    article = read_article(path)
    assert article.published is not None
    assert article.published.iso() == "2001-08-13"
    assert article.url == "https://example.org/ohrid"
    assert article.authors == ("A. Writer", "B. Writer")
    assert article.topics == ("peace",)
    assert article.curated_countries == ("MKD",)


def test_markdown_heading_title_without_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "heading.md"
    path.write_text("# Elections in Moldova\n\nVoters went to the polls.\n")
    assert read_article(path).title == "Elections in Moldova"


BAD_INPUTS = {
    "broken-yaml.md": (b"---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML"),
    "impossible-date.md": (b"---\ntitle: T\npublished: 2022-02-30\n---\nBody.\n", "published"),
    "invalid-date.md": (b"---\ntitle: T\npublished: last spring\n---\nBody.\n", "published"),
    "no-title.md": (b"---\npublished: 2020\n---\nBody.\n", "no title"),
    "empty-body.md": (b"---\ntitle: T\n---\n\n\n", "empty body"),
    "latin1.txt": ("Tirana\n\nDurr\u00ebs port".encode("latin-1"), "not UTF-8"),
    "js-url.md": (b"---\ntitle: T\nurl: javascript:alert(1)\n---\nBody.\n", "http"),
    "unclosed.md": (b"---\ntitle: T\nBody without a closing line\n", "never closed"),
    "unknown-key.md": (b"---\ntitle: T\ntitel: typo\n---\nBody.\n", "unknown front matter key"),
    "bad-country.md": (b"---\ntitle: T\ncountries: [Albania]\n---\nBody.\n", "alpha-3"),
    "empty.txt": (b"", "no title"),
    "title-only.txt": (b"Just a title\n", "empty body"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_names_the_file_and_the_reason(tmp_path: Path, name: str) -> None:
    content, reason = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert caught.value.path == str(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Title\n\n" + b"word " * 500_000)
    with pytest.raises(ArticleError, match="limit"):
        read_article(path)


def test_discover_is_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("a/b/deep.md", "top.txt", ".git/x.md", "a/.hidden.md", "notes.json"):
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "a/b/deep.md", "top.txt"
    ]


def test_ids_are_stable_slugs() -> None:
    assert article_id_for(Path("x/Durrës Port — Report.md")) == "durres-port-report"


def _story(path: Path, title: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\nOfficials in Tirana met on Monday.\n", encoding="utf-8")


def test_files_giving_one_article_id_are_all_refused_by_name(tmp_path: Path) -> None:
    from newsmap.sources.corpus import CorpusSource

    _story(tmp_path / "2020" / "tirana-talks.md", "Talks")
    _story(tmp_path / "2021" / "Tirana Talks.txt", "Talks again")  # folds to the same id
    _story(tmp_path / "2021" / "durres.md", "Durrës")
    _story(tmp_path / "2022" / "durres.markdown", "Durrës again")  # same stem, other suffix
    _story(tmp_path / "2022" / ("a" * 205 + ".md"), "Long")  # cut to 200 characters ...
    _story(tmp_path / "2022" / ("a" * 200 + ".md"), "Long too")  # ... the id of this one
    _story(tmp_path / "2022" / "skopje.md", "Skopje")
    _story(tmp_path / "2023" / "x.txt.md", "Two suffixes")  # the id of its stem 'x.txt' ...
    _story(tmp_path / "2023" / "x-txt.md", "Plain")  # ... is this one's
    _story(tmp_path / "2023" / "x.md", "Another id")
    scan = CorpusSource(tmp_path).scan()
    assert [Path(item.key).name for item in scan.items] == ["skopje.md", "x.md"]
    reasons = {Path(r.path).name: r.reason for r in scan.refused}
    assert set(reasons) == {"tirana-talks.md", "Tirana Talks.txt", "durres.md",
                            "durres.markdown", "a" * 205 + ".md", "a" * 200 + ".md",
                            "x.txt.md", "x-txt.md"}
    assert reasons["tirana-talks.md"] == (
        f"article id 'tirana-talks' is also the id of {tmp_path / '2021' / 'Tirana Talks.txt'}; "
        "rename one")
    assert "is also the id of" in reasons["a" * 200 + ".md"]


def test_distinct_plain_names_are_all_kept(tmp_path: Path) -> None:
    from newsmap.sources.corpus import CorpusSource

    names = ["a.md", "a-1.md", "b2.txt", "x-y-z.markdown", "1999.md", "ALB.md", "-lead.md",
             "b.txt.md", "Ünïcode.md", "c.MD"]
    for name in names:
        _story(tmp_path / name, name)
    scan = CorpusSource(tmp_path).scan()
    assert sorted(Path(item.key).name for item in scan.items) == sorted(names)
    assert scan.refused == []


def test_a_folder_is_taken_whole_only_when_every_name_is_an_article(tmp_path: Path) -> None:
    """The scan takes a folder in one go when all its names have an article suffix; hidden
    names, other files and names holding a line break are judged name by name as before."""
    from newsmap.sources.corpus import CorpusSource

    plain = tmp_path / "plain"
    for name in ("a.MD", "b.Markdown", "c.txt", ".draft.md"):
        _story(plain / name, name)
    mixed = tmp_path / "mixed"
    for name in ("d.md", "notes.csv", "e.txt.bak", "f\n.md", "g.md\nh.md", ".x"):
        _story(mixed / name, name)
    scan = CorpusSource(tmp_path).scan()
    assert [item.key.removeprefix(f"{tmp_path}/") for item in scan.items] == [
        "mixed/d.md", "mixed/f\n.md", "mixed/g.md\nh.md", "plain/a.MD", "plain/b.Markdown",
        "plain/c.txt"]
