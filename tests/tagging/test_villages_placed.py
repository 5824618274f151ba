"""Villages no table holds, placed by what their apposition says: "the city" it lies by, or
the country it names."""

from __future__ import annotations

from newsmap.model import ArticleTags
from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def _place(tags: ArticleTags, name: str) -> tuple[str, str | None]:
    place = next(p for p in tags.places if p.name == name)
    return place.iso3, place.site_of


def test_a_village_on_the_edge_of_the_city_is_at_the_city_named_before(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Police in Zagreb and Croatia's prosecutors had helped Serbia hunt the gang for a "
        "month; it had run Belgrade's drug trade for years.\n\nOn 27 March they cornered two "
        "of its leaders in the village of Batajnica Polje, on the northern edge of the city."
    ))
    assert _place(tags, "Batajnica Polje") == ("SRB", "Belgrade")


def test_a_hamlet_its_apposition_puts_in_a_country_is_there(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Cyprus's leaders met in Nicosia in February.\n\nThe final round was held in March at "
        "Seelisberg-Au, a hamlet of old hotels above the lake in Switzerland, and failed."
    ))
    assert _place(tags, "Seelisberg-Au")[0] == "CHE"


def _names(tags: ArticleTags) -> set[tuple[str, str]]:
    return {(p.name, p.iso3) for p in tags.places}


def test_a_village_written_another_way_beside_a_town_of_its_country(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Egypt tightened security after the blasts. Police set up roadblocks in Sharm "
        "el-Sheikh and on the coast road near Nuweiba."
    ))
    assert ("Nuwaybi‘a", "EGY") in _names(tags)


def test_a_village_written_with_a_word_before_its_name(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "The poet was born in Bosanski Šamac in 1931 and studied in Sarajevo."
    ))
    assert ("Šamac", "BIH") in _names(tags)


def test_a_province_is_not_a_village_that_begins_with_its_name(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Iran has lost many towns to earthquakes. In 1990 one in Gilan and Zanjan killed "
        "tens of thousands."
    ))
    assert not any(p.name.startswith("Gīlān") for p in tags.places)


def test_every_village_of_a_list_after_near_is_cued(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Ukraine's army said on Tuesday that shelling had hit farms near Kupiansk and Kozacha "
        "Lopan."
    ))
    assert ("Kozacha Lopan", "UKR") in _names(tags)


def test_a_list_that_ends_in_more_villages_names_villages(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Russian troops moved into the hills above Botlikh in August. Within a day the "
        "militants held Kvanada, Shodroda and Gagatli and a few other hamlets."
    ))
    places = {p.name: p.iso3 for p in tags.places}
    assert places.get("Kvanada") == places.get("Shodroda") == places.get("Gagatli") == "RUS"


def test_a_sentence_saying_what_a_place_was_in_a_year_makes_it_a_place(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Algeria's army reached Relizane too late.\n\nHad Chekala in 1998 was a village of "
        "shepherds in the hills. Gunmen came to it at night."
    ))
    assert ("Had Chekala", "DZA") in _names(tags)


def test_a_village_in_the_country_of_a_town_the_story_names(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Serbia's former leader went on trial in The Hague in 2002. For him the road to "
        "Scheveningen had begun in Belgrade a year before."
    ))
    assert ("Scheveningen", "NLD") in _names(tags)


def test_a_town_named_without_its_arabic_article(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Iraq's government admitted that the militia had seized Kut for two days in April."
    ))
    assert ("Al-Kut", "IRQ") in _names(tags)


def test_a_town_written_with_an_apostrophe_after_a_hyphen(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Shefa-'Amr, an Arab town in Galilee, buried the four victims on Friday, Israel's "
        "police said."
    ))
    assert ("Shefar‘am", "ISR") in _names(tags)


def test_a_cued_name_the_text_gives_a_person_is_not_a_town(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Japan's government pleaded for the reporter Kenji Goto for a week. The militants "
        "killed Goto in Syria at the end of January."
    ))
    assert not any(p.iso3 == "JPN" for p in tags.places)


def test_a_village_placed_by_its_distance_from_something(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Lebanon's army said on Sunday that Israeli shells had hit Ayta ash-Shab again. The "
        "fighters kept Bint Jbeil, a few kilometres from the border, for a month."
    ))
    assert ("Bent Jbaïl", "LBN") in _names(tags)


def test_a_province_placed_by_its_distance_is_not_a_village(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Armenia's army said the clash was in the province of Tavush, some 300 kilometres "
        "north of the front."
    ))
    assert not any(p.name == "Tavush" for p in tags.places)


def test_the_people_of_a_village_name_the_village(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Slovenia's fishing fleet is small. The fishermen of Izola still sell their catch on "
        "the quay every morning; the families of Orašje and Šamac, in Bosnia and "
        "Herzegovina, buy it."
    ))
    assert {("Izola", "SVN"), ("Orašje", "BIH"), ("Šamac", "BIH")} <= _names(tags)


def test_a_village_a_flood_reached_on_a_named_side_of_the_river(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Croatia and Bosnia and Herzegovina both lost villages in 2014. The Sava flooded "
        "Gunja, in Croatia, and by night the water had reached Orašje, on the Bosnian side."
    ))
    assert ("Orašje", "BIH") in _names(tags)


def test_a_name_put_in_a_part_of_a_town_is_a_district_not_a_village(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Survivors still meet at Dubrovka every October.\n\nRussia's prosecutors said the "
        "gunmen had taken a concert hall on Dubrovka, in south-eastern Moscow, in 2002."
    ))
    assert not any(p.name == "Dubrovka" for p in tags.places)
    assert ("Moscow", "RUS") in _names(tags)


def test_settlements_listed_after_the_country_they_are_in(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Israel's army cleared the Gaza settlements in August 2005.\n\nThe next week it "
        "emptied two outposts in the northern West Bank, among them Ganim and Kadim."
    ))
    places = {p.name: p.iso3 for p in tags.places}
    assert places.get("Ganim") == places.get("Kadim") == "PSE"


def test_a_village_the_largest_of_its_kind_in_a_country(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Israel's soldiers knocked on the doors of Gush Katif Bet, the largest of the "
        "settlements in the Gaza Strip, on 17 August 2005."
    ))
    assert ("Gush Katif Bet", "PSE") in _names(tags)


def test_a_big_city_a_village_is_near_stays_itself_despite_another_country_in_the_sentence(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Ukraine's army lost the town in 2022.\n\nIn July the prisoners were moved to "
        "Olenivka, a village near Donetsk, in territory held by Russia."
    ))
    assert ("Donetsk", "UKR") in _names(tags)


def test_a_lebanese_tripoli_in_a_story_that_names_libya(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Libya's civil war filled the news. But in Lebanon, the fighting was in Tripoli, in "
        "northern Lebanon, where two mosques were bombed."
    ))
    assert ("Tripoli", "LBN") in _names(tags)


def test_an_arabic_name_transliterated_another_way(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Syria's Kurds held the border towns through 2015. Ain al-Arab, a town on the "
        "Turkish frontier, was besieged for four months, and families fled to Ain Issa, a "
        "town further east."
    ))
    names = _names(tags)
    assert ("‘Ayn al ‘Arab", "SYR") in names
    assert ("‘Ayn ‘Īsá", "SYR") in names


def test_a_town_whose_name_is_a_word_placed_by_a_direction(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Jordan's police found the bomber's wife hiding in Salt, west of Amman, a week later."
    ))
    assert ("As Salţ", "JOR") in _names(tags)


def test_a_word_that_is_a_town_name_stays_a_word_elsewhere(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Jordan exports potash and salt. In Salt the shops stayed shut on Friday."
    ))
    assert ("As Salţ", "JOR") not in _names(tags)
