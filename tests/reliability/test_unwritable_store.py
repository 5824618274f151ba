"""A full disk and a read-only disk under the store (issue 12, point 8): one line says what
happened, the last good store stays readable, and nothing is deleted. Real mounts (a small
tmpfs, a read-only bind mount): the tests need root and skip, saying so, without it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmap.build import build_store
from newsmap.errors import StoreUnwritableError
from newsmap.freshness import Freshness, store_freshness
from newsmap.store import connect
from newsmap.synth import generate_archive
from tests.reliability.test_hostile_corpus import newsmap, titles

SEED_TITLE = "Albania cuts diplomatic ties with Iran"


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here (needs root): {done.stderr.strip()}")


def _unmount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs: room for a small store, not for a large build."""
    point = tmp_path / "disk"
    point.mkdir()
    _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point))
    try:
        yield point
    finally:
        _unmount(point)


def _fill(folder: Path) -> None:
    """Write a filler file until the disk is full."""
    done = subprocess.run(["dd", "if=/dev/zero", f"of={folder / 'filler'}", "bs=64k"],
                          capture_output=True, text=True, check=False)
    assert "No space left on device" in done.stderr


def test_a_full_disk_is_one_line_and_the_store_is_kept(corpus: Path, small_disk: Path) -> None:
    db_path = small_disk / "newsmap.db"
    assert newsmap("build", "--data", str(corpus), "--db", str(db_path)).returncode == 0
    generate_archive(corpus / "more", 60, seed=3)
    _fill(small_disk)
    failed = newsmap("build", "--data", str(corpus), "--db", str(db_path))
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr
    assert failed.stderr.count("\n") == 1
    assert "is full; nothing was changed and the last good store is kept" in failed.stderr
    assert titles(db_path) == [SEED_TITLE]
    (small_disk / "filler").unlink()
    assert newsmap("build", "--data", str(corpus), "--db", str(db_path)).returncode == 0
    assert len(titles(db_path)) == 61


@pytest.fixture
def read_only_store(corpus: Path, tmp_path: Path) -> Iterator[Path]:
    """A store built from ``corpus``, seen through a read-only bind mount."""
    source = tmp_path / "store"
    build_store(corpus, source / "newsmap.db")
    point = tmp_path / "read-only"
    point.mkdir()
    _mount("--bind", str(source), str(point))
    try:
        _mount("-o", "remount,bind,ro", str(point))
        yield point / "newsmap.db"
    finally:
        _unmount(point)


def test_a_read_only_store_is_served_and_never_deleted(corpus: Path,
                                                       read_only_store: Path) -> None:
    shutil.copy(corpus / "articles" / "albania-cuts-diplomatic-ties-with-iran.md",
                corpus / "articles" / "a-copy-makes-it-stale.md")
    assert titles(read_only_store) == [SEED_TITLE]  # opens read-only
    assert store_freshness(corpus, read_only_store) is Freshness.STALE
    for flags in ([], ["--rebuild"]):
        ran = newsmap("build", *flags, "--data", str(corpus), "--db", str(read_only_store))
        assert ran.returncode == 2, ran.stderr
        assert "Traceback" not in ran.stderr
        assert ran.stderr.count("\n") == 1
        assert "read-only" in ran.stderr
    with pytest.raises(StoreUnwritableError):
        build_store(corpus, read_only_store, rebuild=True)
    assert read_only_store.exists()
    conn = connect(read_only_store, readonly=True)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0
