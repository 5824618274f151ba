"""Citation and event exports at archive scale: each format written by the ``newsmap export``
command (timed as a user runs it, process start included) and read back by an independent
reader (jsonschema with the CSL schema, rispy, bibtexparser, pandas, geopandas).

Runs on the seed corpus (``data/``) and on a synthetic archive (``newsmap synth``, default
10,000 articles), built with ``newsmap build``. Writes ``bench/results/exports.json``.
Run: ``.venv/bin/python bench/exports.py [--articles 10000] [--work DIR]``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULT = REPO / "bench" / "results" / "exports.json"
SCHEMA = REPO / "tests" / "research" / "csl-data.schema.json"
LIMIT_SECONDS = 10.0


_CPU: list[float] = [0.0]
"""CPU seconds (user + system) of the last command: on a shared, busy machine the wall time
waits for other work, the CPU time does not."""


def _newsmap(*args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newsmap.cli", *args], cwd=REPO, env=env,
                          capture_output=True, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    _CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"newsmap {' '.join(args)} failed:\n{done.stderr.decode()[-2000:]}")
    return seconds


def _read_csl(path: Path) -> int:
    import jsonschema

    items = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(items, json.loads(SCHEMA.read_text()))
    return len(items)


def _read_ris(path: Path) -> int:
    import rispy

    return len(rispy.loads(path.read_text(encoding="utf-8")))


def _read_bibtex(path: Path) -> int:
    from bibtexparser import parse_string

    library = parse_string(path.read_text(encoding="utf-8"))
    if library.failed_blocks:
        raise ValueError(f"{len(library.failed_blocks)} BibTeX blocks failed to parse")
    return len(library.entries)


def _read_csv(path: Path) -> int:
    import pandas as pd

    return len(pd.read_csv(path, dtype=str, keep_default_na=False))


def _read_geojson(path: Path) -> int:
    import geopandas as gpd

    return len(gpd.read_file(io.BytesIO(path.read_bytes())))


def _read_geoparquet(path: Path) -> int:
    import geopandas as gpd

    return len(gpd.read_parquet(path))


FORMATS: list[tuple[str, str, str, Callable[[Path], int]]] = [
    ("citations", "csl", "citations.json", _read_csl),
    ("citations", "ris", "citations.ris", _read_ris),
    ("citations", "bibtex", "citations.bib", _read_bibtex),
    ("events", "acled-csv", "events.csv", _read_csv),
    ("events", "geojson", "events.geojson", _read_geojson),
    ("events", "geoparquet", "events.parquet", _read_geoparquet),
]


def measure(db: Path, out_dir: Path) -> list[dict[str, Any]]:
    """Export every format from ``db`` and read each back; one result per format."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for kind, fmt, name, reader in FORMATS:
        path = out_dir / name
        seconds = _newsmap("export", kind, "--format", fmt, "--db", str(db), "--out", str(path))
        started = time.perf_counter()
        try:
            rows, error = reader(path), None
        except Exception as problem:  # the bench reports any reader failure
            rows, error = 0, f"{type(problem).__name__}: {problem}"
        results.append({
            "export": kind, "format": fmt, "seconds": round(seconds, 2),
            "cpu_seconds": round(_CPU[0], 2),
            "under_limit": seconds < LIMIT_SECONDS, "bytes": path.stat().st_size,
            "records": rows, "read_back_seconds": round(time.perf_counter() - started, 2),
            "read_back_error": error,
        })
        print(f"  {kind:9} {fmt:10} {seconds:6.2f} s ({_CPU[0]:5.2f} s CPU)  "
              f"{path.stat().st_size:>12,} bytes  {rows:>7} records  "
              f"{'ok' if error is None else error}")
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the seed and the synthetic archive; write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--work", type=Path, help="working folder (kept; default: a temp dir)")
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="newsmap-exports-"))
    report: dict[str, Any] = {"limit_seconds": LIMIT_SECONDS, "cpus": os.cpu_count(),
                              "load_average_at_start": os.getloadavg()[0], "runs": []}
    seed_db = work / "seed" / "newsmap.db"
    _newsmap("build", "--data", str(REPO / "data"), "--db", str(seed_db), "--quiet")
    print("seed corpus")
    report["runs"].append({"corpus": "seed", "articles": 1,
                           "formats": measure(seed_db, work / "seed" / "out")})
    synth = work / f"synth-{args.articles}"
    synth_db = synth / "newsmap.db"
    if not synth_db.exists():
        shutil.rmtree(synth, ignore_errors=True)
        _newsmap("synth", "--articles", str(args.articles), "--out", str(synth / "data"))
        build_seconds = _newsmap("build", "--data", str(synth / "data"), "--db", str(synth_db),
                                 "--quiet")
        print(f"built {args.articles} synthetic articles in {build_seconds:.1f} s")
    print(f"synthetic archive of {args.articles} articles")
    report["runs"].append({"corpus": "synthetic", "articles": args.articles,
                           "formats": measure(synth_db, synth / "out")})
    report["all_read_back"] = all(f["read_back_error"] is None
                                  for run in report["runs"] for f in run["formats"])
    report["all_under_limit"] = all(f["under_limit"]
                                    for run in report["runs"] for f in run["formats"])
    report["load_average_at_end"] = os.getloadavg()[0]  # other work on a shared machine
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if report["all_read_back"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
