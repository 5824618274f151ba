"""Rebuild geo/countries-110m.geojson and geo/countries-50m.geojson from npm's world-atlas.

Usage (see geo/README.md):

    cd /tmp && npm pack world-atlas@2.0.2 && cd - &&
    .venv/bin/python geo/build_boundaries.py /tmp/world-atlas-2.0.2.tgz

The argument is the tarball `npm pack` writes, or an unpacked package folder. The script:
gives every feature an ISO 3166-1 alpha-3 code (from the numeric id via pycountry, Kosovo as XKX),
merges or drops the few features without a code (listed in geo/README.md), cuts polygons at the
180° meridian, repairs invalid rings, snaps coordinates to 1e-5° and writes GeoJSON with the
properties ``iso3`` and ``name`` only.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pycountry
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

GEO_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(GEO_DIR.parent))

from newsmap.geo.names import country_name  # noqa: E402  (needs the repo root on the path)

SCALES = ("110m", "50m")
PRECISION = 1e-5  # about 1 m at the equator

# Features world-atlas ships without an ISO numeric id (Natural Earth's -99), by their short name.
# A code: the feature keeps it. "merge:XXX": dissolved into that country's feature. None: dropped.
NO_ID_FEATURES: dict[str, str | None] = {
    "Kosovo": "XKX",  # user-assigned code used by the EU, the IMF and the World Bank
    "N. Cyprus": "merge:CYP",  # de jure part of Cyprus; recognised only by Turkey
    "Somaliland": "merge:SOM",  # de jure part of Somalia; no ISO code
    "Siachen Glacier": None,  # disputed between India and Pakistan; tiny; no code
    "Indian Ocean Ter.": "split:CXR,CCK",  # Christmas Island and the Cocos (Keeling) Islands
}
# Features sharing an id with another: Ashmore and Cartier Islands is an Australian territory (036).
MERGE_BY_NAME = {"Ashmore and Cartier Is.": "AUS"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="world-atlas .tgz (npm pack) or its folder")
    parser.add_argument("--out", type=Path, default=GEO_DIR, help="output folder (default geo/)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = _package_folder(args.package, Path(tmp))
        for scale in SCALES:
            gdf = build(folder / f"countries-{scale}.json")
            out = args.out / f"countries-{scale}.geojson"
            _write(gdf, out)
            print(f"{out}: {len(gdf)} features, {out.stat().st_size / 1e6:.2f} MB")
    return 0


def build(topojson_path: Path) -> gpd.GeoDataFrame:
    """Read one world-atlas TopoJSON file and return clean features with ``iso3``, ``name``."""
    raw = gpd.read_file(topojson_path, layer="countries").set_crs(4326, allow_override=True)
    coded = _assign_iso3(raw)
    coded["geometry"] = [_clean(geom) for geom in coded.geometry]
    merged = coded.dissolve(by="iso3", as_index=False, sort=True)[["iso3", "geometry"]]
    merged["geometry"] = [_clean(geom) for geom in merged.geometry]
    merged.insert(1, "name", [country_name(code) for code in merged["iso3"]])
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=4326)


def _package_folder(package: Path, tmp: Path) -> Path:
    if package.is_dir():
        return package / "package" if (package / "package").is_dir() else package
    with tarfile.open(package) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / "package"


def _assign_iso3(raw: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows: list[dict[str, object]] = []
    for record in raw.itertuples(index=False):
        short, numeric, geom = str(record.name), record.id, record.geometry
        if short in MERGE_BY_NAME:
            rows.append({"iso3": MERGE_BY_NAME[short], "geometry": geom})
        elif isinstance(numeric, str) and numeric:
            iso3 = pycountry.countries.get(numeric=numeric).alpha_3
            rows.append({"iso3": iso3, "geometry": geom})
        elif short not in NO_ID_FEATURES:
            raise SystemExit(f"feature {short!r} has no id and no rule in NO_ID_FEATURES")
        else:
            rows.extend(_no_id_rows(short, NO_ID_FEATURES[short], geom))
    return gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry", crs=4326)


def _no_id_rows(short: str, rule: str | None, geom: BaseGeometry) -> list[dict[str, object]]:
    if rule is None:
        print(f"dropped {short!r} (no ISO code)")
        return []
    if rule.startswith("merge:"):
        return [{"iso3": rule.removeprefix("merge:"), "geometry": geom}]
    if rule.startswith("split:"):
        # Christmas Island lies east of 100°E, the Cocos (Keeling) Islands west of it
        east, west = rule.removeprefix("split:").split(",")
        parts = list(getattr(geom, "geoms", [geom]))
        rows = [
            {"iso3": east, "geometry": MultiPolygon([p for p in parts if p.centroid.x > 100])},
            {"iso3": west, "geometry": MultiPolygon([p for p in parts if p.centroid.x <= 100])},
        ]
        return [row for row in rows if not row["geometry"].is_empty]  # type: ignore[attr-defined]
    return [{"iso3": rule, "geometry": geom}]


def _clean(geom: BaseGeometry) -> BaseGeometry:
    """Cut at the antimeridian, repair, snap to the grid; always a (Multi)Polygon."""
    polygons: list[Polygon] = []
    for part in getattr(geom, "geoms", [geom]):
        polygons.extend(_cut_antimeridian(part))
    fixed = shapely.make_valid(MultiPolygon(polygons) if len(polygons) > 1 else polygons[0])
    snapped = shapely.set_precision(_polygonal(fixed), PRECISION)
    return _polygonal(snapped)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    parts = [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon | MultiPolygon)]
    flat: list[Polygon] = []
    for part in parts:
        flat.extend(getattr(part, "geoms", [part]))
    flat = [p for p in flat if p.area > 0]
    return flat[0] if len(flat) == 1 else MultiPolygon(flat)


def _unwrap(coords: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], float]:
    """Make longitudes continuous (no jump over 180°); return the ring and its final shift."""
    out = [coords[0]]
    shift = 0.0
    for (x0, _), (x1, y1) in itertools.pairwise(coords):
        if x1 - x0 > 180:
            shift -= 360
        elif x1 - x0 < -180:
            shift += 360
        out.append((x1 + shift, y1))
    return out, shift


def _cut_antimeridian(polygon: Polygon) -> list[Polygon]:
    shell, shift = _unwrap(list(polygon.exterior.coords))
    if shift:  # the ring goes round a pole (Antarctica): close it along the pole's latitude
        pole = -90.0 if sum(y for _, y in shell) < 0 else 90.0
        shell = [*shell[:-1], (shell[-1][0], pole), (shell[0][0], pole), shell[0]]
    holes = [_unwrap(list(ring.coords))[0] for ring in polygon.interiors]
    unwrapped = shapely.make_valid(Polygon(shell, holes))
    pieces: list[Polygon] = []
    for offset in (-360.0, 0.0, 360.0):
        window = box(-180 - offset, -90, 180 - offset, 90)
        clipped = shapely.affinity.translate(unwrapped.intersection(window), xoff=offset)
        pieces.extend(p for p in getattr(clipped, "geoms", [clipped]) if isinstance(p, Polygon))
    return [p for p in pieces if p.area > 0]


def _write(gdf: gpd.GeoDataFrame, out: Path) -> None:
    out.unlink(missing_ok=True)
    gdf.to_file(
        out,
        driver="GeoJSON",
        engine="pyogrio",
        layer_options={
            "COORDINATE_PRECISION": 5,
            "RFC7946": "YES",
            "WRITE_BBOX": "NO",
        },
    )


if __name__ == "__main__":
    raise SystemExit(main())
