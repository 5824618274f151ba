"""The Store seam: every question the app asks the store, and the build, behind one protocol.

Two backends implement it:

- :mod:`newsmap.stores.sqlite`, the embedded default: one file beside the corpus, read through
  WAL while a build writes (it wraps :mod:`newsmap.store`, :mod:`newsmap.query` and
  :mod:`newsmap.build` and behaves exactly as they do);
- :mod:`newsmap.stores.postgres`, opt-in with ``NEWSMAP_DB=postgresql://...`` (or ``--db``): one
  shared database server for many app replicas (see the README, "Many readers").

:func:`open_store` picks the backend from the settings. The query methods keep the names and
the answers (DataFrame columns and types) of :mod:`newsmap.query`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from newsmap.build import BuildReport, Progress
from newsmap.freshness import Freshness
from newsmap.imported_query import NEAR_DAYS
from newsmap.imported_store import RowCounts
from newsmap.query import Filters, YearBasis
from newsmap.settings import DB_URL_SCHEMES, Settings
from newsmap.sources.base import ImportedEvents


class Store(Protocol):
    """A built store, opened for reading (and for building, through :meth:`build`)."""

    kind: str
    """``sqlite`` or ``postgresql``."""
    location: str
    """Where it is, fit to print (a file path, or a URL without its password)."""

    def identity(self) -> int:
        """What tells this store apart from one put in its place (a SQLite file's inode)."""
        ...

    def store_version(self) -> int:
        """A number that grows with every build: cheap to poll, the key of cached answers."""
        ...

    def freshness(self, data_dir: Path) -> Freshness:
        """MISSING, STALE (built from another state of ``data_dir``, or an older schema) or
        CURRENT."""
        ...

    def build(self, data_dir: Path, *, rebuild: bool = False, progress: Progress | None = None,
              wait_seconds: float = 0.0, workers: int | None = None) -> BuildReport:
        """Bring the store up to date with ``data_dir`` in one transaction, one build at a time
        (BuildLockedError when another build holds the store past ``wait_seconds``)."""
        ...

    def close(self) -> None:
        """Release the connections."""
        ...

    def load_story_columns(self) -> None:
        """Load the current build's tags and events as columns now (the counts of a search come
        from them; :mod:`newsmap.storycolumns`). Without it they load in the background on the
        first search, which is answered in SQL meanwhile."""
        ...

    # --- the app's questions (see newsmap.query for the semantics of every filter) ---

    def count_by_country(self, filters: Filters, primary: bool = False) -> pd.DataFrame:
        """Stories and events per country (iso3, stories, events); with ``primary`` a story
        counts only for the countries it is about."""
        ...

    def count_stories(self, filters: Filters) -> int:
        """How many stories match."""
        ...

    def stories(self, filters: Filters, country: str | None = None,
                limit: int | None = None, *, snippets: bool = True) -> pd.DataFrame:
        """The matching stories, most relevant first (columns of ``query.stories``: ``sample``
        always, ``primary`` when ``country`` is given; the snippets empty without
        ``snippets``)."""
        ...

    def events(self, filters: Filters, country: str | None = None, *,
               located_only: bool = False, limit: int | None = None) -> pd.DataFrame:
        """Events of the matching stories in date order (columns of ``query.events``)."""
        ...

    def event_markers(self, filters: Filters, *, per_marker: int = 3,
                      limit: int = 1000) -> pd.DataFrame:
        """Located events grouped by point and type (columns of ``query.event_markers``)."""
        ...

    def event_counts(self, filters: Filters, country: str | None = None) -> dict[str, int]:
        """Matching events (in ``country`` when given): all, dated, located, country_only,
        spans."""
        ...

    def events_by_year(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """Single-year events per year and type (year, type, events), in ``country`` when
        given."""
        ...

    def article_detail(self, article_id: str) -> dict[str, Any] | None:
        """One article with its tags, or None."""
        ...

    def outlets(self) -> list[str]:
        """Every outlet, sorted."""
        ...

    def tagged_countries(self) -> list[str]:
        """Every ISO3 some article is tagged with, sorted."""
        ...

    def regions(self) -> list[str]:
        """Every region some article names, sorted."""
        ...

    def event_types(self) -> list[str]:
        """Every event type present, sorted."""
        ...

    def year_bounds(self, basis: YearBasis = "event") -> tuple[int, int] | None:
        """First and last year on the chosen basis, or None."""
        ...

    def rejections(self) -> pd.DataFrame:
        """The files the last build rejected (source_path, reason)."""
        ...

    def store_stats(self) -> dict[str, int]:
        """Counts of what the store holds."""
        ...

    def get_meta(self, key: str) -> str | None:
        """A value from the store's metadata, or None."""
        ...

    def sqlite_connection(self) -> sqlite3.Connection | None:
        """The SQLite connection (to read several questions in one snapshot); None on
        PostgreSQL."""
        ...

    # --- imported event datasets (see newsmap.imported_query for the semantics) ---

    def import_dataset(self, batch: ImportedEvents) -> RowCounts:
        """Bring the stored rows of one dataset in line with ``batch``, in one transaction,
        and count a new store version."""
        ...

    def imported_sources(self) -> dict[str, int]:
        """How many imported events each source holds (``{"acled": 5, "gdelt": 4}``)."""
        ...

    def imported_count(self, filters: Filters | None = None) -> int:
        """How many imported events match (all of them when None)."""
        ...

    def imported_markers(self, filters: Filters, limit: int = 500) -> pd.DataFrame:
        """Located imported events grouped by point, the busiest first."""
        ...

    def country_imported(self, filters: Filters, iso3: str, limit: int = 100) -> pd.DataFrame:
        """Imported events in ``iso3`` in the years of the country's stories, in date order."""
        ...

    def story_imported(self, article_id: str, days: int = NEAR_DAYS,
                       limit: int = 50) -> pd.DataFrame:
        """Imported events within ``days`` of one of the story's day-dated events there."""
        ...

    # --- editors' corrections, as the last build recorded them ---

    def corrections_for(self, article_id: str) -> list[dict[str, Any]]:
        """One story's corrections, oldest first (the ``corrections`` table's columns)."""
        ...

    def orphaned_corrections(self) -> list[dict[str, Any]]:
        """Corrections the last build could not apply (target or article gone, bad line)."""
        ...

    def corrected_article_ids(self) -> list[str]:
        """Stories with at least one applied correction, sorted."""
        ...

    # --- citation and event exports: every row of the view ---

    def article_records(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """The view's stories with their bibliographic fields (``query.article_records``)."""
        ...

    def event_records(self, filters: Filters, country: str | None = None) -> pd.DataFrame:
        """The view's events with ids, stories and corrections (``query.event_records``)."""
        ...


def is_url(db: Path | str) -> bool:
    """Whether ``db`` names a PostgreSQL database rather than a SQLite file."""
    return str(db).startswith(DB_URL_SCHEMES)


def open_store(settings: Settings, *, readonly: bool = True) -> Store:
    """The store the settings name: PostgreSQL for a ``postgresql://`` URL, else SQLite."""
    return open_store_at(settings.db_url or settings.db_path, readonly=readonly)


def open_store_at(db: Path | str, *, readonly: bool = True) -> Store:
    """The store at a SQLite path or a PostgreSQL URL. ``readonly`` SQLite stores must exist
    (StoreError otherwise); a PostgreSQL database is migrated when it is opened for a build."""
    if is_url(db):
        from newsmap.stores.postgres import PostgresStore

        return PostgresStore(str(db), migrate=not readonly)
    from newsmap.stores.sqlite import SqliteStore

    return SqliteStore(Path(db), readonly=readonly)


def store_identity(db: Path | str) -> int:
    """The identity of the store at ``db`` without opening it (a file's inode; 0 for a server),
    so a cache keyed on it notices a store file replaced. FileNotFoundError for a missing file."""
    if is_url(db):
        return 0
    return Path(db).stat().st_ino


__all__ = ["Store", "is_url", "open_store", "open_store_at", "store_identity"]
