"""Rules found on the fifth blind set (tests/data/blind5), written by someone who never ran the
tagger: how a story's narrative time returns from its background, dates whose year is told
relative to another, and which date of a sentence the story is at.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle, resolved
from tests.tagging.conftest import dated_events as events


def test_after_a_background_paragraph_the_story_returns_to_its_own_year(
    make_article: MakeArticle,
) -> None:
    body = (
        "Thirty years ago this week, on 9 June 1991, the last tanks left the barracks in "
        "Ljubljana. The decision had a long history. The assembly voted for it on 25 "
        "November 1990, against the wishes of the army. In May the first conscripts refused "
        "to serve, and on 3 June the officers packed their archives."
    )
    dates = resolved(make_article, body, "2021-06-09")
    assert dates["In May"] == "1991-05"
    assert dates["3 June"] == "1991-06-03"


def test_background_does_not_return_past_the_story_s_own_date(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 20 March 2004 the miners of Zenica walked out. The pit had been sold on 10 "
        "October 2003 to a Swiss fund. In September the buyers had fired the old managers."
    )
    dates = resolved(make_article, body, "2014-03-20")
    assert dates["In September"] == "2003-09"


def test_years_ago_this_morning_is_that_very_day(make_article: MakeArticle) -> None:
    body = (
        "Fifteen years ago this morning, shortly after dawn, a dam burst above the town of "
        "Doboj. On 2 June the army began to rebuild it."
    )
    dates = resolved(make_article, body, "2025-05-16")
    assert dates["Fifteen years ago this morning"] == "2010-05-16"
    assert "this morning" not in dates  # not a second date on the day of publication
    assert dates["2 June"] == "2010-06-02"


def test_a_past_perfect_date_a_few_days_after_the_reference_stays_in_its_year(
    make_article: MakeArticle,
) -> None:
    body = (
        "The cup run began for Split on 3 November 2019 with a draw in Zadar. Four days later "
        "they beat Osijek at home. The quarter-final had been played on 19 November, in "
        "heavy rain, and Split won it on penalties."
    )
    dates = resolved(make_article, body, "2019-12-20")
    assert dates["19 November"] == "2019-11-19"


def test_a_past_perfect_date_later_in_the_year_than_the_reference_is_the_year_before(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 2 March 2016 the miners of Breza walked out. The mine had been sold in "
        "November to a fund in Vienna."
    )
    dates = resolved(make_article, body, "2020-03-02")
    assert dates["in November"] == "2015-11"


def test_a_month_of_the_previous_year_is_one_date(make_article: MakeArticle) -> None:
    body = (
        "On 3 May 2001 the mill at Vareš closed for good. Its owners had cut the night shift "
        "in October of the previous year."
    )
    dates = resolved(make_article, body, "2021-05-03")
    assert dates["in October"] == "2000-10"
    assert dates["the previous year"] is None  # not a second date


def test_dismissing_a_person_described_at_length_is_an_act(make_article: MakeArticle) -> None:
    body = (
        "On 2 February 2004 the president of Georgia dismissed his long-serving interior "
        "minister, whom he had appointed in March."
    )
    assert ("2004-02-02", "GEO") in events(make_article, body)


def test_a_distance_from_a_town_places_the_story_near_it(make_article: MakeArticle) -> None:
    body = (
        "The ferry had left Durrës with three hundred people on board. On 14 March 1997 it "
        "sank two miles from Bari, and most of the passengers drowned."
    )
    found = events(make_article, body, title="Two miles from Bari", published="2017-03-14")
    assert ("1997-03-14", "ITA") in found


def test_a_month_inside_a_name_is_no_date(make_article: MakeArticle) -> None:
    body = (
        "On the night of 2 March 2008 students gathered on October Square in Minsk. That "
        "night the police beat them."
    )
    dates = resolved(make_article, body, "2018-03-02")
    assert "on October" not in dates
    assert dates["That night"] == "2008-03-02"


def test_a_season_counted_back_does_not_move_the_story(make_article: MakeArticle) -> None:
    body = (
        "The strike began on 3 October 2012, two days after the mine closed, and the owners "
        "had warned of it the previous autumn. On 9 October the miners marched on the town."
    )
    dates = resolved(make_article, body, "2022-10-03")
    assert dates["the previous autumn"] == "2011"
    assert dates["9 October"] == "2012-10-09"


def test_a_happening_named_by_its_day_as_a_verb_s_object_moves_the_story(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 2 February 2001 the old government fell. The reformers won the snap election of "
        "14 May by a wide margin, and their cabinet was sworn in the following month."
    )
    dates = resolved(make_article, body, "2021-02-02")
    assert dates["the following month"] == "2001-06"


def test_a_day_first_told_by_an_offset_then_by_its_date_holds_two_happenings(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 3 June 1996 the dockers of Rijeka walked out. The next day the port closed. On "
        "4 June the police arrested the strike leaders in Rijeka."
    )
    assert events(make_article, body).count(("1996-06-04", "HRV")) == 2


def test_this_morning_n_years_ago_is_that_very_day(make_article: MakeArticle) -> None:
    body = (
        "At dawn this morning thirty years ago, the first convoy reached the airport of "
        "Sarajevo. Two days later the airlift began."
    )
    dates = resolved(make_article, body, "2022-06-29")
    assert dates["this morning thirty years ago"] == "1992-06-29"
    assert dates["Two days later"] == "1992-07-01"


def test_the_place_of_the_happening_counted_from_is_not_this_one_s(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 4 May 2011 the two presidents met in Vienna. Three days after the meeting in "
        "Vienna, the Serbian president opened the new bridge at Novi Sad."
    )
    assert ("2011-05-07", "SRB") in events(make_article, body)


def test_what_was_to_happen_is_a_plan(make_article: MakeArticle) -> None:
    body = (
        "On 11 March 1998 the two sides signed a truce in Tetovo. The guns were to fall "
        "silent at noon on 14 March, and the militias were due to hand over their rifles on "
        "20 March."
    )
    found = [date for date, _ in events(make_article, body)]
    assert "1998-03-11" in found
    assert "1998-03-14" not in found
    assert "1998-03-20" not in found


def test_the_start_of_the_month_is_the_story_s_month(make_article: MakeArticle) -> None:
    body = (
        "On 20 April 1993 the last convoy reached Srebrenica. The Bosnian Serb army had "
        "taken the hills around the town at the start of the month. The town was to be "
        "disarmed by the end of the month."
    )
    dates = resolved(make_article, body, "2023-04-20")
    assert dates["the start of the month"] == "1993-04"
    assert "the end of the month" not in dates  # a limit, not a time something happened


def test_in_a_flashback_a_past_perfect_month_is_the_nearer_one(
    make_article: MakeArticle,
) -> None:
    body = (
        "Ten years ago today the first free vote was held in Kosovo. Voters abroad had begun "
        "voting two days earlier. In Mitrovica, where the police had cleared the bridge in "
        "October, turnout was low."
    )
    dates = resolved(make_article, body, "2011-02-12")
    assert dates["in October"] == "2000-10"


def test_a_happening_that_came_days_after_another_dates_the_other_back(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 20 May 2004 a car bomb killed nine people in Basra. The attack came only five "
        "days after the shooting at the market in Najaf, and the police blamed the same men."
    )
    dates = resolved(make_article, body, "2014-05-20")
    assert dates["five days after the shooting"] == "2004-05-15"


def test_an_offset_restated_by_its_date_is_one_event(make_article: MakeArticle) -> None:
    body = (
        "On 3 May 1995 the mayor of Split was shot outside his office. The town had voted "
        "for him in a by-election, and on 2 February the council had confirmed him. Four "
        "days later, on 7 May, thousands followed his coffin through Split."
    )
    found = [date for date, _ in events(make_article, body, published="2005-05-03")]
    assert "1995-05-07" in found
    assert "1995-02-06" not in found


def test_a_capital_that_shook_is_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "On 17 August 1999 an earthquake struck western Turkey near Izmit. Then, on 7 "
        "September, Athens shook, and dozens of buildings collapsed."
    )
    assert ("1999-09-07", "GRC") in events(make_article, body, published="2009-08-17")


def test_a_pair_of_demonyms_places_nothing(make_article: MakeArticle) -> None:
    body = (
        "The police of Edirne have reopened an old case. On 9 March 2006 the editor of the "
        "small Greek-Turkish monthly was beaten on his way home."
    )
    assert events(make_article, body, published="2016-03-09") == [("2006-03-09", "TUR")]


def test_foreign_rescuers_arriving_the_same_day_are_where_the_city_shook(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 7 September 1999 an earthquake struck Greece. That morning Athens shook for "
        "fifteen seconds. The same afternoon Turkish rescuers flew in to help."
    )
    found = events(make_article, body, published="2009-09-07")
    assert found.count(("1999-09-07", "GRC")) >= 2
    assert ("1999-09-07", "TUR") not in found


def test_a_patriarch_named_by_his_church_s_demonym_is_an_actor(
    make_article: MakeArticle,
) -> None:
    body = (
        "Protesters had blocked the roads to Cetinje. On 3 October 2010 a helicopter landed "
        "the Serbian patriarch in the monastery yard."
    )
    assert events(make_article, body, published="2020-10-03") == [("2010-10-03", "MNE")]


def test_a_year_after_before_is_a_limit(make_article: MakeArticle) -> None:
    body = (
        "In March 2012 the assembly in Skopje passed a law returning land seized before 1945 "
        "to its owners."
    )
    found = [date for date, _ in events(make_article, body, published="2022-03-10")]
    assert found == ["2012-03"]


def test_a_statement_dated_with_its_weekday_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "On Tuesday 3 March 2009 the prime minister, speaking in Zagreb, told reporters that "
        "the banks were safe. On 9 March two banks in Split closed their doors."
    )
    found = [date for date, _ in events(make_article, body, published="2019-03-03")]
    assert found == ["2009-03-09"]


def test_last_night_is_the_day_before_publication(make_article: MakeArticle) -> None:
    body = "Crowds filled the streets of Zagreb last night to welcome the team home."
    dates = resolved(make_article, body, "2018-07-17")
    assert dates["last night"] == "2018-07-16"


def test_that_night_after_a_background_flashback_is_the_story_s_night(
    make_article: MakeArticle,
) -> None:
    body = (
        "On the evening of 2 June 2003 students marched on the rector's office in Skopje. "
        "The rector had been appointed by the old government on 14 May 1999, a day the "
        "students still mourn. That night the police cleared the building."
    )
    dates = resolved(make_article, body, "2013-06-02")
    assert dates["That night"] == "2003-06-02"


def test_a_ship_off_a_town_is_there(make_article: MakeArticle) -> None:
    body = (
        "The war at sea was short. On 3 August 2006 a rocket hit a Greek tanker off Tyre."
    )
    assert events(make_article, body, published="2016-08-03") == [("2006-08-03", "LBN")]


def test_a_strike_called_weeks_earlier_is_no_statement(make_article: MakeArticle) -> None:
    body = (
        "On 4 March 2010 a general strike called weeks earlier by the unions shut down "
        "Athens."
    )
    assert ("2010-03-04", "GRC") in events(make_article, body, published="2020-03-04")


def test_years_ago_this_morning_keeps_its_year_without_a_publication_day(
    make_article: MakeArticle,
) -> None:
    body = "Twenty years ago this morning the dam above Doboj burst."
    dates = resolved(make_article, body, "2025-05")
    assert dates["Twenty years ago this morning"] == "2005"
