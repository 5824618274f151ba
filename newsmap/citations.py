"""Citations of stories: CSL-JSON, RIS and BibTeX for reference managers, and a formatted
reference in one common style (Cite Them Right Harvard, the CSL style citeproc-py ships).

Every format keeps the publication date at its precision: a story of September 2022 is cited
as September 2022, never 1 September 2022. The access date is the day of the export.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

import pandas as pd
import rispy

from newsmap.model import PartialDate, Precision

STYLE_NAME = "Cite Them Right (Harvard)"
_STYLE_FILE = "harvard-cite-them-right.csl"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                   "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}

Record = Mapping[str, Any]
"""One story as :func:`newsmap.query.article_records` gives it."""


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of an ``article_records`` frame as plain dicts (missing values None)."""
    return [{k: (None if _missing(v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def records_from_detail(detail: Mapping[str, Any]) -> dict[str, Any]:
    """One stored story (:func:`newsmap.query.article_detail`) as a citation record."""
    return {key: detail.get(key) for key in
            ("id", "title", "published", "published_precision", "url", "outlet", "authors")}


def csl_item(record: Record, accessed: date | None = None) -> dict[str, Any]:
    """One story as a CSL-JSON item of type ``article-newspaper``."""
    item: dict[str, Any] = {"id": record["id"], "type": "article-newspaper",
                            "title": record["title"]}
    if record.get("outlet"):
        item["container-title"] = record["outlet"]
    authors = [_csl_name(name) for name in _authors(record)]
    if authors:
        item["author"] = authors
    published = _published(record)
    if published is not None:
        item["issued"] = _csl_date(published)
    if record.get("url"):
        item["URL"] = record["url"]
    day = accessed or _today()
    item["accessed"] = {"date-parts": [[day.year, day.month, day.day]]}
    return item


def csl_json(rows: Iterable[Record], accessed: date | None = None) -> bytes:
    """Stories as a CSL-JSON array (UTF-8)."""
    accessed = accessed or _today()
    items = [csl_item(r, accessed) for r in rows]
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


def ris(rows: Iterable[Record], accessed: date | None = None) -> bytes:
    """Stories as RIS, one ``TY  - NEWS`` record each (written by rispy)."""
    day = accessed or _today()
    entries = []
    for record in rows:
        entry: dict[str, Any] = {"type_of_reference": "NEWS", "id": record["id"],
                                 "title": record["title"]}
        authors = _authors(record)
        if authors:
            entry["authors"] = [_ris_name(a) for a in authors]
        if record.get("outlet"):
            entry["secondary_title"] = record["outlet"]
        published = _published(record)
        if published is not None:
            entry["year"] = str(published.year_range[0])
            entry["date"] = _ris_date(published)
        if record.get("url"):
            entry["urls"] = [record["url"]]
        entry["access_date"] = f"{day.year:04d}/{day.month:02d}/{day.day:02d}"
        entries.append(entry)
    return str(rispy.dumps(entries, implementation=_PlainRisWriter)).encode("utf-8")


class _PlainRisWriter(rispy.RisWriter):  # type: ignore[misc]
    """rispy's writer without its "1." line before each record, which other readers reject."""

    def set_header(self, count: int) -> str:
        return ""


def bibtex(rows: Iterable[Record], accessed: date | None = None) -> bytes:
    """Stories as BibTeX ``@article`` entries: the outlet as journal, the date at its
    precision (``year``/``month`` and biblatex ``date``), ``url`` and ``urldate``."""
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import default_unparse_stack
    from bibtexparser.model import Entry
    from bibtexparser.model import Field as BibField

    day = accessed or _today()
    library = Library()
    for record in rows:
        fields = [BibField("title", _latex(record["title"]))]
        authors = _authors(record)
        if authors:
            fields.append(BibField("author", " and ".join(_latex(_bib_name(a)) for a in authors)))
        if record.get("outlet"):
            fields.append(BibField("journal", _latex(record["outlet"])))
        published = _published(record)
        if published is not None:
            fields.append(BibField("year", str(published.year_range[0])))
            if published.month is not None:
                fields.append(BibField("month", _MONTHS[published.month - 1]))
            fields.append(BibField("date", _biblatex_date(published)))
        if record.get("url"):
            fields.append(BibField("url", str(record["url"])))
        fields.append(BibField("urldate", day.isoformat()))
        fields.append(BibField("note", f"Accessed {day.isoformat()}"))
        library.add(Entry("article", str(record["id"]), fields))
    # the library is thrown away: its entries may be changed in place (a copy took seconds)
    stack = default_unparse_stack(allow_inplace_modification=True)
    return str(write_string(library, unparse_stack=stack)).encode("utf-8")


def formatted_reference(record: Record, accessed: date | None = None) -> str:
    """The story's reference in :data:`STYLE_NAME`, as plain text (escape it for HTML)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    source = CiteProcJSON([csl_item(record, accessed)])
    style = CitationStylesStyle(str(_style_path()), locale="en-GB", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(str(record["id"]).lower())]))
    return "".join(str(part) for part in bibliography.bibliography()[0]).strip()


def _style_path() -> Any:
    return resources.files("citeproc").joinpath("data", "styles", _STYLE_FILE)


def _today() -> date:
    return datetime.now(UTC).date()


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _authors(record: Record) -> list[str]:
    raw = record.get("authors")
    if isinstance(raw, str):
        raw = json.loads(raw) if raw.strip().startswith("[") else [raw]
    return [str(a).strip() for a in (raw or []) if str(a).strip()]


def _published(record: Record) -> PartialDate | None:
    text = record.get("published")
    return PartialDate.parse(str(text)) if text else None


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) of a personal name written "Given Family" or "Family, Given"."""
    if "," in name:
        family, given = name.split(",", 1)
        return family.strip(), given.strip()
    parts = name.split()
    return parts[-1], " ".join(parts[:-1])


def _csl_name(name: str) -> dict[str, str]:
    family, given = _split_name(name)
    return {"family": family, "given": given} if given else {"literal": name}


def _ris_name(name: str) -> str:
    family, given = _split_name(name)
    return f"{family}, {given}" if given else name


def _bib_name(name: str) -> str:
    family, given = _split_name(name)
    return f"{family}, {given}" if given else "{" + name + "}"


def _csl_date(published: PartialDate) -> dict[str, Any]:
    if published.precision is Precision.DECADE:
        first, last = published.year_range
        return {"date-parts": [[first], [last]]}
    parts = [published.year, published.month, published.day]
    return {"date-parts": [[p for p in parts if p is not None]]}


def _ris_date(published: PartialDate) -> str:
    """RIS ``DA``: ``YYYY/MM/DD/`` with unknown parts left empty (``2022/09//``)."""
    month = f"{published.month:02d}" if published.month else ""
    day = f"{published.day:02d}" if published.day else ""
    return f"{published.year_range[0]:04d}/{month}/{day}/"


def _biblatex_date(published: PartialDate) -> str:
    if published.precision is Precision.DECADE:
        first, last = published.year_range
        return f"{first:04d}/{last:04d}"
    return published.iso()


def _latex(text: str) -> str:
    """Text with LaTeX's special characters escaped, so the entry parses and typesets."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)
