"""The app notices a changed corpus from a background check, never inside a reader's rerun
once it has an answer: a real store built from a real corpus, then the corpus edited."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsmap.freshness import Freshness, store_freshness
from tests.handtagged_store import make_store
from ui.startup import FreshnessWatch


def _wait_for(watch: FreshnessWatch, wanted: Freshness, seconds: float) -> Freshness:
    deadline = time.monotonic() + seconds
    seen = watch.freshness(0.0)
    while seen is not wanted and time.monotonic() < deadline:
        time.sleep(0.05)
        seen = watch.freshness(0.0)
    return seen


@pytest.fixture
def corpus_and_store(tmp_path: Path) -> tuple[Path, Path]:
    """A built store of the hand-tagged corpus: (corpus folder, store file)."""
    data, db = tmp_path / "data", tmp_path / "store" / "newsmap.db"
    make_store(data, db)
    return data, db


def _add_story(data: Path) -> None:
    (data / "articles").mkdir(parents=True, exist_ok=True)
    (data / "articles" / "new.md").write_text("---\ntitle: A new story\n---\nIn Tirana.\n")


def test_a_corpus_change_is_noticed_by_the_background_check(
    corpus_and_store: tuple[Path, Path],
) -> None:
    data, db = corpus_and_store
    watch = FreshnessWatch(data, db, every=1.0, idle=10.0)
    assert watch.freshness(0.0) is Freshness.CURRENT
    _add_story(data)
    assert watch.freshness(0.0) is Freshness.CURRENT  # the last answer, not a new scan
    assert _wait_for(watch, Freshness.STALE, 10.0) is Freshness.STALE


def test_a_finished_build_is_checked_at_once(corpus_and_store: tuple[Path, Path]) -> None:
    data, db = corpus_and_store
    watch = FreshnessWatch(data, db, every=60.0, idle=5.0)
    assert watch.freshness(0.0) is Freshness.CURRENT
    _add_story(data)
    assert watch.freshness(0.0) is Freshness.CURRENT
    assert watch.freshness(1.0) is Freshness.STALE  # a build's end time changed


def test_a_stopped_watch_checks_no_more(corpus_and_store: tuple[Path, Path]) -> None:
    """The app stops a watch it lets go of: its thread must not open the store again."""
    data, db = corpus_and_store
    checks: list[float] = []

    def check() -> Freshness:
        checks.append(time.monotonic())
        return store_freshness(data, db)

    watch = FreshnessWatch(data, db, every=0.05, idle=30.0, check=check)
    assert watch.freshness(0.0) is Freshness.CURRENT
    watch.stop()
    at_stop = len(checks)
    time.sleep(1.0)  # some twenty checks if the thread went on
    assert len(checks) <= at_stop + 1  # at most one already under way when it stopped
