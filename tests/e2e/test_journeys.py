"""The reader's and researcher's journeys in a real Chromium against the real app."""

from __future__ import annotations

import re
import time
from typing import Any

from tests.e2e.harness import (
    AppServer,
    click_latlon,
    country_fill,
    map_frame,
    screenshot,
    wait_for_map,
    wait_for_param,
    zoom_at,
)

SEED_TITLE = "Albania cuts diplomatic ties with Iran"
NEUTRAL = "#e4e4e4"
# points inside each country, clear of the event markers once zoomed in
ALBANIA = (40.35, 20.15)
FRANCE = (45.6, 1.2)


def _open(page: Any, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    wait_for_map(page)
    return time.perf_counter() - started


def _select_on_map(page: Any, point: tuple[float, float], name: str) -> float:
    zoom_at(page, *point, levels=2)
    started = time.perf_counter()
    click_latlon(page, *point)
    page.get_by_role("heading", name=name, exact=True).wait_for()
    return time.perf_counter() - started


def _offsite(page: Any, server: AppServer) -> list[str]:
    local = re.compile(rf"^(http://127\.0\.0\.1:{server.port}/|data:|blob:|about:)")
    return [url for url in page.requests if not local.match(url)]


def test_click_albania_and_read_its_story(page, app_server):
    opened = _open(page, app_server.url)
    clicked = _select_on_map(page, ALBANIA, "Albania")
    stories = page.locator(".nm-stories")
    stories.get_by_text(SEED_TITLE).wait_for()
    assert "Albania has ordered all staff" in stories.inner_text()
    assert page.get_by_role("heading", name="Latest stories").count() == 0
    assert map_frame(page).locator("path.country-selected").count() == 1
    screenshot(page, "albania")
    print(f"\nnavigation to map drawn {opened:.2f} s; click to stories {clicked:.2f} s")
    assert not _offsite(page, app_server), _offsite(page, app_server)
    assert not page.errors, page.errors
    wait_for_param(page, "country", "ALB")  # the address follows the selection


def test_click_france_and_see_its_2018_event(page, app_server):
    _open(page, app_server.url)
    _select_on_map(page, FRANCE, "France")
    events = page.locator(".nm-events")
    events.get_by_text("2018", exact=True).wait_for()
    assert "Terrorism" in events.inner_text()
    assert "Paris" in events.inner_text()
    # the event's marker: its popup has the date, the type, the summary and the story's title
    marker = map_frame(page).locator(".nm-event-terrorism").first
    marker.click()
    popup = map_frame(page).locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "2018" in text
    assert "Terrorism" in text
    assert SEED_TITLE in text
    page.wait_for_timeout(1500)  # a marker click reruns the app: the popup must survive it
    assert popup.is_visible()
    screenshot(page, "france")


def test_years_2019_to_2022_drop_bosnia_to_zero_and_the_url_reloads_the_view(page, app_server):
    _open(page, app_server.url)
    assert country_fill(page, "BIH") != NEUTRAL
    slider = page.get_by_role("slider").first
    low = int(slider.input_value())
    slider.focus()
    for _ in range(2019 - low):
        slider.press("ArrowRight")
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('years') === '2019-2022'")
    page.wait_for_function(
        "() => { const f = [...document.querySelectorAll("
        "'iframe[title=\"streamlit_folium.st_folium\"]')]"
        ".find(x => x.offsetHeight > 0);"
        " const p = f && f.contentDocument.querySelector('path.country-BIH');"
        f" return p && p.getAttribute('fill') === '{NEUTRAL}'; }}")
    page.get_by_role("combobox", name=re.compile("Country")).click()
    page.keyboard.type("Bosnia")
    page.get_by_role("option", name="Bosnia and Herzegovina").click()
    page.get_by_text("0 stories, 0 events match the filters").wait_for()
    wait_for_param(page, "country", "BIH")
    wait_for_param(page, "years", "2019-2022")
    screenshot(page, "bosnia-2019-2022")

    page.reload()
    wait_for_map(page, "BIH")
    page.get_by_text("0 stories, 0 events match the filters").wait_for()
    page.get_by_role("heading", name="Bosnia and Herzegovina").wait_for()
    page.wait_for_function(
        "() => { const f = [...document.querySelectorAll("
        "'iframe[title=\"streamlit_folium.st_folium\"]')]"
        ".find(x => x.offsetHeight > 0);"
        " const p = f && f.contentDocument.querySelector('path.country-BIH');"
        f" return p && p.getAttribute('fill') === '{NEUTRAL}'; }}")
    values = [s.input_value() for s in page.get_by_role("slider").all()]
    assert values[:2] == ["2019", "2022"]
    assert country_fill(page, "ALB") != NEUTRAL
    screenshot(page, "bosnia-reloaded")
