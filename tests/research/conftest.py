"""A real corpus (the seed plus articles with authors, outlets, links and awkward text) built
into a real store by the real build, for the research exports and corrections: once on SQLite
and once on PostgreSQL (the ``store_backend`` fixture), through the Store seam."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsmap.build import BuildReport
from newsmap.stores import Store, open_store_at

REPO = Path(__file__).resolve().parents[2]
SEED_ID = "albania-cuts-diplomatic-ties-with-iran"

EXTRA = {
    "durres-quake.md": """---
title: "Earthquake in Durrës: 51 dead & {braces} 100% = \\\\ \\"quoted\\""
published: 2019-11-26
outlet: Balkan Times & Co
url: https://example.org/durres?x=1&y=2
authors: [Ana Kola, "Berisha, Edi"]
---
A magnitude 6.4 earthquake struck near Durrës on 26 November 2019, killing 51 people.

Rescue teams from Italy and Greece arrived in Tirana the next day.
""",
    "georgia-decade.md": """---
title: =HYPERLINK("http://evil") Georgia looks back
published: 2000s
outlet: "@outlet"
authors: [Nino]
---
In the 1990s, Georgia fought a war in Abkhazia. Protesters marched in Tbilisi in March 2003.
""",
}


def write_corpus(root: Path) -> Path:
    """The seed and the extra articles under ``root/data``."""
    data = root / "data"
    shutil.copytree(REPO / "data" / "articles", data / "articles")  # the seed, not the samples
    for name, text in EXTRA.items():
        (data / "articles" / name).write_text(text, encoding="utf-8")
    return data


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A fresh corpus folder."""
    return write_corpus(tmp_path)


def build(data: Path, db: str, *, rebuild: bool = False) -> BuildReport:
    """``newsmap build`` of ``data`` into the store at ``db`` (a SQLite path or a URL)."""
    store = open_store_at(db, readonly=False)
    try:
        return store.build(data, rebuild=rebuild, workers=1)
    finally:
        store.close()


@contextmanager
def reading(db: str) -> Iterator[Store]:
    """The store at ``db`` opened to read, closed after."""
    store = open_store_at(db)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def built(corpus: Path, store_backend: str) -> tuple[Path, str]:
    """(data folder, store: a SQLite path or a PostgreSQL URL) after one real build."""
    report = build(corpus, store_backend)
    assert report.ok, report.rejected
    return corpus, store_backend
