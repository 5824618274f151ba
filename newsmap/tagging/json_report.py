"""The JSON object ``newsmap tag --json`` prints for one article (the shape DESIGN.md gives)."""

from __future__ import annotations

from typing import Any

from newsmap.model import Article, ArticleTags

__all__ = ["tags_to_json"]


def tags_to_json(article: Article, tags: ArticleTags) -> dict[str, Any]:
    """``{"path", "title", "published", "countries", "places", "events", "regions"}``.

    ``published`` and each event's ``date`` are partial ISO strings at their own precision
    ("2022-09", "1990s") or null. A place's ``site_of`` names the town whose coordinates it
    takes (a named site or a village no table holds: "Tahrir Square" at Cairo), else null.
    """
    return {
        "path": article.source_path,
        "title": article.title,
        "published": article.published.iso() if article.published else None,
        "countries": [
            {
                "iso3": c.iso3,
                "name": c.name,
                "salience": c.salience,
                "primary": c.primary,
                "mentions": c.mentions,
                "evidence": list(c.evidence),
            }
            for c in tags.countries
        ],
        "places": [
            {"name": p.name, "iso3": p.iso3, "lat": p.lat, "lon": p.lon, "evidence": p.evidence,
             "site_of": p.site_of}
            for p in tags.places
        ],
        "events": [
            {
                "date": e.date.iso() if e.date else None,
                "precision": e.date.precision.value if e.date else None,
                "iso3": e.iso3,
                "place": e.place,
                "lat": e.lat,
                "lon": e.lon,
                "type": e.type.value,
                "summary": e.summary,
            }
            for e in tags.events
        ],
        "regions": [{"name": r.name, "evidence": r.evidence} for r in tags.regions],
    }
