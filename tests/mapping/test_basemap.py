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


def test_the_first_view_frames_the_stories_and_the_map_id_is_fixed():
    assert first_view(None) == ((30.0, 15.0), 2)
    html = base_map(fit=(40.0, 19.0, 43.0, 21.0)).get_root().render()
    assert "var opening = [40.0,19.0,43.0,21.0]" in html
    assert "map_newsmap" in html  # the same id on every rerun: the message can be cached


def test_the_map_message_is_identical_across_reruns():
    """What st_folium sends for an unchanged view must be byte-identical, so Streamlit sends it
    by reference after the first time (the click budget depends on it)."""
    import streamlit_folium

    sent = []
    original = streamlit_folium._component_func
    streamlit_folium._component_func = lambda **kwargs: sent.append(kwargs)
    try:
        for _ in range(2):
            streamlit_folium.st_folium(base_map(fit=(40.0, 19.0, 43.0, 21.0)), key="map")
    finally:
        streamlit_folium._component_func = original
    first, second = ({k: v for k, v in s.items() if k != "on_change"} for s in sent)
    assert first == second
