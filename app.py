"""newsmap: the entry point and the map page. Countries shaded by their stories; click one to
read them. The other pages live in ``pages/``; every page shares the sidebar filters."""

from __future__ import annotations

import streamlit as st

from newsmap.mapping import base_map, build_map, clicked_country, framing_bounds
from newsmap.mapping.choropleth import EVENT_ZOOM, class_breaks, legend_entries
from newsmap.mapping.markers import marker_count, marker_types
from newsmap.overview import CountryCounts, country_counts
from newsmap.present import PANEL_CSS, events_html, legend_html, plural, stories_html
from newsmap.query import Filters
from newsmap.viewstate import ViewState
from ui import FAVICON, cache, imported, mapview, sidebar, startup, state

MAP_KEY = "map"
CLICK_SEEN = "nm_click_seen"
COUNTRY_WIDGET = "w_country"
MENTIONS_WIDGET = "w_mentions"
MAP_HEIGHT = 560


def _apply_map_click() -> None:
    """Select the country a new click on the map chose (st_folium's value arrives first)."""
    click = clicked_country(st.session_state.get(MAP_KEY), st.session_state.get(CLICK_SEEN))
    st.session_state[CLICK_SEEN] = click.token
    if click.country is not None:
        state.select_country(click.country)


def _country_picked() -> None:
    # the map frames the country itself when the address names it (see mapping.basemap)
    state.select_country(st.session_state.get(COUNTRY_WIDGET))


def _clear_selection() -> None:
    state.select_country(None)


def _map(key: cache.StoreKey, view: ViewState, tiles: bool) -> None:
    """The map, its legend and notes.

    Nothing passed to st_folium depends on the selected country: the map follows the
    selection in the browser (outline and framing), so a click re-sends an identical map
    message, which Streamlit sends by reference (a few hundred bytes, not the markers again).
    Everything drawn here is made once per filter set; a click only looks it up.
    """
    primary = not st.session_state.get(MENTIONS_WIDGET, False)
    shown = imported.switch(key)
    mapview.show(_map_args(key, view.filters, primary, tiles, shown), MAP_KEY)
    st.toggle("Shade by every story that mentions a country", key=MENTIONS_WIDGET,
              help="Off: a country is shaded by the stories about it. On: by every story that "
                   "names it, in passing too.")
    st.html(_legend(key, view.filters, primary))
    imported.legend(key)
    for note in _map_notes(key, view.filters):
        st.caption(note)


@st.cache_data(show_spinner=False, max_entries=64)
def _legend(key: cache.StoreKey, filters: Filters, primary: bool) -> str:
    """The map legend's HTML for these filters and shading."""
    shaded = cache.country_totals(key, filters, primary)
    return legend_html(legend_entries(class_breaks(shaded.max_stories), shaded.max_stories),
                       marker_types(cache.markers(key, filters)), primary=primary,
                       event_zoom=EVENT_ZOOM)


@st.cache_data(show_spinner=False, max_entries=64)
def _map_notes(key: cache.StoreKey, filters: Filters) -> list[str]:
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


@st.cache_resource(show_spinner=False, max_entries=16)
def _map_args(key: cache.StoreKey, filters: Filters, primary: bool,
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

    return mapview.rendered(make, key=MAP_KEY, height=MAP_HEIGHT, use_container_width=True,
                            returned_objects=["last_object_clicked_count",
                                              "last_active_drawing"])


def _panel(key: cache.StoreKey, view: ViewState, counts: CountryCounts,
           names: dict[str, str]) -> None:
    state.seed(COUNTRY_WIDGET, view.country if view.country in names else None)
    st.selectbox(
        "Country", sorted(names, key=lambda i: names[i]), key=COUNTRY_WIDGET,
        on_change=_country_picked, format_func=lambda i: names.get(i, i), index=None,
        placeholder="Pick a country", help="The same as clicking a country on the map.",
    )
    if view.country is None:
        _overview(key, view, counts, names)
        return
    name = names.get(view.country, view.country)
    n_stories, n_events = counts.of(view.country)
    st.subheader(name, anchor=False)
    st.button("Clear selection", on_click=_clear_selection)
    st.caption(f"{plural(n_stories, 'story', 'stories')}, "
               f"{plural(n_events, 'event', 'events')} match the filters")
    if n_stories == 0:
        st.info(f"No story about {name} matches these filters.")
    else:
        found = cache.stories(key, view.filters, view.country, cache.PANEL_LIMIT)
        if n_stories > len(found):
            st.caption(f"Showing the {len(found)} most relevant of {n_stories:,} stories; "
                       "the Stories page lists them all.")
        about = found[found["primary"]]
        mentioning = found[~found["primary"]]
        if not about.empty:
            st.markdown(f"**Stories about {name}**")
            st.html(stories_html(about, names))
        if not mentioning.empty:
            st.markdown(f"**Stories that mention {name}**")
            st.html(stories_html(mentioning, names))
    if n_events:
        st.markdown("**Events, in date order**")
        listed = cache.events(key, view.filters, view.country, cache.EVENT_LIMIT)
        if n_events > len(listed):
            st.caption(f"Showing the first {len(listed)} of {n_events:,} events.")
        st.html(events_html(listed, names))
    imported.country_panel(key, view, names)


def _overview(key: cache.StoreKey, view: ViewState, counts: CountryCounts,
              names: dict[str, str]) -> None:
    st.markdown("**Click a country on the map**, or pick one above, to read its stories and "
                "see its events.")
    top = counts.top(8)
    if top:
        st.caption("Most covered: " + ", ".join(f"{names.get(i, i)} ({n})" for i, n in top))
        st.subheader("Latest stories", anchor=False)
        st.html(stories_html(cache.stories(key, view.filters, limit=10), names))


def map_page() -> None:
    """The map beside the story panel."""
    _conn, key, settings = startup.ready_store()
    _apply_map_click()
    view = sidebar.filters(key)
    stats = cache.stats(key)
    counts = cache.country_totals(key, view.filters)
    names = cache.all_names(key)
    total = cache.story_count(key, view.filters)
    events = cache.event_counts(key, view.filters)["events"]

    st.html(PANEL_CSS)
    st.title("newsmap", anchor=False)
    if stats["articles"] == 0:
        st.info(f"The archive is empty. Add article files (Markdown with front matter, or plain "
                f"text) under `{settings.data_dir}/articles/` and reload: the app builds the "
                "store itself.")
    st.caption(
        f"{plural(total, 'story', 'stories')} · "
        f"{plural(counts.with_stories, 'country', 'countries')} · "
        f"{plural(events, 'event', 'events')} match the filters"
        + (f" (of {stats['articles']:,} stories in the archive)"
           if total != stats["articles"] else "")
    )
    if stats["articles"] and total == 0:
        st.warning("No story matches these filters. Widen the years, remove a filter, or reset "
                   "them in the sidebar.")
    left, right = st.columns([3, 2], gap="medium")
    with left:
        _map(key, view, settings.tiles)
    with right:
        _panel(key, view, counts, names)


st.set_page_config(page_title="newsmap", page_icon=FAVICON, layout="wide")
navigation = st.navigation([
    st.Page(map_page, title="Map", icon=":material/public:", default=True),
    st.Page("pages/1_Stories.py", title="Stories", icon=":material/article:",
            url_path="Stories"),
    st.Page("pages/2_Timeline.py", title="Timeline", icon=":material/bar_chart:",
            url_path="Timeline"),
    st.Page("pages/3_About_the_data.py", title="About the data", icon=":material/info:",
            url_path="About_the_data"),
])
navigation.run()
state.publish()
