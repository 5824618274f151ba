"""Event markers: one per place and event type, a letter icon per type, clustered when close.

Markers are aggregated by the query (``newsmap.query.event_markers``), so the layer stays small
for any archive: each marker carries its event count and a popup listing its first events.
All popup text is escaped here, before it reaches the map's HTML.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from newsmap.mapping.choropleth import EVENT_ZOOM
from newsmap.mapping.jsdata import safe_json
from newsmap.model import EventType, PartialDate
from newsmap.sites import place_label


@dataclass(frozen=True)
class EventStyle:
    """How one event type is drawn: a letter on a coloured disc, and its legend label."""

    type: str
    letter: str
    colour: str
    label: str

    @property
    def slug(self) -> str:
        """The type as a CSS class fragment ("arms transfer" -> "arms-transfer")."""
        return self.type.replace(" ", "-")


# Okabe-Ito colours (distinguishable with colour-blindness) plus a letter, so colour is never
# the only cue.
EVENT_STYLES: dict[str, EventStyle] = {
    s.type: s for s in (
        EventStyle(EventType.CYBERATTACK.value, "C", "#0072B2", "Cyberattack"),
        EventStyle(EventType.DIPLOMATIC.value, "D", "#009E73", "Diplomatic"),
        EventStyle(EventType.TERRORISM.value, "T", "#D55E00", "Terrorism"),
        EventStyle(EventType.ARMS_TRANSFER.value, "A", "#E69F00", "Arms transfer"),
        EventStyle(EventType.MIGRATION.value, "M", "#56B4E9", "Migration"),
        EventStyle(EventType.PROTEST.value, "P", "#CC79A7", "Protest"),
        EventStyle(EventType.ARMED_CONFLICT.value, "W", "#000000", "Armed conflict"),
        EventStyle(EventType.ELECTION.value, "E", "#7B5EA7", "Election"),
        EventStyle(EventType.DISASTER.value, "N", "#8C510A", "Disaster"),
        EventStyle(EventType.OTHER.value, "•", "#6E6E6E", "Other"),
    )
}
SELECTED_POINTS_PX = 120
"""Below the event zoom, the selected country's own points are drawn once the country is at
least this many pixels across (France framed, Kosovo zoomed in), never at the overview."""
MAX_SUMMARY = 160
"""Characters of an event's summary in a popup; every popup travels with every rerun."""


def event_style(event_type: str | None) -> EventStyle:
    """The style of an event type; unknown types are drawn as "other"."""
    return EVENT_STYLES.get(event_type or "", EVENT_STYLES[EventType.OTHER.value])


@functools.lru_cache(maxsize=65_536)
def date_label(date: str | None) -> str:
    """An event or publication date at its own precision ("September 2022"), or "undated"."""
    if not date:
        return "undated"
    try:
        return PartialDate.parse(date).label()
    except ValueError:
        return str(date)


class _EventMarkers(MacroElement):
    """A marker-cluster group built in the browser from one compact JSON array."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.markerClusterGroup(Object.assign({{ this.options }}, {
  iconCreateFunction: function (cluster) {
    var total = 0, kids = cluster.getAllChildMarkers();
    for (var k = 0; k < kids.length; k++) { total += kids[k].options.nmEvents || 1; }
    return L.divIcon({className: 'nm-cluster', html: '<span>' + total + '</span>',
                      iconSize: [26, 26], iconAnchor: [13, 13]});
  }
}));
(function () {
  var styles = {{ this.styles }}, titles = {{ this.titles }}, rows = {{ this.rows }};
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  // built with textContent when the popup opens: article text never becomes markup
  function popup(r, s) {
    var box = el('div', 'nm-popup'), list = el('ul');
    box.appendChild(el('p', 'nm-popup-head', s[3] + (r[4] ? ' · ' + r[4] : '')));
    r[6].forEach(function (e) {
      var item = el('li');
      item.appendChild(el('span', 'nm-date', e[0]));
      item.appendChild(document.createTextNode(' ' + e[1]));
      item.appendChild(el('br'));
      item.appendChild(el('span', 'nm-story', titles[e[2]]));
      if (e.length > 3) {  // the event's own place, when it is not the marker's
        item.appendChild(el('br'));
        item.appendChild(el('span', 'nm-where', e[3]));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var more = r[3] - r[6].length;
    if (more > 0) { box.appendChild(el('p', 'nm-more', 'and ' + more + ' more')); }
    return box;
  }
  rows.forEach(function (r) {
    var s = styles[r[2]];
    var badge = r[3] > 1 ? '<b class="nm-count">' + r[3] + '</b>' : '';
    var icon = L.divIcon({
      className: 'nm-event nm-event-' + s[0],
      html: '<span style="background:' + s[2] + '">' + s[1] + '</span>' + badge,
      iconSize: [20, 20], iconAnchor: [10, 10], popupAnchor: [0, -8]
    });
    var marker = L.marker([r[0], r[1]], {icon: icon, title: r[5], alt: r[5],
                                         riseOnHover: true, nmEvents: r[3], nmIso3: r[7]});
    marker.bindPopup(function () { return popup(r, s); }, {maxWidth: 320});
    {{ this.get_name() }}.addLayer(marker);
  });
})();
(function (group, parent) {
  // Every point from EVENT_ZOOM on; below it whole countries are in view and a cluster would
  // sit on a country a reader means to click, so only the selected country's points are
  // drawn, and only while that country is large on screen (its points then stay inside it);
  // the others are counted on badges.
  var all = group.getLayers(), shown = null;
  function large(map, iso3) {
    var f = ((window.NEWSMAP_COUNTRIES || {}).features || []).filter(function (x) {
      return x.properties.iso_a3 === iso3; })[0];
    if (!f) { return false; }
    var b = f.properties.bbox, z = map.getZoom();
    var sw = map.project([b[0], b[1]], z), ne = map.project([b[2], b[3]], z);
    return Math.min(Math.abs(ne.x - sw.x), Math.abs(ne.y - sw.y)) >= {{ this.large_px }};
  }
  function gate() {
    var map = parent._map;
    if (!map) { return; }
    var wide = map.getZoom() < {{ this.event_zoom }};
    var selected = wide && window.NEWSMAP_SELECTED && large(map, window.NEWSMAP_SELECTED)
      ? window.NEWSMAP_SELECTED : null;
    var key = wide ? "only:" + selected : "all";
    if (key === shown) { return; }
    shown = key;
    group.clearLayers();
    group.addLayers(wide ? all.filter(function (m) { return m.options.nmIso3 === selected; })
                         : all);
    if (!parent.hasLayer(group)) { parent.addLayer(group); }
  }
  parent.on("add", function () {
    shown = null; gate();
    parent._map.on("zoomend nm:select", gate);
  });
  parent.on("remove", function (e) {
    if (e.target._map) { e.target._map.off("zoomend nm:select", gate); }
  });
  if (parent._map) { parent.removeLayer(group); gate(); parent._map.on("zoomend nm:select", gate); }
})({{ this.get_name() }}, {{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, rows: list[list[Any]], styles: list[list[str]],
                 titles: list[str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "EventMarkers"
        self.rows = safe_json(rows)
        self.titles = safe_json(titles)
        self.styles = safe_json(styles)
        self.event_zoom = safe_json(EVENT_ZOOM)
        self.large_px = safe_json(SELECTED_POINTS_PX)
        self.options = safe_json({
            "maxClusterRadius": 40, "showCoverageOnHover": False,
            "spiderfyOnMaxZoom": True,
        })


def events_layer(markers: pd.DataFrame) -> folium.FeatureGroup:
    """Markers for aggregated located events (the frame ``event_markers`` returns).

    Each marker travels as one compact row (point, type, count, place, and its shown events as
    date label, summary and an index into a shared list of story titles, then their own place
    when it is not the marker's); the browser builds the popup from them with ``textContent``
    only when it opens. A place shown at another town's position says so in the popup and the
    marker's tooltip ("Gikomero — near Kigali (shown at Kigali's position)").
    """
    group = folium.FeatureGroup(name="Events", control=False)
    if markers.empty:
        return group
    styles = list(EVENT_STYLES.values())
    index = {s.type: i for i, s in enumerate(styles)}
    titles: dict[str, int] = {}
    rows: list[list[Any]] = []
    # plain dicts grouped in first-seen order: pandas groupby and row access per group cost
    # about 0.4 ms a marker, most of a rerun's time with 1,000 markers (bench/scale.py)
    groups: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = {}
    columns = [c for c in ("lat", "lon", "type", "events", "place", "date", "summary", "title",
                           "iso3", "site_of") if c in markers.columns]
    for values in zip(*(markers[c].tolist() for c in columns), strict=True):
        record = dict(zip(columns, values, strict=True))
        groups.setdefault((record["lat"], record["lon"], record["type"]), []).append(record)
    for (lat, lon, event_type), shown in groups.items():
        style = event_style(str(event_type))
        first = shown[0]
        total = int(first["events"])
        place = _place(first)
        label = f"{style.label}: {place}" if place else style.label
        if total > 1:
            label += f" ({total} events)"
        events = []
        for e in shown:
            event = [date_label(e["date"]), _shorten(str(e["summary"] or "")),
                     titles.setdefault(str(e["title"] or ""), len(titles))]
            own = _place(e)
            events.append(event if own == place else [*event, own])
        iso3 = first.get("iso3")
        rows.append([round(float(lat), 5), round(float(lon), 5), index[style.type], total,
                     place, label, events, iso3 if isinstance(iso3, str) else None])
    _EventMarkers(rows, [[s.slug, s.letter, s.colour, s.label] for s in styles],
                  list(titles)).add_to(group)
    return group


def _place(event: dict[str, Any]) -> str:
    """Where an event of a marker is, as a reader is told: its place's name, and the town it
    is shown at when that is another's position (:func:`newsmap.sites.place_label`)."""
    name = event["place"]
    if not isinstance(name, str) or not name:
        return ""
    return place_label(name, event.get("site_of"))


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_SUMMARY else text[:MAX_SUMMARY - 1].rstrip() + "…"


def marker_count(markers: pd.DataFrame) -> int:
    """How many markers a frame from ``event_markers`` draws (one per point and type)."""
    if markers.empty:
        return 0
    return int(markers[["lat", "lon", "type"]].drop_duplicates().shape[0])


def marker_types(markers: pd.DataFrame) -> list[str]:
    """The event types drawn, in order of first appearance (for the legend)."""
    return list(dict.fromkeys(str(t) for t in markers["type"]))
