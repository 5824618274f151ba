"""Which country a named site stands in: the town or country the text locates it by, not the
country of whoever operates it, plays in it or travels on from it."""

from __future__ import annotations

from newsmap.model import ArticleTags
from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def _site(tags: ArticleTags, name: str) -> tuple[str, str | None]:
    place = next(p for p in tags.places if p.name == name)
    return place.iso3, place.site_of


def test_a_town_in_the_next_clause_does_not_take_the_site(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Syria's army had lost Aleppo and Homs within a week.\n\nThe president left Damascus "
        "that night. His aircraft took off from Khmeimim Air Base, the Russian airfield on the "
        "coast, at two in the morning, and by dawn he was in Moscow."
    ))
    assert _site(tags, "Khmeimim Air Base")[0] == "SYR"
    assert ("Moscow", "RUS") in {(p.name, p.iso3) for p in tags.places}


def test_a_town_someone_was_born_in_does_not_take_the_site(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Qatar hosted the tournament, and Morocco's team began it in Doha.\n\nThe second game "
        "was played at the Lusail Stadium in Lusail.\n\nThe third came at the Janoub Stadium, "
        "and the winning goal was scored by a striker who was born in Madrid. Morocco "
        "celebrated all night."
    ))
    assert _site(tags, "Janoub Stadium")[0] == "QAT"


def test_a_stadium_with_no_town_stands_where_the_storys_other_stadiums_do(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Morocco's footballers came home to Rabat and Casablanca yesterday. Morocco had never "
        "gone so far.\n\nThe first match was played at the Lusail Stadium in Lusail, in Qatar, "
        "on 21 November.\n\nThe semi-final, against France, came at the Janoub Stadium on "
        "14 December. Morocco lost it. Rabat still celebrated."
    ))
    assert _site(tags, "Janoub Stadium")[0] == "QAT"


def test_a_crossing_on_the_side_of_a_named_country_stands_there(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Libya's war emptied Tripoli of its foreigners. Thousands of Egyptians drove west to "
        "the Ras Ajdir border crossing on the Tunisian side and waited there for buses."
    ))
    assert _site(tags, "Ras Ajdir border crossing")[0] == "TUN"


def test_a_capital_standing_for_its_rulers_does_not_take_the_site(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Cyprus voted on the plan in April. Refugees from Famagusta and Kyrenia voted no.\n\n"
        "The government in Ankara had backed the plan for months. A year earlier the Ledra "
        "Palace crossing had opened for the first time since 1974, and thousands walked "
        "through it."
    ))
    assert _site(tags, "Ledra Palace crossing")[0] == "CYP"


def test_a_town_a_column_set_out_from_does_not_take_the_bridge_it_crossed(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Bahrain's protesters had camped in Manama for a month.\n\nOn 14 March Saudi armoured cars "
        "rolled over the King Fahd Causeway from Dammam, the first of a Gulf force."
    ))
    assert _site(tags, "King Fahd Causeway")[0] == "BHR"


def test_an_air_base_named_after_two_towns_stands_at_the_first(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Uzbekistan's president ordered the Americans out. They left the Karshi-Khanabad air "
        "base in November, and the German contingent at Termez stayed."
    ))
    assert _site(tags, "Karshi-Khanabad air base") == ("UZB", "Qarshi")


def _names(tags: ArticleTags) -> set[tuple[str, str]]:
    return {(p.name, p.iso3) for p in tags.places}


def test_a_settlement_above_the_city_stands_at_the_town_named_before(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Palestinian shopkeepers in Hebron closed their shutters on Monday.\n\nThe gunman, "
        "who had moved to Israel from Ohio, lived in Givat Harsina, the settlement on the "
        "ridge above the city, and was arrested there."
    ))
    assert _site(tags, "Givat Harsina") == ("PSE", "Hebron")


def test_a_site_named_by_the_end_of_its_name_is_the_same_site(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Jordan and Israel opened the Yitzhak Rabin crossing, the border post between Aqaba "
        "and Eilat, in 1994. Lorries queue at the Rabin crossing every morning.",
        title="Twenty years of the Rabin crossing in Aqaba",
    ))
    crossings = [p for p in tags.places if p.name.endswith("crossing")]
    assert [(p.name, p.iso3) for p in crossings] == [("Yitzhak Rabin crossing", "JOR")]


def test_a_towns_airport_after_another_towns_possessive_is_the_airport(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "The fugitive landed at Moscow's Vnukovo airport on 3 May and was arrested by Russian "
        "police the same night."
    ))
    assert ("Vnukovo airport", "RUS") in _names(tags)
    assert ("Vnukovo", "RUS") not in _names(tags)


def test_a_towns_name_and_airport_is_the_airport(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Ukraine's paratroopers held the ruins of Luhansk airport until September 2014."
    ))
    assert _site(tags, "Luhansk airport") == ("UKR", "Luhansk")


def test_a_generic_site_name_in_another_country_is_another_site(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Azerbaijan hosted the final at the Olympic Stadium in Baku in 2019. Four years later "
        "Turkey staged it at the Atatürk Olympic Stadium in Istanbul."
    ))
    assert _site(tags, "Olympic Stadium") == ("AZE", "Baku")
    assert _site(tags, "Atatürk Olympic Stadium") == ("TUR", "Istanbul")


def test_a_crossing_is_not_placed_where_the_other_side_of_the_border_is(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Greece's police fired tear gas at the Kastanies crossing, near Orestiada, in March. "
        "Turkey's buses had left the migrants at the Pazarkule crossing, near Edirne, the day "
        "before."
    ))
    assert _site(tags, "Kastanies crossing")[0] == "GRC"
    assert _site(tags, "Pazarkule crossing")[0] == "TUR"


def test_a_site_nicknamed_after_a_town_abroad_stands_where_it_is(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Iraq's army retook Ramadi in December.\n\nThe soldiers crossed the Euphrates in "
        "Ramadi on a steel bridge that American engineers had dubbed the Golden Gate Bridge, "
        "after the one in San Francisco."
    ))
    assert _site(tags, "Golden Gate Bridge")[0] == "IRQ"


def test_a_site_its_apposition_calls_a_square_even_with_a_demonym_in_its_name(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Ukraine's police kept the rallies apart in May. Flowers lay on Kulykove Pole, the "
        "wide square near Odesa's railway station."
    ))
    assert _site(tags, "Kulykove Pole") == ("UKR", "Odesa")


def test_a_site_named_by_its_apposition_as_a_crossing(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Lebanon's militiamen gathered at Good Fence, the crossing below Marjayoun, as "
        "Israel's army left in May 2000."
    ))
    assert _site(tags, "Good Fence")[0] == "LBN"


def test_an_air_base_in_the_country_its_clause_went_to(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Britain's suspects were tried far from Lockerbie.\n\nIn 1999 they were flown to "
        "the Netherlands and tried under Scottish law at Camp Zeist, a disused American air "
        "base."
    ))
    assert _site(tags, "Camp Zeist")[0] == "NLD"


def test_a_person_described_with_a_site_noun_later_is_no_site(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Bosnia and Herzegovina honoured Ivo Andrić, the writer whose bridge novel won the "
        "Nobel prize, in Višegrad on Sunday."
    ))
    assert not any("Andrić" in p.name for p in tags.places)


def test_an_air_base_known_by_its_number(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Niger's junta ordered the Americans out in 2024. Their drones flew from Air Base 201 "
        "outside Agadez."
    ))
    assert _site(tags, "Air Base 201") == ("NER", "Agadez")
