"""Second primary countries (issue 10, "honest salience"): the other side the story follows is
primary beside the country it is set in; a place reached only at the end of a route named in
the title is not. Short stories of our own, each showing one rule."""

from __future__ import annotations

from newsmap.model import ArticleTags
from newsmap.tagging import tag_article, tags_to_json
from tests.tagging.conftest import MakeArticle


def _primary(tags: ArticleTags) -> set[str]:
    return {c.iso3 for c in tags.countries if c.primary}


def _passing(tags: ArticleTags) -> set[str]:
    return {c.iso3 for c in tags.countries if not c.primary}


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
    article = make_article(body, title="The bridges of Chernihiv", published="2022-05")
    tags = tag_article(article)
    assert _primary(tags) == {"UKR", "RUS"}
    assert {"DEU", "POL"} <= _passing(tags)  # they only sent help
    shown = {c["iso3"]: c["primary"] for c in tags_to_json(article, tags)["countries"]}
    assert shown["RUS"] is True
    assert shown["POL"] is False
