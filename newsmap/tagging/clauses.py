"""Clauses within a sentence: where one dated happening ends and the next begins.

Connectives are plain English function words; the rules are:

* strong boundaries ("; ", ": ", " - ", ", and ", ", but ", ", when ", ", where " ...) separate
  clauses that may tell different happenings;
* between two dates in one clause, a date that opens the clause ("In September, staff were
  expelled over an attack on July 15th") governs it up to the last connective before the next
  date, and a date inside a clause ends its piece at the first connective after it;
* a comma followed by a connective or a participle (", after", ", accusing") closes the clause a
  date inside a sentence belongs to: :func:`clause_end`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

__all__ = [
    "clause_end",
    "fronted_adverbial_end",
    "is_fronted",
    "is_future",
    "set_for",
    "split_pieces",
]

_STRONG = re.compile(
    r";\s|:\s|\s[–—]\s|\s-\s|,\s+(?:and|but|while|whereas|when|although|though|where)\s"
)
_WEAK = re.compile(
    r",\s|\s(?:over|after|as|when|while|that|which|because|since|until|before|following|amid"
    r"|ending|then|and)\s"
)
_AFTER_CLAUSE = re.compile(
    r",\s+(?:after|before|as|while|when|which|where|under|following|amid|despite|because|since"
    r"|accusing|saying|citing|prompting|forcing|leaving|killing|ending|making|completing"
    r"|including|[a-z]+ing|[a-z]+ed)\b"
)
# Each branch opens with a literal letter and then checks that a word starts there (the
# look-behind stands in for ``\b``), so a search skips in C to the letters that can start one.
_FUTURE = re.compile(
    r"(?:w(?<!\w.)ill|w(?<!\w.)(?:as|ere)\s+(?:(?:due|expected|set|scheduled)\s+)?"
    r"to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+"
    r"|s(?<!\w.)(?:hall|cheduled\s+(?:for|in|on))|p(?<!\w.)lan(?:s?|ned)\s+to"
    r"|i(?<!\w.)(?:s\s+(?:due|expected|set|scheduled|to\s+be)\s+to|ntends?\s+to|s\s+to)"
    r"|a(?<!\w.)re\s+(?:(?:due|expected|set|scheduled|to\s+be)\s+to|to)"
    r"|d(?<!\w.)ue\s+(?:in|on|by|to)|u(?<!\w.)pcoming|f(?<!\w.)orthcoming"
    r"|n(?<!\w.)(?<![Tt]he\s.)ext(?!\s+(?:door|to)\b)|e(?<!\w.)xpects?\s+(?:[\w'’-]+\s+){1,3}to"
    r"|l(?<!\w.)ater\s+this\s+(?:year|month|week|spring|summer|autumn|winter))\b"
)
# Openings of a fronted adverbial: a subordinating word, or "a year after", "two weeks before".
_FRONTED = re.compile(
    r"[\"“‘'«(]?(?:(?:After|Before|Since|Despite|Following|Amid|During|While|When|Although"
    r"|Though|Because|As|With|Without|Unlike|Like|Until)\b|(?:A|An|One|Two|Three|Four|Five|Six"
    r"|Seven|Eight|Nine|Ten|Some|Several|Many|Weeks|Months|Years|Days|Decades)\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?|decades?)\s+(?:after|before|since|on|later|ago|earlier)\b)"
)
_OPENERS = " \t\n\"“‘'«("


def split_pieces(
    text: str, start: int, end: int, dates: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into one piece per date span (given in order): (start, end) each."""
    cuts = [start, *(m.start() + 1 for m in _strong_boundaries(text, start, end)), end]
    pieces: list[tuple[int, int]] = []
    for c_start, c_end in pairwise(cuts):
        inside = [d for d in dates if c_start <= d[0] < c_end]
        piece_start = c_start
        for i, date in enumerate(inside):
            if i + 1 < len(inside):
                split = _split_between(text, piece_start, date, inside[i + 1])
                pieces.append((piece_start, split))
                piece_start = split
            else:
                pieces.append((piece_start, c_end))
    return pieces


def _strong_boundaries(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_STRONG.finditer(text, start, end)``, the pattern tried only where a strong boundary
    can start: at a semicolon, colon or comma, and at a blank before a dash (found with
    ``str.find``, in C, rather than by trying the pattern at every character)."""
    openings: list[int] = []
    for mark in ";:,":
        at = text.find(mark, start, end)
        while at != -1:
            openings.append(at)
            at = text.find(mark, at + 1, end)
    for dash in "-–—":
        at = text.find(dash, start + 1, end)
        while at != -1:
            if text[at - 1].isspace():
                openings.append(at - 1)
            at = text.find(dash, at + 1, end)
    done = start
    for opening in sorted(openings):
        if opening < done:
            continue
        found = _STRONG.match(text, opening, end)
        if found is not None:
            done = found.end()
            yield found


def is_fronted(text: str, start: int, date_start: int) -> bool:
    """Whether the date at ``date_start`` opens the clause starting at ``start``."""
    return not text[start:date_start].strip(_OPENERS)


def clause_end(text: str, start: int, end: int, date_end: int) -> int:
    """Where the clause holding a date (ending at ``date_end``) ends within ``start..end``: at
    the first comma and connective after the date ("bombing Yugoslavia on March 24th, after
    ..."), else at ``end``."""
    tail = _AFTER_CLAUSE.search(text, date_end, end)
    return tail.start() if tail is not None else end


def fronted_adverbial_end(text: str, start: int, end: int) -> int:
    """Where a sentence's fronted adverbial ends ("After the war, ...", "A year after the
    invasion, ..."): just after its comma; ``start`` when the sentence opens on its subject."""
    if _FRONTED.match(text, start) is None:
        return start
    comma = text.find(", ", start, min(end, start + 120))
    return comma + 2 if comma != -1 else start


def is_future(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` speaks of a plan ("will", "plans to", "is due to"), also one
    told in the past ("the ceasefire was to begin", "they were due to hand over"); "next door"
    and "next to" are places, not plans."""
    clause = text[start:end]
    if (  # every match of _FUTURE holds one of these words (keep them in step with it): "to"
        # ("was to", "is due to", "plans to", "expects ... to"), "will", "due", "next", "later",
        # "shall", "scheduled", "coming" ("upcoming"); most clauses hold none (a quick test,
        # written out: a loop over the words costs most of what it saves)
        "to" not in clause
        and "will" not in clause
        and "due" not in clause
        and "next" not in clause
        and "later" not in clause
        and "shall" not in clause
        and "scheduled" not in clause
        and "coming" not in clause
    ):
        return False
    return _FUTURE.search(text, start, end) is not None


def _split_between(text: str, start: int, date: tuple[int, int], nxt: tuple[int, int]) -> int:
    weak = list(_WEAK.finditer(text, date[1], nxt[0]))
    if not weak:
        return nxt[0]
    if is_fronted(text, start, date[0]):
        return weak[-1].start() + 1
    return weak[0].start() + 1


# A date fixed for something: "were set for", "had been moved to", "moved the vote to", "called
# an early presidential election for".
_SET_FOR = re.compile(
    r"\b(?:set|scheduled|rescheduled|planned|fixed|called|moved|postponed|delayed|deferred"
    r"|put\s+off|pushed\s+back|brought\s+forward)\s+(?:(?:it|them|(?:the|an?)(?:\s+[a-z-]+){1,4})\s+)?"
    r"(?:for|to|until|till)\s+"
    r"(?:(?:early|late|mid)[\s-]+)?(?:the\s+)?$"
)


def set_for(text: str, at: int) -> bool:
    """Whether the date at ``at`` is one fixed for a plan ("elections were set for 24 April",
    "the vote, by then moved to 5 June", "postponed until March"): when something was to
    happen, not when it did."""
    before = text[max(0, at - 50) : at]
    if " for " not in before and " to " not in before and "til" not in before:
        return False  # a quick test before the search
    return _SET_FOR.search(before) is not None
