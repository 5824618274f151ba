"""Crash safety: builds killed with SIGKILL leave a sound store holding the old or the new state.

The normal run kills 3 builds (one of them ``--rebuild``); ``bench/crash.py`` kills 20 over a
larger corpus and writes ``bench/results/crash.json``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from newsmap.errors import StoreError
from newsmap.query import Filters, count_stories
from newsmap.store import connect
from tests.reliability.storekit import (
    crash_trials,
    integrity_problems,
    kill_after,
    run_build,
    start_build,
    store_state,
    wait_for_build_lock,
    write_corpus,
)

KILLS = int(os.environ.get("NEWSMAP_CRASH_KILLS", "3"))


@pytest.mark.slow
def test_builds_killed_at_random_points_leave_old_or_new_state(tmp_path: Path) -> None:
    # 600 articles, so version 2 changes enough files for the build to use worker processes
    full_seconds, trials = crash_trials(
        tmp_path, articles=600, kills=KILLS, rebuild_every=3, words=120
    )
    assert len(trials) == KILLS
    assert all(t.final_state == "new" and not t.problems for t in trials)
    assert any(t.killed for t in trials), f"no build was still running ({full_seconds:.1f} s)"


@pytest.mark.parametrize("extra", [(), ("--rebuild",)], ids=["build", "rebuild"])
def test_a_build_killed_midway_keeps_the_old_store(tmp_path: Path, store_backend: str,
                                                  extra: tuple[str, ...]) -> None:
    """On both backends. Regression: ``--rebuild`` deleted the SQLite store first, so a kill
    left it empty."""
    data, db = tmp_path / "data", store_backend
    # 600 articles: version 2 retags about 260 (all 660 with --rebuild), which takes a 2-core
    # machine well over a second, so a kill 0.2 s after the lock always lands midway
    old = write_corpus(data, 600, version=1)
    assert run_build(data, db).returncode == 0
    new = write_corpus(data, 600, version=2)

    proc = start_build(data, db, *extra)
    assert wait_for_build_lock(db), "the build never took its lock"
    assert kill_after(proc, 0.2), "the build ended before it could be killed"
    assert store_state(db, old, new) == "old"
    assert integrity_problems(db) == []
    assert run_build(data, db, *extra).returncode == 0
    assert store_state(db, old, new) == "new"
    assert integrity_problems(db) == []


def _open_and_read(db: Path) -> None:
    """Open the store as the app does and read it; StoreError if the integrity check fails."""
    conn = connect(db, readonly=True)
    try:
        count_stories(conn, Filters())
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if integrity != "ok":
        raise StoreError(integrity)


def _truncate(db: Path) -> None:
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.truncate(size // 3)


def _scribble(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xde\xad\xbe\xef" * 2048)


def _not_a_database(db: Path) -> None:
    db.write_bytes(b"this is not SQLite\n" * 100)


@pytest.mark.parametrize("damage", [_truncate, _scribble, _not_a_database])
def test_damaged_store_gives_a_clear_error_and_rebuild_recreates_it(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    data, db = tmp_path / "data", tmp_path / "store" / "newsmap.db"
    corpus = write_corpus(data, 40, version=1)
    assert run_build(data, db).returncode == 0
    damage(db)

    with pytest.raises((StoreError, sqlite3.DatabaseError)) as caught:
        _open_and_read(db)
    if isinstance(caught.value, StoreError) and "rebuild" in str(caught.value):
        assert str(db) in str(caught.value)

    rebuilt = run_build(data, db, "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert integrity_problems(db) == []
    assert store_state(db, corpus, corpus) in ("old", "new")


def test_plain_build_over_a_corrupt_store_says_to_rebuild(tmp_path: Path) -> None:
    data, db = tmp_path / "data", tmp_path / "store" / "newsmap.db"
    write_corpus(data, 10, version=1)
    assert run_build(data, db).returncode == 0
    _not_a_database(db)
    result = run_build(data, db)
    assert result.returncode == 2
    assert "--rebuild" in result.stderr
    assert "Traceback" not in result.stderr
