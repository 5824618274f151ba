"""The reader's rough edges of issue 11, in Chromium on the seed: the Timeline of a selected
country, the Back button, the dark theme, no focus rectangle after a click or a drag, the
attribution's size, the finer outline of a selected country zoomed in."""

from __future__ import annotations

import re
from typing import Any

from tests.e2e.harness import (
    MAP_FRAME,
    click_latlon,
    country_point,
    map_eval,
    map_frame,
    screenshot,
    wait_for_map,
)


def _open(page: Any, url: str) -> None:
    page.goto(url)
    wait_for_map(page)
    page.get_by_text("Click a country on the map").wait_for()
    page.wait_for_timeout(400)


def _select(page: Any, iso3: str, name: str) -> None:
    click_latlon(page, *country_point(page, iso3))
    page.get_by_role("heading", name=name, exact=True).wait_for()
    page.wait_for_function(f"() => location.search.includes('country={iso3}')")


def test_the_timeline_shows_the_selected_country_only(page, app_server):
    page.goto(app_server.url + "Timeline?country=FRA")
    page.get_by_text("Events in France, the country selected on the map.").wait_for()
    page.locator(".nm-events").wait_for()
    events = page.locator(".nm-events").inner_text()
    assert "Paris" in events
    assert "Iran shipped weapons" not in events  # Bosnia's 1994 event is not France's
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.goto(app_server.url + "Timeline?country=BIH&years=2019-2022")
    page.get_by_text("No event in Bosnia and Herzegovina matches these filters").wait_for()
    screenshot(page, "timeline-empty")


def test_back_undoes_a_selection(page, app_server):
    _open(page, app_server.url)
    _select(page, "ALB", "Albania")
    page.get_by_role("combobox", name=re.compile("Country")).click()
    page.keyboard.type("France")
    page.get_by_role("option", name="France").click()
    page.get_by_role("heading", name="France", exact=True).wait_for()
    page.wait_for_function("() => location.search.includes('country=FRA')")
    map_frame(page).locator("path.selected-FRA").wait_for(state="attached")
    page.go_back()
    page.get_by_role("heading", name="Albania", exact=True).wait_for()
    map_frame(page).locator("path.selected-ALB").wait_for(state="attached")
    page.go_back()
    page.get_by_role("heading", name="Latest stories").wait_for()
    map_frame(page).locator("path.country-selected").wait_for(state="detached")


def test_an_unknown_country_in_the_link_is_ignored(page, app_server):
    page.goto(app_server.url + "?country=XXX")
    wait_for_map(page)
    page.get_by_role("heading", name="Latest stories").wait_for()
    assert page.get_by_role("heading", name="XXX").count() == 0
    page.wait_for_timeout(500)  # the run's last messages (a rewritten address would come now)
    assert page.evaluate("location.search") == "?country=XXX"  # not rewritten: no new entry


def test_no_focus_rectangle_after_a_click_or_a_drag_and_a_small_attribution(page, app_server):
    _open(page, app_server.url)
    _select(page, "IRN", "Iran")
    box = page.locator(MAP_FRAME).first.bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.down()
    page.mouse.move(box["x"] + 380, box["y"] + 340, steps=8)
    page.mouse.up()
    page.wait_for_timeout(300)
    outline = map_eval(page, "() => { const el = document.activeElement;"
                             " return el && el.tagName === 'path'"
                             " ? getComputedStyle(el).outlineStyle : 'none'; }")
    assert outline == "none"
    size = map_eval(page, "() => parseFloat(getComputedStyle(document.querySelector("
                          "'.leaflet-control-attribution')).fontSize)")
    assert size <= 12
    assert map_eval(page, "() => window.map.getMaxZoom()") == 10


def test_zoomed_in_the_selected_country_gets_its_finer_outline(page, app_server):
    _open(page, app_server.url)
    _select(page, "ALB", "Albania")  # framed at zoom 7: past the fine-outline zoom
    # the outline (1:50m) has more detail than the country's own 1:110m polygon
    page.wait_for_function(
        "() => { const f = [...document.querySelectorAll("
        "'iframe[title=\"streamlit_folium.st_folium\"]')]"
        ".find(x => x.offsetHeight > 0);"
        " const d = s => { const p = f && f.contentDocument.querySelector(s);"
        " return p ? p.getAttribute('d').length : 0; };"
        " return d('path.selected-ALB') > 1.3 * d('path.country-ALB'); }")
    assert any("/outlines-50m/ALB.json" in url for url in page.requests)


def test_the_dark_theme_follows_the_reader(browser, app_server):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme="dark")
    page = context.new_page()
    try:
        _open(page, app_server.url)
        _select(page, "ALB", "Albania")
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
        channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
        assert sum(channels) < 150, background  # a dark page
        sea = map_eval(page, "() => getComputedStyle(window.map.getContainer()).backgroundColor")
        assert sea == "rgb(27, 31, 36)"
        screenshot(page, "dark-theme")
    finally:
        context.close()
