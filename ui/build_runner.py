"""The app's builds run apart from any reader: one detached ``newsmap build`` process per store,
which survives reloads and closed tabs; every reader sees its progress from the status file, and
a build that failed is not started again until the corpus changes."""

from __future__ import annotations

import os
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from newsmap.background import DONE, FAILED, RUNNING, read_status, start_build
from newsmap.build import corpus_signature
from newsmap.buildlock import build_running
from newsmap.errors import StoreUnwritableError
from newsmap.printable import printable_path
from newsmap.settings import Settings


@dataclass(frozen=True)
class BuildView:
    """What a reader is told about the store's build."""

    running: bool = False
    done: int = 0
    total: int = 0
    failure: str | None = None
    """Why the last build failed (it is not retried until the corpus changes)."""

    @property
    def fraction(self) -> float:
        """How far the running build got, from 0 to 1."""
        return min(1.0, self.done / self.total) if self.total else 0.0


@dataclass
class _Runner:
    lock: threading.Lock = field(default_factory=threading.Lock)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    started_for: dict[str, str] = field(default_factory=dict)
    failed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Per store: the corpus signature a build failed for, and its one-line reason."""


@st.cache_resource(show_spinner=False)
def _runner() -> _Runner:
    return _Runner()


def current_build(settings: Settings) -> BuildView:
    """The build running now (started by anyone), with its progress; or not running."""
    runner = _runner()
    with runner.lock:
        return _running_view(runner, settings.db_path) or BuildView()


def ensure_build(settings: Settings) -> BuildView:
    """Make sure a build is bringing the store up to date: the one running, or a new one;
    unless the last build failed for this same state of the corpus (then say why)."""
    runner = _runner()
    db_path = settings.db_path
    key = str(db_path)
    with runner.lock:
        view = _running_view(runner, db_path)
        if view is not None:
            return view
        signature = corpus_signature(settings.data_dir)
        _note_finished(runner, db_path, key)
        failed = runner.failed.get(key)
        if failed is not None and failed[0] == signature:
            return BuildView(failure=failed[1])
        if not _writable(db_path):
            reason = (f"the store {printable_path(db_path)} is on a read-only disk; it is "
                      "shown as last built")
            runner.failed[key] = (signature, reason)
            return BuildView(failure=reason)
        try:
            runner.processes[key] = start_build(settings.data_dir, db_path)
        except StoreUnwritableError as error:
            runner.failed[key] = (signature, str(error))
            return BuildView(failure=str(error))
        runner.started_for[key] = signature
        return BuildView(running=True)


def _running_view(runner: _Runner, db_path: Path) -> BuildView | None:
    key = str(db_path)
    process = runner.processes.get(key)
    ours = process is not None and process.poll() is None
    if not ours and not build_running(db_path):
        return None
    status = read_status(db_path)
    if status is not None and status.state == RUNNING:
        return BuildView(running=True, done=status.done, total=status.total)
    return BuildView(running=True)


def _note_finished(runner: _Runner, db_path: Path, key: str) -> None:
    """Remember how a build this app started ended (and reap its process)."""
    process = runner.processes.pop(key, None)
    if process is not None:
        process.wait()
    signature = runner.started_for.pop(key, None)
    if signature is None:
        return
    status = read_status(db_path)
    if status is not None and status.state == DONE:
        runner.failed.pop(key, None)
    elif status is not None and status.state == FAILED:
        runner.failed[key] = (signature, status.message)
    else:
        runner.failed[key] = (signature, "the build stopped without a word; see "
                              f"{printable_path(Path(f'{db_path}.build.log'))}")


def _writable(db_path: Path) -> bool:
    folder = db_path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK) and (not db_path.exists() or os.access(db_path, os.W_OK))
