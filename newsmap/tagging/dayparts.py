"""Times of the day told on from the day the story is at: "by nightfall", "in the early
afternoon", "by the evening", "at dawn", "at around half past seven", "By nine,".

News prose tells the hours of one day in a row of sentences ("On 6 April crowds stormed the
governor's office. In the early afternoon police opened fire. By nightfall the building was
burning."): each such phrase is another time of the reference day, as "that evening" is, so it
dates its own happening (:mod:`newsmap.tagging.reftime` resolves it; a reference told only to its
month or year gives that month or year, which tells nothing new).

A bare hour is a clock time only when the text says so: "at about eleven", "at half past two",
"By nine,", "at eight in the evening", "at ten o'clock", "at 9.30", "at 9 a.m." (not "at two
camps on the beach", "At 17, she left school", "by 15 per cent").

Not such a time: a phrase with a date of its own beside it ("by the morning of 13 May", "at
dawn on 29 August", "at dawn the next day", "On 29 July, at nightfall,") or later in its sentence
("At ten past twelve on a Saturday, thirty years ago today, ..."): that date tells the day; a part
of the day that belongs to a clock time ("at three in the afternoon" is one phrase, found once);
a phrase at the end of its clause ("cleared it by the evening": how the happening went, not a new
one); and any phrase in a clause that says what would or should be ("would be patched up by
nightfall").

"Within hours" and "minutes later" are left out: they as often tell the same happening going on
("Within hours tens of thousands had poured into the square") as a new one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from newsmap.tagging.dates import Anaphor, DateMention

__all__ = ["KIND", "NEXT_DAWN", "TIME_OF_DAY", "is_time_of_day", "with_day_parts"]

_PART = r"(?:afternoon|evening|morning|night|nightfall|dusk|dawn|daybreak|midday|noon|mid-morning)"
_HOUR = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)"
_HALF = rf"(?:half|(?:a\s+)?quarter|five|ten|twenty|twenty-five)\s+(?:past|to)\s+{_HOUR}"
# A time in figures says it is one: "9.30", "9:30", "9 a.m." ("at 17," is an age, "by 15 per
# cent" a share).
_DIGITS = r"(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d(?:\s*[ap]\.?m\.?)?|\s*[ap]\.?m\.?)"
_CLOCK = rf"(?:{_DIGITS}|{_HOUR}|{_HALF})(?!\s+(?:minutes?|past|to)\b)"
_DAY_PART = re.compile(
    rf"""(?ix)(?:
        by\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?{_PART}
      | (?:in|during)\s+the\s+(?:(?:early|late)\s+)?(?:afternoon|evening)
      | at\s+(?:dusk|dawn|nightfall|daybreak|midday|noon)
      | (?:at|by)\s+(?:(?:about|around|roughly|exactly|precisely|(?:shortly|just|a\s+little)\s+
            (?:after|before))\s+{_CLOCK}|{_HOUR}(?=\s*,)|{_HALF}|{_DIGITS}
            |{_HOUR}(?=\s+o'clock|\s+in\s+the\s+(?:morning|afternoon|evening)))
            (?:\s+o'clock)?(?:\s+in\s+the\s+(?:morning|afternoon|evening))?
    )\b"""
)
# The words a phrase opens with ("by", "in the", "during the", "at"), each with a blank after it.
_OPENERS = ("by ", "in the ", "during the ", "at ")
_OWN_DATE_AFTER = re.compile(r"\s*,?\s*(?:of|on|the\s+(?:next|following|same|previous))\b")
_CLOCK_BEFORE = re.compile(r"(?i)(?:\d|o'clock|\b(?:one|two|three|four|five|six|seven|eight"
                           r"|nine|ten|eleven|twelve|half\s+past\s+\w+|quarter\s+(?:past|to)"
                           r"\s+\w+))\s*$")
_MODAL_BEFORE = re.compile(r"(?i)\b(?:would|should|could|might|will|to\s+be|expected|hoped)\b"
                           r"[^,;.]*$")
KIND = "dp"
"""The :attr:`DateMention.kind` of a time of the day found here."""
TIME_OF_DAY = Anaphor("same", 0, "day")
"""The anaphor of a time of the day found here (told from the story's time, not a happening:
"on the day of the invasion" is ``from_story``)."""
NEXT_DAWN = Anaphor("after", 1, "day")
"""The anaphor of dawn told after a night ("The dam burst shortly before midnight. By dawn ...",
"That night the looting began. By dawn ..."): the next day (not after "shortly after midnight
on 11 September", which is that day already)."""
_NIGHT = re.compile(r"(?i)\b(?:night|before\s+midnight)\b")  # not "after midnight"
_DAWN = re.compile(r"(?i)\b(?:dawn|daybreak)\b")
_NEAR = 12  # characters between a phrase and a date that tells its time
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s")


def with_day_parts(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """``mentions`` (in text order) with the times of the day that date a happening on the
    reference day added, in text order (see the module docstring)."""
    folded = text.lower()
    found: list[DateMention] = []
    starts = [m.start for m in mentions]
    for at in _anchors(folded):
        match = _DAY_PART.match(text, at)
        if match is None:
            continue
        start, end = match.span()
        if (
            _near_a_date(text, mentions, starts, start, end)
            or _OWN_DATE_AFTER.match(text, end)
            or _date_later_in_sentence(text, mentions, starts, end)
        ):
            continue  # "at dawn on 29 August", "On 29 July, at nightfall": that date is the time
        if not _fronted(text, start):
            continue  # "cleared it within an hour", "raided it at dawn": how the happening
            # went, not a new one
        if _CLOCK_BEFORE.search(text, max(0, start - 24), start):
            continue  # "at three in the afternoon", "at ten in the evening": a clock time
        clause = max(text.rfind(".", 0, start), text.rfind(";", 0, start), start - 120, 0)
        if _MODAL_BEFORE.search(text, clause, start):
            continue  # "would be patched up by nightfall": not a happening
        anaphor = TIME_OF_DAY
        if _DAWN.search(text, start, end) and _NIGHT.search(text, _sentence_before(text, start),
                                                            start):
            anaphor = NEXT_DAWN  # "... gave way shortly before midnight. By dawn ...": next day
        found.append(DateMention(start, end, match.group(0), None, True, KIND, anaphor=anaphor))
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: m.start)


# What may stand before a phrase that opens its clause: the sentence's start, a quote, or a
# clause boundary (", and", ", but", ", then", ";", ":", a dash).
_CLAUSE_OPENING = re.compile(r"(?:^|[.!?\n;:–—]|,\s+(?:and|but|then)|\band)[\s\"“‘']*$")


def _anchors(folded: str) -> list[int]:
    """Where a phrase may start in the lower-cased text: each opener that starts a word, found
    with ``str.find`` (a regular expression would try every character)."""
    found: list[int] = []
    for opener in _OPENERS:
        at = folded.find(opener)
        while at != -1:
            if not at or not folded[at - 1].isalpha():
                found.append(at)
            at = folded.find(opener, at + 1)
    found.sort()
    return found


def _fronted(text: str, start: int) -> bool:
    """Whether the phrase at ``start`` opens its sentence or clause ("By nightfall the building
    was burning", "..., and within hours crowds had gathered"): a time the story moves on to."""
    return _CLAUSE_OPENING.search(text, max(0, start - 12), start) is not None


def is_time_of_day(mention: DateMention) -> bool:
    """Whether ``mention`` is a time of the day found here."""
    return mention.kind == KIND


def _sentence_before(text: str, start: int) -> int:
    """Where the sentence before the one holding ``start`` starts (within 400 characters and its
    paragraph)."""
    lo = max(0, start - 400, text.rfind("\n", 0, start) + 1)
    end = text.rfind(". ", lo, start)
    if end == -1:
        return lo
    before = text.rfind(". ", lo, end)
    return lo if before == -1 else before


def _date_later_in_sentence(
    text: str, mentions: list[DateMention], starts: list[int], end: int
) -> bool:
    """Whether a date found already follows ``end`` in its sentence ("At ten past twelve on a
    Saturday, thirty years ago today, ..."): that date tells the day of the time of day."""
    k = bisect_left(starts, end)
    if k >= len(mentions):
        return False
    stop = _SENTENCE_END.search(text, end)
    return stop is None or mentions[k].start < stop.start()


def _near_a_date(
    text: str, mentions: list[DateMention], starts: list[int], start: int, end: int
) -> bool:
    """Whether a date found already (``starts``: their starts, in order) overlaps
    ``start..end`` or stands right beside it in the same sentence."""
    k = bisect_left(starts, start - 200)  # no date is longer than that
    while k < len(mentions) and mentions[k].start <= end + _NEAR:
        mention = mentions[k]
        if start <= mention.end + _NEAR:
            lo, hi = min(mention.end, end), max(mention.start, start)
            if _SENTENCE_END.search(text, lo, hi) is None:  # not across a sentence's end
                return True
        k += 1
    return False
