"""The map element, rendered once per set of filters and then re-sent as it is.

``st_folium`` renders the folium map and its layers to strings on every call (about 0.3 s with
500 marker groups at 10,000 articles), although after a click nothing on the map has changed:
the map follows the selection in the browser (``newsmap.mapping.basemap``). Here the arguments
``st_folium`` would hand to its component are computed once per view of the data and cached;
each rerun hands the same arguments to the component again, which Streamlit then sends by
reference (the browser already holds the identical message). The legend and the notes under
the map are made once per filter set too, so a click only looks them up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
import streamlit_folium

from newsmap.mapping import base_map, build_map, framing_bounds
from newsmap.mapping.choropleth import EVENT_ZOOM, class_breaks, legend_entries
from newsmap.mapping.markers import marker_count, marker_types
from newsmap.overview import country_counts
from newsmap.present import legend_html, plural
from newsmap.query import Filters
from ui import cache, imported

MAP_KEY = "map"
"""The session-state key of the map's value (the reader's clicks)."""
MAP_HEIGHT = 560

_CAPTURE = threading.Lock()
_COMPONENT = streamlit_folium._component_func
"""st_folium's component, kept here: :func:`rendered` swaps the module's copy for a moment,
and a map drawn from another session in that moment must still reach the browser."""


def rendered(make_map: Callable[[], tuple[Any, list[Any]]], **options: Any) -> dict[str, Any]:
    """The arguments ``st_folium(map, feature_group_to_add=layers, **options)`` passes to its
    component, for the map and layers ``make_map`` returns (rendered, not sent)."""
    captured: dict[str, Any] = {}

    def capture(**kwargs: Any) -> None:
        captured.update(kwargs)

    folium_map, layers = make_map()
    with _CAPTURE:  # the component function is module state shared by every session
        streamlit_folium._component_func = capture
        try:
            streamlit_folium.st_folium(folium_map, feature_group_to_add=layers, **options)
        finally:
            streamlit_folium._component_func = _COMPONENT
    captured.pop("on_change", None)
    return captured


def show(args: dict[str, Any], key: str) -> Any:
    """Draw the map from arguments made by :func:`rendered` (with ``key=key``); the reader's
    clicks arrive in ``st.session_state[key]`` as with ``st_folium``."""
    hash_key = args["key"]

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    # never the module's copy: another session may be inside rendered() right now
    return _COMPONENT(**args, on_change=on_change)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=cache.KEY_HASH)
def legend(key: cache.StoreKey, filters: Filters, primary: bool) -> str:
    """The map legend's HTML for these filters and shading."""
    shaded = cache.country_totals(key, filters, primary)
    return legend_html(legend_entries(class_breaks(shaded.max_stories), shaded.max_stories),
                       marker_types(cache.markers(key, filters)), primary=primary,
                       event_zoom=EVENT_ZOOM)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=cache.KEY_HASH)
def notes(key: cache.StoreKey, filters: Filters) -> list[str]:
    """The notes under the map for these filters: events without a point, markers left out,
    countries too small to draw."""
    notes = []
    country_only = cache.event_counts(key, filters)["country_only"]
    if country_only:
        notes.append(f"{plural(country_only, 'matching event is', 'matching events are')} "
                     "known only to country level: listed in the country panels, not drawn "
                     "as points.")
    if marker_count(cache.markers(key, filters)) >= cache.MARKER_LIMIT:
        notes.append(f"The map shows the {cache.MARKER_LIMIT:,} busiest places and event "
                     "types; narrow the filters to see the others.")
    names = cache.all_names(key)
    unmapped = cache.country_totals(key, filters).unmapped(cache.shapes().keys())
    if unmapped:
        notes.append("Too small for this map (pick them in the country box): "
                     + ", ".join(f"{names.get(i, i)} ({n})" for i, n in unmapped) + ".")
    return notes


@st.cache_resource(show_spinner=False, max_entries=16, hash_funcs=cache.KEY_HASH)
def map_args(key: cache.StoreKey, filters: Filters, primary: bool,
              tiles: bool, imported_shown: bool) -> dict[str, object]:
    """The map for these filters, rendered once (see ``ui.mapview``); shared read-only by
    every session (a resource, so a rerun does not copy its megabyte of HTML)."""
    def make() -> tuple[object, list[object]]:
        shapes = cache.shapes()
        # "Fit to results" frames the countries the matching stories are about, as the
        # opening view does for the whole archive
        about = country_counts(cache.counts(key, filters, True))
        results = framing_bounds(shapes, {i: s for i, (s, _) in about.by_iso3.items()})
        one_country = filters != Filters() and about.with_stories == 1
        layers = build_map(shapes, cache.counts(key, filters, primary), cache.markers(key, filters),
                           primary=primary, fit=results, auto_fit=one_country)
        extra = imported.layers(key, filters, imported_shown)
        map_layers: list[object] = [*layers.as_list(), *extra]
        return base_map(tiles=tiles, fit=cache.opening_bounds(key)), map_layers

    return rendered(make, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
                            returned_objects=["last_object_clicked_count",
                                              "last_active_drawing"])
