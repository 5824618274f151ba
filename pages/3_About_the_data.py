"""About the data: what the archive holds, where the geography comes from, how tagging works
and how well, and which files the last build rejected."""

from __future__ import annotations

import streamlit as st

from newsmap.about import rejected_files, sources_table, tagging_quality
from newsmap.present import plural
from ui import FAVICON, cache, editing, startup, state

st.set_page_config(page_title="About the data · newsmap", page_icon=FAVICON, layout="wide")

conn, key, settings = startup.ready_store()
st.title("About the data", anchor=False)

stats = cache.stats(key)
columns = st.columns(5)
for column, (label, value) in zip(columns, [
    ("Stories", stats["articles"]), ("Countries", stats["countries"]),
    ("Places", stats["places"]), ("Events", stats["events"]),
    ("Events on the map", stats["located_events"]),
], strict=True):
    column.metric(label, f"{value:,}")
st.caption(f"{stats['dated_events']:,} events carry a date. "
           + (f"{stats['synthetic']:,} stories are synthetic (generated for testing scale). "
              if stats["synthetic"] else "")
           + "Stories are read from the corpus folder"
           + (f" (`{settings.data_dir.name}/`)." if settings.data_dir.name else "."))

st.header("Sources and licences", anchor=False)
st.dataframe(sources_table(), hide_index=True, width="stretch")
st.caption("Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com. "
           "Place data from GeoNames (geonames.org), CC BY 4.0.")

st.header("How tagging works", anchor=False)
st.markdown(
    """
Each article is read sentence by sentence when the store is built.

- **Countries** are found by their names, short and historical names, demonyms ("Iranian") and
  capitals used for their governments ("Tirana decided…"); accents do not matter ("Durres" is
  "Durrës"). Regions ("Western Balkans") and names of organisations or outlets that hold a place
  ("Brussels Report") are not countries. A country the story is about is *primary*; one named in
  passing is *mentioned*. Curated countries in an article's front matter are always kept.
- **Places** are cities and sites looked up in an offline gazetteer, preferring those in the
  countries the article is about ("Paris" in a story about France is not Paris, Texas).
- **Events** are sentences that report something that happened (a cyberattack, an arms
  shipment, an election…) with a date at the precision the text gives: "July 15th" in an article
  from September 2022 is 15 July 2022; "the 1990s" stays a decade; no date is guessed.

Every tag keeps the sentence that supports it: the Stories page highlights them in the text.
"""
)
quality = tagging_quality()
if quality is None:
    st.info("No measurement of tagging quality is on file yet (run `bench/tagging_quality.py`).")
else:
    articles, table = quality
    st.markdown(f"**Measured quality** on {articles} hand-checked articles "
                "(`tests/data/gold/`): precision is the share of tags found that are right, "
                "recall the share of right tags that were found.")
    st.dataframe(table, hide_index=True, column_config={
        "precision": st.column_config.NumberColumn(format="%.2f"),
        "recall": st.column_config.NumberColumn(format="%.2f"),
        "f1": st.column_config.NumberColumn("F1", format="%.2f"),
    })

st.header("Files the last build rejected", anchor=False)
rejected = cache.rejections(key)
if rejected.empty:
    st.success("The last build accepted every file.")
else:
    st.caption(f"{plural(len(rejected), 'file was', 'files were')} not loaded; fix them and "
               "the app rebuilds the store on its next start (or run `newsmap build`).")
    st.dataframe(rejected_files(rejected, settings.data_dir),
                 hide_index=True, width="stretch")

editing.orphaned_section(key)
state.publish()
