"""Dated events: one per clause of the body that ties an action to a time expression.

How an event is built from a sentence that holds date mentions:

1. The sentence is cut into clauses at strong boundaries ("; ", ", and ", ", but ", ", when " ...);
   a clause with several dates is cut again before each later date, at the last comma or
   connective ("over", "after", "since", "that" ...) in between. Each piece holds one date.
2. Where it happened: the first place in the piece named as a location ("in Tirana"); else the
   best country reference in it: a name beats a capital, which beats a demonym, which beats a
   place named without a preposition ("the oil city of Kirkuk"); "in X"/"to X" adds weight,
   "from X"/"blamed on X" removes it; a demonym naming an actor ("the French president
   visited") counts least and alone locates nothing, and one describing what the verb acted
   on ("his army crushed the Palestinian guerrilla groups", "a ship chartered by an Iranian
   line") not at all. Failing all, the article's top country.
   The event then takes the first place the piece names in that country or, with none, one in
   the next sentence of the paragraph when that sentence has no date of its own: "...welcomed
   the MEK in 2014. They settled near Durres." A piece that names no country is placed where
   the story is set (``Document.setting``: the country whose towns it names most), else in the
   article's top country.
3. Its type: the lexicon in :mod:`newsmap.tagging.lexicon` on the piece, else on the sentence.
4. A span of days ("the weekend of 8 and 9 January", "between 25 February and 4 March") is dated
   by its first day. An anaphor
   and a finer date in the same clause tell one time ("A year later, in June, ..."); in two
   clauses ("The following spring they went on trial, and in June the court sentenced them")
   two happenings. A time told
   from the publication or the story and restated at once as a full date ("A
   decade ago this morning, on 17 December 2010") is that date, told once, and so is an offset
   restated at once by a calendar date ("Two days later, on 1 July"), and a day told again as
   hours after another happening ("At dawn on 29 August, only hours after the Russian
   statement, ..."). The same date told
   twice in adjacent sentences is one event, placed by the more specific
   sentence; and one (date, country) pair is one event per article, except that a date told as
   another time of the day just told ("That evening the police moved in", "the same day",
   "hours later") is a further happening of that day, not a retelling, and so is a day told
   with a part of it ("By the morning of 13 May word had spread", "sworn in yesterday
   afternoon" after "died yesterday at midday"), unless the first telling
   was an anniversary lead ("Twenty years ago today, ..."), which the full telling repeats;
   a day first told by an offset and later by its own date ("the next day they turned on the
   police. On 5 January young men stormed the city hall") is two happenings of that day; a
   month told again by "the following week", "a week later" or "at the end of the month" in
   another sentence is a further happening of that month, and so is a day counted on from a
   month ("In July parliament elected a speaker, and the next day the president was sworn in"); a
   day told by its calendar date opening a clause, told again so in a later paragraph, is a
   further happening of that day (the story goes back to it to tell something else); a short
   sentence that announces a happening by a year or month counted on ("Qana suffered again ten
   years later.") and the next sentence that tells it by its day ("On 30 July 2006 an air strike
   ...") tell one happening. One
   sentence tells at most two happenings of one date and country ("On 22 December he flew in,
   and the same day his son-in-law was removed": two events).

A place or country after a sentence's opening "In" or "At" ("In the centre of Tunis, ...") is
where, as one after a lower-case "in" is, and so is a town after a part of it ("lined the streets
of Rabat", "the outskirts of Kabul"): not its government. A foreign consulate, embassy,
compound or base ("marched to the Russian consulate", "stormed the American diplomatic compound")
names who it belongs to, not the country it stands in.

A piece that says "there" and names no place as a location is placed at the last place its
sentence named before it ("lived in Jeddah, and died there in 2019"), or, opening its sentence,
at the last the sentence before named ("... who had fled to Moscow, never came back. She died
there in 2019"; "Stevens loved Benghazi. He had arrived there in April 2011 on a Greek cargo
ship"), before any country it names. A piece that names no place or country is placed, in
this order: by "there", as above; by the clause of
circumstance right after it, up to any side detail in it (", when Clinton met Assad in Geneva";
not "a coup backed by the junta in Athens"); then as below.

A clause that names no place or country happens where the previous sentence of its paragraph named
a town as a location or as what underwent a happening (not "Bonn and Washington let it be known":
a government; "there" also points to a town named otherwise, "Stevens loved Benghazi. He arrived
there") (unless it follows a semicolon), when it goes on at the same time ("That afternoon crowds
gathered") or the town is in the story's country; a new time ("Two days later", "in September
2006") told without a place abroad returns to the story's country; a participle phrase that names
where ("the ministers, meeting in Brussels, put ...") places its clause, also one after it when the
clause names no location of its own, only who acted ("Spain won the title last night, sweeping
Italy aside in the final in Kyiv"). A capital standing for its government ("Moscow answered with a
blockade") says who acted, not where; one that underwent the happening ("Kuwait City was
liberated", "Athens shook", "Kabul fell") or hosted it ("Abu Dhabi, which runs a base at Assab, had
hosted the two men") is where. A relative clause that does not hold the date ("Assad, who trained
as a doctor in London, ...") tells about someone, and the places it names are not where the piece's
happening was; a country naming a border ("near the Algerian border") is beside the place, not the
place, a demonym paired with another ("the Armenian-Turkish weekly") names neither, and one a
clause only tried to reach ("caught as he tried to cross into Turkey") is not where it was, nor the
place of the happening a date counts from ("Four days after the signing in Zurich, ...").
An act of state that a capital (or its country) does at home is there, and only in its own
clause ("Moscow recognised Abkhazia", "Tirana expelled two diplomats", "Ankara ratified the
treaty"; "..., and three days later its army invaded" is not in Russia).

A date in a phrase or clause of time that opens the sentence ("Signed in September 1991, it
was to be followed by a referendum in Morocco", "When he became prime minister in July 1999,
few believed ... Syria") tells that phrase's happening: the main clause's plan and countries
are not its. A date in a participle phrase after a comma (", becoming its first secretary in the
republic in December 1985") is placed by that phrase, not by the verbs before it ("studied
engineering in Leningrad and rose through the party").

A court that sits in one place is where its acts happen: the Yugoslav (Hague, UN, war crimes)
tribunal and the international courts in The Hague ("On 5 December 2003 the Yugoslav tribunal
convicted General Galić" is in the Netherlands, wherever the story is set, and "Bosnia sued
Serbia at the International Court of Justice" too, whoever the parties), the European Court of
Human Rights in Strasbourg.

A piece opening on a relative "where" ("..., to a castle in Austria, where the envoys argued until
3 March") happened at the last place or country its sentence named as a location before it. A place
a journey headed for ("bound at last for Rotterdam", "bound for Tripoli in Lebanon", "had left
Heathrow for New York", "left too, for Israel", "stopped it on its way to Syria", "flew the wounded
out of Mogadishu to Turkey") or nearly reached ("patrolled almost to the Libyan coast") is not
where it happened. A year-less day ("On 4 February") is a new time, as a full date is: a clause
naming no place that it dates does not stay at a town abroad that the sentence before named. A
country named as the subject of an act done to another place ("the United States began air
strikes", "Israel sent troops into", "Russia had annexed", "the ministers of Germany and Poland had
visited") says who acted, not where, as a capital standing for its government does.
A place a journey went to ("flew to N'Djamena", "went first to Uzbekistan and then to Abu
Dhabi") is where only when its clause names no other location ("boarded a plane in Niger and flew
to N'Djamena" is in Niger; "Russia's envoy flew to Belgrade" in Serbia), and a clause in the next
sentence that names no place does not go on there.

A time of the day that opens a clause ("In the late afternoon police fired", "..., and by
nightfall the strikers had seized the town hall"; :mod:`newsmap.tagging.dayparts`) dates a further
happening of the reference day, unless its clause only says where things stood ("By evening twelve
people were dead", "were circulating online": "was" or "were" before no past participle). Coming
forward to speak is part of the statement ("appeared on the steps and condemned the attack"), and
so is a phrase of speaking that holds the date ("Speaking to deputies in Ankara on Tuesday, the
president called the killing murder").

An event has a date: a time expression that resolves (against the publication date or the
narrative's reference, :mod:`newsmap.tagging.reftime`) to a year, month or day. Not events:
expressions that do not resolve, decades ("since the 1990s"), recurring dates ("every year on 9
May", "as every year") and the anniversaries a clause marks, states ("had lived in exile since
2017", "used since the autumn of 2001", "From 2012 the mayor governed alone", "By 17 July the
shelling had died down", "and by 19 March the streets were quiet", "By 2012 the port had become a
fortress", "By 1997 the rebels were looking for a way out"), what something was ("Greece in 2008
was a country where ...", "the junction was the busiest crossroads in the city in October 2017";
not "It was a little after five on 11 May when the earthquake struck"), a time something is
compared with ("higher than it was in 2010", "more than in 2009"), what someone believed, learned
or heard, or what seemed ("In mid-August the generals believed the war was won", "That night they
learned how little had changed"), what was survived ("The government survived that winter"), what
would have been ("Few would have predicted it a year earlier"), the end of a state or a deadline
("held them until December"; not "held it until the following December, when forces drove them
out", whose clause of time tells a happening then; "gave Iraq until 15 January to leave", "setting
7 July as the deadline"; a limit: "property built before 1918"; "it took until August before ..."
tells a happening), stretches of time ("had done the same over the previous year", "for the
following week"), how things are or usually go (a clause whose verbs are all in the present: "This
year it holds the presidency", "this year Minsk has not been able to ..."; a relative clause so
told: "Astana, which holds the chair this year, said"; or a habit: "the first snow usually falls in
November"), plans ("will", "is due to", "diplomats expect him to", "later this year"; what was
promised, pledged or demanded: "has promised a referendum in June"; not one told in a relative
clause about someone or in a clause about a time: "on the morning he was due to testify") and dates
fixed for one ("elections were set for 24 April", "moved to 5 June"), findings ("an inquiry found
that ...", "prosecutors identified him", "doctors confirmed the poisoning", "investigators
published theirs"), people or things a date names ("the dead of 3 October were buried", "the
veterans of 2001", "a treaty of 2003 guarantees", "the borders of 1967", "the districts of 1960",
"a Nobel peace laureate of the year before", "when they speak of May 2005"; "the revolution of
1979" is a happening), a year ending a name ("the monuments of Skopje 2014"), the post someone held
("Galić, who had commanded the corps in 1994, ..."), a year or month as the subject of its clause
("March 2004 changed the way the West looked at Kosovo"), a relative clause that tells a state ("a
picture that was on every front page the next day", "one woman, who was sixteen that night"), where
things stood ("A year later the Soviet Union was gone", "the ceasefire signed in 1991 was over"),
what there was ("Ten years ago there was a supermarket here"; "there were clashes" names a
happening), what was going on in a year or a month ("In the summer of 1991 Albania was emptying";
not "... was unloading when crowds poured in"), reports and findings made public ("delivered its
report the following April", "answered in July with its own report", "an inquiry, published the
following month, found ...", "an inquiry led by a lawyer reported in October"), and statements: a
date in a quotation followed by its speaker ('"It was a Tuesday, the last day of January," she
says'), a clause whose date goes with a verb of saying or reacting ("On Tuesday, Washington warned
...", "Moscow denied on 3 May ...") tells a reaction, not a happening. A span of years ("between
1992 and 1995") is one event at its first year only when its clause names a happening (a war, a
siege, an exodus). Who speaks is never where it happened: "the United States condemned the shelling
of Zvecan on 3 March" is placed by Zvecan, not by the United States. Going on the air is saying
("went on national television and asked ...", "appeared on state television to concede"), and a
date still opens its clause after "Then," or a time of the night or day ("Shortly after midnight on
27 June, ...", "on the morning of 11 January, the armed forces admitted ..."; "armed" there is no
verb), but not past a new clause ("The next day the United States cut its aid, and Washington
warned ...": a happening). A statement told in an opening clause of time dates the main clause
after it when that tells a happening ("When the president announced on 14 January that he was
stepping down, crowds poured into the avenue": a happening of 14 January, placed by the main
clause). A clause that names no place but "the capital" ("Queen Rania joined a march through the
capital") is in the story's main country, not where most of the story's towns are; one that names
"the country" ("Much had changed in Albania. The country had held its first free elections on 31
March") is in the country last named by its name in its sentence or the one before. A seat of
power or summit venue named as where ("met on the White House lawn", "the summit at Camp David
failed", "signed in the Kremlin", "prepared in July, when the two men met on the White House
lawn") places its clause in its country, and only its own clause ("the
Kremlin denied" is a government speaking)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from newsmap.model import EventType, PartialDate, Precision
from newsmap.tagging.clauses import clause_end, is_fronted, is_future, set_for, split_pieces
from newsmap.tagging.dates import DateMention
from newsmap.tagging.dayparts import is_time_of_day
from newsmap.tagging.document import CountryRef, Document, PlaceRef
from newsmap.tagging.fields import EventFields
from newsmap.tagging.lexicon import best_type, find_cues
from newsmap.tagging.roles import find_speech, is_home_actor

__all__ = ["LocatedEvent", "find_events"]

_KIND_SCORE = {"name": 3.0, "capital": 2.5, "historical": 2.5, "place": 2.0, "demonym": 1.5}
_ACTOR_SCORE = 0.5
_LOCATIVE_BONUS = 2.0
_SOURCE_PENALTY = 2.5
# Between a verb of saying and its own date: "said on Tuesday", "warned in a statement on".
_SAID_WHEN = re.compile(r"(?i)\s*(?:(?:on|in|at|late|early|a|an|the|last|this|statement|interview"
                        r"|briefing|conference|press|news)\s+)*$")  # fmt: skip
# A few words after a verb of saying, none of them starting a complement ("said much the same
# the next day", 'called the accusations "absurd" once more on Thursday'; not "condemned the
# shooting of two officers on 3 May").
_SHORT_GAP = re.compile(
    r"(?:\s+(?!of\b|that\b|in\b|at\b|near\b)[\"“‘']?[a-z]+[\"”’']?){0,6}\s+"
)
# Between a date and the verb of saying after it: "Moscow on Tuesday denied".
_DATE_THEN_SAID = re.compile(
    r"\s*(?:(?:the\s+)?[A-Z][\w'’-]*\s+){0,3}(?:(?:also|again|quickly|swiftly|publicly|firmly)\s+)?$"
)
# What may stand before a date that opens its clause: "On 3 May, ...", "In late June, ...", "On
# Friday 14 August ...", "..., and on 13 April the president announced ...".
_OPENS = re.compile(
    r"(?i)[\s\"“‘'«(]*(?:(?:and|but)\s+(?=on\s))?(?:(?:on|in|at|by|early|late|mid|during|the|only"
    r"|not\s+until|until|then,?"
    r"|(?:shortly|just|soon|hours|minutes)\s+(?:after|before)\s+(?:midnight|dawn|noon)"
    r"|(?:morning|afternoon|evening|night)\s+of"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?)[\s-]+)*$"
)
# Irregular past tenses a clause's verb may take ("took", "fell", "struck"), shared below.
_IRREGULAR_PAST = (
    "took|fell|began|came|went|won|lost|made|got|gave|left|met|ran|rose|saw|sent|set|shot|broke"
    "|struck|fought|held|led|brought|became|stood|kept|put|drove|flew|hit|killed|built|found"
    "|heard|understood|learnt"
)
_FINITE = re.compile(
    rf"\b(?:(?!armed\b)[a-z]+ed|was|were|is|are|has|have|had|{_IRREGULAR_PAST}|will|would)\b"
)
_JOINED = re.compile(r"\s*(?:and|but|then)?\s*")
_RELATIVE_ASIDE = re.compile(r",\s*(?:who|which|whose|whom|where|when)\b[^,]*,")
# A relative clause about a person or thing ("Assad, who trained as a doctor in London, ..."):
# the places it names are that person's or thing's, not where the piece's happening took place.
_RELATIVE_ABOUT = re.compile(r",\s+(?:who|whom|whose|which)\s[^,;]*")
# A verb of saying in a relative clause ("a poll that Moscow called illegal") is not the clause's.
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|whom)\s+(?:[\w'’-]+\s+){1,3}$")
# An appositive name between commas ("the secretary of state, Mike Pompeo, said").
_NAME_ONLY = re.compile(r"\s*(?:[A-Z][\w'’.-]*\s*){1,4}")
# "By 17 July ... had died down", "By October the town was cut off": a result, not a happening.
_RESULT_STATE = re.compile(
    r"\b(?:(?:was|were|had\s+been)\s+(?:\w+\s+)?\w+(?:ed|en|wn|ne|un|ft|lt|ut)"
    r"|(?:was|were)\s+(?:still\s+|already\s+|back\s+|largely\s+)?(?:in|at|quiet|calm|over"
    r"|empty|gone|under)\b"
    r"|had\s+(?:died\s+down|faded|subsided|calmed|ended|stopped|eased|ebbed|dwindled"
    r"|become))\b"
)
_BY = ("by ", "and by ", "but by ")
# A completed act beside a result ("By nightfall the building was in flames, the opposition had
# seized the television station"): something was done by then, a happening.
_ACTED_BY = re.compile(
    r"\bhad\s+(?!been\b|become\b|died\b|faded\b|subsided\b|calmed\b|ended\b|stopped\b"
    r"|eased\b|ebbed\b|dwindled\b|gone\b|fallen\s+silent\b)(?:\w+ly\s+)?(?:[a-z]+ed|taken"
    r"|flown|fled|driven|seized|won|lost|left|sent|brought|broken|thrown|torn|shot|struck|run"
    r"|overrun|withdrawn|set)\b"
)
# A court that sits in one place: the Yugoslav tribunal and the international courts sit in The
# Hague, so what they do happens there.
_SEAT = re.compile(
    r"\b(?:(?P<NLD>(?:Hague|Yugoslav|UN|war[- ]crimes)\s+[Tt]ribunal|International\s+(?:"
    r"Criminal\s+(?:Tribunal|Court)|Court\s+of\s+Justice))|(?P<FRA>European\s+Court\s+of"
    r"\s+Human\s+Rights))\b"
)
# People or things named by a date ("the dead of 3 October", "the veterans of 2001", "the maps
# of 1995", "a treaty of 2003"), or a date spoken of ("when they speak of May 2005").
_NAMED_THING = re.compile(
    r"\b(?:dead|veterans|victims|survivors|generation|heroes|martyrs|refugees|exiles|maps?"
    r"|treaty|constitution|lessons|legacy|spirit|ghosts|memories|memory|speak|spoke|talk"
    r"|talked|borders?|frontiers?|boundaries|lines|districts|laws?|rules|census|laureates?"
    r"|winners?|champions?|graduates|class)\s+of\s+"
    r"(?:the\s+)?$"
)
# A report or findings made public ("delivered a withering interim report", "answered in July
# with its own report", "published their findings"): what someone found, told, not a happening.
_REPORT = re.compile(
    r"\b(?:published|released|issued|delivered|presented|submitted|answered|unveiled)\b"
    r"[^,;.]{0,40}\b(?:report|findings)\b|\b(?:report|findings|inquiry)\b[^;.]{0,12}\b"
    r"(?:published|released|issued)\b"
    r"|\b(?:inquiry|commission|panel|investigators|investigation)\b[^;.]{0,60}\breported\b"
    r"|\b(?i:inquiry|commission|panel|investigators|investigation|prosecutors|experts|doctors"
    r"|scientists|pathologists)\b[^;.]{0,40}\b(?:identif(?:y|ied)|confirmed|determined"
    r"|established|published|attributed|concluded)\b"
)
# Where a clause of circumstance turns to a side detail: a participle phrase ("backed by the
# junta in Athens", "taken from the army at Mosul") or a reason ("in response to ...").
_WHEN_ASIDE = re.compile(r"\s(?:[a-z]+ed|taken|held|made|given)\s+(?:by|from)\b|\sin\s+response\b")
_THERE = re.compile(r"\sthere\b(?!\s+(?:was|were|is|are|had|has|have|will|would)\b)")
# A sentence opening on where: "In Tunis, ...", "In the centre of Tunis, ...", "At Dhahran ...".
_OPENING_IN = re.compile(r"(?<![\w,;] )\b(?:In|At)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$")
# After a capital: it underwent the happening ("Sarajevo was shelled"), so it is where.
_PASSIVE = re.compile(r"\s+(?:was|were)\s+(?:\w+ly\s+)?(?:\w+ed|taken|struck|hit|shot|overrun)\b")
# A participle phrase after a comma, which a later date in it belongs to: ", becoming ...".
_TRAILING_PARTICIPLE = re.compile(
    r",\s+(?:[a-z]+ly\s+)?(?!(?:during|according|including|following|nothing|something"
    r"|anything|everything|evening|morning|spring|king|thing|wing|ceiling|building|meeting"
    r"|wedding|uprising|ruling|hearing)\b)[a-z]+ing\s"
)
_PARTICIPLE_TAIL = re.compile(r",\s+(?!and\b|but\b)[a-z]+(?:ing|ed)\b")


def _participle_phrase_start(text: str, start: int, at: int) -> int:
    """Where the participle phrase holding the date at ``at`` begins (", becoming its first
    secretary in December 1985"), or ``start`` when the date is in none."""
    for tail in _TRAILING_PARTICIPLE.finditer(text, start, at):
        start = tail.start()
    return start


_BETWEEN_SAME = re.compile(
    r"(?i)[\s,]*(?:today|on|in|the|of|morning|afternoon|evening|night|,|\s)*"
)
# A limit nearly reached: "almost to the Libyan coast", "as far as Basra".
_NEARLY = re.compile(r"\b(?:almost|nearly|as\s+far\s+as)\s+(?:to\s+)?(?:the\s+)?$")
# A journey's goal: "bound for", "left Heathrow for", "left too, for", "set sail for", "on its
# way to", "en route to", "from Minsk to" (the place it left is where it happened).
_BOUND_FOR = re.compile(
    r"(?:\b(?:bound|left|leaving|leaves|departed|departing|sailed|sailing|flew|flying|headed"
    r"|heading|set\s+(?:off|out|sail)|took\s+off|boarded\s+(?:a|the)\s+\w+)\b[^,;.]{0,30}"
    r"(?:,\s)?\bfor|\b(?:on\s+(?:its|their|his|her|the)\s+way|en\s+route)\s+(?:back\s+)?"
    r"(?:to|for|towards)|\b(?:from|out\s+of)\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:to|for))"
    r"\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*\s+){1,3}in\s+)?$"
)
# An attempted move towards a place: "as he tried to cross into", "attempting to reach".
_ATTEMPTED = re.compile(
    r"\b(?:tried|trying|attempted|attempting)\s+to\s+[a-z]+\s+(?:[a-z]+\s+)?(?:(?:into|to)\s+)?"
    r"(?:the\s+)?$"
)
_DAY_PART = re.compile(
    r"\b(?:morning|afternoon|evening|night|dawn|midnight|noon|hours)\s+(?:of|on)\s+"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$"
)
# A new clause between two dates: each tells its own happening ("The following spring they went
# on trial, and in June the court sentenced them").
_AND_CLAUSE = re.compile(r",\s+(?:and|but|while)\s|;\s")
# A day before a date's own day, joined to it: "8 and 9 January", "8 to 10 May".
_FIRST_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:and|to|or)\s+$")
# A date after "until" ends a state or a deadline; "took until", "not until" tell a happening.
_UNTIL = re.compile(r"(?i)\b(took\s+|not\s+)?(?:until|till)\s+(?:(?:early|late|mid)[\s-]+)?$")
# A date after "since" starts a state ("had lived in exile since 2017"), not a happening.
_SINCE = re.compile(
    r"(?i)\b(?:since|from)\s+(?:(?:early|late|mid)[\s-]+)?(?:the\s+(?:(?:early|late)\s+)?"
    r"(?:spring|summer|autumn|fall|winter|start|beginning|end|middle|turn)\s+of\s+)?$"
)
_YEARLESS = frozenset({"md", "dm", "mo", "ana", "dp", "rel", "wd", "mrel", "mdr", "dmr"})


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class _Draft:
    sentence: int
    date: PartialDate | None
    iso3: str | None
    place: PlaceRef | None
    type: EventType
    strength: int  # 3: placed by a place, 2: by a country named in it, 1: article fallback
    told_in: tuple[int, ...] = ()  # every sentence that tells it, after merging
    later_that_day: bool = False  # dated "that evening", "the same day": a further happening
    part_of_day: bool = False  # dated "on the morning of 13 May": one happening of that day
    from_now: bool = False  # dated from the publication ("ten years ago today")
    offset: bool = False  # dated by an offset from the story ("the next day", "two days later")
    site: bool = False  # placed by a seat of power or venue ("at Camp David"), not a town
    home_act: bool = False  # placed by an act of state done at home ("Moscow recognised ...")
    anaphoric: bool = False  # dated by a phrase read from the story's time ("a week later")
    coarse_offset: bool = False  # "the next day" after a month: a day on, told as that month
    calendar_day: int = -1  # the paragraph of a day told by its calendar date opening its clause
    preview: bool = False  # a year or month told from another time ("ten years later")


@dataclass(slots=True)  # never modified; not hashable (its event is a dict)
class LocatedEvent:
    """An event and the sentences of the document that tell it."""

    event: EventFields
    sentences: tuple[int, ...]


def find_events(doc: Document, top_country: str | None) -> tuple[LocatedEvent, ...]:
    """The article's events in text order, merged so that one happening is one event, each with
    the sentences that tell it."""
    drafts: list[_Draft] = []
    by_sentence: dict[int, list[DateMention]] = {}
    for mention, sentence in doc.dates:
        if not doc.is_title(sentence):
            by_sentence.setdefault(sentence, []).append(mention)
    here = doc.setting or top_country  # where the story is set
    # Each sentence's event-type words, found once, when a date of it first needs them (about
    # one sentence in six has only dates that are set aside before that).
    cues: dict[int, list[tuple[int, int]]] = {}
    for sentence, mentions in by_sentence.items():
        if not any(_datable(m) for m in mentions):
            continue  # no date that can make an event (see _draft): no clauses to read
        mentions = _finest(doc.text, mentions)
        if len(mentions) > 1:
            mentions = _without_span_ends(doc.text, mentions)
        before: _Draft | None = None  # the sentence's previous event
        for start, end, mention in _pieces(doc, sentence, mentions):
            draft = _draft(doc, sentence, start, end, mention, here, by_sentence, cues, top_country)
            if draft is None:
                continue
            if _same_day(mention):
                draft = replace(draft, later_that_day=True)
            elif _part_of_day(doc.text, mention):
                draft = replace(draft, part_of_day=True)
            elif mention.kind == "rel" and " ago" in mention.surface.lower():
                draft = replace(draft, from_now=True)
            elif _is_offset(mention):
                draft = replace(draft, offset=True)
            if _anaphoric(mention) and not draft.later_that_day:
                draft = replace(draft, anaphoric=True)
            elif _coarse_day_offset(mention):
                draft = replace(draft, coarse_offset=True)
            if _previews(mention) and len(doc.sentences[sentence].text.split()) <= _SHORT:
                draft = replace(draft, preview=True)
            if mention.kind in _CALENDAR_DAY and _OPENS.match(doc.text, start, mention.start):
                draft = replace(draft, calendar_day=doc.sentences[sentence].paragraph)
            if (
                draft.strength <= 1
                and before is not None
                and before.strength >= 2
                and not _after_semicolon(doc.text, start)
                and not (before.home_act and _AND_OPENS.match(doc.text, start) is not None)
            ):  # (an act of state done at home is not where the next act was: "Moscow
                # recognised the republics, and three days later its army invaded")
                # "... in The Hague sentenced him, but on 16 November the chamber acquitted
                # him": a clause naming no place happens where the sentence's last one did
                draft = replace(
                    draft, iso3=before.iso3, place=before.place, strength=before.strength
                )
            drafts.append(draft)
            if not draft.site:  # a venue is where its own clause was, not the next one's
                before = draft
    merged = _dedupe(_merge_adjacent(_without_previews(drafts)))
    return tuple(LocatedEvent(_event(doc, d), d.told_in or (d.sentence,)) for d in merged)


def _finest(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """One date per time told: of two dates side by side where the second narrows the first
    ("twenty years ago, on 14 February 2005", "two weeks later, on 28 February"), only the
    second."""
    kept: list[DateMention] = []
    for mention in mentions:
        if kept and (
            _narrows(text, kept[-1], mention)
            or (
                kept[-1].kind in ("ana", "dp")
                and _narrows(text, kept[-1], mention, adjacent=False)
                and _AND_CLAUSE.search(text, kept[-1].end, mention.start) is None
            )
            or _restated(text, kept[-1], mention)
            or _offset_restated(text, kept[-1], mention)
        ):
            kept[-1] = mention
        elif (
            kept
            and _narrows(text, mention, kept[-1], adjacent=False)
            and (_same_time(mention) or _narrows(text, mention, kept[-1]))
            and not (_same_day(mention) and not _narrows(text, kept[-1], mention))
        ):
            continue  # "in June 2014 ... five years later", "9 November that year": told once
        elif kept and _hours_from_same_day(kept[-1], mention):
            continue  # "At dawn on 29 August, only hours after the statement, ...": one time
        else:
            kept.append(mention)
    return kept


def _without_span_ends(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """The mentions without the last day of a span told by its two ends ("between 25 February
    and 4 March"): one happening, dated by its first day."""
    kept = [mentions[0]]
    for previous, mention in itertools.pairwise(mentions):
        if text[previous.end : mention.start] in (" and ", "–", "-", " – ") and text.endswith(
            ("between ", "Between "), 0, previous.start
        ):
            continue
        kept.append(mention)
    return kept


def _hours_from_same_day(first: DateMention, second: DateMention) -> bool:
    """Whether ``second`` is "hours after the <happening>" and falls on ``first``'s day, told
    just before in the sentence: the same time, told again from another happening."""
    anaphor = second.anaphor
    return (
        anaphor is not None
        and anaphor.unit == "day"
        and anaphor.count == 0
        and " after the " in second.surface.lower()
        and first.date is not None
        and first.date == second.date
    )


def _restated(text: str, first: DateMention, second: DateMention) -> bool:
    """Whether ``second``, a date the text gives in full, restates ``first``, a time told from
    the publication or the story ("A decade ago this morning, on 17 December 2010"): they are
    side by side, so they tell one time, and the full date is the one meant."""
    if second.inferred or second.anaphor is not None or second.date is None:
        return False
    if not (first.inferred or first.anaphor is not None):
        return False
    between = text[first.end : second.start]
    return len(between) <= 20 and _BETWEEN_SAME.fullmatch(between) is not None


def _offset_restated(text: str, first: DateMention, second: DateMention) -> bool:
    """Whether ``second``, a calendar date, restates ``first``, an offset, right after it
    ("Two days later, on 1 July"): one time, told by its date (even when the offset was
    counted from a date the story had left)."""
    anaphor = first.anaphor
    if anaphor is None or anaphor.count is None or anaphor.relation == "same":
        return False
    if second.anaphor is not None or second.date is None or second.kind == "rel":
        return False
    between = text[first.end : second.start]
    return len(between) <= 6 and between.strip(" ,") in ("on", "in", "")


def _same_time(mention: DateMention) -> bool:
    """An anaphor for the time just told ("9 November that year"), not an offset from it."""
    return mention.anaphor is not None and mention.anaphor.relation == "same"


def _same_day(mention: DateMention) -> bool:
    """Whether the mention tells another time of the reference's day ("that evening", "the
    same day", "hours later", "an hour earlier"), resolved to a day."""
    anaphor = mention.anaphor
    return (
        anaphor is not None
        and anaphor.unit == "day"
        and not anaphor.from_story  # "the night of the tower": that happening, told again
        and (anaphor.relation == "same" or anaphor.count == 0)
        and mention.date is not None
        and mention.date.precision is Precision.DAY
    )


def _part_of_day(text: str, mention: DateMention) -> bool:
    """Whether a day is told with a part of it ("By the morning of 13 May", "on the evening of
    17 March", "Shortly after midnight on 13 May"): one happening of that day among others."""
    if mention.anaphor is not None or mention.date is None:
        return False
    if mention.date.precision is not Precision.DAY:
        return False
    if mention.kind == "rel" and mention.surface.lower() == "yesterday":
        return _PART_AFTER.match(text, mention.end) is not None  # "yesterday afternoon"
    return _DAY_PART.search(text, max(0, mention.start - 30), mention.start) is not None


# A part of the day right after "yesterday": "yesterday afternoon", "yesterday at midday".
_PART_AFTER = re.compile(
    r"\s+(?:morning|afternoon|evening|at\s+(?:dawn|midday|noon|dusk|nightfall))\b"
)


def _after_semicolon(text: str, start: int) -> bool:
    """Whether the piece at ``start`` opens after a semicolon (an independent clause)."""
    return text[max(0, start - 3) : start].rstrip().endswith(";")


def _narrows(text: str, first: DateMention, second: DateMention, adjacent: bool = True) -> bool:
    """Whether ``second`` tells ``first``'s time more finely; with ``adjacent``, only when
    nothing but a few words ("today", "on the night of") stands between them."""
    if first.date is None or second.date is None:
        return False
    if adjacent:
        lo, hi = min(first.end, second.end), max(first.start, second.start)
        between = text[lo:hi]
        if len(between) > 20 or _BETWEEN_SAME.fullmatch(between) is None:
            return False
    a, b = first.date, second.date
    return (
        a.year == b.year
        and (a.month is None or a.month == b.month)
        and (a.day is None or a.day == b.day)
    )


def _pieces(
    doc: Document, index: int, mentions: list[DateMention]
) -> list[tuple[int, int, DateMention]]:
    """Split the sentence into clause pieces, one per date mention: (start, end, mention)."""
    sentence = doc.sentences[index]
    spans = split_pieces(
        doc.text, sentence.start, sentence.end, [(m.start, m.end) for m in mentions]
    )
    return [(start, end, mention) for (start, end), mention in zip(spans, mentions, strict=True)]


def _draft(
    doc: Document,
    sentence: int,
    start: int,
    end: int,
    mention: DateMention,
    top_country: str | None,
    by_sentence: dict[int, list[DateMention]],
    cue_memo: dict[int, list[tuple[int, int]]],
    main_country: str | None = None,
) -> _Draft | None:
    text = doc.text
    date = mention.date
    if date is None or not _datable(mention):
        return None  # no resolved date, or only a decade: background, not an event
    if mention.anaphor is not None and text.endswith(
        (" over ", " for ", "For ", "Over "), 0, mention.start
    ):
        return None  # "had done the same over the previous year", "for the next month": a
        # stretch of time
    if (
        _until_end(text, mention) and not text.startswith((", when", " when"), mention.end)
    ) or _deadline(text, mention) or _year_limit(text, mention):
        return None  # "gave Iraq until 15 January to leave", "setting 7 July as the deadline"
    if "than " in text[max(0, mention.start - 40) : mention.start] and (
        _COMPARED.search(text, max(0, mention.start - 40), mention.start) is not None
    ):
        return None  # "higher than it was in 2010": a comparison, not a happening
    if _promised(text, max(start, mention.start - 70), mention.start):
        return None  # "has promised a referendum on a new constitution in June": a plan
    if set_for(text, mention.start):
        return None  # "early elections were set for 24 April": a date fixed for a plan
    own_end = clause_end(text, start, end, mention.end)
    phrase_end = _participle_end(text, start, own_end, mention)
    if is_future(text, start, phrase_end) and _plan_outside_asides(
        text, start, phrase_end, mention
    ):
        return None  # "In November, engineers plan to...": a plan, not an event; not one told
        # about someone ("The chamber, which had been due to sit in Benghazi, met ...")
    # a fronted date governs its sentence's main clause, past a relative clause ("This year
    # Pashinyan, who came to power in 2018, said ...")
    opening = _OPENS.match(text, start, mention.start) is not None or (
        mention.kind in ("ana", "dp") and _JOINED.fullmatch(text, start, mention.start) is not None
    )  # ", and a few days later Russia announced ..."
    said_end = max(end, doc.sentences[sentence].end) if opening else end
    if doc.says_between(start, said_end) and _is_statement(text, start, said_end, mention):
        if not _main_clause_after(text, start, phrase_end, end):
            return None  # "On Tuesday, Washington warned ...": a reaction, not a happening
        # "When the army announced on 3 July that Morsi had gone, crowds returned to the
        # square": the main clause happened then, and where it did is its own
        start = own_end = phrase_end
    if _starts_state(text, mention) and not text.startswith((", when", " when"), mention.end):
        return None  # "had lived in exile since 2017": a state, not a happening
    if _quoted(doc, sentence, mention):
        return None  # '"It was a Tuesday, the last day of January," she says': testimony
    if _in_a_name(text, mention) or _role_of_someone(text, mention):
        return None  # "the monuments of Skopje 2014", "Galić, who had commanded the corps in
        # 1994, ...": a name, or who someone was
    if _NAMED_THING.search(text, max(0, mention.start - 30), mention.start) is not None:
        return None  # "the dead of 1996", "a treaty of 2003": people or a thing, named by a date
    if _told_as_now(text, start, own_end, mention) or _now_in_aside(text, start, own_end, mention):
        return None  # "This year it holds the presidency", "the first snow usually falls in
        # November": how things are or usually go, not a dated happening
    if _reports(text, start, own_end):
        return None  # "delivered a withering report the following April": a finding, told
    if _by_result(text, start, own_end, mention):
        return None  # "By 17 July the shelling had died down": where things stood, a state
    if is_time_of_day(mention) and _told_as_now(
        text, start, doc.sentences[sentence].end, mention
    ):
        return None  # "In the evening the market fills again, but the harbour is still closed":
        # how days go now, told in the present
    if is_time_of_day(mention) and _state_then(text, mention.end, own_end):
        return None  # "By evening twenty people were dead", "Within hours pictures were
        # circulating online": where things stood that day, not a happening
    if _date_as_subject(text, start, mention):
        return None  # "March 2004 changed the way the West looked at Kosovo": a time judged
    if _was_over(text, start, own_end, mention):
        return None  # "A year later the Soviet Union was gone": where things stood, a state
    if _going_on(text, start, own_end, mention):
        return None  # "In the summer of 1991 Albania was emptying": what was going on
    if _state_in_relative(text, start, mention):
        return None  # "a picture that was on every front page the next day": a state
    if _there_was(text, start, own_end, cue_memo, doc, sentence):
        return None  # "Ten years ago there was a supermarket here": what there was, a state
    if _is_description(text, start, own_end, mention):
        return None  # "Greece in 2008 was a country where ...": what something was, a state
    if _thought_or_conditional(text, start, own_end, mention):
        return None  # "In mid-August the generals believed ...", "Few would have predicted it"
    if text.startswith((", as every", " as every", ", like every", " like every", ", every year",
                        " every year", ", each year", " each year"), mention.end):
        return None  # "This year, as every year, they asked ...", "on 10 November, every year,
        # people lay flowers": a date that recurs
    if mention.kind in _YEARLESS and _marks_anniversary(text, start, own_end, mention):
        return None  # "marked the anniversary on 11 July": a date that recurs
    if mention.kind in ("dm", "dmy") and date.day is not None:
        first = _FIRST_DAY.search(text, max(0, mention.start - 12), mention.start)
        if first is not None and 0 < int(first.group(1)) < date.day:  # "the weekend of 8 and
            date = PartialDate(  # 9 January": a span told by its days, from its first
                year=date.year, month=date.month, day=int(first.group(1)), precision=Precision.DAY
            )
    origin = doc.sentences[sentence].start
    cues = cue_memo.get(sentence)
    if cues is None:
        cues = cue_memo[sentence] = find_cues(doc.sentences[sentence].text)
    kind = best_type(cues, start - origin, end - origin)
    if mention.kind == "rng" and kind is EventType.OTHER:
        return None  # "between 1992 and 1995" with no happening in its clause
    if kind is EventType.OTHER:
        kind = best_type(cues)
    # A fronted date governs the whole piece; a date inside a clause is located by its own
    # clause first ("bombing Yugoslavia on March 24th, after ... near Paris").
    if is_fronted(text, start, mention.start):
        ends = [end]
    elif phrase_end < own_end:
        ends = [phrase_end]  # "Signed in Belfast in 1998, it was to ...": the phrase's own
    elif _PARTICIPLE_TAIL.match(text, own_end):
        ends = [own_end]  # "..., thanking Syria": a side remark, not where it happened
    else:
        ends = list(dict.fromkeys((own_end, end)))
    if not is_fronted(text, start, mention.start):
        # "..., studied in Leningrad and rose through the party, becoming its first secretary
        # in December 1985": the date's participle phrase is where to look, not the verbs before
        start = _participle_phrase_start(text, start, mention.start)
    aside = (
        _asides(text, start, end, mention)
        + _counted_from(text, end, mention)
        + _where_agreed(text, start, end, mention)
    )
    acting: set[str] = set()  # the governments that acted by their capitals, when only they act
    if (
        ends == [own_end]
        and own_end < end
        and _place_in(doc, sentence, start, own_end, None, aside) is None
        and _locative_country(doc, sentence, start, own_end) is None
    ):  # "Spain won last night, sweeping Italy aside in the final in Kyiv": where it was
        tail = _place_in(doc, sentence, own_end, end)
        if tail is not None:
            return _Draft(sentence, date, tail.city.iso3, tail, kind, 3)
    if _WHERE_OPENS.match(text, start) is not None:  # "..., where the treaty was signed"
        where = _where_antecedent(doc, sentence, start)
        if where is not None:
            return _Draft(sentence, date, where[0], where[1], kind, 2)
    if " there" in text[start:end] and _place_in(doc, sentence, start, end) is None:
        referred = _there(doc, sentence, start, end, across=True)
        if referred is not None:  # "... fled to Moscow. She died there in 2019."
            return _Draft(sentence, date, referred.city.iso3, referred, kind, 2)
    if (
        "ribunal" in text[start:end] or "Court" in text[start:end]
    ) and _place_in(doc, sentence, start, end, None, aside) is None:
        seat = _SEAT.search(text, start, end)
        if seat is not None and seat.lastgroup is not None:  # "the Yugoslav tribunal
            # convicted General Galić", "Croatia sued Serbia at the International Court of
            # Justice": in The Hague, whoever the parties are
            return _Draft(sentence, date, seat.lastgroup, None, kind, 2)
    for span_end in ends:
        site = None
        if _SITE_CUE.search(text, start, span_end) is not None:  # a quick test: a site's name
            site = _SITE.search(text, start, span_end)
        if site is not None and _place_in(doc, sentence, start, span_end, None, aside) is None:
            # "the two men met on the White House lawn", "the summit at Camp David": there
            country = _SITE_COUNTRY[site.group(1)]
            return _Draft(sentence, date, country, None, kind, 2, site=True)
        if _only_actors(doc, sentence, start, span_end, aside):
            home = _home_actor(doc, sentence, start, span_end)
            if home is not None:  # "The Lebanese army raised its flag": at home
                return _Draft(sentence, date, home, None, kind, 2)
            acting = {r.iso3 for r in doc.countries_by_sentence.get(sentence, ())
                      if start <= r.start < span_end and r.kind == "capital"}
            break  # "Russian troops crossed the border": who acted, not where
        place = _place_in(doc, sentence, start, span_end, None, aside)
        if place is not None:
            return _Draft(sentence, date, place.city.iso3, place, kind, 3)
        iso3 = _country_in(doc, sentence, start, span_end, aside)
        if iso3 is not None:
            local = _place_in(doc, sentence, start, span_end, iso3, aside)
            if local is not None:
                return _Draft(sentence, date, iso3, local, kind, 3)
            follow = _place_in_next(doc, sentence, iso3, by_sentence)
            at_home = _home_act_in(doc, sentence, start, span_end, iso3)
            return _Draft(sentence, date, iso3, follow, kind, 2, home_act=at_home)
    if ends == [own_end] and own_end < end:  # "the ministers, meeting in Brussels, put ..."
        place = _place_in(doc, sentence, own_end, end)
        if place is not None:
            return _Draft(sentence, date, place.city.iso3, place, kind, 3)
        there = _locative_country(doc, sentence, own_end, end)
        if there is not None:
            return _Draft(sentence, date, there, None, kind, 2)
    referred = _there(doc, sentence, start, end)
    if referred is not None:  # "He lived in Jeddah, and died there in 2019"
        return _Draft(sentence, date, referred.city.iso3, referred, kind, 2)
    when = _when_place(doc, sentence, end)
    if when is not None:  # "Talks collapsed in March 2000, when Clinton met Assad in Geneva"
        return _Draft(sentence, date, when.city.iso3, when, kind, 2)
    if text.startswith(" when ", end) and _SITE_CUE.search(text, end, end + 120) is not None:
        site = _SITE.search(text, end, doc.sentences[sentence].end)
        if site is not None:  # "prepared three months earlier, when the two men met on the
            # White House lawn": there
            country = _SITE_COUNTRY[site.group(1)]
            return _Draft(sentence, date, country, None, kind, 2, site=True)
    if main_country is not None and " the capital" in text[start:end] and (
        _THE_CAPITAL.search(text, start, end) is not None
    ):  # "Queen Rania joined a march through the capital": the story's country's capital
        return _Draft(sentence, date, main_country, None, kind, 1)
    if "country" in text[start:end] and _THE_COUNTRY.search(text, start, end) is not None:
        named = _country_named_before(doc, sentence, start)
        if named is not None:  # "Much had changed in Albania. The country had held its first
            return _Draft(sentence, date, named, None, kind, 2)  # free elections in March"
    before = None if _after_semicolon(text, start) else _place_before(doc, sentence)
    if before is not None and acting and before.city.iso3 not in acting | {top_country}:
        before = None  # "... the pipeline to Ceyhan. Baghdad banned flights": not in Turkey
    # "The news reached Warsaw. That afternoon crowds gathered ...": there
    if before is not None and (before.city.iso3 == top_country or not _moves_on(mention)):
        return _Draft(sentence, date, before.city.iso3, before, kind, 1)
    return _Draft(sentence, date, top_country, None, kind, 1 if top_country else 0)


# A verb of promising or demanding before the date, in its clause: the date is the promised
# thing's ("promised a referendum on a new constitution in June", "demanded elections in May").
_PROMISED = re.compile(
    r"\b(?:promised|promises|pledged|pledges|vowed|vows|demanded|demands"
    r"|threatened|threatens|called\s+for|calls\s+for)\s[^,;.:]*$"
)


_PROMISE_CUES = ("romis", "ledge", "vow", "emand", "hreat", "s for ", "d for ")


def _promised(text: str, start: int, end: int) -> bool:
    """Whether a verb of promising or demanding stands in ``text[start:end]`` with no clause
    boundary after it (:data:`_PROMISED`)."""
    window = text[start:end]
    if not any(cue in window for cue in _PROMISE_CUES):
        return False  # most clauses: a quick test before the search
    return _PROMISED.search(text, start, end) is not None


def _plan_outside_asides(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether ``text[start:end]`` speaks of a plan outside its relative clauses that do not hold
    the date ("The assembly, which had been due to meet in Benghazi, held its first session in
    Tobruk on 4 August": what the assembly had been due to do is about it, not the clause's),
    nor in one about a time ("found dead in March 2005 on the morning he was due to testify")."""
    asides = sorted(
        [*_RELATIVE_ASIDE.finditer(text, start, end), *_TIME_CLAUSE.finditer(text, start, end)],
        key=lambda found: found.start(),
    )
    at = start
    for aside in asides:
        if aside.start() <= mention.start < aside.end() or aside.start() < at:
            continue
        if is_future(text, at, aside.start()):
            return True
        at = aside.end()
    return is_future(text, at, end)


# A clause about a time, without "which" or "when": "on the very morning he was due to be
# questioned", "the day they were to sail".
_TIME_CLAUSE = re.compile(
    r"\b(?:day|morning|afternoon|evening|night|week)\s+(?:that\s+)?(?:he|she|they|it|we)\s+"
    r"(?:was|were)\s+(?:(?:due|set|scheduled|expected)\s+)?to\s+[a-z]+(?:\s+[a-z]+ed)?"
)


# A phrase set off after a date that tells what day it was: "On 9 April, the first anniversary
# of the fall of Baghdad, ...", "On 21 May, on the eve of unity's fourth anniversary, ...".
_DATE_APPOSITIVE = re.compile(r",\s+(?:on\s+)?(?:the|a)\s[^,;.]{0,80},")


def _marks_anniversary(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether the clause ``text[start:end]`` speaks of an anniversary outside a phrase that
    only tells what day its date was ("On 9 April, the first anniversary of the fall of
    Baghdad, the Americans declared a halt": a happening on that day)."""
    lowered = text[start:end].lower()
    if "anniversar" not in lowered:
        return False
    aside = _DATE_APPOSITIVE.match(text, mention.end, end)
    if aside is None:
        return True
    return "anniversar" in (text[start : mention.end] + text[aside.end() : end]).lower()


def _asides(text: str, start: int, end: int, mention: DateMention) -> tuple[tuple[int, int], ...]:
    """The relative clauses of the piece that do not hold its date ("Assad, who trained as a
    doctor in London, ..."): what they name is about someone, not where the happening was."""
    if ", wh" not in text[start:end]:
        return ()  # most pieces: no relative clause (a quick test before the search)
    return tuple(
        found.span()
        for found in _RELATIVE_ABOUT.finditer(text, start, end)
        if not found.start() <= mention.start < found.end()
    )


# Where the happening counted from took place: "Four days after the signing| in Zurich|, ...".
_COUNTED_FROM_PLACE = re.compile(r"\s+(?:in|at)\s+[^,;.]*")


def _counted_from(text: str, end: int, mention: DateMention) -> tuple[tuple[int, int], ...]:
    """The place phrase right after "four days after the signing" ("in Zurich"): where the
    happening counted from was, not where this one is."""
    anaphor = mention.anaphor
    if anaphor is None or not anaphor.from_story or anaphor.count is None:
        return ()
    found = _COUNTED_FROM_PLACE.match(text, mention.end, end)
    return () if found is None else (found.span(),)


# "a humanitarian truce brokered in Moscow", "the ceasefire signed in Minsk": where a pact was
# made, told to say which pact, not where the clause's happening was.
_WHERE_AGREED = re.compile(
    r"\b(?:truce|ceasefire|cease-fire|deal|agreement|accord|treaty|protocol|memorandum|peace"
    r"|plan|declaration)\s+(?:brokered|negotiated|signed|agreed|reached|mediated|struck"
    r"|drafted|concluded)\s+(?:in|at)\s+[^,;.]*"
)


def _where_agreed(
    text: str, start: int, end: int, mention: DateMention
) -> tuple[tuple[int, int], ...]:
    """The place phrases of the piece that say where a pact it names was made ("hours after a
    truce brokered in Moscow had been meant to take effect, a missile struck Ganja"), unless
    the date goes with that pact ("the truce signed in Minsk on 5 September")."""
    if "ed in " not in text[start:end] and "ed at " not in text[start:end]:
        return ()  # a quick test before the search
    return tuple(
        (found.start(), found.end())
        for found in _WHERE_AGREED.finditer(text, start, end)
        if not found.start() <= mention.start <= found.end() + 3
    )


# Seats of power and summit venues named as where something happened ("met on the White House
# lawn", "the summit at Camp David", "signed in the Kremlin"); the name alone ("the Kremlin
# denied") is a government speaking.
_SITE_COUNTRY = {
    "White House": "USA", "Camp David": "USA", "Pentagon": "USA", "Kremlin": "RUS",
    "Élysée": "FRA", "Elysée": "FRA", "Elysee": "FRA", "Downing Street": "GBR",
    "Knesset": "ISR", "Bundestag": "DEU", "Reichstag": "DEU", "Peace Palace": "NLD",
    "Palais des Nations": "CHE",
}  # fmt: skip
_SITE_CUE = re.compile("|".join(re.escape(name) for name in _SITE_COUNTRY))
_SITE = re.compile(
    r"\b(?:at|in|on|outside|inside|into|to)\s+(?:the\s+)?("
    + "|".join(re.escape(name) for name in _SITE_COUNTRY)
    + r")\b"
)


def _aside(at: int, asides: tuple[tuple[int, int], ...]) -> bool:
    """Whether the offset ``at`` lies in one of ``asides``."""
    return any(lo <= at < hi for lo, hi in asides)


# A piece opening on a relative "where" ("..., where the treaty was signed on 7 July").
_WHERE_OPENS = re.compile(r"[\s,]*where\s")


def _where_antecedent(
    doc: Document, sentence: int, start: int
) -> tuple[str, PlaceRef | None] | None:
    """For a piece opening on "where", the last place or country its sentence named as a
    location before it ("met at a hotel in Switzerland, where ..."): (ISO3, place or None)."""
    text = doc.text
    found: tuple[int, str, PlaceRef | None] | None = None
    for place in doc.places_by_sentence.get(sentence, ()):
        if place.start >= start:
            break
        if _located(text, place) and not place.source:
            found = (place.start, place.city.iso3, place)
    for ref in doc.countries_by_sentence.get(sentence, ()):
        if ref.start >= start:
            break
        if (found is None or ref.start > found[0]) and _located(text, ref) and not (
            ref.speaker or ref.source or _beside(ref, text)
        ):
            found = (ref.start, ref.iso3, None)
    return None if found is None else (found[1], found[2])


def _there(
    doc: Document, sentence: int, start: int, end: int, across: bool = False
) -> PlaceRef | None:
    """For a piece that says "there", the last place named as a location before it in its
    sentence ("He spent his last years in Jeddah, and died there in 2019"); with ``across``,
    failing that, the last place the previous sentence of the paragraph named ("... who had
    fled to Moscow, never came back. She died there in 2019")."""
    if " there" not in doc.text[start:end] or _THERE.search(doc.text, start, end) is None:
        return None
    found = None
    for place in doc.places_by_sentence.get(sentence, ()):
        if place.start >= start:
            break
        if _located(doc.text, place) and not place.source:
            found = place
    if found is None and across and doc.sentences[sentence].start == start:
        found = _place_before(doc, sentence, there=True)  # "had moved to Vienna. He died there"
    return found


def _when_place(doc: Document, sentence: int, end: int) -> PlaceRef | None:
    """The place named as a location in the clause of circumstance right after the piece
    (", when ... in Geneva"), which tells where the piece's happening took place."""
    text = doc.text
    if not text.startswith(" when ", end):
        return None
    stop = doc.sentences[sentence].end
    for boundary in (", and ", ", but ", "; ", ", when "):
        at = text.find(boundary, end + 6, stop)
        if at != -1:
            stop = at
    aside = _WHEN_ASIDE.search(text, end + 6, stop)  # "a coup backed by the junta in Athens"
    if aside is not None:
        stop = aside.start()
    for place in doc.places_by_sentence.get(sentence, ()):
        if end <= place.start < stop and _located(text, place) and not place.source:
            return place
    return None


def _moves_on(mention: DateMention) -> bool:
    """Whether the date takes the story to another time than the sentence before: a full date
    ("in September 2006") or an offset ("two days later"; not "that afternoon")."""
    anaphor = mention.anaphor
    if anaphor is not None:
        return anaphor.relation in ("after", "before") and anaphor.count != 0
    return mention.kind in ("yr", "my", "dmy", "mdy", "dm", "md")


def _place_before(doc: Document, sentence: int, there: bool = False) -> PlaceRef | None:
    """The last place the previous sentence of the paragraph names as where something is (a
    town or capital named as a location, or one that underwent a happening), for a clause that
    names no place or country; for ``there``, also a journey's goal ("had moved to Vienna. He
    died there") and a town named otherwise ("Stevens loved Benghazi. He arrived there"), not
    a town standing for its government ("Bonn and Washington let it be known ...")."""
    if sentence == 0 or doc.is_title(sentence - 1):
        return None
    if doc.sentences[sentence - 1].paragraph != doc.sentences[sentence].paragraph:
        return None
    for place in reversed(doc.places_by_sentence.get(sentence - 1, ())):
        if not there and _went_to(doc.text, place.start):
            continue  # "He went on to Abu Dhabi. That evening fighters took the palace."
        if not place.source and (
            _located(doc.text, place)
            or (there and not place.capital)
            or _underwent(doc.text, place.end)
        ):
            return place
    return None


def _starts_state(text: str, mention: DateMention) -> bool:
    """Whether the date follows "since" ("had lived in exile since 2017") or, outside a span,
    "from" ("From 2012 the mayor governed alone"): when a state began, not a happening."""
    if mention.surface[:5].lower() == "since":
        return True
    # "from the beginning of October": the mention may hold the "of" ("of October")
    at = mention.start + 3 if mention.surface[:3].lower() == "of " else mention.start
    before = text[max(0, at - 40) : at]
    if "nce" not in before and ("rom" not in before or mention.kind == "rng"):
        return False  # a quick test before the search ("Since", "since", "From", "from")
    found = _SINCE.search(text, max(0, at - 40), at)
    return found is not None and (mention.kind != "rng" or found.group(0)[:1] in "sS")


def _until_end(text: str, mention: DateMention) -> bool:
    """Whether the date follows "until" ("held them until December", "gave them until 15
    January to leave"): where a state or a deadline ends, not a happening; but "it took until
    August 2021 before ...", "not until 1995 did ..." tell when something happened."""
    before = text[max(0, mention.start - 16) : mention.start]
    if "til" not in before:
        return False  # a quick test before the search
    found = _UNTIL.search(before)
    return found is not None and found.group(1) is None


def _year_limit(text: str, mention: DateMention) -> bool:
    """Whether a bare year follows "before" inside its clause ("church property built before
    1918"): a limit in time, not when something happened (not "Before 1990, ..." opening a
    sentence, which tells when)."""
    if mention.kind != "yr":
        return False
    before = text[max(0, mention.start - 8) : mention.start]
    return before.endswith(" before ") and not before.endswith((". before ", ", before "))


def _deadline(text: str, mention: DateMention) -> bool:
    """Whether the date is a deadline ("setting 7 July as the deadline", "a deadline of 15
    January"): a date set for something, not a happening."""
    return text.startswith((" as the deadline", " as a deadline"), mention.end) or text.endswith(
        ("deadline of ", "deadline on "), max(0, mention.start - 14), mention.start
    )


def _by_result(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether a clause opening on "By <date>" tells where things stood then ("By 17 July the
    shelling had died down", "By October the town was cut off"; by a whole year, what was going
    on: "By 1997 the rebels were looking for a way out"): a state, not a happening; unless the
    clause tells a completed act beside it ("By nightfall the building was in flames, the
    opposition had seized the television station")."""
    head = text[start : mention.start].lstrip(" \"“‘'(")
    if len(head) > 30 or not (head or mention.surface).lower().startswith(_BY):
        return False
    if _RESULT_STATE.search(text, mention.end, end) is not None:
        return _ACTED_BY.search(text, mention.end, end) is None
    return (
        mention.date is not None
        and mention.date.precision is Precision.YEAR
        and _GOING_ON.search(text, mention.end, end) is not None
    )


# "was" or "were" before what is not a past participle: "were dead", "was in flames", "were on
# their way", "were circulating" (not "were killed", "was taken", "were packed away").
_BE_STATE = re.compile(
    r"(?:was|were)\s+(?:still\s+|already\s+|now\s+|all\s+)?(?!(?:[a-z]+(?:ed|en|wn|ne|un|ft|lt"
    r"|ut)|taken|struck|hit|shot|set|put|cut|sent|brought|held|made|found|led|built|sold|told"
    r"|left|lost|won|caught|thrown|torn|seen|given|driven|beaten|broken|burnt|swept|hung"
    r"|stripped|hurt)\b)[a-z]+"
)


_MAIN_VERB = re.compile(rf"\b(?:was|were|is|are|has|have|had|{_IRREGULAR_PAST})\b")


# "there was", "there were" as the clause's verb: what existed then.
_THERE_WAS = re.compile(r"(?i)(?:^|[\s,;:])there\s+(?:was|were)\b")


_VERB_NEXT = re.compile(rf"\s+(?:was|were|had|has|is|[a-z]+ed|{_IRREGULAR_PAST})\b")


def _date_as_subject(text: str, start: int, mention: DateMention) -> bool:
    """Whether the date opens its clause as its subject, a verb right after it ("March 2004
    changed the way the West looked at Kosovo", "1989 was a year of miracles"): what a time
    was or did, told of it as a whole, not a happening."""
    if text[start : mention.start].strip(" \"“‘'(") or mention.kind not in ("yr", "my"):
        return False
    return _VERB_NEXT.match(text, mention.end) is not None


# "was" or "were" before a word of where things stood: "was gone", "were dead", "was quiet".
_WAS_OVER = re.compile(
    r"(?:was|were)\s+(?:still\s+|already\s+|long\s+|all\s+)?(?:gone|over|dead|empty|quiet|calm"
    r"|intact|alive|free|silent|deserted)\b"
)


def _was_over(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether the clause's first verb, after the date, says where things stood ("A year later
    the Soviet Union was gone", "By then the streets were quiet"): a state, not a happening."""
    if " was " not in text[start:end] and " were " not in text[start:end]:
        return False  # a quick test before the search
    verb = _MAIN_VERB.search(text, start, end)
    return (
        verb is not None
        and verb.start() >= mention.end
        and _WAS_OVER.match(text, verb.start(), end) is not None
        and _OWN_CLAUSE.search(text, mention.end, verb.start()) is None  # "a tiger that was"
        and _ACTED_BY.search(text, verb.end(), end) is None
    )


# A capitalised word right before a bare year, itself after a word: "of Skopje 2014", "at Euro
# 2012" (not "In 2014", a sentence's first word, or a month).
_NAME_BEFORE_YEAR = re.compile(r"[a-z,] +([A-Z][\w'’-]+) $")
_NOT_A_NAME = frozenset(
    """In On At By Since From Until Till Before After During Early Late Mid Spring Summer Autumn
    Winter That This The Its His Her Their January February March April May June July August
    September October November December""".split()
)


def _in_a_name(text: str, mention: DateMention) -> bool:
    """Whether a bare year ends a name ("the monuments of Skopje 2014, the government's building
    programme"): part of what something is called, not when anything happened."""
    if mention.kind != "yr":
        return False
    found = _NAME_BEFORE_YEAR.search(text, max(0, mention.start - 30), mention.start)
    return found is not None and found.group(1) not in _NOT_A_NAME


# A relative clause about a person's post: "who had commanded", "who led", "who ran".
_ROLE = re.compile(
    r",\s+who\s+(?:had\s+)?(?:commanded|led|headed|ran|run|served|governed|chaired|edited"
    r"|managed|directed|coached|represented)\b[^,;]*$"
)


def _role_of_someone(text: str, mention: DateMention) -> bool:
    """Whether the date sits in a relative clause that tells a post someone held ("General
    Galić, who had commanded the Sarajevo-Romanija Corps in 1994, ..."): who the person was."""
    lo = max(0, mention.start - 120)
    if ", who " not in text[lo : mention.start]:
        return False  # a quick test before the search
    return _ROLE.search(text, lo, mention.start) is not None


def _quoted(doc: Document, sentence: int, mention: DateMention) -> bool:
    """Whether the date stands inside a quotation that opens its sentence and is followed by its
    speaker ('"It was a Tuesday, the last day of January, after ten at night," she says'): what
    someone says, told in their words (a quoted passage without a verb of saying after it is
    still read as prose)."""
    text = doc.text
    begin = doc.sentences[sentence].start
    if text[begin : begin + 1] not in ("\"", "“"):
        return False
    close = text.find("”" if text[begin] == "“" else "\"", begin + 1, doc.sentences[sentence].end)
    return (
        close != -1
        and mention.start < close
        and _SAYS_AFTER.match(text, close + 1, doc.sentences[sentence].end) is not None
    )


# A speaker after a quotation: ', she says', ' one woman recalled', ', said a neighbour'.
_SAYS_AFTER = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,3}?(?:says|said|recalls|recalled|remembers|remembered|adds|added"
    r"|told)\b"
)


def _going_on(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether a clause dated by a year or a month tells only what was going on then: its first
    verb is "was" or "were" before a word in "-ing" ("In the summer of 1991 Albania was
    emptying", "In May the rebels were regrouping"), and no clause of a happening in it follows
    ("..., when the army struck")."""
    if mention.date is None or mention.date.precision not in (Precision.YEAR, Precision.MONTH):
        return False
    if " was " not in text[start:end] and " were " not in text[start:end]:
        return False  # a quick test before the search
    verb = _MAIN_VERB.search(text, start, end)
    if verb is None or verb.group() not in ("was", "were") or verb.start() < mention.end:
        return False
    return (
        _GOING_ON.match(text, verb.start(), end) is not None
        and " when " not in text[verb.end() : end]
        and _MAIN_VERB.search(text, verb.end(), end) is None
    )


# A relative clause opening on a state: "that was on the front page", "who had been secretary
# of state" (not "that was shelled", a passive).
_RELATIVE_STATE = re.compile(
    r"\b(?:that|which|who)\s+(?:had\s+been|was|were)\s+(?:still\s+|already\s+|then\s+)?"
    r"(?:on|in|at|under|inside|outside|aboard|abroad|away|home|dead|alive|empty|full|gone|one"
    r"|a|an|the|no|part|children|teenagers|students|schoolchildren|babies|infants|young"
    r"|\d+|(?:[a-z]+-)?(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))\b"
    r"[^,;:.]*$"
)


def _state_in_relative(text: str, start: int, mention: DateMention) -> bool:
    """Whether the date sits in a relative clause that tells a state ("a picture that was on
    the front page of every newspaper the next day", "Clinton, who had been secretary of state
    that night, testified"): what someone or something was then, not a happening."""
    lo = max(start, mention.start - 120)
    window = text[lo : mention.start]
    if " was " not in window and " were " not in window and " been " not in window:
        return False  # most clauses: a quick test before the search
    return _RELATIVE_STATE.search(text, lo, mention.start) is not None


def _there_was(
    text: str,
    start: int,
    end: int,
    cue_memo: dict[int, list[tuple[int, int]]],
    doc: Document,
    sentence: int,
) -> bool:
    """Whether the clause says what there was ("Ten years ago there was a supermarket here",
    "This morning there were more than usual") and names no happening ("there were clashes",
    "there was an explosion" tell one: a word of the event lexicon)."""
    if "here w" not in text[start:end]:
        return False  # a quick test before the search
    there = _THERE_WAS.search(text, start, end)
    if there is None or _FINITE.search(text, start, there.start()):
        return False  # none, or a verb before it: "there" is not the clause's subject
    origin = doc.sentences[sentence].start
    cues = cue_memo.get(sentence)
    if cues is None:
        cues = cue_memo[sentence] = find_cues(doc.sentences[sentence].text)
    return best_type(cues, start - origin, end - origin) is EventType.OTHER


def _state_then(text: str, start: int, end: int) -> bool:
    """Whether the first verb in ``text[start:end]`` is "was" or "were" telling a state ("were
    dead", "was in Moscow", "were pouring in"), not a passive ("were killed")."""
    verb = _MAIN_VERB.search(text, start, end)  # "-ed" words before it are adjectives
    return (
        verb is not None
        and verb.group() in ("was", "were")
        and _BE_STATE.match(text, verb.start(), end) is not None
        and _ACTED_BY.search(text, verb.end(), end) is None
    )


_GOING_ON = re.compile(r"\b(?:was|were)\s+(?:still\s+|already\s+)?[a-z]+ing\b")


# A time something is compared with: "higher than it was in 2010", "worse than in 1994".
_COMPARED = re.compile(
    r"\bthan\s+(?:(?:it|they|he|she|this|that)\s+(?:was|were|had\s+been|did)\s+)?"
    r"(?:(?:in|on|at|during)\s+)?(?:the\s+)?$"
)


# A clause that says what something was: "was a village", "were the busiest", "had served as".
_COPULA = re.compile(
    r"\b(?:was|were|had\s+(?:been|served\s+as))\s+(?:still\s+|then\s+|once\s+|already\s+)?"
    r"(?:a|an|the|one\s+of)\s"
)
_EXPLETIVE = re.compile(r"\s*(?:[\"“‘'(]\s*)?(?:it|there|this|that|these|those|they|he|she)\s*$",
                        re.IGNORECASE)


def _is_description(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether the clause holding the date only says what something was then ("Greece in 2008
    was a country where ...", "In the winter of 1991 the town was a besieged outpost", "the
    junction was the busiest crossroads in the city in October 2017"): its first verb, outside
    relative clauses, is "was" or "were" before a noun, after a subject that is a name or a
    noun (not "It was a little after one on 23 July", which tells the time of a happening)."""
    if " was " not in text[start:end] and " were " not in text[start:end] and (
        " served as " not in text[start:end]
    ):
        return False  # a quick test before the search
    between = _RELATIVE_ASIDE.sub(", ", text[start:end])
    verb = _FINITE.search(between)
    copula = _COPULA.search(between)
    if verb is None or copula is None or copula.start() != verb.start():
        return False
    if _ACT_IN_NOUN.search(between, copula.end(), copula.end() + 80) is not None:
        return False  # "was the first country to recognise it", "was the scene of a riot"
    subject = between[: copula.start()]
    date = text[mention.start : mention.end]
    if date in subject:
        subject = subject.replace(date, " ")
    else:  # the date after the noun: in its phrase, not in a clause or comparison beyond it
        at = between.find(date, copula.end())
        if at == -1 or _BEYOND_NOUN.search(between, copula.end(), at) is not None:
            return False
    return _WORDS_RE.search(subject) is not None and _EXPLETIVE.fullmatch(subject) is None


_WORDS_RE = re.compile(r"[A-Za-z]{2,}")
# A noun after "was" that tells a happening: the first to act, the scene of one, worst hit.
_ACT_IN_NOUN = re.compile(
    r"\b(?:first|last|only|second|third)\b[^,;.]{0,40}?\bto\s+[a-z]+"
    r"|\b(?:scene|site|target|victim|venue|setting|stage)\s+of\b"
    r"|\b(?:hit|struck|killed|destroyed|damaged|chosen|elected)\b"
)
# Between the noun and a date after it: a clause or a comparison the date belongs to ("was the
# first held under a law that took effect last July", "was the deadliest, worse than the
# bombing two years ago").
_BEYOND_NOUN = re.compile(r",|\b(?:that|which|who|whom|when|where|since|after|before|than)\b")


# Verbs of a state of mind or of seeming ("the generals believed the war was won", "the Balkans
# seemed to be moving"), and "would" ("Few would have predicted it"): no happening.
_STATIVE = frozenset(
    """believed thought seemed appeared feared hoped expected knew assumed felt wondered
    doubted would heard learned learnt realised realized noticed understood survived
    endured""".split()
)


_STATIVE_CUE = re.compile("|".join(sorted(_STATIVE)))


def _thought_or_conditional(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether the clause's first verb, outside relative clauses, tells what someone believed or
    what seemed ("In mid-August 2014 the generals believed the war was almost won"), or what
    would have been ("Few would have predicted it six months earlier"): not a happening; unless
    the date tells a happening in a clause of its own after the verb ("Few expected the war
    that began on 27 September to reach them"). "Believed to be", "expected to" are
    participles, "appeared on" a happening; "would" without "have" before the date's clause
    tells the story ahead ("In November 1995 the war would end at Dayton"), after it a promise
    ("... soldiers would come home from the strip they had held since 1982")."""
    if _STATIVE_CUE.search(text, start, end) is None:
        return False  # a quick test before the search (most clauses hold none of the words)
    piece = text[start:end]
    verb = _FINITE.search(_RELATIVE_ASIDE.sub(", ", piece))
    if verb is None or verb.group() not in _STATIVE:
        return False
    at = piece.find(verb.group())
    after = piece[at + len(verb.group()) : at + len(verb.group()) + 4]
    if verb.group() == "appeared" and not after.startswith(" to "):
        return False  # "the picture appeared on the cover": a happening
    if verb.group() in ("believed", "thought", "expected") and after.startswith(" to "):
        return False  # "both believed to be in Lebanon": a participle
    if (
        verb.group() == "would"
        and _WOULD_HAVE.match(piece, at + 5) is None
        and mention.start - start < at
        and _OWN_CLAUSE.search(piece, mention.end - start, at) is None
    ):
        return False  # "In 1995 the war would end at Dayton": the story told ahead
    here = mention.start - start
    return here < at or _OWN_CLAUSE.search(piece, at, here) is None


_WOULD_HAVE = re.compile(r"\s+(?:not\s+|never\s+|hardly\s+)?have\b")
# A clause of its own between a verb and a date: "expected the war that began on 27 September".
_OWN_CLAUSE = re.compile(r"\b(?:that|which|who|when|where)\b")


# A sentence opening on a phrase of its own time: a past participle ("Signed in September 1991,
# it was to be followed ...") or a clause of time ("When he became prime minister in July 1999,
# few believed ...").
_FRONTED_PARTICIPLE = re.compile(
    r"\s*(?:[A-Z][a-z]+ed|Taken|Written|Driven|Sworn|Chosen|Given|Beaten|Broken|Hidden|Built"
    r"|Held|Born|When|Once)\s"
)


# A verb in the present ("is", "has", "controls") and one in the past ("was", "took", "opened").
_PRESENT_VERB = re.compile(
    r"\b(?:is|are|has|have|does|do|remains?|controls|belongs?|lies|stands|governs|holds|hosts"
    r"|chairs|owns|lives|runs|leads|falls|expires|ends|begins|starts|opens|closes|meets"
    r"|celebrates|marks|commemorates|remembers|mourns)\b"
)
_PAST_VERB = re.compile(
    rf"\b(?:was|were|had|did|{_IRREGULAR_PAST}|sold|bought|told|paid|wrote|spoke|chose|drew|grew"
    r"|threw|sank|fled|spent|sat|felt|cut|let|shut|beat|withdrew|overran|[a-z]+ed)\b"
)
# Before a participle told in the present: "is remembered", "are not allowed" (not "has been
# convicted", a perfect that tells what happened).
_IN_PRESENT_BEFORE = re.compile(
    r"\b(?:is|are)\s+(?:\w+ly\s+|not\s+|still\s+|now\s+|already\s+|also\s+)?(?:being\s+)?$"
)
_HABITUAL = re.compile(r"\b(?:usually|normally|typically|generally)\b")
# A date that names a time of something else, not of the clause: "the anger of 20 June",
# "remembered for that night", "since the annexation in 2014".
_DATE_OF_A_NOUN = re.compile(r"\b(?:of|for|after|before|from|until)\s+(?:the\s+)?(?:\w+\s+)?$")


def _told_as_now(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether the clause ``text[start:end]`` holding the date tells how things are or usually
    go rather than what happened then: its verbs are in the present, none in the past ("This
    year it does so as the holder of the presidency", "this year Minsk has not been able to make
    them go home"), or it tells a habit ("the first snow usually falls in November")."""
    if _HABITUAL.search(text, start, end) is not None:
        return True
    if _PRESENT_VERB.search(text, start, end) is None:
        return False  # most clauses: told in the past
    if "since" in text[start : mention.end] or _DATE_OF_A_NOUN.search(
        text, max(0, mention.start - 25), mention.start
    ):
        return False  # "has been divided since 1974": when a state began
    for verb in _PAST_VERB.finditer(text, start, end):
        if mention.start <= verb.start() < mention.end:
            continue
        if verb.group().endswith("ed") and _IN_PRESENT_BEFORE.search(
            text, max(0, verb.start() - 30), verb.start()
        ):
            continue  # "is remembered": a state told in the present
        return False  # a verb in the past, or a perfect ("has been convicted ... in 2018")
    return True


def _now_in_aside(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether the date sits in a relative clause told in the present ("Astana, which holds the
    chair of the OSCE this year, said ..."): how things are, said of someone, not a happening."""
    if ", wh" not in text[start:end]:
        return False  # a quick test before the search
    for aside in _RELATIVE_ASIDE.finditer(text, start, end):
        if aside.start() <= mention.start < aside.end():
            lo, hi = aside.span()
            return _PRESENT_VERB.search(text, lo, hi) is not None and not any(
                not mention.start <= verb.start() < mention.end
                for verb in _PAST_VERB.finditer(text, lo, hi)
            )
    return False


_REPORT_WORDS = ("report", "findings", "nquiry", "ommission", "anel", "nvestigat", "rosecutors",
                 "xperts", "octors", "cientists", "athologists")  # fmt: skip


def _reports(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` makes a report or findings public (:data:`_REPORT`)."""
    piece = text[start:end]
    if not any(word in piece for word in _REPORT_WORDS):
        return False  # most pieces: a quick test before the search
    return _REPORT.search(text, start, end) is not None


def _participle_end(text: str, start: int, end: int, mention: DateMention) -> int:
    """Where the clause of a date ends: at the comma closing a fronted participle phrase or
    clause of time that holds the date ("Signed in September 1991, it was to be followed within
    months by a referendum": the signing happened, the plan and the countries are the main
    clause's; "When he became prime minister in July 1999, few believed he would manage it
    without a deal with Syria")."""
    if _FRONTED_PARTICIPLE.match(text, start) is None or text[start:mention.start].count(","):
        return end
    comma = text.find(", ", mention.end, end)
    return end if comma == -1 else comma


# "the capital", unnamed ("south of the capital", "through the capital"; not "the capital of
# Syria", "the capital's", which name or own it).
_THE_COUNTRY = re.compile(r"\b[Tt]he\s+country\b(?!\s+of\b)")


def _country_named_before(doc: Document, sentence: int, start: int) -> str | None:
    """The country "the country" refers to: the last one named by its name before ``start`` in
    the sentence, else in the sentence before it in the paragraph."""
    for index in (sentence, sentence - 1):
        if index < 0 or doc.sentences[index].paragraph != doc.sentences[sentence].paragraph:
            return None
        found = None
        for ref in doc.countries_by_sentence.get(index, ()):
            if ref.start < start and ref.kind == "name" and not ref.speaker:
                found = ref.iso3
        if found is not None:
            return found
    return None


_THE_CAPITAL = re.compile(r"\bthe\s+capital\b(?!\s+of\b|['’]s\b|-)")


def _main_clause_after(text: str, start: int, phrase_end: int, end: int) -> bool:
    """Whether the piece opens on a clause of time ("When the army announced on 3 July that
    ...") closed before ``end`` by a main clause that tells a happening, not another statement
    ("..., crowds returned to Tahrir Square")."""
    if phrase_end >= end or not text.startswith(("When ", "Once ", "As soon as "), start):
        return False
    return find_speech(text, phrase_end, end) is None and (
        _FINITE.search(text, phrase_end, end) is not None
    )


def _datable(mention: DateMention) -> bool:
    """Whether the mention has a date an event may take: resolved, finer than a decade."""
    return mention.date is not None and mention.date.precision is not Precision.DECADE


# A phrase of speaking that opens the sentence: "Speaking to his party's deputies in Ankara on".
_SPEAKING = re.compile(
    r"[\s\"“‘']*(?:Speaking|Addressing|Writing|Testifying|Talking)\b[^,;:.]*"
)


def _is_statement(text: str, start: int, end: int, mention: DateMention) -> bool:
    """Whether the date goes with a verb of saying in its clause: the date opens the clause and
    the verb is in its main part ("On 5 May, Moscow denied ..."), or the date sits right
    before or after the verb ("Moscow on Tuesday denied", "said on Tuesday")."""
    verb = find_speech(text, start, end)
    while verb is not None and _in_relative(text, start, verb[0], mention):
        verb = find_speech(text, verb[1], end)  # "a poll that Moscow called illegal"
    if verb is None:
        return False
    if _SPEAKING.fullmatch(text, start, mention.start):
        return True  # "Speaking to deputies in Ankara on Tuesday, Erdoğan called it murder"
    if _OPENS.match(text, start, mention.start) or _JOINED.fullmatch(text, start, mention.start):
        # "On 5 May, Moscow denied ...", "..., and a year later the envoy recommended talks"
        comma = text.find(",", mention.end, end)
        main = text.find(",", comma + 1, end) if comma != -1 else -1
        while main != -1 and _NAME_ONLY.fullmatch(text, comma + 1, main):
            comma, main = main, text.find(",", main + 1, end)  # ", Mike Pompeo," a name
        if _AND_CLAUSE.search(text, mention.end, verb[0]) is not None:
            return False  # "The next day the United States cut its aid, and Washington warned"
        if verb[0] > mention.end and (main == -1 or verb[0] < main):
            # not "Two days later Hussein flew to Jerusalem and called him a brother"
            return not _finite_between(text, mention.end, verb[0])
        # "Five days later Milan Radoičić, until then a vice-president of ..., said": the
        # verb of saying is the first verb after the date
        return verb[0] > mention.end and not _finite_between(text, mention.end, verb[0])
    while verb is not None:
        if verb[1] <= mention.start and (
            _SAID_WHEN.match(text, verb[1], mention.start)
            or _SHORT_GAP.fullmatch(text, verb[1], mention.start)
        ):
            return True
        if verb[0] >= mention.end and _DATE_THEN_SAID.match(text, mention.end, verb[0]):
            return True
        verb = find_speech(text, verb[1], end)
    return False


def _in_relative(text: str, start: int, at: int, mention: DateMention) -> bool:
    """Whether the verb at ``at`` follows a relative "that" or "which" (not the date's own
    "that", as in "published that autumn found that ...")."""
    found = _RELATIVE_BEFORE.search(text, max(start, at - 40), at)
    return found is not None and not mention.start <= found.start() < mention.end


def _finite_between(text: str, start: int, end: int) -> bool:
    """Whether a finite verb stands in ``text[start:end]`` outside a relative clause set off
    by commas ("Pashinyan, who came to power in 2018, said": no), other than one of coming
    forward to speak joined to the verb of saying at ``end`` ("appeared at the embassy and
    condemned", "stood up in parliament and warned")."""
    between = _RELATIVE_ASIDE.sub(",", text[start:end])
    verb = _FINITE.search(between)
    if verb is None:
        return False
    return not (
        verb.group() in _TO_SPEAK
        and _FINITE.search(between, verb.end()) is None
        and _AND_THEN_SAID.search(between, verb.end()) is not None
    )


# Coming forward to speak: "appeared on the balcony and condemned", "stood up and warned".
_TO_SPEAK = frozenset({"appeared", "stood", "rose", "stepped"})
_AND_THEN_SAID = re.compile(r"\sand\s+(?:then\s+)?$")


def _place_in(
    doc: Document,
    sentence: int,
    start: int,
    end: int,
    iso3: str | None = None,
    asides: tuple[tuple[int, int], ...] = (),
) -> PlaceRef | None:
    """The first place in the span named as a location ("in Tirana"); or, given the country
    the span is about, the first place in that country it names at all ("the Lebanese city of
    Tripoli"). A bare capital ("Tirana decided") is its government, not a location."""
    for place in doc.places_by_sentence.get(sentence, ()):
        if not start <= place.start < end or (asides and _aside(place.start, asides)):
            continue
        if iso3 is None and _located(doc.text, place) and not _bound_for(doc.text, place.start):
            if _went_to(doc.text, place.start):
                continue  # a journey's goal: where only when nothing else is (_ref_score)
            return place
        if (
            iso3 is not None
            and place.city.iso3 == iso3
            and not place.source
            and (_located(doc.text, place) or not place.capital)
        ):
            return place
    return None


# A journey's goal after its verb: "flew to N'Djamena", "went first to Uzbekistan and then to".
_WENT_TO = re.compile(
    r"\b(?:flew|flown|went|travell?ed|moved|drove|sailed|headed)\b[^,;.]{0,50}?\b(?:to|into)"
    r"\s+(?:the\s+)?$"
)


def _went_to(text: str, start: int) -> bool:
    """Whether the place at ``start`` is where a journey went ("boarded a plane at Niamey and
    flew to N'Djamena"): the journey began elsewhere, so another location in the clause is
    where it happened, and the next sentence does not go on there."""
    return text.endswith(("to ", "into ", "the "), 0, start) and (
        _WENT_TO.search(text, max(0, start - 80), start) is not None
    )


def _country_in(
    doc: Document,
    sentence: int,
    start: int,
    end: int,
    asides: tuple[tuple[int, int], ...] = (),
) -> str | None:
    """The country the span names as where something happened (see the module docstring)."""
    best: tuple[float, int] | None = None
    chosen: str | None = None
    only_actors = True
    refs = [
        ref
        for ref in doc.countries_by_sentence.get(sentence, ())
        if start <= ref.start < end
        and not (ref.speaker or ref.source)
        and not (asides and _aside(ref.start, asides))
        and not _beside(ref, doc.text)  # who speaks, or where something came from, is not
    ]  # where it happened
    # a journey's goal gives way to any other location ("boarded a plane in Niger and flew to
    # N'Djamena": Niger), not to who acted ("Russia's envoy flew to Belgrade": Serbia)
    refs = [r for r in refs if not _describes_object(r, doc.text, start)]
    goals = {r.start for r in refs if r.locative and _went_to(doc.text, r.start)}
    if goals and any(_located(doc.text, r) and r.start not in goals for r in refs):
        refs = [r for r in refs if r.start not in goals]
    for ref in refs:
        only_actors = only_actors and _acts(ref, doc.text)
        key = (_ref_score(ref, doc.text), -ref.start)
        if best is None or key > best:
            best, chosen = key, ref.iso3
    return None if only_actors else chosen


# After a demonym: a noun it describes ("Palestinian guerrilla groups", "an Iranian line"), not a
# word that makes the demonym a people ("Iraqis from Minsk", "a Ukrainian with murder").
_DESCRIBED_NOUN = re.compile(
    r"[ -](?!(?:from|with|and|or|in|into|to|of|who|whom|which|that|at|on|by|for|as|were|was|had"
    r"|have|are|is)\b)[a-z]"
)


def _describes_object(ref: CountryRef, text: str, start: int) -> bool:
    """Whether the reference is a demonym describing something after the clause's verb, not
    where it is ("his army crushed the Palestinian guerrilla groups", "a ship chartered by an
    Iranian line", "to give the country's small Armenian community a voice"): what was done to
    it, not where (a demonym before the verb tells who acted: "a Croatian daily published")."""
    return (
        ref.kind == "demonym"
        and not ref.actor
        and not _located(text, ref)
        and _DESCRIBED_NOUN.match(text, ref.end) is not None
        and _FINITE.search(text, start, ref.start) is not None
    )


def _locative_country(doc: Document, sentence: int, start: int, end: int) -> str | None:
    """The first country the span names as a location ("meeting in Luxembourg")."""
    for ref in doc.countries_by_sentence.get(sentence, ()):
        if (
            start <= ref.start < end
            and _located(doc.text, ref)
            and not (ref.speaker or ref.source or _beside(ref, doc.text))
        ):
            return ref.iso3
    return None


def _only_actors(
    doc: Document,
    sentence: int,
    start: int,
    end: int,
    asides: tuple[tuple[int, int], ...] = (),
) -> bool:
    """Whether the span names countries only as who acted ("the Lebanese army")."""
    named = False
    for r in doc.countries_by_sentence.get(sentence, ()):
        if (asides and _aside(r.start, asides)) or _beside(r, doc.text):
            continue
        if start <= r.start < end and not r.speaker and not r.source:
            if not _acts(r, doc.text):
                return False  # a country named otherwise than as who acted
            named = True
    return named and not any(
        start <= p.start < end and (_located(doc.text, p) or not p.capital)
        for p in doc.places_by_sentence.get(sentence, ())
    )


# A demonym joined to another by a hyphen: "Armenian-Turkish", "Greek-Cypriot".
_BACKED = re.compile(r"-(?!based\b)[a-z]+(?:ed|led|made|run|held|built|sponsored)\b")
_PAIRED = re.compile(r"-[A-Z][a-z]+(?:an|ish|ese|ic|i|ot)\b")


def _beside(ref: CountryRef, text: str) -> bool:
    """Whether the reference names a neighbour's border ("near the Algerian border", "on the
    Kosovo border"), a goal never reached ("caught as he tried to cross into Turkey", "almost
    to the Libyan coast") or travelled to ("bound for Rotterdam"), what was to be joined
    ("voted to join Russia") or who backed it ("a French-brokered deal"): the place is beside
    that country, not in it."""
    if text.startswith((" border", " frontier"), ref.end):
        return True
    if ref.kind == "demonym" and _PAIRED.match(text, ref.end):
        return True  # "the Armenian-Turkish weekly", "Greek-Turkish talks": a pair, not a place
    if _BACKED.match(text, ref.end):
        return True  # "after a French-brokered deal", "Russian-backed forces": who, not where
    before = text[max(0, ref.start - 40) : ref.start]
    if before.endswith(("join ", "joined ", "joining ", "rejoin ")):
        return True  # "the region voted to join Russia": what it would join, not where
    if ref.kind == "demonym" and before.endswith(" with "):
        return True  # "smashed cars with Syrian number plates": what they bore, not where
    if _bound_for(text, ref.start):
        return True  # "left Heathrow for New York", "bound for Rotterdam": where it was going
    if _NEARLY.search(text, max(0, ref.start - 30), ref.start) is not None:
        return True  # "patrolled almost to the Libyan coast": a limit nearly reached
    return ("tried" in before or "tempt" in before or "trying" in before) and (
        _ATTEMPTED.search(before) is not None
    )


def _bound_for(text: str, start: int) -> bool:
    """Whether the name at ``start`` is a journey's goal ("bound at last for Rotterdam",
    "left Heathrow for New York", "bound for Tripoli in Lebanon", "on its way to Syria", "out
    of Mogadishu to Turkey"): where it was going, not where it happened."""
    if not text.endswith(("for ", " in ", " to ", "towards "), 0, start):
        return False  # quick tests before the search: the ending, then the words it needs
    window = text[max(0, start - 70) : start]
    if text.endswith(" in ", 0, start) and "for " not in window:
        return False
    if text.endswith(" to ", 0, start) and not any(
        word in window for word in ("way ", "route ", "from ", "out of ")
    ):
        return False
    return _BOUND_FOR.search(text, max(0, start - 70), start) is not None


# A part of a town named before it: "the streets of", "the outskirts of".
_PART_OF = re.compile(r"\b(?:streets|centre|center|outskirts|suburbs|heart|edge)\s+of\s+$")


def _located(text: str, ref: CountryRef | PlaceRef) -> bool:
    """Whether the reference names where something is: its role says so ("in Tunis"), or it
    follows a sentence's opening "In" or "At" ("In the centre of Tunis, ..."), which the roles
    read in lower case only."""
    if ref.locative:
        return True
    if text.endswith(" of ", 0, ref.start) and _PART_OF.search(
        text, max(0, ref.start - 24), ref.start
    ):
        return True  # "lined the streets of Rabat", "the outskirts of Kabul": a part of the town
    before = text[max(0, ref.start - 40) : ref.start]
    if "In " not in before and "At " not in before:
        return False  # a quick test before the search
    return _OPENING_IN.search(text, max(0, ref.start - 40), ref.start) is not None


def _acts(ref: CountryRef, text: str) -> bool:
    """Whether the reference names who acted: a demonym for a body ("the French president"),
    or a capital standing for its government ("Moscow answered with a blockade"; not
    "Tripoli-based", which is where; not "Moscow recognised Abkhazia", done at home)."""
    if ref.kind in ("capital", "name") and _at_home(ref, text):
        return False
    return ref.actor or (
        ref.kind == "capital"
        and not _located(text, ref)
        and not text.startswith("-based", ref.end)
        and not _underwent(text, ref.end)
    ) or (ref.kind == "name" and _FORCE_AFTER.match(text, ref.end) is not None)


# After a country's name: the subject of an act done to another place ("the United States began
# air strikes", "Israel sent troops into", "Germany and Poland had visited"): who acted there.
_FORCE_AFTER = re.compile(
    r"(?:\s+and\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+(?:(?:had|has|then|also"
    r"|quickly|later|once\s+again|again)\s+)*(?:(?:began|launched|started|carried\s+out|stepped"
    r"\s+up|resumed)\s+(?:its\s+)?(?:air\s+|missile\s+|drone\s+)?(?:strikes|raids|bombing"
    r"|an?\s+(?:\w+\s+)?(?:offensive|invasion|incursion))|sent\s+(?:in\s+)?(?:its\s+|more\s+)?"
    r"(?:\w+\s+)?(?:troops|tanks|soldiers|forces|warships|jets|warplanes)|annexed|bombed"
    r"|shelled|visited|deployed)\b"
)


def _underwent(text: str, end: int) -> bool:
    """Whether the capital ending at ``end`` underwent the happening ("Kuwait City was
    liberated", "Athens shook", "Kabul fell", "Abu Dhabi, which runs a base at Assab, had hosted
    the two men"): where, not who acted."""
    if text.startswith(",", end):
        aside = _RELATIVE_ASIDE.match(text, end)  # past a relative clause about the capital
        if aside is not None:
            end = aside.end()
    return _PASSIVE.match(text, end) is not None or _UNDERWENT.match(text, end) is not None


# A capital that underwent the happening, with a verb no government does ("Athens shook");
# one a government can also do to something ("Washington froze $95 million in aid") only with
# no object after it ("Moscow froze", "Sarajevo burned for days").
_UNDERWENT = re.compile(
    r"\s+(?:(?:had\s+)?(?:shook|trembled|fell|erupted|rejoiced|mourned|emptied|awoke|woke"
    r"|hosted)\b"
    r"|(?:burned|burnt|flooded|froze)(?=\s*[,.;:!?]|\s+(?:in|on|at|as|when|while|for|under"
    r"|overnight|again|that|and|but|after|until)\b))"
)


def _home_actor(doc: Document, sentence: int, start: int, end: int) -> str | None:
    """The country of the first body in the span that acts at home ("the Lebanese army")."""
    for ref in doc.countries_by_sentence.get(sentence, ()):
        if start <= ref.start < end and ref.actor and is_home_actor(doc.text, ref.end):
            return ref.iso3
    return None


_AND_OPENS = re.compile(r"[\s,]*(?:and|but|then)\s")
# After a government's capital or name: an act of state it does at home ("Moscow recognised
# Abkhazia", "Tirana expelled two diplomats", "Ankara ratified the treaty").
_HOME_ACT = re.compile(
    r"\s+(?:(?:had|has|then|also|formally|officially|quickly|later|finally)\s+)*"
    r"(?:recogni[sz]ed|expelled|ratified|annulled|revoked|recalled)\b"
)


def _at_home(ref: CountryRef, text: str) -> bool:
    """Whether the capital or country is the subject of an act of state, done at home (the
    recognition of a state, the expulsion of diplomats): there, not where it is aimed."""
    return text.startswith(" ", ref.end) and _HOME_ACT.match(text, ref.end) is not None


def _home_act_in(doc: Document, sentence: int, start: int, end: int, iso3: str) -> bool:
    """Whether the span tells an act of state ``iso3`` did at home ("Moscow recognised ...")."""
    return any(
        start <= r.start < end and r.iso3 == iso3 and _at_home(r, doc.text)
        for r in doc.countries_by_sentence.get(sentence, ())
        if r.kind in ("capital", "name")
    )


def _ref_score(ref: CountryRef, text: str) -> float:
    if ref.kind in ("capital", "name") and _at_home(ref, text):
        return _KIND_SCORE["name"] + _LOCATIVE_BONUS  # "Moscow recognised Abkhazia"
    acts = _acts(ref, text)
    score = _ACTOR_SCORE if acts else _KIND_SCORE.get(ref.kind, 1.0)
    if _located(text, ref) and not (acts and ref.kind == "demonym"):  # "at the Israeli embassy"
        score += _LOCATIVE_BONUS
    if ref.source:
        score -= _SOURCE_PENALTY
    return score


def _place_in_next(
    doc: Document, sentence: int, iso3: str, by_sentence: dict[int, list[DateMention]]
) -> PlaceRef | None:
    """A place in ``iso3`` in the next sentence of the paragraph, if that one has no date."""
    nxt = sentence + 1
    if nxt >= len(doc.sentences) or nxt in by_sentence:
        return None
    if doc.sentences[nxt].paragraph != doc.sentences[sentence].paragraph:
        return None
    for place in doc.places_by_sentence.get(nxt, ()):
        if place.city.iso3 == iso3 and not place.capital:
            return place
    return None


_SHORT = 12  # words in a sentence that only announces a happening ("Qana suffered again ten
# years later.", "A week later the war came into the city itself.")


def _previews(mention: DateMention) -> bool:
    """Whether the mention gives only a year or a month, counted on or back from the story's
    time ("ten years later", "a week later", "the following year")."""
    anaphor = mention.anaphor
    counted = (
        mention.kind == "ana"
        and anaphor is not None
        and anaphor.relation in ("after", "before")
        and (anaphor.count or 0) >= 1
    ) or (mention.kind == "rel" and " ago" in mention.surface.lower())
    return (
        counted
        and mention.date is not None
        and mention.date.precision in (Precision.YEAR, Precision.MONTH)
    )


def _without_previews(drafts: list[_Draft]) -> list[_Draft]:
    """``drafts`` without a happening told in a short sentence by a year or a month counted from
    another time ("ten years later", "two years ago") when the next sentence tells it at once
    by a finer date in that time, in the same country (in any, when the short sentence names
    none: "Then, two years ago, the process nearly died. In July 2015 a daily published
    recordings"): the same happening, announced, then told ("Qana suffered again ten years
    later. On 30 July 2006 an air strike brought down a building")."""
    result: list[_Draft] = []
    for k, draft in enumerate(drafts):
        nxt = drafts[k + 1] if k + 1 < len(drafts) else None
        if (
            draft.preview
            and nxt is not None
            and draft.date is not None
            and nxt.date is not None
            and nxt.sentence == draft.sentence + 1
            and (nxt.iso3 == draft.iso3 or draft.strength <= 1)
            and _finer(draft.date, nxt.date)
        ):
            continue
        result.append(draft)
    return result


def _finer(coarse: PartialDate, fine: PartialDate) -> bool:
    """Whether ``fine`` falls within ``coarse`` at a finer precision."""
    if fine.year != coarse.year:
        return False
    if coarse.precision is Precision.YEAR:
        return fine.precision is not Precision.YEAR
    return fine.month == coarse.month and fine.precision is Precision.DAY


def _merge_adjacent(drafts: list[_Draft]) -> list[_Draft]:
    """One happening told in two adjacent sentences is one event, placed by the stronger one."""
    result: list[_Draft] = []
    for draft in drafts:
        twin = _twin(result, draft)
        if twin is None:
            result.append(draft)
            continue
        kept = result[twin]
        if draft.strength > kept.strength:
            kind = kept.type if kept.type is not EventType.OTHER else draft.type
            result[twin] = replace(
                kept, iso3=draft.iso3, place=draft.place, strength=draft.strength, type=kind
            )
        result[twin] = replace(result[twin], told_in=_told(result[twin], draft))
    return result


def _twin(result: list[_Draft], draft: _Draft) -> int | None:
    """The index of an event in the previous sentence with the same date, placed differently
    and with exactly one of the two placed by a place."""
    if draft.date is None:
        return None
    key = _date_key(draft.date)
    for i in range(len(result) - 1, -1, -1):
        kept = result[i]
        if kept.sentence < draft.sentence - 1:
            break
        if (  # cheap tests first: a hostile file can hold 100,000 dates
            kept.sentence == draft.sentence - 1
            and not draft.later_that_day
            and max(kept.strength, draft.strength) == 3
            and min(kept.strength, draft.strength) < 3
            and kept.iso3 != draft.iso3
            and kept.date is not None
            and _date_key(kept.date) == key
        ):
            return i
    return None


def _is_offset(mention: DateMention) -> bool:
    """Whether the mention counts days from the story's date ("the next day", "two days
    later")."""
    anaphor = mention.anaphor
    return (
        anaphor is not None
        and anaphor.relation == "after"
        and anaphor.unit == "day"
        and mention.date is not None
        and mention.date.precision is Precision.DAY
    )


def _anaphoric(mention: DateMention) -> bool:
    """Whether the mention is read from the story's time ("a week later", "at the end of the
    month", "that night"), not from the publication nor from a happening the story names."""
    anaphor = mention.anaphor
    return (
        anaphor is not None
        and not anaphor.from_story
        and anaphor.relation != "last"
        and anaphor.unit in ("week", "month")
        and (anaphor.count or 0) <= 1
    )


def _coarse_day_offset(mention: DateMention) -> bool:
    """Whether the mention counts days on from a reference told only to its month ("In
    April it elected a president, and the next day a prime minister was named"): a further
    happening, though its date reads as the same month."""
    anaphor = mention.anaphor
    return (
        anaphor is not None
        and not anaphor.from_story
        and anaphor.relation == "after"
        and anaphor.unit == "day"
        and (anaphor.count or 0) >= 1
        and mention.date is not None
        and mention.date.precision is Precision.MONTH
    )


def _explicit_after_offset(kept: _Draft, draft: _Draft) -> bool:
    """Whether ``draft``, told with its own date in a later sentence, is a further happening
    of a day first told by an offset ("the next day they turned on the police. On 5 January
    young men stormed the city hall")."""
    return kept.offset and not draft.offset and draft.sentence > kept.sentence and not (
        draft.later_that_day or draft.part_of_day or draft.from_now
    )


_CALENDAR_DAY = frozenset({"dm", "dmy", "md", "mdy"})


def _calendar_day_again(kept: _Draft, draft: _Draft) -> bool:
    """Whether ``draft`` opens its clause with the calendar day that ``kept`` opened its own
    with, in another paragraph ("Shortly after midnight on 13 September the first shells
    landed. ... On 13 September the government invoked the treaty"): a story goes back to a
    day by its date to tell another happening of it, not to tell the same one again."""
    return kept.calendar_day >= 0 and draft.calendar_day > kept.calendar_day


def _date_key(date: PartialDate) -> tuple[int, int | None, int | None, Precision]:
    """What a date's ISO form is made of: equal keys, equal ``iso()`` (without building it)."""
    return date.year, date.month, date.day, date.precision


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """Keep the first event per (date, country); a later telling may add a place or a type."""
    result: list[_Draft] = []
    index: dict[tuple[object, ...], int] = {}
    further: set[tuple[object, ...]] = set()  # (date, country, sentence) told twice already
    for draft in drafts:
        if draft.date is None:
            result.append(draft)
            continue
        key = (*_date_key(draft.date), draft.iso3)
        if key not in index or (
            (
                draft.later_that_day
                or (draft.part_of_day and not result[index[key]].from_now)
                or (_explicit_after_offset(result[index[key]], draft))
                or (draft.anaphoric and draft.sentence != result[index[key]].sentence)
                or draft.coarse_offset
                or _calendar_day_again(result[index[key]], draft)
            )  # "By the morning of 13 May word had spread": another happening of the day; not
            # after "Twenty years ago today, ...", which the day's full telling tells again
            and (*key, draft.sentence) not in further  # two per sentence at most
        ):
            if key in index and result[index[key]].sentence == draft.sentence:
                further.add((*key, draft.sentence))
            index[key] = len(result)
            result.append(draft)
            continue
        kept = result[index[key]]
        place = kept.place or draft.place
        kind = kept.type if kept.type is not EventType.OTHER else draft.type
        result[index[key]] = replace(kept, place=place, type=kind, told_in=_told(kept, draft))
    return result


_MAX_TOLD = 20
"""Sentences kept per event: enough evidence, and merging stays linear when a hostile file
repeats one date 100,000 times."""


def _told(first: _Draft, second: _Draft) -> tuple[int, ...]:
    told = {*first.told_in, first.sentence, *second.told_in, second.sentence}
    return tuple(sorted(told)[:_MAX_TOLD])


def _event(doc: Document, draft: _Draft) -> EventFields:
    city = draft.place.city if draft.place is not None else None
    return {
        "date": draft.date,
        "iso3": draft.iso3,
        "place": city.name if city else None,
        "lat": city.lat if city else None,
        "lon": city.lon if city else None,
        "type": draft.type,
        "summary": doc.display(draft.sentence),
    }
