"""Questions the app asks the store, under the reader's filters, answered as DataFrames.

Filter semantics (the same on every page):

- ``years`` with ``year_basis="event"`` keeps stories with at least one dated event whose year
  range overlaps the span, and counts a story for a country only through such an event *in that
  country* (a 2022 story about Albania that recalls Bosnia in 1994 drops from Bosnia for
  2019-2022). With ``year_basis="published"`` the span applies to publication years instead.
- ``event_types`` works like the event-year span: stories with an event of those types.
- ``countries``, ``outlets``, ``regions`` keep stories tagged with any of the values given.
- ``text`` is a full-text search over title and body; any input is safe (it is quoted).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

YearBasis = Literal["event", "published"]
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
"""Sentinels around full-text matches in snippets; escape the text, then turn them into marks."""


@dataclass(frozen=True)
class Filters:
    """The reader's filters; the default keeps everything."""

    years: tuple[int, int] | None = None
    year_basis: YearBasis = "event"
    countries: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    text: str = ""

    @property
    def filters_events(self) -> bool:
        """True when the filters select stories through their events (event years or types)."""
        return bool(self.event_types) or (self.years is not None and self.year_basis == "event")


@dataclass
class _Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1"


def fts_query(text: str) -> str | None:
    """The FTS5 query matching every word of ``text`` (quoted, so operators are plain words)."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join(f'"{word}"' for word in words[:32])


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def _story_where(filters: Filters, alias: str = "a") -> _Where:
    where = _Where()
    match = fts_query(filters.text)
    if match is not None:
        where.add(f"{alias}.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                  match)
    if filters.countries:
        where.add(f"EXISTS (SELECT 1 FROM country_tags ct WHERE ct.article_id = {alias}.id"
                  f" AND ct.iso3 IN {_in(filters.countries)})", *filters.countries)
    if filters.outlets:
        where.add(f"{alias}.outlet IN {_in(filters.outlets)}", *filters.outlets)
    if filters.regions:
        where.add(f"EXISTS (SELECT 1 FROM regions r WHERE r.article_id = {alias}.id"
                  f" AND r.name IN {_in(filters.regions)})", *filters.regions)
    if filters.years is not None and filters.year_basis == "published":
        where.add(f"{alias}.published_year BETWEEN ? AND ?", *filters.years)
    if filters.filters_events:
        events = _event_where(filters, "fe")
        where.add(f"EXISTS (SELECT 1 FROM events fe WHERE fe.article_id = {alias}.id"
                  f" AND {events.sql()})", *events.params)
    return where


def _event_where(filters: Filters, alias: str = "e") -> _Where:
    where = _Where()
    if filters.years is not None and filters.year_basis == "event":
        where.add(f"{alias}.year_to >= ? AND {alias}.year_from <= ?",
                  filters.years[0], filters.years[1])
    if filters.event_types:
        where.add(f"{alias}.type IN {_in(filters.event_types)}", *filters.event_types)
    return where


def _frame(rows: list[sqlite3.Row], columns: list[str], ints: Sequence[str] = ()) -> pd.DataFrame:
    """Rows as a DataFrame whose missing values stay None (pandas 3 would make text NaN)."""
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)
    return frame.astype(dict.fromkeys(ints, "int64")) if ints else frame


def count_by_country(conn: sqlite3.Connection, filters: Filters) -> pd.DataFrame:
    """Stories and events per country (columns iso3, stories, events) under ``filters``."""
    stories = _story_where(filters)
    events = _event_where(filters)
    event_rows = conn.execute(
        "SELECT e.iso3, COUNT(DISTINCT e.article_id), COUNT(*) FROM events e"
        " JOIN articles a ON a.id = e.article_id"
        f" WHERE e.iso3 IS NOT NULL AND {events.sql()} AND {stories.sql()} GROUP BY e.iso3",
        [*events.params, *stories.params],
    ).fetchall()
    counts: dict[str, list[int]] = {}
    if filters.filters_events:
        for iso3, n_stories, n_events in event_rows:
            counts[iso3] = [n_stories, n_events]
    else:
        tag_rows = conn.execute(
            "SELECT c.iso3, COUNT(*) FROM country_tags c JOIN articles a ON a.id = c.article_id"
            f" WHERE {stories.sql()} GROUP BY c.iso3",
            stories.params,
        ).fetchall()
        for iso3, n_stories in tag_rows:
            counts[iso3] = [n_stories, 0]
        for iso3, _n_stories, n_events in event_rows:
            counts.setdefault(iso3, [0, 0])[1] = n_events
    frame = pd.DataFrame(
        [(iso3, s, e) for iso3, (s, e) in sorted(counts.items())],
        columns=["iso3", "stories", "events"],
    )
    return frame.astype({"stories": "int64", "events": "int64"})


_STORY_COLUMNS = [
    "id", "title", "published", "published_precision", "url", "outlet", "synthetic",
    "countries", "places", "events", "evidence", "snippet",
]


def stories(
    conn: sqlite3.Connection,
    filters: Filters,
    country: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The stories matching ``filters`` (and tied to ``country`` when given), most relevant first.

    Columns: id, title, published, published_precision, url, outlet, synthetic, countries
    (ISO3s joined by ", "), places and events (counts), evidence (the sentence tying the story
    to ``country``, or to its main country), snippet (full-text match with sentinels, or "").
    """
    where = _story_where(filters)
    join = ""
    order = "a.published IS NULL, a.published DESC, a.title"
    evidence = ("(SELECT json_extract(c2.evidence, '$[0]') FROM country_tags c2"
                " WHERE c2.article_id = a.id ORDER BY c2.salience DESC LIMIT 1)")
    params: list[Any] = []
    if country is not None:
        join = "JOIN country_tags sel ON sel.article_id = a.id AND sel.iso3 = ?"
        params.append(country)
        evidence = "json_extract(sel.evidence, '$[0]')"
        order = "sel.is_primary DESC, sel.salience DESC, " + order
        if filters.filters_events:
            events = _event_where(filters, "ce")
            where.add("EXISTS (SELECT 1 FROM events ce WHERE ce.article_id = a.id"
                      f" AND ce.iso3 = ? AND {events.sql()})", country, *events.params)
    snippet = "''"
    if fts_query(filters.text) is not None:
        snippet = (
            "(SELECT snippet(articles_fts, 1, char(2), char(3), '…', 16) FROM articles_fts"
            " WHERE articles_fts MATCH ? AND articles_fts.rowid = a.pk)"
        )
        params.insert(0, fts_query(filters.text))
    sql = (
        "SELECT a.id, a.title, a.published, a.published_precision, a.url, a.outlet, a.synthetic,"
        " (SELECT group_concat(iso3, ', ') FROM (SELECT c.iso3 FROM country_tags c"
        "   WHERE c.article_id = a.id ORDER BY c.salience DESC)) AS countries,"
        " (SELECT COUNT(*) FROM places p WHERE p.article_id = a.id) AS places,"
        " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events,"
        f" {evidence} AS evidence, {snippet} AS snippet"
        f" FROM articles a {join} WHERE {where.sql()} ORDER BY {order}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, [*params, *where.params]).fetchall()
    frame = _frame(rows, _STORY_COLUMNS, ints=("places", "events"))
    return frame.astype({"synthetic": "bool"})


def count_stories(conn: sqlite3.Connection, filters: Filters) -> int:
    """How many stories match ``filters``."""
    where = _story_where(filters)
    row = conn.execute(f"SELECT COUNT(*) FROM articles a WHERE {where.sql()}", where.params)
    return int(row.fetchone()[0])


_EVENT_COLUMNS = [
    "article_id", "title", "url", "date", "precision", "year_from", "year_to", "type",
    "iso3", "place", "lat", "lon", "summary",
]


def events(
    conn: sqlite3.Connection,
    filters: Filters,
    country: str | None = None,
    *,
    located_only: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Events of the matching stories, in date order (undated last), optionally in one country.

    Columns: article_id, title, url, date, precision, year_from, year_to, type, iso3, place,
    lat, lon, summary. ``located_only`` keeps events with coordinates (for markers).
    """
    stories_where = _story_where(filters)
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = ?", country)
    if located_only:
        where.add("e.lat IS NOT NULL")
    sql = (
        "SELECT e.article_id, a.title, a.url, e.date, e.precision, e.year_from, e.year_to,"
        " e.type, e.iso3, e.place, e.lat, e.lon, e.summary"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {where.sql()} AND {stories_where.sql()}"
        " ORDER BY e.sort_key IS NULL, e.sort_key, a.title, e.pk"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, [*where.params, *stories_where.params]).fetchall()
    return _frame(rows, _EVENT_COLUMNS)


def article_detail(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One stored article with its country tags, places, events and regions, or None."""
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    detail: dict[str, Any] = dict(row)
    for table, order in (("country_tags", "salience DESC"), ("places", "pk"),
                         ("events", "sort_key IS NULL, sort_key, pk"), ("regions", "name")):
        rows = conn.execute(
            f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,)
        ).fetchall()
        detail[table] = [dict(r) for r in rows]
    return detail


def outlets(conn: sqlite3.Connection) -> list[str]:
    """Every outlet named by a stored article, sorted."""
    rows = conn.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1")
    return [r[0] for r in rows]


def tagged_countries(conn: sqlite3.Connection) -> list[str]:
    """Every ISO3 some stored article is tagged with, sorted."""
    return [r[0] for r in conn.execute("SELECT DISTINCT iso3 FROM country_tags ORDER BY 1")]


def regions(conn: sqlite3.Connection) -> list[str]:
    """Every region some stored article names, sorted."""
    return [r[0] for r in conn.execute("SELECT DISTINCT name FROM regions ORDER BY 1")]


def event_types(conn: sqlite3.Connection) -> list[str]:
    """Every event type present in the store, sorted."""
    return [r[0] for r in conn.execute("SELECT DISTINCT type FROM events ORDER BY 1")]


def year_bounds(conn: sqlite3.Connection, basis: YearBasis = "event") -> tuple[int, int] | None:
    """The first and last year on the chosen basis, or None when the store has no dates."""
    if basis == "event":
        row = conn.execute("SELECT MIN(year_from), MAX(year_to) FROM events").fetchone()
    else:
        row = conn.execute("SELECT MIN(published_year), MAX(published_year) FROM articles")
        row = row.fetchone()
    if row is None or row[0] is None:
        return None
    return int(row[0]), int(row[1])


def rejections(conn: sqlite3.Connection) -> pd.DataFrame:
    """The files the last build rejected (columns source_path, reason)."""
    rows = conn.execute("SELECT source_path, reason FROM rejections ORDER BY source_path")
    return _frame(rows.fetchall(), ["source_path", "reason"])


def store_stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Counts of what the store holds: articles, synthetic articles, countries, places, events."""
    one = {
        "articles": "SELECT COUNT(*) FROM articles",
        "synthetic": "SELECT COUNT(*) FROM articles WHERE synthetic",
        "countries": "SELECT COUNT(DISTINCT iso3) FROM country_tags",
        "places": "SELECT COUNT(*) FROM places",
        "events": "SELECT COUNT(*) FROM events",
        "dated_events": "SELECT COUNT(*) FROM events WHERE date IS NOT NULL",
        "located_events": "SELECT COUNT(*) FROM events WHERE lat IS NOT NULL",
    }
    return {key: int(conn.execute(sql).fetchone()[0]) for key, sql in one.items()}


def store_version(conn: sqlite3.Connection) -> int:
    """A number that grows with every build: the key for caches of query results."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
    return int(row[0]) if row else 0
