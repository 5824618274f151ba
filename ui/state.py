"""The reader's view (filters, selected country, open story) kept in the session and mirrored
in the URL query string, so every page shares it and a link reopens it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from newsmap.viewstate import ViewState, from_params, to_params

_VIEW = "nm_view"
MAP_CENTRE = "nm_map_centre"
MAP_ZOOM = "nm_map_zoom"


def view() -> ViewState:
    """The current view; on a session's first run it is read from the URL."""
    if _VIEW not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[_VIEW] = from_params(params)
    current: ViewState = st.session_state[_VIEW]
    return current


def set_view(new: ViewState) -> None:
    """Replace the current view."""
    st.session_state[_VIEW] = new


def select_country(iso3: str | None) -> None:
    """Select a country (or none) without touching the filters."""
    set_view(replace(view(), country=iso3))


def open_story(article_id: str | None) -> None:
    """Open a story in the Stories page's detail view (or close it)."""
    set_view(replace(view(), story=article_id))


def publish() -> None:
    """Write the current view into the URL (only when it changed)."""
    wanted = to_params(view())
    present = {key: st.query_params.get_all(key) for key in st.query_params}
    normal = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if present != normal:
        st.query_params.from_dict(wanted)


def seed(widget_key: str, value: object) -> None:
    """Give a widget the view's value before it is drawn, only when they differ: assigning
    an unchanged value would push it to the browser and undo input still in flight."""
    if widget_key not in st.session_state or st.session_state[widget_key] != value:
        st.session_state[widget_key] = value
