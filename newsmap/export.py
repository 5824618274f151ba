"""Downloads of what the reader found: stories as CSV or JSON, located events as GeoJSON."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

STORY_FIELDS = [
    "id", "title", "published", "published_precision", "url", "outlet", "synthetic",
    "countries", "places", "events", "evidence",
]
"""The story columns an export carries, in order (snippets are left out: they hold markers)."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell starts that a spreadsheet would run as a formula."""


def stories_csv(stories: pd.DataFrame) -> bytes:
    """Stories as UTF-8 CSV with a header; cells that a spreadsheet would run as a formula
    are prefixed with an apostrophe."""
    frame = stories.reindex(columns=STORY_FIELDS).astype(object)
    frame = frame.map(defuse_cell)
    return str(frame.to_csv(index=False, lineterminator="\n")).encode("utf-8")


def stories_json(stories: pd.DataFrame) -> bytes:
    """Stories as a UTF-8 JSON array of objects (missing values are null)."""
    records = [
        {key: plain_value(row.get(key)) for key in STORY_FIELDS}
        for row in stories.reindex(columns=STORY_FIELDS).to_dict("records")
    ]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def events_geojson(events: pd.DataFrame) -> bytes:
    """Events that have coordinates as a GeoJSON FeatureCollection of points (lon, lat order)."""
    features = []
    for row in events.to_dict("records"):
        lat, lon = plain_value(row.get("lat")), plain_value(row.get("lon"))
        if lat is None or lon is None:
            continue
        properties = {key: plain_value(value) for key, value in row.items()
                      if key not in ("lat", "lon")}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": properties,
        })
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def plain_value(value: Any) -> Any:
    """A JSON-ready value: numpy scalars unwrapped, NaN and NA as None."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def defuse_cell(value: Any) -> Any:
    """A CSV-ready cell: a text a spreadsheet would run as a formula gets an apostrophe."""
    value = plain_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
