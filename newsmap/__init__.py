"""newsmap: turn a news archive into a map of countries, places and dated events, with evidence.

The core package: plain, typed Python that never imports streamlit. The app (``app.py``,
``pages/``) is a thin layer over it.
"""

from newsmap.build import BuildReport, build_store, check_corpus
from newsmap.corpus import discover, read_article
from newsmap.errors import ArticleError, BuildLockedError, NewsmapError, SettingsError, StoreError
from newsmap.model import (
    Article,
    ArticleTags,
    CountryTag,
    Event,
    EventType,
    PartialDate,
    Place,
    Precision,
    RegionTag,
)
from newsmap.query import Filters
from newsmap.settings import Settings
from newsmap.sources.base import Rejection
from newsmap.tagging import tag_article, tags_to_json

__all__ = [
    "Article",
    "ArticleError",
    "ArticleTags",
    "BuildLockedError",
    "BuildReport",
    "CountryTag",
    "Event",
    "EventType",
    "Filters",
    "NewsmapError",
    "PartialDate",
    "Place",
    "Precision",
    "RegionTag",
    "Rejection",
    "Settings",
    "SettingsError",
    "StoreError",
    "build_store",
    "check_corpus",
    "discover",
    "read_article",
    "tag_article",
    "tags_to_json",
]
