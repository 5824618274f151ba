"""newsmap: turn a news archive into a map of countries, places and dated events, with evidence.

The core package: plain, typed Python that never imports streamlit. The app (``app.py``,
``pages/``) is a thin layer over it.
"""

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

__all__ = [
    "Article",
    "ArticleError",
    "ArticleTags",
    "BuildLockedError",
    "CountryTag",
    "Event",
    "EventType",
    "Filters",
    "NewsmapError",
    "PartialDate",
    "Place",
    "Precision",
    "RegionTag",
    "Settings",
    "SettingsError",
    "StoreError",
]
