"""Country mentions the geography layer finds, checked against their context.

* "Georgia" is the US state when state words surround it ("governor of Georgia", "Atlanta,
  Georgia") or the article is set in the American south and gives no sign of the Caucasus;
* "Macedonia" is the Greek region after "the Greek region of", "northern Greek", "ancient" and the
  like, and, after the renaming of February 2019, when an article about Greece gives no other
  sign of the country (no "North Macedonia", no Skopje);
* a former federation or empire ("Yugoslavia", "the Soviet Union", "Ottoman",
  "Czechoslovakia") is no country of today: none of its successors is meant;
* a capital that the gazetteer did not accept as a place is part of a longer proper name
  ("Tehran Times", "Minsk Tractor Works") and is dropped; one inside a compound adjective
  ("Moscow-friendly") is kept as an adjective, like a demonym;
* a demonym that goes on a proper name begun mid-sentence by a word that names no country
  ("Kulykove Pole", a square in Odesa; "the United Tajik Opposition"; "Karabakh Armenian
  forces") is part of that name, not the country. A month or weekday ("On 3 March Iraqi
  generals"), a possessive ("Tudjman's Croatian party") or a country before it ("Kosovo Serb",
  "Greek Cypriot") does not begin a name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsmap.geo import CountryMention
from newsmap.model import PartialDate
from newsmap.tagging.placenames import PlaceRef
from newsmap.tagging.roles import is_compound

__all__ = ["filter_countries"]

# Words next to "Georgia" that make it the US state ("governor of Georgia", "Atlanta, Georgia",
# and the state's towns that share a name with a city abroad: "Athens, Georgia").
_STATE_CUES = re.compile(
    r"\b(?:[Gg]overnor|[Ss]enator|[Cc]ongress\w*|[Cc]ounty|[Ss]tate\s+of|U\.?S\.?\s+state"
    r"|Peach State|Georgia Tech|University of Georgia|Atlanta|Savannah|Augusta|Macon|Marietta"
    r"|Democrats?|Republicans?|GOP"
    r"|(?:Athens|Rome|Columbus|Albany|Dublin|Milledgeville|Valdosta|Dalton),\s+Georgia)\b"
)
# Elsewhere in an article: signs that it is about the United States' south.
_US_SOUTH = re.compile(
    r"\b(?:Atlanta|Savannah|Alabama|Florida|Tennessee|Carolina|Mississippi|Texas|Virginia"
    r"|Kentucky|Ohio|Arizona|Michigan|Pennsylvania|Wisconsin|Nevada)\b"
)
# Signs of the country: the Caucasus, its neighbours, its places and people.
_GEORGIA_COUNTRY_CUES = ("tbilisi", "caucasus", "abkhazia", "ossetia", "saakashvili", "batumi")
_GEORGIA_NEIGHBOURS = frozenset({"RUS", "ARM", "AZE", "TUR", "UKR", "IRN", "BLR", "MDA", "KAZ"})
_FEDERATION = re.compile(
    r"(?:Yugoslav|Soviet|USSR|U\.S\.S\.R|Union of Soviet|Czechoslovak|Ottoman|Federal Republic"
    r" of Yugoslavia|Socialist Federal)"
)
# A capitalised word right before a demonym, not at a sentence's start: the start of a name.
_NAME_BEFORE = re.compile(r"(?<=[a-z,;)] )[A-Z][\w-]*[a-z] \Z")
_CALENDAR_WORDS = frozenset(
    "January February March April May June July August September October November December"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_GREEK_MACEDONIA_BEFORE = re.compile(
    r"(?i)(?:\bregion\s+of|\bprovince\s+of|\bgreek|\bgreece's|\bancient|\bcentral|\bwestern"
    r"|\beastern|\bnorthern\s+greek|\bgreek\s+region\s+of)\s+(?:\w+\s+){0,2}$"
)


def filter_countries(
    text: str,
    mentions: list[CountryMention],
    places: list[PlaceRef],
    capital_places: set[tuple[int, int]],
    published: PartialDate | None,
) -> list[CountryMention]:
    """Drop mentions that context shows are not the country."""
    iso3s = {m.iso3 for m in mentions}
    mention_ends = {m.end for m in mentions}
    kept: list[CountryMention] = []
    for m in mentions:
        if m.kind == "demonym" and _goes_on_a_name(text, m.start, mention_ends):
            continue  # "Kulykove Pole", "the United Tajik Opposition": a name, not the country
        if m.kind == "historical" and _FEDERATION.match(m.surface):
            continue  # "Yugoslavia", "Soviet": a state that is gone, not its successor
        if m.kind == "capital" and is_compound(text, m.end):
            kept.append(replace(m, kind="demonym"))  # "Moscow-friendly": used as an adjective
            continue
        if m.kind == "capital" and (m.start, m.end) not in capital_places:
            continue  # "Tehran Times", "Minsk Tractor Works": part of a longer name
        if (
            m.iso3 == "GEO"
            and m.surface.lower().startswith("georgia")
            and not m.surface.lower().startswith("georgian")
            and _is_us_state(text, text.lower(), m, mentions, places)
        ):
            continue
        if m.iso3 == "MKD" and _is_greek_macedonia(text, m, mentions, iso3s, published):
            continue
        kept.append(m)
    return kept


def _goes_on_a_name(text: str, start: int, mention_ends: set[int]) -> bool:
    """Whether the demonym at ``start`` continues a proper name begun by the capitalised word
    before it (mid-sentence; not a month or weekday, a possessive or a country's name)."""
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group()[:-1]
    return word not in _CALENDAR_WORDS and before.end() - 1 not in mention_ends


def _is_us_state(
    text: str,
    folded: str,
    mention: CountryMention,
    mentions: list[CountryMention],
    places: list[PlaceRef],
) -> bool:
    """Whether "Georgia" here is the US state: state words right next to it, or an article set
    in the American south with no sign of the Caucasus."""
    window = text[max(0, mention.start - 40) : mention.end + 25]
    if _STATE_CUES.search(window) is not None:
        return True
    georgian_context = (
        any(cue in folded for cue in _GEORGIA_COUNTRY_CUES)
        or any(m.iso3 == "GEO" and m.kind != "name" for m in mentions)
        or any(m.iso3 in _GEORGIA_NEIGHBOURS for m in mentions)
        or any(p.city.iso3 == "GEO" for p in places)
    )
    return not georgian_context and _US_SOUTH.search(text) is not None


def _is_greek_macedonia(
    text: str,
    mention: CountryMention,
    mentions: list[CountryMention],
    iso3s: set[str],
    published: PartialDate | None,
) -> bool:
    """Whether "Macedonia" here is the Greek region rather than the country."""
    surface = mention.surface.lower()
    if "north" in surface or surface.startswith("macedonian") or surface.startswith("fyr"):
        return False
    if _GREEK_MACEDONIA_BEFORE.search(text, max(0, mention.start - 40), mention.start):
        return True
    after = text[mention.end : mention.end + 20].lower()
    if after.startswith((" region", " province")):
        return True
    if published is not None and (published.year, published.month or 12) >= (2019, 2):
        # After the renaming the country is "North Macedonia"; a bare "Macedonia" in an
        # article about Greece that gives no other sign of the country is the region.
        other_mkd = (
            any(
                m.iso3 == "MKD" and m is not mention and "north" in m.surface.lower()
                for m in mentions
            )
            or "skopje" in text.lower()
        )
        return "GRC" in iso3s and not other_mkd
    return False
