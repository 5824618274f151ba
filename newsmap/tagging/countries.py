"""Country tags: every country an article refers to, how salient it is, whether the story is about
it (primary) or mentions it in passing, and the sentences that say so.

Each reference scores by where it is (title 3, lead 2, elsewhere 1) times how it names the country
(name 1, capital or historical name 0.8, demonym 0.6, a place in the country 0.5), and counts

* a quarter when it only speaks or reacts ("Washington warned", "the United States condemned")
  or serves as a comparison ("unlike Romania", "worse than Romania");
* half when it names where someone or something came from, or a neighbour ("pickers from
  Albania", "the border crossing into Syria"), unlike a culprit ("blamed on Iran");
* nothing when a name and a town of the country name one location: the town's address
  ("Kilis, in neighbouring Turkey") or where in the country ("inside Syria, near Latakia")
  (the first of the two is counted).

Being where a dated event happened adds 1.5 per event, half of that for a country other than
the story's setting named only by its towns and capital as where things happened ("talks at
Rambouillet, outside Paris"): it hosted them. Salience is the score relative to the article's
top country.

When the front matter curates ``countries:``, that list is the primary set: the editor has said
what the story is about, and every other country found stays a passing mention. Otherwise a
country is primary (the story is about it) when

* it is in the title (not as a capital or seat of government after "in" or "at": "A truce
  signed in Bishkek", "A peace signed in the Kremlin" name where, not what; nor as a capital
  ending a route, "From the barricades to Doha", unless the lead names that country too);
* it is named in the main clause of the lead sentence, or as the object of a participle carrying
  that clause on ("Spain won the final, sweeping Italy aside"; not a reaction it caused: ",
  angering Moscow"), by its name or by its capital standing for its government -- not by a
  demonym, a place in it, as the one reacting, as a source ("independence from Yugoslavia"), in
  a longer name ("Ukraine International Airlines"), in a comparison ("as Croatia") or as a
  location inside an appositive ("two explosions, the second felt in Norway, tore ...");
* its salience is at least 0.5;
* it is where a dated event happened and the sentence telling that event names one of those
  countries first, as the one acting ("In 1994, Iran shipped weapons to Bosnia": Bosnia is
  primary beside Iran; "a campaign in Lithuania raised money for the Ukrainian army" leaves
  Lithuania a passing mention), and at least one in seven of the story's dated events happened
  there (a piece of a few such episodes is about each of them; one episode abroad in a long
  story is a side episode) -- but not when the story names it there only as a venue ("talks at
  Rambouillet, outside Paris") or to say where a town lies ("a base near Erbil in Iraq"), nor
  when it acts in one sentence and is never named again ("Egyptian doctors came, and an
  Egyptian ship carried the injured to Egypt"), nor when the core country's people are the
  ones acted upon there ("Two Russian officers were arrested there");
* it is at war in the story, though named by its demonym only: its forces ("Russian troops",
  "Eritrean soldiers", also agents or commandos sent to act: "Moroccan agents were waiting")
  are named in two sentences while a core country's forces are named too (its "fighters" or
  "defenders" count: "Ukrainian fighters held the bridge"), or in three sentences.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsmap.geo import country_name
from newsmap.tagging.clauses import clause_end, fronted_adverbial_end
from newsmap.tagging.document import CountryRef, Document
from newsmap.tagging.events import LocatedEvent
from newsmap.tagging.fields import CountryFields

__all__ = ["base_scores", "country_tags"]

_KIND_WEIGHT = {"name": 1.0, "capital": 0.8, "historical": 0.8, "demonym": 0.6, "place": 0.5}
_TITLE, _LEAD, _BODY = 3.0, 2.0, 1.0
_EVENT_BONUS = 1.5
# A country abroad named only by its towns as where things happened hosts the story's events:
# each counts this share of the bonus.
_HOST_EVENT_SHARE = 0.5
_SPEAKER_WEIGHT = 0.25
_SOURCE_WEIGHT = 0.5
# Before a source that is an origin or a neighbour ("pickers from Albania", "the border crossing
# into Syria"), not a culprit or a companion ("blamed on Iran", "together with Russia").
_ORIGIN_BEFORE = re.compile(
    r"\b(?:from|(?:border|frontier|boundary)\s+with|crossings?\s+(?:with|into|to)|bordering)"
    r"\s+(?:the\s+)?\Z"
)
# Before a name in the lead: a comparison, not what the story is about ("the same day as Croatia").
# Before a capital: a place on a route or a destination, not the government ("bound for Kyiv").
_AFTER_PREPOSITION = re.compile(r"\b(?:for|to|from|in|at|via|near|of|towards?|into)\s+\Z")
# Before a name anywhere: a comparison ("unlike Romania", "worse than Romania", "like Syria"),
# which counts as little as a reaction ("would like Serbia to ..." is a wish, not one).
_COMPARISON = re.compile(
    r"(?i)\b(?:than|unlike|(?<!would\s)(?<!not\s)(?<!n't\s)(?<!n’t\s)like)\s+(?:the\s+)?$"
)
_COMPARED = re.compile(r"(?i)\b(?:as|like|than|unlike)\s+(?:the\s+)?$")
_PRIMARY_SALIENCE = 0.5
# Before a capital or a seat of government in the title: where something was held ("A truce
# signed in Bishkek", "A peace signed in the Kremlin").
_VENUE_BEFORE = re.compile(r"\b(?:in|at) (?:the )?\Z")
_SEATS = frozenset({"Kremlin"})  # a building standing for a government (geo/country_aliases.tsv)
# Before a capital in the title: the end of a route ("From the barricades to Doha"), where the
# story ends up; it names what the story is about only when the lead names that country too
# ("From the White House to Minsk" over a lead that opens in Minsk).
_ROUTE_END_BEFORE = re.compile(r"\bto \Z")
# A country reached through a core country's act is primary only when the story spends at least
# one in this many of its dated events there: one episode of a long story is a side episode.
_EPISODE_SHARE = 7
# An armed force named by its country ("Russian troops", "Ukraine's army", "the Russian 14th
# Army", "Moldovan and Transnistrian units"): one word may stand between, after another
# country's demonym joined by "and".
_FORCES_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+and\s+[A-Z][\w-]+)?(?:(?:\s+(?!(?i:fire|freedom|water)\s)[\w-]+)?\s+"
    r"(?i:troops|forces|army|soldiers"
    r"|paratroopers|units|tanks|artillery|columns|regulars|garrison|guns|marines|warplanes"
    r"|bombers|missiles|drones|siege|guard|shelling|(?:counter-)?offensive|fighters|defenders"
    r"|(?:air\s+)?defen[cs]es|navy|air\s+force)"
    # agents of the state, not "travel agents": right after the demonym or a word of their trade
    r"|(?:\s+(?i:intelligence|secret|security|special|undercover|military))?\s+"
    r"(?i:agents|commandos))\b"
)
# A foreign army is followed through the story when its forces are named in this many sentences.
_BELLIGERENT_SENTENCES = 2
# What opens an appositive after its comma: "the" or "a" ("..., the second far stronger ...").
_APPOSITIVE = re.compile(r" (?:the|a|an) ")
# After a core country's people: they are the ones acted upon there, not acting ("Two Russian
# intelligence officers were arrested there"): the act is the host country's. Not through a
# relative clause ("an Iranian diplomat who has been convicted of attempting an attack").
_PATIENT_AFTER = re.compile(
    r"(?:\s+(?!(?:who|which|that)\b)[a-z-]+){0,2}\s+(?:were|was|had\s+been|have\s+been"
    r"|has\s+been)\s+"
    r"(?:arrested|detained|expelled|deported|convicted|sentenced|jailed|tried|extradited"
    r"|held|captured|kidnapped|abducted)\b"
)
# What opens an aside said of the subject: a participle or a relative pronoun (", shared
# between Poland and Ukraine,", ", which Serbia never recognised,").
_CLAUSE_ASIDE = re.compile(r" (?:[a-z]+ed|[a-z]+en|which|who|whose|where)\b")
# Between a town and its country's name: "Erbil in Iraq", "Kumanovo, in neighbouring Macedonia".
_TOWN_IN = re.compile(r",?\s+in\s+(?:(?:neighbouring|northern|southern|eastern|western)\s+)?")
# Between a country's name and a town of it that says where in it: "inside Syria, near Latakia".
_NAME_THEN_TOWN = re.compile(r",?\s+(?:near|in|at|outside)\s+")
# A participle continuing the lead's main clause, then its object: ", defeating ", ", sweeping
# the " -- not a reaction it caused (", angering Moscow", ", drawing protests from Ankara").
_PARTICIPLE_OBJECT = re.compile(
    r",\s+(?!angering|alarming|worrying|infuriating|provoking|prompting|drawing|upsetting"
    r"|saying|citing|accusing|according|including|during|following)[a-z]+ing\s+(?:the\s+)?"
)
_CLAUSE_BREAKS = (", and ", "; ", ", but ", ", which ", ", where ", ", while ")
_MAX_EVIDENCE = 3


def base_scores(doc: Document) -> dict[str, float]:
    """Each referenced country's score from its mentions alone (no events), highest first."""
    scores: dict[str, float] = defaultdict(float)
    previous: CountryRef | None = None
    for ref in doc.countries:
        before, previous = previous, ref
        if before is not None and before.iso3 == ref.iso3 and _one_location(doc.text, before, ref):
            continue  # "Kumanovo, in neighbouring Macedonia": one place, counted once
        weight = _position_weight(doc, ref.sentence) * _KIND_WEIGHT.get(ref.kind, 0.5)
        if ref.speaker or _COMPARISON.search(doc.text, max(0, ref.start - 12), ref.start):
            weight *= _SPEAKER_WEIGHT  # a reaction, or a comparison ("unlike Romania")
        elif ref.source and _is_origin(doc.text, ref.start):
            weight *= _SOURCE_WEIGHT
        scores[ref.iso3] += weight
    return dict(sorted(scores.items(), key=lambda item: -item[1]))


def country_tags(
    doc: Document,
    events: tuple[LocatedEvent, ...],
    curated: tuple[str, ...] = (),
    scores: dict[str, float] | None = None,
) -> list[CountryFields]:
    """Country tags ordered by salience (then first mention), curated countries included;
    ``scores`` are the :func:`base_scores` of ``doc`` when the caller has them already."""
    scores = base_scores(doc) if scores is None else dict(scores)
    event_count = Counter(e.event["iso3"] for e in events if e.event["iso3"] is not None)
    refs_by_country = _group(doc.countries)
    for iso3, count in event_count.items():
        if iso3 in scores:
            host = iso3 != doc.setting and _only_hosts(refs_by_country[iso3])
            scores[iso3] += _EVENT_BONUS * count * (_HOST_EVENT_SHARE if host else 1.0)
    top = max(scores.values(), default=0.0)
    salience = {iso3: round(score / top, 3) if top else 0.0 for iso3, score in scores.items()}
    if curated:
        primary = set(curated)  # the editor's list is what the story is about
    else:
        core = _core_countries(doc, refs_by_country, salience)
        primary = core | _event_countries_beside(doc, events, core) | _belligerents(doc, core)
    tags = [
        _tag(doc, iso3, salience[iso3], iso3 in primary, refs_by_country[iso3]) for iso3 in scores
    ]
    for iso3 in curated:
        if iso3 not in scores:
            tags.append(_tag(doc, iso3, 1.0, True, []))
    order = {iso3: i for i, iso3 in enumerate(refs_by_country)}
    tags.sort(key=lambda t: (-t["salience"], order.get(t["iso3"], len(order))))
    return tags


def _core_countries(
    doc: Document,
    refs_by_country: dict[str, list[CountryRef]],
    salience: dict[str, float],
) -> set[str]:
    """Countries the story is plainly about: in the title, named in the lead's main clause
    (not as the one reacting), or salient."""
    lead = _lead_sentence(doc)
    lead_start, lead_end = _main_clause_start(doc, lead), _main_clause_end(doc, lead)
    lead_stop = doc.sentences[lead].end if lead >= 0 else -1
    core: set[str] = set()
    body_start = doc.body_start  # sentences before it are the title's (Document.is_title)
    for iso3, refs in refs_by_country.items():
        named_in_lead = any(body_start <= r.sentence < doc.lead_end for r in refs)
        in_title = any(
            r.sentence < body_start
            and r.kind != "place"
            and not (
                (r.kind == "capital" or doc.text[r.start : r.end] in _SEATS)
                and _VENUE_BEFORE.search(doc.text, max(0, r.start - 8), r.start) is not None
            )
            and not (
                r.kind == "capital"
                and not named_in_lead
                and _ROUTE_END_BEFORE.search(doc.text, max(0, r.start - 4), r.start) is not None
            )
            for r in refs
        )
        in_lead = any(
            r.sentence == lead
            and (lead_start <= r.start < lead_end or _object_of_participle(doc.text, lead_end, r))
            and _names_country(r)
            and not (r.speaker or r.source or r.actor)
            and not _COMPARED.search(doc.text, max(0, r.start - 12), r.start)
            and not (r.locative and _in_aside(doc.text, lead_start, lead_stop, r))
            and not (
                r.kind == "capital"
                and _AFTER_PREPOSITION.search(doc.text, max(0, r.start - 12), r.start)
            )
            for r in refs
        )
        if in_title or in_lead or salience.get(iso3, 0.0) >= _PRIMARY_SALIENCE:
            core.add(iso3)
    return core


def _belligerents(doc: Document, core: set[str]) -> set[str]:
    """Countries at war in the story: a core country's forces are named ("Ukrainian troops"),
    and another country's forces are named in at least :data:`_BELLIGERENT_SENTENCES` sentences
    ("Russian troops crossed from Crimea", "Russian forces withdrew") -- the army the story
    follows on the other side, named by its demonym only."""
    forces: dict[str, set[int]] = defaultdict(set)
    for ref in doc.countries:
        if ref.kind in ("demonym", "name", "capital") and not ref.speaker and (
            _FORCES_AFTER.match(doc.text, ref.end, min(len(doc.text), ref.end + 40))
        ):
            forces[ref.iso3].add(ref.sentence)
    two_armies = any(iso3 in forces for iso3 in core)
    return {
        iso3
        for iso3, sentences in forces.items()
        if iso3 not in core and len(sentences) >= _BELLIGERENT_SENTENCES + (not two_armies)
    }


def _object_of_participle(text: str, clause_end: int, ref: CountryRef) -> bool:
    """Whether ``ref`` is the object of a participle continuing the main clause that ends at
    ``clause_end`` ("Spain won the final, sweeping Italy aside"), not of one that reports a
    reaction ("..., angering Moscow")."""
    return _PARTICIPLE_OBJECT.fullmatch(text, clause_end, ref.start) is not None


def _in_aside(text: str, start: int, end: int, ref: CountryRef) -> bool:
    """Whether ``ref`` stands in an appositive in ``text[start:end]``: between commas, after
    "the" or "a" opening it ("two explosions, the second strong enough to
    register on seismographs in Norway, tore apart ...")."""
    comma = text.rfind(",", start, ref.start)
    return (
        comma >= 0
        and _APPOSITIVE.match(text, comma + 1, ref.start) is not None
        and "," in text[ref.end : end]
    )


def _in_clause_aside(text: str, bounds: tuple[int, int], ref: CountryRef) -> bool:
    """Whether ``ref`` stands in an aside between commas that a participle or a relative
    pronoun opens (", shared for the first time between Poland and Ukraine,", ", which Serbia
    never recognised,"): said of the sentence's subject, not by its actor."""
    start, end = bounds
    comma = text.rfind(",", start, ref.start)
    return (
        comma >= 0
        and _CLAUSE_ASIDE.match(text, comma + 1, ref.start) is not None
        and "," in text[ref.end : end]
    )


def _event_countries_beside(
    doc: Document, events: tuple[LocatedEvent, ...], core: set[str]
) -> set[str]:
    """Countries where a core country did something: the sentence telling the event names a
    core country before naming the event's country ("Iran shipped weapons to Bosnia"), as
    opposed to side events ("a campaign in Lithuania raised money for the Ukrainian army"),
    and that hold at least one in :data:`_EPISODE_SHARE` of the story's placed events."""
    found: set[str] = set()
    placed = Counter(e.event["iso3"] for e in events if e.event["iso3"] is not None)
    total = sum(placed.values())
    for located in events:
        iso3 = located.event["iso3"]
        if iso3 is None or iso3 in core or placed[iso3] * _EPISODE_SHARE < total:
            continue
        named_in = {r.sentence for r in doc.countries if r.iso3 == iso3}
        for sentence in located.sentences:
            refs = doc.countries_by_sentence.get(sentence, [])
            bounds = (doc.sentences[sentence].start, doc.sentences[sentence].end)
            if _acts_with_core(refs, iso3, core, doc.text, len(named_in) > 1, bounds):
                found.add(iso3)
                break
    return found


def _acts_with_core(
    refs: list[CountryRef],
    iso3: str,
    core: set[str],
    text: str,
    followed: bool = True,
    bounds: tuple[int, int] | None = None,
) -> bool:
    """Whether a sentence (``text[bounds[0]:bounds[1]]``) ties ``iso3`` to a core country: the
    core country comes first ("Iran shipped weapons to Bosnia"), or ``iso3`` opens the sentence
    as its actor, not as a location ("Armenian and Azerbaijani leaders signed a
    Russian-brokered ceasefire") nor inside an aside ("The tournament, shared between Poland
    and Ukraine, opened in Warsaw") and the story names it in another sentence too
    (``followed``; an actor named in one sentence only is a side episode: "Ankara's engineers
    were building a hospital, and a Turkish plane flew the wounded to Turkey")."""
    own = [r for r in refs if r.iso3 == iso3]
    others = [
        r
        for r in refs
        if r.iso3 in core
        and r.iso3 != iso3
        and _stands_for_country(r)
        and _PATIENT_AFTER.match(text, r.end) is None
    ]
    if not own or not others:
        return bool(others) and not own
    if all(_is_venue(r) or _locates_a_town(text, own, r) for r in own):
        return False  # "talks at Rambouillet, outside Paris": where they met, not who
    first = min(refs, key=lambda r: r.start)
    if (
        first.iso3 == iso3
        and _stands_for_country(first)
        and not first.locative
        and not (bounds and _in_clause_aside(text, bounds, first))
    ):
        return followed
    first_core = min(r.start for r in others)
    if first_core > own[0].start:
        return False
    # in the same clause: "Iran shipped weapons to Bosnia", not "Egyptian clubs play at home,
    # and Al Ahly won the cup in Tunisia" (a side episode in a clause of its own)
    between = text[first_core : own[0].start]
    return not any(brk in between for brk in _CLAUSE_BREAKS)


def _only_hosts(refs: list[CountryRef]) -> bool:
    """Whether a country is named only by its towns and capital as where things happened
    ("talks at Rambouillet, outside Paris", "signed in Paris"): never by its name, its people
    or its government."""
    return all(_is_venue(r) or r.kind == "place" for r in refs)


def _locates_a_town(text: str, own: list[CountryRef], ref: CountryRef) -> bool:
    """Whether a country's name only says where a town of it lies ("a base near Erbil in
    Iraq", "at Kumanovo, in Macedonia"): the town's venue, not the country acting or acted on."""
    return ref.kind == "name" and any(
        other.kind == "place" and _TOWN_IN.fullmatch(text, other.end, ref.start) is not None
        for other in own
    )


def _is_venue(ref: CountryRef) -> bool:
    """A town or capital named as where something happened ("signed in Paris", "sentenced in
    The Hague", "his resignation at the embassy in Moscow"): the venue, not the country acting
    or acted upon."""
    return ref.kind in ("capital", "place") and ref.locative


def _stands_for_country(ref: CountryRef) -> bool:
    """A reference to the country itself or its people (a name, demonym, or capital used for
    its government), not to a place in it ("an envoy to Beirut")."""
    return ref.kind == "demonym" or _names_country(ref)


def _names_country(ref: CountryRef) -> bool:
    """A reference by name, or by a capital standing for its government ("under pressure from
    Moscow"), rather than a demonym or a place where something happened ("in Washington")."""
    return ref.kind in ("name", "historical") or (ref.kind == "capital" and not ref.locative)


def _lead_sentence(doc: Document) -> int:
    """Index of the body's first sentence (the lead), or -1 for an empty body."""
    return doc.body_start if doc.body_start < len(doc.sentences) else -1


def _main_clause_end(doc: Document, index: int) -> int:
    """Where the main clause of sentence ``index`` ends (before ", accusing ...", ", when ...")."""
    if index < 0:
        return -1
    sentence = doc.sentences[index]
    return clause_end(doc.text, sentence.start, sentence.end, sentence.start)


def _main_clause_start(doc: Document, index: int) -> int:
    """Where the main clause of sentence ``index`` starts: after a fronted adverbial ("A year
    after Russia's invasion of Ukraine, Serbia remains..."), else at the sentence start."""
    if index < 0:
        return -1
    sentence = doc.sentences[index]
    return fronted_adverbial_end(doc.text, sentence.start, sentence.end)


def _is_origin(text: str, start: int) -> bool:
    """Whether the mention at ``start`` names where someone or something came from, or a
    neighbour ("from Albania", "the border with Serbia"), rather than who did it ("by Russia")."""
    return _ORIGIN_BEFORE.search(text, max(0, start - 30), start) is not None


def _one_location(text: str, first: CountryRef, second: CountryRef) -> bool:
    """Whether two references to one country name one location: a town and its address
    ("Kumanovo, in neighbouring Macedonia") or the country and where in it ("inside Syria, near
    Latakia")."""
    if first.kind == "place" and second.kind == "name":
        return _TOWN_IN.fullmatch(text, first.end, second.start) is not None
    if first.kind == "name" and second.kind == "place":
        return _NAME_THEN_TOWN.fullmatch(text, first.end, second.start) is not None
    return False


def _position_weight(doc: Document, sentence: int) -> float:
    if sentence < doc.body_start:
        return _TITLE
    return _LEAD if sentence < doc.lead_end else _BODY


def _group(refs: list[CountryRef]) -> dict[str, list[CountryRef]]:
    grouped: dict[str, list[CountryRef]] = defaultdict(list)
    for ref in refs:
        grouped[ref.iso3].append(ref)
    return grouped


def _tag(
    doc: Document, iso3: str, salience: float, primary: bool, refs: list[CountryRef]
) -> CountryFields:
    try:
        name = country_name(iso3)
    except KeyError:
        name = iso3
    return {
        "iso3": iso3,
        "name": name,
        "salience": min(max(salience, 0.0), 1.0),
        "primary": primary,
        "mentions": len(refs),
        "evidence": _evidence(doc, refs),
    }


def _evidence(doc: Document, refs: list[CountryRef]) -> tuple[str, ...]:
    """Up to three distinct sentences naming the country, body sentences before the title."""
    first_body = doc.body_start
    body = [r.sentence for r in refs if r.sentence >= first_body]
    title = [r.sentence for r in refs if r.sentence < first_body]
    chosen = list(dict.fromkeys(body + title))[:_MAX_EVIDENCE]
    return tuple(doc.display(i) for i in chosen)
