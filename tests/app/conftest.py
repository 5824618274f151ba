"""AppTest fixtures: a fresh fixture store per test, settings pointed at it, caches cleared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st

from tests.handtagged_store import make_store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-tagged fixture store, current for an empty corpus folder."""
    data, db = tmp_path / "data", tmp_path / "store" / "newsmap.db"
    make_store(data, db)
    monkeypatch.setenv("NEWSMAP_DATA", str(data))
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    monkeypatch.delenv("NEWSMAP_TILES", raising=False)
    return db
