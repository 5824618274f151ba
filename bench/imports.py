"""Imports: how fast event datasets and feeds come in, and how fast the app's questions about
imported events are answered.

    .venv/bin/python bench/imports.py                  # 100,000 ACLED rows, 2,000-article corpus
    .venv/bin/python bench/imports.py --rows 20000 --articles 500

Writes a synthetic ACLED export (rows spread over the region's capitals and 2015-2024), then
times: reading and validating it; the first import (copy + store); importing it again
unchanged; importing a revision (1% of rows changed, 1% gone, 1% new); a build with the dataset
(read again, nothing to write); the map's markers, a country's panel list and a story's nearby
events. Then indexes a synthetic corpus the way ``newsmap import feed`` does before writing
(deduplication), and imports a 200-entry feed into it. Writes ``bench/results/imports.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsmap.build import build_store  # noqa: E402
from newsmap.imported_query import country_imported, imported_markers, story_imported  # noqa: E402
from newsmap.importers.acled import read_acled  # noqa: E402
from newsmap.importers.articles import CorpusIndex  # noqa: E402
from newsmap.importers.events import import_events  # noqa: E402
from newsmap.importers.stories import import_feed  # noqa: E402
from newsmap.query import Filters  # noqa: E402
from newsmap.store import connect  # noqa: E402
from newsmap.synth import generate_archive  # noqa: E402

RESULTS = REPO / "bench" / "results" / "imports.json"
HEADER = ("event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,iso,"
          "country,admin1,location,latitude,longitude,geo_precision,source,notes,"
          "fatalities").split(",")
PLACES = [  # capital, country, ACLED iso, lat, lon
    ("Tirana", "Albania", "8", 41.3275, 19.8187), ("Sarajevo", "Bosnia and Herzegovina", "70",
    43.8563, 18.4131), ("Belgrade", "Serbia", "688", 44.8176, 20.4633),
    ("Pristina", "Kosovo", "0", 42.6629, 21.1655), ("Kyiv", "Ukraine", "804", 50.4501, 30.5234),
    ("Chisinau", "Moldova", "498", 47.0105, 28.8638), ("Tbilisi", "Georgia", "268", 41.6938,
    44.8015), ("Yerevan", "Armenia", "51", 40.1792, 44.4991), ("Baku", "Azerbaijan", "31",
    40.4093, 49.8671), ("Beirut", "Lebanon", "422", 33.8938, 35.5018), ("Damascus", "Syria",
    "760", 33.5138, 36.2765), ("Tunis", "Tunisia", "788", 36.8065, 10.1815),
]
TYPES = [("Protests", "Peaceful protest"), ("Riots", "Mob violence"), ("Battles", "Armed clash"),
         ("Strategic developments", "Agreement")]


def _row(rng: random.Random, number: int, note: str = "") -> list[str]:
    place, country, iso, lat, lon = rng.choice(PLACES)
    kind, sub = rng.choice(TYPES)
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    jitter = rng.randrange(40) / 100
    return [f"BEN{number}", day.isoformat(), str(day.year), rng.choice("1123"), kind, sub,
            f"Actors ({country})", iso, country, place, place, f"{lat + jitter:.4f}",
            f"{lon + jitter:.4f}", rng.choice("12"), "Bench Wire",
            f"Synthetic row {number} in {place}.{note}", str(rng.randrange(3))]


def write_acled(path: Path, rows: int, seed: int = 0, revise: bool = False) -> None:
    """A synthetic ACLED export; ``revise``: 1% changed, 1% dropped, 1% new rows."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for number in range(rows):
            row = _row(rng, number)
            if revise and number % 100 == 0:
                continue
            if revise and number % 100 == 1:
                row[-2] += " Revised."
            writer.writerow(row)
        if revise:
            for number in range(rows, rows + rows // 100):
                writer.writerow(_row(rng, number))


def _timed(label: str, results: dict[str, Any], run: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = run()
    results[label] = round(time.perf_counter() - started, 3)
    print(f"{label}: {results[label]} s", flush=True)
    return value


def _feed(path: Path, entries: int) -> None:
    items = "".join(
        f"<item><title>Bench entry {i}</title><link>https://bench.example.org/{i}</link>"
        f"<pubDate>Tue, 16 May 2023 08:15:00 +0000</pubDate><description><![CDATA[<p>Story {i} "
        "from Tirana about the talks in the capital of Albania.</p>]]></description></item>"
        for i in range(entries))
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
                    f"{items}</channel></rss>", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=2_000)
    args = parser.parse_args()
    results: dict[str, Any] = {"rows": args.rows, "articles": args.articles}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data, db = root / "data", root / "store.db"
        generate_archive(data / "articles", args.articles)
        export = root / "acled.csv"
        write_acled(export, args.rows)
        results["file_mb"] = round(export.stat().st_size / 1e6, 1)
        dataset = _timed("read_and_validate_s", results,
                         lambda: read_acled(export.read_bytes(), str(export)))
        assert not dataset.problems
        _timed("build_articles_s", results, lambda: build_store(data, db))
        first = _timed("first_import_s", results,
                       lambda: import_events("acled", str(export), data, db))
        again = _timed("unchanged_import_s", results,
                       lambda: import_events("acled", str(export), data, db))
        write_acled(export, args.rows, revise=True)
        revised = _timed("revised_import_s", results,
                         lambda: import_events("acled", str(export), data, db))
        results["revised_counts"] = vars(revised.counts)
        results["first_counts"] = vars(first.counts)
        results["unchanged_counts"] = vars(again.counts)
        _timed("build_after_import_s", results, lambda: build_store(data, db))
        conn = connect(db, readonly=True)
        story = conn.execute("SELECT article_id FROM events WHERE iso3 = 'ALB' AND precision"
                             " = 'day' LIMIT 1").fetchone()
        _timed("markers_all_s", results, lambda: imported_markers(conn, Filters()))
        _timed("markers_2020_s", results,
               lambda: imported_markers(conn, Filters(years=(2020, 2020))))
        _timed("country_panel_ALB_s", results,
               lambda: country_imported(conn, Filters(), "ALB"))
        if story is not None:
            _timed("story_nearby_s", results, lambda: story_imported(conn, story[0]))
        conn.close()
        _timed("corpus_index_s", results, lambda: CorpusIndex.scan(data))
        feed = root / "feed.xml"
        _feed(feed, 200)
        report = _timed("feed_200_entries_s", results, lambda: import_feed(str(feed), data))
        results["feed_written"] = len(report.written)
    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "load_average_1m": round(os.getloadavg()[0], 2)}
    results["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
