"""An editor fixes an event's date in a real Chromium; a reader then sees the corrected date
on the map and on the timeline. A reader's session has no way to edit."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import rispy

from newsmap.editors import ENV_VAR, hash_password
from tests.e2e.harness import (
    REPO,
    AppServer,
    build_store,
    choose_option,
    copy_corpus,
    map_frame,
    running_app,
    screenshot,
    wait_for_map,
)

PASSWORD = "editor password for the browser test"  # noqa: S105 (hashed at run time)
SEED_ID = "albania-cuts-diplomatic-ties-with-iran"


@pytest.fixture(scope="module")
def editing_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on its own copy of the seed article, with an editor password configured."""
    root = tmp_path_factory.mktemp("e2e-editing")
    data = copy_corpus(REPO / "data" / "articles", root / "data" / "articles").parent  # the seed
    db = root / "store" / "newsmap.db"
    build_store(data, db)
    with running_app(data, db, env={ENV_VAR: hash_password(PASSWORD)}) as server:
        yield server


def _story(page: Any, server: AppServer, extra: str = "", *, signed_out: bool = True) -> None:
    page.goto(f"{server.url}Stories?story={SEED_ID}{extra}")
    page.get_by_text("Cite this story").wait_for()
    if signed_out:  # the last element the page draws for a reader
        page.get_by_text("Editor sign-in").wait_for()


def test_a_reader_cannot_reach_the_edit_controls(page, editing_server):
    _story(page, editing_server, "&editor=1&edit=1&nm_editor=Mallory")
    assert page.get_by_text("Correct this story").count() == 0
    assert page.get_by_role("button", name="Save the correction").count() == 0
    page.get_by_text("Editor sign-in").click()
    page.get_by_label("Your name (kept with each correction)").fill("Mallory")
    page.get_by_label("Editor password").fill("guess")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Wrong password").wait_for()
    assert page.get_by_role("button", name="Save the correction").count() == 0


def test_an_editor_fixes_a_date_and_a_reader_sees_it_on_map_and_timeline(browser, page,
                                                                         editing_server):
    _story(page, editing_server)
    page.get_by_text("Editor sign-in").click()
    page.get_by_label("Your name (kept with each correction)").fill("Ann Editor")
    page.get_by_label("Editor password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Correct this story").wait_for()
    event_box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Event").last
    choose_option(page, event_box, "2018 · terrorism")
    page.get_by_label("Date (YYYY, YYYY-MM or YYYY-MM-DD; blank keeps it; 'none' if unknown)"
                      ).fill("2019-05")
    page.get_by_label("Reason (shown to readers)").fill("The rally was in May 2019")
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("The rally was in May 2019").first.wait_for(timeout=120_000)
    screenshot(page, "editor-fixed-date")

    reader = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    reader.set_default_timeout(45_000)
    reader.goto(f"{editing_server.url}?country=FRA")
    wait_for_map(reader, "FRA")
    events = reader.locator(".nm-events")
    events.get_by_text("May 2019").wait_for()
    assert events.get_by_text("2018", exact=True).count() == 0  # the date, not the sentence
    map_frame(reader).locator(".nm-event-terrorism").first.click()
    popup = map_frame(reader).locator(".leaflet-popup-content")
    popup.wait_for()
    assert "May 2019" in popup.inner_text()
    reader.goto(f"{editing_server.url}Timeline")
    reader.get_by_text("May 2019").first.wait_for()
    _story(reader, editing_server)
    reader.get_by_text("The rally was in May 2019").wait_for()
    assert reader.get_by_role("button", name="Save the correction").count() == 0
    screenshot(reader, "reader-sees-correction")
    lines = (Path(editing_server.data_dir) / "corrections.jsonl").read_text().splitlines()
    assert len(lines) == 1
    assert '"editor": "Ann Editor"' in lines[0]


def test_a_reader_downloads_the_views_citations_and_events(page, editing_server):
    _story(page, editing_server, "&country=ALB")
    files = {}
    for label in ("Citations (RIS)", "Events (ACLED-shaped CSV)"):
        with page.expect_download() as info:
            page.get_by_role("button", name=label).click()
        files[label] = Path(info.value.path()).read_bytes()
    entries = rispy.loads(files["Citations (RIS)"].decode("utf-8"))
    assert [(e["type_of_reference"], e["id"]) for e in entries] == [("NEWS", SEED_ID)]
    table = pd.read_csv(io.BytesIO(files["Events (ACLED-shaped CSV)"]), dtype=str)
    assert set(table["iso3"]) == {"ALB"}  # the selected country's events
    assert table["event_id_cnty"].str.startswith("ev-").all()
