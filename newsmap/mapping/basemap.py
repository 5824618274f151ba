"""The base map (the same on every rerun) and the layers that change with the reader's view."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from newsmap.mapping.assets import use_local_assets
from newsmap.mapping.choropleth import countries_layer, selection_layer
from newsmap.mapping.markers import events_layer
from newsmap.mapping.shapes import Bounds, CountryShape, zoom_for

DEFAULT_CENTRE = (30.0, 15.0)
DEFAULT_ZOOM = 2
MIN_ZOOM = 1
MAX_ZOOM = 10
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


@dataclass(frozen=True)
class MapLayers:
    """What st_folium sends on each rerun: the layers (countries, selection, events)."""

    countries: folium.FeatureGroup
    selection: folium.FeatureGroup
    events: folium.FeatureGroup

    def as_list(self) -> list[folium.FeatureGroup]:
        """The layers bottom to top, as ``st_folium(feature_group_to_add=...)`` takes them."""
        return [self.countries, self.selection, self.events]


def base_map(*, tiles: bool = False, fit: Bounds | None = None) -> folium.Map:
    """The map without data: offline assets, a plain background (or web tiles when ``tiles``),
    the Natural Earth attribution, and a first view around ``fit`` (else the world).

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
    # with no tile layer folium drops the zoom limits, and marker clustering needs maxZoom
    m.options.update({"minZoom": MIN_ZOOM, "maxZoom": MAX_ZOOM})
    use_local_assets(m)
    if tiles:
        folium.TileLayer(
            "OpenStreetMap", attr=TILE_ATTRIBUTION, max_zoom=MAX_ZOOM, control=False
        ).add_to(m)
    _Attribution(ATTRIBUTION).add_to(m)
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
    selected: str | None = None,
    names: Mapping[str, str] | None = None,
) -> MapLayers:
    """The layers for one view: countries shaded by ``counts``, the ``selected`` country's
    outline, and the aggregated event ``markers``.

    ``names`` is accepted for earlier callers and not used: country names now travel once,
    with the polygons (``static/newsmap/countries-110m.js``).
    """
    del names
    return MapLayers(
        countries=countries_layer(shapes, counts),
        selection=selection_layer(shapes, selected),
        events=events_layer(markers),
    )


def standalone_map(layers: MapLayers, *, tiles: bool = False) -> folium.Map:
    """Base map and layers in one folium Map (for tests, exports and static HTML)."""
    m = base_map(tiles=tiles)
    for layer in layers.as_list():
        layer.add_to(m)
    return m
