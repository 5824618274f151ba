"""A PostgreSQL store of an older schema is named to its readers, then upgraded by the next
build: to the sample flag and event ids (step 2), the summary tables (step 3), the imported
events and corrections (step 4), and the town a site is shown at (step 6), which that build
then fills from the corpus."""

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


def test_a_store_of_the_older_schema_is_named_then_upgraded(pg_url: str, corpus: Path) -> None:
    """A database built before migration 2 (no sample flag, no event ids, no summary tables,
    no imported events or corrections): readers are told in one line, and the next build
    upgrades it and applies what the corpus holds."""
    assert _run("build", "--data", str(corpus), "--db", pg_url, "--quiet").returncode == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN sample")
        conn.execute("DROP INDEX events_by_uid")
        conn.execute("ALTER TABLE events DROP COLUMN uid")
        conn.execute("DROP TABLE summary_events, summary_points, summary_stories")
        conn.execute("DROP TABLE imported_events, imported_datasets, corrections")
        conn.execute("ALTER TABLE places DROP COLUMN site_of")
        conn.execute("ALTER TABLE events DROP COLUMN site_of")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 2")
    reader = open_store_at(pg_url)
    assert reader.freshness(corpus) is Freshness.STALE
    with pytest.raises(StoreError, match="built by an older newsmap; run `newsmap build`"):
        reader.stories(Filters())
    assert reader.imported_sources() == {}  # the app draws no imported layer meanwhile
    assert reader.orphaned_corrections() == []  # nor lists corrections
    (corpus / "events" / "acled").mkdir(parents=True)
    shutil.copy(ACLED, corpus / "events" / "acled" / "acled.csv")
    (corpus / "corrections.jsonl").write_text(json.dumps({
        "id": "c-0123456789abcdef", "at": "2026-01-01T00:00:00+00:00", "editor": "Ed",
        "article": "albania-cuts-diplomatic-ties-with-iran", "action": "remove_country",
        "target": {"iso3": "USA"}, "change": {}, "reason": "only in passing"}) + "\n",
        encoding="utf-8")
    assert _run("build", "--data", str(corpus), "--db", pg_url, "--rebuild",
                "--quiet").returncode == 1  # 1: the dataset's bad rows are listed
    found = reader.stories(Filters(), country="ALB")
    assert not found["sample"].any()
    assert bool(found["primary"].iloc[0])
    events = reader.article_detail(str(found["id"].iloc[0]))["events"]  # type: ignore[index]
    assert events
    assert all(e["uid"] for e in events)
    assert all("site_of" in e for e in events)  # step 6: the town a site is shown at
    assert "USA" not in {c["iso3"] for c in reader.article_detail(  # type: ignore[index]
        "albania-cuts-diplomatic-ties-with-iran")["country_tags"]}
    assert [c["status"] for c in reader.corrections_for(
        "albania-cuts-diplomatic-ties-with-iran")] == ["applied"]
    assert reader.imported_sources() == {"acled": 5}
    reader.close()
