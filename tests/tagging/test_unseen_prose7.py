"""Rules of the fourth pass on events in unseen prose (issue 10): vague offsets, the end of a span
of days, dates set for a plan, states told with "was a", journeys told by where they went, and
reported dates told after a comma.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_days_later_without_a_count_dates_nothing(make_article: MakeArticle) -> None:
    body = (
        "A ferry capsized off the Greek island of Kos on 3 June 2004. "
        "Divers from Rhodes reached the hull days later."
    )
    assert events(make_article, body, "2004-07-01") == [("2004-06-03", "GRC")]


def test_a_few_weeks_earlier_dates_nothing(make_article: MakeArticle) -> None:
    body = (
        "A dam in Bosnia gave way on 9 April 2010. Engineers had warned the council "
        "of cracks a few weeks earlier, and the mayor resigned two days later."
    )
    assert events(make_article, body, "2010-05-01") == [
        ("2010-04-09", "BIH"),
        ("2010-04-11", "BIH"),
    ]


def test_a_date_set_for_a_vote_is_a_plan(make_article: MakeArticle) -> None:
    body = (
        "The Romanian cabinet fell on 2 March 2016, and a snap vote was set for 5 June. "
        "The court later moved it to 18 September."
    )
    assert events(make_article, body, "2016-10-01") == [("2016-03-02", "ROU")]


def test_a_date_set_for_a_plan_does_not_move_the_story(make_article: MakeArticle) -> None:
    body = (
        "In Lima the president dissolved congress on 30 September 2019. Fresh elections were "
        "set for 26 January. Two days later the vice-president resigned."
    )
    assert events(make_article, body, "2019-11-01") == [
        ("2019-09-30", "PER"),
        ("2019-10-02", "PER"),
    ]
