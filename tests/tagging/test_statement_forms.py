"""A form of a statement: a phrase of speaking that holds the date ("Speaking to deputies in
Ankara on Tuesday, the president called ...") tells what someone said, not a happening.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_a_phrase_of_speaking_with_the_date_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "A journalist was killed in Istanbul, in Turkey, on 2 October 2018. Speaking to deputies "
        "in Ankara on 23 October, the president called the killing a planned murder."
    )
    assert events(make_article, body, "2018-11-01") == [("2018-10-02", "TUR")]


def test_what_investigators_identified_is_a_finding(make_article: MakeArticle) -> None:
    body = (
        "A bomb destroyed a tourist bus at the airport of Burgas, in Bulgaria, on 18 July 2012. "
        "Only in July 2016 did prosecutors identify the bomber from his DNA."
    )
    assert events(make_article, body, "2022-07-18") == [("2012-07-18", "BGR")]


def test_a_quoted_word_between_the_verb_of_saying_and_its_date(make_article: MakeArticle) -> None:
    body = (
        "A court in Podgorica, in Montenegro, convicted fourteen men on 9 May 2019. The Kremlin's "
        'spokesman called the verdict "absurd" once more on 10 May.'
    )
    assert events(make_article, body, "2019-06-01") == [("2019-05-09", "MNE")]


def test_a_date_in_a_quotation_with_its_speaker_is_testimony(make_article: MakeArticle) -> None:
    body = (
        "Crowds filled Victoriei Square in Bucharest, in Romania, on 31 January 2017. \"It was a "
        'Tuesday, the last day of January, after ten at night," she says.'
    )
    assert events(make_article, body, "2018-02-01") == [("2017-01-31", "ROU")]


def test_a_quoted_passage_without_a_speaker_after_it_is_prose(make_article: MakeArticle) -> None:
    body = "“In 2014, Albania welcomed some three thousand exiles into the country.”"
    assert events(make_article, body, "2022-09-10") == [("2014", "ALB")]
