"""Events in the field's formats: an ACLED-shaped CSV, RFC 7946 GeoJSON and GeoParquet.

The ACLED-shaped CSV uses ACLED's column names where a column means the same thing, then
newsmap's own columns. Precision is mapped to ACLED's codes:

* ``time_precision``: 1 for a date known to the day; 3 for a month, a year or a decade (ACLED's
  "month or longer"). ``event_date`` is then the first day of that period and ``year`` its first
  year; the newsmap columns ``date`` and ``date_precision`` keep the date as precise as it is
  known. An undated event leaves all four empty.
* ``geo_precision``: 1 for an event at a named town or site (coordinates from the gazetteer),
  or at a site inside a town whose coordinates it takes (a square, a stadium: ``site_of``
  names that town); 2 for an event at a place shown at the coordinates of a town near it (an
  airport, a border crossing, a village no table holds: ACLED's "near a town, the town's
  coordinates"); empty for an event known only to its country, whose
  ``latitude``/``longitude`` stay empty (newsmap never places such an event on a point).

``event_type`` holds newsmap's type (cyberattack, diplomatic, ...), not ACLED's vocabulary.
Event ids (``event_id_cnty``) are stable while the article's text is unchanged.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pycountry

from newsmap.export import FORMULA_START, plain_value
from newsmap.sites import site_of_value, site_relation

COORDINATE_DECIMALS = 6
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "iso", "country",
    "location", "latitude", "longitude", "geo_precision", "source", "notes",
]
NEWSMAP_COLUMNS = [
    "article_id", "evidence", "salience", "source_path", "title", "url", "date",
    "date_precision", "iso3", "corrected", "site_of",
]
"""newsmap's extras after the ACLED columns."""
COLUMNS = [*ACLED_COLUMNS, *NEWSMAP_COLUMNS]

_TIME_PRECISION = {"day": 1, "month": 3, "year": 3, "decade": 3}


def event_rows(events: pd.DataFrame, names: dict[str, str] | None = None
               ) -> list[dict[str, Any]]:
    """:func:`newsmap.query.event_records` rows in the ACLED shape (one dict per event, keys
    :data:`ACLED_COLUMNS` then :data:`NEWSMAP_COLUMNS`). ``names``: country names by ISO3."""
    return [_row(record, names or {}) for record in _records(events)]


def _records(events: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The frame's rows as dicts of plain Python values (missing ones None), column-wise:
    ``to_dict("records")`` took seconds at 30,000 events."""
    columns = [str(c) for c in events.columns]
    lists = [events[c].tolist() if events[c].dtype == object
             else [plain_value(v) for v in events[c].tolist()] for c in columns]
    for values in zip(*lists, strict=True):
        yield dict(zip(columns, values, strict=True))


def event_table(events: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows of :func:`event_rows` as a table (values kept as they are, codes as ints)."""
    rows = event_rows(events, names)
    # column by column: a frame built from the rows would turn integer codes with gaps to floats
    return pd.DataFrame({column: pd.Series([row[column] for row in rows], dtype=object)
                         for column in COLUMNS})


def acled_csv(events: pd.DataFrame, names: dict[str, str] | None = None) -> bytes:
    """Events as an ACLED-shaped UTF-8 CSV (text a spreadsheet would run is defused)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    # one expression per cell, no call: this loop runs for every cell of 30,000 rows
    writer.writerows([
        "" if v is None else ("'" + v if v.startswith(FORMULA_START) else v)
        if isinstance(v, str) else str(v)
        for v in row.values()] for row in event_rows(events, names))
    return out.getvalue().encode("utf-8")


def geojson(events: pd.DataFrame, names: dict[str, str] | None = None) -> bytes:
    """Events as an RFC 7946 FeatureCollection: a Point (longitude, latitude; at most six
    decimals) for located events, a null geometry for events known only to a country."""
    features = []
    for row in event_rows(events, names):
        lat, lon = row["latitude"], row["longitude"]
        geometry = (None if lat is None or lon is None
                    else {"type": "Point", "coordinates": [lon, lat]})
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": row["event_id_cnty"], "geometry": geometry,
                         "properties": properties})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def geoparquet(events: pd.DataFrame, names: dict[str, str] | None = None) -> bytes:
    """Events as GeoParquet (EPSG:4326 points; empty geometry for country-only events)."""
    import geopandas as gpd

    table = event_table(events, names)
    lon = pd.to_numeric(table["longitude"], errors="coerce")
    lat = pd.to_numeric(table["latitude"], errors="coerce")
    geometry = gpd.points_from_xy(lon, lat, crs="EPSG:4326")
    geometry[lon.isna().to_numpy()] = None
    frame = gpd.GeoDataFrame(_typed(table), geometry=geometry, crs="EPSG:4326")
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()



def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """Columns with a Parquet type each: numbers as nullable numbers, the rest as text."""
    typed = table.copy()
    for column in ("year", "time_precision", "iso", "geo_precision"):
        typed[column] = pd.array(typed[column].tolist(), dtype="Int64")
    for column in ("latitude", "longitude", "salience"):
        typed[column] = pd.array(typed[column].tolist(), dtype="Float64")
    for column in typed.columns:
        if typed[column].dtype == object:
            typed[column] = pd.array(typed[column].tolist(), dtype="string")
    return typed


def _row(record: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    iso3 = record.get("iso3")
    precision = record.get("precision")
    date = record.get("date")
    lat, lon = record.get("lat"), record.get("lon")
    located = lat is not None and lon is not None
    site_of = site_of_value(record.get("site_of"))
    return {
        "event_id_cnty": record["uid"],
        "event_date": _first_day(date, precision),
        "year": record.get("year_from"),
        "time_precision": _TIME_PRECISION.get(precision or ""),
        "event_type": record.get("type"),
        "iso": _numeric(iso3),
        "country": names.get(iso3, _country_name(iso3)) if iso3 else None,
        "location": record.get("place"),
        "latitude": _round(lat) if located else None,
        "longitude": _round(lon) if located else None,
        "geo_precision": _geo_precision(record.get("place"), site_of) if located else None,
        "source": record.get("outlet"),
        "notes": record.get("summary"),
        "article_id": record.get("article_id"),
        "evidence": record.get("summary"),
        "salience": record.get("salience"),
        "source_path": record.get("source_path"),
        "title": record.get("title"),
        "url": record.get("url"),
        "date": date,
        "date_precision": precision,
        "iso3": iso3,
        "corrected": record.get("corrected"),
        "site_of": site_of,
    }


def _geo_precision(place: Any, site_of: str | None) -> int:
    """ACLED's code for a located event: 2 when its coordinates are a nearby town's."""
    if site_of is None or not isinstance(place, str):
        return 1
    return 1 if site_relation(place) == "in" else 2


def _first_day(date: str | None, precision: str | None) -> str | None:
    """The first day of the period a partial date names, as YYYY-MM-DD."""
    if not date:
        return None
    if precision == "decade":
        return f"{date[:4]}-01-01"
    parts = date.split("-")
    parts += ["01"] * (3 - len(parts))
    return "-".join(parts[:3])


def _round(value: Any) -> float:
    return round(float(value), COORDINATE_DECIMALS)


@functools.cache
def _numeric(iso3: str | None) -> int | None:
    """ACLED's ``iso``: the ISO 3166-1 numeric code (none for Kosovo, XKX)."""
    if not iso3:
        return None
    country = pycountry.countries.get(alpha_3=iso3)
    return int(country.numeric) if country is not None else None


@functools.cache
def _country_name(iso3: str) -> str:
    from newsmap.geo import country_name

    try:
        return country_name(iso3)
    except (KeyError, ValueError):
        return iso3
