"""The base map (the same on every rerun) and the layers that change with the reader's view."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from newsmap.mapping.assets import OUTLINES_URL, use_local_assets
from newsmap.mapping.choropleth import SELECTED, countries_layer
from newsmap.mapping.jsdata import safe_json
from newsmap.mapping.markers import events_layer
from newsmap.mapping.shapes import Bounds, CountryShape, zoom_for

DEFAULT_CENTRE = (30.0, 15.0)
DEFAULT_ZOOM = 2
MIN_ZOOM = 2
MAX_ZOOM = 10
"""Past zoom 10 the 1:50m outlines are visibly coarse and the map has nothing more to show."""
ZOOM_SNAP = 0.25
"""Quarter zoom steps let a framed view fill the map (whole steps halve it)."""
FRAME_MAX_ZOOM = 7
"""Selecting a small country frames it at most this close."""
FINE_ZOOM = 5
"""From this zoom on, the selected country is outlined with its 1:50m boundary."""
MAP_ID = "newsmap"
"""A fixed element id: folium draws a random one per Map, which made every rerun's map message
differ; with a fixed id an unchanged map is sent once and then by reference."""
ATTRIBUTION = "Boundaries: Natural Earth (public domain)"
TILE_ATTRIBUTION = "© OpenStreetMap contributors"


class _Attribution(MacroElement):
    _template = Template("""
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
{% endmacro %}
""")

    def __init__(self, text: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Attribution"
        self.text = '"' + text.replace("\\", "").replace('"', "").replace("<", "") + '"'


class _Selection(MacroElement):
    """The selected country, followed in the browser: its outline and its framing.

    The selection is read from the page's address (``?country=ISO3``, which the app keeps
    current) every 150 ms, and set at once by a click on a country (``NEWSMAP_SELECT``).
    So a click, the Country box, a link and the Back button all outline and frame the
    country the same way, and none of them changes what the app sends for the map: the map
    message stays identical and travels by reference (a click costs the panel, not the map).
    Zoomed in, the outline is the country's 1:50m boundary, fetched once from ``static/``.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
  var index = {}, fine = {}, current = null, pending = null, pendingAt = 0;
  ((window.NEWSMAP_COUNTRIES || {}).features || []).forEach(function (f) {
    index[f.properties.iso_a3] = f;
  });
  var outline = L.layerGroup().addTo(map);
  function wanted() {
    try {
      var code = new URLSearchParams(window.parent.location.search).get("country");
      code = code ? code.trim().toUpperCase() : null;
      return code && index[code] ? code : null;
    } catch (e) { return current; }
  }
  function draw() {
    outline.clearLayers();
    if (!current) { return; }
    var close = map.getZoom() >= {{ this.fine_zoom }};
    var geometry = (close && fine[current]) || index[current].geometry;
    L.geoJson({type: "Feature", properties: {}, geometry: geometry}, {
      interactive: false,
      style: {color: {{ this.colour }}, weight: 3, fill: false, interactive: false,
              className: "country-selected selected-" + current}
    }).addTo(outline);
    if (close && fine[current] === undefined) {
      var iso3 = current;
      fine[iso3] = null;
      fetch({{ this.outlines }} + "/" + iso3 + ".json")
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (g) { if (g) { fine[iso3] = g; if (current === iso3) { draw(); } } })
        .catch(function () { return null; });
    }
  }
  function frame(iso3) {
    var b = index[iso3].properties.bbox;
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]],
                  {maxZoom: {{ this.frame_zoom }}, padding: [16, 16]});
  }
  function sendNow() {
    // st_folium reports a click after a 250 ms debounce; report it at once in the same form
    // (its own debounced report then finds nothing new and sends nothing)
    var data = window.__GLOBAL_DATA__;
    if (!data || !data.returned_objects || window.parent === window) { return; }
    var all = {last_object_clicked_count: data.last_object_clicked_count,
               last_active_drawing: data.last_active_drawing};
    var value = {};
    Object.keys(all).forEach(function (k) {
      if (data.returned_objects.indexOf(k) >= 0) { value[k] = all[k]; }
    });
    if (JSON.stringify(value) === JSON.stringify(data.previous_data)) { return; }
    data.previous_data = value;
    window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue",
                               value: value, dataType: "json"}, "*");
  }
  function select(iso3, how) {
    iso3 = iso3 && index[iso3] ? iso3 : null;
    if (how === "click") {
      pending = iso3;
      pendingAt = Date.now();
      // report the click first (after st_folium's own click handler counted it), and outline
      // and frame the country only after the page has passed the report on: moving the map
      // and its markers takes tens of milliseconds the app's rerun need not wait for
      window.setTimeout(function () {
        sendNow();
        window.setTimeout(function () { show(iso3); }, 0);
      }, 0);
      return;
    }
    show(iso3);
  }
  function show(iso3) {
    if (iso3 === current) { return; }
    current = iso3;
    window.NEWSMAP_SELECTED = iso3;
    map.fire("nm:select", {iso3: iso3});
    draw();
    if (iso3) { frame(iso3); }
  }
  window.NEWSMAP_SELECT = select;
  map.on("zoomend", draw);
  function follow() {
    var code = wanted();
    if (pending !== null) {
      // a click is on its way to the app: the address catches up when its rerun ends
      if (code !== pending && Date.now() - pendingAt < 4000) { return; }
      pending = null;
    }
    select(code, "address");
  }
  var opening = {{ this.fit }};
  if (opening && !wanted()) {
    map.fitBounds([[opening[0], opening[1]], [opening[2], opening[3]]],
                  {padding: [6, 6], maxZoom: {{ this.frame_zoom }}});
  }
  follow();
  window.setInterval(follow, 150);
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, fit: Bounds | None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Selection"
        self.fit = safe_json(list(fit) if fit else None)
        self.colour = safe_json(SELECTED)
        self.outlines = safe_json(OUTLINES_URL)
        self.fine_zoom = safe_json(FINE_ZOOM)
        self.frame_zoom = safe_json(FRAME_MAX_ZOOM)


@dataclass(frozen=True)
class MapLayers:
    """What st_folium sends when the filters change: the countries and the events layers
    (the selection is followed by the base map itself, see :class:`_Selection`)."""

    countries: folium.FeatureGroup
    events: folium.FeatureGroup

    def as_list(self) -> list[folium.FeatureGroup]:
        """The layers bottom to top, as ``st_folium(feature_group_to_add=...)`` takes them."""
        return [self.countries, self.events]


def base_map(*, tiles: bool = False, fit: Bounds | None = None) -> folium.Map:
    """The map without data: offline assets, a plain background (or web tiles when ``tiles``),
    the Natural Earth attribution, the selection follower, and a first view framing ``fit``
    (else the world); a link naming a country opens framed on that country instead.

    Its script depends only on these arguments, so st_folium keeps the same map on reruns.
    """
    centre, zoom = first_view(fit)
    m = folium.Map(
        location=centre,
        zoom_start=zoom,
        tiles=None,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        world_copy_jump=False,
        control_scale=False,
    )
    m._id = MAP_ID
    # with no tile layer folium drops the zoom limits, and marker clustering needs maxZoom
    m.options.update({"minZoom": MIN_ZOOM, "maxZoom": MAX_ZOOM, "zoomSnap": ZOOM_SNAP})
    use_local_assets(m)
    if tiles:
        folium.TileLayer(
            "OpenStreetMap", attr=TILE_ATTRIBUTION, max_zoom=MAX_ZOOM, control=False
        ).add_to(m)
    _Attribution(ATTRIBUTION).add_to(m)
    _Selection(fit).add_to(m)
    root: Any = m.get_root()
    root.header.add_child(Element('<meta name="referrer" content="no-referrer">'))
    return m


def first_view(fit: Bounds | None) -> tuple[tuple[float, float], int]:
    """Centre and zoom that show ``fit`` (the world when None), between zoom 2 and 5."""
    if fit is None:
        return DEFAULT_CENTRE, DEFAULT_ZOOM
    south, west, north, east = fit
    centre = (round((south + north) / 2, 3), round((west + east) / 2, 3))
    return centre, max(DEFAULT_ZOOM, min(zoom_for(fit) - 1, 5))


def build_map(
    shapes: Mapping[str, CountryShape],
    counts: pd.DataFrame,
    markers: pd.DataFrame,
    *,
    primary: bool = True,
    fit: Bounds | None = None,
    auto_fit: bool = False,
) -> MapLayers:
    """The layers for one set of filters: countries shaded by ``counts`` (stories about each
    country when ``primary``), with a "Fit to results" button for ``fit`` (framed at once when
    ``auto_fit``), and the aggregated event ``markers``.

    Nothing here depends on the selected country, so a click sends the same layers again and
    Streamlit sends them by reference.
    """
    return MapLayers(
        countries=countries_layer(shapes, counts, primary=primary, fit=fit, auto_fit=auto_fit),
        events=events_layer(markers),
    )


def standalone_map(layers: MapLayers, *, tiles: bool = False) -> folium.Map:
    """Base map and layers in one folium Map (for tests, exports and static HTML)."""
    m = base_map(tiles=tiles)
    for layer in layers.as_list():
        layer.add_to(m)
    return m
