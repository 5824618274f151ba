"""Many readers: `scripts/replicas.py` brings up PostgreSQL, two app replicas and nginx; a reader
clicks a country through the load balancer; each reader stays on one replica; stop ends it all."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import REPO, copy_corpus, free_port, wait_for_map, wait_for_param

SCRIPT = REPO / "scripts" / "replicas.py"
SEED_TITLE = "Albania cuts diplomatic ties with Iran"
ALBANIA = (40.35, 20.15)


def _replicas(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300, check=False)


@pytest.fixture(scope="module")
def replica_set(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Two replicas over one PostgreSQL behind nginx, from the real command."""
    root = tmp_path_factory.mktemp("replicas")
    data = copy_corpus(REPO / "data", root / "data")
    run = Path(f"/tmp/newsmap-replicas-test-{os.getpid()}")
    started = _replicas("start", "--replicas", "2", "--port", str(free_port()),
                        "--data", str(data), "--run", str(run))
    if started.returncode != 0:
        _replicas("stop", "--run", str(run))
        pytest.fail(f"replicas did not start: {started.stdout}\n{started.stderr}")
    state = json.loads((run / "state.json").read_text())
    yield state
    _replicas("stop", "--run", str(run))


def _upstreams_by_client(run: Path) -> dict[str, set[str]]:
    """Which replicas served each sticky client, from nginx's log."""
    served: dict[str, set[str]] = defaultdict(set)
    for line in (run / "nginx-access.log").read_text().splitlines():
        parts = line.split(" ")
        if len(parts) > 2 and parts[2] != "-":
            served[parts[1]].add(parts[2])
    return served


def test_a_reader_clicks_a_country_through_the_load_balancer(
    replica_set: dict[str, Any], browser: Any
) -> None:
    assert replica_set["db"].startswith("postgresql://")
    assert len(replica_set["replicas"]) == 2
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(replica_set["url"])
    wait_for_map(page)
    from tests.e2e.harness import click_latlon, zoom_at

    zoom_at(page, *ALBANIA, levels=2)
    click_latlon(page, *ALBANIA)
    page.get_by_role("heading", name="Albania", exact=True).wait_for()
    stories = page.locator(".nm-stories")
    stories.get_by_text(SEED_TITLE).wait_for()
    wait_for_param(page, "country", "ALB")
    assert not errors, errors
    cookie = next(c["value"] for c in context.cookies() if c["name"] == "newsmap_replica")
    context.close()
    served = _upstreams_by_client(Path(replica_set["run"]))
    assert len(served[cookie]) == 1, served[cookie]  # page, websocket, components: one replica


def test_new_readers_are_spread_over_both_replicas(replica_set: dict[str, Any]) -> None:
    for _ in range(24):
        health = replica_set["url"] + "_stcore/health"
        with urllib.request.urlopen(health, timeout=10) as answer:  # noqa: S310 (loopback)
            assert answer.status == 200
    served = _upstreams_by_client(Path(replica_set["run"]))
    ports = {f"127.0.0.1:{r['port']}" for r in replica_set["replicas"]}
    assert set().union(*served.values()) == ports


def test_stop_ends_every_process(replica_set: dict[str, Any]) -> None:
    pids = [int(r["pid"]) for r in replica_set["replicas"]] + [int(replica_set["nginx_pid"])]
    stopped = _replicas("stop", "--run", replica_set["run"])
    assert stopped.returncode == 0, stopped.stderr
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or _zombie(pid), pid
    postmaster = Path(replica_set["pg_folder"]) / "data" / "postmaster.pid"
    assert not postmaster.exists()
    with pytest.raises(OSError, match=r"refused|Connection"):
        urllib.request.urlopen(replica_set["url"], timeout=5)  # noqa: S310 (loopback)


def _zombie(pid: int) -> bool:
    try:
        return bool(re.search(r"^State:\s+Z", Path(f"/proc/{pid}/status").read_text(), re.M))
    except OSError:
        return True
