"""Sample articles: the ``sample`` key, their label in the app, and NEWSMAP_SAMPLES=0 (or
deleting the folder) leaving them out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsmap.build import build_store
from newsmap.corpus import read_article
from newsmap.errors import ArticleError, SettingsError
from newsmap.present import stories_html
from newsmap.query import Filters, stories
from newsmap.settings import Settings
from newsmap.store import connect

SAMPLE = """---
title: North Macedonia takes its new name
published: 2019-02
outlet: newsmap samples
sample: true
---
In February 2019 the country's name became North Macedonia, after the Prespa agreement
with Greece was ratified in Skopje and Athens.
"""


@pytest.fixture
def with_sample(corpus: Path) -> Path:
    folder = corpus / "samples"
    folder.mkdir()
    (folder / "north-macedonia-name.md").write_text(SAMPLE, encoding="utf-8")
    return corpus


def _titles(db_path: Path) -> dict[str, bool]:
    conn = connect(db_path, readonly=True)
    try:
        found = stories(conn, Filters())
        return dict(zip(found["title"], found["sample"], strict=True))
    finally:
        conn.close()


def test_the_sample_key_is_read_and_checked(with_sample: Path, tmp_path: Path) -> None:
    article = read_article(with_sample / "samples" / "north-macedonia-name.md")
    assert article.sample is True
    bad = tmp_path / "bad.md"
    bad.write_text(SAMPLE.replace("sample: true", "sample: perhaps"), encoding="utf-8")
    with pytest.raises(ArticleError, match="sample: expected true or false"):
        read_article(bad)


def test_sample_stories_are_stored_and_labelled(with_sample: Path, db_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSMAP_SAMPLES", raising=False)
    assert build_store(with_sample, db_path).ok
    assert _titles(db_path) == {"North Macedonia takes its new name": True,
                                "Albania cuts diplomatic ties with Iran": False}
    conn = connect(db_path, readonly=True)
    html = stories_html(stories(conn, Filters()))
    conn.close()
    items = html.split('<li class="nm-story">')[1:]
    labelled = {("North Macedonia" in item, 'class="nm-sample"' in item)
                for item in items}
    assert labelled == {(True, True), (False, False)}


def test_the_switch_or_deleting_the_folder_hides_the_samples(
        with_sample: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSMAP_SAMPLES", raising=False)
    build_store(with_sample, db_path)
    monkeypatch.setenv("NEWSMAP_SAMPLES", "0")
    report = build_store(with_sample, db_path)
    assert report.removed == 1
    assert list(_titles(db_path)) == ["Albania cuts diplomatic ties with Iran"]
    monkeypatch.setenv("NEWSMAP_SAMPLES", "1")
    assert build_store(with_sample, db_path).added == 1
    shutil.rmtree(with_sample / "samples")
    assert build_store(with_sample, db_path).removed == 1
    assert list(_titles(db_path)) == ["Albania cuts diplomatic ties with Iran"]


def test_the_switch_takes_only_yes_or_no(corpus: Path) -> None:
    assert Settings.from_env({"NEWSMAP_SAMPLES": "off"}, data_dir=corpus).samples is False
    assert Settings.from_env({}, data_dir=corpus).samples is True
    with pytest.raises(SettingsError, match="NEWSMAP_SAMPLES='maybe'"):
        Settings.from_env({"NEWSMAP_SAMPLES": "maybe"}, data_dir=corpus)
