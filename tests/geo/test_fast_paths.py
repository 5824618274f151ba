"""The hand-written fast paths of the gazetteer and the sentence splitter agree with the regular
expressions they replace, on any text (the tagger's output must not change with its speed)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmap.geo.gazetteer import _used_in_lower_case, _word_before
from newsmap.tagging.sentences import _word_before as _sentence_word_before

_TEXT = st.text(alphabet=st.sampled_from(list("aZé_1 .\n\t'’-ʼ")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, key=st.sampled_from(["a", "aa", "é", "a a", "1"]))
def test_used_in_lower_case_is_a_whole_word_search(text: str, key: str) -> None:
    expected = re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) is not None
    assert _used_in_lower_case(text, key) == expected


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, data=st.data())
def test_word_before_is_the_regex_on_the_window(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    window = max(0, start - 40)
    match = re.search(r"(\w+) $", text[window:start])
    expected = None if match is None else (window + match.start(1), window + match.end(1))
    assert _word_before(text, start) == expected


@settings(max_examples=300, deadline=None)
@given(before=st.text(alphabet=st.sampled_from(list("aZ. \n)")), max_size=20))
def test_sentence_word_before_is_the_regex(before: str) -> None:
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
    assert _sentence_word_before(before) == (match.group(1) if match else "")
