"""The seam every source of stories or events goes through: scan for keys, read one key.

A source is anything the build can bring into the store: the corpus folder of article files
(:mod:`newsmap.sources.corpus`), or an importer's files of pre-tagged events. The build asks each
registered source (see :mod:`newsmap.sources`) to ``scan()`` for its items with their change
signatures, then ``read(key)`` only the items whose signature or content changed. A source never
writes the store; it never drops an input silently: whatever it refuses it names, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeAlias

from newsmap.printable import printable

if TYPE_CHECKING:  # the model (pydantic) loads only when content is read: a scan needs none
    from newsmap.model import Article, PartialDate


@dataclass(frozen=True)
class Rejection:
    """An input (a file, a feed entry, a row) the build or check refused, and why.

    ``path`` is the source's key for it (for files, the path as the user can find it).
    """

    path: str
    reason: str

    def __str__(self) -> str:
        """One printable line: control characters and undecodable bytes escaped."""
        return printable(f"{self.path}: {self.reason}")


class ScannedItem(NamedTuple):
    """One item a source holds, known by its key, with the signature that tells it changed.

    For files: the absolute path, the size and the modification time in nanoseconds. Two scans
    giving the same signature mean the item need not be read again (when the store recorded that
    signature for the bytes it hashed). A plain tuple (made once per file of a large corpus, it
    compares equal to the store's ``(key, size, mtime_ns)`` rows).
    """

    key: str
    size: int
    mtime_ns: int

    @property
    def signature(self) -> str:
        """The change signature as one string (what a corpus fingerprint is made of)."""
        return f"{self.size}:{self.mtime_ns}"


@dataclass(frozen=True)
class ScanResult:
    """What one scan found: the items to consider, and every input refused, each with its reason.

    An item refused here is not read; a stored version of it is kept (and reported), never
    silently removed.
    """

    items: list[ScannedItem] = field(default_factory=list)
    refused: list[Rejection] = field(default_factory=list)
    unchanged: int = 0
    """Items not listed because the store's file index holds them as they are."""
    same_folders: tuple[str, ...] = ()
    """The folders of those items (none of their stored items is gone)."""
    fingerprint: str = ""
    """A digest of every item found (listed or not), when the source makes one."""


@dataclass(frozen=True)
class ImportedEvent:
    """One pre-tagged event row from a researcher's dataset (filled in by the importers)."""

    source_id: str
    """The row's own id in its dataset (ACLED ``event_id_cnty``, GDELT ``GLOBALEVENTID``)."""
    row_hash: str = ""
    """A digest of the row's values: a changed digest means the row was revised."""
    date: PartialDate | None = None
    date_note: str = ""
    """The dataset's own precision of the date, in words ("ACLED: within a week")."""
    iso3: str | None = None
    admin1: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    place_note: str = ""
    """The dataset's own precision of the place, in words ("GDELT: city")."""
    type: str = "other"
    """newsmap's event type (:class:`newsmap.model.EventType` value) the row's type maps to."""
    source_type: str = ""
    """The row's type in the dataset's own words ("Protests / Peaceful protest")."""
    actors: str = ""
    summary: str = ""
    fatalities: int | None = None
    link: str | None = None
    """An http(s) address of the report the row comes from, when the dataset gives one."""
    reported_by: str = ""
    """Who reported it, in the dataset's words (ACLED's ``source`` column)."""


@dataclass(frozen=True)
class ImportedEvents:
    """Pre-tagged events read from one key of an event source, with their provenance.

    ``content_hash`` identifies the bytes they were read from; the build stores them without
    tagging. A minimal placeholder: the importers (issue 13) give events their fields.
    """

    key: str
    source: str
    content_hash: str
    events: tuple[ImportedEvent, ...] = ()
    refused: tuple[Rejection, ...] = ()
    """Rows that could not be read, each named with its row, column and reason."""


Content: TypeAlias = "Article | ImportedEvents"
"""What reading one key gives: an article to tag, or events already tagged."""


@dataclass(frozen=True)
class Loaded:
    """One key as read: its content, and the signature of exactly the bytes that were read.

    ``pinned`` is None when the item changed while it was read (or too recently to trust its
    modification time): the build then stores the content but records no signature, so the next
    build reads it again.
    """

    content: Content
    pinned: ScannedItem | None


class Source(Protocol):
    """A place stories or events come from. Implement ``scan`` and ``read``; register the kind
    in :data:`newsmap.sources.SOURCE_KINDS`."""

    name: str
    """Short name of the source kind, e.g. ``corpus``, ``acled``, ``gdelt``."""

    def scan(self) -> ScanResult:
        """Every item with its signature, and every refused input named with its reason.

        Raises :class:`newsmap.errors.SourceError` when the source as a whole is unusable (its
        folder is missing or unreadable): the build then keeps the store as it is.
        """
        ...

    def read(self, key: str) -> Loaded:
        """Read and validate one scanned item; raises :class:`newsmap.errors.ArticleError`
        naming the key and the reason when it is not valid (the rest still builds)."""
        ...


SourceFactory = Callable[[Path], Source]
"""Makes a source given the corpus folder (the data root the user named with --data)."""
