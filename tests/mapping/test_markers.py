"""Event markers: aggregated, one icon per type, escaped popups, no CDN."""

from __future__ import annotations

import pandas as pd

from newsmap.mapping import EVENT_STYLES, event_style, events_layer
from newsmap.mapping.basemap import base_map
from newsmap.mapping.markers import date_label
from newsmap.model import EventType

COLUMNS = ["lat", "lon", "place", "iso3", "type", "events", "rank", "date", "precision",
           "summary", "title", "article_id"]


def _markers(rows):
    return pd.DataFrame(rows, columns=COLUMNS)


def _render(group) -> str:
    m = base_map()
    group.add_to(m)
    return m.get_root().render()


def test_every_event_type_has_a_distinct_letter_and_colour():
    assert set(EVENT_STYLES) == {t.value for t in EventType}
    letters = [s.letter for s in EVENT_STYLES.values()]
    assert len(set(letters)) == len(letters)
    assert event_style("no such type").type == "other"


def test_markers_are_one_per_place_and_type_with_counts_and_popups():
    markers = _markers([
        (41.33, 19.82, "Tirana", "ALB", "cyberattack", 2, 1, "2022-07-15", "day",
         "A cyberattack.", "Albania cuts ties", "a"),
        (41.33, 19.82, "Tirana", "ALB", "cyberattack", 2, 2, "2022-09", "month",
         "Another.", "Albania cuts ties", "a"),
        (48.85, 2.35, "Paris", "FRA", "terrorism", 1, 1, "2018", "year", "A plot.", "Plot", "b"),
    ])
    html = _render(events_layer(markers))
    assert html.count('"Tirana","Cyberattack: Tirana (2 events)"') == 1
    assert "15 July 2022" in html
    assert "September 2022" in html
    assert "L.markerClusterGroup" in html
    assert "Cyberattack: Tirana (2 events)" in html


def test_popup_text_is_escaped_before_it_reaches_the_map():
    markers = _markers([
        (52.5, 13.4, "<b>Berlin</b>", "DEU", "protest", 1, 1, "2021-03", "month",
         "<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "x"),
    ])
    html = _render(events_layer(markers))
    assert "<img src=x" not in html
    assert "<script>alert(2)" not in html
    # the text travels as JSON-escaped data and becomes text nodes, never markup
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "textContent" in html
    assert "innerHTML" not in html


def test_no_markers_is_an_empty_layer():
    assert events_layer(_markers([]))._children == {}


def test_the_map_loads_nothing_from_the_network():
    markers = _markers([(41.3, 19.8, "Tirana", "ALB", "diplomatic", 1, 1, None, None, "x", "t",
                         "a")])
    html = _render(events_layer(markers))
    assert "http://" not in html
    assert "https://" not in html
    assert "/app/static/leaflet/leaflet.js" in html
    assert "/app/static/markercluster/leaflet.markercluster.js" in html


def test_dates_are_shown_at_their_precision():
    assert date_label("2022-09") == "September 2022"
    assert date_label("1990s") == "the 1990s"
    assert date_label(None) == "undated"


def test_a_marker_says_which_of_its_events_are_at_a_place_shown_at_the_towns_position():
    """A village drawn at Kigali shares Kigali's marker: the marker is headed by its first
    event's place, and an event elsewhere names its own place and where it really is."""
    markers = pd.DataFrame([
        (-1.95, 30.06, "Kigali", "RWA", "armed conflict", 2, 1, "1994-04", "month",
         "Fighting in Kigali.", "Kigali", "a", None),
        (-1.95, 30.06, "Gikomero", "RWA", "armed conflict", 2, 2, "1994-05", "month",
         "A massacre in Gikomero.", "Gikomero", "b", "Kigali"),
    ], columns=[*COLUMNS, "site_of"])
    html = _render(events_layer(markers))
    assert '"Kigali","Armed conflict: Kigali (2 events)"' in html
    assert ',"Gikomero — near Kigali (shown at Kigali\'s position)"]' in html
