"""Settings that guard readers and the suite: readers never get a traceback from the app, and
the suite cannot flake in CI (hypothesis is derandomised there, random elsewhere)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from tests.conftest import REPO


def _derandomized(env: dict[str, str]) -> str:
    script = ("import tests.conftest\nfrom hypothesis import settings\n"
              "print(settings.default.derandomize, settings.default.database)")
    clean = {k: v for k, v in os.environ.items() if k != "CI"}
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env={**clean, **env},
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.strip()


def test_ci_runs_the_same_examples_every_time_and_local_runs_explore() -> None:
    assert _derandomized({"CI": "true"}) == "True None"
    assert _derandomized({}).startswith("False ")


def test_ci_entry_point_sets_ci() -> None:
    assert 'export CI="${CI:-true}"' in (REPO / ".ci" / "run").read_text()


def test_readers_never_get_tracebacks() -> None:
    """Streamlit shows readers a generic message for an uncaught error; details go to the log."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_no_profile_lets_the_machine_speed_fail_a_test() -> None:
    script = ("import tests.conftest\nfrom hypothesis import HealthCheck, settings\n"
              "print(settings.default.deadline,"
              " HealthCheck.too_slow in settings.default.suppress_health_check)")
    clean = {k: v for k, v in os.environ.items() if k != "CI"}
    for env in ({"CI": "true"}, {}):
        done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env={**clean, **env},
                              capture_output=True, text=True, check=True, timeout=60)
        assert done.stdout.strip() == "None True", env
