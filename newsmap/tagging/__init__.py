"""Tagging: what an article is about (countries), where (places), and when (dated events),
each with the sentence that proves it. Rule- and lexicon-based; no downloaded models.

``tag_article(article)`` is the entry point used by ``newsmap build`` and ``newsmap tag``;
``tags_to_json(article, tags)`` gives the object ``newsmap tag --json`` prints.

The records made per mention (sentences, matches, references, date mentions, drafts) are
dataclasses that are never modified once made, but are not declared ``frozen``: a frozen
dataclass's ``__init__`` sets each field through ``object.__setattr__``, which made their
construction about a fifth of the tagging time. They hash by value (``unsafe_hash``) as the
frozen ones did; change one with :func:`dataclasses.replace`, never by assignment. The tags
themselves are plain dicts (:mod:`newsmap.tagging.fields`) validated into one
:class:`ArticleTags` at the end.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsmap.model import Article, ArticleTags
from newsmap.tagging.countries import base_scores, country_tags
from newsmap.tagging.document import analyse
from newsmap.tagging.events import find_events
from newsmap.tagging.fields import EventFields
from newsmap.tagging.json_report import tags_to_json
from newsmap.tagging.places import place_tags
from newsmap.tagging.regions import region_tags

__all__ = ["tag_article", "tags_to_json"]


def tag_article(article: Article) -> ArticleTags:
    """Countries (with salience, primary flag and evidence), places, regions and dated events."""
    doc = analyse(article)
    scores = base_scores(doc)
    top = _top_country(scores, article.curated_countries)
    events = find_events(doc, top)
    return ArticleTags.model_validate(
        {
            "countries": country_tags(doc, events, article.curated_countries, scores),
            "places": place_tags(doc),
            "events": _distinct(located.event for located in events),
            "regions": region_tags(doc),
        }
    )


def _distinct(events: Iterable[EventFields]) -> list[EventFields]:
    """The events without exact repeats: a sentence that names one undated date a thousand
    times is one event, not a thousand copies of the sentence. Dated events are kept as found
    (:func:`find_events` keeps one per date and country, two when a sentence tells two
    happenings of one day: "On 22 December he flew in, and the same day his aide resigned")."""
    seen: set[tuple[object, ...]] = set()
    kept: list[EventFields] = []
    for event in events:
        key = (event["date"], event["iso3"], event["place"], event["type"], event["summary"])
        if event["date"] is not None or key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _top_country(scores: dict[str, float], curated: tuple[str, ...]) -> str | None:
    """The country the article is most about: its first curated one, else the highest score."""
    if curated:
        return curated[0]
    return next(iter(scores), None)
