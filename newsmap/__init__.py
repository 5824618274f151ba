"""newsmap: turn a news archive into a map of countries, places and dated events, with evidence.

The core package: plain, typed Python that never imports streamlit. The app (``app.py``,
``pages/``) is a thin layer over it.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported on first use, so that ``newsmap build`` starts fast
    from newsmap.build import BuildReport, build_store, check_corpus
    from newsmap.corpus import discover, read_article
    from newsmap.errors import (
        ArticleError,
        BuildLockedError,
        NewsmapError,
        SettingsError,
        StoreError,
    )
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

_HOMES = {
    "BuildReport": "build", "build_store": "build", "check_corpus": "build",
    "Rejection": "sources.base",
    "discover": "corpus", "read_article": "corpus",
    "ArticleError": "errors", "BuildLockedError": "errors", "NewsmapError": "errors",
    "SettingsError": "errors", "StoreError": "errors",
    "Article": "model", "ArticleTags": "model", "CountryTag": "model", "Event": "model",
    "EventType": "model", "PartialDate": "model", "Place": "model", "Precision": "model",
    "RegionTag": "model",
    "Filters": "query", "Settings": "settings", "tag_article": "tagging",
    "tags_to_json": "tagging",
}


def __getattr__(name: str) -> Any:
    """The public API, each name imported from its module when first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


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
