"""What a map click means: st_folium's return value turned into a newly selected country."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Click:
    """The outcome of one st_folium return value.

    ``country`` is the ISO3 of a country clicked since the last handled click (None when the
    value holds no new country click); ``token`` identifies the last click seen: keep it and
    pass it back next time.
    """

    country: str | None
    token: int | None


def clicked_country(returned: Mapping[str, Any] | None, last_token: int | None) -> Click:
    """The country a *new* click selected, if any.

    st_folium keeps returning the last clicked shape on every rerun, so a click counts only
    when ``last_object_clicked_count`` differs from ``last_token`` (it restarts at 0 when the
    map is mounted anew). Clicks on markers or on the sea select nothing.
    """
    if not returned:
        return Click(None, last_token)
    count = returned.get("last_object_clicked_count")
    if not isinstance(count, int):
        return Click(None, last_token)
    if count == last_token:
        return Click(None, last_token)
    if count <= 0:
        return Click(None, count)
    drawing = returned.get("last_active_drawing")
    properties = drawing.get("properties") if isinstance(drawing, Mapping) else None
    iso3 = properties.get("iso_a3") if isinstance(properties, Mapping) else None
    if isinstance(iso3, str) and _ISO3.match(iso3):
        return Click(iso3, count)
    return Click(None, count)
