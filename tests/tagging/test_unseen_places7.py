"""Places in prose the rules were not written on (the lead's probes of this round): a sentence
saying what a place is, villages placed beside the town named after them, a town's other name
that is a village's own, a town's district, a title's river bridge, a square named after a
country, and the towns people only came from."""

from __future__ import annotations

from newsmap.model import ArticleTags
from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def _places(tags: ArticleTags) -> set[tuple[str, str]]:
    return {(p.name, p.iso3) for p in tags.places}


def test_a_sentence_that_says_a_name_is_a_town_makes_it_a_place(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Čajniče is a small town in the hills of eastern Bosnia and Herzegovina. Its mosque "
        "was rebuilt in 2009."
    ))
    assert ("Čajniče", "BIH") in _places(tags)


def test_a_name_in_the_middle_of_a_sentence_before_is_a_is_not_cued(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The mayor said Rogatica was a town that had lost its young. Bosnia and Herzegovina "
        "has many such towns."
    ))
    assert ("Rogatica", "BIH") not in _places(tags)


def test_a_village_west_of_a_capital_is_placed_at_the_capital(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Rwanda's genocide reached Gikomero, a village east of Kigali, within a week. The "
        "trial was held far away in Arusha, Tanzania."
    ))
    village = next(p for p in tags.places if p.name == "Gikomero")
    assert (village.iso3, village.site_of) == ("RWA", "Kigali")


def test_a_village_near_a_small_town_is_placed_at_that_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Sarajevo had been under siege for a year.\n\nIn eastern Bosnia and Herzegovina, "
        "Ustiprača, a village near Rogatica, lost half its houses in 1992."
    ))
    village = next(p for p in tags.places if p.name == "Ustiprača")
    assert (village.iso3, village.site_of) == ("BIH", "Rogatica")
    assert ("Rogatica", "BIH") in _places(tags)


def test_a_towns_old_name_that_is_a_villages_own_is_not_the_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "In Serbia, the police in Priboj stopped the buses at dawn. In Bosnia and "
        "Herzegovina, the mayor of Prijedor said nothing."
    ))
    assert _places(tags) == {("Priboj", "SRB"), ("Prijedor", "BIH")}


def test_a_district_of_a_city_is_not_a_town_of_its_name_abroad(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The shell landed in Oktyabrsky, a residential district of Donetsk, on Sunday. "
        "Ukraine's army denied firing it."
    ))
    assert _places(tags) == {("Donetsk", "UKR")}


def test_a_bridge_named_after_a_river_in_a_title_is_no_place(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Every summer young men jump from the old bridge in Mostar, in Bosnia and Herzegovina.",
        title="The Neretva bridge and the men who dive from it",
    ))
    assert _places(tags) == {("Mostar", "BIH")}


def test_a_square_named_after_a_country_names_no_country(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Students marched from Italy Square to the parliament in Tirana on Monday."
    ))
    assert "ITA" not in {c.iso3 for c in tags.countries}
    assert ("Italy Square", "ALB") in _places(tags)


def test_a_site_is_not_placed_in_the_towns_its_guests_came_from(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The festival opened in Sarajevo, Bosnia and Herzegovina, on Friday.\n\n"
        "Serbian and Croatian guests from Novi Sad and Split filled the hall. The closing "
        "concert was held on "
        "Liberty Square."
    ))
    assert ("Liberty Square", "BIH") in _places(tags)


def test_a_spelling_of_a_town_in_a_country_only_its_capital_names_is_the_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Government troops retook Saraqeb in February 2020. Damascus said the road to the "
        "north was open again."
    ))
    assert ("Saraqib", "SYR") in _places(tags)


def test_a_sentences_first_word_is_not_taken_for_a_town_by_its_capitals_country(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Kyiv protested on Monday. Human rights monitors counted the dead in the village."
    ))
    assert {p.name for p in tags.places} == {"Kyiv"}


def test_a_town_whose_name_ends_with_a_countrys_is_the_town(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "The ship docked at Port Sudan on Tuesday, and the aid was trucked inland."
    ))
    assert ("Port Sudan", "SDN") in _places(tags)


def test_each_name_before_two_villages_is_a_village(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Kazakhstan's fishermen came back to Tastubek and Akespe, two villages south of "
        "Aralsk, after the dam was built."
    ))
    assert {("Tastubek", "KAZ"), ("Akespe", "KAZ")} <= _places(tags)


def test_a_neighbourhood_named_as_one_is_not_a_town_of_its_name_abroad(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "In Osh, Kyrgyzstan, neighbourhoods such as Cheremushki burned for three nights. "
        "Moscow refused to send troops."
    ))
    assert _places(tags) == {("Osh", "KGZ"), ("Moscow", "RUS")}


def test_villages_such_as_at_a_sentences_start_cues_the_villages(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Armenia counted the damage. Villages such as Sotk lost their water supply."
    ))
    assert ("Sotk", "ARM") in _places(tags)


def test_a_countrys_name_as_a_persons_given_name_names_no_country(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Chad Morrison, a referee from Leeds, spent a season in Amman. His colleague India "
        "Walsh joined him there."
    ))
    assert {c.iso3 for c in tags.countries} == {"GBR", "JOR"}


def test_a_countrys_name_before_a_capitalised_word_in_a_title_is_the_country(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The crossing at Jaber reopened on Tuesday.", title="Jordan Opens Its Border"
    ))
    assert "JOR" in {c.iso3 for c in tags.countries}


def test_a_square_no_paragraph_places_is_in_the_town_the_story_names_most(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Protesters filled the centre of Sofia on Friday. Police in Sofia made no arrests, and "
        "students from Plovdiv joined them. The mayor of Varna sent his support.\n\n"
        "By midnight, crowds were dancing on Battenberg Square."
    ))
    square = next(p for p in tags.places if p.name == "Battenberg Square")
    assert (square.iso3, square.site_of) == ("BGR", "Sofia")


def test_a_crossing_is_not_placed_at_the_capital_that_sent_something_through_it(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Snow cut off Doğubayazıt, in eastern Turkey, for a week in January.\n\n"
        "Tehran sent a convoy of fuel lorries through the Gürbulak border crossing."
    ))
    crossing = next(p for p in tags.places if p.name == "Gürbulak border crossing")
    assert crossing.iso3 == "TUR"


def test_a_capital_before_a_lowercase_noun_is_still_the_capital(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Lawyers waited all night in the Algiers court of appeal for the verdict."
    ))
    assert _places(tags) == {("Algiers", "DZA")}
    assert [c.iso3 for c in tags.countries] == ["DZA"]


def test_another_name_of_a_town_after_in_is_the_town_where_the_capital_is_named(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "After the verdict in the Tunis court, students marched in Ariana and in Bardo."
    ))
    assert _places(tags) == {("Tunis", "TUN"), ("Aryanah", "TUN"), ("Le Bardo", "TUN")}


def test_a_capital_before_a_list_of_capitals_is_not_pinned_to_the_next_one(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Britain sent doctors. Washington, London and Rome condemned the attack on Monday."
    ))
    assert {("Washington", "USA"), ("London", "GBR"), ("Rome", "ITA")} <= _places(tags)


def test_a_name_described_as_a_person_or_a_kinsman_is_no_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "In Aqaba, Hassan, a taxi driver from Amman, lost two cousins. The king named his "
        "brother Hassan regent."
    ))
    assert _places(tags) == {("Aqaba", "JOR"), ("Amman", "JOR")}


def test_the_duma_is_russias_parliament_not_a_syrian_town(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "In Moscow the Duma debated the treaty with Syria for a week before it voted."
    ))
    assert _places(tags) == {("Moscow", "RUS")}


def test_a_district_court_named_after_a_district_is_no_town(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "The Pechersk district court in Kyiv jailed the former minister for seven years."
    ))
    assert _places(tags) == {("Kyiv", "UKR")}


def test_a_square_in_a_story_with_one_town_far_above_it_is_in_that_town(
    make_article: MakeArticle,
) -> None:
    filler = "The committee met again and again, and nothing changed for months. " * 40
    tags = tag_article(make_article(
        f"Tirana woke to smoke on Friday.\n\n{filler}\n\nThe marchers gathered at the "
        "Pyramid Roundabout and walked in silence."
    ))
    assert ("Pyramid Roundabout", "ALB") in _places(tags)


def test_a_base_the_text_puts_in_a_country_is_there_not_at_the_nearest_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The crew left Tampa on Monday, refuelled at Al Dhafra air base in the United Arab "
        "Emirates, and flew on to Kandahar."
    ))
    base = next(p for p in tags.places if p.name == "Al Dhafra air base")
    assert (base.iso3, base.site_of) == ("ARE", "Abu Dhabi")


def test_a_preposition_opening_a_sentence_places_what_follows(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The talks dragged on for three weeks. At Dayton in November the three presidents "
        "signed."
    ))
    assert ("Dayton", "USA") in _places(tags)


def test_a_name_with_a_mark_its_namesake_abroad_lacks_is_not_that_namesake(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The boys drowned in the Ibar. In Čabra their graves are decorated with flags."
    ))
    assert all(p.iso3 != "ESP" for p in tags.places)
