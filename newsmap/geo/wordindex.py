"""Names looked up word by word in running text, the matching the phrase table and the gazetteer
share.

A name starts at a capitalised word of the original text and runs over folded words (see
:mod:`newsmap.geo.fold`, which keeps offsets) joined by in-name separators. A :class:`NameIndex`
maps folded keys (words joined by single spaces, as :func:`~newsmap.geo.fold.fold_key` gives)
to values and lists, longest first, the keys that the words at a position spell. Per text, the
folded text and the capitalised words are computed once and shared by the finders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from itertools import compress
from operator import itemgetter
from typing import Generic, TypeVar

from newsmap.geo.fold import fold

__all__ = [
    "GAP_START",
    "NameIndex",
    "capital_folded",
    "capital_word_re",
    "capital_words",
    "first_letter_alternation",
    "folded_text",
    "upper_class",
    "word_run_re",
]


def upper_class() -> str:
    """A regex character class of the capital letters of the Latin, Greek and Cyrillic
    blocks (Python's ``re`` has no ``\\p{Lu}``)."""
    ranges = [(0x41, 0x5B), (0xC0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00)]
    chars = [chr(c) for lo, hi in ranges for c in range(lo, hi) if chr(c).isupper()]
    return "[" + re.escape("".join(chars)) + "]"


# A word that starts with a capital letter (not preceded by another word character). The look-behind
# follows the capital, so that the regex engine can skip ahead to capitals.
capital_word_re = re.compile(upper_class() + r"(?<!\w.)\w*", re.DOTALL)
# Up to six words joined by in-name separators: one or two spaces, a hyphen, slash or apostrophe,
# or an abbreviation's full stop ("St. Petersburg", "U.S."). Applied to folded text.
_GAP = r"(?:[ \t]{1,2}|[ \t]?[-/'][ \t]?|\.[ \t]?)"
word_run_re = re.compile(r"\w+(?:" + _GAP + r"\w+){0,5}")
GAP_START = frozenset(" \t-/'.")
"""The characters an in-name separator can start with."""
_NEXT_WORD = re.compile(_GAP + r"([^\W_]+)")  # a separator and the key word after it
_WORD = re.compile(r"[^\W_]+")  # the words of a key (see fold_key)

_V = TypeVar("_V")


def first_letter_alternation(words: Iterable[str], word_start: bool = False) -> str:
    """A regex alternation of literal ``words`` grouped by first letter (a shallow trie); longer
    words first within a group, so that the longest word at a position is the one matched.

    Every branch opens with a literal character, so a search skips in C to the characters that
    can start a word (a pattern that opens with ``\\b`` is tried at every position instead);
    with ``word_start`` each word must start a word (the look-behind stands in for ``\\b``).
    """
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    start = r"(?<!\w.)" if word_start else ""
    return "|".join(
        f"{re.escape(first)}{start}(?:{'|'.join(rest)})" for first, rest in sorted(by_first.items())
    )


@functools.lru_cache(maxsize=16)
def folded_text(text: str) -> str:
    """:func:`fold` of ``text``, cached so the finders that share a text fold it once."""
    return fold(text)


@functools.lru_cache(maxsize=16)
def capital_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, folded word) of every capitalised word of ``text``, cached like the fold."""
    folded = folded_text(text)
    spans = map(re.Match.span, capital_word_re.finditer(text))
    return tuple([(start, end, folded[start:end]) for start, end in spans])


@functools.lru_cache(maxsize=16)
def capital_folded(text: str) -> tuple[str, ...]:
    """The folded words of :func:`capital_words`, alone (for filtering in C)."""
    return tuple(map(itemgetter(2), capital_words(text)))


class NameIndex(Generic[_V]):
    """Folded keys to values, with what it takes to find them word by word: each first word's
    longest key (in words) and the first two words of every longer key."""

    def __init__(self, table: dict[str, _V], most_words: int | None = None) -> None:
        """Index ``table``; keys of more than ``most_words`` words are never found in text."""
        self.table = table
        self.max_words: dict[str, int] = {}
        self._pairs: set[str] = set()
        for key in table:
            words = key.split(" ")
            if most_words is not None and len(words) > most_words:
                continue
            first = words[0]
            self.max_words[first] = max(self.max_words.get(first, 0), len(words))
            if len(words) > 1:
                self._pairs.add(f"{first} {words[1]}")

    @classmethod
    def prepared(
        cls, table: dict[str, _V], max_words: dict[str, int], pairs: set[str]
    ) -> NameIndex[_V]:
        """An index over ``table`` from its first-word lengths and word pairs computed before
        (as :attr:`max_words` and :meth:`pairs` give them), skipping the work of indexing."""
        index: NameIndex[_V] = cls.__new__(cls)
        index.table = table
        index.max_words = max_words
        index._pairs = pairs
        return index

    def starts_in(self, text: str) -> Iterator[tuple[int, int, str]]:
        """The :func:`capital_words` of ``text`` that some key starts with, in order (the words
        are filtered by a dictionary look-up run in C, not a Python loop)."""
        starts_key = map(self.max_words.__contains__, capital_folded(text))
        return compress(capital_words(text), starts_key)

    def pairs(self) -> set[str]:
        """The first two words of every key of two words or more."""
        return self._pairs

    def continues(self, folded: str, start: int, first_end: int, limit: int) -> bool:
        """Whether a key of two words or more may start at ``start`` (its first word ending at
        ``first_end`` before a separator): False when the next word makes a pair no key starts
        with, the usual answer, which a caller can take without asking :meth:`spans`."""
        second = _NEXT_WORD.match(folded, first_end, limit)
        return second is None or f"{folded[start:first_end]} {second[1]}" in self._pairs

    def spans(
        self, folded: str, start: int, first_end: int, limit: int
    ) -> list[tuple[int, str, _V]]:
        """(end, key, value) for each key spelt by the words of ``folded`` from ``start`` (the
        first word ends at ``first_end``; nothing past ``limit``), longest first."""
        first = folded[start:first_end]
        most = self.max_words.get(first, 0)
        found: list[tuple[int, str, _V]] = []
        if most > 1 and first_end < limit and folded[first_end] in GAP_START:
            found = self._longer_spans(folded, start, first_end, limit, most)
        if most and first_end <= limit:
            value = self.table.get(first)
            if value is not None:
                found.append((first_end, first, value))
        return found

    def _longer_spans(
        self, folded: str, start: int, first_end: int, limit: int, most: int
    ) -> list[tuple[int, str, _V]]:
        """The keys of two words or more at ``start`` (of ``most`` words at most)."""
        second = _NEXT_WORD.match(folded, first_end, limit)
        if second is not None and f"{folded[start:first_end]} {second[1]}" not in self._pairs:
            return []  # no key starts with these two words
        run = word_run_re.match(folded, start, limit)
        if run is None or run.end() <= first_end:
            return []
        words: list[str] = []
        ends: list[int] = []
        for word in _WORD.finditer(folded, start, run.end()):
            words.append(word.group())
            ends.append(word.end())
            if len(words) == most:
                break
        found: list[tuple[int, str, _V]] = []
        for n in range(len(words), 1, -1):
            key = " ".join(words[:n])
            value = self.table.get(key)
            if value is not None:
                found.append((ends[n - 1], key, value))
        return found
