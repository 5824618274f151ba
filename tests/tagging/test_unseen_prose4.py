"""Rules found on the fourth blind set (tests/data/blind4), written by someone who never ran
the tagger: further happenings of one day, dates that name a thing, where a clause's action took
place, and dates that are no happening.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle, resolved


def events(
    make_article: MakeArticle, body: str, published: str | None = "2021-06-10", title: str = "A"
) -> list[tuple[str, str | None]]:
    tags = tag_article(make_article(body, title=title, published=published))
    return [(e.date.iso(), e.iso3) for e in tags.events if e.date is not None]


def test_a_later_time_of_the_same_day_tells_a_further_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 4 May 1999 miners blocked the main road into Tuzla. That evening the police "
        "cleared the road with batons. The next day the miners went back to work."
    )
    found = events(make_article, body)
    assert found.count(("1999-05-04", "BIH")) == 2
    assert ("1999-05-05", "BIH") in found


def test_a_same_day_happening_in_the_same_sentence_is_kept(make_article: MakeArticle) -> None:
    body = (
        "On 9 October 2003 strikers marched through Zenica in protest, and that night the "
        "army shelled the station."
    )
    assert events(make_article, body).count(("2003-10-09", "BIH")) == 2


def test_the_same_happening_told_twice_is_still_one_event(make_article: MakeArticle) -> None:
    body = (
        "On 4 May 1999 miners blocked the main road into Tuzla. The blockade of 4 May 1999 "
        "lasted until dawn, when the miners went home."
    )
    assert events(make_article, body).count(("1999-05-04", "BIH")) == 1


def test_a_date_naming_a_thing_deep_in_a_clause_is_not_the_reference(
    make_article: MakeArticle,
) -> None:
    body = (
        "Twenty years ago today, students filled the square in Skopje. For a week they had "
        "camped there in anger at the result of the local vote of 11 May. That evening the "
        "police moved in."
    )
    dates = resolved(make_article, body, "2021-06-02")
    assert dates["That evening"] == "2001-06-02"


def test_a_happening_named_by_its_day_at_the_head_of_its_clause_is_the_reference(
    make_article: MakeArticle,
) -> None:
    body = (
        "The strike began in March 2009. The vote of 2 June was won by the unions, and in the "
        "second round of 16 June they lost. The following month the plant closed."
    )
    dates = resolved(make_article, body, "2015-01-01")
    assert dates["The following month"] == "2009-07"
