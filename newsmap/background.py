"""Builds that run apart from any reader: a detached ``newsmap build`` process, and the small
status file through which every build tells every reader how far it got.

The status file sits beside the store (``<store>.build.json``) and is replaced atomically. Its
``state`` is ``running``, ``done`` or ``failed``; a ``running`` state whose process no longer
holds the build lock was killed, and counts as no state at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from newsmap.buildlock import build_running
from newsmap.errors import StoreUnwritableError
from newsmap.paths import REPO_ROOT
from newsmap.printable import printable_path

RUNNING, DONE, FAILED = "running", "done", "failed"
_EVERY_SECONDS = 0.5


@dataclass(frozen=True)
class BuildStatus:
    """What the last build of a store said about itself."""

    state: str
    done: int = 0
    total: int = 0
    message: str = ""
    """The summary of a finished build, or the one-line reason a build failed."""
    pid: int = 0
    updated: float = 0.0


def status_path(db_path: Path) -> Path:
    """Where the builds of the store at ``db_path`` write their status."""
    return Path(f"{db_path}.build.json")


def read_status(db_path: Path) -> BuildStatus | None:
    """The last status a build wrote (None if none, unreadable, or from a killed build)."""
    try:
        raw = json.loads(status_path(db_path).read_text(encoding="utf-8"))
        status = BuildStatus(**{k: raw[k] for k in BuildStatus.__dataclass_fields__ if k in raw})
    except (OSError, ValueError, TypeError):
        return None
    if status.state == RUNNING and not build_running(db_path):
        return None  # the build was killed: nothing it said holds
    return status


def write_status(db_path: Path, status: BuildStatus) -> bool:
    """Replace the status file atomically; False when it cannot be written (a full or
    read-only disk: the build's own error says why)."""
    path = status_path(db_path)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(asdict(status)), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


class StatusWriter:
    """A build's progress callback that writes the status file, at most twice a second."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= _EVERY_SECONDS or done == total:
            self._last = now
            self._write(RUNNING, done, total)

    def start(self) -> None:
        """Say that the build has begun (before it scans or tags anything)."""
        self._write(RUNNING, 0, 0)

    def finish(self, summary: str, total: int) -> None:
        """Say that the build committed."""
        self._write(DONE, total, total, summary)

    def fail(self, message: str) -> None:
        """Say that the build failed, and why, in one line."""
        self._write(FAILED, 0, 0, message)

    def _write(self, state: str, done: int, total: int, message: str = "") -> None:
        write_status(self.db_path, BuildStatus(state, done, total, message, os.getpid(),
                                               time.time()))


def start_build(data_dir: Path, db_path: Path, log_path: Path | None = None,
                ) -> subprocess.Popen[bytes]:
    """Start ``newsmap build`` in its own session: it runs on when the caller's reader leaves,
    holds the build lock, and reports through the status file. Its output goes to
    ``log_path`` (default: beside the store)."""
    log_path = log_path or Path(f"{db_path}.build.log")
    command = [sys.executable, "-m", "newsmap.cli", "build", "--quiet",
               "--data", str(data_dir), "--db", str(db_path)]
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as log:
            return subprocess.Popen(command, cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=log, start_new_session=True,
                                    close_fds=True)
    except OSError as error:
        raise StoreUnwritableError(
            f"cannot start a build beside the store {printable_path(db_path)} "
            f"({error.strerror or error})") from error
