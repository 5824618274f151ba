"""The cycle collector pause used while the tagger's tables load."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsmap.gcpause import collector_paused
from tests.conftest import REPO


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: the inner block leaves it off for the outer
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_the_tagger_leaves_the_collector_on() -> None:
    from newsmap.tagpool import warm_up_tagger

    warm_up_tagger()
    assert gc.isenabled()


def test_freeze_puts_what_the_block_made_out_of_the_collectors_reach() -> None:
    gc.collect()
    try:
        with collector_paused(freeze=True):
            tables = [[n] for n in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(tables)
        assert gc.get_count()[0] < len(tables)  # no young objects left to walk
    finally:
        gc.unfreeze()


def test_the_build_command_stores_a_changed_file_and_leaves_the_collector_on(
    tmp_path: Path,
) -> None:
    """``newsmap build`` with its forked survey (whose collector is off) and the paused, frozen
    loading: the changed article is stored with its new text, and the collector runs again."""
    script = f"""
import gc, sqlite3, time
from pathlib import Path
from newsmap import cli
from tests.core.test_file_index import _corpus

data, db = _corpus(Path({str(tmp_path / "data")!r})), {str(tmp_path / "store.db")!r}
assert cli.main(["build", "--data", str(data), "--db", db, "--quiet"]) == 0
story = data / "articles" / "2019" / "02" / "story-02-1.md"
story.write_text(story.read_text(encoding="utf-8") + "\\nOfficials in Tirana met.\\n",
                 encoding="utf-8")
time.sleep(0.01)
assert cli.main(["build", "--data", str(data), "--db", db, "--quiet"]) == 0
assert gc.isenabled()
body = sqlite3.connect(db).execute(
    "SELECT body FROM articles WHERE source_path = ?", (str(story.resolve()),)).fetchone()[0]
print("Tirana" in body)
"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "updated 1" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "True"
