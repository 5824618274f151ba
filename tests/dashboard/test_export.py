"""Downloads: CSV and JSON stories, GeoJSON events."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from newsmap.export import STORY_FIELDS, events_geojson, stories_csv, stories_json


def _stories():
    return pd.DataFrame([{
        "id": "a", "title": "=HYPERLINK(\"x\")", "published": "2022-09",
        "published_precision": "month", "url": None, "outlet": "Outlet, Inc.",
        "synthetic": False, "countries": "ALB, IRN", "places": 2, "events": 3,
        "evidence": "Albania…", "snippet": "\x02x\x03",
    }])


def test_csv_has_the_fields_and_defuses_formulas():
    rows = list(csv.DictReader(io.StringIO(stories_csv(_stories()).decode("utf-8"))))
    assert list(rows[0]) == STORY_FIELDS
    assert rows[0]["title"].startswith("'=")
    assert rows[0]["outlet"] == "Outlet, Inc."
    assert rows[0]["evidence"] == "Albania…"


def test_json_is_an_array_of_plain_objects():
    (record,) = json.loads(stories_json(_stories()))
    assert record["url"] is None
    assert record["places"] == 2
    assert record["synthetic"] is False
    assert "snippet" not in record


def test_geojson_holds_located_events_as_lon_lat_points():
    events = pd.DataFrame([
        {"article_id": "a", "title": "T", "date": "2018", "type": "terrorism", "iso3": "FRA",
         "place": "Paris", "lat": 48.85, "lon": 2.35, "summary": "s"},
        {"article_id": "a", "title": "T", "date": "1994", "type": "arms transfer",
         "iso3": "BIH", "place": None, "lat": float("nan"), "lon": float("nan"), "summary": "s"},
    ])
    collection = json.loads(events_geojson(events))
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [2.35, 48.85]}
    assert feature["properties"]["place"] == "Paris"
