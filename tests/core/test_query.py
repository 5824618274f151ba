"""Queries under filters, on a real store holding two hand-tagged articles: each test runs on
SQLite and on PostgreSQL (the ``store_backend`` fixture), through the Store seam."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from newsmap import store as sqlite_store
from newsmap.model import Article, ArticleTags, CountryTag, Event, EventType, PartialDate, Place
from newsmap.query import Filters, TextMatches
from newsmap.stores import Store, is_url, open_store_at
from newsmap.stores import postgres as pg_store


def _country(iso3: str, name: str, salience: float, primary: bool, evidence: str) -> CountryTag:
    return CountryTag(iso3=iso3, name=name, salience=salience, primary=primary, mentions=1,
                      evidence=(evidence,))


def _event(date: str | None, iso3: str | None, kind: EventType, summary: str,
           place: tuple[str, float, float] | None = None) -> Event:
    name, lat, lon = place if place else (None, None, None)
    return Event(date=PartialDate.parse(date) if date else None, iso3=iso3, place=name,
                 lat=lat, lon=lon, type=kind, summary=summary)


def _articles() -> list[tuple[Article, ArticleTags]]:
    seed = Article(id="albania-iran", title="Albania cuts diplomatic ties with Iran",
                   body="A cyberattack on July 15th. Iran shipped weapons to Bosnia in 1994.",
                   published=PartialDate.parse("2022-09"), source_path="/c/albania-iran.md",
                   content_hash="1")
    seed_tags = ArticleTags(
        countries=(
            _country("ALB", "Albania", 1.0, True, "Albania has ordered all staff to leave."),
            _country("IRN", "Iran", 0.9, True, "The government blames Iran."),
            _country("BIH", "Bosnia and Herzegovina", 0.5, True,
                     "In 1994 Iran shipped weapons to Bosnia."),
            _country("FRA", "France", 0.4, True, "That 2018 rally took place in Paris."),
        ),
        places=(Place(name="Paris", iso3="FRA", lat=48.85, lon=2.35, evidence="In Paris."),),
        events=(
            _event("1994", "BIH", EventType.ARMS_TRANSFER,
                   "In 1994 Iran shipped weapons to Bosnia."),
            _event("2018", "FRA", EventType.TERRORISM, "A plot against a rally in Paris in 2018.",
                   ("Paris", 48.85, 2.35)),
            _event("2022-07-15", "ALB", EventType.CYBERATTACK, "A cyberattack on July 15th."),
            _event(None, "IRN", EventType.OTHER, "Iran has long been active."),
        ),
    )
    tbilisi = Article(id="tbilisi", title="Protests in Tbilisi", outlet="Caucasus Watch",
                      body="Thousands protested outside parliament in Tbilisi in June 2019.",
                      published=PartialDate.parse("2019-06"), source_path="/c/tbilisi.md",
                      content_hash="2")
    tbilisi_tags = ArticleTags(
        countries=(_country("GEO", "Georgia", 1.0, True, "Thousands protested in Tbilisi."),),
        events=(_event("2019-06", "GEO", EventType.PROTEST, "Thousands protested in Tbilisi.",
                       ("Tbilisi", 41.69, 44.83)),),
    )
    return [(seed, seed_tags), (tbilisi, tbilisi_tags)]


@pytest.fixture
def store(store_backend: str) -> Iterator[Store]:
    """The two articles written into a new store of each backend, opened to read."""
    if is_url(store_backend):
        open_store_at(store_backend, readonly=False).close()  # migrated
        with psycopg.connect(store_backend) as pg_conn, pg_conn.transaction():
            for article, tags in _articles():
                pg_store.write_article(pg_conn, article, tags)
    else:
        conn = sqlite_store.connect(Path(store_backend))
        with conn:
            for article, tags in _articles():
                sqlite_store.write_article(conn, article, tags)
        conn.close()
    reader = open_store_at(store_backend)
    yield reader
    reader.close()


def _counts(store: Store, filters: Filters) -> dict[str, tuple[int, int]]:
    frame = store.count_by_country(filters)
    return {row.iso3: (row.stories, row.events) for row in frame.itertuples()}


def test_counts_without_filters_follow_country_tags(store: Store) -> None:
    assert _counts(store, Filters()) == {
        "ALB": (1, 1), "BIH": (1, 1), "FRA": (1, 1), "IRN": (1, 1), "GEO": (1, 1)
    }


def test_event_years_drop_bosnia_for_2019_to_2022(store: Store) -> None:
    counts = _counts(store, Filters(years=(2019, 2022)))
    assert counts == {"ALB": (1, 1), "GEO": (1, 1)}
    assert store.stories(Filters(years=(2019, 2022)), country="BIH").empty


def test_publication_years_are_a_different_filter(store: Store) -> None:
    counts = _counts(store, Filters(years=(2022, 2022), year_basis="published"))
    assert set(counts) == {"ALB", "IRN", "BIH", "FRA"}
    assert _counts(store, Filters(years=(1994, 1994))) == {"BIH": (1, 1)}


def test_country_stories_carry_that_countrys_evidence(store: Store) -> None:
    frame = store.stories(Filters(), country="BIH")
    assert list(frame["title"]) == ["Albania cuts diplomatic ties with Iran"]
    assert frame.iloc[0]["evidence"] == "In 1994 Iran shipped weapons to Bosnia."
    assert frame.iloc[0]["events"] == 4


def test_events_of_a_country_in_date_order(store: Store) -> None:
    frame = store.events(Filters(), country="FRA")
    assert list(frame["date"]) == ["2018"]
    every = store.events(Filters())
    assert list(every["date"]) == ["1994", "2018", "2019-06", "2022-07-15", None]
    located = store.events(Filters(), located_only=True)
    assert list(located["place"]) == ["Paris", "Tbilisi"]


def test_event_type_and_outlet_filters(store: Store) -> None:
    assert list(store.stories(Filters(event_types=("protest",)))["id"]) == ["tbilisi"]
    assert list(store.stories(Filters(outlets=("Caucasus Watch",)))["id"]) == ["tbilisi"]
    assert store.outlets() == ["Caucasus Watch"]


def test_text_search_highlights_matches(store: Store) -> None:
    frame = store.stories(Filters(text="tbilisi"))
    assert list(frame["id"]) == ["tbilisi"]
    assert "\x02Tbilisi\x03" in frame.iloc[0]["snippet"]
    assert store.count_stories(Filters(text="cyberattack")) == 1


@pytest.mark.parametrize("text", ['"', "*", "NEAR(", "OR", "AND OR NOT", "a*b", "'); DROP", "^"])
def test_search_syntax_never_errors(store: Store, text: str) -> None:
    frame = store.stories(Filters(text=text))
    assert set(frame["id"]) <= {"albania-iran", "tbilisi"}


def test_year_bounds_and_stats(store: Store) -> None:
    assert store.year_bounds() == (1994, 2022)
    assert store.year_bounds("published") == (2019, 2022)
    stats = store.store_stats()
    assert stats["articles"] == 2
    assert stats["events"] == 5
    assert stats["dated_events"] == 4


def test_article_detail_holds_tags(store: Store) -> None:
    detail = store.article_detail("albania-iran")
    assert detail is not None
    assert [c["iso3"] for c in detail["country_tags"]] == ["ALB", "IRN", "BIH", "FRA"]
    assert store.article_detail("missing") is None


def test_kept_matches_belong_to_one_build_and_the_oldest_go_first() -> None:
    kept: TextMatches[str] = TextMatches(size=2)
    kept.put(1, '"quake"', "[1]")
    kept.put(1, '"flood"', "[2]")
    assert kept.get(1, '"quake"') == "[1]"  # now the most recent
    assert kept.get(2, '"quake"') is None  # another build
    kept.put(1, '"fire"', "[3]")
    assert kept.get(1, '"flood"') is None
    assert (kept.get(1, '"quake"'), kept.get(1, '"fire"')) == ("[1]", "[3]")
