"""Shared fixtures: a temporary corpus holding the seed article, and a store path beside it.

Hypothesis runs derandomised (the same examples every run) when the environment variable ``CI``
is set, so a CI run cannot fail at random; locally it explores new random examples each run.
Neither profile times examples: a loaded machine must not fail a test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.pgserver import pg_server, pg_url, store_backend  # noqa: F401  (fixtures)

# The machine's speed must not decide a test either: no per-example deadline, and no health
# check on how fast examples are made (it failed once at load 9 on a shared machine).
_UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_UNTIMED)
settings.register_profile("dev", derandomize=False, **_UNTIMED)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "articles" / "albania-cuts-diplomatic-ties-with-iran.md"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus folder holding a copy of the seed article."""
    folder = tmp_path / "data"
    (folder / "articles").mkdir(parents=True)
    shutil.copy(SEED, folder / "articles" / SEED.name)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's store file goes (not created)."""
    return tmp_path / "store" / "newsmap.db"
