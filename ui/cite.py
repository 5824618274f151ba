"""The Stories page's research tools: "cite this story", and downloads of the view's
citations (CSL-JSON, RIS, BibTeX) and events (ACLED-shaped CSV, GeoJSON, GeoParquet)."""

from __future__ import annotations

import functools
from typing import Any

import streamlit as st

from newsmap import citations, event_export
from newsmap.query import Filters
from ui import cache

_CITATIONS = {
    "citations.json": ("CSL-JSON", "application/vnd.citationstyles.csl+json", citations.csl_json),
    "citations.ris": ("RIS", "application/x-research-info-systems", citations.ris),
    "citations.bib": ("BibTeX", "application/x-bibtex", citations.bibtex),
}
_EVENTS = {
    "events-acled.csv": ("ACLED-shaped CSV", "text/csv", event_export.acled_csv),
    "events.geojson": ("GeoJSON (RFC 7946)", "application/geo+json", event_export.geojson),
    "events.parquet": ("GeoParquet", "application/vnd.apache.parquet", event_export.geoparquet),
}


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=cache.KEY_HASH)
def _file(key: cache.StoreKey, filters: Filters, country: str | None, kind: str) -> bytes:
    store = cache.store(key)
    if kind in _CITATIONS:
        rows = citations.records(store.article_records(filters, country))
        return _CITATIONS[kind][2](rows)
    return _EVENTS[kind][2](store.event_records(filters, country))


def download_section(key: cache.StoreKey, filters: Filters, country: str | None) -> None:
    """Buttons for the view's citations and events in the field's formats."""
    st.markdown("**Cite the stories** (for a reference manager) and **take the events** to R, "
                "QGIS or beside ACLED data. Event ids stay the same across rebuilds.")
    for group in (_CITATIONS, _EVENTS):
        columns = st.columns(len(group))
        for column, (kind, (label, mime, _)) in zip(columns, group.items(), strict=True):
            noun = "Citations" if group is _CITATIONS else "Events"
            # made only when clicked: at 100,000 articles each file takes seconds
            column.download_button(f"{noun} ({label})",
                                   functools.partial(_file, key, filters, country, kind),
                                   file_name=f"newsmap-{kind}", mime=mime, on_click="ignore",
                                   width="stretch", key=f"nm-dl-{kind}")


def cite_box(detail: dict[str, Any]) -> None:
    """The story's reference in one common style, with a copy button, and its citation files."""
    record = citations.records_from_detail(detail)
    st.markdown(f"**Cite this story** ({citations.STYLE_NAME})")
    st.code(citations.formatted_reference(record), language=None, wrap_lines=True)
    columns = st.columns(len(_CITATIONS))
    for column, (kind, (label, mime, writer)) in zip(columns, _CITATIONS.items(), strict=True):
        column.download_button(label, writer([record]), file_name=f"{detail['id']}-{kind}",
                               mime=mime, on_click="ignore", width="stretch",
                               key=f"nm-cite-{kind}")
