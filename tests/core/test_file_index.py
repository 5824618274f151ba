"""The store's file index and the forked survey: a large corpus's unchanged folders cost one
list comparison each, and nothing the store holds is ever taken from a stale index."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsmap import fileindex
from newsmap.build import build_store
from newsmap.filerules import MAX_FILE_BYTES
from newsmap.freshness import Freshness, store_freshness
from newsmap.store import connect, get_meta
from tests.conftest import REPO

ARTICLE = "---\ntitle: {title}\npublished: 2019-06\n---\n{body}\n"


def _write(path: Path, title: str, body: str = "Thousands protested in Tbilisi.",
           mtime_ns: int | None = None) -> None:
    """Write an article, dated well in the past (old enough for its signature to be trusted)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, body=body), encoding="utf-8")
    when = mtime_ns if mtime_ns is not None else time.time_ns() - 100 * 10**9
    os.utime(path, ns=(when, when))


def _corpus(root: Path) -> Path:
    """Three month folders of articles, as a large corpus has them."""
    for month in ("01", "02", "03"):
        for n in range(3):
            _write(root / "articles" / "2019" / month / f"story-{month}-{n}.md",
                   f"Story {month} {n}")
    return root


def _stored(db: Path) -> dict[str, str]:
    """Each stored article's source path with its title."""
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT source_path, title FROM articles"))
    finally:
        conn.close()


def _index_matches_store(db: Path) -> None:
    conn = connect(db)
    try:
        index = fileindex.load(db, get_meta(conn, fileindex.TOKEN_KEY))
        assert index is not None, "the build left no index of its state"
        assert index.folders == fileindex.read_store(conn)
    finally:
        conn.close()


def test_the_index_follows_every_change_and_matches_the_store(tmp_path: Path) -> None:
    data, db = _corpus(tmp_path / "data"), tmp_path / "store.db"
    build_store(data, db)
    _index_matches_store(db)
    month = data / "articles" / "2019" / "02"
    _write(month / "story-02-1.md", "Story 02 1 revised", "Police dispersed a march in Tbilisi.")
    (month / "story-02-2.md").unlink()
    _write(month / "story-02-9.md", "A new story")
    shutil.rmtree(data / "articles" / "2019" / "03")
    report = build_store(data, db)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 4, 4)
    _index_matches_store(db)
    titles = _stored(db)
    assert titles[str(month / "story-02-1.md")] == "Story 02 1 revised"
    assert str(month / "story-02-2.md") not in titles
    assert not any("/03/" in key for key in titles)
    report = build_store(data, db)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 6)
    # the corpus signature a build writes with the index is the one a full scan computes
    assert store_freshness(data, db) is Freshness.CURRENT
    _write(month / "story-02-9.md", "A new story", "Rain in Tbilisi.")
    assert store_freshness(data, db) is Freshness.STALE


def test_a_file_rewritten_in_place_with_the_same_size_is_read_again(tmp_path: Path) -> None:
    data, db = _corpus(tmp_path / "data"), tmp_path / "store.db"
    path = data / "articles" / "2019" / "01" / "story-01-0.md"
    build_store(data, db)
    before = path.stat()
    _write(path, "Story 01 X", mtime_ns=before.st_mtime_ns + 1)  # one nanosecond later
    assert path.stat().st_size == before.st_size
    report = build_store(data, db)
    assert (report.updated, report.unchanged) == (1, 8)
    assert _stored(db)[str(path)] == "Story 01 X"


def test_an_index_of_another_state_of_the_store_is_not_used(tmp_path: Path) -> None:
    data, db = _corpus(tmp_path / "data"), tmp_path / "store.db"
    path = data / "articles" / "2019" / "01" / "story-01-0.md"
    build_store(data, db)
    old_index = fileindex.index_path(db).read_bytes()
    old = path.stat()
    _write(path, "Story 01 B")  # another version, with another time
    assert build_store(data, db).updated == 1
    # the first version comes back with its old size and time, and so does the old index,
    # which trusts that signature for the first version: the store holds the second
    _write(path, "Story 01 0", mtime_ns=old.st_mtime_ns)
    assert path.stat().st_size == old.st_size
    fileindex.index_path(db).write_bytes(old_index)
    report = build_store(data, db)
    assert report.updated == 1
    assert _stored(db)[str(path)] == "Story 01 0"
    _index_matches_store(db)


def test_a_torn_or_missing_index_is_rebuilt_from_the_store(tmp_path: Path) -> None:
    data, db = _corpus(tmp_path / "data"), tmp_path / "store.db"
    build_store(data, db)
    index = fileindex.index_path(db)
    index.write_bytes(index.read_bytes()[:-7])
    _write(data / "articles" / "2019" / "01" / "story-01-1.md", "Story 01 1 revised")
    assert build_store(data, db).updated == 1
    _index_matches_store(db)
    index.unlink()
    (data / "articles" / "2019" / "02" / "story-02-0.md").unlink()
    assert build_store(data, db).removed == 1
    _index_matches_store(db)


def test_an_article_replaced_from_another_folder_leaves_the_index_true(tmp_path: Path) -> None:
    data, db = _corpus(tmp_path / "data"), tmp_path / "store.db"
    build_store(data, db)
    old = data / "articles" / "2019" / "01" / "story-01-0.md"
    old.write_bytes(b"x" * (MAX_FILE_BYTES + 1))  # refused: its stored version is kept ...
    _write(data / "articles" / "2019" / "02" / "story-01-0.md", "Moved")  # ... until this
    report = build_store(data, db)  # stores the article of that id from the other folder
    assert report.added == 1
    assert str(old) not in _stored(db)
    _index_matches_store(db)


def test_a_survey_of_an_older_state_of_the_store_is_not_used(tmp_path: Path) -> None:
    # in a process of its own: the survey forks only where no other thread runs, and earlier
    # tests in this process may leave some (an app's watch, a pool's workers)
    script = f"""
import time
from pathlib import Path
from newsmap.build import build_store
from newsmap.survey import start_survey
from tests.core.test_file_index import _corpus

data, db = _corpus(Path({str(tmp_path / "data")!r})), Path({str(tmp_path / "store.db")!r})
build_store(data, db)
(data / "articles" / "2019" / "03" / "story-03-0.md").unlink()
pending = start_survey(data, db)
assert pending is not None, "the survey did not fork"
while not pending.ready():
    time.sleep(0.01)
# another build removes the file meanwhile; the survey's plan is of the store before it
assert build_store(data, db).removed == 1
report = build_store(data, db, pending=pending)
print(report.ok, report.removed, report.unchanged)
"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "0", "8"]


def test_a_scan_helped_by_a_second_process_finds_what_one_process_finds(tmp_path: Path) -> None:
    # the corpus scan of a forked survey hands the later indexed folders to a helper process
    # (a large corpus only; here the threshold is lowered, and the helper takes six folders of
    # ten: two unchanged, two changed, two it must leave to the scan); in a process of its
    # own, as it forks
    script = f"""
import json, os, sqlite3
from pathlib import Path
from newsmap.build import build_store
from newsmap.sources import lookahead
from newsmap.survey import survey, store_uri
from tests.core.test_file_index import _write

lookahead.MIN_FILES = 0
lookahead.helper_share = lambda cpus: 0.6
started = []
original = lookahead.Lookahead.start.__func__
def counted(cls, known, plain):
    helper = original(cls, known, plain)
    started.append(helper is not None)
    return helper
lookahead.Lookahead.start = classmethod(counted)

data, db = Path({str(tmp_path / "data")!r}), Path({str(tmp_path / "store.db")!r})
months = [data / "articles" / "2020" / f"{{m:02d}}" for m in range(1, 11)]
for month in months:
    for n in range(3):
        _write(month / f"story-{{month.name}}-{{n}}.md", f"Story {{month.name}} {{n}}")
build_store(data, db)
_write(months[4] / "story-05-0.md", "Story 05 0 revised and longer")  # changed in place
_write(months[5] / "story-06-7.md", "A new story")                     # one more file
(months[5] / ".draft.md").write_text("hidden")                          # not part of it
_write(months[6] / "inner" / "story-07-9.md", "In a subfolder")         # a folder inside
os.symlink(months[0] / "story-01-0.md", months[7] / "link.md")          # refused
(months[3] / "story-04-1.md").write_bytes(b"x" * 2_000_001)             # refused: too big
for path in months[2].iterdir():                                        # a folder emptied
    path.unlink()
_write(data / "articles" / "2021" / "01" / "story-2021.md", "A new folder")

def planned(may_fork):
    conn = sqlite3.connect(store_uri(db, mode="ro"), uri=True)
    try:
        found = survey(data, conn, db, rebuild=False, may_fork=may_fork)
    finally:
        conn.close()
    plan = found.plan
    return {{"tasks": [t.key for t in plan.tasks], "gone": sorted(plan.gone),
            "unchanged": plan.unchanged, "refused": [str(r) for r in plan.refused],
            "signature": found.signature, "touched": sorted(found.touched)}}

alone, helped = planned(False), planned(True)
print(json.dumps({{"same": alone == helped, "started": started, "plan": helped}}))
"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["started"] == [True], "the scan did not fork its helper"
    assert out["same"], out["plan"]
    plan, month = out["plan"], str(tmp_path / "data" / "articles" / "2020")
    assert plan["tasks"] == [f"{month}/05/story-05-0.md", f"{month}/06/story-06-7.md",
                             f"{month}/07/inner/story-07-9.md",
                             str(tmp_path / "data" / "articles" / "2021" / "01" / "story-2021.md")]
    assert plan["gone"] == [f"{month}/03/story-03-{n}.md" for n in range(3)]
    assert [r.split(": ")[0] for r in plan["refused"]] == [f"{month}/04/story-04-1.md",
                                                          f"{month}/08/link.md"]
    assert plan["unchanged"] == 30 - 3 - 1 - 1  # emptied, changed and refused ones aside


def test_a_scan_helper_that_fails_leaves_its_folders_to_the_scan() -> None:
    # the helper dies on its first folder (in a process of its own, as it forks)
    script = """
from newsmap.sources import lookahead
from newsmap.sources.lookahead import Lookahead

known = {f"/nowhere/{n:02d}": ([f"a{n}.md"], [1], [1]) for n in range(10)}
def fails(folder):
    raise OSError("the disk went away")
lookahead.MIN_FILES = 0
lookahead.helper_share = lambda cpus: 0.5
helper = Lookahead.start(known, fails)
assert helper is not None, "no helper forked"
taken = [helper.take(folder) for folder in sorted(known)]
helper.close()
print(len(helper.folders), sum(entry is not None for entry in taken))
"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    helped, taken = done.stdout.split()
    assert int(helped) > 0
    assert taken == "0"  # each of its folders is left to the scan


def test_the_build_command_surveys_in_a_forked_process(tmp_path: Path) -> None:
    data, db = _corpus(tmp_path / "data"), tmp_path / "store.db"
    command = [sys.executable, "-m", "newsmap.cli", "build", "--data", str(data), "--db",
               str(db), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "added 9," in first.stdout
    _write(data / "articles" / "2019" / "02" / "story-02-0.md", "Story 02 0 revised")
    (data / "articles" / "2019" / "01" / "story-01-2.md").unlink()
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "added 0, updated 1, removed 1, unchanged 7, rejected 0" in second.stdout
    assert _stored(db)[str(data / "articles" / "2019" / "02" / "story-02-0.md")] == (
        "Story 02 0 revised")
    _index_matches_store(db)


def test_the_survey_loads_no_model_yaml_or_tagger() -> None:
    """What the forked survey runs (before the build's heavy imports) stays light."""
    probe = ("import json, sys\n"
             "import newsmap.cli, newsmap.survey\n"
             "print(json.dumps(sorted(m for m in ('pydantic', 'yaml', 'newsmap.model',\n"
             "    'newsmap.tagging', 'newsmap.geo') if m in sys.modules)))\n")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_build_stands_when_its_index_cannot_be_written(tmp_path: Path) -> None:
    data, db = _corpus(tmp_path / "data"), tmp_path / "store.db"
    fileindex.index_path(db).mkdir()  # in the way of the file
    assert build_store(data, db).added == 9
    _write(data / "articles" / "2019" / "01" / "story-01-1.md", "Story 01 1 revised")
    report = build_store(data, db)
    assert (report.updated, report.unchanged) == (1, 8)
    assert _stored(db)[str(data / "articles" / "2019" / "01" / "story-01-1.md")] == (
        "Story 01 1 revised")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # none left
