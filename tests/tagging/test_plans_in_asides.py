"""A plan told in a relative clause about someone ("which had been due to meet in Benghazi") or
in a clause about a time ("on the morning he was due to testify") is
about them: the main clause's dated happening stays an event. A plan in the main clause is none.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_a_plan_in_a_relative_clause_leaves_the_happening(make_article: MakeArticle) -> None:
    body = (
        "The new chamber, which had been due to sit in Benghazi, held its first session in "
        "Tobruk, in Libya, on 4 August 2014."
    )
    assert events(make_article, body, "2014-09-01") == [("2014-08-04", "LBY")]


def test_a_plan_in_the_main_clause_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Floods closed the port of Benghazi, in Libya, on 2 August 2014. The new chamber was due "
        "to sit in Tobruk on 4 August."
    )
    assert events(make_article, body, "2014-09-01") == [("2014-08-02", "LBY")]


def test_a_plan_in_a_clause_about_a_time_leaves_the_happening(make_article: MakeArticle) -> None:
    body = (
        "The former governor was found dead in his cell in Tirana, in Albania, in June 2009, on "
        "the very morning he was due to testify."
    )
    assert events(make_article, body, "2009-08-01") == [("2009-06", "ALB")]


def test_a_date_of_what_was_promised_is_a_plan(make_article: MakeArticle) -> None:
    body = (
        "Protesters stormed the parliament in Bishkek, in Kyrgyzstan, on 7 April 2010. The new "
        "leaders have promised a vote on a fresh constitution in June."
    )
    assert events(make_article, body, "2010-04-20") == [("2010-04-07", "KGZ")]


def test_a_bill_proposed_in_a_month_is_a_happening(make_article: MakeArticle) -> None:
    body = "The ruling party in Tbilisi, in Georgia, first proposed the bill in March 2023."
    assert events(make_article, body, "2023-06-01") == [("2023-03", "GEO")]
