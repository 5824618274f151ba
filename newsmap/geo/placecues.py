"""Names the text itself calls places: where a village or a named site may be taken as a place.

The small places of the village tier (see :mod:`newsmap.geo.placeindex`) are too many to look
for in every capitalised word: most of their names are also surnames, words or big cities
elsewhere. They are looked up only where the wording says the name is a place:

* a kind of place before it: "the village of X", "the border town of X", "the villages of X and Y",
  "villages north of Y, among them X and Z"; or after a list it ends: "X, Y and Z and several
  smaller hamlets";
* an apposition after it: "X, a village ...", "X, a small town ...", "X, the largest of the
  settlements ...", or a sentence it opens saying so: "X is a town of ten thousand people",
  "X in 1997 was a farming village";
* a part of a town ("quarter"), which is no town of its name: "X, a district of Y",
  "neighbourhoods such as X";
* a position relative to another place: "X, north of Y", "X, 20 km south of Y", "X, near Y",
  "near X" (each name of a list after it), "above X", "on the outskirts of X", "X in southern
  Albania", "X, a few kilometres from the border";
* a locative preposition ("in X", "at X", "from X", ..., also each name of a list after it: "in
  X and Y"), a verb of taking, striking or reaching ("overran X", "shelled X", "the water
  reached X") or the people who live there ("the fishermen of X", "the mayor of X") when the
  name is a village of a country the article names (checked by the resolver, which sees the
  countries).

Named sites ("Skanderbeg Square", "the Jarinje border crossing", "Pristina Airport", "Air Base
201", "Kulykove Pole, the broad square ...") are found by their head noun or an apposition;
they are placed in the city named in the site's own name or the sentence (see
:mod:`newsmap.tagging.placenames`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import compress
from typing import Literal

from newsmap.geo.wordindex import capital_folded, capital_words, first_letter_alternation

__all__ = ["SITE_NOUN_WORDS", "Cue", "SiteMention", "find_cues", "find_sites"]

CueKind = Literal["kind", "apposition", "relative", "locative", "quarter"]

# Capital letters as ranges (Latin, Latin Extended, Greek, Cyrillic): ranges compile far faster
# than the exact class of :func:`~newsmap.geo.wordindex.upper_class`, and a lower-case letter of
# Latin Extended-A starting a word in English prose is rare enough not to matter here.
_U = "[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0386-\u03ab\u0400-\u042f\u1e00-\u1efe]"
# A capitalised word, with in-word hyphens or apostrophes ("Sharm el-Sheikh", "Ts'khinvali").
_CAP = rf"{_U}\w*(?:(?:['’\-]|-['’‘])\w+)*"
_PARTICLE = r"(?:el|al|ad|de|di|du|la|le|na|nad|pod|e|i)"
_NAME = rf"{_CAP}(?:[ \-](?:{_CAP}|{_PARTICLE}-?(?={_U})\w*))" + "{0,3}"
_KINDS = (
    r"villages?|towns?|hamlets?|settlements?|cit(?:y|ies)|municipalit(?:y|ies)|communes?|"
    r"suburbs?|townships?|districts?|neighbou?rhoods?|resorts?|enclaves?|outposts?|"
    r"border (?:town|village)s?"
)
_DIRECTION = (
    r"(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|"
    r"northwest|southeast|southwest)(?:ern)?"
)
_DISTANCE = r"(?:(?:about |some |around )?\d+(?:\.\d+)? ?(?:km|kilometres|kilometers|miles|mi) )?"

# Each pattern starts at a cheap anchor (the kind word, a comma, the relation word); the names
# around it are then matched in place.
_OF_NAME = re.compile(rf" of (?={_U})")
_KIND_HEADS = frozenset(
    "village villages town towns hamlet hamlets settlement settlements city cities municipality "
    "municipalities commune communes suburb suburbs township townships district neighbourhood "
    "neighborhood resort enclave outpost".split()
)
# People named by where they live ("the fishermen of Piran", "the mayor of Srebrenica").
_DWELLERS = frozenset(
    "people residents inhabitants villagers townspeople townsfolk fishermen farmers mayor "
    "families".split()
)
_DIRECTION_HEADS = frozenset(
    f"{d}{e}" for d in ("north south east west north-east north-west south-east south-west "
                        "northeast northwest southeast southwest").split() for e in ("", "ern")
) | {"outskirts"}
_RELATION_WORDS = frozenset("near outside above below Near Outside Above Below".split())
_INCLUDING = re.compile(
    rf"(?:i(?<!\w.)ncluding|a(?<!\w.)mong\s+them|s(?<!\w.)uch\s+as)\s+(?={_U})"
)
_KIND_BEFORE = re.compile(rf"\b(?:{_KINDS})\b[^.;:]*$", re.IGNORECASE)
_NAME_LIST = re.compile(rf"(?P<name>{_NAME})(?P<more>(?:,\s+{_NAME})*(?:,?\s+and\s+{_NAME})?)")
# The kind noun heads the apposition: the words before it describe it ("a farming village"),
# none starts a phrase of its own ("the crossing between the village of ...": a crossing).
_APPOSITION = re.compile(
    rf",\s+(?:a|an|the|(?P<plural>two|three|four|both))\s+"
    rf"(?:(?:largest|biggest|oldest|smallest|last|first|poorest|richest) of the\s+)?"
    rf"(?:(?!(?:between|of|in|at|on|near|from|to|by|with|the|a|an|and)\s)"
    rf"[\w\-]+\s+){{0,3}}?(?:{_KINDS})\b"
)
# Parts of a town: "X, a mining district of Donetsk", "neighbourhoods such as X".
_QUARTER = r"(?:neighbou?rhoods?|districts?|quarters?|suburbs?|boroughs?)"
_QUARTER_WORD = re.compile(rf"{_QUARTER}\b")
_PART_OF_TOWN = re.compile(
    rf",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){{0,3}}?{_QUARTER}\s+of\s+(?:the\s+)?[A-Z]"
)
# "Bint Jbeil, a few kilometres from the border": a name placed by its distance from another.
_DISTANCE_AFTER = re.compile(
    r", (?:(?:a|a few|some|about|around|barely|only|just|several|\d+|[a-z]+ty|ten|two|three"
    r"|four|five|six|seven|eight|nine) ){1,2}(?:kilometres|kilometers|km|miles) "
    rf"(?:from|away|outside|inside|{_DIRECTION})\b"
)
# "the Armenian province of Tavush": a region's name.
_REGION_OF = re.compile(r"\b(?:province|region|district|county|oblast|governorate|state) of $")
# "Bentalha in 1997 was a village": a year between the name and the verb.
_YEAR_BEFORE = re.compile(r",? in \d{4},?$")
# "X, Y and Z and several smaller hamlets": a list of names that ends in more of their kind.
_AND_OTHER_PLACES = re.compile(
    r" and (?:several|other|a few|some|many|a dozen|two|three|four|five|six|a handful of)"
    r" (?:other |more |smaller |small |nearby |neighbouring |neighboring )?"
    r"(?:villages|hamlets|settlements|towns)\b"
)
# "Višegrad is a town of ten thousand people", "Bentalha was a farming village": the name is
# the subject of a sentence that says what kind of place it is (anchored on the verb).
_PREDICATE = re.compile(
    rf" (?:is|was|remains) (?:a|an|the) (?:(?!(?:between|of|in|at|on|near|from|to|by|with|the|a"
    rf"|an|and)\s)[\w\-]+\s+){{0,3}}?(?:{_KINDS})\b"
)
# "Përmet in southern Albania": a name placed in a larger named area (anchored on " in ").
_IN_AREA = re.compile(rf" in (?:the )?(?:(?:far |remote )?{_DIRECTION} )?(?={_U})")
_BEFORE_RELATION = re.compile(rf",\s+{_DISTANCE}$")
# A name ending where the search ends, found by its capital first (the look-behind that it
# does not continue a word follows the capital), so that the search skips to capitals in C.
_NAME_AFTER_CAPITAL = _NAME.removeprefix(_U)
_NAME_BEFORE = re.compile(rf"{_U}(?<![\w'’\-].){_NAME_AFTER_CAPITAL}$")
_MONTHS = frozenset(
    "January February March April May June July August September October November December"
    .split()
)
_OPENING_WORDS = frozenset("In At From To Near The On By For And But Then When".split())
_LOCATIVE_WORDS = ("in", "at", "from", "to", "into", "near", "outside", "around", "through", "via")
# Verbs whose object is a place taken or struck ("overran Kalbajar", "had taken Vuhlehirsk").
_TAKING_VERBS = (
    "took", "taken", "captured", "seized", "overran", "overrun", "retook", "recaptured",
    "shelled", "bombed", "besieged", "stormed", "entered", "liberated", "reached", "flooded",
    "evacuated",
)
_LOCATIVE_BEFORE = frozenset(
    (*_LOCATIVE_WORDS, *(w.title() for w in _LOCATIVE_WORDS), *_TAKING_VERBS)
)
_NAME_RE = re.compile(_NAME)
_CUE_WORDS = _RELATION_WORDS | _LOCATIVE_BEFORE
# The cue words by their last letter: the text before a name's space must end with one of
# them before the word there is read (a character at a time) and looked up.
_CUE_ENDINGS = {
    last: tuple(sorted(word for word in _CUE_WORDS if word[-1] == last))
    for last in {word[-1] for word in _CUE_WORDS}
}
_QUOTES_BEFORE_WORD = "(\"“‘'"


def _cue_words(text: str) -> Iterator[tuple[int, str]]:
    """(start of the capitalised word, the relation or locative word before it), in order: the
    capitalised words (see :func:`~newsmap.geo.wordindex.capital_words`) one space after one of
    those words, itself after a blank, the text's start or an opening quote or bracket."""
    for start, _, _ in capital_words(text):
        if start < 3 or text[start - 1] != " ":
            continue
        endings = _CUE_ENDINGS.get(text[start - 2])
        if endings is None or not text.endswith(endings, 0, start - 1):
            continue  # not one space after a word that ends like one of ours (quick tests)
        i = start - 1
        while i and text[i - 1].isalpha():
            i -= 1
        word = text[i : start - 1]
        if word not in _CUE_WORDS:
            continue
        while i and text[i - 1] in _QUOTES_BEFORE_WORD:
            i -= 1
        if not i or text[i - 1] in " \n":
            yield start, word


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class Cue:
    """A capitalised name the wording says is a place; ``kind`` says how strongly."""

    start: int
    end: int
    surface: str
    kind: CueKind


def find_cues(text: str) -> list[Cue]:
    """Every name the text calls a place, in order; a name found by several cues keeps the
    strongest ("kind" and "apposition" before "relative", then "locative")."""
    best: dict[tuple[int, int], Cue] = {}
    strength = {"quarter": -1, "kind": 0, "apposition": 0, "relative": 1, "locative": 2}

    def add(start: int, end: int, kind: CueKind) -> None:
        cue = Cue(start, end, text[start:end], kind)
        old = best.get((start, end))
        if old is None or strength[kind] < strength[old.kind]:
            best[(start, end)] = cue

    for m in _OF_NAME.finditer(text):
        word = _word_ending_at(text, m.start())
        if word in _KIND_HEADS:  # "the village of X", "the villages of X, Y and Z"
            names = _NAME_LIST.match(text, m.end())
            if names is None:
                continue
            add(*names.span("name"), "kind")
            if names.group("more"):
                for extra in _NAME_RE.finditer(text, names.start("more"), names.end("more")):
                    add(*extra.span(), "kind")
        elif word in _DIRECTION_HEADS:  # "X, 20 km north of Y", "on the outskirts of Y"
            _add_relation(text, m.start() - len(word), m.end(), add)
        elif word in _DWELLERS:  # "the fishermen of Piran": where people live, if a village
            names = _NAME_LIST.match(text, m.end())
            if names is not None:  # "the families of Orašje and Šamac": each of them
                add(*names.span("name"), "locative")
                for extra in _NAME_RE.finditer(text, names.start("more"), names.end("more")):
                    add(*extra.span(), "locative")
    if "including" in text or "among them" in text or "such as" in text:
        for m in _matches_at(_INCLUDING, text, ("including", "among", "such")):
            kind = _KIND_BEFORE.search(text, max(0, m.start() - 90), m.start())
            if kind is None:
                continue  # "villages north of Kumanovo, among them X and Y"
            names = _NAME_LIST.match(text, m.end())
            if names is not None:  # "neighbourhoods such as X": parts of a town
                quarter = _QUARTER_WORD.match(kind.group().lower())
                cued: CueKind = "quarter" if quarter else "kind"
                for name in _NAME_RE.finditer(text, names.start(), names.end()):
                    add(*name.span(), cued)
    if " in " in text:
        for m in _IN_AREA.finditer(text):
            area = _NAME_RE.match(text, m.end())
            if area is not None and area.group() in _MONTHS:
                continue  # "Florida in April": a date, not an area
            before = _name_before(text, m.start())
            if before is not None:
                add(*before, "relative")
    if "," in text:
        for m in _APPOSITION.finditer(text):
            before = _name_before(text, m.start())
            if before is not None:  # "X, a mining district of Donetsk": part of a town
                add(*before, "quarter" if _PART_OF_TOWN.match(text, m.start()) else "apposition")
            while before is not None and m.group("plural") and text.endswith(
                (" and ", ", "), 0, before[0]
            ):  # "Tastubek and Akespe, two villages south of Aralsk": each of them
                before = _name_before(text, before[0] - (5 if text[before[0] - 2] == "d" else 2))
                if before is not None:
                    add(*before, "apposition")
    if "kilomet" in text or " km " in text or " miles " in text:
        for m in _DISTANCE_AFTER.finditer(text):  # "X, a few kilometres from"
            before = _name_before(text, m.start())
            if before is not None and not _REGION_OF.search(text, max(0, before[0] - 20),
                                                            before[0]):
                add(*before, "relative")
    if " and " in text and any(k in text for k in ("villages", "hamlets", "settlements",
                                                   "towns")):
        # "they held Ansalta, Rakhata and Tando and several smaller hamlets"
        for m in _matches_at(_AND_OTHER_PLACES, text, (" and ",)):
            before = _name_before(text, m.start())
            while before is not None:
                add(*before, "kind")
                gap = 5 if text.endswith(" and ", 0, before[0]) else 2
                if not text.endswith((" and ", ", "), 0, before[0]):
                    break
                before = _name_before(text, before[0] - gap)
    if " is " in text or " was " in text or " remains " in text:
        for m in _matches_at(_PREDICATE, text, (" is ", " was ", " remains ")):
            year = _YEAR_BEFORE.search(text, max(0, m.start() - 16), m.start())
            before = _name_before(text, year.start() if year else m.start())
            if before is not None and _opens_sentence(text, before[0]):
                add(*before, "apposition")
    taken_until = 0
    for start, word in _cue_words(text):
        if start < taken_until:
            continue
        if word in _RELATION_WORDS or (word == "to" and text.endswith("close to ", 0, start)):
            taken_until = _add_relation(text, start - len(word) - 1, start, add)
        elif word in _LOCATIVE_BEFORE:
            places = _NAME_LIST.match(text, start)  # "in Pljevlja and Berane": both
            if places is not None:
                add(*places.span("name"), "locative")
                taken_until = places.end("name")
                if places.group("more"):
                    for extra in _NAME_RE.finditer(text, places.start("more"), places.end("more")):
                        add(*extra.span(), "locative")
                    taken_until = places.end()
    return sorted(best.values(), key=lambda c: c.start)


def _matches_at(
    pattern: re.Pattern[str], text: str, openings: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts with one of the
    ``openings``: the pattern is tried only where one is written (found by ``str.find``, in C),
    in order, a match hiding the openings inside it as ``finditer`` would."""
    starts: list[int] = []
    for opening in openings:
        at = text.find(opening)
        while at != -1:
            starts.append(at)
            at = text.find(opening, at + 1)
    done = 0
    for start in sorted(set(starts)):
        if start < done:
            continue
        found = pattern.match(text, start)
        if found is not None:
            done = found.end()
            yield found


def _add_relation(
    text: str, phrase_start: int, name_start: int, add: Callable[[int, int, CueKind], None]
) -> int:
    """Add the name after a relation ("near Y", each of a list: "near Y and Z") and the name
    before it ("X, near Y"); returns where the names after end."""
    names = _NAME_LIST.match(text, name_start)
    if names is None:
        return name_start
    add(*names.span("name"), "relative")
    for extra in _NAME_RE.finditer(text, names.start("more"), names.end("more")):
        add(*extra.span(), "relative")
    comma = _BEFORE_RELATION.search(text, max(0, phrase_start - 30), phrase_start)
    before = _name_before(text, comma.start()) if comma is not None else None
    if before is not None:
        add(*before, "relative")
    return names.end()


def _word_ending_at(text: str, end: int) -> str:
    """The word (letters and hyphens) that ends at ``end``."""
    i = end
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "-") and end - i < 16:
        i -= 1
    return text[i:end]


def _word_before(text: str, start: int) -> str:
    """The word one space before ``start`` ("in" in "in Tirana", "(in Tirana"), or "" when
    no space comes right before ``start``."""
    if start < 2 or text[start - 1] != " ":
        return ""
    window = text[max(0, start - 11) : start - 1]
    word = window[window.rfind(" ") + 1 :]
    return word[word.rfind("\n") + 1 :].lstrip("(\"“‘'")


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The span of the name that ends at ``end`` ("Banjska" in "In Banjska, a village"),
    without a capitalised word that only opens the sentence."""
    found = _NAME_BEFORE.search(text, max(0, end - 60), end)
    if found is None:
        return None
    start = found.start()
    first = text[start : text.find(" ", start, end)] if " " in found.group() else ""
    if first in _OPENING_WORDS:
        start += len(first) + 1
    return start, end


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence or a paragraph (after an opening quote perhaps)."""
    before = text[max(0, start - 3) : start].rstrip("\"“‘'(")
    return not before.strip() or before.rstrip()[-1:] in ".!?" or before.endswith("\n")


def _skip_opening_word(text: str, start: int, end: int) -> int:
    """``start``, past a capitalised word that only opens the sentence ("In Skanderbeg ...")."""
    space = text.find(" ", start, end)
    if space != -1 and text[start:space] in _OPENING_WORDS:
        return space + 1
    return start


# --- named sites ------------------------------------------------------------------------------

# Nouns that end a site's name. Not "Palace", "Street" or "Gate" ("the Elysee Palace", "Downing
# Street" stand for governments), nor buildings (churches, mosques, hotels, theatres). "Most" and
# "Trg" are the South Slavic bridge and square ("Stari Most", "Trg bana Jelačića").
_SITE_NOUNS = (
    r"Square|Roundabout|Bridge|Causeway|International Airport|Airport|Stadium|Arena|"
    r"Memorial Centre|"
    r"Memorial Center|Memorial|Air Base|Airbase|Airfield|Border Crossing|Most|Trg|Stadion"
)
# Written so that every branch opens with a literal capital (see first_letter_alternation).
_SITE_NOUN = re.compile(
    rf"(?:{first_letter_alternation(_SITE_NOUNS.split('|'), word_start=True)})\b"
)
SITE_NOUN_WORDS = frozenset(_SITE_NOUNS.replace(" ", "|").split("|"))
"""Every word of the capitalised nouns that end a site's name ("Bridge", "Airport")."""
_SITE_NOUN_FIRSTS = frozenset(noun.split(" ")[0].lower() for noun in _SITE_NOUNS.split("|"))
# Heads that only describe ("the Old Bridge", "the Main Square"): not taken as a site's name.
_DESCRIPTIVE = frozenset(
    "Old New Main Central Great Big Little Upper Lower North South East West Grand".split()
)
# Lower-case nouns: kept in the name when the site has no other ("the Holmec border crossing",
# "the Naqoura crossing", "the Ain al-Asad air base", "the Safwan airfield"), left out when they
# only describe a named place ("Jemaa el-Fna square").
_KEPT_NOUNS = frozenset(
    {"border crossing", "crossing point", "crossing", "border post", "air base", "airbase",
     "airfield"}
)
# An air base is one whatever precedes its name ("whose Manas air base", "at Mitiga air base").
_BASE_NOUNS = frozenset({"air base", "airbase", "airfield"})
_DESCRIBED_NOUNS = ("square", "bridge", "stadium", "airport")
_LOWER_NOUN_WORDS = ("border", "crossing", "air", *_DESCRIBED_NOUNS)  # what a match opens with
_LOWER_NOUN = re.compile(
    rf"(?:{first_letter_alternation([*_KEPT_NOUNS, *_DESCRIBED_NOUNS], word_start=True)})\b"
)
# The name before a site's noun: capitalised words with particles, perhaps a plural possessive
# ("Martyrs' Square", "Riad al-Solh Square"), perhaps with "of" inside ("Kings of Israel Square").
_SITE_NAME_BEFORE = re.compile(
    rf"{_U}(?<![\w'’\-].){_NAME_AFTER_CAPITAL}(?: of {_NAME})?['’]? $"
)
_POSSESSIVE = re.compile(r"\w['’]s ")
_THE_BEFORE = re.compile(r"\b[Tt]he $")
# Nouns that open a site's name in the languages of the region and its neighbours ("Stadio della
# Vittoria", "Plaza Mayor", "Trg bana Jelačića", "Praça do Comércio"), with the name after them.
_LEADING_NOUNS = ("Piazza ", "Plaza ", "Stadio ", "Estadio ", "Trg ", "Praça ")
_LEADING_SITE = re.compile(
    rf"\b(?:{'|'.join(n.strip() for n in _LEADING_NOUNS)})"
    rf"(?: (?:della|delle|dei|del|di|de|do|da|la|bana|od|of|the) )?"
    rf"(?: ?{_CAP}){{1,3}}"
)
_NUMBERED_BASE = re.compile(r"\bAir Base \d{1,3}\b")
# "Kapija, the square at the heart of the old town": a site named in apposition.
_SITE_APPOSITION = re.compile(
    r",\s+(?:the|a|an)\s+(?:(?!(?:whose|which|who|that|of|in|on|at|with|by|for|from|and)\s)"
    r"[A-Za-z][a-z\-]+\s+){0,2}?(?:square|bridge|stadium|airport"
    r"|air base|airbase|airfield|memorial|border crossing|crossing)\b"
)


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class SiteMention:
    """A named site ("Skanderbeg Square"); its name before the noun ends at ``head_end``."""

    start: int
    end: int
    surface: str
    head_end: int
    described: bool = False  # named by a lower-case noun after it ("Jemaa el-Fna square")


def find_sites(text: str) -> list[SiteMention]:
    """Named squares, bridges, airports and air bases, stadiums, memorials, border crossings."""
    found: list[SiteMention] = []
    for m in _site_nouns(text):
        start = _site_start(text, m.start())
        if start is not None and text[start : m.start() - 1] not in _DESCRIPTIVE:
            found.append(SiteMention(start, m.end(), text[start : m.end()], m.start() - 1))
    for m in _matches_at(_LOWER_NOUN, text, _LOWER_NOUN_WORDS):
        in_name = m.group() in _KEPT_NOUNS
        start = _site_start(text, m.start())
        if start is None or (in_name and m.group() not in _BASE_NOUNS and _THE_BEFORE.search(
                text, max(0, start - 5), start) is None):
            continue  # "the Jarinje border crossing", not "Serbia border crossing"
        end = m.end() if in_name else m.start() - 1
        found.append(SiteMention(start, end, text[start:end], m.start() - 1,
                                 described=not in_name))
    for m in _SITE_APPOSITION.finditer(text):
        before = _name_before(text, m.start())
        if before is not None:
            found.append(SiteMention(before[0], before[1], text[before[0] : before[1]],
                                     before[1], described=True))
    for noun in _LEADING_NOUNS:
        if noun in text:
            for m in _LEADING_SITE.finditer(text):  # "Stadio della Vittoria", "Plaza Mayor"
                found.append(SiteMention(m.start(), m.end(), m.group(), m.end()))
            break
    if "Air Base " in text:  # "Air Base 201 outside Agadez": a base known by its number
        for m in _NUMBERED_BASE.finditer(text):
            found.append(SiteMention(m.start(), m.end(), m.group(), m.end()))
    found.sort(key=lambda s: (s.start, -s.end))
    kept: list[SiteMention] = []
    for site in found:
        if kept and site.start < kept[-1].end:
            continue
        kept.append(site)
    return kept


def _site_nouns(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_SITE_NOUN` in ``text``, in order and not overlapping, as
    ``finditer`` gives them: each starts a capitalised word, so only the capitalised words that
    begin one of the nouns are tried (not every letter of the text)."""
    done = 0
    opens_noun = map(_SITE_NOUN_FIRSTS.__contains__, capital_folded(text))
    for start, _, _ in compress(capital_words(text), opens_noun):  # filtered in C
        if start < done:
            continue
        noun = _SITE_NOUN.match(text, start)
        if noun is not None:
            done = noun.end()
            yield noun


def _site_start(text: str, noun_start: int) -> int | None:
    """Where the name before a site's noun starts, past an opening word or a possessive
    ("Tehran's Imam Khomeini International Airport"); None when there is no name."""
    head = _SITE_NAME_BEFORE.search(text, max(0, noun_start - 60), noun_start)
    if head is None:
        return None
    start = _skip_opening_word(text, head.start(), noun_start)
    owners = list(_POSSESSIVE.finditer(text, start, noun_start))
    if owners:
        start = owners[-1].end()
    return start if start < noun_start - 1 else None
