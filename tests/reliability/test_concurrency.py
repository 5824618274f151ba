"""Concurrency: readers keep answering, from the last committed state, while a big build runs.

The normal run builds 1,200 synthetic articles over a store of 200 (``NEWSMAP_CONC_ARTICLES``
changes it); ``bench/load.py --build-articles 10000`` does the same with 10,000 articles and
the real app under 10 browser sessions. It runs on SQLite and on PostgreSQL (``store_backend``),
with the readers asking through the Store seam as the app does.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsmap.query import Filters
from newsmap.stores import Store, open_store_at
from newsmap.synth import generate_archive
from tests.reliability.storekit import (
    integrity_problems,
    run_build,
    start_build,
    wait_for_build_lock,
)

ARTICLES = int(os.environ.get("NEWSMAP_CONC_ARTICLES", "1200"))
FIRST = 200


@dataclass
class ReaderLog:
    """What the reader threads saw while the build ran."""

    errors: list[str] = field(default_factory=list)
    counts: set[int] = field(default_factory=set)
    seconds: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _read_once(store: Store, log: ReaderLog, turn: int, *, snapshot: bool) -> None:
    """One round of what a page asks; with ``snapshot``, in one read transaction (SQLite)."""
    started = time.perf_counter()
    texts = ["", "Tirana", '"cyber* NEAR(', "Iran OR", "attack*"]
    filters = Filters(text=texts[turn % len(texts)])
    years = Filters(years=(1990 + turn % 20, 2024))  # answered by the summary tables
    conn = store.sqlite_connection() if snapshot else None
    if conn is not None:
        conn.execute("BEGIN")
    try:
        total = store.count_stories(Filters())
        by_country = store.count_by_country(filters)
        top = by_country.sort_values("stories").iloc[-1]["iso3"] if len(by_country) else "ALB"
        listed = store.stories(Filters(), country=str(top), limit=50)
        store.count_stories(filters)
        store.count_by_country(years, primary=True)
        store.event_markers(years, limit=200)
        store.events(Filters(years=(1990, 2024)), country=str(top), limit=50)
    finally:
        if conn is not None:
            conn.execute("COMMIT")
    with log.lock:
        log.counts.add(total)
        log.seconds.append(time.perf_counter() - started)
    assert len(listed) <= 50


def _reader(db: str, stop: threading.Event, log: ReaderLog, shared: Store | None) -> None:
    """Ask in a loop until ``stop``: on its own store, or on one shared like the app's."""
    store = shared if shared is not None else open_store_at(db)
    turn = 0
    while not stop.is_set():
        try:
            _read_once(store, log, turn, snapshot=shared is None)
        except Exception as error:  # every failure is recorded; the test asserts there are none
            with log.lock:
                log.errors.append(f"{type(error).__name__}: {error}")
        turn += 1
        time.sleep(0.02)
    if shared is None:
        store.close()


@pytest.mark.slow
def test_readers_see_committed_states_while_a_big_build_runs(tmp_path: Path,
                                                             store_backend: str) -> None:
    data, db = tmp_path / "data", store_backend
    generate_archive(data, FIRST, seed=3)
    assert run_build(data, db).returncode == 0
    generate_archive(data, ARTICLES, seed=3)  # the first FIRST files are written unchanged

    log = ReaderLog()
    stop = threading.Event()
    shared = open_store_at(db)  # the app shares one store between sessions
    readers = [threading.Thread(target=_reader, args=(db, stop, log, one))
               for one in (None, None, shared, shared)]
    for reader in readers:
        reader.start()
    try:
        started = time.perf_counter()
        first = start_build(data, db)
        assert wait_for_build_lock(db), "the big build never took its lock"

        second = run_build(data, db, timeout=60)  # no --wait: refuses at once, clearly
        assert second.returncode == 2, second.stdout + second.stderr
        assert "another build is writing" in second.stderr
        assert "Traceback" not in second.stderr

        waiting = start_build(data, db, "--wait", "600")  # waits for the first, then finds nothing
        out, err = first.communicate(timeout=600)
        build_seconds = time.perf_counter() - started
        assert first.returncode == 0, err
        assert f"added {ARTICLES - FIRST}," in out
        w_out, w_err = waiting.communicate(timeout=600)
        assert waiting.returncode == 0, w_err
        # it found the first build's work done (re-tagged only if the tagger changed meanwhile)
        assert "added 0, " in w_out, w_out
        assert "removed 0," in w_out, w_out
        time.sleep(0.3)  # readers see the final state too
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=60)
        shared.close()

    assert log.errors == [], log.errors[:5]
    assert log.counts <= {FIRST, ARTICLES}, f"readers saw a half-built store: {log.counts}"
    assert ARTICLES in log.counts
    assert len(log.seconds) > 10, f"readers answered only {len(log.seconds)} times"
    slowest = max(log.seconds)
    assert slowest < max(10.0, build_seconds / 2), f"a reader waited {slowest:.1f} s"
    assert integrity_problems(db) == []
