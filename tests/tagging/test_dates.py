"""Temporal expressions resolved against the publication date, at their own precision."""

from __future__ import annotations

import pytest

from newsmap.model import PartialDate, Precision
from newsmap.tagging.dates import find_dates, resolve_month, resolve_month_day


def dates(text: str, published: str | None) -> list[str | None]:
    pub = PartialDate.parse(published) if published else None
    return [m.date.iso() if m.date else None for m in find_dates(text, pub)]


def test_month_day_takes_the_publication_year() -> None:
    [mention] = find_dates("a cyberattack on July 15th", PartialDate.parse("2022-09"))
    assert mention.surface == "July 15th"
    assert mention.date == PartialDate(year=2022, month=7, day=15, precision=Precision.DAY)


def test_month_day_never_lands_after_publication() -> None:
    assert dates("a cyberattack on July 15th", "2022-03") == ["2021-07-15"]
    assert dates("on 15 July", "2022-07-14") == ["2021-07-15"]
    assert dates("on 15 July", "2022-07-15") == ["2022-07-15"]


def test_no_publication_date_means_no_date() -> None:
    assert dates("a cyberattack on July 15th", None) == [None]
    assert dates("In September, staff left", None) == [None]
    assert dates("last year", None) == [None]


def test_explicit_years_need_no_publication_date() -> None:
    assert dates("In 2014, Albania welcomed 3,000 members", None) == ["2014"]
    assert dates("on 17 February 2008 and July 15, 2016", None) == ["2008-02-17", "2016-07-15"]
    assert dates("in September 2015", None) == ["2015-09"]


def test_months_resolve_to_month_precision() -> None:
    assert dates("In September, all staff left", "2022-09") == ["2022-09"]
    assert dates("In September, all staff left", "2022-03") == ["2021-09"]
    assert dates("last March", "2022-09") == ["2022-03"]
    assert dates("last September", "2022-09") == ["2021-09"]


def test_month_names_need_a_capital_and_a_preposition() -> None:
    assert dates("He may go and they march on.", "2022-09") == []
    assert dates("May the best win.", "2022-09") == []


def test_decades_are_year_ranges() -> None:
    [mention] = find_dates("dates back to the 1990s", None)
    assert mention.date is not None
    assert mention.date.precision is Precision.DECADE
    assert mention.date.iso() == "1990s"
    assert mention.date.year_range == (1990, 1999)
    assert dates("in the early 2000s and the '80s", None) == ["2000s", "1980s"]


def test_relative_phrases() -> None:
    published = "2023-02-08"  # a Wednesday
    assert dates("last year", published) == ["2022"]
    assert dates("earlier this year", published) == ["2023"]
    assert dates("three years ago", published) == ["2020"]
    assert dates("last month", published) == ["2023-01"]
    assert dates("yesterday", published) == ["2023-02-07"]
    assert dates("on Monday", published) == ["2023-02-06"]
    assert dates("in April last year", published) == ["2022-04"]
    assert dates("on April 23rd last year", published) == ["2022-04-23"]


def test_relative_phrases_need_enough_precision() -> None:
    assert dates("on Monday", "2023-02") == [None]
    assert dates("last month", "2023") == [None]
    assert dates("the following year", "2023-02") == [None]


def test_ranges_take_their_first_year() -> None:
    assert dates("from 1992 to 1995", None) == ["1992"]
    assert dates("the 1992-95 war", None) == ["1992"]


@pytest.mark.parametrize(
    "text",
    ["3,000 members", "Resolution 1244 passed", "$2014 in cash", "a 2014-page report is 12.2014"],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert "2014" not in dates(text, "2022")
    assert "1244" not in str(dates(text, "2022"))


def test_years_after_publication_are_not_events() -> None:
    assert dates("elections due in 2030", "2022-09") == []


def test_resolvers_directly() -> None:
    published = PartialDate.parse("2022-09")
    assert resolve_month(10, published) == PartialDate.parse("2021-10")
    assert resolve_month_day(9, 30, PartialDate.parse("2022")) == PartialDate.parse("2022-09-30")
    assert resolve_month_day(2, 30, published) is None
