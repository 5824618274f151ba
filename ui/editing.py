"""Editors' corrections in the app: readers see what was corrected and why; an editor who
signed in with the operator's password corrects a story from its view.

Nothing here reads the URL: the edit controls exist only in a session that signed in.
"""

from __future__ import annotations

import time
from html import escape
from typing import Any

import streamlit as st
from pydantic import ValidationError

from newsmap.corrections import (
    MAX_REASON,
    Action,
    append_correction,
    corrections_path,
    new_correction,
)
from newsmap.editors import configured_hash, verify_password
from newsmap.errors import BuildLockedError
from newsmap.geo import Gazetteer, known_iso3, load_gazetteer
from newsmap.model import EventType, PartialDate
from newsmap.settings import Settings
from newsmap.stores import open_store
from ui import cache

_EDITOR = "nm_editor"
_ACTIONS: dict[str, Action] = {
    "Fix an event's date, type or place": "fix_event",
    "Remove a wrong event": "remove_event",
    "Remove a wrong country": "remove_country",
    "Mark a country primary or passing": "set_primary",
    "Add a missing country": "add_country",
    "Remove a wrong place": "remove_place",
    "Add a missing place": "add_place",
}


@st.cache_resource(show_spinner="Loading the gazetteer…")
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=cache.KEY_HASH)
def _corrections(key: cache.StoreKey, article_id: str) -> list[dict[str, Any]]:
    return cache.store(key).corrections_for(article_id)


@st.cache_data(show_spinner=False, max_entries=8, hash_funcs=cache.KEY_HASH)
def _orphaned(key: cache.StoreKey) -> list[dict[str, Any]]:
    return cache.store(key).orphaned_corrections()


def _rebuild(settings: Settings) -> None:
    """Apply a saved correction: the store's build (only the corrected story is re-tagged),
    waiting up to a minute for a running one."""
    store = open_store(settings, readonly=False)
    try:
        store.build(settings.data_dir, wait_seconds=60)
    finally:
        store.close()


def editor() -> str | None:
    """The signed-in editor's name in this session, or None for a reader."""
    name = st.session_state.get(_EDITOR)
    return name if isinstance(name, str) and name and configured_hash() else None


def corrections_note(key: cache.StoreKey, article_id: str) -> None:
    """Tell readers which of the story's tags an editor corrected, and why."""
    rows = [r for r in _corrections(key, article_id) if r["status"] in ("applied", "orphaned")]
    if not rows:
        return
    items = []
    for row in rows:
        when = str(row["at"])[:10]
        prefix = "Corrected" if row["status"] == "applied" else "Waiting (its target changed)"
        items.append(f"<li><b>{prefix}</b>: {escape(row['detail'])}. Reason: "
                     f"“{escape(row['reason'])}” ({escape(row['editor'])}, {escape(when)})</li>")
    # article text and editors' words are shown as text, never as markdown or HTML
    st.html('<div class="nm-corrections"><p><b>Corrected by an editor</b></p><ul>'
            + "".join(items) + "</ul></div>")


def orphaned_section(key: cache.StoreKey) -> None:
    """List corrections the last build could not apply (for the About page)."""
    st.header("Corrections waiting for their target", anchor=False)
    rows = _orphaned(key)
    if not rows:
        st.success("Every editor's correction applies to the current articles.")
        return
    st.caption("These corrections are kept but not applied: the article changed so that the "
               "tag they correct is gone, or the line cannot be used. `newsmap check` lists "
               "them too.")
    st.dataframe([{"story": r["article_id"], "correction": r["detail"], "reason": r["reason"],
                   "editor": r["editor"], "when": r["at"]} for r in rows],
                 hide_index=True, width="stretch")


def sign_in() -> None:
    """The editor's sign-in (only when the operator configured a password)."""
    if configured_hash() is None or editor():
        return
    with st.expander("Editor sign-in"), st.form("nm-editor-sign-in", clear_on_submit=True):
        name = st.text_input("Your name (kept with each correction)", max_chars=80)
        password = st.text_input("Editor password", type="password")
        if st.form_submit_button("Sign in"):
            stored = configured_hash()
            if stored and name.strip() and verify_password(password, stored):
                st.session_state[_EDITOR] = name.strip()
                st.rerun()
            time.sleep(1.0)  # slows guessing
            st.error("Wrong password (or no name given).")


def editor_panel(key: cache.StoreKey, settings: Settings, detail: dict[str, Any]) -> None:
    """The correction forms for one story; drawn only for a signed-in editor."""
    name = editor()
    if name is None:
        return
    st.subheader("Correct this story", anchor=False)
    st.caption(f"Signed in as {name}. A correction is kept in "
               f"`{corrections_path(settings.data_dir)}` and applied after every build.")
    label = st.selectbox("What to correct", list(_ACTIONS), key="nm-edit-action")
    action = _ACTIONS[label]
    with st.form(f"nm-edit-{action}", clear_on_submit=True):
        target, change = _fields(action, detail)
        reason = st.text_input("Reason (shown to readers)", max_chars=MAX_REASON)
        submitted = st.form_submit_button("Save the correction")
    if submitted:
        _save(settings, detail, action, target, change, reason, name)
    if st.button("Sign out", key="nm-editor-sign-out"):
        st.session_state.pop(_EDITOR, None)
        st.rerun()


def _fields(action: Action, detail: dict[str, Any]) -> tuple[Any, Any]:
    """Draw the form's fields; returns callables giving (target, change) once submitted."""
    if action in ("fix_event", "remove_event"):
        events = {e["uid"]: e for e in detail["events"]}
        uid = st.selectbox("Event", list(events), format_func=lambda u: _event_label(events[u]))
        target = {"event": uid, "summary": events[uid]["summary"] if uid else ""}
        if action == "remove_event":
            return target, {}
        date = st.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD; blank keeps it; "
                             "'none' if unknown)")
        types = ["(keep)", *[t.value for t in EventType]]
        kind = st.selectbox("Type", types)
        place = st.text_input("Place (a town or site; blank keeps it; 'none' removes it)")
        return target, {"date": date, "type": kind, "place": place}
    countries = [c["iso3"] for c in detail["country_tags"]]
    if action in ("remove_country", "set_primary"):
        iso3 = st.selectbox("Country", countries, format_func=cache.name_of)
        if action == "remove_country":
            return {"iso3": iso3}, {}
        primary = st.radio("It is", ["primary (what the story is about)", "a passing mention"])
        return {"iso3": iso3}, {"primary": primary.startswith("primary")}
    if action == "add_country":
        iso3 = st.text_input("Country code (ISO 3166-1 alpha-3, e.g. ALB)", max_chars=3)
        primary = st.checkbox("Primary (what the story is about)")
        return {}, {"iso3": iso3.strip().upper(), "primary": primary}
    places = {f"{p['name']} ({p['iso3']})": p for p in detail["places"]}
    if action == "remove_place":
        chosen = st.selectbox("Place", list(places))
        place = places.get(chosen or "", {})
        return {"name": place.get("name"), "iso3": place.get("iso3")}, {}
    return {}, {"place": st.text_input("Place name (as the gazetteer knows it)")}


def _event_label(event: dict[str, Any]) -> str:
    return f"{event['date'] or 'undated'} · {event['type']} · {str(event['summary'])[:90]}"


def _save(settings: Settings, detail: dict[str, Any], action: Action, target: dict[str, Any],
          change: dict[str, Any], reason: str, name: str) -> None:
    """Check the form, append the correction, rebuild; errors are shown, nothing half-done."""
    try:
        if any(value is None for value in target.values()):
            raise ValueError("this story has nothing of that kind to pick")
        change = _checked_change(action, change, detail)
        correction = new_correction(detail["id"], action, editor=name, reason=reason,
                                    target=target, change=change)
    except ValueError as error:
        st.html(f'<p class="nm-edit-error" role="alert">Not saved: {escape(_why(error))}</p>')
        return
    path = corrections_path(settings.data_dir)
    try:
        append_correction(path, correction)
    except OSError as error:
        st.html(f'<p class="nm-edit-error" role="alert">Not saved: cannot write '
                f"{escape(str(path))} ({escape(error.strerror or str(error))})</p>")
        return
    try:
        with st.spinner("Applying the correction…"):
            _rebuild(settings)
    except BuildLockedError:
        st.warning("Saved; another build is running and the correction shows after it.")
        return
    st.toast("Correction saved and applied.")
    st.rerun()


def _why(error: ValueError) -> str:
    """The reason in a sentence (pydantic's first message, without its prefix)."""
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        return f"{field}: {message}" if field else message
    return str(error)


def _checked_change(action: Action, change: dict[str, Any],
                    detail: dict[str, Any]) -> dict[str, Any]:
    """The form's values as a correction's ``change``; ValueError says what is wrong."""
    prefer = [c["iso3"] for c in detail["country_tags"]]
    if action == "fix_event":
        checked: dict[str, Any] = {}
        date = str(change["date"]).strip()
        if date.lower() == "none":
            checked["date"] = None
        elif date:
            checked["date"] = PartialDate.parse(date).iso()
        if change["type"] != "(keep)":
            checked["type"] = change["type"]
        place = str(change["place"]).strip()
        if place.lower() == "none":
            checked["place"] = None
        elif place:
            checked["place"] = _place(place, prefer)
        if not checked:
            raise ValueError("change the date, the type or the place")
        return checked
    if action == "add_country":
        if change["iso3"] not in known_iso3():
            raise ValueError(f"{change['iso3']!r} is not an ISO 3166-1 alpha-3 code")
        return {**change, "name": cache.name_of(change["iso3"])}
    if action == "add_place":
        return _place(str(change["place"]).strip(), prefer)
    return change


def _place(name: str, prefer: list[str]) -> dict[str, Any]:
    city = _gazetteer().resolve(name, prefer) if name else None
    if city is None:
        raise ValueError(f"the gazetteer does not know the place {name!r}")
    return {"name": city.name, "iso3": city.iso3, "lat": city.lat, "lon": city.lon}
