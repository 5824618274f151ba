"""The imported-events layer: researchers' events (ACLED, GDELT) as hollow purple rings, one
per point, apart from the stories' event markers, with their own legend entry.

Built from :func:`newsmap.imported_query.imported_markers`; all text is escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import folium
import pandas as pd

from newsmap.highlight import escape_text

COLOUR = "#5B2A86"
LAYER_NAME = "Imported events"
SOURCE_LABELS = {"acled": "ACLED", "gdelt": "GDELT"}


def source_label(source: str) -> str:
    """A dataset's name as readers know it ("ACLED")."""
    return SOURCE_LABELS.get(source, source.upper())


def imported_layer(markers: pd.DataFrame) -> folium.FeatureGroup:
    """One ring per point holding imported events, sized by their number, with a tooltip
    (place, count, datasets) and a popup listing the latest of them."""
    group = folium.FeatureGroup(name=LAYER_NAME, control=False)
    for row in markers.to_dict("records"):
        count = int(row["events"])
        sources = ", ".join(source_label(s) for s in str(row["sources"] or "").split(",") if s)
        place = str(row["place"] or "")
        noun = "imported event" if count == 1 else "imported events"
        tooltip = f"{place} — {count} {noun} ({sources})" if place else f"{count} {noun}"
        folium.CircleMarker(
            location=(float(row["lat"]), float(row["lon"])),
            radius=6 + 2 * math.log2(count),
            color=COLOUR, weight=2.5, dash_array="4 2",
            fill=True, fill_color="#FFFFFF", fill_opacity=0.85,
            class_name="nm-imported",
            tooltip=folium.Tooltip(escape_text(tooltip)),
            popup=folium.Popup(_popup(place, count, noun, sources, row["summaries"]),
                               max_width=320),
        ).add_to(group)
    return group


def _popup(place: str, count: int, noun: str, sources: str, summaries: object) -> str:
    lines = [line for line in str(summaries or "").split("\n") if line]
    items = "".join(f"<li>{escape_text(line[:240])}</li>" for line in lines)
    more = count - len(lines)
    tail = f'<p class="nm-more">and {more} more</p>' if more > 0 else ""
    head = escape_text(f"{count} {noun} · {sources}" + (f" · {place}" if place else ""))
    return (f'<div class="nm-popup nm-imported-popup"><p><b>{head}</b></p>'
            f"<ul>{items}</ul>{tail}</div>")


def imported_legend_html(counts: Mapping[str, int]) -> str:
    """The layer's legend entry: its ring and what it holds ("ACLED 5, GDELT 4")."""
    held = ", ".join(f"{source_label(s)} {n:,}" for s, n in counts.items())
    ring = (f'<span style="display:inline-block;width:.85rem;height:.85rem;border-radius:50%;'
            f'border:2.5px dashed {COLOUR};background:#fff;vertical-align:middle;'
            'margin-right:.3rem"></span>')
    return (f'<div class="nm-legend nm-imported-legend"><b>Imported events:</b> <span>{ring}'
            f"researchers' datasets, not stories ({escape_text(held)})</span></div>")
