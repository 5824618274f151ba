"""The app and its pages read a shared PostgreSQL store (NEWSMAP_DB=postgresql://...)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from psycopg_pool import ConnectionPool
from streamlit.testing.v1 import AppTest

from newsmap.stores import open_store_at
from tests.conftest import REPO

SEED_TITLE = "Albania cuts diplomatic ties with Iran"


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def shared(pg_url: str, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("NEWSMAP_DATA", str(corpus))
    monkeypatch.setenv("NEWSMAP_DB", pg_url)
    monkeypatch.delenv("NEWSMAP_TILES", raising=False)
    return pg_url


def _run(script: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / script), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_unbuilt_shared_store_says_how_to_build_it(shared: str) -> None:
    at = _run("app.py")
    assert any("has not been built yet" in e.value for e in at.error), [e.value for e in at.error]


def test_the_map_and_stories_come_from_postgres(shared: str, corpus: Path) -> None:
    builder = open_store_at(shared, readonly=False)
    builder.build(corpus, workers=1)
    builder.close()
    at = _run("app.py", country="ALB")
    html = "\n".join(h.proto.body for h in at.html)
    assert SEED_TITLE in html
    searched = _run("app.py", q="cyberattack")
    assert "<mark>cyberattack</mark>" in "\n".join(h.proto.body for h in searched.html)
    story = _run("pages/1_Stories.py", story="albania-cuts-diplomatic-ties-with-iran")
    assert "Albania has ordered all staff" in "\n".join(h.proto.body for h in story.html)
    assert not story.info  # no "not supported on PostgreSQL" notes any more
    assert len(story.get("download_button")) == 12  # the view's files, citations, events
    assert "Cite this story" in " ".join(m.value for m in story.markdown)
    about = _run("pages/3_About_the_data.py")
    assert "Every editor's correction applies to the current articles." in \
        [s.value for s in about.success]
    assert not any("Show imported events" in t.label for t in story.toggle)  # none imported


def _open_pools(url: str) -> list[ConnectionPool]:
    database = url.rsplit("/", 1)[-1]
    return [pool for pool in gc.get_objects() if isinstance(pool, ConnectionPool)
            and not pool.closed and pool.conninfo.endswith(f"/{database}")]


def test_the_app_closes_its_pools_when_its_caches_let_go(shared: str, corpus: Path) -> None:
    """A store the app's resource cache drops (cleared here, as the tests do between apps)
    is closed: an open pool would keep reconnecting once its server is gone."""
    builder = open_store_at(shared, readonly=False)
    builder.build(corpus, workers=1)
    builder.close()
    _run("app.py", country="ALB")
    assert _open_pools(shared), "the app reads the store through a pool"
    st.cache_resource.clear()
    assert _open_pools(shared) == []
