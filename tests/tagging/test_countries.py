"""Country tags: context decides what a name means, and salience decides what is primary."""

from __future__ import annotations

from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def codes(tags_countries: object) -> set[str]:
    return {c.iso3 for c in tags_countries}  # type: ignore[attr-defined]


def test_georgia_the_us_state_is_not_the_country(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Observers from the Atlanta-based Carter Center watched the vote in Tunis. Carter, a "
            "former governor of Georgia, praised the result.",
            title="Tunisia votes",
        )
    )
    assert "GEO" not in codes(tags.countries)
    assert "TUN" in codes(tags.countries)


def test_georgia_the_country_in_caucasus_context(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Russian troops entered Georgia on August 8th. Tbilisi asked for a ceasefire.",
            title="War in the Caucasus",
            published="2008-08-20",
        )
    )
    assert {"GEO", "RUS"} <= codes(tags.countries)


def test_greek_region_of_macedonia_is_not_the_country(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Farmers in the northern Greek region of Macedonia blocked roads near Thessaloniki.",
            title="Greek farmers protest",
            published="2021-02",
        )
    )
    assert "MKD" not in codes(tags.countries)
    assert "GRC" in codes(tags.countries)


def test_macedonia_the_country_before_the_renaming(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Macedonia declared independence in 1991, and Skopje applied to join NATO.",
            title="A new state",
            published="2001",
        )
    )
    assert "MKD" in codes(tags.countries)


def test_tripoli_follows_the_article_country(make_article: MakeArticle) -> None:
    lebanon = tag_article(
        make_article(
            "A bomb exploded in the northern Lebanese city of Tripoli on Friday.",
            title="Blast in Lebanon",
            published="2013-08-24",
        )
    )
    libya = tag_article(
        make_article(
            "Rebels entered Tripoli on Sunday as Gaddafi's forces fled.",
            title="Rebels advance in Libya",
            published="2011-08-25",
        )
    )
    assert {(p.name, p.iso3) for p in lebanon.places} == {("Tripoli", "LBN")}
    assert {(p.name, p.iso3) for p in libya.places} == {("Tripoli", "LBY")}
    assert "LBY" not in codes(lebanon.countries)


def test_outlets_holding_a_place_are_not_countries(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "The Tehran Times and The Jerusalem Post both covered the Iranian announcement.",
            title="Coverage",
            published="2018-05",
        )
    )
    assert codes(tags.countries) == {"IRN"}
    assert tags.places == ()


def test_demonyms_alone_find_countries(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Armenian and Azerbaijani leaders signed a Russian-brokered ceasefire on Monday.",
            title="Ceasefire",
            published="2020-11-12",
        )
    )
    assert {"ARM", "AZE", "RUS"} <= codes(tags.countries)


def test_passing_mention_is_not_primary(make_article: MakeArticle) -> None:
    body = (
        "Albania's parliament approved the budget on Tuesday. Albania's finance minister said "
        "spending on roads would rise. The opposition walked out of the chamber in protest. "
        "Albania hopes to open accession talks soon. Officials compared the plan with one "
        "adopted in Croatia."
    )
    tags = tag_article(make_article(body, title="Albania passes its budget", published="2019-12"))
    by_code = {c.iso3: c for c in tags.countries}
    assert by_code["ALB"].primary
    assert by_code["ALB"].salience == 1.0
    assert by_code["HRV"].primary is False
    assert by_code["HRV"].salience < 0.5
    assert by_code["HRV"].evidence == ("Officials compared the plan with one adopted in Croatia.",)


def test_curated_countries_are_kept_and_primary(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "The minister spoke about trade with Serbia.", title="Trade", countries=("MNE",)
        )
    )
    by_code = {c.iso3: c for c in tags.countries}
    assert by_code["MNE"].primary is True
    assert by_code["MNE"].mentions == 0
    assert "SRB" in by_code


def test_regions_are_tags_not_countries(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Iran has been active in the Western Balkans since the 1990s.", title="Influence"
        )
    )
    assert [r.name for r in tags.regions] == ["Western Balkans"]
    assert codes(tags.countries) == {"IRN"}


def test_georgia_beside_the_united_states_is_still_the_country(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Russia invaded Georgia in August 2008. The United States condemned the attack, and "
            "Georgia and the US signed a charter on strategic partnership in January.",
            title="A charter",
            published="2009-02",
        )
    )
    assert "GEO" in codes(tags.countries)


def test_georgia_in_the_american_south_is_the_state(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Voters in Georgia and Florida went to the polls on Tuesday, and turnout in Atlanta "
            "was high.",
            title="Southern states vote",
            published="2020-11-05",
        )
    )
    assert "GEO" not in codes(tags.countries)


def test_a_demonym_inside_a_proper_name_is_not_the_country(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Mourners gathered on Kulikovo Pole, the square by the railway station in Odesa. "
            "Leaders of the United Tajik Opposition had met in the city, and Karabakh Armenian "
            "refugees sold tea on the corner.",
            title="Flowers on the square",
        )
    )
    assert "UKR" in codes(tags.countries)
    assert not {"POL", "TJK", "ARM"} & codes(tags.countries)


def test_a_demonym_after_a_date_or_a_country_is_still_the_country(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(
        make_article(
            "On 3 March Iraqi generals signed the terms in a tent. On Thursday Polish police "
            "closed the border, and Kosovo Serb leaders met in Mitrovica.",
            title="Ceasefire terms",
        )
    )
    assert {"IRQ", "POL"} <= codes(tags.countries)


def test_nationals_named_in_a_list_of_victims_are_their_countries(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(
        make_article(
            "Bombs killed sixty people in Sharm el-Sheikh in Egypt in July 2005, most of them "
            "Egyptians, and among them Britons, Italians, Germans and Czechs. A week later a "
            "boat sank off Sicily with 300 people, most of them young Eritreans.",
            title="Bombs on the Red Sea",
        )
    )
    assert {"EGY", "GBR", "ITA", "DEU", "CZE", "ERI"} <= codes(tags.countries)


def test_a_people_living_in_another_country_is_still_not_their_kin_state(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(
        make_article(
            "In Mostar, Croats and Bosniaks still go to separate schools. Serbs fled the town "
            "in 1992.",
            title="A divided town in Bosnia and Herzegovina",
        )
    )
    assert "BIH" in codes(tags.countries)
    assert not {"HRV", "SRB"} & codes(tags.countries)


def test_an_ethnic_community_is_not_its_kin_state(make_article: MakeArticle) -> None:
    body = (
        "North Macedonia signed a deal with Greece in 2018. In 2001 an ethnic Albanian "
        "insurgency around Tetovo ended with the Ohrid Agreement."
    )
    tags = tag_article(make_article(body))
    assert "ALB" not in {c.iso3 for c in tags.countries}
