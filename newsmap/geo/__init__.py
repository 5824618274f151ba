"""Geography for newsmap: country boundaries, names to ISO3 codes, a place gazetteer, regions,
and the join of polygons to counts. Everything is offline; data files live in ``geo/``."""

from newsmap.geo.boundaries import Scale, boundaries_path, country_at, load_boundaries
from newsmap.geo.fold import fold, fold_key
from newsmap.geo.gazetteer import City, Gazetteer, PlaceMention, load_gazetteer, name_keys
from newsmap.geo.join import COUNT_COLUMNS, join_counts, missing_from_boundaries
from newsmap.geo.names import (
    CountryKind,
    CountryMention,
    country_name,
    find_country_mentions,
    known_iso3,
    resolve_country,
)
from newsmap.geo.regions import RegionMention, find_regions, region_names, resolve_region

__all__ = [
    "COUNT_COLUMNS",
    "City",
    "CountryKind",
    "CountryMention",
    "Gazetteer",
    "PlaceMention",
    "RegionMention",
    "Scale",
    "boundaries_path",
    "country_at",
    "country_name",
    "find_country_mentions",
    "find_regions",
    "fold",
    "fold_key",
    "join_counts",
    "known_iso3",
    "load_boundaries",
    "load_gazetteer",
    "missing_from_boundaries",
    "name_keys",
    "region_names",
    "resolve_country",
    "resolve_region",
]
