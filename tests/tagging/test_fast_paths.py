"""The tagger's fast paths find what their plain forms find, on any text: the date pattern tried
only through the alternatives that can start at a character, the words that may open a date
grouped by first letter, the plan search skipped for clauses without a plan's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmap.tagging.clauses import _FUTURE, is_future
from newsmap.tagging.dates import (
    _OPENER_BEFORE,
    _OPENING_MONTHS,
    _OPENING_WORDS,
    _PATTERN,
    _alternatives,
    _pattern_at,
)

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


def _gold_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(GOLD.glob("*.md"))]


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    found = {k: v for k, v in a.groupdict().items() if v is not None}
    return (
        a.span() == b.span()
        and a.lastgroup == b.lastgroup
        and found == {k: v for k, v in b.groupdict().items() if v is not None}
    )


# Words and marks dates are written with, in several cases, with the letters Python's
# case-insensitive matching also takes for "i", "k" and "s".
_DATE_WORDS = [
    "in", "In", "IN", "İn", "ın", "on", "On", "the", "The", "of", "since", "ſince", "early",
    "late", "mid", "last", "Last", "this", "next", "year", "month", "years", "ago", "today",
    "two", "Two", "a", "an", "few", "Monday", "on Monday", "March", "May", "Sept.", "Sep",
    "December", "Dec.", "1999", "2014", "5", "15th", "31", "1990s", "'90s", "’90s", "to", "and",
    "-", "–", "No.", "Square", "x", "(", "“",
]  # fmt: skip
_DATE_TEXT = st.lists(
    st.tuples(st.sampled_from(_DATE_WORDS), st.sampled_from([" ", " ", ", ", "-", ".", "\n", ""])),
    max_size=12,
).map(lambda parts: "".join(word + gap for word, gap in parts))


@settings(max_examples=500, deadline=None)
@given(text=_DATE_TEXT)
def test_date_pattern_at_a_character_is_the_full_pattern(text: str) -> None:
    for at in range(len(text)):
        assert _same(_pattern_at(text, at), _PATTERN.match(text, at)), (text, at)


def test_date_pattern_at_every_position_of_the_gold_articles() -> None:
    for text in _gold_texts():
        for at in range(len(text)):
            assert _same(_pattern_at(text, at), _PATTERN.match(text, at)), (text[at:at + 40])


def test_the_date_pattern_splits_into_its_alternatives() -> None:
    parts = _alternatives(_PATTERN.pattern)
    assert "|".join(parts) == _PATTERN.pattern
    assert len(parts) == len([name for name in _PATTERN.groupindex if "_" not in name])
    assert _alternatives(r"a(b|c)|[|\]]|\||d") == ["a(b|c)", r"[|\]]", r"\|", "d"]


# The opening words as they were searched before being grouped by first letter: longest first.
_PLAIN_OPENER = re.compile(
    r"(?<![^\s(\"“‘])(?:(?P<other>[^A-Za-z\s])"
    + r"|(?:" + "|".join(sorted(_OPENING_MONTHS, key=len, reverse=True)) + r")(?![^\W\d_])"
    + r"|(?i:(?:" + "|".join(sorted(_OPENING_WORDS, key=len, reverse=True)) + r"))(?![^\W\d_]))"
)


@settings(max_examples=500, deadline=None)
@given(text=_DATE_TEXT, cut=st.integers(min_value=0, max_value=6))
def test_opening_words_grouped_by_letter_match_as_the_plain_list(text: str, cut: int) -> None:
    end = max(0, len(text) - cut)  # also windows that end inside a word, as before an anchor
    plain = [(m.span(), m.group("other")) for m in _PLAIN_OPENER.finditer(text, 0, end)]
    fast = [(m.span(), m.group("other")) for m in _OPENER_BEFORE.finditer(text, 0, end)]
    assert fast == plain


_FUTURE_WORDS = [
    "will", "Will", "was", "were", "is", "are", "to", "to be", "due", "expected", "set",
    "scheduled", "shall", "plans", "planned", "intends", "upcoming", "forthcoming", "next",
    "the", "The", "expects", "later", "this", "year", "them", "a", "his", "attack", "x", "towns",
    "willing", "Toronto", "in", "on", "by", "for",
]  # fmt: skip
_FUTURE_TEXT = st.lists(
    st.tuples(st.sampled_from(_FUTURE_WORDS), st.sampled_from([" ", " ", "  ", "\n", "\t", ", "])),
    max_size=10,
).map(lambda parts: "".join(word + gap for word, gap in parts))


@settings(max_examples=500, deadline=None)
@given(text=_FUTURE_TEXT, data=st.data())
def test_is_future_is_the_plain_search(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    assert is_future(text, start, end) == (_FUTURE.search(text, start, end) is not None)


@pytest.mark.parametrize(
    "plan",
    ["will", "was to go", "were due to hand", "shall", "scheduled for", "plans to", "is due to",
     "intends to", "is to", "are set to", "are to", "due in", "due by", "upcoming", "forthcoming",
     "next", "expects them to", "later this year"],
)  # fmt: skip
def test_each_kind_of_plan_is_found(plan: str) -> None:
    text = f"Officials said talks {plan} resume."
    assert _FUTURE.search(text) is not None
    assert is_future(text, 0, len(text))


@pytest.mark.parametrize("size", [60, 200])
def test_is_future_on_windows_of_the_gold_articles(size: int) -> None:
    for text in _gold_texts():
        for start in range(0, len(text), 7):
            end = min(len(text), start + size)
            assert is_future(text, start, end) == (_FUTURE.search(text, start, end) is not None)
