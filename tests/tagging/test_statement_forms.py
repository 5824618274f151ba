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
