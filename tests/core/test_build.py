"""Building the store: incremental by content hash, bad files rejected, nothing good lost.

The tests taking ``store_backend`` run on SQLite and on PostgreSQL, through the Store seam; the
others test what only the SQLite file has (its lock file, a damaged file)."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from newsmap.build import BuildReport, Progress, build_store, check_corpus
from newsmap.errors import BuildLockedError
from newsmap.query import Filters
from newsmap.stores import open_store_at
from tests.conftest import SEED

GOOD = "---\ntitle: Protests in Tbilisi\npublished: 2019-06\n---\nThousands protested in Tbilisi.\n"


def _build(corpus: Path, db: str | Path, progress: Progress | None = None) -> BuildReport:
    """``newsmap build`` into the store at ``db`` (a SQLite path or a PostgreSQL URL)."""
    store = open_store_at(db, readonly=False)
    try:
        return store.build(corpus, progress=progress)
    finally:
        store.close()


def _titles(db: str | Path) -> list[str]:
    store = open_store_at(db)
    try:
        return sorted(store.stories(Filters())["title"])
    finally:
        store.close()


def test_first_build_stores_the_seed_with_tags(corpus: Path, store_backend: str) -> None:
    report = _build(corpus, store_backend)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 0, 0, 0)
    assert report.ok
    assert _titles(store_backend) == ["Albania cuts diplomatic ties with Iran"]
    store = open_store_at(store_backend)
    assert {"ALB", "IRN"} <= set(store.tagged_countries())
    assert store.store_stats()["events"] > 0
    store.close()


def test_full_text_finds_the_seed_by_cyberattack(corpus: Path, store_backend: str) -> None:
    _build(corpus, store_backend)
    store = open_store_at(store_backend)
    found = store.stories(Filters(text="cyberattack"))
    assert list(found["id"]) == ["albania-cuts-diplomatic-ties-with-iran"]
    store.close()


def test_incremental_add_change_delete(corpus: Path, store_backend: str) -> None:
    _build(corpus, store_backend)
    again = _build(corpus, store_backend)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 1)

    new = corpus / "articles" / "tbilisi.md"
    new.write_text(GOOD)
    added = _build(corpus, store_backend)
    assert (added.added, added.unchanged) == (1, 1)

    new.write_text(GOOD.replace("Protests in Tbilisi", "Protests in Tbilisi, again"))
    changed = _build(corpus, store_backend)
    assert (changed.updated, changed.unchanged, changed.added) == (1, 1, 0)
    assert "Protests in Tbilisi, again" in _titles(store_backend)

    new.unlink()
    removed = _build(corpus, store_backend)
    assert (removed.removed, removed.unchanged) == (1, 1)
    assert _titles(store_backend) == ["Albania cuts diplomatic ties with Iran"]


def test_broken_file_is_rejected_and_the_rest_builds(corpus: Path, store_backend: str) -> None:
    broken = corpus / "articles" / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\nBody\n")
    report = _build(corpus, store_backend)
    assert not report.ok
    assert [r.path for r in report.rejected] == [str(broken)]
    assert "YAML" in report.rejected[0].reason
    assert _titles(store_backend) == ["Albania cuts diplomatic ties with Iran"]
    store = open_store_at(store_backend)
    assert list(store.rejections()["source_path"]) == [str(broken)]
    store.close()


def test_a_good_version_is_kept_when_its_file_turns_bad(corpus: Path, store_backend: str) -> None:
    path = corpus / "articles" / "tbilisi.md"
    path.write_text(GOOD)
    _build(corpus, store_backend)
    path.write_bytes(b"---\ntitle: Protests\npublished: 2019-02-30\n---\nBody\n")
    report = _build(corpus, store_backend)
    assert [r.path for r in report.rejected] == [str(path)]
    assert "Protests in Tbilisi" in _titles(store_backend)
    assert report.removed == 0


def test_two_files_with_one_id_are_both_reported(corpus: Path, store_backend: str) -> None:
    (corpus / "articles" / "sub").mkdir()
    first = corpus / "articles" / "tbilisi.md"
    second = corpus / "articles" / "sub" / "tbilisi.txt"
    first.write_text(GOOD)
    second.write_text("Another Tbilisi story\n\nBody text.\n")
    problems = check_corpus(corpus)
    assert sorted(p.path for p in problems) == sorted([str(first), str(second)])
    assert all("id 'tbilisi'" in p.reason for p in problems)
    report = _build(corpus, store_backend)
    assert len(report.rejected) == 2
    assert _titles(store_backend) == ["Albania cuts diplomatic ties with Iran"]


def test_check_writes_nothing(corpus: Path, db_path: Path) -> None:
    assert check_corpus(corpus) == []
    assert not db_path.exists()


def test_a_second_build_waits_or_says_so(corpus: Path, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    fd = os.open(f"{db_path}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(BuildLockedError, match="another build"):
            build_store(corpus, db_path, wait_seconds=0.2)
    finally:
        os.close(fd)
    assert build_store(corpus, db_path).added == 1


def test_rebuild_recreates_a_corrupt_store(corpus: Path, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 1000)
    report = build_store(corpus, db_path, rebuild=True)
    assert report.added == 1
    assert _titles(db_path) == ["Albania cuts diplomatic ties with Iran"]


def test_moved_file_keeps_one_copy(corpus: Path, store_backend: str) -> None:
    _build(corpus, store_backend)
    (corpus / "articles" / "2022").mkdir()
    shutil.move(corpus / "articles" / SEED.name, corpus / "articles" / "2022" / SEED.name)
    report = _build(corpus, store_backend)
    assert (report.removed, report.added) == (1, 1)
    assert _titles(store_backend) == ["Albania cuts diplomatic ties with Iran"]


def test_progress_is_reported(corpus: Path, store_backend: str) -> None:
    (corpus / "articles" / "tbilisi.md").write_text(GOOD)
    seen: list[tuple[int, int]] = []
    _build(corpus, store_backend, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2)


def test_relative_and_absolute_corpus_paths_name_the_same_files(
    corpus: Path, store_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(corpus, store_backend)
    monkeypatch.chdir(corpus.parent)
    again = _build(Path(corpus.name), store_backend)
    assert (again.added, again.removed, again.unchanged) == (0, 0, 1)


# A corpus with refusals of every kind beside good articles, built again and again.

def _mixed_corpus(corpus: Path) -> None:
    (corpus / "articles" / "2019").mkdir()
    (corpus / "articles" / "2019" / "tbilisi.md").write_text(GOOD)
    (corpus / "articles" / "2019" / "big.md").write_bytes(b"x" * 6_000_000)  # over the limit
    (corpus / "articles" / "link.md").symlink_to(SEED)
    (corpus / "articles" / b"caf\xe9.md".decode("utf-8", "surrogateescape")).write_text(GOOD)


def test_a_build_adds_changes_removes_and_keeps_the_store_when_its_folder_goes(
    corpus: Path, db_path: Path
) -> None:
    from newsmap.errors import SourceError

    _mixed_corpus(corpus)
    first = build_store(corpus, db_path, workers=1)
    assert (first.added, len(first.rejected)) == (2, 3)
    new = corpus / "articles" / "2019" / "tbilisi.md"
    new.write_text(GOOD.replace("Protests in Tbilisi", "Protests in Tbilisi, again"))
    changed = build_store(corpus, db_path, workers=1)
    assert (changed.updated, changed.unchanged, changed.added) == (1, 1, 0)
    new.unlink()
    removed = build_store(corpus, db_path, workers=1)
    assert (removed.removed, removed.unchanged) == (1, 1)
    shutil.rmtree(corpus)
    with pytest.raises(SourceError, match="cannot be read"):
        build_store(corpus, db_path, workers=1)
    assert _titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
