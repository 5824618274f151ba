"""Caches by kind: settings, connection and country shapes as resources; query results as
data keyed on the store's identity and version, so a rebuilt store is noticed."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from newsmap import export
from newsmap.geo import country_name, load_boundaries
from newsmap.mapping import CountryShape, country_shapes, framing_bounds
from newsmap.mapping.shapes import Bounds
from newsmap.overview import CountryCounts, country_counts
from newsmap.query import Filters, YearBasis
from newsmap.settings import Settings
from newsmap.stores import Store, open_store_at, store_identity

PANEL_LIMIT = 25
EVENT_LIMIT = 50
"""Stories and events listed in the country panel: every click sends the panel, and 50 stories
with 200 events were 140 KB a click at 10,000 articles; the Stories and Timeline pages list
them all."""
MARKER_LIMIT = 500
MARKER_EVENTS = 2
"""Markers drawn and events listed in each marker's popup: with 1,000 markers of 3 events the
map's payload was 1.5 MB per rerun at 10,000 articles; 500 of 2 keep it under 1 MB at any size
(bench/scale.py)."""


@dataclass(frozen=True)
class StoreKey:
    """Which store and which build of it: the hashable part of every cached query."""

    path: str
    inode: int
    version: int


KEY_HASH: dict[str | type[Any], Callable[[Any], Any]] = {StoreKey: repr, Filters: repr}
"""How the cached functions hash a store key and filters: by their repr (plain strings and
numbers, so it says all that tells two apart). Streamlit's default walks a dataclass field by
field, 5 times slower: about 6 ms of every rerun, which asks some 30 cached questions."""


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    """The settings from the environment, read once per process."""
    return Settings.from_env()


def close_store(store: Store) -> None:
    """Close a store the resource cache lets go of (cleared, or pushed out by newer builds):
    a PostgreSQL pool left open would keep reconnecting after its server is gone."""
    store.close()


@st.cache_resource(show_spinner=False, max_entries=4, on_release=close_store)
def _connection(path: str, inode: int) -> Store:
    return open_store_at(path, readonly=True)


def open_store(db: Path | str) -> tuple[Store, StoreKey]:
    """The shared read-only store (SQLite file or PostgreSQL URL) and the key of its current
    build."""
    inode = store_identity(db)
    store = _connection(str(db), inode)
    return store, StoreKey(str(db), inode, store.store_version())


def _conn(key: StoreKey) -> Store:
    return _connection(key.path, key.inode)


def store(key: StoreKey) -> Store:
    """The open store of ``key``, for the questions cached elsewhere (imported events,
    corrections, citation and event exports)."""
    return _conn(key)


@st.cache_resource(show_spinner="Loading country boundaries…")
def shapes() -> dict[str, CountryShape]:
    """The 110m country polygons, prepared once for the map."""
    return country_shapes(load_boundaries("110m"))


@functools.lru_cache(maxsize=4096)
def name_of(iso3: str) -> str:
    """A country's display name, or the code itself when it is unknown (a plain in-process
    cache: called for every country option on every rerun, where st.cache_data's hashing and
    copying cost more than the lookup)."""
    try:
        return country_name(iso3)
    except (KeyError, ValueError):
        shape = shapes().get(iso3)
        return shape.name if shape else iso3


def names(iso3s: list[str]) -> dict[str, str]:
    """Display names of these countries."""
    return {code: name_of(code) for code in iso3s}


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=KEY_HASH)
def all_names(key: StoreKey) -> dict[str, str]:
    """Display names of every country on the map or tagged in the store (shared, read-only)."""
    return names(sorted(set(shapes()) | set(options(key)["countries"])))


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs=KEY_HASH)
def by_name(key: StoreKey) -> list[str]:
    """The codes of :func:`all_names` in the order of their names (the Country box)."""
    known = all_names(key)
    return sorted(known, key=lambda iso3: known[iso3])


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def counts(key: StoreKey, filters: Filters, primary: bool = False) -> pd.DataFrame:
    """Stories and events per country under ``filters`` (only stories about each country
    when ``primary``)."""
    return _conn(key).count_by_country(filters, primary=primary)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def country_totals(key: StoreKey, filters: Filters, primary: bool = False) -> CountryCounts:
    """:func:`counts` as per-country totals (made once per filter set, not per rerun)."""
    return country_counts(counts(key, filters, primary))


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=KEY_HASH)
def opening_bounds(key: StoreKey) -> Bounds | None:
    """Where the map opens: around the countries the archive's stories are about, robust to
    a few far away (:func:`newsmap.mapping.framing_bounds`)."""
    about = _conn(key).count_by_country(Filters(), primary=True)
    return framing_bounds(shapes(), dict(zip(about["iso3"], about["stories"], strict=True)))


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def story_count(key: StoreKey, filters: Filters) -> int:
    """How many stories match."""
    return _conn(key).count_stories(filters)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def stories(key: StoreKey, filters: Filters, country: str | None = None,
            limit: int | None = None, snippets: bool = True) -> pd.DataFrame:
    """The matching stories (of one country when given); without ``snippets`` for a list
    that shows none (each costs a pass over the story's text)."""
    return _conn(key).stories(filters, country=country, limit=limit, snippets=snippets)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def events(key: StoreKey, filters: Filters, country: str | None = None,
           limit: int | None = None, located_only: bool = False) -> pd.DataFrame:
    """The matching events in date order (of one country when given)."""
    return _conn(key).events(filters, country=country, limit=limit,
                        located_only=located_only)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def markers(key: StoreKey, filters: Filters) -> pd.DataFrame:
    """Located events aggregated by point and type for the map."""
    return _conn(key).event_markers(filters, per_marker=MARKER_EVENTS,
                               limit=MARKER_LIMIT)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def event_counts(key: StoreKey, filters: Filters, country: str | None = None) -> dict[str, int]:
    """How many matching events there are (in ``country`` when given), by kind."""
    return _conn(key).event_counts(filters, country)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=KEY_HASH)
def events_by_year(key: StoreKey, filters: Filters, country: str | None = None) -> pd.DataFrame:
    """Single-year events per year and type (in ``country`` when given)."""
    return _conn(key).events_by_year(filters, country)


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=KEY_HASH)
def options(key: StoreKey) -> dict[str, list[str]]:
    """The values the filters offer: countries, event types, outlets, regions."""
    store = _conn(key)
    return {
        "countries": store.tagged_countries(),
        "event_types": store.event_types(),
        "outlets": store.outlets(),
        "regions": store.regions(),
    }


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=KEY_HASH)
def year_bounds(key: StoreKey, basis: YearBasis) -> tuple[int, int] | None:
    """First and last year on the chosen basis."""
    return _conn(key).year_bounds(basis)


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=KEY_HASH)
def stats(key: StoreKey) -> dict[str, int]:
    """What the store holds."""
    return _conn(key).store_stats()


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=KEY_HASH)
def rejections(key: StoreKey) -> pd.DataFrame:
    """The files the last build rejected, with reasons."""
    return _conn(key).rejections()


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=KEY_HASH)
def article(key: StoreKey, article_id: str) -> dict[str, object] | None:
    """One article with its tags, or None."""
    return _conn(key).article_detail(article_id)


@st.cache_data(show_spinner=False, max_entries=16, hash_funcs=KEY_HASH)
def download(key: StoreKey, filters: Filters, country: str | None, kind: str) -> bytes:
    """The filtered set as a file: ``stories.csv``, ``stories.json`` or ``events.geojson``."""
    if kind == "events.geojson":
        return export.events_geojson(
            _conn(key).events(filters, country=country, located_only=True))
    found = stories(key, filters, country, snippets=False)  # an export holds no snippets
    return export.stories_csv(found) if kind == "stories.csv" else export.stories_json(found)
