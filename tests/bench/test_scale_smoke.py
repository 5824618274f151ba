"""The scale benchmark runs end to end on a small archive, so the script cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REQUIRED = (
    "articles", "events", "build_articles_per_s", "incremental_build_s", "rerun_click_ms",
    "rerun_filter_ms", "search_ms", "map_bytes_first", "map_bytes_rerun", "baseline_map_bytes",
    "baseline_rerun_ms",
)
BROWSER = ("app_start_s", "app_peak_rss_mb", "browser_map_drawn_s", "browser_click_to_stories_s")


@pytest.mark.slow
def test_benchmark_runs_on_200_articles(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "scale.py"), "--sizes", "200", "--runs", "1",
         "--out", str(out), "--work", str(tmp_path / "work"), "--no-browser"],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    results = json.loads(out.read_text())
    assert results["machine"]["cores"] >= 1
    size = results["sizes"]["200"]
    for key in REQUIRED:
        assert isinstance(size[key], int | float), key
        assert size[key] > 0, key
    assert all(key in size for key in BROWSER)
    assert size["articles"] == 200
    assert size["map_bytes_rerun"] < size["baseline_map_bytes"]
    assert "full build (articles/s)" in done.stdout
