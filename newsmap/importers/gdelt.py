"""GDELT 2.0 event exports (tab-separated, no header, 61 columns) read into events.

Countries are FIPS 10-4 codes in GDELT, mapped to ISO3 with ``geo/fips_iso3.tsv``; the place
keeps GDELT's own precision (country, first-level division or city), and an event placed
only at country level gets no point on the map. ``SOURCEURL`` is the link to the report.
Rows are numbered by line, the first line being row 1.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from newsmap.geo.lexicon import read_tsv
from newsmap.importers.datasets import (
    Dataset,
    RowError,
    decode,
    number,
    partial_date,
    row_digest,
)
from newsmap.importers.report import InputError, Problem
from newsmap.importers.text import http_url
from newsmap.model import EventType, PartialDate
from newsmap.sources.base import ImportedEvent

COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions "
    "NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
_AT = {name: i for i, name in enumerate(COLUMNS)}

_ROOTS = {
    "01": ("make a public statement", EventType.DIPLOMATIC),
    "02": ("appeal", EventType.DIPLOMATIC),
    "03": ("express intent to cooperate", EventType.DIPLOMATIC),
    "04": ("consult", EventType.DIPLOMATIC),
    "05": ("engage in diplomatic cooperation", EventType.DIPLOMATIC),
    "06": ("engage in material cooperation", EventType.OTHER),
    "07": ("provide aid", EventType.OTHER),
    "08": ("yield", EventType.DIPLOMATIC),
    "09": ("investigate", EventType.OTHER),
    "10": ("demand", EventType.DIPLOMATIC),
    "11": ("disapprove", EventType.DIPLOMATIC),
    "12": ("reject", EventType.DIPLOMATIC),
    "13": ("threaten", EventType.DIPLOMATIC),
    "14": ("protest", EventType.PROTEST),
    "15": ("exhibit military posture", EventType.ARMED_CONFLICT),
    "16": ("reduce relations", EventType.DIPLOMATIC),
    "17": ("coerce", EventType.OTHER),
    "18": ("assault", EventType.ARMED_CONFLICT),
    "19": ("fight", EventType.ARMED_CONFLICT),
    "20": ("use unconventional mass violence", EventType.ARMED_CONFLICT),
}
_BOMBING = "183"
"""CAMEO 183 and its children: suicide, car or other non-military bombings."""
_GEO_TYPES = {
    "1": "GDELT: the country only",
    "2": "GDELT: a US state",
    "3": "GDELT: a US city",
    "4": "GDELT: a city",
    "5": "GDELT: a first-level division",
}


@functools.cache
def fips_to_iso3() -> dict[str, str]:
    """FIPS 10-4 country codes (as GDELT writes them) to ISO 3166-1 alpha-3."""
    return {row["fips"]: row["iso3"] for row in read_tsv("fips_iso3.tsv")}


def read_gdelt(data: bytes, source: str) -> Dataset:
    """Every line of a GDELT 2.0 event export as an event, or as a problem naming its row and
    column; InputError when no line has GDELT's 61 columns."""
    text = decode(data, source)
    events, problems, kept = [], [], []
    seen: dict[str, int] = {}
    for number_, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        values = line.split("\t")
        where = f"row {number_}"
        if len(values) != len(COLUMNS):
            problems.append(Problem(source, where, None, f"{len(values)} tab-separated values; "
                                    f"a GDELT 2.0 event row has {len(COLUMNS)}"))
            continue
        try:
            event = _event(values)
        except RowError as error:
            problems.append(Problem(source, where, error.column, error.reason))
            continue
        if event.source_id in seen:
            problems.append(Problem(source, where, "GLOBALEVENTID", f"{event.source_id!r} is "
                                    f"also the id of row {seen[event.source_id]}"))
            continue
        seen[event.source_id] = number_
        events.append(event)
        kept.append(line + "\n")
    if not events and problems and all(p.column is None for p in problems):
        raise InputError(source, f"not a GDELT 2.0 event export: {problems[0].reason}")
    return Dataset("gdelt", tuple(events), tuple(problems), "".join(kept))


def _event(values: list[str]) -> ImportedEvent:
    def get(name: str) -> str:
        return values[_AT[name]].strip()

    event_id = get("GLOBALEVENTID")
    if not event_id.isdigit():
        raise RowError("GLOBALEVENTID", f"expected a number, got {event_id[:30]!r}")
    code = get("EventCode")
    root = get("EventRootCode").zfill(2) if get("EventRootCode") else code[:2]
    if root not in _ROOTS or not re.fullmatch(r"\d{2,4}", code or root):
        raise RowError("EventRootCode", f"not a CAMEO root code: {root[:10]!r}")
    label, kind = _ROOTS[root]
    if code.startswith(_BOMBING):
        kind = EventType.TERRORISM
    geo_type = get("ActionGeo_Type")
    if geo_type and geo_type != "0" and geo_type not in _GEO_TYPES:
        raise RowError("ActionGeo_Type", f"expected 0 to 5, got {geo_type[:10]!r}")
    lat, lon = _point(get("ActionGeo_Lat"), get("ActionGeo_Long"))
    if geo_type == "1":
        lat = lon = None  # a country's centre is no place: listed, never drawn as a point
    actors = [a for a in (get("Actor1Name"), get("Actor2Name")) if a]
    place = get("ActionGeo_FullName") or None
    summary = f"{label.capitalize()} (CAMEO {code or root})"
    if actors:
        summary += ": " + " → ".join(a.title() for a in actors)
    return ImportedEvent(
        source_id=event_id,
        row_hash=row_digest(values),
        date=_date(get("SQLDATE")),
        date_note="GDELT: the day",
        iso3=_country(get("ActionGeo_CountryCode")),
        admin1=get("ActionGeo_ADM1Code") or None,
        place=place,
        lat=lat,
        lon=lon,
        place_note=_GEO_TYPES.get(geo_type, "GDELT: no place"),
        type=kind.value,
        source_type=f"CAMEO {code or root}: {label}",
        actors=" · ".join(a.title() for a in actors),
        summary=summary,
        link=http_url(get("SOURCEURL")),
    )


def _date(value: str) -> PartialDate:
    if not re.fullmatch(r"\d{8}", value):
        raise RowError("SQLDATE", f"expected YYYYMMDD, got {value[:20]!r}")
    try:
        day = date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as error:
        raise RowError("SQLDATE", f"not a calendar day: {value} ({error})") from error
    return partial_date(day.isoformat())


def _point(lat: str, lon: str) -> tuple[float | None, float | None]:
    if not lat and not lon:
        return None, None
    if not lat or not lon:
        raise RowError("ActionGeo_Lat" if not lat else "ActionGeo_Long",
                       "empty while the other is given")
    return number(lat, "ActionGeo_Lat", -90, 90), number(lon, "ActionGeo_Long", -180, 180)


def _country(fips: str) -> str | None:
    if not fips:
        return None
    iso3 = fips_to_iso3().get(fips.upper())
    if iso3 is None:
        raise RowError("ActionGeo_CountryCode", f"unknown FIPS 10-4 country code {fips[:10]!r}")
    return iso3
