"""newsmap at archive scale (issue 6): synthetic archives of N articles, built, served and drawn.

    python bench/scale.py --sizes 1000,10000,100000        # writes bench/results/scale.json

For each N, on a synthetic archive made by ``newsmap synth`` (seed 0) under ``bench/work/``:

* build: full build rate (articles/s, tagging included) and peak RSS of the build's processes;
  incremental build after changing one file (the build's own timing, and the CLI's wall time);
  store size on disk;
* app: server time of one rerun of ``app.py``'s work, timed by calling the same functions the page
  calls (queries, ``build_map``, and ``st_folium`` itself with only its final component call
  stubbed, so its rendering is included), with the page's ``st.cache_data`` reuse emulated: a
  click reuses the filter-keyed results, a year-range change or a text search recomputes them;
* map bytes: the arguments ``st_folium`` hands to the browser (base map, header, layers) on the
  first load and on a rerun (it sends them again on every rerun), and the markers in them;
* the naive baseline, on the same store in the same run: ``GeoDataFrame.explore()`` of the
  joined counts on full-resolution (50m) polygons plus one ``folium.Marker`` per located event,
  rebuilt on every rerun;
* browser (Debian Chromium through Playwright, ``tests/e2e/harness.py``): app start with the
  existing store to the first drawn map, page load to map drawn, and real mouse clicks where
  readers click at the opening view (inside covered countries, small ones first, on fresh pages
  and one after another on one page; on the busiest event points, where marker clusters stood;
  on a cluster or marker once zoomed in), each with click-to-stories time, websocket bytes and
  whether it selected its country; and the peak RSS of the app's process.

Every figure is the median of ``--runs`` runs (``--build-runs`` full builds: one from 50,000
articles; the naive baseline: one run from 5,000 articles, where one rerun takes minutes).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # tests/e2e/harness.py is imported as tests.e2e.harness

DEFAULT_OUT = REPO / "bench" / "results" / "scale.json"
DEFAULT_WORK = REPO / "bench" / "work"
CLICK_COUNTRIES = ("ALB", "IRN", "SRB", "TUR", "UKR")
YEAR_SPANS = ((2000, 2010), (1995, 2005), (2010, 2020), (1990, 2000), (2005, 2015))
SEARCHES = ("pipeline", "earthquake", "refugees", "museum", "hackers")
TARGETS = {
    "rerun_click_ms": ("<=", 150.0),
    "rerun_filter_ms": ("<=", 150.0),
    "search_ms": ("<=", 300.0),
    "map_bytes_rerun": ("<=", 1_000_000),
    "app_start_s": ("<=", 5.0),
    "incremental_build_s": ("<=", 1.0),
    "build_articles_per_s": (">=", 500.0),
    "app_peak_rss_mb": ("<=", 1024.0),
    "browser_click_to_stories_s": ("<=", 0.5),
    "browser_ws_bytes_click": ("<=", 100_000),
}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each size and write the JSON results; returns the exit code."""
    args = _parser().parse_args(argv)
    _quiet_streamlit()
    if args.baseline_only is not None:  # the child process of _baseline_in_child
        import resource

        limit = int(args.baseline_memory_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        with contextlib.closing(_open(args.baseline_only)) as conn:
            print(json.dumps(_baseline(conn, args.runs)))
        return 0
    if args.browser_only is not None:  # the browser part alone, on a store already built
        data_dir, db_path = args.browser_only
        started = time.process_time()
        results: dict[str, Any] = {"machine": _machine(), "method": _browser.__doc__ or "",
                   "data": str(data_dir), "browser": _browser(Path(data_dir), Path(db_path),
                                                              args.runs)}
        results["machine"]["load_average_end"] = list(os.getloadavg())
        results["machine"]["bench_cpu_s"] = round(time.process_time() - started, 1)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
        print(f"wrote {args.out}")
        return 0
    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    results = {"machine": _machine(), "method": _METHOD, "sizes": {}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        print(f"== {n:,} articles", flush=True)
        results["sizes"][str(n)] = _measure_size(n, args)
        results["machine"]["load_average_end"] = list(os.getloadavg())
        args.out.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(format_table(results))
    print(f"\nwrote {args.out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="comma-separated archive sizes (articles)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--build-runs", type=int, default=None,
                        help="full builds per size (default: --runs, but 1 from 50,000 articles)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="folder for the synthetic archives and stores (git-ignored)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic archive")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the Chromium part (app start, page load, click)")
    parser.add_argument("--baseline-max-events", type=int, default=400_000,
                        help="skip the naive baseline above this many located events")
    parser.add_argument("--baseline-timeout", type=float, default=900.0,
                        help="seconds the naive baseline may take at one size")
    parser.add_argument("--baseline-memory-gb", type=float, default=8.0,
                        help="address-space limit of the naive baseline's process (shared machine)")
    parser.add_argument("--browser-only", nargs=2, metavar=("DATA", "DB"),
                        help="only the browser clicks, on this corpus and its built store")
    parser.add_argument("--baseline-only", type=Path, metavar="DB", help=argparse.SUPPRESS)
    return parser


_METHOD = {
    "rerun": "timed functions: the queries, build_map and st_folium (its component call stubbed) "
             "that app.py runs on a rerun; a click reuses the filter-keyed results as the "
             "page's st.cache_data does, a filter change or search recomputes them",
    "map_bytes": "length of the JSON arguments st_folium passes to its component (script, "
                 "header, html, feature groups), which Streamlit sends on every rerun",
    "baseline": "GeoDataFrame.explore() of the joined counts on 50m polygons plus one "
                "folium.Marker per located event, rebuilt on every rerun",
    "browser": "Debian Chromium via Playwright and tests/e2e/harness.py; map drawn = the "
               "country paths attached in the st_folium iframe",
    "build_peak_rss_mb": "sum of the RSS of the build process and its workers (shared pages "
                         "counted in each)",
}


# --- one size -----------------------------------------------------------------------------------


def _measure_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    folder = args.work / f"n{n}"
    data_dir, synth_s = _corpus(folder / "data", n, args.seed)
    db_path = folder / "store" / "newsmap.db"
    runs = max(1, args.runs)
    build_runs = args.build_runs or (runs if n < 50_000 else 1)
    out: dict[str, Any] = {"articles": n, "synth_s": synth_s, "runs": runs,
                           "build_runs": build_runs}

    builds = [_run_build(data_dir, db_path, fresh=True) for _ in range(build_runs)]
    _step(f"full build: {[round(b['rate'], 1) for b in builds]} articles/s")
    out["build_articles_per_s"] = _median(b["rate"] for b in builds)
    out["build_s"] = _median(b["seconds"] for b in builds)
    out["build_peak_rss_mb"] = _median(b["peak_rss_mb"] for b in builds)

    incremental = [_incremental_build(data_dir, db_path, i) for i in range(runs)]
    _step(f"incremental: {[round(b['seconds'], 3) for b in incremental]} s")
    out["incremental_build_s"] = _median(b["seconds"] for b in incremental)
    out["incremental_build_cli_s"] = _median(b["wall"] for b in incremental)
    out["store_bytes"] = _store_bytes(db_path)

    with contextlib.closing(_open(db_path)) as conn:
        stats = _store_stats(conn)
        out.update(events=stats["events"], located_events=stats["located_events"],
                   countries=stats["countries"], places=stats["places"])
        app = AppWork(conn)
        out.update(app.measure(runs))
        _step(f"rerun: click {out['rerun_click_ms']:.1f} ms, filter {out['rerun_filter_ms']:.1f}"
              f" ms, search {out['search_ms']:.1f} ms, map {out['map_bytes_rerun']:,} B")

    if args.no_browser:
        out.update(app_start_s=None, app_peak_rss_mb=None, browser_map_drawn_s=None,
                   browser_click_to_stories_s=None, browser_skipped=True)
    else:
        out.update(_browser(data_dir, db_path, runs))
        _step(f"browser: start {out['app_start_s']:.2f} s, drawn {out['browser_map_drawn_s']:.2f}"
              f" s, click {out['browser_click_to_stories_s']:.2f} s, "
              f"RSS {out['app_peak_rss_mb']:.0f} MB")

    if out["located_events"] <= args.baseline_max_events:
        out.update(_baseline_in_child(db_path, runs if n < 5_000 else 1,
                                      args.baseline_timeout, args.baseline_memory_gb))
        if out.get("baseline_rerun_ms") is not None:
            _step(f"baseline: {out['baseline_rerun_ms']:.0f} ms, "
                  f"{out['baseline_map_bytes']:,} B, peak RSS {out['baseline_peak_rss_mb']:.0f} MB")
    else:
        out.update(baseline_map_bytes=None, baseline_rerun_ms=None, baseline_markers=None,
                   baseline_skipped=f"more than {args.baseline_max_events} located events")
    out.update(_ratios(out))
    return out


def _quiet_streamlit() -> None:
    """Streamlit warns about every cache and context it misses outside a server: not news."""
    import logging

    from streamlit import logger

    logger.set_log_level(logging.ERROR)
    for name in ("streamlit", "streamlit.runtime.caching.cache_data_api",
                 "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _step(text: str) -> None:
    print(f"   {text}", flush=True)


def _median(values: Any) -> float:
    items = [float(v) for v in values]
    return float(statistics.median(items)) if items else float("nan")


# --- corpus and build ---------------------------------------------------------------------------


def _corpus(data_dir: Path, n: int, seed: int) -> tuple[Path, float | None]:
    """The synthetic archive of ``n`` articles, generated unless an identical one is there."""
    from newsmap.synth import generate_archive

    marker = data_dir / ".synth.json"
    wanted = {"articles": n, "seed": seed, "generator": _generator_digest()}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        _step("synthetic archive: reused")
        return data_dir, None
    shutil.rmtree(data_dir, ignore_errors=True)
    report = generate_archive(data_dir, n, seed)
    marker.write_text(json.dumps(wanted))
    _step(f"synthetic archive: {report.articles:,} files, {report.words:,} words, "
          f"{report.seconds:.1f} s")
    return data_dir, round(report.seconds, 2)


def _generator_digest() -> str:
    import hashlib

    return hashlib.sha256((REPO / "newsmap" / "synth.py").read_bytes()).hexdigest()[:16]


_SUMMARY = re.compile(
    r"added (\d+), updated (\d+), removed (\d+), unchanged (\d+), rejected (\d+) \(([\d.]+) s\)"
)


def _run_build(data_dir: Path, db_path: Path, *, fresh: bool) -> dict[str, float]:
    """``newsmap build`` in a child process (into a new store when ``fresh``), watched for its
    peak memory."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    command = [sys.executable, "-m", "newsmap.cli", "build", "--data", str(data_dir),
               "--db", str(db_path), "--quiet"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    with _peak_rss(process.pid) as peak:
        stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    match = _SUMMARY.search(stdout)
    if process.returncode not in (0, 1) or match is None:
        raise RuntimeError(f"build failed ({process.returncode}):\n{stdout}\n{stderr[-3000:]}")
    added, updated, _removed, _unchanged, _rejected = (int(g) for g in match.groups()[:5])
    seconds = float(match.group(6))
    return {"seconds": seconds, "wall": wall, "added": added, "updated": updated,
            "rate": (added + updated) / seconds if seconds else 0.0, "peak_rss_mb": peak.mb}


def _incremental_build(data_dir: Path, db_path: Path, run: int) -> dict[str, float]:
    """Change one article file, then build: exactly one file is re-read and re-tagged."""
    target = next(p for p in sorted(data_dir.rglob("*.md")))
    with target.open("a", encoding="utf-8") as handle:
        handle.write(f"\nAn editor's note was added to this article (revision {run + 1}).\n")
    result = _run_build(data_dir, db_path, fresh=False)
    if result["updated"] != 1:  # the tagging code changed under the benchmark: all re-tagged
        _step(f"warning: incremental build re-tagged {result['updated']:,} files")
    return result


def _store_bytes(db_path: Path) -> int:
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(Path(f"{db_path}{s}").stat().st_size for s in ("", "-wal", "-shm")
               if Path(f"{db_path}{s}").exists())


def _open(db_path: Path) -> sqlite3.Connection:
    from newsmap.store import connect

    return connect(db_path, readonly=True)


def _store_stats(conn: sqlite3.Connection) -> dict[str, int]:
    from newsmap import query

    return query.store_stats(conn)


@dataclass
class _Peak:
    mb: float = 0.0


@contextlib.contextmanager
def _peak_rss(pid: int, interval: float = 0.1) -> Iterator[_Peak]:
    """Samples the RSS of ``pid`` and its descendants until the block ends; keeps the peak."""
    peak = _Peak()
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):
                root = psutil.Process(pid)
                total = 0
                for proc in (root, *root.children(recursive=True)):
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                peak.mb = max(peak.mb, total / 2**20)
            stop.wait(interval)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        stop.set()
        thread.join()


# --- the app's work on a rerun ------------------------------------------------------------------


@dataclass
class Sent:
    """What one st_folium call hands to the browser (and the app's own files it loads once)."""

    bytes: int
    markers: int
    static_bytes: int = 0


@dataclass
class AppWork:
    """The work ``app.py`` does on a rerun, on one store, with the page's caches emulated."""

    conn: sqlite3.Connection
    _cache: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from newsmap import query
        from newsmap.geo import country_name, load_boundaries
        from newsmap.mapping import country_shapes

        # st.cache_resource in the app: prepared once per process, not per rerun
        self.shapes = country_shapes(load_boundaries("110m"))
        self.options = {"countries": query.tagged_countries(self.conn)}
        codes = sorted(set(self.shapes) | set(self.options["countries"]))
        self.names = {}
        for code in codes:
            try:
                self.names[code] = country_name(code)
            except (KeyError, ValueError):
                self.names[code] = code

    def measure(self, runs: int) -> dict[str, Any]:
        """Median server times (ms) and map bytes for first load, click, filter and search."""
        from newsmap.query import Filters

        reps = max(runs, 5)
        first = self._timed(Filters(), None, fresh=True)
        clicks = [self._timed(Filters(), CLICK_COUNTRIES[i % len(CLICK_COUNTRIES)])
                  for i in range(reps)]
        clicks_cold = [self._timed(Filters(), CLICK_COUNTRIES[i % len(CLICK_COUNTRIES)],
                                   fresh=True) for i in range(reps)]
        filters = [self._timed(Filters(years=YEAR_SPANS[i % len(YEAR_SPANS)]), None, fresh=True)
                   for i in range(reps)]
        searches = [self._timed(Filters(text=SEARCHES[i % len(SEARCHES)]), None, fresh=True)
                    for i in range(reps)]
        return {
            "first_load_ms": round(first[0], 1),
            "rerun_click_ms": round(_median(t for t, _ in clicks), 1),
            "rerun_click_uncached_ms": round(_median(t for t, _ in clicks_cold), 1),
            "rerun_filter_ms": round(_median(t for t, _ in filters), 1),
            "search_ms": round(_median(t for t, _ in searches), 1),
            # first load: what st_folium sends plus the files the map loads once (polygons, Leaflet)
            "map_bytes_first": first[1].bytes + first[1].static_bytes,
            "map_static_bytes": first[1].static_bytes,
            "map_bytes_rerun": int(_median(s.bytes for _, s in clicks + filters + searches)),
            "map_bytes_rerun_max": max(s.bytes for _, s in clicks + filters + searches),
            "markers_first": first[1].markers,
            "markers_rerun": int(_median(s.markers for _, s in clicks + filters)),
        }

    def _timed(self, filters: Any, country: str | None, *, fresh: bool = False) -> tuple[
            float, Sent]:
        if fresh:
            self._cache.clear()
        started = time.perf_counter()
        sent = self.rerun(filters, country)
        return (time.perf_counter() - started) * 1000, sent

    def _cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def rerun(self, filters: Any, country: str | None) -> Sent:
        """One run of the map page: the same calls, in the same order, as ``app.py``."""
        from newsmap import query
        from newsmap.mapping import base_map, build_map, framing_bounds
        from newsmap.mapping.choropleth import class_breaks, legend_entries
        from newsmap.present import events_html, legend_html, stories_html
        from ui import cache as ui_cache  # the page's limits, so the bench follows them

        conn = self.conn
        self._cached(("counts", filters), lambda: query.count_by_country(conn, filters))
        self._cached(("total", filters), lambda: query.count_stories(conn, filters))
        totals = self._cached(("events", filters), lambda: query.event_counts(conn, filters))
        markers = self._cached(("markers", filters), lambda: query.event_markers(
            conn, filters, per_marker=ui_cache.MARKER_EVENTS, limit=ui_cache.MARKER_LIMIT))
        about = self._cached(("about", filters), lambda: query.count_by_country(
            conn, filters, primary=True))
        opening = self._cached("opening", lambda: framing_bounds(self.shapes, dict(zip(
            about["iso3"], about["stories"], strict=True))))
        shaded = about[about["stories"] > 0]
        results = framing_bounds(self.shapes, dict(zip(about["iso3"], about["stories"],
                                                       strict=True)))
        # the selected country is not part of the map message (the map follows it itself),
        # so the page renders the map once per set of filters (ui/mapview.py) and a click
        # re-sends the cached arguments
        def render() -> tuple[Any, Sent]:
            layers = build_map(self.shapes, about, markers, primary=True, fit=results)
            return layers, st_folium_payload(base_map(tiles=False, fit=opening),
                                             feature_group_to_add=layers.as_list())

        layers, sent = self._cached(("map", filters), render)
        max_count = int(shaded["stories"].max()) if len(shaded) else 0
        legend_html(legend_entries(class_breaks(max_count), max_count), markers["type"].tolist())
        if country is None:
            latest = self._cached(("stories", filters, None, 10),
                                  lambda: query.stories(conn, filters, limit=10))
            stories_html(latest, self.names)
        else:
            found = self._cached(("stories", filters, country, 50), lambda: query.stories(
                conn, filters, country=country, limit=ui_cache.PANEL_LIMIT))
            stories_html(found, self.names)
            if totals["events"]:
                listed = self._cached(("events", filters, country, 200), lambda: query.events(
                    conn, filters, country=country, limit=ui_cache.EVENT_LIMIT))
                events_html(listed, self.names)
        return Sent(sent.bytes, _marker_count(layers.events), sent.static_bytes)


def st_folium_payload(m: Any, **kwargs: Any) -> Sent:
    """Run ``st_folium`` with its component call stubbed; returns the size of what it sends."""
    import streamlit_folium

    captured: dict[str, Any] = {}

    def component(**sent: Any) -> dict[str, Any]:
        captured.update(sent)
        return dict(sent.get("default") or {})

    real = streamlit_folium._component_func
    streamlit_folium._component_func = component
    try:
        streamlit_folium.st_folium(m, key="map", height=560, use_container_width=True,
                                   returned_objects=["last_object_clicked_count",
                                                     "last_active_drawing"], **kwargs)
    finally:
        streamlit_folium._component_func = real
    payload = {k: v for k, v in captured.items() if k not in ("on_change", "key")}
    links = [*captured.get("js_links", []), *captured.get("css_links", [])]
    return Sent(len(json.dumps(payload, default=str).encode("utf-8")), 0, _static_bytes(links))


def _static_bytes(links: list[str]) -> int:
    """Size of the app's own static files among ``links`` (fetched once, then cached)."""
    total = 0
    for link in links:
        if link.startswith("/app/static/"):
            path = REPO / "static" / link.removeprefix("/app/static/")
            if path.is_file():
                total += path.stat().st_size
    return total


def _marker_count(layer: Any) -> int:
    """Markers in the events layer (aggregated rows of the app's marker element)."""
    count = 0
    for child in layer._children.values():
        rows = getattr(child, "rows", None)
        if isinstance(rows, str):
            count += len(json.loads(rows))
        elif type(child).__name__ in ("Marker", "CircleMarker"):
            count += 1
    return count


# --- the naive baseline -------------------------------------------------------------------------


def _baseline_in_child(db_path: Path, runs: int, timeout: float,
                       memory_gb: float) -> dict[str, Any]:
    """The naive baseline in its own process: its memory is its own, and it can be stopped."""
    command = [sys.executable, str(Path(__file__).resolve()), "--baseline-only", str(db_path),
               "--runs", str(runs), "--baseline-memory-gb", str(memory_gb)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    with _peak_rss(process.pid, interval=0.25) as peak:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return {"baseline_map_bytes": None, "baseline_rerun_ms": None,
                    "baseline_markers": None, "baseline_peak_rss_mb": round(peak.mb, 1),
                    "baseline_skipped": f"did not finish in {timeout:.0f} s"}
    if process.returncode != 0:
        last = (stderr.strip().splitlines() or ["no message"])[-1]
        return {"baseline_map_bytes": None, "baseline_rerun_ms": None, "baseline_markers": None,
                "baseline_peak_rss_mb": round(peak.mb, 1),
                "baseline_skipped": f"failed ({memory_gb:g} GB address-space limit): {last}"}
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    result["baseline_peak_rss_mb"] = round(peak.mb, 1)
    return result


def _baseline(conn: sqlite3.Connection, runs: int) -> dict[str, Any]:
    """The usual way: explore() of the joined counts + one folium.Marker per event, per rerun."""
    from newsmap.geo import load_boundaries
    from newsmap.query import Filters

    boundaries = load_boundaries("50m")  # loaded once: even the naive app caches the file read
    timings: list[float] = []
    sent = Sent(0, 0)
    for _ in range(runs):
        started = time.perf_counter()
        sent = _naive_rerun(conn, boundaries, Filters())
        timings.append((time.perf_counter() - started) * 1000)
    return {"baseline_rerun_ms": round(_median(timings), 1), "baseline_map_bytes": sent.bytes,
            "baseline_markers": sent.markers}


def _naive_rerun(conn: sqlite3.Connection, boundaries: Any, filters: Any) -> Sent:
    import folium

    from newsmap import query

    counts = query.count_by_country(conn, filters)
    joined = boundaries.merge(counts, on="iso3", how="left")
    joined[["stories", "events"]] = joined[["stories", "events"]].fillna(0)
    m = joined.explore(column="stories", tooltip=["name", "stories", "events"], cmap="YlGnBu")
    located = query.events(conn, filters, located_only=True)
    for row in located.itertuples(index=False):
        folium.Marker([row.lat, row.lon], popup=str(row.summary), tooltip=str(row.title)).add_to(m)
    sent = st_folium_payload(m)
    return Sent(sent.bytes, len(located))


def _ratios(out: dict[str, Any]) -> dict[str, Any]:
    ratios: dict[str, Any] = {}
    if out.get("baseline_map_bytes") and out.get("map_bytes_rerun"):
        ratios["baseline_bytes_ratio"] = round(out["baseline_map_bytes"] / out["map_bytes_rerun"],
                                               1)
    if out.get("baseline_rerun_ms") and out.get("rerun_filter_ms"):
        ratios["baseline_rerun_ratio"] = round(out["baseline_rerun_ms"] / out["rerun_filter_ms"],
                                               1)
    return ratios


# --- the browser --------------------------------------------------------------------------------


def _browser(data_dir: Path, db_path: Path, runs: int) -> dict[str, Any]:
    """App start, page load and click timings in Debian's Chromium; the app's peak RSS.

    Clicks are real mouse clicks where readers click, at the opening view: inside covered
    countries (small ones first: Kosovo, North Macedonia, Montenegro, Lebanon...), each on a
    fresh page and then one after another on one page (back to the whole archive with the
    map's "Fit to results" button between clicks), and on the busiest event points (where
    marker clusters stood before issue 11). Each click is timed from the mouse press to the
    country's stories shown, with the websocket bytes it cost.
    """
    from playwright.sync_api import sync_playwright

    from tests.e2e import harness

    started = time.perf_counter()
    server = harness.start_app(data_dir, db_path, log_dir=db_path.parent)
    try:
        with _peak_rss(server.process.pid, interval=0.05) as peak, sync_playwright() as p:
            browser = harness.launch_chromium(p)
            page, frames = _page(browser)
            page.goto(server.url)
            harness.wait_for_map(page, timeout=120_000)
            app_start = time.perf_counter() - started
            first_ws = frames.take()
            page.context.close()
            drawn: list[float] = []
            for _ in range(runs):
                page, frames = _page(browser)
                t0 = time.perf_counter()
                page.goto(server.url)
                harness.wait_for_map(page, timeout=120_000)
                drawn.append(time.perf_counter() - t0)
                page.context.close()
            targets = _click_targets(db_path)
            fresh = []
            for iso3 in targets["countries"]:
                page, frames = _page(browser)
                _open_settled(page, server.url)
                fresh.append(_click(page, frames, iso3, None))
                page.context.close()
            page, frames = _page(browser)
            _open_settled(page, server.url)
            clusters = _drawn_markers(page)
            one_page = []
            for iso3 in targets["countries"]:
                one_page.append(_click(page, frames, iso3, None))
                _fit_to_results(page)
                frames.take()
            on_points = []
            for iso3, lat, lon in targets["points"]:
                on_points.append(_click(page, frames, iso3, (lat, lon)))
                _fit_to_results(page)
                frames.take()
            zoomed = _zoomed_clicks(page, frames, targets["countries"])
            browser.close()
    finally:
        harness.stop_app(server)
    every = fresh + one_page + on_points
    selected = [c for c in every if c["selected"]]
    return {
        "app_start_s": round(app_start, 2),
        "app_peak_rss_mb": round(peak.mb, 1),
        "browser_map_drawn_s": round(_median(drawn), 2),
        "browser_click_to_stories_s": round(_median(c["seconds"] for c in selected), 2)
        if selected else None,
        "browser_click_to_stories_max_s": round(max(c["seconds"] for c in selected), 2)
        if selected else None,
        "browser_ws_bytes_first": first_ws,
        "browser_ws_bytes_click": int(_median(c["ws_bytes"] for c in every)),
        "browser_ws_bytes_click_max": max(c["ws_bytes"] for c in every),
        "browser_clicks_selected": len(selected),
        "browser_clicks_attempted": len(every),
        "browser_markers_drawn_opening": clusters,
        "browser_clicks": {
            "fresh_page": fresh, "one_page": one_page, "on_event_points": on_points,
            "zoomed_on_markers": zoomed,
        },
    }


def _click_targets(db_path: Path) -> dict[str, Any]:
    """Countries to click (small covered ones first) and the busiest event points."""
    from newsmap.query import Filters, count_by_country, event_markers

    small = ("XKX", "MKD", "MNE", "LBN", "ALB", "BIH", "ARM", "GEO", "MDA", "ISR")
    with contextlib.closing(_open(db_path)) as conn:
        about = count_by_country(conn, Filters(), primary=True)
        points = event_markers(conn, Filters(), per_marker=1, limit=40)
    stories = dict(zip(about["iso3"], about["stories"], strict=True))
    drawn = set(re.findall(r'"iso_a3":"([A-Z]{3})"', (
        REPO / "static" / "newsmap" / "countries-110m.js").read_text(encoding="utf-8")))
    covered = [i for i in sorted(stories, key=lambda i: -stories[i]) if stories[i] and i in drawn]
    chosen = [i for i in small if i in covered]
    chosen += [i for i in covered if i not in chosen]
    busiest: list[tuple[str, float, float]] = []
    for lat, lon, iso3 in zip(points["lat"], points["lon"], points["iso3"], strict=True):
        if iso3 in drawn and all(iso3 != b[0] for b in busiest):
            busiest.append((str(iso3), float(lat), float(lon)))
    return {"countries": chosen[:12], "points": busiest[:6]}


def _open_settled(page: Any, url: str) -> None:
    from tests.e2e import harness

    page.goto(url)
    harness.wait_for_map(page, timeout=120_000)
    page.get_by_text("Click a country on the map").wait_for(timeout=60_000)
    page.wait_for_timeout(800)  # the opening fit, and the first run's last messages


def _click(page: Any, frames: _Frames, iso3: str, point: tuple[float, float] | None,
           ) -> dict[str, Any]:
    """Click inside ``iso3`` (at ``point``, else at the country's own inner point) with the
    mouse; time until its stories are shown; the websocket bytes the click cost."""
    from newsmap.geo import country_name
    from tests.e2e import harness

    lat, lon = point or harness.country_point(page, iso3)
    out: dict[str, Any] = {"country": iso3, "at": [round(lat, 3), round(lon, 3)],
                           "under_pointer": harness.what_is_at(page, lat, lon),
                           "in_view": harness.in_view(page, lat, lon)}
    frames.take()
    t0 = time.perf_counter()
    harness.click_latlon(page, lat, lon)
    try:
        page.locator(f"xpath=//h3[normalize-space(.)={json.dumps(country_name(iso3))}]"
                     "/following::ol[contains(@class, 'nm-stories')]").first.wait_for(
            state="visible", timeout=20_000)
        out["selected"] = True
    except Exception:  # recorded, not raised: the benchmark counts clicks that fail
        out["selected"] = False
    out["seconds"] = round(time.perf_counter() - t0, 3)
    page.wait_for_timeout(700)  # the rest of the rerun's messages
    out["ws_bytes"] = frames.take()
    return out


def _fit_to_results(page: Any) -> None:
    from tests.e2e import harness

    harness.fit_to_results(page)


def _zoomed_clicks(page: Any, frames: _Frames, countries: list[str]) -> list[dict[str, Any]]:
    """Zoomed in on a selected country (event points shown): click a marker or cluster (it
    opens its popup or zooms in) and record the websocket bytes that costs."""
    from tests.e2e import harness

    markers: list[dict[str, Any]] = []
    for iso3 in countries[:3]:
        _click(page, frames, iso3, None)
        page.wait_for_timeout(600)
        spot = harness.map_eval(page, """() => {
            const box = window.map.getContainer().getBoundingClientRect();
            for (const el of document.querySelectorAll('.nm-cluster, .nm-event')) {
              const r = el.getBoundingClientRect();
              const x = r.left + r.width / 2, y = r.top + r.height / 2;
              if (x > box.left + 30 && x < box.right - 30 && y > box.top + 30
                  && y < box.bottom - 30) { return [x, y, el.className]; }
            }
            return null; }""")
        if spot:
            frame_box = page.locator(harness.MAP_FRAME).first.bounding_box()
            frames.take()
            page.mouse.click(frame_box["x"] + spot[0], frame_box["y"] + spot[1])
            page.wait_for_timeout(900)
            markers.append({"country": iso3, "what": str(spot[2]).split(" leaflet")[0],
                            "ws_bytes": frames.take(),
                            "popup_open": harness.map_frame(page).locator(
                                ".leaflet-popup").count() > 0})
        _fit_to_results(page)
        frames.take()
    return markers


class _Frames:
    """Counts the bytes of websocket frames the page receives (Streamlit's deltas)."""

    def __init__(self) -> None:
        self.bytes = 0

    def on_frame(self, event: dict[str, Any]) -> None:
        response = event.get("response", {})
        data = response.get("payloadData", "")
        if response.get("opcode") == 2:  # binary frames arrive base64-encoded
            self.bytes += len(base64.b64decode(data))
        else:
            self.bytes += len(data.encode("utf-8"))

    def take(self) -> int:
        value, self.bytes = self.bytes, 0
        return value


def _page(browser: Any) -> tuple[Any, _Frames]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    frames = _Frames()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.webSocketFrameReceived", frames.on_frame)
    return page, frames


def _drawn_markers(page: Any) -> int:
    """Marker icons and cluster bubbles Leaflet drew in the map's iframe."""
    from tests.e2e import harness

    frame = page.locator(harness.MAP_FRAME).first.content_frame
    with contextlib.suppress(Exception):
        return int(frame.locator("body").evaluate(
            "b => b.querySelectorAll('.marker-cluster, .nm-event').length"))
    return 0


# --- machine and table --------------------------------------------------------------------------


def _machine() -> dict[str, Any]:
    import folium
    import streamlit

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "streamlit": streamlit.__version__,
        "folium": folium.__version__,
        "load_average_start": list(os.getloadavg()),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "note": "shared machine: other processes ran during the benchmark (see load averages)",
    }


_ROWS = (
    ("articles", "articles", "{:,.0f}"),
    ("events", "events", "{:,.0f}"),
    ("build_articles_per_s", "full build (articles/s)", "{:,.0f}"),
    ("build_peak_rss_mb", "build peak RSS (MB)", "{:,.0f}"),
    ("incremental_build_s", "incremental build, 1 file (s)", "{:.2f}"),
    ("incremental_build_cli_s", "  as a CLI command, wall (s)", "{:.2f}"),
    ("store_bytes", "store on disk (MB)", "mb"),
    ("first_load_ms", "first load, server (ms)", "{:.0f}"),
    ("rerun_click_ms", "rerun after click (ms)", "{:.0f}"),
    ("rerun_click_uncached_ms", "  same, caches cold (ms)", "{:.0f}"),
    ("rerun_filter_ms", "rerun after year change (ms)", "{:.0f}"),
    ("search_ms", "rerun after text search (ms)", "{:.0f}"),
    ("map_bytes_first", "map bytes, first load", "{:,.0f}"),
    ("map_bytes_rerun", "map bytes per rerun", "{:,.0f}"),
    ("markers_rerun", "markers sent", "{:,.0f}"),
    ("baseline_map_bytes", "naive: map bytes per rerun", "{:,.0f}"),
    ("baseline_markers", "naive: markers sent", "{:,.0f}"),
    ("baseline_rerun_ms", "naive: rerun (ms)", "{:,.0f}"),
    ("baseline_peak_rss_mb", "naive: peak RSS (MB)", "{:,.0f}"),
    ("baseline_bytes_ratio", "naive / ours, bytes", "{:.0f}x"),
    ("baseline_rerun_ratio", "naive / ours, rerun time", "{:.0f}x"),
    ("app_start_s", "app start to drawn map (s)", "{:.2f}"),
    ("browser_map_drawn_s", "page load to map drawn (s)", "{:.2f}"),
    ("browser_click_to_stories_s", "click to stories shown (s)", "{:.2f}"),
    ("browser_ws_bytes_click", "websocket bytes per click", "{:,.0f}"),
    ("browser_clicks_selected", "clicks that selected their country", "{:,.0f}"),
    ("browser_clicks_attempted", "  of clicks attempted", "{:,.0f}"),
    ("app_peak_rss_mb", "app peak RSS (MB)", "{:.0f}"),
)


def format_table(results: dict[str, Any]) -> str:
    """The results as a plain-text table, one column per size, targets marked."""
    sizes = list(results["sizes"])
    head = f"{'':34s}" + "".join(f"{int(s):>14,}" for s in sizes) + "   target"
    lines = [head, "-" * len(head)]
    for key, label, fmt in _ROWS:
        cells = []
        for size in sizes:
            value = results["sizes"][size].get(key)
            cells.append(f"{_cell(value, fmt, key):>14s}")
        target = TARGETS.get(key)
        mark = f"   {target[0]} {target[1]:,}" if target else ""
        lines.append(f"{label:34s}" + "".join(cells) + mark)
    return "\n".join(lines)


def _cell(value: Any, fmt: str, key: str) -> str:
    if value is None:
        return "-"
    text = f"{value / 1e6:,.1f}" if fmt == "mb" else fmt.format(value)
    target = TARGETS.get(key)
    if target is not None:
        op, bound = target
        ok = value <= bound if op == "<=" else value >= bound
        text += " " if ok else "!"
    return text


if __name__ == "__main__":
    raise SystemExit(main())
