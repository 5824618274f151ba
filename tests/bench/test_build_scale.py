"""What makes the build fast at scale keeps its results: one-pass scan, stat skip, worker pool."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsmap import tagpool
from newsmap.build import build_store, corpus_signature
from newsmap.corpus import discover
from newsmap.sources.corpus import CorpusSource
from newsmap.store import connect
from newsmap.synth import generate_archive


def _rows(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = connect(db_path, readonly=True)
    try:
        return {
            table: sorted(tuple(r) for r in conn.execute(f"SELECT {cols} FROM {table}"))
            for table, cols in (
                ("articles", "id, title, published, content_hash"),
                ("country_tags", "article_id, iso3, salience, is_primary, mentions"),
                ("events", "article_id, date, iso3, place, type, summary"),
                ("places", "article_id, name, iso3"),
            )
        }
    finally:
        conn.close()


def test_scan_finds_article_files_in_path_order(tmp_path: Path) -> None:
    for relative in ("b/x.md", "a-b/c.md", "a/b.MD", "a/.hidden.md", ".git/y.md", "a/z.txt",
                     "a/notes.pdf", "top.markdown", "a b/ü.md"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Title\n\nBody.\n")
    (tmp_path / "link").symlink_to(tmp_path / "b")
    scan = CorpusSource(tmp_path).scan()
    expected = ["a/b.MD", "a/z.txt", "a b/ü.md", "a-b/c.md", "b/x.md", "top.markdown"]
    assert [Path(item.key) for item in scan.items] == sorted(tmp_path / e for e in expected)
    assert discover(tmp_path) == [Path(item.key) for item in scan.items]
    assert [(r.path, "symbolic link" in r.reason) for r in scan.refused] == [
        (str(tmp_path / "link"), True)
    ]


def test_parallel_build_stores_what_a_serial_build_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_archive(tmp_path / "data", 40, seed=5)
    monkeypatch.setattr(tagpool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(tagpool, "CHUNK", 4)
    serial = build_store(tmp_path / "data", tmp_path / "serial.db", workers=1)
    parallel = build_store(tmp_path / "data", tmp_path / "parallel.db", workers=2)
    assert serial.added == parallel.added == 40
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")


def test_unchanged_stat_skips_reading_and_a_touch_is_not_a_change(tmp_path: Path) -> None:
    data = tmp_path / "data"
    generate_archive(data, 5, seed=2)
    old = 1_600_000_000_000_000_000  # files last changed long ago: their stats are trusted
    for path in discover(data):
        os.utime(path, ns=(old, old))
    db = tmp_path / "store.db"
    build_store(data, db)
    first = discover(data)[0]
    os.utime(first, ns=(old + 10**9, old + 10**9))  # touched: same bytes, new time
    again = build_store(data, db)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    first.write_text(first.read_text() + "\nA new closing line.\n")
    changed = build_store(data, db)
    assert (changed.updated, changed.unchanged) == (1, 4)


def test_signature_changes_with_the_corpus(tmp_path: Path) -> None:
    generate_archive(tmp_path, 3, seed=1)
    before = corpus_signature(tmp_path)
    path = discover(tmp_path)[1]
    path.write_text(path.read_text() + "\nMore.\n")
    assert corpus_signature(tmp_path) != before
