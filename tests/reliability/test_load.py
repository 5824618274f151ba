"""Load, shortened: 10 browser sessions click countries and search for a few seconds.

The full minute (and the run during a 10,000-article build) is ``bench/load.py``; its results
are in ``bench/results/load.json``. ``NEWSMAP_LOAD_SECONDS`` lengthens this run.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.reliability.storekit import REPO

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SECONDS = float(os.environ.get("NEWSMAP_LOAD_SECONDS", "10"))


def _bench_load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", REPO / "bench" / "load.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_ten_sessions_click_and_search_without_errors(tmp_path: Path) -> None:
    result = _bench_load().run_load(tmp_path, articles=200, sessions=10, seconds=SECONDS)
    steady = result["steady"]
    assert steady["errors"] == 0, steady["error_samples"]
    # a tab without its map (a map lost to another session's rendering, tests/app/test_mapview.py)
    # is reloaded and described by the bench; here it is a failure
    assert steady["map_reloads"] == 0, steady["map_missing"]
    assert steady["clicks"] >= 5, steady
    assert steady["click_ms"]["p95"] < 30_000
    assert result["peak_rss_mb"] > 0
