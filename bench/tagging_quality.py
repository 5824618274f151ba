"""Tagging quality on the hand-made gold set: precision, recall and F1 per category.

Each gold article is ``tests/data/gold/NAME.md`` with ``NAME.gold.json`` beside it. Matching rules
(micro-averaged: true/false positives and false negatives are summed over all articles):

* primary countries: the set of ISO3 codes tagged ``primary`` against the gold ``primary`` list;
* all countries: the set of every tagged ISO3 code against the gold ``countries`` list;
* places: the set of (folded name, ISO3) pairs; a name matches when it folds to the same key as
  the gold name ("Durres" = "Durrës"), apostrophes inside words dropped ("Tskhinvali" =
  "Ts’khinvali") -- gold names are the gazetteer's own names;
* events: the multiset of (date, ISO3) pairs, the date written at its own precision ("2014",
  "2022-07", "2022-07-15", "1990s") or null; type, place and summary are not scored.

How the gold was written (hand-made, one reader's judgement, the same rules for every article):

* countries: every country the text refers to by name, demonym, capital (also as a metonym:
  "Tirana decided") or historical name, plus the country of every place it names (the seed's
  France is only "Paris"). Not countries: regions ("Western Balkans", "Kurdistan Region"),
  outlets and organisations holding a place ("Brussels Report", "Tehran Times"), "Brussels"
  standing for the EU, "Georgia" the US state, "Macedonia" the Greek region;
* primary: what the story is about -- the title, the lead, the bulk of the text, or where a
  core country acts ("Iran shipped weapons to Bosnia"); a country that only hosts a side event
  or a comparison is a passing mention;
* places: cities, towns and sites the gazetteer knows, written with the gazetteer's own name
  ("Kyiv" for "Kiev", "Durrës" for "Durres"), capitals included even as metonyms, but not inside
  a longer proper name ("Minsk Tractor Works") or a compound adjective ("Moscow-friendly");
* events: one per dated clause; the date at the precision the text gives, resolved against the
  publication date; the country is where it happened (the place's country if the clause names
  a place there), else the country the clause is about; plans in the future tense are not
  events; the same happening told twice counts once.

The first 24 articles (the seed and 23 of ours) were written while the tagger was built. The
other 20 were written and labelled in four batches before the tagger was run on them, and
scored blind first; rules were then generalised (never special-cased) and each batch joined the
set. Their blind scores are in the report of issue 4.

Writes ``bench/results/tagging_quality.json`` and prints a table. ``--verbose`` lists each
article's misses and extras. Run: ``.venv/bin/python bench/tagging_quality.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsmap.corpus import read_article  # noqa: E402
from newsmap.geo import name_keys  # noqa: E402
from newsmap.model import ArticleTags  # noqa: E402
from newsmap.tagging import tag_article  # noqa: E402

GOLD_DIR = REPO / "tests" / "data" / "gold"
RESULT = REPO / "bench" / "results" / "tagging_quality.json"
CATEGORIES = ("primary", "countries", "places", "events")

Key = tuple[str | None, ...]


@dataclass
class Tally:
    """True positives, false positives and false negatives for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, predicted: Counter[Key], gold: Counter[Key], article: str) -> None:
        """Count one article's predictions against its gold (as multisets)."""
        hit = predicted & gold
        self.tp += sum(hit.values())
        extra = predicted - gold
        missing = gold - predicted
        self.fp += sum(extra.values())
        self.fn += sum(missing.values())
        for key in sorted(extra.elements(), key=str):
            self.misses.append(f"{article}: extra {_show(key)}")
        for key in sorted(missing.elements(), key=str):
            self.misses.append(f"{article}: missing {_show(key)}")

    def scores(self) -> dict[str, float | int]:
        """Precision, recall, F1 and the raw counts."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _show(key: Key) -> str:
    return "/".join("null" if part is None else part for part in key)


def gold_articles(gold_dir: Path = GOLD_DIR) -> list[tuple[Path, dict[str, Any]]]:
    """Every gold article file with its parsed gold tags, sorted by name."""
    pairs = []
    for path in sorted(gold_dir.glob("*.md")):
        gold_path = path.with_name(path.stem + ".gold.json")
        pairs.append((path, json.loads(gold_path.read_text(encoding="utf-8"))))
    return pairs


def _place_key(name: str) -> str:
    """A place name's matching key: folded, apostrophes inside words dropped ("Ts'khinvali")."""
    return name_keys(name)[-1]


def predicted_keys(tags: ArticleTags) -> dict[str, Counter[Key]]:
    """The scored keys of one article's tags, per category."""
    return {
        "primary": Counter({(c.iso3,): 1 for c in tags.countries if c.primary}),
        "countries": Counter({(c.iso3,): 1 for c in tags.countries}),
        "places": Counter({(_place_key(p.name), p.iso3): 1 for p in tags.places}),
        "events": Counter((e.date.iso() if e.date else None, e.iso3) for e in tags.events),
    }


def gold_keys(gold: dict[str, Any]) -> dict[str, Counter[Key]]:
    """The scored keys of one gold file, per category."""
    return {
        "primary": Counter({(code,): 1 for code in gold["primary"]}),
        "countries": Counter({(code,): 1 for code in gold["countries"]}),
        "places": Counter({(_place_key(p["name"]), p["iso3"]): 1 for p in gold["places"]}),
        "events": Counter((e["date"], e["iso3"]) for e in gold["events"]),
    }


def score(pairs: Iterable[tuple[Path, dict[str, Any]]]) -> tuple[dict[str, Any], list[str]]:
    """Score the tagger on ``pairs``; returns the results object and the list of misses."""
    tallies = {name: Tally() for name in CATEGORIES}
    count = 0
    for path, gold in pairs:
        count += 1
        predicted = predicted_keys(tag_article(read_article(path)))
        expected = gold_keys(gold)
        for name in CATEGORIES:
            tallies[name].add(predicted[name], expected[name], path.stem)
    results: dict[str, Any] = {"articles": count}
    results.update({name: tallies[name].scores() for name in CATEGORIES})
    misses = [m for name in CATEGORIES for m in (f"[{name}] {x}" for x in tallies[name].misses)]
    return results, misses


def _table(results: dict[str, Any]) -> str:
    lines = [
        f"tagging quality on {results['articles']} gold articles",
        f"{'category':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for name in CATEGORIES:
        r = results[name]
        lines.append(
            f"{name:<10} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
            f"{r['tp']:>5} {r['fp']:>5} {r['fn']:>5}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score the gold set, print the table, write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold articles")
    parser.add_argument("--out", type=Path, default=RESULT, help="where to write the JSON")
    parser.add_argument("--quick", action="store_true", help="score the first 3 articles only")
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    pairs = gold_articles(args.gold)
    if args.quick:
        pairs = pairs[:3]
    results, misses = score(pairs)
    print(_table(results))
    if args.verbose:
        print("\n".join(misses))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
