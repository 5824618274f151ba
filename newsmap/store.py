"""The SQLite store: opening it safely, and writing or removing one article with its tags.

Readers and the build share the file through WAL: the app reads the last committed state
while a build writes. Queries for the app live in :mod:`newsmap.query`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from newsmap import summaries
from newsmap.errors import StoreError, StoreUnwritableError
from newsmap.imported_store import remove_datasets, write_dataset
from newsmap.migrations import LATEST_VERSION, migrate, schema_version
from newsmap.printable import printable_path
from newsmap.sources.base import ImportedEvents

if TYPE_CHECKING:  # the model (pydantic) is loaded by whoever has an article to write
    from newsmap.model import Article, ArticleTags

BUSY_TIMEOUT_MS = 30_000


def connect(db_path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the store (creating and migrating it unless ``readonly``); StoreError if unusable.

    Any file name works (``#``, ``?`` and ``%`` are quoted in the SQLite URI). A read-only
    store on a read-only disk opens as immutable when SQLite cannot share its WAL there.
    """
    shown = printable_path(db_path)
    if readonly and not db_path.exists():
        raise StoreError(f"store {shown} does not exist; run `newsmap build` first")
    if not readonly:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnwritableError(
                f"cannot create the folder of the store {shown} ({error.strerror or error})"
            ) from error
    try:
        if readonly:
            conn = _open_readonly(db_path)
        else:
            conn = _open(store_uri(db_path))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.DatabaseError as error:
        raise explain_error(db_path, error) from error
    return conn


def store_uri(db_path: Path, **params: str) -> str:
    """The SQLite URI of the store file, its path quoted (``#``, ``?``, ``%`` are literal)."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{quote(str(db_path))}" + (f"?{query}" if query else "")


def _open(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _open_readonly(db_path: Path) -> sqlite3.Connection:
    """A read-only connection; immutable when the store's folder cannot be written (a
    read-only or full disk), where SQLite could not create the WAL's shared-memory file."""
    try:
        conn = _open(store_uri(db_path, mode="ro"))
        version = schema_version(conn)
    except sqlite3.OperationalError:
        if os.access(db_path.parent, os.W_OK) and not _disk_full(db_path):
            raise
        conn = _open(store_uri(db_path, mode="ro", immutable="1"))
        version = schema_version(conn)
    if version != LATEST_VERSION:
        conn.close()
        raise StoreError(_schema_problem(db_path, version))
    return conn


def _schema_problem(db_path: Path, version: int) -> str:
    shown = printable_path(db_path)
    if version > LATEST_VERSION:
        return (f"store {shown} was written by a newer newsmap (schema version {version}; this "
                f"one knows up to {LATEST_VERSION}); upgrade newsmap, or rebuild the store "
                "with `newsmap build --rebuild` (its articles are read again from the corpus)")
    return (f"store {shown} has schema version {version}, expected {LATEST_VERSION}; run "
            "`newsmap build` to upgrade it")


def explain_error(db_path: Path, error: sqlite3.DatabaseError) -> StoreError:
    """The StoreError that says in one line what an SQLite error means for the store. Only a
    damaged store is worth rebuilding; a full, read-only or failing disk is said as such."""
    shown = printable_path(db_path)
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    disk_trouble = name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "I/O error" in text
    if name == "SQLITE_FULL" or "disk is full" in text or (disk_trouble and _disk_full(db_path)):
        return StoreUnwritableError(
            f"the disk holding the store {shown} is full; nothing was changed and the last "
            "good store is kept (free some space, then build again)")
    if (name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text
            or (disk_trouble and not os.access(db_path.parent, os.W_OK))):
        return StoreUnwritableError(
            f"the store {shown} is read-only (a read-only disk or file); it can be read but "
            "not built or upgraded")
    if name.startswith("SQLITE_IOERR") or "I/O error" in text:
        return StoreUnwritableError(
            f"the store {shown} cannot be read or written ({text}); the last good store is "
            "kept; check the disk")
    if name == "SQLITE_CANTOPEN" or "unable to open" in text:
        return StoreError(f"store {shown} cannot be opened ({text}); check that its folder "
                          "exists and can be read")
    return StoreError(
        f"store {shown} cannot be opened ({text}); "
        "recreate it from the corpus with `newsmap build --rebuild`"
    )


def _disk_full(db_path: Path) -> bool:
    try:
        space = os.statvfs(db_path.parent)
    except OSError:
        return False
    return space.f_bavail * space.f_frsize < 1_000_000


@dataclass(slots=True, unsafe_hash=True)  # never modified; not frozen: made per file
class StoredFile:
    """What the store remembers of one source file: its article id and content hash."""

    article_id: str
    content_hash: str


def stored_files(conn: sqlite3.Connection) -> dict[str, StoredFile]:
    """Every stored article keyed by its source path, and every imported event dataset keyed by
    its file (with an empty article id)."""
    rows = conn.execute("SELECT source_path, id, content_hash FROM articles UNION ALL"
                        " SELECT dataset, '', content_hash FROM imported_datasets")
    return {row[0]: StoredFile(row[1], row[2]) for row in rows}


_SIGNATURES = (
    "SELECT a.source_path, f.size, f.mtime_ns FROM articles a LEFT JOIN file_stats f"
    " ON f.source_path = a.source_path AND f.content_hash = a.content_hash UNION ALL"
    " SELECT d.dataset, f.size, f.mtime_ns FROM imported_datasets d LEFT JOIN file_stats f"
    " ON f.source_path = d.dataset AND f.content_hash = d.content_hash"
)


def stored_signatures(conn: sqlite3.Connection) -> tuple[set[str], set[tuple[Any, ...]]]:
    """Every stored key (article source paths and event dataset files), and each stored key's
    recorded ``(key, size, mtime_ns)`` when that signature belongs to the content stored (a
    key without one comes as ``(key, None, None)``), in one query over covering indexes."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: 100,000 rows read at C speed
    rows = cursor.execute(_SIGNATURES).fetchall()
    return set(map(itemgetter(0), rows)), set(rows)


def stored_hashes(conn: sqlite3.Connection, keys: list[str]) -> dict[str, str]:
    """The stored content hash of each of these keys (those stored)."""
    if len(keys) > 1000:  # many: one pass over the covering index beats a look-up each
        return {key: stored.content_hash for key, stored in stored_files(conn).items()}
    found: dict[str, str] = {}
    for key in keys:
        row = conn.execute("SELECT content_hash FROM articles WHERE source_path = ? UNION ALL"
                           " SELECT content_hash FROM imported_datasets WHERE dataset = ?",
                           (key, key)).fetchone()
        if row is not None:
            found[key] = row[0]
    return found


def write_article(conn: sqlite3.Connection, article: Article, tags: ArticleTags) -> None:
    """Store ``article`` and its tags, replacing any earlier version with the same id or path
    (the summary tables follow)."""
    summaries.forget(conn, "?", "SELECT id FROM articles WHERE id = ? OR source_path = ?",
                     (article.id, article.source_path))
    conn.execute(
        "DELETE FROM articles WHERE id = ? OR source_path = ?", (article.id, article.source_path)
    )
    published = article.published
    conn.execute(
        "INSERT INTO articles (id, title, body, published, published_precision, published_year,"
        " url, outlet, authors, topics, curated_countries, synthetic, source_path, content_hash,"
        " sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id, article.title, article.body,
            published.iso() if published else None,
            published.precision.value if published else None,
            published.year if published else None,
            article.url, article.outlet,
            json.dumps(list(article.authors)), json.dumps(list(article.topics)),
            json.dumps(list(article.curated_countries)), int(article.synthetic),
            article.source_path, article.content_hash, int(article.sample),
        ),
    )
    _write_tags(conn, article.id, tags)


def _write_tags(conn: sqlite3.Connection, article_id: str, tags: ArticleTags) -> None:
    from newsmap.eventids import event_uids  # the model: not needed to open or plan a store
    from newsmap.sites import event_sites

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
        "INSERT INTO places (article_id, name, iso3, lat, lon, evidence, site_of)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(article_id, p.name, p.iso3, p.lat, p.lon, p.evidence, p.site_of) for p in tags.places],
    )
    conn.executemany(
        "INSERT INTO events (article_id, date, precision, year_from, year_to, sort_key, iso3,"
        " place, lat, lon, type, summary, uid, site_of)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                e.date.iso() if e.date else None,
                e.date.precision.value if e.date else None,
                e.date.year_range[0] if e.date else None,
                e.date.year_range[1] if e.date else None,
                "{:04d}-{:02d}-{:02d}".format(*e.date.sort_key()) if e.date else None,
                e.iso3, e.place, e.lat, e.lon, e.type.value, e.summary, uid, site_of,
            )
            for e, uid, site_of in zip(tags.events, event_uids(article_id, tags.events),
                                       event_sites(tags), strict=True)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO regions (article_id, name, evidence) VALUES (?, ?, ?)",
        [(article_id, r.name, r.evidence) for r in tags.regions],
    )
    summaries.apply(conn, "?", summaries.of_article(event_rows(tags), primary_countries(tags)), 1)


def event_rows(tags: ArticleTags) -> list[summaries.EventRow]:
    """The tags' events as the summaries count them: (iso3, type, year_from, year_to, lat,
    lon)."""
    return [(e.iso3, e.type.value, e.date.year_range[0] if e.date else None,
             e.date.year_range[1] if e.date else None, e.lat, e.lon) for e in tags.events]


def primary_countries(tags: ArticleTags) -> list[str]:
    """The countries the tagged article is about (its primary tags)."""
    return [c.iso3 for c in tags.countries if c.primary]


def write_imported_events(conn: sqlite3.Connection, imported: ImportedEvents) -> None:
    """Store the events imported from one key, replacing that key's earlier rows.

    The seam for event sources (issue 13): the table is migration 7's, the writing
    :func:`newsmap.imported_store.write_dataset`.
    """
    write_dataset(conn, imported)


def remove_articles(conn: sqlite3.Connection, source_paths: Iterable[str]) -> int:
    """Delete the articles stored from these source paths (tags go with them); returns how many."""
    paths = list(source_paths)
    removed = 0
    for path in paths:
        summaries.forget(conn, "?", "SELECT id FROM articles WHERE source_path = ?", (path,))
        removed += conn.execute("DELETE FROM articles WHERE source_path = ?", (path,)).rowcount
    removed += remove_datasets(conn, paths)
    return removed


def replace_rejections(conn: sqlite3.Connection, rejections: Iterable[tuple[str, str]]) -> None:
    """Record the files the last build rejected as (source path, reason), replacing the list."""
    conn.execute("DELETE FROM rejections")
    conn.executemany(
        "INSERT OR REPLACE INTO rejections (source_path, reason) VALUES (?, ?)", list(rejections)
    )


def record_file_signatures(
    conn: sqlite3.Connection, seen: Iterable[tuple[str, int, int, str]], gone: Iterable[str]
) -> None:
    """Remember (path, size, mtime_ns, hash) of files as read; forget the files gone."""
    conn.executemany("DELETE FROM file_stats WHERE source_path = ?", [(p,) for p in gone])
    conn.executemany(
        "INSERT OR REPLACE INTO file_stats (source_path, size, mtime_ns, content_hash)"
        " VALUES (?, ?, ?, ?)",
        list(seen),
    )


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[int]:
    """One write transaction that makes a new version of the store: it begins IMMEDIATE (another
    writer is waited for up to the busy timeout), bumps ``store_version`` (yielded), commits when
    the block ends and rolls back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(get_meta(conn, "store_version") or 0) + 1
        set_meta(conn, "store_version", str(version))
        yield version
        conn.commit()
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """A value from the store's metadata table, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Set a value in the store's metadata table."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
