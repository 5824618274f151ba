"""The first step of a build: scan every source and decide what must be read.

An item whose signature matches what the store recorded for its current content is not read
again; every other item becomes a :class:`Task`. A stored item no source holds any more is gone;
one a source refused (or that lies in a folder it refused) keeps its stored version.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from itertools import starmap
from operator import itemgetter
from typing import TYPE_CHECKING

from newsmap.sources.base import Rejection, ScannedItem, ScanResult, Source

if TYPE_CHECKING:
    from newsmap.store import StoredFile

Scans = list[tuple[Source, ScanResult]]


@dataclass(frozen=True)
class Task:
    """One item to read: from which source, and the hash of its stored content if any."""

    source: Source
    key: str
    stored_hash: str | None
    retag: bool
    """True to tag it even when its content equals the stored content (the tagger changed)."""


@dataclass
class Plan:
    """What a build does: items left alone, items to read, stored items gone, inputs refused."""

    unchanged: int = 0
    tasks: list[Task] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    refused: list[Rejection] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many items the sources hold (the progress total)."""
        return self.unchanged + len(self.tasks)


def scan_sources(sources: Sequence[Source]) -> Scans:
    """Each source with its scan; SourceError (from a source) when one is unusable."""
    return [(source, source.scan()) for source in sources]


def scans_signature(scans: Scans) -> str:
    """A cheap fingerprint of everything scanned (keys, sizes, times, refusals): a store built
    from another state of the sources is stale."""
    digest = hashlib.sha256()
    for source, scan in scans:
        digest.update(f"{source.name}\n".encode())
        if scan.fingerprint:  # made by the scan itself, over the items it did not list too
            digest.update(scan.fingerprint.encode())
        else:
            lines = "".join(starmap("{}\0{}\0{}\n".format, scan.items))  # key, size, time
            digest.update(lines.encode(errors="replace"))  # the bytes of hashing line by line
        for rejection in scan.refused:
            digest.update(f"!{rejection.path}\0{rejection.reason}\n".encode(errors="replace"))
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredIndex:
    """What planning needs of the store, read in bulk: every stored key, the signatures it
    recorded for exactly the content it holds, and a look-up of stored content hashes."""

    keys: Set[str]
    trusted: Collection[tuple[str, int, int]]
    """``(key, size, mtime_ns)`` of items whose stored content came from bytes with that
    signature (a scanned :class:`ScannedItem` equal to one of them is unchanged)."""
    hashes: Callable[[list[str]], Mapping[str, str]]
    """The stored content hash of each of these stored keys."""


def index_of(
    stored: Mapping[str, StoredFile], recorded: Mapping[str, tuple[int, int, str]]
) -> StoredIndex:
    """The index of a store read as two mappings: stored files, recorded signatures."""
    trusted = {
        (key, size, mtime_ns) for key, (size, mtime_ns, content_hash) in recorded.items()
        if (known := stored.get(key)) is not None and known.content_hash == content_hash
    }
    return StoredIndex(stored.keys(), trusted,
                       lambda keys: {key: stored[key].content_hash for key in keys})


def plan_build(
    scans: Scans,
    stored: Mapping[str, StoredFile],
    recorded: Mapping[str, tuple[int, int, str]],
    retag_all: bool,
) -> Plan:
    """Sort every scanned item into unchanged or to read; find what is gone; keep refusals."""
    return plan_from_index(scans, index_of(stored, recorded), retag_all)


def plan_from_index(scans: Scans, index: StoredIndex, retag_all: bool) -> Plan:
    """:func:`plan_build` from a :class:`StoredIndex`: set operations, no per-item objects."""
    plan = Plan()
    present: set[str] = set()
    changed: list[tuple[Source, list[ScannedItem]]] = []
    trusted = index.trusted
    for source, scan in scans:
        items = scan.items
        present.update(map(_KEY, items))
        to_read = items if retag_all else [item for item in items if item not in trusted]
        plan.unchanged += len(items) - len(to_read) + scan.unchanged
        changed.append((source, to_read))
        plan.refused.extend(_kept_noted(scan.refused, index.keys))
    hashes = index.hashes([item.key for _, items in changed for item in items
                           if item.key in index.keys])
    plan.tasks = [Task(source, item.key, hashes.get(item.key), retag_all)
                  for source, items in changed for item in items]
    covered = _Covered(r.path for r in plan.refused)
    plan.gone = sorted(key for key in index.keys - present if not covered(key))
    return plan


_KEY = itemgetter(0)


def _kept_noted(refused: list[Rejection], stored: Set[str]) -> list[Rejection]:
    """The refusals, each of a stored item saying that its stored version is kept."""
    return [
        Rejection(r.path, f"{r.reason}; its stored version is kept") if r.path in stored else r
        for r in refused
    ]


class _Covered:
    """Whether a key was refused, itself or as part of a refused folder."""

    def __init__(self, refused: Iterable[str]) -> None:
        self.keys = set(refused)
        self.folders = tuple(f"{key}{os.sep}" for key in self.keys)

    def __call__(self, key: str) -> bool:
        return key in self.keys or (bool(self.folders) and key.startswith(self.folders))
