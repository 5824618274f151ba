"""First start: make sure a current store exists (building it with a progress bar), or say
clearly what is wrong and stop the page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from newsmap.build import build_store
from newsmap.errors import BuildLockedError, NewsmapError, SettingsError, StoreError
from newsmap.freshness import Freshness, store_freshness
from newsmap.settings import Settings
from newsmap.stores import Store
from ui import cache, shared_store

BUILD_WAIT_SECONDS = 600.0


@st.cache_data(ttl=30, show_spinner=False)
def _freshness(data_dir: str, db_path: str) -> Freshness:
    return store_freshness(Path(data_dir), Path(db_path))


def ready_store() -> tuple[Store, cache.StoreKey, Settings]:
    """The store and its key, after building the store if it is missing or stale."""
    try:
        settings = cache.settings()
    except SettingsError as error:
        st.error(f"newsmap cannot start: {error}")
        st.stop()
    if settings.db_url is not None:  # a shared PostgreSQL store: built apart, only read here
        return (*shared_store.ready_shared_store(settings), settings)
    try:
        state = _freshness(str(settings.data_dir), str(settings.db_path))
        if state is not Freshness.CURRENT:
            _build(settings, state)
            _freshness.clear()
        conn, key = cache.open_store(settings.db_path)
    except StoreError as error:
        st.error(f"The store cannot be used: {error}")
        st.info("Rebuild it from the corpus with `newsmap build --rebuild`, then reload this page.")
        st.stop()
    except NewsmapError as error:
        st.error(f"newsmap cannot start: {error}")
        st.stop()
    return conn, key, settings


def _build(settings: Settings, state: Freshness) -> None:
    why = ("There is no store yet" if state is Freshness.MISSING
           else f"The articles in {settings.data_dir} changed since the last build")
    bar = st.progress(0.0, text=f"{why}: building it…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0,
                     text=f"{why}: reading and tagging article {done} of {total}…")

    # with a store to show, never queue behind a running build: readers get its last state
    wait = BUILD_WAIT_SECONDS if state is Freshness.MISSING else 0.0
    try:
        report = build_store(settings.data_dir, settings.db_path, progress=progress,
                             wait_seconds=wait)
    except BuildLockedError:
        bar.empty()
        st.toast("Another build is updating the store; showing its last completed state.")
        return
    bar.empty()
    st.toast(f"Store built: {report.summary()}")
