"""Primary countries on prose the rules were not written for: short stories of our own, each
showing one salience rule (issue 10, "honest salience"). A country is primary when the story is
about it; a venue abroad, a reaction or a one-sentence side episode leaves it a mention."""

from __future__ import annotations

from newsmap.model import ArticleTags
from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def _primary(tags: ArticleTags) -> set[str]:
    return {c.iso3 for c in tags.countries if c.primary}


def _passing(tags: ArticleTags) -> set[str]:
    """Countries tagged as mentioned, but not as what the story is about."""
    return {c.iso3 for c in tags.countries if not c.primary}


# --- a capital or town abroad where the story's actors met, signed or were tried is a venue


def test_talks_held_in_a_foreign_capital_leave_its_country_a_mention(
    make_article: MakeArticle,
) -> None:
    body = (
        "Yemen's warring sides have agreed to a truce around the port of Hodeidah. On 13 "
        "December 2018 Yemeni government and Houthi delegations signed the accord in Stockholm "
        "after a week of talks led by a UN envoy. The truce took effect in Yemen on 18 "
        "December, but on 22 December shelling resumed in Taiz and Aden."
    )
    tags = tag_article(make_article(body, title="A truce for Yemen", published="2018-12"))
    assert "YEM" in _primary(tags)
    assert "SWE" in _passing(tags)


def test_a_verdict_handed_down_in_a_foreign_city_leaves_that_country_a_mention(
    make_article: MakeArticle,
) -> None:
    body = (
        "Charles Taylor, Liberia's former president, was sentenced to fifty years in prison "
        "on 30 May 2012 by a special court sitting in The Hague. Liberian rebels under his "
        "command had burned villages across Lofa County in 1990, and in 1992 his fighters "
        "shelled Monrovia for weeks. He left Liberia for exile in 2003."
    )
    tags = tag_article(make_article(body, title="Fifty years for Taylor", published="2012-06"))
    assert "LBR" in _primary(tags)
    assert "NLD" in _passing(tags)


def test_a_resignation_signed_in_an_embassy_abroad_leaves_the_host_a_mention(
    make_article: MakeArticle,
) -> None:
    body = (
        "Bolivia's president fled La Paz on 10 November 2019 after three weeks of protests "
        "over a disputed election. Crowds had burned his party's offices in El Alto and "
        "Cochabamba on 21 October, and on 8 November police units in Cochabamba mutinied. On "
        "12 November he signed his resignation at the Bolivian embassy in Mexico City. The "
        "senate in La Paz named an interim president the same evening, and on 15 November "
        "soldiers fired on marchers near Sacaba."
    )
    tags = tag_article(make_article(body, title="A president quits", published="2019-11"))
    assert "BOL" in _primary(tags)
    assert "MEX" in _passing(tags)



def test_a_seat_of_government_where_a_deal_was_signed_in_the_title_is_a_venue(
    make_article: MakeArticle,
) -> None:
    body = (
        "Six weeks of war over Karabakh ended on 10 November 2020. Azerbaijani forces had "
        "taken Shusha two days earlier, and Armenia's prime minister agreed to give up the "
        "districts around the enclave. Crowds stormed the parliament in Yerevan that night. "
        "Azerbaijanis celebrated in the streets of Baku."
    )
    article = make_article(body, title="A ceasefire signed in the Kremlin", published="2020-11")
    tags = tag_article(article)
    assert {"AZE", "ARM"} <= _primary(tags)
    assert "RUS" in _passing(tags)


def test_a_country_named_only_to_locate_a_town_where_the_actor_struck_is_a_mention(
    make_article: MakeArticle,
) -> None:
    body = (
        "Two bombs exploded at a memorial procession in Kerman on 3 January 2024, killing more "
        "than ninety people. Iranian officials blamed the Islamic State, which claimed the "
        "attack the next day. On 15 January Iran fired missiles at a villa near Erbil in Iraq, "
        "saying it housed Israeli spies. Funerals for the dead went on for a week in Kerman, "
        "and on 20 January police in Tehran arrested eleven suspects. Iran's parliament "
        "observed a minute of silence on 21 January."
    )
    tags = tag_article(make_article(body, title="Iran's January", published="2024-02"))
    assert _primary(tags) == {"IRN"}
    assert "IRQ" in _passing(tags)


def test_a_town_in_a_neighbouring_country_visited_once_leaves_it_a_mention(
    make_article: MakeArticle,
) -> None:
    body = (
        "Fighting between Sudan's army and the Rapid Support Forces broke out in Khartoum on "
        "15 April 2023. By 25 April foreign governments had flown most of their citizens out "
        "of Port Sudan. On 14 June militiamen killed the governor of West Darfur in El "
        "Geneina. On 17 June Sudan's government sent a delegation to Adre, in neighbouring "
        "Chad, to meet refugees from El Geneina. In late June the army bombed districts of "
        "Omdurman, and on 8 July an air strike killed twenty-two people there."
    )
    tags = tag_article(make_article(body, title="Sudan's war", published="2023-08"))
    assert _primary(tags) == {"SDN"}
    assert "TCD" in _passing(tags)


# --- a country named inside an appositive of the lead ("..., the strongest felt in Greece, ...")
# describes something else in the sentence; it is not what the story is about


def test_a_country_in_an_appositive_of_the_lead_is_a_mention(make_article: MakeArticle) -> None:
    body = (
        "The tremor, the strongest felt in Greece for a decade, brought down eight apartment "
        "blocks in Izmir. It struck on the afternoon of 30 October 2020, and rescuers in Izmir "
        "pulled survivors from the rubble for four days. On 3 November a three-year-old girl "
        "was brought out alive in Bayrakli. The death toll in Izmir rose to 117."
    )
    tags = tag_article(make_article(body, title="After the tremor", published="2021-01"))
    assert _primary(tags) == {"TUR"}
    assert "GRC" in _passing(tags)


def test_where_an_aircraft_came_from_in_an_appositive_is_a_mention(
    make_article: MakeArticle,
) -> None:
    body = (
        "A cargo jet, a Boeing 747 leased from a company in Turkey, crashed into the village "
        "of Dacha-Suu near Bishkek on 16 January 2017, killing thirty-nine people. Most of the "
        "dead were villagers asleep in their homes. Kyrgyz investigators blamed the crew, who "
        "had tried to land in thick fog. The village was rebuilt a year later on higher ground."
    )
    tags = tag_article(make_article(body, title="The crash at Dacha-Suu", published="2018-01"))
    assert _primary(tags) == {"KGZ"}
    assert "TUR" in _passing(tags)


# --- the object of a participle that carries the lead's main clause on ("..., beating Croatia
# 4-2") is what the story is about; a reaction it caused ("..., angering Moscow") is not


def test_the_beaten_finalist_after_a_participle_in_the_lead_is_primary(
    make_article: MakeArticle,
) -> None:
    body = (
        "France won the World Cup on 15 July 2018, beating Croatia 4-2 in the final at the "
        "Luzhniki Stadium in Moscow. Kylian Mbappe scored the fourth goal. A million people "
        "filled the Champs-Elysees in Paris the next evening. Didier Deschamps became the "
        "third man to win the trophy as a player and as a coach."
    )
    tags = tag_article(make_article(body, title="Champions again", published="2018-07"))
    assert {"FRA", "HRV"} <= _primary(tags)


def test_the_side_conceded_to_after_a_participle_in_the_lead_is_primary(
    make_article: MakeArticle,
) -> None:
    body = (
        "Armenia's prime minister signed a ceasefire on 10 November 2020, conceding Azerbaijan "
        "most of the land around Karabakh after six weeks of war. Crowds stormed the "
        "government building in Yerevan that night. On 14 November villagers in Kalbajar "
        "burned their own houses before leaving. By 1 December the handover was complete."
    )
    tags = tag_article(make_article(body, title="The handover", published="2021-01"))
    assert _primary(tags) == {"ARM", "AZE"}


def test_a_capital_angered_by_the_lead_s_act_stays_a_mention(make_article: MakeArticle) -> None:
    # a guard: the participle rule must not reach a reaction
    body = (
        "Montenegro joined NATO on 5 June 2017, angering Moscow, which had called the move a "
        "provocation. The parliament in Podgorica had ratified the treaty in April. "
        "Montenegrin prosecutors said in 2016 a coup plot had aimed to stop the accession. "
        "Thousands of opposition supporters marched in Podgorica against membership."
    )
    tags = tag_article(make_article(body, title="Montenegro in NATO", published="2017-07"))
    assert _primary(tags) == {"MNE"}
    assert "RUS" in _passing(tags)


# --- a foreign helper that opens one sentence and is never named again is a side episode


def test_a_neighbour_s_rescue_told_in_one_sentence_is_a_side_episode(
    make_article: MakeArticle,
) -> None:
    body = (
        "Storm Daniel broke two dams above Derna on the night of 10 September 2023, and the "
        "water swept whole districts of the city into the sea. By 12 September rescuers in "
        "Derna had recovered more than five thousand bodies. Egyptian doctors were already "
        "working in Libya's east, and on 14 September an Egyptian navy ship carried the "
        "injured to Egypt. Libya's rival governments traded blame for the dams, which had not "
        "been repaired since 2002. On 18 September residents protested in Derna, and that "
        "night they set fire to the mayor's house. A year later, in September 2024, Libyan "
        "prosecutors charged twelve officials over the collapse."
    )
    tags = tag_article(make_article(body, title="When the dams broke", published="2024-10"))
    assert _primary(tags) == {"LBY"}
    assert "EGY" in _passing(tags)


def test_foreign_planes_flying_travellers_home_in_one_sentence_are_a_side_episode(
    make_article: MakeArticle,
) -> None:
    body = (
        "An earthquake of magnitude 7.8 struck central Nepal on 25 April 2015, flattening "
        "villages in Gorkha and old temples in Kathmandu. By 27 April the army had reached "
        "Barpak, where almost every house had fallen. Indian rescue teams were the first "
        "foreigners to arrive in Nepal, and on 28 April Indian planes flew stranded travellers "
        "home to India. On 12 May a second quake struck near Kodari and killed more than a "
        "hundred people. In September 2015 Nepal's parliament adopted a new constitution that "
        "had been stalled for seven years."
    )
    tags = tag_article(make_article(body, title="Nepal after the quake", published="2016-04"))
    assert _primary(tags) == {"NPL"}
    assert "IND" in _passing(tags)

# --- an army the story follows is primary even when it is named only by its demonym


def test_a_foreign_army_fighting_the_home_army_is_primary(make_article: MakeArticle) -> None:
    body = (
        "Ethiopian federal forces entered Mekele on 28 November 2020, three weeks after the "
        "government in Addis Ababa sent the army against the rulers of Tigray. The region's "
        "towns had already been fought over. Eritrean troops crossed the border in the first "
        "days of November and shelled Zalambessa and Adigrat. Later that month Eritrean "
        "soldiers killed hundreds of civilians in Axum, witnesses told investigators. "
        "Ethiopia's prime minister denied for months that any foreign army was in Tigray."
    )
    tags = tag_article(make_article(body, title="The war in Tigray", published="2021-03"))
    assert {"ETH", "ERI"} <= _primary(tags)


def test_an_invading_army_followed_through_three_sentences_is_primary(
    make_article: MakeArticle,
) -> None:
    body = (
        "Afrin, a Kurdish-run town in northern Syria, was shelled for eight weeks in early "
        "2018. On 20 January Turkish warplanes struck villages around Afrin. The next day "
        "Turkish troops crossed the border with allied militias. By early March Turkish tanks "
        "had reached Jindires, south-west of Afrin. Kurdish fighters pulled out of Afrin on 18 "
        "March, and by nightfall the town was looted. Most of its people never came back."
    )
    tags = tag_article(make_article(body, title="Afrin, eight weeks", published="2019-03"))
    assert {"SYR", "TUR"} <= _primary(tags)


def test_foreign_troops_in_one_sentence_stay_a_mention(make_article: MakeArticle) -> None:
    # a guard: the rule above must not reach an army that appears once
    body = (
        "Azerbaijani forces took the heights above Lachin on 12 September 2023 after a day of "
        "shelling. Armenian units fell back towards the border, and a week later the "
        "separatist government agreed to disband its army. Russian peacekeepers watched from "
        "their posts along the road. By the end of the month almost every Armenian had left "
        "Karabakh for Armenia."
    )
    tags = tag_article(make_article(body, title="The last week of Karabakh", published="2023-10"))
    assert "AZE" in _primary(tags)
    assert "RUS" in _passing(tags)


def test_an_army_named_by_its_missiles_drones_and_troops_is_primary(
    make_article: MakeArticle,
) -> None:
    body = (
        "Russian missiles struck two power plants in Kharkiv on 22 March 2024, cutting "
        "electricity to most of the city. Russian drones hit a substation in Zolochiv the same "
        "night. Ukrainian air defences shot down some of the missiles, city officials said. "
        "Washington warned that the attacks were aimed at civilians, and Berlin promised more "
        "air-defence systems. Two days later Russian troops shelled villages north of Kharkiv."
    )
    tags = tag_article(make_article(body, title="Strikes on Kharkiv", published="2024-03"))
    assert _primary(tags) == {"UKR", "RUS"}  # Washington and Berlin only react
    assert {"USA", "DEU"} <= _passing(tags)


def test_peacekeepers_watching_a_war_are_not_one_of_its_armies(make_article: MakeArticle) -> None:
    body = (
        "Israeli tanks pushed into south Lebanon on 1 October 2024, and fighting spread to "
        "villages along the border. Irish peacekeepers at a UN post near Naqoura reported "
        "shells landing inside their base on 10 October. The Lebanese army pulled back from "
        "several positions. On 13 October Irish soldiers watched two Israeli tanks break "
        "through the gate of a UN post. A ceasefire took effect on 27 November."
    )
    tags = tag_article(make_article(body, title="South Lebanon", published="2024-11"))
    assert _primary(tags) == {"LBN", "ISR"}
    assert "IRL" in _passing(tags)
