"""What the PostgreSQL store does not hold yet (imported event datasets, editors' corrections,
the citation and event exports) is refused in one line naming it, never dropped silently; the
same commands keep working on SQLite. A database of an older schema is named, then upgraded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from newsmap.errors import StoreError
from newsmap.freshness import Freshness
from newsmap.query import Filters
from newsmap.stores import open_store_at
from tests.conftest import REPO

ACLED = REPO / "tests" / "data" / "sources" / "acled.csv"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsmap.cli", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_build_with_corrections_is_refused_and_keeps_the_last_build(
        pg_url: str, corpus: Path) -> None:
    assert _run("build", "--data", str(corpus), "--db", pg_url, "--quiet").returncode == 0
    (corpus / "corrections.jsonl").write_text(json.dumps({
        "id": "c1", "at": "2026-01-01T00:00:00Z", "editor": "ed", "article": "x",
        "action": "remove_country", "target": {"iso3": "ALB"}, "change": {},
        "reason": "wrong"}) + "\n", encoding="utf-8")
    (corpus / "articles" / "late.md").write_text(
        "---\ntitle: A later story\npublished: 2023-01-02\n---\n"
        "Officials in Tirana met on Monday to discuss the budget.\n", encoding="utf-8")
    done = _run("build", "--data", str(corpus), "--db", pg_url, "--quiet")
    assert done.returncode == 2
    line = _one_line(done.stderr)
    assert "corrections.jsonl" in line
    assert "not supported on PostgreSQL" in line
    reader = open_store_at(pg_url)
    assert reader.count_stories(Filters()) == 1  # the refused build wrote nothing
    reader.close()


def test_a_build_with_an_event_dataset_is_refused(pg_url: str, corpus: Path) -> None:
    (corpus / "events" / "acled").mkdir(parents=True)
    shutil.copy(ACLED, corpus / "events" / "acled" / "acled.csv")
    done = _run("build", "--data", str(corpus), "--db", pg_url, "--quiet")
    assert done.returncode == 2
    assert "imported event datasets (ACLED, GDELT) are not supported on PostgreSQL" in \
        _one_line(done.stderr)


def test_import_and_export_commands_name_what_postgres_lacks(pg_url: str, corpus: Path) -> None:
    imported = _run("import", "acled", str(ACLED), "--data", str(corpus), "--db", pg_url)
    assert imported.returncode == 2
    assert "newsmap import acled is not supported on a PostgreSQL store" in \
        _one_line(imported.stderr)
    assert not (corpus / "events").exists()  # nothing half-imported
    exported = _run("export", "citations", "--format", "ris", "--db", pg_url)
    assert exported.returncode == 2
    assert "newsmap export (citations, events, gold) is not supported" in \
        _one_line(exported.stderr)


def test_the_same_commands_still_work_on_sqlite(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "newsmap.db"
    assert _run("build", "--data", str(corpus), "--db", str(db), "--quiet").returncode == 0
    imported = _run("import", "acled", str(ACLED), "--data", str(corpus), "--db", str(db))
    assert imported.returncode in (0, 1), imported.stderr  # 1: the fixture's bad rows
    assert "acled: " in imported.stdout
    assert "events added" in imported.stdout
    exported = _run("export", "citations", "--format", "ris", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    assert "TY  - NEWS" in exported.stdout


def test_a_store_of_the_older_schema_is_named_then_upgraded(pg_url: str, corpus: Path) -> None:
    """A database built before migration 2 (no sample flag, no event ids, no summary tables):
    readers are told in one line, and the next build upgrades it."""
    assert _run("build", "--data", str(corpus), "--db", pg_url, "--quiet").returncode == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN sample")
        conn.execute("ALTER TABLE events DROP COLUMN uid")
        conn.execute("DROP TABLE summary_events, summary_points, summary_stories")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 2")
    reader = open_store_at(pg_url)
    assert reader.freshness(corpus) is Freshness.STALE
    with pytest.raises(StoreError, match="built by an older newsmap; run `newsmap build`"):
        reader.stories(Filters())
    assert _run("build", "--data", str(corpus), "--db", pg_url, "--rebuild",
                "--quiet").returncode == 0
    found = reader.stories(Filters(), country="ALB")
    assert not found["sample"].any()
    assert bool(found["primary"].iloc[0])
    events = reader.article_detail(str(found["id"].iloc[0]))["events"]  # type: ignore[index]
    assert events
    assert all(e["uid"] for e in events)
    reader.close()
