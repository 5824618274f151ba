"""The tags of one article as plain dicts, validated into :class:`~newsmap.model.ArticleTags`
once, when the article is done.

Building a pydantic model per country, place and event cost about a twentieth of the tagging
time; one validation of the whole result checks the same constraints in about two thirds of it.
"""

from __future__ import annotations

from typing import TypedDict

from newsmap.model import EventType, PartialDate

__all__ = ["CountryFields", "EventFields", "PlaceFields", "RegionFields"]


class CountryFields(TypedDict):
    """The fields of a :class:`~newsmap.model.CountryTag`."""

    iso3: str
    name: str
    salience: float
    primary: bool
    mentions: int
    evidence: tuple[str, ...]


class PlaceFields(TypedDict):
    """The fields of a :class:`~newsmap.model.Place`."""

    name: str
    iso3: str
    lat: float
    lon: float
    evidence: str
    site_of: str | None


class EventFields(TypedDict):
    """The fields of an :class:`~newsmap.model.Event` (its ``uid`` is set by the build)."""

    date: PartialDate | None
    iso3: str | None
    place: str | None
    lat: float | None
    lon: float | None
    type: EventType
    summary: str


class RegionFields(TypedDict):
    """The fields of a :class:`~newsmap.model.RegionTag`."""

    name: str
    evidence: str
