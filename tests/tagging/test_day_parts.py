"""Times of the day told on from the story's day ("In the late afternoon ...", "By nightfall
...") date their own happenings; states, side remarks and statements do not.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from tests.tagging.conftest import MakeArticle
from tests.tagging.conftest import dated_events as events


def test_hours_of_one_day_are_happenings_of_that_day(make_article: MakeArticle) -> None:
    body = (
        "On 12 March 2009 striking miners marched into Ploiești, in Romania. In the late "
        "afternoon police fired on the column. By nightfall the strikers had seized the town hall."
    )
    assert events(make_article, body, "2009-04-01") == [("2009-03-12", "ROU")] * 3


def test_a_time_of_day_opening_a_clause_after_and(make_article: MakeArticle) -> None:
    body = (
        "On 3 October 2010 farmers blocked the main road into Quito, in Ecuador, and by the "
        "evening the army had cleared the barricades."
    )
    assert events(make_article, body, "2010-11-01") == [("2010-10-03", "ECU")] * 2


def test_where_things_stood_by_evening_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "A dam burst above the Georgian town of Zestaponi on 4 June 2012. By evening twelve "
        "people were dead and the valley was under water."
    )
    assert events(make_article, body, "2012-07-01") == [("2012-06-04", "GEO")]


def test_a_time_of_day_at_the_end_of_a_clause_tells_how_it_went(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 9 October 2016 Tunisian police surrounded a farmhouse near Kasserine and cleared it "
        "by the evening."
    )
    assert events(make_article, body, "2016-11-01") == [("2016-10-09", "TUN")]


def test_dawn_after_a_night_is_the_next_day(make_article: MakeArticle) -> None:
    body = (
        "Shortly before midnight on 2 July 2011 a ferry sank off Lesbos, in Greece. By dawn "
        "coastguards had pulled forty people from the sea."
    )
    assert events(make_article, body, "2011-08-01") == [
        ("2011-07-02", "GRC"),
        ("2011-07-03", "GRC"),
    ]


def test_a_time_of_day_beside_its_own_date_is_that_date(make_article: MakeArticle) -> None:
    body = "At dawn on 3 May 2010 troops entered Osh, in Kyrgyzstan."
    assert events(make_article, body, "2010-06-01") == [("2010-05-03", "KGZ")]


def test_a_time_of_day_after_a_month_tells_nothing_new(make_article: MakeArticle) -> None:
    body = (
        "In March 2003 protesters filled the squares of Sofia, in Bulgaria. By nightfall the "
        "police had withdrawn from the centre."
    )
    assert events(make_article, body, "2003-06-01") == [("2003-03", "BGR")]


def test_what_would_happen_by_nightfall_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Soldiers surrounded the palace in Niamey, in Niger, on 26 July 2023. Diplomats "
        "assumed the quarrel would be settled by nightfall."
    )
    assert events(make_article, body, "2023-08-01") == [("2023-07-26", "NER")]


def test_coming_forward_to_condemn_is_a_statement(make_article: MakeArticle) -> None:
    body = (
        "Fighting broke out in the Moldovan town of Bender on 19 June 1992. The next day the "
        "president appeared on the steps of parliament and condemned the attack."
    )
    assert events(make_article, body, "1992-07-01") == [("1992-06-19", "MDA")]



def test_a_state_beside_a_completed_act_is_a_happening(make_article: MakeArticle) -> None:
    body = (
        "On 6 April 2010 crowds marched on the government building in Bishkek, in Kyrgyzstan. "
        "By nightfall the building was in flames, the opposition had seized the radio station."
    )
    assert events(make_article, body, "2010-05-01") == [("2010-04-06", "KGZ")] * 2


def test_by_a_date_a_state_alone_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Crowds marched on the government building in Bishkek, in Kyrgyzstan, on 6 April 2010. "
        "By 9 April the streets were quiet."
    )
    assert events(make_article, body, "2010-05-01") == [("2010-04-06", "KGZ")]


def test_by_a_date_a_completed_act_beside_a_state_is_a_happening(
    make_article: MakeArticle,
) -> None:
    body = (
        "Crowds marched on the government building in Bishkek, in Kyrgyzstan, on 6 April 2010. "
        "By 9 April the streets were quiet, the president had fled the capital."
    )
    assert events(make_article, body, "2010-05-01") == [
        ("2010-04-06", "KGZ"),
        ("2010-04-09", "KGZ"),
    ]


def test_a_clock_time_opening_a_clause_is_a_happening_of_the_day(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 21 November 2013 the roof of a supermarket in Riga, in Latvia, gave way. Rescuers "
        "went in, and at around half past seven a second section collapsed on them."
    )
    assert events(make_article, body, "2013-12-01") == [("2013-11-21", "LVA")] * 2


def test_a_bare_number_after_at_is_no_clock_time(make_article: MakeArticle) -> None:
    body = (
        "On 7 October 2004 bombs exploded at a hotel in Taba, in Egypt, and at two camps on the "
        "beach near Nuweiba."
    )
    assert events(make_article, body, "2004-11-01") == [("2004-10-07", "EGY")]


def test_a_clock_time_before_its_own_date_is_that_date(make_article: MakeArticle) -> None:
    body = (
        "At five minutes to nine on the evening of 25 May 1995, a shell landed in the main "
        "square of Tuzla, in Bosnia."
    )
    assert events(make_article, body, "2020-05-25") == [("1995-05-25", "BIH")]


def test_a_time_in_figures_is_a_clock_time(make_article: MakeArticle) -> None:
    body = (
        "On 2 March 2008 crowds gathered in the centre of Yerevan, in Armenia. At 9.30 police "
        "moved in with batons."
    )
    assert events(make_article, body, "2008-04-01") == [("2008-03-02", "ARM")] * 2


def test_an_age_is_no_clock_time(make_article: MakeArticle) -> None:
    body = (
        "On 2 March 2008 crowds gathered in the centre of Yerevan, in Armenia. At 17, the "
        "youngest of them had never voted."
    )
    assert events(make_article, body, "2008-04-01") == [("2008-03-02", "ARM")]


def test_dawn_after_a_happening_shortly_after_midnight_is_that_day(
    make_article: MakeArticle,
) -> None:
    body = (
        "Night of the flood\n\nThe dams above Derna, in Libya, gave way shortly after midnight on "
        "11 September 2023. By dawn whole districts had been swept into the sea."
    )
    assert events(make_article, body, "2023-09-20") == [("2023-09-11", "LBY")] * 2


def test_a_time_of_day_right_after_a_sentence_with_a_date_counts(
    make_article: MakeArticle,
) -> None:
    body = (
        "Rebels stormed the radio station in Kigali, in Rwanda, on 6 May 2003. In the early "
        "afternoon soldiers reached the outskirts."
    )
    assert events(make_article, body, "2003-06-01") == [("2003-05-06", "RWA")] * 2


def test_an_evening_told_in_the_present_is_no_happening(make_article: MakeArticle) -> None:
    body = (
        "Floods swept through Derna, in Libya, on 11 September 2023. In the evening the market "
        "fills again, but the harbour is still closed."
    )
    assert events(make_article, body, "2023-09-20") == [("2023-09-11", "LBY")]
