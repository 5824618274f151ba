"""The corpus folder as a source: every Markdown or text article file under one folder.

The rules (each refused input is listed with its reason, none is skipped silently):

- hidden files and folders (names starting with ``.``) are not part of the corpus;
- only regular files are read: a symbolic link is refused (a link could publish any file the
  server can read), and so are pipes, sockets and devices;
- a name that is not valid UTF-8 is refused, shown with its bytes escaped;
- a file over :data:`newsmap.corpus.MAX_FILE_BYTES` is refused by its size, before any reading;
- two files whose names give the same article id are both refused;
- a missing or unreadable corpus folder is a :class:`SourceError`: nothing is removed.
"""

from __future__ import annotations

import operator
import os
import re
import stat as stat_mode
import time
from collections import defaultdict
from pathlib import Path

from newsmap.corpus import (
    ARTICLE_SUFFIXES,
    MAX_FILE_BYTES,
    read_article,
    read_limited,
    too_big,
)
from newsmap.errors import SourceError
from newsmap.model import ARTICLE_ID_MAX, article_id_from_name
from newsmap.printable import printable
from newsmap.settings import samples_shown
from newsmap.sources.base import Loaded, Rejection, ScannedItem, ScanResult

SAMPLES_FOLDER = "samples"
"""The folder of sample articles under the corpus, left out when NEWSMAP_SAMPLES=0."""
RACY_NS = 2_000_000_000
"""A file modified this close to its reading may change again within one clock tick without
its size or time changing: its signature is not recorded, so the next build reads it again."""
_READ_ATTEMPTS = 3


class CorpusSource:
    """Article files under ``data_dir``, each known by its absolute path."""

    name = "corpus"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(os.path.abspath(data_dir))
        self.samples = samples_shown()

    def scan(self) -> ScanResult:
        """Every article file with its size and time, sorted as paths; and every refused one."""
        root = str(self.data_dir)
        try:
            info = os.stat(root)
        except OSError as error:
            raise SourceError(
                f"corpus folder {printable(root)} cannot be read ({error.strerror or error}); "
                "the store is kept as it is"
            ) from error
        if not stat_mode.S_ISDIR(info.st_mode):
            raise SourceError(f"corpus folder {printable(root)} is not a folder; "
                              "the store is kept as it is")
        found = _Found()
        refused: list[Rejection] = []
        # Each folder's entries are walked sorted by name, depth first: the items come out in
        # the order of their paths compared part by part (the order of Path objects).
        self._walk(root, found, refused, top=True)
        items = found.items
        duplicates = _duplicate_ids(items, found.names)
        if duplicates:
            duplicated = {r.path for r in duplicates}
            items = [item for item in items if item.key not in duplicated]
            refused.extend(duplicates)
        refused.sort(key=lambda r: r.path)
        return ScanResult(items, refused)

    def _walk(
        self, folder: str, found: _Found, refused: list[Rejection], top: bool = False
    ) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_NAME)
        except OSError as error:
            if top:
                raise SourceError(
                    f"corpus folder {printable(folder)} cannot be read "
                    f"({error.strerror or error}); the store is kept as it is"
                ) from error
            refused.append(Rejection(_shown(folder), _os_reason("cannot read folder", error)))
            return
        # The common case (a regular article file with a plain name) costs one lstat and no
        # other system call: the folder listing already says which entries are regular files.
        keep, keep_name = found.items.append, found.names.append
        for entry in entries:
            name = entry.name
            if name.startswith(".") or (top and name == SAMPLES_FOLDER and not self.samples):
                continue  # hidden; or the sample articles, switched off (NEWSMAP_SAMPLES=0)
            try:
                regular = entry.is_file(follow_symlinks=False)
                if not regular:
                    self._other(entry, found, refused)
                    continue
                if not name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                if not name.isascii() and not _is_utf8(name):
                    refused.append(Rejection(_shown(entry.path), "file name is not valid UTF-8; "
                                             "rename the file"))
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError as error:
                refused.append(Rejection(_shown(entry.path),
                                         _os_reason("cannot read file", error)))
                continue
            if info.st_size <= MAX_FILE_BYTES and stat_mode.S_ISREG(info.st_mode):
                keep(ScannedItem(entry.path, info.st_size, info.st_mtime_ns))
                keep_name(name)
            else:  # too big; or replaced by a pipe or device since the folder was listed
                found.add(entry.path, name, info, refused)

    def _other(self, entry: os.DirEntry[str], found: _Found, refused: list[Rejection]) -> None:
        """A folder (walked), a symbolic link (refused) or a pipe, socket or device (refused
        when it has an article's name)."""
        path, name = entry.path, entry.name
        article = name.lower().endswith(ARTICLE_SUFFIXES)
        if entry.is_symlink():
            rejection = _link_rejection(path, article)
            if rejection is not None:
                refused.append(rejection)
        elif entry.is_dir(follow_symlinks=False):
            if not _is_utf8(name):
                refused.append(Rejection(_shown(path), "folder name is not valid UTF-8; "
                                         "rename it to read the files inside"))
            else:
                self._walk(path, found, refused)
        elif article:
            if not _is_utf8(name):
                refused.append(Rejection(_shown(path), "file name is not valid UTF-8; "
                                         "rename the file"))
            else:
                found.add(path, name, entry.stat(follow_symlinks=False), refused)

    def read(self, key: str) -> Loaded:
        """The article in file ``key``, read whole (never more than the size limit plus one
        byte) with the signature of exactly those bytes; ArticleError naming the file if bad."""
        for _ in range(_READ_ATTEMPTS):
            data, before, after = read_limited(key)
            if _same(before, after):
                break
        article = read_article(Path(key), data)
        settled = after.st_mtime_ns < time.time_ns() - RACY_NS
        pinned = ScannedItem(key, after.st_size, after.st_mtime_ns)
        return Loaded(article, pinned if _same(before, after) and settled else None)


def _same(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns, before.st_ctime_ns) == (
        after.st_size, after.st_mtime_ns, after.st_ctime_ns)


def _link_rejection(path: str, article: bool) -> Rejection | None:
    """Why a symbolic link is refused; None for a link no article could come from."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    try:
        info = os.stat(path)
    except OSError as error:
        if not article:
            return None
        what = "a link loop" if error.errno == 40 else "a dangling link"
        return Rejection(_shown(path), f"symbolic link to {printable(target)} ({what}); "
                         "only regular files inside the corpus folder are read")
    if stat_mode.S_ISDIR(info.st_mode):
        return Rejection(_shown(path), f"symbolic link to the folder {printable(target)}; "
                         "links are not followed, only files inside the corpus folder are read")
    if not article:
        return None
    return Rejection(_shown(path), f"symbolic link to {printable(target)}; "
                     "links are not followed, only regular files inside the corpus folder are read")


_NAME = operator.attrgetter("name")


class _Found:
    """The article files a scan found, each with its file name (for the id check)."""

    def __init__(self) -> None:
        self.items: list[ScannedItem] = []
        self.names: list[str] = []

    def add(self, path: str, name: str, info: os.stat_result, refused: list[Rejection]) -> None:
        """Keep the file ``path`` (named ``name``) if it is a regular file within the size
        limit; otherwise refuse it, checked by its lstat ``info`` before any reading."""
        if not stat_mode.S_ISREG(info.st_mode):
            refused.append(Rejection(path, "not a regular file (a pipe, socket or device)"))
        elif info.st_size > MAX_FILE_BYTES:
            refused.append(Rejection(path, too_big(info.st_size)))
        else:
            self.items.append(ScannedItem(path, info.st_size, info.st_mtime_ns))
            self.names.append(name)


# A file name stem that is already an article id (as synthetic and most real names are): its id
# is itself, without the Unicode folding of article_id_from_name.
_PLAIN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789-"
_ARTICLE_SUFFIX = re.compile(r"\.(?:md|markdown|txt)\n")


def _id_of(stem: str) -> str:
    """:func:`article_id_from_name` of a file name stem, quick for a stem that is already an
    id."""
    if len(stem) <= ARTICLE_ID_MAX and _PLAIN_ID.fullmatch(stem):
        return stem
    return article_id_from_name(stem)


def _plain_stems(names: list[str]) -> list[str] | None:
    """The stems of these article file names when every one is already an article id (what
    :data:`_PLAIN_ID` matches, at most :data:`ARTICLE_ID_MAX` long), found for all at once;
    None when some name needs :func:`article_id_from_name`."""
    if not names:
        return []
    text = _ARTICLE_SUFFIX.sub("\n", "\n".join(names) + "\n")  # one pass: "a.txt.md" -> "a.txt"
    if not (text.isascii() and not text.encode().translate(None, _ID_BYTES + b"\n")
            and not any(bad in text for bad in ("\n\n", "\n-", "-\n", "--"))
            and not text.startswith("-")):
        return None
    stems = text[:-1].split("\n")
    return stems if max(map(len, stems)) <= ARTICLE_ID_MAX else None


def _duplicate_ids(items: list[ScannedItem], names: list[str]) -> list[Rejection]:
    """Files whose names give the same article id: all of them are refused."""
    stems = _plain_stems(names)
    if stems is not None and len(set(stems)) == len(stems):
        return []  # every stem is its own id, and no two are equal
    stems = [name[:name.rfind(".")] for name in names]  # Path.stem: every name has a suffix
    by_id: dict[str, list[str]] = defaultdict(list)
    for item, stem in zip(items, stems, strict=True):
        by_id[_id_of(stem)].append(item.key)
    rejections = []
    for article_id, group in by_id.items():
        if len(group) < 2:
            continue
        for key in group:
            others = ", ".join(k for k in group if k != key)
            rejections.append(Rejection(
                key, f"article id {article_id!r} is also the id of {others}; rename one"
            ))
    return rejections


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(path: str) -> str:
    """A path as stored and shown: bytes that are not UTF-8 written as ``\\xNN`` escapes."""
    return path if _is_utf8(path) else printable(path)


def _os_reason(what: str, error: OSError) -> str:
    return f"{what}: {error.strerror or error}"
