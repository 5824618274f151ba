"""The tagger against the hand-made gold set: an honest regression guard on the acceptance
thresholds of issue 4 (F1 for primary countries, all countries, places and events)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "tests" / "data" / "gold"
THRESHOLDS = {"primary": 0.90, "countries": 0.92, "places": 0.85, "events": 0.75}


def load_bench(name: str) -> ModuleType:
    """Import ``bench/NAME.py`` as a module."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    quality = load_bench("tagging_quality")
    scored, _ = quality.score(quality.gold_articles(GOLD))
    return dict(scored)


def test_gold_set_is_large_enough_and_well_formed() -> None:
    articles = sorted(GOLD.glob("*.md"))
    assert len(articles) >= 21  # the seed and at least twenty of our own
    for path in articles:
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        assert set(gold) == {"primary", "countries", "places", "events"}, path.name
        assert set(gold["primary"]) <= set(gold["countries"]), path.name
        assert "countries:" not in path.read_text(encoding="utf-8").split("---")[1], path.name


@pytest.mark.parametrize("category", sorted(THRESHOLDS))
def test_f1_meets_the_acceptance_threshold(results: dict[str, Any], category: str) -> None:
    assert results[category]["f1"] >= THRESHOLDS[category], results[category]
