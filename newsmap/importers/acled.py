"""ACLED exports (comma-separated, one event per row, ACLED's published column names) read
into events that keep ACLED's own date and place precision.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first event row 2.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from datetime import date, datetime

import pycountry

from newsmap.geo import resolve_country
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

REQUIRED = ("event_id_cnty", "event_date", "event_type", "country", "latitude", "longitude")
_TIME_PRECISION = {"1": "ACLED: the day", "2": "ACLED: within a week", "3": "ACLED: within a month"}
_GEO_PRECISION = {
    "1": "ACLED: the town itself",
    "2": "ACLED: near the town or in its district",
    "3": "ACLED: the region (its capital shown)",
}
_TYPES = {
    "battles": EventType.ARMED_CONFLICT,
    "explosions/remote violence": EventType.ARMED_CONFLICT,
    "violence against civilians": EventType.ARMED_CONFLICT,
    "protests": EventType.PROTEST,
    "riots": EventType.PROTEST,
}
_SUB_TYPES = {
    "agreement": EventType.DIPLOMATIC,
    "suicide bomb": EventType.TERRORISM,
    "remote explosive/landmine/ied": EventType.TERRORISM,
    "arrests": EventType.OTHER,
}
_TEXT_DATE = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")


def read_acled(data: bytes, source: str) -> Dataset:
    """Every row of an ACLED export as an event, or as a problem naming its row and column;
    InputError when the file is not an ACLED export at all."""
    text = decode(data, source)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise InputError(source, "empty file; expected ACLED's header row") from None
    except csv.Error as error:
        raise InputError(source, f"row 1: not CSV ({error})") from error
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(source, f"not an ACLED export: the header lacks {', '.join(missing)}")
    events, problems = [], []
    kept = [header]
    seen: dict[str, int] = {}
    row_number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(source, f"row {row_number + 1}", None, f"not CSV ({error})"))
            break
        row_number += 1
        if not any(v.strip() for v in values):
            continue
        where = f"row {row_number}"
        if len(values) != len(header):
            problems.append(Problem(source, where, None, f"{len(values)} values for "
                                    f"{len(header)} columns"))
            continue
        row = dict(zip(header, values, strict=True))
        try:
            event = _event(row, values)
        except RowError as error:
            problems.append(Problem(source, where, error.column, error.reason))
            continue
        if event.source_id in seen:
            problems.append(Problem(source, where, "event_id_cnty", f"{event.source_id!r} is "
                                    f"also the id of row {seen[event.source_id]}"))
            continue
        seen[event.source_id] = row_number
        events.append(event)
        kept.append(values)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(kept)
    return Dataset("acled", tuple(events), tuple(problems), out.getvalue())


def _event(row: dict[str, str], values: list[str]) -> ImportedEvent:
    get = {k: (v or "").strip() for k, v in row.items()}.get
    event_id = get("event_id_cnty") or ""
    if not event_id:
        raise RowError("event_id_cnty", "empty; every ACLED row has an id")
    when, date_note = _date(get("event_date") or "", get("time_precision") or "1")
    lat, lon = _point(get("latitude") or "", get("longitude") or "")
    geo = get("geo_precision") or ""
    if geo and geo not in _GEO_PRECISION:
        raise RowError("geo_precision", f"expected 1, 2 or 3, got {geo[:20]!r}")
    event_type = get("event_type") or ""
    if not event_type:
        raise RowError("event_type", "empty")
    sub_type = get("sub_event_type") or ""
    actors = " vs ".join(a for a in (get("actor1"), get("actor2")) if a)
    place = get("location") or None
    notes = get("notes") or ""
    kind = f"{event_type} / {sub_type}" if sub_type else event_type
    return ImportedEvent(
        source_id=event_id,
        row_hash=row_digest(values),
        date=when,
        date_note=date_note,
        iso3=_country(get("iso") or "", get("country") or ""),
        admin1=get("admin1") or None,
        place=place,
        lat=lat,
        lon=lon,
        place_note=_GEO_PRECISION.get(geo, "ACLED: precision not given"),
        type=_type(event_type, sub_type).value,
        source_type=kind,
        actors=actors,
        summary=notes or f"{kind}" + (f": {actors}" if actors else ""),
        fatalities=_fatalities(get("fatalities") or ""),
        link=http_url(get("source_url") or ""),
        reported_by=get("source") or "",
    )


def _date(value: str, precision: str) -> tuple[PartialDate, str]:
    if precision not in _TIME_PRECISION:
        raise RowError("time_precision", f"expected 1, 2 or 3, got {precision[:20]!r}")
    when = _parse_day(value)
    if precision == "3":
        return partial_date(f"{when.year:04d}-{when.month:02d}"), _TIME_PRECISION[precision]
    return partial_date(when.isoformat()), _TIME_PRECISION[precision]


def _parse_day(value: str) -> date:
    if not value:
        raise RowError("event_date", "empty")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise RowError("event_date", f"not a calendar day: {value!r} ({error})") from error
    for pattern in _TEXT_DATE:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise RowError("event_date", f"not a date: {value[:40]!r} (expected 2022-09-07 or "
                   "07 September 2022)")


def _point(lat: str, lon: str) -> tuple[float | None, float | None]:
    if not lat and not lon:
        return None, None
    if not lat or not lon:
        raise RowError("latitude" if not lat else "longitude", "empty while the other is given")
    return number(lat, "latitude", -90, 90), number(lon, "longitude", -180, 180)


@functools.cache
def _country(iso: str, name: str) -> str:
    """ISO3 from ACLED's numeric ``iso`` (0 for Kosovo and a few others: then by name)."""
    if iso and iso not in ("0", "000"):
        if not iso.isdigit():
            raise RowError("iso", f"expected ACLED's numeric country code, got {iso[:20]!r}")
        found = pycountry.countries.get(numeric=iso.zfill(3))
        if found is not None:
            return str(found.alpha_3)
    resolved = resolve_country(name) if name else None
    if resolved is None:
        raise RowError("country", f"unknown country {name[:60]!r} (iso {iso or 'empty'})")
    return resolved


def _type(event_type: str, sub_type: str) -> EventType:
    by_sub = _SUB_TYPES.get(sub_type.casefold())
    if by_sub is not None:
        return by_sub
    return _TYPES.get(event_type.casefold(), EventType.OTHER)


def _fatalities(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise RowError("fatalities", f"expected a whole number, got {value[:20]!r}")
    return int(value)
