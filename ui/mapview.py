"""The map element, rendered once per set of filters and then re-sent as it is.

``st_folium`` renders the folium map and its layers to strings on every call (about 0.3 s with
500 marker groups at 10,000 articles), although after a click nothing on the map has changed:
the map follows the selection in the browser (``newsmap.mapping.basemap``). Here the arguments
``st_folium`` would hand to its component are computed once per view of the data and cached;
each rerun hands the same arguments to the component again, which Streamlit then sends by
reference (the browser already holds the identical message).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
import streamlit_folium

_CAPTURE = threading.Lock()


def rendered(make_map: Callable[[], tuple[Any, list[Any]]], **options: Any) -> dict[str, Any]:
    """The arguments ``st_folium(map, feature_group_to_add=layers, **options)`` passes to its
    component, for the map and layers ``make_map`` returns (rendered, not sent)."""
    captured: dict[str, Any] = {}

    def capture(**kwargs: Any) -> None:
        captured.update(kwargs)

    folium_map, layers = make_map()
    with _CAPTURE:  # the component function is module state shared by every session
        real = streamlit_folium._component_func
        streamlit_folium._component_func = capture
        try:
            streamlit_folium.st_folium(folium_map, feature_group_to_add=layers, **options)
        finally:
            streamlit_folium._component_func = real
    captured.pop("on_change", None)
    return captured


def show(args: dict[str, Any], key: str) -> Any:
    """Draw the map from arguments made by :func:`rendered` (with ``key=key``); the reader's
    clicks arrive in ``st.session_state[key]`` as with ``st_folium``."""
    hash_key = args["key"]

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return streamlit_folium._component_func(**args, on_change=on_change)
