"""Acceptance checks on the shipped boundary files, read the way the app reads them."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import Point

from newsmap.geo import Scale, boundaries_path, country_name, load_boundaries

SCALES: list[Scale] = ["110m", "50m"]
REQUIRED = {"ALB", "IRN", "BIH", "FRA", "IRQ", "XKX"}


@pytest.fixture(scope="module", params=SCALES)
def scale_and_gdf(request: pytest.FixtureRequest) -> tuple[str, gpd.GeoDataFrame]:
    return request.param, gpd.read_file(boundaries_path(request.param))


def test_each_file_has_170_plus_features_with_unique_real_codes(
    scale_and_gdf: tuple[str, gpd.GeoDataFrame],
) -> None:
    _, gdf = scale_and_gdf
    assert len(gdf) >= 170
    assert gdf["iso3"].is_unique
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in gdf["iso3"])
    assert "-99" not in set(gdf["iso3"])
    assert gdf["name"].notna().all()
    assert set(gdf["iso3"]) >= REQUIRED


def test_properties_are_exactly_iso3_and_name() -> None:
    for scale in SCALES:
        features = json.loads(boundaries_path(scale).read_text(encoding="utf-8"))["features"]
        assert all(set(f["properties"]) == {"iso3", "name"} for f in features)


def test_every_geometry_is_valid_polygonal_and_in_range(
    scale_and_gdf: tuple[str, gpd.GeoDataFrame],
) -> None:
    _, gdf = scale_and_gdf
    assert gdf.crs is not None
    assert gdf.crs.to_epsg() == 4326
    assert gdf.is_valid.all()
    assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    minx, miny, maxx, maxy = gdf.total_bounds
    assert minx >= -180
    assert maxx <= 180
    assert miny >= -90
    assert maxy <= 90


def test_polygons_are_cut_at_the_antimeridian(
    scale_and_gdf: tuple[str, gpd.GeoDataFrame],
) -> None:
    _, gdf = scale_and_gdf
    for row in gdf.itertuples():
        if row.iso3 == "ATA":  # Antarctica circles the pole: it spans every longitude
            continue
        for part in getattr(row.geometry, "geoms", [row.geometry]):
            minx, _, maxx, _ = part.bounds
            assert maxx - minx < 180, row.iso3
    for iso3, (lon, lat) in {"FJI": (178.0, -17.8), "RUS": (-175.0, 67.0)}.items():
        assert gdf[gdf.contains(Point(lon, lat))]["iso3"].tolist() == [iso3]


def test_world_map_copy_is_under_half_a_megabyte() -> None:
    assert boundaries_path("110m").stat().st_size < 500_000


def test_coordinates_are_rounded_to_five_decimals() -> None:
    text = boundaries_path("110m").read_text(encoding="utf-8")
    assert re.search(r"\d\.\d{6,}", text) is None


def test_names_are_full_english_names(scale_and_gdf: tuple[str, gpd.GeoDataFrame]) -> None:
    _, gdf = scale_and_gdf
    names = dict(zip(gdf["iso3"], gdf["name"], strict=True))
    assert names["BIH"] == "Bosnia and Herzegovina"
    assert names["XKX"] == "Kosovo"
    assert names["IRN"] == "Iran"
    assert not [n for n in names.values() if "." in n]
    assert all(name == country_name(code) for code, name in names.items())


def test_neighbours_still_share_borders(scale_and_gdf: tuple[str, gpd.GeoDataFrame]) -> None:
    _, gdf = scale_and_gdf
    geoms = gdf.set_index("iso3").geometry
    for neighbour in ("MNE", "XKX", "MKD", "GRC"):
        shared = geoms["ALB"].boundary.intersection(geoms[neighbour].boundary)
        assert shared.length > 0.1, neighbour
        assert geoms["ALB"].intersection(geoms[neighbour]).area < 1e-6, neighbour


def test_disputed_units_follow_the_readme(scale_and_gdf: tuple[str, gpd.GeoDataFrame]) -> None:
    _, gdf = scale_and_gdf
    by_point = {
        "Pristina": (21.16, 42.66, "XKX"),
        "Kyrenia (north Cyprus)": (33.32, 35.30, "CYP"),
        "Hargeisa (Somaliland)": (44.06, 9.56, "SOM"),
        "Tirana": (19.82, 41.33, "ALB"),
    }
    for label, (lon, lat, iso3) in by_point.items():
        assert gdf[gdf.contains(Point(lon, lat))]["iso3"].tolist() == [iso3], label


def test_load_boundaries_reads_once_and_keeps_the_contract() -> None:
    gdf = load_boundaries()
    assert gdf is load_boundaries("110m")
    assert list(gdf.columns) == ["iso3", "name", "geometry"]
    assert len(load_boundaries("50m")) > len(gdf)
    with pytest.raises(ValueError, match="unknown scale"):
        boundaries_path("10m")  # type: ignore[arg-type]


def test_country_at_finds_the_polygon_under_a_point() -> None:
    from newsmap.geo import country_at

    assert country_at(19.82, 41.33) == "ALB"  # Tirana
    assert country_at(21.16, 42.66) == "XKX"  # Pristina
    assert country_at(2.35, 48.85, scale="110m") == "FRA"  # Paris
    assert country_at(0.0, 0.0) is None  # Gulf of Guinea
