"""Rules found on the third blind set (tests/data/blind3): anniversary leads told from the
publication day, a reference date kept through flashbacks and boundaries, results and findings
that are not happenings, and names that stand for something other than a town or a state.

Every sentence here is written for the test; none is copied from a labelled set."""

from __future__ import annotations

from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle, resolved
from tests.tagging.conftest import dated_events as events


def places(make_article: MakeArticle, body: str) -> set[str]:
    return {p.name for p in tag_article(make_article(body, published="2023-06-20")).places}


def test_years_ago_today_is_the_day_and_anchors_the_story(make_article: MakeArticle) -> None:
    body = (
        "Twenty-five years ago today, miners occupied the pit at Bor. Two days later the "
        "police arrived. Four days ago the last of them died, and this morning the town "
        "buried him."
    )
    dates = resolved(make_article, body, "2021-06-10")
    assert dates["Twenty-five years ago today"] == "1996-06-10"
    assert dates["Two days later"] == "1996-06-12"
    assert dates["Four days ago"] == "2021-06-06"
    assert dates["this morning"] == "2021-06-10"


def test_a_boundary_date_moves_the_story_and_a_flashback_keeps_it(
    make_article: MakeArticle,
) -> None:
    body = (
        "The general stayed in hiding until 3 December 2004. That evening he was caught in a "
        "barn. Two weeks earlier, his brother had been arrested in Split. The next morning the "
        "general was flown to The Hague."
    )
    dates = resolved(make_article, body, None)
    assert dates["That evening"] == "2004-12-03"
    # the story's own rule: the last date told in a main clause is the reference
    assert dates["The next morning"] == "2004-11"


def test_a_story_without_a_publication_date_uses_its_own_first_date(
    make_article: MakeArticle,
) -> None:
    body = (
        "Since 2 May 1991 strikers had held the shipyard. The vote of 20 June ended the "
        "strike, and on 3 July the yard reopened."
    )
    dates = resolved(make_article, body, None)
    assert dates["20 June"] == "1991-06-20"
    assert dates["3 July"] == "1991-07-03"


def test_a_month_with_its_year_told_after_it(make_article: MakeArticle) -> None:
    body = (
        "The siege ended on 15 June 2013. A wounded boy died in March the following year, "
        "and the court sat on 9 November that year."
    )
    assert {d for d, _ in events(make_article, body, None)} == {
        "2013-06-15",
        "2014-03",
        "2014-11-09",
    }


def test_days_after_another_happening_date_that_happening(make_article: MakeArticle) -> None:
    body = "On 20 May 2019 the reporter died in Izmir, five days after the police had detained her."
    dates = {d for d, _ in events(make_article, body)}
    assert dates == {"2019-05-20", "2019-05-15"}


def test_results_states_and_findings_are_not_events(make_article: MakeArticle) -> None:
    body = (
        "The shelling of Goris began on 2 May 2016. By 9 May the shelling had died down. "
        "By June the road was closed to traffic. From 2017 the mayor governed without a "
        "council. In 2018 an inquiry found that the army had fired first."
    )
    assert [d for d, _ in events(make_article, body)] == ["2016-05-02"]


def test_a_statement_is_known_past_an_appositive_and_an_act_past_a_statement(
    make_article: MakeArticle,
) -> None:
    body = (
        "On 5 May 2015 the interior minister, Petar Ivanov, announced that the border would "
        "close. Two days later the king flew to Amman and called the dead minister a brother."
    )
    assert events(make_article, body) == [("2015-05-07", "JOR")]


def test_a_capital_acting_as_government_is_not_where_it_happened(
    make_article: MakeArticle,
) -> None:
    body = (
        "Estonia declared independence on 20 August 1991. Moscow answered with an oil "
        "blockade in September 1991, and Tallinn rationed fuel."
    )
    assert ("1991-09", "RUS") not in events(make_article, body, title="Estonia's long winter")


def test_a_participle_that_names_where_places_the_clause(make_article: MakeArticle) -> None:
    body = (
        "The crash killed nine Dutch tourists in Varna on 3 June 2014. On 9 June 2014, the "
        "foreign ministers of the union, meeting in Luxembourg, froze the airline's licence."
    )
    assert ("2014-06-09", "LUX") in events(make_article, body)


def test_a_weekday_before_its_date_is_one_date(make_article: MakeArticle) -> None:
    body = "Before dawn on Sunday, 3 March, gunmen stormed the depot at Kasserine."
    assert events(make_article, body, "2019-03-08") == [("2019-03-03", "TUN")]


def test_names_that_stand_for_a_region_river_dam_crude_or_route(
    make_article: MakeArticle,
) -> None:
    body = (
        "Shells fell across the Donetsk region. Boats crossed the Dnipro, and the Kakhovka "
        "dam burst. Brent crude rose. The Baku–Tbilisi–Ceyhan oil pipeline was shut. "
        "Volunteers reached Kherson."
    )
    found = places(make_article, body)
    assert "Kherson" in found
    assert not {"Donetsk", "Dnipro", "Kakhovka", "Brent", "Tbilisi", "Ceyhan"} & found


def test_counted_nationals_are_their_country_and_an_ethnic_force_is_not(
    make_article: MakeArticle,
) -> None:
    body = (
        "Gunmen held the plant at Hassi Messaoud in Algeria; eight Filipinos were among the "
        "dead. In Bosnia, Croat forces shelled Mostar in May 1993."
    )
    codes = {c.iso3 for c in tag_article(make_article(body, published="2014-01-01")).countries}
    assert "PHL" in codes
    assert "HRV" not in codes


def test_a_side_episode_in_a_clause_of_its_own_is_not_primary(
    make_article: MakeArticle,
) -> None:
    body = (
        "Egypt's football league stayed shut after the riot in Port Said on 1 February 2012. "
        "Fans marched in Cairo the next day, and Egypt's parliament met in emergency session. "
        "In Port Said and Suez the police imposed a curfew. Egyptian clubs played behind "
        "closed doors, and Al Ahly won the cup in November 2012 in Tunisia. Egypt's league "
        "has still not restarted, and Cairo's stadiums stand empty."
    )
    tags = tag_article(make_article(body, title="A silent season", published="2013-02-01"))
    primary = {c.iso3 for c in tags.countries if c.primary}
    assert "EGY" in primary
    assert "TUN" not in primary


def test_a_well_known_city_beats_its_small_namesake_abroad(make_article: MakeArticle) -> None:
    body = (
        "The American envoy flew in on 2 May 2001. On 6 May 2001 the two delegations met at "
        "a castle outside Paris, and the talks lasted a week."
    )
    tags = tag_article(make_article(body, published="2021-05-06"))
    assert [(p.name, p.iso3) for p in tags.places] == [("Paris", "FRA")]


def test_a_verb_after_an_appositive_is_the_main_clause(make_article: MakeArticle) -> None:
    body = (
        "The vote was held on 12 June. The Supreme Leader, Ali Khamenei, endorsed the result "
        "on 19 June. The next day a student was shot dead in Tehran."
    )
    dates = resolved(make_article, body, "2019-06-30")
    assert dates["The next day"] == "2019-06-20"


def test_a_statement_past_a_relative_clause_is_still_a_statement(
    make_article: MakeArticle,
) -> None:
    body = (
        "Gunmen stormed the parliament on 27 October 1999. This year the president, who came "
        "to power in 2018, said that the truth must be told."
    )
    assert [d for d, _ in events(make_article, body, "2019-10-27")] == ["1999-10-27", "2018"]


def test_an_embassy_is_not_its_country_and_a_subject_before_a_verb_of_saying(
    make_article: MakeArticle,
) -> None:
    body = (
        "In July 2017 a guard at the Israeli embassy shot dead two Jordanians. "
        "Jordan protested, and a few days later Israel announced an inquiry. An inquiry "
        "published that autumn found that the guard had acted in self-defence."
    )
    assert events(make_article, body, "2018-01-10") == [("2017-07", "JOR")]
