"""Rules of the third pass on events in unseen prose (issue 10): where a dated happening took
place when its clause names no place of its own, several countries, or a place it only heads
for.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from newsmap.tagging.roles import is_locative
from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_a_where_clause_happens_at_the_place_named_before_it(make_article: MakeArticle) -> None:
    body = (
        "The Hungarian town of Szeged waited. The mediators took both delegations "
        "to a lakeside villa outside Geneva, where the protocol was initialled on 12 May."
    )
    assert events(make_article, body, "1994-06-01") == [("1994-05-12", "CHE")]


def test_a_where_clause_keeps_its_antecedent_over_countries_it_names(
    make_article: MakeArticle,
) -> None:
    body = (
        "Pécs and Szeged waited. The talks moved to a castle in Austria, where the envoys of "
        "Serbia and Croatia argued for a week before the chairman, on 3 March, drew the line "
        "himself."
    )
    assert events(make_article, body, "1996-04-01") == [("1996-03-03", "AUT")]


def test_a_place_a_ship_or_plane_was_bound_for_is_not_where_it_left(
    make_article: MakeArticle,
) -> None:
    body = (
        "The grain ship had waited off Odesa for weeks. It finally slipped out of the harbour "
        "on 1 August, bound at last for Tripoli, and the port cheered."
    )
    assert events(make_article, body, "2022-08-10") == [("2022-08-01", "UKR")]


def test_a_flight_that_left_for_a_city_happened_where_it_left(make_article: MakeArticle) -> None:
    body = (
        "Lviv, Kharkiv and Odesa mourned. The airliner exploded over the sea on 9 May 2001, "
        "an hour after it had left the coast for Tbilisi."
    )
    assert events(make_article, body, "2001-05-20") == [("2001-05-09", "UKR")]


def test_a_new_day_without_a_place_leaves_the_town_abroad_of_the_sentence_before(
    make_article: MakeArticle,
) -> None:
    body = (
        "Protesters marched every night in Tetovo, Kumanovo and Prilep. Strasbourg had warned "
        "that the aid would stop. On 9 May the government resigned."
    )
    assert events(make_article, body, "2001-06-01") == [("2001-05-09", "MKD")]


def test_a_country_that_sends_troops_or_strikes_acts_where_the_story_is(
    make_article: MakeArticle,
) -> None:
    body = (
        "The siege of Aleppo and Homs went on through the summer. On 30 September 2015 Russia "
        "began air strikes against the rebels, and the next week Turkey sent troops to the "
        "border posts."
    )
    assert events(make_article, body, "2016-01-10") == [
        ("2015-09-30", "SYR"),
        ("2015-10", "SYR"),
    ]


def test_foreign_ministers_who_visited_did_so_where_the_story_is(
    make_article: MakeArticle,
) -> None:
    body = (
        "The opposition rallied in Minsk, Grodno and Brest. The foreign ministers of Sweden and "
        "Finland had visited in October to press for a fair count."
    )
    assert events(make_article, body, "2020-12-01") == [("2020-10", "BLR")]


def test_going_on_television_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "The crowds stayed in the streets of Bucharest. On 2 March the prime minister went on "
        "national television and asked them to go home. On 4 March he resigned."
    )
    assert events(make_article, body, "2015-03-20") == [("2015-03-04", "ROU")]


def test_appearing_on_television_to_concede_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "Shortly after midnight on 8 May, the president appeared on state television to concede "
        "defeat. Two days later the army left the capital of Georgia."
    )
    assert events(make_article, body, "2003-06-01") == [("2003-05-10", "GEO")]


def test_a_date_opened_by_then_or_a_time_of_night_still_heads_a_statement(
    make_article: MakeArticle,
) -> None:
    body = (
        "The airliner came down near Shiraz on 2 May 2011. Then, on the morning of 5 May, the "
        "armed forces admitted that a missile had struck it."
    )
    assert events(make_article, body, "2012-05-02") == [("2011-05-02", "IRN")]


def test_two_happenings_of_one_day_in_one_sentence_are_two_events(
    make_article: MakeArticle,
) -> None:
    body = (
        "The strike began in Aktobe on 3 June. On 9 June the governor flew in from the capital "
        "and sacked the police chief, and the same day the miners' leader was arrested."
    )
    assert events(make_article, body, "2016-07-01") == [
        ("2016-06-03", "KAZ"),
        ("2016-06-09", "KAZ"),
        ("2016-06-09", "KAZ"),
    ]


def test_a_sentence_that_repeats_the_same_day_stays_two_events_at_most(
    make_article: MakeArticle,
) -> None:
    body = "On 9 June crowds gathered in Aktobe" + ", and that evening police came" * 20 + "."
    assert events(make_article, body, "2016-07-01") == [
        ("2016-06-09", "KAZ"),
        ("2016-06-09", "KAZ"),
    ]


def test_a_report_made_public_is_a_finding_not_a_happening(make_article: MakeArticle) -> None:
    body = (
        "The ferry sank off Durrës on 2 March 2011. A state commission delivered a long report "
        "the following June, and Rome answered in September with its own report."
    )
    assert events(make_article, body, "2012-03-02") == [("2011-03-02", "ALB")]


def test_there_opening_a_sentence_points_to_the_town_of_the_sentence_before(
    make_article: MakeArticle,
) -> None:
    body = (
        "Protests filled Skopje, Tetovo and Bitola. His brother, who had moved to Vienna, never "
        "returned. He died there in 2015."
    )
    assert events(make_article, body, "2020-01-01") == [("2015", "AUT")]


def test_there_wins_over_a_country_named_only_by_an_adjective(make_article: MakeArticle) -> None:
    body = (
        "The diplomat loved Misrata and its port. He had arrived there in May 2011 on a Maltese "
        "fishing boat, carrying letters for the rebels."
    )
    assert events(make_article, body, "2021-05-01") == [("2011-05", "LBY")]


def test_next_door_is_a_place_not_a_plan(make_article: MakeArticle) -> None:
    body = (
        "On 4 May 2012 a mob in Sfax set fire to the courthouse and looted the bank next to it. "
        "Two days later rioters burned the police station next door."
    )
    assert events(make_article, body, "2013-01-01") == [
        ("2012-05-04", "TUN"),
        ("2012-05-06", "TUN"),
    ]


def test_a_fronted_participle_phrase_tells_its_own_happening(make_article: MakeArticle) -> None:
    body = (
        "Kardzhali, Haskovo and Smolyan lie in the south of Bulgaria. Ratified in March 1998, "
        "the treaty was to be followed within a year by talks in Ankara."
    )
    assert events(make_article, body, "2000-01-01") == [("1998-03", "BGR")]


def test_a_fronted_clause_of_time_is_not_placed_by_the_main_clause(
    make_article: MakeArticle,
) -> None:
    body = (
        "Pleven, Ruse and Varna voted for him. When he took office in May 1997, few believed he "
        "would manage without the help of Germany."
    )
    assert events(make_article, body, "2000-01-01") == [("1997-05", "BGR")]


def test_a_past_perfect_relative_clause_does_not_make_its_sentence_background(
    make_article: MakeArticle,
) -> None:
    body = (
        "The court in The Hague yesterday confirmed his sentence.\n\n"
        "He was caught on 3 June 2009 in Kula, a town in Vojvodina, where he had been hiding "
        "in a barn. He was handed to the tribunal six days later."
    )
    assert ("2009-06-09", "NLD") in events(make_article, body, "2021-03-10")


def test_people_and_things_named_by_a_date_are_not_happenings(
    make_article: MakeArticle,
) -> None:
    body = (
        "The ferry went down off Durrës on 12 March 1997. The dead of 12 March lie in the hills "
        "above the port, the veterans of 1997 still meet every spring, and a treaty of 2008 "
        "governs the strait. The port was rebuilt in 2010."
    )
    assert events(make_article, body, "2017-03-12") == [("1997-03-12", "ALB"), ("2010", "ALB")]


def test_what_the_hague_tribunal_does_happens_in_the_netherlands(
    make_article: MakeArticle,
) -> None:
    body = (
        "Shells fell on Tuzla, Zenica and Bihać all winter. In March 2008 the Yugoslav tribunal "
        "sentenced the general who had ordered them, and in 2010 the International Court of "
        "Justice ruled on the case. In 2012 the European Court of Human Rights fined the "
        "country for the delay."
    )
    assert events(make_article, body, "2015-01-01") == [
        ("2008-03", "NLD"),
        ("2010", "NLD"),
        ("2012", "FRA"),
    ]


def test_a_verb_of_saying_in_a_later_coordinate_clause_does_not_silence_the_first(
    make_article: MakeArticle,
) -> None:
    body = (
        "The miners reached Bucharest on 13 June 1990. The next day the United States cut its "
        "aid, and Washington warned that relations would suffer."
    )
    assert events(make_article, body, "2015-06-13") == [
        ("1990-06-13", "ROU"),
        ("1990-06-14", "USA"),
    ]


def test_the_streets_of_a_capital_are_where_not_its_government(
    make_article: MakeArticle,
) -> None:
    body = (
        "The team had played its last match in Doha. Crowds lined the streets of Tunis on "
        "20 December to welcome home the players who had done so well in Qatar."
    )
    assert events(make_article, body, "2022-12-21") == [("2022-12-20", "TUN")]


def test_a_participle_tail_places_a_clause_that_names_only_who_acted(
    make_article: MakeArticle,
) -> None:
    body = (
        "Croatia won the title on 10 July, beating Portugal 2-1 in the final at the stadium in "
        "Warsaw."
    )
    assert events(make_article, body, "2024-07-11", title="Croatia triumph in style") == [
        ("2024-07-10", "POL")
    ]


def test_a_title_ending_in_a_preposition_phrase_does_not_locate_the_first_word() -> None:
    text = "A long wait ends in style\n\nSpain won the title on 10 July."
    assert not is_locative(text, text.index("Spain"))
    assert is_locative("They ended the season in Spain.", len("They ended the season in "))


def test_a_coast_nearly_reached_is_not_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "In May 2015 Greece sent two frigates on a mission that sailed almost to the Turkish "
        "coast."
    )
    assert events(make_article, body, "2016-01-01") == [("2015-05", "GRC")]


def test_a_clause_told_in_the_present_is_how_things_are_not_a_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "The strike in Bitola began on 2 March 2020. This year the union has a new leader, and "
        "the river usually floods the lower town in April."
    )
    assert events(make_article, body, "2021-05-01") == [("2020-03-02", "MKD")]


def test_a_perfect_with_a_date_still_tells_a_happening(make_article: MakeArticle) -> None:
    body = (
        "There is also the case of a diplomat who has been convicted of planning an attack on "
        "a rally near Paris in 2018."
    )
    assert events(make_article, body, "2022-09-08") == [("2018", "FRA")]


def test_the_next_year_counts_from_the_story_not_from_publication(
    make_article: MakeArticle,
) -> None:
    body = (
        "The miners struck in Tuzla on 3 March 1999. The next month their leader was arrested "
        "in Tuzla. The next year the mine in Tuzla was closed."
    )
    assert events(make_article, body, "2019-03-03") == [
        ("1999-03-03", "BIH"),
        ("1999-04", "BIH"),
        ("2000", "BIH"),
    ]


def test_for_the_next_month_is_a_stretch_of_time(make_article: MakeArticle) -> None:
    body = (
        "The siege began in Goražde on 29 March 1994. For the following week shells fell on "
        "the town, and over the next months it was cut off."
    )
    assert events(make_article, body, "2004-03-29") == [("1994-03-29", "BIH")]


def test_an_inquiry_published_is_a_finding(make_article: MakeArticle) -> None:
    body = (
        "Shells killed over a hundred people in Tyre on 18 April 1996. An inquiry, "
        "published early the following month, found that the errors were unlikely."
    )
    assert events(make_article, body, "2006-04-18") == [("1996-04-18", "LBN")]


def test_a_goal_named_with_its_country_is_still_a_goal(make_article: MakeArticle) -> None:
    body = (
        "Lviv, Kharkiv and Kyiv waited for news. The grain ship left the port on 1 August, "
        "bound for Tripoli in Lebanon."
    )
    assert events(make_article, body, "2022-08-10") == [("2022-08-01", "UKR")]


def test_a_day_after_a_happening_dates_that_happening(make_article: MakeArticle) -> None:
    body = (
        "The siege of the camp began in Tyre on 20 May 2007, a day after a bank robbery in "
        "Tyre, and it ended on 2 September, one day after fighters broke out of it."
    )
    found = events(make_article, body, "2007-09-10")
    assert ("2007-05-19", "LBN") in found
    assert ("2007-09-01", "LBN") in found


def test_months_after_a_happening_stay_too_loose_to_date(make_article: MakeArticle) -> None:
    body = "The rebels took Tripoli on 21 August 2011, six months after an uprising began."
    assert events(make_article, body, "2011-09-01") == [("2011-08-21", "LBY")]


def test_a_court_with_a_seat_beats_the_parties_it_names(make_article: MakeArticle) -> None:
    body = (
        "Shells fell on Tuzla and Zenica for three years. Bosnia sued Serbia at the "
        "International Court of Justice in 1993."
    )
    assert events(make_article, body, "2007-02-26") == [("1993", "NLD")]


def test_a_confession_on_television_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "On 9 March police arrested the bomber in Zarqa, and the same evening he confessed on "
        "state television."
    )
    assert events(make_article, body, "2006-03-20") == [("2006-03-09", "JOR")]
