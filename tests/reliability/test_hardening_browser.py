"""What a reader sees when the archive or the machine misbehaves (issue 12), in Chromium on the
real app: odd file and store names, a heavy article, bidi text, a build started by the app,
a read-only store and a vanished corpus. No page shows a traceback."""

from __future__ import annotations

import calendar
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsmap.synth import generate_archive
from tests.conftest import SEED
from tests.e2e.harness import build_store, launch_chromium, map_frame, running_app, wait_for_map
from tests.reliability.test_hostile_corpus import titles

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
BUILD_ARTICLES = int(os.environ.get("NEWSMAP_APP_BUILD_ARTICLES", "400"))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One Debian Chromium for the module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def heavy_article() -> str:
    """Issue 12's 50 KB article: 1,000 paragraphs, each a protest on a different date."""
    paragraphs = []
    for index in range(1000):
        month = calendar.month_name[1 + (index // 28) % 12]
        paragraphs.append(f"On {1 + index % 28} {month} {1990 + index // 336}, protesters "
                          "marched in Tirana.")
    return "---\ntitle: A thousand protests\npublished: 2020\n---\n" + "\n\n".join(paragraphs)


def assert_no_traceback(page: Any) -> None:
    """Neither a Streamlit exception box nor a Python traceback is on the page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    text = page.locator("body").inner_text()
    for word in ("Traceback", "UnicodeEncodeError", "FileNotFoundError", 'File "/'):
        assert word not in text


def test_odd_names_a_heavy_article_and_bidi_text_render_cleanly(tmp_path: Path,
                                                                chromium: Any) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    shutil.copy(SEED, data / "articles" / SEED.name)
    (data / "articles" / "heavy.md").write_text(heavy_article())
    (data / "articles" / "bidi.md").write_text(
        "---\ntitle: Talks in Tirana\noutlet: \"\u202eEvil Wire\"\npublished: 2021\n---\n"
        "Officials from Albania met in Tirana.\n")
    with open(os.fsencode(data / "articles") + b"/caf\xe9.md", "wb") as handle:
        handle.write(b"---\ntitle: Cafe\n---\nOfficials met in Tirana.\n")
    db = tmp_path / "v#1 ?%41" / "news.db"  # read as an SQLite URI, this named other files
    build_store(data, db)
    assert len(titles(db)) == 3
    with running_app(data, db) as app:
        page = chromium.new_page()
        page.goto(app.url)
        wait_for_map(page)
        assert_no_traceback(page)

        map_frame(page).locator("path.country-ALB").first.dispatch_event("click")
        outlet = page.locator("bdi", has_text="Evil Wire").first
        outlet.wait_for(timeout=60_000)
        assert outlet.inner_text() == "\u202eEvil Wire"  # kept, but isolated in its own <bdi>
        assert_no_traceback(page)

        page.goto(f"{app.url}Stories?story=heavy")
        page.get_by_text("Why this story is tagged").first.wait_for(timeout=120_000)
        marks = page.locator(".nm-body mark.evidence")
        assert marks.count() >= 900
        assert page.locator('.nm-body p[dir="auto"]').count() == 1000
        assert_no_traceback(page)
        page.close()


def _status(db: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(Path(f"{db}.build.json").read_text()))
    except (OSError, ValueError):
        return {}


def _wait_status(db: Path, test: Any, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = _status(db)
        if status and test(status):
            return status
        time.sleep(0.2)
    raise AssertionError(f"the build status never matched; last: {_status(db)}")


def test_an_app_build_runs_apart_from_readers_and_survives_reloads(tmp_path: Path,
                                                                   chromium: Any) -> None:
    data, db = tmp_path / "data", tmp_path / "store" / "news.db"
    generate_archive(data, BUILD_ARTICLES, seed=21)
    with running_app(data, db) as app:
        first = chromium.new_page()
        first.goto(app.url)
        first.get_by_text("building the store in the background").first.wait_for(timeout=60_000)
        running = _wait_status(db, lambda s: s["state"] == "running" and s["done"] > 0, 300)
        first.reload()  # the build is not thrown away
        first.get_by_text("building the store in the background").first.wait_for(timeout=60_000)
        second = chromium.new_page()  # every reader sees the same build's progress
        second.goto(app.url)
        second.get_by_text("building the store in the background").first.wait_for(
            timeout=60_000)
        later = _status(db)
        assert later["pid"] == running["pid"]
        assert later["state"] == "done" or later["done"] >= running["done"]
        assert_no_traceback(second)
        first.close()
        second.close()  # nobody is reading: the build goes on
        done = _wait_status(db, lambda s: s["state"] == "done", 600)
        assert done["pid"] == running["pid"]
        assert len(titles(db)) == BUILD_ARTICLES
        page = chromium.new_page()
        page.goto(app.url)
        wait_for_map(page)
        assert_no_traceback(page)
        page.close()


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here (needs root): {done.stderr.strip()}")


def test_a_read_only_store_and_a_vanished_corpus_keep_the_map(tmp_path: Path,
                                                               chromium: Any) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    shutil.copy(SEED, data / "articles" / SEED.name)
    source, point = tmp_path / "store", tmp_path / "read-only"
    build_store(data, source / "news.db")
    point.mkdir()
    _mount("--bind", str(source), str(point))
    try:
        _mount("-o", "remount,bind,ro", str(point))
        (data / "articles" / "tbilisi.md").write_text(
            "---\ntitle: Protests in Tbilisi\n---\nThousands protested in Tbilisi.\n")
        with running_app(data, point / "news.db", log_dir=tmp_path) as app:
            page = chromium.new_page()
            for _visit in range(2):  # the failing build is not retried on the next visit
                page.goto(app.url)
                page.get_by_text("could not be updated").first.wait_for(timeout=60_000)
                assert "read-only" in page.locator("body").inner_text()
                wait_for_map(page)
                assert_no_traceback(page)
            assert not Path(f"{source / 'news.db'}.build.log").exists()

            data.rename(tmp_path / "unmounted")  # the corpus folder goes away
            time.sleep(31)  # the app looks at the corpus again after 30 s
            page.goto(app.url)
            page.get_by_text("Showing the store as last built").first.wait_for(timeout=60_000)
            assert "cannot be read" in page.locator("body").inner_text()
            wait_for_map(page)
            assert_no_traceback(page)
            page.close()
        assert titles(point / "news.db") == ["Albania cuts diplomatic ties with Iran"]
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)
