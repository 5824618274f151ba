"""The embedded SQLite store behind the Store seam: the existing store, query and build
functions, called with one shared connection. No behaviour of its own."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from newsmap import correction_book, imported_query, query, storycolumns
from newsmap.build import BuildReport, Progress, build_store
from newsmap.freshness import Freshness, store_freshness
from newsmap.imported_store import RowCounts, write_dataset
from newsmap.query import Filters, Matched, TextMatches, YearBasis
from newsmap.sources.base import ImportedEvents
from newsmap.store import connect, get_meta, write_transaction


class SqliteStore:
    """A SQLite store file; reads share one connection (opened read-only by default)."""

    kind = "sqlite"

    def __init__(self, db_path: Path, *, readonly: bool = True) -> None:
        self.db_path = db_path
        self.location = str(db_path)
        self._readonly = readonly
        self._conn: sqlite3.Connection | None = None
        self._matches: TextMatches[Matched] = TextMatches()
        """The last searches' matches, shared by the questions each search asks."""
        self._columns = storycolumns.ColumnsCache(self._load_columns)
        """Tags and events as columns, for the counts of a search (:mod:`newsmap.storycolumns`)."""
        if readonly:
            self._conn = connect(db_path, readonly=True)

    @property
    def conn(self) -> sqlite3.Connection:
        """The shared connection (opened on first use when the store may not exist yet)."""
        if self._conn is None:
            self._conn = connect(self.db_path, readonly=self._readonly)
        return self._conn

    def identity(self) -> int:
        """The file's inode."""
        return self.db_path.stat().st_ino

    def store_version(self) -> int:
        """The build counter in the meta table."""
        return query.store_version(self.conn)

    def freshness(self, data_dir: Path) -> Freshness:
        """As :func:`newsmap.freshness.store_freshness`."""
        return store_freshness(data_dir, self.db_path)

    def build(self, data_dir: Path, *, rebuild: bool = False, progress: Progress | None = None,
              wait_seconds: float = 0.0, workers: int | None = None) -> BuildReport:
        """As :func:`newsmap.build.build_store` (its own connection, its flock)."""
        return build_store(data_dir, self.db_path, rebuild=rebuild, progress=progress,
                           wait_seconds=wait_seconds, workers=workers)

    def close(self) -> None:
        """Close the shared connection (and start no more column loads)."""
        self._columns.close()
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _story_columns(self, filters: Filters, *,
                       counts: bool = True) -> storycolumns.StoryColumns | None:
        """The build's tags and events as columns when they answer ``filters`` (its ``counts``,
        or its lists) and are loaded."""
        return self._columns.covering(filters, self.store_version(), counts=counts)

    def _load_columns(self) -> storycolumns.StoryColumns:
        """The current build's tags and events as columns, read in one snapshot on a connection
        of their own (the load may run beside the readers' questions)."""
        conn = connect(self.db_path, readonly=True)
        try:
            conn.execute("BEGIN")
            return storycolumns.load_columns(query.store_version(conn),
                                             conn.execute(storycolumns.ARTICLE_ROWS),
                                             conn.execute(storycolumns.TAG_ROWS),
                                             conn.execute(storycolumns.EVENT_ROWS))
        finally:
            conn.close()

    def load_story_columns(self) -> None:
        """Load the current build's tags and events as columns now (see the Store protocol)."""
        self._columns.get()

    def _event_details(self, pks: list[int]) -> dict[int, Sequence[Any]]:
        """What markers show of the events with these row keys."""
        rows = self.conn.execute(storycolumns.EVENT_DETAILS + f" IN {query.MATCHED}",
                                 (json.dumps(pks),))
        return {int(row[0]): tuple(row[1:]) for row in rows}

    def _matching_ids(self, filters: Filters) -> list[str] | None:
        """The ids of the stories the search text matches (None without a search)."""
        found = query.matching_ids(self.conn, filters, self._matches)
        return None if found is None else found.id_list

    def count_by_country(self, filters: Filters, primary: bool = False) -> pd.DataFrame:
        """As :func:`newsmap.query.count_by_country` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.count_by_country(filters, self._matching_ids(filters), primary)
        return query.count_by_country(self.conn, filters, primary=primary,
                                      matches=self._matches)

    def count_stories(self, filters: Filters) -> int:
        """As :func:`newsmap.query.count_stories` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.count_stories(filters, self._matching_ids(filters))
        return query.count_stories(self.conn, filters, matches=self._matches)

    def stories(self, filters: Filters, country: str | None = None,
                limit: int | None = None, *, snippets: bool = True) -> pd.DataFrame:
        """As :func:`newsmap.query.stories` (the page chosen from columns when they answer)."""
        columns = self._story_columns(filters, counts=False)
        if columns is not None:
            pks, primary = columns.story_page(filters, self._matching_ids(filters), country,
                                              limit)
            return query.listed_stories(self.conn, filters, pks.tolist(),
                                        None if primary is None else primary.tolist(),
                                        country, snippets=snippets)
        return query.stories(self.conn, filters, country=country, limit=limit,
                             snippets=snippets, matches=self._matches)

    def events(self, filters: Filters, country: str | None = None, *,
               located_only: bool = False, limit: int | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.events` (chosen from columns when they answer)."""
        columns = self._story_columns(filters, counts=False)
        if columns is not None:
            return query.listed_events(self.conn, columns.event_page(
                filters, self._matching_ids(filters), country, located_only=located_only,
                limit=limit).tolist())
        return query.events(self.conn, filters, country=country, located_only=located_only,
                            limit=limit, matches=self._matches)

    def event_markers(self, filters: Filters, *, per_marker: int = 3,
                      limit: int = 1000) -> pd.DataFrame:
        """As :func:`newsmap.query.event_markers` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.event_markers(filters, self._matching_ids(filters),
                                         per_marker=per_marker, limit=limit,
                                         details=self._event_details)
        return query.event_markers(self.conn, filters, per_marker=per_marker, limit=limit,
                                   matches=self._matches)

    def event_counts(self, filters: Filters, country: str | None = None) -> dict[str, int]:
        """As :func:`newsmap.query.event_counts` (from columns when they answer)."""
        columns = self._story_columns(filters)
        if columns is not None:
            return columns.event_counts(filters, self._matching_ids(filters), country)
        return query.event_counts(self.conn, filters, country, matches=self._matches)

    def events_by_year(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.events_by_year`."""
        return query.events_by_year(self.conn, filters, country, matches=self._matches)

    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        """As :func:`newsmap.query.article_detail`."""
        return query.article_detail(self.conn, article_id)

    def outlets(self) -> list[str]:
        """As :func:`newsmap.query.outlets`."""
        return query.outlets(self.conn)

    def tagged_countries(self) -> list[str]:
        """As :func:`newsmap.query.tagged_countries`."""
        return query.tagged_countries(self.conn)

    def regions(self) -> list[str]:
        """As :func:`newsmap.query.regions`."""
        return query.regions(self.conn)

    def event_types(self) -> list[str]:
        """As :func:`newsmap.query.event_types`."""
        return query.event_types(self.conn)

    def year_bounds(self, basis: YearBasis = "event") -> tuple[int, int] | None:
        """As :func:`newsmap.query.year_bounds`."""
        return query.year_bounds(self.conn, basis)

    def rejections(self) -> pd.DataFrame:
        """As :func:`newsmap.query.rejections`."""
        return query.rejections(self.conn)

    def store_stats(self) -> dict[str, int]:
        """As :func:`newsmap.query.store_stats`."""
        return query.store_stats(self.conn)

    def get_meta(self, key: str) -> str | None:
        """As :func:`newsmap.store.get_meta`."""
        return get_meta(self.conn, key)

    def sqlite_connection(self) -> sqlite3.Connection:
        """The shared connection."""
        return self.conn

    def import_dataset(self, batch: ImportedEvents) -> RowCounts:
        """Apply one dataset's rows on a writing connection of its own, in one transaction
        (waiting for a running build's to end)."""
        conn = connect(self.db_path)
        try:
            with write_transaction(conn):
                counts = write_dataset(conn, batch)
        finally:
            conn.close()
        return counts

    def imported_sources(self) -> dict[str, int]:
        """As :func:`newsmap.imported_query.imported_sources`."""
        return imported_query.imported_sources(self.conn)

    def imported_count(self, filters: Filters | None = None) -> int:
        """As :func:`newsmap.imported_query.imported_count`."""
        return imported_query.imported_count(self.conn, filters)

    def imported_markers(self, filters: Filters, limit: int = 500) -> pd.DataFrame:
        """As :func:`newsmap.imported_query.imported_markers`."""
        return imported_query.imported_markers(self.conn, filters, limit)

    def country_imported(self, filters: Filters, iso3: str, limit: int = 100) -> pd.DataFrame:
        """As :func:`newsmap.imported_query.country_imported`."""
        return imported_query.country_imported(self.conn, filters, iso3, limit)

    def story_imported(self, article_id: str, days: int = imported_query.NEAR_DAYS,
                       limit: int = 50) -> pd.DataFrame:
        """As :func:`newsmap.imported_query.story_imported`."""
        return imported_query.story_imported(self.conn, article_id, days, limit)

    def corrections_for(self, article_id: str) -> list[dict[str, Any]]:
        """As :func:`newsmap.correction_book.for_article`."""
        return correction_book.for_article(self.conn, article_id)

    def orphaned_corrections(self) -> list[dict[str, Any]]:
        """As :func:`newsmap.correction_book.orphaned`."""
        return correction_book.orphaned(self.conn)

    def corrected_article_ids(self) -> list[str]:
        """As :func:`newsmap.correction_book.corrected_article_ids`."""
        return correction_book.corrected_article_ids(self.conn)

    def article_records(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.article_records`."""
        return query.article_records(self.conn, filters, country, matches=self._matches)

    def event_records(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """As :func:`newsmap.query.event_records`."""
        return query.event_records(self.conn, filters, country, matches=self._matches)
