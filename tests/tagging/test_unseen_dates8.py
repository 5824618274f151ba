"""Event dates and countries in unseen prose (issue 10, helper evq8): which clause's date
becomes the narrative's reference, year-less dates after a flashback, and where a happening
took place.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_a_past_tense_after_a_subject_set_off_by_commas_moves_the_reference(
    make_article: MakeArticle,
) -> None:
    # "marched" is the main verb here, not a reduced relative ("The deal, reached in 2015, ...")
    body = (
        "On 1 March 2019 the dockers' union of Chile went on strike. "
        "Dockers in the Chilean port of Valparaíso, most of them on short contracts, "
        "marched on 3 April, a day of action called by their union. "
        "The next day the port authority in Valparaíso closed the container terminal."
    )
    assert events(make_article, body, "2019-06-01") == [
        ("2019-03-01", "CHL"),
        ("2019-04-03", "CHL"),
        ("2019-04-04", "CHL"),
    ]


def test_a_reduced_relative_still_leaves_the_reference_alone(make_article: MakeArticle) -> None:
    body = (
        "On 2 May 2017 a strike shut the mines of Potosí in Bolivia. The contract, "
        "signed in March 2009, was torn up by the new owners. The next day miners in Potosí "
        "blocked the road to Sucre."
    )
    assert ("2017-05-03", "BOL") in events(make_article, body, "2017-06-01")


def test_a_paragraph_back_from_a_flashback_takes_the_story_s_year(
    make_article: MakeArticle,
) -> None:
    # The second paragraph looks back with full dates; the third returns to the story's own
    # winter: "on 14 January" is January 2003, not the January after November 1980.
    body = (
        "The Peruvian poet Rosa Quispe died in a hospital in Lima on 8 March 2003.\n\n"
        "In May 1968 she led a march of teachers in Cusco, and in November 1980 she was "
        "elected to the senate.\n\n"
        "On 14 January she collapsed at her home in Lima. Three days later she was moved to "
        "the hospital."
    )
    assert events(make_article, body, "2003-03-10") == [
        ("2003-03-08", "PER"),
        ("1968-05", "PER"),
        ("1980-11", "PER"),
        ("2003-01-14", "PER"),
        ("2003-01-17", "PER"),
    ]


def test_a_flashback_that_goes_on_in_its_own_paragraph_keeps_its_year(
    make_article: MakeArticle,
) -> None:
    # No new paragraph: the year-less date goes on from the flashback, into the next year.
    body = (
        "The Peruvian poet Rosa Quispe died in a hospital in Lima on 8 March 2003.\n\n"
        "In November 1980 she was elected to the senate. On 14 January she gave her first "
        "speech in the chamber in Lima."
    )
    assert ("1981-01-14", "PER") in events(make_article, body, "2003-03-10")


def test_days_after_a_place_count_from_the_story_s_happening(make_article: MakeArticle) -> None:
    # "Four days after Mocoa" stands for the landslide the story is about.
    body = (
        "A landslide buried half of Mocoa, in southern Colombia, on 1 April 2017. In 2015 a "
        "smaller slide had hit Salgar. Four days after Mocoa, rain cut the road to Pasto. "
        "The following month the army rebuilt the bridge at Mocoa."
    )
    assert events(make_article, body, "2017-07-01") == [
        ("2017-04-01", "COL"),
        ("2015", "COL"),
        ("2017-04-05", "COL"),
        ("2017-05", "COL"),
    ]


def test_days_after_a_holiday_are_no_offset(make_article: MakeArticle) -> None:
    body = (
        "A fire destroyed the market of Kumasi in Ghana on 3 March 2009. "
        "Two days after Easter, traders returned."
    )
    assert events(make_article, body, "2009-06-01") == [("2009-03-03", "GHA")]


def test_an_act_of_state_is_done_at_home(make_article: MakeArticle) -> None:
    # Recognising a state or expelling diplomats happens in the capital that does it, not in
    # the country it is aimed at; the clause after it is not placed there.
    body = (
        "Fighting broke out in Bender, in Moldova, on 2 March 1992. On 9 April 1992 Bucharest "
        "recognised the Moldovan borders, and two days later troops shelled the bridge. "
        "On 14 May 1992 Kyiv expelled two Moldovan diplomats."
    )
    found = events(make_article, body, "1992-06-01")
    assert ("1992-04-09", "ROU") in found
    assert ("1992-04-11", "MDA") in found
    assert ("1992-05-14", "UKR") in found


def test_a_journey_s_goal_gives_way_to_where_it_began(make_article: MakeArticle) -> None:
    body = (
        "On 4 June 2013 the last Dutch engineers in Mali boarded a transport plane and flew "
        "to Dakar. On 9 June 2013 the Dutch envoy flew to Bamako."
    )
    assert events(make_article, body, "2013-07-01") == [
        ("2013-06-04", "MLI"),
        ("2013-06-09", "MLI"),
    ]


def test_the_next_sentence_does_not_go_on_at_a_journey_s_goal(make_article: MakeArticle) -> None:
    # The president went to Dakar; the evening's happening is back in Mali, the story's country.
    body = (
        "Rebels entered Bamako in Mali on 21 March 2012. The president went first to Kayes "
        "and then to Dakar. That evening soldiers looted the presidential palace."
    )
    assert events(make_article, body, "2012-04-01") == [
        ("2012-03-21", "MLI"),
        ("2012-03-21", "MLI"),
    ]


def test_the_last_day_of_a_month_is_a_day(make_article: MakeArticle) -> None:
    body = (
        "The port of Durrës in Albania was closed on the last day of March 1993, and on the "
        "first day of May the harbour master in Durrës reopened it."
    )
    assert events(make_article, body, "1993-06-01") == [
        ("1993-03-31", "ALB"),
        ("1993-05-01", "ALB"),
    ]


def test_a_time_restated_as_a_date_phrase_moves_the_reference(make_article: MakeArticle) -> None:
    # "a year ago this week" and "the last day of January", each a phrase of its own after a
    # comma, tell the story's time; "The next morning" counts from that day.
    body = (
        "Ana was asleep in Porto when the strike began, a year ago this week. It was a "
        "Monday, the last day of January. The next morning the metro in Porto stopped."
    )
    found = events(make_article, body, "2023-02-03")
    assert ("2022-02-01", "PRT") in found


def test_days_after_the_happening_count_from_it_not_from_this_evening(
    make_article: MakeArticle,
) -> None:
    # "this evening" is the day of publication, not the happening the story is about.
    body = (
        "Hundreds gathered in Tallinn this evening. On 12 March 2014 a gas explosion "
        "destroyed a block of flats in Tallinn in Estonia. Five days after the explosion, "
        "the housing minister resigned."
    )
    assert ("2014-03-17", "EST") in events(make_article, body, "2024-03-12")


def test_that_spring_within_the_story_s_year_leaves_its_day(make_article: MakeArticle) -> None:
    # "that spring" tells the reference's year again, coarser: "The next day" still counts
    # from 9 October.
    body = (
        "On 9 October 2016 rebels stormed the prison of Kasese in Uganda. Most of them "
        "came from Bwera, the town the army had raided that spring. The next day soldiers "
        "in Kasese arrested forty men."
    )
    assert ("2016-10-10", "UGA") in events(make_article, body, "2016-12-01")


def test_the_following_summer_is_the_next_year_s(make_article: MakeArticle) -> None:
    body = (
        "On 3 February 1996 a bomb wrecked the bus station of Split in Croatia. By the "
        "following summer the station in Split had reopened, and in July the police in Split "
        "arrested two men."
    )
    assert ("1997-07", "HRV") in events(make_article, body, "1998-01-01")


def test_a_demonym_describing_what_was_done_to_is_not_where(make_article: MakeArticle) -> None:
    # "Syrian smugglers" were arrested in the story's country; a demonym before the verb still
    # tells where its subject acted.
    body = (
        "The port of Tyre in Lebanon was quiet on 1 May 1996.\n\n"
        "On 2 May 1996 the army arrested three Syrian smugglers. "
        "On 9 May 1996 a Cypriot court fined the ship's owner."
    )
    found = events(make_article, body, "1996-06-01")
    assert ("1996-05-02", "LBN") in found
    assert ("1996-05-09", "CYP") in found


def test_a_paragraph_after_a_look_ahead_returns_to_the_story_s_time(
    make_article: MakeArticle,
) -> None:
    # "the following year" looks ahead at a photograph's prize; the next paragraph is back in
    # the story's summer: "On 20 June ... had attacked" is June 2003, not 2004.
    body = (
        "On 4 July 2003 a bomb hit the market of Kano in Nigeria. A photograph of the burning "
        "stalls won a prize the following year.\n\n"
        "The bomb came at the end of a bad summer. On 20 June gunmen had attacked a bus near "
        "Kano."
    )
    assert ("2003-06-20", "NGA") in events(make_article, body, "2005-01-01")


def test_a_participle_after_a_noun_does_not_move_the_reference(make_article: MakeArticle) -> None:
    # "the tax passed three days earlier" dates the tax, not the story: "That evening" is the
    # evening of the march.
    body = (
        "Ten years ago today, farmers marched through Lima in Peru to protest against the tax "
        "passed three days earlier. That evening police in Lima arrested their leaders."
    )
    found = events(make_article, body, "2012-03-10")
    assert found.count(("2002-03-10", "PER")) == 2


def test_a_scene_dated_after_it_is_told_takes_that_date(make_article: MakeArticle) -> None:
    # The scene opens undated; "That was ten years ago today" dates it, and "An hour later" is
    # an hour after that scene, not after the publication.
    body = (
        "The boat left the Libyan coast at dawn, with five hundred people on board. An hour "
        "later its engine caught fire off Lampedusa, in Italy.\n\n"
        "That was ten years ago today."
    )
    assert events(make_article, body, "2023-10-03") == [("2013-10-03", "ITA")]


def test_a_town_standing_for_its_government_is_not_where_the_next_clause_goes_on(
    make_article: MakeArticle,
) -> None:
    # "Bonn" speaks for West Germany; "that night" stays in the story's country.
    body = (
        "Students occupied the university of Sofia in Bulgaria on 2 March 1990. "
        "Bonn and Washington let it be known that no loans would come. On 5 March the "
        "cabinet resigned, and the students danced in the streets that night."
    )
    found = events(make_article, body, "1990-04-01")
    assert ("1990-03-05", "DEU") not in found
    assert found.count(("1990-03-05", "BGR")) >= 1


def test_the_country_is_the_one_just_named(make_article: MakeArticle) -> None:
    # A story set in Argentina looks back at Chile: "The country" is Chile, and the clause
    # after it goes on there.
    body = (
        "On 2 May 1991 a boat from Valparaíso reached the port of Buenos Aires in Argentina, "
        "where the police of Buenos Aires met it. Much had changed in Chile. The country had "
        "voted in a referendum on 5 October 1988, and a general strike had ended in March 1990."
    )
    found = events(make_article, body, "1991-06-01")
    assert ("1988-10-05", "CHL") in found
    assert ("1990-03", "CHL") in found


def test_late_in_the_month_and_the_year_before(make_article: MakeArticle) -> None:
    body = (
        "Floods cut the town of Shkodër in Albania off on 6 January 2010. The prime minister "
        "flew to Shkodër late in the month. Engineers had raised the dam at Vau i Dejës the "
        "year before, and the lake had filled."
    )
    found = events(make_article, body, "2010-03-01")
    assert ("2010-01", "ALB") in found
    assert ("2009", "ALB") in found


def test_a_date_in_a_trailing_participle_phrase_is_placed_by_that_phrase(
    make_article: MakeArticle,
) -> None:
    # "in Madrid" is where he studied; the date belongs to ", becoming ...", which names no
    # place: the story's country.
    body = (
        "Alan Quispe, the mayor of Cusco in Peru, died on 4 May 2019. He studied law in "
        "Madrid and joined the party, becoming its leader in the province in March 1987."
    )
    assert ("1987-03", "PER") in events(make_article, body, "2019-06-01")


def test_a_time_of_day_opening_a_clause_is_the_story_s_day(make_article: MakeArticle) -> None:
    body = (
        "On 9 March 2012 miners marched on the town hall of Oruro in Bolivia. At around six "
        "in the evening the police in Oruro fired tear gas. The next day, the miners marched "
        "again, and in the early afternoon the mayor of Oruro resigned."
    )
    assert events(make_article, body, "2012-04-01") == [
        ("2012-03-09", "BOL"),
        ("2012-03-09", "BOL"),
        ("2012-03-10", "BOL"),
        ("2012-03-10", "BOL"),
    ]


def test_a_happening_named_by_its_month_and_year_has_the_month(make_article: MakeArticle) -> None:
    body = "The May riots of 1998 in Jakarta, Indonesia, destroyed thousands of shops."
    assert events(make_article, body, "2000-01-01") == [("1998-05", "IDN")]


def test_every_name_after_together_with_is_company_not_where(make_article: MakeArticle) -> None:
    body = (
        "Crowds filled the squares of Vilnius, in Lithuania, on 11 March 1990. On 17 September "
        "1991 the republic took its seat at the United Nations together with Estonia and Latvia."
    )
    assert events(make_article, body, "1992-01-01") == [
        ("1990-03-11", "LTU"),
        ("1991-09-17", "LTU"),
    ]


def test_the_town_of_a_named_place_of_origin_is_not_where(make_article: MakeArticle) -> None:
    # He was flown home from a clinic abroad: the happening is at home, not in Houston.
    body = (
        "The president of Ghana died in Accra on 24 July 2012. He had been flown home on "
        "3 July from the Methodist Hospital in Houston, after months of treatment."
    )
    assert ("2012-07-03", "GHA") in events(make_article, body, "2012-08-01")
