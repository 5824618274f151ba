"""Migration step 8 on a store built before it: events get the ids a fresh build gives them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsmap.store import connect
from tests.research.conftest import build


def test_an_older_store_gets_the_same_event_ids(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store" / "newsmap.db"  # SQLite's migration 8 (PostgreSQL had uid from 2)
    assert build(corpus, str(db)).ok
    conn = connect(db)
    fresh = dict(conn.execute("SELECT pk, uid FROM events").fetchall())
    conn.close()
    old = sqlite3.connect(db)
    old.executescript(
        "DROP INDEX events_by_uid; ALTER TABLE events DROP COLUMN uid; DROP TABLE corrections;"
        " DROP TABLE summary_events; DROP TABLE summary_points; DROP TABLE summary_stories;"
        " DELETE FROM schema_migrations WHERE version >= 8;")
    old.close()
    conn = connect(db)
    assert dict(conn.execute("SELECT pk, uid FROM events").fetchall()) == fresh
    assert conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0
    versions = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    assert 8 in versions
