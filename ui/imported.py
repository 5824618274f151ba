"""The imported events (ACLED, GDELT) in the app: a sidebar switch, the map layer and its
legend, the country panel's list and the story's nearby events. Each is one call from a page;
nothing is drawn when the store holds no imported events."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st

from newsmap.imported_present import imported_events_html
from newsmap.imported_query import NEAR_DAYS
from newsmap.mapping.imported import imported_layer, imported_legend_html
from newsmap.query import Filters
from newsmap.viewstate import ViewState
from ui import cache

SHOW = "w_show_imported"
MARKER_LIMIT = 500
PANEL_LIMIT = 100


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=cache.KEY_HASH)
def _sources(key: cache.StoreKey) -> dict[str, int]:
    """The imported datasets and their event counts."""
    return cache.store(key).imported_sources()


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=cache.KEY_HASH)
def _markers(key: cache.StoreKey, filters: Filters) -> pd.DataFrame:
    return cache.store(key).imported_markers(filters, MARKER_LIMIT)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=cache.KEY_HASH)
def _country(key: cache.StoreKey, filters: Filters, iso3: str) -> pd.DataFrame:
    return cache.store(key).country_imported(filters, iso3, PANEL_LIMIT)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=cache.KEY_HASH)
def _story(key: cache.StoreKey, article_id: str) -> pd.DataFrame:
    return cache.store(key).story_imported(article_id)


def switch(key: cache.StoreKey) -> bool:
    """Draw the sidebar switch (only when the store holds imported events); whether it is on."""
    if not _sources(key):
        return False
    with st.sidebar:
        st.toggle("Show imported events", value=True, key=SHOW,
                  help="Researchers' event datasets (ACLED, GDELT) brought in with "
                       "`newsmap import`: a layer of their own on the map, and a list in the "
                       "country panel. They follow the years, countries and event types.")
    return bool(st.session_state.get(SHOW, True))


def layers(key: cache.StoreKey, filters: Filters, shown: bool) -> list[folium.FeatureGroup]:
    """The imported-events layer for st_folium (none when switched off or empty). Draws no
    widget, so a cached map builder may call it."""
    if not shown or not _sources(key):
        return []
    return [imported_layer(_markers(key, filters))]


def legend(key: cache.StoreKey) -> None:
    """The layer's legend entry under the map."""
    counts = _sources(key)
    if counts and st.session_state.get(SHOW, True):
        st.html(imported_legend_html(counts))


def country_panel(key: cache.StoreKey, view: ViewState, names: dict[str, str]) -> None:
    """The country's imported events in the years of its stories, beside its stories."""
    if view.country is None or not _sources(key) or not st.session_state.get(SHOW, True):
        return
    found = _country(key, view.filters, view.country)
    if found.empty:
        return
    st.markdown("**Imported events in the same years** (researchers' datasets)")
    if len(found) >= PANEL_LIMIT:
        st.caption(f"The first {PANEL_LIMIT} in date order.")
    st.html(imported_events_html(found, names))


def story_panel(key: cache.StoreKey, article_id: str, names: dict[str, str]) -> None:
    """Imported events in the story's countries within a few days of its own events."""
    if not _sources(key):
        return
    found = _story(key, article_id)
    if found.empty:
        return
    st.markdown(f"**Imported events within {NEAR_DAYS} days of this story's "
                "events**, in the same countries")
    st.html(imported_events_html(found, names))
