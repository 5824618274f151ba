"""The narrative's reference time: year-less and anaphoric dates resolved against the date the
story is at, the way temporal taggers treat narrative documents.

The story's text is read in order, keeping one reference date:

* it starts as the publication date (when there is one, at year precision or finer); an explicit
  date in the text replaces it, so the publication date is the reference only until the story
  gives one; a story that opens on an undated scene and dates it afterwards ("An hour later a
  bomb went off. ... That was a year ago today.") starts at that date;
* a year-less date ("on 3 March", "late August") takes its year from the reference: after a
  sentence dated 1999 it is 1999-03-03, 1999-08; after a reference with a month it moves forward
  as the story does: later in the year it stays in the reference's year ("In May 2011 ... On 16
  December" is 2011-12-16), over six months earlier it is the next year ("last November ... in
  February" is the February after); after "since" or in the past perfect ("had begun in
  February") it is the last one before the reference (a date up to a month after the
  reference stays in its year: "... on 27 November. The semi-final had been played on 6
  December" is that December); when the reference itself was told in the past perfect (a
  flashback goes on in its own past) it is the nearer one, up to six months after the
  reference ("Iraqis abroad had begun voting on 28 January ... marines had stormed Falluja in
  November" is the November before); while the
  reference is still the publication date, or when reading forward would pass publication, it
  is the latest such date not after publication; when the reference is background told before
  the story's first date ("On 17 August 2005 ... approved on 26 October 2004 ... In July"), a
  year-less date that would step back from it is read in the year after when that still falls
  before the story's first date (the story returns to its own time: July 2005); a paragraph's
  first date that would carry a background reference (more than a year before the story's
  first date, or publication) into the next year is the story's own instead, the latest such
  date not after it (the paragraph returns from a flashback: "In October 1994 he signed a
  treaty." then "On 19 January he flew home" in a story of February 1999 is January 1999, not
  1995; within a paragraph the flashback goes on into its next year); likewise a paragraph's
  first year-less date after a look ahead (a bare year after the story's first day: "the photo
  won an award the following year") is read from the story's first day ("On 28 August armed
  men had killed ..." is the August before the story's September, not the year after's);
* an anaphoric phrase is resolved against the reference at the precision both allow: "two days
  later" after 3 March 1999 is 1999-03-05, after "March 1999" it stays 1999-03, after "1999" it
  is 1999; "a month later", "the following week" give a month; "six years later", "the
  following spring" (the next year's, even after a February), "the previous autumn", "later
  that year" give a year; "that December" gives the reference's year and December; "that
  evening" the reference itself; days or weeks without a count ("days later", "a few weeks
  earlier") are too vague to give anything;
* phrases told from the moment of publication ("last year", "yesterday", "on Monday", "three
  years ago") stay resolved against publication, and so does a year-less date restating one
  ("Last week, on 4 April", "yesterday, 10 April");
* "four days after the fire" counts from the story's first date (the happening it is about;
  "this evening", the day of publication, is none);
  in a sentence that told its own day first ("died on 16 September, three days after the
  police had detained her") it dates the earlier happening (13 September) and leaves the
  reference where it is; so does "came" ("The attacks came two weeks after the bombs in
  London": the bombs, two weeks before the story's first date); "last summer" is the last
  whole summer before publication;
* a year-less date with its year told right after it ("in March the following year", "on 9
  November that year", "in July of the previous year") takes that year, one date; after
  "until" a year-less date is the next one at or after the reference ("at large until 13
  December");
* when the reference would leave a date unresolved (no publication date, or a date after
  publication), or an anaphor ("that morning") would be read from the publication date, the
  last date the story told stands in, even one that did not move the reference;
* a year-less date told twice in the same words ("on July 15th") is the same day: it keeps its
  first resolution and is the reference for the other year-less dates of its sentence.

Which dates move the reference (the rule for subordinate and reported clauses): a resolved date
moves it only when it is told in a main clause, whatever its tense (the scorer's rule: "Three
days earlier, the two leaders had stood at Katyn" moves it). It does not when it sits, within
its clause (from the last comma, semicolon or dash before it), after a relative or complement
word ("which", "who", "whom", "whose", "where", a noun followed by "that"; not a relative on
the sentence's subject closed before the main verb: "The rebels who held the province were
defeated in the summer of 2018" moves it; so does a past tense right after a subject set off
by commas: "Protesters, most of them young, marched on 14 February, a day called online" is the
main verb, not a reduced relative like "The deal, reached in 2015, was ..."), after a verb of
saying ("said", "told", "claimed", "reported"), after "after", "before" or "following" inside
the sentence (a fronted "After the war of 2008, ..." moves it; "before dawn", "shortly after ten
on the morning of" are times of day),
or right after "since" (where a state began), or after a participle describing a noun past
the clause's verb ("gathered to protest against the election held two days earlier": the
election's date); a date phrase set off by commas with nothing else
in its clause ("Police said he had been arrested a week earlier, on 2 May, near Tetovo") belongs
to the clause before it when that has a verb (not "After the ceasefire, on 5 July, the refugees
returned"); nor a date naming a thing ("a treaty of 2003
guarantees ...", "... in anger at the vote of 11 May"; "the summer of 2018" is a time, and a
day-named happening heading its clause, after "in", "at", "during" or as the object of a verb
is when the clause is: "The elections of 29 June were won by ...", "in the election of 29 July
they won", "the Union won the election of 19 April"); nor in
a plan ("they planned to cross the border the next day"), nor in an appositive without a verb
after a comma ("the arena of the first modern Olympics in 1896"; a date that is the whole
phrase after the comma restates the time and moves it: "It was a Tuesday, the last day of
January", "was in bed when the phone rang, a year ago this week"; after a semicolon a new clause
starts: "; the summit at Camp David in 2000 failed" moves it), nor when it
is a decade, a span of years, a recurring date, a date in the title, or one that would fall
after publication, nor a date fixed for a plan ("the vote was set for 5 June", "postponed
until March"), nor, for a phrase told from a day ("That night", "the next day"), a full date
told in the past perfect (outside a relative clause: "arrested on 26 May 2011 in a village
where he had been living" is told in the past) more than a year before the story's ("On 2
June 2003 students marched ... The rector had been appointed on 14 May 1999 ... That
night": background), nor a season counted back from the reference ("blamed for the killings
of the previous autumn": background that gives a year only), nor a phrase that tells the
reference's own year or month again, coarser ("On 20 October ... the city it had besieged that
spring", "later that year" after a day). Such dates are still resolved, against
the reference they find, and leave it where it was.
"""

from __future__ import annotations

import datetime as dt
import re

from newsmap.model import PartialDate, Precision
from newsmap.tagging.clauses import is_future, set_for
from newsmap.tagging.dates import Anaphor, DateMention, is_after, month_date, year_date
from newsmap.tagging.sentences import Sentence

__all__ = ["anchor_dates", "resolve_anaphor"]

_PARTIAL = frozenset({"md", "dm", "mo"})  # year-less dates
_NO_REFERENCE = frozenset({"dec", "dec2", "rng"})  # decades and spans never move it
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_SUBORDINATE = frozenset(
    """which who whom whose where said says told claimed reported after before following
    since amid despite""".split()
)
_WORDS = re.compile(r"[a-z]+")
_FRONTED = frozenset({"after", "following"})
# "before dawn", "after midnight", "shortly before nine on the morning of": a time of day, not
# a clause about another happening.
_TIME_OF_DAY = re.compile(
    r"\b(?:before|after)\s+(?:dawn|daybreak|sunrise|noon|midday|midnight|dusk|nightfall|sunset"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}(?:[.:]\d\d)?)"
    r"(?=\s+o'clock|\s*[ap]\.?m\b|\s+(?:on|in)\s+the\s+(?:morning|afternoon|evening|night)\b))\b"
)
# A clause opening on a past participle is a reduced relative ("The deal, reached in 2015, ...").
_PARTICIPLE_OPENING = re.compile(
    r"\s*(?:[a-z]+ly\s+)?(?:[a-z]+ed|known|held|made|taken|given|won|built|set|sent|brought"
    r"|begun|seen|written|drawn|found|led|fought|struck|shot|born|agreed|signed)\b"
)
_SINCE = re.compile(r"(?i)\b(?:since|ever\s+since)\s+(?:(?:early|late|mid)[\s-]+)?$")
_UNTIL = re.compile(r"(?i)\b(?:until|till)\s+(?:(?:early|late|mid)[\s-]+)?$")
_PLUPERFECT = re.compile(r"(?i)\bhad\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|un|wn|ne|ft|ld)\b")
_CLAUSE_REACH = 240  # characters read back from a date for its clause (linear on huge sentences)
_CLAUSE_BREAK = re.compile(r"[,;:(]\s|\s[–—-]\s")
# A date phrase with nothing else in its clause: ", on 3 January,", ", in late May."
_BARE_DATE_PHRASE = re.compile(r"(?:on|in|at|by|early|late|mid|the|\s)*")


def anchor_dates(
    text: str,
    sentences: list[Sentence],
    title_end: int,
    mentions: list[tuple[DateMention, int]],
    published: PartialDate | None,
) -> list[tuple[DateMention, int]]:
    """``mentions`` (each with its sentence index, in text order) with year-less and anaphoric
    dates resolved against the narrative's reference date (see the module docstring)."""
    usable = published is not None and published.precision is not Precision.DECADE
    narrative = _Narrative(text, published if usable else None)
    scene = _scene_dated_after(text, sentences, title_end, mentions)
    if scene is not None:  # "An hour later a bomb went off. ... That was a year ago today."
        narrative.anchor(scene)
    first_told: dict[tuple[int | None, int | None], PartialDate | None] = {}
    # Past the last date that needs the reference, nothing is left to resolve.
    last = -1
    for k, (m, _) in enumerate(mentions):
        if m.anaphor is not None or m.kind in _PARTIAL or m.kind == "wd":
            last = k
    result: list[tuple[DateMention, int]] = []
    fallback: PartialDate | None = None  # the last date told, moving the reference or not
    i = 0
    previous = -1  # the sentence of the last date read
    while i <= last:
        sentence = mentions[i][1]
        if published is not None and _back_to_now(sentences, previous, sentence):
            narrative.back_to_publication()
        new_paragraph = previous >= 0 and (
            sentences[previous].paragraph != sentences[sentence].paragraph
        )
        previous = sentence
        j = i
        while j < len(mentions) and mentions[j][1] == sentence:
            j += 1
        group = [m for m, _ in mentions[i:j]]
        if any(_depends(m) for m in group):
            for m in group:  # a repeated year-less day anchors its sentence
                earlier = first_told.get((m.month, m.day)) if m.day is not None else None
                if earlier is not None:
                    narrative.anchor(earlier)
                    break
        start = sentences[sentence].start
        in_title = start < title_end
        skip: DateMention | None = None
        for k, m in enumerate(group):
            date = m.date
            if m is skip:
                m = m.dated(None)  # "the following year" told with its month: one date
                result.append((m, sentence))
                continue
            if m.kind == "wd" and date is not None:
                reference, from_publication = narrative.reference()
                if (
                    not from_publication
                    and _far_apart(narrative.first, published)
                    and _far_apart(reference, published)
                ):  # a story that begins and stays far from its publication: a retrospective
                    assert reference is not None
                    date = _weekday_near(reference, date)  # "On Monday" in a 1998 story
            elif _depends(m):
                reference, from_publication = narrative.reference(_day_anaphor(m))
                if m.anaphor is not None and m.anaphor.from_story and narrative.first:
                    # "five days after the bombing": from the story's first day, when it told
                    # one, past a year it set the scene with ("By the spring of 2013 ...")
                    first_day = narrative.first_day if m.anaphor.count is not None else None
                    reference, from_publication = first_day or narrative.first, False
                if (
                    from_publication
                    and fallback is not None
                    and m.anaphor is not None
                    and m.anaphor.relation != "last"
                ):
                    reference, from_publication = fallback, False  # "that morning": story time
                earlier = _sentence_day(result, sentence) if _counts_back(m) else None
                if earlier is None and _counts_back(m) and _came(text, m.start):
                    earlier = reference  # "The attacks came two weeks after the bombs in London"
                if earlier is not None:  # "died on 16 September, three days after police had
                    assert m.anaphor is not None  # detained her": the detention, 13 September
                    date = resolve_anaphor(_reversed(m.anaphor), earlier)
                    result.append((m.dated(date), sentence))
                    continue  # an earlier happening's date: the story stays where it is
                year_after = _year_anaphor_after(text, group, k)
                if year_after is not None and reference is not None:
                    skip = year_after
                    assert year_after.anaphor is not None
                    reference = resolve_anaphor(year_after.anaphor, reference)
                    from_publication = False
                flashback = narrative.flashback and reference is narrative.base
                date = _resolve(text, m, reference, from_publication, first_told, published,
                                flashback, narrative.lead())
                if new_paragraph and k == 0 and date is not None and reference is not None:
                    lead = narrative.lead()
                    date = _back_from_flashback(m, date, reference, lead, published)
                    own = narrative.first_day or lead  # the story's own time
                    if m.kind in _PARTIAL and _flash_forward(reference, own):
                        assert own is not None  # "... won an award the following year." then
                        # "On 28 August armed men had killed ...": the story's own summer
                        date = _resolve(text, m, own, False, first_told, published) or date
                if date is None and fallback is not None and reference is not fallback:
                    date = _resolve(text, m, fallback, False, first_told, published)
                if date is not None and published is not None and is_after(date, published):
                    date = None
            if m.kind in _PARTIAL and m.day is not None:
                first_told.setdefault((m.month, m.day), date)
            elif date is not None and date.precision is Precision.DAY and not _depends(m):
                first_told.setdefault((date.month, date.day), date)  # "the violence of 7 April"
            if date is not m.date:
                m = m.dated(date)
            result.append((m, sentence))
            if date is not None and not in_title:
                narrative.told(start, m)
                if m.kind not in _NO_REFERENCE and date.precision is not Precision.DECADE:
                    fallback = date
        i = j
    result.extend(mentions[len(result) :])
    return result


class _Narrative:
    """The reference date as the story is read. Dates that may move it are kept as candidates
    and checked (:func:`_moves`) only when a later date needs the reference."""

    def __init__(self, text: str, published: PartialDate | None) -> None:
        self.text = text
        self.published = published
        self.base: PartialDate | None = published
        self.from_publication = True
        self.flashback = False
        """Whether the reference was told in the past perfect ("In late February boys had
        sprayed slogans"): the past perfect after it stays in that past, it does not step back
        from it again ("Damascus had seen a protest on 15 March" is the March after)."""
        self.candidates: list[tuple[int, DateMention]] = []  # (sentence start, mention)
        self.first: PartialDate | None = None  # the first date the story was at
        self.first_day: PartialDate | None = None  # the first day it told in full
        self.moved: dict[int, bool] = {}  # _moves, by mention start

    def anchor(self, date: PartialDate, flashback: bool = False) -> None:
        """The story is at ``date`` now (``flashback``: told in the past perfect)."""
        self.base, self.from_publication, self.flashback = date, False, flashback
        self.candidates.clear()
        if self.first is None:
            self.first = date

    def back_to_publication(self) -> None:
        """The story is back at the moment of publication ("Kyiv says ...")."""
        self.base, self.from_publication, self.flashback = self.published, True, False
        self.candidates.clear()

    def lead(self) -> PartialDate | None:
        """The story's first date, unless that is the publication date."""
        return None if self.first == self.published else self.first

    def told(self, sentence_start: int, mention: DateMention) -> None:
        """A resolved date was told; it may move the reference."""
        self.candidates.append((sentence_start, mention))
        if (
            self.first_day is None
            and mention.date is not None
            and mention.date.precision is Precision.DAY
            and mention.anaphor is None
            and mention.kind != "tod"  # "this evening", the day of publication: not a happening
            and _moves(self.text, sentence_start, mention)
        ):
            self.first_day = mention.date

    def reference(self, day_anaphor: bool = False) -> tuple[PartialDate | None, bool]:
        """The reference date now, and whether it is still the publication date; for a
        ``day_anaphor`` ("That night", "the next day") a background date is passed over."""
        if self.first is None:  # the story's first date, for "four days after the fire"
            self.first = next(
                (m.date for start, m in self.candidates if self._moves(start, m)), None
            )
        while self.candidates:
            start, mention = self.candidates.pop()
            if self._moves(start, mention):
                assert mention.date is not None
                past_perfect = _told_in_past_perfect(self.text, start, mention)
                if day_anaphor and past_perfect and self._background(mention):
                    continue
                if self._coarser_same(mention):
                    continue  # "that spring" within the reference's year: nothing new
                self.anchor(mention.date, past_perfect)
                break
        return self.base, self.from_publication

    def _coarser_same(self, mention: DateMention) -> bool:
        """Whether ``mention`` tells the reference's own year (or month) again, coarser than
        the reference ("On 20 October ... the city it had besieged that spring", "later that
        year" after a day): it says nothing new about when the story is."""
        anaphor, date, base = mention.anaphor, mention.date, self.base
        if anaphor is None or anaphor.relation != "same" or date is None or base is None:
            return False
        if self.from_publication or base.precision is Precision.DECADE:
            return False
        if date.precision is Precision.YEAR:
            return base.precision is not Precision.YEAR and date.year == base.year
        return (
            date.precision is Precision.MONTH
            and base.precision is Precision.DAY
            and (date.year, date.month) == (base.year, base.month)
        )

    def _background(self, mention: DateMention) -> bool:
        """Whether ``mention`` is a date written out in full, years before the story's own
        reference: told in the past perfect, background ("On 8 July 1999 students gathered ...
        Khatami had been elected on 23 May 1997 ... That night" is still 8 July 1999)."""
        if _depends(mention) or mention.date is None:
            return False
        base = None if self.from_publication else self.base
        for start, earlier in reversed(self.candidates):  # one not yet read
            if self._moves(start, earlier):
                base = earlier.date
                break
        return base is not None and mention.date.year < base.year - 1

    def _moves(self, start: int, mention: DateMention) -> bool:
        known = self.moved.get(mention.start)
        if known is None:
            known = self.moved[mention.start] = _moves(self.text, start, mention)
        return known


# A sentence that dates the scene told before it: "That was a year ago today."
_SCENE_DATED = re.compile(r"\s*(?:That|It|This|All\s+that)\s+was\s+$")


def _scene_dated_after(
    text: str,
    sentences: list[Sentence],
    title_end: int,
    mentions: list[tuple[DateMention, int]],
) -> PartialDate | None:
    """The date of a story that opens on a scene and dates it afterwards ("On the fourth
    afternoon a marine pulled him over the wall. An hour later a bomb went off. ... That was a
    year ago today."): the first date told from publication, opening its sentence after "That
    was", when only phrases read from the story's time ("An hour later") come before it."""
    for m, sentence in mentions:
        if sentences[sentence].start < title_end:
            continue
        if m.anaphor is not None and m.kind == "ana" and not m.anaphor.from_story:
            continue  # "An hour later": read from the scene's time, whatever it is
        if m.kind != "rel" or m.date is None:
            return None
        start = sentences[sentence].start
        return m.date if _SCENE_DATED.fullmatch(text, start, m.start) else None
    return None


def _told_in_past_perfect(text: str, sentence_start: int, m: DateMention) -> bool:
    """Whether the sentence that tells ``m`` is in the past perfect ("had sprayed"), outside
    its relative clauses ("was arrested on 26 May 2011 in a village where he had been living"
    is told in the past) and up to a semicolon after it."""
    end = text.find(". ", m.end, m.end + _CLAUSE_REACH)
    end = m.end + _CLAUSE_REACH if end < 0 else end
    semicolon = text.find("; ", m.end, end)  # "...; by the next morning he had ordered": the
    end = end if semicolon < 0 else semicolon  # next clause's tense is not the date's
    if "had " not in text[sentence_start:end]:
        return False
    if ", wh" not in text[sentence_start:end]:
        return _PLUPERFECT.search(text, sentence_start, end) is not None
    told = _RELATIVE_CLAUSE.sub(",", text[sentence_start:end])
    return _PLUPERFECT.search(told) is not None


# A relative clause set off by a comma: what it tells is about someone, not the sentence's time.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|whom|whose|which|where)\b[^,;]*")


def _day_anaphor(m: DateMention) -> bool:
    """Whether ``m`` is told from a day ("That night", "the next day", "two days later")."""
    return m.anaphor is not None and m.anaphor.unit == "day" and not m.anaphor.from_story


def _counts_back(m: DateMention) -> bool:
    """Whether ``m`` is "N days after the <happening>" (counted from another happening)."""
    return m.anaphor is not None and m.anaphor.from_story and m.anaphor.count is not None


def _sentence_day(result: list[tuple[DateMention, int]], sentence: int) -> PartialDate | None:
    """The day the sentence told before (its own happening's date), if any."""
    for m, index in reversed(result):
        if index != sentence:
            return None
        if m.date is not None and m.date.precision is Precision.DAY:
            return m.date
    return None


# "The attacks came barely two weeks after the bombs": the happening told is the story's, and
# the count goes back from it to the other one.
_CAME = re.compile(
    r"\b(?:came|followed|happened|occurred|took\s+place)\s+(?:(?:only|just|barely|some|about"
    r"|almost|nearly|exactly|less\s+than|more\s+than)\s+)?$"
)


def _came(text: str, at: int) -> bool:
    """Whether "came" (or "followed", "happened") stands right before the count at ``at``."""
    return _CAME.search(text, max(0, at - 40), at) is not None


def _reversed(anaphor: Anaphor) -> Anaphor:
    relation = {"after": "before", "before": "after"}.get(anaphor.relation, anaphor.relation)
    return Anaphor(relation, anaphor.count, anaphor.unit, anaphor.month)


def _year_anaphor_after(text: str, group: list[DateMention], k: int) -> DateMention | None:
    """The year anaphor told right after a year-less date ("in March the following year",
    "on 9 November that year", "in July of the previous year"), which gives that date its
    year."""
    m = group[k]
    if m.kind not in _PARTIAL or k + 1 >= len(group):
        return None
    after = group[k + 1]
    anaphor = after.anaphor
    if anaphor is None or anaphor.unit != "year" or anaphor.relation == "last":
        return None
    gap = text[m.end : after.start]
    if len(gap) > 4 or gap.strip(" ,") not in ("", "of"):  # "in July of the previous year"
        return None
    return after


_WEEKDAY_REACH = dt.timedelta(days=62)
"""A weekday is read in the publication's week unless the story begins, and is, further than
this from it (a report's background paragraphs do not move "on Thursday")."""


def _far_apart(reference: PartialDate | None, published: PartialDate | None) -> bool:
    """Whether the story is at ``reference``, more than two months from ``published``: a
    retrospective ("On Friday 14 August 1998 ... on Monday"), not a report of the week."""
    if reference is None or published is None:
        return reference is not None
    told = dt.date(reference.year, reference.month or 1, reference.day or 1)
    out = dt.date(published.year, published.month or 1, published.day or 1)
    return abs(told - out) > _WEEKDAY_REACH


def _weekday_near(reference: PartialDate, weekday: PartialDate) -> PartialDate:
    """The day nearest ``reference`` that falls on ``weekday``'s day of the week (a weekday
    told in a story set away from its publication: "On Friday 14 August 1998 ... on Monday" is
    17 August); a reference coarser than a day gives the reference itself."""
    if reference.precision is not Precision.DAY or reference.month is None or not reference.day:
        return reference
    if weekday.month is None or not weekday.day:
        return reference
    day = dt.date(reference.year, reference.month, reference.day)
    ahead = (dt.date(weekday.year, weekday.month, weekday.day).weekday() - day.weekday()) % 7
    near = day + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
    return PartialDate(year=near.year, month=near.month, day=near.day, precision=Precision.DAY)


def _depends(m: DateMention) -> bool:
    """Whether the mention's date depends on the reference (year-less or anaphoric)."""
    return m.kind in _PARTIAL or m.anaphor is not None


# A time told from the publication just before a year-less date that restates it: "Last week,
# on 4 April", "yesterday, 10 April", "last Monday, 3 May".
_TOLD_FROM_NOW = re.compile(
    r"\b(?<!the\s)(?:(?:last|this)\s+(?:week|weekend|month)|yesterday|last\s+(?:mon|tues|wednes"
    r"|thurs|fri|satur|sun)day)\s*,?\s*(?:on\s+)?$"
)  # not "On Friday, 21 January": a weekday told with its date, in the story's time


def _resolve(
    text: str,
    m: DateMention,
    reference: PartialDate | None,
    from_publication: bool,
    first_told: dict[tuple[int | None, int | None], PartialDate | None],
    published: PartialDate | None,
    flashback: bool = False,
    lead: PartialDate | None = None,
) -> PartialDate | None:
    """``m``'s date read from ``reference`` (``flashback``: the reference was told in the past
    perfect, so a past perfect here does not step back from it; ``lead``: the story's first
    date, which a background paragraph told before it returns to)."""
    if m.kind in _PARTIAL:
        key = (m.month, m.day)
        if m.day is not None and key in first_told:
            return first_told[key]
        if from_publication or reference is None or m.month is None:
            return m.date
        before = text[max(0, m.start - 20) : m.start].lower()
        if m.date is not None and _TOLD_FROM_NOW.search(before) is not None:
            return m.date  # "Last week, on 4 April": told from the publication
        clause = _clause_start(text, m.start)
        if "til" in before and _UNTIL.search(text, max(0, m.start - 20), m.start) is not None:
            return _forward(reference, m.month, m.day)  # "at large until 13 December"
        since = m.surface.lower().startswith("since") or (  # a quick test before each search
            "nce" in before and _SINCE.search(text, max(0, m.start - 20), m.start) is not None
        )
        perfect = not since and ("had" in text[clause : m.start].lower()
                                 and _PLUPERFECT.search(text, clause, m.start) is not None)
        backward = since or perfect
        # in a flashback the past perfect goes on forward, up to half a year
        slack = (6 * 31 if flashback else 31) if perfect else 0
        date = _from_reference(reference, m.month, m.day, backward, slack)
        if not backward and date is not None and lead is not None:
            date = _back_to_lead(date, reference, lead)
        if date is not None and published is not None and is_after(date, published):
            return m.date  # told from the publication date after all
        return date
    if m.anaphor is not None:
        if m.anaphor.relation == "last":
            return _last_season(m.anaphor.unit, published)
        return resolve_anaphor(m.anaphor, reference) if reference is not None else None
    return m.date


def _moves(text: str, sentence_start: int, m: DateMention) -> bool:
    """Whether a resolved date moves the reference (see the module docstring)."""
    if m.kind in _NO_REFERENCE or m.date is None or m.date.precision is Precision.DECADE:
        return False
    if m.anaphor is not None and m.anaphor.relation == "before" and m.anaphor.unit in _SEASON_START:
        return False  # "the killings the previous autumn": background, a year at most
    clause_start = window = max(sentence_start, m.start - _CLAUSE_REACH)
    previous = window
    for brk in _CLAUSE_BREAK.finditer(text, window, m.start):
        previous, clause_start = clause_start, brk.end()
    if (
        clause_start > window
        and _PARTICIPLE_OPENING.match(text, clause_start)
        and not _closes_subject(text, sentence_start, previous, clause_start)
        and not _main_after_subject(text, sentence_start, clause_start, m.end)
    ):
        return False
    if (
        clause_start > sentence_start
        and text[clause_start - 2] == ","  # after a semicolon or dash a new clause starts
        and clause_start < m.start  # (a date that is the whole phrase restates the time:
        and _is_appositive(text, clause_start, m.start)  # "a Tuesday, the last day of May")
    ):
        return False
    if is_future(text, clause_start, m.start):
        return False  # "they planned to cross the border the next day": a plan, not the story
    if set_for(text, m.start):
        return False  # "the vote was set for 5 June": a date fixed for a plan
    clause = text[clause_start : m.start].lower()
    if (
        clause_start > window
        and _BARE_DATE_PHRASE.fullmatch(clause) is not None
        and text.startswith((",", ".", ";"), m.end)
        and _VERB_LIKE.search(text, previous, clause_start) is not None
    ):  # "... said he had been killed a month earlier, on 3 January, while ...": a date set
        clause = text[previous : m.start].lower()  # off by commas belongs to the clause before
    if "before " in clause or "after " in clause:
        clause = _TIME_OF_DAY.sub(" ", clause)
    if _reduced_relative(clause):
        return False  # "... gathered to protest against the election held two days earlier"
    words = _WORDS.findall(clause)
    if clause_start == sentence_start and words and words[0] == "only":
        words = words[1:]  # "Only after Bouteflika's election in April 1999 did ..."
    if clause_start == sentence_start and words and words[0] in _FRONTED:
        words = words[1:]  # "After the war of 2008, Moscow recognised ...": the story is there
    elif (
        clause.endswith(" of ")
        and _NAMED_BY_YEAR.search(clause) is not None
        and (
            m.date.precision is Precision.YEAR
            or (
                len(words) > 3
                and _WHEN_NAMED.search(clause) is None
                and _DONE_TO_NAMED.search(clause) is None
            )
        )
    ):
        return False  # "A treaty of 2003", "... against the election of 19 February": a thing
        # named by its date ("The elections of 29 June were won by ..." tells what happened)
    if clause_start == sentence_start and words and words[0] not in _SUBORDINATE:
        words = _past_subject_relative(clause, words)
    # "that" after a word opens a relative or reported clause; first, it is "That 2018 rally"
    return _SUBORDINATE.isdisjoint(words) and not any(
        word == "that" and not _pronoun_that(words, k) for k, word in enumerate(words) if k
    )


def _past_subject_relative(clause: str, words: list[str]) -> list[str]:
    """The clause's words past a relative clause on its subject ("The rebels who eventually
    held the province were defeated in the summer of 2018": "were defeated in the summer of"),
    when the relative has its verb and the main verb follows; else ``words``."""
    for word in words:
        if word in ("who", "which", "that"):
            first = _MAIN_VERB.search(clause, clause.find(" " + word + " "))
            if first is None:
                return words
            main = _MAIN_AUXILIARY.search(clause, first.end())
            if main is not None and _WORDS.search(clause, first.end(), main.start()) and not (
                _ONLY_VERBS.fullmatch(clause, first.end(), main.start())
            ):
                tail = _WORDS.findall(clause[main.start() :])
                return tail if _SUBORDINATE.isdisjoint(tail) else words
            return words
        if word in _SUBORDINATE:
            return words
    return words


# A finite verb, and the main clause's verb after a subject's relative: "were", "was", "had".
_MAIN_VERB = re.compile(
    r"\b(?:[a-z]+ed|was|were|had|has|have|took|fell|began|came|went|won|lost|made|held|led|fought"
    r"|ran|sent|struck|left|met|saw|gave|broke|became|kept|put|drove|flew|hit|built|found)\b"
)
_MAIN_AUXILIARY = re.compile(r"\b(?:was|were|had|has|have)\b")
_ONLY_VERBS = re.compile(r"(?:\s+(?:[a-z]+ed|been|not|already|just|never))*\s*")


def _pronoun_that(words: list[str], k: int) -> bool:
    """Whether ``words[k]``, "that", is the thing done ("Abiy changed that within weeks of
    taking office in April 2018"): a preposition follows it, and no verb of saying or knowing
    comes before it ("announced that in May ...", which opens a reported clause)."""
    return (
        k + 1 < len(words)
        and words[k + 1] in _AFTER_THAT_PRONOUN
        and words[k - 1] not in _REPORTING
    )


_AFTER_THAT_PRONOUN = frozenset("within for with by from after over during until into".split())
_REPORTING = frozenset(
    """announced announces warned warns insisted insists argued argues stated states feared
    fears hoped hopes knew knows thought thinks believed believes promised promises decided
    decides agreed agrees ruled rules found finds admitted admits denied denies noted notes
    added adds wrote writes learned learnt realised realized showed shows""".split()
)


_AUXILIARY = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|did)\b")
# "the treaty of 2003", "the constitution of 1995" (not "the summer of 2018", "the end of 2019")
_NAMED_BY_YEAR = re.compile(
    r"\b(?!(?:end|beginning|start|middle|spring|summer|autumn|fall|winter|half|quarter|course"
    r"|turn|close|rest|part|months?|weeks?|days?|years?|morning|afternoon|evening|night|dawn"
    r"|hours|weekend|week)\b)[a-z]+\s+of\s+$"
)

# "in the snap election of 29 July ...": the happening named by its day is when the clause is,
# when it heads the clause or follows its verb ("they won in the election of 29 July"), not
# when it describes a noun ("the RSF, partners in the coup of October 2021, turned ...")
_WHEN_NAMED = re.compile(
    r"(?:^|[a-z]+ed\s+|\b(?:won|lost|fought|met|ran|fell)\s+|^\W*(?:and|but|then)\s+)"
    r"(?:in|at|during|on|by)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}of\s+$"
)


# "... won the election of 19 April": a happening named by its day as the clause's object is
# what the clause tells happened, then (not "in anger at the vote of 11 May")
_DONE_TO_NAMED = re.compile(
    r"\b(?:[a-z]+ed|won|lost|held|fought|began|ran|saw|made|struck)\s+the\s+(?:[a-z-]+\s+){0,2}"
    r"of\s+$"
)


def _closes_subject(text: str, sentence_start: int, previous: int, clause_start: int) -> bool:
    """Whether the comma before a clause closes an appositive after the sentence's subject
    ("The Supreme Leader, Ali Khamenei, endorsed ..."), so that the clause is the main one,
    not a reduced relative ("The deal, reached in 2015, ...")."""
    if previous <= sentence_start:
        return False
    first = text[sentence_start:previous]
    if "," in first[:-2] or _AUXILIARY.search(first):
        return False  # the subject must be the sentence's first words, with no verb
    segment = text[previous : clause_start - 2].strip()
    if _AUXILIARY.search(segment):
        return False
    return segment[:1].isupper() or _APPOSITIVE_OPENING.match(segment) is not None


# A participle after a noun, ending the clause before its date: "the election held two days
# earlier", "a truce signed in 1991" (a reduced relative: when that thing was, not the story).
_REDUCED_RELATIVE = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+(?:[a-z-]+\s+){0,3}?(?:held|signed|staged|called"
    r"|reached|agreed|adopted|passed|imposed|brokered|concluded|organi[sz]ed|launched)\s+"
    r"(?:(?:on|in|at|during|only|just|some|about|barely)\s+)*$"
)


def _reduced_relative(clause: str) -> bool:
    """Whether the clause (lower case, up to its date) ends on a participle describing a noun
    after the clause's own verb ("thousands gathered to protest against the election held two
    days earlier"): the date is that thing's, not the story's."""
    if " " not in clause or not clause.endswith(" "):
        return False
    found = _REDUCED_RELATIVE.search(clause)
    return found is not None and _VERB_LIKE.search(clause, 0, found.start()) is not None


def _main_after_subject(text: str, sentence_start: int, clause_start: int, date_end: int) -> bool:
    """Whether the clause at ``clause_start``, opening on a past tense, is the sentence's main
    verb after a subject set off by commas ("Protesters, most of them young, marched on 14
    February, a day called online"): the sentence's first words have no verb, and what follows
    the clause does not open on one (as the main verb after a reduced relative does: "The
    deal, reached in 2015, was abandoned")."""
    first_comma = text.find(", ", sentence_start, clause_start)
    if first_comma < 0 or _VERB_LIKE.search(text, sentence_start, first_comma) is not None:
        return False
    stop = text.find(". ", date_end)
    stop = len(text) if stop < 0 else stop
    after = _CLAUSE_BREAK.search(text, date_end, stop)
    if after is None:
        return True
    return _VERB_OPENING.match(text, after.end()) is None


_VERB_OPENING = re.compile(r"\s*(?:[a-z]+ly\s+)?(?:[a-z]+ed|was|were|had|has|have|took|fell|began"
                           r"|came|went|won|lost|made|led|became|stood|kept|remained)\b")
_APPOSITIVE_OPENING = re.compile(r"\s*(?:the|a|an)\s")
_VERB_LIKE = re.compile(
    r"\b(?:[a-z]+ed|was|were|is|are|has|have|had|did|does|do|took|fell|began|came|went|won|lost"
    r"|made|got|gave|left|met|ran|rose|saw|sent|set|shot|broke|struck|fought|held|led|told|brought"
    r"|became|stood|kept|put|drove|flew|hit|killed|bought|sold|built|found|began|will|would)\b"
)


def _is_appositive(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a clause after a comma, is a noun phrase set beside a noun
    ("the Panathenaic Stadium, the arena of the first modern Olympics in 1896"): no verb."""
    return (
        _APPOSITIVE_OPENING.match(text, start) is not None
        and _VERB_LIKE.search(text, start, end) is None
    )


def resolve_anaphor(anaphor: Anaphor, reference: PartialDate) -> PartialDate | None:
    """The date ``anaphor`` denotes from ``reference``, at the precision both allow; None when
    the phrase is too vague for the reference ("months later" after a bare year)."""
    if reference.precision is Precision.DECADE:
        return None
    sign = {"after": 1, "before": -1, "same": 0}[anaphor.relation]
    unit, count = anaphor.unit, anaphor.count
    if unit == "year":
        if sign == 0:
            return _year(reference.year)
        return None if count is None else _year(reference.year + sign * count)
    if unit in _SEASON_START:
        return _year(_season_year(unit, sign, reference))
    if unit == "month":
        return _month_anaphor(anaphor, sign, reference)
    # days and weeks
    if count is None and sign != 0:
        return None  # "days later", "a few weeks later": too vague to date
    if reference.precision is Precision.YEAR:
        return reference
    if reference.precision is Precision.MONTH or count is None:
        assert reference.month is not None
        if unit == "week" and count is not None and count >= 3:
            return _shift_month(reference.year, reference.month, sign * round(count / 4.35))
        return PartialDate(year=reference.year, month=reference.month, precision=Precision.MONTH)
    assert reference.month is not None
    assert reference.day is not None
    day = dt.date(reference.year, reference.month, reference.day)
    try:
        moved = day + dt.timedelta(days=sign * count * (7 if unit == "week" else 1))
    except OverflowError:
        return None
    if unit == "week":
        return PartialDate(year=moved.year, month=moved.month, precision=Precision.MONTH)
    return PartialDate(year=moved.year, month=moved.month, day=moved.day, precision=Precision.DAY)


def _month_anaphor(anaphor: Anaphor, sign: int, reference: PartialDate) -> PartialDate | None:
    if anaphor.month is not None:  # "that December", "the following March"
        year = reference.year
        if sign > 0 and (reference.month is None or anaphor.month <= reference.month):
            year += 1
        if sign < 0 and (reference.month is None or anaphor.month >= reference.month):
            year -= 1
        return PartialDate(year=year, month=anaphor.month, precision=Precision.MONTH)
    if reference.month is None:  # "a month later" after a bare year: still that year
        if sign == 0 or (anaphor.count is not None and anaphor.count <= 2):
            return _year(reference.year)
        return None
    if anaphor.count is None and sign != 0:
        return None  # "months later"
    return _shift_month(reference.year, reference.month, sign * (anaphor.count or 0))


def _season_year(season: str, sign: int, reference: PartialDate) -> int:
    """The year of a season told from the reference: "the following spring" is the next
    year's (the issue's rule: a story at February 1994 that says "By the following summer" has
    moved on a year); "the previous autumn" the last one that began before the reference;
    ``sign`` 0: the same year."""
    first = _SEASON_START[season]
    if sign > 0:
        return reference.year + 1
    if sign < 0:
        return (
            reference.year
            if reference.month is not None and reference.month > first + 2
            else (reference.year - 1)
        )
    return reference.year


def _from_reference(
    reference: PartialDate, month: int, day: int | None, backward: bool, slack: int = 0
) -> PartialDate | None:
    """A year-less date read from the reference: in the reference's year when that is all it
    gives; otherwise forward, as a narrative moves: later in the year stays in its year ("In May
    2011 ... On 16 December" is December 2011), much earlier (over six months) is the next year
    ("last November ... in February"); with ``backward`` ("since March", "had begun in
    February") the last one at or before it, or up to ``slack`` days (counted as 31 a month)
    after it."""
    year = reference.year
    if reference.month is not None:
        ref = reference.month * 31 + (reference.day or 1 if day is not None else 1)
        here = month * 31 + (day or 1 if reference.day is not None else 1)
        if backward:
            if here - ref > slack:
                year -= 1  # "had begun in December" after a reference in May: the last one
            # (a past perfect a few days after the reference is still near it: "reached the
            # final on 27 November ... the semi-final had been played on 6 December")
        elif ref - here > 6 * 31:
            year += 1  # much earlier in the year: nearer in the year after
    return _in_year(year, month, day)


def _back_to_lead(date: PartialDate, reference: PartialDate, lead: PartialDate) -> PartialDate:
    """``date``, read in the reference's year but earlier than the reference, moved a year on
    when the reference is background told before the story's first date and the year after
    falls between the two: the story returns to its own time ("On 17 August 2005 ... the plan
    was approved on 26 October 2004 ... In July" is July 2005, not July 2004)."""
    if not _before(date, reference) or not _before(reference, lead):
        return date
    later = _in_year(date.year + 1, date.month or 1, date.day) if date.month else None
    if later is None or _before(lead, later):
        return date
    return later


def _back_from_flashback(
    m: DateMention,
    date: PartialDate,
    reference: PartialDate,
    lead: PartialDate | None,
    published: PartialDate | None,
) -> PartialDate:
    """``date``, a paragraph's first date, year-less and read forward from the reference into
    the year after it, read instead as the latest such date not after the story's own time
    (its first date, else publication) when the reference is background more than a year
    before that time: the paragraph returns from a flashback ("In October 1994 he signed a
    treaty." then a new paragraph "On 19 January he flew home", in a story of February 1999,
    is January 1999, not 1995)."""
    if m.kind not in _PARTIAL or m.month is None or date.year <= reference.year:
        return date
    now = lead if lead is not None and _before(reference, lead) else published
    if now is None or now.year - date.year < 1 or not _before(date, now):
        return date
    told = (m.month, m.day or 1)
    year = now.year if now.month is None or told <= (now.month, now.day or 31) else now.year - 1
    back = _in_year(year, m.month, m.day)
    return date if back is None or not _before(date, back) else back


def _flash_forward(reference: PartialDate, lead: PartialDate | None) -> bool:
    """Whether the reference is a bare year after the story's first date, finer than a year
    ("the photograph won an award the following year"): a look ahead, which a new paragraph
    leaves for the story's own time."""
    return (
        lead is not None
        and lead.precision in (Precision.MONTH, Precision.DAY)
        and reference.precision is Precision.YEAR
        and reference.year > lead.year
    )


def _before(a: PartialDate, b: PartialDate) -> bool:
    """Whether ``a`` ends before ``b`` begins, comparing at the coarser precision."""
    if a.month is None or b.month is None:
        return a.year < b.year
    if a.day is None or b.day is None:
        return (a.year, a.month) < (b.year, b.month)
    return (a.year, a.month, a.day) < (b.year, b.month, b.day)


def _forward(reference: PartialDate, month: int, day: int | None) -> PartialDate | None:
    """A year-less date read forward from the reference: the first such date at or after it."""
    year = reference.year
    if reference.month is not None and (month, day or 31) < (reference.month, reference.day or 1):
        year += 1
    return _in_year(year, month, day)


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding ``text[at]`` starts, looking back at most 60 characters."""
    window = max(0, at - 60)
    cut = max(text.rfind(mark, window, at) for mark in (". ", ", ", "; ", "\n"))
    return window if cut == -1 else cut + 2


def _last_season(season: str, published: PartialDate | None) -> PartialDate | None:
    """The year of the last whole ``season`` before publication ("last summer")."""
    if published is None or published.month is None:
        return None
    ends = {"spring": 5, "summer": 8, "autumn": 11, "winter": 14}[season]
    year = published.year if published.month > ends else published.year - 1
    return _year(year - 1 if season == "winter" else year)


def _year(year: int) -> PartialDate | None:
    return year_date(year) if 1 <= year <= 9999 else None


def _in_year(year: int, month: int, day: int | None) -> PartialDate | None:
    if not 1 <= year <= 9999:
        return None  # "had begun in March" before a story told in year 1
    if day is None:
        return month_date(year, month)
    try:
        return PartialDate(year=year, month=month, day=day, precision=Precision.DAY)
    except ValueError:
        return None  # "29 February" in a year without it


def _shift_month(year: int, month: int, step: int) -> PartialDate | None:
    index = year * 12 + (month - 1) + step
    if not 1 <= index // 12 <= 9999:
        return None
    return PartialDate(year=index // 12, month=index % 12 + 1, precision=Precision.MONTH)


# A paragraph that opens on someone saying something now returns the story to the moment of
# publication: "Kyiv says it will not carry Russian gas again. Brussels offered Moldova aid in
# late January" (a description in the present, "Sidi Bouzid is not on the way to anywhere",
# does not: the story goes on in its own time).
_PRESENT_OPENING = re.compile(
    r"\s*(?:(?:The|A|An|Its|Their|His|Her)\s+)?(?:[A-Z][\w'’.-]*\s+){1,3}(?:now\s+|still\s+)?"
    r"(?:says|say|insists|insist|argues|argue|claims|claim|warns|warn|wants|want|hopes|hope"
    r"|denies|deny)\b"
)


def _back_to_now(sentences: list[Sentence], after: int, upto: int) -> bool:
    """Whether a paragraph opening in the present tense starts after sentence ``after`` and at
    or before sentence ``upto``, without a date of its own before ``upto``."""
    for k in range(max(after + 1, 1), upto + 1):
        here = sentences[k]
        if here.paragraph != sentences[k - 1].paragraph and _PRESENT_OPENING.match(here.text):
            return True
    return False
