"""The Store seam on both backends: the same corpus built into SQLite and into a real
PostgreSQL server gives the same answers to every question the app asks, and the build behaves
the same (incremental, rejections kept, one build at a time, readers never wait)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psycopg
import pytest

from newsmap.errors import BuildLockedError
from newsmap.freshness import Freshness
from newsmap.query import HIGHLIGHT_END, HIGHLIGHT_START, Filters
from newsmap.stores import Store, open_store_at
from newsmap.stores.postgres import BUILD_LOCK
from newsmap.synth import generate_archive
from tests.conftest import SEED
from tests.pgserver import PgServer

ARTICLES = 40


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic archive, plus the real seed article."""
    folder = tmp_path_factory.mktemp("archive")
    generate_archive(folder, ARTICLES, seed=14)
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture(scope="module")
def both(archive: Path, tmp_path_factory: pytest.TempPathFactory,
         pg_server: PgServer) -> Iterator[tuple[Store, Store]]:
    """The archive built into a SQLite file and into a PostgreSQL database, opened to read."""
    sqlite_path = tmp_path_factory.mktemp("sqlite") / "newsmap.db"
    url = pg_server.create_database("newsmap_backends")
    for db in (str(sqlite_path), url):
        writer = open_store_at(db, readonly=False)
        report = writer.build(archive, workers=1)
        writer.close()
        assert report.added == ARTICLES + 1, report.summary()
    stores = (open_store_at(sqlite_path), open_store_at(url))
    yield stores
    for store in stores:
        store.close()


FILTERS = [
    Filters(),
    Filters(years=(1990, 2005)),
    Filters(years=(2015, 2024), year_basis="published"),
    Filters(countries=("ALB", "IRN")),
    Filters(event_types=("attack", "election")),
    Filters(text="government"),
    Filters(text="Albania cyberattack"),
    Filters(years=(2000, 2023), countries=("UKR",), text="officials"),
]


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))


def _story_columns(found: pd.DataFrame) -> pd.DataFrame:
    """Stories without the snippet (each engine cuts its own; both are checked below)."""
    return found.drop(columns=["snippet"])


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(
    f"{k}={v}" for k, v in vars(f).items() if v not in (None, (), "", "event")))
def test_both_backends_answer_alike(both: tuple[Store, Store], filters: Filters) -> None:
    lite, pg = both
    _same(lite.count_by_country(filters), pg.count_by_country(filters))
    assert lite.count_stories(filters) == pg.count_stories(filters)
    _same(_story_columns(lite.stories(filters, limit=20)),
          _story_columns(pg.stories(filters, limit=20)))
    _same(lite.events(filters, limit=50), pg.events(filters, limit=50))
    _same(lite.event_markers(filters, per_marker=2, limit=30),
          pg.event_markers(filters, per_marker=2, limit=30))
    assert lite.event_counts(filters) == pg.event_counts(filters)
    _same(lite.events_by_year(filters), pg.events_by_year(filters))
    _same(lite.count_by_country(filters, primary=True),
          pg.count_by_country(filters, primary=True))
    for country in ("ALB", "IRN"):
        assert lite.event_counts(filters, country) == pg.event_counts(filters, country)
        _same(lite.events_by_year(filters, country), pg.events_by_year(filters, country))
        _same(_story_columns(lite.stories(filters, country=country)),
              _story_columns(pg.stories(filters, country=country)))
        _same(lite.events(filters, country=country, located_only=True),
              pg.events(filters, country=country, located_only=True))


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(
    f"{k}={v}" for k, v in vars(f).items() if v not in (None, (), "", "event")))
def test_both_backends_export_alike(both: tuple[Store, Store], filters: Filters) -> None:
    """The citation and event exports hold the same rows in the same order."""
    lite, pg = both
    _same(lite.article_records(filters), pg.article_records(filters))
    _same(lite.event_records(filters), pg.event_records(filters))
    for country in ("ALB", "IRN"):
        _same(lite.article_records(filters, country), pg.article_records(filters, country))
        _same(lite.event_records(filters, country), pg.event_records(filters, country))


def test_a_list_without_snippets_is_the_same_list(both: tuple[Store, Store]) -> None:
    """The Stories page's table shows no snippets and asks for none (each costs a pass over
    the story's text); everything else is as with them."""
    for store in both:
        for country in (None, "ALB"):
            found = store.stories(Filters(text="government"), country=country)
            bare = store.stories(Filters(text="government"), country=country, snippets=False)
            assert found["snippet"].str.contains(HIGHLIGHT_START).any()
            assert set(bare["snippet"]) == {""}
            _same(found.drop(columns=["snippet"]), bare.drop(columns=["snippet"]))


def test_the_comparison_is_not_empty(both: tuple[Store, Store]) -> None:
    _lite, pg = both
    counts = pg.count_by_country(Filters())
    assert len(counts) >= 5
    assert counts["stories"].sum() > ARTICLES
    assert pg.count_stories(Filters(text="government")) > 0
    assert pg.count_stories(Filters(years=(1990, 2005))) > 0
    assert len(pg.event_markers(Filters())) > 0
    assert 0 < pg.count_stories(Filters(countries=("ALB", "IRN"))) < ARTICLES + 1
    assert len(pg.article_records(Filters())) == ARTICLES + 1
    assert len(pg.event_records(Filters(years=(1990, 2005)))) > 0


def test_primary_and_country_answers_narrow_the_view(both: tuple[Store, Store]) -> None:
    """The options the map's panel uses (stories about a country; one country's events)."""
    for store in both:
        every, about = store.count_by_country(Filters()), store.count_by_country(
            Filters(), primary=True)
        assert about["stories"].sum() < every["stories"].sum()
        albania = store.stories(Filters(), country="ALB")
        assert albania["primary"].any()
        assert not albania["sample"].any()
        assert list(albania["primary"]) == sorted(albania["primary"], reverse=True)
        assert 0 < store.event_counts(Filters(), "ALB")["events"] < store.event_counts(
            Filters())["events"]


def test_story_tag_lists_agree_as_sets(both: tuple[Store, Store]) -> None:
    lite, pg = both
    left, right = lite.stories(Filters()), pg.stories(Filters())
    assert list(left["id"]) == list(right["id"])
    for a, b in zip(left["countries"], right["countries"], strict=True):
        assert set(a.split(", ")) == set(b.split(", "))


def test_options_stats_and_details_agree(both: tuple[Store, Store]) -> None:
    lite, pg = both
    for question in ("outlets", "tagged_countries", "regions", "event_types", "store_stats"):
        assert getattr(lite, question)() == getattr(pg, question)(), question
    assert lite.year_bounds("event") == pg.year_bounds("event")
    assert lite.year_bounds("published") == pg.year_bounds("published")
    _same(lite.rejections(), pg.rejections())
    seed_id = SEED.stem
    assert lite.article_detail(seed_id) == pg.article_detail(seed_id)
    assert pg.article_detail("no-such-story") is None
    assert lite.store_version() == pg.store_version() == 1


def test_search_highlights_the_words_found(both: tuple[Store, Store]) -> None:
    for store in both:
        found = store.stories(Filters(text="cyberattack"))
        assert SEED.stem in list(found["id"]), store.kind
        snippet = found.set_index("id")["snippet"][SEED.stem]  # its body says it
        assert f"{HIGHLIGHT_START}cyberattack{HIGHLIGHT_END}" in snippet.lower(), snippet


def test_postgres_search_is_accent_blind_like_sqlite(both: tuple[Store, Store]) -> None:
    lite, pg = both
    for text in ("Tirane", "TIRANA", "tiraná"):
        assert lite.count_stories(Filters(text=text)) == pg.count_stories(Filters(text=text))


@pytest.mark.parametrize("text", ["\x00", "'", "\"", "-", "!", "&|", ":*", "()", "\\", "%", "‽‽"])
def test_search_text_without_words_filters_nothing(both: tuple[Store, Store], text: str) -> None:
    lite, pg = both
    assert pg.count_stories(Filters(text=text)) == lite.count_stories(Filters()) == ARTICLES + 1
    assert len(pg.stories(Filters(text=text), limit=5)) == 5


@pytest.mark.parametrize("text", ["a\x00b", "\"ties\" -with OR ( ' ; DROP TABLE articles; --",
                                  "Albania & Iran | !", "iran:* <-> (ties", "OR", "%s", "%(x)s"])
def test_any_search_text_is_safe_on_postgres(both: tuple[Store, Store], text: str) -> None:
    _, pg = both
    found = pg.stories(Filters(text=text), limit=5)
    assert len(found) == min(5, pg.count_stories(Filters(text=text)))
    assert pg.store_stats()["articles"] == ARTICLES + 1


def test_postgres_search_reads_quotes_and_minus_as_a_web_search(both: tuple[Store, Store]) -> None:
    _, pg = both
    iran = pg.count_stories(Filters(text="iran"))
    assert 0 < pg.count_stories(Filters(text="iran -albania")) < iran
    assert pg.count_stories(Filters(text="\"diplomatic ties\"")) >= 1


# --- the build, on each backend ---


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "articles"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    (folder / "vienna-talks.md").write_text(
        "---\ntitle: Talks in Vienna\npublished: 2021-04-06\n---\n"
        "Diplomats from Iran met officials in Vienna on 6 April 2021.\n", encoding="utf-8")
    return folder.parent


def test_build_is_incremental_and_keeps_rejections(store_backend: str, tmp_path: Path) -> None:
    data = _corpus(tmp_path)
    store = open_store_at(store_backend, readonly=False)
    assert store.freshness(data) is Freshness.MISSING
    first = store.build(data, workers=1)
    assert (first.added, first.rejected) == (2, [])
    reader = open_store_at(store_backend)
    assert reader.store_version() == 1
    assert store.freshness(data) is Freshness.CURRENT
    again = store.build(data, workers=1)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)

    talks = data / "articles" / "vienna-talks.md"
    talks.write_text(talks.read_text(encoding="utf-8").replace("Vienna", "Geneva"),
                     encoding="utf-8")
    (data / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nx\n",
                                                  encoding="utf-8")
    assert store.freshness(data) is Freshness.STALE
    changed = store.build(data, workers=1)
    assert (changed.updated, len(changed.rejected)) == (1, 1)
    assert reader.store_version() == 3
    assert reader.count_stories(Filters(text="Geneva")) == 1
    assert reader.count_stories(Filters(text="Vienna")) == 0
    assert list(reader.rejections()["source_path"]) == [str((data / "articles" / "broken.md")
                                                            .resolve())]
    talks.unlink()
    removed = store.build(data, workers=1)
    assert removed.removed == 1
    assert reader.store_stats()["articles"] == 1
    reader.close()
    store.close()


def _hold_lock(store_backend: str) -> tuple[object, threading.Event]:
    """Hold the backend's build lock from outside the build code: a flock, or the advisory lock
    from another connection."""
    if store_backend.startswith("postgresql://"):
        conn = psycopg.connect(store_backend, autocommit=True)
        conn.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK,))
        return conn, threading.Event()
    import fcntl
    import os

    Path(store_backend).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(f"{store_backend}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd, threading.Event()


def test_a_second_build_is_told_another_holds_the_store(store_backend: str,
                                                         tmp_path: Path) -> None:
    data = _corpus(tmp_path)
    store = open_store_at(store_backend, readonly=False)
    held, _ = _hold_lock(store_backend)
    try:
        with pytest.raises(BuildLockedError, match="another build"):
            store.build(data, workers=1)
    finally:
        if isinstance(held, int):
            import os

            os.close(held)
        else:
            held.close()  # type: ignore[attr-defined]
    assert store.build(data, workers=1).added == 2
    store.close()


def test_readers_see_the_last_build_while_one_runs(store_backend: str, tmp_path: Path) -> None:
    data = _corpus(tmp_path)
    store = open_store_at(store_backend, readonly=False)
    store.build(data, workers=1)
    reader = open_store_at(store_backend)
    (data / "articles" / "lisbon.md").write_text(
        "---\ntitle: Summit in Lisbon\npublished: 2022-06-01\n---\n"
        "Leaders of Portugal met in Lisbon on 1 June 2022.\n", encoding="utf-8")
    midway, finish = threading.Event(), threading.Event()

    def pause(done: int, total: int) -> None:
        midway.set()
        assert finish.wait(60)

    errors: list[BaseException] = []

    def run() -> None:
        try:
            store.build(data, workers=1, progress=pause)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    builder = threading.Thread(target=run)
    builder.start()
    try:
        assert midway.wait(120)
        # mid-transaction: the reader answers at once from the last build
        assert reader.store_version() == 1
        assert reader.count_stories(Filters()) == 2
        other = open_store_at(store_backend, readonly=False)
        with pytest.raises(BuildLockedError):
            other.build(data, workers=1)
        other.close()
    finally:
        finish.set()
        builder.join(120)
    assert not errors
    assert reader.store_version() == 2
    assert reader.count_stories(Filters(text="Lisbon")) == 1
    reader.close()
    store.close()


def test_a_build_stopped_midway_leaves_the_last_state(store_backend: str,
                                                      tmp_path: Path) -> None:
    data = _corpus(tmp_path)
    store = open_store_at(store_backend, readonly=False)
    store.build(data, workers=1)
    (data / "articles" / SEED.name).unlink()
    (data / "articles" / "lisbon.md").write_text(
        "---\ntitle: Summit in Lisbon\n---\nLeaders met in Lisbon.\n", encoding="utf-8")

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.build(data, workers=1, progress=interrupt)
    reader = open_store_at(store_backend)
    assert reader.store_version() == 1
    assert sorted(reader.stories(Filters())["id"]) == sorted([SEED.stem, "vienna-talks"])
    reader.close()
    store.close()


def test_an_unreachable_server_is_a_clear_error(pg_server: PgServer) -> None:
    from newsmap.errors import StoreError

    with pytest.raises(StoreError, match="cannot connect"):
        open_store_at("postgresql://postgres@127.0.0.1:1/none?connect_timeout=1")
