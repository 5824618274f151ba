"""The editor's path in the app (AppTest over the real Stories page and a real store): readers
get no edit controls, whatever the URL says; a signed-in editor's correction is saved, applied
and shown to readers with its reason."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from newsmap.corrections import corrections_path
from newsmap.editors import ENV_VAR, hash_password
from tests.research.conftest import REPO, SEED_ID, build

STORIES = str(REPO / "pages" / "1_Stories.py")
PASSWORD = "a long editor password"  # noqa: S105 (a test password, hashed at run time)


@pytest.fixture
def app_env(built: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data, db = built
    monkeypatch.setenv("NEWSMAP_DATA", str(data))
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    monkeypatch.setenv(ENV_VAR, hash_password(PASSWORD))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield data
    st.cache_data.clear()
    st.cache_resource.clear()


def _story_page(**params: str) -> AppTest:
    at = AppTest.from_file(STORIES, default_timeout=120)
    at.query_params["story"] = SEED_ID
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _labels(at: AppTest) -> set[str]:
    widgets = [*at.button, *at.selectbox, *at.text_input, *at.radio, *at.checkbox]
    return {str(w.label) for w in widgets}


def _sign_in(at: AppTest, password: str) -> None:
    next(w for w in at.text_input if w.label.startswith("Your name")).input("Ann Editor")
    next(w for w in at.text_input if w.label == "Editor password").input(password)
    next(b for b in at.button if b.label == "Sign in").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("params", [{}, {"editor": "1", "edit": "true", "nm_editor": "Ann"},
                                    {"action": "fix_event", "admin": "1"}])
def test_a_reader_sees_no_edit_controls_whatever_the_url(params):
    at = _story_page(**params)
    labels = _labels(at)
    assert "Sign in" in labels
    assert "Save the correction" not in labels
    assert "What to correct" not in labels
    assert "Cite this story" in " ".join(m.value for m in at.markdown)


@pytest.mark.usefixtures("app_env")
def test_a_wrong_password_opens_nothing():
    at = _story_page()
    _sign_in(at, "not the password")
    assert any("Wrong password" in e.value for e in at.error)
    assert "Save the correction" not in _labels(at)


def test_without_a_configured_password_there_is_no_sign_in(app_env, monkeypatch):
    monkeypatch.delenv(ENV_VAR)
    at = _story_page()
    assert "Sign in" not in _labels(at)
    assert "Save the correction" not in _labels(at)


def test_a_refused_correction_says_why_and_saves_nothing(app_env):
    at = _story_page()
    _sign_in(at, PASSWORD)
    next(w for w in at.text_input if w.label.startswith("Date")).input("2022-02-30")
    next(w for w in at.text_input if w.label.startswith("Reason")).input("<b>bold</b> claim")
    next(b for b in at.button if b.label == "Save the correction").click()
    at.run()
    assert not at.exception
    errors = "\n".join(h.proto.body for h in at.html)
    assert "Not saved: 2022-02 has only 28 days" in errors
    assert not corrections_path(app_env).exists()


def test_an_editor_fixes_a_date_and_readers_see_it_corrected(app_env):
    at = _story_page()
    _sign_in(at, PASSWORD)
    assert "Save the correction" in _labels(at)
    at.selectbox(key="nm-edit-action").select("Fix an event's date, type or place").run()
    event = next(w for w in at.selectbox if w.label == "Event")
    event.select_index(next(i for i, o in enumerate(event.options) if o.startswith("2014")))
    next(w for w in at.text_input if w.label.startswith("Date")).input("2015-03")
    reason = next(w for w in at.text_input if w.label.startswith("Reason"))
    reason.input("The text means <i>2015</i>")
    next(b for b in at.button if b.label == "Save the correction").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    lines = corrections_path(app_env).read_text().splitlines()
    saved = json.loads(lines[-1])
    assert (saved["editor"], saved["action"], saved["change"]) == (
        "Ann Editor", "fix_event", {"date": "2015-03"})
    reader = _story_page()
    notes = "\n".join(h.proto.body for h in reader.html)
    assert "<b>Corrected</b>: fixed the event" in notes
    assert "“The text means &lt;i&gt;2015&lt;/i&gt;” (Ann Editor," in notes  # text, not HTML



def test_the_about_page_lists_a_correction_whose_target_is_gone(app_env):
    from newsmap.corrections import append_correction, new_correction

    append_correction(corrections_path(app_env), new_correction(
        SEED_ID, "remove_place", editor="Ann Editor", reason="not in the text",
        target={"name": "Atlantis", "iso3": "ALB"}))
    build(app_env, os.environ["NEWSMAP_DB"])
    at = AppTest.from_file(str(REPO / "pages" / "3_About_the_data.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "correction" in d.value.columns)
    assert list(table["story"]) == [SEED_ID]
    assert "Atlantis" in table["correction"].iloc[0]
    assert list(table["reason"]) == ["not in the text"]
