"""Country polygons from Natural Earth (via world-atlas), shipped in ``geo/`` and read offline."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import geopandas as gpd
from shapely.geometry import Point

from newsmap.paths import GEO_DIR

__all__ = ["Scale", "boundaries_path", "country_at", "load_boundaries"]

Scale = Literal["110m", "50m"]
_COLUMNS = ["iso3", "name", "geometry"]


def boundaries_path(scale: Scale = "110m", folder: Path = GEO_DIR) -> Path:
    """The GeoJSON file holding the country polygons at ``scale``."""
    if scale not in ("110m", "50m"):
        raise ValueError(f"unknown scale {scale!r}; expected '110m' or '50m'")
    return folder / f"countries-{scale}.geojson"


def load_boundaries(scale: Scale = "110m") -> gpd.GeoDataFrame:
    """Country polygons: columns ``iso3``, ``name``, ``geometry``, EPSG:4326, one row per ISO3.

    Read once per process and shared: callers must not mutate the result (``.copy()`` it first).
    110m is for the world map (small); 50m for detail and point-in-polygon work.
    """
    return _load(scale)


@functools.cache
def _load(scale: Scale) -> gpd.GeoDataFrame:
    return _read(boundaries_path(scale))


def country_at(lon: float, lat: float, scale: Scale = "50m") -> str | None:
    """The ISO3 code of the country polygon containing the point, or None (sea, Siachen)."""
    gdf = load_boundaries(scale)
    hits = gdf.sindex.query(Point(lon, lat), predicate="intersects")
    return str(gdf["iso3"].iloc[min(hits)]) if len(hits) else None


def _read(path: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path, engine="pyogrio")
    missing = set(_COLUMNS) - set(gdf.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    if not gdf["iso3"].is_unique:
        raise ValueError(f"{path}: duplicate iso3 codes")
    gdf = gdf[_COLUMNS].set_crs(4326, allow_override=True)
    return gdf.sort_values("iso3", ignore_index=True)
