"""An article prepared for tagging: one text (title, blank line, body), its sentences, and every
country, region, place and date mention found in it, each tied to its sentence.

Country mentions are checked against their context (:mod:`newsmap.tagging.context`), places are
resolved to one city each (:mod:`newsmap.tagging.placenames`), and every reference records the
role its words give it (:mod:`newsmap.tagging.roles`). A place's country is also a reference to
that country.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from newsmap.geo import (
    CountryMention,
    RegionMention,
    find_country_mentions,
    find_regions,
    load_gazetteer,
)
from newsmap.model import Article, PartialDate
from newsmap.tagging.context import filter_countries
from newsmap.tagging.dates import DateMention, find_dates
from newsmap.tagging.dayparts import with_day_parts
from newsmap.tagging.placenames import PlaceRef, resolve_places
from newsmap.tagging.reftime import anchor_dates
from newsmap.tagging.roles import (
    is_actor,
    is_locative,
    is_possessive,
    is_source,
    is_speaker,
    speech_positions,
)
from newsmap.tagging.sentences import Sentence, display_text, split_sentences

__all__ = ["CountryRef", "Document", "PlaceRef", "analyse"]

# A country's name followed by a capitalised word is part of a longer name ("Ukraine
# International Airlines", "Iran Air").
_SIDE_PREFIXES = ("pro-", "nti-")  # "pro-Syrian", "anti-Serbian": a side, not the country
_SPEAKER_REACH = 90  # how far after a reference its verb of saying may start
_COUNTED = re.compile(
    r"\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens\s+of"
    r"|(?:of|among)\s+them(?:\s+[a-z]+)?|including(?:\s+[a-z]+)?)\s+$"
)
_ETHNIC_NOUNS = frozenset({"Serb", "Croat", "Bosniak", "Kurd", "Pashtun", "Tajik", "Uzbek"})
_NAME_GOES_ON = re.compile(
    r" (?!(?:And|The|In|On|At|Of|President|Prime|Premier|Foreign|Defence|Defense|Interior"
    r"|Minister|General|Colonel|King|Queen|Emperor|Ambassador|Chancellor)\b)[A-Z][a-z]"
)


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class CountryRef:
    """A reference to a country: a name, demonym, capital, historical name, or a place in it."""

    start: int
    end: int
    iso3: str
    kind: str  # "name" | "demonym" | "capital" | "historical" | "place"
    sentence: int
    locative: bool  # "in X", "to X": the place where something happens
    source: bool  # "from X", "blamed on X": where it came from, or who did it
    actor: bool = False  # a demonym naming who acted ("the French president"), not where
    speaker: bool = False  # who speaks or reacts ("Washington warned"), not where


@dataclass(slots=True)
class Document:
    """The article's text and everything found in it, sentence by sentence."""

    text: str
    title_end: int
    published: PartialDate | None
    sentences: list[Sentence]
    countries: list[CountryRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    regions: list[tuple[RegionMention, int]] = field(default_factory=list)
    dates: list[tuple[DateMention, int]] = field(default_factory=list)
    lead_end: int = 0  # sentences before this index are the title and the lead
    body_start: int = 0  # sentences before this index are the title's
    setting: str | None = None  # the country the story is set in (see _setting)
    speech: list[int] = field(default_factory=list)  # where verbs of saying start

    def says_between(self, start: int, end: int) -> bool:
        """Whether a verb of saying starts in ``text[start:end]``."""
        k = bisect_left(self.speech, start)
        return k < len(self.speech) and self.speech[k] < end

    countries_by_sentence: dict[int, list[CountryRef]] = field(default_factory=dict)
    places_by_sentence: dict[int, list[PlaceRef]] = field(default_factory=dict)
    _shown: dict[int, str] = field(default_factory=dict)  # display_text of each sentence

    def is_title(self, sentence: int) -> bool:
        """Whether sentence ``sentence`` belongs to the title."""
        return sentence < self.body_start

    def display(self, sentence: int) -> str:
        """Sentence ``sentence`` as evidence is shown (:func:`display_text`), worked out once per
        sentence: evidence and event summaries quote the same sentences many times."""
        shown = self._shown.get(sentence)
        if shown is None:
            shown = self._shown[sentence] = display_text(self.sentences[sentence].text)
        return shown


def analyse(article: Article) -> Document:
    """Find sentences and all mentions in ``article`` (title and body as one text)."""
    text = f"{article.title}\n\n{article.body}"
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    title_end = len(article.title)
    doc = Document(text, title_end, article.published, sentences)
    first_body = next((i for i, s in enumerate(sentences) if s.start >= title_end), len(sentences))
    doc.body_start = first_body
    doc.lead_end = min(first_body + 2, len(sentences))

    mentions = find_country_mentions(text)
    regions = find_regions(text)
    place_mentions = load_gazetteer().find(text)
    places = resolve_places(text, place_mentions, mentions, starts)
    capital_spans = {(p.start, p.end) for p in places if p.capital}
    kept = filter_countries(text, mentions, places, capital_spans, article.published)
    dates = with_day_parts(text, find_dates(text, article.published))
    found = [(d, _sentence_of(starts, d.start)) for d in dates]
    doc.dates = anchor_dates(text, sentences, title_end, found, article.published)
    # Roles matter only where events are told and in the lead; reading them elsewhere is waste.
    with_roles = {sentence for _, sentence in doc.dates} | {first_body}
    doc.speech = speech_positions(text)
    refs = _country_refs(text, kept, places, starts, with_roles, doc.speech)
    doc.setting = _setting(refs, doc.lead_end)
    doc.countries = _without_communities(text, refs, doc.setting)
    doc.places = places
    for ref in doc.countries:
        doc.countries_by_sentence.setdefault(ref.sentence, []).append(ref)
    for place in places:
        doc.places_by_sentence.setdefault(place.sentence, []).append(place)
    doc.regions = [(r, _sentence_of(starts, r.start)) for r in regions]
    return doc


def _setting(refs: list[CountryRef], lead_end: int) -> str | None:
    """The country the story is set in: the one whose towns it names most, counting a country
    named as a location ("in Lebanon") as a town and any other mention as a quarter of one;
    the title and lead count twice. None when the story names no country."""
    weight: dict[str, float] = {}
    for ref in refs:
        if ref.source or ref.speaker:
            continue
        where = 1.0 if ref.kind == "place" or ref.locative else 0.25
        weight[ref.iso3] = weight.get(ref.iso3, 0.0) + where * (
            2.0 if ref.sentence < lead_end else 1.0
        )
    return max(weight, key=lambda iso3: weight[iso3]) if weight else None


def _without_communities(
    text: str, refs: list[CountryRef], setting: str | None
) -> list[CountryRef]:
    """Drop demonyms that name a community rather than a state: in a story set in another
    country, a people named by a plural ("the Albanians of North Macedonia") or an ethnic noun
    ("Serb-held", "Croat villages"), unless it is a body acting for a state ("Serbian
    officials"); a demonym right after "ethnic" ("an ethnic Albanian insurgency"); and a demonym
    right after another ("Bosnian Croat forces")."""
    if setting is None:
        return refs
    # "Serb forces" in a story that never names Serbia: the Serbs of Croatia or Bosnia
    states = {r.iso3 for r in refs if r.kind in ("name", "capital", "historical")}
    kept: list[CountryRef] = []
    counted_end = -1  # where the last demonym kept as counted nationals ends
    for r in refs:
        demonym = r.kind == "demonym"
        if demonym and kept and kept[-1].kind == "demonym" and kept[-1].end + 1 == r.start:
            continue  # "Bosnian Croat forces": Croats of Bosnia, not Croatia
        if demonym and r.iso3 != setting and text.endswith(("ethnic ", "Ethnic "), 0, r.start):
            continue  # "an ethnic Albanian insurgency" in North Macedonia: a people
        ethnic = text[r.start : r.end] in _ETHNIC_NOUNS
        if (
            demonym
            and r.iso3 != setting
            and (text[r.end - 1] == "s" or ethnic)
            and ((ethnic and r.iso3 not in states) or not (r.actor or is_actor(text, r.end)))
        ):
            counted = (
                _COUNTED.search(text, max(0, r.start - 24), r.start) is not None
                or text[counted_end : r.start] in _LIST_GLUE
            )  # "ten Japanese", "among them Britons, Italians and Czechs": nationals
            if not counted:
                continue  # "Serbs fled", "Serb forces": a people, not the state
            counted_end = r.end
        kept.append(r)
    return kept


_LIST_GLUE = frozenset({", ", " and ", ", and "})


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(bisect_right(starts, offset) - 1, 0)


def _country_refs(
    text: str,
    kept: list[CountryMention],
    places: list[PlaceRef],
    starts: list[int],
    with_roles: set[int],
    speech: list[int],
) -> list[CountryRef]:
    """One reference per kept mention and per place; roles are read in ``with_roles`` only."""
    refs = []
    starts_at = {m.start for m in kept}  # "Bosnian Serb": two demonyms, not a longer name
    sentence = 0  # the mentions are in text order: their sentences are found walking forward
    last = len(starts) - 1
    for m in kept:
        while sentence < last and starts[sentence + 1] <= m.start:
            sentence += 1
        locative = source = actor = False
        if sentence in with_roles:
            # A possessive names an owner, not a place or a source: "resigned from Kosovo's
            # institutions" says nothing about coming from Kosovo.
            possessive = is_possessive(text, m.end)
            source = not possessive and is_source(text, m.start)
            locative = not possessive and not source and is_locative(text, m.start)
            actor = (
                m.kind == "demonym" or (m.kind == "name" and text[m.start : m.end].isupper())
            ) and is_actor(text, m.end)  # "American planes", "US ambassadors"
        if text.endswith(_SIDE_PREFIXES, max(0, m.start - 4), m.start):
            source, locative, actor = True, False, False  # "pro-Syrian": a side, not Syria
        k = bisect_left(speech, m.end)
        near = k < len(speech) and speech[k] - m.end < _SPEAKER_REACH
        speaker = near and not locative and is_speaker(text, m.end)
        if (
            m.kind in ("name", "demonym")
            and _NAME_GOES_ON.match(text, m.end)
            and m.end + 1 not in starts_at
        ):
            actor = True  # "Ukraine International Airlines", "Serbian Krajina": inside a name
        refs.append(
            CountryRef(m.start, m.end, m.iso3, m.kind, sentence, locative, source, actor, speaker)
        )
    taken = {(m.start, m.end) for m in kept}
    for p in places:
        if (p.start, p.end) in taken:
            continue
        refs.append(
            CountryRef(p.start, p.end, p.city.iso3, "place", p.sentence, p.locative, p.source)
        )
    refs.sort(key=lambda r: r.start)
    return refs
