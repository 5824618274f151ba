"""The imported-events layer: researchers' events (ACLED, GDELT) as hollow dashed purple rings,
one per point, apart from the stories' event markers, with their own legend entry.

Built from :func:`newsmap.imported_query.imported_markers`. The rings travel as one compact
JSON array; the browser builds each tooltip and popup with ``textContent`` (the map loads no
jQuery, and dataset text never becomes markup).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from newsmap.highlight import escape_text
from newsmap.mapping.choropleth import EVENT_ZOOM
from newsmap.mapping.jsdata import safe_json

COLOUR = "#5B2A86"
LAYER_NAME = "Imported events"
SOURCE_LABELS = {"acled": "ACLED", "gdelt": "GDELT"}
MAX_LINE = 240


def source_label(source: str) -> str:
    """A dataset's name as readers know it ("ACLED")."""
    return SOURCE_LABELS.get(source, source.upper())


class _Rings(MacroElement):
    """Circle markers built in the browser from rows [lat, lon, radius, tooltip, head, lines,
    more]."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var group = {{ this._parent.get_name() }}, rows = {{ this.rows }}, style = {{ this.style }};
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  // Below EVENT_ZOOM whole countries are in view: the rings are drawn but let clicks through
  // to the country under them (a reader clicking Kosovo must select Kosovo); from EVENT_ZOOM
  // on they are interactive, with tooltip and popup, like the story markers.
  function ring(r, interactive) {
    var options = Object.assign({radius: r[2], interactive: interactive}, style);
    var marker = L.circleMarker([r[0], r[1]], options);
    if (!interactive) { return marker; }
    marker.bindTooltip(function () { return el('span', 'nm-imported-tip', r[3]); });
    marker.bindPopup(function () {
      var box = el('div', 'nm-popup nm-imported-popup'), list = el('ul');
      box.appendChild(el('p', 'nm-popup-head', r[4]));
      r[5].forEach(function (line) { list.appendChild(el('li', null, line)); });
      box.appendChild(list);
      if (r[6] > 0) { box.appendChild(el('p', 'nm-more', 'and ' + r[6] + ' more')); }
      return box;
    }, {maxWidth: 320});
    return marker;
  }
  var shown = null;
  function gate() {
    var map = group._map;
    if (!map) { return; }
    var interactive = map.getZoom() >= {{ this.event_zoom }};
    if (interactive === shown) { return; }
    shown = interactive;
    group.clearLayers();
    rows.forEach(function (r) { group.addLayer(ring(r, interactive)); });
  }
  var watched = null;
  group.on("add", function () {
    shown = null; gate();
    watched = group._map; watched.on("zoomend", gate);
  });
  group.on("remove", function () { if (watched) { watched.off("zoomend", gate); } });
  if (group._map) { gate(); }
})();
{% endmacro %}
""")

    def __init__(self, rows: list[list[Any]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ImportedRings"
        self.rows = safe_json(rows)
        self.event_zoom = safe_json(EVENT_ZOOM)
        self.style = safe_json({
            "color": COLOUR, "weight": 2.5, "dashArray": "4 2", "fill": True,
            "fillColor": "#FFFFFF", "fillOpacity": 0.85, "className": "nm-imported",
        })


def imported_layer(markers: pd.DataFrame) -> folium.FeatureGroup:
    """One ring per point holding imported events, sized by their number, with a tooltip
    (place, count, datasets) and a popup listing the latest of them."""
    group = folium.FeatureGroup(name=LAYER_NAME, control=False)
    rows: list[list[Any]] = []
    for row in markers.to_dict("records"):
        count = int(row["events"])
        sources = ", ".join(source_label(s) for s in str(row["sources"] or "").split(",") if s)
        place = str(row["place"] or "")
        noun = "imported event" if count == 1 else "imported events"
        tooltip = f"{place} — {count} {noun} ({sources})" if place else f"{count} {noun}"
        lines = [line[:MAX_LINE] for line in str(row["summaries"] or "").split("\n") if line]
        head = f"{count} {noun} · {sources}" + (f" · {place}" if place else "")
        rows.append([round(float(row["lat"]), 5), round(float(row["lon"]), 5),
                     round(6 + 2 * math.log2(count), 1), tooltip, head, lines,
                     count - len(lines)])
    if rows:
        _Rings(rows).add_to(group)
    return group


def imported_legend_html(counts: Mapping[str, int]) -> str:
    """The layer's legend entry: its ring and what it holds ("ACLED 5, GDELT 4")."""
    held = ", ".join(f"{source_label(s)} {n:,}" for s, n in counts.items())
    ring = (f'<span style="display:inline-block;width:.85rem;height:.85rem;border-radius:50%;'
            f'border:2.5px dashed {COLOUR};background:#fff;vertical-align:middle;'
            'margin-right:.3rem"></span>')
    return (f'<div class="nm-legend nm-imported-legend"><b>Imported events:</b> <span>{ring}'
            f"researchers' datasets, not stories ({escape_text(held)})</span></div>")
