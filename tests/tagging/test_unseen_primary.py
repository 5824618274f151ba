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
