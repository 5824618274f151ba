"""Country polygons joined to per-country counts, keyed by ISO3."""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

__all__ = ["COUNT_COLUMNS", "join_counts", "missing_from_boundaries"]

COUNT_COLUMNS = ("stories", "events")


def join_counts(boundaries: gpd.GeoDataFrame, counts: pd.DataFrame) -> gpd.GeoDataFrame:
    """Every boundary row with integer ``stories`` and ``events`` (0 where a country has none).

    ``counts`` has an ``iso3`` column and any of the count columns; rows for the same ISO3 are
    summed; codes with no polygon are left out (list them with :func:`missing_from_boundaries`).
    Neither input is modified.
    """
    totals = _totals_by_iso3(counts)
    joined = boundaries.merge(totals, how="left", left_on="iso3", right_index=True)
    for column in COUNT_COLUMNS:
        joined[column] = joined[column].fillna(0).astype("int64")
    return gpd.GeoDataFrame(joined, geometry=boundaries.geometry.name, crs=boundaries.crs)


def missing_from_boundaries(iso3s: Iterable[str], boundaries: gpd.GeoDataFrame) -> list[str]:
    """The distinct codes in ``iso3s`` that have no polygon in ``boundaries``, sorted."""
    present = set(boundaries["iso3"])
    return sorted({code for code in iso3s if code not in present})


def _totals_by_iso3(counts: pd.DataFrame) -> pd.DataFrame:
    if "iso3" not in counts.columns:
        raise ValueError("counts needs an 'iso3' column")
    table = pd.DataFrame({"iso3": counts["iso3"].astype(str)})
    for column in COUNT_COLUMNS:
        values = counts[column] if column in counts.columns else 0
        table[column] = pd.to_numeric(values, errors="raise")
    return table.groupby("iso3")[list(COUNT_COLUMNS)].sum()
