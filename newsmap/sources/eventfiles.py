"""Researchers' event files kept in the corpus folder (``<corpus>/events/<kind>/``) as a source:
each file is one key, read into pre-tagged events with their provenance.

``newsmap import acled|gdelt`` puts a validated copy there, so a rebuild of the store keeps
the events; a file dropped there by hand is read the same way, its bad rows named.
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_mode
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsmap.errors import ArticleError
from newsmap.importers.report import InputError
from newsmap.sources.base import ImportedEvents, Loaded, Rejection, ScannedItem, ScanResult

if TYPE_CHECKING:  # the readers (and pydantic) load only when an events folder exists
    from newsmap.importers.datasets import Dataset

EVENTS_FOLDER = "events"
_RACY_NS = 2_000_000_000

Reader = Callable[[bytes, str], "Dataset"]


class EventFileSource:
    """Every event file of one kind under ``<data_dir>/events/<name>/``."""

    name: str = ""
    suffixes: tuple[str, ...] = ()
    reader: Reader

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(os.path.abspath(data_dir)) / EVENTS_FOLDER / self.name

    def scan(self) -> ScanResult:
        """Each event file with its size and time; files too large or not regular refused."""
        items: list[ScannedItem] = []
        refused: list[Rejection] = []
        if not self.folder.is_dir():
            return ScanResult(items, refused)
        from newsmap.importers.datasets import MAX_DATASET_BYTES

        for root, dirs, files in os.walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(self.suffixes):
                    continue
                path = os.path.join(root, name)
                try:
                    info = os.lstat(path)
                except OSError as error:
                    refused.append(Rejection(path, f"cannot read file: {error.strerror}"))
                    continue
                if not stat_mode.S_ISREG(info.st_mode):
                    refused.append(Rejection(path, "not a regular file; links are not followed"))
                elif info.st_size > MAX_DATASET_BYTES:
                    refused.append(Rejection(path, f"file is {info.st_size:,} bytes; the limit "
                                             f"is {MAX_DATASET_BYTES:,}"))
                else:
                    items.append(ScannedItem(path, info.st_size, info.st_mtime_ns))
        return ScanResult(items, refused)

    def read(self, key: str) -> Loaded:
        """The events of file ``key`` (bad rows listed in ``refused``); ArticleError naming the
        file when it cannot be read as this kind of dataset at all."""
        try:
            before = os.stat(key)
            data = Path(key).read_bytes()
            after = os.stat(key)
        except OSError as error:
            raise ArticleError(key, f"cannot read file: {error.strerror or error}") from error
        try:
            dataset = type(self).reader(data, key)
        except InputError as error:
            raise ArticleError(key, error.reason) from error
        refused = tuple(
            Rejection(key, str(problem).removeprefix(f"{key}: ")) for problem in dataset.problems
        )
        events = ImportedEvents(key=key, source=self.name,
                                content_hash=hashlib.sha256(data).hexdigest(),
                                events=dataset.events, refused=refused)
        same = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
        settled = after.st_mtime_ns < time.time_ns() - _RACY_NS
        pinned = ScannedItem(key, after.st_size, after.st_mtime_ns)
        return Loaded(events, pinned if same and settled else None)
