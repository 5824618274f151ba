"""The dashboard's aggregate queries, on the hand-tagged fixture store."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmap import query
from newsmap.freshness import Freshness, store_freshness
from newsmap.query import Filters
from newsmap.store import connect
from tests.handtagged_store import make_store


@pytest.fixture
def conn(tmp_path: Path):
    db = make_store(tmp_path / "data", tmp_path / "store.db")
    connection = connect(db, readonly=True)
    yield connection
    connection.close()


def test_event_markers_group_by_point_and_type(conn):
    markers = query.event_markers(conn, Filters())
    tirana = markers[(markers["place"] == "Tirana")]
    assert set(tirana["type"]) == {"cyberattack", "diplomatic"}
    paris = markers[markers["place"] == "Paris"]
    assert set(paris["type"]) == {"terrorism", "protest"}
    assert markers["lat"].notna().all()


def test_event_markers_cap_groups_and_events_per_group(conn):
    markers = query.event_markers(conn, Filters(), per_marker=1, limit=2)
    assert len(markers.groupby(["lat", "lon", "type"])) == 2
    assert (markers["rank"] == 1).all()


def test_event_markers_follow_the_filters(conn):
    markers = query.event_markers(conn, Filters(years=(2019, 2022)))
    assert "terrorism" not in set(markers["type"])


def test_event_counts(conn):
    counts = query.event_counts(conn, Filters())
    assert counts == {"events": 8, "dated": 8, "located": 6, "country_only": 2, "spans": 1}
    assert query.event_counts(conn, Filters(text="nothing-matches-this"))["events"] == 0


def test_events_by_year_leave_out_spans(conn):
    per_year = query.events_by_year(conn, Filters())
    assert 1994 in set(per_year["year"])
    assert 1990 not in set(per_year["year"])
    assert int(per_year["events"].sum()) == 7


def test_freshness(tmp_path: Path):
    data, db = tmp_path / "data", tmp_path / "store.db"
    data.mkdir()
    assert store_freshness(data, db) is Freshness.MISSING
    make_store(data, db)
    assert store_freshness(data, db) is Freshness.CURRENT
    (data / "articles" / "new.txt").write_text("A title\n\nA body.\n")
    assert store_freshness(data, db) is Freshness.STALE


def test_a_store_of_an_older_schema_is_stale(tmp_path: Path):
    import sqlite3

    data, db = tmp_path / "data", tmp_path / "store.db"
    make_store(data, db)
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM schema_migrations WHERE version = "
                    "(SELECT MAX(version) FROM schema_migrations)")
    raw.close()
    assert store_freshness(data, db) is Freshness.STALE


def test_counting_only_the_stories_about_a_country(conn):
    every = query.count_by_country(conn, Filters()).set_index("iso3")
    about = query.count_by_country(conn, Filters(), primary=True).set_index("iso3")
    # the seed mentions France and Bosnia in passing; one story is about France
    assert every.loc["FRA", "stories"] == 2
    assert about.loc["FRA", "stories"] == 1
    assert about.loc["BIH", "stories"] == 0
    assert about.loc["BIH", "events"] == every.loc["BIH", "events"] == 1
    # through the events in the chosen years too
    years = query.count_by_country(conn, Filters(years=(1990, 2000)), primary=True)
    assert dict(zip(years["iso3"], years["stories"], strict=True)).get("BIH", 0) == 0


def test_a_countrys_stories_say_which_are_about_it(conn):
    found = query.stories(conn, Filters(), country="FRA")
    assert list(found["primary"]) == [True, False]  # about France first, then mentioning it
    assert "primary" not in query.stories(conn, Filters()).columns


def test_events_of_one_country(conn):
    assert query.event_counts(conn, Filters(), "FRA")["events"] < \
        query.event_counts(conn, Filters())["events"]
    by_year = query.events_by_year(conn, Filters(), "FRA")
    assert 1994 not in set(by_year["year"])  # Bosnia's 1994 arms shipment is not France's
    assert 2018 in set(by_year["year"])
