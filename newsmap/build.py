"""Building the store from the corpus: incremental, in one transaction, nothing lost.

Unchanged files (same content hash, same tagger version) are not re-read into articles or
re-tagged; changed files replace their stored version; files gone from the corpus are removed;
a rejected file keeps its previously stored good version. One build at a time holds the lock.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newsmap.corpus import article_id_for, content_hash, discover, read_article
from newsmap.errors import ArticleError, BuildLockedError
from newsmap.model import Article
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
    digest = hashlib.sha256()
    for path in discover(data_dir):
        stat = path.stat()
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
) -> BuildReport:
    """Bring the store at ``db_path`` up to date with the corpus in ``data_dir``."""
    started = time.perf_counter()
    with _build_lock(db_path, wait_seconds):
        if rebuild:
            _delete_store_files(db_path)
        report = _build_locked(data_dir, db_path, progress)
    report.seconds = time.perf_counter() - started
    return report


def _build_locked(data_dir: Path, db_path: Path, progress: Progress | None) -> BuildReport:
    report = BuildReport()
    signature = corpus_signature(data_dir)
    paths = discover(data_dir)
    report.rejected.extend(_duplicate_ids(paths))
    duplicated = {r.path for r in report.rejected}
    conn = connect(db_path)
    try:
        stored = stored_files(conn)
        retag_all = get_meta(conn, "tagger_version") != tagger_fingerprint()
        conn.execute("BEGIN IMMEDIATE")
        present = {str(p) for p in paths}
        report.removed = remove_articles(conn, [p for p in stored if p not in present])
        total = len(paths)
        for done, (path, outcome) in enumerate(_changed_articles(paths, stored, retag_all,
                                                                 duplicated), start=1):
            if isinstance(outcome, Rejection):
                report.rejected.append(outcome)
            elif outcome is None:
                report.unchanged += 1
            else:
                write_article(conn, outcome, tag_article(outcome))
                if str(path) in stored:
                    report.updated += 1
                else:
                    report.added += 1
            if progress is not None:
                progress(done, total)
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


def _changed_articles(
    paths: list[Path],
    stored: dict[str, StoredFile],
    retag_all: bool,
    skip: set[str],
) -> Iterator[tuple[Path, Article | Rejection | None]]:
    """Each path with its new Article, its Rejection, or None when it is unchanged."""
    for path in paths:
        if str(path) in skip:
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            yield path, Rejection(str(path), f"cannot read file: {error.strerror or error}")
            continue
        known = stored.get(str(path))
        if not retag_all and known is not None and known.content_hash == content_hash(data):
            yield path, None
            continue
        try:
            yield path, read_article(path, data)
        except ArticleError as error:
            yield path, Rejection(error.path, error.reason)


def _duplicate_ids(paths: list[Path]) -> list[Rejection]:
    by_id: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        by_id[article_id_for(path)].append(path)
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
