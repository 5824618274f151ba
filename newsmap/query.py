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

import json
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Generic, Literal, TypeVar

import pandas as pd

from newsmap import summaries

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


T = TypeVar("T")


class TextMatches(Generic[T]):
    """The stories matching the last few search texts, per build of the store: an open store
    keeps one, so the questions a search asks (counts per country, markers, event totals,
    stories) run the full-text match once between them, not once each. Thread-safe; ``size``
    searches are kept (a common word's matches are ~2 MB of ids at 100,000 articles)."""

    def __init__(self, size: int = 8) -> None:
        self._found: OrderedDict[tuple[int, str], T] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, version: int, text: str) -> T | None:
        """The matches of ``text`` in build ``version``, or None when not kept."""
        with self._lock:
            found = self._found.get((version, text))
            if found is not None:
                self._found.move_to_end((version, text))
            return found

    def put(self, version: int, text: str, found: T) -> None:
        """Keep the matches of ``text`` in build ``version`` (the oldest kept one goes)."""
        with self._lock:
            self._found[(version, text)] = found
            self._found.move_to_end((version, text))
            while len(self._found) > self._size:
                self._found.popitem(last=False)


@dataclass(frozen=True)
class Matched:
    """The stories a search matches, as JSON arrays: their row keys (to filter articles: an
    integer lookup) and their ids (to filter the rows that name their story)."""

    pks: str
    ids: str

    @cached_property
    def id_list(self) -> list[str]:
        """The ids as a list (parsed once)."""
        return [str(story_id) for story_id in json.loads(self.ids)]


def matching_ids(conn: sqlite3.Connection, filters: Filters,
                 matches: TextMatches[Matched] | None = None) -> Matched | None:
    """The stories matching the search text of ``filters`` (None without a search); from
    ``matches`` when it holds them for this build, else found (with the build's version, in
    one statement) and kept there."""
    match = fts_query(filters.text)
    if match is None:
        return None
    if matches is not None:
        found = matches.get(store_version(conn), match)
        if found is not None:
            return found
    version, pks, ids = conn.execute(
        "SELECT (SELECT value FROM meta WHERE key = 'store_version'), json_group_array(a.pk),"
        " json_group_array(a.id) FROM articles a WHERE +a.pk IN (SELECT rowid FROM articles_fts"
        " WHERE articles_fts MATCH ?)", (match,)).fetchone()  # "+": along the index of ids
    found = Matched(str(pks), str(ids))
    if matches is not None:
        matches.put(int(version or 0), match, found)
    return found


MATCHED = "(SELECT value FROM json_each(?))"
"""A JSON array of :class:`Matched` as a list for ``IN``."""


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def _story_where(filters: Filters, matched: Matched | None, alias: str = "a", *,
                 witnessed: bool = False) -> _Where:
    """Story-level conditions; ``matched``: the stories the search text matches
    (:func:`matching_ids`). ``witnessed``: the query already keeps only events that pass the
    event filters, so the story-has-such-an-event test is implied and left out."""
    where = _Where()
    if matched is not None:
        # "+" keeps the match list a lookup: used as an index key, SQLite would walk the whole
        # list for every row of a join (seconds at 10,000 articles)
        where.add(f"+{alias}.pk IN {MATCHED}", matched.pks)
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
    if filters.filters_events and not witnessed:
        events = _event_where(filters, "fe", plus=True)
        where.add(f"EXISTS (SELECT 1 FROM events fe WHERE fe.article_id = {alias}.id"
                  f" AND {events.sql()})", *events.params)
    return where


def _event_where(filters: Filters, alias: str = "e", *, plus: bool = False) -> _Where:
    """Event-level conditions; ``plus`` keeps SQLite from using their indexes (for subqueries
    correlated on article_id, where a year or type index would scan thousands of rows a story)."""
    where = _Where()
    col = ("+" if plus else "") + alias
    if filters.years is not None and filters.year_basis == "event":
        where.add(f"{col}.year_to >= ? AND {col}.year_from <= ?",
                  filters.years[0], filters.years[1])
    if filters.event_types:
        where.add(f"{col}.type IN {_in(filters.event_types)}", *filters.event_types)
    return where


def _in_stories(filters: Filters, matched: Matched | None, column: str, *,
                witnessed: bool = True) -> _Where:
    """Story-level conditions as ``column IN (matching story ids)``: the id set is built once,
    where a join would look each event's story up (and read its row) 300,000 times. The
    search's matches are used as they are (no pass over the articles for them)."""
    where = _Where()
    if matched is not None:
        where.add(f"{column} IN {MATCHED}", matched.ids)
    others = _story_where(replace(filters, text=""), None, witnessed=witnessed)
    if others.clauses:
        where.add(f"{column} IN (SELECT a.id FROM articles a WHERE {others.sql()})",
                  *others.params)
    return where


def _frame(rows: list[sqlite3.Row], columns: list[str], ints: Sequence[str] = ()) -> pd.DataFrame:
    """Rows as a DataFrame whose missing values stay None (pandas 3 would make text NaN)."""
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)
    return frame.astype(dict.fromkeys(ints, "int64")) if ints else frame


def count_by_country(conn: sqlite3.Connection, filters: Filters,
                     primary: bool = False, *, summary: bool = True,
                     matches: TextMatches[Matched] | None = None) -> pd.DataFrame:
    """Stories and events per country (columns iso3, stories, events) under ``filters``.

    With ``primary`` a story counts for a country only when it is about it (a primary tag),
    not when it mentions it in passing; events are counted the same either way. ``summary``:
    answer from the summary tables when the filters allow (the same answer, sooner);
    ``matches``: the store's kept search matches (:class:`TextMatches`).
    """
    if summary and summaries.counts_fit(filters):
        return _summary_counts(conn, filters, primary)
    matched = matching_ids(conn, filters, matches)
    witnessed = _in_stories(filters, matched, "e.article_id")
    counts: dict[str, list[int]] = {}
    if filters.filters_events:
        # a story counts where it has a matching event: grouped by (country, story) first,
        # along the covering index events_by_country_story
        events = _event_where(filters, plus=True)
        about = ("EXISTS (SELECT 1 FROM country_tags p WHERE p.article_id = e.article_id"
                 " AND p.iso3 = e.iso3 AND p.is_primary)") if primary else "1"
        event_rows = conn.execute(
            "SELECT iso3, SUM(about), SUM(n) FROM (SELECT e.iso3 AS iso3, COUNT(*) AS n,"
            f" {about} AS about FROM events e"
            f" WHERE e.iso3 IS NOT NULL AND {events.sql()}"
            f" AND {witnessed.sql()} GROUP BY e.iso3, e.article_id) GROUP BY iso3",
            [*events.params, *witnessed.params],
        ).fetchall()
        for iso3, n_stories, n_events in event_rows:
            counts[iso3] = [int(n_stories or 0), n_events]
        return _counts_frame(counts)
    # a story counts where it is tagged: its events are only counted (no groups per story)
    tagged = _in_stories(filters, matched, "c.article_id", witnessed=False)
    tag_rows = conn.execute(
        f"SELECT c.iso3, COUNT(*) FROM country_tags c WHERE {tagged.sql()}"
        f"{' AND c.is_primary' if primary else ''} GROUP BY c.iso3",
        tagged.params,
    ).fetchall()
    for iso3, n_stories in tag_rows:
        counts[iso3] = [n_stories, 0]
    event_rows = conn.execute(
        "SELECT e.iso3, COUNT(*) FROM events e"
        f" WHERE e.iso3 IS NOT NULL AND {witnessed.sql()} GROUP BY e.iso3",
        witnessed.params,
    ).fetchall()
    for iso3, n_events in event_rows:
        counts.setdefault(iso3, [0, 0])[1] = n_events
    return _counts_frame(counts)


def _summary_counts(conn: sqlite3.Connection, filters: Filters, primary: bool) -> pd.DataFrame:
    """count_by_country from the summary tables (see :mod:`newsmap.summaries`)."""
    events = summaries.events_by_country_sql(filters, "?")
    event_rows = conn.execute(events.text, events.params).fetchall()
    if filters.filters_events:
        found = summaries.stories_by_country_sql(filters, "?", primary)
        story_rows = dict(conn.execute(found.text, found.params).fetchall())
    else:
        story_rows = dict(conn.execute(
            "SELECT iso3, COUNT(*) FROM country_tags"
            f"{' WHERE is_primary' if primary else ''} GROUP BY iso3").fetchall())
    counts = {iso3: [int(story_rows.get(iso3) or 0), int(n)] for iso3, n in event_rows}
    if not filters.filters_events:
        for iso3, n_stories in story_rows.items():
            counts.setdefault(iso3, [0, 0])[0] = int(n_stories)
    return _counts_frame(counts)


def _counts_frame(counts: dict[str, list[int]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [(iso3, s, e) for iso3, (s, e) in sorted(counts.items())],
        columns=["iso3", "stories", "events"],
    )
    return frame.astype({"stories": "int64", "events": "int64"})


_STORY_COLUMNS = [
    "id", "title", "published", "published_precision", "url", "outlet", "synthetic",
    "countries", "places", "events", "evidence", "snippet", "sample",
]


def stories(
    conn: sqlite3.Connection,
    filters: Filters,
    country: str | None = None,
    limit: int | None = None,
    *,
    snippets: bool = True,
    matches: TextMatches[Matched] | None = None,
) -> pd.DataFrame:
    """The stories matching ``filters`` (and tied to ``country`` when given), most relevant first.

    Columns: id, title, published, published_precision, url, outlet, synthetic, sample, countries
    (ISO3s joined by ", "), places and events (counts), evidence (the sentence tying the story
    to ``country``, or to its main country), snippet (full-text match with sentinels, or "";
    always "" without ``snippets``: a list that shows none need not pay for them);
    with ``country``, also primary (True when the story is about it, False when it only
    mentions it), and the stories about it come first. ``matches``: as in
    :func:`count_by_country`.
    """
    # The page of stories is chosen first, then only its rows get the costly columns (country
    # lists, counts, snippets): computed for every match before sorting, they took seconds.
    where = _story_where(filters, matching_ids(conn, filters, matches))
    join = ""
    keys = "a.pk AS pk, a.published AS published, a.title AS title"
    order = "{t}published IS NULL, {t}published DESC, {t}title, {t}pk"
    params: list[Any] = []
    if country is not None:
        join = "JOIN country_tags sel ON sel.article_id = a.id AND sel.iso3 = ?"
        params.append(country)
        keys += ", sel.is_primary AS is_primary, sel.salience AS salience"
        order = "{s}is_primary DESC, {s}salience DESC, " + order
        if filters.filters_events:
            events = _event_where(filters, "ce", plus=True)
            where.add("EXISTS (SELECT 1 FROM events ce WHERE ce.article_id = a.id"
                      f" AND +ce.iso3 = ? AND {events.sql()})", country, *events.params)
    params.extend(where.params)
    page = (f"SELECT {keys} FROM articles a {join} WHERE {where.sql()}"
            f" ORDER BY {order.format(t='a.', s='sel.')}")
    if limit is not None:
        page += f" LIMIT {int(limit)}"
    return _story_rows(conn, page, params, filters, country, snippets=snippets,
                       order=order.format(t="page.", s="page."))


def listed_stories(conn: sqlite3.Connection, filters: Filters, pks: Sequence[int],
                   primary: Sequence[bool] | None = None, country: str | None = None, *,
                   snippets: bool = True) -> pd.DataFrame:
    """As :func:`stories`, for the stories chosen already (by the story columns): their row
    keys in list order and, with ``country``, whether each is about it; ``filters`` give the
    snippets' search."""
    about = [False] * len(pks) if primary is None else primary
    page = ("SELECT json_extract(value, '$[0]') AS pk, json_extract(value, '$[1]') AS is_primary,"
            " key AS n FROM json_each(?)")
    chosen = json.dumps([[int(pk), int(bool(flag))] for pk, flag in zip(pks, about, strict=True)])
    return _story_rows(conn, page, [chosen], filters, country, snippets=snippets, order="page.n")


def _story_rows(conn: sqlite3.Connection, page: str, params: list[Any], filters: Filters,
                country: str | None, *, snippets: bool, order: str) -> pd.DataFrame:
    """The columns of :func:`stories` for the rows of ``page`` (a query of row keys ``pk``
    and, with ``country``, ``is_primary``), in ``order``."""
    evidence = ("(SELECT json_extract(c2.evidence, '$[0]') FROM country_tags c2"
                " WHERE c2.article_id = a.id ORDER BY c2.salience DESC LIMIT 1)")
    params = list(params)
    if country is not None:
        # looked up for the page's rows only: carried through the sort it was 17 MB at 100,000
        evidence = ("(SELECT json_extract(c3.evidence, '$[0]') FROM country_tags c3"
                    " WHERE c3.article_id = a.id AND c3.iso3 = ?)")
        params.append(country)
    snippet = "''"
    if snippets and fts_query(filters.text) is not None:
        snippet = (
            "(SELECT snippet(articles_fts, 1, char(2), char(3), '…', 16) FROM articles_fts"
            " WHERE articles_fts MATCH ? AND articles_fts.rowid = a.pk)"
        )
        params.append(fts_query(filters.text))
    sql = (
        f"WITH page AS MATERIALIZED ({page})"
        " SELECT a.id, a.title, a.published, a.published_precision, a.url, a.outlet, a.synthetic,"
        " (SELECT group_concat(iso3, ', ') FROM (SELECT c.iso3 FROM country_tags c"
        "   WHERE c.article_id = a.id ORDER BY c.salience DESC)) AS countries,"
        " (SELECT COUNT(*) FROM places p WHERE p.article_id = a.id) AS places,"
        " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events,"
        f" {evidence} AS evidence, {snippet} AS snippet, a.sample"
        f"{', page.is_primary' if country is not None else ''}"
        f" FROM page JOIN articles a ON a.pk = page.pk ORDER BY {order}"
    )
    rows = conn.execute(sql, params).fetchall()
    columns = _STORY_COLUMNS + (["primary"] if country is not None else [])
    frame = _frame(rows, columns, ints=("places", "events"))
    kinds = {"synthetic": "bool", "sample": "bool"}
    if country is not None:
        kinds["primary"] = "bool"
    return frame.astype(kinds)


def count_stories(conn: sqlite3.Connection, filters: Filters, *, summary: bool = True,
                  matches: TextMatches[Matched] | None = None) -> int:
    """How many stories match ``filters`` (``summary``: from the summary tables when the
    filters allow; ``matches``: as in :func:`count_by_country`)."""
    if summary and summaries.stories_fit(filters):
        found = summaries.story_count_sql(filters, "?")
        return int(conn.execute(found.text, found.params).fetchone()[0] or 0)
    where = _story_where(filters, matching_ids(conn, filters, matches))
    row = conn.execute(f"SELECT COUNT(*) FROM articles a WHERE {where.sql()}", where.params)
    return int(row.fetchone()[0])


_EVENT_COLUMNS = [
    "article_id", "title", "url", "date", "precision", "year_from", "year_to", "type",
    "iso3", "place", "lat", "lon", "summary", "site_of",
]


EVENT_SELECT = ("SELECT e.article_id, a.title, a.url, e.date, e.precision, e.year_from, e.year_to,"
                " e.type, e.iso3, e.place, e.lat, e.lon, e.summary, e.site_of")
"""The columns of :func:`events` (the same text on both backends)."""


def events(
    conn: sqlite3.Connection,
    filters: Filters,
    country: str | None = None,
    *,
    located_only: bool = False,
    limit: int | None = None,
    matches: TextMatches[Matched] | None = None,
) -> pd.DataFrame:
    """Events of the matching stories, in date order (undated last), optionally in one country.

    Columns: article_id, title, url, date, precision, year_from, year_to, type, iso3, place,
    lat, lon, summary, site_of (the town the place is shown at, see :mod:`newsmap.sites`).
    ``located_only`` keeps events with coordinates (for markers);
    ``matches``: as in :func:`count_by_country`.
    """
    stories_where = _story_where(filters, matching_ids(conn, filters, matches), witnessed=True)
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = ?", country)
    if located_only:
        where.add("e.lat IS NOT NULL")
    sql = (
        f"{EVENT_SELECT} FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {where.sql()} AND {stories_where.sql()}"
        " ORDER BY e.sort_key IS NULL, e.sort_key, a.title, e.pk"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, [*where.params, *stories_where.params]).fetchall()
    return _frame(rows, _EVENT_COLUMNS)


def listed_events(conn: sqlite3.Connection, pks: Sequence[int]) -> pd.DataFrame:
    """As :func:`events`, for the events chosen already (by the story columns): their row
    keys in list order."""
    sql = (f"{EVENT_SELECT} FROM json_each(?) page JOIN events e ON e.pk = page.value"
           " JOIN articles a ON a.id = e.article_id ORDER BY page.key")
    rows = conn.execute(sql, (json.dumps([int(pk) for pk in pks]),)).fetchall()
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
        # year_from is NULL exactly when date is, and is indexed: no scan of every event row
        "dated_events": "SELECT COUNT(*) FROM events WHERE year_from IS NOT NULL",
        "located_events": "SELECT COUNT(*) FROM events WHERE lat IS NOT NULL",
    }
    return {key: int(conn.execute(sql).fetchone()[0]) for key, sql in one.items()}


def store_version(conn: sqlite3.Connection) -> int:
    """A number that grows with every build: the key for caches of query results."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
    return int(row[0]) if row else 0


# --- Added for the map dashboard (issue 5): aggregates that keep the map and charts small. ---

_MARKER_COLUMNS = [
    "lat", "lon", "place", "iso3", "type", "events", "rank",
    "date", "precision", "summary", "title", "article_id", "site_of",
]


def event_markers(
    conn: sqlite3.Connection,
    filters: Filters,
    *,
    per_marker: int = 3,
    limit: int = 1000,
    summary: bool = True,
    matches: TextMatches[Matched] | None = None,
) -> pd.DataFrame:
    """Located events grouped by point and type: the ``limit`` busiest groups, each with its
    first ``per_marker`` events in date order (one row per shown event); ``summary``: the
    groups counted from the summary tables when the filters allow; ``matches``: as in
    :func:`count_by_country`.

    Columns: lat, lon, place, iso3, type, events (the group's size), rank (1..per_marker),
    date, precision, summary, title, article_id, site_of (the town the event's place is
    shown at, else None).
    """
    # Count the groups along the covering index events_by_point, then fetch only the first
    # events of each kept group along the same index (a window over every match took seconds).
    matched = matching_ids(conn, filters, matches)
    stories_where = _in_stories(filters, matched, "e.article_id")
    where = _event_where(filters, plus=True)
    inner_stories = _in_stories(filters, matched, "e2.article_id")
    inner = _event_where(filters, "e2", plus=True)
    first_events = "e2.sort_key IS NULL, e2.sort_key, e2.pk"
    groups = summaries.Sql(
        "SELECT e.lat AS lat, e.lon AS lon, e.type AS type, COUNT(*) AS n FROM events e"
        f" WHERE e.lat IS NOT NULL AND {where.sql()} AND {stories_where.sql()}"
        " GROUP BY e.lat, e.lon, e.type ORDER BY n DESC, e.lat, e.lon, e.type LIMIT ?",
        [*where.params, *stories_where.params, int(limit)])
    if summary and summaries.fits(filters):
        groups = summaries.marker_groups_sql(filters, "?", "BINARY", limit)
        if filters.years is not None:  # each group's matching events start in known years,
            # so its first events are read in order along events_by_point_date (no sort)
            inner.add("e2.sort_key >= printf('%04d', g.first)"
                      " AND e2.sort_key <= printf('%04d-99-99', g.last)")
            first_events = "e2.sort_key, e2.pk"
    sql = (
        f"WITH groups AS MATERIALIZED ({groups.text})"
        " SELECT g.lat, g.lon, e.place, e.iso3, g.type, g.n,"
        " ROW_NUMBER() OVER (PARTITION BY g.lat, g.lon, g.type"
        "   ORDER BY e.sort_key IS NULL, e.sort_key, e.pk) AS rn,"
        " e.date, e.precision, e.summary, a.title, e.article_id, e.site_of"
        " FROM groups g JOIN events e ON e.pk IN (SELECT e2.pk FROM events e2"
        "   WHERE e2.lat = g.lat AND e2.lon = g.lon AND e2.type = g.type"
        f"   AND {inner.sql()} AND {inner_stories.sql()}"
        f"   ORDER BY {first_events} LIMIT ?)"
        " JOIN articles a ON a.id = e.article_id"
        " ORDER BY g.n DESC, g.lat, g.lon, g.type, rn"
    )
    params = [*groups.params, *inner.params, *inner_stories.params, int(per_marker)]
    rows = conn.execute(sql, params).fetchall()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=_MARKER_COLUMNS)
    return frame.astype({"events": "int64", "rank": "int64"})


def event_counts(conn: sqlite3.Connection, filters: Filters,
                 country: str | None = None, *, summary: bool = True,
                 matches: TextMatches[Matched] | None = None) -> dict[str, int]:
    """How many events match ``filters`` (in ``country`` when given): all, dated, located (with
    coordinates), country_only (a country but no coordinates) and spans (dated only to a range
    of years). ``summary``: from the summary tables when the filters allow; ``matches``: as
    in :func:`count_by_country`."""
    if summary and summaries.fits(filters):
        found = summaries.event_counts_sql(filters, "?", country)
        return summaries.totals(conn.execute(found.text, found.params).fetchone())
    stories_where = _in_stories(filters, matching_ids(conn, filters, matches), "e.article_id")
    where = _event_where(filters, plus=True)  # a covering scan beats the year index + rows
    if country is not None:
        where.add("e.iso3 = ?", country)
    row = conn.execute(  # year_from is NULL exactly when date is: the covering index has it
        "SELECT COUNT(*), COUNT(e.year_from), COUNT(e.lat),"
        " SUM(e.lat IS NULL AND e.iso3 IS NOT NULL), SUM(e.year_from < e.year_to)"
        f" FROM events e WHERE {where.sql()} AND {stories_where.sql()}",
        [*where.params, *stories_where.params],
    ).fetchone()
    keys = ("events", "dated", "located", "country_only", "spans")
    return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}


def events_by_year(conn: sqlite3.Connection, filters: Filters,
                   country: str | None = None, *, summary: bool = True,
                   matches: TextMatches[Matched] | None = None) -> pd.DataFrame:
    """Events dated to a single year (in ``country`` when given), counted per year and type
    (columns year, type, events); ``summary``: from the summary tables when the filters allow;
    ``matches``: as in :func:`count_by_country`.

    Events dated only to a span (a decade) are not counted here; ``event_counts`` says how many.
    """
    if summary and summaries.fits(filters):
        found = summaries.events_by_year_sql(filters, "?", country, "BINARY")
        rows = conn.execute(found.text, found.params).fetchall()
        return _by_year_frame(rows)
    stories_where = _in_stories(filters, matching_ids(conn, filters, matches), "e.article_id")
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = ?", country)
    rows = conn.execute(
        "SELECT e.year_from, e.type, COUNT(*) FROM events e"
        f" WHERE e.year_from IS NOT NULL AND e.year_from = e.year_to AND {where.sql()}"
        f" AND {stories_where.sql()} GROUP BY e.year_from, e.type ORDER BY e.year_from, e.type",
        [*where.params, *stories_where.params],
    ).fetchall()
    return _by_year_frame(rows)


def _by_year_frame(rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    frame = pd.DataFrame([tuple(r) for r in rows], columns=["year", "type", "events"])
    return frame.astype({"year": "int64", "events": "int64"})


# --- Added for citations and event exports (issue 15): every matching row, with what a
# reference manager or a GIS needs. ---

_RECORD_COLUMNS = ["id", "title", "published", "published_precision", "url", "outlet",
                   "authors", "synthetic"]


def _view_where(filters: Filters, matched: Matched | None, country: str | None) -> _Where:
    """The stories of the view: ``filters``, and tied to ``country`` (the selected one) the
    way :func:`stories` ties them (through an event there when the filters select events)."""
    where = _story_where(filters, matched)
    if country is not None:
        where.add("EXISTS (SELECT 1 FROM country_tags vc WHERE vc.article_id = a.id"
                  " AND vc.iso3 = ?)", country)
        if filters.filters_events:
            events = _event_where(filters, "ve", plus=True)
            where.add("EXISTS (SELECT 1 FROM events ve WHERE ve.article_id = a.id"
                      f" AND +ve.iso3 = ? AND {events.sql()})", country, *events.params)
    return where


def article_records(
    conn: sqlite3.Connection, filters: Filters, country: str | None = None, *,
    matches: TextMatches[Matched] | None = None,
) -> pd.DataFrame:
    """Every story of the view with its bibliographic fields, newest first.

    Columns: id, title, published, published_precision, url, outlet, authors (JSON list),
    synthetic.
    """
    where = _view_where(filters, matching_ids(conn, filters, matches), country)
    rows = conn.execute(
        "SELECT a.id, a.title, a.published, a.published_precision, a.url, a.outlet, a.authors,"
        f" a.synthetic FROM articles a WHERE {where.sql()}"
        " ORDER BY a.published IS NULL, a.published DESC, a.title, a.id", where.params,
    ).fetchall()
    return _frame(rows, _RECORD_COLUMNS)


EVENT_RECORD_COLUMNS = [
    "uid", "article_id", "title", "url", "outlet", "source_path", "date", "precision",
    "year_from", "year_to", "type", "iso3", "place", "lat", "lon", "summary", "salience",
    "corrected", "site_of",
]


def event_records(
    conn: sqlite3.Connection, filters: Filters, country: str | None = None, *,
    matches: TextMatches[Matched] | None = None,
) -> pd.DataFrame:
    """Every event of the view (of ``country`` when given) in date order, undated last, with
    its stable id, its story, the salience of its country in that story and, when an editor
    changed it, the reason.

    Columns: :data:`EVENT_RECORD_COLUMNS`.
    """
    stories_where = _in_stories(filters, matching_ids(conn, filters, matches), "e.article_id")
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = ?", country)
    rows = conn.execute(
        "SELECT e.uid, e.article_id, a.title, a.url, a.outlet, a.source_path, e.date,"
        " e.precision, e.year_from, e.year_to, e.type, e.iso3, e.place, e.lat, e.lon,"
        " e.summary, ct.salience,"
        " (SELECT group_concat(c.reason, ' | ') FROM corrections c"
        "   WHERE c.article_id = e.article_id AND c.status = 'applied'"
        "   AND c.action = 'fix_event' AND json_extract(c.target, '$.event') = e.uid),"
        " e.site_of"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN country_tags ct ON ct.article_id = e.article_id AND ct.iso3 = e.iso3"
        f" WHERE {where.sql()} AND {stories_where.sql()}"
        " ORDER BY e.sort_key IS NULL, e.sort_key, e.article_id, e.pk",
        [*where.params, *stories_where.params],
    ).fetchall()
    return _frame(rows, EVENT_RECORD_COLUMNS)
