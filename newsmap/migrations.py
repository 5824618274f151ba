"""The store's schema, as numbered, idempotent migrations recorded in the database itself.

An old store opens and is upgraded step by step; a store from a newer newsmap is refused.
Add a step by appending to :data:`MIGRATIONS`; never edit a step that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from newsmap.errors import StoreError

Migration = Callable[[sqlite3.Connection], None]


def _m001_initial(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS articles (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            published TEXT,
            published_precision TEXT,
            published_year INTEGER,
            url TEXT,
            outlet TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            topics TEXT NOT NULL DEFAULT '[]',
            curated_countries TEXT NOT NULL DEFAULT '[]',
            synthetic INTEGER NOT NULL DEFAULT 0,
            source_path TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS country_tags (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            iso3 TEXT NOT NULL,
            name TEXT NOT NULL,
            salience REAL NOT NULL,
            is_primary INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_id, iso3)
        );
        CREATE TABLE IF NOT EXISTS places (
            pk INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            iso3 TEXT NOT NULL,
            lat REAL NOT NULL,
            lon REAL NOT NULL,
            evidence TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS events (
            pk INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            date TEXT,
            precision TEXT,
            year_from INTEGER,
            year_to INTEGER,
            sort_key TEXT,
            iso3 TEXT,
            place TEXT,
            lat REAL,
            lon REAL,
            type TEXT NOT NULL,
            summary TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
            title, body, content='articles', content_rowid='pk',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.pk, new.title, new.body);
        END;
        CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.pk, old.title, old.body);
        END;
        CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.pk, old.title, old.body);
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.pk, new.title, new.body);
        END;
        """
    )


def _m002_filter_indexes(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE INDEX IF NOT EXISTS country_tags_by_iso3 ON country_tags(iso3, article_id);
        CREATE INDEX IF NOT EXISTS events_by_article ON events(article_id);
        CREATE INDEX IF NOT EXISTS events_by_country_year ON events(iso3, year_from, year_to);
        CREATE INDEX IF NOT EXISTS events_by_year ON events(year_from, year_to);
        CREATE INDEX IF NOT EXISTS events_by_type ON events(type);
        CREATE INDEX IF NOT EXISTS places_by_article ON places(article_id);
        CREATE INDEX IF NOT EXISTS articles_by_published_year ON articles(published_year);
        CREATE INDEX IF NOT EXISTS articles_by_outlet ON articles(outlet);
        """
    )


def _m003_regions_rejections_meta(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS regions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (article_id, name)
        );
        CREATE INDEX IF NOT EXISTS regions_by_name ON regions(name);
        CREATE TABLE IF NOT EXISTS rejections (
            source_path TEXT PRIMARY KEY,
            reason TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


def _m004_file_stats(conn: sqlite3.Connection) -> None:
    # Size and modification time of each stored file as last read, beside the hash it had then:
    # an incremental build skips re-reading a file whose stat and hash still match.
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS file_stats (
            source_path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            content_hash TEXT NOT NULL
        ) WITHOUT ROWID;
        """
    )


def _m005_scale_indexes(conn: sqlite3.Connection) -> None:
    # Covering indexes for the map's aggregates at 100,000 articles (bench/scale.py): markers
    # grouped by point and type, each group's first events in date order; counts per country
    # and story; one country's events in date order; the latest stories first;
    # a country's stories by rank; each story's events, for the story-level event filters.
    conn.executescript(
        """
        CREATE INDEX IF NOT EXISTS events_by_point ON events(
            lat, lon, type, (sort_key IS NULL), sort_key, year_from, year_to, article_id);
        CREATE INDEX IF NOT EXISTS events_by_country_story ON events(
            iso3, article_id, year_from, year_to, type, lat);
        CREATE INDEX IF NOT EXISTS events_by_country_date ON events(
            iso3, (sort_key IS NULL), sort_key);
        CREATE INDEX IF NOT EXISTS articles_by_recency ON articles(
            (published IS NULL), published DESC, title);
        CREATE INDEX IF NOT EXISTS country_tags_by_rank ON country_tags(
            iso3, is_primary DESC, salience DESC);
        CREATE INDEX IF NOT EXISTS events_by_story ON events(
            article_id, year_from, year_to, type, iso3, lat, lon);
        """
    )


def _m006_stored_files_index(conn: sqlite3.Connection) -> None:
    # What the build reads of every stored file (path, id, hash) in one small covering index:
    # from the table it meant following each 4 KB body to reach the columns after it, about
    # 1 s of an incremental build at 100,000 articles (bench/scale.py).
    conn.executescript(
        """
        CREATE INDEX IF NOT EXISTS articles_stored_files ON articles(source_path, id, content_hash);
        """
    )


def _m007_imported_events(conn: sqlite3.Connection) -> None:
    # Researchers' event datasets (ACLED, GDELT): one row per dataset file, one per event row,
    # each keeping its dataset's own id, date and place precision and link; not tied to any
    # article. See newsmap/imported_store.py and newsmap/imported_query.py.
    conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS imported_datasets (
            dataset TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            content_hash TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS imported_events (
            pk INTEGER PRIMARY KEY,
            dataset TEXT NOT NULL REFERENCES imported_datasets(dataset) ON DELETE CASCADE,
            source TEXT NOT NULL,
            source_id TEXT NOT NULL,
            row_hash TEXT NOT NULL,
            date TEXT,
            precision TEXT,
            year_from INTEGER,
            year_to INTEGER,
            sort_key TEXT,
            date_note TEXT NOT NULL,
            iso3 TEXT,
            admin1 TEXT,
            place TEXT,
            lat REAL,
            lon REAL,
            place_note TEXT NOT NULL,
            type TEXT NOT NULL,
            source_type TEXT NOT NULL,
            actors TEXT NOT NULL,
            summary TEXT NOT NULL,
            fatalities INTEGER,
            link TEXT,
            reported_by TEXT NOT NULL,
            UNIQUE (dataset, source_id)
        );
        CREATE INDEX IF NOT EXISTS imported_by_country_date ON imported_events(
            iso3, (sort_key IS NULL), sort_key);
        CREATE INDEX IF NOT EXISTS imported_by_country_year ON imported_events(
            iso3, year_from, year_to);
        CREATE INDEX IF NOT EXISTS imported_by_point ON imported_events(
            lat, lon, year_from, year_to, type);
        """
    )
    # sample articles (front matter ``sample: true``) are labelled in the app
    columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    if "sample" not in columns:
        conn.execute("ALTER TABLE articles ADD COLUMN sample INTEGER NOT NULL DEFAULT 0")


def _m008_event_ids_and_corrections(conn: sqlite3.Connection) -> None:
    # Stable event ids (newsmap/eventids.py), filled in for events already stored, and what the
    # last build did with each editor's correction (applied, or its target gone: orphaned).
    from newsmap.eventids import stored_event_uid

    columns = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    if "uid" not in columns:
        conn.execute("ALTER TABLE events ADD COLUMN uid TEXT")
    conn.create_function("newsmap_event_uid", 4, stored_event_uid, deterministic=True)
    conn.executescript(
        """
        UPDATE events SET uid = newsmap_event_uid(article_id, summary, date, iso3)
        WHERE uid IS NULL;
        CREATE INDEX IF NOT EXISTS events_by_uid ON events(uid);
        CREATE TABLE IF NOT EXISTS corrections (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            reason TEXT NOT NULL,
            editor TEXT NOT NULL,
            at TEXT NOT NULL,
            status TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS corrections_by_article ON corrections(article_id);
        """
    )


def _m009_summaries(conn: sqlite3.Connection) -> None:
    # The map's aggregates per country, year span and type (newsmap/summaries.py), filled from
    # the stored events; from now on every build keeps them in its transaction.
    from newsmap import summaries

    for statement in summaries.CREATE_SQL:
        conn.execute(statement.format(real="REAL"))
    summaries.rebuild(conn, "?")
    # each marker group's first events in date order, read without sorting (query.event_markers)
    conn.execute("CREATE INDEX IF NOT EXISTS events_by_point_date ON events(lat, lon, type,"
                 " sort_key)")


def _m010_synthetic_index(conn: sqlite3.Connection) -> None:
    # store_stats counts synthetic articles; without an index that reads every article's row,
    # bodies included (4 s on a cold 100,000-article store, at the app's first page)
    conn.execute("CREATE INDEX IF NOT EXISTS articles_synthetic ON articles(synthetic)"
                 " WHERE synthetic")


def _m011_story_listing_index(conn: sqlite3.Connection) -> None:
    # The story columns (newsmap/storycolumns.py) read every story's id, date and title once a
    # build; from the table that meant following each 4 KB body to reach the date after it
    # (seconds on a cold 100,000-article store), from this index 0.17 s.
    conn.execute("CREATE INDEX IF NOT EXISTS articles_listing ON articles(id, published, title)")


def _m012_site_of(conn: sqlite3.Connection) -> None:
    # The town whose coordinates a named site or an unknown village takes ("Tahrir Square" at
    # Cairo), on the place and on each event placed there (so the map and the lists read it
    # with the event, at no cost). Older rows keep NULL; forgetting the tagger's version makes
    # the next build tag every story again, which fills it.
    for table in ("places", "events"):
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if "site_of" not in columns:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN site_of TEXT")
    conn.execute("DELETE FROM meta WHERE key = 'tagger_version'")


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "articles, tags, places, events and full-text index", _m001_initial),
    (2, "indexes for every filter", _m002_filter_indexes),
    (3, "regions, rejected files and store metadata", _m003_regions_rejections_meta),
    (4, "file sizes and times, so unchanged files are not re-read", _m004_file_stats),
    (5, "covering indexes for the map at scale", _m005_scale_indexes),
    (6, "covering index of stored files for incremental builds", _m006_stored_files_index),
    (7, "imported event datasets (ACLED, GDELT); sample articles", _m007_imported_events),
    (8, "stable event ids and editors' corrections", _m008_event_ids_and_corrections),
    (9, "summary tables of events and stories per country, year and type", _m009_summaries),
    (10, "a small index of synthetic articles, for the store's counts", _m010_synthetic_index),
    (11, "a covering index of story ids, dates and titles, for the story columns",
     _m011_story_listing_index),
    (12, "the town a named site or an unknown village is shown at (places and events.site_of)",
     _m012_site_of),
)
LATEST_VERSION = MIGRATIONS[-1][0]


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration recorded in the store (0 for an empty file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, up_to: int = LATEST_VERSION) -> list[int]:
    """Apply the migrations the store lacks, each in its own transaction; returns their numbers."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    current = schema_version(conn)
    if current > LATEST_VERSION:
        raise StoreError(
            f"the store was written by a newer newsmap (schema version {current}; this one "
            f"knows up to {LATEST_VERSION}); upgrade newsmap, or replace the store with one "
            "built from the corpus by `newsmap build --rebuild`"
        )
    applied = []
    for version, name, step in MIGRATIONS:
        if version <= current or version > up_to:
            continue
        with conn:
            step(conn)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(version)
    return applied
