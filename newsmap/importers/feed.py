"""RSS (0.9x, 1.0, 2.0) and Atom feeds read with feedparser into drafts, one per entry.

An entry's text is its full content when the feed carries it; when it holds only a summary,
the linked page is fetched and its main text used, if fetching is allowed (it is for a feed
given by URL, never for a saved file) and the page can be read; else the summary is kept.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from newsmap.importers.articles import Draft
from newsmap.importers.page import page_text
from newsmap.importers.report import InputError, Problem
from newsmap.importers.text import html_to_text, http_url, slugify
from newsmap.model import PartialDate

MAX_FEED_BYTES = 20_000_000
"""Largest feed read (a feed holds many articles; each must still fit the article limit)."""

PageFetcher = Callable[[str], bytes]
"""Returns the bytes of a page at an http(s) address, or raises InputError."""


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: where it is (for messages), and its draft or the problem."""

    number: int
    draft: Draft | None
    problem: Problem | None = None
    note: str | None = None
    from_summary: bool = False
    """The text is the feed's summary (the entry had no content and no page was read)."""


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title (the outlet), a slug for its folder, and its entries."""

    title: str
    slug: str
    entries: tuple[FeedEntry, ...]
    warning: str | None = None


def parse_feed(data: bytes, source: str, fetch_page: PageFetcher | None = None) -> Feed:
    """Read a feed's bytes; InputError when they hold no feed at all. A feed that is not
    well-formed but still yields entries is read, with a warning."""
    base = {"content-location": source} if http_url(source) else None  # relative links
    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False,
                                   response_headers=base)
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        raise InputError(source, f"not a readable RSS or Atom feed: {_bozo(parsed)}")
    if not version and not entries:
        raise InputError(source, "not an RSS or Atom feed (no channel or feed element found)")
    warning = None
    if parsed.get("bozo"):
        warning = f"{source}: the feed is not well-formed ({_bozo(parsed)}); read what could be"
    info = parsed.get("feed") or {}
    title = _clean(info.get("title")) or _clean(info.get("link")) or source
    outlet = _clean(info.get("title")) or None
    slug = slugify(title, 40) or "feed"
    read = tuple(_entry(source, number, entry, outlet, fetch_page)
                 for number, entry in enumerate(entries, start=1))
    return Feed(title=title, slug=slug, entries=read, warning=warning)


def _bozo(parsed: Any) -> str:
    error = parsed.get("bozo_exception")
    line = getattr(error, "getLineNumber", None)
    where = f"line {line()}: " if callable(line) else ""
    return f"{where}{getattr(error, 'getMessage', lambda: str(error))()}"


def _entry(source: str, number: int, entry: Any, outlet: str | None,
           fetch_page: PageFetcher | None) -> FeedEntry:
    link = http_url(entry.get("link"))
    where = f"entry {number}" + (f" ({link})" if link else "")

    def refuse(column: str, reason: str) -> FeedEntry:
        return FeedEntry(number, None, Problem(source, where, column, reason, "field"))

    title = _clean(html_to_text(entry.get("title") or ""))
    if not title:
        return refuse("title", "the entry has no title")
    note = None
    from_summary = False
    body = _content(entry)
    if not body:
        summary = html_to_text(entry.get("summary") or entry.get("description") or "")
        body, note = _from_page(link, fetch_page, where)
        if not body:
            body, from_summary = summary, True
    if not body.strip():
        return refuse("content", "the entry has no text (no content, summary or readable page)")
    published, date_problem = _published(entry)
    if date_problem:
        return refuse(*date_problem)
    raw_link = entry.get("link")
    if raw_link and not link:
        return refuse("link", f"not an http(s) address: {str(raw_link)[:80]!r}")
    draft = Draft(title=title, body=body, published=published, url=link, outlet=outlet,
                  authors=tuple(_authors(entry)))
    return FeedEntry(number, draft, note=note, from_summary=from_summary)


def _content(entry: Any) -> str:
    """The entry's full content as text ('' when it has none)."""
    for item in entry.get("content") or []:
        text = html_to_text(str(item.get("value") or ""))
        if text:
            return text
    return ""


def _from_page(link: str | None, fetch_page: PageFetcher | None,
               where: str) -> tuple[str, str | None]:
    if link is None or fetch_page is None:
        return "", None
    try:
        text = page_text(fetch_page(link), link)
    except InputError as error:
        return "", f"{where}: kept the summary; {error}"
    if not text:
        return "", f"{where}: kept the summary; no article text found at {link}"
    return text, None


_PARTIAL = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?\s*$")


def _published(entry: Any) -> tuple[PartialDate | None, tuple[str, str] | None]:
    """The entry's date at the precision it is given (a bare year or month stays one)."""
    for name in ("published", "updated", "created"):
        raw = entry.get(name)
        if not raw:
            continue
        partial = _PARTIAL.match(str(raw))
        if partial:
            try:
                return PartialDate.parse(partial.group(0).strip()), None
            except ValueError as error:
                return None, (name, str(error))
        parsed = entry.get(f"{name}_parsed")
        if isinstance(parsed, time.struct_time):
            try:
                return PartialDate.parse(time.strftime("%Y-%m-%d", parsed)), None
            except ValueError as error:
                return None, (name, str(error))
        return None, (name, f"not a date feedparser can read: {str(raw)[:60]!r}")
    return None, None


def _authors(entry: Any) -> Iterator[str]:
    seen = set()
    for author in entry.get("authors") or []:
        name = _clean(author.get("name") if hasattr(author, "get") else str(author))
        if name and name not in seen:
            seen.add(name)
            yield name
    single = _clean(entry.get("author"))
    if single and not seen:
        yield single


def _clean(value: Any) -> str:
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else ""
