"""A full ``newsmap build`` into PostgreSQL (or, with ``--sqlite``, a new SQLite file): wall
time, CPU, and how many tagging processes ran.

    .venv/bin/python bench/capacity_build.py --data /tmp/newsmap-capacity/archive-10000 \\
        --label after-10000
    .venv/bin/python bench/capacity_build.py --data DIR --code /tmp/old-tree --label before

Starts a durable throwaway server in ``--pg`` (a new temporary folder by default), times the real
command into an empty database, polls the command's child processes (the tagging workers) every
0.2 s, and adds one run under ``--label`` to ``bench/results/capacity_build.json``. ``--code``
runs another checkout's ``newsmap`` (to measure before a change). ``--keep`` leaves the server
running with the built database (its URL is printed and kept in the JSON) for
``bench/capacity.py --pg-url``. CPU: the build process with its reaped workers (getrusage of
children); the PostgreSQL server's CPU is not counted. ``--sqlite PATH`` builds into a new
SQLite store at ``PATH`` instead (no server; every CPU second is the command's):

    .venv/bin/python bench/capacity_build.py --data /tmp/q100/data --sqlite /tmp/full.db \\
        --label sqlite-100000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsmap.stores.pg_local import start_server  # noqa: E402

RESULTS = REPO / "bench" / "results" / "capacity_build.json"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(data: Path, url: str, code: Path) -> dict[str, Any]:
    """Run ``newsmap build`` once; its wall and CPU seconds, rate and peak worker count."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    cpu_before = _children_cpu()
    load_start = list(os.getloadavg())
    began = time.perf_counter()
    build = subprocess.Popen([sys.executable, "-m", "newsmap.cli", "build", "--quiet",
                              "--data", str(data), "--db", url], env=env, cwd=code,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(build.pid)
    workers = 0
    while build.poll() is None:
        try:
            workers = max(workers, len(parent.children()))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
    out, err = build.communicate()
    wall = time.perf_counter() - began
    cpu = _children_cpu() - cpu_before
    articles = sum(1 for _ in data.rglob("*.md"))
    return {"returncode": build.returncode, "summary": out.strip(), "stderr": err.strip()[-400:],
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "articles_per_s_wall": round(articles / wall, 1) if articles else None,
            "tagging_processes_peak": workers,
            "load_average_start": load_start, "load_average_end": list(os.getloadavg())}


def main(argv: list[str] | None = None) -> int:
    """Run one build and add it to the JSON."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--code", type=Path, default=REPO)
    parser.add_argument("--pg", type=Path, default=None, help="server folder (must not exist)")
    parser.add_argument("--keep", action="store_true", help="leave the server running")
    parser.add_argument("--sqlite", type=Path, default=None,
                        help="build into this new SQLite file instead (must not exist)")
    parser.add_argument("--note", default="")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.sqlite is not None:
        if args.sqlite.exists():
            parser.error(f"{args.sqlite} exists: a full build needs a new store")
        run = timed_build(args.data.resolve(), str(args.sqlite.resolve()), args.code.resolve())
        run["store"] = "sqlite"
    else:
        folder = args.pg or Path(tempfile.mkdtemp(prefix="newsmap-pgbuild-"))
        server = start_server(folder, durable=True)
        try:
            url = server.create_database("capacity")
            run = timed_build(args.data.resolve(), url, args.code.resolve())
        finally:
            if not args.keep:
                server.stop()
    run.update({"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "data": str(args.data), "code": str(args.code), "cores": psutil.cpu_count(),
                "note": args.note or "shared 2-core machine: other helpers' work ran meanwhile"})
    if args.keep and args.sqlite is None:
        run["server"] = {"url": url, "folder": str(folder)}
    print(json.dumps(run, indent=2), flush=True)
    results = json.loads(args.out.read_text()) if args.out.exists() else {"runs": {}}
    results["runs"][args.label] = run
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0 if run["returncode"] in (0, 1) else 2


if __name__ == "__main__":
    raise SystemExit(main())
