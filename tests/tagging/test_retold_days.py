"""A day the story goes back to by its calendar date, in another paragraph, tells another
happening of that day; told again in the same paragraph, it is the same happening.

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
