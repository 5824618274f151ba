"""Map building: pure functions that turn query results into folium layers.

The base map (:func:`base_map`) depends only on settings, so it is the same on every rerun;
what changes with the reader's filters and selection goes into feature groups
(:func:`build_map`) that ``st_folium`` swaps in without reloading the map.
"""

from newsmap.mapping import lazy_templates
from newsmap.mapping.assets import COUNTRIES_FILE, OUTLINES_DIR, STATIC_URL, use_local_assets
from newsmap.mapping.basemap import MapLayers, base_map, build_map
from newsmap.mapping.choropleth import (
    NEUTRAL,
    LegendEntry,
    class_breaks,
    countries_layer,
    countries_script,
    legend_entries,
)
from newsmap.mapping.clicks import Click, clicked_country
from newsmap.mapping.markers import EVENT_STYLES, EventStyle, event_style, events_layer
from newsmap.mapping.shapes import CountryShape, country_shapes, covered_bounds, framing_bounds

lazy_templates.install()  # about 60 ms a rerun: see the module's docstring

__all__ = [
    "COUNTRIES_FILE",
    "EVENT_STYLES",
    "NEUTRAL",
    "OUTLINES_DIR",
    "STATIC_URL",
    "Click",
    "CountryShape",
    "EventStyle",
    "LegendEntry",
    "MapLayers",
    "base_map",
    "build_map",
    "class_breaks",
    "clicked_country",
    "countries_layer",
    "countries_script",
    "country_shapes",
    "covered_bounds",
    "event_style",
    "events_layer",
    "framing_bounds",
    "legend_entries",
    "use_local_assets",
]
