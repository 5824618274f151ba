"""The SQLite store: opening it safely, and writing or removing one article with its tags.

Readers and the build share the file through WAL: the app reads the last committed state
while a build writes. Queries for the app live in :mod:`newsmap.query`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsmap.errors import StoreError
from newsmap.eventids import event_uids
from newsmap.migrations import LATEST_VERSION, migrate, schema_version
from newsmap.model import Article, ArticleTags

BUSY_TIMEOUT_MS = 30_000


def connect(db_path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the store (creating and migrating it unless ``readonly``); StoreError if unusable."""
    if readonly and not db_path.exists():
        raise StoreError(f"store {db_path} does not exist; run `newsmap build` first")
    if not readonly:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    uri = f"file:{db_path}?mode=ro" if readonly else f"file:{db_path}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
        elif schema_version(conn) != LATEST_VERSION:
            raise StoreError(
                f"store {db_path} has schema version {schema_version(conn)}, expected "
                f"{LATEST_VERSION}; run `newsmap build` to upgrade it"
            )
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"store {db_path} cannot be opened ({error}); "
            "recreate it from the corpus with `newsmap build --rebuild`"
        ) from error
    return conn


@dataclass(frozen=True)
class StoredFile:
    """What the store remembers of one source file: its article id and content hash."""

    article_id: str
    content_hash: str


def stored_files(conn: sqlite3.Connection) -> dict[str, StoredFile]:
    """Every stored article keyed by its source path."""
    rows = conn.execute("SELECT source_path, id, content_hash FROM articles")
    return {row[0]: StoredFile(row[1], row[2]) for row in rows}


def write_article(conn: sqlite3.Connection, article: Article, tags: ArticleTags) -> None:
    """Store ``article`` and its tags, replacing any earlier version with the same id or path."""
    conn.execute(
        "DELETE FROM articles WHERE id = ? OR source_path = ?", (article.id, article.source_path)
    )
    published = article.published
    conn.execute(
        "INSERT INTO articles (id, title, body, published, published_precision, published_year,"
        " url, outlet, authors, topics, curated_countries, synthetic, source_path, content_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id, article.title, article.body,
            published.iso() if published else None,
            published.precision.value if published else None,
            published.year if published else None,
            article.url, article.outlet,
            json.dumps(list(article.authors)), json.dumps(list(article.topics)),
            json.dumps(list(article.curated_countries)), int(article.synthetic),
            article.source_path, article.content_hash,
        ),
    )
    _write_tags(conn, article.id, tags)


def _write_tags(conn: sqlite3.Connection, article_id: str, tags: ArticleTags) -> None:
    conn.executemany(
        "INSERT INTO country_tags (article_id, iso3, name, salience, is_primary, mentions,"
        " evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, c.iso3, c.name, c.salience, int(c.primary), c.mentions,
             json.dumps(list(c.evidence), ensure_ascii=False))
            for c in tags.countries
        ],
    )
    conn.executemany(
        "INSERT INTO places (article_id, name, iso3, lat, lon, evidence) VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, p.name, p.iso3, p.lat, p.lon, p.evidence) for p in tags.places],
    )
    conn.executemany(
        "INSERT INTO events (article_id, date, precision, year_from, year_to, sort_key, iso3,"
        " place, lat, lon, type, summary, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                e.date.iso() if e.date else None,
                e.date.precision.value if e.date else None,
                e.date.year_range[0] if e.date else None,
                e.date.year_range[1] if e.date else None,
                "{:04d}-{:02d}-{:02d}".format(*e.date.sort_key()) if e.date else None,
                e.iso3, e.place, e.lat, e.lon, e.type.value, e.summary, uid,
            )
            for e, uid in zip(tags.events, event_uids(article_id, tags.events), strict=True)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO regions (article_id, name, evidence) VALUES (?, ?, ?)",
        [(article_id, r.name, r.evidence) for r in tags.regions],
    )


def remove_articles(conn: sqlite3.Connection, source_paths: Iterable[str]) -> int:
    """Delete the articles stored from these source paths (tags go with them); returns how many."""
    removed = 0
    for path in source_paths:
        removed += conn.execute("DELETE FROM articles WHERE source_path = ?", (path,)).rowcount
    return removed


def replace_rejections(conn: sqlite3.Connection, rejections: Iterable[tuple[str, str]]) -> None:
    """Record the files the last build rejected as (source path, reason), replacing the list."""
    conn.execute("DELETE FROM rejections")
    conn.executemany(
        "INSERT OR REPLACE INTO rejections (source_path, reason) VALUES (?, ?)", list(rejections)
    )


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """A value from the store's metadata table, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Set a value in the store's metadata table."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
