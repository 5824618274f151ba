"""A day the story goes back to by its calendar date, in another paragraph, tells another
happening of that day; told again in the same paragraph, it is the same happening. A short
sentence that announces a happening by a year counted on ("The village suffered again ten years
later.") and the next sentence that tells it by its day are one happening; two parts of
yesterday ("died yesterday at midday", "sworn in yesterday afternoon") are two happenings.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_a_day_told_again_by_its_date_in_a_later_paragraph_is_another_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 2 April 2006 floodwater broke through the levee at Novi Sad, in Serbia.\n\n"
        "Help was slow to come. On 2 April the army flew pumps in from Belgrade."
    )
    assert events(make_article, body, "2006-05-01") == [("2006-04-02", "SRB")] * 2


def test_a_day_told_again_in_the_same_paragraph_is_told_once(make_article: MakeArticle) -> None:
    body = (
        "On 2 April 2006 floodwater broke through the levee at Novi Sad, in Serbia. Nobody "
        "had expected it. On 2 April the river reached its highest level in a century."
    )
    assert events(make_article, body, "2006-05-01") == [("2006-04-02", "SRB")]


def test_a_short_announcement_then_the_full_telling_is_one_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "Shells hit the village of Qana, in Lebanon, on 18 April 1996. The village suffered "
        "again ten years later. On 30 July 2006 an air strike brought down a house there."
    )
    assert events(make_article, body, "2016-08-01") == [
        ("1996-04-18", "LBN"),
        ("2006-07-30", "LBN"),
    ]


def test_a_longer_sentence_counted_on_tells_its_own_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "The envoy reached Benghazi, in Libya, in April 2011. When he came back as ambassador "
        "the following year, he lived in Tripoli but visited Benghazi whenever he could. On 11 "
        "September 2012 gunmen attacked his compound in Benghazi."
    )
    assert events(make_article, body, "2022-09-11") == [
        ("2011-04", "LBY"),
        ("2012", "LBY"),
        ("2012-09-11", "LBY"),
    ]


def test_two_parts_of_yesterday_are_two_happenings(make_article: MakeArticle) -> None:
    body = (
        "The king of Jordan died yesterday at midday in a hospital in Amman. His son was sworn "
        "in as king yesterday afternoon in parliament."
    )
    assert events(make_article, body, "1999-02-08") == [("1999-02-07", "JOR")] * 2


def test_yesterday_told_twice_is_one_happening(make_article: MakeArticle) -> None:
    body = (
        "The king of Jordan died yesterday in a hospital in Amman. Mourners gathered outside "
        "the hospital yesterday."
    )
    assert events(make_article, body, "1999-02-08") == [("1999-02-07", "JOR")]


def test_a_short_announcement_counted_back_from_today_is_told_next(
    make_article: MakeArticle,
) -> None:
    body = (
        "The tribunal in The Hague, in the Netherlands, ruled on the bay on 29 June 2017. Then, "
        "two years ago, the process nearly died. In July 2015 a daily in Zagreb, in Croatia, "
        "published recordings of a judge."
    )
    assert events(make_article, body, "2017-07-01") == [
        ("2017-06-29", "NLD"),
        ("2015-07", "HRV"),
    ]
