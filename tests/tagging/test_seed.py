"""The seed article, tagged as a reader would tag it (issue 4, point 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmap.corpus import read_article
from newsmap.model import ArticleTags, EventType, Precision
from newsmap.tagging import tag_article, tags_to_json

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "tests" / "data" / "gold" / "albania-cuts-diplomatic-ties-with-iran.md"


@pytest.fixture(scope="module")
def tags() -> ArticleTags:
    return tag_article(read_article(SEED))


def test_primary_and_passing_countries(tags: ArticleTags) -> None:
    by_code = {c.iso3: c for c in tags.countries}
    assert {c.iso3 for c in tags.countries if c.primary} == {"ALB", "IRN", "BIH", "FRA"}
    assert by_code["IRQ"].primary is False
    assert "BEL" not in by_code  # "Brussels Report" is an outlet
    assert by_code["BIH"].name == "Bosnia and Herzegovina"
    for tag in tags.countries:
        assert 0.0 <= tag.salience <= 1.0
        assert tag.evidence, tag.iso3
    assert any("Bosnia" in sentence for sentence in by_code["BIH"].evidence)


def test_places(tags: ArticleTags) -> None:
    places = {(p.name, p.iso3) for p in tags.places}
    assert places == {("Tirana", "ALB"), ("Durrës", "ALB"), ("Paris", "FRA")}
    durres = next(p for p in tags.places if p.name == "Durrës")
    assert "Durres" in durres.evidence
    assert 41 < durres.lat < 42
    assert 19 < durres.lon < 20


def test_events(tags: ArticleTags) -> None:
    found = {(e.date.iso() if e.date else None, e.iso3): e for e in tags.events}
    arms = found[("1994", "BIH")]
    assert arms.type is EventType.ARMS_TRANSFER
    assert found[("2014", "ALB")].place == "Durrës"
    plot = found[("2018", "FRA")]
    assert plot.place == "Paris"
    assert plot.type is EventType.TERRORISM
    cyber = found[("2022-07-15", "ALB")]
    assert cyber.type is EventType.CYBERATTACK
    assert cyber.date is not None
    assert cyber.date.precision is Precision.DAY
    expelled = found[("2022-09", "ALB")]
    assert expelled.type is EventType.DIPLOMATIC
    assert expelled.date is not None
    assert expelled.date.precision is Precision.MONTH
    assert expelled.place == "Tirana"
    assert "2022" not in {e.date.iso() for e in tags.events if e.date}  # no guessed years


def test_json_object_matches_design(tags: ArticleTags) -> None:
    article = read_article(SEED)
    data = tags_to_json(article, tags)
    assert list(data)[:6] == ["path", "title", "published", "countries", "places", "events"]
    assert data["published"] == "2022-09"
    assert set(data["countries"][0]) == {
        "iso3",
        "name",
        "salience",
        "primary",
        "mentions",
        "evidence",
    }
    assert set(data["places"][0]) == {"name", "iso3", "lat", "lon", "evidence", "site_of"}
    assert set(data["events"][0]) == {
        "date",
        "precision",
        "iso3",
        "place",
        "lat",
        "lon",
        "type",
        "summary",
    }
    cyber = next(e for e in data["events"] if e["date"] == "2022-07-15")
    assert cyber["precision"] == "day"
    assert cyber["type"] == "cyberattack"


def test_exactly_the_seed_events() -> None:
    tags = tag_article(read_article(SEED))
    found = {(e.date.iso() if e.date else None, e.iso3) for e in tags.events}
    assert found == {
        ("1994", "BIH"),
        ("2014", "ALB"),
        ("2018", "FRA"),
        ("2022-07-15", "ALB"),
        ("2022-09", "ALB"),
    }  # "dates back to the 1990s" is background, not an event


def test_without_a_publication_date_only_the_story_dates() -> None:
    article = read_article(SEED).model_copy(update={"published": None})
    tags = tag_article(article)
    assert all(e.date is not None for e in tags.events)
    dated = {e.date.iso() for e in tags.events if e.date}
    # the lead's "July 15th" has nothing to take a year from, so it is no event; the
    # year-less dates after the 2018 rally take the story's year, never a guessed one
    assert {"1994", "2014", "2018"} <= dated
    assert not any(d.startswith("2022") for d in dated)
    assert "2018-07-15" not in dated  # told again, the day keeps its first (unresolved) reading
