"""Tagging speed: articles per second on one core.

Two corpora are timed after a warm-up (the gazetteer and phrase tables load once per process):

* ``gold``: the gold articles as they are (short news items, the seed is the longest), cycled
  to ``--articles`` (default 10,000);
* ``long``: ~650-word articles, the size the archive's build must handle, a quarter as many:
  each joins the bodies of five gold articles drawn at random (seeded) in a random order, so that
  every text tagged is a different string and no memo keyed on the text could help (the tagger
  keeps none across articles; its per-text caches hold a few texts, fewer than the 44 gold
  articles cycled in ``gold``).

Each figure gives wall and CPU time (``time.process_time``; other work on a shared machine slows
the wall clock more) and the load average before and after (``--note`` records what else ran
on the machine). Writes
``bench/results/tagging_speed.json``. The process is pinned to one CPU where the OS allows.
Run: ``.venv/bin/python bench/tagging_speed.py`` (``--quick`` times 300 articles).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsmap.corpus import read_article  # noqa: E402
from newsmap.model import Article  # noqa: E402
from newsmap.tagging import tag_article  # noqa: E402

GOLD_DIR = REPO / "tests" / "data" / "gold"
RESULT = REPO / "bench" / "results" / "tagging_speed.json"


def load_gold(gold_dir: Path = GOLD_DIR) -> list[Article]:
    """The gold articles, parsed."""
    return [read_article(path) for path in sorted(gold_dir.glob("*.md"))]


def long_articles(
    articles: list[Article], count: int | None = None, seed: int = 0
) -> list[Article]:
    """``count`` articles of roughly 650 words (default: one per gold article), each joining
    the bodies of five different gold articles drawn at random, in a random order."""
    rng = random.Random(seed)
    joined = []
    for _ in range(len(articles) if count is None else count):
        parts = rng.sample(articles, 5)
        body = "\n\n".join(a.body for a in parts)
        joined.append(parts[0].model_copy(update={"body": body}))
    return joined


def time_tagging(articles: list[Article], count: int) -> dict[str, Any]:
    """Tag ``count`` articles cycling through ``articles``; rates (wall and CPU) and sizes."""
    words = 0
    load_before = os.getloadavg()
    start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(count):
        article = articles[i % len(articles)]
        tag_article(article)
        words += len(article.body.split())
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    return {
        "articles": count,
        "distinct_texts": len({a.body for a in articles[:count]}),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "articles_per_second": round(count / seconds, 1),
        "articles_per_cpu_second": round(count / cpu_seconds, 1),
        "mean_words": round(words / count, 1),
        "words_per_second": round(words / seconds),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


def _pin_to_one_cpu() -> tuple[str, set[int] | None]:
    """Pin this process to one CPU; returns a label and the affinity to restore afterwards."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        before = set(os.sched_getaffinity(0))
        cpu = min(before)
        os.sched_setaffinity(0, {cpu})
        return f"cpu {cpu}", before
    return "not pinned", None


def main(argv: list[str] | None = None) -> int:
    """Time tagging, print the rates, write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to tag")
    parser.add_argument("--quick", action="store_true", help="tag 300 articles only")
    parser.add_argument("--out", type=Path, default=RESULT, help="where to write the JSON")
    parser.add_argument("--note", default="", help="recorded in the JSON (e.g. other work running)")
    args = parser.parse_args(argv)
    count = 300 if args.quick else args.articles
    pinned, restore = _pin_to_one_cpu()
    try:
        gold = load_gold()
        for article in gold:  # warm-up: load the gazetteer and the phrase tables
            tag_article(article)
        results: dict[str, Any] = {
            "python": platform.python_version(),
            "pinned": pinned,
            "cpus": os.cpu_count(),
            "note": args.note,
            "gold": time_tagging(gold, count),
            "long": time_tagging(long_articles(gold, max(count // 4, 1)), max(count // 4, 1)),
        }
    finally:
        if restore is not None:
            os.sched_setaffinity(0, restore)
    for name in ("gold", "long"):
        r = results[name]
        print(
            f"{name:<5} {r['articles']:>6} articles of {r['mean_words']:>5.0f} words: "
            f"{r['articles_per_second']:>7.1f} articles/s ({r['articles_per_cpu_second']:.1f} "
            f"per CPU second), {r['words_per_second']:>7} words/s"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
