"""The build lock: one build writes a store at a time; others wait or are told so."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsmap.errors import BuildLockedError, StoreUnwritableError
from newsmap.printable import printable_path

_GRACE_SECONDS = 0.3


def lock_path(db_path: Path) -> Path:
    """The lock file beside the store."""
    return Path(f"{db_path}.lock")


@contextmanager
def build_lock(db_path: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the store's build lock, waiting up to ``wait_seconds``; BuildLockedError if another
    build keeps it. StoreError when the lock file cannot be made (a read-only folder)."""
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise StoreUnwritableError(
            f"cannot write beside the store {printable_path(db_path)} "
            f"({error.strerror or error}); it is served as it is"
        ) from error
    # a moment's grace even without waiting: build_running() holds the lock for an instant
    deadline = time.monotonic() + max(wait_seconds, _GRACE_SECONDS)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLockedError(
                        f"another build is writing {printable_path(db_path)}; wait for it to "
                        "finish (or pass --wait SECONDS)"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)


def build_running(db_path: Path) -> bool:
    """Whether some process holds the build lock of the store at ``db_path`` right now."""
    try:
        fd = os.open(lock_path(db_path), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
