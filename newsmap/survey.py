"""The first step of a build: scan the sources against the store and plan what to read.

``newsmap build`` runs it in a forked process started before the heavy imports
(:func:`start_survey`), so that the scan of a large corpus (one lstat per file) runs on one
core while the building process loads the tagger on the other; the survey sends back only
the plan (the items to read, the stored items gone), never the whole scan. The build checks
that the store is still in the state the survey read (the store's token) and otherwise
surveys again in its own process, as it does wherever forking does not suit (threads around,
a new store, ``--rebuild``).

This module and what it imports stay light: no pydantic, no yaml, no tagger.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import select
import signal
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from newsmap import fileindex
from newsmap.buildplan import Plan, StoredIndex, plan_from_index, scan_sources, scans_signature
from newsmap.errors import SourceError
from newsmap.migrations import LATEST_VERSION, schema_version
from newsmap.paths import GEO_DIR
from newsmap.printable import printable
from newsmap.sources import sources_for
from newsmap.sources.corpus import CorpusSource
from newsmap.store import store_uri, stored_hashes, stored_signatures


@functools.cache
def tagger_fingerprint() -> str:
    """A digest of the tagging code and the geography tables: when it changes, all is re-tagged."""
    package = Path(__file__).resolve().parent
    sources = sorted([
        *package.joinpath("tagging").rglob("*.py"),
        *package.joinpath("geo").rglob("*.py"),
        *GEO_DIR.glob("*.tsv"),
    ])
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Survey:
    """What a build is to do, planned against the store in the state ``token``."""

    plan: Plan
    signature: str
    """The corpus signature (:func:`newsmap.buildplan.scans_signature`)."""
    token: str | None
    retag_all: bool
    touched: set[str]
    """The folders of the items the plan reads or removes: their index entries change."""
    index: fileindex.Standing | None
    """How the store's file index stood (None when it was not used: missing, or not of
    this state): the build then writes it whole."""


def survey(data_dir: Path, conn: sqlite3.Connection, db_path: Path, rebuild: bool,
           may_fork: bool = False) -> Survey:
    """Scan every source of ``data_dir`` and plan against the store read through ``conn``;
    ``may_fork`` lets the corpus scan fork a helper for half of a large corpus on three cores
    or more (only where no other thread runs).

    SourceError when a source is unusable, or when the sources hold nothing at all while the
    store holds articles (a disk unmounted?): the store is then kept as it is.
    """
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)",
                             (fileindex.TOKEN_KEY, "tagger_version")).fetchall())
    token = meta.get(fileindex.TOKEN_KEY)
    retag_all = rebuild or meta.get("tagger_version") != tagger_fingerprint()
    # with every item to be read again, the index would spare nothing
    index = None if retag_all else fileindex.load(db_path, token)
    sources = sources_for(data_dir)
    for source in sources:
        if isinstance(source, CorpusSource) and index is not None:
            source.known = index.folders
            source.may_fork = may_fork
    try:
        scans = scan_sources(sources)
    finally:
        for source in sources:
            if isinstance(source, CorpusSource):
                source.known = None  # never sent back with the plan
                source.may_fork = False
    if index is None:
        keys, trusted = stored_signatures(conn)
        stored = len(keys)
    else:
        same = {folder for _, scan in scans for folder in scan.same_folders}
        others = index.folders.keys() - same
        keys, trusted = index.keys(others), index.trusted(others)
        stored = sum(len(names) for names, _, _ in index.folders.values())
    if not rebuild and stored and not any(
            scan.items or scan.refused or scan.unchanged for _, scan in scans):
        raise SourceError(
            f"the corpus folder {printable(str(data_dir))} holds no articles but the store "
            f"holds {stored:,}; is a disk unmounted? The store is kept as it is "
            "(build with --rebuild to empty it)"
        )
    plan = plan_from_index(
        scans, StoredIndex(keys, trusted, functools.partial(stored_hashes, conn)), retag_all)
    touched = {os.path.dirname(key) for key in [*(task.key for task in plan.tasks), *plan.gone]}
    standing = None if index is None else fileindex.Standing(
        index.appended, stored,
        {folder: len(index.folders.get(folder, ((), (), ()))[0]) for folder in touched})
    return Survey(plan, scans_signature(scans), token, retag_all, touched, standing)


class PendingSurvey:
    """A survey running in a forked process; :meth:`result` waits for it."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe
        self._done = False

    def ready(self) -> bool:
        """Whether the survey has finished (its result can be read without waiting long)."""
        return self._done or bool(select.select([self.pipe], [], [], 0)[0])

    def result(self) -> Survey | None:
        """The survey, or None when it failed (the build then surveys in its own process)."""
        if self._done:
            return None
        chunks = []
        try:
            while chunk := os.read(self.pipe, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        self.close()
        try:
            found = pickle.loads(b"".join(chunks))  # noqa: S301 (from our own forked child)
        except Exception:  # an empty or torn result: the child failed
            return None
        return found if isinstance(found, Survey) else None

    def close(self) -> None:
        """Stop the survey if it still runs, and reap its process."""
        if self._done:
            return
        self._done = True
        with contextlib.suppress(OSError):
            os.close(self.pipe)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def start_survey(data_dir: Path, db_path: Path) -> PendingSurvey | None:
    """Start :func:`survey` of ``data_dir`` against the store at ``db_path`` in a forked
    process; None where that does not suit (no fork, threads around, no current store)."""
    if (not hasattr(os, "fork") or threading.active_count() > 1
            or not db_path.is_file()):
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: plan, send the plan, exit without any of the parent's cleanup
        status = 1
        try:
            # a short-lived process whose scan makes no garbage cycles: the cycle collector
            # would only walk the scan's hundred thousand entries again and again (5-8% of it)
            gc.disable()
            os.close(read_end)
            found = _survey_read_only(data_dir, db_path)
            if found is not None:
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return PendingSurvey(pid, read_end)


def _survey_read_only(data_dir: Path, db_path: Path) -> Survey | None:
    """The survey through a read-only connection, in one read transaction (one state of the
    store), its scan helped by a second process on a large corpus (three cores or more); None
    when the store needs an upgrade first. Only for a process with no other thread (the forked
    survey)."""
    conn = sqlite3.connect(store_uri(db_path, mode="ro"), uri=True)
    try:
        conn.execute("BEGIN")
        if schema_version(conn) != LATEST_VERSION:
            return None
        return survey(data_dir, conn, db_path, rebuild=False, may_fork=True)
    finally:
        conn.close()
