"""Every page starts here: make sure the store is current, or being brought up to date by a
build that runs apart from any reader (:mod:`ui.build_runner`), and open it. Readers browse the
last committed store meanwhile; what went wrong is said in one line, never as a traceback."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from newsmap.background import DONE, FAILED, read_status
from newsmap.errors import NewsmapError, SettingsError, SourceError, StoreError
from newsmap.freshness import Freshness, store_freshness
from newsmap.settings import Settings
from newsmap.stores import Store
from ui import build_runner, cache, shared_store

PROGRESS_EVERY_SECONDS = 1.0
FRESHNESS_SECONDS = 30.0
WATCH_IDLE_SECONDS = 300.0


class FreshnessWatch:
    """Whether the store matches the corpus, as last checked: checked in a background thread
    every ``every`` seconds while readers use the app (and for ``idle`` seconds after), and at
    once when there is no answer yet, a build finished, or the answer is out of date.

    Checking fingerprints every corpus file (0.2 s of CPU at 10,000 articles, ten times that at
    100,000); done in a reader's rerun it made one click in every 30 s wait for it.
    """

    def __init__(self, data_dir: Path, db_path: Path, every: float = FRESHNESS_SECONDS,
                 idle: float = WATCH_IDLE_SECONDS,
                 check: Callable[[], Freshness] | None = None) -> None:
        """``check``: how to ask (default: :func:`store_freshness` of the SQLite file)."""
        self.data_dir, self.db_path, self.every, self.idle = data_dir, db_path, every, idle
        self._ask_store = check or (lambda: store_freshness(self.data_dir, self.db_path))
        self._lock = threading.Lock()
        self._answer: Freshness | Exception | None = None
        self._checked = 0.0
        self._asked = 0.0
        self._build: float | None = None
        self._watching = False
        self._stopped = False

    def freshness(self, last_build: float) -> Freshness:
        """The last answer (checked now when there is none, the last check failed, it is older
        than ``every`` with nobody watching, or a build finished since); a corpus or store that
        cannot be read raises as :func:`store_freshness` does."""
        now = time.monotonic()
        with self._lock:
            self._asked = now
            answer = self._answer
            if (not isinstance(answer, Freshness) or last_build != self._build
                    or now - self._checked > 2 * self.every):
                self._build = last_build
                answer = None
            if not self._watching and not self._stopped:
                self._watching = True
                threading.Thread(target=self._watch, name="newsmap-freshness",
                                 daemon=True).start()
        if answer is None:
            answer = self._check()
        if isinstance(answer, Exception):
            raise answer
        return answer

    def forget(self) -> None:
        """Check again on the next call (after a build the app ran)."""
        with self._lock:
            self._answer = None

    def stop(self) -> None:
        """Check no more in the background (its thread ends after its current sleep): the app
        let go of this watch, and a check now would open its store again."""
        with self._lock:
            self._stopped = True

    def _watch(self) -> None:
        while True:
            time.sleep(self.every)
            with self._lock:
                if self._stopped or time.monotonic() - self._asked > self.idle:
                    self._watching = False
                    return
            self._check()

    def _check(self) -> Freshness | Exception:
        answer: Freshness | Exception
        try:
            answer = self._ask_store()
        except NewsmapError as error:
            answer = error
        with self._lock:
            self._answer, self._checked = answer, time.monotonic()
        return answer


@st.cache_resource(show_spinner=False, max_entries=8, on_release=FreshnessWatch.stop)
def _watch(data_dir: str, db_path: str) -> FreshnessWatch:
    return FreshnessWatch(Path(data_dir), Path(db_path))


def _last_build(db_path: Path) -> float:
    """When the last build finished (0.0 while one runs or when none said so)."""
    status = read_status(db_path)
    return status.updated if status is not None and status.state in (DONE, FAILED) else 0.0


def ready_store() -> tuple[Store, cache.StoreKey, Settings]:
    """The connection and store key of the last committed store; starts a build when the store
    is missing or stale, and shows its progress (the page waits only when there is no store)."""
    with st.container():  # one slot, shown or empty: the page below never moves (see app.py)
        return _ready_store()


def _ready_store() -> tuple[Store, cache.StoreKey, Settings]:
    try:
        settings = cache.settings()
    except SettingsError as error:
        st.error(f"newsmap cannot start: {error}")
        st.stop()
    if settings.db_url is not None:  # a shared PostgreSQL store: built apart, only read here
        return (*shared_store.ready_shared_store(settings), settings)
    try:
        state = _watch(str(settings.data_dir), str(settings.db_path)).freshness(
            _last_build(settings.db_path))
        if state is not Freshness.CURRENT:
            _bring_up_to_date(settings, state)
        conn, key = cache.open_store(settings.db_path)
    except SourceError as error:
        _corpus_unreadable(settings, error)
        conn, key = cache.open_store(settings.db_path)
    except StoreError as error:
        st.error(f"The store cannot be used: {error}")
        st.info("Rebuild it from the corpus with `newsmap build --rebuild`, then reload this page.")
        st.stop()
    except NewsmapError as error:
        st.error(f"newsmap cannot start: {error}")
        st.stop()
    return conn, key, settings


def _bring_up_to_date(settings: Settings, state: Freshness) -> None:
    view = build_runner.ensure_build(settings)
    if view.failure is not None:
        if state is Freshness.MISSING:
            st.error(f"The store cannot be built: {view.failure}")
            st.stop()
        st.warning(f"The store could not be updated: {view.failure}. Showing it as last built.")
        return
    _progress(settings, state)
    if state is Freshness.MISSING:
        st.stop()  # nothing to show yet; the progress fragment reruns the page when it is built


def _corpus_unreadable(settings: Settings, error: SourceError) -> None:
    if not settings.db_path.exists():
        st.error(f"newsmap cannot start: {error}")
        st.stop()
    st.warning(f"{error}. Showing the store as last built.")


@st.fragment(run_every=PROGRESS_EVERY_SECONDS)
def _progress(settings: Settings, state: Freshness) -> None:
    """The running build's progress, for every reader; reruns the page once it is done."""
    view = build_runner.current_build(settings)
    if not view.running:
        _watch(str(settings.data_dir), str(settings.db_path)).forget()
        st.rerun()
    why = ("There is no store yet" if state is Freshness.MISSING
           else f"The articles in {settings.data_dir} changed; showing the last build meanwhile")
    where = (f"article {view.done:,} of {view.total:,}" if view.total
             else "scanning the corpus")
    st.progress(view.fraction, text=f"{why}: building the store in the background ({where})…")
