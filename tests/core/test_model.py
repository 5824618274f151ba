"""Partial dates keep their precision; the model refuses what is impossible."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from newsmap.model import Article, Event, PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "iso", "label"),
    [
        ("2022", Precision.YEAR, "2022", "2022"),
        ("2022-09", Precision.MONTH, "2022-09", "September 2022"),
        ("2022-07-15", Precision.DAY, "2022-07-15", "15 July 2022"),
        ("1990s", Precision.DECADE, "1990s", "the 1990s"),
    ],
)
def test_partial_dates_keep_their_precision(
    text: str, precision: Precision, iso: str, label: str
) -> None:
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert date.iso() == iso
    assert date.label() == label


def test_month_precision_is_not_padded_to_a_day() -> None:
    date = PartialDate.parse("2022-09")
    assert date.day is None
    assert date.iso() == "2022-09"


def test_decade_is_a_year_range() -> None:
    assert PartialDate.parse("1990s").year_range == (1990, 1999)
    assert PartialDate.parse("1994").year_range == (1994, 1994)


@pytest.mark.parametrize("text", ["2022-02-30", "2021-13", "22-09", "September 2022", "2022-9"])
def test_impossible_or_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises((ValueError, ValidationError)):
        PartialDate.parse(text)


def test_leap_day_only_in_leap_years() -> None:
    assert PartialDate.parse("2024-02-29").day == 29
    with pytest.raises(ValidationError):
        PartialDate.parse("2023-02-29")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.org", "www.x"])
def test_article_urls_are_http_only(url: str) -> None:
    with pytest.raises(ValidationError, match="http"):
        Article(id="a", title="T", body="B", url=url, source_path="a.md", content_hash="h")


def test_event_coordinates_come_in_pairs() -> None:
    with pytest.raises(ValidationError, match="lat and lon"):
        Event(date=None, lat=41.3, summary="x")
