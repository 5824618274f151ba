"""ACLED exports kept under ``<corpus>/events/acled/`` (``*.csv``) as a source of events."""

from __future__ import annotations

from newsmap.importers.acled import read_acled
from newsmap.sources.eventfiles import EventFileSource


class AcledSource(EventFileSource):
    """ACLED CSV exports, each file one key."""

    name = "acled"
    suffixes = (".csv",)
    reader = staticmethod(read_acled)
