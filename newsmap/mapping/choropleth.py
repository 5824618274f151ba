"""Countries shaded by how many stories match, and the selected country's outline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from newsmap.mapping.jsdata import safe_json
from newsmap.mapping.shapes import CountryShape

PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
"""ColorBrewer YlGnBu, 5 classes: sequential and safe for colour-blind readers."""
NEUTRAL = "#e4e4e4"
"""Fill of countries with no matching story."""
OUTLINE = "#8a8a8a"
SELECTED = "#d7301f"
_NICE = (1, 2, 5)


@dataclass(frozen=True)
class LegendEntry:
    """One class of the choropleth: its colour and the range of counts it covers."""

    colour: str
    label: str


def class_breaks(max_count: int, classes: int = len(PALETTE)) -> list[int]:
    """Lower bounds of at most ``classes`` classes covering 1..max_count, on a 1-2-5 scale."""
    if max_count <= 0:
        return []
    if max_count <= classes:
        return list(range(1, max_count + 1))
    nice = [1]
    scale = 1
    while True:
        for step in _NICE:
            value = step * scale
            if value > nice[-1] and value <= max_count:
                nice.append(value)
        if scale * 10 > max_count:
            break
        scale *= 10
    if len(nice) <= classes:
        return nice
    # keep 1, then spread the rest of the picks evenly over the nice values
    picks = [nice[round(i * (len(nice) - 1) / (classes - 1))] for i in range(classes)]
    return sorted(set(picks))


def colour_for(count: int, breaks: list[int]) -> str:
    """The fill for ``count`` stories: neutral for none, else its class's colour."""
    if count <= 0 or not breaks:
        return NEUTRAL
    index = max(i for i, low in enumerate(breaks) if count >= low)
    return PALETTE[_palette_index(index, len(breaks))]


def legend_entries(breaks: list[int], max_count: int) -> list[LegendEntry]:
    """The legend for these classes, the neutral 'no stories' entry first."""
    entries = [LegendEntry(NEUTRAL, "no stories")]
    for i, low in enumerate(breaks):
        high = breaks[i + 1] - 1 if i + 1 < len(breaks) else max_count
        label = str(low) if high == low else f"{low}–{high}"
        entries.append(LegendEntry(PALETTE[_palette_index(i, len(breaks))], label))
    return entries


class _Countries(MacroElement):
    """The country polygons (loaded once with the map from ``countries-110m.js``), styled
    from a small per-view table: only the table travels on each rerun."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var table = {{ this.table }}, neutral = {{ this.neutral }};
  var source = window.NEWSMAP_COUNTRIES || {type: "FeatureCollection", features: []};
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function row(feature) { return table[feature.properties.iso_a3] || [neutral, 0, 0]; }
  var layer = L.geoJson(source, {
    style: function (feature) {
      return {fillColor: row(feature)[0], fillOpacity: 0.85, color: {{ this.outline }},
              weight: 0.6, className: "country country-" + feature.properties.iso_a3};
    },
    onEachFeature: function (feature, path) {
      var r = row(feature);
      path.bindTooltip(escape(feature.properties.name + " — " + plural(r[1], "story", "stories")
                              + ", " + plural(r[2], "event", "events")),
                       {sticky: true, className: "nm-tooltip"});
      path.on({
        mouseover: function (e) { e.target.setStyle({weight: 2, color: "#333333"}); },
        mouseout: function (e) { layer.resetStyle(e.target); }
      });
    }
  });
  return layer;
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, table: dict[str, list[Any]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Countries"
        self.table = safe_json(table)
        self.neutral = safe_json(NEUTRAL)
        self.outline = safe_json(OUTLINE)


class _Selection(MacroElement):
    """The selected country's outline, drawn from the same preloaded polygons."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson(window.NEWSMAP_COUNTRIES || null, {
  filter: function (feature) { return feature.properties.iso_a3 === {{ this.iso3 }}; },
  style: function () {
    return {color: {{ this.colour }}, weight: 3, fill: false, interactive: false,
            className: "country-selected selected-" + {{ this.iso3 }}};
  },
  interactive: false
});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, iso3: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Selection"
        self.iso3 = safe_json(iso3)
        self.colour = safe_json(SELECTED)


def countries_layer(
    shapes: Mapping[str, CountryShape], counts: pd.DataFrame
) -> folium.FeatureGroup:
    """Every country shaded by its story count (``counts``: iso3, stories, events), with the
    tooltip "Country — N stories, M events" and the CSS class ``country country-ISO3``.

    The polygons themselves come from ``static/newsmap/countries-110m.js`` (see
    :func:`countries_script`); the layer carries only :func:`shading` of ``counts``.
    """
    group = folium.FeatureGroup(name="Countries", control=False)
    _Countries(shading(shapes, counts)).add_to(group)
    return group


def shading(shapes: Mapping[str, CountryShape], counts: pd.DataFrame) -> dict[str, list[Any]]:
    """{iso3: [fill colour, stories, events]} for the countries that have stories or events
    and a polygon; every other country is drawn neutral with zero counts."""
    by_iso3 = _count_map(counts)
    breaks = class_breaks(max((s for s, _ in by_iso3.values()), default=0))
    return {
        iso3: [colour_for(stories, breaks), stories, events]
        for iso3, (stories, events) in sorted(by_iso3.items())
        if iso3 in shapes and (stories or events)
    }


def selection_layer(shapes: Mapping[str, CountryShape], iso3: str | None) -> folium.FeatureGroup:
    """A thick outline around the selected country; it lets clicks through to the map."""
    group = folium.FeatureGroup(name="Selected country", control=False)
    if iso3 and iso3 in shapes:
        _Selection(iso3).add_to(group)
    return group


def countries_script(shapes: Mapping[str, CountryShape]) -> str:
    """The JavaScript file that gives the browser every polygon once, with the map's assets:
    ``window.NEWSMAP_COUNTRIES``, a GeoJSON FeatureCollection (properties iso_a3, name)."""
    features = [
        {"type": "Feature", "properties": {"iso_a3": iso3, "name": shape.name},
         "geometry": shape.geometry}
        for iso3, shape in sorted(shapes.items())
    ]
    collection = safe_json({"type": "FeatureCollection", "features": features})
    return ("// Generated by scripts/build_static_countries.py from geo/countries-110m.geojson"
            " (Natural Earth, public domain). Do not edit.\n"
            f"window.NEWSMAP_COUNTRIES = {collection};\n")


def tooltip_text(name: str, stories: int, events: int) -> str:
    """'Albania — 1 story, 2 events' (plain text; escape it before it reaches HTML)."""
    return f"{name} — {_plural(stories, 'story', 'stories')}, {_plural(events, 'event', 'events')}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _count_map(counts: pd.DataFrame) -> dict[str, tuple[int, int]]:
    return {
        str(iso3): (int(stories), int(events))
        for iso3, stories, events in zip(counts["iso3"], counts["stories"], counts["events"],
                                         strict=True)
    }


_SPREAD = {1: (3,), 2: (1, 3), 3: (1, 2, 4), 4: (1, 2, 3, 4), 5: (0, 1, 2, 3, 4)}


def _palette_index(index: int, n_classes: int) -> int:
    """Spread ``n_classes`` classes over the palette so that few classes stay distinct."""
    picks = _SPREAD[min(max(n_classes, 1), len(PALETTE))]
    return picks[min(index, len(picks) - 1)]
