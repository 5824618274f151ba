"""Tagging never fails on odd input and always yields a JSON-serialisable object."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmap.model import PartialDate, is_visible
from newsmap.tagging import tag_article, tags_to_json
from tests.tagging.conftest import MakeArticle

_WORDS = st.sampled_from(
    "In on 1994 2022 July 15th September last year the 1990s Albania Iran Iranian Tirana Paris "
    "Georgia Atlanta Macedonia Tripoli Brussels Report said . , ; “ ” - — Mr. U.S. Monday ago "
    "three years 3,000 2014-15 Kosovo Durres fled war election earthquake \n\n é ß 中".split(" ")
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.one_of(_WORDS, st.text(min_size=1, max_size=8)), min_size=1, max_size=80),
    published=st.sampled_from([None, "2022", "2022-09", "2022-09-15", "1990s"]),
)
def test_any_text_tags_cleanly(
    make_article: MakeArticle, words: list[str], published: str | None
) -> None:
    body = " ".join(words)
    if not is_visible(body):  # an article needs a visible character ("\ud7fc" alone is none)
        body = "x"
    article = make_article(body, published=published)
    tags = tag_article(article)
    data = tags_to_json(article, tags)
    json.dumps(data)
    pub = PartialDate.parse(published) if published else None
    for event in tags.events:
        if event.date is not None and pub is not None:
            assert event.date.year_range[0] <= pub.year_range[1]
    for country in tags.countries:
        assert 0.0 <= country.salience <= 1.0
