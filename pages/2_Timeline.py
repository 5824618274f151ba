"""Timeline: events per year stacked by type, and the events in date order."""

from __future__ import annotations

import streamlit as st

from newsmap.charts import timeline_chart
from newsmap.present import PANEL_CSS, events_html, plural
from ui import FAVICON, cache, sidebar, startup, state

LIST_LIMIT = 300

st.set_page_config(page_title="Timeline · newsmap", page_icon=FAVICON, layout="wide")

conn, key, settings = startup.ready_store()
view = sidebar.filters(key)
filters = view.filters
st.html(PANEL_CSS)
st.title("Timeline", anchor=False)
country = view.country
names = cache.names(cache.options(key)["countries"])
where = f" in {cache.name_of(country)}" if country else ""
if country:
    st.caption(f"Events in {cache.name_of(country)}, the country selected on the map.")
    st.button("Show every country", on_click=state.select_country, args=(None,))

sidebar.years_slider(key, "w_years_timeline", "Span of years (the same as in the sidebar)")
totals = cache.event_counts(key, filters, country)
if totals["events"] == 0:
    st.info(f"No event{where} matches these filters. Widen the years, remove a filter"
            + (", or show every country." if country else "."))
else:
    per_year = cache.events_by_year(key, filters, country)
    if per_year.empty:
        st.info(f"None of the matching events{where} is dated to a single year.")
    else:
        st.altair_chart(timeline_chart(per_year, f"Events per year{where}, by type"),
                        width="stretch")
    if totals["spans"]:
        st.caption(f"{plural(totals['spans'], 'event', 'events')} dated only to a span of years "
                   "(such as “the 1990s”): listed below, not counted in the chart.")
    if totals["events"] - totals["dated"]:
        undated = totals["events"] - totals["dated"]
        st.caption(f"{plural(undated, 'event has', 'events have')} no date; listed last.")
    listed = cache.events(key, filters, country, LIST_LIMIT)
    st.subheader("Events in date order", anchor=False)
    if len(listed) >= LIST_LIMIT:
        st.caption(f"The first {LIST_LIMIT} events; narrow the years to see the rest.")
    st.html(events_html(listed, names))

state.publish()
