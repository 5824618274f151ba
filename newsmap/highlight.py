"""Article text made safe for HTML, with marks: search matches and the evidence behind each tag.

Every function escapes the text first and only then adds its own ``<mark>`` tags, so nothing
an article holds can become markup.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsmap.query import HIGHLIGHT_END, HIGHLIGHT_START

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_text(text: str | None) -> str:
    """``text`` escaped for HTML (quotes included), with control characters dropped."""
    if not text:
        return ""
    return html.escape(_CONTROL.sub("", text.replace(HIGHLIGHT_START, "").replace(
        HIGHLIGHT_END, "")), quote=True)


def isolate(text: str | None) -> str:
    """``text`` escaped and wrapped in ``<bdi>``: right-to-left text or a bidi override it
    holds (U+202E) cannot reorder the app's own text around it."""
    return f"<bdi>{escape_text(text)}</bdi>"


def mark_snippet(snippet: str | None) -> str:
    """A full-text snippet with its sentinel-delimited matches turned into ``<mark>`` elements."""
    if not snippet:
        return ""
    out: list[str] = []
    open_mark = False
    for part in re.split(f"([{HIGHLIGHT_START}{HIGHLIGHT_END}])", snippet):
        if part == HIGHLIGHT_START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif part == HIGHLIGHT_END and open_mark:
            out.append("</mark>")
            open_mark = False
        elif part not in (HIGHLIGHT_START, HIGHLIGHT_END):
            out.append(escape_text(part))
    if open_mark:
        out.append("</mark>")
    return "".join(out)


@dataclass(frozen=True)
class Evidence:
    """A sentence of an article that supports a tag, and how to label its mark."""

    sentence: str
    label: str
    kind: str = "country"
    """One of country, place, event: picks the mark's CSS class."""


@dataclass
class _Span:
    start: int
    end: int
    labels: list[str]
    kinds: list[str]


def highlight_evidence(body: str, evidence: Sequence[Evidence]) -> str:
    """The article body as escaped HTML paragraphs, each evidence sentence wrapped in a
    ``<mark>`` whose title names the tags it supports (overlapping evidence is merged).

    Linear in the body and the evidence: all sentences are found in one pass over each
    paragraph (an Aho-Corasick automaton over whitespace-normalised text).
    """
    matcher = _Matcher(evidence)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    return "".join(f'<p dir="auto">{_highlight_block(block, matcher)}</p>' for block in blocks)


def _highlight_block(block: str, matcher: _Matcher) -> str:
    pieces: list[str] = []
    cursor = 0
    for span in _merge(matcher.spans(block)):
        pieces.append(escape_text(block[cursor:span.start]))
        kinds = " ".join(f"ev-{re.sub('[^a-z]', '', k)}" for k in dict.fromkeys(span.kinds))
        title = escape_text("; ".join(dict.fromkeys(span.labels)))
        pieces.append(f'<mark class="evidence {kinds}" title="{title}">'
                      f"{escape_text(block[span.start:span.end])}</mark>")
        cursor = span.end
    pieces.append(escape_text(block[cursor:]))
    return "".join(pieces).replace("\n", "<br>")


class _Matcher:
    """Every evidence sentence at once, found in one pass over a paragraph.

    Sentences and text are compared with their whitespace runs written as one space. A sentence
    can only start where a word starts (after a space or a punctuation mark) with a character
    some sentence starts with, so only those positions are tried, each with a few look-ups:
    sentences shorter than :data:`_KEY` characters by their whole text, longer ones by their
    first :data:`_KEY` characters and then compared in full.
    """

    def __init__(self, evidence: Sequence[Evidence]) -> None:
        self.patterns: list[tuple[str, list[str], list[str]]] = []  # text, labels, kinds
        self.long: dict[str, list[int]] = {}
        self.short: dict[int, dict[str, int]] = {}
        numbers: dict[str, int] = {}
        for item in evidence:
            sentence = " ".join(item.sentence.split())
            if len(sentence) < 3:
                continue
            number = numbers.get(sentence)
            if number is None:
                number = numbers[sentence] = len(self.patterns)
                self.patterns.append((sentence, [], []))
                if len(sentence) < _KEY:
                    self.short.setdefault(len(sentence), {})[sentence] = number
                else:
                    self.long.setdefault(sentence[:_KEY], []).append(number)
            self.patterns[number][1].append(item.label)
            self.patterns[number][2].append(item.kind)
        firsts = "".join(sorted({re.escape(text[0]) for text, _, _ in self.patterns}))
        self.starts = re.compile(f"(?<!\\w)(?=[{firsts}])") if firsts else None

    def spans(self, block: str) -> list[_Span]:
        """Where evidence sentences occur in ``block``, as offsets into ``block``."""
        if self.starts is None:
            return []
        words = [(m.start(), m.end()) for m in _WORD.finditer(block)]
        text = " ".join(block[start:end] for start, end in words)
        word_at: list[int] = []  # offset in ``text`` where each word starts
        position = 0
        for start, end in words:
            word_at.append(position)
            position += end - start + 1
        hits: list[tuple[int, int]] = []  # (start in text, pattern number)
        short = list(self.short.items())
        long, patterns = self.long, self.patterns
        for match in self.starts.finditer(text):
            at = match.start()
            for length, table in short:
                number = table.get(text[at:at + length])
                if number is not None:
                    hits.append((at, number))
            for number in long.get(text[at:at + _KEY], ()):
                if text.startswith(patterns[number][0], at):
                    hits.append((at, number))
        spans = []
        for at, number in hits:
            sentence, labels, kinds = patterns[number]
            spans.append(_Span(_original(at, word_at, words),
                               _original(at + len(sentence) - 1, word_at, words) + 1,
                               labels, kinds))
        return sorted(spans, key=lambda s: (s.start, -s.end))


_KEY = 40
"""Characters of a long evidence sentence looked up before comparing the whole sentence."""
_WORD = re.compile(r"\S+")


def _original(offset: int, word_at: list[int], words: list[tuple[int, int]]) -> int:
    """The offset in the block of the character at ``offset`` of the normalised text."""
    word = bisect_right(word_at, offset) - 1
    return words[word][0] + offset - word_at[word]


def _merge(spans: list[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, span.end)
            last.labels.extend(span.labels)
            last.kinds.extend(span.kinds)
        else:
            merged.append(_Span(span.start, span.end, list(span.labels), list(span.kinds)))
    return merged
