"""What is an event: a happening with a resolved date (year, month or day), placed where it
happened. Decades, spans with nothing happening, recurring dates, numbers that are not years,
plans, statements and reactions are not events."""

from __future__ import annotations

import pytest

from newsmap.model import Precision
from newsmap.tagging import tag_article, tags_to_json
from tests.tagging.conftest import MakeArticle


def events(
    make_article: MakeArticle, body: str, published: str | None = "2024-05-20"
) -> list[tuple[str, str | None]]:
    tags = tag_article(make_article(body, title="Report", published=published))
    assert all(e.date is not None for e in tags.events)
    return [(e.date.iso(), e.iso3) for e in tags.events if e.date is not None]


def test_every_event_has_a_year_month_or_day(make_article: MakeArticle) -> None:
    body = (
        "Moldova's wine trade has depended on Russia since the 1990s. In the early 2000s, "
        "exports grew. Russia banned Moldovan wine in 2006. Growers protested on 9 April."
    )
    tags = tag_article(make_article(body, published="2024-05-20"))
    precisions = {e.date.precision for e in tags.events if e.date is not None}
    assert Precision.DECADE not in precisions
    assert [(e.date.iso() if e.date else None) for e in tags.events] == ["2006", "2006-04-09"]
    data = tags_to_json(make_article(body), tags)
    assert all(event["date"] and event["precision"] != "decade" for event in data["events"])


def test_an_undatable_happening_is_not_an_event(make_article: MakeArticle) -> None:
    assert events(make_article, "Albania expelled Iranian diplomats on July 15th.", None) == []


def test_recurring_dates_are_not_events(make_article: MakeArticle) -> None:
    body = (
        "Every year on 9 May, veterans march through Minsk. Each March, Belarusians mark "
        "Freedom Day. The city marked the anniversary on 3 July."
    )
    assert events(make_article, body) == []


def test_numbers_that_are_not_years(make_article: MakeArticle) -> None:
    body = (
        "The Security Council adopted Resolution 2254 on Syria. Flight 752 was shot down near "
        "Tehran. Article 1999 of the code was repealed."
    )
    assert events(make_article, body) == []


def test_a_span_is_an_event_only_when_something_happened(make_article: MakeArticle) -> None:
    assert events(make_article, "The war in Bosnia lasted from 1992 to 1995.") == [("1992", "BIH")]
    assert events(make_article, "Between 2001 and 2005 he taught in Skopje.") == []


def test_plans_are_not_events(make_article: MakeArticle) -> None:
    body = "Serbia will hold a referendum in 2026. In June, Montenegro plans to open the railway."
    assert events(make_article, body) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "On 3 May, Moscow denied any role in the blast.",
        "Washington warned on Tuesday that sanctions would follow.",
        "Paris said on 2 May it would recall its ambassador.",
        "On Monday, the United States condemned the arrests.",
    ],
)
def test_statements_are_not_events(make_article: MakeArticle, sentence: str) -> None:
    assert events(make_article, sentence) == []


def test_a_reaction_from_a_capital_is_not_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "Masked gunmen attacked a police patrol in northern Kosovo on 24 September 2023. "
        "Washington condemned the shooting of the officers on 24 September 2023 and urged calm."
    )
    assert events(make_article, body) == [("2023-09-24", "XKX")]


def test_a_summit_abroad_is_placed_where_it_was_held(make_article: MakeArticle) -> None:
    body = (
        "The presidents of Bosnia, Serbia and Croatia signed the peace agreement in Paris on "
        "14 December 1995. Serbia and Kosovo agreed in Brussels on 19 April 2013 to normalise "
        "their relations."
    )
    tags = tag_article(make_article(body, published="2024-05-20"))
    placed = [(e.date.iso() if e.date else None, e.iso3, e.place) for e in tags.events]
    assert placed == [("1995-12-14", "FRA", "Paris"), ("2013-04-19", "BEL", "Brussels")]


def test_a_state_since_a_date_is_not_an_event(make_article: MakeArticle) -> None:
    body = "The writer had lived in exile in Vienna since 2017. He was arrested on 2 May 2021."
    assert events(make_article, body) == [("2021-05-02", "AUT")]


def test_a_home_body_acts_at_home(make_article: MakeArticle) -> None:
    body = (
        "The Lebanese army raised its flag over the ruined camp on 2 September 2007, after "
        "weeks of fighting."
    )
    assert events(make_article, body) == [("2007-09-02", "LBN")]


def test_a_route_is_not_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "A flight from Athens to Vilnius was forced down in Minsk on 23 May 2021, and the "
        "passengers were searched."
    )
    assert events(make_article, body) == [("2021-05-23", "BLR")]


def test_a_clause_without_a_place_happens_where_its_sentence_did(
    make_article: MakeArticle,
) -> None:
    body = (
        "In April 2011 judges in The Hague sentenced the general to 24 years, but on "
        "16 November 2012 the appeals chamber acquitted him."
    )
    assert events(make_article, body) == [("2011-04", "NLD"), ("2012-11-16", "NLD")]
