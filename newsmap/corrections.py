"""Editors' corrections of the tagger: stored apart from its output, applied after every run.

Corrections live in the corpus folder as ``corrections.jsonl``: one JSON object a line, only ever
appended to, so the file is its own audit log (when, who, what, why) and can be versioned with
the articles. A correction names its target by what the tagger found: a country by ISO3, a
place by name and ISO3, an event by its stable id (:mod:`newsmap.eventids`). When an edit of
the article makes the target disappear, the correction is kept and reported as *orphaned*.

Actions: ``remove_country`` (with its places and events), ``set_primary``, ``add_country``,
``remove_place``, ``add_place``, ``remove_event``, ``fix_event`` (date, type, place or country)
and ``revoke`` (cancels an earlier correction).
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsmap.eventids import with_uids
from newsmap.model import ArticleTags, CountryTag, Event, EventType, PartialDate, Place

CORRECTIONS_FILE = "corrections.jsonl"
MAX_REASON = 300

Action = Literal["remove_country", "set_primary", "add_country", "remove_place", "add_place",
                 "remove_event", "fix_event", "revoke"]
Status = Literal["applied", "orphaned", "revoked", "invalid"]
ACTION_LABELS: dict[str, str] = {
    "remove_country": "removed the country",
    "set_primary": "changed whether the country is primary",
    "add_country": "added the country",
    "remove_place": "removed the place",
    "add_place": "added the place",
    "remove_event": "removed the event",
    "fix_event": "fixed the event",
    "revoke": "withdrew an earlier correction",
}


class Correction(BaseModel):
    """One editor's correction of one article's tags, with when, who and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^c-[0-9a-f]{8,32}$")
    at: str = Field(min_length=10, max_length=40)
    editor: str = Field(min_length=1, max_length=80)
    article: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=200)
    action: Action
    target: dict[str, Any] = Field(default_factory=dict)
    change: dict[str, Any] = Field(default_factory=dict)
    reason: str = Field(min_length=1, max_length=MAX_REASON)


@dataclass(frozen=True)
class Outcome:
    """What applying a correction did: ``applied``, ``orphaned`` (target gone), ``revoked``
    (withdrawn later) or ``invalid`` (unusable), with a sentence saying why."""

    correction: Correction
    status: Status
    detail: str = ""


@dataclass
class CorrectionLog:
    """The corrections read from a file, and the lines that could not be used."""

    corrections: list[Correction] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _by_article: dict[str, list[Correction]] | None = field(default=None, repr=False)

    def for_article(self, article_id: str) -> list[Correction]:
        """This article's corrections in file order (revocations included)."""
        if self._by_article is None:
            self._by_article = {}
            for correction in self.corrections:
                self._by_article.setdefault(correction.article, []).append(correction)
        return self._by_article.get(article_id, [])

    def articles(self) -> set[str]:
        """The ids of every article some correction names."""
        return {c.article for c in self.corrections}


def corrections_path(data_dir: Path) -> Path:
    """Where a corpus keeps its corrections."""
    return data_dir / CORRECTIONS_FILE


def read_corrections(path: Path) -> CorrectionLog:
    """Every usable correction in ``path`` (none when it is missing); each unusable line is a
    problem naming the file, the line and the reason."""
    log = CorrectionLog()
    if not path.exists():
        return log
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.problems.append(f"{path}: cannot read corrections ({error})")
        return log
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            correction = Correction.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as error:
            log.problems.append(f"{path}:{number}: not a correction ({_first_error(error)})")
            continue
        if correction.id in seen:
            log.problems.append(f"{path}:{number}: correction id {correction.id} is repeated")
            continue
        seen.add(correction.id)
        log.corrections.append(correction)
    return log


def new_correction(
    article: str, action: Action, *, editor: str, reason: str,
    target: dict[str, Any] | None = None, change: dict[str, Any] | None = None,
) -> Correction:
    """A correction made now, with a fresh id (validated: ValueError when unusable)."""
    return Correction(
        id="c-" + secrets.token_hex(8),
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        editor=editor.strip(), article=article, action=action,
        target=target or {}, change=change or {}, reason=reason.strip(),
    )


def append_correction(path: Path, correction: Correction) -> None:
    """Add ``correction`` at the end of the file (created if needed), durably and under a lock,
    so two editors saving at once both keep their line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(correction.model_dump(), ensure_ascii=False, sort_keys=True) + "\n"
    with path.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def apply_corrections(
    article_id: str, tags: ArticleTags, corrections: Sequence[Correction]
) -> tuple[ArticleTags, list[Outcome]]:
    """The article's tags with its corrections applied in order (events first get their stable
    ids, which corrections keep), and what became of each correction."""
    if not corrections:
        return tags, []  # the store gives the events the same ids
    tags = tags.model_copy(update={"events": with_uids(article_id, tags.events)})
    revoked = {str(c.target.get("correction")) for c in corrections if c.action == "revoke"}
    outcomes = []
    for correction in corrections:
        if correction.article != article_id:
            continue
        if correction.id in revoked:
            outcomes.append(Outcome(correction, "revoked", "withdrawn by a later correction"))
            continue
        if correction.action == "revoke":
            outcomes.append(Outcome(correction, "applied"))
            continue
        try:
            tags, outcome = _apply_one(tags, correction)
        except (ValueError, KeyError, TypeError) as error:
            outcome = Outcome(correction, "invalid", f"cannot be applied: {error}")
        outcomes.append(outcome)
    return tags, outcomes


def _apply_one(tags: ArticleTags, c: Correction) -> tuple[ArticleTags, Outcome]:
    if c.action in ("remove_country", "set_primary"):
        iso3 = str(c.target["iso3"])
        if not any(t.iso3 == iso3 for t in tags.countries):
            return tags, Outcome(c, "orphaned", f"the story is no longer tagged with {iso3}")
        if c.action == "remove_country":
            return tags.model_copy(update={
                "countries": tuple(t for t in tags.countries if t.iso3 != iso3),
                "places": tuple(p for p in tags.places if p.iso3 != iso3),
                "events": tuple(e for e in tags.events if e.iso3 != iso3),
            }), Outcome(c, "applied")
        primary = bool(c.change["primary"])
        return tags.model_copy(update={"countries": tuple(
            t.model_copy(update={"primary": primary}) if t.iso3 == iso3 else t
            for t in tags.countries)}), Outcome(c, "applied")
    if c.action == "add_country":
        return _add_country(tags, c), Outcome(c, "applied")
    if c.action in ("remove_place", "add_place"):
        return _place_change(tags, c)
    return _event_change(tags, c)


def _add_country(tags: ArticleTags, c: Correction) -> ArticleTags:
    iso3 = str(c.change["iso3"]).upper()
    primary = bool(c.change.get("primary", False))
    kept = tuple(t for t in tags.countries if t.iso3 != iso3)
    old = next((t for t in tags.countries if t.iso3 == iso3), None)
    tag = (old.model_copy(update={"primary": primary}) if old else CountryTag(
        iso3=iso3, name=str(c.change.get("name") or iso3), salience=1.0 if primary else 0.5,
        primary=primary, mentions=0))
    return tags.model_copy(update={"countries": (*kept, tag)})


def _place_change(tags: ArticleTags, c: Correction) -> tuple[ArticleTags, Outcome]:
    if c.action == "add_place":
        place = Place(name=str(c.change["name"]), iso3=str(c.change["iso3"]),
                      lat=float(c.change["lat"]), lon=float(c.change["lon"]),
                      evidence=str(c.change.get("evidence", "")))
        kept = tuple(p for p in tags.places if (p.name, p.iso3) != (place.name, place.iso3))
        return tags.model_copy(update={"places": (*kept, place)}), Outcome(c, "applied")
    key = (str(c.target["name"]), str(c.target["iso3"]))
    if not any((p.name, p.iso3) == key for p in tags.places):
        return tags, Outcome(c, "orphaned", f"the story no longer names {key[0]} ({key[1]})")
    return tags.model_copy(update={
        "places": tuple(p for p in tags.places if (p.name, p.iso3) != key)}), Outcome(c, "applied")


def _event_change(tags: ArticleTags, c: Correction) -> tuple[ArticleTags, Outcome]:
    uid = str(c.target["event"])
    if not any(e.uid == uid for e in tags.events):
        return tags, Outcome(c, "orphaned", "the event's sentence, date or country changed in "
                             "the article")
    if c.action == "remove_event":
        return tags.model_copy(update={
            "events": tuple(e for e in tags.events if e.uid != uid)}), Outcome(c, "applied")
    events = tuple(_fixed(e, c.change) if e.uid == uid else e for e in tags.events)
    return tags.model_copy(update={"events": events}), Outcome(c, "applied")


def _fixed(event: Event, change: dict[str, Any]) -> Event:
    """The event with the fields ``change`` names replaced (validated like the tagger's)."""
    fields = event.model_dump()
    if "date" in change:
        fields["date"] = PartialDate.parse(change["date"]) if change["date"] else None
    if "type" in change:
        fields["type"] = EventType(change["type"])
    if "iso3" in change:
        fields["iso3"] = change["iso3"] or None
    if "place" in change:
        place = change["place"]
        if place:
            fields.update(place=str(place["name"]), iso3=str(place["iso3"]),
                          lat=float(place["lat"]), lon=float(place["lon"]))
        else:
            fields.update(place=None, lat=None, lon=None)
    return Event.model_validate(fields)


def _first_error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "line"
        return f"{where}: {first['msg']}"
    return str(error)


def describe(correction: Correction) -> str:
    """A reader's sentence for what the correction changed."""
    target, change = correction.target, correction.change
    what = ACTION_LABELS[correction.action]
    if correction.action in ("remove_country", "set_primary"):
        what += f" {target.get('iso3')}"
        if correction.action == "set_primary":
            what = (f"marked {target.get('iso3')} as "
                    + ("primary" if change.get("primary") else "a passing mention"))
    elif correction.action == "add_country":
        what += f" {change.get('iso3')}" + (" as primary" if change.get("primary") else "")
    elif correction.action == "remove_place":
        what += f" {target.get('name')} ({target.get('iso3')})"
    elif correction.action == "add_place":
        what += f" {change.get('name')} ({change.get('iso3')})"
    elif correction.action in ("remove_event", "fix_event"):
        summary = str(target.get("summary") or target.get("event"))
        what += f" “{summary[:120]}”"
        if correction.action == "fix_event":
            parts = []
            if "date" in change:
                parts.append(f"date {change['date'] or 'unknown'}")
            if "type" in change:
                parts.append(f"type {change['type']}")
            if "place" in change:
                place = change["place"]
                parts.append(f"place {place['name'] if place else 'none'}")
            if "iso3" in change:
                parts.append(f"country {change['iso3'] or 'none'}")
            what += ": " + ", ".join(parts)
    return what


def outcome_rows(outcomes: Iterable[Outcome]) -> list[tuple[str, ...]]:
    """Outcomes as rows of the store's ``corrections`` table."""
    return [
        (o.correction.id, o.correction.article, o.correction.action,
         json.dumps(o.correction.target, ensure_ascii=False, sort_keys=True),
         o.correction.reason, o.correction.editor, o.correction.at, o.status,
         describe(o.correction) + (f"; {o.detail}" if o.detail else ""))
        for o in outcomes
    ]
