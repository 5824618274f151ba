"""newsmap: the entry point and the map page. Countries shaded by their stories; click one to
read them. The other pages live in ``pages/``; every page shares the sidebar filters."""

from __future__ import annotations

import streamlit as st

from newsmap.mapping import clicked_country
from newsmap.present import PANEL_CSS, plural
from newsmap.viewstate import ViewState
from ui import FAVICON, cache, imported, mapview, panel, sidebar, startup, state

CLICK_SEEN = "nm_click_seen"
COUNTRY_WIDGET = "w_country"
MENTIONS_WIDGET = "w_mentions"


def _apply_map_click() -> None:
    """Select the country a new click on the map chose (st_folium's value arrives first)."""
    click = clicked_country(st.session_state.get(mapview.MAP_KEY), st.session_state.get(CLICK_SEEN))
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
    mapview.show(mapview.map_args(key, view.filters, primary, tiles, shown), mapview.MAP_KEY)
    st.toggle("Shade by every story that mentions a country", key=MENTIONS_WIDGET,
              help="Off: a country is shaded by the stories about it. On: by every story that "
                   "names it, in passing too.")
    st.html(mapview.legend(key, view.filters, primary))
    imported.legend(key)
    for note in mapview.notes(key, view.filters):
        st.caption(note)


def _panel(key: cache.StoreKey, view: ViewState, names: dict[str, str]) -> None:
    state.seed(COUNTRY_WIDGET, view.country if view.country in names else None)
    st.selectbox(
        "Country", cache.by_name(key), key=COUNTRY_WIDGET,
        on_change=_country_picked, format_func=lambda i: names.get(i, i), index=None,
        placeholder="Pick a country", help="The same as clicking a country on the map.",
    )
    if view.country is None:
        _overview(key, view)
        return
    st.subheader(names.get(view.country, view.country), anchor=False)
    st.button("Clear selection", on_click=_clear_selection)
    panel.draw(panel.country_blocks(key, view.filters, view.country))
    imported.country_panel(key, view, names)


def _overview(key: cache.StoreKey, view: ViewState) -> None:
    st.markdown("**Click a country on the map**, or pick one above, to read its stories and "
                "see its events.")
    panel.draw(panel.overview_blocks(key, view.filters))


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
    # one slot for notices that come and go: were they page elements of their own, the map
    # after them would move, and a moved map is a new frame that loads everything again
    notices = st.container()
    if stats["articles"] == 0:
        notices.info(f"The archive is empty. Add article files (Markdown with front matter, or "
                     f"plain text) under `{settings.data_dir}/articles/` and reload: the app "
                     "builds the store itself.")
    st.caption(
        f"{plural(total, 'story', 'stories')} · "
        f"{plural(counts.with_stories, 'country', 'countries')} · "
        f"{plural(events, 'event', 'events')} match the filters"
        + (f" (of {stats['articles']:,} stories in the archive)"
           if total != stats["articles"] else "")
    )
    if stats["articles"] and total == 0:
        notices.warning("No story matches these filters. Widen the years, remove a filter, "
                        "or reset them in the sidebar.")
    left, right = st.columns([3, 2], gap="medium")
    with left:
        _map(key, view, settings.tiles)
    with right:
        _panel(key, view, names)


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
