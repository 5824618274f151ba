"""What role a mention plays in its sentence, read from the words around it.

* locative: the sentence puts something there ("in Bosnia", "shipped weapons to Bosnia"), also
  as the object of a military verb ("began bombing Baghdad", "took Kabul"), with up to two
  lower-case words between, accented ones too ("at the château of Rambouillet"); "to"
  after a word of relation ("close to Iran", "ties to Moscow") is not a destination; the words
  are read in the mention's own paragraph (a title ending "... in style" does not put the
  body's first word anywhere);
* source: where something came from, or who is blamed ("from Iraq", "blames on Iran", the town
  of a named place of origin: "brought home from the Mayo Clinic in Rochester", every name of
  "from Britain, Italy and the United States", and of "together with Estonia and Latvia") --
  but the place a withdrawal leaves is where it happened, a locative ("withdrew from Lebanon",
  "were expelled from Kuwait", "the evacuation from Kabul"); also a neighbour ("on the border
  with Kosovo", "the border crossing with Jordan", "two kilometres from the crossing into
  Bulgaria"), which is beside the place, not the place;
* actor: a demonym naming a person or body acting for the country ("the French president",
  "Iranian agents"), which says who acted, not where; so do its positions, consulates,
  compounds, bases and flags ("fired on Moroccan positions", "the Russian consulate", "the
  American diplomatic compound", "the Russian air base", "the Turkish flag");
* compound: a capital inside a compound adjective ("Moscow-friendly", "Tehran-backed") stands
  for the country, not a place ("Atlanta-based" stays a place);
* possessive: "Kosovo's institutions" names an owner, neither a place nor a source;
* speaker: the country (its capital, name, or people) speaks or reacts ("Washington warned",
  "the United States condemned", "Moscow's foreign ministry said", "French officials
  denied"): a reaction from where it is said, not a place where something happened. Found,
  concluded, confirmed and declared are verbs of saying only with a "that" a few words on ("the
  panel concluded the following spring that ...", not "declared independence"); a speech
  ("addressed parliament") is a statement too, and so is going on the air ("went on
  television", "appeared on state television", "confessed on state television").
"""

from __future__ import annotations

import re

from newsmap.geo.wordindex import first_letter_alternation

__all__ = [
    "SPEECH_VERB",
    "find_speech",
    "is_actor",
    "is_compound",
    "is_home_actor",
    "is_locative",
    "is_possessive",
    "is_source",
    "is_speaker",
    "speech_positions",
]

# Words that put the mention after them in a location ("in Bosnia", "to Bosnia", "off Tyre").
_LOCATIVE = re.compile(
    r"(?:\b(?P<prep>in|into|to|inside|across|throughout|near|off|at|within|against|on|over|towards?"
    r"|In|Into|Inside|Across|Throughout|Near|At|Within|Over|Towards?|Around|Outside|Through"
    r"|around|outside|through|entered|invaded|invade|invading|struck|hit|occupied|shelled"
    r"|bombed|attacked|leave|left|visited|reached|bombing|shelling|attacking|bombarded"
    r"|bombarding|stormed|storming|captured|capturing|recaptured|seized|seizing|took|taking"
    r"|besieged|raided)\s+(?:the\s+)?(?:(?!(?:what|which|whom|whose)\s)[a-zß-öø-ÿ-]+\s+){0,2})$"
)  # not "in what Moscow called revenge": the one who named it, not where
_ROUTE = re.compile(r"\bfrom\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+to\s")
# "to X" after these words is a relation, not a destination ("close to Iran", "ties to Moscow").
_NOT_DESTINATION = frozenset(
    """close closer closest ties links linked related due according next similar compared
    committed loyal allied ally threat relations support aid help access respect owing thanks
    prior contrary opposed hostile friendly answer reply response exposure proximity sympathetic
    subservient beholden line lines road route railway pipeline link flight flights corridor
    highway""".split()
)
# Words that make the mention after them a source or culprit ("from Iraq", "blames on Iran").
_SOURCE = re.compile(
    r"(?:\b(?:from|by|blames?\s+on|blamed\s+on|attributed\s+to|linked\s+to|backed\s+by"
    r"|supplied\s+by|of\s+exile\s+in|border\s+with|frontier\s+with|boundary\s+with"
    r"|crossing\s+with|crossings\s+with|crossings?\s+(?:in)?to"
    r"|together\s+with|along\s+with|alongside"
    r"|(?:line|road|route|railway|pipeline|link|flights?|corridor|highway)\s+to"
    r"|bordering)\s+(?:the\s+)?)$"
)


# After a demonym: a person or body acting for the country, not a place where things happen.
_ACTOR_AFTER = re.compile(
    r"(?i)\s+(?:(?:prime|foreign|defence|defense|interior|deputy|former|then|last|armoured"
    r"|armored|special|federal|riot|security|border|military|naval|private|state|diplomatic"
    r"|air)\s+)*"
    r"(?:president|premier|minister|government|officials?|diplomats?|ambassadors?|embassy"
    r"|authorities|regime|agents?|spies|spy|envoys?|delegation|leaders?|intelligence|officers?"
    r"|prosecutors?|media|journalists?|citizens|nationals|tourists|companies|firms?|troops"
    r"|consulates?|embassies|compounds?|missions?|legation|bases?"
    r"|soldiers|forces|army|columns|tanks|jets|warplanes|aircraft|navy|police|guards?|units"
    r"|militias?|fighters|gunmen|rebels|mercenaries|investigators|team|planes|helicopters"
    r"|drones|bombers|warships|missiles|marines|paratroopers|commandos|peacekeepers"
    r"|secretary|positions|flags?|rescuers|volunteers|medics|patriarch|bishops?|clergy|priests"
    r"|divers|consortium|engineers|agency|airliners?|airlines?|plane|ships?|vessels?|crews?"
    r"|contractors|photographers?|reporters|correspondents|experts|doctors|hackers)\b"
)
# A capital in a compound adjective ("Moscow-friendly", "Tehran-backed") names the country, not a
# place; "-based" keeps it a place ("Atlanta-based").
_COMPOUND_AFTER = re.compile(r"-(?!based\b|headquartered\b)[a-z0-9]")  # "Dnipro-1" too


# Verbs of saying and reacting: a statement, not a happening.
SPEECH_VERB = (
    r"(?:said|says|say|warned|warns|condemned|condemns|denied|denies|urged|urges|called\s+(?:on"
    r"|for)|calls\s+(?:on|for)|critici[sz]ed|critici[sz]es|praised|praises"
    r"|demanded|demands|accused|accuses|expressed|voiced|rejected|rejects|dismissed|insisted"
    r"|insists|stated|responded|reacted|deplored|lamented|hailed|appealed|vowed"
    r"|pledged|claimed|claims|stressed|reiterated|objected|complained|noted|cautioned|tweeted"
    r"|announced|announces|admitted|admits|promised|promises"
    r"|declined\s+to\s+comment|told)"
)
# After a reference: words of the speaker's body, then a verb of saying ("Washington warned",
# "the United States and the European Union condemned", "Moscow's foreign ministry said").
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+(?:[A-Z][a-z]+|and|the|foreign|state|defen[cs]e|interior|ministry"
    r"|department|government|officials?|president|prime|minister|spokes(?:man|woman|person)"
    r"|embassy|envoy|ambassador|administration|leaders?|authorities|diplomats?|also|quickly"
    r"|swiftly|immediately|strongly|sharply|publicly|repeatedly|later|again|has|have|had|on"
    r"|in|a|statement)){0,5}\s+" + SPEECH_VERB + r"\b"
)


_SPEECH_WORDS = frozenset(
    """said says say warned warns condemned condemns denied denies urged urges criticised
    criticized criticises criticizes praised praises demanded demands accused accuses expressed
    voiced rejected rejects dismissed insisted insists stated responded reacted deplored
    lamented hailed appealed vowed pledged claimed claims stressed reiterated objected
    complained noted cautioned tweeted told announced announces announce admitted admits
    promised promises called calls found concluded confirmed declared recommended
    addressed television""".split()
)
# Going on the air is a statement ("went on television on 7 April and asked ...", "appeared on
# state television and conceded defeat"): the verb before "television" is the verb of saying.
_ON_AIR = re.compile(
    r"\b(?:went|goes|go|going|appeared|appears|spoke|speaks|confessed|confesses)\s+on\s+"
    r"(?:(?:state|national|public|private|live|a|the|[A-Z][\w-]*)\s+){0,3}(?:[a-z]+\s+)?$"
)
_WORD = re.compile(r"[a-z]+")
# "found that ...", "declared in a book that ...": a finding or a claim, told ("declared
# independence" is an act)
_NEEDS_THAT = frozenset({"found", "concluded", "confirmed", "declared"})
_THAT_SOON = re.compile(
    r"(?:\s+[\w'’-]+,?){0,6}?\s+that\b(?!\s+(?:day|morning|afternoon|evening|night|week|month"
    r"|year|spring|summer|autumn|winter|January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b)"
)
# "dismissed four ministers", "dismissed his thirty-five-year-old prime minister": an act, not a
# verb of saying ("dismissed the claims").
_DISMISSED_PEOPLE = re.compile(
    r"\s+(?:(?:the|his|her|its|their|several|dozens|of|\d+|two|three|four|five|six|seven|eight"
    r"|nine|ten)\s+)*(?:[a-z][a-z-]*\s+){0,3}(?:ministers?|officials?|government|cabinet"
    r"|generals?|commanders?|officers?|judges?|governors?|mayors?|chiefs?|heads?|staff|employees"
    r"|premier|president|deputy|deputies|envoys?|ambassadors?|prosecutors?|directors?|aides?"
    r"|advisers?|advisors?|coach|manager)\b"
)


# "called" followed by when: a strike or an election convened ("a general strike called weeks
# earlier", "elections called for 5 June"), not a verb of saying ("called for talks").
_CALLED_FOR_A_TIME = re.compile(
    r"\s+(?:(?:(?:a\s+few|several|two|three|four|five|six|\d+)\s+)?(?:days?|weeks?|months?)"
    r"\s+(?:earlier|before|ago)\b|for\s+(?:the\s+)?(?:\d|January|February|March|April|May|June"
    r"|July|August|September|October|November|December|spring|summer|autumn|winter|next\b))"
)


# A word before "called" that makes it a verb of saying, not a name's participle ("they called
# it", "Washington called"; not "a platform called Dignity").
_CALLER = frozenset("he she they it who which that we i you also then later again once".split())
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def _names(text: str, start: int, end: int) -> bool:
    """Whether "called" at ``start..end`` names something: "the so-called contact group", or
    after a noun and before a name ("a civic platform called Dignity and Truth")."""
    if start and text[start - 1] == "-":
        return True
    if not text.startswith(" ", end) or not (text[end + 1 : end + 2].isupper()):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).islower() and before.group(1) not in _CALLER


def find_speech(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first verb of saying in ``text[start:end]`` as (start, end), or None: the words of
    :data:`SPEECH_VERB` ("called on" and "calls for" too), found by a plain word scan."""
    if _SPEECH_WORDS.isdisjoint(_WORD.findall(text, start, end)):
        return None  # most clauses: no verb of saying at all (checked in C, no loop)
    for word in _WORD.finditer(text, start, end):
        found = word.group()
        if (found in _SPEECH_WORDS and found not in _NEEDS_THAT) or (
            found in ("called", "calls") and text.startswith((" on ", " for "), word.end())
        ) or (found in _NEEDS_THAT and _THAT_SOON.match(text, word.end(), end) is not None):
            if word.start() and text[word.start() - 1].isalpha():
                continue  # inside a capitalised or longer word
            if found == "dismissed" and _DISMISSED_PEOPLE.match(text, word.end()):
                continue  # "the king dismissed four ministers": an act
            if found == "called" and _names(text, word.start(), word.end()):
                continue  # "a platform called Dignity", "the so-called contact group": a name
            if found == "called" and _CALLED_FOR_A_TIME.match(text, word.end()):
                continue  # "a general strike called weeks earlier": convened, not said
            if found == "television":
                on_air = _ON_AIR.search(text, max(start, word.start() - 50), word.start())
                if on_air is None:
                    continue  # "the television tower", "bought a television"
                return on_air.start(), word.end()  # "went on television": a statement
            return word.start(), word.end()
    return None


def speech_positions(text: str) -> list[int]:
    """Where the verbs of saying of ``text`` start, in order: the text's words are listed once
    and only the verbs among them are searched for."""
    found: list[int] = []
    words = text.replace(",", " ").replace(".", " ").replace(";", " ").split()
    for word in _SPEECH_WORDS.intersection(words):
        at = text.find(word)
        while at != -1:
            after = at + len(word)
            if (not at or not text[at - 1].isalpha()) and (
                after >= len(text) or not text[after].isalpha()
            ):
                found.append(at)
            at = text.find(word, after)
    found.sort()
    return found


def is_speaker(text: str, end: int) -> bool:
    """Whether the reference ending at ``end`` is who speaks or reacts ("Washington warned")."""
    return _SPEAKER_AFTER.match(text, end) is not None


# The words each pattern above can start with, as literal-first alternations: a search for one
# skips in C, and the pattern itself is then tried from the first one found (no match can start
# before it). Searching the whole window with the pattern tries it at every character.
_LOCATIVE_START = re.compile(first_letter_alternation(
    "in into to inside across throughout near at within against on over toward towards around "
    "outside through entered invaded invade invading struck hit occupied shelled bombed "
    "attacked leave left visited reached bombing shelling attacking bombarded bombarding "
    "stormed storming captured capturing recaptured seized seizing took taking besieged "
    "raided In Into Inside Across Throughout Near At Within Over Toward Towards Around Outside "
    "Through".split(), word_start=True))
_SOURCE_START = re.compile(first_letter_alternation(
    "from by blame attributed linked backed supplied of border frontier boundary crossing "
    "crossings together "
    "along alongside line road route railway pipeline link flight flights corridor "
    "highway".split(),
    word_start=True))


# What the phrases above end with, before the blanks that end the text before a mention.
_LOWER_OR_HYPHEN = frozenset("abcdefghijklmnopqrstuvwxyz-")
_SOURCE_LAST_WORDS = (
    "from", "by", "on", "to", "in", "with", "bordering", "the", "alongside", "into"
)


def _search_back(
    pattern: re.Pattern[str], first: re.Pattern[str], text: str, lo: int, end: int
) -> re.Match[str] | None:
    """``pattern.search(text, lo, end)``, for a pattern that can only start where ``first``
    matches."""
    opening = first.search(text, lo, end)
    return None if opening is None else pattern.search(text, opening.start(), end)


def is_locative(text: str, start: int) -> bool:
    """Whether the words before ``text[start:]`` place something there ("in", "to", "near")."""
    if not start or not text[start - 1].isspace():
        return False  # the phrase ends in a space: a quick test before the search
    lo = max(0, start - 40)
    words = text[lo:start].rstrip()
    if not words or words[-1] not in _LOWER_OR_HYPHEN:
        return False  # the phrase's last word is lower case: a second quick test
    newline = text.rfind("\n", lo, start)
    if newline != -1:  # the phrase is in the mention's own paragraph: "... ends in style" (a
        lo = newline + 1  # title) "\n\nSpain became ..." does not put Spain anywhere
    if words.endswith("from") and _DEPARTURE_FROM.search(text, lo, start):
        return True  # "withdrew from Lebanon": the place the withdrawal left
    match = _search_back(_LOCATIVE, _LOCATIVE_START, text, lo, start)
    if match is None:
        return False
    if " with " in match.group(0) or " between " in match.group(0):
        return False  # "on the border with Kosovo": beside it, not in it
    if match.group("prep") == "to" and _ROUTE.search(text, max(0, match.start() - 40), start):
        return False  # "from Athens to Vilnius": a route, not where it happened
    if match.group("prep") == "to":
        before = text[max(0, match.start() - 20) : match.start()].split()
        return not before or before[-1].lower().strip(",") not in _NOT_DESTINATION
    return True


def is_source(text: str, start: int) -> bool:
    """Whether the words before ``text[start:]`` make it a source or culprit ("from", "by"),
    also further on in a list ("from Britain, Italy and the United States")."""
    if not start or not text[start - 1].isspace():
        return False  # the phrase ends in a space: a quick test before the search
    before = text[max(0, start - 30) : start].rstrip()
    if (
        before.endswith((",", " and", " the"))
        and any(word in text[max(0, start - 60) : start] for word in ("from ", "with "))
        and _SOURCE_LIST.search(text, max(0, start - 60), start) is not None
    ):
        return True
    if before.endswith(" in") and "from " in text[max(0, start - 60) : start] and (
        _FROM_INSTITUTION.search(text, max(0, start - 60), start) is not None
    ):
        return True  # "brought home from the Mayo Clinic in Rochester": where he came from
    if not before.endswith(_SOURCE_LAST_WORDS):
        return False  # the phrase's last word is none of its own: a second quick test
    if before.endswith("from") and _DISTANCE_FROM.search(text, max(0, start - 50), start):
        return False  # "half a mile from Lampedusa", "30 km from Kyiv": near it, not a source
    if before.endswith("from") and _DEPARTURE_FROM.search(text, max(0, start - 40), start):
        return False  # "the last tanks withdrew from Lebanon": where the withdrawal happened
    return _search_back(_SOURCE, _SOURCE_START, text, max(0, start - 30), start) is not None


# A withdrawal before "from": what follows is the place it left, where it happened ("withdrew
# from Lebanon", "the evacuation from Kabul"), not where someone came from.
_DEPARTURE_FROM = re.compile(
    r"\b(?:withdr[ae]w[a-z]*|pull(?:ed|ing|s)?\s+out|retreat(?:ed|ing|s)?|evacuat(?:ed|ion|ing)"
    r"|expelled)\s+(?:[a-z]+\s+)?from\s+(?:the\s+)?$"
)
# A named institution one came from and its town: "from the Mayo Clinic in", "from Evin Prison
# in" (not a site: "leapt from the Old Bridge in Mostar" is there).
_FROM_INSTITUTION = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?:Clinic|Hospital|Prison|University"
    r"|Institute|Academy|Embassy|Consulate|Hotel|School|College|Centre|Center)\s+in\s+$"
)
# A distance before "from": what follows is where it is measured from ("sank a mile from
# Lampedusa", "a village 20 kilometres from Mosul", "an hour's drive from Sarajevo").
_DISTANCE_FROM = re.compile(
    r"\b(?:miles?|kilometres?|kilometers?|km|metres?|meters?|yards?|feet|drive|walk|away)"
    r"\s+from\s+(?:the\s+)?$"
)


# "from Britain, Italy and the United States", "together with Estonia and Latvia": every name of
# the list is a source (or company), not where.
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_SOURCE_LIST = re.compile(
    rf"\b(?:from|together\s+with|along\s+with)\s+(?:the\s+)?{_NAME}(?:,\s+(?:the\s+)?{_NAME})*"
    r"(?:,\s+|,?\s+and\s+)(?:the\s+)?$"
)


# Bodies that act at home: where they act is their own country ("the Lebanese army raised its
# flag", "Polish border guards used water cannon"), unlike troops or agents sent abroad.
_HOME_ACTOR_AFTER = re.compile(
    r"(?i)\s+(?:(?:prime|interior|deputy|riot|border|security|federal)\s+)*"
    r"(?:government|authorities|police|army|guards?|prosecutors?|parliament|courts?|judges?"
    r"|ministry|cabinet)\b"
)


def is_home_actor(text: str, end: int) -> bool:
    """Whether a demonym ending at ``end`` names a body acting at home ("the Lebanese army")."""
    return _HOME_ACTOR_AFTER.match(text, end) is not None


def is_actor(text: str, end: int) -> bool:
    """Whether a demonym ending at ``end`` is followed by a person or body ("president")."""
    return _ACTOR_AFTER.match(text, end) is not None


def is_compound(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` opens a compound adjective ("Moscow-friendly")."""
    return _COMPOUND_AFTER.match(text, end) is not None


def is_possessive(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is possessive ("Kosovo's")."""
    return text.startswith(("'s", "’s"), end)
