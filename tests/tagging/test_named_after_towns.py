"""Things named after towns: a building "in" another town, a ship always written with "the"."""

from __future__ import annotations

from newsmap.model import ArticleTags
from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def _names(tags: ArticleTags) -> set[str]:
    return {p.name for p in tags.places}


def test_a_building_named_after_a_town_in_another_town_is_not_that_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Russia's police closed the Ivanovo textile museum in Moscow on Monday. Visitors to "
        "the Ivanovo museum were sent home."
    ))
    assert "Moscow" in _names(tags)
    assert "Ivanovo" not in _names(tags)


def test_a_ship_named_after_a_town_is_not_the_town(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "The crew of the Kherson, a tanker sailing for Ukraine, radioed for help off Crete in "
        "1994. "
        "Greece sent a helicopter from Heraklion. The Kherson sank within the hour, and the "
        "Kherson was never raised."
    ))
    assert "Kherson" not in _names(tags)


def test_a_town_written_with_the_before_a_happening_stays_a_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Bosnia remembers the Srebrenica massacre every July. The Srebrenica killings were "
        "ruled a genocide, and the Srebrenica trials went on for years."
    ))
    assert "Srebrenica" in _names(tags)


def test_a_name_its_apposition_calls_a_prison_is_not_a_town(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Russia's security service held the reporter for a year. He was kept at Lefortovo, "
        "the prison in eastern Moscow, and tried in secret."
    ))
    assert "Lefortovo" not in _names(tags)
    assert "Moscow" in _names(tags)


def test_a_town_after_a_named_buildings_in_keeps_the_apposition_for_the_building(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Jordan's king died at the King Hussein Medical Centre in Amman, the hospital that "
        "bears his name."
    ))
    assert "Amman" in _names(tags)


def test_a_town_before_a_memorial_in_another_place_stays_a_town(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(make_article(
        "Bosnia and Herzegovina buried 30 more victims at the Srebrenica memorial in "
        "Potočari on 11 July."
    ))
    assert "Srebrenica" in _names(tags)


def test_names_listed_before_rivers_are_rivers(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Mozambique's floods spread in March. The Buzi and Pungwe rivers burst their banks "
        "near Beira."
    ))
    assert "Búzi" not in _names(tags)
    assert "Beira" in _names(tags)


def test_towns_named_for_their_regions_in_a_list_are_regions(make_article: MakeArticle) -> None:
    tags = tag_article(make_article(
        "Russia annexed the Donetsk and Luhansk regions in September 2022, and Ukraine's "
        "army retook Izium the same month."
    ))
    assert {"Donetsk", "Luhansk"}.isdisjoint(_names(tags))
    assert "Izyum" in _names(tags) or "Izium" in _names(tags)
