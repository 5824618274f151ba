"""Server CPU of a text search, question by question, on a built store (SQLite or PostgreSQL).

A reader types words into the map page's search box: the page asks the store, with the new
filters, for stories and events per country (twice: every story, and the stories about each
country), the event totals, the marker groups and the ten latest stories with their snippets.
The Stories page asks for up to 5,000 matching stories for its table, which shows no snippet.
Each question is asked once per search word (the words of ``bench/capacity.py``), the questions
one after another for each new word, as a page asks them (the first one runs the full-text
match), through the Store seam; the stories are asked with and without snippets
(SQLite's FTS5 ``snippet``, PostgreSQL's ``ts_headline``), to show what making them only for
the rows shown saves.

Once loaded (here before the questions), a search's stories and events per
country and its event totals come from the story columns (``newsmap.storycolumns``); the load's
cost is reported apart. The entries before 2026-12-02 were measured without them.

The store keeps each search's matches (``newsmap.query.TextMatches``): the first question of
a word runs the full-text match, the others reuse it, as on the map page.

Reported per store: each question's mean CPU time in this process (where SQLite runs its
queries), in the PostgreSQL server's processes (``--pg-data``: the server's data folder, whose
``postmaster.pid`` names the processes) and its wall time; load averages at start and end (the
machine is shared: other work may be running, and the JSON says so), and the map page's
first search: the sum of its questions.

    PYTHONPATH=$PWD .venv/bin/python bench/search_cost.py --db /tmp/quiet/q.db --label sqlite-10k
    PYTHONPATH=$PWD .venv/bin/python bench/search_cost.py --db postgresql://... \\
        --pg-data /tmp/pg/data --label postgresql-10k

Appends to ``bench/results/search_cost.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "bench" / "results" / "search_cost.json"

from newsmap.query import Filters  # noqa: E402
from newsmap.stores import Store, open_store_at  # noqa: E402

WORDS = ("pipeline", "earthquake", "refugees", "museum", "hackers", "election", "border",
         "drought", "ministers", "protest", "sanctions", "harbour", "court", "vaccine")
"""The search words of bench/capacity.py."""


MAP_QUESTIONS = ("count_by_country_primary", "count_by_country", "event_markers", "event_counts",
                 "map_latest_10_with_snippets")
"""The questions of the map page; their sum is the cost of a first search there."""


def questions(store: Store) -> dict[str, Callable[[Filters], object]]:
    """What the pages ask when the search words change, by name."""
    return {
        "count_by_country_primary": lambda f: store.count_by_country(f, primary=True),
        "count_by_country": lambda f: store.count_by_country(f),
        "event_markers": lambda f: store.event_markers(f, per_marker=2, limit=500),
        "event_counts": lambda f: store.event_counts(f),
        "map_latest_10_with_snippets": lambda f: store.stories(f, limit=10),
        "map_latest_10_without_snippets": lambda f: store.stories(f, limit=10, snippets=False),
        "stories_page_5000_with_snippets": lambda f: store.stories(f, limit=5000),
        "stories_page_5000_without_snippets": lambda f: store.stories(
            f, limit=5000, snippets=False),
    }


def server_cpu(pg_data: Path | None) -> float:
    """CPU seconds of the PostgreSQL server's processes so far (0 without ``pg_data``)."""
    if pg_data is None:
        return 0.0
    postmaster = psutil.Process(int((pg_data / "postmaster.pid").read_text().split()[0]))
    total = 0.0
    for process in [postmaster, *postmaster.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def load_columns(store: Store, pg_data: Path | None) -> dict[str, float]:
    """Load the store's story columns (a search's counts come from them once loaded; the app
    loads them in the background on its first search): CPU here and in the server, wall."""
    cpu0, server0, wall0 = time.process_time(), server_cpu(pg_data), time.perf_counter()
    store.load_story_columns()
    return {"app_cpu_ms": round(1000 * (time.process_time() - cpu0), 1),
            "db_cpu_ms": round(1000 * (server_cpu(pg_data) - server0), 1),
            "wall_ms": round(1000 * (time.perf_counter() - wall0), 1)}


def measure(store: Store, pg_data: Path | None) -> dict[str, dict[str, float]]:
    """Mean CPU (here and in the server) and wall milliseconds of each question per word, the
    questions asked one after another for each word, as a page asks them."""
    store.count_stories(Filters(text="warmup"))  # the connection and the full-text index open
    asked = questions(store)
    totals = {name: [0.0, 0.0, 0.0] for name in asked}
    for word in WORDS:
        for name, question in asked.items():
            cpu0, server0, wall0 = time.process_time(), server_cpu(pg_data), time.perf_counter()
            question(Filters(text=word))
            spent = totals[name]
            spent[0] += time.process_time() - cpu0
            spent[1] += server_cpu(pg_data) - server0
            spent[2] += time.perf_counter() - wall0
    return {name: {"app_cpu_ms": round(1000 * cpu / len(WORDS), 1),
                   "db_cpu_ms": round(1000 * server / len(WORDS), 1),
                   "wall_ms": round(1000 * wall / len(WORDS), 1)}
            for name, (cpu, server, wall) in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a SQLite store file or a postgresql:// URL")
    parser.add_argument("--pg-data", type=Path, help="the PostgreSQL server's data folder")
    parser.add_argument("--label", required=True)
    args = parser.parse_args()
    store = open_store_at(args.db)
    result: dict[str, Any] = {
        "label": args.label, "backend": store.kind, "articles": store.store_stats()["articles"],
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_start": os.getloadavg(),
        "note": "shared 2-core machine: other helpers' builds and tests were running",
    }
    try:
        result["story_columns_load"] = load_columns(store, args.pg_data)
        result["questions"] = measure(store, args.pg_data)
        result["map_first_search"] = {  # what the map page asks when the words change
            unit: round(sum(result["questions"][name][unit] for name in MAP_QUESTIONS), 1)
            for unit in ("app_cpu_ms", "db_cpu_ms", "wall_ms")}
    finally:
        store.close()
    result["load_end"] = os.getloadavg()
    runs = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    runs.append(result)
    RESULTS.write_text(json.dumps(runs, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
