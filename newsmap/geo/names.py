"""Country names to ISO 3166-1 alpha-3 codes, and back.

Base names come from pycountry; aliases, demonyms and historical states from
``geo/country_aliases.tsv``; capitals from ``geo/capitals.tsv`` (see geo/README.md for each
source and for how historical states are mapped). Kosovo is ``XKX``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal, cast

import pycountry

from newsmap.geo.fold import fold_key
from newsmap.geo.lexicon import load_phrase_table, scan_phrases
from newsmap.geo.lexicon import strip_article as _strip_article

__all__ = [
    "CountryKind",
    "CountryMention",
    "country_name",
    "find_country_mentions",
    "known_iso3",
    "resolve_country",
]

CountryKind = Literal["name", "demonym", "capital", "historical"]

# English short names where ISO's own is long ("Iran, Islamic Republic of") or not the common one.
# Turkey: the name English-language news used for most of the archive (ISO says "Türkiye" since
# 2022; both resolve to TUR).
_DISPLAY_NAMES = {
    "XKX": "Kosovo",
    "RUS": "Russia",
    "TUR": "Turkey",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "FLK": "Falkland Islands",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
    "BRN": "Brunei",
    "SHN": "Saint Helena",
    "CIV": "Côte d'Ivoire",
    "CZE": "Czechia",
    "MKD": "North Macedonia",
}


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class CountryMention:
    """A country named in running text: offsets into the original text, and how it was named."""

    start: int
    end: int
    surface: str
    iso3: str
    kind: CountryKind


@functools.cache
def country_name(iso3: str) -> str:
    """The English short common name of a country ("Bosnia and Herzegovina"); KeyError if none."""
    code = iso3.upper()
    if code in _DISPLAY_NAMES:
        return _DISPLAY_NAMES[code]
    try:
        country = pycountry.countries.get(alpha_3=code)
    except LookupError:
        country = None
    if country is None:
        raise KeyError(iso3)
    return str(getattr(country, "common_name", None) or country.name)


@functools.cache
def known_iso3() -> frozenset[str]:
    """Every ISO3 code :func:`country_name` knows: ISO 3166-1 plus XKX."""
    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})


def resolve_country(text: str) -> str | None:
    """The ISO3 code a whole name, alias, demonym, capital or historical name stands for, or None.

    Case and diacritics are ignored ("türkiye", "DURRES"), except that names the table writes in
    capitals ("US", "UK") must be written in capitals. A leading "the" is ignored.
    """
    surface = _strip_article(text)
    entry = load_phrase_table().get(fold_key(surface))
    if entry is None or entry.category != "country":
        return None
    if entry.upper_only and not surface.isupper():
        return None
    return entry.value


def find_country_mentions(text: str) -> list[CountryMention]:
    """Every country mention in ``text``, leftmost-longest, whole words, capitalised.

    Names inside outlet, organisation and agreement names ("Brussels Report") and inside region
    names ("Western Balkans") are not mentions, nor a name or demonym that opens a square's or a
    street's name ("France Square" in Yerevan, "Spanish Square" in Mostar).
    """
    return [
        CountryMention(m.start, m.end, m.surface, m.entry.value, cast(CountryKind, m.entry.kind))
        for m in scan_phrases(text)
        if m.entry.category == "country"
        and not (text.startswith(" ", m.end) and _STREET_AFTER.match(text, m.end))
        and not (m.surface in _GIVEN_NAMES and _person_after(text, m.end))
    ]


_STREET_AFTER = re.compile(r" (?:Square|Street|Avenue|Boulevard)\b")
# Countries whose names are also given names: "Chad Morrison", "Jordan Peters".
_GIVEN_NAMES = frozenset({"Chad", "Jordan", "Georgia", "Israel", "India"})
_SURNAME_AFTER = re.compile(r" (?!(?:[A-Z][a-z]+ )?(?:Valley|Rivers?|Basin|Rift|Tech|Times|Post"
                            r"|Defen[cs]e|Forces|Police|Army|Air|Airways|Airlines|International"
                            r"|National|Cup|Dam|Lake|Sea|Gulf|Strait|Television|Radio|Today"
                            r"|Herald|Square|Street|Avenue|State|University|Company)\b)"
                            r"[A-Z][a-z]+\b")


def _person_after(text: str, end: int) -> bool:
    """Whether a capitalised word that is no country's name follows, making the country's
    name a person's given name ("Chad Morrison"), not a country ("Jordan Valley" is one); not
    in a title, which may capitalise every word ("Jordan Opens Its Border")."""
    if "\n\n" not in text[:end]:
        return False
    found = _SURNAME_AFTER.match(text, end)
    return found is not None and resolve_country(found.group().strip()) is None
