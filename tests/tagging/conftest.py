"""Helpers for tagging tests: build an Article from text without a file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from newsmap.model import Article, PartialDate
from newsmap.tagging import tag_article
from newsmap.tagging.document import analyse

MakeArticle = Callable[..., Article]


@pytest.fixture
def make_article() -> MakeArticle:
    """``make_article(body, title=..., published="2022-09", countries=())`` -> Article."""

    def make(
        body: str,
        title: str = "A report",
        published: str | None = "2022-09",
        countries: tuple[str, ...] = (),
    ) -> Article:
        return Article(
            id="test-article",
            title=title,
            body=body,
            published=PartialDate.parse(published) if published else None,
            curated_countries=countries,
            source_path="test.md",
            content_hash=hashlib.sha256(body.encode()).hexdigest(),
        )

    return make


def resolved(
    make_article: MakeArticle, body: str, published: str | None = "2024-05-20"
) -> dict[str, str | None]:
    """Every date expression of ``body`` -> its resolved ISO date (None: unresolved)."""
    doc = analyse(make_article(body, published=published))
    return {m.surface: (m.date.iso() if m.date else None) for m, _ in doc.dates}


def dated_events(
    make_article: MakeArticle, body: str, published: str | None = "2021-06-10", title: str = "A"
) -> list[tuple[str, str | None]]:
    """(ISO date, ISO3) of every dated event the tagger finds in ``body``, in order."""
    tags = tag_article(make_article(body, title=title, published=published))
    return [(e.date.iso(), e.iso3) for e in tags.events if e.date is not None]
