"""HTML fragments the app shows beside the map: story and event lists, legends.

Every piece of article text is escaped here; links are kept only when they are http(s).
The fragments use the CSS classes of :data:`PANEL_CSS`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from newsmap.highlight import Evidence, escape_text, isolate, mark_snippet
from newsmap.mapping.choropleth import NEUTRAL, LegendEntry
from newsmap.mapping.markers import EVENT_STYLES, EventStyle, date_label, event_style
from newsmap.sites import place_label, site_note

_HTTP = re.compile(r"^https?://[^\s/<>\"'`]+[^\s<>\"'`]*$", re.IGNORECASE)

PANEL_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
.nm-list { list-style: none; margin: 0; padding: 0; }
.nm-list > li { padding: .55rem 0; border-bottom: 1px solid rgba(128,128,128,.25); }
.nm-title { font-weight: 600; }
.nm-meta { color: #5f6368; font-size: .85rem; margin-top: .1rem; }
.nm-evidence { margin: .3rem 0 0; padding-left: .6rem; border-left: 3px solid #41b6c4;
  font-size: .9rem; }
.nm-snippet { font-size: .88rem; margin-top: .25rem; }
.nm-snippet mark, .nm-body mark { background: #fff3a3; padding: 0 1px; }
.nm-badge { display: inline-block; width: 1.25rem; height: 1.25rem; border-radius: 50%;
  color: #fff; font: bold .7rem/1.25rem system-ui, sans-serif; text-align: center;
  margin-right: .3rem; vertical-align: middle; }
.nm-badge.nm-light { color: #111; }
.nm-where { color: #5f6368; }
.nm-site { color: #5f6368; font-style: italic; }
.nm-country-level { color: #8a4b00; font-style: italic; }
.nm-legend { display: flex; flex-wrap: wrap; gap: .25rem .8rem; font-size: .82rem;
  align-items: center; margin: .2rem 0; }
.nm-legend span.nm-swatch { display: inline-block; width: .95rem; height: .95rem;
  border: 1px solid #8a8a8a; vertical-align: middle; margin-right: .25rem; }
.nm-body p { line-height: 1.55; }
.nm-sample { font-size: .7rem; text-transform: uppercase; letter-spacing: .05em;
  border: 1px solid #8a6d00; color: #6b5500; border-radius: .25rem; padding: 0 .25rem;
  margin-left: .3rem; vertical-align: middle; }
.nm-body mark.ev-country { background: #cfe8f3; }
.nm-body mark.ev-place { background: #d9f0d3; }
.nm-body mark.ev-event { background: #fde0c5; }
.nm-body mark.ev-region { background: #e8def8; }
.nm-body mark, .nm-snippet mark { color: #111; }
@media (prefers-color-scheme: dark) {
  .nm-legend span.nm-swatch.nm-none { background: #3c4043 !important; }
  .nm-meta, .nm-where, .nm-site { color: #bdc1c6; }
  .nm-country-level { color: #f6b26b; }
}
</style>
"""
_LIGHT_BADGES = {"arms transfer", "migration"}


def safe_url(url: Any) -> str | None:
    """``url`` when it is a plain http(s) address, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if _HTTP.match(url) else None


def story_link(title: Any, url: Any) -> str:
    """The story's title as escaped HTML, linked when its url is http(s)."""
    text = isolate(str(title or "untitled"))
    href = safe_url(url)
    if href is None:
        return f'<span class="nm-title">{text}</span>'
    return (f'<a class="nm-title" href="{escape_text(href)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{text}</a>')


def stories_html(stories: pd.DataFrame, names: Mapping[str, str] | None = None) -> str:
    """A list of stories: title (linked), date at its precision, outlet, countries, the
    evidence sentence and, for a text search, the matching snippet."""
    items = []
    for row in stories.to_dict("records"):
        meta = [date_label(row.get("published")) if row.get("published") else "undated"]
        if isinstance(row.get("outlet"), str) and row["outlet"]:
            meta.append(row["outlet"])
        countries = _country_list(row.get("countries"), names)
        if countries:
            meta.append(countries)
        parts = [story_link(row.get("title"), row.get("url")) + sample_label(row),
                 f'<div class="nm-meta">{" · ".join(isolate(m) for m in meta)}</div>']
        if isinstance(row.get("evidence"), str) and row["evidence"]:
            parts.append('<blockquote class="nm-evidence" dir="auto">'
                         f'{escape_text(row["evidence"])}</blockquote>')
        if isinstance(row.get("snippet"), str) and row["snippet"]:
            parts.append(f'<div class="nm-snippet">{mark_snippet(row["snippet"])}</div>')
        items.append(f'<li class="nm-story">{"".join(parts)}</li>')
    return f'<ol class="nm-list nm-stories">{"".join(items)}</ol>'


def sample_label(row: Mapping[str, Any]) -> str:
    """A "sample" label for the shipped sample articles (hidden with NEWSMAP_SAMPLES=0)."""
    if row.get("sample") not in (True, 1):
        return ""
    return (' <span class="nm-sample" title="A sample article shipped with newsmap, not from '
            'the archive">sample</span>')


def events_html(events: pd.DataFrame, names: Mapping[str, str] | None = None) -> str:
    """A list of events in the order given: type badge, date, type, place (with the town it
    is shown at when that is another's position, or a note that it is known only to country
    level and so not drawn), summary and the story's title."""
    items = []
    for row in events.to_dict("records"):
        style = event_style(row.get("type"))
        place = row.get("place") if isinstance(row.get("place"), str) else None
        located = _number(row.get("lat")) is not None
        if place and located:
            where = f'<span class="nm-where">{isolate(place)}</span>'
            note = site_note(place, row.get("site_of"))
            if note:
                where += f' <span class="nm-site">— {escape_text(note)}</span>'
        elif place:
            where = (f'<span class="nm-country-level">{isolate(place)} (no coordinates; '
                     "not on the map)</span>")
        else:
            country = _name(row.get("iso3"), names) or "country unknown"
            where = (f'<span class="nm-country-level">{escape_text(country)}, country level '
                     "only (not on the map)</span>")
        items.append(
            f'<li class="nm-event-item nm-type-{style.slug}">{badge_html(style)}'
            f"<b>{escape_text(date_label(row.get('date')))}</b> · {escape_text(style.label)}"
            f" · {where}<br>{isolate(str(row.get('summary') or ''))}"
            f'<div class="nm-meta">from {story_link(row.get("title"), row.get("url"))}</div>'
            "</li>"
        )
    return f'<ol class="nm-list nm-events">{"".join(items)}</ol>'


def badge_html(style: EventStyle) -> str:
    """The event type's letter on its colour, as in the map's markers."""
    light = " nm-light" if style.type in _LIGHT_BADGES else ""
    return (f'<span class="nm-badge{light}" style="background:{style.colour}" '
            f'aria-hidden="true">{escape_text(style.letter)}</span>')


def legend_html(entries: Sequence[LegendEntry], event_types: Iterable[str] = (), *,
                primary: bool = True, event_zoom: int | None = None) -> str:
    """The choropleth's classes, saying what they count (stories *about* each country when
    ``primary``, else every story that mentions it), and the event icons in use (drawn from
    ``event_zoom`` on, when given)."""
    swatches = "".join(
        f'<span><span class="nm-swatch{" nm-none" if e.colour == NEUTRAL else ""}" '
        f'style="background:{e.colour}"></span>{escape_text(e.label)}</span>' for e in entries
    )
    what = ("Stories about each country" if primary
            else "Stories mentioning each country (in passing too)")
    html = f'<div class="nm-legend"><b>{what}:</b> {swatches}</div>'
    styles = [EVENT_STYLES[t] for t in dict.fromkeys(event_types) if t in EVENT_STYLES]
    if styles:
        icons = "".join(f"<span>{badge_html(s)}{escape_text(s.label)}</span>" for s in styles)
        where = (f" (points from zoom {event_zoom}; before that, the number on a country "
                 "counts its events)" if event_zoom else "")
        html += f'<div class="nm-legend"><b>Events{escape_text(where)}:</b> {icons}</div>'
    return html


def _country_list(value: Any, names: Mapping[str, str] | None) -> str:
    if not isinstance(value, str) or not value:
        return ""
    codes = [c.strip() for c in value.split(",") if c.strip()]
    shown = [_name(c, names) or c for c in codes[:4]]
    more = f" +{len(codes) - 4}" if len(codes) > 4 else ""
    return ", ".join(shown) + more


def _name(iso3: Any, names: Mapping[str, str] | None) -> str | None:
    if not isinstance(iso3, str) or not iso3:
        return None
    return (names or {}).get(iso3, iso3)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def stories_table(stories: pd.DataFrame, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The stories as the Stories page's sortable table: plain text only (the table escapes
    nothing itself, but it renders no HTML either), links only when http(s); a missing date
    or outlet is an empty cell, never "None"."""
    return pd.DataFrame({
        "title": stories["title"].astype(str),
        "published": [p if isinstance(p, str) else "" for p in stories["published"]],
        "outlet": [o if isinstance(o, str) else "" for o in stories["outlet"]],
        "countries": [_country_list_all(c, names) for c in stories["countries"]],
        "places": stories["places"].astype("int64"),
        "events": stories["events"].astype("int64"),
        "url": [safe_url(u) for u in stories["url"]],
        "id": stories["id"].astype(str),
    })


def tag_rows(detail: Mapping[str, Any], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Why a story is tagged: one row per country tag, place, event and region, with the
    sentence that supports it (plain text); a place shown at another town's position says
    so ("near Kigali (shown at Kigali's position)")."""
    rows: list[dict[str, Any]] = []
    for tag in detail.get("country_tags", []):
        evidence = _json_list(tag.get("evidence"))
        rows.append({
            "kind": "country", "tag": _name(tag.get("iso3"), names) or tag.get("name"),
            "detail": ("primary" if tag.get("is_primary") else "mentioned")
            + f", salience {float(tag.get('salience') or 0):.2f}, {tag.get('mentions')} mentions",
            "evidence": " / ".join(evidence),
        })
    for place in detail.get("places", []):
        note = site_note(str(place.get("name") or ""), place.get("site_of"))
        rows.append({"kind": "place", "tag": place.get("name"),
                     "detail": f"{_name(place.get('iso3'), names)}, "
                               + (f"{note}, " if note else "")
                               + f"{place.get('lat'):.3f}, {place.get('lon'):.3f}",
                     "evidence": place.get("evidence")})
    for event in detail.get("events", []):
        where = (place_label(event["place"], event.get("site_of"))
                 if isinstance(event.get("place"), str) and event["place"] else None)
        rows.append({"kind": "event", "tag": event_style(event.get("type")).label,
                     "detail": f"{date_label(event.get('date'))}"
                               + (f", {where}" if where else "")
                               + (f", {_name(event.get('iso3'), names)}"
                                  if event.get("iso3") else ""),
                     "evidence": event.get("summary")})
    for region in detail.get("regions", []):
        rows.append({"kind": "region", "tag": region.get("name"), "detail": "region (a filter)",
                     "evidence": region.get("evidence")})
    return pd.DataFrame(rows, columns=["kind", "tag", "detail", "evidence"])


def detail_evidence(detail: Mapping[str, Any], names: Mapping[str, str] | None = None,
                    ) -> list[Evidence]:
    """Every supporting sentence of a stored article, labelled, for :func:`highlight_evidence`."""
    marks: list[Evidence] = []
    for tag in detail.get("country_tags", []):
        label = f"country: {_name(tag.get('iso3'), names)}"
        marks.extend(Evidence(s, label, "country") for s in _json_list(tag.get("evidence")))
    for place in detail.get("places", []):
        if place.get("evidence"):
            label = f"place: {place_label(str(place.get('name')), place.get('site_of'))}"
            marks.append(Evidence(str(place["evidence"]), label, "place"))
    for event in detail.get("events", []):
        if event.get("summary"):
            kind = event_style(event.get("type")).label
            label = f"event: {kind}, {date_label(event.get('date'))}"
            marks.append(Evidence(str(event["summary"]), label, "event"))
    for region in detail.get("regions", []):
        if region.get("evidence"):
            marks.append(Evidence(str(region["evidence"]), f"region: {region.get('name')}",
                                  "region"))
    return marks


def _json_list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, str) and value:
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return [str(v) for v in parsed] if isinstance(parsed, list) else [str(parsed)]
    return []


def _country_list_all(value: Any, names: Mapping[str, str] | None) -> str:
    if not isinstance(value, str) or not value:
        return ""
    return ", ".join(_name(c.strip(), names) or c for c in value.split(",") if c.strip())


def plural(count: int, one: str, many: str) -> str:
    """'1 story', '2 stories' (thousands separated)."""
    return f"{count:,} {one if count == 1 else many}"
