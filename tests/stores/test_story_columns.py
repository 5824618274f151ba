"""A search's stories and events per country, event totals and markers from the columns held
in memory (:mod:`newsmap.storycolumns`) are the store's SQL answers, on both backends, under every
filter the columns answer; a new build is seen; until they load, the store answers in SQL."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg
import pytest

from newsmap import query
from newsmap.errors import StoreError
from newsmap.query import Filters
from newsmap.stores import Store, open_store_at, pg_query
from newsmap.stores.postgres import PostgresStore
from newsmap.stores.sqlite import SqliteStore
from newsmap.storycolumns import StoryColumns, counts_from_columns, holds
from newsmap.synth import generate_archive
from tests.conftest import SEED
from tests.pgserver import PgServer

ARTICLES = 60

TEXTS = ("", "government", "Albania cyberattack", "officials", "zzqx-nothing", "the")
STORY_FILTERS = [
    {"text": text} for text in TEXTS if text
] + [
    {"countries": ("ALB",)},
    {"countries": ("ALB", "IRN", "UKR")},
    {"countries": ("XXX",)},  # no story is tagged with it
    {"countries": ("UKR",), "text": "officials"},
]
EVENT_FILTERS = [
    {},
    {"years": (1990, 2005)},
    {"years": (2014, 2014)},
    {"years": (2010, 2001)},  # a reversed span matches nothing
    {"years": (1000, 1100)},
    {"event_types": ("attack", "election")},
    {"event_types": ("no-such-type",)},
    {"years": (2000, 2023), "event_types": ("protest", "attack")},
]
MARKER_SIZES = [(2, 500), (3, 1000), (1, 3), (5, 1)]
LISTS = [(None, None), (None, 10), ("ALB", 25), ("IRN", None), ("IRN", 3), ("ALB", 0),
         ("XXX", None)]
"""(country, how many) of the story and event lists asked: all (the Stories page), the
overview's and the country panel's pages, cuts through ties, none, a country with no story."""
"""(events per marker, markers): the map's, the store's defaults, and cuts through ties."""
FILTERS = [Filters(**story, **events) for story in STORY_FILTERS for events in EVENT_FILTERS]
"""Every story-level filter the columns answer, with every kind of event filter."""
LIST_FILTERS = [Filters(**story, **events) for story in [{}, *STORY_FILTERS]
                for events in (EVENT_FILTERS[0], EVENT_FILTERS[1], EVENT_FILTERS[-1])] + [
    Filters(**events) for events in EVENT_FILTERS[2:-1]]
"""Every story-level filter and none, with none, a year span, and years with types; and the
other event filters alone."""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    generate_archive(folder, ARTICLES, seed=21)
    shutil.copy(SEED, folder / SEED.name)
    # the same story under another name: its title, date and salience tie with the seed's,
    # so only the row key orders the two in story and event lists
    shutil.copy(SEED, folder / f"twin-{SEED.name}")
    return folder


def _built(db: str, archive: Path) -> Store:
    writer = open_store_at(db, readonly=False)
    writer.build(archive, workers=1)
    writer.close()
    return open_store_at(db)


@pytest.fixture(scope="module")
def lite(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteStore]:
    store = _built(str(tmp_path_factory.mktemp("sqlite") / "newsmap.db"), archive)
    assert isinstance(store, SqliteStore)
    yield store
    store.close()


@pytest.fixture(scope="module")
def pg(archive: Path, pg_server: PgServer) -> Iterator[tuple[PostgresStore, str]]:
    url = pg_server.create_database("newsmap_story_columns")
    store = _built(url, archive)
    assert isinstance(store, PostgresStore)
    yield store, url
    store.close()


def _label(filters: Filters) -> str:
    return ",".join(f"{k}={v}" for k, v in vars(filters).items()
                    if v not in (None, (), "", "event"))


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))


def test_the_filters_here_are_the_ones_the_columns_answer() -> None:
    assert all(counts_from_columns(filters) for filters in FILTERS)
    assert all(holds(filters) for filters in LIST_FILTERS)
    assert not counts_from_columns(Filters())  # the summary tables count it
    assert not counts_from_columns(Filters(years=(2000, 2020)))
    for filters in (Filters(text="government", outlets=("Example Outlet",)),
                    Filters(regions=("Western Balkans",)),
                    Filters(text="government", years=(2000, 2020), year_basis="published")):
        assert not holds(filters)
        assert not counts_from_columns(filters)


@pytest.mark.parametrize("filters", FILTERS, ids=_label)
def test_sqlite_columns_answer_as_its_sql(lite: SqliteStore, filters: Filters) -> None:
    columns = lite._columns.get()
    matched = query.matching_ids(lite.conn, filters)
    ids = None if matched is None else matched.id_list
    for primary in (False, True):
        _same(columns.count_by_country(filters, ids, primary),
              query.count_by_country(lite.conn, filters, primary, summary=False))
    for country in (None, "ALB", "IRN", "XXX"):
        assert columns.event_counts(filters, ids, country) == query.event_counts(
            lite.conn, filters, country, summary=False)
    for per_marker, limit in MARKER_SIZES:
        _same(columns.event_markers(filters, ids, per_marker=per_marker, limit=limit,
                                    details=lite._event_details),
              query.event_markers(lite.conn, filters, per_marker=per_marker, limit=limit,
                                  summary=False))


@pytest.mark.parametrize("filters", FILTERS, ids=_label)
def test_postgresql_columns_answer_as_its_sql(pg: tuple[PostgresStore, str],
                                              filters: Filters) -> None:
    store, url = pg
    columns = store._columns.get()
    with psycopg.connect(url, autocommit=True) as conn:
        ids = pg_query.matching_ids(conn, filters)
        for primary in (False, True):
            _same(columns.count_by_country(filters, ids, primary),
                  pg_query.count_by_country(conn, filters, primary, summary=False))
        for country in (None, "ALB", "IRN", "XXX"):
            assert columns.event_counts(filters, ids, country) == pg_query.event_counts(
                conn, filters, country, summary=False)
        for per_marker, limit in MARKER_SIZES:
            _same(columns.event_markers(filters, ids, per_marker=per_marker, limit=limit,
                                        details=store._event_details),
                  pg_query.event_markers(conn, filters, per_marker=per_marker, limit=limit,
                                         summary=False))


@pytest.mark.parametrize("filters", LIST_FILTERS, ids=_label)
def test_sqlite_columns_list_stories_and_events_as_its_sql(lite: SqliteStore,
                                                           filters: Filters) -> None:
    matched = query.matching_ids(lite.conn, filters)
    _lists_agree(lite._columns.get(), None if matched is None else matched.id_list, filters,
                 query, lite.conn)


@pytest.mark.parametrize("filters", LIST_FILTERS, ids=_label)
def test_postgresql_columns_list_stories_and_events_as_its_sql(pg: tuple[PostgresStore, str],
                                                               filters: Filters) -> None:
    store, url = pg
    with psycopg.connect(url, autocommit=True) as conn:
        _lists_agree(store._columns.get(), pg_query.matching_ids(conn, filters), filters,
                     pg_query, conn)


def _lists_agree(columns: StoryColumns, ids: list[str] | None, filters: Filters,
                 sql: Any, conn: Any) -> None:
    """The columns' story count and their story and event lists (every shape of
    :data:`LISTS`) are those of ``sql`` (:mod:`newsmap.query` or
    :mod:`newsmap.stores.pg_query`, asked on ``conn``)."""
    assert columns.count_stories(filters, ids) == sql.count_stories(conn, filters,
                                                                     summary=False)
    for country, limit in LISTS:
        pks, primary = columns.story_page(filters, ids, country, limit)
        _same(sql.listed_stories(conn, filters, pks.tolist(),
                                 None if primary is None else primary.tolist(), country),
              sql.stories(conn, filters, country, limit))
        located_only = limit == 3  # the markers' question, cut through ties
        _same(sql.listed_events(conn, columns.event_page(
                  filters, ids, country, located_only=located_only, limit=limit)),
              sql.events(conn, filters, country, located_only=located_only, limit=limit))


def test_the_store_answers_in_sql_until_the_columns_load_then_from_them(
        archive: Path, tmp_path: Path) -> None:
    store = _built(str(tmp_path / "newsmap.db"), archive)
    assert isinstance(store, SqliteStore)
    try:
        filters = Filters(text="government")
        first = store.count_by_country(filters, primary=True)  # starts the load
        loaded = _wait_for_columns(store)
        assert loaded.version == store.store_version()
        _same(store.count_by_country(filters, primary=True), first)
        assert store.event_counts(filters) == query.event_counts(store.conn, filters,
                                                                 summary=False)
    finally:
        store.close()


def test_a_new_build_is_counted(archive: Path, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(archive, folder)
    store = _built(str(tmp_path / "newsmap.db"), folder)
    assert isinstance(store, SqliteStore)
    try:
        filters = Filters(text="Zanzibarian")
        store.count_by_country(filters)
        _wait_for_columns(store)
        assert store.count_by_country(filters).empty  # no story has the word yet
        (folder / "zanzibarian.md").write_text(
            "---\ntitle: A Zanzibarian delegation in Tirana\npublished: 2024-05-02\n---\n\n"
            "A Zanzibarian delegation met officials in Tirana, Albania, on 2 May 2024.\n",
            encoding="utf-8")
        writer = open_store_at(str(tmp_path / "newsmap.db"), readonly=False)
        writer.build(folder, workers=1)
        writer.close()
        expected = query.count_by_country(store.conn, filters, summary=False)
        assert expected["iso3"].tolist() == ["ALB"]
        _same(store.count_by_country(filters), expected)  # in SQL: the columns are stale
        _wait_for_columns(store)
        _same(store.count_by_country(filters), expected)  # from the new build's columns
    finally:
        store.close()


def _wait_for_columns(store: SqliteStore, timeout_s: float = 60.0) -> StoryColumns:
    """The store's columns once its background load has read the current build."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        kept = store._columns._kept
        if kept is not None and kept.version == store.store_version():
            return kept
        time.sleep(0.05)
    raise AssertionError("the columns did not load within a minute")


def test_a_postgresql_store_opened_to_write_loads_its_columns(
        pg: tuple[PostgresStore, str]) -> None:
    reader, url = pg
    writer = open_store_at(url, readonly=False)  # its pool opens only when first asked
    try:
        writer.load_story_columns()
        filters = Filters(text="government")
        _same(writer.count_by_country(filters), reader.count_by_country(filters))
    finally:
        writer.close()


def test_a_closed_postgresql_store_stays_closed(pg: tuple[PostgresStore, str]) -> None:
    """A question after close (a column load still running, say) gets a clear error; the
    store's pool does not open again, to retry a server that may be gone."""
    _, url = pg
    writer = open_store_at(url, readonly=False)  # its pool opens only when first asked
    assert isinstance(writer, PostgresStore)
    writer.close()
    with pytest.raises(StoreError, match="is closed"):
        writer.count_by_country(Filters(text="government"))
    with pytest.raises(StoreError, match="is closed"):
        writer._load_columns()
    assert writer._pool.closed
