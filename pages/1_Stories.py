"""Stories: the filtered stories as a sortable table, one story in detail, and downloads."""

from __future__ import annotations

import streamlit as st

from newsmap.highlight import highlight_evidence
from newsmap.present import (
    PANEL_CSS,
    detail_evidence,
    sample_label,
    stories_table,
    story_link,
    tag_rows,
)
from ui import FAVICON, cache, cite, editing, imported, sidebar, startup, state

TABLE_LIMIT = 5000
STORY_WIDGET = "w_story"

st.set_page_config(page_title="Stories · newsmap", page_icon=FAVICON, layout="wide")


def _story_picked() -> None:
    state.open_story(st.session_state.get(STORY_WIDGET))


def _show_all_countries() -> None:
    state.select_country(None)


conn, key, settings = startup.ready_store()
view = sidebar.filters(key)
filters = view.filters
st.html(PANEL_CSS)
st.title("Stories", anchor=False)

total = cache.story_count(key, filters)
country_name = cache.name_of(view.country) if view.country else None
found = cache.stories(key, filters, view.country, TABLE_LIMIT, snippets=False)  # none shown
if view.country:
    st.caption(f"Stories about {country_name}, the country selected on the map.")
    st.button("Show every country", on_click=_show_all_countries)

if cache.stats(key)["articles"] == 0:
    st.info(f"The archive is empty: add article files under `{settings.data_dir}/articles/`.")
elif found.empty:
    st.warning("No story matches these filters. Widen the years or remove a filter in the "
               "sidebar.")
else:
    names = cache.names(cache.options(key)["countries"])
    shown = f"{len(found)} {'story' if len(found) == 1 else 'stories'}"
    if len(found) >= TABLE_LIMIT:
        shown = f"The first {len(found)} of {total} stories (the downloads hold them all)"
    st.caption(shown + ". Click a column header to sort.")
    st.dataframe(
        stories_table(found, names),
        hide_index=True,
        width="stretch",
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "published": st.column_config.TextColumn("Published"),
            "outlet": st.column_config.TextColumn("Outlet"),
            "countries": st.column_config.TextColumn("Countries", width="large"),
            "places": st.column_config.NumberColumn("Places"),
            "events": st.column_config.NumberColumn("Events"),
            "url": st.column_config.LinkColumn("Link", display_text="open"),
            "id": None,
        },
    )

    st.subheader("Download", anchor=False)
    columns = st.columns(3)
    for column, (kind, label, mime) in zip(columns, [
        ("stories.csv", "Stories (CSV)", "text/csv"),
        ("stories.json", "Stories (JSON)", "application/json"),
        ("events.geojson", "Events with coordinates (GeoJSON)", "application/geo+json"),
    ], strict=True):
        column.download_button(label, cache.download(key, filters, view.country, kind),
                               file_name=f"newsmap-{kind}", mime=mime,
                               on_click="ignore", width="stretch")
    cite.download_section(key, filters, view.country)

    st.subheader("Read a story", anchor=False)
    titles = dict(zip(found["id"], found["title"], strict=True))
    state.seed(STORY_WIDGET, view.story if view.story in titles else None)
    st.selectbox("Story", list(titles), key=STORY_WIDGET, on_change=_story_picked,
                 format_func=lambda i: titles.get(i, i), index=None,
                 placeholder="Pick a story to read it with its evidence highlighted")
    detail = cache.article(key, view.story) if view.story in titles else None
    if detail is not None:
        st.html(f"<h3>{story_link(detail['title'], detail.get('url'))}"
                f"{sample_label(detail)}</h3>")
        st.caption("Highlighted: the sentences behind each tag (hover a mark to see which). "
                   "Blue: a country; green: a place; orange: an event; purple: a region.")
        st.html(f'<div class="nm-body">'
                f"{highlight_evidence(str(detail['body']), detail_evidence(detail, names))}"
                "</div>")
        st.markdown("**Why this story is tagged**")
        st.dataframe(tag_rows(detail, names), hide_index=True, width="stretch")
        imported.story_panel(key, str(view.story), names)
        editing.corrections_note(key, detail["id"])
        cite.cite_box(detail)
        editing.sign_in()
        editing.editor_panel(key, settings, detail)

state.publish()
