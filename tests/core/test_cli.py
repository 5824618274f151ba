"""The `newsmap` command as a user runs it: build, check and tag on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newsmap.store import connect
from tests.conftest import SEED


def _newsmap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsmap.cli", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )


def test_build_then_check_on_the_corpus(corpus: Path, db_path: Path) -> None:
    built = _newsmap("build", "--data", str(corpus), "--db", str(db_path))
    assert built.returncode == 0, built.stderr
    assert "added 1, updated 0, removed 0, unchanged 0, rejected 0" in built.stdout
    checked = _newsmap("check", "--data", str(corpus))
    assert checked.returncode == 0, checked.stdout
    conn = connect(db_path, readonly=True)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_settings_come_from_the_environment(corpus: Path, db_path: Path) -> None:
    built = _newsmap("build", env={"NEWSMAP_DATA": str(corpus), "NEWSMAP_DB": str(db_path)})
    assert built.returncode == 0, built.stderr
    assert db_path.exists()


def test_broken_file_fails_check_but_build_keeps_the_seed(corpus: Path, db_path: Path) -> None:
    broken = corpus / "articles" / "broken.txt"
    broken.write_bytes(b"Title\n\n\xff\xfe not utf-8")
    checked = _newsmap("check", "--data", str(corpus))
    assert checked.returncode == 1
    assert f"{broken}: not UTF-8" in checked.stdout
    built = _newsmap("build", "--data", str(corpus), "--db", str(db_path))
    assert built.returncode == 1
    assert "added 1" in built.stdout
    assert f"rejected {broken}" in built.stderr
    conn = connect(db_path, readonly=True)
    assert [r[0] for r in conn.execute("SELECT id FROM articles")] == [
        "albania-cuts-diplomatic-ties-with-iran"
    ]


def test_missing_corpus_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = _newsmap("check", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_tag_prints_one_json_object_per_file(tmp_path: Path) -> None:
    other = tmp_path / "moldova.txt"
    other.write_text("Moldova votes\n\nVoters in Chisinau elected a new parliament in 2021.\n")
    result = _newsmap("tag", str(SEED), str(other), "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert [item["path"] for item in payload] == [str(SEED), str(other)]
    seed = payload[0]
    assert seed["title"] == "Albania cuts diplomatic ties with Iran"
    assert seed["published"] == "2022-09"
    assert set(seed) >= {"countries", "places", "events"}
    assert {c["iso3"] for c in seed["countries"]} >= {"ALB", "IRN", "BIH", "FRA"}
    assert payload[1]["published"] is None
