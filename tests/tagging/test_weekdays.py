"""A weekday ("on Monday") is read in the week of publication in a report, and near the story's
date in a retrospective that begins and stays far from its publication (found on the fifth
blind set, tests/data/blind5, after its first score was recorded).

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle, resolved


def test_a_weekday_in_a_retrospective_is_near_the_story_date(make_article: MakeArticle) -> None:
    body = (
        "On Thursday 9 November 1989 a spokesman read out the new travel rules by mistake. "
        "On Saturday crowds in Leipzig cheered the guards, and the next week the borders opened."
    )
    dates = resolved(make_article, body, "2019-11-09")
    assert dates["On Saturday"] == "1989-11-11"  # not the Saturday before 9 November 2019


def test_a_retrospective_stays_in_its_year_after_a_weekday(make_article: MakeArticle) -> None:
    body = (
        "On Friday 14 August 1998 the minister flew back from Sochi to meet the bankers. Three "
        "days later, on Monday morning, the government devalued. On 2 September the central "
        "bank gave up."
    )
    tags = tag_article(make_article(body, published="2018-08-17"))
    found = {e.date.iso() for e in tags.events if e.date}
    assert {"1998-08-14", "1998-08-17", "1998-09-02"} <= found
    assert not any(d.startswith(("2017", "2018")) for d in found)


def test_a_weekday_in_a_report_is_in_the_week_of_publication(
    make_article: MakeArticle,
) -> None:
    body = (
        "Border guards fired water cannon at migrants on Tuesday. The crisis began in August, "
        "when the first groups crossed from Belarus. On Thursday the first flight home left Minsk."
    )
    dates = resolved(make_article, body, "2021-11-20")
    assert dates["On Thursday"] == "2021-11-18"  # the report's week, not a Thursday in August


def test_last_friday_in_a_friday_paper_is_a_week_back(make_article: MakeArticle) -> None:
    body = "Last Friday gunmen attacked a mosque in North Sinai. On Friday the village mourned."
    dates = resolved(make_article, body, "2017-12-01")  # a Friday
    assert dates["Last Friday"] == "2017-11-24"
    assert dates["On Friday"] == "2017-12-01"  # the day of publication itself
