"""Region tags: named regions ("Western Balkans", "South Caucasus"), kept as filters, never as
countries or places."""

from __future__ import annotations

from newsmap.model import RegionTag
from newsmap.tagging.document import Document

__all__ = ["region_tags"]


def region_tags(doc: Document) -> tuple[RegionTag, ...]:
    """One tag per distinct region, in order of first mention, with its evidence sentence."""
    seen: set[str] = set()
    tags: list[RegionTag] = []
    for mention, sentence in doc.regions:
        if mention.name in seen:
            continue
        seen.add(mention.name)
        tags.append(
            RegionTag(name=mention.name, evidence=doc.display(sentence))
        )
    return tuple(tags)
