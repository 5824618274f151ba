"""A phrase that only tells what day a date was ("On 21 May, on the eve of the union's fourth
anniversary, ...") leaves the clause's happening an event; a clause that marks an anniversary
("they marked the anniversary on 11 July") tells a date that recurs.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_a_happening_on_an_anniversary_is_an_event(make_article: MakeArticle) -> None:
    body = (
        "Protesters filled the centre of Bishkek, in Kyrgyzstan, on 24 March 2005. In January "
        "2006 the new president lost his majority. On 25 March, the day after the first "
        "anniversary of the uprising, he dismissed his cabinet."
    )
    assert events(make_article, body, "2006-04-01") == [
        ("2005-03-24", "KGZ"),
        ("2006-01", "KGZ"),
        ("2006-03-25", "KGZ"),
    ]


def test_a_happening_on_the_eve_of_an_anniversary_is_an_event(make_article: MakeArticle) -> None:
    body = (
        "Fighting spread across Yemen in early May 1994. On 21 May, on the eve of the union's "
        "fourth anniversary, the south broke away."
    )
    assert events(make_article, body, "1994-06-01") == [
        ("1994-05", "YEM"),
        ("1994-05-21", "YEM"),
    ]


def test_marking_an_anniversary_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Protesters filled the centre of Bishkek, in Kyrgyzstan, on 24 March 2005. Veterans of "
        "the uprising marked the anniversary on 24 March."
    )
    assert events(make_article, body, "2006-04-01") == [("2005-03-24", "KGZ")]


def test_a_day_told_with_every_year_after_it_recurs(make_article: MakeArticle) -> None:
    body = (
        "Mud flooded the old quarter of Algiers, in Algeria, in November 2001. On 10 November, "
        "every year, families lay flowers at the small memorial by the sea."
    )
    assert events(make_article, body, "2021-11-10") == [("2001-11", "DZA")]


def test_a_town_that_now_celebrates_a_day_tells_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Gunmen attacked the barracks of Ben Gardane, in Tunisia, on 7 March 2016. The town now "
        "celebrates 8 March as its day of victory."
    )
    assert events(make_article, body, "2021-03-07") == [("2016-03-07", "TUN")]
