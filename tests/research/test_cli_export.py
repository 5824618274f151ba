"""The ``newsmap export``, ``gold export`` and ``editor`` commands, run as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import geopandas as gpd
import rispy

from newsmap.corrections import append_correction, corrections_path, new_correction
from newsmap.editors import verify_password
from tests.research.conftest import REPO, SEED_ID, build


def _newsmap(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsmap.cli", *args], cwd=REPO,
                          capture_output=True, check=False, timeout=120,
                          input=stdin.encode() if stdin is not None else None)


def test_citations_to_stdout_take_the_apps_filters(built):
    _, db = built
    done = _newsmap("export", "citations", "--format", "ris", "--db", str(db),
                    "--years", "2019-2022", "--country", "alb")
    assert done.returncode == 0, done.stderr
    entries = rispy.loads(done.stdout.decode())
    assert {e["id"] for e in entries} == {"albania-cuts-diplomatic-ties-with-iran",
                                          "durres-quake"}
    done = _newsmap("export", "citations", "--format", "csl", "--db", str(db), "--q", "Abkhazia",
                    "--year-basis", "published", "--years", "2000-2009")
    assert [i["id"] for i in json.loads(done.stdout)] == ["georgia-decade"]


def test_events_to_a_file(built, tmp_path):
    _, db = built
    out = tmp_path / "out" / "events.parquet"
    done = _newsmap("export", "events", "--format", "geoparquet", "--db", str(db),
                    "--type", "disaster", "--out", str(out))
    assert done.returncode == 0, done.stderr
    frame = gpd.read_parquet(out)
    assert list(frame["event_type"]) == ["disaster"]
    assert list(frame["location"]) == ["Durrës"]
    done = _newsmap("export", "events", "--format", "geojson", "--db", str(db))
    assert gpd.read_file(io.BytesIO(done.stdout)).shape[0] > 5


def test_unusable_filters_are_errors_naming_the_option(built):
    _, db = built
    for args, says in ((["--years", "soon"], "--years"), (["--country", "Albania"], "--country"),
                       (["--type", "riot"], "--type")):
        done = _newsmap("export", "events", "--format", "acled-csv", "--db", str(db), *args)
        assert done.returncode == 2
        assert says in done.stderr.decode()
        assert done.stdout == b""


def test_gold_export_writes_each_corrected_story(built, tmp_path):
    data, db = built
    assert _newsmap("gold", "export", "--out", str(tmp_path / "none"),
                    "--db", db).stderr.startswith(b"0 corrected stories written")
    append_correction(corrections_path(data), new_correction(
        SEED_ID, "remove_country", editor="Ed", reason="only in passing",
        target={"iso3": "USA"}))
    build(data, db)
    done = _newsmap("gold", "export", "--out", str(tmp_path / "gold"), "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split() == [str(tmp_path / "gold" / f"{SEED_ID}.gold.json")]
    gold = json.loads((tmp_path / "gold" / f"{SEED_ID}.gold.json").read_text())
    assert "USA" not in gold["countries"]
    assert "ALB" in gold["primary"]


def test_a_missing_store_says_to_build(tmp_path):
    done = _newsmap("export", "citations", "--format", "bibtex", "--db", str(tmp_path / "x.db"))
    assert done.returncode == 2
    assert "newsmap build" in done.stderr.decode()


def test_hash_password_makes_a_hash_that_verifies_and_refuses_short_ones():
    done = _newsmap("editor", "hash-password", stdin="correct horse battery\n")
    assert done.returncode == 0, done.stderr
    stored = done.stdout.decode().strip()
    assert stored.startswith("scrypt$")
    assert "correct horse" not in stored
    assert verify_password("correct horse battery", stored)
    assert not verify_password("correct horse batterY", stored)
    assert not verify_password("correct horse battery", "scrypt$garbage")
    assert _newsmap("editor", "hash-password", stdin="short\n").returncode == 2
