"""ACLED exports kept under ``<corpus>/events/acled/`` (``*.csv``) as a source of events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsmap.sources.eventfiles import EventFileSource

if TYPE_CHECKING:
    from newsmap.importers.datasets import Dataset


class AcledSource(EventFileSource):
    """ACLED CSV exports, each file one key."""

    name = "acled"
    suffixes = (".csv",)

    @staticmethod
    def reader(data: bytes, key: str) -> Dataset:
        """The rows of one export (the importer, with pydantic, loads only when a file is read)."""
        from newsmap.importers.acled import read_acled

        return read_acled(data, key)
