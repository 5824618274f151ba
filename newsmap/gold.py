"""Corrected stories as gold-set entries, so every correction also measures the tagger.

A story an editor corrected has been read by a person: its stored (corrected) tags become a
``NAME.gold.json`` in the format ``bench/tagging_quality.py`` scores, beside ``NAME.md``, the
article rewritten as Markdown with front matter.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from newsmap.stores import Store


def gold_entry(detail: dict[str, Any]) -> dict[str, Any]:
    """The gold tags of one stored story (:func:`newsmap.query.article_detail`)."""
    countries = detail["country_tags"]
    return {
        "primary": [c["iso3"] for c in countries if c["is_primary"]],
        "countries": [c["iso3"] for c in countries],
        "places": [{"name": p["name"], "iso3": p["iso3"]} for p in detail["places"]],
        "events": [{"date": e["date"], "iso3": e["iso3"]} for e in detail["events"]],
    }


def article_markdown(detail: dict[str, Any]) -> str:
    """The stored article as a Markdown file with YAML front matter."""
    front: dict[str, Any] = {"title": detail["title"]}
    if detail.get("published"):
        front["published"] = detail["published"]
    for key in ("outlet", "url"):
        if detail.get(key):
            front[key] = detail[key]
    for key, column in (("authors", "authors"), ("topics", "topics"),
                        ("countries", "curated_countries")):
        values = json.loads(detail.get(column) or "[]")
        if values:
            front[key] = values
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n{detail['body'].rstrip()}\n"


def export_gold(store: Store, out_dir: Path) -> list[Path]:
    """Write ``NAME.md`` and ``NAME.gold.json`` for every corrected story of ``store``;
    returns the gold files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for article_id in store.corrected_article_ids():
        detail = store.article_detail(article_id)
        if detail is None:
            continue
        (out_dir / f"{article_id}.md").write_text(article_markdown(detail), encoding="utf-8")
        gold_path = out_dir / f"{article_id}.gold.json"
        gold_path.write_text(json.dumps(gold_entry(detail), ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
        written.append(gold_path)
    return written
