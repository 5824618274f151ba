"""The map page's country panel as blocks of text and HTML, made once per store build, filter
set and country: a click on a country already shown only looks its panel up and draws it."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from newsmap.present import events_html, plural, stories_html
from newsmap.query import Filters
from ui import cache

Kind = Literal["caption", "markdown", "html", "info", "subheader"]
Block = tuple[Kind, str]


def draw(blocks: list[Block]) -> None:
    """Draw blocks made by :func:`country_blocks` or :func:`overview_blocks`."""
    for kind, text in blocks:
        if kind == "subheader":
            st.subheader(text, anchor=False)
        else:
            getattr(st, kind)(text)


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=cache.KEY_HASH)
def country_blocks(key: cache.StoreKey, filters: Filters, iso3: str) -> list[Block]:
    """What the panel says about one country under ``filters``: counts, its stories (those
    about it first, then those that mention it) and its events in date order."""
    names = cache.all_names(key)
    name = names.get(iso3, iso3)
    n_stories, n_events = cache.country_totals(key, filters).of(iso3)
    blocks: list[Block] = [("caption", f"{plural(n_stories, 'story', 'stories')}, "
                                       f"{plural(n_events, 'event', 'events')} match the filters")]
    if n_stories == 0:
        blocks.append(("info", f"No story about {name} matches these filters."))
    else:
        found = cache.stories(key, filters, iso3, cache.PANEL_LIMIT)
        if n_stories > len(found):
            blocks.append(("caption", f"Showing the {len(found)} most relevant of "
                                      f"{n_stories:,} stories; the Stories page lists them all."))
        about = found[found["primary"]]
        mentioning = found[~found["primary"]]
        if not about.empty:
            blocks += [("markdown", f"**Stories about {name}**"),
                       ("html", stories_html(about, names))]
        if not mentioning.empty:
            blocks += [("markdown", f"**Stories that mention {name}**"),
                       ("html", stories_html(mentioning, names))]
    if n_events:
        blocks.append(("markdown", "**Events, in date order**"))
        listed = cache.events(key, filters, iso3, cache.EVENT_LIMIT)
        if n_events > len(listed):
            blocks.append(("caption", f"Showing the first {len(listed)} of {n_events:,} events."))
        blocks.append(("html", events_html(listed, names)))
    return blocks


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=cache.KEY_HASH)
def overview_blocks(key: cache.StoreKey, filters: Filters) -> list[Block]:
    """The panel before a country is chosen: the most covered countries, the latest stories."""
    names = cache.all_names(key)
    top = cache.country_totals(key, filters).top(8)
    if not top:
        return []
    return [("caption", "Most covered: " + ", ".join(f"{names.get(i, i)} ({n})" for i, n in top)),
            ("subheader", "Latest stories"),
            ("html", stories_html(cache.stories(key, filters, limit=10), names))]
