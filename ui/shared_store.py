"""Start-up with a shared PostgreSQL store (NEWSMAP_DB=postgresql://...): the replicas only read.

The store is built by ``newsmap build`` with the same setting (``scripts/replicas.py`` does it
before starting the replicas), never by a reader's page: many replicas would race to build it.
A store not built yet is said in one line; a store older than the corpus is shown as built.
Whether it is older is checked in the background (:class:`ui.startup.FreshnessWatch`): the
check fingerprints every corpus file (1.3 s of CPU at 100,000 articles), too long for a rerun."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from newsmap.errors import NewsmapError
from newsmap.freshness import Freshness
from newsmap.settings import Settings
from newsmap.stores import Store, open_store_at
from ui import cache

if TYPE_CHECKING:
    from ui.startup import FreshnessWatch


@st.cache_resource(show_spinner=False, max_entries=2, on_release=cache.close_store)
def _store(url: str) -> Store:
    return open_store_at(url, readonly=True)


@st.cache_resource(show_spinner=False, max_entries=2, on_release=lambda watch: watch.stop())
def _watch(data_dir: str, url: str) -> FreshnessWatch:
    from ui.startup import FreshnessWatch  # ui.startup imports this module

    return FreshnessWatch(Path(data_dir), Path(), check=lambda: _store(url).freshness(
        Path(data_dir)))


def ready_shared_store(settings: Settings) -> tuple[Store, cache.StoreKey]:
    """The shared store and the key of its last build; stops the page with one line when it
    cannot be used."""
    url = settings.db_url or ""
    try:
        state = _watch(str(settings.data_dir), url).freshness(0.0)  # builds run apart
        if state is Freshness.MISSING:
            st.error(f"The shared store {_store(url).location} has not been built yet: run "
                     "`newsmap build` with the same NEWSMAP_DB, then reload this page.")
            st.stop()
        if state is Freshness.STALE:
            st.caption("The articles changed since the last build; showing the store as built.")
        return cache.open_store(url)
    except NewsmapError as error:
        st.error(f"The store cannot be used: {error}")
        st.stop()
