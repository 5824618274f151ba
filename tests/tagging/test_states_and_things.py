"""What there was ("Five years ago there was a market here"), what was going on in a season
("In the summer of 1992 Sarajevo was starving") and things a date names ("the borders of 1967")
are no happenings; "there were clashes" names one.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_what_there_was_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Five years ago there was a covered market here, in the centre of Skopje, in North "
        "Macedonia. On 4 June 2019 it burned down."
    )
    assert events(make_article, body, "2024-06-04") == [("2019-06-04", "MKD")]


def test_there_were_clashes_is_a_happening(make_article: MakeArticle) -> None:
    body = "On 4 June 2019 there were clashes outside the parliament in Skopje, in North Macedonia."
    assert events(make_article, body, "2019-07-01") == [("2019-06-04", "MKD")]


def test_borders_named_by_a_year_are_no_happening(make_article: MakeArticle) -> None:
    body = (
        "On 3 May 2000 negotiators in Jerusalem, in Israel, discussed a return to the borders "
        "of 1967."
    )
    assert events(make_article, body, "2000-06-01") == [("2000-05-03", "ISR")]


def test_what_was_going_on_in_a_summer_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "In the summer of 1992 Sarajevo was starving. On 27 May 1992 shells struck a bread queue "
        "in Sarajevo, in Bosnia."
    )
    assert events(make_article, body, "1992-09-01") == [("1992-05-27", "BIH")]


def test_what_was_going_on_when_something_happened_is_that_happening(
    make_article: MakeArticle,
) -> None:
    body = "In May 1992 the city of Sarajevo, in Bosnia, was starving when the shells struck."
    assert events(make_article, body, "1992-09-01") == [("1992-05", "BIH")]


def test_a_date_in_a_relative_clause_in_the_present_is_no_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "Riots broke out in Osh, in Kyrgyzstan, on 11 June 2010. Kazakhstan, which chairs the "
        "regional council this year, said it would send aid."
    )
    assert events(make_article, body, "2010-06-20") == [("2010-06-11", "KGZ")]


def test_what_someone_learned_or_heard_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Police fired on students in Tehran, in Iran, on 9 July 1999. That night their parents "
        "learned how little had changed. Few people abroad heard about it the next day."
    )
    assert events(make_article, body, "1999-08-01") == [("1999-07-09", "IRN")]


def test_a_date_as_the_subject_of_its_clause_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Riots broke out across Mitrovica, in Kosovo, on 17 March 2004. March 2004 changed the "
        "way diplomats spoke of the province."
    )
    assert events(make_article, body, "2004-06-01") == [("2004-03-17", "XKX")]


def test_a_date_in_a_relative_clause_of_a_state_is_no_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "Police cleared the square in Minsk, in Belarus, on 19 December 2010. A photograph of "
        "the square, which was on every front page the next day, showed the empty tents."
    )
    assert events(make_article, body, "2011-01-01") == [("2010-12-19", "BLR")]


def test_a_date_in_a_relative_clause_of_an_act_is_a_happening(make_article: MakeArticle) -> None:
    body = (
        "Police cleared the square in Minsk, in Belarus, on 19 December 2010. The recordings, "
        "which were finally read in Vilnius in March 2011, showed the orders."
    )
    assert events(make_article, body, "2011-06-01") == [
        ("2010-12-19", "BLR"),
        ("2011-03", "LTU"),
    ]


def test_until_a_date_when_something_happened_is_that_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "In 2015 the militants took Sirte, in Libya, and held it until the following December, "
        "when government forces drove them out."
    )
    assert events(make_article, body, "2017-01-01") == [("2015", "LBY"), ("2016-12", "LBY")]


def test_until_a_date_alone_ends_a_state(make_article: MakeArticle) -> None:
    body = "In 2015 the militants took Sirte, in Libya, and held it until the following December."
    assert events(make_article, body, "2017-01-01") == [("2015", "LBY")]


def test_an_age_told_in_a_relative_clause_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "On 30 May 1999 a crowd fled into an underpass in Minsk, in Belarus. One woman, who was "
        "sixteen that night, lost her best friend."
    )
    assert events(make_article, body, "2019-05-30") == [("1999-05-30", "BLR")]


def test_a_ceasefire_from_the_beginning_of_a_month_starts_a_state(
    make_article: MakeArticle,
) -> None:
    body = (
        "Gunmen killed two hundred villagers near Blida, in Algeria, on 22 September 1997. The "
        "rebels kept a ceasefire from the beginning of October."
    )
    assert events(make_article, body, "1998-01-01") == [("1997-09-22", "DZA")]


def test_a_date_told_in_the_present_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "An arbitral tribunal in The Hague, in the Netherlands, drew the sea border on 29 June "
        "2017. The deadline for the two governments falls at the end of December."
    )
    assert events(make_article, body, "2017-07-01") == [("2017-06-29", "NLD")]


def test_what_was_gone_a_year_later_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "The foreign minister resigned in Moscow, in Russia, in December 1990. A year later the "
        "Soviet Union was gone."
    )
    assert events(make_article, body, "2014-07-08") == [("1990-12", "RUS")]


def test_a_thing_that_was_still_alive_can_act(make_article: MakeArticle) -> None:
    body = (
        "Floods struck the zoo in Tbilisi, in Georgia, on 13 June 2015. On 17 June a tiger that "
        "nobody knew was still alive killed a man near the zoo."
    )
    assert events(make_article, body, "2015-07-01") == [
        ("2015-06-13", "GEO"),
        ("2015-06-17", "GEO"),
    ]


def test_surviving_a_winter_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Riots spread across Athens, in Greece, on 6 December 2008. The government survived "
        "that winter, but not for long."
    )
    assert events(make_article, body, "2018-12-06") == [("2008-12-06", "GRC")]


def test_a_year_ending_a_name_is_no_date(make_article: MakeArticle) -> None:
    body = (
        "On 12 April 2016 protesters in Skopje, in North Macedonia, threw paint at the "
        "monuments of Skopje 2014, the government's building programme."
    )
    assert events(make_article, body, "2016-05-01") == [("2016-04-12", "MKD")]


def test_the_post_someone_held_in_a_year_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "On 5 December 2003 judges in The Hague, in the Netherlands, convicted a general, who "
        "had commanded the corps around Sarajevo in 1994, of a campaign of terror."
    )
    assert events(make_article, body, "2004-01-01") == [("2003-12-05", "NLD")]


def test_people_who_were_children_in_a_year_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Protesters camped outside the parliament in Tbilisi, in Georgia, on 20 June 2019. "
        "They are students who were children in August 2008."
    )
    assert events(make_article, body, "2019-07-01") == [("2019-06-20", "GEO")]


def test_a_laureate_of_a_year_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Fighting broke out in Mekelle, in Ethiopia, on 4 November 2020, and the prime minister, "
        "a Nobel peace laureate of the year before, ordered the army in."
    )
    assert events(make_article, body, "2020-12-01") == [("2020-11-04", "ETH")]
