"""The app's questions in PostgreSQL: the same answers as :mod:`newsmap.query` gives on SQLite.

Filter semantics are those of :mod:`newsmap.query`. What differs is the dialect: ``%s``
parameters, ``= ANY`` for lists, ``string_agg`` and ``->>`` for the SQLite ``group_concat`` and
``json_extract``, ``COUNT(*) FILTER`` for sums of conditions, ``COLLATE "C"`` wherever text is
sorted (SQLite compares bytes), and full-text search through the stored ``tsvector`` with
``websearch_to_tsquery`` (quotes, ``or`` and ``-word`` work as on a web search engine; any
input is safe) and ``ts_headline`` for the snippet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import psycopg

from newsmap import summaries
from newsmap.query import (
    EVENT_RECORD_COLUMNS,
    EVENT_SELECT,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    Filters,
    TextMatches,
    YearBasis,
    fts_query,
)

Conn = psycopg.Connection[tuple[Any, ...]]
Matches = TextMatches[list[str]]
"""A store's kept search matches (lists of story ids)."""

TSQUERY = "(SELECT websearch_to_tsquery('simple', newsmap_fold(%s)))"
"""The reader's search as a tsquery, computed once per statement (as a sub-select: written
inline, PostgreSQL would parse it again for every row it tests)."""
HEADLINE_OPTIONS = (
    f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords=16, MinWords=6, "
    "ShortWord=0, MaxFragments=1, FragmentDelimiter=…"
)


@dataclass
class _Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "TRUE"


def _search_text(filters: Filters) -> str | None:
    """The reader's search text, or None when it holds no word (then it filters nothing, as on
    SQLite)."""
    if fts_query(filters.text) is None:
        return None
    return filters.text.replace("\x00", " ")  # PostgreSQL text holds no NUL


def matching_ids(conn: Conn, filters: Filters,
                 matches: Matches | None = None) -> list[str] | None:
    """As :func:`newsmap.query.matching_ids`: the ids of the stories the search text matches
    (None without a search), from ``matches`` when it holds them for this build."""
    text = _search_text(filters)
    if text is None:
        return None
    if matches is not None:
        found = matches.get(int(get_meta(conn, "store_version") or 0), text)
        if found is not None:
            return found
    row = conn.execute(
        "SELECT (SELECT value FROM meta WHERE key = 'store_version'),"
        f" COALESCE(array_agg(a.id), '{{}}') FROM articles a WHERE a.fts @@ {TSQUERY}",
        (text,)).fetchone()
    version, ids = (row[0], list(row[1])) if row is not None else (0, [])
    if matches is not None:
        matches.put(int(version or 0), text, ids)
    return ids


def _story_where(filters: Filters, matched: list[str] | None, alias: str = "a", *,
                 witnessed: bool = False) -> _Where:
    where = _Where()
    if matched is not None:
        where.add(f"{alias}.id = ANY(%s)", matched)
    if filters.countries:
        where.add(f"EXISTS (SELECT 1 FROM country_tags ct WHERE ct.article_id = {alias}.id"
                  " AND ct.iso3 = ANY(%s))", list(filters.countries))
    if filters.outlets:
        where.add(f"{alias}.outlet = ANY(%s)", list(filters.outlets))
    if filters.regions:
        where.add(f"EXISTS (SELECT 1 FROM regions r WHERE r.article_id = {alias}.id"
                  " AND r.name = ANY(%s))", list(filters.regions))
    if filters.years is not None and filters.year_basis == "published":
        where.add(f"{alias}.published_year BETWEEN %s AND %s", *filters.years)
    if filters.filters_events and not witnessed:
        events = _event_where(filters, "fe")
        where.add(f"EXISTS (SELECT 1 FROM events fe WHERE fe.article_id = {alias}.id"
                  f" AND {events.sql()})", *events.params)
    return where


def _event_where(filters: Filters, alias: str = "e") -> _Where:
    where = _Where()
    if filters.years is not None and filters.year_basis == "event":
        where.add(f"{alias}.year_to >= %s AND {alias}.year_from <= %s",
                  filters.years[0], filters.years[1])
    if filters.event_types:
        where.add(f"{alias}.type = ANY(%s)", list(filters.event_types))
    return where


def _in_stories(filters: Filters, matched: list[str] | None, column: str, *,
                witnessed: bool = True) -> _Where:
    """As :func:`newsmap.query._in_stories`."""
    where = _Where()
    if matched is not None:
        where.add(f"{column} = ANY(%s)", matched)
    others = _story_where(replace(filters, text=""), None, witnessed=witnessed)
    if others.clauses:
        where.add(f"{column} IN (SELECT a.id FROM articles a WHERE {others.sql()})",
                  *others.params)
    return where


def _frame(rows: Sequence[Sequence[Any]], columns: list[str],
           ints: Sequence[str] = ()) -> pd.DataFrame:
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)
    return frame.astype(dict.fromkeys(ints, "int64")) if ints else frame


def count_by_country(conn: Conn, filters: Filters, primary: bool = False, *,
                     summary: bool = True, matches: Matches | None = None) -> pd.DataFrame:
    """As :func:`newsmap.query.count_by_country` (with ``primary``, a story counts for a
    country only when it is about it; ``summary``: from the summary tables when the filters
    allow; ``matches``: the store's kept search matches)."""
    if summary and summaries.counts_fit(filters):
        return _summary_counts(conn, filters, primary)
    matched = matching_ids(conn, filters, matches)
    witnessed = _in_stories(filters, matched, "e.article_id")
    counts: dict[str, list[int]] = {}
    if filters.filters_events:  # a story counts where it has a matching event
        events = _event_where(filters)
        about = ("(EXISTS (SELECT 1 FROM country_tags p WHERE p.article_id = e.article_id"
                 " AND p.iso3 = e.iso3 AND p.is_primary <> 0))::int") if primary else "1"
        event_rows = conn.execute(
            "SELECT iso3, SUM(about)::bigint, SUM(n)::bigint FROM (SELECT e.iso3 AS iso3,"
            f" COUNT(*) AS n, {about} AS about FROM events e WHERE e.iso3 IS NOT NULL"
            f" AND {events.sql()} AND {witnessed.sql()}"
            " GROUP BY e.iso3, e.article_id) AS per_story GROUP BY iso3",
            [*events.params, *witnessed.params],
        ).fetchall()
        for iso3, n_stories, n_events in event_rows:
            counts[iso3] = [int(n_stories or 0), n_events]
        return _counts_frame(counts)
    # a story counts where it is tagged: its events are only counted (no groups per story)
    tagged = _in_stories(filters, matched, "c.article_id", witnessed=False)
    tag_rows = conn.execute(
        f"SELECT c.iso3, COUNT(*) FROM country_tags c WHERE {tagged.sql()}"
        f"{' AND c.is_primary <> 0' if primary else ''} GROUP BY c.iso3",
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


def _summary_counts(conn: Conn, filters: Filters, primary: bool) -> pd.DataFrame:
    """count_by_country from the summary tables (see :mod:`newsmap.summaries`)."""
    events = summaries.events_by_country_sql(filters, "%s")
    event_rows = conn.execute(events.text.encode(), events.params).fetchall()
    if filters.filters_events:
        found = summaries.stories_by_country_sql(filters, "%s", primary)
        rows = conn.execute(found.text.encode(), found.params).fetchall()
    else:
        rows = conn.execute(
            "SELECT iso3, COUNT(*) FROM country_tags"
            f"{' WHERE is_primary <> 0' if primary else ''} GROUP BY iso3".encode()).fetchall()
    story_rows = {str(r[0]): int(r[1] or 0) for r in rows}
    counts = {str(iso3): [story_rows.get(iso3, 0), int(n)] for iso3, n in event_rows}
    if not filters.filters_events:
        for iso3, n_stories in story_rows.items():
            counts.setdefault(iso3, [0, 0])[0] = n_stories
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


def stories(conn: Conn, filters: Filters, country: str | None = None,
            limit: int | None = None, *, snippets: bool = True,
            matches: Matches | None = None) -> pd.DataFrame:
    """As :func:`newsmap.query.stories` (the snippet is PostgreSQL's ``ts_headline``)."""
    where = _story_where(filters, matching_ids(conn, filters, matches))
    join = ""
    keys = "a.pk AS pk, a.published AS published, a.title AS title"
    order = '{t}published IS NULL, {t}published DESC, {t}title COLLATE "C", {t}pk'
    join_params: list[Any] = []
    if country is not None:
        join = "JOIN country_tags sel ON sel.article_id = a.id AND sel.iso3 = %s"
        join_params.append(country)
        keys += ", sel.is_primary AS is_primary, sel.salience AS salience"
        order = "{s}is_primary DESC, {s}salience DESC, " + order
        if filters.filters_events:
            events = _event_where(filters, "ce")
            where.add("EXISTS (SELECT 1 FROM events ce WHERE ce.article_id = a.id"
                      f" AND ce.iso3 = %s AND {events.sql()})", country, *events.params)
    page = (f"SELECT {keys} FROM articles a {join} WHERE {where.sql()}"
            f" ORDER BY {order.format(t='a.', s='sel.')}")
    if limit is not None:
        page += f" LIMIT {int(limit)}"
    return _story_rows(conn, page, [*join_params, *where.params], filters, country,
                       snippets=snippets, order=order.format(t="page.", s="page."))


def listed_stories(conn: Conn, filters: Filters, pks: Sequence[int],
                   primary: Sequence[bool] | None = None, country: str | None = None, *,
                   snippets: bool = True) -> pd.DataFrame:
    """As :func:`newsmap.query.listed_stories`."""
    about = [False] * len(pks) if primary is None else primary
    page = ("SELECT * FROM unnest(%s::bigint[], %s::integer[]) WITH ORDINALITY"
            " AS chosen(pk, is_primary, n)")
    params = [[int(pk) for pk in pks], [int(bool(flag)) for flag in about]]
    return _story_rows(conn, page, params, filters, country, snippets=snippets, order="page.n")


def _story_rows(conn: Conn, page: str, params: list[Any], filters: Filters,
                country: str | None, *, snippets: bool, order: str) -> pd.DataFrame:
    """The columns of :func:`stories` for the rows of ``page`` (a query of row keys ``pk``
    and, with ``country``, ``is_primary``), in ``order``."""
    evidence = ("(SELECT c2.evidence::jsonb ->> 0 FROM country_tags c2"
                " WHERE c2.article_id = a.id ORDER BY c2.salience DESC LIMIT 1)")
    params = list(params)
    if country is not None:
        evidence = ("(SELECT c3.evidence::jsonb ->> 0 FROM country_tags c3"
                    " WHERE c3.article_id = a.id AND c3.iso3 = %s)")
        params.append(country)
    snippet = "''"
    text = _search_text(filters)
    if snippets and text is not None:
        snippet = f"ts_headline('simple', a.body, {TSQUERY}, %s)"
        params.extend([text, HEADLINE_OPTIONS])
    sql = (
        f"WITH page AS MATERIALIZED ({page})"
        " SELECT a.id, a.title, a.published, a.published_precision, a.url, a.outlet, a.synthetic,"
        " (SELECT string_agg(c.iso3, ', ' ORDER BY c.salience DESC, c.iso3)"
        "   FROM country_tags c WHERE c.article_id = a.id) AS countries,"
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


def count_stories(conn: Conn, filters: Filters, *, summary: bool = True,
                  matches: Matches | None = None) -> int:
    """As :func:`newsmap.query.count_stories` (``summary``: from the summary tables when the
    filters allow)."""
    if summary and summaries.stories_fit(filters):
        found = summaries.story_count_sql(filters, "%s")
        counted = conn.execute(found.text.encode(), found.params).fetchone()
        return int(counted[0] or 0) if counted else 0
    where = _story_where(filters, matching_ids(conn, filters, matches))
    row = conn.execute(f"SELECT COUNT(*) FROM articles a WHERE {where.sql()}",
                       where.params).fetchone()
    return int(row[0]) if row else 0


_EVENT_COLUMNS = [
    "article_id", "title", "url", "date", "precision", "year_from", "year_to", "type",
    "iso3", "place", "lat", "lon", "summary", "site_of",
]


def events(conn: Conn, filters: Filters, country: str | None = None, *,
           located_only: bool = False, limit: int | None = None,
           matches: Matches | None = None) -> pd.DataFrame:
    """As :func:`newsmap.query.events`."""
    stories_where = _story_where(filters, matching_ids(conn, filters, matches), witnessed=True)
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = %s", country)
    if located_only:
        where.add("e.lat IS NOT NULL")
    sql = (
        f"{EVENT_SELECT} FROM events e JOIN articles a ON a.id = e.article_id"
        f" WHERE {where.sql()} AND {stories_where.sql()}"
        ' ORDER BY e.sort_key IS NULL, e.sort_key, a.title COLLATE "C", e.pk'
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, [*where.params, *stories_where.params]).fetchall()
    return _frame(rows, _EVENT_COLUMNS)


def listed_events(conn: Conn, pks: Sequence[int]) -> pd.DataFrame:
    """As :func:`newsmap.query.listed_events`."""
    sql = (f"{EVENT_SELECT} FROM unnest(%s::bigint[]) WITH ORDINALITY AS page(pk, n)"
           " JOIN events e ON e.pk = page.pk JOIN articles a ON a.id = e.article_id"
           " ORDER BY page.n")
    rows = conn.execute(sql, ([int(pk) for pk in pks],)).fetchall()
    return _frame(rows, _EVENT_COLUMNS)


_ARTICLE_COLUMNS = (
    "pk, id, title, body, published, published_precision, published_year, url, outlet, authors,"
    " topics, curated_countries, synthetic, source_path, content_hash, sample"
)
_DETAIL_TABLES = (
    ("country_tags", "article_id, iso3, name, salience, is_primary, mentions, evidence",
     "salience DESC"),
    ("places", "pk, article_id, name, iso3, lat, lon, evidence, site_of", "pk"),
    ("events", "pk, article_id, date, precision, year_from, year_to, sort_key, iso3, place,"
     " lat, lon, type, summary, uid, site_of", "sort_key IS NULL, sort_key, pk"),
    ("regions", "article_id, name, evidence", 'name COLLATE "C"'),
)


def article_detail(conn: Conn, article_id: str) -> dict[str, Any] | None:
    """As :func:`newsmap.query.article_detail` (the same keys, without the search vector)."""
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
        row = cur.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = %s",
                          (article_id,)).fetchone()
        if row is None:
            return None
        detail: dict[str, Any] = dict(row)
        for table, columns, order in _DETAIL_TABLES:
            rows = cur.execute(
                f"SELECT {columns} FROM {table} WHERE article_id = %s ORDER BY {order}",
                (article_id,),
            ).fetchall()
            detail[table] = [dict(r) for r in rows]
    return detail


def _column(conn: Conn, sql: str) -> list[str]:
    return [str(r[0]) for r in conn.execute(sql).fetchall()]


def outlets(conn: Conn) -> list[str]:
    """As :func:`newsmap.query.outlets`."""
    return _column(conn, 'SELECT DISTINCT outlet COLLATE "C" FROM articles'
                         " WHERE outlet IS NOT NULL ORDER BY 1")


def tagged_countries(conn: Conn) -> list[str]:
    """As :func:`newsmap.query.tagged_countries`."""
    return _column(conn, 'SELECT DISTINCT iso3 COLLATE "C" FROM country_tags ORDER BY 1')


def regions(conn: Conn) -> list[str]:
    """As :func:`newsmap.query.regions`."""
    return _column(conn, 'SELECT DISTINCT name COLLATE "C" FROM regions ORDER BY 1')


def event_types(conn: Conn) -> list[str]:
    """As :func:`newsmap.query.event_types`."""
    return _column(conn, 'SELECT DISTINCT type COLLATE "C" FROM events ORDER BY 1')


def year_bounds(conn: Conn, basis: YearBasis = "event") -> tuple[int, int] | None:
    """As :func:`newsmap.query.year_bounds`."""
    if basis == "event":
        row = conn.execute("SELECT MIN(year_from), MAX(year_to) FROM events").fetchone()
    else:
        row = conn.execute(
            "SELECT MIN(published_year), MAX(published_year) FROM articles").fetchone()
    if row is None or row[0] is None:
        return None
    return int(row[0]), int(row[1])


def rejections(conn: Conn) -> pd.DataFrame:
    """As :func:`newsmap.query.rejections`."""
    rows = conn.execute(
        'SELECT source_path, reason FROM rejections ORDER BY source_path COLLATE "C"').fetchall()
    return _frame(rows, ["source_path", "reason"])


def store_stats(conn: Conn) -> dict[str, int]:
    """As :func:`newsmap.query.store_stats`, in one round trip."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles),"
        " (SELECT COUNT(*) FROM articles WHERE synthetic <> 0),"
        " (SELECT COUNT(DISTINCT iso3) FROM country_tags), (SELECT COUNT(*) FROM places),"
        " (SELECT COUNT(*) FROM events), (SELECT COUNT(year_from) FROM events),"
        " (SELECT COUNT(lat) FROM events)").fetchone()
    keys = ("articles", "synthetic", "countries", "places", "events", "dated_events",
            "located_events")
    values = row if row is not None else (0,) * len(keys)
    return {key: int(value) for key, value in zip(keys, values, strict=True)}


def get_meta(conn: Conn, key: str) -> str | None:
    """A value from the meta table, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
    return None if row is None else str(row[0])


_MARKER_COLUMNS = [
    "lat", "lon", "place", "iso3", "type", "events", "rank",
    "date", "precision", "summary", "title", "article_id", "site_of",
]


def event_markers(conn: Conn, filters: Filters, *, per_marker: int = 3,
                  limit: int = 1000, summary: bool = True,
                  matches: Matches | None = None) -> pd.DataFrame:
    """As :func:`newsmap.query.event_markers`: the matching located events are found once, then
    grouped, and each kept group's first events taken by a window (the SQLite form, a subquery
    per group, made PostgreSQL test the story filters again for every group: seconds).
    ``summary``: when the filters allow, the groups come from the summary tables and each
    group's first events from the index on points."""
    if summary and summaries.fits(filters):
        return _summary_markers(conn, filters, per_marker, limit)
    stories_where = _in_stories(filters, matching_ids(conn, filters, matches), "e.article_id")
    where = _event_where(filters)
    sql = (
        "WITH matched AS MATERIALIZED (SELECT e.pk, e.lat, e.lon, e.type, e.sort_key"
        f" FROM events e WHERE e.lat IS NOT NULL AND {where.sql()} AND {stories_where.sql()}),"
        " groups AS MATERIALIZED (SELECT lat, lon, type, COUNT(*) AS n FROM matched"
        ' GROUP BY lat, lon, type ORDER BY n DESC, lat, lon, type COLLATE "C" LIMIT %s),'
        " ranked AS (SELECT m.pk, g.lat, g.lon, g.type, g.n, ROW_NUMBER() OVER ("
        "   PARTITION BY m.lat, m.lon, m.type ORDER BY m.sort_key IS NULL, m.sort_key, m.pk"
        " ) AS rn FROM matched m JOIN groups g"
        "   ON m.lat = g.lat AND m.lon = g.lon AND m.type = g.type)"
        " SELECT r.lat, r.lon, e.place, e.iso3, r.type, r.n, r.rn,"
        " e.date, e.precision, e.summary, a.title, e.article_id, e.site_of"
        " FROM ranked r JOIN events e ON e.pk = r.pk JOIN articles a ON a.id = e.article_id"
        " WHERE r.rn <= %s"
        ' ORDER BY r.n DESC, r.lat, r.lon, r.type COLLATE "C", r.rn'
    )
    params = [*where.params, *stories_where.params, int(limit), int(per_marker)]
    rows = conn.execute(sql, params).fetchall()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=_MARKER_COLUMNS)
    return frame.astype({"events": "int64", "rank": "int64"})


def _summary_markers(conn: Conn, filters: Filters, per_marker: int,
                     limit: int) -> pd.DataFrame:
    groups = summaries.marker_groups_sql(filters, "%s", '"C"', limit)
    where = _event_where(filters)
    order = "e.sort_key IS NULL, e.sort_key, e.pk"
    if filters.years is not None:  # each group's matching events start in known years,
        # so its first events are read in order along events_by_point_date (no sort)
        where.add("e.sort_key >= lpad(g.first::text, 4, '0')"
                  " AND e.sort_key <= lpad(g.last::text, 4, '0') || '-99-99'")
        order = "e.sort_key, e.pk"
    sql = (
        f"WITH groups AS MATERIALIZED ({groups.text})"
        " SELECT g.lat, g.lon, e.place, e.iso3, g.type, g.n, f.rn,"
        " e.date, e.precision, e.summary, a.title, e.article_id, e.site_of"
        " FROM groups g CROSS JOIN LATERAL (SELECT e.pk, ROW_NUMBER() OVER ("
        f"   ORDER BY {order}) AS rn FROM events e"
        "   WHERE e.lat = g.lat AND e.lon = g.lon AND e.type = g.type"
        f"   AND {where.sql()} ORDER BY {order} LIMIT %s) f"
        " JOIN events e ON e.pk = f.pk JOIN articles a ON a.id = e.article_id"
        ' ORDER BY g.n DESC, g.lat, g.lon, g.type COLLATE "C", f.rn'
    )
    rows = conn.execute(sql.encode(), [*groups.params, *where.params, int(per_marker)])
    frame = pd.DataFrame([tuple(r) for r in rows.fetchall()], columns=_MARKER_COLUMNS)
    return frame.astype({"events": "int64", "rank": "int64"})


def event_counts(conn: Conn, filters: Filters, country: str | None = None, *,
                 summary: bool = True, matches: Matches | None = None) -> dict[str, int]:
    """As :func:`newsmap.query.event_counts` (in ``country`` when given; ``summary``: from the
    summary tables when the filters allow)."""
    if summary and summaries.fits(filters):
        found = summaries.event_counts_sql(filters, "%s", country)
        return summaries.totals(conn.execute(found.text.encode(), found.params).fetchone())
    stories_where = _in_stories(filters, matching_ids(conn, filters, matches), "e.article_id")
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = %s", country)
    row = conn.execute(
        "SELECT COUNT(*), COUNT(e.year_from), COUNT(e.lat),"
        " COUNT(*) FILTER (WHERE e.lat IS NULL AND e.iso3 IS NOT NULL),"
        " COUNT(*) FILTER (WHERE e.year_from < e.year_to)"
        f" FROM events e WHERE {where.sql()} AND {stories_where.sql()}",
        [*where.params, *stories_where.params],
    ).fetchone()
    keys = ("events", "dated", "located", "country_only", "spans")
    values = row if row is not None else (0,) * len(keys)
    return {key: int(value or 0) for key, value in zip(keys, values, strict=True)}


def events_by_year(conn: Conn, filters: Filters, country: str | None = None, *,
                   summary: bool = True, matches: Matches | None = None) -> pd.DataFrame:
    """As :func:`newsmap.query.events_by_year` (in ``country`` when given; ``summary``: from the
    summary tables when the filters allow)."""
    if summary and summaries.fits(filters):
        found = summaries.events_by_year_sql(filters, "%s", country, '"C"')
        rows = conn.execute(found.text.encode(), found.params).fetchall()
        by_year = pd.DataFrame([tuple(r) for r in rows], columns=["year", "type", "events"])
        return by_year.astype({"year": "int64", "events": "int64"})
    stories_where = _in_stories(filters, matching_ids(conn, filters, matches), "e.article_id")
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = %s", country)
    rows = conn.execute(
        "SELECT e.year_from, e.type, COUNT(*) FROM events e"
        f" WHERE e.year_from IS NOT NULL AND e.year_from = e.year_to AND {where.sql()}"
        f" AND {stories_where.sql()} GROUP BY e.year_from, e.type"
        ' ORDER BY e.year_from, e.type COLLATE "C"',
        [*where.params, *stories_where.params],
    ).fetchall()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=["year", "type", "events"])
    return frame.astype({"year": "int64", "events": "int64"})


# --- citations and event exports: every matching row (see newsmap.query.article_records) ---

_RECORD_COLUMNS = ["id", "title", "published", "published_precision", "url", "outlet",
                   "authors", "synthetic"]


def _view_where(filters: Filters, matched: list[str] | None, country: str | None) -> _Where:
    """As :func:`newsmap.query._view_where`: the stories of the view, tied to ``country``."""
    where = _story_where(filters, matched)
    if country is not None:
        where.add("EXISTS (SELECT 1 FROM country_tags vc WHERE vc.article_id = a.id"
                  " AND vc.iso3 = %s)", country)
        if filters.filters_events:
            events = _event_where(filters, "ve")
            where.add("EXISTS (SELECT 1 FROM events ve WHERE ve.article_id = a.id"
                      f" AND ve.iso3 = %s AND {events.sql()})", country, *events.params)
    return where


def article_records(conn: Conn, filters: Filters, country: str | None = None, *,
                    matches: Matches | None = None) -> pd.DataFrame:
    """As :func:`newsmap.query.article_records`."""
    where = _view_where(filters, matching_ids(conn, filters, matches), country)
    rows = conn.execute(
        "SELECT a.id, a.title, a.published, a.published_precision, a.url, a.outlet, a.authors,"
        f" a.synthetic FROM articles a WHERE {where.sql()}"
        ' ORDER BY a.published IS NULL, a.published DESC, a.title COLLATE "C", a.id COLLATE "C"',
        where.params,
    ).fetchall()
    return _frame(rows, _RECORD_COLUMNS)


def event_records(conn: Conn, filters: Filters, country: str | None = None, *,
                  matches: Matches | None = None) -> pd.DataFrame:
    """As :func:`newsmap.query.event_records`."""
    stories_where = _in_stories(filters, matching_ids(conn, filters, matches), "e.article_id")
    where = _event_where(filters)
    if country is not None:
        where.add("e.iso3 = %s", country)
    rows = conn.execute(
        "SELECT e.uid, e.article_id, a.title, a.url, a.outlet, a.source_path, e.date,"
        " e.precision, e.year_from, e.year_to, e.type, e.iso3, e.place, e.lat, e.lon,"
        " e.summary, ct.salience,"
        " (SELECT string_agg(c.reason, ' | ' ORDER BY c.at, c.id) FROM corrections c"
        "   WHERE c.article_id = e.article_id AND c.status = 'applied'"
        "   AND c.action = 'fix_event' AND c.target::jsonb ->> 'event' = e.uid),"
        " e.site_of"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN country_tags ct ON ct.article_id = e.article_id AND ct.iso3 = e.iso3"
        f" WHERE {where.sql()} AND {stories_where.sql()}"
        ' ORDER BY e.sort_key IS NULL, e.sort_key, e.article_id COLLATE "C", e.pk',
        [*where.params, *stories_where.params],
    ).fetchall()
    return _frame(rows, EVENT_RECORD_COLUMNS)
