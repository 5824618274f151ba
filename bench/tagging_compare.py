"""Tagging speed of two source trees side by side, for a speed change on a shared machine.

Each tree's tagger runs in its own process (``PYTHONPATH`` cleared, the tree first on
``sys.path``), pinned to the same CPU; the two take turns tagging the same ~650-word ``long``
articles of ``bench/tagging_speed.py``, ``--rounds`` times each, so that whatever else runs on
the machine slows both alike. Reported per tree: the CPU-time rate of every round
(``time.process_time``), its median and best, and the ratio of the medians.

With ``--instructions`` each tree is also run under ``valgrind --tool=callgrind`` (when
installed): the instructions executed per article (the difference between a run that tags
``--instruction-articles`` articles and one that tags none, after the same warm-up). The count
does not depend on the machine's load, so it settles what timings on a busy machine cannot.

The base tree is any checkout of the code to compare with, e.g.
``git archive main newsmap bench geo tests/data | tar -x -C /tmp/base``. Writes
``bench/results/tagging_speed_compare.json``. Run:
``.venv/bin/python bench/tagging_compare.py --base /tmp/base [--instructions]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULT = REPO / "bench" / "results" / "tagging_speed_compare.json"

# The worker: load a tree's tagger, warm it up, then tag the long articles once per line read.
_WORKER = r"""
import os, sys, time
root, cpu, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.path.insert(0, root)
if cpu >= 0 and hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {cpu})
from bench.tagging_speed import load_gold, long_articles
from newsmap.tagging import tag_article
import newsmap
assert os.path.realpath(newsmap.__file__).startswith(os.path.realpath(root)), newsmap.__file__
gold = load_gold()
for article in gold[:12]:
    tag_article(article)
articles = long_articles(gold, count)
if len(sys.argv) > 4:  # instruction count: tag the first N articles once and stop
    for article in articles[: int(sys.argv[4])]:
        tag_article(article)
    raise SystemExit(0)
print("ready", flush=True)
for _ in sys.stdin:
    start = time.process_time()
    for article in articles:
        tag_article(article)
    print(len(articles) / (time.process_time() - start), flush=True)
"""


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def alternate(trees: dict[str, Path], rounds: int, count: int, cpu: int) -> dict[str, list[float]]:
    """Articles per CPU second of each tree, round by round, the trees taking turns."""
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "worker.py"
        script.write_text(_WORKER, encoding="utf-8")
        procs = {
            name: subprocess.Popen(
                [sys.executable, str(script), str(root), str(cpu), str(count)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=scratch,
                env=_clean_env(),
            )
            for name, root in trees.items()
        }
        rates: dict[str, list[float]] = {name: [] for name in trees}
        try:
            for proc in procs.values():
                if proc.stdout is None or proc.stdout.readline().strip() != "ready":
                    raise RuntimeError("a tagger process did not start")
            for _ in range(rounds):
                for name, proc in procs.items():
                    if proc.stdin is None or proc.stdout is None:
                        raise RuntimeError("a tagger process has no pipes")
                    proc.stdin.write("go\n")
                    proc.stdin.flush()
                    rates[name].append(float(proc.stdout.readline()))
        finally:
            for proc in procs.values():
                if proc.stdin is not None:
                    proc.stdin.close()
                proc.wait()
    return rates


def instructions(root: Path, articles: int) -> int | None:
    """Instructions executed per long article by ``root``'s tagger (callgrind), or None."""
    if shutil.which("valgrind") is None:
        return None
    totals = []
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "worker.py"
        script.write_text(_WORKER, encoding="utf-8")
        for n in (0, articles):
            out = Path(scratch) / f"callgrind.{n}"
            run = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={out}",
                    sys.executable,
                    str(script),
                    str(root),
                    "-1",
                    str(articles),
                    str(n),
                ],
                capture_output=True,
                text=True,
                cwd=scratch,
                env=_clean_env(),
                check=True,
            )
            collected = [line for line in run.stderr.splitlines() if "Collected :" in line]
            totals.append(int(collected[-1].split(":")[-1].strip().replace(",", "")))
    return (totals[1] - totals[0]) // articles


def main(argv: list[str] | None = None) -> int:
    """Compare the two trees, print the figures, write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the tree to compare with")
    parser.add_argument("--new", type=Path, default=REPO, help="the changed tree (default: this)")
    parser.add_argument("--rounds", type=int, default=12, help="turns each tree takes")
    parser.add_argument("--articles", type=int, default=100, help="long articles per turn")
    parser.add_argument("--cpu", type=int, default=0, help="the CPU both are pinned to")
    parser.add_argument("--instructions", action="store_true", help="also count instructions")
    parser.add_argument("--instruction-articles", type=int, default=30)
    parser.add_argument("--note", default="", help="recorded in the JSON (e.g. other work running)")
    parser.add_argument("--out", type=Path, default=RESULT, help="where to write the JSON")
    args = parser.parse_args(argv)
    trees = {"base": args.base.resolve(), "new": args.new.resolve()}
    load_before = os.getloadavg()
    rates = alternate(trees, args.rounds, args.articles, args.cpu)
    result: dict[str, Any] = {
        "python": sys.version.split()[0],
        "note": args.note,
        "articles_per_round": args.articles,
        "rounds": args.rounds,
        "pinned": f"cpu {args.cpu}",
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    for name, root in trees.items():
        result[name] = {
            "tree": str(root),
            "articles_per_cpu_second": [round(r, 1) for r in rates[name]],
            "median": round(statistics.median(rates[name]), 1),
            "best": round(max(rates[name]), 1),
        }
    result["median_ratio"] = round(result["new"]["median"] / result["base"]["median"], 3)
    if args.instructions:
        counts = {
            name: instructions(root, args.instruction_articles) for name, root in trees.items()
        }
        if counts["base"] and counts["new"]:
            result["instructions_per_article"] = counts
            result["instruction_ratio"] = round(counts["new"] / counts["base"], 3)
    for name in trees:
        r = result[name]
        print(f"{name:<4} median {r['median']:>6} best {r['best']:>6} articles per CPU second")
    print(f"new/base median ratio {result['median_ratio']}")
    if "instructions_per_article" in result:
        print(
            f"instructions per article {result['instructions_per_article']}, "
            f"ratio {result['instruction_ratio']}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
