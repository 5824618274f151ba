"""Imported events (ACLED, GDELT) as an HTML list for the country and story panels: each with
its date and place at the dataset's own precision, its type in the dataset's words, the
summary, and a link to the report when the dataset gives an http(s) one. All text is escaped."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from newsmap.highlight import escape_text
from newsmap.importers.text import http_url
from newsmap.mapping.imported import COLOUR, source_label
from newsmap.mapping.markers import date_label


def imported_events_html(events: pd.DataFrame, names: Mapping[str, str] | None = None) -> str:
    """An ordered list of imported events, in the order given."""
    items = []
    for row in events.to_dict("records"):
        source = source_label(str(row.get("source") or ""))
        when = date_label(row.get("date") if isinstance(row.get("date"), str) else None)
        note = _text(row.get("date_note"))
        place = _text(row.get("place"))
        country = (names or {}).get(_text(row.get("iso3")), _text(row.get("iso3")))
        where = f"{place}, {country}" if place and country not in place else place or country
        if row.get("lat") is None or row.get("lat") != row.get("lat"):
            where += " (not on the map: " + (_text(row.get("place_note")) or "no point") + ")"
        else:
            where += f" ({_text(row.get('place_note'))})" if row.get("place_note") else ""
        link = http_url(row.get("link"))
        report = (f' · <a href="{escape_text(link)}" target="_blank" '
                  'rel="noopener noreferrer nofollow">report</a>' if link else "")
        by = _text(row.get("reported_by"))
        fatalities = row.get("fatalities")
        extra = [f"{source} {_text(row.get('source_id'))}"]
        if by:
            extra.append(f"source: {by}")
        if isinstance(fatalities, int) and fatalities > 0:
            extra.append(f"{fatalities} reported killed")
        items.append(
            f'<li class="nm-imported-item nm-source-{escape_text(str(row.get("source")))}">'
            f'<span class="nm-ring" style="display:inline-block;width:.8rem;height:.8rem;'
            f'border-radius:50%;border:2px dashed {COLOUR};margin-right:.3rem;'
            'vertical-align:middle" aria-hidden="true"></span>'
            f"<b>{escape_text(when)}</b>"
            + (f' <span class="nm-meta">({escape_text(note)})</span>' if note else "")
            + f" · {escape_text(_text(row.get('source_type')))} · "
            f'<span class="nm-where">{escape_text(where)}</span>'
            f"<br>{escape_text(_text(row.get('summary')))}"
            f'<div class="nm-meta">{escape_text(" · ".join(extra))}{report}</div></li>'
        )
    return f'<ol class="nm-list nm-imported-events">{"".join(items)}</ol>'


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
