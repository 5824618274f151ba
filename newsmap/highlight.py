"""Article text made safe for HTML, with marks: search matches and the evidence behind each tag.

Every function escapes the text first and only then adds its own ``<mark>`` tags, so nothing
an article holds can become markup.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections import deque
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
    """Every evidence sentence at once: an Aho-Corasick automaton over the sentences with their
    whitespace runs written as one space, so a paragraph is searched in one pass."""

    def __init__(self, evidence: Sequence[Evidence]) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.fail: list[int] = [0]
        self.found: list[list[int]] = [[]]  # pattern numbers ending at each node
        self.patterns: list[tuple[int, list[str], list[str]]] = []  # length, labels, kinds
        numbers: dict[str, int] = {}
        for item in evidence:
            sentence = " ".join(item.sentence.split())
            if len(sentence) < 3:
                continue
            number = numbers.get(sentence)
            if number is None:
                number = numbers[sentence] = len(self.patterns)
                self.patterns.append((len(sentence), [], []))
                self._add(sentence, number)
            self.patterns[number][1].append(item.label)
            self.patterns[number][2].append(item.kind)
        self._link()

    def _add(self, sentence: str, number: int) -> None:
        node = 0
        for char in sentence:
            following = self.goto[node].get(char)
            if following is None:
                following = len(self.goto)
                self.goto[node][char] = following
                self.goto.append({})
                self.fail.append(0)
                self.found.append([])
            node = following
        self.found[node].append(number)

    def _link(self) -> None:
        """Failure links, breadth first; each node's matches include its failure node's."""
        queue = deque(self.goto[0].values())
        while queue:
            node = queue.popleft()
            for char, child in self.goto[node].items():
                queue.append(child)
                back = self.fail[node]
                while back and char not in self.goto[back]:
                    back = self.fail[back]
                target = self.goto[back].get(char, 0)
                self.fail[child] = target if target != child else 0
                if self.found[self.fail[child]]:
                    self.found[child] = self.found[child] + self.found[self.fail[child]]

    def spans(self, block: str) -> list[_Span]:
        """Where evidence sentences occur in ``block``, as offsets into ``block``."""
        if not self.patterns:
            return []
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", block)]
        text = " ".join(block[start:end] for start, end in words)
        word_at: list[int] = []  # offset in ``text`` where each word starts
        position = 0
        for start, end in words:
            word_at.append(position)
            position += end - start + 1
        goto, fail, found = self.goto, self.fail, self.found
        hits: list[tuple[int, int]] = []  # (end in text, pattern number)
        node = 0
        for index, char in enumerate(text):
            while node and char not in goto[node]:
                node = fail[node]
            node = goto[node].get(char, 0)
            if found[node]:
                hits.extend((index + 1, number) for number in found[node])
        spans = []
        for end, number in hits:
            length, labels, kinds = self.patterns[number]
            spans.append(_Span(_original(end - length, word_at, words),
                               _original(end - 1, word_at, words) + 1, labels, kinds))
        return sorted(spans, key=lambda s: (s.start, -s.end))


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
