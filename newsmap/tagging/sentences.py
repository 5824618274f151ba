"""Sentence splitting with character offsets, for prose as newspapers write it.

A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) when the next
word starts a new sentence, and always at a paragraph break. It does not end after honorifics
("Mr."), abbreviations of titles and months ("Gen.", "Sept."), initials ("J. Smith") or dotted
acronyms ("U.S. officials"), unless the acronym closes the sentence before a capitalised word
that is not a name-like continuation.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["Sentence", "display_text", "sentence_at", "split_sentences"]


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class Sentence:
    """A sentence of a text: ``text == source[start:end]``, stripped, and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


# Words that, written with a trailing dot, do not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt gen col lt maj capt cpt sgt adm gov sen rep rev hon pres
    amb ft no nos vol vs etc inc ltd co corp dept univ fig approx est al
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

MAX_SENTENCE_CHARS = 2_000
"""A longer run with no sentence end is cut at a space: evidence stays readable and tagging a
hostile file (a megabyte without a full stop) stays linear instead of quadratic."""

# Candidate boundaries: terminal punctuation, closing quotes/brackets, then space. Written to
# start with a character class (not a repeat) so that the regex engine skips ahead to one.
_BOUNDARY = re.compile(r"[.!?][.!?]*[\"'”’»)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n")
_LETTERS_AND_DOTS = string.ascii_letters + "."
_LONG_WORD = 1 + max(len(word) for word in _ABBREVIATIONS)  # letters no abbreviation has
_NEXT_START = re.compile(r"\s+([\"'“‘«(\[]*)(\S)")
# A dotted acronym such as "U.S." or "U.N.": one or more single letters each followed by a dot.
_ACRONYM = re.compile(r"(?:^|[^A-Za-z.])((?:[A-Za-z]\.){2,})$")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences in order, each with its offsets and paragraph number.

    Offsets index ``text``; whitespace around sentences is not part of them.
    """
    sentences: list[Sentence] = []
    for paragraph_no, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        start = p_start
        for match in _BOUNDARY.finditer(text, p_start, p_end):
            end = match.end()
            if _is_sentence_end(text, match.start(), end, start, p_end):
                _append(sentences, text, start, end, paragraph_no)
                start = end
        _append(sentences, text, start, p_end, paragraph_no)
    return sentences


def sentence_at(starts: list[int], offset: int) -> int:
    """Index of the sentence containing ``offset``, given the sentences' start offsets."""
    return max(bisect_right(starts, offset) - 1, 0)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _append(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    unled = chunk.lstrip()
    stripped = unled.rstrip()
    if not stripped:
        return
    real_start = start + len(chunk) - len(unled)
    real_end = real_start + len(stripped)
    if len(stripped) <= MAX_SENTENCE_CHARS:  # the usual sentence: the stripped text itself
        sentences.append(Sentence(real_start, real_end, stripped, paragraph))
        return
    while real_end - real_start > MAX_SENTENCE_CHARS:  # no sentence end for 2,000 characters
        cut = text.rfind(" ", real_start + MAX_SENTENCE_CHARS // 2, real_start + MAX_SENTENCE_CHARS)
        if cut <= real_start:
            cut = real_start + MAX_SENTENCE_CHARS
        piece = text[real_start:cut].rstrip()
        sentences.append(Sentence(real_start, real_start + len(piece), piece, paragraph))
        real_start = cut
        while real_start < real_end and text[real_start].isspace():
            real_start += 1
    sentences.append(Sentence(real_start, real_end, text[real_start:real_end], paragraph))


def _is_sentence_end(text: str, dot: int, end: int, start: int, p_end: int) -> bool:
    """Whether the punctuation at ``dot`` (run ending at ``end``) closes a sentence."""
    if (
        end == dot + 1
        and text[dot] == "."
        and text.startswith(" ", end)
        and text[end + 1 : end + 2].isupper()
        and dot - _LONG_WORD >= start
        and _is_ascii_word(text[dot - _LONG_WORD : dot])
    ):
        return True  # the common case, "...a long word. Then": no abbreviation is that long
    following = _NEXT_START.match(text, end, p_end)
    if following is None:
        return True
    next_char = following.group(2)
    if text[dot] != ".":
        # "!" and "?" end a sentence unless the text runs on in lower case ("Why? because...").
        return not next_char.islower()
    if next_char.islower() or next_char in ",;:":
        return False
    # A dotted acronym ends "X.Y." (checked first: the search is rarely needed).
    if dot >= 2 and text[dot - 2] == "." and _ACRONYM.search(text[max(start, dot - 12) : dot + 1]):
        # "the U.S. Embassy" runs on; "...in the U.S. It was" ends: decide on the next word.
        return _next_word_starts_sentence(text, following.start(2), p_end)
    word = _word_before(text[max(start, dot - 40) : dot])
    if not word:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. K. Rowling"
    return word.rstrip(".").lower() not in _ABBREVIATIONS


def _is_ascii_word(chars: str) -> bool:
    return chars.isascii() and chars.isalpha()


def _word_before(before: str) -> str:
    """The word ``before`` ends with: from its first letter to its end, letters and dots
    (``[A-Za-z][A-Za-z.]*$``, so a final newline may follow); "" when there is none."""
    if before.endswith("\n"):
        before = before[:-1]
    return before[len(before.rstrip(_LETTERS_AND_DOTS)) :].lstrip(".")


_SENTENCE_OPENERS = frozenset(
    """
    a an the it its this that these those he she they we i you there here his her their our
    in on at by for from with after before during since when while as but and or if yet
    however meanwhile later earlier officials some many most one two three last next
    """.split()
)


def _next_word_starts_sentence(text: str, pos: int, p_end: int) -> bool:
    word_end = pos
    while word_end < p_end and (text[word_end].isalpha() or text[word_end] in "'’"):
        word_end += 1
    return text[pos:word_end].lower() in _SENTENCE_OPENERS


def display_text(sentence: str) -> str:
    """The sentence as evidence: without a quotation mark it opens or closes but does not pair
    (a quotation running over several sentences leaves one at each end)."""
    text = sentence.strip()
    opens = text.count("“") + text.count("«")
    closes = text.count("”") + text.count("»")
    straight_odd = text.count('"') % 2 == 1
    if (text[:1] in "“«" and opens > closes) or (text[:1] == '"' and straight_odd):
        text = text[1:].lstrip()
        opens -= 1
    if (text[-1:] in "”»" and closes > opens) or (text[-1:] == '"' and straight_odd):
        text = text[:-1].rstrip()
    return text
