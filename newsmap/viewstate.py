"""What the reader is looking at (filters, selected country, open story) as URL query params.

``to_params`` and ``from_params`` round-trip: ``from_params(to_params(v)) == v`` for every valid
view. ``from_params`` never fails: values it cannot use are dropped, so a hand-edited or stale
link still opens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from newsmap.model import EventType, is_article_id
from newsmap.query import Filters, YearBasis

MAX_TEXT = 200
MAX_VALUES = 50
_ISO3 = re.compile(r"^[A-Z]{3}$")
_YEARS = re.compile(r"^\s*(\d{1,4})\s*(?:[-–:]\s*(\d{1,4}))?\s*$")
_EVENT_TYPES = {t.value for t in EventType}

Params = dict[str, str | list[str]]


@dataclass(frozen=True)
class ViewState:
    """The filters, the selected country (ISO3) and the story open in the detail view."""

    filters: Filters = field(default_factory=Filters)
    country: str | None = None
    story: str | None = None

    def with_filters(self, **changes: object) -> ViewState:
        """A copy with some filter fields replaced."""
        return replace(self, filters=replace(self.filters, **changes))  # type: ignore[arg-type]


def to_params(view: ViewState) -> Params:
    """The query params for ``view``; defaults are left out, lists become repeated keys."""
    f = view.filters
    params: Params = {}
    if view.country:
        params["country"] = view.country
    if f.years is not None:
        params["years"] = f"{f.years[0]}-{f.years[1]}"
    if f.year_basis != "event":
        params["basis"] = f.year_basis
    for key, values in (("in", f.countries), ("type", f.event_types), ("outlet", f.outlets),
                        ("region", f.regions)):
        if values:
            params[key] = list(values)
    if f.text:
        params["q"] = f.text
    if view.story:
        params["story"] = view.story
    return params


def from_params(params: Mapping[str, str | Sequence[str]]) -> ViewState:
    """The view a set of query params describes; unusable values are ignored."""
    basis: YearBasis = "published" if _last(params, "basis") == "published" else "event"
    filters = Filters(
        years=_years(_last(params, "years")),
        year_basis=basis,
        countries=_clean(_all(params, "in"), _iso3),
        event_types=_clean(_all(params, "type"), lambda v: v if v in _EVENT_TYPES else None),
        outlets=_clean(_all(params, "outlet"), _plain),
        regions=_clean(_all(params, "region"), _plain),
        text=(_last(params, "q") or "").strip()[:MAX_TEXT],
    )
    story = _last(params, "story")
    return ViewState(
        filters=filters,
        country=_iso3(_last(params, "country") or ""),
        story=story if story and is_article_id(story) else None,
    )


def _all(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _last(params: Mapping[str, str | Sequence[str]], key: str) -> str | None:
    values = _all(params, key)
    return values[-1] if values else None


def _clean(values: Iterable[str], check: Callable[[str], str | None]) -> tuple[str, ...]:
    kept = [checked for v in values if (checked := check(v)) is not None]
    return tuple(dict.fromkeys(kept))[:MAX_VALUES]


def _iso3(value: str) -> str | None:
    folded = value.strip().upper()
    return folded if _ISO3.match(folded) else None


def _plain(value: str) -> str | None:
    text = value.strip()
    return text[:MAX_TEXT] if text else None


def _years(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    match = _YEARS.match(value)
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not (1 <= first <= 9999 and 1 <= last <= 9999):
        return None
    return (first, last) if first <= last else (last, first)
