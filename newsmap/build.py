"""Building the store from the corpus: incremental, in one transaction, nothing lost.

Unchanged files (same content hash, same tagger version) are not re-read into articles or
re-tagged; changed files replace their stored version; files gone from the corpus are removed;
a rejected file keeps its previously stored good version. One build at a time holds the lock.

A file whose size and modification time match what the store recorded for its current hash is
not even read again. When many files need tagging, worker processes tag them while this process
writes, still in one transaction.
"""

from __future__ import annotations

import fcntl
import functools
import gc
import hashlib
import multiprocessing
import os
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from newsmap.corpus import ARTICLE_SUFFIXES, article_id_for, content_hash, discover, read_article
from newsmap.correction_book import CorrectionBook
from newsmap.errors import ArticleError, BuildLockedError, StoreError
from newsmap.model import Article, ArticleTags
from newsmap.paths import GEO_DIR
from newsmap.store import (
    StoredFile,
    connect,
    get_meta,
    remove_articles,
    replace_rejections,
    set_meta,
    stored_files,
    write_article,
)
from newsmap.tagging import tag_article

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a build works through the corpus."""

PARALLEL_MIN_FILES = 200
"""Fewer files to tag than this are tagged in the building process: a pool is not worth it."""
_CHUNK = 16
_RACY_NS = 2_000_000_000
"""A file modified this close to the scan may change again within one clock tick: re-read it."""


@dataclass(frozen=True)
class Rejection:
    """A file the build or check refused, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


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
    """Validate every article file under ``data_dir`` without writing; returns each problem."""
    paths = discover(data_dir)
    rejections = _duplicate_ids(paths)
    duplicated = {r.path for r in rejections}
    for path in paths:
        if str(path) in duplicated:
            continue
        try:
            read_article(path)
        except ArticleError as error:
            rejections.append(Rejection(error.path, error.reason))
    return sorted(rejections, key=lambda r: r.path)


def corpus_signature(data_dir: Path) -> str:
    """A cheap fingerprint of the corpus (paths, sizes, modification times): spots a stale store."""
    return _signature(_scan(data_dir))


def _scan(data_dir: Path) -> list[tuple[str, os.stat_result]]:
    """The files ``discover`` finds, in its order, each with its stat, in one pass. Paths stay
    strings: os.walk and plain strings are about ten times faster than ``Path.rglob`` and Path
    objects on 100,000 files (the app checks freshness with this too)."""
    found: list[tuple[str, os.stat_result]] = []
    for root, dirs, files in os.walk(data_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            if S_ISREG(stat.st_mode):
                found.append((path, stat))
    found.sort(key=lambda item: item[0].split(os.sep))  # the order of Path objects
    return found


def _signature(scan: list[tuple[str, os.stat_result]]) -> str:
    digest = hashlib.sha256()
    for path, stat in scan:
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


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


def build_store(
    data_dir: Path,
    db_path: Path,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    wait_seconds: float = 0.0,
    workers: int | None = None,
) -> BuildReport:
    """Bring the store at ``db_path`` up to date with the corpus in ``data_dir``.

    ``workers`` processes tag files when there are many (default: one per CPU); 1 tags here.
    Files are known by their absolute paths, however ``data_dir`` is written.
    """
    started = time.perf_counter()
    data_dir = data_dir.resolve()
    with _build_lock(db_path, wait_seconds):
        if rebuild and not _store_is_sound(db_path):
            _delete_store_files(db_path)  # a corrupt or unknown store holds nothing to keep
        # a sound store is rebuilt in place, all files re-tagged in the one transaction, so a
        # build killed half-way leaves the old state and readers never see an empty store
        report = _build_locked(data_dir, db_path, progress, workers, retag=rebuild)
    report.seconds = time.perf_counter() - started
    return report


def _build_locked(
    data_dir: Path, db_path: Path, progress: Progress | None, workers: int | None,
    retag: bool = False,
) -> BuildReport:
    report = BuildReport()
    scanned_at = time.time_ns()
    scan = _scan(data_dir)
    signature = _signature(scan)
    paths = [path for path, _ in scan]
    conn = connect(db_path)
    corrections = CorrectionBook.load(data_dir)  # editors' corrections (issue 15)
    try:
        stored = stored_files(conn)
        known_ids = {path: file.article_id for path, file in stored.items()}
        report.rejected.extend(_duplicate_ids(paths, known_ids))
        duplicated = {r.path for r in report.rejected}
        retag_all = retag or get_meta(conn, "tagger_version") != tagger_fingerprint()
        items, seen = _plan(scan, stored, _file_stats(conn), retag_all, duplicated)
        conn.execute("BEGIN IMMEDIATE")
        present = set(paths)
        gone = [p for p in stored if p not in present]
        report.removed = remove_articles(conn, gone)
        total = len(paths)
        with closing(_tagged(items, workers)) as tagged:
            for done, (path, stat, outcome, tags) in enumerate(tagged, start=1):
                if isinstance(outcome, Rejection):
                    report.rejected.append(outcome)
                elif outcome is None:
                    report.unchanged += 1
                else:
                    write_article(conn, outcome, corrections.apply(outcome, tags or ArticleTags()))
                    seen.append((path, stat, outcome.content_hash))
                    if path in stored:
                        report.updated += 1
                    else:
                        report.added += 1
                if progress is not None:
                    progress(done, total)
        corrections.finish(conn)
        _record_file_stats(conn, seen, gone, scanned_at)
        report.rejected.sort(key=lambda r: r.path)
        replace_rejections(conn, [(r.path, r.reason) for r in report.rejected])
        set_meta(conn, "tagger_version", tagger_fingerprint())
        set_meta(conn, "corpus_signature", signature)
        set_meta(conn, "data_dir", str(data_dir))
        version = int(get_meta(conn, "store_version") or 0) + 1
        set_meta(conn, "store_version", str(version))
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
    return report


class _Changed:
    """Marks a file that must be read and tagged."""


_CHANGED_FILE = _Changed()
_Planned = tuple[str, os.stat_result, Rejection | _Changed | None]
_Seen = tuple[str, os.stat_result, str]
"""A file as read in this build: its stat at the scan and the hash of what was read."""


def _plan(
    scan: list[tuple[str, os.stat_result]],
    stored: dict[str, StoredFile],
    stats: dict[str, tuple[int, int, str]],
    retag_all: bool,
    skip: set[str],
) -> tuple[list[_Planned], list[_Seen]]:
    """Each file marked unchanged (None), changed, or rejected; and the unchanged files that had
    to be read to tell (their stats are recorded so the next build need not read them)."""
    planned: list[_Planned] = []
    seen: list[_Seen] = []
    for key, stat in scan:
        if key in skip:
            continue
        known = stored.get(key)
        if retag_all or known is None:
            planned.append((key, stat, _CHANGED_FILE))
            continue
        if stats.get(key) == (stat.st_size, stat.st_mtime_ns, known.content_hash):
            planned.append((key, stat, None))
            continue
        try:
            data = Path(key).read_bytes()
        except OSError as error:
            reason = f"cannot read file: {error.strerror or error}"
            planned.append((key, stat, Rejection(key, reason)))
            continue
        if content_hash(data) == known.content_hash:
            planned.append((key, stat, None))
            seen.append((key, stat, known.content_hash))
        else:
            planned.append((key, stat, _CHANGED_FILE))
    return planned, seen


def _tagged(
    planned: list[_Planned], workers: int | None
) -> Generator[tuple[str, os.stat_result, Article | Rejection | None, ArticleTags | None]]:
    """The plan in order, each changed file read and tagged (by worker processes when many)."""
    todo = [Path(path) for path, _, outcome in planned if isinstance(outcome, _Changed)]
    count = _worker_count(workers, len(todo))
    pool = None
    results: Iterator[tuple[Article | Rejection, ArticleTags | None]]
    if count > 1:
        _warm_up_tagger()
        gc.freeze()  # the tagger's tables stay shared with the workers instead of being copied
        pool = multiprocessing.get_context("fork").Pool(count)
        gc.unfreeze()
        results = pool.imap(_read_and_tag, todo, chunksize=_CHUNK)
    else:
        results = map(_read_and_tag, todo)
    try:
        for path, stat, outcome in planned:
            if isinstance(outcome, _Changed):
                yield (path, stat, *next(results))
            else:
                yield path, stat, outcome, None
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _worker_count(workers: int | None, files: int) -> int:
    if files < PARALLEL_MIN_FILES or threading.active_count() > 1:
        return 1  # few files; or threads around (a Streamlit app), which fork does not suit
    if workers is None:
        workers = len(os.sched_getaffinity(0))
    return max(1, min(workers, files // _CHUNK))


def _read_and_tag(path: Path) -> tuple[Article | Rejection, ArticleTags | None]:
    """Read, validate and tag one file (runs in a worker process when the build is large)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Rejection(str(path), f"cannot read file: {error.strerror or error}"), None
    try:
        article = read_article(path, data)
    except ArticleError as error:
        return Rejection(error.path, error.reason), None
    return article, tag_article(article)


def _warm_up_tagger() -> None:
    """Load the tagger's tables here, once, so forked workers share them."""
    tag_article(Article(id="warm-up", title="Warm-up", body="Officials in Tirana met.",
                        source_path="warm-up", content_hash="0"))


def _file_stats(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str]]:
    rows = conn.execute("SELECT source_path, size, mtime_ns, content_hash FROM file_stats")
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _record_file_stats(
    conn: sqlite3.Connection, seen: list[_Seen], gone: list[str], scanned_at: int
) -> None:
    """Remember the stats of files read in this build, except those modified so recently that
    a further change could keep the same size and time (they are read again next time)."""
    settled = scanned_at - _RACY_NS
    conn.executemany("DELETE FROM file_stats WHERE source_path = ?", [(p,) for p in gone])
    conn.executemany(
        "INSERT OR REPLACE INTO file_stats (source_path, size, mtime_ns, content_hash)"
        " VALUES (?, ?, ?, ?)",
        [(path, stat.st_size, stat.st_mtime_ns, digest)
         for path, stat, digest in seen if stat.st_mtime_ns < settled],
    )


def _duplicate_ids(
    paths: Sequence[Path | str], known: Mapping[str, str] | None = None
) -> list[Rejection]:
    """Files whose names give the same article id; ``known`` holds ids already computed."""
    by_id: dict[str, list[Path | str]] = defaultdict(list)
    for path in paths:
        article_id = (known or {}).get(str(path)) or article_id_for(Path(path))
        by_id[article_id].append(path)
    rejections = []
    for article_id, group in by_id.items():
        if len(group) < 2:
            continue
        for path in group:
            others = ", ".join(str(p) for p in group if p != path)
            rejections.append(Rejection(
                str(path), f"article id {article_id!r} is also the id of {others}; rename one"
            ))
    return rejections


def _store_is_sound(db_path: Path) -> bool:
    """Whether the store is missing or opens, upgrades and passes SQLite's quick check."""
    if not db_path.exists():
        return True
    try:
        conn = connect(db_path)
    except StoreError:
        return False
    try:
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _delete_store_files(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


@contextmanager
def _build_lock(db_path: Path, wait_seconds: float) -> Iterator[None]:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = Path(f"{db_path}.lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLockedError(
                        f"another build is writing {db_path}; wait for it to finish "
                        "(or pass --wait SECONDS)"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)
