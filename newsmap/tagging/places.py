"""Place tags: the cities, towns and sites an article names, with coordinates and evidence.

Places come from the gazetteer (see :mod:`newsmap.tagging.document` for how an ambiguous name is
resolved: a city in a country the article names wins, then the largest). Each place is listed
once, with the first sentence that names it; capitals count as places too ("Tirana"). A named
site ("Skanderbeg Square") takes the coordinates of the city it is in, named in ``site_of``.
"""

from __future__ import annotations

from newsmap.tagging.document import Document
from newsmap.tagging.fields import PlaceFields

__all__ = ["place_tags"]


def place_tags(doc: Document) -> list[PlaceFields]:
    """One tag per distinct place, in order of first mention, with its evidence sentence."""
    seen: set[tuple[str, str]] = set()
    tags: list[PlaceFields] = []
    for ref in doc.places:
        key = (ref.city.name, ref.city.iso3)
        if key in seen:
            continue
        seen.add(key)
        tags.append(
            {
                "name": ref.city.name,
                "iso3": ref.city.iso3,
                "lat": ref.city.lat,
                "lon": ref.city.lon,
                "evidence": doc.display(ref.sentence),
                "site_of": ref.site_of,
            }
        )
    return tags
