"""The tagging benchmarks run (quick mode) and write their JSON results."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tagging.test_gold_quality import load_bench


def test_quality_bench_quick(tmp_path: Path) -> None:
    out = tmp_path / "quality.json"
    assert load_bench("tagging_quality").main(["--quick", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"] == 3
    for category in ("primary", "countries", "places", "events"):
        assert 0.0 <= data[category]["f1"] <= 1.0


def test_speed_bench_quick(tmp_path: Path) -> None:
    out = tmp_path / "speed.json"
    assert load_bench("tagging_speed").main(["--quick", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["gold"]["articles"] == 300
    assert data["gold"]["articles_per_second"] > 0
