"""Building the store: incremental by content hash, bad files rejected, nothing good lost."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from newsmap.build import build_store, check_corpus
from newsmap.errors import BuildLockedError
from newsmap.store import connect
from tests.conftest import SEED

GOOD = "---\ntitle: Protests in Tbilisi\npublished: 2019-06\n---\nThousands protested in Tbilisi.\n"


def _titles(db_path: Path) -> list[str]:
    conn = connect(db_path, readonly=True)
    return [r[0] for r in conn.execute("SELECT title FROM articles ORDER BY title")]


def test_first_build_stores_the_seed_with_tags(corpus: Path, db_path: Path) -> None:
    report = build_store(corpus, db_path)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 0, 0, 0)
    assert report.ok
    assert _titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    conn = connect(db_path, readonly=True)
    iso3s = {r[0] for r in conn.execute("SELECT iso3 FROM country_tags")}
    assert {"ALB", "IRN"} <= iso3s
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0


def test_fts_finds_the_seed_by_cyberattack(corpus: Path, db_path: Path) -> None:
    build_store(corpus, db_path)
    conn = connect(db_path, readonly=True)
    rows = conn.execute(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
        " WHERE articles_fts MATCH 'cyberattack'"
    ).fetchall()
    assert [r[0] for r in rows] == ["albania-cuts-diplomatic-ties-with-iran"]


def test_incremental_add_change_delete(corpus: Path, db_path: Path) -> None:
    build_store(corpus, db_path)
    again = build_store(corpus, db_path)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 1)

    new = corpus / "articles" / "tbilisi.md"
    new.write_text(GOOD)
    added = build_store(corpus, db_path)
    assert (added.added, added.unchanged) == (1, 1)

    new.write_text(GOOD.replace("Protests in Tbilisi", "Protests in Tbilisi, again"))
    changed = build_store(corpus, db_path)
    assert (changed.updated, changed.unchanged, changed.added) == (1, 1, 0)
    assert "Protests in Tbilisi, again" in _titles(db_path)

    new.unlink()
    removed = build_store(corpus, db_path)
    assert (removed.removed, removed.unchanged) == (1, 1)
    assert _titles(db_path) == ["Albania cuts diplomatic ties with Iran"]


def test_broken_file_is_rejected_and_the_rest_builds(corpus: Path, db_path: Path) -> None:
    broken = corpus / "articles" / "broken.md"
    broken.write_text("---\ntitle: [oops\n---\nBody\n")
    report = build_store(corpus, db_path)
    assert not report.ok
    assert [r.path for r in report.rejected] == [str(broken)]
    assert "YAML" in report.rejected[0].reason
    assert _titles(db_path) == ["Albania cuts diplomatic ties with Iran"]
    conn = connect(db_path, readonly=True)
    assert [tuple(r) for r in conn.execute("SELECT source_path FROM rejections")] == [
        (str(broken),)
    ]


def test_a_good_version_is_kept_when_its_file_turns_bad(corpus: Path, db_path: Path) -> None:
    path = corpus / "articles" / "tbilisi.md"
    path.write_text(GOOD)
    build_store(corpus, db_path)
    path.write_bytes(b"---\ntitle: Protests\npublished: 2019-02-30\n---\nBody\n")
    report = build_store(corpus, db_path)
    assert [r.path for r in report.rejected] == [str(path)]
    assert "Protests in Tbilisi" in _titles(db_path)
    assert report.removed == 0


def test_two_files_with_one_id_are_both_reported(corpus: Path, db_path: Path) -> None:
    (corpus / "articles" / "sub").mkdir()
    first = corpus / "articles" / "tbilisi.md"
    second = corpus / "articles" / "sub" / "tbilisi.txt"
    first.write_text(GOOD)
    second.write_text("Another Tbilisi story\n\nBody text.\n")
    problems = check_corpus(corpus)
    assert sorted(p.path for p in problems) == sorted([str(first), str(second)])
    assert all("id 'tbilisi'" in p.reason for p in problems)
    report = build_store(corpus, db_path)
    assert len(report.rejected) == 2
    assert _titles(db_path) == ["Albania cuts diplomatic ties with Iran"]


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


def test_moved_file_keeps_one_copy(corpus: Path, db_path: Path) -> None:
    build_store(corpus, db_path)
    (corpus / "articles" / "2022").mkdir()
    shutil.move(corpus / "articles" / SEED.name, corpus / "articles" / "2022" / SEED.name)
    report = build_store(corpus, db_path)
    assert (report.removed, report.added) == (1, 1)
    assert _titles(db_path) == ["Albania cuts diplomatic ties with Iran"]


def test_progress_is_reported(corpus: Path, db_path: Path) -> None:
    (corpus / "articles" / "tbilisi.md").write_text(GOOD)
    seen: list[tuple[int, int]] = []
    build_store(corpus, db_path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2)


def test_relative_and_absolute_corpus_paths_name_the_same_files(
    corpus: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_store(corpus, db_path)
    monkeypatch.chdir(corpus.parent)
    again = build_store(Path(corpus.name), db_path)
    assert (again.added, again.removed, again.unchanged) == (0, 0, 1)
