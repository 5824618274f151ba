"""A second process for the corpus scan of a large corpus: it lists and stats about half of
the folders the store's file index knows while the scan walks the others, so that the one
lstat per file is spread over two cores.

Only a scan that may fork uses it (the forked survey of ``newsmap build``: a process with no
other thread), on a machine of three cores or more (see :func:`helper_share`). For each
folder it sends back what the scan would have found there itself: a mark when the folder is
exactly as the index has it, or the folder's names, sizes and times when it holds only plain
article files that changed. A folder it could not take as plain article files (a subfolder,
a link, a file too large, an error) it leaves out, and the scan walks that one itself, saying
every refusal as always; if the helper fails, the scan does all of its folders itself.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import threading
from collections.abc import Callable, Mapping

from newsmap.fileindex import Entry

MIN_FILES = 20_000
"""Fewer indexed files than this are all scanned in the one process (a fork would cost more)."""
_SAME = 0
"""What the helper sends for a folder exactly as the index has it."""


def helper_share(cpus: int) -> float:
    """The helper's share of the indexed files on a machine of ``cpus`` cores (0: none).

    While the survey runs, ``newsmap build`` loads the tagger on another core, for about as
    long as a whole scan of 100,000 files takes. With a core for each of the three processes,
    the helper takes a little over half (the scan also loads the index before the helper
    starts, digests every folder and plans). On two cores the build's own process and the
    survey already keep both busy: a helper measured no faster there, only a little more CPU.
    """
    return 0.55 if cpus >= 3 else 0.0


class Lookahead:
    """The helper's folders, and (once it has finished) what it found in them."""

    def __init__(self, pid: int, pipe: int, folders: frozenset[str],
                 known: Mapping[str, Entry]) -> None:
        self.pid, self.pipe, self.folders, self.known = pid, pipe, folders, known
        self._found: dict[str, Entry | int] | None = None

    @classmethod
    def start(cls, known: Mapping[str, Entry],
              plain: Callable[[str], Entry | None]) -> Lookahead | None:
        """Fork a helper that runs ``plain(folder)`` (a folder's entry when it holds only
        plain article files, else None) over the later folders of ``known`` holding
        :func:`helper_share` of their files; None where that does not suit (no fork,
        threads around, a small corpus, fewer than three cores)."""
        total = sum(len(entry[0]) for entry in known.values())
        share = helper_share(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                             else os.cpu_count() or 1)
        if (not hasattr(os, "fork") or threading.active_count() > 1 or total < MIN_FILES
                or share <= 0):
            return None
        folders, count = [], 0
        for folder in sorted(known, reverse=True):  # the scan walks in order: take its end
            if count >= total * share:
                break
            folders.append(folder)
            count += len(known[folder][0])
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the helper: scan, send, exit without any of the parent's cleanup
            status = 1
            try:
                os.close(read_end)
                found: dict[str, Entry | int] = {}
                for folder in folders:
                    entry = plain(folder)
                    if entry is not None:
                        found[folder] = _SAME if entry == known[folder] else entry
                with os.fdopen(write_end, "wb") as out:
                    marshal.dump(found, out)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(pid, read_end, frozenset(folders), known)

    def take(self, folder: str) -> Entry | None:
        """What the helper found in ``folder`` (waiting for it to finish); None when the
        folder is not one of its own or it could not take it (then the scan walks it)."""
        if folder not in self.folders:
            return None
        found = self._result()
        value = found.pop(folder, None)
        if value == _SAME:
            return self.known[folder]
        return value if isinstance(value, tuple) else None

    def _result(self) -> dict[str, Entry | int]:
        if self._found is None:
            chunks = []
            try:
                while chunk := os.read(self.pipe, 1 << 20):
                    chunks.append(chunk)
                loaded = marshal.loads(b"".join(chunks))  # noqa: S302 (our own forked helper)
            except (OSError, EOFError, ValueError, TypeError):
                loaded = None  # the helper failed: the scan does its folders itself
            self._found = loaded if isinstance(loaded, dict) else {}
            self.close()
        return self._found

    def close(self) -> None:
        """Reap the helper (stopping it if it still runs)."""
        if self.pipe < 0:
            return
        with contextlib.suppress(OSError):
            os.close(self.pipe)
        self.pipe = -1
        if self._found is None:
            self._found = {}
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
