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
from newsmap.mapping.shapes import Bounds, CountryShape

PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
"""ColorBrewer YlGnBu, 5 classes: sequential and safe for colour-blind readers."""
NEUTRAL = "#e4e4e4"
"""Fill of countries with no matching story."""
NEUTRAL_DARK = "#3c4043"
"""The same on a dark page (the reader's browser prefers dark)."""
EVENT_ZOOM = 6
"""From this zoom on, events are drawn as points (clustered); below it, whole countries are
in view and each country shows one count badge that lets clicks through. At zoom 6 Albania
is about 160 px wide on a 700 px map: a marker no longer hides a country."""
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
    from a small per-view table: only the table travels when the filters change.

    Below ``EVENT_ZOOM`` each country with events carries a badge with its event count; the
    badges never take a click (``interactive: false`` and ``pointer-events: none``), so a
    click anywhere inside a country reaches the country. A click selects and frames the
    country at once in the browser (``window.NEWSMAP_SELECT``, see ``basemap``) while the app
    reruns. A "Fit to results" button frames the countries with matching stories; when the
    filters leave one country the map frames it by itself.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
  var table = {{ this.table }}, fit = {{ this.fit }}, autoFit = {{ this.auto_fit }};
  var noun = {{ this.noun }}, eventZoom = {{ this.event_zoom }};
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  var neutral = dark ? {{ this.neutral_dark }} : {{ this.neutral }};
  var source = window.NEWSMAP_COUNTRIES || {type: "FeatureCollection", features: []};
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function row(feature) { return table[feature.properties.iso_a3] || [neutral, 0, 0]; }
  function extent(feature) {
    var b = feature.properties.bbox;
    return b ? (b[2] - b[0]) * (b[3] - b[1]) : 0;
  }
  // the smallest countries are drawn last, on top: where a neighbour's simplified outline
  // overlaps a small country by a pixel (Syria over Lebanon), the small country gets the click
  var drawn = source.features.slice().sort(function (a, b) { return extent(b) - extent(a); });
  var layer = L.geoJson({type: "FeatureCollection", features: drawn}, {
    smoothFactor: 0.5,
    style: function (feature) {
      var r = row(feature);
      return {fillColor: r[1] ? r[0] : neutral, fillOpacity: 0.85,
              color: dark ? "#9aa0a6" : {{ this.outline }}, weight: 0.6,
              className: "country country-" + feature.properties.iso_a3};
    },
    onEachFeature: function (feature, path) {
      var r = row(feature), iso3 = feature.properties.iso_a3;
      path.bindTooltip(escape(feature.properties.name + " — " + plural(r[1], noun[0], noun[1])
                              + ", " + plural(r[2], "event", "events")),
                       {sticky: true, className: "nm-tooltip"});
      path.on({
        mouseover: function (e) {
          e.target.setStyle({weight: 2, color: dark ? "#ffffff" : "#333333"});
        },
        mouseout: function (e) { layer.resetStyle(e.target); },
        click: function () { if (window.NEWSMAP_SELECT) { window.NEWSMAP_SELECT(iso3, "click"); } }
      });
    }
  });
  // per-country event counts while whole countries are in view; they never take a click,
  // and only badges that fit inside their country are on the map at all
  var badges = L.layerGroup(), all = [];
  source.features.forEach(function (feature) {
    var r = row(feature), p = feature.properties;
    if (!r[2] || !p.centre) { return; }
    var marker = L.marker(p.centre, {interactive: false, keyboard: false, icon: L.divIcon({
      className: "nm-badge-count", html: "<span>" + r[2] + "</span>",
      iconSize: null})});
    marker.nmBox = p.bbox;
    all.push(marker);
  });
  function fits(marker, zoom) {
    var b = marker.nmBox;
    if (!b) { return true; }
    var sw = map.project([b[0], b[1]], zoom), ne = map.project([b[2], b[3]], zoom);
    return Math.abs(ne.x - sw.x) >= 26 && Math.abs(ne.y - sw.y) >= 16;
  }
  function showBadges() {
    var zoom = map.getZoom();
    all.forEach(function (marker) {
      var wanted = zoom < eventZoom && fits(marker, zoom);
      if (wanted && !badges.hasLayer(marker)) { badges.addLayer(marker); }
      if (!wanted && badges.hasLayer(marker)) { badges.removeLayer(marker); }
    });
  }
  badges.on("add", function () { showBadges(); map.on("zoomend", showBadges); });
  badges.on("remove", function () { map.off("zoomend", showBadges); });
  var FitControl = L.Control.extend({
    options: {position: "topright"},
    onAdd: function () {
      var button = L.DomUtil.create("button", "nm-fit");
      button.type = "button";
      button.textContent = "Fit to results";
      button.title = "Frame the countries with matching stories";
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.on(button, "click", function () { fitResults(); });
      return button;
    }
  });
  var control = fit ? new FitControl() : null;
  function fitResults() {
    if (fit) {
      map.fitBounds([[fit[0], fit[1]], [fit[2], fit[3]]], {maxZoom: 7, padding: [12, 12]});
    }
  }
  layer.on("add", function () {
    if (control) { control.addTo(map); }
    if (autoFit) { fitResults(); }
  });
  layer.on("remove", function () { if (control) { map.removeControl(control); } });
  return L.featureGroup([layer, badges]);
})({{ this._parent._parent.get_name() }});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, table: dict[str, list[Any]], *, fit: Bounds | None, auto_fit: bool,
                 primary: bool) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Countries"
        self.table = safe_json(table)
        self.neutral = safe_json(NEUTRAL)
        self.neutral_dark = safe_json(NEUTRAL_DARK)
        self.outline = safe_json(OUTLINE)
        self.fit = safe_json(list(fit) if fit else None)
        self.auto_fit = safe_json(bool(auto_fit and fit))
        self.noun = safe_json(["story about it", "stories about it"] if primary
                              else ["story", "stories"])
        self.event_zoom = safe_json(EVENT_ZOOM)


def countries_layer(
    shapes: Mapping[str, CountryShape], counts: pd.DataFrame, *, primary: bool = True,
    fit: Bounds | None = None, auto_fit: bool = False,
) -> folium.FeatureGroup:
    """Every country shaded by its story count (``counts``: iso3, stories, events; stories
    about the country when ``primary``, every story naming it otherwise), with the tooltip
    "Country — N stories about it, M events", the CSS class ``country country-ISO3``, event
    count badges, and a "Fit to results" button framing ``fit`` (framed at once when
    ``auto_fit``).

    The polygons themselves come from ``static/newsmap/countries-110m.js`` (see
    :func:`countries_script`); the layer carries only :func:`shading` of ``counts``.
    """
    group = folium.FeatureGroup(name="Countries", control=False)
    _Countries(shading(shapes, counts), fit=fit, auto_fit=auto_fit,
               primary=primary).add_to(group)
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


def countries_script(shapes: Mapping[str, CountryShape]) -> str:
    """The JavaScript file that gives the browser every polygon once, with the map's assets:
    ``window.NEWSMAP_COUNTRIES``, a GeoJSON FeatureCollection (properties iso_a3, name,
    centre [lat, lon] inside the largest polygon, bbox [south, west, north, east] of it)."""
    features = [
        {"type": "Feature",
         "properties": {"iso_a3": iso3, "name": shape.name, "centre": list(shape.centre),
                        "bbox": [round(v, 3) for v in shape.bounds]},
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
