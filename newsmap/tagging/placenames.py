"""Gazetteer matches resolved to one city each, using what the article says about countries.

See :func:`choose_city` for the rule. A capital the text uses for its government ("Tirana
decided") is still a place, flagged ``capital``.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass

from newsmap.geo import City, CountryMention, PlaceMention, fold_key, name_keys
from newsmap.tagging.roles import is_compound, is_locative, is_source

__all__ = ["PlaceRef", "choose_city", "resolve_places"]


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A resolved place mention: the gazetteer city and where the text names it."""

    start: int
    end: int
    surface: str
    city: City
    sentence: int
    locative: bool
    source: bool  # "from Erbil"
    capital: bool  # also a capital used for its country ("Tirana decided")


# Capitals that, used on their own, stand for international institutions rather than their
# country ("Brussels" for the EU and NATO); "in Brussels" is still the city, in Belgium.
_SEATS_OF_INSTITUTIONS = frozenset({"brussels"})
# A named-country candidate loses to a namesake this many times larger.
_DWARFED = 20


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """:func:`fold_key` of a place name, remembered: the same names recur article after article."""
    return fold_key(name)


@functools.lru_cache(maxsize=4096)
def _own_keys(name: str) -> tuple[str, ...]:
    """The keys a city's own name is indexed under (see :func:`name_keys`), remembered."""
    return name_keys(name)


def resolve_places(
    text: str, found: list[PlaceMention], mentions: list[CountryMention], starts: list[int]
) -> list[PlaceRef]:
    """Resolve each gazetteer mention to one city, preferring the countries the text names."""
    named = {m.iso3 for m in mentions if m.kind != "capital"}
    capitals = {(m.start, m.end): m.iso3 for m in mentions if m.kind == "capital"}
    capital_starts = {m.start: m.iso3 for m in mentions if m.kind == "capital"}
    refs: list[PlaceRef] = []
    chosen: dict[tuple[str, str | None, bool], City | None] = {}  # names repeat in an article
    for mention in found:
        start, end = mention.start, mention.end
        if is_compound(text, end):
            continue
        capital_iso3 = capitals.get((start, end)) or capital_starts.get(start)
        source = is_source(text, start)
        locative = not source and is_locative(text, start)
        key = _key(mention.surface)
        if not locative and key in _SEATS_OF_INSTITUTIONS:
            continue  # "between Moscow and Brussels": the EU, not Belgium or a city
        memo = (key, capital_iso3, locative)
        if memo not in chosen:
            chosen[memo] = choose_city(
                mention.surface, mention.candidates, named, capital_iso3, locative
            )
        city = chosen[memo]
        if city is None:
            continue
        refs.append(
            PlaceRef(
                start,
                end,
                mention.surface,
                city,
                max(bisect_right(starts, start) - 1, 0),
                locative,
                source,
                capital_iso3 is not None and city.iso3 == capital_iso3,
            )
        )
    return refs


def choose_city(
    surface: str,
    candidates: tuple[City, ...],
    named: set[str],
    capital_iso3: str | None,
    locative: bool,
) -> City | None:
    """The city a place name means here, or None when it is probably not a place.

    A city in a country the article names (by name or demonym) wins, unless a namesake abroad
    is over twenty times larger ("Paris" with "American" in the text is still Paris); then the
    capital the name is ("Tripoli" in an article about Lebanon is Lebanon's Tripoli, otherwise
    Libya's); then the largest city. A name that is only an alternate name of a city abroad
    ("White House" for Casablanca), or a small town abroad, is not taken as a place.
    """
    if not candidates:
        return None
    key = _key(surface)
    own = [c for c in candidates if key in _own_keys(c.name)]
    top = own[0] if own else candidates[0]
    for city in candidates:
        if city.iso3 in named and top.population <= _DWARFED * city.population:
            return city
    if capital_iso3 is not None:
        for city in candidates:
            if city.iso3 == capital_iso3:
                return city
    if key not in _own_keys(top.name):
        return None
    if locative or top.population >= 100_000 or top.geonameid is None:
        return top
    return None
