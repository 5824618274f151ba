"""The app with imported events (AppTest over app.py and the Stories page): the legend entry,
the switch, Albania's panel, and the story's nearby events; on a SQLite store and on a shared
PostgreSQL one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from newsmap.importers.events import import_events
from newsmap.stores import open_store_at
from tests.conftest import SEED
from tests.pgserver import PgServer

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "data" / "sources"
SEED_ID = "albania-cuts-diplomatic-ties-with-iran"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def built(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("app-imported")
    data, db = root / "data", str(root / "store" / "newsmap.db")
    if request.param == "postgresql":
        server: PgServer = request.getfixturevalue("pg_server")
        db = server.create_database(f"newsmap_app_imported_{os.getpid()}")
    (data / "articles").mkdir(parents=True)
    shutil.copy(SEED, data / "articles" / SEED.name)
    import_events("acled", str(FIXTURES / "acled.csv"), data, db)
    import_events("gdelt", str(FIXTURES / "gdelt.export.tsv"), data, db)
    writer = open_store_at(db, readonly=False)
    try:
        assert writer.build(data, workers=1).ok
    finally:
        writer.close()
    return data, db


@pytest.fixture(autouse=True)
def _settings(built: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NEWSMAP_DATA", str(built[0]))
    monkeypatch.setenv("NEWSMAP_DB", str(built[1]))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _run(script: str, **params: str) -> AppTest:
    at = AppTest.from_file(script, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.html)


def test_the_map_page_has_the_legend_entry_and_albanias_imported_events() -> None:
    at = _run(str(REPO / "app.py"), country="ALB")
    html = _html(at)
    assert "Imported events:" in html
    assert "ACLED 5, GDELT 4" in html
    assert any("Imported events in the same years" in m.value for m in at.markdown)
    assert "ACLED ALB1001" in html
    assert "GDELT 1100000002" in html
    assert "UKR1004" not in html
    switch = at.toggle(key="w_show_imported")
    switch.set_value(False).run()
    assert not at.exception
    html = _html(at)
    assert "Imported events:" not in html
    assert "ACLED ALB1001" not in html


def test_a_story_lists_imported_events_within_three_days() -> None:
    at = _run(str(REPO / "pages" / "1_Stories.py"), story=SEED_ID)
    assert any("within 3 days of this story" in m.value for m in at.markdown)
    html = _html(at)
    assert "ACLED ALB1001" in html  # 17 July 2022, two days after the cyberattack
    assert "GDELT 1100000001" in html  # 16 July 2022
    assert "ALB1002" not in html  # September: not near any of the story's day-dated events
