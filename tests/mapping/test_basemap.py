"""The base map: offline, identical on every call, tiles only on request."""

from __future__ import annotations

import re

from streamlit_folium import _get_map_string, generate_js_hash

from newsmap.mapping import base_map
from newsmap.mapping.basemap import first_view


def _script(m) -> str:
    m.get_root().render()
    return _get_map_string(m)


def test_base_map_script_is_identical_across_calls():
    first = generate_js_hash(_script(base_map()), "map")
    second = generate_js_hash(_script(base_map()), "map")
    assert first == second


def test_base_map_is_offline_without_tiles():
    html = base_map().get_root().render()
    assert not re.search(r"https?://", html)
    assert "tile" not in _script(base_map()).lower().replace("tiles", "")
    assert '"maxZoom": 10' in html


def test_tiles_are_an_option():
    html = base_map(tiles=True).get_root().render()
    assert "tile.openstreetmap.org" in html


def test_the_first_view_shows_the_covered_countries_but_never_less_than_a_continent():
    assert first_view(None) == ((30.0, 15.0), 2)
    centre, zoom = first_view((40.0, 19.0, 43.0, 21.0))
    assert centre == (41.5, 20.0)
    assert zoom == 5
    assert first_view((24.0, -125.0, 50.0, 63.0))[1] == 2
    assert "[41.5, 20.0]" in base_map(fit=(40.0, 19.0, 43.0, 21.0)).get_root().render()
