"""Article text made safe for HTML, with marks: search matches and the evidence behind each tag.

Every function escapes the text first and only then adds its own ``<mark>`` tags, so nothing
an article holds can become markup.
"""

from __future__ import annotations

import html
import re
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


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    labels: tuple[str, ...]
    kinds: tuple[str, ...]


def highlight_evidence(body: str, evidence: Sequence[Evidence]) -> str:
    """The article body as escaped HTML paragraphs, each evidence sentence wrapped in a
    ``<mark>`` whose title names the tags it supports (overlapping evidence is merged)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    return "".join(f"<p>{_highlight_block(block, evidence)}</p>" for block in blocks)


def _highlight_block(block: str, evidence: Sequence[Evidence]) -> str:
    pieces: list[str] = []
    cursor = 0
    for span in _merge(_find_spans(block, evidence)):
        pieces.append(escape_text(block[cursor:span.start]))
        kinds = " ".join(f"ev-{re.sub('[^a-z]', '', k)}" for k in dict.fromkeys(span.kinds))
        title = escape_text("; ".join(dict.fromkeys(span.labels)))
        pieces.append(f'<mark class="evidence {kinds}" title="{title}">'
                      f"{escape_text(block[span.start:span.end])}</mark>")
        cursor = span.end
    pieces.append(escape_text(block[cursor:]))
    return "".join(pieces).replace("\n", "<br>")


def _find_spans(body: str, evidence: Sequence[Evidence]) -> list[_Span]:
    spans: list[_Span] = []
    for item in evidence:
        sentence = item.sentence.strip()
        if len(sentence) < 3:
            continue
        pattern = r"\s+".join(re.escape(word) for word in sentence.split())
        for match in re.finditer(pattern, body):
            spans.append(_Span(match.start(), match.end(), (item.label,), (item.kind,)))
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _merge(spans: list[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for span in spans:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = _Span(last.start, max(last.end, span.end),
                               last.labels + span.labels, last.kinds + span.kinds)
        else:
            merged.append(span)
    return merged
