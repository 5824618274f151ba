""""Called" naming something ("a platform called Dignity", "the so-called contact group") is no
verb of saying: the clause's happening stays an event. "Called" after its speaker ("the
minister called the vote a farce") is a statement.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_a_group_called_by_its_name_acts(make_article: MakeArticle) -> None:
    body = (
        "In early March 2012 a student movement called Free Voice occupied the main square of "
        "Tbilisi, in Georgia."
    )
    assert events(make_article, body, "2012-06-01") == [("2012-03", "GEO")]


def test_the_so_called_group_acts(make_article: MakeArticle) -> None:
    body = (
        "On 4 May 2012 the so-called contact group signed a ceasefire in Tbilisi, in Georgia."
    )
    assert events(make_article, body, "2012-06-01") == [("2012-05-04", "GEO")]


def test_calling_something_a_name_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "Protesters occupied the main square of Tbilisi, in Georgia, on 3 May 2012. On 4 May "
        "the minister called the protest a provocation."
    )
    assert events(make_article, body, "2012-06-01") == [("2012-05-03", "GEO")]
