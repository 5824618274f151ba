"""Importing a researcher's event dataset: validate it, keep a copy of its good rows in the
corpus folder (``<corpus>/events/<kind>/``), and bring its rows into the store at once.

Importing an updated file of the same name replaces the copy: changed rows are replaced, new
ones added, and rows the file no longer holds removed (ACLED revises its data in place).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newsmap.imported_store import RowCounts
from newsmap.importers.acled import read_acled
from newsmap.importers.datasets import MAX_DATASET_BYTES
from newsmap.importers.fetch import read_input
from newsmap.importers.gdelt import read_gdelt
from newsmap.importers.report import InputError, Problem
from newsmap.importers.text import slugify
from newsmap.sources.base import ImportedEvents
from newsmap.sources.eventfiles import EVENTS_FOLDER

_KINDS = {"acled": (read_acled, ".csv"), "gdelt": (read_gdelt, ".tsv")}
EVENT_KINDS = tuple(_KINDS)


@dataclass
class EventImport:
    """What importing one dataset did: the copy kept, the row counts, the refused rows."""

    path: str | None = None
    counts: RowCounts = field(default_factory=RowCounts)
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """The one line the CLI prints."""
        return f"{self.counts.summary()}, rows refused {len(self.problems)}"


def import_events(kind: str, source: str, data_dir: Path, db: Path | str) -> EventImport:
    """Import the ``kind`` dataset at ``source`` (``acled`` or ``gdelt``) into the store at
    ``db`` (a SQLite file or a PostgreSQL URL); InputError when the file cannot be read as one
    at all (nothing is then written)."""
    reader, suffix = _KINDS[kind]
    dataset = reader(read_input(source, MAX_DATASET_BYTES), source)
    result = EventImport(problems=list(dataset.problems))
    if not dataset.events:
        raise InputError(source, f"no valid {kind} event rows; nothing imported "
                         f"({len(dataset.problems)} rows refused)")
    stem = slugify(Path(source.rstrip("/")).name.rsplit(".", 1)[0], 80) or kind
    target = data_dir / EVENTS_FOLDER / kind / f"{stem}{suffix}"
    copy = dataset.validated.encode("utf-8")
    from newsmap.stores import open_store_at

    store = open_store_at(db, readonly=False)  # a server that cannot be reached: nothing kept
    try:
        _write_atomically(target, copy)
        result.path = str(target.resolve())
        # the copy holds exactly the good rows just read: its source would read the same events
        batch = ImportedEvents(key=result.path, source=kind,
                               content_hash=hashlib.sha256(copy).hexdigest(),
                               events=dataset.events)
        result.counts = store.import_dataset(batch)  # one transaction, a new store version
    finally:
        store.close()
    return result


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
