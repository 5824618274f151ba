"""Stable event ids: the same event of the same text keeps its id across builds and rebuilds.

An id is a digest of what the tagger read (the article id, the event's sentence, its date at
its precision and its country), so an export can be diffed against an older one, and an
editor's correction can name the event it fixes. Two identical events of one article are told
apart by their order (``-2``, ``-3``...).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from newsmap.model import Event


def event_key(article_id: str, event: Event) -> str:
    """The digest of one event as the tagger found it (no occurrence suffix)."""
    return stored_event_uid(article_id, event.summary,
                            event.date.iso() if event.date else None, event.iso3)


def event_uids(article_id: str, events: Iterable[Event]) -> list[str]:
    """An id for each event, in order: its own ``uid`` when set, else a fresh stable one."""
    seen: Counter[str] = Counter()
    uids = []
    for event in events:
        if event.uid:
            uids.append(event.uid)
            continue
        key = event_key(article_id, event)
        seen[key] += 1
        uids.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return uids


def with_uids(article_id: str, events: Iterable[Event]) -> tuple[Event, ...]:
    """The events, each carrying its stable id."""
    listed = list(events)
    return tuple(
        event if event.uid == uid else event.model_copy(update={"uid": uid})
        for event, uid in zip(listed, event_uids(article_id, listed), strict=True)
    )


def stored_event_uid(article_id: str, summary: str, date: str | None, iso3: str | None) -> str:
    """The id of an event already in the store (for stores built before ids existed; a repeated
    event there gets the same id as its twin until its article is next built)."""
    text = "\x1f".join((article_id, summary, date or "", iso3 or ""))
    return "ev-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
