"""Rules of the fourth pass on events in unseen prose (issue 10): vague offsets, the end of a span
of days, dates set for a plan, states told with "was a", journeys told by where they went, and
reported dates told after a comma.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_days_later_without_a_count_dates_nothing(make_article: MakeArticle) -> None:
    body = (
        "A ferry capsized off the Greek island of Kos on 3 June 2004. "
        "Divers from Rhodes reached the hull days later."
    )
    assert events(make_article, body, "2004-07-01") == [("2004-06-03", "GRC")]


def test_a_few_weeks_earlier_dates_nothing(make_article: MakeArticle) -> None:
    body = (
        "A dam in Bosnia gave way on 9 April 2010. Engineers had warned the council "
        "of cracks a few weeks earlier, and the mayor resigned two days later."
    )
    assert events(make_article, body, "2010-05-01") == [
        ("2010-04-09", "BIH"),
        ("2010-04-11", "BIH"),
    ]


def test_a_date_set_for_a_vote_is_a_plan(make_article: MakeArticle) -> None:
    body = (
        "The Romanian cabinet fell on 2 March 2016, and a snap vote was set for 5 June. "
        "The court later moved it to 18 September."
    )
    assert events(make_article, body, "2016-10-01") == [("2016-03-02", "ROU")]


def test_a_date_set_for_a_plan_does_not_move_the_story(make_article: MakeArticle) -> None:
    body = (
        "In Lima the president dissolved congress on 30 September 2019. Fresh elections were "
        "set for 26 January. Two days later the vice-president resigned."
    )
    assert events(make_article, body, "2019-11-01") == [
        ("2019-09-30", "PER"),
        ("2019-10-02", "PER"),
    ]


def test_what_a_town_was_in_a_year_is_no_event(make_article: MakeArticle) -> None:
    body = (
        "Sarajevo in 1984 was a city of tram lines and ski posters. On 8 February 1984 the "
        "Winter Games opened in Sarajevo."
    )
    assert events(make_article, body, "1984-03-01") == [("1984-02-08", "BIH")]


def test_a_crossing_that_was_the_busiest_in_a_month_is_no_event(make_article: MakeArticle) -> None:
    body = (
        "The border post at Kapitan Andreevo, where lorries from Turkey queue for days, was the "
        "busiest crossing in Bulgaria in July 2015. On 2 August a lorry caught fire there."
    )
    assert events(make_article, body, "2015-09-01") == [("2015-08-02", "BGR")]


def test_what_a_port_had_become_by_a_year_is_no_event(make_article: MakeArticle) -> None:
    body = (
        "By 2012 the Libyan port of Misrata had become a fortress of sandbags and cranes, and "
        "by 2013 its militias were running the customs house. On 4 May 2013 they stormed the "
        "ministry in Tripoli."
    )
    assert events(make_article, body, "2013-06-01") == [("2013-05-04", "LBY")]


def test_the_time_a_happening_began_is_still_its_date(make_article: MakeArticle) -> None:
    body = "It was a little after five on 11 May 2011 when the earthquake struck Lorca in Spain."
    assert events(make_article, body, "2011-06-01") == [("2011-05-11", "ESP")]


def test_a_span_between_two_days_is_one_event_at_its_first(make_article: MakeArticle) -> None:
    body = (
        "The Sava burst its banks. Floods cut off the Serbian town of Obrenovac between 15 May "
        "and 2 June, and the army evacuated it by boat."
    )
    assert events(make_article, body, "2014-07-01") == [("2014-05-15", "SRB")]


def test_a_day_after_and_heads_a_statement(make_article: MakeArticle) -> None:
    body = (
        "Riot police cleared the square in Tbilisi on 9 March 2023, and on 10 March the "
        "governing party announced that it would withdraw the bill."
    )
    assert events(make_article, body, "2023-04-01") == [("2023-03-09", "GEO")]


def test_a_happening_after_and_on_a_day_is_still_an_event(make_article: MakeArticle) -> None:
    body = (
        "Riot police cleared the square in Tbilisi on 9 March 2023, and on 10 March the "
        "governing party withdrew the bill, saying it had been misunderstood."
    )
    assert events(make_article, body, "2023-04-01") == [
        ("2023-03-09", "GEO"),
        ("2023-03-10", "GEO"),
    ]


def test_where_a_ship_was_on_its_way_to_is_not_where_it_was_stopped(
    make_article: MakeArticle,
) -> None:
    body = (
        "Greece had tightened its checks on ships. The coastguard stopped a freighter off "
        "Piraeus on 3 March 2012 on its way to Libya. Greek officers found rifles in the hold."
    )
    assert events(make_article, body, "2012-04-01") == [("2012-03-03", "GRC")]


def test_a_man_who_left_for_a_country_left_from_the_story_s_country(
    make_article: MakeArticle,
) -> None:
    body = (
        "Tunisia was in turmoil. In January 2011 his banker left too, for Malta. Tunisian "
        "judges later froze his accounts."
    )
    assert events(make_article, body, "2011-03-01") == [("2011-01", "TUN")]


def test_a_flight_out_of_a_town_to_a_country_happened_in_the_town(
    make_article: MakeArticle,
) -> None:
    body = "On 2 July 2011 a cargo plane flew forty wounded fighters out of Benghazi to Italy."
    assert events(make_article, body, "2011-08-01") == [("2011-07-02", "LBY")]


def test_a_date_set_off_by_commas_in_a_reported_clause_does_not_move_the_story(
    make_article: MakeArticle,
) -> None:
    body = (
        "A bomb went off in the Macedonian town of Kumanovo on 9 May 2015. Police said the "
        "suspect had been arrested a week earlier, on 2 May, near Tetovo. The next day the "
        "interior minister resigned."
    )
    assert events(make_article, body, "2015-06-01")[-1] == ("2015-05-10", "MKD")


def test_a_clock_time_before_a_day_is_the_time_of_that_day(make_article: MakeArticle) -> None:
    body = (
        "The Serbian town of Kraljevo in 1997 was a quiet place. Shortly after ten on the "
        "morning of 4 June 1998 a gas main exploded in Kraljevo. Two days later the mayor "
        "resigned."
    )
    assert events(make_article, body, "1998-07-01") == [
        ("1998-06-04", "SRB"),
        ("1998-06-06", "SRB"),
    ]


def test_a_day_restating_last_week_is_told_from_the_publication(
    make_article: MakeArticle,
) -> None:
    body = (
        "The Tunisian uprising had begun in December 2010. Its Egyptian echo came the year "
        "after, in 2011. Last week, on 14 March, the old minister resigned in Tunis."
    )
    assert events(make_article, body, "2012-03-20")[-1] == ("2012-03-14", "TUN")


def test_the_last_weekend_of_a_month_is_read_from_the_story(make_article: MakeArticle) -> None:
    body = (
        "Snow cut off the Bosnian town of Višegrad in January 1999. Then, on the last weekend "
        "of February, an avalanche buried the road in Višegrad."
    )
    assert events(make_article, body, "2019-03-01") == [("1999-01", "BIH"), ("1999-02", "BIH")]


def test_the_following_week_tells_a_further_happening_of_the_month(
    make_article: MakeArticle,
) -> None:
    body = (
        "Floods hit the Serbian city of Novi Sad in May 2014. The mayor of Novi Sad resigned "
        "the following week."
    )
    assert events(make_article, body, "2014-07-01") == [("2014-05", "SRB"), ("2014-05", "SRB")]


def test_the_end_of_the_month_tells_a_further_happening(make_article: MakeArticle) -> None:
    body = (
        "Drought emptied the reservoirs of Cyprus in July 2008. At the end of the month the "
        "government rationed water in Nicosia."
    )
    assert events(make_article, body, "2008-09-01") == [("2008-07", "CYP"), ("2008-07", "CYP")]


def test_what_someone_believed_then_is_no_event(make_article: MakeArticle) -> None:
    body = (
        "In early May 2016 the engineers in the Albanian town of Fier believed the dam would "
        "hold. On 9 May it burst."
    )
    assert events(make_article, body, "2016-06-01") == [("2016-05-09", "ALB")]


def test_what_would_have_been_is_no_event(make_article: MakeArticle) -> None:
    body = (
        "On 12 June 2019 the generals and the protest leaders signed a deal in Khartoum. Few "
        "would have predicted it a year earlier."
    )
    assert events(make_article, body, "2019-07-01") == [("2019-06-12", "SDN")]


def test_a_happening_in_a_clause_after_a_belief_is_still_an_event(
    make_article: MakeArticle,
) -> None:
    body = "Few in Kraljevo expected the strike that began on 3 March 2003 to last."
    assert events(make_article, body, "2003-04-01") == [("2003-03-03", "SRB")]


def test_an_inquiry_that_reported_made_a_finding_public(make_article: MakeArticle) -> None:
    body = (
        "A hotel collapsed in the Turkish town of Adıyaman on 6 February 2023. A parliamentary "
        "commission led by a retired judge reported in November."
    )
    assert events(make_article, body, "2024-01-01") == [("2023-02-06", "TUR")]


def test_a_capital_that_hosted_is_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "The two presidents met again in Jeddah. Doha, which has mediated between them for "
        "years, had hosted the two men in March 2021."
    )
    assert events(make_article, body, "2021-06-01") == [("2021-03", "QAT")]


def test_a_main_clause_after_an_announcement_clause_is_a_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "Protesters had filled the squares of Tunis for weeks. When the president announced "
        "on 14 January that he was stepping down, crowds poured into Habib Bourguiba Avenue."
    )
    assert events(make_article, body, "2011-02-01") == [("2011-01-14", "TUN")]


def test_a_statement_after_an_announcement_clause_is_still_a_statement(
    make_article: MakeArticle,
) -> None:
    body = (
        "Protesters had filled the squares of Tunis for weeks. When the president announced "
        "on 14 January that he was stepping down, Paris said it welcomed the news."
    )
    assert events(make_article, body, "2011-02-01") == []


def test_a_foreign_diplomatic_compound_names_its_owner_not_where_it_stands(
    make_article: MakeArticle,
) -> None:
    body = (
        "Derna in Libya had been tense for weeks. On 3 May 2014 gunmen stormed the lightly "
        "guarded French diplomatic compound in the east of the city."
    )
    assert events(make_article, body, "2014-06-01") == [("2014-05-03", "LBY")]


def test_a_foreign_air_base_names_its_owner_not_where_it_stands(make_article: MakeArticle) -> None:
    body = (
        "The Syrian port of Latakia had been quiet. On 3 May 2016 a drone struck the Russian "
        "air base near the coast."
    )
    assert events(make_article, body, "2016-06-01") == [("2016-05-03", "SYR")]


def test_a_time_something_is_compared_with_is_no_event(make_article: MakeArticle) -> None:
    body = (
        "The mine at Kakanj in Bosnia closed on 4 April 2019. Wages in the valley are lower "
        "than they were in 1985, and more families left than in 2009."
    )
    assert events(make_article, body, "2019-06-01") == [("2019-04-04", "BIH")]


def test_the_next_day_after_a_month_is_a_further_happening(make_article: MakeArticle) -> None:
    body = (
        "Kyrgyzstan voted in a referendum in June 2010. In July parliament in Bishkek elected a "
        "speaker, and the next day the interim president was sworn in."
    )
    assert events(make_article, body, "2010-09-01")[-2:] == [
        ("2010-07", "KGZ"),
        ("2010-07", "KGZ"),
    ]


def test_the_unnamed_capital_is_the_story_s_country_s(make_article: MakeArticle) -> None:
    body = (
        "Jordan lost a pilot over Syria. He came down in Raqqa in December 2014, was held in "
        "Raqqa and Tabqa, and was shown in a video filmed near Deir ez-Zor. Jordan's king cut "
        "short a visit abroad. On 4 February 2015 thousands marched through the capital."
    )
    found = events(make_article, body, "2015-03-01", title="Jordan mourns its pilot")
    assert found[-1] == ("2015-02-04", "JOR")


def test_hours_after_another_happening_restates_the_day_told(make_article: MakeArticle) -> None:
    body = (
        "The truce in Moldova was agreed on 21 July 1992. At dawn on 29 July, only hours after "
        "the Russian ultimatum, the last fighters left the town of Bender."
    )
    assert events(make_article, body, "1992-08-10") == [
        ("1992-07-21", "MDA"),
        ("1992-07-29", "MDA"),
    ]


def test_the_first_to_act_or_the_scene_of_a_happening_is_still_an_event(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 15 January 1992 Iceland was the first state in Europe to recognise the new "
        "republic. On 9 May 1998 the stadium in Split was the scene of a riot."
    )
    assert events(make_article, body, "1999-01-01") == [
        ("1992-01-15", "ISL"),
        ("1998-05-09", "HRV"),
    ]


def test_a_story_told_ahead_with_would_is_still_an_event(make_article: MakeArticle) -> None:
    body = "In November 1995 the war in Bosnia would end at Dayton in Ohio."
    assert events(make_article, body, "1996-01-01") == [("1995-11", "USA")]


def test_a_date_set_off_after_a_fronted_phrase_moves_the_story(make_article: MakeArticle) -> None:
    body = (
        "The war ended in June 1999. After the ceasefire, on 5 July, the refugees returned to "
        "Pristina. Two days later the UN took over the town hall."
    )
    assert events(make_article, body, "1999-09-01")[-1] == ("1999-07-07", "XKX")


def test_a_date_after_a_relative_clause_on_the_subject_moves_the_story(
    make_article: MakeArticle,
) -> None:
    body = (
        "Bor in Serbia was a copper town. Its mine was sold in 1999. The miners who had "
        "occupied the pit at Bor were evicted in the spring of 2003. That June the mine closed."
    )
    assert events(make_article, body, "2004-01-01")[-1] == ("2003-06", "SRB")


def test_a_border_crossing_with_a_neighbour_is_not_in_the_neighbour(
    make_article: MakeArticle,
) -> None:
    body = (
        "Syrian troops retook the town of Kessab in Syria in June 2014. On 15 October the "
        "border crossing with Turkey reopened."
    )
    assert events(make_article, body, "2014-12-01")[-1] == ("2014-10-15", "SYR")


def test_a_summit_at_a_seat_of_power_is_placed_in_its_country(make_article: MakeArticle) -> None:
    body = (
        "Israeli and Palestinian negotiators had met in Oslo in 1993. The summit at Camp David "
        "in 2000 failed, and the second intifada began in Jerusalem that September."
    )
    assert events(make_article, body, "2001-01-01")[-2:] == [("2000", "USA"), ("2000-09", "ISR")]


def test_the_kremlin_alone_speaks_for_the_government(make_article: MakeArticle) -> None:
    body = (
        "Fighting broke out in Tskhinvali in Georgia on 7 August 2008. The Kremlin denied on 8 "
        "August that its troops had crossed the border."
    )
    assert events(make_article, body, "2008-09-01") == [("2008-08-07", "GEO")]


def test_a_when_clause_at_a_seat_of_power_places_the_happening(make_article: MakeArticle) -> None:
    body = (
        "Jordan and Israel signed their treaty at Wadi Araba in October 1994. The way had been "
        "opened in July, when the two men met on the White House lawn."
    )
    assert events(make_article, body, "1995-01-01")[-1] == ("1994-07", "USA")


def test_a_weekday_told_with_its_date_is_the_storys_time_not_the_publications(
    make_article: MakeArticle,
) -> None:
    body = (
        "The recording was aired in Skopje in early March 2015 and the opposition called "
        "for protests. On Tuesday, 17 March, thousands marched on the government building."
    )
    for published in (None, "2025-03-20"):
        assert ("2015-03-17", "MKD") in events(make_article, body, published=published)


def test_days_after_a_happening_told_with_his_or_her_count_from_the_story(
    make_article: MakeArticle,
) -> None:
    body = (
        "The editor was arrested in Baku, Azerbaijan, on 3 May 2019. Four days after his "
        "arrest, a court in the city ordered him held for three months."
    )
    assert ("2019-05-07", "AZE") in events(make_article, body)


def test_months_after_an_unnamed_happening_stay_too_loose_to_date(
    make_article: MakeArticle,
) -> None:
    body = (
        "The editor was arrested in Baku, Azerbaijan, on 3 May 2019. Six months after an "
        "appeal, a court in the city freed him."
    )
    assert events(make_article, body) == [("2019-05-03", "AZE")]


def test_a_past_perfect_after_a_semicolon_does_not_make_the_day_before_it_background(
    make_article: MakeArticle,
) -> None:
    body = (
        "Late yesterday the two sides signed a truce in Nairobi, Kenya. The fighting began in "
        "the night of 9 May 2022, when rebels attacked a garrison in the hills; by the next "
        "morning the army had closed every road."
    )
    dates = [date for date, _ in events(make_article, body, published="2024-05-09")]
    assert "2022-05-10" in dates
    assert "2024-05-09" not in dates  # the next morning is not read from yesterday


def test_a_vote_called_for_a_date_is_a_plan_not_a_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "Riot police cleared the square in Chisinau, Moldova, on 7 April. Two days later the "
        "president called a snap parliamentary election for 29 July."
    )
    found = events(make_article, body, published="2009-04-20")
    assert ("2009-04-07", "MDA") in found
    assert not [date for date, _ in found if date.endswith("-07-29")]


def test_every_year_at_the_end_of_a_month_recurs_and_is_no_event(
    make_article: MakeArticle,
) -> None:
    body = (
        "Every year at the start of June, families gather at the memorial in Srebrenica, "
        "Bosnia and Herzegovina, and read the names aloud."
    )
    assert events(make_article, body, published="2021-06-10") == []
