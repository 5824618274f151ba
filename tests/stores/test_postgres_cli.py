"""The PostgreSQL store from the outside: chosen by NEWSMAP_DB/--db, built by the real command,
surviving a build killed mid-transaction."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from newsmap.errors import SettingsError
from newsmap.query import Filters
from newsmap.settings import Settings
from newsmap.stores import open_store, open_store_at
from newsmap.stores.postgres import PostgresStore, printable_url
from newsmap.synth import generate_archive
from tests.conftest import REPO, SEED


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsmap.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
                            cwd=REPO, start_new_session=True)


def test_a_url_in_newsmap_db_selects_postgres(pg_url: str, corpus: Path) -> None:
    settings = Settings.from_env({"NEWSMAP_DB": pg_url, "NEWSMAP_DATA": str(corpus)})
    assert settings.db_url == pg_url
    store = open_store(settings, readonly=False)
    assert isinstance(store, PostgresStore)
    store.close()
    with pytest.raises(SettingsError):  # a path setting is still checked as before
        Settings.from_env({"NEWSMAP_DB": str(corpus), "NEWSMAP_DATA": str(corpus)})


def test_the_password_never_reaches_messages() -> None:
    assert printable_url("postgresql://reader:s3cret@db:5432/news") == \
        "postgresql://reader@db:5432/news"


def test_newsmap_build_writes_into_postgres(pg_url: str, corpus: Path) -> None:
    done = _cli("build", "--data", str(corpus), "--db", pg_url, "--quiet")
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert "added 1" in out
    assert "-> postgresql://postgres@127.0.0.1" in out
    again = _cli("build", "--quiet", env={"NEWSMAP_DB": pg_url, "NEWSMAP_DATA": str(corpus)})
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "unchanged 1" in out
    reader = open_store_at(pg_url)
    assert reader.store_version() == 2
    assert list(reader.stories(Filters(text="cyberattack"))["id"]) == [SEED.stem]
    reader.close()


def _advisory_locks(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"
                           " AND granted").fetchone()
        return int(row[0]) if row else 0


def test_a_build_killed_mid_transaction_leaves_the_last_build(pg_url: str, corpus: Path,
                                                              tmp_path: Path) -> None:
    first = _cli("build", "--data", str(corpus), "--db", pg_url, "--quiet")
    assert first.wait(300) == 0
    generate_archive(corpus / "more", 1500, seed=5)
    build = _cli("build", "--data", str(corpus), "--db", pg_url, "--quiet")
    deadline = time.monotonic() + 120
    while _advisory_locks(pg_url) == 0:
        assert build.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    assert build.poll() is None, "the build ended before it could be killed"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(30)
    reader = open_store_at(pg_url)
    assert reader.store_version() == 1
    assert reader.store_stats()["articles"] == 1
    deadline = time.monotonic() + 30  # the server notices the dead client and drops its lock
    while _advisory_locks(pg_url) and time.monotonic() < deadline:
        time.sleep(0.1)
    shutil.rmtree(corpus / "more")
    after = _cli("build", "--data", str(corpus), "--db", pg_url, "--quiet")
    _out, err = after.communicate(timeout=300)
    assert after.returncode == 0, err
    assert reader.store_version() == 2
    reader.close()


def test_an_import_into_an_unreachable_server_keeps_nothing(corpus: Path) -> None:
    """The store is reached before the dataset's copy is kept: a wrong URL leaves the corpus
    as it was (a later build would otherwise import the copy the command said it refused)."""
    url = "postgresql://reader:secret@127.0.0.1:1/newsmap"
    done = _cli("import", "acled", str(REPO / "tests" / "data" / "sources" / "acled.csv"),
                "--data", str(corpus), "--db", url)
    _out, err = done.communicate(timeout=120)
    assert done.returncode == 2
    assert "cannot connect to the PostgreSQL store postgresql://reader@127.0.0.1:1/newsmap" in err
    assert "secret" not in err
    assert not (corpus / "events").exists()


def test_a_first_build_reads_each_stored_article_at_most_once(pg_url: str,
                                                               tmp_path: Path) -> None:
    """A full build into an empty PostgreSQL store stays linear: it once planned the delete of
    a previous version while the table was empty and then scanned every article stored so far
    for each new one (300 articles read 44,850 rows; 100,000 took hours)."""
    data = tmp_path / "data"
    generate_archive(data, 300, seed=3)
    build = _cli("build", "--quiet", "--data", str(data), "--db", pg_url)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert "added 300" in out
    scans = rows_read = 0
    deadline = time.monotonic() + 30
    with psycopg.connect(pg_url, autocommit=True) as conn:
        while time.monotonic() < deadline:  # the build's counters arrive when its session ends
            conn.execute("SELECT pg_stat_clear_snapshot()")
            scans, rows_read = conn.execute(
                "SELECT seq_scan, seq_tup_read FROM pg_stat_user_tables"
                " WHERE relname = 'articles'").fetchone() or (0, 0)
            if scans:
                break
            time.sleep(0.2)
    assert scans, "the build's table statistics never arrived"
    assert rows_read < 3 * 300, rows_read


_BUILD_WATCHING_WORKERS = """
import multiprocessing, sys
from pathlib import Path
from newsmap.settings import Settings
from newsmap.stores import open_store

most = 0
def progress(done: int, total: int) -> None:
    global most
    most = max(most, len(multiprocessing.active_children()))

settings = Settings.from_env({"NEWSMAP_DB": sys.argv[1], "NEWSMAP_DATA": sys.argv[2]})
store = open_store(settings, readonly=False)  # as `newsmap build` opens it
try:
    report = store.build(settings.data_dir, progress=progress)
finally:
    store.close()
print(report.added, most)
"""


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs to tag on two")
def test_a_postgres_build_tags_in_several_processes(pg_url: str, tmp_path: Path) -> None:
    """A build into PostgreSQL forks its tagging workers like a SQLite build: the store's
    connection pool (whose threads forbid forking) once made it tag on one core."""
    data = tmp_path / "data"
    generate_archive(data, 400, seed=4)
    done = subprocess.run([sys.executable, "-c", _BUILD_WATCHING_WORKERS, pg_url, str(data)],
                          capture_output=True, text=True, timeout=600, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    added, workers = map(int, done.stdout.split())
    assert added == 400
    assert workers >= 2


def test_a_reader_of_a_database_never_built_sees_version_0(pg_url: str, corpus: Path) -> None:
    """The version every rerun polls is one query that also answers before the first build
    (no tables yet), and a reader opened then sees the build once it is done."""
    reader = open_store_at(pg_url)
    assert reader.store_version() == 0
    assert reader.get_meta("data_dir") is None
    writer = open_store_at(pg_url, readonly=False)
    writer.build(corpus)
    writer.close()
    assert reader.store_version() == 1
    assert reader.get_meta("data_dir") == str(corpus.resolve())
    reader.close()
