"""Every page starts here: make sure the store is current, or being brought up to date by a
build that runs apart from any reader (:mod:`ui.build_runner`), and open it. Readers browse the
last committed store meanwhile; what went wrong is said in one line, never as a traceback."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from newsmap.background import DONE, FAILED, read_status
from newsmap.errors import NewsmapError, SettingsError, SourceError, StoreError
from newsmap.freshness import Freshness, store_freshness
from newsmap.settings import Settings
from newsmap.stores import Store
from ui import build_runner, cache, shared_store

PROGRESS_EVERY_SECONDS = 1.0


@st.cache_data(ttl=30, show_spinner=False)
def _freshness(data_dir: str, db_path: str, last_build: float) -> Freshness:
    """Cached for 30 s, and until a build (the app's or anyone's) finishes: ``last_build``."""
    return store_freshness(Path(data_dir), Path(db_path))


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
        state = _freshness(str(settings.data_dir), str(settings.db_path),
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
        _freshness.clear()
        st.rerun()
    why = ("There is no store yet" if state is Freshness.MISSING
           else f"The articles in {settings.data_dir} changed; showing the last build meanwhile")
    where = (f"article {view.done:,} of {view.total:,}" if view.total
             else "scanning the corpus")
    st.progress(view.fraction, text=f"{why}: building the store in the background ({where})…")
