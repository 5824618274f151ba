"""The real app under trouble: a damaged store, and a big build running while readers click.

The normal run builds 1,000 synthetic articles during the clicks (``NEWSMAP_CONC_ARTICLES``
changes it); ``bench/load.py --build-articles 10000`` runs the full size under 10 sessions.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsmap.synth import generate_archive
from tests.conftest import SEED
from tests.e2e.harness import (
    build_store,
    launch_chromium,
    map_frame,
    running_app,
    wait_for_map,
)
from tests.reliability.storekit import integrity_problems, run_build, start_build

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ARTICLES = int(os.environ.get("NEWSMAP_CONC_ARTICLES", "1000"))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One Debian Chromium for the module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def click_country(page: Any, iso3: str) -> None:
    """Click a country's polygon even where event markers cover its centre."""
    map_frame(page).locator(f"path.country-{iso3}").first.dispatch_event("click")


def _problems_on_page(page: Any) -> list[str]:
    found = []
    if page.locator('[data-testid="stException"]').count():
        found.append("exception: " + page.locator('[data-testid="stException"]').first
                     .inner_text()[:300])
    text = page.locator("[data-testid='stMain']").first.inner_text()
    found += [w for w in ("database is locked", "Traceback", "malformed") if w in text]
    return found


def test_damaged_store_shows_a_clear_message_and_rebuild_recovers(
    tmp_path: Path, chromium: Any
) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    shutil.copy(SEED, data / "articles" / SEED.name)
    db = tmp_path / "store" / "newsmap.db"
    build_store(data, db)
    size = db.stat().st_size
    with db.open("r+b") as handle:  # keep the header, lose the rest: truncated mid-file
        handle.truncate(max(4096, size // 3))
    with running_app(data, db) as app:
        page = chromium.new_page()
        page.goto(app.url)
        message = page.get_by_text("The store cannot be used").first
        message.wait_for(timeout=60_000)
        body = page.locator("[data-testid='stMain']").first.inner_text()
        assert "newsmap build --rebuild" in body
        assert page.locator('[data-testid="stException"]').count() == 0

        rebuilt = run_build(data, db, "--rebuild")
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert integrity_problems(db) == []
        page.reload()
        wait_for_map(page)
        click_country(page, "IRN")
        page.get_by_text("Albania cuts diplomatic ties with Iran").first.wait_for(timeout=60_000)
        assert _problems_on_page(page) == []
        page.close()


def test_app_keeps_answering_while_a_build_runs(tmp_path: Path, chromium: Any) -> None:
    data, db = tmp_path / "data", tmp_path / "store" / "newsmap.db"
    generate_archive(data, 150, seed=11)
    assert run_build(data, db).returncode == 0
    with running_app(data, db) as app:
        page = chromium.new_page()
        page.goto(app.url)
        wait_for_map(page)
        generate_archive(data, ARTICLES, seed=11)  # the corpus grows; the store is now stale
        build = start_build(data, db, "--wait", "600")  # the app may have started one first
        clicks, answered = 0, 0
        try:
            started = time.monotonic()
            while build.poll() is None and time.monotonic() - started < 240:
                for iso3 in ("ALB", "SRB", "TUR"):
                    click_country(page, iso3)
                    clicks += 1
                    page.get_by_role("button", name="Clear selection").first.wait_for(
                        timeout=30_000)
                    answered += 1
                    assert _problems_on_page(page) == []
                if clicks >= 6:
                    fresh = chromium.new_page()  # a newcomer while the store is stale and locked
                    fresh.goto(app.url)
                    wait_for_map(fresh, timeout=30_000)
                    assert _problems_on_page(fresh) == []
                    fresh.close()
            _, err = build.communicate(timeout=600)
            assert build.returncode == 0, err
        finally:
            if build.poll() is None:
                build.kill()
                build.communicate()
        assert answered >= 3
        assert answered == clicks
        page.reload()
        wait_for_map(page)
        assert _problems_on_page(page) == []
        page.close()
