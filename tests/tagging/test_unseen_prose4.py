"""Rules found on the fourth blind set (tests/data/blind4), written by someone who never ran
the tagger: further happenings of one day, dates that name a thing, where a clause's action took
place, and dates that are no happening.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle, resolved
from tests.tagging.conftest import dated_events as events


def test_a_later_time_of_the_same_day_tells_a_further_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 4 May 1999 miners blocked the main road into Tuzla. That evening the police "
        "cleared the road with batons. The next day the miners went back to work."
    )
    found = events(make_article, body)
    assert found.count(("1999-05-04", "BIH")) == 2
    assert ("1999-05-05", "BIH") in found


def test_a_same_day_happening_in_the_same_sentence_is_kept(make_article: MakeArticle) -> None:
    body = (
        "On 9 October 2003 strikers marched through Zenica in protest, and that night the "
        "army shelled the station."
    )
    assert events(make_article, body).count(("2003-10-09", "BIH")) == 2


def test_the_same_happening_told_twice_is_still_one_event(make_article: MakeArticle) -> None:
    body = (
        "On 4 May 1999 miners blocked the main road into Tuzla. The blockade of 4 May 1999 "
        "lasted until dawn, when the miners went home."
    )
    assert events(make_article, body).count(("1999-05-04", "BIH")) == 1


def test_a_date_naming_a_thing_deep_in_a_clause_is_not_the_reference(
    make_article: MakeArticle,
) -> None:
    body = (
        "Twenty years ago today, students filled the square in Skopje. For a week they had "
        "camped there in anger at the result of the local vote of 11 May. That evening the "
        "police moved in."
    )
    dates = resolved(make_article, body, "2021-06-02")
    assert dates["That evening"] == "2001-06-02"


def test_a_happening_named_by_its_day_at_the_head_of_its_clause_is_the_reference(
    make_article: MakeArticle,
) -> None:
    body = (
        "The strike began in March 2009. The vote of 2 June was won by the unions, and in the "
        "second round of 16 June they lost. The following month the plant closed."
    )
    dates = resolved(make_article, body, "2015-01-01")
    assert dates["The following month"] == "2009-07"


def test_a_place_in_a_relative_clause_is_not_where_the_happening_was(
    make_article: MakeArticle,
) -> None:
    body = (
        "The reform began in Bosnia in 1996. The new minister, who had studied law in Vienna, "
        "signed the decree on 3 March 1998."
    )
    assert ("1998-03-03", "AUT") not in events(make_article, body)


def test_a_country_naming_a_border_is_beside_the_place(make_article: MakeArticle) -> None:
    body = (
        "Smugglers have long worked in the hills around Pljevlja and Plav in Montenegro. On "
        "14 August 2011 gunmen "
        "ambushed a patrol near the Albanian border."
    )
    found = events(make_article, body, title="An ambush in Montenegro")
    assert ("2011-08-14", "MNE") in found
    assert ("2011-08-14", "ALB") not in found


def test_the_object_of_a_military_verb_is_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "The envoys met in Geneva on 2 May 1993 and parted without a deal. A week later, on "
        "9 May, the rebels began shelling Sarajevo, and in June militias captured Tirana."
    )
    found = events(make_article, body)
    assert ("1993-05-09", "BIH") in found
    assert ("1993-06", "ALB") in found
    assert ("1993-05-09", "CHE") not in found


def test_a_capital_that_underwent_the_happening_is_where(make_article: MakeArticle) -> None:
    body = (
        "Aircraft bombed the outskirts of Belgrade in April 1999. Podgorica was struck on "
        "30 April, while Serbian units withdrew."
    )
    assert ("1999-04-30", "MNE") in events(make_article, body)


def test_a_date_after_until_ends_a_state_or_a_deadline(make_article: MakeArticle) -> None:
    body = (
        "The rebels held the town of Prizren from 4 April 1998. The envoys gave them until "
        "20 April to leave, and the army kept the roads closed until 2 May. It took until "
        "June 1998 before the first buses ran again."
    )
    found = {date for date, _ in events(make_article, body, published="2000-01-01")}
    assert "1998-04-20" not in found
    assert "1998-05-02" not in found
    assert "1998-06" in found


def test_by_a_date_things_stood_somewhere_is_a_state(make_article: MakeArticle) -> None:
    body = (
        "Riots broke out in Skopje on 2 March 2001, and by 6 March the streets were quiet. "
        "The mayor fled on 8 March; by the end of that month he was in Sofia."
    )
    found = {date for date, _ in events(make_article, body, published="2002-01-01")}
    assert "2001-03-02" in found
    assert "2001-03-08" in found
    assert "2001-03-06" not in found
    assert ("2001-03", "BGR") not in events(make_article, body, published="2002-01-01")


def test_a_crowd_at_a_foreign_consulate_is_in_the_host_country(
    make_article: MakeArticle,
) -> None:
    body = (
        "The soldier was arrested in Gyumri in Armenia on 12 January 2015. On 14 January "
        "crowds marched to the Turkish consulate to protest."
    )
    found = events(make_article, body, title="Protests in Armenia")
    assert ("2015-01-14", "TUR") not in found


def test_a_sentence_opening_on_where_places_its_happening(make_article: MakeArticle) -> None:
    body = (
        "The old ruler flew to Riyadh in exile in 2011. In the centre of Tunis, the square "
        "that marked his coup of 7 November 1987 was renamed."
    )
    found = events(make_article, body, published="2021-01-01")
    assert ("1987-11-07", "TUN") in found
    assert ("1987-11-07", "SAU") not in found


def test_a_relative_time_restated_as_a_full_date_is_that_date(make_article: MakeArticle) -> None:
    body = (
        "A decade ago this morning, on 12 May 2010, strikers blocked the port of Durrës with "
        "fishing boats."
    )
    found = events(make_article, body, published="2020-05-12")
    assert ("2010-05-12", "ALB") in found
    assert ("2020-05-12", "ALB") not in found


def test_a_clause_of_circumstance_tells_where_its_happening_was(
    make_article: MakeArticle,
) -> None:
    body = (
        "The peace process in Cyprus stalled for years. The talks finally broke down in "
        "July 2017, when the two leaders met the UN envoy in Geneva and could not agree."
    )
    found = events(make_article, body, title="Cyprus talks", published="2018-01-01")
    assert ("2017-07", "CHE") in found


def test_a_side_detail_of_a_clause_of_circumstance_does_not_place_it(
    make_article: MakeArticle,
) -> None:
    body = (
        "In Nicosia and Famagusta the line still runs through the old towns. The island "
        "has been split since 1974, when "
        "troops landed in the north after a coup backed by the junta in Athens."
    )
    found = events(make_article, body, title="Cyprus", published="2018-01-01")
    assert ("1974", "GRC") not in found


def test_there_is_the_place_named_before_it(make_article: MakeArticle) -> None:
    body = (
        "Protests in Tunis and Sfax toppled the ruler of Tunisia in 2011. He fled to Jeddah, "
        "in Saudi Arabia, and died there in 2019."
    )
    assert ("2019", "SAU") in events(make_article, body, title="Tunisia", published="2020-01-01")


def test_a_deadline_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "In March 2000 the cabinet in Jerusalem voted to leave southern Lebanon, setting "
        "7 July as the deadline."
    )
    found = {date for date, _ in events(make_article, body, published="2001-01-01")}
    assert "2000-03" in found
    assert "2000-07-07" not in found


def test_a_date_opening_a_clause_after_a_semicolon_moves_the_reference(
    make_article: MakeArticle,
) -> None:
    body = (
        "The talks stalled the following spring; the summit at Ohrid in 2001 failed, and the "
        "fighting began that August."
    )
    dates = resolved(make_article, body, "2010-01-01")
    assert dates["that August"] == "2001-08"


def test_a_planned_time_does_not_move_the_reference(make_article: MakeArticle) -> None:
    body = (
        "On 20 July 2015 the volunteers met in Suruç; they planned to cross the border the "
        "next day. Two days later two officers were shot in Ceylanpınar."
    )
    dates = resolved(make_article, body, "2016-01-01")
    assert dates["Two days later"] == "2015-07-22"


def test_a_finding_or_a_claim_told_with_that_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "A panel of judges in Sarajevo concluded the following spring that the shelling had "
        "been deliberate. In 2009 the rebel leaders declared in a long letter that the war had "
        "been a mistake. On 3 June 2010 the parliament in Pristina declared independence that "
        "day."
    )
    found = {date for date, _ in events(make_article, body, published="2012-01-01")}
    assert "2009" not in found
    assert "2010-06-03" in found


def test_a_verb_of_saying_after_a_joined_relative_date_is_a_statement(
    make_article: MakeArticle,
) -> None:
    body = (
        "Riots shook Mitrovica in March 2004, and a year later the UN envoy recommended talks "
        "on the province's future."
    )
    found = {date for date, _ in events(make_article, body, published="2012-01-01")}
    assert "2004-03" in found
    assert "2005" not in found


def test_every_name_in_a_list_after_from_is_a_source(make_article: MakeArticle) -> None:
    body = (
        "Riots spread across Kosovo in March 2004. NATO flew in troops from Britain, Italy "
        "and the United States on 18 March."
    )
    found = events(make_article, body, title="Kosovo riots", published="2005-01-01")
    assert ("2004-03-18", "ITA") not in found
    assert ("2004-03-18", "USA") not in found


def test_a_country_s_positions_or_flag_are_not_where(make_article: MakeArticle) -> None:
    body = (
        "The truce in Western Sahara held for years around Smara and Laayoune. On 14 November "
        "2020 the rebels fired on Moroccan positions, and on 15 November a man tore down the "
        "Spanish flag."
    )
    found = events(make_article, body, title="Western Sahara", published="2021-01-01")
    assert ("2020-11-14", "MAR") not in found
    assert ("2020-11-15", "ESP") not in found


def test_since_the_start_of_a_time_is_a_state(make_article: MakeArticle) -> None:
    body = (
        "American aircraft flew from the base at Termez, which they had used since the autumn "
        "of 2001. They left Uzbekistan in November 2005."
    )
    found = {date for date, _ in events(make_article, body, published="2006-01-01")}
    assert "2001" not in found
    assert "2005-11" in found


def test_over_a_stretch_of_time_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "On 4 November 2020 the Emirates opened a consulate in Laayoune, after fifteen "
        "countries had done the same over the previous year."
    )
    found = {date for date, _ in events(make_article, body, published="2021-01-01")}
    assert "2020-11-04" in found
    assert "2019" not in found


def test_a_span_of_days_is_dated_by_its_first_day(make_article: MakeArticle) -> None:
    body = "Over the weekend of 8 and 9 January 2011 the police killed twenty people in Thala."
    found = events(make_article, body, published="2012-01-01")
    assert ("2011-01-08", "TUN") in found
    assert ("2011-01-09", "TUN") not in found


def test_a_new_time_without_a_place_returns_to_the_story_s_country(
    make_article: MakeArticle,
) -> None:
    body = (
        "Gunmen held the hospital in Budyonnovsk and Stavropol waited. On 15 June 1995 the "
        "president flew to Halifax, in Canada, for a summit. Two days later special forces "
        "stormed the hospital."
    )
    found = events(make_article, body, title="Siege in Russia", published="1996-01-01")
    assert ("1995-06-17", "RUS") in found
    assert ("1995-06-17", "CAN") not in found


def test_the_same_time_without_a_place_stays_where_the_sentence_before_was(
    make_article: MakeArticle,
) -> None:
    body = (
        "Protests filled the streets of Tbilisi and Batumi all spring. On 3 May 2019 the "
        "news of the verdict reached Yerevan. That afternoon crowds gathered outside the court."
    )
    found = events(make_article, body, title="Georgia protests", published="2020-01-01")
    assert found.count(("2019-05-03", "ARM")) == 2


def test_offsets_told_with_before_or_after_that(make_article: MakeArticle) -> None:
    body = (
        "The minister resigned on 3 May 1999. Two days after that the government fell. The "
        "minister had survived an attack in Tirana two years before, in his first month."
    )
    dates = resolved(make_article, body, "2000-01-01")
    assert dates["two years before"] == "1997"
    assert dates["Two days after that"] == "1999-05-05"


def test_the_day_of_the_story_s_happening(make_article: MakeArticle) -> None:
    body = (
        "Troops crossed into Kuwait on 2 August 1990. The United States had sent ships to "
        "the Gulf in July. On the "
        "day of the invasion the Security Council, meeting in New York, passed a resolution, "
        "and four days later it imposed sanctions."
    )
    dates = resolved(make_article, body, "2020-08-02")
    assert dates["the day of the invasion"] == "1990-08-02"
    assert dates["four days later"] == "1990-08-06"
    found = events(make_article, body, published="2020-08-02")
    assert ("1990-08-02", "USA") in found


def test_the_night_of_the_happening_told_again_is_one_event(make_article: MakeArticle) -> None:
    body = (
        "Soldiers stormed the television tower in Vilnius on 13 January 1991. The night of "
        "the tower turned the whole of Lithuania against Moscow."
    )
    found = events(make_article, body, published="2021-01-13")
    assert found.count(("1991-01-13", "LTU")) == 1


def test_a_season_and_a_month_in_two_clauses_are_two_happenings(
    make_article: MakeArticle,
) -> None:
    body = (
        "Police fired on strikers in Zhanaozen in December 2011. The following spring, the "
        "strikers went on trial in Aktau, and in June the court sentenced thirteen of them."
    )
    found = {date for date, _ in events(make_article, body, published="2013-01-01")}
    assert "2012" in found
    assert "2012-06" in found


def test_a_goal_never_reached_is_not_where(make_article: MakeArticle) -> None:
    body = (
        "The deserter left the base at Gyumri in Armenia on 12 January 2015. He was caught "
        "the next morning by border guards as he tried to cross into Turkey."
    )
    found = events(make_article, body, title="Gyumri", published="2016-01-01")
    assert ("2015-01-13", "TUR") not in found
    assert ("2015-01-13", "ARM") in found


def test_a_day_told_with_a_part_of_it_is_another_happening_of_that_day(
    make_article: MakeArticle,
) -> None:
    body = (
        "Shortly after midnight on 13 May 2005 gunmen stormed the prison in Andijan. By the "
        "morning of 13 May word had spread, and thousands gathered in the main square."
    )
    found = events(make_article, body, published="2006-01-01")
    assert found.count(("2005-05-13", "UZB")) == 2


def test_the_full_telling_of_an_anniversary_lead_is_one_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "Twenty years ago today, the temple at Luxor saw the worst massacre of tourists in "
        "Egypt. Shortly before nine on the morning of 17 November 1997, six gunmen opened fire "
        "on the visitors."
    )
    found = events(make_article, body, published="2017-11-17")
    assert found.count(("1997-11-17", "EGY")) == 1


def test_an_expectation_is_a_plan(make_article: MakeArticle) -> None:
    body = (
        "Voters in the Netherlands voted against the treaty on 6 April 2016. Diplomats in "
        "Brussels expect the prime minister to ask for a declaration at a summit later this "
        "year."
    )
    found = events(make_article, body, published="2016-04-08")
    assert ("2016-04-06", "NLD") in found
    assert all(date != "2016" for date, _ in found)


def test_that_same_night_is_the_reference_s_day(make_article: MakeArticle) -> None:
    body = (
        "On 17 May 2014 the Sava flooded Gunja, and that same night the water reached Šamac."
    )
    dates = resolved(make_article, body, "2015-01-01")
    assert dates["that same night"] == "2014-05-17"


def test_a_speech_to_parliament_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "Security forces stormed the mosque in Daraa on 23 March 2011. The president "
        "addressed parliament a week later and offered nothing."
    )
    found = {date for date, _ in events(make_article, body, published="2021-03-18")}
    assert "2011-03-23" in found
    assert "2011-03" not in found
