"""Sources of stories and events, registered in one place.

Adding a source means one new module here implementing :class:`newsmap.sources.base.Source`
and one line in :data:`SOURCE_KINDS`. The build brings every registered source into the store.
"""

from __future__ import annotations

from pathlib import Path

from newsmap.sources.acled import AcledSource
from newsmap.sources.base import (
    Content,
    ImportedEvent,
    ImportedEvents,
    Loaded,
    Rejection,
    ScannedItem,
    ScanResult,
    Source,
    SourceFactory,
)
from newsmap.sources.corpus import CorpusSource
from newsmap.sources.gdelt import GdeltSource

SOURCE_KINDS: dict[str, SourceFactory] = {
    "corpus": CorpusSource,
    "acled": AcledSource,
    "gdelt": GdeltSource,
}
"""Every source kind the build reads, by name; each factory takes the corpus folder."""


def sources_for(data_dir: Path) -> list[Source]:
    """One source of every registered kind for the corpus folder ``data_dir``."""
    return [factory(data_dir) for factory in SOURCE_KINDS.values()]


__all__ = [
    "SOURCE_KINDS",
    "Content",
    "CorpusSource",
    "ImportedEvent",
    "ImportedEvents",
    "Loaded",
    "Rejection",
    "ScanResult",
    "ScannedItem",
    "Source",
    "SourceFactory",
    "sources_for",
]
