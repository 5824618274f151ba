"""The imported events (ACLED, GDELT) asked of PostgreSQL: the same answers as
:mod:`newsmap.imported_query` gives on SQLite, with the same filter conditions
(:func:`newsmap.imported_query.where`). What differs is the dialect: ``string_agg`` for
``group_concat``, date arithmetic for ``julianday``, ``COLLATE "C"`` where text is sorted."""

from __future__ import annotations

from typing import Any

import pandas as pd
import psycopg

from newsmap.imported_query import EVENT_COLUMNS, MARKER_COLUMNS, NEAR_DAYS, where
from newsmap.query import Filters

Conn = psycopg.Connection[tuple[Any, ...]]

_SELECT = ", ".join(f"i.{c}" for c in EVENT_COLUMNS)
_ORDER = 'i.sort_key IS NULL, i.sort_key, i.source COLLATE "C", i.source_id COLLATE "C"'


def _frame(rows: list[Any], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)


def imported_count(conn: Conn, filters: Filters | None = None) -> int:
    """As :func:`newsmap.imported_query.imported_count`."""
    found, params = where(filters or Filters(), p="%s")
    row = conn.execute(f"SELECT COUNT(*) FROM imported_events i WHERE {found}",
                       params).fetchone()
    return int(row[0]) if row else 0


def imported_markers(conn: Conn, filters: Filters, limit: int = 500) -> pd.DataFrame:
    """As :func:`newsmap.imported_query.imported_markers`."""
    outer, params = where(filters, p="%s")
    inner, inner_params = where(filters, alias="j", p="%s")
    rows = conn.execute(
        "SELECT i.lat, i.lon, COUNT(*), MIN(i.date COLLATE \"C\"), MAX(i.date COLLATE \"C\"),"
        ' MIN(i.place COLLATE "C"),'
        ' string_agg(DISTINCT i.source COLLATE "C", \',\' ORDER BY i.source COLLATE "C"),'
        ' string_agg(DISTINCT i.type COLLATE "C", \',\' ORDER BY i.type COLLATE "C"),'
        " (SELECT string_agg(s, E'\\n' ORDER BY n) FROM (SELECT coalesce(j.date, 'undated')"
        "   || ' · ' || upper(j.source) || ' · ' || j.summary AS s, ROW_NUMBER() OVER ("
        '   ORDER BY j.sort_key DESC NULLS LAST, j.source COLLATE "C", j.source_id COLLATE "C")'
        "   AS n FROM imported_events j"
        f"   WHERE j.lat = i.lat AND j.lon = i.lon AND {inner}"
        '   ORDER BY j.sort_key DESC NULLS LAST, j.source COLLATE "C", j.source_id COLLATE "C"'
        "   LIMIT 3) AS latest)"
        f" FROM imported_events i WHERE i.lat IS NOT NULL AND {outer}"
        " GROUP BY i.lat, i.lon ORDER BY COUNT(*) DESC, MIN(i.sort_key) NULLS FIRST, i.lat, i.lon"
        " LIMIT %s",
        [*inner_params, *params, int(limit)],
    ).fetchall()
    frame = _frame(rows, MARKER_COLUMNS)
    return frame.astype({"events": "int64"}) if len(frame) else frame


def country_imported(conn: Conn, filters: Filters, iso3: str, limit: int = 100) -> pd.DataFrame:
    """As :func:`newsmap.imported_query.country_imported`."""
    found, params = where(filters, iso3, p="%s")
    years = (
        "SELECT e.year_from FROM events e WHERE e.iso3 = %s AND e.year_from = e.year_to"
        " UNION SELECT a.published_year FROM articles a JOIN country_tags c"
        " ON c.article_id = a.id WHERE c.iso3 = %s AND a.published_year IS NOT NULL"
    )
    rows = conn.execute(
        f"SELECT {_SELECT} FROM imported_events i WHERE {found}"
        f" AND i.year_from IN ({years}) ORDER BY {_ORDER} LIMIT %s",
        [*params, iso3, iso3, int(limit)],
    ).fetchall()
    return _frame(rows, EVENT_COLUMNS)


def story_imported(conn: Conn, article_id: str, days: int = NEAR_DAYS,
                   limit: int = 50) -> pd.DataFrame:
    """As :func:`newsmap.imported_query.story_imported` (dates are cast only once their
    precision says they are days)."""
    rows = conn.execute(
        f"SELECT {_SELECT}, MIN(e.date COLLATE \"C\") AS near FROM imported_events i"
        " JOIN events e ON e.article_id = %s AND e.iso3 = i.iso3 AND e.precision = 'day'"
        " AND i.precision = 'day'"
        " AND (CASE WHEN i.precision = 'day' THEN i.date::date END)"
        " BETWEEN (CASE WHEN e.precision = 'day' THEN e.date::date END) - %s"
        " AND (CASE WHEN e.precision = 'day' THEN e.date::date END) + %s"
        f" GROUP BY i.pk ORDER BY {_ORDER} LIMIT %s",
        (article_id, int(days), int(days), int(limit)),
    ).fetchall()
    return _frame(rows, [*EVENT_COLUMNS, "near"])


def imported_sources(conn: Conn) -> dict[str, int]:
    """As :func:`newsmap.imported_query.imported_sources` (none before the schema has the
    imported tables: a store built by an older newsmap)."""
    exists = conn.execute("SELECT to_regclass('imported_events')").fetchone()
    if exists is None or exists[0] is None:
        return {}
    rows = conn.execute('SELECT source, COUNT(*) FROM imported_events GROUP BY source'
                        ' ORDER BY source COLLATE "C"').fetchall()
    return {str(row[0]): int(row[1]) for row in rows}
