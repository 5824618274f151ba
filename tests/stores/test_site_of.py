"""A named site or an unknown village shown at a town's position says so, end to end: in
``newsmap tag --json``, in the store (SQLite and PostgreSQL, and a store of the schema before
``site_of`` upgraded), in every way the map's markers and the lists are read, in the marker's
popup and tooltip a reader sees, in a story's tags and in the event exports."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psycopg
import pytest

from newsmap import event_export
from newsmap.errors import StoreError
from newsmap.freshness import Freshness
from newsmap.mapping import events_layer
from newsmap.mapping.basemap import base_map
from newsmap.migrations import LATEST_VERSION, schema_version
from newsmap.present import detail_evidence, events_html, tag_rows
from newsmap.query import Filters
from newsmap.sites import place_label, site_note
from newsmap.store import connect
from newsmap.stores import Store, is_url, open_store_at
from newsmap.stores.pg_schema import LATEST_VERSION as PG_LATEST_VERSION
from tests.conftest import REPO

TAHRIR = """---
title: Protesters return to Tahrir Square
published: 2011-02
---
On 1 February 2011, hundreds of thousands of protesters gathered in Tahrir Square in Cairo to \
demand that President Hosni Mubarak step down. Egypt's army said it would not fire on them.
"""
GIKOMERO = """---
title: A village remembers
published: 2014-04
---
In April 1994 militias massacred hundreds of people in Gikomero, a village east of Kigali, in \
Rwanda. The killings at Gikomero lasted three days.
"""
SQUARE = "Tahrir Square — in Cairo (shown at Cairo's position)"
VILLAGE = "Gikomero — near Kigali (shown at Kigali's position)"


def _corpus(root: Path) -> Path:
    data = root / "data"
    (data / "articles").mkdir(parents=True)
    (data / "articles" / "tahrir.md").write_text(TAHRIR, encoding="utf-8")
    (data / "articles" / "gikomero.md").write_text(GIKOMERO, encoding="utf-8")
    return data


def _build(data: Path, db: str) -> None:
    writer = open_store_at(db, readonly=False)
    try:
        report = writer.build(data, workers=1)
    finally:
        writer.close()
    assert report.ok, report.rejected


@pytest.fixture
def built(tmp_path: Path, store_backend: str) -> tuple[Path, str]:
    """(corpus, store) after one real build of a story at a square and one at a village."""
    data = _corpus(tmp_path)
    _build(data, store_backend)
    return data, store_backend


@pytest.fixture
def reader(built: tuple[Path, str]) -> Iterator[Store]:
    store = open_store_at(built[1])
    yield store
    store.close()


def _render(markers: pd.DataFrame) -> str:
    m = base_map()
    events_layer(markers).add_to(m)
    return str(m.get_root().render())


def test_tag_json_names_the_town_a_site_or_village_is_shown_at(tmp_path: Path) -> None:
    data = _corpus(tmp_path)
    files = [str(data / "articles" / name) for name in ("tahrir.md", "gikomero.md")]
    result = subprocess.run([sys.executable, "-m", "newsmap.cli", "tag", *files, "--json"],
                            capture_output=True, text=True, cwd=REPO, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    places = {p["name"]: p for item in json.loads(result.stdout) for p in item["places"]}
    assert places["Tahrir Square"]["site_of"] == "Cairo"
    assert places["Gikomero"]["site_of"] == "Kigali"
    assert places["Cairo"]["site_of"] is None  # a town at its own position: null, not absent
    assert (places["Gikomero"]["lat"], places["Gikomero"]["lon"]) == (
        places["Kigali"]["lat"], places["Kigali"]["lon"])


def test_the_store_keeps_the_town_with_the_place_and_its_events(reader: Store) -> None:
    cairo = reader.article_detail("tahrir")
    assert cairo is not None
    assert {p["name"]: p["site_of"] for p in cairo["places"]} == {
        "Tahrir Square": "Cairo", "Cairo": None}
    assert [(e["place"], e["site_of"]) for e in cairo["events"]] == [("Tahrir Square", "Cairo")]
    village = reader.article_detail("gikomero")
    assert village is not None
    assert {p["name"]: p["site_of"] for p in village["places"]}["Gikomero"] == "Kigali"


def test_every_way_the_markers_are_read_carries_the_town(reader: Store) -> None:
    """Before the story columns load (SQL, from the summary tables), after (the columns), and
    for filters only SQL answers (publication years)."""
    both = {"Tahrir Square": "Cairo", "Gikomero": "Kigali"}
    answers = [(reader.event_markers(Filters()), both)]
    reader.load_story_columns()
    answers.append((reader.event_markers(Filters()), both))
    answers.append((reader.event_markers(Filters(text="protesters")), {"Tahrir Square": "Cairo"}))
    answers.append((reader.event_markers(Filters(years=(2010, 2015), year_basis="published")),
                    both))
    for markers, expected in answers:
        assert dict(zip(markers["place"], markers["site_of"], strict=True)) == expected


def test_the_markers_popup_and_tooltip_say_where_the_place_really_is(reader: Store) -> None:
    html = _render(reader.event_markers(Filters()))
    # the marker's row: its place as the popup heads it, then its tooltip
    assert f'"{SQUARE}","Protest: {SQUARE}"' in html
    assert f'"{VILLAGE}","Armed conflict: {VILLAGE}"' in html


def test_the_event_lists_and_a_storys_tags_say_it(reader: Store) -> None:
    events = reader.events(Filters())
    assert dict(zip(events["place"], events["site_of"], strict=True)) == {
        "Tahrir Square": "Cairo", "Gikomero": "Kigali"}
    listed = events_html(events)
    assert "— in Cairo (shown at Cairo&#x27;s position)" in listed
    assert "— near Kigali (shown at Kigali&#x27;s position)" in listed
    detail = reader.article_detail("gikomero")
    assert detail is not None
    rows = tag_rows(detail)
    place = rows[(rows["kind"] == "place") & (rows["tag"] == "Gikomero")]["detail"].item()
    assert "near Kigali (shown at Kigali's position)" in place
    assert rows[rows["tag"] == "Kigali"]["detail"].item().count("shown at") == 0
    event = rows[rows["kind"] == "event"]["detail"].item()
    assert VILLAGE in event
    assert any(mark.label == f"place: {VILLAGE}" for mark in detail_evidence(detail))


def test_the_event_exports_carry_the_town_and_acleds_precision(reader: Store) -> None:
    records = reader.event_records(Filters())
    table = pd.read_csv(io.BytesIO(event_export.acled_csv(records)), dtype=str,
                        keep_default_na=False)
    rows = {r["location"]: r for r in table.to_dict("records")}
    assert (rows["Tahrir Square"]["site_of"], rows["Tahrir Square"]["geo_precision"]) == (
        "Cairo", "1")  # in the town whose coordinates it takes
    assert (rows["Gikomero"]["site_of"], rows["Gikomero"]["geo_precision"]) == (
        "Kigali", "2")  # ACLED's "near a town, the town's coordinates"
    features = json.loads(event_export.geojson(records))["features"]
    assert {f["properties"]["location"]: f["properties"]["site_of"] for f in features} == {
        "Tahrir Square": "Cairo", "Gikomero": "Kigali"}


def _to_the_schema_before_site_of(db: str) -> None:
    """Make the built store what the newsmap before ``site_of`` left: no columns, its last
    step not recorded, the tagger's version that of this tagger (an 11-step SQLite store, a
    5-step PostgreSQL one, which the next build would not re-tag by itself)."""
    if is_url(db):
        with psycopg.connect(db, autocommit=True) as pg:
            pg.execute("ALTER TABLE places DROP COLUMN site_of")
            pg.execute("ALTER TABLE events DROP COLUMN site_of")
            pg.execute("DELETE FROM schema_migrations WHERE version >= 6")
        return
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("ALTER TABLE places DROP COLUMN site_of")
        conn.execute("ALTER TABLE events DROP COLUMN site_of")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 12")
    conn.close()


def test_a_store_from_before_site_of_upgrades_keeps_its_rows_and_the_next_build_fills_it(
    built: tuple[Path, str],
) -> None:
    data, db = built
    _to_the_schema_before_site_of(db)
    if is_url(db):
        with psycopg.connect(db) as pg:
            assert pg.execute("SELECT MAX(version) FROM schema_migrations").fetchone() == (5,)
        old = open_store_at(db)
        try:  # readers are told in one line what to do, and the app sees the store as stale
            assert old.freshness(data) is Freshness.STALE
            with pytest.raises(StoreError, match="older newsmap; run `newsmap build`"):
                old.events(Filters())
        finally:
            old.close()
        open_store_at(db, readonly=False).close()  # opened to build: migrated
        with psycopg.connect(db) as pg:
            assert pg.execute("SELECT MAX(version) FROM schema_migrations").fetchone() == (
                PG_LATEST_VERSION,)
    else:
        with pytest.raises(StoreError, match="run `newsmap build` to upgrade it"):
            open_store_at(db)
        conn = connect(Path(db))  # opened to build: migrated
        assert schema_version(conn) == LATEST_VERSION == 12
        conn.close()
    store = open_store_at(db)
    try:  # the old rows are kept, without the town, and every question still works
        detail = store.article_detail("tahrir")
        assert detail is not None
        assert [(p["name"], p["site_of"]) for p in detail["places"]] == [
            ("Tahrir Square", None), ("Cairo", None)]
        markers = store.event_markers(Filters())
        assert set(markers["place"]) == {"Tahrir Square", "Gikomero"}
        assert markers["site_of"].isna().all()
        assert '"Tahrir Square","Protest: Tahrir Square"' in _render(markers)
        assert len(store.event_records(Filters())) == 2
        assert store.get_meta("tagger_version") is None  # forgotten by the upgrade
    finally:
        store.close()
    _build(data, db)  # not --rebuild: the forgotten tagger version re-tags every story
    store = open_store_at(db)
    try:
        detail = store.article_detail("tahrir")
        assert detail is not None
        assert detail["places"][0]["site_of"] == "Cairo"
        assert SQUARE in _render(store.event_markers(Filters()))
    finally:
        store.close()


def test_the_words_a_reader_sees() -> None:
    assert place_label("Skanderbeg Square", "Tirana") == (
        "Skanderbeg Square — in Tirana (shown at Tirana's position)")
    assert place_label("Tirana International Airport", "Tirana") == (
        "Tirana International Airport — near Tirana (shown at Tirana's position)")
    assert place_label("Jarinje border crossing", "Leposavić").startswith(
        "Jarinje border crossing — near Leposavić")
    assert place_label("Tirana", None) == "Tirana"
    assert site_note("Tirana", float("nan")) is None  # pandas' missing value
    assert site_note("Tirana", "  ") is None


def test_a_hostile_town_name_is_escaped_in_every_html_view() -> None:
    events = pd.DataFrame([{
        "article_id": "x", "title": "t", "url": None, "date": "2020", "precision": "year",
        "type": "protest", "iso3": "EGY", "place": "Some Square", "lat": 30.0, "lon": 31.2,
        "summary": "s", "site_of": "<img src=x onerror=alert(1)>"}])
    listed = events_html(events)
    assert "<img" not in listed
    assert "&lt;img src=x onerror=alert(1)&gt;" in listed
    markers = events.assign(events=1, rank=1)
    html = _render(markers)
    assert "<img src=x" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
