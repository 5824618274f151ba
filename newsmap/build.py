"""Building the store from its sources: incremental, in one transaction, nothing lost.

A build has three steps: scan every registered source and plan what to read
(:mod:`newsmap.survey`, :mod:`newsmap.buildplan`; in a forked process for ``newsmap build``,
with the store's file index of :mod:`newsmap.fileindex`); read and tag the new or changed
items, in worker processes when there are many (:mod:`newsmap.tagpool`); and write it all in
one transaction (here, through :mod:`newsmap.store`), then bring the file index up to date.
Unchanged items (same signature, or same content hash, same tagger) are not re-tagged;
changed items replace their stored version; items gone from every source are removed; a
refused item keeps its previously stored good version. One build at a time holds the lock; a
build killed at any point leaves the previous state.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from newsmap import fileindex
from newsmap.buildlock import build_lock
from newsmap.buildplan import Plan, scan_sources, scans_signature
from newsmap.correction_book import CorrectionBook
from newsmap.errors import ArticleError, StoreError, StoreUnwritableError
from newsmap.gcpause import collector_paused
from newsmap.model import Article, ArticleTags
from newsmap.printable import printable_path
from newsmap.sources import sources_for
from newsmap.sources.base import ImportedEvents, Rejection
from newsmap.store import (
    connect,
    explain_error,
    get_meta,
    record_file_signatures,
    remove_articles,
    replace_rejections,
    set_meta,
    write_article,
    write_imported_events,
    write_transaction,
)
from newsmap.survey import PendingSurvey, Survey, survey
from newsmap.survey import tagger_fingerprint as tagger_fingerprint  # its home until it moved
from newsmap.tagpool import Fresh, Same, read_and_tag_all, warm_up_tagger

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a build works through the corpus."""


@dataclass
class BuildReport:
    """What one build did, counted by file."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no file was rejected."""
        return not self.rejected

    def summary(self) -> str:
        """The one-line summary the CLI prints."""
        return (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged}, rejected {len(self.rejected)} "
            f"({self.seconds:.2f} s)"
        )


def check_corpus(data_dir: Path) -> list[Rejection]:
    """Validate every item of every source of ``data_dir`` without writing; returns each
    problem, sorted. SourceError when a source cannot be read at all."""
    rejections: list[Rejection] = []
    for source, scan in scan_sources(sources_for(data_dir)):
        rejections.extend(scan.refused)
        for item in scan.items:
            try:
                content = source.read(item.key).content
            except ArticleError as error:
                rejections.append(Rejection(error.path, error.reason))
                continue
            if isinstance(content, ImportedEvents):  # rows of a dataset it could not read
                rejections.extend(content.refused)
    return sorted(rejections, key=lambda r: r.path)


def corpus_signature(data_dir: Path) -> str:
    """A cheap fingerprint of the sources (paths, sizes, modification times, refusals): spots
    a stale store. SourceError when a source cannot be read."""
    return scans_signature(scan_sources(sources_for(data_dir)))


def build_store(
    data_dir: Path,
    db_path: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    wait_seconds: float = 0.0,
    workers: int | None = None,
    on_locked: Callable[[], None] | None = None,
    pending: PendingSurvey | None = None,
) -> BuildReport:
    """Bring the store at ``db_path`` up to date with the sources of ``data_dir``.

    ``workers`` processes tag files when there are many (default: one per CPU); 1 tags here.
    ``on_locked`` is called once this build holds the build lock. ``pending`` is a survey
    started before (:func:`newsmap.survey.start_survey`), used if the store is still as it saw it.
    Files are known by their absolute paths, however ``data_dir`` is written. A source that
    cannot be read (a missing corpus folder) raises SourceError and the store is kept.
    """
    started = time.perf_counter()
    data_dir = data_dir.resolve()
    try:
        with build_lock(db_path, wait_seconds):
            if on_locked is not None:
                on_locked()
            try:
                if rebuild and not _store_is_sound(db_path):
                    _delete_store_files(db_path)  # a corrupt or unknown store holds nothing
                # a sound store is rebuilt in place, all files re-tagged in the one
                # transaction, so a build killed half-way leaves the old state and readers
                # never see an empty store
                report = _build_locked(data_dir, db_path, progress, workers, rebuild, pending)
            except sqlite3.DatabaseError as error:  # a full disk, a read-only file, an I/O error
                raise explain_error(db_path, error) from error
    finally:
        if pending is not None:
            pending.close()
    report.seconds = time.perf_counter() - started
    return report


def _build_locked(
    data_dir: Path, db_path: Path, progress: Progress | None, workers: int | None,
    rebuild: bool, pending: PendingSurvey | None,
) -> BuildReport:
    conn = connect(db_path)
    try:
        corrections = CorrectionBook.load(data_dir)  # editors' corrections (issue 15)
        found = _survey(data_dir, conn, db_path, rebuild, pending)
        with write_transaction(conn):
            report = _write(conn, found.plan, progress, workers, corrections)
            corrections.finish(conn)
            set_meta(conn, "tagger_version", tagger_fingerprint())
            set_meta(conn, "corpus_signature", found.signature)
            set_meta(conn, "data_dir", str(data_dir))
            token = fileindex.new_token()
            set_meta(conn, fileindex.TOKEN_KEY, token)
            changed = fileindex.changes(conn, found.index, found.touched)
        fileindex.save(conn, db_path, changed, token)
    finally:
        conn.close()
    return report


def _survey(data_dir: Path, conn: sqlite3.Connection, db_path: Path, rebuild: bool,
            pending: PendingSurvey | None) -> Survey:
    """The survey started before, if it planned against the store as it is now (no other
    build ran in between); else a survey here. While it runs, the tagger loads."""
    if pending is not None and not rebuild:
        if not pending.ready():  # the other core scans meanwhile: load what a changed file needs
            # (a survey started before is the one-shot command's: its tables live until it ends)
            with collector_paused(freeze=True):
                warm_up_tagger()
                import newsmap.corpus  # noqa: F401 (the article reader, with yaml)
        found = pending.result()
        if found is not None and found.token == get_meta(conn, fileindex.TOKEN_KEY):
            return found
    return survey(data_dir, conn, db_path, rebuild)


def _write(
    conn: sqlite3.Connection, plan: Plan, progress: Progress | None,
    workers: int | None, corrections: CorrectionBook,
) -> BuildReport:
    """The build's transaction body: remove what is gone, write what is new, record signatures
    and refusals. The caller commits."""
    report = BuildReport(unchanged=plan.unchanged, rejected=list(plan.refused))
    report.removed = remove_articles(conn, plan.gone)
    seen: list[tuple[str, int, int, str]] = []
    total = plan.total
    if progress is not None and plan.unchanged:
        progress(plan.unchanged, total)
    with closing(read_and_tag_all(plan.tasks, workers)) as outcomes:
        for done, (task, outcome) in enumerate(outcomes, start=plan.unchanged + 1):
            if isinstance(outcome, Rejection):
                report.rejected.append(outcome)
            elif isinstance(outcome, Same):
                report.unchanged += 1
                if outcome.pinned is not None and task.stored_hash is not None:
                    pinned = outcome.pinned
                    seen.append((pinned.key, pinned.size, pinned.mtime_ns, task.stored_hash))
            else:
                _store(conn, outcome, corrections)
                if isinstance(outcome.content, ImportedEvents):  # rows it could not read
                    report.rejected.extend(outcome.content.refused)
                if outcome.pinned is not None:
                    pinned = outcome.pinned
                    seen.append((pinned.key, pinned.size, pinned.mtime_ns,
                                 outcome.content.content_hash))
                if task.stored_hash is not None:  # stored before
                    report.updated += 1
                else:
                    report.added += 1
            if progress is not None:
                progress(done, total)
    record_file_signatures(conn, seen, plan.gone)
    report.rejected.sort(key=lambda r: r.path)
    replace_rejections(conn, [(r.path, r.reason) for r in report.rejected])
    return report


def _store(conn: sqlite3.Connection, outcome: Fresh, corrections: CorrectionBook) -> None:
    content = outcome.content
    if isinstance(content, Article):  # editors' corrections applied after every tagging run
        write_article(conn, content, corrections.apply(content, outcome.tags or ArticleTags()))
    else:
        write_imported_events(conn, content)


def _store_is_sound(db_path: Path) -> bool:
    """Whether the store is missing or opens, upgrades and passes SQLite's quick check."""
    if not db_path.exists():
        return True
    try:
        conn = connect(db_path)
    except StoreUnwritableError:
        raise  # a read-only or full disk: deleting would not help, and must not be tried
    except StoreError:
        return False
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _delete_store_files(db_path: Path) -> None:
    try:
        for suffix in ("", "-wal", "-shm", ".files"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    except OSError as error:
        raise StoreUnwritableError(
            f"cannot delete the damaged store {printable_path(db_path)} to rebuild it "
            f"({error.strerror or error})") from error
