"""``newsmap build`` after one changed file, as a command, and the gazetteer index behind it.

    python bench/incremental_build.py --articles 10000   # -> bench/results/incremental_build.json
    python bench/incremental_build.py --articles 100000 --data /tmp/q100/data --db /tmp/q100/q.db \
        --skip-index --skip-full-build --cache ~/.cache/newsmap   # an existing, built corpus

Steps, on a synthetic archive written by ``newsmap synth`` (seed 0) under ``bench/work/``:

1. gazetteer index, each in a fresh process: the index of the code in ``--old`` (a checkout
   without the disk cache, default ``/work/main`` when present) built in memory; the new index
   built with an empty cache folder (and written there); then loaded from that cache. Each
   records seconds and the process's RSS growth (``/proc/self/statm``);
2. a full build into a new store (``python -m newsmap.cli build``; articles/s from the build's
   own summary line) with the workers it chooses (one per CPU);
3. ``--runs`` times: append a line to one article file and run the same command again; its wall
   time is what a user waits (interpreter start, imports, scan of every file's stat, the one
   file tagged and stored); its CPU time (user + system) and the load average before it are
   recorded too, steadier figures on a shared machine. A build with nothing changed is timed too;
4. where the time goes in one such build (wall and CPU of each phase): the imports before the
   survey forks, a scan without the store's file index and the corpus signature, the survey
   itself (scan against the file index, plan) as the forked process runs it (with the CPU
   time of the helper that scans half of the folders on three cores or more), the build's own
   imports, the tagger's import and gazetteer load (overlapped with the survey in a command),
   and the tagger fingerprint; ``-X importtime`` of ``newsmap.cli`` and ``newsmap.build``.

The cache folder is ``bench/work/cache`` (``NEWSMAP_CACHE_DIR``) so runs do not touch the user's.
Compiled modules are kept under ``bench/work/pycache`` (``PYTHONPYCACHEPREFIX``) even where the
environment says PYTHONDONTWRITEBYTECODE, as an installed newsmap or a checkout run once has
them; ``--no-bytecode-cache`` measures commands that compile every module from source.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULT = REPO / "bench" / "results" / "incremental_build.json"
WORK = REPO / "bench" / "work"
_SUMMARY = re.compile(
    r"added (\d+), updated (\d+), removed (\d+), unchanged (\d+), rejected (\d+) \(([\d.]+) s\)"
)

_INDEX_PROBE = """
import json, os, sys, time
def rss():
    return int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 1e6
import newsmap.geo.gazetteer as g
before, started = rss(), time.perf_counter()
gazetteer = g.load_gazetteer()
seconds = time.perf_counter() - started
print(json.dumps({"seconds": round(seconds, 3), "rss_mb": round(rss() - before, 1),
                  "names": len(gazetteer)}))
"""

_PHASES_PROBE = """
import json, os, sys, time
from pathlib import Path

def clock():  # this process and its reaped children (the survey's helper)
    times = os.times()
    return time.perf_counter(), (times.user + times.system + times.children_user
                                 + times.children_system)

def since(start):
    now = clock()
    return {"wall": round(now[0] - start[0], 3), "cpu": round(now[1] - start[1], 3)}

out = {}
t = clock()
import newsmap.cli, newsmap.survey
out["imports_before_the_fork"] = since(t)
from newsmap.buildplan import scan_sources, scans_signature
from newsmap.sources import sources_for
t = clock()
scans = scan_sources(sources_for(Path(sys.argv[1]).resolve()))
out["scan_without_index"] = since(t)
t = clock()
scans_signature(scans)
out["signature"] = since(t)
out["files"] = sum(len(scan.items) for _, scan in scans)
if len(sys.argv) > 2 and Path(sys.argv[2]).exists():
    from newsmap.survey import _survey_read_only
    for run in range(2):
        t = clock()
        found = _survey_read_only(Path(sys.argv[1]).resolve(), Path(sys.argv[2]))
        out[f"survey_with_index_{run}"] = since(t)
    out["survey_used_the_index"] = found is not None and found.index is not None
t = clock()
import newsmap.build
out["build_imports_in_parent"] = since(t)
t = clock()
import newsmap.tagging
out["tagger_import"] = since(t)
t = clock()
from newsmap.geo import load_gazetteer
load_gazetteer()
out["gazetteer_load"] = since(t)
t = clock()
newsmap.build.tagger_fingerprint()
out["tagger_fingerprint"] = since(t)
print(json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old", type=Path, default=Path("/work/main"),
                        help="a checkout with the previous (uncached) gazetteer, if any "
                        "(e.g. git archive 3885e42 newsmap geo | tar -x -C /tmp/old)")
    parser.add_argument("--skip-full-build", action="store_true",
                        help="reuse the store of an earlier run (its full build is not timed)")
    parser.add_argument("--skip-index", action="store_true",
                        help="do not rebuild and time the gazetteer index (step 1)")
    parser.add_argument("--index-only", action="store_true",
                        help="measure only the gazetteer index (step 1)")
    parser.add_argument("--phases-only", action="store_true",
                        help="write the archive if needed and measure only step 4 (no build)")
    parser.add_argument("--data", type=Path,
                        help="an existing corpus of --articles files (with --db: its store, "
                        "built; e.g. /tmp/q100/data); the default writes one under bench/work")
    parser.add_argument("--db", type=Path, help="the store of --data")
    parser.add_argument("--cache", type=Path, default=WORK / "cache",
                        help="the gazetteer cache folder (NEWSMAP_CACHE_DIR) the builds use; "
                        "one already filled avoids building the index in the first build")
    parser.add_argument("--key", help="the results key (default: the number of articles)")
    parser.add_argument("--note", help="what else ran on the machine meanwhile")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="instead of the usual runs, alternate one-changed-file commands of "
                        "this checkout and of CHECKOUT (--runs each), setting the store's "
                        "tagger_version to each one's fingerprint before its run (a scratch "
                        "store: no re-tagging of everything when their tagger code differs)")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="run the commands as with PYTHONDONTWRITEBYTECODE=1 and no cached "
                        "bytecode: every newsmap module compiled from source in every command "
                        "(the default keeps compiled modules under bench/work/pycache, as an "
                        "installed or once-run checkout has them in __pycache__)")
    args = parser.parse_args(argv)

    folder = WORK / f"incremental-{args.articles}"
    data, db, cache = folder / "data", folder / "store" / "newsmap.db", WORK / "cache"
    if args.data is not None:
        data, db = args.data.resolve(), (args.db or db).resolve()
    cache = args.cache.resolve()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSMAP_CACHE_DIR": str(cache)}
    if args.no_bytecode_cache:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:  # compiled once, by the first command, and reused as Python does by default
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    result: dict[str, Any] = {"articles": args.articles, "cpus": os.cpu_count(),
                              "python": platform.python_version(),
                              "bytecode_cache": not args.no_bytecode_cache,
                              "load_average_start": os.getloadavg(),
                              "note": "measured on a 2-core machine shared with other work "
                                      "(see the load averages); CPU times are steadier"}

    if args.phases_only:
        if not data.exists():
            _run([sys.executable, "-m", "newsmap.cli", "synth", "--articles",
                  str(args.articles), "--out", str(data)], env)
        result["phases"] = json.loads(_run([sys.executable, "-c", _PHASES_PROBE, str(data)],
                                           env))
        result["imports_ms"] = _import_ms(env)
        result["load_average"] = os.getloadavg()
        _say(json.dumps(result, indent=2))
        _save(f"{args.articles}_phases_only", result)
        return 0
    if not args.skip_index:
        result["gazetteer"] = _index_costs(args.old, cache, env)
        result["gazetteer"]["load_average"] = os.getloadavg()
        _say(f"gazetteer: {result['gazetteer']}")
    if args.index_only:
        _save("gazetteer_index", result["gazetteer"])
        return 0
    if not data.exists():
        _run([sys.executable, "-m", "newsmap.cli", "synth", "--articles", str(args.articles),
              "--out", str(data)], env)
    if not args.skip_full_build or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        full = _build(data, db, env)
        result["full_build"] = {"seconds": full["seconds"],
                                "articles_per_s": round(full["tagged"] / full["seconds"], 1),
                                "cpu_seconds": round(full["cpu"], 1),
                                "articles_per_cpu_s": round(full["tagged"] / full["cpu"], 1)}
        _say(f"full build: {result['full_build']}")
    _build(data, db, env)  # settle: records file stats the first build could not trust yet

    target = min((data / "articles").rglob("*.md") if (data / "articles").is_dir()
                 else data.rglob("*.md"))
    if args.against is not None:
        result["alternated"] = _alternate(args.against.resolve(), data, db, target, env,
                                          args.runs)
        result["load_average"] = os.getloadavg()
        if args.note:
            result["note"] = args.note
        _say(json.dumps(result, indent=2))
        _save(args.key or f"{args.articles}_alternated", result)
        return 0
    runs, loads = [], []
    for run in range(args.runs):
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAn editor's note was added to this article (revision {run}).\n")
        time.sleep(2.1)  # the edit is then old enough for its signature to be trusted
        loads.append(round(os.getloadavg()[0], 2))
        outcome = _build(data, db, env)
        if outcome["tagged"] != 1:
            _say(f"warning: {outcome['tagged']} files re-tagged, not 1")
        runs.append(outcome)
    unchanged_loads = []
    unchanged_runs = []
    for _ in range(max(1, args.runs // 2)):
        unchanged_loads.append(round(os.getloadavg()[0], 2))
        unchanged_runs.append(_build(data, db, env))
    unchanged = [run["wall"] for run in unchanged_runs]
    result["one_changed_file_command_s"] = _summary(runs)
    result["one_changed_file_command_s"]["load_1min_before_each_run"] = loads
    result["no_change_command_s"] = round(statistics.median(unchanged), 3)
    result["no_change_command_cpu_s"] = round(
        statistics.median(run["cpu"] for run in unchanged_runs), 3)
    result["no_change_runs"] = [{"wall": round(run["wall"], 3), "cpu": round(run["cpu"], 3),
                                 "load_1min_before": load}
                                for run, load in zip(unchanged_runs, unchanged_loads, strict=True)]
    if args.note:
        result["note"] = args.note
    result["phases"] = json.loads(
        _run([sys.executable, "-c", _PHASES_PROBE, str(data), str(db)], env))
    result["imports_ms"] = _import_ms(env)
    result["load_average"] = os.getloadavg()
    result["critical_path_cpu_s"] = _critical_path(result["phases"])
    _say(json.dumps(result, indent=2))

    _save(args.key or str(args.articles), result)
    return 0


def _alternate(other: Path, data: Path, db: Path, target: Path, env: dict[str, str],
               runs: int) -> dict[str, Any]:
    """``runs`` one-changed-file commands of this checkout and of ``other``, alternated."""
    checkouts = {"this": REPO, str(other): other}
    envs = {name: {**env, "PYTHONPATH": str(path)} for name, path in checkouts.items()}
    prints = {name: _run([sys.executable, "-c", "from newsmap.survey import tagger_fingerprint"
                          " as f; print(f())"], envs[name], cwd=path)
              for name, path in checkouts.items()}
    found: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    for run in range(runs):
        for name in checkouts:
            with sqlite3.connect(db) as conn:
                conn.execute("UPDATE meta SET value = ? WHERE key = 'tagger_version'",
                             (prints[name],))
            conn.close()
            with target.open("a", encoding="utf-8") as handle:
                handle.write(f"\nAn editor's note was added ({name}, revision {run}).\n")
            time.sleep(2.1)
            load = round(os.getloadavg()[0], 2)
            outcome = _build(data, db, envs[name], checkouts[name])
            if outcome["tagged"] != 1:
                _say(f"warning: {outcome['tagged']} files re-tagged, not 1")
            found[name].append({"wall": round(outcome["wall"], 3),
                                "cpu": round(outcome["cpu"], 3), "load_1min_before": load})
    return {name: {"wall_median": round(statistics.median(r["wall"] for r in rows), 3),
                   "wall_best": min(r["wall"] for r in rows),
                   "cpu_median": round(statistics.median(r["cpu"] for r in rows), 3),
                   "runs": rows}
            for name, rows in found.items()}


def _critical_path(phases: dict[str, Any]) -> dict[str, Any]:
    """The seconds of the longer of the command's two parallel paths, from the phases: what
    its wall time comes to on an otherwise idle 2-core machine (before tagging the one file,
    writing and committing, a few hundredths more). The survey's path is its wall time (two
    processes), the others their CPU time."""
    survey = phases.get("survey_with_index_1", {}).get("wall", 0.0)
    parent = sum(phases[name]["cpu"] for name in
                 ("build_imports_in_parent", "tagger_import", "gazetteer_load"))
    before = phases["imports_before_the_fork"]["cpu"]
    return {"before_the_fork": before, "survey_in_the_child": survey,
            "parent_meanwhile": round(parent, 3),
            "estimate": round(before + max(survey, parent), 3),
            "note": "an estimate from the phases' CPU times and the survey's wall time "
                    "(interpreter start not included)"}


def _save(key: str, value: Any) -> None:
    """Write ``value`` under ``key`` in the results file, keeping the other keys."""
    existing: dict[str, Any] = {}
    if RESULT.exists():
        existing = json.loads(RESULT.read_text(encoding="utf-8"))
    existing[key] = value
    RESULT.write_text(json.dumps(existing, indent=2) + "\n", encoding="utf-8")


def _index_costs(old: Path, cache: Path, env: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if (old / "newsmap" / "geo" / "gazetteer.py").exists():
        out["old_build_in_memory"] = json.loads(
            _run([sys.executable, "-c", _INDEX_PROBE], {**env, "PYTHONPATH": str(old)}, cwd=old)
        )
    for stale in cache.glob("*"):
        stale.unlink()
    out["new_build_and_cache"] = json.loads(_run([sys.executable, "-c", _INDEX_PROBE], env))
    out["new_load_from_cache"] = json.loads(_run([sys.executable, "-c", _INDEX_PROBE], env))
    out["cache_files_mb"] = {p.name.split("-")[0]: round(p.stat().st_size / 1e6, 1)
                             for p in cache.glob("*") if not p.name.endswith(".tmp")}
    return out


def _summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    walls, cpus = [run["wall"] for run in runs], [run["cpu"] for run in runs]
    return {"median": round(statistics.median(walls), 3), "best": round(min(walls), 3),
            "runs": [round(w, 3) for w in walls],
            "cpu_median": round(statistics.median(cpus), 3),
            "cpu_runs": [round(c, 3) for c in cpus]}


def _build(data: Path, db: Path, env: dict[str, str], cwd: Path = REPO) -> dict[str, float]:
    """One ``newsmap build`` command run in ``cwd`` (``python -m`` imports newsmap from there
    before PYTHONPATH): its wall and CPU time and how many files it tagged."""
    command = [sys.executable, "-m", "newsmap.cli", "build", "--data", str(data), "--db",
               str(db), "--quiet"]
    started, cpu_before = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    match = _SUMMARY.search(done.stdout)
    if done.returncode not in (0, 1) or match is None:
        raise RuntimeError(f"build failed: {done.stdout}\n{done.stderr[-2000:]}")
    return {"wall": wall, "cpu": cpu, "seconds": float(match.group(6)),
            "tagged": int(match.group(1)) + int(match.group(2))}


def _children_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _import_ms(env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import newsmap.cli, newsmap.build"], env=env, capture_output=True,
                          text=True, check=True)
    cumulative: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            cumulative[parts[2]] = int(parts[1]) / 1000
    heavy = ("pandas", "geopandas", "folium", "shapely", "numpy")
    return {"newsmap.cli+build": round(cumulative.get("newsmap.build", 0.0)
                                       + cumulative.get("newsmap.cli", 0.0), 1),
            **{f"{name} (must be absent)": cumulative[name] for name in heavy
               if name in cumulative}}


def _run(command: list[str], env: dict[str, str], cwd: Path = REPO) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed: {done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
