"""The countries layer as folium objects: classes, colours, the shading table, the outline,
and the polygon file the browser loads once."""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from newsmap.geo import load_boundaries
from newsmap.mapping import (
    COUNTRIES_FILE,
    NEUTRAL,
    build_map,
    class_breaks,
    countries_layer,
    countries_script,
    country_shapes,
    framing_bounds,
    legend_entries,
)
from newsmap.mapping.basemap import standalone_map
from newsmap.mapping.choropleth import PALETTE, colour_for, shading, tooltip_text

NO_MARKERS = pd.DataFrame(columns=["lat", "lon", "place", "iso3", "type", "events", "rank",
                                   "date", "precision", "summary", "title", "article_id"])


@pytest.fixture
def shapes():
    frame = gpd.GeoDataFrame(
        {"iso3": ["ALB", "BIH", "FRA"], "name": ["Albania", "Bosnia and Herzegovina", "France"]},
        geometry=[box(19, 40, 21, 42.5), Polygon([(16, 43), (19, 43), (19, 45), (16, 45)]),
                  box(-4, 42, 8, 51)],
        crs=4326,
    )
    return country_shapes(frame)


def _render(group: folium.FeatureGroup) -> str:
    m = folium.Map(tiles=None)
    group.add_to(m)
    return m.get_root().render()


def test_class_breaks_cover_the_range_on_a_nice_scale():
    assert class_breaks(0) == []
    assert class_breaks(1) == [1]
    assert class_breaks(3) == [1, 2, 3]
    breaks = class_breaks(120_000)
    assert breaks[0] == 1
    assert len(breaks) <= len(PALETTE)
    assert breaks == sorted(set(breaks))
    assert all(str(b)[0] in "125" for b in breaks)


def test_zero_is_neutral_and_more_stories_are_darker():
    breaks = class_breaks(50)
    assert colour_for(0, breaks) == NEUTRAL
    shades = [PALETTE.index(colour_for(n, breaks)) for n in (1, 5, 50)]
    assert shades == sorted(shades)
    assert shades[0] < shades[-1]


def test_legend_starts_with_no_stories_and_ends_at_the_maximum():
    entries = legend_entries(class_breaks(7), 7)
    assert (entries[0].colour, entries[0].label) == (NEUTRAL, "no stories")
    assert entries[-1].label.endswith("7")


def test_shading_holds_counts_and_colours_of_countries_with_a_polygon(shapes):
    counts = pd.DataFrame({"iso3": ["ALB", "FRA", "MLT", "BIH"], "stories": [1, 2, 5, 0],
                           "events": [3, 2, 1, 0]})
    table = shading(shapes, counts)
    assert set(table) == {"ALB", "FRA"}  # Malta has no polygon; Bosnia has nothing: neutral
    assert table["ALB"][1:] == [1, 3]
    assert table["FRA"][0] != table["ALB"][0]


def test_the_layer_carries_only_the_table_not_the_polygons(shapes):
    counts = pd.DataFrame({"iso3": ["ALB"], "stories": [1], "events": [3]})
    html = _render(countries_layer(shapes, counts))
    assert '{"ALB":["' in html
    assert "coordinates" not in html
    assert "window.NEWSMAP_COUNTRIES" in html
    assert '"country country-" + feature.properties.iso_a3' in html


def test_tooltip_text_pluralises():
    assert tooltip_text("France", 2, 1) == "France — 2 stories, 1 event"
    assert tooltip_text("Albania", 1, 0) == "Albania — 1 story, 0 events"


def test_build_map_sends_nothing_that_depends_on_the_selection(shapes):
    counts = pd.DataFrame({"iso3": ["ALB"], "stories": [1], "events": [3]})
    layers = build_map(shapes, counts, NO_MARKERS)
    assert [g.layer_name for g in layers.as_list()] == ["Countries", "Events"]
    html = standalone_map(layers).get_root().render()
    assert "/app/static/newsmap/countries-110m.js" in html
    assert "window.NEWSMAP_SELECT" in html  # the base map follows the selection itself


def test_badges_and_the_fit_button_never_take_a_country_click(shapes):
    counts = pd.DataFrame({"iso3": ["ALB", "FRA"], "stories": [1, 1], "events": [3, 0]})
    html = _render(countries_layer(shapes, counts, fit=(40.0, 19.0, 43.0, 21.0),
                                   auto_fit=True))
    assert "interactive: false" in html
    assert "Fit to results" in html
    assert "fit = [40.0,19.0,43.0,21.0], autoFit = true" in html


def test_the_tooltip_says_what_the_shading_counts(shapes):
    counts = pd.DataFrame({"iso3": ["ALB"], "stories": [1], "events": [3]})
    assert '"stories about it"' in _render(countries_layer(shapes, counts, primary=True))
    assert '"stories about it"' not in _render(countries_layer(shapes, counts, primary=False))


def test_framing_follows_the_stories_not_a_far_passing_country(shapes):
    # Albania and Bosnia hold the stories; one story about France is far from them
    weights = {"ALB": 30, "BIH": 20, "FRA": 1}
    _south, west, _north, east = framing_bounds(shapes, weights)
    assert west >= 16  # France (west of 8 degrees east) is left out
    assert east <= 21
    # equal weights: every country counts (the seed: France to Iran)
    assert framing_bounds(shapes, {"ALB": 1, "BIH": 1, "FRA": 1})[1] == -4
    assert framing_bounds(shapes, {}) is None
    assert framing_bounds(shapes, {"XXX": 5}) is None


def test_countries_script_is_a_feature_collection(shapes):
    text = countries_script(shapes)
    payload = json.loads(text[text.index("= ") + 2:].rstrip().rstrip(";"))
    properties = payload["features"][0]["properties"]
    assert (properties["iso_a3"], properties["name"]) == ("ALB", "Albania")
    south, west, north, east = properties["bbox"]
    assert south < properties["centre"][0] < north
    assert west < properties["centre"][1] < east


def test_the_shipped_polygon_file_matches_geo():
    expected = countries_script(country_shapes(load_boundaries("110m")))
    assert COUNTRIES_FILE.read_text(encoding="utf-8") == expected, (
        "static/newsmap/countries-110m.js is out of date: run "
        "`.venv/bin/python scripts/build_static_countries.py`")


def test_shapes_keep_a_centre_inside_the_main_polygon(shapes):
    fra = shapes["FRA"]
    assert -4 < fra.centre[1] < 8
    assert 42 < fra.centre[0] < 51


def test_a_large_country_does_not_stretch_the_frame_to_the_pacific():
    frame = gpd.GeoDataFrame(
        {"iso3": ["ALB", "SRB", "RUS"], "name": ["Albania", "Serbia", "Russia"]},
        geometry=[box(19, 40, 21, 42.5), box(19, 42, 23, 46), box(27, 41, 180, 77)], crs=4326)
    shapes = country_shapes(frame)
    _south, _west, _north, east = framing_bounds(shapes, {"ALB": 5, "SRB": 4, "RUS": 3})
    assert east < 40
    # an archive about Russia alone is framed on Russia
    assert framing_bounds(shapes, {"RUS": 3})[3] == 180


def test_the_no_stories_swatch_darkens_with_the_map_on_a_dark_page():
    from newsmap.mapping.choropleth import NEUTRAL, NEUTRAL_DARK
    from newsmap.present import PANEL_CSS, legend_html

    html = legend_html(legend_entries(class_breaks(40), 40))
    none = html.split("no stories")[0]
    assert "nm-none" in none
    assert NEUTRAL in none
    dark = PANEL_CSS.split("prefers-color-scheme: dark")[1]
    assert f".nm-none {{ background: {NEUTRAL_DARK}" in dark  # the map's own dark neutral
    assert html.count("nm-none") == 1  # the shaded classes keep their colours
