"""Article pages (saved or fetched HTML) read into drafts with trafilatura: title, date,
author, outlet, address and the main text without menus, asides and footers."""

from __future__ import annotations

import logging
import re
from typing import Any

import trafilatura

from newsmap.importers.articles import Draft
from newsmap.importers.report import InputError
from newsmap.importers.text import http_url
from newsmap.model import PartialDate

MAX_PAGE_BYTES = 10_000_000
"""Largest page read: markup is several times its text, whose limit is that of articles."""

MIN_TEXT_CHARS = 80
"""Less main text than this is a menu or a stub, not an article."""

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every odd page at WARNING


def page_text(html: bytes | str, url: str | None = None) -> str:
    """The main text of an article page, paragraphs separated by blank lines ('' if none)."""
    found = _extract(html, url)
    return _paragraphs(found, _field(found, "title")) if found is not None else ""


def draft_from_page(html: bytes | str, source: str, url: str | None = None) -> Draft:
    """The story on an article page; InputError naming ``source`` when the page holds none.
    ``url`` is where it was fetched from (a saved page's own canonical address is used else)."""
    found = _extract(html, url)
    if found is None:
        raise InputError(source, "no article text found in the page")
    title = _field(found, "title")
    if not title:
        raise InputError(source, "the page has no title")
    body = _paragraphs(found, title)
    if len(body) < MIN_TEXT_CHARS:
        raise InputError(source, f"no article text found in the page (only {len(body)} "
                         "characters of text outside menus and footers)")
    author = _field(found, "author")
    return Draft(
        title=title,
        body=body,
        published=_date(_field(found, "date")),
        url=http_url(url) or http_url(_field(found, "url")),
        outlet=_field(found, "sitename") or None,
        authors=tuple(a.strip() for a in re.split(r";|\band\b", author) if a.strip()),
    )


def _extract(html: bytes | str, url: str | None) -> Any:
    if not html.strip():
        return None
    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, LookupError, RecursionError):  # odd markup or encodings
        return None


def _field(found: Any, name: str) -> str:
    value = getattr(found, name, None)
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else ""


def _paragraphs(found: Any, title: str) -> str:
    text = getattr(found, "text", None)
    if not isinstance(text, str):
        return ""
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the page's own heading, already the title
    return "\n\n".join(lines)


def _date(value: str) -> PartialDate | None:
    try:
        return PartialDate.parse(value[:10]) if value else None
    except ValueError:
        return None
