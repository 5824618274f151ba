"""Geography for newsmap: country boundaries, names to ISO3 codes, a place gazetteer, regions,
and the join of polygons to counts. Everything is offline; data files live in ``geo/``."""

from typing import TYPE_CHECKING, Any

from newsmap.geo.fold import fold, fold_key
from newsmap.geo.gazetteer import City, Gazetteer, PlaceMention, load_gazetteer, name_keys
from newsmap.geo.names import (
    CountryKind,
    CountryMention,
    country_name,
    find_country_mentions,
    known_iso3,
    resolve_country,
)
from newsmap.geo.regions import RegionMention, find_regions, region_names, resolve_region

if TYPE_CHECKING:  # imported on first use: geopandas is slow to import and tagging needs none
    from newsmap.geo.boundaries import Scale, boundaries_path, country_at, load_boundaries
    from newsmap.geo.join import COUNT_COLUMNS, join_counts, missing_from_boundaries

_LAZY = {
    "Scale": "boundaries",
    "boundaries_path": "boundaries",
    "country_at": "boundaries",
    "load_boundaries": "boundaries",
    "COUNT_COLUMNS": "join",
    "join_counts": "join",
    "missing_from_boundaries": "join",
}


def __getattr__(name: str) -> Any:
    """The boundary and join functions, imported when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
