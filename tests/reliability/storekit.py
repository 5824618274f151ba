"""Shared by the reliability tests and the bench scripts: versioned corpora and store checks.

A store is a SQLite path or a PostgreSQL URL (``postgresql://...``): the checks read either.

A corpus has two versions. Version 2 changes a third of the articles (new title, new country),
deletes some, and adds some, so a store can be told apart as old, new or (a bug) a mix.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
NEWSMAP = VENV_BIN / "newsmap"

# (name in prose, capital, ISO3): one country per article version, so tags show the version.
COUNTRIES = [
    ("Albania", "Tirana", "ALB"), ("Iran", "Tehran", "IRN"), ("Serbia", "Belgrade", "SRB"),
    ("Greece", "Athens", "GRC"), ("Turkey", "Ankara", "TUR"), ("Ukraine", "Kyiv", "UKR"),
    ("Georgia", "Tbilisi", "GEO"), ("Armenia", "Yerevan", "ARM"), ("Hungary", "Budapest", "HUN"),
    ("Croatia", "Zagreb", "HRV"), ("Romania", "Bucharest", "ROU"), ("Bulgaria", "Sofia", "BGR"),
]
FILLER = (
    "Officials met in {capital} on Monday to discuss the border. In 1994 the talks had failed, "
    "and in 2014 they were tried again. Observers in {name} said the mood had changed since "
    "the 1990s. A protest followed in March 2019, and an election was held in {name} the year "
    "after. Trade with {name} grew by a fifth. "
)


@dataclass(frozen=True)
class Expected:
    """What the store must hold for one source file in one corpus version."""

    content_hash: str
    title: str
    iso3: str


Corpus = dict[str, Expected]
"""Expected state keyed by the source path as the build stores it."""


def _article_text(index: int, version: int, words: int) -> tuple[str, str, str]:
    name, capital, iso3 = COUNTRIES[(index * 5 + version * 7) % len(COUNTRIES)]
    edition = "original" if version == 1 else "revised"
    title = f"Story {index} {edition} about {name}"
    paragraph = FILLER.format(name=name, capital=capital)
    repeats = max(1, words // len(paragraph.split()))
    body = f"{name} is in the news. " + "\n\n".join([paragraph] * repeats)
    text = f"---\ntitle: {title}\npublished: 2022-09\noutlet: Test Wire\n---\n{body}\n"
    return title, text, iso3


def _write(folder: Path, index: int, version: int, words: int) -> tuple[str, Expected]:
    title, text, iso3 = _article_text(index, version, words)
    path = (folder / f"story-{index:05d}.md").resolve()
    data = text.encode("utf-8")
    path.write_bytes(data)
    return str(path), Expected(hashlib.sha256(data).hexdigest(), title, iso3)


def write_corpus(data_dir: Path, articles: int, version: int, words: int = 250) -> Corpus:
    """Write version 1 or 2 of the test corpus into ``data_dir``; returns what a store must hold."""
    folder = data_dir / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    expected: Corpus = {}
    total = articles if version == 1 else articles + articles // 10
    for index in range(total):
        path = (folder / f"story-{index:05d}.md").resolve()
        if version == 2 and index < articles and index % 7 == 3:
            path.unlink(missing_ok=True)
            continue
        changed = version == 2 and (index % 3 == 0 or index >= articles)
        key, exp = _write(folder, index, 2 if changed else 1, words)
        expected[key] = exp
    return expected


def _is_url(db: Path | str) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


def _pg(db: Path | str) -> Any:
    import psycopg

    return psycopg.connect(str(db), autocommit=True)


def run_build(data_dir: Path, db_path: Path | str, *extra: str, timeout: float = 600) -> (
    subprocess.CompletedProcess[str]
):
    """Run ``newsmap build`` as a real subprocess to completion."""
    return subprocess.run(
        [str(NEWSMAP), "build", "--data", str(data_dir), "--db", str(db_path), "--quiet", *extra],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def start_build(data_dir: Path, db_path: Path | str, *extra: str) -> subprocess.Popen[str]:
    """Start ``newsmap build`` as a real subprocess and return at once."""
    return subprocess.Popen(
        [str(NEWSMAP), "build", "--data", str(data_dir), "--db", str(db_path), "--quiet", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def kill_after(proc: subprocess.Popen[str], seconds: float) -> bool:
    """SIGKILL ``proc`` after ``seconds``; True if it was still running when killed."""
    return kill_and_count_orphans(proc, seconds)[0]


def kill_and_count_orphans(proc: subprocess.Popen[str], seconds: float) -> tuple[bool, int]:
    """SIGKILL ``proc`` after ``seconds``: whether it was running, and how many of its worker
    processes were still alive 10 s later (those are then killed, by their own PIDs)."""
    import psutil

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            proc.communicate()
            return False, 0
        time.sleep(min(0.01, max(0.0, deadline - time.monotonic())))
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.Error:
        children = []
    alive = proc.poll() is None
    if alive:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    _, left = psutil.wait_procs(children, timeout=10)
    for child in left:
        child.kill()
    return alive, len(left)


def wait_for_build_lock(db_path: Path | str, timeout: float = 60) -> bool:
    """Wait until some build holds the store's build lock; False if none did in ``timeout``.
    On PostgreSQL the lock is looked up in pg_locks (never taken: a build would be refused)."""
    import fcntl

    if _is_url(db_path):
        return _wait_for_advisory_lock(str(db_path), timeout)
    lock = Path(f"{db_path}.lock")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists():
            fd = os.open(lock, os.O_RDWR)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(fd, fcntl.LOCK_UN)
            except BlockingIOError:
                return True
            finally:
                os.close(fd)
        time.sleep(0.01)
    return False


def _wait_for_advisory_lock(url: str, timeout: float) -> bool:
    from newsmap.stores.postgres import BUILD_LOCK

    deadline = time.monotonic() + timeout
    with _pg(url) as conn:
        while time.monotonic() < deadline:
            held = conn.execute(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND ((classid::bigint << 32) | objid::bigint) = %s", (BUILD_LOCK,)).fetchone()
            if held:
                return True
            time.sleep(0.01)
    return False


def copy_store(source: Path, target: Path) -> None:
    """Copy a closed store (and any WAL beside it) to ``target``, replacing what is there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def summary_problems(db: Path | str) -> list[str]:
    """Where the summary tables differ from what the stored events add up to (empty: fine)."""
    from newsmap import summaries

    tables = {"summary_events": "events <> 0 OR located <> 0",
              "summary_points": "events <> 0", "summary_stories": "stories <> 0"}
    conn = _pg(db) if _is_url(db) else sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        cur = conn.cursor()
        wanted = summaries.read(cur, "SELECT id FROM articles", ())
        expected = {
            "summary_events": {(*k, n, wanted.located[k]) for k, n in wanted.events.items()},
            "summary_points": {(*k, n) for k, n in wanted.points.items()},
            "summary_stories": {(*k, n) for k, n in wanted.stories.items()},
        }
        problems = []
        for table, kept in tables.items():
            held = {tuple(r) for r in cur.execute(f"SELECT * FROM {table} WHERE {kept}")}
            if held != expected[table]:
                problems.append(f"{table}: {len(held ^ expected[table])} rows differ from the "
                                "stored events")
        return problems
    finally:
        conn.close()


def integrity_problems(db_path: Path | str) -> list[str]:
    """What SQLite's and FTS5's integrity checks and the foreign-key check report, and whether
    the summary tables add up (empty: fine). On PostgreSQL, which enforces its constraints
    itself, the summaries only."""
    if _is_url(db_path):
        return summary_problems(db_path)
    conn = sqlite3.connect(db_path, timeout=30)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            conn.commit()
        except sqlite3.DatabaseError as error:
            problems.append(f"fts: {error}")
    finally:
        conn.close()
    return problems + (summary_problems(db_path) if not problems else [])


def store_state(db_path: Path | str, old: Corpus, new: Corpus) -> str:
    """``"old"`` or ``"new"``: which corpus version the store holds; AssertionError on a mix."""
    if _is_url(db_path):
        conn = _pg(db_path)
        matching = ("SELECT a.source_path FROM articles a"
                    " WHERE a.fts @@ to_tsquery('simple', 'revised')")
    else:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
        matching = ("SELECT a.source_path FROM articles_fts JOIN articles a"
                    " ON a.pk = articles_fts.rowid WHERE articles_fts MATCH 'revised'")
    try:
        rows = conn.execute("SELECT source_path, content_hash, title, id FROM articles").fetchall()
        tags: dict[str, set[str]] = {}
        for article_id, iso3 in conn.execute("SELECT article_id, iso3 FROM country_tags"):
            tags.setdefault(article_id, set()).add(iso3)
        fts = {r[0] for r in conn.execute(matching)}
    finally:
        conn.close()
    held = {path: (digest, title) for path, digest, title, _ in rows}
    state = None
    for name, corpus in (("old", old), ("new", new)):
        if held == {p: (e.content_hash, e.title) for p, e in corpus.items()}:
            state = name
    assert state is not None, _describe_mix(held, old, new)
    corpus = old if state == "old" else new
    for path, _digest, _title, article_id in rows:
        expected = corpus[path]
        assert expected.iso3 in tags.get(article_id, set()), (
            f"{path}: tags {tags.get(article_id)} lack {expected.iso3} of the {state} version"
        )
    version_two = {p for p, e in corpus.items() if " revised " in e.title}
    assert fts == version_two, "the full-text index disagrees with the articles table"
    return state


def _describe_mix(held: dict[str, tuple[str, str]], old: Corpus, new: Corpus) -> str:
    as_old = sum(1 for p, v in held.items() if p in old and v[0] == old[p].content_hash)
    as_new = sum(1 for p, v in held.items() if p in new and v[0] == new[p].content_hash)
    return (
        f"store is a mix: {len(held)} articles, {as_old} match the old corpus "
        f"({len(old)}), {as_new} match the new one ({len(new)})"
    )


def store_version(db_path: Path | str) -> int:
    """The build counter the store's meta table holds (0 if none)."""
    conn = _pg(db_path) if _is_url(db_path) else sqlite3.connect(
        f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
        return int(row[0]) if row else 0
    finally:
        conn.close()


@dataclass
class KillTrial:
    """One build killed with SIGKILL, and what the store looked like afterwards."""

    delay: float
    rebuild: bool
    killed: bool
    state: str
    problems: list[str]
    reader_stories: int
    next_build_rc: int
    final_state: str
    orphans: int = 0


def crash_trials(
    work: Path, articles: int, kills: int, seed: int = 7, rebuild_every: int = 4,
    words: int = 250,
) -> tuple[float, list[KillTrial]]:
    """Kill ``kills`` builds of version 2 over a version-1 store at spread-out random moments.

    Returns the time of one uninterrupted build and each trial. Every ``rebuild_every``-th
    trial runs ``build --rebuild``. AssertionError as soon as a store is damaged or mixed.
    """
    import random

    from newsmap.query import Filters, count_stories
    from newsmap.store import connect

    rng = random.Random(seed)
    data = work / "data"
    base = work / "base" / "newsmap.db"
    old = write_corpus(data, articles, version=1, words=words)
    first = run_build(data, base)
    assert first.returncode == 0, first.stderr
    new = write_corpus(data, articles, version=2, words=words)

    timing = work / "timing" / "newsmap.db"
    full_seconds = float("inf")
    for _ in range(2):  # the faster of two, so a busy moment does not stretch every delay
        copy_store(base, timing)
        started = time.perf_counter()
        full = run_build(data, timing)
        full_seconds = min(full_seconds, time.perf_counter() - started)
        assert full.returncode == 0, full.stderr
        assert store_state(timing, old, new) == "new"

    trials = []
    trial_db = work / "trial" / "newsmap.db"
    for index in range(kills):
        copy_store(base, trial_db)
        rebuild = rebuild_every > 0 and index % rebuild_every == rebuild_every - 1
        # spread over the whole build and a little past it, so some kills land after commit
        delay = 1.15 * full_seconds * (index + rng.random()) / kills
        proc = start_build(data, trial_db, *(["--rebuild"] if rebuild else []))
        killed, orphans = kill_and_count_orphans(proc, delay)
        reader = connect(trial_db, readonly=True)
        try:
            reader_stories = count_stories(reader, Filters())
        finally:
            reader.close()
        problems = integrity_problems(trial_db)
        assert not problems, f"trial {index} (killed at {delay:.2f} s): {problems}"
        state = store_state(trial_db, old, new)
        again = run_build(data, trial_db)
        assert again.returncode == 0, f"trial {index}: the next build failed: {again.stderr}"
        final_problems = integrity_problems(trial_db)
        assert not final_problems, f"trial {index}: after the next build: {final_problems}"
        final_state = store_state(trial_db, old, new)
        assert final_state == "new"
        trials.append(KillTrial(round(delay, 3), rebuild, killed, state, problems,
                                reader_stories, again.returncode, final_state, orphans))
    return full_seconds, trials
