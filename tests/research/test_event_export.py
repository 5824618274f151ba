"""Event exports parsed back by pandas and geopandas and compared field by field with the
store; event ids stable across rebuilds and edits elsewhere in the article."""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd

from newsmap import event_export
from newsmap.query import Filters
from tests.research.conftest import SEED_ID, build, reading


def _events(db: str, filters: Filters | None = None, country: str | None = None
            ) -> pd.DataFrame:
    with reading(db) as store:
        return store.event_records(filters or Filters(), country)


def test_acled_csv_read_by_pandas_matches_the_store(built):
    _, db = built
    events = _events(db)
    table = pd.read_csv(io.BytesIO(event_export.acled_csv(events)), dtype=str,
                        keep_default_na=False)
    assert list(table.columns) == [*event_export.ACLED_COLUMNS, *event_export.NEWSMAP_COLUMNS]
    assert len(table) == len(events)
    for row, event in zip(table.to_dict("records"), events.to_dict("records"), strict=True):
        assert row["event_id_cnty"] == event["uid"]
        assert row["article_id"] == event["article_id"]
        assert row["event_type"] == event["type"]
        assert row["iso3"] == (event["iso3"] or "")
        assert row["date"] == (event["date"] or "")
        assert row["date_precision"] == (event["precision"] or "")
        assert row["notes"] == row["evidence"] == event["summary"]
        assert row["location"] == (event["place"] or "")
        if event["lat"] is None:
            assert row["latitude"] == row["longitude"] == row["geo_precision"] == ""
        else:
            assert float(row["latitude"]) == round(event["lat"], 6)
            assert float(row["longitude"]) == round(event["lon"], 6)
            assert row["geo_precision"] == "1"
        if event["precision"] == "day":
            assert (row["event_date"], row["time_precision"]) == (event["date"], "1")
        elif event["precision"]:
            assert row["time_precision"] == "3"
            assert row["event_date"].startswith(event["date"][:4])
    by_date = {r["date"]: r for r in table.to_dict("records")}
    assert not any(date.endswith("s") for date in by_date)  # decades are not events
    assert by_date["1994"]["event_date"] == "1994-01-01"
    assert by_date["1994"]["year"] == "1994"
    assert by_date["2022-09"]["event_date"] == "2022-09-01"
    assert by_date["1994"]["iso"] == "70"
    assert by_date["1994"]["country"] == "Bosnia and Herzegovina"


def test_csv_defuses_formulas_in_text(built):
    _, db = built
    text = event_export.acled_csv(_events(db, Filters(text="Abkhazia"))).decode()
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


def test_geojson_is_rfc7946_and_geopandas_reads_it(built):
    _, db = built
    events = _events(db)
    data = event_export.geojson(events)
    collection = json.loads(data)
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946: always WGS 84, no crs member
    located = [f for f in collection["features"] if f["geometry"] is not None]
    assert located, "the seed has located events"
    for feature in located:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
        assert all(len(repr(v).split(".")[-1]) <= 6 for v in (lon, lat))
    durres = next(f for f in located if f["properties"]["location"] == "Durrës")
    assert 19 < durres["geometry"]["coordinates"][0] < 20  # longitude first
    frame = gpd.read_file(io.BytesIO(data))
    assert len(frame) == len(events)
    assert list(frame["event_id_cnty"]) == list(events["uid"])
    assert frame.geometry.isna().sum() == events["lat"].isna().sum()


def test_geoparquet_read_by_geopandas(built, tmp_path):
    _, db = built
    events = _events(db)
    path = tmp_path / "events.parquet"
    path.write_bytes(event_export.geoparquet(events))
    frame = gpd.read_parquet(path)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["event_id_cnty"]) == list(events["uid"])
    assert list(frame["notes"]) == list(events["summary"])
    located = frame[~frame.geometry.isna()]
    source = events[events["lat"].notna()]
    assert list(located.geometry.x.round(6)) == [round(v, 6) for v in source["lon"]]
    assert list(located.geometry.y.round(6)) == [round(v, 6) for v in source["lat"]]
    assert str(frame["time_precision"].dtype) == "Int64"


def test_event_ids_survive_rebuild_and_an_edit_elsewhere(built):
    data, db = built
    before = dict(zip(_events(db)["summary"], _events(db)["uid"], strict=True))
    build(data, db, rebuild=True)
    assert dict(zip(_events(db)["summary"], _events(db)["uid"], strict=True)) == before
    path = data / "articles" / f"{SEED_ID}.md"
    path.write_text(path.read_text() + "\n\nA closing paragraph with no date at all.\n")
    build(data, db)
    after = dict(zip(_events(db)["summary"], _events(db)["uid"], strict=True))
    assert after == before
    assert len(set(after.values())) == len(after)


def test_country_filter_keeps_the_countrys_events(built):
    _, db = built
    events = _events(db, country="ALB")
    assert set(events["iso3"]) == {"ALB"}
