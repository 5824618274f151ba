"""Temporal expressions in prose, resolved to :class:`PartialDate` against the publication date.

Recognised, each at its own precision:

* full dates: "15 July 2022", "July 15th, 2022"  -> day
* month and day without a year: "on July 15th", "the last day of January" -> day, year from
  the publication date ("the first day of March 1993" -> that day)
* month and year: "September 2022", "in April last year", "the August war of 2008" (a
  happening named by its month) -> month; "April 23rd last year" -> day
* a month alone after a preposition: "In September", "last March" -> month, year from publication
* years and year ranges: "In 2014", "from 1992 to 1995", "1992-95" -> year (the first one)
* decades: "the 1990s", "the early 2000s", "the '90s" -> decade
* relative phrases: "last year", "this year", "three years ago", "last month", "yesterday",
  "on Monday" -> resolved from the publication date at the precision it supports;
* anaphoric phrases, told relative to the story's own time: "two days later", "the following
  week", "that evening", "the previous autumn", "that December", "later that year", "two years
  before,", "two days after that", "a day after a bank robbery", "one day after crowds burst
  in" (a single day only: "six months after an uprising" is too loose), "two days after
  Beslan," (a place standing for the story's happening; not "a week after Easter"), "on the
  day of the invasion" (the story's first happening's day), "that same night", "at the start
  of the month", "in the middle of the year" (not "by the end of the month": a limit), "late in
  the month", "earlier in the year", "the year before" (closing its clause: not "the day
  before the vote"), "the next year", "the next month" (with "the": after the story's date;
  "next year" alone is the publication's; a time of day opening a clause is read by
  :mod:`newsmap.tagging.dayparts`) -> kept as an :class:`Anaphor`;
  :mod:`newsmap.tagging.reftime` resolves them (and re-resolves year-less dates) against the
  narrative's reference date;
* recurring dates ("every year on 9 May", "each March") denote no one day: ``date=None``.

A year taken from the publication date is the latest one that does not put the date after
publication. Nothing is guessed: when the publication date is missing or too coarse to resolve an
expression, the mention is kept with ``date=None``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from newsmap.geo.wordindex import first_letter_alternation
from newsmap.model import PartialDate, Precision

__all__ = [
    "Anaphor",
    "DateMention",
    "find_dates",
    "is_after",
    "month_date",
    "resolve_month",
    "resolve_month_day",
    "year_date",
]


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class DateMention:
    """A temporal expression at ``text[start:end]`` and the date it denotes (None: unresolved)."""

    start: int
    end: int
    surface: str
    date: PartialDate | None
    inferred: bool = False  # the year (or more) was taken from the publication date
    kind: str = ""  # which pattern found it: "yr", "dm", "dec", "ana", ... (see _PATTERN)
    month: int | None = None  # a year-less date's month ("on 3 March", "late August")
    day: int | None = None  # a year-less date's day
    anaphor: Anaphor | None = None  # an anaphoric phrase ("two days later")

    def dated(self, date: PartialDate | None) -> DateMention:
        """This mention with ``date`` instead; what :func:`dataclasses.replace` gives, built
        directly (``replace`` reads the fields anew on every call)."""
        return DateMention(
            self.start,
            self.end,
            self.surface,
            date,
            self.inferred,
            self.kind,
            self.month,
            self.day,
            self.anaphor,
        )


@dataclass(frozen=True, slots=True)
class Anaphor:
    """A time told relative to the story's reference date: "two days later" is
    ``Anaphor("after", 2, "day")``, "that December" ``Anaphor("same", 0, "month", 12)``.

    ``unit`` is day, week, month, year or a season (spring, summer, autumn, winter); ``month``
    names a month ("the following March"); ``count`` is None for a vague count ("days later").
    """

    relation: str  # "after" | "before" | "same" | "last" (the last one before publication)
    count: int | None
    unit: str
    month: int | None = None
    from_story: bool = False  # "four days after the fire": from the story's first date


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
               "eighty": 80, "ninety": 90}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, **{word: i + 1 for i, word in enumerate(_UNITS_WORDS)}, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, **_TENS_WORDS,
    **{f"{tens}-{unit}": value + i + 1 for tens, value in _TENS_WORDS.items()
       for i, unit in enumerate(_UNITS_WORDS)},
}  # fmt: skip

# Month names are matched capitalised only, so "may" the verb and "march" the noun stay words.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_REL_YEAR = r"(?:last|this|next)\s+year"
_SIMPLE_NUMBERS = [word for word in _NUMBERS if "-" not in word]
_NUMBER = (
    r"(?:\d{1,2}|(?:" + "|".join(_TENS_WORDS) + r")-(?:" + "|".join(_UNITS_WORDS) + r")|"
    + "|".join(sorted(_SIMPLE_NUMBERS, key=len, reverse=True))
    + ")"
)

# A month in a name: "on October Square", "after the July Revolution", "at May Day Stadium".
_NAMED_AFTER_MONTH = (
    r"(?:Square|Street|Avenue|Boulevard|Bridge|Park|Station|Stadium|Revolution|Uprising|War"
    r"|Movement|Day)"
)

_PATTERN = re.compile(
    rf"""
    (?P<dmy>(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>{_YEAR})\b)
  | (?P<mdy>(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})\b)
  | (?P<mdr>(?P<mdr_m>{_MONTH})\s+(?P<mdr_d>{_DAY}),?\s+(?P<mdr_r>(?i:{_REL_YEAR}))\b)
  | (?P<dmr>\b(?P<dmr_d>{_DAY})\s+(?:of\s+)?(?P<dmr_m>{_MONTH}),?\s+(?P<dmr_r>(?i:{_REL_YEAR}))\b)
  | (?P<md>(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})\b(?![,.]?\s*\d))
  | (?P<dm>\b(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_MONTH})\b)
  | (?P<my>(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR})\b)
  | (?P<mrel>(?P<mrel_m>{_MONTH})\s+(?:of\s+)?(?P<mrel_r>{_REL_YEAR})\b)
  | (?P<mo>(?i:\b(?P<mo_p>in|on|during|since|by|until|till|from|through|of|last|this|early|late
        |mid|and|or|to|between|before|after|since\s+early|in\s+early|in\s+late|in\s+mid)
        (?:\s+|-))(?P<mo_m>{_MONTH})\b
        (?!\s+{_DAY}\b)(?!,?\s+(?:of\s+)?{_YEAR})(?!\s+(?:of\s+)?(?i:{_REL_YEAR}))
        (?!\s+{_NAMED_AFTER_MONTH}\b))
  | (?P<dec>(?i:\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?)(?P<dec_y>(?:1[89]|20)\d0)s\b)
  | (?P<dec2>(?i:\bthe\s+(?:(?:early|mid|late)[\s-]+)?)['’](?P<dec2_y>[5-9]0)s\b)
  | (?P<rng>(?<![\d,.$€£])(?P<rng_y>{_YEAR})\s*(?:[-–—]|\s+to\s+|\s+and\s+)\s*(?:{_YEAR}|\d\d)\b)
  | (?P<yr>(?<![\d,.$€£#/-])(?<!No\.\s)(?P<yr_y>{_YEAR})\b(?![,.]?\d)(?!\s*%)(?![-–]\d)(?!-[a-z]))
  | (?P<rel>(?i:\b(?P<rel_w>{_REL_YEAR}|(?:last|this|next)\s+month|yesterday
        |(?P<ago_n>{_NUMBER})\s+(?P<ago_u>years?|months?)\s+ago
        (?P<ago_t>\s+(?:today|tonight|this\s+(?:morning|afternoon|evening|night)))?))\b)
  | (?P<wd>(?i:\b(?:on|last|this\s+past)\s+)(?P<wd_d>Monday|Tuesday|Wednesday|Thursday|Friday
        |Saturday|Sunday)\b)
    """,
    re.VERBOSE,
)
# Expressions whose year comes from the publication date.
_INFERRED = frozenset({"md", "dm", "mo", "mrel", "mdr", "dmr", "rel", "wd", "tod"})
_UNITS = r"(?:day|morning|afternoon|evening|night|week|month|year|spring|summer|autumn|fall|winter)"
# Capitalised words after "two days after" that are no happening's place: "two days after
# Christmas", "a week after Easter", "days after March".
_NOT_HAPPENING_NAME = (
    r"(?:Christmas|Easter|Ramadan|Eid|Passover|Hanukkah|Diwali|New\b|Independence\b"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|That|This|It|Him|Her|Them)\b"
)
_ANAPHORIC = re.compile(
    rf"""
    (?P<off>(?i:\b(?:(?P<off_n>{_NUMBER}|a\s+few|few|several)\s+)?(?P<off_u>days?|weeks?|months?
        |years?|hours?|fortnight)\s+(?P<off_d>later|earlier|afterwards?|before(?=[,.;:])
        |after\s+that|after\s+the\s+[a-z]+(?=[\s,.])
        |after\s+(?:a|an|[a-z]+)\s+[a-z]+(?=[\s,.])
        |after\s+(?-i:(?!{_NOT_HAPPENING_NAME})[A-Z][\w'’-]+)(?=[,;]|\.\s))\b))
  | (?P<nx>(?i:\bthe\s+(?P<nx_d>next|following|previous|preceding|same|subsequent)\s+)
        (?:(?P<nx_m>{_MONTH})|(?i:(?P<nx_u>{_UNITS})))\b)
  | (?P<dy>(?i:\bthe\s+(?:day|night|morning|evening)\s+of\s+the\s+[a-z]+(?=[\s,.])))
  | (?P<ls>(?i:\blast\s+(?P<ls_u>spring|summer|autumn|fall|winter))\b)
  | (?P<pt>(?i:\bthe\s+(?:start|beginning|end|middle|turn)\s+of\s+the\s+(?P<pt_u>month|year))\b)
  | (?P<lt>(?i:\b(?:late|early|later|earlier)\s+in\s+the\s+(?P<lt_u>month|year))\b)
  | (?P<tb>(?i:\bthe\s+(?P<tb_u>day|week|month|year)\s+before)
        (?=[,.;:]|\s+(?:and|but|when|while|as)\b))
  | (?P<th>(?i:\b(?:(?:later|earlier)\s+)?that\s+(?:same\s+)?)
        (?:(?P<th_m>{_MONTH})|(?i:(?P<th_u>{_UNITS})))\b)
    """,
    re.VERBOSE,
)
# The words an anaphoric phrase can open with (folded as :func:`_may_open` folds them): a
# count ("two", "a few", "several"), a unit ("days later"), "the", "last", "later", "earlier"
# or "that"; a number opens one too. Every phrase is a word followed by a blank (or a hyphen:
# "twenty-one"), so the word at a phrase's start is always a whole one of these.
_ANAPHOR_OPENERS = frozenset(
    {*_SIMPLE_NUMBERS, *_TENS_WORDS, "few", "several", "fortnight", "the", "last", "later",
     "earlier", "that", "late", "early"}
    | {f"{unit}{plural}" for unit in ("day", "week", "month", "year", "hour")
       for plural in ("", "s")}
)
_WORD_STARTS = re.compile(r"\b\w")
_ANAPHOR_TRIGGERS = ("later", "earlier", "afterward", "after the ", "last ", "that ", "next ",
                     "following ", "previous ", "preceding ", "same ", "subsequent ")  # fmt: skip
_OPEN_TRIGGERS = frozenset({"later", "earlier", "afterward", "after the "})  # no unit check
# "two years before,", "two days after that": an offset from the reference, like "later" (evq)
# "on the day of the invasion": the day of the story's first happening (evq)
# "a day after a bank robbery": one day before the sentence's own date (evq3)
_ALL_TRIGGERS = (*_ANAPHOR_TRIGGERS, "before,", "before.", "before;", "after that",
                 "day of the ", "night of the ", "morning of the ", "evening of the ",
                 "that same ", "of the month", "of the year", "day after ",
                 "days after ", "in the month", "in the year", "day before ", "week before ",
                 "month before ", "year before ")  # fmt: skip
_OPEN_TRIGGERS |= {"before,", "before.", "before;", "after that", "day of the ", "night of the ",
                   "morning of the ", "evening of the ", "that same ", "of the month",
                   "of the year", "day after ", "days after ", "in the month", "in the year",
                   "day before ", "week before ", "month before ", "year before "}  # fmt: skip
_UNIT_WORDS = frozenset(
    """day morning afternoon evening night week month year spring summer autumn fall winter
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_DAY_UNITS = {"day", "morning", "afternoon", "evening", "night"}
# Before a date: it recurs ("every year on 9 May", "each March", "annually in June").
_RECURRING_BEFORE = re.compile(
    r"(?i)\b(?:every|each|annually|yearly)\s+(?:(?:year|spring|summer|autumn|winter)\s+)?"
    r"(?:(?:on|in|at)\s+)?(?:the\s+)?(?:(?:start|beginning|end|middle)\s+)?$"
)  # "every year at the end of May"
# A date right after a weekday ("Saturday, 14 September", "Sunday, March 16").
_DATE_AFTER_WEEKDAY = re.compile(
    rf",?\s+(?:the\s+)?(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY})\b"
)
# Words before a number that make it an identifier rather than a year.
_NOT_YEAR_BEFORE = re.compile(
    r"(?i)(?:resolution|no\.|number|flight|article|route|highway|chapter|paragraph|page|"
    r"section|code|model|mh|rule|decree|law|item)\s*$"
)


# Every temporal expression holds one of these anchors; the full pattern is tried only at an
# anchor and at the starts of the few words before it. Every alternative of the anchor scan
# starts with a literal character, so the regex engine skips ahead to the characters that can
# start one; candidates are then checked in Python.
_ANCHOR_STEMS = """Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun
    Yes yes Yea yea Mont mont"""
_ANCHOR = re.compile(
    "|".join(
        [
            *(f"{digit}[0-9]*" for digit in "0123456789"),  # a number
            *(f"{quote}[0-9]0s" for quote in "'’"),  # a decade: "'90s"
            *(rf"{stem}[a-z]*\.?" for stem in _ANCHOR_STEMS.split()),  # a month, day, year...
        ]
    )
)
_ANCHOR_WORDS = frozenset(
    """January February March April May June July August September October November December
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. year years Year Years month
    months Month Months yesterday Yesterday Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday""".split()
)
# The words a match of _PATTERN can start with, besides a number: a capitalised month, or (in
# any case) a word its case-insensitive parts open with. Python's case-insensitive matching also
# takes "ı", "İ" and "ſ" for "i" and "s", hence the folding before the look-up.
_OPENING_MONTHS = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)
_OPENING_WORDS = frozenset(
    """in on during since by until till from through of last this early late mid and or to
    between before after the next yesterday""".split()
) | frozenset(_SIMPLE_NUMBERS)
_CASE_TWINS = str.maketrans("ıİſ", "iis")
_LETTERS = re.compile(r"[^\W\d_]+")
# The word starts before an anchor (after a blank, the text's start or an opening quote or
# bracket) that may open a match: a whole word that opens one, or a start that is not an ASCII
# letter (a number, a quote, a letter outside ASCII), which :func:`_may_open` then decides. The
# case-insensitive words match as the full pattern's parts do ("ı", "İ", "ſ" included). "Not
# after a character outside that set" is one look-behind that also holds at the text's start.
# The words are grouped by first letter (a word is whole, so which of them matches does not
# depend on their order): at a word's start only its letter's group is entered.
_OPENER_BEFORE = re.compile(
    r"(?<![^\s(\"“‘])(?:(?P<other>[^A-Za-z\s])"
    + r"|(?:" + first_letter_alternation(_OPENING_MONTHS) + r")(?![^\W\d_])"
    + r"|(?i:(?:" + first_letter_alternation(_OPENING_WORDS) + r"))(?![^\W\d_]))"
)


def _may_open(text: str, start: int) -> bool:
    """Whether a match of _PATTERN may start at ``start`` (a quick test: a word that opens
    none of its alternatives rules the full pattern out)."""
    if text[start].isdigit():
        return True
    word = _LETTERS.match(text, start)
    if word is None:
        return False
    found = word.group()
    return found in _OPENING_MONTHS or found.translate(_CASE_TWINS).lower() in _OPENING_WORDS


_BEFORE = 18  # how far an expression reaches before its anchor ("since early", "the previous")


def find_dates(text: str, published: PartialDate | None) -> list[DateMention]:
    """Every temporal expression in ``text``, in order, resolved against ``published``."""
    mentions: list[DateMention] = []
    for match in _matches(text):
        kind = match.lastgroup
        if kind is None:
            continue
        if kind in ("yr", "rng") and _NOT_YEAR_BEFORE.search(
            text, max(0, match.start() - 16), match.start()
        ):
            continue
        if kind == "wd" and _DATE_AFTER_WEEKDAY.match(text, match.end()):
            continue  # "on Saturday, 14 September": the date that follows tells the day
        start, end = match.span()
        if kind == "rel" and text[max(0, start - 4) : start].lower() == "the " and (
            match.group(0)[:4].lower() == "next"
        ):
            continue  # "the next year": after the story's date, an anaphor (not publication's)
        try:
            date = _resolve(kind, match, published)
        except (ValueError, OverflowError):
            date = None  # resolves outside years 1-9999 (published in year 1 or 9999)
        if date is not None and published is not None and is_after(date, published):
            if kind in ("yr", "rng", "dmy", "mdy", "my", "dec", "dec2"):
                continue  # a year beyond publication is a plan or a number, not an event
            date = None
        before = text[max(0, start - 30) : start].lower()
        if ("ever" in before or "each" in before or "annual" in before or "yearly" in before) and (
            _RECURRING_BEFORE.search(text, max(0, start - 30), start) is not None
        ):
            date, kind = None, "every"  # "every year on 9 May": no one day
        month, day = _parts(kind, match)
        surface = match.group(0)
        if kind == "yr" and " of " in before and date is not None:
            named = _MONTH_NAMED_HAPPENING.search(text, max(0, start - 40), start)
            if named is not None:  # "the August war of 2008": that month
                date = month_date(date.year, _month(named.group(1)))
                start, kind, surface = named.start(1), "my", text[named.start(1) : end]
        if kind in ("mo", "my") and "day" in before:
            edge = _EDGE_DAY.search(text, max(0, start - 20), start)
            if edge is not None and (kind == "my") == edge.group(0).endswith("of "):
                # "the last day of January", "the first day of March 1993": that day
                number = _month(match.group(kind + "_m"))
                last = 1 if edge.group(1).lower() == "first" else _LAST_DAY[number]
                start, surface = edge.start(), text[edge.start() : end]
                if kind == "my":
                    kind, date = "dmy", _make(int(match.group("my_y")), number, last)
                else:
                    kind, date = "dm", resolve_month_day(number, last, published)
                    day = last
        mentions.append(
            DateMention(start, end, surface, date, kind in _INFERRED, kind, month, day)
        )
    return _with_anaphors(text, mentions, published)


# A happening named by its month before its year: "the August war of 2008", "the March riots of
# 2004" (not a name: "the October Revolution of 1917").
_MONTH_NAMED_HAPPENING = re.compile(rf"\b[Tt]he\s+({_MONTH})\s+[a-z]+\s+of\s+$")
# "the first day of March", "the last day of January": a day, told by its month.
_EDGE_DAY = re.compile(r"(?i)\bthe\s+(first|last|final)\s+day\s+(?:of\s+)?$")
_LAST_DAY = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
_TODAY_PARTS = ("this morning", "this afternoon", "this evening", "last night")
# "four days ago", "two weeks ago" (years and months ago are in _PATTERN, anchored on the unit).
_DAYS_AGO = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<u>days?|weeks?)\s+ago(?P<t>\s+today)?\b")


def _today_parts(
    text: str, folded: str, published: PartialDate | None, mentions: list[DateMention]
) -> list[DateMention]:
    """``mentions`` with "this morning" (the day of publication) and "last night" (the day
    before) added, in text order."""
    found = []
    ago = folded.find(" ago") if published is not None else -1
    while ago != -1:
        match = _DAYS_AGO.search(folded, max(0, ago - 24), ago + 10)
        ago = folded.find(" ago", ago + 4)
        if match is not None:
            n, unit, today = match.group("n"), match.group("u").rstrip("s"), match.group("t")
            count = int(n) if n.isdigit() else _NUMBERS[n]
            assert published is not None
            date = _ago(count, unit, published, today is not None)
            at, end = match.span()
            found.append(DateMention(at, end, text[at:end], date, True, "rel"))
    if "this " not in folded and "last night" not in folded and not found:
        return mentions
    day = _published_day(published) if published is not None else None
    for phrase in _TODAY_PARTS:
        at = folded.find(phrase)
        while at != -1:
            end = at + len(phrase)
            if (
                (not at or not folded[at - 1].isalpha())
                and not folded[end : end + 1].isalpha()
                and not _inside(mentions, at)  # "ten years ago this morning": one date
            ):
                told = _AGO_AFTER.match(folded, end)
                if told is not None and day is not None and published is not None:
                    # "this morning ten years ago": that very day, one date
                    mentions = [m for m in mentions if not at <= m.start < told.end()]
                    n, unit = told.group("n"), told.group("u").rstrip("s")
                    number = int(n) if n.isdigit() else _NUMBERS[n]
                    date = _ago(number, unit, published, True)
                    found.append(DateMention(at, told.end(), text[at : told.end()], date, True,
                                             "rel"))
                    at = folded.find(phrase, told.end())
                    continue
                if phrase == "last night":  # the night before publication, as "yesterday"
                    date = None if day is None else _from_date(day - dt.timedelta(days=1))
                    found.append(DateMention(at, end, text[at:end], date, True, "rel"))
                    at = folded.find(phrase, end)
                    continue
                date = None if day is None else _from_date(day)
                found.append(DateMention(at, end, text[at:end], date, True, "tod"))
            at = folded.find(phrase, end)
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: m.start)


# "this morning ten years ago": the part of the day, then how long ago.
_AGO_AFTER = re.compile(rf"\s+(?P<n>{_NUMBER})\s+(?P<u>years?|months?)\s+ago\b")


def _inside(mentions: list[DateMention], at: int) -> bool:
    """Whether ``at`` falls inside one of ``mentions``."""
    return any(m.start <= at < m.end for m in mentions)


def _parts(kind: str, match: re.Match[str]) -> tuple[int | None, int | None]:
    """The month and day of a year-less date ("on 3 March", "late August")."""
    if kind in ("md", "dm"):
        return _month(match.group(kind + "_m")), _day(match.group(kind + "_d"))
    if kind == "mo":
        return _month(match.group("mo_m")), None
    return None, None


def _with_anaphors(
    text: str, mentions: list[DateMention], published: PartialDate | None = None
) -> list[DateMention]:
    """``mentions`` with the anaphoric phrases of ``text`` added in text order (date None:
    they need the narrative's reference, see :mod:`newsmap.tagging.reftime`), and "this
    morning" (the day of publication)."""
    folded = text.lower()
    mentions = _today_parts(text, folded, published, mentions)
    hits: set[int] = set()
    for trigger in _ALL_TRIGGERS:
        at = folded.find(trigger)
        while at != -1:
            # "that ", "next " ... count only before a unit or a month ("that December")
            if trigger in _OPEN_TRIGGERS or _unit_at(folded, at + len(trigger)):
                hits.add(at)
            at = folded.find(trigger, at + 1)
    if not hits:
        return mentions
    ends = [m.end for m in mentions]  # in text order, as are the starts
    starts = [m.start for m in mentions]
    found: list[DateMention] = []
    done = 0
    for hit in sorted(hits):
        if hit < done:
            continue
        lo = max(done, hit - 28)
        match = _anaphor_search(text, lo, min(len(text), hit + 40))
        while match is not None and match.end() <= hit:
            match = _anaphor_search(text, match.end(), min(len(text), hit + 40))
        if match is None or match.start() > hit + 12:
            continue
        k = bisect_right(starts, match.start()) - 1
        if (k >= 0 and ends[k] > match.start()) or (
            k + 1 < len(starts) and starts[k + 1] < match.end()
        ):
            continue  # overlaps a date found already
        anaphor = _anaphor(match)
        if anaphor is None:
            continue
        done = match.end()
        found.append(
            DateMention(
                match.start(), match.end(), match.group(0), None, True, "ana", anaphor=anaphor
            )
        )
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: m.start)


def _anaphor_search(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_ANAPHORIC.search(text, start, end)``, tried only at the word starts whose word can
    open a phrase (a number, or one of :data:`_ANAPHOR_OPENERS`): the search itself tries its
    four case-insensitive alternatives at every character of the window."""
    for word_start in _WORD_STARTS.finditer(text, start, end):
        at = word_start.start()
        if not text[at].isdecimal():
            word = _LETTERS.match(text, at)
            if word is None or word.group().translate(_CASE_TWINS).lower() not in (
                _ANAPHOR_OPENERS
            ):
                continue
        match = _ANAPHORIC.match(text, at, end)
        if match is not None:
            return match
    return None


_ASCII_WORD = re.compile(r"[a-z]+")


def _unit_at(folded: str, at: int) -> bool:
    """Whether the word (its letters) starting at ``at`` is a unit or a month
    (:data:`_UNIT_WORDS`, all ASCII: a longer run of letters is another word)."""
    word = _ASCII_WORD.match(folded, at)
    if word is None or word.group() not in _UNIT_WORDS:
        return False
    end = word.end()
    return end == len(folded) or not folded[end].isalpha()


_DEFINITE_AFTER = ("after the", "after that", "after his", "after her", "after their",
                   "after its")


def _anaphor(match: re.Match[str]) -> Anaphor | None:
    kind = match.lastgroup
    if kind == "off":
        unit = match.group("off_u").lower().rstrip("s")
        if unit in ("hour", "fortnight"):  # "hours later": that day; "a fortnight": two weeks
            fortnight = unit == "fortnight"
            unit, count_of = ("week", 2) if fortnight else ("day", 0)
            backward = match.group("off_d").lower() in ("earlier", "before")
            return Anaphor("before" if backward else "after", count_of, unit)
        word = match.group("off_n")
        count: int | None = None
        if word is not None and not word.lower().endswith(("few", "several")):
            count = int(word) if word.isdigit() else _NUMBERS.get(word.lower())
        elif word is None and not match.group("off_u").lower().endswith("s"):
            count = 1  # "the day after the blast": one day
        told = match.group("off_d")
        direction = told.lower()
        # "after the fire", "after his death", "after Beslan": a happening the story told
        # ("after an uprising" is too loose to count back from)
        loose = not direction.startswith(_DEFINITE_AFTER) and not told[6:7].isupper()
        if direction.startswith("after ") and loose and (unit != "day" or count != 1):
            return None  # "six months after an uprising": too loose to count back from
        story = direction.startswith("after ") and direction != "after that"  # "four days
        # after the fire", "a day after a bank robbery": from the story's first date
        backward = direction in ("earlier", "before")
        return Anaphor("before" if backward else "after", count, unit, None, story)
    if kind == "dy":  # "on the day of the invasion": the story's first happening's day
        return Anaphor("same", 0, "day", None, True)
    if kind == "ls":  # "last summer": told from publication
        season = match.group("ls_u").lower()
        return Anaphor("last", 1, "autumn" if season == "fall" else season)
    if kind == "nx":
        relation = {"next": "after", "following": "after", "subsequent": "after",
                    "previous": "before", "preceding": "before", "same": "same"}[
            match.group("nx_d").lower()]  # fmt: skip
        return _unit_anaphor(relation, match.group("nx_m"), match.group("nx_u"))
    if kind == "th":
        return _unit_anaphor("same", match.group("th_m"), match.group("th_u"))
    if kind == "lt":  # "late in the month", "earlier in the year": the story's month (year)
        return _unit_anaphor("same", None, match.group("lt_u"))
    if kind == "tb":  # "had declared their own territory the year before": one unit back
        return Anaphor("before", 1, match.group("tb_u").lower())
    if kind == "pt":  # "at the start of the month": the month (or year) the story is in
        before = match.string[max(0, match.start() - 5) : match.start()].lower()
        if not before.endswith((" at ", " in ")):
            return None  # "by the end of the month", "before the end of the year": a limit
        return _unit_anaphor("same", None, match.group("pt_u"))
    return None


def _unit_anaphor(relation: str, month: str | None, unit: str | None) -> Anaphor | None:
    if month is not None:
        return Anaphor(relation, 1, "month", _month(month))
    if unit is None:
        return None
    word = unit.lower()
    word = "autumn" if word == "fall" else word
    word = "day" if word in _DAY_UNITS else word
    return Anaphor(relation, 1, word)


# Where _PATTERN is tried, the character there rules most of its alternatives out: a number
# opens none of those that start with a month or a word, a lower-case letter none but those
# opened by a word ("in March", "the 1990s", "last year", "on Monday"). What each alternative can
# start with (an ASCII digit, lower-case or capital letter) is written here; _pattern_at tries
# only the alternatives that can start at the character it is given, in _PATTERN's order, so it
# finds the match _PATTERN would without entering the others (each costs a few hundred ns).
_DIGIT, _LOWER, _UPPER = "0123456789", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_OPENS_WITH = {
    "dmy": {_DIGIT}, "mdy": {_UPPER}, "mdr": {_UPPER}, "dmr": {_DIGIT}, "md": {_UPPER},
    "dm": {_DIGIT}, "my": {_UPPER}, "mrel": {_UPPER}, "mo": {_LOWER, _UPPER},
    "dec": {_DIGIT, _LOWER, _UPPER}, "dec2": {_LOWER, _UPPER}, "rng": {_DIGIT}, "yr": {_DIGIT},
    "rel": {_DIGIT, _LOWER, _UPPER}, "wd": {_LOWER, _UPPER},
}  # fmt: skip


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regular expression's source (split at each ``|`` outside
    parentheses, character classes and escapes)."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1  # the escaped character is literal
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source.startswith("^", i + 1):
                i += 1
            if source.startswith("]", i + 1):
                i += 1  # a "]" that opens a class is literal
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


def _patterns_by_start() -> dict[str, re.Pattern[str]]:
    """Each character of :data:`_OPENS_WITH`'s classes to the pattern of the alternatives of
    _PATTERN it can open."""
    by_kind: dict[str, str] = {}
    for alternative in _alternatives(_PATTERN.pattern):
        named = re.match(r"\s*\(\?P<(\w+)>", alternative)
        by_kind[named.group(1) if named else ""] = alternative
    if by_kind.keys() != _OPENS_WITH.keys():
        raise AssertionError("say in _OPENS_WITH what each alternative of _PATTERN starts with")
    patterns: dict[str, re.Pattern[str]] = {}
    for chars in (_DIGIT, _LOWER, _UPPER):
        kinds = [a for kind, a in by_kind.items() if chars in _OPENS_WITH[kind]]
        pattern = re.compile("|".join(kinds), _PATTERN.flags)
        patterns.update(dict.fromkeys(chars, pattern))
    return patterns


_PATTERN_AT = _patterns_by_start()


def _pattern_at(text: str, start: int) -> re.Match[str] | None:
    """``_PATTERN.match(text, start)``, trying only the alternatives that can start there."""
    return _PATTERN_AT.get(text[start], _PATTERN).match(text, start)


def _matches(text: str) -> list[re.Match[str]]:
    """The full pattern's matches, tried at the word starts just before each anchor that may
    open one (see :data:`_OPENER_BEFORE`), then at the anchor itself."""
    found: list[re.Match[str]] = []
    done = 0
    for anchor in _ANCHOR.finditer(text):
        at = anchor.start()
        if at < done or not _is_anchor(text, anchor):
            continue
        for opener in _OPENER_BEFORE.finditer(text, max(done, at - _BEFORE), at):
            start = opener.start()
            if opener.group("other") is not None and not _may_open(text, start):
                continue  # a number or quote that opens no alternative of the pattern
            match = _pattern_at(text, start)
            if match is not None and match.end() > at:
                found.append(match)
                done = match.end()
                break
        else:
            if _may_open(text, at):
                match = _pattern_at(text, at)
                if match is not None and match.end() > at:
                    found.append(match)
                    done = match.end()
    return found


def _is_anchor(text: str, anchor: re.Match[str]) -> bool:
    start = anchor.start()
    before = text[start - 1] if start else " "
    token = anchor.group()
    if token[0].isdigit():
        if before.isalnum() or before in ",.":
            return False
        value = int(token)
        return (len(token) == 4 and 1800 <= value <= 2099) or (len(token) <= 2 and value <= 31)
    if token[0] in "'’":
        return True
    return not before.isalpha() and (token in _ANCHOR_WORDS or token.rstrip(".") in _ANCHOR_WORDS)


def resolve_month_day(month: int, day: int, published: PartialDate | None) -> PartialDate | None:
    """The latest ``month``-``day`` not after ``published``; None without a usable year."""
    if published is None or published.precision is Precision.DECADE:
        return None
    year = published.year
    if published.month is not None and (month, day) > (published.month, published.day or 31):
        year -= 1
    return _make(year, month, day)


def resolve_month(month: int, published: PartialDate | None) -> PartialDate | None:
    """The latest ``month`` not after ``published``; None without a usable year."""
    if published is None or published.precision is Precision.DECADE:
        return None
    year = published.year
    if published.month is not None and month > published.month:
        year -= 1
    return month_date(year, month)


def _resolve(kind: str, match: re.Match[str], published: PartialDate | None) -> PartialDate | None:
    group = match.group
    if kind == "dmy":
        return _make(int(group("dmy_y")), _month(group("dmy_m")), _day(group("dmy_d")))
    if kind == "mdy":
        return _make(int(group("mdy_y")), _month(group("mdy_m")), _day(group("mdy_d")))
    if kind in ("mdr", "dmr"):
        year = _relative_year(group(kind + "_r"), published)
        if year is None:
            return None
        return _make(year, _month(group(kind + "_m")), _day(group(kind + "_d")))
    if kind == "md":
        return resolve_month_day(_month(group("md_m")), _day(group("md_d")), published)
    if kind == "dm":
        return resolve_month_day(_month(group("dm_m")), _day(group("dm_d")), published)
    if kind == "my":
        return month_date(int(group("my_y")), _month(group("my_m")))
    if kind == "mrel":
        year = _relative_year(group("mrel_r"), published)
        if year is None:
            return None
        return month_date(year, _month(group("mrel_m")))
    if kind == "mo":
        return _resolve_bare_month(group("mo_p"), _month(group("mo_m")), published)
    if kind == "dec":
        return _decade(int(group("dec_y")))
    if kind == "dec2":
        return _decade(1900 + int(group("dec2_y")))
    if kind == "rng":
        return year_date(int(group("rng_y")))
    if kind == "yr":
        return year_date(int(group("yr_y")))
    if kind == "rel":
        return _resolve_relative(
            group("rel_w"), group("ago_n"), group("ago_u"), published, group("ago_t") is not None
        )
    if kind == "wd":
        last = not group("wd").lower().startswith("on")  # "last Friday", "this past Friday"
        return _resolve_weekday(_WEEKDAYS[group("wd_d").lower()], published, last)
    return None


def _resolve_bare_month(
    preposition: str, month: int, published: PartialDate | None
) -> PartialDate | None:
    if (
        preposition.lower().strip() == "last"
        and published is not None
        and (published.month is not None and month >= published.month)
    ):
        return month_date(published.year - 1, month)
    return resolve_month(month, published)


def _relative_year(phrase: str, published: PartialDate | None) -> int | None:
    if published is None or published.precision is Precision.DECADE:
        return None
    first = phrase.split()[0].lower()
    if first == "this":
        return published.year
    if first in ("next", "the") and "following" in phrase.lower():
        return None  # "the following year" is anaphoric, not anchored to publication
    if first == "next":
        return published.year + 1
    if "previous" in phrase.lower():
        return None
    return published.year - 1


def _resolve_relative(
    phrase: str,
    ago_n: str | None,
    ago_unit: str | None,
    published: PartialDate | None,
    today: bool = False,
) -> PartialDate | None:
    if published is None or published.precision is Precision.DECADE:
        return None
    lowered = " ".join(phrase.lower().split())
    if ago_n is not None and ago_unit is not None:
        count = int(ago_n) if ago_n.isdigit() else _NUMBERS[ago_n.lower()]
        return _ago(count, ago_unit.lower().rstrip("s"), published, today)
    if lowered.endswith("year"):
        year = _relative_year(lowered, published)
        return None if year is None else year_date(year)
    if lowered.endswith("month"):
        if published.month is None:
            return None
        step = {"last": -1, "this": 0, "next": 1}[lowered.split()[0]]
        return _shift_month(published.year, published.month, step)
    if lowered == "yesterday":
        day = _published_day(published)
        if day is None:
            return None
        return _from_date(day - dt.timedelta(days=1))
    return None


def _ago(count: int, unit: str, published: PartialDate, today: bool) -> PartialDate | None:
    """``count`` units before publication: "three years ago" is a year, "two weeks ago" a
    month, "four days ago" a day; with "today" ("ten years ago today", "twenty years ago this
    morning") the very day."""
    day = _published_day(published)
    if unit in ("day", "week") or today:
        if day is None:  # published without its day: "ten years ago today" is still that year
            return year_date(published.year - count) if unit == "year" else None
        if unit in ("day", "week"):
            moved = day - dt.timedelta(days=count * (7 if unit == "week" else 1))
            return _from_date(moved) if unit == "day" or today else _month_of(moved)
        if unit == "month":
            index = day.year * 12 + day.month - 1 - count
            return _make(index // 12, index % 12 + 1, day.day)
        return _make(day.year - count, day.month, day.day)
    if unit == "year":
        return year_date(published.year - count)
    if published.month is None:
        return None
    return _shift_month(published.year, published.month, -count)


def _month_of(day: dt.date) -> PartialDate:
    return month_date(day.year, day.month)


def _resolve_weekday(
    weekday: int, published: PartialDate | None, last: bool = False
) -> PartialDate | None:
    """The day ``weekday`` names, at or before publication ("on Friday" in a Friday paper is
    that day); ``last``: strictly before it ("Last Friday" in a Friday paper is a week back)."""
    day = _published_day(published) if published is not None else None
    if day is None:
        return None
    back = (day.weekday() - weekday) % 7 or (7 if last else 0)
    return _from_date(day - dt.timedelta(days=back))


def _published_day(published: PartialDate) -> dt.date | None:
    if published.precision is not Precision.DAY or published.month is None or not published.day:
        return None
    return dt.date(published.year, published.month, published.day)


def _from_date(day: dt.date) -> PartialDate:
    date = _make(day.year, day.month, day.day)
    assert date is not None  # a calendar date is a valid day
    return date


def _shift_month(year: int, month: int, step: int) -> PartialDate:
    index = year * 12 + (month - 1) + step
    return month_date(index // 12, index % 12 + 1)


@lru_cache(maxsize=8192)
@lru_cache(maxsize=4096)
def _make(year: int, month: int, day: int) -> PartialDate | None:
    """``year``-``month``-``day`` at day precision (None for "February 30"), shared like
    :func:`year_date`: a date is immutable, and the same days recur article after article."""
    try:
        return PartialDate(year=year, month=month, day=day, precision=Precision.DAY)
    except ValueError:
        return None  # "February 30" is not a date


@lru_cache(maxsize=256)
def _decade(year: int) -> PartialDate:
    return PartialDate(year=year, precision=Precision.DECADE)


@lru_cache(maxsize=4096)
def year_date(year: int) -> PartialDate:
    """``year`` at year precision (dates are immutable, so one object serves every mention)."""
    return PartialDate(year=year, precision=Precision.YEAR)


@lru_cache(maxsize=8192)
def month_date(year: int, month: int) -> PartialDate:
    """``year``-``month`` at month precision, shared like :func:`year_date`."""
    return PartialDate(year=year, month=month, precision=Precision.MONTH)


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(text.rstrip("stndrh"))


def is_after(date: PartialDate, published: PartialDate) -> bool:
    """Whether ``date`` certainly begins after ``published`` ends."""
    last_year = published.year + 9 if published.precision is Precision.DECADE else published.year
    if date.year > last_year:  # ``year_range`` inlined: the first year of a date is its year
        return True
    if date.year != published.year or published.month is None or date.month is None:
        return False
    if date.month != published.month:
        return date.month > published.month
    return published.day is not None and date.day is not None and date.day > published.day
