"""Sentence splitting: offsets, paragraphs, abbreviations, initials, acronyms and quotes."""

from __future__ import annotations

import pytest

from newsmap.tagging.sentences import display_text, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_index_the_source() -> None:
    text = "  First one.  Second one?\n\nThird, in a new paragraph!  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "First one.",
        "Second one?",
        "Third, in a new paragraph!",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("It was J. K. Rowling. She wrote.", ["It was J. K. Rowling.", "She wrote."]),
        (
            "U.S. officials met U.N. envoys. Talks ended.",
            ["U.S. officials met U.N. envoys.", "Talks ended."],
        ),
        ("He flew to the U.S. It rained.", ["He flew to the U.S.", "It rained."]),
        ("The vote came in Sept. 2015 after talks.", ["The vote came in Sept. 2015 after talks."]),
        ("Prices rose 3.5 per cent. Wages fell.", ["Prices rose 3.5 per cent.", "Wages fell."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_quotes_close_sentences() -> None:
    text = "“The government has decided,” he said. “Go home.” They left."
    assert texts(text) == ["“The government has decided,” he said.", "“Go home.”", "They left."]


def test_lower_case_continuation_is_not_a_new_sentence() -> None:
    assert texts("Why? because it mattered. Then it ended.") == [
        "Why? because it mattered.",
        "Then it ended.",
    ]


def test_paragraph_break_always_ends_a_sentence() -> None:
    assert texts("A heading without a full stop\n\nBody text.") == [
        "A heading without a full stop",
        "Body text.",
    ]


def test_display_text_drops_unpaired_quotes() -> None:
    assert display_text("“In 2014, Albania welcomed them.") == "In 2014, Albania welcomed them."
    assert display_text("It ended in the 1990s.”") == "It ended in the 1990s."
    assert display_text("“Go home,” he said.") == "“Go home,” he said."
    assert display_text('"Unpaired straight') == "Unpaired straight"
