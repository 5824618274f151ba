"""Questions the app asks of the imported events (ACLED, GDELT), answered as DataFrames.

They follow the reader's filters where they apply to events: the year span (on event years,
whichever basis the stories use: imported events have no publication date), the countries
and the event types. Full-text search, outlets and regions select stories, not these events.
These are the SQLite answers; :mod:`newsmap.stores.pg_imported` gives the same on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pandas as pd

from newsmap.query import Filters

NEAR_DAYS = 3
"""A story shows imported events in its countries within this many days of its own events."""

EVENT_COLUMNS = [
    "source", "source_id", "date", "precision", "date_note", "iso3", "admin1", "place", "lat",
    "lon", "place_note", "type", "source_type", "actors", "summary", "fatalities", "link",
    "reported_by",
]
_SELECT = ", ".join(f"i.{c}" for c in EVENT_COLUMNS)
ORDER = "i.sort_key IS NULL, i.sort_key, i.source, i.source_id"
"""The imported events' order (text compared byte by byte: ``COLLATE "C"`` on PostgreSQL)."""
MARKER_COLUMNS = ["lat", "lon", "events", "first", "last", "place", "sources", "types",
                  "summaries"]


def where(filters: Filters, country: str | None = None, alias: str = "i",
          p: str = "?") -> tuple[str, list[Any]]:
    """The filters' conditions on imported events (``p``: the driver's parameter marker)."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.years is not None:
        clauses.append(f"{alias}.year_to >= {p} AND {alias}.year_from <= {p}")
        params.extend(filters.years)
    if filters.countries:
        clauses.append(f"{alias}.iso3 IN ({', '.join(p for _ in filters.countries)})")
        params.extend(filters.countries)
    if filters.event_types:
        clauses.append(f"{alias}.type IN ({', '.join(p for _ in filters.event_types)})")
        params.extend(filters.event_types)
    if country is not None:
        clauses.append(f"{alias}.iso3 = {p}")
        params.append(country)
    return (" AND ".join(clauses) or "1 = 1"), params


def _frame(rows: list[Any], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)


def imported_count(conn: sqlite3.Connection, filters: Filters | None = None) -> int:
    """How many imported events match ``filters`` (all of them when None)."""
    found, params = where(filters or Filters())
    row = conn.execute(f"SELECT COUNT(*) FROM imported_events i WHERE {found}", params)
    return int(row.fetchone()[0])


def imported_markers(conn: sqlite3.Connection, filters: Filters,
                     limit: int = 500) -> pd.DataFrame:
    """Located imported events grouped by point, the busiest points first (at most ``limit``).

    Columns: lat, lon, events (count), first and last date, place, sources ("acled, gdelt"),
    types ("protest, other"), summaries (up to three, joined by a newline).
    """
    outer, params = where(filters)
    inner, inner_params = where(filters, alias="j")
    rows = conn.execute(
        "SELECT i.lat, i.lon, COUNT(*), MIN(i.date), MAX(i.date), MIN(i.place),"
        " group_concat(DISTINCT i.source), group_concat(DISTINCT i.type),"
        " (SELECT group_concat(s, char(10)) FROM (SELECT coalesce(j.date, 'undated') || ' · '"
        "   || upper(j.source) || ' · ' || j.summary AS s FROM imported_events j"
        f"   WHERE j.lat = i.lat AND j.lon = i.lon AND {inner}"
        "   ORDER BY j.sort_key DESC, j.source, j.source_id LIMIT 3))"
        f" FROM imported_events i WHERE i.lat IS NOT NULL AND {outer}"
        " GROUP BY i.lat, i.lon ORDER BY COUNT(*) DESC, MIN(i.sort_key), i.lat, i.lon LIMIT ?",
        [*inner_params, *params, int(limit)],
    ).fetchall()
    frame = _frame(rows, MARKER_COLUMNS)
    return frame.astype({"events": "int64"}) if len(frame) else frame


def country_imported(conn: sqlite3.Connection, filters: Filters, iso3: str,
                     limit: int = 100) -> pd.DataFrame:
    """Imported events in ``iso3`` that fall in the years of the country's stories (the years
    of their events there, single years only, and their publication years), in date order."""
    found, params = where(filters, iso3)
    years = (
        "SELECT e.year_from FROM events e WHERE e.iso3 = ? AND e.year_from = e.year_to"
        " UNION SELECT a.published_year FROM articles a JOIN country_tags c"
        " ON c.article_id = a.id WHERE c.iso3 = ? AND a.published_year IS NOT NULL"
    )
    rows = conn.execute(
        f"SELECT {_SELECT} FROM imported_events i WHERE {found}"
        f" AND i.year_from IN ({years}) ORDER BY {ORDER} LIMIT ?",
        [*params, iso3, iso3, int(limit)],
    ).fetchall()
    return _frame(rows, EVENT_COLUMNS)


def story_imported(conn: sqlite3.Connection, article_id: str, days: int = NEAR_DAYS,
                   limit: int = 50) -> pd.DataFrame:
    """Imported events in the country of one of the story's day-dated events, within ``days``
    days of it, in date order. Adds the column ``near``: the story's event date it is near."""
    rows = conn.execute(
        f"SELECT {_SELECT}, MIN(e.date) AS near FROM imported_events i JOIN events e"
        " ON e.article_id = ? AND e.iso3 = i.iso3 AND e.precision = 'day'"
        " AND i.precision = 'day'"
        " AND julianday(i.date) BETWEEN julianday(e.date) - ? AND julianday(e.date) + ?"
        f" GROUP BY i.pk ORDER BY {ORDER} LIMIT ?",
        (article_id, days, days, int(limit)),
    ).fetchall()
    return _frame(rows, [*EVENT_COLUMNS, "near"])


def imported_sources(conn: sqlite3.Connection) -> dict[str, int]:
    """How many events each imported source holds (``{"acled": 5, "gdelt": 4}``)."""
    rows = conn.execute("SELECT source, COUNT(*) FROM imported_events GROUP BY source ORDER BY 1")
    return {row[0]: int(row[1]) for row in rows}
