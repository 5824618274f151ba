"""Places shown at another town's position, and how a reader is told so.

The tagger gives a named site ("Tahrir Square") or a village no gazetteer table holds
("Gikomero, a village east of Kigali") the coordinates of the town it is in or near, and names
that town in ``site_of`` (:class:`newsmap.model.Place`). Its marker then sits at the town's own
point; every view that shows such a place says where the point really is, in these words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the model (pydantic) is loaded by whoever has tags to write
    from newsmap.model import ArticleTags

__all__ = ["event_sites", "place_label", "site_note", "site_of_value", "site_relation"]

Relation = Literal["in", "near"]

# Sites that lie inside the town whose coordinates they take. Airports, air bases, border
# crossings and villages often lie outside it: they are said to be near it.
_INSIDE = frozenset({
    "square", "trg", "piazza", "plaza", "praça", "stadium", "stadion", "stadio", "estadio",
    "arena", "memorial", "bridge", "most",
})
_WORD = re.compile(r"\w+")


def site_of_value(value: Any) -> str | None:
    """The town a place is shown at, from a stored or queried value: None for a place with
    its own coordinates (None, NaN or an empty text)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def site_relation(name: str) -> Relation:
    """"in" for a square, stadium, arena, memorial or bridge (inside the town it is shown
    at); "near" for anything else (an airport, an air base, a border crossing, a village)."""
    words = {w.lower() for w in _WORD.findall(name)}
    return "in" if words & _INSIDE else "near"


def site_note(name: str, site_of: Any) -> str | None:
    """"in Cairo (shown at Cairo's position)" for a place shown at another town's position;
    None for a place shown at its own."""
    town = site_of_value(site_of)
    if town is None:
        return None
    return f"{site_relation(name)} {town} (shown at {town}'s position)"


def place_label(name: str, site_of: Any) -> str:
    """The place's name, with :func:`site_note` after a dash when it is shown at another
    town's position ("Tahrir Square — in Cairo (shown at Cairo's position)")."""
    note = site_note(name, site_of)
    return f"{name} — {note}" if note else name


def event_sites(tags: ArticleTags) -> list[str | None]:
    """For each of the tags' events, the ``site_of`` of the place it is at (the place of the
    same name and coordinates), else None: what the store keeps beside the event."""
    towns: dict[tuple[str, float | None, float | None], str] = {
        (p.name, p.lat, p.lon): p.site_of for p in tags.places if p.site_of}
    return [towns.get((e.place, e.lat, e.lon)) if e.place else None for e in tags.events]
