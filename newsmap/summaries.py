"""Summary tables: the map's aggregates per country, year span and event type, kept by the build.

A year change asks five aggregate questions (stories and events per country, twice; stories;
event totals; marker groups). Over every event row they cost ~190 ms at 100,000 articles. The
build keeps three small tables instead, written in its transaction beside the events, so readers
sum a few thousand rows:

- ``summary_events``: events per (country, type, year_from, year_to), with how many are located;
- ``summary_points``: located events per (lat, lon, type, year_from, year_to);
- ``summary_stories``: stories per (country, type, year span), counted without counting a story
  twice. A story's event years in one country form islands (overlapping spans merged); the story
  overlaps a year range Q exactly when ``#islands overlapping Q - #bridges inside Q`` is 1, where
  a bridge runs from one island's last year to the next island's first. Both terms are sums, so
  they add up over stories. Rows with ``iso3 = ''`` count over every country (and events with no
  country), rows with ``type = ''`` over every type.

Every stored article contributes rows computed from its events (:func:`contribution`); writing
an article adds its contribution, removing it subtracts it (:func:`apply`). Undated events are
kept in ``summary_events`` and ``summary_points`` under a span that no year range overlaps
(:data:`UNDATED`). The readers (:func:`fits`, :func:`stories_fit` and the ``*_sql`` builders) are
shared by both backends; ``P`` is the driver's parameter marker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # newsmap.query reads the summaries: imported lazily there and here
    from newsmap.query import Filters

UNDATED = (99_999, 0)
"""(year_from, year_to) of undated events: an empty span, overlapping no year range that starts
after year 0 or ends before year 99,999 (:func:`fits` keeps the others on the detailed queries)."""

EventRow = tuple[str | None, str, int | None, int | None, float | None, float | None]
"""(iso3, type, year_from, year_to, lat, lon) of one stored event."""

CREATE_SQL = (
    "CREATE TABLE IF NOT EXISTS summary_events (iso3 TEXT NOT NULL, type TEXT NOT NULL,"
    " year_from INTEGER NOT NULL, year_to INTEGER NOT NULL, events INTEGER NOT NULL,"
    " located INTEGER NOT NULL, PRIMARY KEY (iso3, type, year_from, year_to))",
    "CREATE TABLE IF NOT EXISTS summary_points (lat {real} NOT NULL, lon {real} NOT NULL,"
    " type TEXT NOT NULL, year_from INTEGER NOT NULL, year_to INTEGER NOT NULL,"
    " events INTEGER NOT NULL, PRIMARY KEY (lat, lon, type, year_from, year_to))",
    "CREATE TABLE IF NOT EXISTS summary_stories (iso3 TEXT NOT NULL, type TEXT NOT NULL,"
    " year_from INTEGER NOT NULL, year_to INTEGER NOT NULL, bridge INTEGER NOT NULL,"
    " is_primary INTEGER NOT NULL, stories INTEGER NOT NULL,"
    " PRIMARY KEY (type, iso3, year_from, year_to, bridge, is_primary))",
)
"""The tables, for both backends (``{real}``: REAL on SQLite, double precision on PostgreSQL)."""


@dataclass
class Contribution:
    """What some articles add to each summary table (keys as in the tables, values counts)."""

    events: Counter[tuple[str, str, int, int]] = field(default_factory=Counter)
    located: Counter[tuple[str, str, int, int]] = field(default_factory=Counter)
    points: Counter[tuple[float, float, str, int, int]] = field(default_factory=Counter)
    stories: Counter[tuple[str, str, int, int, int, int]] = field(default_factory=Counter)

    def add(self, article_events: Iterable[EventRow], primary: Iterable[str]) -> None:
        """Add one article: its events and the countries it is about."""
        about = set(primary)
        spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for iso3, kind, year_from, year_to, lat, lon in article_events:
            dated = year_from is not None and year_to is not None
            years = (year_from, year_to) if year_from is not None and year_to is not None \
                else UNDATED
            key = (iso3 or "", kind, years[0], years[1])
            self.events[key] += 1
            if lat is not None and lon is not None:
                self.located[key] += 1
                self.points[(lat, lon, kind, years[0], years[1])] += 1
            if not dated:
                continue
            for country in ((iso3, "") if iso3 else ("",)):
                for type_key in (kind, ""):
                    spans.setdefault((country, type_key), []).append(years)
        for (country, type_key), found in spans.items():
            primary_flag = int(bool(country) and country in about)
            islands = _islands(found)
            for lo, hi in islands:
                self.stories[(country, type_key, lo, hi, 0, primary_flag)] += 1
            for (_, last), (first, _) in pairwise(islands):
                self.stories[(country, type_key, last, first, 1, primary_flag)] += 1


def _islands(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The year spans merged where they overlap, in order."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def contribution(events: Iterable[tuple[str, EventRow]],
                 primary: Iterable[tuple[str, str]]) -> Contribution:
    """The contribution of the articles whose (article_id, event) rows and (article_id, iso3)
    primary tags are given."""
    by_article: dict[str, list[EventRow]] = {}
    for article_id, row in events:
        by_article.setdefault(article_id, []).append(row)
    about: dict[str, list[str]] = {}
    for article_id, iso3 in primary:
        about.setdefault(article_id, []).append(iso3)
    total = Contribution()
    for article_id, rows in by_article.items():
        total.add(rows, about.get(article_id, ()))
    return total


class Cursor(Protocol):
    """The part of a sqlite3 connection or a psycopg cursor used here."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...

    def executemany(self, sql: Any, rows: Any, /) -> Any: ...


def read(cur: Cursor, articles: str, params: Sequence[Any]) -> Contribution:
    """The stored contribution of the articles ``articles`` selects (a subquery yielding
    article ids, with ``params``)."""
    events = cur.execute(
        "SELECT article_id, iso3, type, year_from, year_to, lat, lon FROM events"
        f" WHERE article_id IN ({articles})", list(params)).fetchall()
    primary = cur.execute(
        "SELECT article_id, iso3 FROM country_tags WHERE is_primary <> 0"
        f" AND article_id IN ({articles})", list(params)).fetchall()
    return contribution(((row[0], tuple(row)[1:]) for row in events),
                        ((row[0], row[1]) for row in primary))


def of_article(events: Iterable[EventRow], primary: Iterable[str]) -> Contribution:
    """The contribution of one article being written: its events, the countries it is about."""
    change = Contribution()
    change.add(events, primary)
    return change


def apply(cur: Cursor, p: str, change: Contribution, sign: int) -> None:
    """Add (``sign`` 1) or subtract (-1) ``change`` in the tables."""
    for sql, rows in upserts(p, change, sign):
        if rows:
            cur.executemany(sql, rows)


def forget(cur: Cursor, p: str, articles: str, params: Sequence[Any]) -> None:
    """Subtract the stored contribution of the articles ``articles`` selects: call it before
    deleting them."""
    apply(cur, p, read(cur, articles, params), -1)


def rebuild(cur: Cursor, p: str) -> None:
    """Empty the tables and fill them from every stored article (a migration's first fill)."""
    for table in ("summary_events", "summary_points", "summary_stories"):
        cur.execute(f"DELETE FROM {table}")
    apply(cur, p, read(cur, "SELECT id FROM articles", ()), 1)


def upserts(p: str, change: Contribution, sign: int) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(statement, rows) that add ``sign`` times ``change`` to the tables."""
    on = " ON CONFLICT ({keys}) DO UPDATE SET {sets}"
    events = [(*key, sign * n, sign * change.located[key]) for key, n in change.events.items()]
    points = [(*key, sign * n) for key, n in change.points.items()]
    stories = [(*key, sign * n) for key, n in change.stories.items()]
    return [
        ("INSERT INTO summary_events (iso3, type, year_from, year_to, events, located)"
         f" VALUES ({p}, {p}, {p}, {p}, {p}, {p})"
         + on.format(keys="iso3, type, year_from, year_to",
                     sets="events = summary_events.events + excluded.events,"
                          " located = summary_events.located + excluded.located"), events),
        ("INSERT INTO summary_points (lat, lon, type, year_from, year_to, events)"
         f" VALUES ({p}, {p}, {p}, {p}, {p}, {p})"
         + on.format(keys="lat, lon, type, year_from, year_to",
                     sets="events = summary_points.events + excluded.events"), points),
        ("INSERT INTO summary_stories (iso3, type, year_from, year_to, bridge, is_primary,"
         f" stories) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})"
         + on.format(keys="type, iso3, year_from, year_to, bridge, is_primary",
                     sets="stories = summary_stories.stories + excluded.stories"), stories),
    ]


# --- readers ---


def fits(filters: Filters) -> bool:
    """Whether the summaries answer the event aggregates under ``filters``: no story-level
    filter (search text, tagged countries, outlets, regions, publication years)."""
    from newsmap.query import fts_query

    if fts_query(filters.text) is not None or filters.countries or filters.outlets:
        return False
    if filters.regions or (filters.years is not None and filters.year_basis == "published"):
        return False
    if filters.years is not None:
        start, end = filters.years
        if start > end:  # no event overlaps it, but merged islands could
            return False
        if start <= UNDATED[1] and end >= UNDATED[0]:
            return False
    return True


def stories_fit(filters: Filters) -> bool:
    """Whether the summaries also count stories: :func:`fits`, an event-year range, and at most
    one event type (a story with events of two chosen types must not count twice)."""
    return (fits(filters) and filters.years is not None and filters.year_basis == "event"
            and len(set(filters.event_types)) <= 1)


def counts_fit(filters: Filters) -> bool:
    """Whether the summaries answer stories and events per country: :func:`fits`, and the
    stories either counted by them (:func:`stories_fit`) or not filtered by events at all."""
    return fits(filters) and (stories_fit(filters) or not filters.filters_events)


@dataclass
class Sql:
    """A statement and its parameters."""

    text: str
    params: list[Any]


def _event_where(filters: Filters, p: str, where: list[str], params: list[Any],
                 country: str | None = None) -> None:
    """Add the conditions on a summary row's years and type (and country, when given)."""
    if filters.years is not None:
        where.append(f"year_to >= {p} AND year_from <= {p}")
        params.extend(filters.years)
    if filters.event_types:
        where.append("type IN (" + ", ".join(p for _ in filters.event_types) + ")")
        params.extend(filters.event_types)
    if country is not None:
        where.append(f"iso3 = {p}")
        params.append(country)


def events_by_country_sql(filters: Filters, p: str) -> Sql:
    """Matching events per country: rows (iso3, events), countries with none left out."""
    where, params = ["iso3 <> ''"], list[Any]()
    _event_where(filters, p, where, params)
    return Sql("SELECT iso3, CAST(SUM(events) AS BIGINT) FROM summary_events"
               f" WHERE {' AND '.join(where)} GROUP BY iso3 HAVING SUM(events) > 0", params)


def _stories_where(filters: Filters, p: str, country: str | None) -> tuple[str, list[Any]]:
    assert filters.years is not None
    start, end = filters.years
    kind = filters.event_types[0] if filters.event_types else ""
    clauses = [f"type = {p}", "iso3 <> ''" if country is None else f"iso3 = {p}",
               f"((bridge = 0 AND year_to >= {p} AND year_from <= {p})"
               f" OR (bridge = 1 AND year_from >= {p} AND year_to <= {p}))"]
    params: list[Any] = [kind] + ([] if country is None else [country])
    return " AND ".join(clauses), [*params, start, end, start, end]


_SIGNED = "CAST(SUM(CASE WHEN bridge = 0 THEN stories ELSE -stories END) AS BIGINT)"


def stories_by_country_sql(filters: Filters, p: str, primary: bool) -> Sql:
    """Matching stories per country (rows iso3, stories); ``primary``: only stories about it."""
    where, params = _stories_where(filters, p, None)
    if primary:
        where += " AND is_primary = 1"
    return Sql(f"SELECT iso3, {_SIGNED} FROM summary_stories WHERE {where} GROUP BY iso3",
               params)


def story_count_sql(filters: Filters, p: str) -> Sql:
    """How many stories match (one row, one value)."""
    where, params = _stories_where(filters, p, "")
    return Sql(f"SELECT {_SIGNED} FROM summary_stories WHERE {where}", params)


def event_counts_sql(filters: Filters, p: str, country: str | None) -> Sql:
    """events, dated, located, country_only, spans (one row)."""
    where: list[str] = []
    params: list[Any] = []
    _event_where(filters, p, where, params, country)
    return Sql(
        "SELECT CAST(SUM(events) AS BIGINT),"
        " CAST(SUM(CASE WHEN year_from <= year_to THEN events ELSE 0 END) AS BIGINT),"
        " CAST(SUM(located) AS BIGINT),"
        " CAST(SUM(CASE WHEN iso3 <> '' THEN events - located ELSE 0 END) AS BIGINT),"
        " CAST(SUM(CASE WHEN year_from < year_to THEN events ELSE 0 END) AS BIGINT)"
        f" FROM summary_events WHERE {' AND '.join(where) or '1 = 1'}", params)


def events_by_year_sql(filters: Filters, p: str, country: str | None, collate: str) -> Sql:
    """Single-year events per year and type (rows year, type, events), in ``country``."""
    where = ["year_from = year_to"]
    params: list[Any] = []
    _event_where(filters, p, where, params, country)
    return Sql(
        "SELECT year_from, type, CAST(SUM(events) AS BIGINT) FROM summary_events"
        f" WHERE {' AND '.join(where)} GROUP BY year_from, type HAVING SUM(events) > 0"
        f" ORDER BY year_from, type COLLATE {collate}", params)


def marker_groups_sql(filters: Filters, p: str, collate: str, limit: int) -> Sql:
    """The ``limit`` busiest (lat, lon, type) groups of matching located events: a subquery
    yielding lat, lon, type, n, and first and last (the first and last year_from of the
    group's matching events, which bound their sort keys)."""
    where: list[str] = []
    params: list[Any] = []
    _event_where(filters, p, where, params)
    return Sql(
        "SELECT lat, lon, type, CAST(SUM(events) AS BIGINT) AS n, MIN(year_from) AS first,"
        " MAX(year_from) AS last FROM summary_points"
        f" WHERE {' AND '.join(where) or '1 = 1'} GROUP BY lat, lon, type HAVING SUM(events) > 0"
        f" ORDER BY n DESC, lat, lon, type COLLATE {collate} LIMIT {p}", [*params, int(limit)])


def totals(row: Sequence[Any] | None) -> dict[str, int]:
    """The event_counts dictionary from the row of :func:`event_counts_sql`."""
    keys = ("events", "dated", "located", "country_only", "spans")
    values = row if row is not None else (0,) * len(keys)
    return {key: int(value or 0) for key, value in zip(keys, values, strict=True)}
