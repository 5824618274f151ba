"""The summary tables answer the map's aggregates exactly as the detailed queries do, on both
backends, on a real built store: after a first build, after an incremental build (files
changed, added and removed), and after editors' corrections change events."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmap import query, summaries
from newsmap.corrections import append_correction, corrections_path, new_correction
from newsmap.query import Filters
from newsmap.store import connect
from newsmap.stores import is_url, open_store_at
from newsmap.stores import pg_query as pg
from newsmap.synth import generate_archive
from tests.conftest import SEED

ARTICLES = 60
YEARS = [(1977, 1977), (1989, 1989), (1990, 1999), (1995, 2003), (2010, 2010), (2021, 2035),
         (1, 9999), (-5, 1994), (2005, 1995)]


def _build(db: str, data: Path) -> None:
    store = open_store_at(db, readonly=False)
    try:
        report = store.build(data, workers=1)
    finally:
        store.close()
    assert report.ok, report.summary()


@contextmanager
def _asker(db: str) -> Iterator[tuple[Any, Any]]:
    """(query module, connection) for the store at ``db``: newsmap.query on SQLite,
    newsmap.stores.pg_query on PostgreSQL."""
    if is_url(db):
        with psycopg.connect(db, autocommit=True) as conn:
            yield pg, conn
    else:
        with closing(connect(Path(db), readonly=True)) as conn:
            yield query, conn


def _answers(db: str, *, summary: bool) -> dict[str, Any]:
    """Every aggregate the summaries answer, over a grid of filters, countries and types."""
    out: dict[str, Any] = {}
    with _asker(db) as (ask, conn):
        types = ask.event_types(conn)
        countries = [*ask.tagged_countries(conn)[:3], "ZZZ"]
        assert len(types) >= 2, "the corpus must hold events of several types"
        grid = [Filters(), Filters(event_types=(types[0],)), Filters(event_types=tuple(types[:2]))]
        grid += [Filters(years=span, event_types=kinds) for span in YEARS
                 for kinds in ((), (types[0],), (types[1],), tuple(types[:2]))]
        for filters in grid:
            for primary in (False, True):
                out[f"counts {filters} {primary}"] = ask.count_by_country(
                    conn, filters, primary, summary=summary)
            out[f"stories {filters}"] = ask.count_stories(conn, filters, summary=summary)
            out[f"markers {filters}"] = ask.event_markers(conn, filters, per_marker=3,
                                                          limit=25, summary=summary)
            for country in (None, *countries):
                out[f"totals {filters} {country}"] = ask.event_counts(
                    conn, filters, country, summary=summary)
                out[f"by year {filters} {country}"] = ask.events_by_year(
                    conn, filters, country, summary=summary)
    return out


def _assert_same(db: str) -> dict[str, Any]:
    fast, slow = _answers(db, summary=True), _answers(db, summary=False)
    assert fast.keys() == slow.keys()
    for key, expected in slow.items():
        got = fast[key]
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(got, expected, obj=key)
        else:
            assert got == expected, key
    return slow


def _summary_rows(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """The summary tables' non-zero rows, sorted: what the build wrote."""
    tables = {"summary_events": "events <> 0 OR located <> 0", "summary_points": "events <> 0",
              "summary_stories": "stories <> 0"}
    out = {}
    with _asker(db) as (_, conn):
        for table, kept in tables.items():
            rows = conn.execute(f"SELECT * FROM {table} WHERE {kept}").fetchall()
            out[table] = sorted(tuple(row) for row in rows)
    return out


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    generate_archive(folder, ARTICLES, seed=21)
    shutil.copy(SEED, folder / SEED.name)
    return folder


def test_summaries_answer_as_the_detailed_queries(store_backend: str, archive: Path) -> None:
    _build(store_backend, archive)
    answers = _assert_same(store_backend)
    # the grid is not empty: years and types that hold events are asked
    assert answers[f"stories {Filters(years=(1990, 1999))}"] > 0
    assert any(len(v) for k, v in answers.items() if k.startswith("markers"))


def test_summaries_follow_an_incremental_build(store_backend: str, archive: Path,
                                               tmp_path: Path) -> None:
    _build(store_backend, archive)
    files = sorted(archive.rglob("*.md"))
    for path in files[:5]:  # changed: new events in other years and countries
        path.write_text(path.read_text(encoding="utf-8") + "\n\nIn 1991 troops crossed into "
                        "Kosovo, and in 2016 an election was held in Georgia.\n",
                        encoding="utf-8")
    for path in files[5:9]:
        path.unlink()
    generate_archive(archive / "later", 10, seed=22)
    _build(store_backend, archive)
    _assert_same(store_backend)
    fresh = str(tmp_path / "fresh.db")  # the tables equal those of a store built at once
    _build(fresh, archive)
    assert _summary_rows(store_backend) == _summary_rows(fresh)


def test_summaries_follow_corrections(tmp_path: Path, archive: Path) -> None:
    """Corrections move, retype and remove events (SQLite: PostgreSQL refuses corrections)."""
    db = str(tmp_path / "newsmap.db")
    _build(db, archive)
    with closing(connect(Path(db), readonly=True)) as conn:
        rows = conn.execute("SELECT article_id, uid, type FROM events WHERE year_from IS NOT NULL"
                            " AND iso3 IS NOT NULL ORDER BY uid LIMIT 3").fetchall()
        primary = conn.execute("SELECT article_id, iso3 FROM country_tags WHERE is_primary"
                               " ORDER BY article_id LIMIT 1").fetchone()
    assert len(rows) == 3
    assert primary is not None
    path = corrections_path(archive)
    moved, dropped, retyped = rows
    append_correction(path, new_correction(
        moved[0], "fix_event", editor="e", reason="wrong year and country",
        target={"event": moved[1]}, change={"date": "1977", "place": {
            "name": "Tirana", "iso3": "ALB", "lat": 41.33, "lon": 19.82}}))
    append_correction(path, new_correction(dropped[0], "remove_event", editor="e", reason="r",
                                           target={"event": dropped[1]}))
    append_correction(path, new_correction(
        retyped[0], "fix_event", editor="e", reason="r", target={"event": retyped[1]},
        change={"type": "disaster" if retyped[2] != "disaster" else "election"}))
    append_correction(path, new_correction(primary[0], "set_primary", editor="e", reason="r",
                                           target={"iso3": primary[1]},
                                           change={"primary": False}))
    before = _summary_rows(db)
    _build(db, archive)
    assert _summary_rows(db) != before  # the corrections reached the summaries
    answers = _assert_same(db)
    assert answers[f"stories {Filters(years=(1977, 1977))}"] >= 1
    fresh = str(tmp_path / "fresh.db")
    _build(fresh, archive)
    assert _summary_rows(db) == _summary_rows(fresh)


# --- the counting rule, on any spans ---

_spans = st.lists(st.tuples(st.integers(1, 60), st.integers(0, 12)).map(
    lambda s: (s[0], s[0] + s[1])), min_size=1, max_size=6)


@given(stories=st.lists(_spans, min_size=1, max_size=8), start=st.integers(0, 75),
       length=st.integers(0, 20))
def test_islands_and_bridges_count_each_story_once(stories: list[list[tuple[int, int]]],
                                                   start: int, length: int) -> None:
    end = start + length
    total = summaries.Contribution()
    for spans in stories:
        total.add([("ALB", "protest", lo, hi, None, None) for lo, hi in spans], ())
    counted = sum(
        (n if start <= hi and lo <= end else 0) if bridge == 0
        else (-n if lo >= start and hi <= end else 0)
        for (iso3, kind, lo, hi, bridge, _), n in total.stories.items()
        if iso3 == "ALB" and kind == "protest")
    expected = sum(any(lo <= end and hi >= start for lo, hi in spans) for spans in stories)
    assert counted == expected


def test_filters_the_summaries_cannot_answer_use_the_detailed_queries() -> None:
    fits: Callable[[Filters], bool] = summaries.fits
    assert fits(Filters(years=(1990, 2000), event_types=("protest", "election")))
    assert not summaries.stories_fit(Filters(years=(1990, 2000),
                                             event_types=("protest", "election")))
    assert not summaries.stories_fit(Filters(event_types=("protest",)))  # undated ones count
    for other in (Filters(text="pipeline"), Filters(countries=("ALB",)),
                  Filters(outlets=("x",)), Filters(regions=("Balkans",)),
                  Filters(years=(2000, 2001), year_basis="published"),
                  Filters(years=(-1, 100_000)), Filters(years=(2005, 1995))):
        assert not fits(other)
    assert fits(Filters(text="  ?! "))  # no word: no search


def test_an_older_store_gets_the_summaries_a_build_writes(store_backend: str,
                                                          archive: Path) -> None:
    """Migration step 9 (SQLite) or 3 (PostgreSQL) fills the tables from the stored events."""
    _build(store_backend, archive)
    built = _summary_rows(store_backend)
    drop = "DROP TABLE summary_events, summary_points, summary_stories"
    if is_url(store_backend):
        with psycopg.connect(store_backend, autocommit=True) as pg_conn:
            pg_conn.execute(drop)
            pg_conn.execute("DELETE FROM schema_migrations WHERE version >= 3")
        open_store_at(store_backend, readonly=False).close()  # opened to build: migrated
    else:
        with closing(connect(Path(store_backend))) as conn, conn:
            for table in ("summary_events", "summary_points", "summary_stories"):
                conn.execute(f"DROP TABLE {table}")
            conn.execute("DELETE FROM schema_migrations WHERE version >= 9")
        connect(Path(store_backend)).close()
    assert _summary_rows(store_backend) == built
