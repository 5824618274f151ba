"""Browser-test fixtures: one app server per session on a store built from ``data/``, one
Chromium, and a fresh page (a new Streamlit session) per test that records every request."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import (
    CHROMIUM,
    REPO,
    AppServer,
    build_store,
    launch_chromium,
    running_app,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


SEED = REPO / "data" / "articles" / "albania-cuts-diplomatic-ties-with-iran.md"


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on a free 127.0.0.1 port, reading a store built from the seed article alone
    (copied: the tests that need exactly the seed keep working whatever else ``data/``
    holds, such as the sample articles)."""
    root = tmp_path_factory.mktemp("e2e")
    data = root / "data"
    (data / "articles").mkdir(parents=True)
    shutil.copy2(SEED, data / "articles" / SEED.name)
    db = root / "store" / "newsmap.db"
    build_store(data, db)
    with running_app(data, db) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (per module: a sync Playwright left running
    would stop other test modules from starting their own)."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make chromium` (apt-get install "
                    "chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new browser page; ``page.requests`` lists every URL it asked for."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(45_000)
    tab.requests = []
    tab.errors = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()
