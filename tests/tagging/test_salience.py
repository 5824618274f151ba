"""Honest salience: reactions, statements and side episodes keep a country as a mention, never
as what the story is about; a curated ``countries:`` list is the primary set."""

from __future__ import annotations

from newsmap.tagging import tag_article
from tests.tagging.conftest import MakeArticle

KOSOVO_BORDER = (
    "Kosovo closed two crossings on its northern border with Serbia on Sunday after masked "
    "gunmen ambushed a police patrol near the village of Banjska, killing one officer. The "
    "United States condemned the attack and called on Belgrade to rein in the armed groups.\n\n"
    "The gunmen later barricaded themselves inside a monastery, where a standoff with Kosovo "
    "police lasted most of the day. Serbia denied any involvement. Washington warned that "
    "troops massing on the Serbian side of the boundary would be treated as a threat.\n\n"
    "Kosovo's prime minister said the attackers had been trained in Serbia. Two days later, "
    "NATO sent more peacekeepers to the north of Kosovo."
)


def test_kosovo_border_story_makes_the_united_states_a_passing_mention(
    make_article: MakeArticle,
) -> None:
    article = make_article(
        KOSOVO_BORDER, title="Gunfire on the Kosovo-Serbia border", published="2023-09-26"
    )
    tags = tag_article(article)
    by_code = {c.iso3: c for c in tags.countries}
    assert by_code["USA"].primary is False
    assert by_code["XKX"].primary
    assert by_code["SRB"].primary
    assert tags.countries[0].iso3 == "XKX"  # the darkest country on the map
    assert by_code["USA"].salience < 0.5
    assert not [e for e in tags.events if e.iso3 == "USA"]
    found = {(e.date.iso() if e.date else None, e.iso3) for e in tags.events}
    assert ("2023-09-24", "XKX") in found
    assert ("2023-09-26", "XKX") in found  # "two days later", from Sunday the 24th


def test_curated_countries_are_the_primary_set(make_article: MakeArticle) -> None:
    body = (
        "Serbia and Hungary opened a new rail link between Belgrade and Budapest on Tuesday. "
        "Hungarian and Serbian ministers rode the first train; China financed most of the line."
    )
    tags = tag_article(make_article(body, title="A railway", countries=("SRB",)))
    primary = {c.iso3 for c in tags.countries if c.primary}
    assert primary == {"SRB"}
    assert {"HUN", "CHN"} <= {c.iso3 for c in tags.countries}  # still mentioned


def test_a_reaction_in_the_lead_does_not_make_a_country_primary(
    make_article: MakeArticle,
) -> None:
    body = (
        "Germany condemned the arrest of an opposition leader in Tbilisi on Friday. Georgian "
        "police detained Nika Melia at his party's office after a raid. Georgia's ruling "
        "party said the arrest was lawful, and crowds gathered outside parliament in Tbilisi."
    )
    tags = tag_article(make_article(body, title="Arrest in Tbilisi", published="2021-02-26"))
    by_code = {c.iso3: c for c in tags.countries}
    assert by_code["GEO"].primary
    assert by_code["DEU"].primary is False
    assert not [e for e in tags.events if e.iso3 == "DEU"]


def test_a_people_abroad_is_not_its_kin_state(make_article: MakeArticle) -> None:
    body = (
        "In Tetovo, ethnic Albanians marched to demand more jobs in the police. Bosnian Croat "
        "families from Mostar joined a rally in Skopje the same week."
    )
    tags = tag_article(make_article(body, title="Protests in North Macedonia"))
    found = {c.iso3 for c in tags.countries}
    assert "MKD" in found
    assert "ALB" not in found  # the Albanians of North Macedonia
    assert "HRV" not in found  # Croats of Bosnia
    assert "BIH" in found


def test_a_former_federation_is_no_country(make_article: MakeArticle) -> None:
    body = "Slovenia left Yugoslavia in 1991, the year the Soviet Union fell apart."
    tags = tag_article(make_article(body, title="Independence"))
    assert {c.iso3 for c in tags.countries} == {"SVN"}


# A long story of one country; in one sentence its army acts abroad.
LONG_STORY_ONE_EPISODE_ABROAD = (
    "Turkey's government called an early election for 1 November 2015 after coalition talks "
    "failed in August. On 20 July a suicide bomber killed thirty-three young activists in "
    "Suruç. Two days later, two police officers were shot dead in Ceylanpınar. On 24 July "
    "Turkish jets bombed positions in Syria for the first time. On 10 October two bombs "
    "exploded outside the main railway station in Ankara, killing more than a hundred people. "
    "On 28 October the police raided the offices of an opposition media group in Istanbul. "
    "Three days later, the ruling party won back its majority. On 24 November Turkish "
    "fighters shot down a Russian bomber near the border. On 17 February 2016 a car bomb "
    "killed twenty-nine people in Ankara."
)

# A short piece of a few episodes, each in another country where the main actor acted.
SHORT_STORY_OF_EPISODES = (
    "Hungary expelled two Iranian diplomats on Monday, accusing them of spying on exiled "
    "dissidents in Budapest.\n\n"
    "It is not the first time. In 1996, Iran smuggled explosives to Belgium, and in 2018 "
    "Iranian agents plotted an attack on a rally in Vienna. On 3 March 2023 Hungarian police "
    "arrested a third suspect."
)


def test_one_episode_abroad_in_a_long_story_leaves_that_country_a_mention(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(
        make_article(
            LONG_STORY_ONE_EPISODE_ABROAD, title="A year of bombs in Turkey", published="2016-03-01"
        )
    )
    by_code = {c.iso3: c for c in tags.countries}
    assert by_code["TUR"].primary
    found = {(e.date.iso() if e.date else None, e.iso3) for e in tags.events}
    assert ("2015-07-24", "SYR") in found
    assert by_code["SYR"].primary is False  # one of nine events: a side episode
    assert by_code["RUS"].primary is False


def test_episodes_of_a_short_story_make_their_countries_primary(
    make_article: MakeArticle,
) -> None:
    tags = tag_article(
        make_article(SHORT_STORY_OF_EPISODES, title="Hungary expels Iranian diplomats")
    )
    primary = {c.iso3 for c in tags.countries if c.primary}
    assert {"HUN", "IRN", "BEL"} <= primary  # Iran acted in Belgium: one of four events


def test_a_capital_where_something_was_held_in_the_title_is_not_primary(
    make_article: MakeArticle,
) -> None:
    body = (
        "Thirty years ago, Armenian and Azerbaijani envoys agreed to stop the war over "
        "Karabakh. Azerbaijan's army had lost Kalbajar, and Armenian forces held the hills. "
        "The fighting in Karabakh ended on 12 May 1994, and the front froze for decades."
    )
    article = make_article(body, title="A truce signed in Bishkek", published="2024-05-12")
    tags = tag_article(article)
    by_code = {c.iso3: c for c in tags.countries}
    assert by_code["KGZ"].primary is False
    assert by_code["AZE"].primary
