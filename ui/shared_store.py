"""Start-up with a shared PostgreSQL store (NEWSMAP_DB=postgresql://...): the replicas only read.

The store is built by ``newsmap build`` with the same setting (``scripts/replicas.py`` does it
before starting the replicas), never by a reader's page: many replicas would race to build it.
A store not built yet is said in one line; a store older than the corpus is shown as built."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from newsmap.errors import NewsmapError
from newsmap.freshness import Freshness
from newsmap.settings import Settings
from newsmap.stores import Store, open_store_at
from ui import cache


@st.cache_resource(show_spinner=False, max_entries=2)
def _store(url: str) -> Store:
    return open_store_at(url, readonly=True)


@st.cache_data(ttl=30, show_spinner=False)
def _freshness(data_dir: str, url: str) -> Freshness:
    return _store(url).freshness(Path(data_dir))


def ready_shared_store(settings: Settings) -> tuple[Store, cache.StoreKey]:
    """The shared store and the key of its last build; stops the page with one line when it
    cannot be used."""
    url = settings.db_url or ""
    try:
        state = _freshness(str(settings.data_dir), url)
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
