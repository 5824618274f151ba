"""Primary countries and salience (issue 10, "honest salience"), as ``newsmap tag --json`` shows
them: the other side the story follows is primary beside the country it is set in; a host of
talks, an origin, a neighbour, a comparison or a place at the end of a route in the title is a
mention. Short stories of our own, each showing one rule."""

from __future__ import annotations

from typing import Any

from newsmap.tagging import tag_article, tags_to_json
from tests.tagging.conftest import MakeArticle


def _json(make_article: MakeArticle, body: str, title: str, published: str) -> dict[str, Any]:
    """What ``newsmap tag --json`` prints for an article of ``body`` and ``title``."""
    article = make_article(body, title=title, published=published)
    return tags_to_json(article, tag_article(article))


def _primary(shown: dict[str, Any]) -> set[str]:
    return {c["iso3"] for c in shown["countries"] if c["primary"]}


def _passing(shown: dict[str, Any]) -> set[str]:
    """Countries tagged as mentioned, but not as what the story is about."""
    return {c["iso3"] for c in shown["countries"] if not c["primary"]}


def _salience(shown: dict[str, Any], iso3: str) -> float:
    return float(next(c["salience"] for c in shown["countries"] if c["iso3"] == iso3))


def _events(shown: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["date"], e["iso3"]) for e in shown["events"] if e["date"]}


def test_the_defenders_named_as_fighters_make_the_besieging_army_primary(
    make_article: MakeArticle,
) -> None:
    # "Ukrainian fighters" are the home side's forces: with them, two sentences naming the
    # besieging army ("the Russian siege", "Russian troops") make it a side the story follows
    body = (
        "For five weeks in the spring of 2022 the Russian siege of Chernihiv cut the city off "
        "from the capital. Shells fell on the stadium and the library, and the water plant "
        "stopped working in the second week. Ukrainian fighters held the road bridge over the "
        "Desna until an air strike brought it down on 23 March. Residents queued for bread "
        "under fire and buried their dead in a park. Berlin and Warsaw sent generators. "
        "Russian troops pulled back towards the border at the end of March, leaving mines in "
        "the fields around the villages."
    )
    tags = _json(make_article, body, "The bridges of Chernihiv", "2022-05")
    assert _primary(tags) == {"UKR", "RUS"}
    assert {"DEU", "POL"} <= _passing(tags)  # they only sent help


STRIKE = (
    "The strike began in the tin mines of Oruro on 2 June 2019, when the union walked out over "
    "a cut in pensions. Within a week the roads from Oruro to La Paz were blocked with stones "
    "and tyres, and on 12 June the police fired tear gas at miners marching on the ministry in "
    "La Paz. Shops in Potosí closed in sympathy on 14 June. On 20 June the government suspended "
    "the cut, but the union stayed out. In July the strike spread to the silver mines of Potosí "
    "and to the smelter at Vinto. The talks that ended the dispute were held far away: in "
    "September the union and the ministers met at a hotel in Vienna, where a mining conference "
    "was under way, and signed a new pension deal there. The miners of Oruro went back "
    "underground the following week."
)
ROUTE_TITLE = "From the picket lines to Vienna: how Bolivia's miners won their pensions"


def test_a_capital_ending_a_route_in_the_title_is_where_the_story_ends_not_what_it_is_about(
    make_article: MakeArticle,
) -> None:
    tags = _json(make_article, STRIKE, ROUTE_TITLE, "2019-09")
    assert _primary(tags) == {"BOL"}
    assert "AUT" in _passing(tags)  # Vienna: only where the deal was signed


def test_a_capital_ending_a_route_in_the_title_is_primary_when_the_lead_opens_there(
    make_article: MakeArticle,
) -> None:
    lead = (
        "The leaders of Bolivia's tin miners have been in Vienna for a month, guests of the "
        "Austrian unions, and say they will not go home until a pension deal is signed. "
    )
    tags = _json(make_article, lead + STRIKE, ROUTE_TITLE, "2019-09")
    assert _primary(tags) == {"BOL", "AUT"}


def test_agents_of_a_foreign_state_named_through_the_story_make_it_primary(
    make_article: MakeArticle,
) -> None:
    # the state whose agents carried out the story's central act, named in three sentences
    body = (
        "On 29 October 1965 Mehdi Ben Barka, the exiled opposition leader, stepped out of a "
        "taxi on the Boulevard Saint-Germain in Paris for a lunch meeting about a film. Two "
        "French policemen showed him a badge and asked him to get into their car. He was never "
        "seen again. Investigators later established that he had been driven to a villa in "
        "Fontenay-le-Vicomte, south of the capital, where Moroccan agents were waiting for "
        "him. The affair shook the French government: de Gaulle was furious, the head of the "
        "counter-espionage service was dismissed, and the trial of the accused opened in Paris "
        "in September 1966. Moroccan agents had flown in and out of Orly under their own "
        "names, the court heard, and the interior minister who was said to have directed them "
        "was sentenced in his absence to life imprisonment. The policemen got light sentences. "
        "Fifty years on, his family still asks where the body is, and files said to name the "
        "Moroccan agents involved remain classified."
    )
    tags = _json(make_article, body, "Outside the Brasserie Lipp", "2015-10")
    assert _primary(tags) == {"FRA", "MAR"}


def test_a_country_named_only_as_where_the_victims_came_from_stays_a_mention(
    make_article: MakeArticle,
) -> None:
    body = (
        "A fire swept through a workers' hostel in Kalamata on 4 August 2021, killing nine "
        "people. Six of the dead were seasonal pickers from Albania, and two came from "
        "Bulgaria. Firefighters reached the building within minutes, but the stairwell had "
        "already collapsed. On 6 August the owner was arrested. Relatives from Albania arrived "
        "on 7 August to identify the bodies, and on 9 August a bus from Albania carried the "
        "coffins home. On 12 August the government promised inspections of every hostel in "
        "the region."
    )
    tags = _json(make_article, body, "The night the hostel burned", "2021-09")
    assert _primary(tags) == {"GRC"}
    assert {"ALB", "BGR"} <= _passing(tags)
    assert _salience(tags, "ALB") < 0.5


def test_the_country_across_a_border_crossing_is_a_neighbour_not_the_setting(
    make_article: MakeArticle,
) -> None:
    body = (
        "Kapikule lies two kilometres from the border crossing into Bulgaria, and its cafés "
        "live off the trucks. On 3 March 2024 a fire destroyed the covered market in the "
        "centre of the town. Forty stalls burned, and the traders of Edirne sent tents and "
        "tables the next morning. On 20 March the mayor promised a new market hall before the "
        "winter."
    )
    tags = _json(make_article, body, "A market town on the frontier", "2024-04")
    assert _primary(tags) == {"TUR"}
    assert "BGR" in _passing(tags)
    assert tags["countries"][0]["iso3"] == "TUR"


def test_a_town_after_an_accented_word_is_where_talks_were_held(
    make_article: MakeArticle,
) -> None:
    # "at the château of Blois" places the talks there, as "at the castle of Blois" would:
    # the town is found, and France, which only hosted them, stays a mention
    body = (
        "Fighting between the army of Moldova and the separatists of Transnistria broke out in "
        "March 1992 on the bridges over the Dniester. On 19 June 1992 Transnistrian units "
        "stormed the police station in Bender, and the battle for the town lasted three days. "
        "Hundreds were killed, and thousands of families from Bender fled to Chisinau. On 10 "
        "July Moldovan and Transnistrian delegations met at the château of Blois for talks "
        "under a mediator from the CSCE. The ceasefire they agreed took effect on 29 July "
        "along the whole river. Moldova's parliament approved the accord in August, and the "
        "bridges at Bender were reopened in September."
    )
    tags = _json(make_article, body, "The road to the accord", "1992-10")
    assert _primary(tags) == {"MDA"}
    assert "FRA" in _passing(tags)
    assert "Blois" in {p["name"] for p in tags["places"]}


def test_a_culprit_counts_in_full_where_an_origin_counts_half(make_article: MakeArticle) -> None:
    def salience(phrase: str) -> float:
        body = (
            "A Greek cargo ship sank in the Gulf of Aden on 3 March 2024, four days after it "
            f"was hit by a missile fired {phrase} Yemen. Its crew reached Djibouti in lifeboats, "
            "and on 5 March the owners in Piraeus asked Greece's navy for an escort for "
            "their other ships."
        )
        tags = _json(make_article, body, "A ship lost", "2024-03")
        return _salience(tags, "YEM")

    # "from Yemen" is where the missile came from; "by Yemen" says who fired it
    assert salience("from") < salience("by")


def test_a_capital_abroad_that_only_hosted_talks_and_a_signing_stays_a_mention(
    make_article: MakeArticle,
) -> None:
    # Cuba is named only as "in Havana", where the talks sat and the first accord was signed:
    # it hosted two of the story's events, which count half for a host
    body = (
        "Colombia's longest war began to end in a hotel far from its jungles. The FARC "
        "guerrillas attacked a police post in Toribío on 9 July 2012, and the army answered "
        "with air raids on their camps in Cauca. In November 2012 government and rebel "
        "negotiators sat down for talks in Havana. The talks dragged on for four years. A first "
        "agreement was signed in Havana on 24 August 2016. Colombian voters rejected it in a "
        "referendum on 2 October. A revised accord was signed in Bogotá on 24 November, and "
        "the fighters began handing in their rifles in Cauca and Meta in the spring."
    )
    tags = _json(make_article, body, "The long road out of the jungle", "2017-06")
    assert _primary(tags) == {"COL"}
    assert "CUB" in _passing(tags)
    assert ("2016-08-24", "CUB") in _events(tags)


def test_a_country_named_only_to_say_where_a_town_lies_is_counted_once_with_the_town(
    make_article: MakeArticle,
) -> None:
    # "Kilis, in neighbouring Turkey" is one place, the town, with its address
    body = (
        "The families of eastern Aleppo spent the night of 15 December 2016 in buses at a "
        "checkpoint, waiting to leave for Kilis, in neighbouring Turkey. The ceasefire had "
        "been agreed two days earlier, after the army took the last districts by the river. On "
        "22 December the last convoy left, and the state television showed soldiers in the old "
        "souk. Many of the families now live in camps in Idlib, and some have never seen the "
        "city again."
    )
    tags = _json(make_article, body, "The last winter of eastern Aleppo", "2017-03")
    assert _primary(tags) == {"SYR"}
    assert "TUR" in _passing(tags)


def test_a_country_named_only_as_a_comparison_stays_a_mention(make_article: MakeArticle) -> None:
    body = (
        "Hail destroyed the vineyards around Cahul on 12 June 2023. The growers had no "
        "insurance. Unlike Romania, Moldova has no state fund for crops lost to the weather, "
        "and unlike Romania it pays no subsidy for new vines. The farmers say they are treated "
        "worse than Romania treats its own, and many are now selling their land."
    )
    tags = _json(make_article, body, "A harvest lost to hail", "2023-08")
    assert _primary(tags) == {"MDA"}
    assert "ROU" in _passing(tags)


def test_a_country_and_where_in_it_are_one_location(make_article: MakeArticle) -> None:
    def turkey(where: str) -> float:
        body = (
            "The last buses left eastern Aleppo on 22 December 2016, and the state television "
            "showed soldiers in the old souk. The ceasefire had been agreed a week earlier, "
            f"after the army took the last districts by the river. Many of the families went "
            f"on to camps {where}, and on 9 March 2017 a fire swept through the largest of "
            "them. Others stayed in Idlib, and some have never seen the city again."
        )
        tags = _json(make_article, body, "Eastern Aleppo", "2017-03")
        return _salience(tags, "TUR")

    # "in Turkey, near Kilis" is one place: saying where in Turkey adds nothing
    assert turkey("in Turkey, near Kilis") == turkey("in Turkey")


def test_a_country_named_in_an_aside_about_the_subject_is_not_its_actor(
    make_article: MakeArticle,
) -> None:
    # ", shared between Finland and Latvia," says something of the championship; Finland does
    # not open the sentence as the one acting, so its opening game there is not Latvia's story
    body = (
        "Latvia won the bronze medal at the ice hockey world championship on 28 May 2023, after "
        "a 4-3 win in overtime in Tampere. It was the first medal in the country's history. The "
        "championship, shared between Finland and Latvia, had opened on 12 May in Tampere with "
        "a 5-1 win for the hosts over Norway. Latvia had played its group games in Riga, where "
        "crowds filled the arena every night. On 29 May the players flew home to a crowd of "
        "thousands in Riga, and the government declared a public holiday."
    )
    tags = _json(make_article, body, "Latvia's bronze on the ice", "2023-06")
    assert _primary(tags) == {"LVA"}
    assert {"FIN", "NOR"} <= _passing(tags)


def test_travel_agents_are_not_agents_of_their_state(make_article: MakeArticle) -> None:
    body = (
        "The hotels of Hurghada were half empty on 1 July 2016, a year after a bomb brought "
        "down a charter flight over Sinai. Russian travel agents sold no packages to Egypt that "
        "summer. On 15 July the tourism minister met Russian travel agents at a fair in Cairo, "
        "and on 20 July the Red Sea governor cut hotel taxes for the rest of the summer. By "
        "August most Russian travel agents were selling Turkey instead. Waiters and divers left "
        "Hurghada for Cairo, and many never came back."
    )
    tags = _json(make_article, body, "An empty season in Hurghada", "2016-08")
    assert _primary(tags) == {"EGY"}
    assert "RUS" in _passing(tags)


def test_fire_fighters_and_water_bombers_are_not_armies(make_article: MakeArticle) -> None:
    body = (
        "A wildfire broke out in the hills above Limni on 3 August 2021 and burned for more "
        "than a week across the north of Evia. Greek fire fighters were outnumbered from the "
        "first night, and villagers fought the flames with garden hoses. On 7 August Italian "
        "water bombers arrived at the airport in Elefsina. On 8 August Greek fire fighters and "
        "volunteers saved the monastery above Limni, and on 9 August Italian water bombers "
        "dropped sea water on the forests around Istiaia. By the time the rain came, fifty "
        "thousand hectares had burned."
    )
    tags = _json(make_article, body, "The summer Evia burned", "2021-09")
    assert _primary(tags) == {"GRC"}
    assert "ITA" in _passing(tags)  # it sent help


def test_a_wish_is_not_a_comparison(make_article: MakeArticle) -> None:
    def serbia(verb: str) -> float:
        body = (
            "Kosovo and Serbia resumed talks on 2 March 2023. The European Union "
            f"{verb} Serbia to recognise Kosovo's documents, and {verb} Serbia to drop its "
            "objection to Kosovo's seat at the Council of Europe. On 18 March the two leaders "
            "met again in Ohrid and agreed on an annex."
        )
        tags = _json(make_article, body, "Talks resume", "2023-04")
        return _salience(tags, "SRB")

    assert serbia("would like") == serbia("wants")


def test_the_country_a_withdrawal_left_is_not_an_origin(make_article: MakeArticle) -> None:
    def lebanon(verb: str) -> float:
        body = (
            f"The last Israeli tanks {verb} Lebanon before dawn, and the militia they had armed "
            "fell apart within hours. Crowds gathered at the gates of the old prison in Khiam "
            "on 24 May 2000, and on 25 May families walked into villages in the south that they "
            "had not seen for twenty years."
        )
        tags = _json(make_article, body, "Khiam", "2000-06")
        return _salience(tags, "LBN")

    # "withdrew from Lebanon" leaves the place the story is about, as "left Lebanon" does
    assert lebanon("withdrew from") == lebanon("left")


def test_expelling_a_countrys_diplomats_does_not_happen_in_that_country(
    make_article: MakeArticle,
) -> None:
    body = (
        "North Macedonia expelled Russian diplomats on 6 March 2023 after a spying case, and on "
        "9 March the last of them left Skopje by car. Moscow promised an answer."
    )
    tags = _json(make_article, body, "Diplomats sent home", "2023-04")
    assert _primary(tags) == {"MKD"}
    assert _events(tags) == {
        ("2023-03-06", "MKD"),
        ("2023-03-09", "MKD"),
    }


def test_a_country_where_the_core_countrys_people_were_arrested_is_a_side_episode(
    make_article: MakeArticle,
) -> None:
    # "Two Georgian men were arrested there": Georgians acted upon in Turkey, not Georgia
    # acting there
    body = (
        "An icon of St George disappeared from a church in Mtskheta on 3 March 2019. Georgian "
        "police searched the border towns for weeks. On 12 April the icon turned up in a flat "
        "in Istanbul. Two Georgian men were arrested there the same day, and they were "
        "sentenced that June. The icon came home to Mtskheta on 20 July, and on 21 July the "
        "patriarch carried it through the town."
    )
    tags = _json(make_article, body, "The icon that came home", "2019-08")
    assert _primary(tags) == {"GEO"}
    assert "TUR" in _passing(tags)
