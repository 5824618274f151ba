"""The store's file index: every stored key by folder, with the signature it is trusted for.

A side file beside the store (``<store>.files``) holds what :func:`newsmap.store.stored_signatures`
reads from the store, grouped by folder: ``folder -> (names, sizes, mtimes)``, names sorted,
``-1`` for a key whose stored content has no trusted signature. An incremental build compares a
folder's scan with its entry in one list comparison, so the 100,000 unchanged files of a
large corpus cost no per-file work beyond their lstat.

The file can never speak for another state of the store: every build writes a fresh random
token into the store's metadata in its transaction, and the file ends with the token of the
state it describes. After the commit the build appends the entries of the folders it touched,
read back from the store in that transaction, then the new token; a file whose last token is
not the store's (a build killed after its commit, a store replaced) is ignored and rewritten
whole from the store.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOKEN_KEY = "files_index_token"  # noqa: S105 (a metadata key, no secret)
"""The store's metadata key of the token of its current state (new with every build)."""
_FORMAT = "newsmap-files-2"
_COMPACT_AFTER = 2_000
"""Appended folder entries after which the whole file is written anew."""
_SIGNATURES = (
    "SELECT a.source_path, f.size, f.mtime_ns FROM articles a LEFT JOIN file_stats f"
    " ON f.source_path = a.source_path AND f.content_hash = a.content_hash{where} UNION ALL"
    " SELECT d.dataset, f.size, f.mtime_ns FROM imported_datasets d LEFT JOIN file_stats f"
    " ON f.source_path = d.dataset AND f.content_hash = d.content_hash{where_d}"
)

Entry = tuple[list[str], list[int], list[int]]
"""One folder's stored names (sorted) with their trusted sizes and modification times."""


def index_path(db_path: Path) -> Path:
    """Where the file index of the store at ``db_path`` lives."""
    return Path(f"{db_path}.files")


def new_token() -> str:
    """A token for the state a build is about to commit."""
    return secrets.token_hex(16)


@dataclass
class FileIndex:
    """The stored keys of a store by folder (see the module's docstring)."""

    folders: dict[str, Entry]
    appended: int = 0
    """Folder entries appended since the file was last written whole."""

    def keys(self, folders: Iterable[str]) -> set[str]:
        """Every stored key in these folders."""
        return {f"{folder}{os.sep}{name}" for folder in folders
                for name in self.folders.get(folder, ((), (), ()))[0]}

    def trusted(self, folders: Iterable[str]) -> set[tuple[str, int, int]]:
        """``(key, size, mtime_ns)`` of every trusted stored key in these folders."""
        found: set[tuple[str, int, int]] = set()
        for folder in folders:
            names, sizes, mtimes = self.folders.get(folder, ([], [], []))
            prefix = f"{folder}{os.sep}"
            found.update((prefix + name, size, mtime) for name, size, mtime
                         in zip(names, sizes, mtimes, strict=True) if size >= 0)
        return found


def load(db_path: Path, token: str | None) -> FileIndex | None:
    """The file index of the store, if it describes the state with ``token``; else None."""
    if token is None:
        return None
    try:
        data = index_path(db_path).read_bytes()
    except OSError:
        return None
    records = _records(data)
    try:
        head = marshal.loads(next(records))  # noqa: S302 (our own file beside the store)
        if not (isinstance(head, tuple) and len(head) == 2 and head[0] == _FORMAT
                and isinstance(head[1], dict)):
            return None
        folders: dict[str, Entry] = head[1]
        last, appended = None, 0
        for raw in records:
            record = marshal.loads(raw)  # noqa: S302
            if isinstance(record, tuple):  # (folder, entry or None)
                folder, entry = record
                if entry is None:
                    folders.pop(folder, None)
                else:
                    folders[folder] = entry
            appended += 1
            last = record
    except (EOFError, ValueError, TypeError, StopIteration):
        return None  # a torn or foreign file
    return FileIndex(folders, appended) if last == token else None


def _records(data: bytes) -> Iterator[memoryview]:
    """The records of the file: each an 8-byte length, then that many bytes of marshal."""
    view, at = memoryview(data), 0
    while at < len(data):
        size = int.from_bytes(view[at:at + 8], "little")
        if at + 8 + size > len(data):
            raise EOFError("a torn record")
        yield view[at + 8:at + 8 + size]
        at += 8 + size


def _record(value: Any) -> bytes:  # a header, a (folder, entry) or a token
    data = marshal.dumps(value)
    return len(data).to_bytes(8, "little") + data


def read_store(conn: sqlite3.Connection, folders: Iterable[str] | None = None) -> dict[str, Entry]:
    """The entries of these folders (every folder when None) as the store holds them now."""
    cursor = conn.cursor()
    cursor.row_factory = None
    if folders is None:
        rows = cursor.execute(_SIGNATURES.format(where="", where_d="")).fetchall()
    else:
        rows = []
        for folder in folders:  # a range of the covering indexes: the keys under the folder
            low, high = f"{folder}{os.sep}", f"{folder}{chr(ord(os.sep) + 1)}"
            query = _SIGNATURES.format(where=" WHERE a.source_path > ? AND a.source_path < ?",
                                       where_d=" WHERE d.dataset > ? AND d.dataset < ?")
            rows.extend(row for row in cursor.execute(query, (low, high, low, high))
                        if row[0].rfind(os.sep) == len(folder))
    found: dict[str, list[tuple[str, int, int]]] = {}
    for key, size, mtime in rows:
        folder, _, name = key.rpartition(os.sep)
        found.setdefault(folder, []).append(
            (name, -1 if size is None else size, -1 if mtime is None else mtime))
    entries: dict[str, Entry] = {}
    for folder, files in found.items():
        files.sort()
        entries[folder] = ([f[0] for f in files], [f[1] for f in files], [f[2] for f in files])
    return entries


def write_whole(db_path: Path, folders: dict[str, Entry], token: str) -> None:
    """Write the whole index (replacing the file atomically); a failure removes the file."""
    path = index_path(db_path)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(_record((_FORMAT, folders)))
            handle.write(_record(token))
        os.replace(temporary, path)
    except OSError:
        forget(db_path)
        temporary.unlink(missing_ok=True)


def append(db_path: Path, changed: dict[str, Entry | None], token: str) -> None:
    """Append these folders' new entries (None: no stored key left) and the new token."""
    try:
        with index_path(db_path).open("ab") as handle:  # one write: the records and the token
            handle.write(b"".join([*(_record((folder, entry))
                                     for folder, entry in changed.items()), _record(token)]))
    except OSError:
        forget(db_path)


@dataclass(frozen=True)
class Standing:
    """How the index stood when a build planned with it."""

    appended: int
    """Records appended since the file was written whole."""
    stored: int
    """Stored keys it held."""
    counts: dict[str, int]
    """Stored keys it held in each folder the build touches."""


def changes(conn: sqlite3.Connection, standing: Standing | None,
            folders: set[str]) -> dict[str, Entry | None] | None:
    """What a build changed, read from the store in its transaction before the commit: the
    new entries of ``folders`` (None for a folder left with no stored key).

    None when the file is to be written whole: no valid index; too many records appended
    since it was; or the store's count of keys is not the index's after these changes (an
    article replaced by one of the same id in another folder, say).
    """
    if standing is None or standing.appended + len(folders) > _COMPACT_AFTER:
        return None
    now = read_store(conn, folders)
    expected = (standing.stored - sum(standing.counts.get(folder, 0) for folder in folders)
                + sum(len(entry[0]) for entry in now.values()))
    (count,) = conn.execute("SELECT (SELECT count(*) FROM articles)"
                            " + (SELECT count(*) FROM imported_datasets)").fetchone()
    if count != expected:
        return None
    return {folder: now.get(folder) for folder in sorted(folders)}


def save(conn: sqlite3.Connection, db_path: Path, changed: dict[str, Entry | None] | None,
         token: str) -> None:
    """After the commit of the state ``token``: append the ``changed`` entries, or write the
    whole index (``changed`` None) from the store. The index is a cache of the store: when it
    cannot be written it is removed, and the build that committed stands."""
    if changed is not None:
        append(db_path, changed, token)
        return
    try:
        folders = read_store(conn)
    except sqlite3.Error:
        forget(db_path)
        return
    write_whole(db_path, folders, token)


def forget(db_path: Path) -> None:
    """Remove the file index (the next build reads the store instead)."""
    with contextlib.suppress(OSError):
        index_path(db_path).unlink(missing_ok=True)
