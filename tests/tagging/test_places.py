"""Place tags: names the gazetteer knows in more than one spelling, names not places, villages
and sites the wording marks as places, and namesakes told apart by the story's geography."""

from __future__ import annotations

import pytest

from newsmap.model import ArticleTags
from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle


def test_a_name_written_without_its_apostrophe_is_the_place(make_article: MakeArticle) -> None:
    tags = tag_article(make_article("Shelling continued in Tskhinvali on Friday."))
    assert [(p.name, p.iso3) for p in tags.places] == [("Ts’khinvali", "GEO")]


def test_a_resort_with_a_hyphenated_particle_is_a_place(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article("Egypt's former president left Cairo and flew to Sharm el-Sheikh.")
    )
    assert {(p.name, p.iso3) for p in tags.places} == {
        ("Cairo", "EGY"),
        ("Sharm el-Sheikh", "EGY"),
    }


def test_the_white_house_is_not_casablanca(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Morocco's king spoke to the White House on Monday. In Rabat, officials welcomed "
            "the call."
        )
    )
    assert "Casablanca" not in {p.name for p in tags.places}
    assert {p.name for p in tags.places} == {"Rabat"}


def _places(tags: ArticleTags) -> set[tuple[str, str]]:
    return {(p.name, p.iso3) for p in tags.places}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Tourists crowded the beaches of the village of Ksamil, south of Sarandë, as Albania "
            "opened its summer season.",
            {("Ksamil", "ALB"), ("Sarandë", "ALB")},
        ),
        (
            "Stolac, a small town in Herzegovina, buried its dead on Sunday. Bosnia declared a "
            "day of mourning.",
            {("Stolac", "BIH")},
        ),
        (
            "Shots were fired in Štrpce, south of Ferizaj, late on Tuesday, Kosovo police said.",
            {("Štrpce", "XKX"), ("Ferizaj", "XKX")},
        ),
        (
            "Floods hit homes in Përmet in southern Albania after three days of rain.",
            {("Përmet", "ALB")},
        ),
    ],
)
def test_a_village_the_text_calls_a_place_is_found(
    make_article: MakeArticle, body: str, expected: set[tuple[str, str]]
) -> None:
    assert _places(tag_article(make_article(body))) == expected


def test_a_village_name_alone_is_not_a_place(make_article: MakeArticle) -> None:
    # no wording that makes it a place, and no country of the story to look in
    tags = tag_article(make_article("Floods cut off Përmet after three days of rain."))
    assert tags.places == ()


def test_after_in_only_a_village_of_the_storys_countries_is_taken(
    make_article: MakeArticle,
) -> None:
    abroad = tag_article(make_article("Kosovo police searched two homes in Ksamil on Monday."))
    assert abroad.places == ()
    at_home = tag_article(make_article("Albanian police searched two homes in Ksamil on Monday."))
    assert _places(at_home) == {("Ksamil", "ALB")}


def test_a_named_site_takes_its_citys_coordinates(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article("Thousands gathered in Skanderbeg Square in Tirana to protest on Friday.")
    )
    sites = {p.name: p for p in tags.places}
    square, tirana = sites["Skanderbeg Square"], sites["Tirana"]
    assert square.site_of == "Tirana"
    assert (square.iso3, square.lat, square.lon) == (tirana.iso3, tirana.lat, tirana.lon)
    assert tirana.site_of is None


def test_an_airport_named_after_its_city_is_placed_there(make_article: MakeArticle) -> None:
    tags = tag_article(make_article("Flights to Tirana International Airport were cancelled."))
    [airport] = tags.places
    assert (airport.name, airport.iso3, airport.site_of) == (
        "Tirana International Airport", "ALB", "Tirana"
    )


def test_a_border_crossing_is_placed_at_the_nearest_named_place(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(
        make_article(
            "Trucks queued for hours at the Jarinje border crossing near Leposavić, Kosovo "
            "police said."
        )
    )
    crossing = next(p for p in tags.places if p.site_of is not None)
    assert crossing.name == "Jarinje border crossing"
    assert crossing.iso3 == "XKX"


def test_a_site_with_no_city_is_left_out(make_article: MakeArticle) -> None:
    tags = tag_article(make_article("Crowds filled Independence Square on Sunday night."))
    assert tags.places == ()


def test_a_well_known_city_beats_its_small_namesake(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Russian missiles struck Odessa overnight. The American embassy condemned the "
            "strike and US officials promised aid."
        )
    )
    assert _places(tags) == {("Odesa", "UKR")}


def test_the_small_namesake_when_the_text_points_there(make_article: MakeArticle) -> None:
    tags = tag_article(make_article("Oil workers met in Odessa, Texas, on Monday."))
    assert _places(tags) == {("Odessa", "USA")}


def test_a_city_named_in_a_lebanese_story_stays_in_lebanon(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article(
            "Clashes shook the Lebanese city of Tripoli again. The prime minister, himself "
            "from Tripoli, called for calm."
        )
    )
    assert _places(tags) == {("Tripoli", "LBN")}


@pytest.mark.parametrize(
    "body",
    [
        "Dinamo Zagreb beat Partizan Belgrade 2-1 on Wednesday.",
        "Fans of Red Star Belgrade and Hajduk Split sang for an hour.",
        "Students at the University of Belgrade marched on Friday.",
    ],
)
def test_a_city_inside_a_club_or_institution_name_is_not_a_place(
    make_article: MakeArticle, body: str
) -> None:
    assert tag_article(make_article(body)).places == ()


def test_a_persons_name_is_not_a_village(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article("Albania's prime minister Edi Rama spoke to Erion Veliaj in Tirana.")
    )
    assert _places(tags) == {("Tirana", "ALB")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Rockets hit the Balad air base north of Baghdad on Sunday.",
            {("Balad air base", "IRQ", "Balad"), ("Baghdad", "IRQ", None)},
        ),
        ("Flights from Skopje Airport resumed on Monday.", {("Skopje Airport", "MKD", "Skopje")}),
        (
            "Flights left Tehran's Imam Khomeini International Airport before dawn.",
            {("Tehran", "IRN", None), ("Imam Khomeini International Airport", "IRN", "Tehran")},
        ),
        (
            "Vendors returned to Baščaršija square in Sarajevo.",
            {("Baščaršija", "BIH", "Sarajevo"), ("Sarajevo", "BIH", None)},
        ),
        ("Divers leapt from the Old Bridge in Mostar.", {("Mostar", "BIH", None)}),
        (
            "Iraqi generals signed the terms at the Rumaila airfield near Basra.",
            {("Rumaila airfield", "IRQ", "Basrah"), ("Basrah", "IRQ", None)},
        ),
    ],
)
def test_sites_however_their_name_is_written(
    make_article: MakeArticle, body: str, expected: set[tuple[str, str, str | None]]
) -> None:
    tags = tag_article(make_article(body))
    assert {(p.name, p.iso3, p.site_of) for p in tags.places} == expected


def test_a_village_no_table_holds_is_placed_at_the_place_it_is_near(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(
        make_article("Gunmen attacked Velika Hoča, a village near Orahovac, at dawn, Kosovo "
                     "police said.")
    )
    village = next(p for p in tags.places if p.name == "Velika Hoča")
    assert (village.iso3, village.site_of) == ("XKX", "Orahovac")


def test_villages_listed_after_among_them(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article("Floods reached towns across southern Albania, among them Përmet and Himarë.")
    )
    assert _places(tags) == {("Përmet", "ALB"), ("Himarë", "ALB")}


def test_a_us_state_is_not_a_town_abroad(make_article: MakeArticle) -> None:
    assert _places(tag_article(make_article("Talks were held at Key West in Florida."))) == {
        ("Key West", "USA")
    }


def test_a_month_before_a_capital_does_not_hide_it(make_article: MakeArticle) -> None:
    tags = tag_article(make_article("On 12 March Sarajevo declared a day of mourning."))
    assert _places(tags) == {("Sarajevo", "BIH")}


def test_a_village_the_text_names_so_beside_a_town_abroad_is_taken(
    make_article: MakeArticle,
) -> None:
    body = (
        "Israel left southern Lebanon in May 2000. Families waited at the gate between the "
        "village of Kfar Kila and Metula in Israel. In Mali, prisoners were shot at Aguelhok, "
        "a garrison village near the Algerian border."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert {("Kfar Kila", "LBN"), ("Aguelhok", "MLI")} <= found


def test_a_town_whose_name_begins_with_a_countrys_is_the_town(make_article: MakeArticle) -> None:
    body = "By evening the riots had spread from Pristina to Kosovo Polje, west of the capital."
    tags = tag_article(make_article(body, published="2004-03-18"))
    assert ("Kosovo Polje", "XKX") in {(p.name, p.iso3) for p in tags.places}
    assert "XKX" in {c.iso3 for c in tags.countries}


def test_new_york_is_new_york_city(make_article: MakeArticle) -> None:
    body = "Montenegro's flag was raised outside the UN headquarters in New York on 28 June 2006."
    tags = tag_article(make_article(body))
    assert ("New York City", "USA") in {(p.name, p.iso3) for p in tags.places}


def test_every_village_of_a_list_after_in_is_a_place(make_article: MakeArticle) -> None:
    body = (
        "Montenegro voted for independence in May 2006. In Pljevlja and Berane, in the north, "
        "most people had voted against it."
    )
    tags = tag_article(make_article(body))
    assert {("Pljevlja", "MNE"), ("Berane", "MNE")} <= {(p.name, p.iso3) for p in tags.places}


def test_a_town_after_such_as_is_not_inside_a_club_name(make_article: MakeArticle) -> None:
    body = (
        "Rockets fell for weeks on towns in northern Israel such as Kiryat Shmona, and in "
        "July 2020 Armenian villages such as Movses came under fire. AS Roma played in Tirana."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert {("Qiryat Shmona", "ISR"), ("Movses", "ARM")} <= found
    assert not any(iso3 == "ITA" for _, iso3 in found)  # "AS Roma" is still a club


def test_a_village_beside_a_border_country_is_in_the_storys_country(
    make_article: MakeArticle,
) -> None:
    body = (
        "Bombs hit the resorts of Egypt in July 2005. Nine months before, a car bomb had "
        "wrecked a hotel in Taba, on the border with Israel, and two more hit camps near Nuweiba."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Taba", "EGY") in found


def test_a_site_whose_noun_comes_first_is_a_site(make_article: MakeArticle) -> None:
    body = (
        "The ship reached Bari in August 1991, and Italian police herded the Albanians into "
        "the Stadio della Vittoria, the city's old football ground."
    )
    places = {(p.name, p.iso3, p.site_of) for p in tag_article(make_article(body)).places}
    assert ("Stadio della Vittoria", "ITA", "Bari") in places


def test_a_village_a_force_took_is_a_place(make_article: MakeArticle) -> None:
    body = (
        "Armenian forces pushed east from Karabakh in 1993. In April they overran Kalbajar, "
        "and Azerbaijan lost a whole province. In Ukraine, the separatists had taken "
        "Vuhlehirsk before the talks began in February 2015."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert {("Kalbajar", "AZE"), ("Vuhlehirsk", "UKR")} <= found


def test_a_town_written_without_its_arabic_article_is_the_town(make_article: MakeArticle) -> None:
    body = "In Syria, in December 2024, crowds in Qardaha, the family's home town, burned a tomb."
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Al Qardāḩah", "SYR") in found


def test_a_crossing_named_by_its_town_is_a_site(make_article: MakeArticle) -> None:
    body = (
        "In July 2008 Israel and Hezbollah swapped prisoners for the bodies of two soldiers at "
        "the Naqoura crossing, on Lebanon's southern border."
    )
    sites = {(p.name, p.iso3) for p in tag_article(make_article(body)).places if p.site_of}
    assert ("Naqoura crossing", "LBN") in sites


def test_a_curated_town_is_found_by_each_of_its_names(make_article: MakeArticle) -> None:
    # The supplement names the town as GeoNames does (Khankendi) and lists Stepanakert beside
    # it: the name most English prose uses must still find it, even in a story that never
    # names Azerbaijan.
    tags = tag_article(
        make_article(
            "Armenians left Stepanakert in their thousands on 25 September 2023. "
            "Yerevan opened the border at Kornidzor."
        )
    )
    assert ("Khankendi", "AZE") in {(p.name, p.iso3) for p in tags.places}


def test_a_village_no_table_holds_is_placed_at_the_story_town(make_article: MakeArticle) -> None:
    body = (
        "Kosovo police reopened the bridge in Mitrovica on 19 August 2024.\n\n"
        "Tensions had peaked in September 2023, when armed men stormed the village of Banjska "
        "and barricaded themselves in a monastery. Later the road was cut at the village of "
        "Dolje Selo, in Serbia."
    )
    tags = tag_article(make_article(body))
    found = {(p.name, p.iso3, p.site_of) for p in tags.places}
    assert ("Banjska", "XKX", "Mitrovicë") in found  # near the story's town, and said so
    assert not any(name == "Dolje Selo" for name, _, _ in found)  # its sentence names Serbia


def test_a_town_of_the_us_state_of_georgia_is_not_the_country(make_article: MakeArticle) -> None:
    tags = tag_article(
        make_article("A Partizan fan from Athens, Georgia, wrote a book about the derby in 2019.")
    )
    assert {(p.name, p.iso3) for p in tags.places} == {("Athens", "USA")}
    assert {c.iso3 for c in tags.countries} == {"USA"}  # neither Greece nor Georgia


def test_a_village_the_tables_lack_is_not_its_namesake_abroad(make_article: MakeArticle) -> None:
    body = (
        "For twenty years the families of Kozluk, a village of about a thousand people on the "
        "Drina, did not speak. In 1992 most of them fled to Tuzla in Bosnia."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Kozluk", "BIH") in found  # not the Kozluk in Turkey, which the story never names


def test_a_name_with_a_word_more_is_another_place(make_article: MakeArticle) -> None:
    body = (
        "The war in Sudan began on 15 April 2023. In June the militia overran El Geneina, the "
        "capital of West Darfur, and killed hundreds of men."
    )
    tags = tag_article(make_article(body))
    assert {(p.name, p.iso3) for p in tags.places} == {("Al-Junaynah", "SDN")}  # no "Fort"


def test_a_town_whose_only_namesakes_are_abroad_is_the_story_town(
    make_article: MakeArticle,
) -> None:
    body = (
        "Fighters pushed into El Fasher in Sudan on 10 May 2024, and thousands fled towards "
        "Tawila, a town some sixty kilometres to the west."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Tawila", "SDN") in found  # not Yemen's Aţ Ţawīlah, a country the story never names


def test_an_air_base_is_a_site_without_the_before_it(make_article: MakeArticle) -> None:
    body = (
        "Kyrgyzstan's protesters seized Bishkek on 24 March 2005, while Washington, whose "
        "Manas air base lay outside the city, watched."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Manas air base", "KGZ") in found


def test_a_square_named_after_a_country_is_a_site(make_article: MakeArticle) -> None:
    body = "Rabin spoke at a rally in Kings of Israel Square in Tel Aviv on 4 November 1995."
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Kings of Israel Square", "ISR") in found


def test_a_village_the_story_names_is_not_its_namesake_abroad(make_article: MakeArticle) -> None:
    body = (
        "Seized munitions blew up at a naval base near Limassol in Cyprus on 11 July 2011. The "
        "blast broke windows in the village of Mari, a kilometre away."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Mari", "CYP") in found  # not Mari in Brazil, which the story never names


def test_a_town_the_name_spells_beats_a_larger_city_once_called_so(
    make_article: MakeArticle,
) -> None:
    body = (
        "Protests in Kyrgyzstan began in Jalal-Abad on 4 March 2005 and spread to Talas in the "
        "north-west. By evening President Akayev was in Kazakhstan."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Talas", "KGZ") in found  # not Taraz, Kazakhstan, which was once called Talas


def test_a_village_the_text_passes_through_is_a_place(make_article: MakeArticle) -> None:
    body = (
        "Ukrainian columns broke through near Balakliia on 6 September 2022 and raced north "
        "through Shevchenkove towards the Oskil."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Shevchenkove", "UKR") in found


def test_where_troops_came_from_does_not_hide_the_village_they_reached(
    make_article: MakeArticle,
) -> None:
    body = (
        "Croatia's old port of Dubrovnik was cut off on 2 October 1991. The army, with reservists "
        "bused in from Nikšić in Montenegro, shut the airport at Čilipi."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert ("Čilipi", "HRV") in found


def test_a_village_beside_one_just_placed_in_the_story_is_found_too(
    make_article: MakeArticle,
) -> None:
    body = (
        "Seized munitions blew up at a naval base near Limassol in Cyprus on 11 July 2011. The "
        "blast broke windows in the village of Mari, a kilometre away, and in Zygi."
    )
    found = {(p.name, p.iso3) for p in tag_article(make_article(body)).places}
    assert {("Mari", "CYP"), ("Zýgi", "CYP")} <= found
