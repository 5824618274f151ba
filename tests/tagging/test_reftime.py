"""Narrative reference time: year-less and anaphoric dates resolved against the date the story
is at (newsmap/tagging/reftime.py), not against the publication date."""

from __future__ import annotations

import pytest

from newsmap.model import PartialDate
from newsmap.tagging.dates import Anaphor
from newsmap.tagging.reftime import resolve_anaphor
from tests.tagging.conftest import MakeArticle, resolved


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"),
    [
        ("Two days later, the bridge reopened.", "Two days later", "1999-03-05"),
        ("The following week the talks resumed.", "The following week", "1999-03"),
        ("A month later, the envoy returned.", "A month later", "1999-04"),
        ("Six years later, the court ruled.", "Six years later", "2005"),
        ("The next morning, shops stayed shut.", "The next morning", "1999-03-04"),
        ("That evening, the mayor resigned.", "That evening", "1999-03-03"),
        ("The previous autumn, the dam had cracked.", "The previous autumn", "1998"),
        ("A year earlier, the factory had closed.", "A year earlier", "1998"),
        ("The following spring, the refugees went home.", "The following spring", "2000"),
        ("By the end of that month, the curfew was lifted.", "that month", "1999-03"),
        ("That December, the first elections were held.", "That December", "1999-12"),
        ("Later that year, a new governor took office.", "Later that year", "1999"),
    ],
)
def test_anaphoric_phrases_follow_the_story(
    make_article: MakeArticle, sentence: str, phrase: str, expected: str
) -> None:
    body = f"The river burst its banks at Gorna on 3 March 1999. {sentence}"
    assert resolved(make_article, body)[phrase] == expected


def test_precision_is_what_the_reference_supports(make_article: MakeArticle) -> None:
    body = "The strike began in 1999. Two days later, the port closed. A month later it reopened."
    dates = resolved(make_article, body)
    assert dates["Two days later"] == "1999"  # a year is all the story gives
    assert dates["A month later"] == "1999"
    body = "The strike began in June 2003. Two days later, the port closed."
    assert resolved(make_article, body)["Two days later"] == "2003-06"


def test_year_less_dates_take_the_story_year(make_article: MakeArticle) -> None:
    body = (
        "In 1999 the valley was still under curfew. On 3 March, soldiers searched the mill. "
        "In late August, the last checkpoint was removed."
    )
    dates = resolved(make_article, body)
    assert dates["3 March"] == "1999-03-03"
    assert dates["In late August"] == "1999-08"


def test_the_story_moves_forward_from_a_month(make_article: MakeArticle) -> None:
    body = "The blockade started in November 2012. In February, the first convoy got through."
    assert resolved(make_article, body)["In February"] == "2013-02"


def test_since_looks_back_from_the_reference(make_article: MakeArticle) -> None:
    body = "The mine closed on 12 October 2016. Workers had not been paid since March."
    assert resolved(make_article, body)["since March"] == "2016-03"


def test_publication_is_the_reference_only_until_the_story_gives_one(
    make_article: MakeArticle,
) -> None:
    body = (
        "Farmers blocked the motorway on 2 May. The same protest had first been held in 2019. "
        "On 9 June 2021 the ministry gave way. On 14 June, the blockade ended."
    )
    dates = resolved(make_article, body, published="2024-05-20")
    assert dates["2 May"] == "2024-05-02"  # no date in the story yet: publication
    assert dates["14 June"] == "2021-06-14"  # the story's own date wins over publication


def test_without_a_publication_date_only_the_story_dates(make_article: MakeArticle) -> None:
    body = "Floods hit the town on 2 May. In 2010 the dam failed. On 14 June, it was rebuilt."
    dates = resolved(make_article, body, published=None)
    assert dates["2 May"] is None
    assert dates["14 June"] == "2010-06-14"


def test_a_subordinate_date_does_not_move_the_reference(make_article: MakeArticle) -> None:
    body = (
        "The ceasefire collapsed in April 2022. The army shelled the town, which had been "
        "occupied since 2019. On 3 May, talks resumed. Rebels, who first rose up in 2014, "
        "rejected them. In June, the talks failed."
    )
    dates = resolved(make_article, body)
    assert dates["3 May"] == "2022-05-03"
    assert dates["In June"] == "2022-06"


def test_a_reported_or_past_perfect_clause_leaves_the_reference(
    make_article: MakeArticle,
) -> None:
    body = (
        "Voters went to the polls in March 2018. Officials said the count had begun in 2016. "
        "On 20 March, the result was announced."
    )
    assert resolved(make_article, body)["20 March"] == "2018-03-20"


def test_after_the_happening_counts_from_the_story_start(make_article: MakeArticle) -> None:
    body = (
        "A landslide buried the hamlet of Vrhovine on 6 March 2018. Two days later the army "
        "sent engineers. Five days after the landslide, the last survivor was found."
    )
    dates = resolved(make_article, body)
    assert dates["Two days later"] == "2018-03-08"
    assert dates["Five days after the landslide"] == "2018-03-11"


def test_last_season_is_told_from_publication(make_article: MakeArticle) -> None:
    body = "Protests have not stopped since the crackdown of last summer."
    assert resolved(make_article, body, published="2021-05-27")["last summer"] == "2020"
    assert resolved(make_article, body, published="2021-10-02")["last summer"] == "2021"


def test_a_date_told_twice_is_the_same_day(make_article: MakeArticle) -> None:
    body = (
        "Hackers wiped the tax office's servers on 4 June. The agency was founded in 2009 and "
        "moved to the capital in 2011. In August, auditors blamed the 4 June breach on a "
        "contractor."
    )
    dates = resolved(make_article, body, published="2024-09")
    assert dates["In August"] == "2024-08"


def test_anaphors_never_pass_publication(make_article: MakeArticle) -> None:
    body = "The court sat on 19 May. Two days later it will rule."
    assert resolved(make_article, body, published="2024-05-20")["Two days later"] is None


def test_a_paragraph_opening_on_what_someone_says_now_returns_to_publication(
    make_article: MakeArticle,
) -> None:
    body = (
        "The region's gas ran out on 1 January. In 2006 it voted to join Russia.\n\n"
        "Kyiv says it will not carry the gas again. Brussels offered aid in late January."
    )
    dates = resolved(make_article, body, published="2025-05-10")
    assert dates["in late January"] == "2025-01"  # not January 2006


def test_a_paragraph_describing_in_the_present_keeps_the_story_time(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 17 December 2010 a vendor set himself alight.\n\n"
        "The town is not on the way to anywhere. The first protester was shot on 24 December."
    )
    assert resolved(make_article, body, published="2020-12-17")["24 December"] == "2010-12-24"


def test_a_happening_named_by_its_date_inside_a_description_does_not_move_the_story(
    make_article: MakeArticle,
) -> None:
    body = (
        "The war began on 15 April 2023, when the army and the militia, partners in the coup "
        "of October 2021, turned on each other. In June the militia took the western city."
    )
    dates = resolved(make_article, body, published="2024-05-20")
    assert dates["In June"] == "2023-06"  # not the June after October 2021


def test_that_as_the_thing_done_does_not_make_a_clause_reported(
    make_article: MakeArticle,
) -> None:
    body = (
        "A peace deal was signed in December 2000, and a commission ruled two years later. "
        "Abiy changed that within weeks of taking office in April 2018. On 8 July he flew to "
        "Asmara. The army announced that within a week in May it would leave."
    )
    dates = resolved(make_article, body, published="2018-09-20")
    assert dates["8 July"] == "2018-07-08"  # not 2002


def test_only_after_opening_a_sentence_moves_the_story_like_after(
    make_article: MakeArticle,
) -> None:
    body = (
        "The massacres went on into January 1998. Only after the election in April 1999 did "
        "the killing subside. In September of that year voters approved an amnesty."
    )
    dates = resolved(make_article, body, published="2017-09-22")
    assert dates["In September"] == "1999-09"


def test_days_after_the_happening_count_from_its_day_not_the_scene_setting_year(
    make_article: MakeArticle,
) -> None:
    body = (
        "By the spring of 2013 the border town had become a back office of the war. On the "
        "afternoon of Saturday 11 May 2013 two car bombs exploded outside the town hall. Five "
        "days after the bombing, police arrested a suspect."
    )
    dates = resolved(make_article, body, published="2013-06-01")
    assert dates["Five days after the bombing"] == "2013-05-16"


def test_resolve_anaphor_directly() -> None:
    day = PartialDate.parse("2020-12-30")
    assert resolve_anaphor(Anaphor("after", 3, "day"), day) == PartialDate.parse("2021-01-02")
    assert resolve_anaphor(Anaphor("after", 1, "month", 2), day) == PartialDate.parse("2021-02")
    assert resolve_anaphor(Anaphor("before", 1, "winter"), day) == PartialDate.parse("2019")
    assert resolve_anaphor(Anaphor("after", None, "month"), day) is None  # "months later"
    assert resolve_anaphor(Anaphor("after", None, "day"), day) is None  # "days later", as months
