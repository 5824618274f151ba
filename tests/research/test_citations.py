"""Citations parsed back by independent readers (jsonschema with a CSL schema, rispy,
bibtexparser with LaTeX decoding) and compared field by field with the store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import rispy
from bibtexparser import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware

from newsmap import citations
from newsmap.query import Filters
from tests.research.conftest import reading

SCHEMA = json.loads((Path(__file__).with_name("csl-data.schema.json")).read_text())
ACCESSED = date(2026, 12, 1)


def _records(db: str, filters: Filters | None = None) -> list[dict[str, object]]:
    with reading(db) as store:
        return citations.records(store.article_records(filters or Filters()))


def _authors(record: dict[str, object]) -> list[str]:
    return json.loads(str(record["authors"]))


def test_csl_json_is_valid_and_carries_every_field(built):
    _, db = built
    rows = _records(db)
    items = json.loads(citations.csl_json(rows, ACCESSED))
    jsonschema.validate(items, SCHEMA)
    assert [i["id"] for i in items] == [r["id"] for r in rows]
    by_id = {i["id"]: i for i in items}
    for row in rows:
        item = by_id[row["id"]]
        assert item["type"] == "article-newspaper"
        assert item["title"] == row["title"]
        assert item.get("container-title") == row["outlet"]
        assert item.get("URL") == row["url"]
        assert item["accessed"] == {"date-parts": [[2026, 12, 1]]}
        names = [a.get("literal") or f"{a['given']} {a['family']}" for a in item.get("author", [])]
        assert len(names) == len(_authors(row))
    quake = by_id["durres-quake"]
    assert quake["issued"] == {"date-parts": [[2019, 11, 26]]}
    assert quake["author"] == [{"family": "Kola", "given": "Ana"},
                               {"family": "Berisha", "given": "Edi"}]
    assert by_id["albania-cuts-diplomatic-ties-with-iran"]["issued"] == {"date-parts": [[2022, 9]]}
    assert by_id["georgia-decade"]["issued"] == {"date-parts": [[2000], [2009]]}
    assert by_id["georgia-decade"]["author"] == [{"literal": "Nino"}]


def test_ris_read_back_by_rispy(built):
    _, db = built
    rows = _records(db)
    entries = rispy.loads(citations.ris(rows, ACCESSED).decode("utf-8"))
    assert len(entries) == len(rows)
    for entry, row in zip(entries, rows, strict=True):
        assert entry["type_of_reference"] == "NEWS"
        assert entry["id"] == row["id"]
        assert entry["title"] == row["title"]
        assert entry.get("secondary_title") == row["outlet"]
        assert entry.get("urls", [None]) == [row["url"]]
        assert entry["access_date"] == "2026/12/01"
        assert len(entry.get("authors", [])) == len(_authors(row))
    dates = {e["id"]: (e.get("year"), e.get("date")) for e in entries}
    assert dates["durres-quake"] == ("2019", "2019/11/26/")
    assert dates["albania-cuts-diplomatic-ties-with-iran"] == ("2022", "2022/09//")
    quake = next(e for e in entries if e["id"] == "durres-quake")
    assert quake["authors"] == ["Kola, Ana", "Berisha, Edi"]


def test_bibtex_read_back_by_bibtexparser(built):
    _, db = built
    rows = _records(db)
    text = citations.bibtex(rows, ACCESSED).decode("utf-8")
    library = parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    raw = {e.key: e for e in parse_string(text).entries}  # urls are verbatim, not LaTeX
    assert set(entries) == {r["id"] for r in rows}
    for row in rows:
        entry = entries[str(row["id"])]
        fields = {f.key: f.value for f in entry.fields}
        assert entry.entry_type == "article"
        assert fields["title"] == row["title"]
        assert fields.get("journal") == row["outlet"]
        assert {f.key: f.value for f in raw[entry.key].fields}.get("url") == row["url"]
        assert fields["urldate"] == "2026-12-01"
    quake = {f.key: f.value for f in entries["durres-quake"].fields}
    assert (quake["year"], quake["month"], quake["date"]) == ("2019", "nov", "2019-11-26")
    assert quake["author"] == "Kola, Ana and Berisha, Edi"
    seed = {f.key: f.value for f in entries["albania-cuts-diplomatic-ties-with-iran"].fields}
    assert (seed["year"], seed["month"], seed["date"]) == ("2022", "sep", "2022-09")
    decade = {f.key: f.value for f in entries["georgia-decade"].fields}
    assert "month" not in decade
    assert decade["date"] == "2000/2009"


def test_formatted_reference_names_author_year_title_outlet_and_link(built):
    _, db = built
    quake = next(r for r in _records(db) if r["id"] == "durres-quake")
    text = citations.formatted_reference(quake, ACCESSED)
    assert text.startswith("Kola, A. and Berisha, E. (2019)")
    assert "Earthquake in Durrës" in text
    assert "Balkan Times & Co" in text
    assert "https://example.org/durres?x=1&y=2" in text
    assert "1 December 2026" in text


def test_a_month_dated_story_is_not_cited_as_a_day(built):
    _, db = built
    seed = next(r for r in _records(db) if r["id"] == "albania-cuts-diplomatic-ties-with-iran")
    text = citations.formatted_reference(seed, ACCESSED)
    assert "(2022)" in text
    assert "September" in text
    assert "1 September" not in text


def test_filters_are_the_apps(built):
    _, db = built
    found = _records(db, Filters(years=(2019, 2019)))
    assert [r["id"] for r in found] == ["durres-quake"]
    found = _records(db, Filters(text="Abkhazia"))
    assert [r["id"] for r in found] == ["georgia-decade"]


AWKWARD = ["}{ unbalanced {", "100% & $5 #1 _x_ ~ tilde", "back\\slash \\textbf{x}",
           "Ελληνικά — “quotes” 'single'", "@article{evil, title={x}}", "a % comment",
           "=cmd|' /C calc'!A0", "line\u2028separator"]


def test_awkward_text_survives_every_format():
    rows = [{"id": f"story-{i}", "title": text, "published": "2022", "url": None,
             "outlet": text, "authors": json.dumps([text])} for i, text in enumerate(AWKWARD)]
    library = parse_string(citations.bibtex(rows, ACCESSED).decode(),
                           append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    assert [e.fields_dict["title"].value for e in library.entries] == AWKWARD
    assert [e.fields_dict["journal"].value for e in library.entries] == AWKWARD
    entries = rispy.loads(citations.ris(rows, ACCESSED).decode())
    assert [e["title"] for e in entries] == AWKWARD
    items = json.loads(citations.csl_json(rows, ACCESSED))
    jsonschema.validate(items, SCHEMA)
    assert [i["title"] for i in items] == AWKWARD
    caret = citations.bibtex([{**rows[0], "title": "x^2"}], ACCESSED).decode()
    assert r"x\textasciicircum{}2" in caret  # LaTeX's own caret, not a math superscript
