"""A real corpus (the seed plus articles with authors, outlets, links and awkward text) built
into a real store by the real build, for the research exports and corrections."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsmap.build import build_store

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


@pytest.fixture
def built(corpus: Path) -> tuple[Path, Path]:
    """(data folder, store) after one real build."""
    db = corpus.parent / "store" / "newsmap.db"
    report = build_store(corpus, db)
    assert report.ok, report.rejected
    return corpus, db
