"""GDELT 2.0 event exports kept under ``<corpus>/events/gdelt/`` (``*.tsv``, ``*.csv``)."""

from __future__ import annotations

from newsmap.importers.gdelt import read_gdelt
from newsmap.sources.eventfiles import EventFileSource


class GdeltSource(EventFileSource):
    """GDELT 2.0 tab-separated event exports, each file one key."""

    name = "gdelt"
    suffixes = (".tsv", ".csv")
    reader = staticmethod(read_gdelt)
