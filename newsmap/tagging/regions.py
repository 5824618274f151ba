"""Region tags: named regions ("Western Balkans", "South Caucasus"), kept as filters, never as
countries or places."""

from __future__ import annotations

from newsmap.tagging.document import Document
from newsmap.tagging.fields import RegionFields

__all__ = ["region_tags"]


def region_tags(doc: Document) -> list[RegionFields]:
    """One tag per distinct region, in order of first mention, with its evidence sentence."""
    seen: set[str] = set()
    tags: list[RegionFields] = []
    for mention, sentence in doc.regions:
        if mention.name in seen:
            continue
        seen.add(mention.name)
        tags.append(
            {"name": mention.name, "evidence": doc.display(sentence)}
        )
    return tags
