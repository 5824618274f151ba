"""Where tagging time goes: CPU time per article of each stage of ``tag_article``, on the
~650-word ``long`` articles of ``bench/tagging_speed.py``.

Each listed function is wrapped in place and timed inclusively (nested calls of the same
function count once), while whole articles are tagged, so the per-text caches the finders share
behave as in a plain run. The wrappers add a little time to every call (most to functions called
many times per article); the total is measured with them in place and the shares are of it.
Pinned to one CPU where the OS allows. Writes ``bench/results/tagging_profile.json``. Run:
``.venv/bin/python bench/tagging_profile.py`` (``--articles N``, default 600).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.tagging_speed import load_gold, long_articles  # noqa: E402

RESULT = REPO / "bench" / "results" / "tagging_profile.json"

# (dotted name, what it does); indented in the printout under the stage that calls it.
STAGES = (
    ("newsmap.tagging.document.analyse", "find and resolve every mention"),
    ("newsmap.tagging.sentences.split_sentences", "sentences"),
    ("newsmap.geo.names.find_country_mentions", "country names, demonyms, capitals"),
    ("newsmap.geo.lexicon.PhraseTable.scan", "phrase table over capitalised words"),
    ("newsmap.geo.gazetteer.Gazetteer.find", "gazetteer names"),
    ("newsmap.tagging.placenames.resolve_places", "places resolved, villages and sites"),
    ("newsmap.geo.placecues.find_cues", "place cues ('the village of X', 'near X')"),
    ("newsmap.geo.placecues.find_sites", "named sites"),
    ("newsmap.tagging.placenames._with_cued_places", "villages the cues point at"),
    ("newsmap.tagging.context.filter_countries", "country mentions checked in context"),
    ("newsmap.tagging.dates.find_dates", "temporal expressions"),
    ("newsmap.tagging.dates._matches", "date patterns at anchors"),
    ("newsmap.tagging.dates._with_anaphors", "anaphoric dates"),
    ("newsmap.tagging.reftime.anchor_dates", "narrative reference time"),
    ("newsmap.tagging.roles.speech_positions", "verbs of saying"),
    ("newsmap.tagging.document._country_refs", "roles of country references"),
    ("newsmap.tagging.roles.is_locative", "'in X', 'to X'"),
    ("newsmap.tagging.roles.is_source", "'from X', 'by X'"),
    ("newsmap.tagging.countries.base_scores", "country scores"),
    ("newsmap.tagging.events.find_events", "dated events"),
    ("newsmap.tagging.lexicon.find_cues", "event-type words"),
    ("newsmap.tagging.events._pieces", "clause pieces"),
    ("newsmap.tagging.events._draft", "one event per piece"),
    ("newsmap.tagging.countries.country_tags", "salience, primary, evidence"),
    ("newsmap.model.ArticleTags.model_validate", "validation of the result"),
)


def _resolve(dotted: str) -> tuple[Any, str, Callable[..., Any]]:
    """The object holding the function, its attribute name and the function."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:-1]:
            owner = getattr(owner, part)
        return owner, parts[-1], getattr(owner, parts[-1])
    raise ImportError(dotted)


def _instrument(names: list[str]) -> tuple[dict[str, float], Counter[str]]:
    """Wrap each function (wherever a newsmap module imported it) to sum its CPU time."""
    spent: dict[str, float] = defaultdict(float)
    calls: Counter[str] = Counter()
    active: Counter[str] = Counter()

    def wrapper(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if active[name]:
                return function(*args, **kwargs)
            active[name] += 1
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start
                calls[name] += 1
                active[name] -= 1

        return timed

    for name in names:
        owner, attribute, function = _resolve(name)
        timed = wrapper(name, function)
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("newsmap") and (
                getattr(module, attribute, None) is function
            ):
                setattr(module, attribute, timed)
        setattr(owner, attribute, timed)
    return spent, calls


def main(argv: list[str] | None = None) -> int:
    """Time the stages, print them, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600, help="long articles to tag")
    parser.add_argument("--out", type=Path, default=RESULT, help="where to write the JSON")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import newsmap.tagging as tagging

    gold = load_gold()
    for article in gold:  # warm-up: tables load once per process
        tagging.tag_article(article)
    spent, calls = _instrument([name for name, _ in STAGES])
    articles = long_articles(gold, args.articles)
    load_before = os.getloadavg()
    start = time.process_time()
    for article in articles:
        tagging.tag_article(article)
    total = time.process_time() - start
    count = len(articles)
    rows: list[dict[str, Any]] = [
        {
            "function": name,
            "what": what,
            "us_per_article": round(1e6 * spent[name] / count),
            "share": round(spent[name] / total, 3),
            "calls_per_article": round(calls[name] / count, 1),
        }
        for name, what in STAGES
    ]
    result = {
        "articles": count,
        "ms_per_article": round(1e3 * total / count, 3),
        "articles_per_cpu_second": round(count / total, 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "stages": rows,
    }
    print(f"{result['ms_per_article']} ms per article ({result['articles_per_cpu_second']}/CPU s)")
    for row in rows:
        print(
            f"{row['us_per_article']:6} us {100 * row['share']:5.1f}% "
            f"{row['calls_per_article']:6} calls  {row['function']}  ({row['what']})"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
