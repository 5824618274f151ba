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


LABELLED_SETS = (
    "gold", "holdout", "blind", "blind3", "blind4", "blind5", "blind6", "blind7"
)


@pytest.mark.parametrize("set_name", LABELLED_SETS)
def test_every_labelled_set_is_well_formed(set_name: str) -> None:
    """Each set's labels follow the scorer's schema and rules: primary countries are among the
    countries, every place and event is in a listed country, every event has a date at year,
    month or day precision, and a curated ``countries:`` list is exactly the primary set."""
    quality = load_bench("tagging_quality")
    pairs = quality.gold_articles(REPO / "tests" / "data" / set_name)
    assert len(pairs) >= 12, set_name
    for path, gold in pairs:
        assert set(gold) == {"primary", "countries", "places", "events"}, path.name
        countries = set(gold["countries"])
        assert set(gold["primary"]) <= countries, path.name
        assert {p["iso3"] for p in gold["places"]} <= countries, path.name
        assert {e["iso3"] for e in gold["events"]} <= countries, path.name
        for event in gold["events"]:
            assert len(event["date"]) in (4, 7, 10), (path.name, event)
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md" and "\ncountries:" in text.split("\n---", 2)[0]:
            curated = text.split("\ncountries:", 1)[1].split("\n", 1)[0]
            codes = {c.strip(" []") for c in curated.split(",")}
            assert codes == set(gold["primary"]), path.name
