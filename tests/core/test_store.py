"""The store: migrations recorded in the file, upgrades of an older schema, FTS, replacement."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsmap.errors import StoreError
from newsmap.migrations import LATEST_VERSION, MIGRATIONS, migrate, schema_version
from newsmap.model import Article, ArticleTags, CountryTag, Event, EventType, PartialDate, Place
from newsmap.store import connect, write_article


def _article(article_id: str = "a", body: str = "A cyberattack hit Tirana.") -> Article:
    return Article(id=article_id, title=f"Title {article_id}", body=body,
                   source_path=f"/corpus/{article_id}.md", content_hash="h")


def _tags() -> ArticleTags:
    return ArticleTags(
        countries=(CountryTag(iso3="ALB", name="Albania", salience=1.0, primary=True, mentions=3,
                              evidence=("A cyberattack hit Tirana.",)),),
        places=(Place(name="Tirana", iso3="ALB", lat=41.33, lon=19.82,
                      evidence="A cyberattack hit Tirana."),),
        events=(Event(date=PartialDate.parse("2022-07-15"), iso3="ALB", place="Tirana",
                      lat=41.33, lon=19.82, type=EventType.CYBERATTACK,
                      summary="A cyberattack hit Tirana."),),
    )


def test_new_store_records_every_migration(db_path: Path) -> None:
    conn = connect(db_path)
    rows = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [version for version, _, _ in MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_older_schema_is_upgraded_and_keeps_its_rows(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    old = sqlite3.connect(db_path)
    assert migrate(old, up_to=1) == [1]
    old.execute(
        "INSERT INTO articles (id, title, body, source_path, content_hash)"
        " VALUES ('old', 'Old story', 'Kept across the upgrade', '/c/old.md', 'h')"
    )
    old.commit()
    old.close()

    conn = connect(db_path)
    assert schema_version(conn) == LATEST_VERSION
    assert conn.execute("SELECT title FROM articles").fetchone()[0] == "Old story"
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "events_by_country_year" in indexes
    assert conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0] == 0
    for table in ("places", "events"):  # step 12: the town a site or village is shown at
        assert "site_of" in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def test_migrating_twice_changes_nothing(db_path: Path) -> None:
    conn = connect(db_path)
    assert migrate(conn) == []


def test_store_from_a_newer_newsmap_is_refused(db_path: Path) -> None:
    conn = connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        connect(db_path)


def test_corrupt_store_gives_a_clear_error(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="--rebuild"):
        connect(db_path)


def test_writing_again_replaces_the_article_and_its_tags(db_path: Path) -> None:
    conn = connect(db_path)
    write_article(conn, _article(), _tags())
    write_article(conn, _article(body="Rewritten body about Durrës."), _tags())
    conn.commit()
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM country_tags").fetchone()[0] == 1
    found = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'durres'")
    assert len(found.fetchall()) == 1
    stale = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'cyberattack'")
    assert stale.fetchall() == []


def test_event_dates_keep_precision_in_the_store(db_path: Path) -> None:
    conn = connect(db_path)
    tags = ArticleTags(events=(
        Event(date=PartialDate.parse("2022-09"), summary="Staff expelled in September."),
        Event(date=PartialDate.parse("1990s"), summary="Since the 1990s."),
        Event(date=None, summary="Undated."),
    ))
    write_article(conn, _article(), tags)
    rows = conn.execute(
        "SELECT date, precision, year_from, year_to FROM events ORDER BY pk").fetchall()
    assert [tuple(r) for r in rows] == [
        ("2022-09", "month", 2022, 2022), ("1990s", "decade", 1990, 1999), (None, None, None, None)
    ]


def test_readonly_connection_to_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="newsmap build"):
        connect(tmp_path / "missing.db", readonly=True)
