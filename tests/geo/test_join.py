from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from newsmap.geo import join_counts, missing_from_boundaries


@pytest.fixture
def tiny() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"iso3": ["AAA", "BBB", "CCC"], "name": ["A", "B", "C"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 2, 2)],
        crs=4326,
    )


def test_join_counts_fills_zeros_and_keeps_every_polygon(tiny: gpd.GeoDataFrame) -> None:
    counts = pd.DataFrame(
        {"iso3": ["AAA", "CCC", "AAA"], "stories": [2, 1, 3], "events": [1, 0, 4]}
    )
    before_tiny, before_counts = tiny.copy(), counts.copy()
    joined = join_counts(tiny, counts)
    assert isinstance(joined, gpd.GeoDataFrame)
    assert joined.crs == tiny.crs
    assert joined["iso3"].tolist() == ["AAA", "BBB", "CCC"]
    assert joined["stories"].tolist() == [5, 0, 1]
    assert joined["events"].tolist() == [5, 0, 0]
    assert str(joined["stories"].dtype) == "int64"
    assert joined.geometry.equals(tiny.geometry)
    pd.testing.assert_frame_equal(tiny, before_tiny)
    pd.testing.assert_frame_equal(counts, before_counts)


def test_join_counts_accepts_a_subset_of_count_columns(tiny: gpd.GeoDataFrame) -> None:
    joined = join_counts(tiny, pd.DataFrame({"iso3": ["BBB", "ZZZ"], "stories": [7, 9]}))
    assert joined["stories"].tolist() == [0, 7, 0]
    assert joined["events"].tolist() == [0, 0, 0]
    empty = join_counts(tiny, pd.DataFrame({"iso3": pd.Series([], dtype=str)}))
    assert empty["stories"].sum() == 0


def test_join_counts_needs_iso3(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="iso3"):
        join_counts(tiny, pd.DataFrame({"stories": [1]}))


def test_missing_from_boundaries(tiny: gpd.GeoDataFrame) -> None:
    assert missing_from_boundaries(["AAA", "ZZZ", "YYY", "ZZZ"], tiny) == ["YYY", "ZZZ"]
    assert missing_from_boundaries([], tiny) == []


def test_seed_countries_all_have_polygons(seed_text: str) -> None:
    from newsmap.geo import find_country_mentions, load_boundaries

    codes = {m.iso3 for m in find_country_mentions(seed_text)}
    for scale in ("110m", "50m"):
        assert missing_from_boundaries(codes, load_boundaries(scale)) == []
