"""In a real Chromium against the real app: a reader who opens the marker of an event in a
village no table holds is told that the marker stands at another town's position."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import AppServer, build_store, map_eval, map_frame, running_app

GIKOMERO = """---
title: A village remembers
published: 2014-04
---
In April 1994 militias massacred hundreds of people in Gikomero, a village east of Kigali, in \
Rwanda. The killings at Gikomero lasted three days.
"""
KIGALI = (-1.94995, 30.05885)


@pytest.fixture(scope="module")
def village_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app on a store built (by ``newsmap build``) from the one story about a village."""
    root = tmp_path_factory.mktemp("site-of")
    data = root / "data"
    (data / "articles").mkdir(parents=True)
    (data / "articles" / "gikomero.md").write_text(GIKOMERO, encoding="utf-8")
    db = root / "store" / "newsmap.db"
    build_store(data, Path(db))
    with running_app(data, db) as server:
        yield server


def test_the_village_markers_popup_says_it_is_shown_at_kigali(page: Any,
                                                               village_app: AppServer) -> None:
    page.goto(village_app.url)
    map_frame(page).locator("path.country-RWA").first.wait_for(state="attached")
    map_eval(page, "ll => window.map.setView(ll, 8, {animate: false})", list(KIGALI))
    marker = map_frame(page).locator(".nm-event-armed-conflict").first
    marker.wait_for()
    assert marker.get_attribute("title") == (
        "Armed conflict: Gikomero — near Kigali (shown at Kigali's position)")
    marker.click()
    popup = map_frame(page).locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Gikomero — near Kigali (shown at Kigali's position)" in text
    assert "A village remembers" in text
    assert not page.errors, page.errors
