"""The first step of a build: scan every source and decide what must be read.

An item whose signature matches what the store recorded for its current content is not read
again; every other item becomes a :class:`Task`. A stored item no source holds any more is gone;
one a source refused (or that lies in a folder it refused) keeps its stored version.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsmap.sources.base import Rejection, ScanResult, Source
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
        lines = "".join([f"{item.key}\0{item.size}\0{item.mtime_ns}\n" for item in scan.items])
        digest.update(lines.encode(errors="replace"))  # the bytes of hashing line by line
        for rejection in scan.refused:
            digest.update(f"!{rejection.path}\0{rejection.reason}\n".encode(errors="replace"))
    return digest.hexdigest()


def plan_build(
    scans: Scans,
    stored: Mapping[str, StoredFile],
    recorded: Mapping[str, tuple[int, int, str]],
    retag_all: bool,
) -> Plan:
    """Sort every scanned item into unchanged or to read; find what is gone; keep refusals."""
    plan = Plan()
    present: set[str] = set()
    for source, scan in scans:
        for item in scan.items:
            present.add(item.key)
            known = stored.get(item.key)
            if (not retag_all and known is not None
                    and recorded.get(item.key) == (item.size, item.mtime_ns, known.content_hash)):
                plan.unchanged += 1
            else:
                plan.tasks.append(Task(source, item.key,
                                       known.content_hash if known else None, retag_all))
        plan.refused.extend(_kept_noted(scan.refused, stored))
    covered = _Covered(r.path for r in plan.refused)
    plan.gone = [key for key in stored if key not in present and not covered(key)]
    return plan


def _kept_noted(refused: list[Rejection], stored: Mapping[str, StoredFile]) -> list[Rejection]:
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
