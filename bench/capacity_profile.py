"""Where a replica's CPU goes when it serves map clicks: cProfile inside the app process.

    .venv/bin/python bench/capacity_profile.py --db postgresql://... --data DIR --clicks 60
    .venv/bin/python bench/capacity_profile.py --db /tmp/store.db --data DIR --clicks 60

Starts one Streamlit replica of ``app.py`` whose script runs are profiled (this file, run with
``NEWSMAP_PROFILE_OUT`` set, is the process: it wraps Streamlit's script runner in cProfile and
then hands over to ``streamlit run``), opens one reader session with ``bench/wsclient.py``,
clicks ``--clicks`` random countries (after ``--warm`` clicks not profiled), and prints the
functions costing the most, cumulative and own time, with the replica's CPU per click
(psutil). The profile covers the script thread (the app's Python and the store's queries), not
the server thread that sends the messages.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PROFILE_ENV = "NEWSMAP_PROFILE_OUT"
"""Set in the replica this benchmark starts: where it writes its profile."""
PROFILE_GATE = "NEWSMAP_PROFILE_GATE"
"""A file whose presence turns profiling on (the warm-up clicks run before it exists)."""


def _serve_profiled(argv: list[str]) -> None:
    """Run ``streamlit run`` in this process with every script run profiled."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    out = Path(os.environ[PROFILE_ENV])
    gate = Path(os.environ[PROFILE_GATE])
    profile = cProfile.Profile(time.thread_time)  # CPU of the script thread, not wall time
    original = script_runner.ScriptRunner._run_script

    def run_script(self: Any, rerun_data: Any) -> None:
        if not gate.exists():
            original(self, rerun_data)
            return
        profile.enable()
        try:
            original(self, rerun_data)
        finally:
            profile.disable()
            profile.dump_stats(out)

    script_runner.ScriptRunner._run_script = run_script  # type: ignore[method-assign]
    _time_collections(out.with_suffix(".gc"), gate)
    sys.argv = ["streamlit", *argv]
    cli.main()


def _time_collections(out: Path, gate: Path) -> None:
    """Write the CPU time Python's cycle collector takes, per generation, to ``out`` after
    every collection while ``gate`` exists (cProfile books it to whatever function ran)."""
    import gc
    import json

    spent: dict[str, list[float]] = {}
    began: list[float] = []

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[:] = [time.thread_time()]
            return
        if not began or not gate.exists():
            return
        spent.setdefault(str(info["generation"]), []).append(time.thread_time() - began[0])
        out.write_text(json.dumps({generation: {"collections": len(times),
                                                "cpu_s": round(sum(times), 3),
                                                "longest_s": round(max(times), 3)}
                                   for generation, times in sorted(spent.items())}))

    gc.callbacks.append(timed)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _clicks(url: str, count: int, seed: int, kinds: tuple[str, ...] = ("click",),
                  slowest: list[tuple[float, str]] | None = None) -> list[float]:
    """``count`` interactions of ``kinds`` (chosen at random) in one open session; their
    latencies, and each one's latency and kind added to ``slowest`` when given."""
    from bench.capacity import act, opened

    rng = random.Random(seed)
    reader = await opened(url)
    seconds = []
    try:
        for _ in range(count):
            kind = rng.choice(kinds)
            run = await act(reader, kind, rng)
            if run.error:
                raise RuntimeError(f"a {kind} failed: {run.error}")
            seconds.append(run.seconds)
            if slowest is not None:
                slowest.append((run.seconds, kind))
    finally:
        await reader.close()
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Start a profiled replica, click, print the profile."""
    import psutil

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--clicks", type=int, default=60)
    parser.add_argument("--warm", type=int, default=40)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--mixed", action="store_true",
                        help="interactions as bench/capacity.py's mixed readers make them (two "
                             "clicks for a year change and a search, the filters kept) instead "
                             "of clicks only")
    parser.add_argument("--no-profile", action="store_true",
                        help="measure the replica's CPU per click without the profiler")
    parser.add_argument("--out", type=Path,
                        default=Path(tempfile.gettempdir()) / "newsmap-click.prof")
    args = parser.parse_args(argv)
    port = _free_port()
    gate = args.out.with_suffix(".on")
    gate.unlink(missing_ok=True)
    args.out.unlink(missing_ok=True)
    args.out.with_suffix(".gc").unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEWSMAP_DB": args.db,
           "NEWSMAP_DATA": str(args.data), PROFILE_ENV: str(args.out), PROFILE_GATE: str(gate)}
    log = args.out.with_suffix(".log").open("w")
    replica = subprocess.Popen(
        [sys.executable, __file__, "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or replica.poll() is not None:
                    raise RuntimeError("the replica did not start") from None
                time.sleep(0.5)
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        kinds = ("click", "click", "year", "search") if args.mixed else ("click",)
        asyncio.run(_clicks(url, args.warm, seed=1, kinds=kinds))
        if not args.no_profile:
            gate.write_text("on")
        process = psutil.Process(replica.pid)
        cpu = process.cpu_times()
        load = os.getloadavg()
        slowest: list[tuple[float, str]] = []
        seconds = asyncio.run(_clicks(url, args.clicks, seed=2, kinds=kinds, slowest=slowest))
        after = process.cpu_times()
        used = (after.user + after.system) - (cpu.user + cpu.system)
        how = "" if args.no_profile else " (profiled, so slower)"
        print("slowest:", ", ".join(f"{kind} {latency:.2f} s"
                                    for latency, kind in sorted(slowest, reverse=True)[:10]))
        print(f"replica CPU per interaction{how}: {used / args.clicks * 1000:.1f} ms;"
              f" median latency {sorted(seconds)[len(seconds) // 2] * 1000:.0f} ms;"
              f" load {load} -> {os.getloadavg()}")
    finally:
        replica.terminate()
        replica.wait(30)
        gate.unlink(missing_ok=True)
    if args.no_profile:
        return 0
    collections = args.out.with_suffix(".gc")
    if collections.exists():
        print("cycle collector while profiled:", collections.read_text())
    stats = pstats.Stats(str(args.out))
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    if os.environ.get(PROFILE_ENV):
        _serve_profiled(sys.argv[1:])
    else:
        raise SystemExit(main())
