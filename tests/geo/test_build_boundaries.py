"""The rebuild script's geometry steps, on tiny hand-made polygons (no npm download)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from shapely.geometry import MultiPolygon, Polygon

SCRIPT = Path(__file__).resolve().parents[2] / "geo" / "build_boundaries.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_boundaries", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_polygon_across_the_antimeridian_is_cut_in_two(build: ModuleType) -> None:
    # an island from 179°E to 179°W, written the way world-atlas writes it (a 358° jump)
    island = Polygon([(179, -17), (-179, -17), (-179, -16), (179, -16), (179, -17)])
    cleaned = build._clean(island)
    assert isinstance(cleaned, MultiPolygon)
    assert cleaned.is_valid
    assert sorted(round(p.bounds[0]) for p in cleaned.geoms) == [-180, 179]
    assert cleaned.area == pytest.approx(2.0)


def test_a_ring_around_the_pole_is_closed_along_it(build: ModuleType) -> None:
    # a cap around the South Pole: longitudes run -180 -> 180, then jump back
    cap = Polygon([(-180, -70), (0, -72), (180, -70), (-180, -70)])
    cleaned = build._clean(cap)
    assert cleaned.is_valid
    minx, miny, maxx, _ = cleaned.bounds
    assert (minx, miny, maxx) == (-180, -90, 180)


def test_ordinary_polygons_are_untouched_apart_from_snapping(build: ModuleType) -> None:
    square = Polygon([(19.0000001, 41), (20, 41), (20, 42), (19, 42)])
    cleaned = build._clean(square)
    assert cleaned.equals(Polygon([(19, 41), (20, 41), (20, 42), (19, 42)]))
