"""Regions and unions ("Western Balkans", "the Sahel", "the EU"): recognised, never countries.

The names and their alternates are in ``geo/regions.tsv``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newsmap.geo.fold import fold_key
from newsmap.geo.lexicon import load_phrase_table, read_tsv, scan_phrases
from newsmap.geo.lexicon import strip_article as _strip_article

__all__ = ["RegionMention", "find_regions", "region_names", "resolve_region"]


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class RegionMention:
    """A region named in running text; ``name`` is canonical ("Western Balkans")."""

    start: int
    end: int
    surface: str
    name: str


def find_regions(text: str) -> list[RegionMention]:
    """Every region mention in ``text``, leftmost-longest, whole words, capitalised."""
    return [
        RegionMention(m.start, m.end, m.surface, m.entry.value)
        for m in scan_phrases(text)
        if m.entry.category == "region"
    ]


def resolve_region(text: str) -> str | None:
    """The canonical region a whole name stands for ("the Balkans" -> "Balkans"), or None."""
    surface = _strip_article(text)
    entry = load_phrase_table().get(fold_key(surface))
    if entry is None or entry.category != "region":
        return None
    if entry.upper_only and not surface.isupper():
        return None
    return entry.value


@functools.cache
def region_names() -> tuple[str, ...]:
    """Every canonical region name, sorted."""
    return tuple(sorted({row["region"] for row in read_tsv("regions.tsv")}))
