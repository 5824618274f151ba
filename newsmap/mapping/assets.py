"""Leaflet and its plugins served by the app itself (``static/``), never from a CDN."""

from __future__ import annotations

import folium

from newsmap.paths import STATIC_DIR

STATIC_URL = "/app/static"
"""Where Streamlit's static file serving exposes the repository's ``static/`` folder."""

LOCAL_JS = [
    ("leaflet", f"{STATIC_URL}/leaflet/leaflet.js"),
    ("markercluster", f"{STATIC_URL}/markercluster/leaflet.markercluster.js"),
    ("newsmap_countries", f"{STATIC_URL}/newsmap/countries-110m.js"),
]
LOCAL_CSS = [
    ("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css"),
    ("markercluster_css", f"{STATIC_URL}/markercluster/MarkerCluster.css"),
    ("markercluster_default_css", f"{STATIC_URL}/markercluster/MarkerCluster.Default.css"),
    ("newsmap_css", f"{STATIC_URL}/newsmap/map.css"),
]


OUTLINES_URL = f"{STATIC_URL}/newsmap/outlines-50m"
OUTLINES_DIR = STATIC_DIR / "newsmap" / "outlines-50m"
"""One GeoJSON geometry per country (``ISO3.json``, 1:50m): the selected country's finer
outline, fetched by the browser only when it is zoomed in."""

COUNTRIES_FILE = STATIC_DIR / "newsmap" / "countries-110m.js"
"""The country polygons the browser loads once with the map (built from ``geo/``)."""


def use_local_assets(m: folium.Map) -> folium.Map:
    """Point ``m`` at the bundled Leaflet, marker-cluster, country polygons and map CSS only
    (no jQuery, Bootstrap or Font Awesome, which the map does not use); returns ``m``."""
    m.default_js = list(LOCAL_JS)
    m.default_css = list(LOCAL_CSS)
    return m
