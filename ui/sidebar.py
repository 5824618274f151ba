"""The filters in the sidebar, the same on every page. Widgets are seeded from the view on
each run and write back through callbacks, so the view (and the URL) is the one truth."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from newsmap.mapping import EVENT_STYLES
from newsmap.query import Filters
from newsmap.viewstate import ViewState
from ui import cache, state

_YEARS = "w_years"
_BASIS = "w_published"
_COUNTRIES = "w_countries"
_TYPES = "w_types"
_OUTLETS = "w_outlets"
_REGIONS = "w_regions"
_TEXT = "w_text"


def filters(key: cache.StoreKey) -> ViewState:
    """Draw the sidebar filters and return the view they describe."""
    view = state.view()
    opts = cache.options(key)
    with st.sidebar:
        st.header("Filters")
        _year_filter(key, view.filters)
        _multi(_COUNTRIES, "Countries", opts["countries"], view.filters.countries,
               format_func=cache.name_of, help="Stories tagged with any of these countries.")
        _multi(_TYPES, "Event types", opts["event_types"], view.filters.event_types,
               format_func=lambda t: EVENT_STYLES[t].label if t in EVENT_STYLES else t,
               help="Stories with at least one event of these types.")
        _multi(_OUTLETS, "Outlets", opts["outlets"], view.filters.outlets)
        if opts["regions"]:
            _multi(_REGIONS, "Regions", opts["regions"], view.filters.regions,
                   help="Stories that name these regions (a region is never a country).")
        state.seed(_TEXT, view.filters.text)
        st.text_input("Search the text", key=_TEXT, on_change=_text_changed,
                      placeholder="words in the title or body",
                      help="Full-text search; every word must appear. Matches are highlighted.")
        if view.filters != Filters():
            st.button("Reset filters", on_click=_reset, width="stretch")
    return state.view()


def years_slider(key: cache.StoreKey, widget_key: str, label: str = "Years") -> None:
    """A year-span slider bound to the view (the Timeline page draws a second one)."""
    view = state.view()
    bounds = cache.year_bounds(key, view.filters.year_basis)
    if bounds is None:
        st.caption("No dated events or publications to filter by year.")
        return
    low, high = bounds
    if low == high:
        st.caption(f"Every date falls in {low}.")
        return
    chosen = view.filters.years or bounds
    state.seed(widget_key, (max(low, min(chosen[0], high)), min(high, max(chosen[1], low))))
    st.slider(label, min_value=low, max_value=high, key=widget_key,
              on_change=_years_changed, args=(widget_key, bounds),
              help="Event years: a story counts for a country only through an event there "
                   "in these years. Switch to publication years below.")


def _year_filter(key: cache.StoreKey, current: Filters) -> None:
    years_slider(key, _YEARS)
    state.seed(_BASIS, current.year_basis == "published")
    st.toggle("Filter by publication year instead", key=_BASIS, on_change=_basis_changed)


def _multi(widget_key: str, label: str, options: list[str], chosen: tuple[str, ...],
           **kwargs: Any) -> None:
    state.seed(widget_key, [v for v in chosen if v in options])
    st.multiselect(label, options, key=widget_key, on_change=_multi_changed,
                   args=(widget_key, tuple(options)), **kwargs)


_FIELDS = {_COUNTRIES: "countries", _TYPES: "event_types", _OUTLETS: "outlets",
           _REGIONS: "regions"}


def _multi_changed(widget_key: str, options: tuple[str, ...]) -> None:
    values = tuple(st.session_state.get(widget_key) or ())
    if set(values) >= set(options):
        values = ()  # every option ("Select all") is the same as no filter
        st.session_state[widget_key] = []
    state.set_view(state.view().with_filters(**{_FIELDS[widget_key]: values}))


def _years_changed(widget_key: str, bounds: tuple[int, int]) -> None:
    chosen = tuple(int(v) for v in st.session_state[widget_key])
    years = None if chosen == tuple(bounds) else (chosen[0], chosen[1])
    state.set_view(state.view().with_filters(years=years))


def _basis_changed() -> None:
    basis = "published" if st.session_state.get(_BASIS) else "event"
    state.set_view(state.view().with_filters(year_basis=basis, years=None))


def _text_changed() -> None:
    text = str(st.session_state.get(_TEXT) or "").strip()[:200]
    state.set_view(state.view().with_filters(text=text))


def _reset() -> None:
    state.set_view(replace(state.view(), filters=Filters()))
