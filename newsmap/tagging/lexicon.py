"""The documented event-type lexicon: which words make a clause a cyberattack, a protest, ...

Each type has a list of entries: a word stem or phrase, written as a regular expression that
starts with at least three literal lower-case letters (the stem is used to skip types quickly)
and is matched case-insensitively on whole words. A clause's type is the one with the most
matches; ties go to the type listed first below, which runs from the most specific kind of event
to the most general. A clause that matches nothing is ``other``. Extend a list rather than
special-casing an article.
"""

from __future__ import annotations

import re

from newsmap.geo.wordindex import first_letter_alternation
from newsmap.model import EventType

__all__ = ["EVENT_LEXICON", "best_type", "classify", "find_cues"]


def _each(heads: str, tail: str) -> tuple[str, ...]:
    """One entry per head word: ``_each("air missile", r"attacks?")``."""
    return tuple(f"{head} {tail}" for head in heads.split())


# fmt: off
EVENT_LEXICON: dict[EventType, tuple[str, ...]] = {
    EventType.CYBERATTACK: (
        r"cyber[- ]?attacks?", r"cyber[- ]?(?:operations?|espionage|warfare|intrusions?)",
        r"hack(?:s|ed|ers?|ing)?", r"ransomware", r"malware", r"wiper", r"ddos",
        r"denial[- ]of[- ]service", r"data breach(?:es)?", r"junk traffic", r"phishing",
        r"websites? (?:\w+ )?(?:were |was |had been |have been )?(?:swamped|defaced|knocked)",
    ),
    EventType.TERRORISM: (
        r"terror\w*", r"suicide (?:bomb\w*|attack\w*)", r"car bombs?", r"bombings?",
        r"gunm[ae]n", r"assassinat\w+", r"hostages?", *_each("bomb assassination", r"plots?"),
        r"bomb attacks?", r"plot(?:s|ted|ting)? (?:an? |to )?(?:bomb|terror\w*|attack|kill)\w*",
        r"jihadis?t?s?", r"islamic state", r"al-qaeda", r"al qaeda", r"militants? attack\w*",
        r"opened fire on", r"massacred? (?:of )?(?:tourists|worshippers|civilians)",
    ),
    EventType.ARMED_CONFLICT: (
        r"wars?", r"invad\w+", r"invasion", r"offensives?", r"shell(?:ing|ed)", r"air ?strikes?",
        *_each("air missile drone rocket", r"attacks?"),
        r"bomb(?:ed|ing) (?:raids?|targets|campaign)", r"troops", r"soldiers",
        r"forces (?:captured|seized|overran|stormed|took)", r"fighting", r"clash(?:es|ed)",
        r"sieges?", r"besieged", r"ceasefire", r"truce", r"battles?", r"annex\w*", r"captured?",
        r"recaptur\w+", r"overr?[au]n", r"stormed", r"insurgen\w+", r"rebels?", r"militias?",
        r"genocide", r"ethnic cleansing", r"killed .{0,30}(?:men|boys|civilians|soldiers)",
        r"missiles?", r"drones?", *_each("armoured military", r"(?:columns?|operations?|phase)"),
        r"coup",
    ),
    EventType.ARMS_TRANSFER: (
        *_each(
            "shipped sold supplied delivered sent smuggled transferred provided",
            r"(?:\w+ ){0,3}(?:weapons|arms|missiles|drones|ammunition|tanks|rifles|munitions)",
        ),
        *_each(
            "weapons arms missile drone ammunition",
            r"(?:shipments?|deliver(?:y|ies)|deals?|sales?|transfers?|supplies|smuggling)",
        ),
        r"arms (?:embargo|trade|dealers?)", *_each("supplied sold delivered", "to"),
        r"gun[- ]?running",
    ),
    EventType.ELECTION: (
        r"elections?", r"elected", r"reelect\w*", r"re-elect\w*", r"vot(?:e|es|ed|ers|ing)",
        r"ballots?",
        r"referend(?:um|a|ums)", r"polling", r"run-?off", r"landslide", r"turnout",
        *_each("presidential parliamentary", r"(?:race|poll)"),
        r"won (?:\w+ ){0,3}(?:seats|terms?)",
    ),
    EventType.PROTEST: (
        r"protests?", r"protest(?:ed|ers|ing)", r"demonstrat(?:ion|ions|ors|ed|ing)",
        r"rall(?:y|ies|ied)", r"marche[ds]", r"march(?:ing)?", r"uprisings?", r"revolts?",
        r"revolution", r"riot(?:s|ing|ed)?", r"sit-ins?", r"went on strike", r"strikes? by",
        r"crowds?", r"unrest",
    ),
    EventType.DISASTER: (
        r"earthquakes?", r"quakes?", r"tremors?", r"magnitude", r"floods?", r"flooding",
        r"wildfires?", r"forest fires?", r"droughts?", r"storms?", r"hurricanes?", r"cyclones?",
        r"landslides?", r"tsunamis?", r"avalanches?", r"explosions? at", r"blast at the port",
        r"famine", r"epidemic", r"pandemic", r"outbreak", r"rubble",
        *_each("buildings? blocks? homes? houses? bridges?", r"(?:\w+ ){0,2}collapsed"),
    ),
    EventType.MIGRATION: (
        r"refugees?", r"migrants?", r"migration", r"asylum(?: seekers?)?", r"resettl\w+",
        r"displaced", r"fle(?:e|d|eing)", r"exodus", r"exiled?", r"deport\w+",
        r"border crossings?", r"crossings?", r"camps?",
        r"welcomed (?:\w+ ){0,4}(?:members|people|families)", r"settled",
        r"smuggl\w+ (?:people|migrants)",
    ),
    EventType.DIPLOMATIC: (
        r"diplomat\w*", r"embass(?:y|ies)", r"ambassadors?", r"expel\w*", r"expulsions?",
        r"treat(?:y|ies)", r"agreements?", r"accords?", r"deals?", r"summits?", r"talks",
        r"negotiat\w+", r"sanctions?", r"recogni[sz]\w+", r"relations", r"signed",
        r"join(?:ed)? (?:nato|the (?:alliance|european union|eu|united nations|un))",
        r"membership", r"accession", r"declared independence", r"independence",
        r"state visit", r"visited", r"foreign ministers?", r"envoys?", r"sever\w* ties",
        r"cut\w* (?:diplomatic )?ties", r"nuclear (?:deal|agreement|programme|program)",
        r"condemn\w*",
    ),
}
# fmt: on

_LEAD = re.compile(r"[a-z][a-z -]*")


def _stem(entry: str) -> str:
    """The literal letters every match of ``entry`` starts with ("wars?" -> "war")."""
    lead = _LEAD.match(entry)
    stem = lead.group() if lead else ""
    if stem and len(entry) > len(stem) and entry[len(stem)] in "?*{":
        stem = stem[:-1]
    if len(stem) < 3:
        raise ValueError(f"lexicon entry {entry!r} must start with three literal letters")
    return stem


# Each type's entries as one pattern, tried only where a word of the lower-cased text starts
# with one of its stems.
_TYPES: tuple[tuple[EventType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(r"(?:" + "|".join(entries) + r")\b"))
    for kind, entries in EVENT_LEXICON.items()
)
_STEM_TYPES: dict[str, set[int]] = {}
for _index, _entries in enumerate(EVENT_LEXICON.values()):
    for _entry in _entries:
        _STEM_TYPES.setdefault(_stem(_entry), set()).add(_index)
# The types to try where a stem is written: those of the stem and of every shorter stem it
# starts with (all of them are written there too), in lexicon order.
_BY_STEM: dict[str, tuple[int, ...]] = {
    stem: tuple(sorted({i for other, types in _STEM_TYPES.items() if stem.startswith(other)
                        for i in types}))
    for stem in _STEM_TYPES
}


# The character before a word that starts with a stem, and the longest such stem (which every
# shorter stem written there begins). A whole stem rather than a word's first letters: a type
# is tried only where one of its matches can start (each starts with its entry's stem). Opening
# on a non-word character lets the regex engine skip in C to the blanks and punctuation, where
# words can start; the text is searched with a blank before it, so that its first word has one
# too.
_WORD_PREFIX = re.compile(r"\W(?=(" + first_letter_alternation(_BY_STEM) + r"))")


def classify(text: str) -> EventType:
    """The event type whose lexicon matches ``text`` most often; ``other`` if none does.

    Ties go to the type listed first in :data:`EVENT_LEXICON`.
    """
    return best_type(find_cues(text))


def find_cues(text: str) -> list[tuple[int, int]]:
    """Every lexicon match in ``text``: (offset, index of its type in :data:`EVENT_LEXICON`)."""
    lowered = " " + text.lower()  # offsets into it are one past those into text
    cues: list[tuple[int, int]] = []
    for word in _WORD_PREFIX.finditer(lowered):
        at = word.end()
        for index in _BY_STEM[word.group(1)]:
            if _TYPES[index][1].match(lowered, at):
                if text.startswith("March", at - 1):
                    continue  # the month ("resigned in March 2001"), not a march
                cues.append((at - 1, index))
    return cues


def best_type(cues: list[tuple[int, int]], start: int = 0, end: int | None = None) -> EventType:
    """The type with the most ``cues`` at offsets in ``start..end``; ``other`` for none."""
    counts = [0] * len(_TYPES)
    for offset, index in cues:
        if offset >= start and (end is None or offset < end):
            counts[index] += 1
    top = max(counts)
    return _TYPES[counts.index(top)][0] if top else EventType.OTHER  # ties: the first type
