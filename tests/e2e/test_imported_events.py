"""Imported events in a real Chromium: an ACLED and a GDELT file imported with the command,
their rings on the map with a popup, the legend entry, the switch, and Albania's panel."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from newsmap.mapping.choropleth import EVENT_ZOOM
from tests.e2e.harness import (
    REPO,
    AppServer,
    build_store,
    click_latlon,
    copy_corpus,
    map_eval,
    map_frame,
    running_app,
    screenshot,
    wait_for_map,
    zoom_at,
)

FIXTURES = REPO / "tests" / "data" / "sources"
ZVECAN = (42.9075, 20.8403)  # an ACLED and a GDELT event, no story marker nearby
ALBANIA = (40.35, 20.15)  # inside Albania, clear of the rings at Tirana and Durres


def zoom_to(page: Any, lat: float, lon: float, zoom: int) -> None:
    """Zoom the map on (lat, lon) until it is at least at ``zoom``."""
    current = int(map_eval(page, "() => window.map.getZoom()"))
    if current < zoom:
        zoom_at(page, lat, lon, levels=zoom - current)


@pytest.fixture(scope="module")
def imported_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on a copy of ``data/`` with the ACLED and GDELT fixtures imported."""
    root = tmp_path_factory.mktemp("imported-e2e")
    data = copy_corpus(REPO / "data", root / "data")
    db = root / "store" / "newsmap.db"
    build_store(data, db)
    for kind, name in (("acled", "acled.csv"), ("gdelt", "gdelt.export.tsv")):
        done = subprocess.run(
            [sys.executable, "-m", "newsmap.cli", "import", kind, str(FIXTURES / name),
             "--data", str(data), "--db", str(db)],
            cwd=REPO, capture_output=True, text=True, timeout=300, env=dict(os.environ),
        )
        assert "events added" in done.stdout, done.stderr
    build_store(data, db)  # as a user would after importing: the app then starts on it as is
    with running_app(data, db) as server:
        yield server


def test_an_imported_event_is_on_the_map_and_in_albanias_panel(page: Any,
                                                                 imported_app: AppServer) -> None:
    page.goto(imported_app.url)
    wait_for_map(page)
    rings = map_frame(page).locator("path.nm-imported")
    rings.first.wait_for(state="attached")
    assert rings.count() >= 5
    page.get_by_text("Imported events:").wait_for()
    assert "ACLED" in page.locator(".nm-imported-legend").inner_text()

    # at the opening view a ring lets the click through: the reader clicking Zvecan selects Kosovo
    click_latlon(page, *ZVECAN)
    page.get_by_role("heading", name="Kosovo", exact=True).wait_for()
    assert map_frame(page).locator(".nm-imported-popup").count() == 0

    zoom_at(page, *ALBANIA, levels=2)
    click_latlon(page, *ALBANIA)
    page.get_by_role("heading", name="Albania", exact=True).wait_for()
    panel = page.locator(".nm-imported-events")
    panel.wait_for()
    listed = panel.inner_text()
    assert "ACLED ALB1001" in listed
    assert "17 July 2022" in listed
    assert "GDELT: the country only" in listed  # listed, and said not to be on the map
    assert "UKR1004" not in listed  # another country
    screenshot(page, "imported-events-albania")

    zoom_to(page, *ZVECAN, EVENT_ZOOM)  # rings answer clicks once countries fill the map
    click_latlon(page, *ZVECAN)  # the ring where both datasets place an event
    popup = map_frame(page).locator(".nm-imported-popup")
    popup.wait_for()
    text = popup.inner_text()
    assert "2 imported events · ACLED, GDELT · Zvecan" in text
    assert "clashes outside the municipal building in Zvecan" in text
    screenshot(page, "imported-events-popup")

    page.get_by_text("Show imported events").click()
    page.wait_for_function(
        "() => !document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')"
        ".contentDocument.querySelector('path.nm-imported')", timeout=30_000)
    page.locator(".nm-imported-events").wait_for(state="detached")  # the rerun reaches the panel
    assert page.get_by_text("Imported events:").count() == 0
    assert not page.errors, page.errors
