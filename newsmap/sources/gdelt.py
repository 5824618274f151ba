"""GDELT 2.0 event exports kept under ``<corpus>/events/gdelt/`` (``*.tsv``, ``*.csv``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsmap.sources.eventfiles import EventFileSource

if TYPE_CHECKING:
    from newsmap.importers.datasets import Dataset


class GdeltSource(EventFileSource):
    """GDELT 2.0 tab-separated event exports, each file one key."""

    name = "gdelt"
    suffixes = (".tsv", ".csv")

    @staticmethod
    def reader(data: bytes, key: str) -> Dataset:
        """The rows of one export (the importer loads only when a file is read)."""
        from newsmap.importers.gdelt import read_gdelt

        return read_gdelt(data, key)
