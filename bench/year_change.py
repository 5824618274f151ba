"""Server time of a year change on the map page, on SQLite and on PostgreSQL (issue 14, point 6).

A reader moves the year slider: the map page asks the store, with the new filters, for stories
and events per country (twice: every story, and the stories about each country), the number of
stories, the event totals, the marker groups, and the ten latest stories (``app.py``; the other
answers are cached per store and do not change with the years). This benchmark builds a synthetic
archive into both backends and times exactly those calls through the Store seam, for year spans
like a reader's (start 1985-2018, one to eight years wide, as ``bench/capacity.py`` picks them),
with each span asked first (no cache).

Reported per backend and size: the median and p90 wall time of a whole year change, the CPU time
it took (this process for SQLite, which runs the queries in-process; this process plus the
PostgreSQL server's processes for PostgreSQL), each question's median, and the same year change
answered by the detailed queries (``summary=False``, what the store did before the summary
tables) for comparison. Load averages at start and end: the machine is shared.

    PYTHONPATH=$PWD .venv/bin/python bench/year_change.py --sizes 10000
    PYTHONPATH=$PWD .venv/bin/python bench/year_change.py --sizes 100000 --merge
    PYTHONPATH=$PWD .venv/bin/python bench/year_change.py --scaled 10000 10 --merge

``--scaled N K`` measures a store of N x K articles made without tagging them again (building
100,000 articles takes the machine ~2 minutes when quiet, ~50 when shared as it was): the
N-article SQLite store of an earlier run, its articles copied K-1 times with new ids, each copy's
event years shifted by -4..+5 (so the year spans differ as in a larger archive) and its body cut
to 400 characters; the same rows are copied into PostgreSQL, then both stores' summary tables
are filled from them as the migration does. The JSON says so (``"scaled_from"``).

Writes ``bench/results/year_change.json`` (``--merge`` keeps the sizes already there).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "year_change.json"
SPANS = 12
RUNS = 3


def year_spans(count: int, seed: int = 14) -> list[tuple[int, int]]:
    """Year ranges a reader picks with the slider (as bench/capacity.py draws them)."""
    rng = random.Random(seed)
    spans = []
    for _ in range(count):
        start = rng.randint(1985, 2018)
        spans.append((start, start + rng.randint(1, 8)))
    return spans


def questions(ask: Any, conn: Any, summary: bool | None) -> dict[str, Callable[[Any], Any]]:
    """The map page's questions for new filters. ``ask`` is a Store (``conn`` None, summary
    None: what the app runs) or a query module with its connection (``summary`` chosen)."""
    from ui.cache import MARKER_EVENTS, MARKER_LIMIT

    if summary is None:
        return {
            "counts": lambda f: ask.count_by_country(f),
            "counts_about": lambda f: ask.count_by_country(f, True),
            "story_count": lambda f: ask.count_stories(f),
            "event_counts": lambda f: ask.event_counts(f),
            "markers": lambda f: ask.event_markers(f, per_marker=MARKER_EVENTS,
                                                   limit=MARKER_LIMIT),
            "latest_stories": lambda f: ask.stories(f, limit=10),
        }
    return {
        "counts": lambda f: ask.count_by_country(conn, f, summary=summary),
        "counts_about": lambda f: ask.count_by_country(conn, f, True, summary=summary),
        "story_count": lambda f: ask.count_stories(conn, f, summary=summary),
        "event_counts": lambda f: ask.event_counts(conn, f, summary=summary),
        "markers": lambda f: ask.event_markers(conn, f, per_marker=MARKER_EVENTS,
                                               limit=MARKER_LIMIT, summary=summary),
        "latest_stories": lambda f: ask.stories(conn, f, limit=10),
    }


def measure(asked: dict[str, Callable[[Any], Any]], server: list[psutil.Process]) -> dict[str,
                                                                                          Any]:
    """Every span RUNS times: wall and CPU time of whole year changes, and per question."""
    from newsmap.query import Filters

    changes: list[float] = []
    cpu: list[float] = []
    per_question: dict[str, list[float]] = {name: [] for name in asked}
    for _ in range(RUNS):
        for span in year_spans(SPANS):
            filters = Filters(years=span)
            cpu_start = time.process_time() + _cpu(server)
            started = time.perf_counter()
            for name, question in asked.items():
                t0 = time.perf_counter()
                question(filters)
                per_question[name].append(time.perf_counter() - t0)
            changes.append(time.perf_counter() - started)
            cpu.append(time.process_time() + _cpu(server) - cpu_start)
    ordered = sorted(changes)
    return {
        "year_changes": len(changes),
        "median_ms": _ms(statistics.median(changes)),
        "p90_ms": _ms(ordered[int(0.9 * (len(ordered) - 1))]),
        "cpu_median_ms": _ms(statistics.median(cpu)),
        "per_question_median_ms": {k: _ms(statistics.median(v))
                                   for k, v in per_question.items()},
    }


def _cpu(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _corpus(root: Path, n: int) -> Path:
    from newsmap.synth import generate_archive

    folder = root / f"synth-{n}"
    marker = folder / ".synth.json"
    wanted = {"articles": n, "seed": 14,
              "generator": (REPO / "newsmap" / "synth.py").stat().st_size}
    if not (marker.exists() and json.loads(marker.read_text()) == wanted):
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        generate_archive(folder, n, seed=14)
        marker.write_text(json.dumps(wanted))
    return folder


def _build(db: str, data: Path) -> dict[str, Any]:
    from newsmap.stores import open_store_at

    store = open_store_at(db, readonly=False)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        report = store.build(data)
        return {"seconds": round(time.perf_counter() - started, 1),
                "cpu_s_this_process": round(time.process_time() - cpu, 1),
                "summary": report.summary()}
    finally:
        store.close()


def _server_processes(folder: Path) -> list[psutil.Process]:
    """The PostgreSQL server's processes (postmaster and its children)."""
    pid_file = folder / "data" / "postmaster.pid"
    postmaster = psutil.Process(int(pid_file.read_text().split()[0]))
    return [postmaster, *postmaster.children(recursive=True)]


def run_size(n: int, root: Path, backends: list[str],
             pg_folder: Path | None = None) -> dict[str, Any]:
    """Build ``n`` articles into each backend and time year changes on them (on PostgreSQL,
    with ``pg_folder``: the database ``capacity`` of the server running there, as
    ``bench/capacity_build.py --keep`` leaves it)."""
    import psycopg

    from newsmap import query
    from newsmap.store import connect
    from newsmap.stores import open_store_at, pg_query
    from newsmap.stores.pg_local import start_server

    out: dict[str, Any] = {"load_average_start": list(os.getloadavg())}
    needs_corpus = pg_folder is None or "sqlite" in backends
    data = _corpus(root, n) if needs_corpus else root
    for backend in backends:
        started = datetime.now(UTC).isoformat(timespec="seconds")
        if backend == "sqlite":
            db_path = root / f"store-{n}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            build = _build(str(db_path), data)
            store = open_store_at(str(db_path))
            conn = connect(db_path, readonly=True)
            server: list[psutil.Process] = []
            result = {"store": store, "conn": conn, "module": query}
            pg = None
        elif pg_folder is not None:
            port = int((pg_folder / "data" / "postmaster.pid").read_text().splitlines()[3])
            url = f"postgresql://postgres@127.0.0.1:{port}/capacity"
            build = {"note": f"built by bench/capacity_build.py into {pg_folder}"}
            store = open_store_at(url)
            conn = psycopg.connect(url, autocommit=True)
            server = _server_processes(pg_folder)
            result = {"store": store, "conn": conn, "module": pg_query}
            pg = None
        else:
            pg = start_server(root / f"pg-{n}", durable=True)
            url = pg.create_database("newsmap_year_change")
            build = _build(url, data)
            store = open_store_at(url)
            conn = psycopg.connect(url, autocommit=True)
            server = _server_processes(pg.folder)
            result = {"store": store, "conn": conn, "module": pg_query}
        try:
            for warm in questions(store, None, None).values():  # first query of each kind
                warm(query.Filters(years=(1990, 1991)))
            stats = store.store_stats()
            out[backend] = {
                "started": started,
                "build": build,
                "articles": stats["articles"], "events": stats["events"],
                "summary_tables": measure(questions(store, None, None), server),
                "detailed_queries": measure(questions(result["module"], conn, False), server),
            }
        finally:
            store.close()
            conn.close()
            if pg is not None:
                pg.stop()
    out["load_average_end"] = list(os.getloadavg())
    return out


def scaled_store(root: Path, n: int, copies: int) -> tuple[Path, int]:
    """The SQLite store of ``n`` articles (from an earlier run) copied ``copies`` times over;
    returns its path and its number of articles."""
    import shutil
    import sqlite3

    from newsmap import summaries

    source = root / f"store-{n}.db"
    if not source.exists():
        raise SystemExit(f"{source} is missing: run --sizes {n} first")
    target = root / f"store-{n * copies}-scaled.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        last = conn.execute("SELECT MAX(pk) FROM articles").fetchone()[0]
        with conn:
            for copy in range(1, copies):
                tag, shift = f"~c{copy}", copy % 10 - 4
                conn.execute(
                    "INSERT INTO articles (id, title, body, published, published_precision,"
                    " published_year, url, outlet, authors, topics, curated_countries, synthetic,"
                    " source_path, content_hash, sample) SELECT id || ?, title,"
                    " substr(body, 1, 400), published, published_precision, published_year, url,"
                    " outlet, authors, topics, curated_countries, synthetic, source_path || ?,"
                    " content_hash, sample FROM articles WHERE pk <= ?", (tag, tag, last))
                original = "article_id NOT LIKE '%~%'"
                conn.execute(
                    "INSERT INTO country_tags SELECT article_id || ?, iso3, name, salience,"
                    f" is_primary, mentions, evidence FROM country_tags WHERE {original}", (tag,))
                conn.execute(
                    "INSERT INTO places (article_id, name, iso3, lat, lon, evidence)"
                    f" SELECT article_id || ?, name, iso3, lat, lon, evidence FROM places"
                    f" WHERE {original}", (tag,))
                conn.execute(
                    "INSERT INTO regions SELECT article_id || ?, name, evidence FROM regions"
                    f" WHERE {original}", (tag,))
                conn.execute(
                    "INSERT INTO events (article_id, date, precision, year_from, year_to,"
                    " sort_key, iso3, place, lat, lon, type, summary, uid)"
                    " SELECT article_id || ?, CASE WHEN date IS NULL THEN NULL ELSE"
                    "  printf('%04d', CAST(substr(date, 1, 4) AS INTEGER) + ?) || substr(date, 5)"
                    "  END, precision, year_from + ?, year_to + ?, CASE WHEN sort_key IS NULL"
                    "  THEN NULL ELSE printf('%04d', CAST(substr(sort_key, 1, 4) AS INTEGER) + ?)"
                    "  || substr(sort_key, 5) END, iso3, place, lat, lon, type, summary, uid || ?"
                    f" FROM events WHERE {original}", (tag, shift, shift, shift, shift, tag))
            summaries.rebuild(conn, "?")
            conn.execute("CREATE INDEX IF NOT EXISTS events_by_point_date ON events(lat, lon,"
                         " type, sort_key)")  # as migration step 9 makes it
        conn.execute("ANALYZE")
        count = int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        conn.close()
    return target, count


_PG_TABLES = {
    "articles": "pk, id, title, body, published, published_precision, published_year, url,"
                " outlet, authors, topics, curated_countries, synthetic, source_path,"
                " content_hash, sample",
    "country_tags": "article_id, iso3, name, salience, is_primary, mentions, evidence",
    "places": "pk, article_id, name, iso3, lat, lon, evidence",
    "events": "pk, article_id, date, precision, year_from, year_to, sort_key, iso3, place, lat,"
              " lon, type, summary, uid",
    "regions": "article_id, name, evidence",
    "meta": "key, value",
}


def copy_to_postgres(db_path: Path, url: str) -> None:
    """The SQLite store's rows copied into a new PostgreSQL store, summaries filled."""
    import sqlite3

    import psycopg

    from newsmap import summaries
    from newsmap.stores.postgres import PostgresStore

    PostgresStore(url, migrate=True).close()
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        with psycopg.connect(url) as conn, conn.transaction():
            for table, columns in _PG_TABLES.items():
                with conn.cursor() as cur, cur.copy(
                        f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in source.execute(f"SELECT {columns} FROM {table}"):
                        copy.write_row(row)
            with conn.cursor() as cur:
                summaries.rebuild(cur, "%s")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
    finally:
        source.close()


def run_scaled(n: int, copies: int, root: Path) -> dict[str, Any]:
    """Year changes on the scaled store (see the module's docstring), both backends."""
    import psycopg

    from newsmap import query
    from newsmap.store import connect
    from newsmap.stores import open_store_at, pg_query
    from newsmap.stores.pg_local import start_server

    out: dict[str, Any] = {"load_average_start": list(os.getloadavg()),
                           "scaled_from": {"articles": n, "copies": copies}}
    started = time.perf_counter()
    db_path, count = scaled_store(root, n, copies)
    out["sqlite_scaling_s"] = round(time.perf_counter() - started, 1)
    pg = start_server(root / f"pg-{n * copies}", durable=True)
    try:
        url = pg.create_database("newsmap_year_change")
        started = time.perf_counter()
        copy_to_postgres(db_path, url)
        out["postgresql_copy_s"] = round(time.perf_counter() - started, 1)
        for backend, db in (("sqlite", str(db_path)), ("postgresql", url)):
            store = open_store_at(db)
            conn: Any = (psycopg.connect(url, autocommit=True) if backend == "postgresql"
                         else connect(db_path, readonly=True))
            module: Any = pg_query if backend == "postgresql" else query
            server = _server_processes(pg.folder) if backend == "postgresql" else []
            try:
                for warm in questions(store, None, None).values():
                    warm(query.Filters(years=(1990, 1991)))
                stats = store.store_stats()
                out[backend] = {
                    "started": datetime.now(UTC).isoformat(timespec="seconds"),
                    "articles": stats["articles"], "events": stats["events"],
                    "summary_tables": measure(questions(store, None, None), server),
                    "detailed_queries": measure(questions(module, conn, False), server),
                }
            finally:
                store.close()
                conn.close()
    finally:
        pg.stop()
    assert count == n * copies
    out["load_average_end"] = list(os.getloadavg())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])
    parser.add_argument("--scaled", type=int, nargs=2, metavar=("N", "COPIES"),
                        help="measure N x COPIES articles copied from the N-article store")
    parser.add_argument("--root", type=Path, default=Path("/tmp/newsmap-year-change"))
    parser.add_argument("--pg-folder", type=Path, default=None,
                        help="measure the built store of the PostgreSQL server running there")
    parser.add_argument("--merge", action="store_true",
                        help="keep the sizes already in the results file")
    parser.add_argument("--note", default="shared 2-core machine: other helpers' tests and "
                        "benchmarks ran at the same time (see the load averages)")
    args = parser.parse_args(argv)
    args.root.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    if args.merge and RESULTS.exists():
        results = json.loads(RESULTS.read_text())
    results["method"] = __doc__
    results["machine"] = {"cores": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()}
    sizes = results.setdefault("sizes", {})
    if args.scaled:
        n, copies = args.scaled
        key = f"{n * copies}-scaled"
        sizes[key] = run_scaled(n, copies, args.root)
        sizes[key]["date"] = datetime.now(UTC).isoformat(timespec="seconds")
        sizes[key]["note"] = args.note
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        for backend in ("sqlite", "postgresql"):
            got = sizes[key][backend]
            print(f"{key} {backend:<10} year change: summary tables "
                  f"{got['summary_tables']['median_ms']} ms (cpu "
                  f"{got['summary_tables']['cpu_median_ms']} ms), detailed "
                  f"{got['detailed_queries']['median_ms']} ms", file=sys.stderr)
        return 0
    for n in args.sizes:
        sizes[str(n)] = run_size(n, args.root, args.backends, args.pg_folder)
        sizes[str(n)]["date"] = datetime.now(UTC).isoformat(timespec="seconds")
        sizes[str(n)]["note"] = args.note
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        for backend in args.backends:
            got = sizes[str(n)][backend]
            print(f"{n:>7,} {backend:<10} year change: summary tables "
                  f"{got['summary_tables']['median_ms']} ms (cpu "
                  f"{got['summary_tables']['cpu_median_ms']} ms), detailed "
                  f"{got['detailed_queries']['median_ms']} ms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
