"""AppTest over the map page and the Stories page on a store built from a story at a square
and one at a village no table holds: the panel's event list, a story's highlighted places and
its table of tags say at which town's position each is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from newsmap.stores import open_store_at
from tests.stores.test_site_of import GIKOMERO, TAHRIR

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data, db = tmp_path / "data", tmp_path / "store" / "newsmap.db"
    (data / "articles").mkdir(parents=True)
    (data / "articles" / "tahrir.md").write_text(TAHRIR, encoding="utf-8")
    (data / "articles" / "gikomero.md").write_text(GIKOMERO, encoding="utf-8")
    writer = open_store_at(db, readonly=False)
    try:
        assert writer.build(data, workers=1).ok
    finally:
        writer.close()
    monkeypatch.setenv("NEWSMAP_DATA", str(data))
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    monkeypatch.setenv("NEWSMAP_SAMPLES", "0")
    monkeypatch.delenv("NEWSMAP_TILES", raising=False)
    return db


def _run(script: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / script), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.usefixtures("built")
def test_the_countrys_event_list_says_where_the_square_is_drawn() -> None:
    at = _run("app.py", country="EGY")
    html = "\n".join(h.proto.body for h in at.html)
    assert "Tahrir Square" in html
    assert "— in Cairo (shown at Cairo&#x27;s position)" in html


@pytest.mark.usefixtures("built")
def test_a_storys_places_say_where_the_village_is_drawn() -> None:
    at = _run("pages/1_Stories.py", story="gikomero")
    html = "\n".join(h.proto.body for h in at.html)
    # the highlighted sentence's hover text, beside the other tags it supports
    hovers = re.findall(r'<mark class="evidence[^"]*" title="([^"]*)"', html)
    assert any("place: Gikomero — near Kigali (shown at Kigali&#x27;s position)" in h.split("; ")
               for h in hovers), hovers
    tags = at.dataframe[-1].value
    place = tags[(tags["kind"] == "place") & (tags["tag"] == "Gikomero")]
    assert "near Kigali (shown at Kigali's position)" in place["detail"].item()
