"""Rules found on the fourth blind set (tests/data/blind4), after its first score was recorded:
a narrative moves forward through year-less dates, a flashback told in the past perfect goes on
in its own past, and a year that names a thing ("a treaty of 2003") is not where the story is.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle, resolved


def test_a_year_less_date_later_in_the_year_stays_in_the_reference_year(
    make_article: MakeArticle,
) -> None:
    body = (
        "In April 2009 the dockers of Poti walked out over unpaid wages. The port stood idle "
        "all summer. On 20 November the riot police cleared the quay."
    )
    dates = resolved(make_article, body, "2010-03-01")
    assert dates["20 November"] == "2009-11-20"  # forward, not the November before


def test_a_much_earlier_month_is_the_next_year(make_article: MakeArticle) -> None:
    body = "The talks opened in Geneva in November 1995. In February the two sides signed."
    assert resolved(make_article, body, None)["In February"] == "1996-02"


def test_a_flashback_in_the_past_perfect_goes_on_in_its_own_past(
    make_article: MakeArticle,
) -> None:
    body = (
        "The first march reached the square on 9 April 2012. In late February students had "
        "painted slogans on the faculty walls. The faculty had seen a small sit-in on 20 "
        "March, broken up within an hour. On 30 April the government fell."
    )
    dates = resolved(make_article, body, "2013-04-09")
    assert dates["In late February"] == "2012-02"
    assert dates["20 March"] == "2012-03-20"  # not 2011: the flashback's own past
    assert dates["30 April"] == "2012-04-30"


def test_a_past_perfect_after_a_plain_reference_still_steps_back(
    make_article: MakeArticle,
) -> None:
    body = (
        "The strike began on 2 March 2015. The union had warned of it in May, when the "
        "wage talks broke down."
    )
    assert resolved(make_article, body, None)["in May"] == "2014-05"


def test_a_year_naming_a_thing_does_not_move_the_story(make_article: MakeArticle) -> None:
    body = (
        "On 14 October 2019 a ferry ran aground off Durrës. A law of 2004 obliges the port to "
        "keep a tug on call. The following March the captain was convicted."
    )
    assert resolved(make_article, body, "2020-06-01")["The following March"] == "2020-03"


def test_a_season_of_a_year_still_moves_the_story(make_article: MakeArticle) -> None:
    body = (
        "The militia was disarmed in the summer of 2017. That October the border post at the "
        "river reopened."
    )
    assert resolved(make_article, body, "2020-06-01")["That October"] == "2017-10"
