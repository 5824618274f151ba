"""The reader's view (filters, selected country, open story) kept in the session and mirrored
in the URL query string, so every page shares it, a link reopens it, and the browser's Back
and Forward buttons step through it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from newsmap.viewstate import ViewState, from_params, to_params
from ui import cache

_VIEW = "nm_view"
_PUBLISHED = "nm_published"
"""(page, params) last written to the address bar: a different address on the same page was
set by the browser itself (Back, Forward, an edited URL), so the view is read from it again."""

Params = dict[str, list[str]]


def _address() -> Params:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _page() -> str:
    ctx = get_script_run_ctx()
    return str(ctx.page_script_hash) if ctx is not None else ""


def view() -> ViewState:
    """The current view: read from the URL on a session's first run and whenever the browser
    changed the URL of this page itself (Back, Forward); otherwise the session's."""
    address = _address()
    published = st.session_state.get(_PUBLISHED)
    if _VIEW not in st.session_state or (
        published is not None and published[0] == _page() and published[1] != address
    ):
        st.session_state[_VIEW] = _known(from_params(address))
        st.session_state[_PUBLISHED] = (_page(), address)
    current: ViewState = st.session_state[_VIEW]
    return current


def _known(view: ViewState) -> ViewState:
    """The view without a country code that names no country (``?country=XXX``)."""
    if view.country and cache.name_of(view.country) == view.country:
        return replace(view, country=None)
    return view


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
    """Write the current view into the URL when the URL does not already say it: the browser
    adds a history entry, so Back undoes a selection or a filter. An address that says the
    view with something the app ignores (``?country=XXX``) is left as the reader typed it:
    rewriting it would add a history entry the reader never made."""
    current = view()
    wanted = to_params(current)
    normal = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    address = _address()
    if address != normal and _known(from_params(address)) != current:
        st.query_params.from_dict(wanted)
        address = normal
    st.session_state[_PUBLISHED] = (_page(), address)


def seed(widget_key: str, value: object) -> None:
    """Give a widget the view's value before it is drawn, only when they differ: assigning
    an unchanged value would push it to the browser and undo input still in flight."""
    if widget_key not in st.session_state or st.session_state[widget_key] != value:
        st.session_state[widget_key] = value
