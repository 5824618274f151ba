"""Country polygons prepared once for the map: rounded GeoJSON geometry, a centre and bounds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import polylabel

Bounds = tuple[float, float, float, float]
"""(south, west, north, east) in degrees."""


@dataclass(frozen=True)
class CountryShape:
    """One country as the map draws it."""

    iso3: str
    name: str
    geometry: dict[str, Any]
    centre: tuple[float, float]
    """(lat, lon) of the point of the country's largest polygon farthest from its edges."""
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
        point = _inner_point(main)
        west, south, east, north = main.bounds
        rounded = shapely.transform(geometry, lambda xy: np.round(xy, decimals))
        shapes[iso3] = CountryShape(
            iso3=iso3,
            name=str(name),
            geometry=_plain(mapping(rounded)),
            centre=(round(point.y, 4), round(point.x, 4)),
            bounds=(south, west, north, east),
        )
    return _centres_clear_of_neighbours(shapes, boundaries)


def _centres_clear_of_neighbours(shapes: dict[str, CountryShape],
                                 boundaries: Any) -> dict[str, CountryShape]:
    """Move a centre that falls inside another country's polygon (Israel's, inside the West
    Bank at 1:110m) to a point of its own country clear of it: the point readers are sent to
    click, and where the event count badge sits."""
    geometries = {iso3: geometry for iso3, geometry in zip(
        boundaries["iso3"], boundaries.geometry, strict=True)
        if isinstance(iso3, str) and iso3 in shapes}
    tree = shapely.STRtree(list(geometries.values()))
    codes = list(geometries)
    for iso3, shape in list(shapes.items()):
        point = shapely.Point(shape.centre[1], shape.centre[0])
        others = [geometries[codes[i]] for i in tree.query(point, predicate="intersects")
                  if codes[i] != iso3]
        if not others:
            continue
        own = _largest_part(geometries[iso3]).difference(shapely.union_all(others))
        if own.is_empty:
            continue
        inner = _inner_point(_largest_part(own))
        shapes[iso3] = replace(shape, centre=(round(inner.y, 4), round(inner.x, 4)))
    return shapes


def covered_bounds(shapes: Mapping[str, CountryShape], iso3s: Iterable[str]) -> Bounds | None:
    """Bounds around the main polygons of the given countries, or None if none has a shape."""
    boxes = [shapes[i].bounds for i in iso3s if i in shapes]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


LARGE_EXTENT = 25.0
"""A country wider or taller than this many degrees (Russia, the United States) is framed only
where it meets the region of the other countries, never as a whole."""


def framing_bounds(shapes: Mapping[str, CountryShape], weights: Mapping[str, int],
                   share: float = 0.8) -> Bounds | None:
    """Bounds that frame where the stories are: ``weights`` is stories per country (the
    stories *about* each, for the opening view).

    The core is the fewest best-covered countries holding ``share`` of the stories; a country
    outside the core is added when its centre lies near the core's box (within half the box's
    size, at least 10 degrees), so a handful of stories far away (one about the United
    States in a Balkan archive) does not pull the view out to the world. A large country
    (Russia, wider than ``LARGE_EXTENT``) widens the frame only when the core holds nothing
    else: its stories are most often about a part of it near the others.
    None when no country with stories has a shape.
    """
    ranked = sorted(((iso3, n) for iso3, n in weights.items() if n > 0 and iso3 in shapes),
                    key=lambda item: (-item[1], item[0]))
    if not ranked:
        return None
    total = sum(n for _, n in ranked)
    core: list[str] = []
    held = 0
    for iso3, n in ranked:
        if held >= share * total and n < ranked[0][1]:
            break
        core.append(iso3)
        held += n
    small = [i for i in core if not _large(shapes[i].bounds)]
    box = covered_bounds(shapes, small or core)
    assert box is not None  # every ranked country has a shape
    near = _grown(box)
    boxes = [shapes[i].bounds for i in (small or core)]
    for iso3, _ in ranked:
        if not _large(shapes[iso3].bounds) and _inside(*shapes[iso3].centre, near):
            boxes.append(shapes[iso3].bounds)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _large(bounds: Bounds) -> bool:
    south, west, north, east = bounds
    return east - west > LARGE_EXTENT or north - south > LARGE_EXTENT


def _grown(box: Bounds) -> Bounds:
    south, west, north, east = box
    margin_lat = max((north - south) / 2, 10.0)
    margin_lon = max((east - west) / 2, 10.0)
    return (south - margin_lat, west - margin_lon, north + margin_lat, east + margin_lon)


def _inside(lat: float, lon: float, box: Bounds) -> bool:
    return box[0] <= lat <= box[2] and box[1] <= lon <= box[3]


def zoom_for(bounds: Bounds) -> int:
    """A zoom level at which a box of this size fills a map of about 700 pixels."""
    south, west, north, east = bounds
    extent = max(east - west, (north - south) * 1.5, 0.5)
    zoom = int(np.floor(np.log2(360 / extent))) + 1
    return max(2, min(zoom, 7))


def _inner_point(polygon: Polygon) -> shapely.Point:
    """The point of ``polygon`` farthest from its edges (its pole of inaccessibility): where a
    click is surely inside, even when the country is a few pixels wide."""
    point: shapely.Point = polylabel(polygon, tolerance=0.01)
    return point


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
