"""Crash safety, full run: kill ``newsmap build`` with SIGKILL at 20 spread-out random moments.

    .venv/bin/python bench/crash.py                 # 20 kills, 2,000 articles
    .venv/bin/python bench/crash.py --kills 5 --articles 600

Each trial starts from a store of corpus version 1, runs a build of version 2 (a third of the
files changed, some deleted, some added; every fourth trial with ``--rebuild``), kills it, then
checks that the store opens read-only as the app opens it, passes ``PRAGMA integrity_check``,
the FTS5 integrity check and the foreign-key check, holds exactly version 1 or version 2 (titles,
hashes, tags and full-text index agree), and that the next build completes to version 2.
Worker processes left by the killed build are counted too. Writes ``bench/results/crash.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.reliability.storekit import KillTrial, crash_trials  # noqa: E402

RESULTS = REPO / "bench" / "results" / "crash.json"


def main() -> int:
    """Run the kill trials and write their JSON results; non-zero exit if any check failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=250)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    failure = None
    trials: list[KillTrial] = []
    full_seconds = 0.0
    with tempfile.TemporaryDirectory(prefix="newsmap-crash-") as work:
        try:
            full_seconds, trials = crash_trials(Path(work), args.articles, args.kills,
                                                seed=args.seed, words=args.words)
        except AssertionError as error:
            failure = str(error)
    states = Counter(t.state for t in trials)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version()},
        "articles": args.articles,
        "kills_requested": args.kills,
        "uninterrupted_build_seconds": round(full_seconds, 2),
        "trials": len(trials),
        "killed_while_running": sum(t.killed for t in trials),
        "rebuild_trials": sum(t.rebuild for t in trials),
        "integrity_ok": sum(not t.problems for t in trials),
        "left_old_state": states.get("old", 0),
        "left_new_state": states.get("new", 0),
        "mixed_or_damaged": 0 if failure is None else 1,
        "next_build_completed": sum(t.next_build_rc == 0 and t.final_state == "new"
                                    for t in trials),
        "orphan_workers": sum(t.orphans for t in trials),
        "failure": failure,
        "each": [asdict(t) for t in trials],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "each"}, indent=2))
    return 0 if failure is None and len(trials) == args.kills else 1


if __name__ == "__main__":
    raise SystemExit(main())
