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

import functools
import hashlib
import operator
import os
import re
import stat as stat_mode
import time
from array import array
from collections import defaultdict
from collections.abc import Mapping
from itertools import repeat
from pathlib import Path
from typing import cast

from newsmap.errors import SourceError
from newsmap.fileindex import Entry
from newsmap.filerules import ARTICLE_ID_MAX, ARTICLE_SUFFIXES, MAX_FILE_BYTES, too_big
from newsmap.printable import printable
from newsmap.settings import samples_shown
from newsmap.sources.base import Loaded, Rejection, ScannedItem, ScanResult
from newsmap.sources.lookahead import Lookahead

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
        self.known: Mapping[str, Entry] | None = None
        """The store's file index by folder, when a build has one (see :meth:`scan`)."""
        self.may_fork = False
        """Whether :meth:`scan` may fork a helper process (:mod:`newsmap.sources.lookahead`)
        for half of the folders in :attr:`known`: only where no other thread runs."""

    def scan(self) -> ScanResult:
        """Every article file with its size and time, sorted as paths; and every refused one.

        With the store's file index in :attr:`known`, the files of a folder that is exactly as
        the index has it are not listed: they are counted in ``unchanged`` and the folder named
        in ``same_folders`` (the files listed then keep the order of their paths). With
        :attr:`may_fork` too, a helper process may scan half of those folders meanwhile.
        """
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
        found = _Found(self.known)
        refused: list[Rejection] = []
        ahead = None
        if self.may_fork and self.known is not None:
            ahead = Lookahead.start(self.known, _plain_entry_of)
        try:
            self._walk(root, found, refused, ahead, top=True)
        finally:
            if ahead is not None:
                ahead.close()
        if not found.all_stored:
            found.list_all()  # the id check below needs every file
        items = found.items
        duplicates = [] if found.all_stored else _duplicate_ids(items, found.names)
        if duplicates:
            duplicated = {r.path for r in duplicates}
            items = [item for item in items if item.key not in duplicated]
            refused.extend(duplicates)
        refused.sort(key=lambda r: r.path)
        return ScanResult(items, refused, unchanged=sum(len(e[0]) for _, _, e in found.same),
                          same_folders=tuple(folder for _, folder, _ in found.same),
                          fingerprint=found.digest.hexdigest())

    def _walk(
        self, folder: str, found: _Found, refused: list[Rejection], ahead: Lookahead | None,
        top: bool = False,
    ) -> None:
        if ahead is not None and not top:
            entry = ahead.take(folder)
            if entry is not None:  # the helper found only plain article files there
                found.folder(folder, *entry)
                return
        try:
            names = _listed(folder)
        except OSError as error:
            if top:
                raise SourceError(
                    f"corpus folder {printable(folder)} cannot be read "
                    f"({error.strerror or error}); the store is kept as it is"
                ) from error
            refused.append(Rejection(_shown(folder), _os_reason("cannot read folder", error)))
            return
        # The sample articles are not part of the corpus when switched off (NEWSMAP_SAMPLES=0).
        if top and not self.samples and SAMPLES_FOLDER in names:
            names.remove(SAMPLES_FOLDER)
        entry = _plain_entry(folder, names)
        if entry is not None:
            found.folder(folder, *entry)
        else:
            for name in names:
                self._entry(folder, name, found, refused, ahead)

    def _entry(self, folder: str, name: str, found: _Found, refused: list[Rejection],
               ahead: Lookahead | None) -> None:
        """One entry of a folder that is not all plain article files: a folder (walked), a
        symbolic link (refused), an article file (kept or refused) or another file (left)."""
        path = os.path.join(folder, name)
        article = name.lower().endswith(ARTICLE_SUFFIXES)
        try:
            info = os.lstat(path)
        except OSError as error:
            if article:
                refused.append(Rejection(_shown(path), _os_reason("cannot read file", error)))
            return
        if stat_mode.S_ISLNK(info.st_mode):
            rejection = _link_rejection(path, article)
            if rejection is not None:
                refused.append(rejection)
        elif stat_mode.S_ISDIR(info.st_mode):
            if not _is_utf8(name):
                refused.append(Rejection(_shown(path), "folder name is not valid UTF-8; "
                                         "rename it to read the files inside"))
            else:
                self._walk(path, found, refused, ahead)
        elif article:
            if not _is_utf8(name):
                refused.append(Rejection(_shown(path), "file name is not valid UTF-8; "
                                         "rename the file"))
            else:
                found.add(path, name, info, refused)

    def read(self, key: str) -> Loaded:
        """The article in file ``key``, read whole (never more than the size limit plus one
        byte) with the signature of exactly those bytes; ArticleError naming the file if bad."""
        from newsmap.corpus import read_article, read_limited  # yaml and pydantic: not for a scan

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


_MODE = operator.attrgetter("st_mode")
_SIZE = operator.attrgetter("st_size")
_MTIME = operator.attrgetter("st_mtime_ns")
_IS_ARTICLE = operator.methodcaller("endswith", ARTICLE_SUFFIXES)


def _listed(folder: str) -> list[str]:
    """The names in ``folder`` that may be part of the corpus, sorted; OSError if unreadable.

    Sorted by name, depth first, the items come out in the order of their paths compared part
    by part (the order of Path objects). Hidden names are not part of the corpus.
    """
    names = os.listdir(folder)
    names.sort()
    text = "\n".join(names)
    if text.startswith(".") or "\n." in text:  # one search instead of a test per name
        names = [name for name in names if not name.startswith(".")]
    return names


def _plain_entry(folder: str, names: list[str]) -> Entry | None:
    """``(names, sizes, mtimes)`` of ``folder`` when its ``names`` are all plain article files
    (regular, valid UTF-8 names, within the size limit); else None.

    The common case of a large corpus (a folder per month of article files), done with one
    lstat per file and no per-file Python code: every step maps a C function over the folder.
    """
    if not names or not _all_articles(names):
        return None
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:  # each name's lstat relative to the open folder: no path walk per file
        infos = list(map(functools.partial(os.stat, dir_fd=fd, follow_symlinks=False), names))
    except OSError:
        return None  # a file vanished or cannot be read: said by the entry-by-entry walk
    finally:
        os.close(fd)
    sizes = list(map(_SIZE, infos))
    if max(sizes) > MAX_FILE_BYTES or not all(map(stat_mode.S_ISREG, map(_MODE, infos))):
        return None
    return names, sizes, list(map(_MTIME, infos))


def _plain_entry_of(folder: str) -> Entry | None:
    """:func:`_plain_entry` of ``folder`` as listed now; None if it cannot be listed."""
    try:
        return _plain_entry(folder, _listed(folder))
    except OSError:
        return None


def _all_articles(names: list[str]) -> bool:
    """Whether every name has an article suffix (in any case) and is valid UTF-8: a few
    searches of the names joined, one name a line."""
    text = "\n".join(names) + "\n"
    if not text.isascii() and not _is_utf8(text):
        return False
    lowered = text.lower()
    if lowered.count("\n") != len(names):  # a name holding a line break: test one by one
        return all(map(_IS_ARTICLE, map(str.lower, names)))
    # each line ends in at most one suffix, and a suffix with its line break ends a line
    return sum(lowered.count(f"{suffix}\n") for suffix in ARTICLE_SUFFIXES) == len(names)


class _Found:
    """The article files a scan found, each with its file name (for the id check), and the
    folders that are exactly as the store's file index has them (their files not listed)."""

    def __init__(self, known: Mapping[str, Entry] | None) -> None:
        self.items: list[ScannedItem] = []
        self.names: list[str] = []
        self.known = known
        self.same: list[tuple[int, str, Entry]] = []
        """(where in ``items``, folder, entry) of each folder the index has as it is."""
        self.all_stored = known is not None
        """Whether every file found is a stored key (then no two share an article id)."""
        self.digest = hashlib.sha256()

    def folder(self, folder: str, names: list[str], sizes: list[int], mtimes: list[int]) -> None:
        """Keep the plain article files ``names`` of ``folder`` with their sizes and times."""
        entry = (names, sizes, mtimes)
        self.digest.update(b"".join((
            f"F{folder}\0".encode(errors="surrogateescape"), "\0".join(names).encode(),
            b"\0", array("q", sizes).tobytes(), array("q", mtimes).tobytes())))
        known = None if self.known is None else self.known.get(folder)
        if known == entry:
            self.same.append((len(self.items), folder, entry))
            return
        if known is None or known[0] != names:
            self.all_stored = False
        keys = map(f"{folder}{os.sep}".__add__, names)
        # tuple.__new__ makes each ScannedItem in C (its own __new__ is a Python function)
        self.items.extend(cast("map[ScannedItem]", map(
            tuple.__new__, repeat(ScannedItem), zip(keys, sizes, mtimes, strict=True))))
        self.names.extend(names)

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
            self.digest.update(f"I{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode(
                errors="surrogateescape"))
            if self.all_stored:
                known = self.known.get(os.path.dirname(path)) if self.known else None
                self.all_stored = known is not None and name in known[0]

    def list_all(self) -> None:
        """List the files of the folders the index has as they are too, in their places."""
        items: list[ScannedItem] = []
        names: list[str] = []
        start = 0
        for where, folder, (folder_names, sizes, mtimes) in self.same:
            items.extend(self.items[start:where])
            names.extend(self.names[start:where])
            keys = map(f"{folder}{os.sep}".__add__, folder_names)
            items.extend(cast("map[ScannedItem]", map(
                tuple.__new__, repeat(ScannedItem), zip(keys, sizes, mtimes, strict=True))))
            names.extend(folder_names)
            start = where
        items.extend(self.items[start:])
        names.extend(self.names[start:])
        self.items, self.names, self.same = items, names, []


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
    from newsmap.model import article_id_from_name  # pydantic: only for names that need it

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
