"""The quick tests in front of the tagger's scans skip only work that could find nothing: each
scan gives what its plain form (every position tried) gives, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmap.geo.placecues import _CUE_WORDS, _QUOTES_BEFORE_WORD, _cue_words
from newsmap.geo.wordindex import NameIndex, capital_words
from newsmap.tagging.dates import _ANAPHORIC, _anaphor_search
from newsmap.tagging.lexicon import _TYPES, EVENT_LEXICON, _stem, find_cues

# The lexicon's words and its entries' stems (some stems begin others of another type:
# "smuggl" and "smuggled ", "bomb" and "bombing").
_STEM_WORDS = sorted(
    {word for entries in EVENT_LEXICON.values() for entry in entries
     for word in re.findall(r"[a-z]{2,}", entry)}
    | {_stem(entry).strip() for entries in EVENT_LEXICON.values() for entry in entries}
)


def _plain_cues(text: str) -> list[tuple[int, int]]:
    """Every type tried at every word start (after a non-word character), but not at the
    month "March"."""
    lowered = " " + text.lower()
    return [
        (at - 1, index)
        for at in range(1, len(lowered))
        if re.match(r"\W", lowered[at - 1]) and not text.startswith("March", at - 1)
        for index, (_, pattern) in enumerate(_TYPES)
        if pattern.match(lowered, at)
    ]


_LEXICON_TEXT = st.lists(
    st.tuples(
        st.sampled_from([*_STEM_WORDS, "the", "of", "a", "x"]),
        st.sampled_from(["", "s", "ed", "ing", "-", "er"]),
        st.sampled_from([" ", " ", ", ", "-", ". ", "\n"]),
    ),
    max_size=10,
).map(lambda parts: "".join(w + tail + gap for w, tail, gap in parts))


@settings(max_examples=1000, deadline=None)
@given(text=_LEXICON_TEXT, case=st.sampled_from([str, str.upper, str.title]))
def test_event_cues_are_every_type_tried_everywhere(text: str, case: object) -> None:
    sample = case(text)  # type: ignore[operator]
    assert find_cues(sample) == _plain_cues(sample)


def _plain_cue_words(text: str) -> list[tuple[int, str]]:
    """The capitalised words one space after a cue word that follows a blank, the text's start
    or opening quotes and brackets, read a character at a time."""
    found = []
    for start, _, _ in capital_words(text):
        if start < 3 or text[start - 1] != " ":
            continue
        i = start - 1
        while i and text[i - 1].isalpha():
            i -= 1
        word = text[i : start - 1]
        if word not in _CUE_WORDS:
            continue
        while i and text[i - 1] in _QUOTES_BEFORE_WORD:
            i -= 1
        if not i or text[i - 1] in " \n":
            found.append((start, word))
    return found


_CUE_TEXT = st.lists(
    st.sampled_from([*sorted(_CUE_WORDS), "within", "onto", "Tirana", "Erbil", "X", "the", "(",
                     "“", "xin", "Zin", "é", "1"]),
    max_size=12,
).flatmap(lambda words: st.tuples(st.just(words), st.lists(
    st.sampled_from([" ", " ", "  ", "\n", ""]), min_size=len(words), max_size=len(words))))


@settings(max_examples=400, deadline=None)
@given(parts=_CUE_TEXT)
def test_cue_words_are_the_plain_scan(parts: tuple[list[str], list[str]]) -> None:
    text = "".join(w + gap for w, gap in zip(*parts, strict=True))
    assert list(_cue_words(text)) == _plain_cue_words(text)


_NAMES = NameIndex(
    {"new york": 1, "new": 2, "san marino": 3, "san jose del cabo": 4, "york": 5, "rio": 6}
)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(["new", "york", "san", "marino", "jose", "del", "cabo", "rio", "x"]),
        min_size=1,
        max_size=5,
    ),
    gaps=st.lists(st.sampled_from([" ", "  ", "-", "/", ". ", "'"]), min_size=4, max_size=4),
)
def test_a_word_no_longer_key_continues_from_has_only_its_own_span(
    words: list[str], gaps: list[str]
) -> None:
    folded = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=False))
    first_end = len(words[0])
    if first_end == len(folded):
        return
    spans = _NAMES.spans(folded, 0, first_end, len(folded))
    if not _NAMES.continues(folded, 0, first_end, len(folded)):
        assert all(end == first_end for end, _, _ in spans)


# Anaphoric phrases and their parts, in the cases and spellings the case-insensitive pattern
# takes ("ı", "İ" and "ſ" match "i" and "s"), among words that begin like their words
# ("thatch", "lately", "dayton") and numbers, so that phrases are whole, broken or run together.
_ANAPHOR_PHRASE = st.sampled_from([
    "two days later", "twenty-one years later", "a few weeks earlier", "several months after",
    "days afterwards", "the day after the fire,", "a fortnight later", "hours later",
    "the following week", "the next March", "the previous autumn", "the same day",
    "last summer", "that December", "later that evening", "earlier that year", "3 days later",
    "12 years earlier", "ſeveral days later", "thİrty years later", "The Following Week",
    "THAT NIGHT", "Two Days Later", "٣ days later",
])
_ANAPHOR_WORDS = st.sampled_from(
    "two twenty-one a an few several days weeks the following next later earlier after that "
    "last spring March thatch lately dayton thıs Two TWO 3 123 ٣ x of in".split()
)
_ANAPHOR_TEXT = st.lists(
    st.tuples(_ANAPHOR_PHRASE | _ANAPHOR_WORDS,
              st.sampled_from([" ", " ", "  ", ", ", ".", "-", "\n", ""])),
    max_size=8,
).map(lambda parts: "".join(word + gap for word, gap in parts))


@settings(max_examples=1500, deadline=None)
@given(text=_ANAPHOR_TEXT, data=st.data())
def test_anaphor_search_is_the_plain_search(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain = _ANAPHORIC.search(text, start, end)
    found = _anaphor_search(text, start, end)
    assert (found and (found.span(), found.groupdict())) == (
        plain and (plain.span(), plain.groupdict())
    )
