"""Country polygons prepared once for the map: rounded GeoJSON geometry, a centre and bounds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

Bounds = tuple[float, float, float, float]
"""(south, west, north, east) in degrees."""


@dataclass(frozen=True)
class CountryShape:
    """One country as the map draws it."""

    iso3: str
    name: str
    geometry: dict[str, Any]
    centre: tuple[float, float]
    """(lat, lon) of a point inside the country's largest polygon."""
    bounds: Bounds
    """Bounds of the largest polygon (France without French Guiana)."""


def country_shapes(boundaries: Any, decimals: int = 2) -> dict[str, CountryShape]:
    """Shapes keyed by ISO3 from a boundaries GeoDataFrame (columns iso3, name, geometry)."""
    shapes: dict[str, CountryShape] = {}
    for iso3, name, geometry in zip(boundaries["iso3"], boundaries["name"],
                                    boundaries.geometry, strict=True):
        if geometry is None or geometry.is_empty or not isinstance(iso3, str):
            continue
        main = _largest_part(geometry)
        point = main.representative_point()
        west, south, east, north = main.bounds
        rounded = shapely.transform(geometry, lambda xy: np.round(xy, decimals))
        shapes[iso3] = CountryShape(
            iso3=iso3,
            name=str(name),
            geometry=_plain(mapping(rounded)),
            centre=(round(point.y, 4), round(point.x, 4)),
            bounds=(south, west, north, east),
        )
    return shapes


def covered_bounds(shapes: dict[str, CountryShape], iso3s: Iterable[str]) -> Bounds | None:
    """Bounds around the main polygons of the given countries, or None if none has a shape."""
    boxes = [shapes[i].bounds for i in iso3s if i in shapes]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def zoom_for(bounds: Bounds) -> int:
    """A zoom level at which a box of this size fills a map of about 700 pixels."""
    south, west, north, east = bounds
    extent = max(east - west, (north - south) * 1.5, 0.5)
    zoom = int(np.floor(np.log2(360 / extent))) + 1
    return max(2, min(zoom, 7))


def _largest_part(geometry: Any) -> Polygon:
    if isinstance(geometry, MultiPolygon):
        return max(geometry.geoms, key=lambda g: g.area)
    if isinstance(geometry, Polygon):
        return geometry
    return shapely.convex_hull(geometry)


def _plain(value: Any) -> Any:
    """GeoJSON mapping with tuples as lists (what folium and json expect)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.floating):
        return float(value)
    return value
