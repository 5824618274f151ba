"""Events: one per dated clause, located where it happened, typed from the lexicon."""

from __future__ import annotations

import pytest

from newsmap.model import EventType
from newsmap.tagging import tag_article
from newsmap.tagging.lexicon import EVENT_LEXICON, classify
from tests.tagging.conftest import MakeArticle, dated_events


def events(
    make_article: MakeArticle, body: str, published: str | None = "2022-09", title: str = "Report"
) -> list[tuple[str | None, str | None, str | None, str]]:
    tags = tag_article(make_article(body, title=title, published=published))
    return [(e.date.iso() if e.date else None, e.iso3, e.place, e.type.value) for e in tags.events]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("A major cyberattack wiped government servers.", EventType.CYBERATTACK),
        ("Hackers defaced ministry websites.", EventType.CYBERATTACK),
        ("The embassy staff were expelled and diplomatic relations cut.", EventType.DIPLOMATIC),
        ("A suicide bombing killed twelve people at a checkpoint.", EventType.TERRORISM),
        ("Iran shipped weapons to Bosnia.", EventType.ARMS_TRANSFER),
        ("Thousands of refugees crossed the border seeking asylum.", EventType.MIGRATION),
        ("Protesters filled the square demanding his resignation.", EventType.PROTEST),
        ("Troops invaded and shelled the city.", EventType.ARMED_CONFLICT),
        ("Voters backed the ruling party in the parliamentary election.", EventType.ELECTION),
        ("A magnitude 6.4 earthquake struck before dawn.", EventType.DISASTER),
        ("The museum reopened its doors.", EventType.OTHER),
    ],
)
def test_event_types(sentence: str, kind: EventType) -> None:
    assert classify(sentence) is kind


def test_lexicon_covers_every_type_but_other() -> None:
    assert set(EVENT_LEXICON) == set(EventType) - {EventType.OTHER}


def test_destination_beats_the_actor(make_article: MakeArticle) -> None:
    assert events(make_article, "In 1994, Iran shipped weapons to Bosnia.") == [
        ("1994", "BIH", None, "arms transfer")
    ]


def test_a_place_locates_the_event(make_article: MakeArticle) -> None:
    assert events(make_article, "That 2018 rally took place in Paris, France.") == [
        ("2018", "FRA", "Paris", "protest")
    ]


def test_the_blamed_country_is_not_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "This follows a major cyberattack on July 15th that the Albanian government blames on Iran."
    )
    assert events(make_article, body) == [("2022-07-15", "ALB", None, "cyberattack")]


def test_one_event_per_dated_clause(make_article: MakeArticle) -> None:
    body = (
        "In January, tens of thousands rallied in Thessaloniki, and a larger crowd gathered in "
        "Athens in February."
    )
    assert events(make_article, body, published="2018-06-18") == [
        ("2018-01", "GRC", "Thessaloníki", "protest"),
        ("2018-02", "GRC", "Athens", "protest"),
    ]


def test_a_fronted_date_governs_its_clause(make_article: MakeArticle) -> None:
    body = (
        "In September, all staff of the Iranian Embassy in Tirana were given 24 hours to leave "
        "Albania over a major cyberattack on July 15th that the Albanian government blames on Iran."
    )
    assert events(make_article, body) == [
        ("2022-09", "ALB", "Tirana", "diplomatic"),
        ("2022-07-15", "ALB", None, "cyberattack"),
    ]


def test_an_undated_happening_is_not_an_event(make_article: MakeArticle) -> None:
    found = events(make_article, "Albania expelled Iranian diplomats on July 15th.", published=None)
    assert found == []


def test_no_country_falls_back_to_the_article(make_article: MakeArticle) -> None:
    body = "Egypt's president resigned on Friday. The uprising began on January 25th."
    found = events(make_article, body, published="2011-02-12", title="Egypt")
    assert ("2011-01-25", "EGY", None, "protest") in found


def test_the_same_happening_told_twice_is_one_event(make_article: MakeArticle) -> None:
    body = (
        "An Iranian diplomat was convicted of plotting a bomb attack on a rally in 2018. That "
        "2018 rally took place in Paris. Albania has hosted the group since 2014. The group "
        "has lived in Albania since 2014."
    )
    found = events(make_article, body)
    assert [(d, c) for d, c, _, _ in found] == [("2018", "FRA")]  # "since 2014": a state
    assert found[0][3] == "terrorism"


def test_the_next_sentence_can_place_an_event(make_article: MakeArticle) -> None:
    body = (
        "In 2014, Albania welcomed some 3,000 exiled dissidents. Most of them settled in a camp "
        "near the port city of Durres."
    )
    assert events(make_article, body) == [("2014", "ALB", "Durrës", "migration")]


def test_a_capital_that_acted_on_something_does_not_place_the_next_sentence(
    make_article: MakeArticle,
) -> None:
    body = (
        "Parliament in Tbilisi passed the law in April 2024, and Washington froze $95 million "
        "in aid. The president vetoed it on 18 May. On 3 January 2025 Moscow froze as never "
        "before."
    )
    found = dated_events(make_article, body, published="2025-05-14")
    assert ("2024-05-18", "GEO") in found  # not in the United States
    assert ("2025-01-03", "RUS") in found  # a city the cold froze is where it happened


def test_a_country_to_be_joined_is_not_where_the_vote_was(make_article: MakeArticle) -> None:
    body = (
        "Transnistria has been cut off from gas since January. In 2006 the breakaway region of "
        "Moldova voted in a referendum to join Russia."
    )
    assert ("2006", "MDA") in dated_events(make_article, body, published="2025-02-10")


def test_a_country_that_brokered_a_deal_is_not_where_it_happened(
    make_article: MakeArticle,
) -> None:
    body = (
        "North Macedonia joined NATO in March 2020. Sofia lifted its veto in July 2022 after "
        "a French-brokered deal."
    )
    found = dated_events(make_article, body, published="2023-01-10")
    assert [date for date, _ in found] == ["2020-03", "2022-07"]
    assert not any(iso3 == "FRA" for _, iso3 in found)


def test_who_named_a_happening_is_not_where_it_was(make_article: MakeArticle) -> None:
    body = (
        "A lorry exploded on the bridge on 8 October 2022. Two days later Russia fired missiles "
        "at Ukrainian cities, in what Moscow called revenge."
    )
    found = dated_events(make_article, body, published="2023-07-20")
    assert ("2022-10-10", "UKR") in found  # where the missiles fell, not Moscow


def test_a_government_acting_by_its_capital_is_not_placed_by_the_sentence_before(
    make_article: MakeArticle,
) -> None:
    body = (
        "Iraqi forces took Kirkuk on 16 October 2017, three weeks after Iraq's Kurds voted for "
        "independence in a referendum in Erbil on 25 September. Ankara threatened to shut "
        "the pipeline that carries their oil to Ceyhan. Baghdad banned international flights "
        "to the region on 29 September."
    )
    found = dated_events(make_article, body, published="2017-10-20")
    assert ("2017-09-29", "IRQ") in found  # not in Turkey, where the pipeline ends


def test_a_nationality_of_a_crew_or_craft_is_not_where_it_happened(
    make_article: MakeArticle,
) -> None:
    body = (
        "The Russian submarine Kursk sank in the Barents Sea on 12 August 2000. Norwegian divers "
        "reached the hull on 21 August, and in October 2001 a Dutch consortium raised it."
    )
    found = dated_events(make_article, body, published="2025-08-12")
    assert {iso3 for _, iso3 in found} == {"RUS"}  # not Norway, not the Netherlands


def test_where_a_pact_was_made_is_not_where_the_clause_happened(
    make_article: MakeArticle,
) -> None:
    body = (
        "Armenia and Azerbaijan fought for Karabakh in October 2020. In the early hours of "
        "11 October, hours after a truce brokered in Moscow was meant to take effect, a missile "
        "struck a row of houses in Azerbaijan's second city."
    )
    found = dated_events(make_article, body, published="2021-10-11")
    assert ("2020-10-11", "AZE") in found  # not Russia, where the truce was brokered


def test_a_nationality_a_thing_bore_is_not_where_it_happened(make_article: MakeArticle) -> None:
    body = (
        "Two car bombs killed 52 people in a Turkish border town on 11 May 2013. On the evening "
        "of the attack, young men smashed cars with Syrian number plates."
    )
    found = dated_events(make_article, body, published="2013-06-01")
    assert {iso3 for _, iso3 in found} == {"TUR"}


def test_the_month_of_march_is_not_a_march() -> None:
    assert classify("The minister resigned in March 2001.") is EventType.OTHER
    assert classify("Thousands joined a march through the capital.") is EventType.PROTEST
