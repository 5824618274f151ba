"""Load: browser sessions click countries and change filters against one app process.

    .venv/bin/python bench/load.py                       # 10 sessions for 60 s, 2,000 articles
    .venv/bin/python bench/load.py --build-articles 10000 # then again while 10,000 are built

One Debian Chromium, one page per session, all driven at once (Playwright's async API) against
one ``streamlit run app.py`` on 127.0.0.1. Records errors (timeouts, exceptions shown, page
errors, "database is locked"), the median and p95 time from a click on a country to its stories
being shown, the same for filter changes, and the app's peak memory (RSS of the server and its
children). Writes ``bench/results/load.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsmap.synth import COUNTRIES, generate_archive  # noqa: E402
from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, running_app  # noqa: E402

RESULTS = REPO / "bench" / "results" / "load.json"
SEARCHES = ["", "election", "protest", "Tirana", "cyber*", "border", '"NEAR(', "Iran OR"]
STEP_TIMEOUT_MS = 60_000
RETRY_AFTER_MS = 20_000
"""A click whose country panel has not appeared after this long is clicked again (counted)."""


@dataclass
class Phase:
    """What the sessions did and saw in one phase."""

    name: str
    seconds: float = 0.0
    clicks: int = 0
    clicks_retried: int = 0
    map_reloads: int = 0
    """Pages reloaded because the map had not drawn the country to click within a minute."""
    map_missing: list[str] = field(default_factory=list)
    """What such a page showed: its map frames (size, visibility, what they hold) and console."""
    filter_changes: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    click_ms: list[float] = field(default_factory=list)
    filter_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The phase as JSON-ready numbers."""
        out = asdict(self)
        out["click_ms"] = _stats(self.click_ms)
        out["filter_ms"] = _stats(self.filter_ms)
        out["error_samples"] = self.error_samples[:10]
        return out

    def error(self, text: str) -> None:
        self.errors += 1
        self.error_samples.append(text[:300])


def _stats(values: list[float]) -> dict[str, float | int]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"n": len(values), "median": round(statistics.median(ordered)),
            "p95": round(p95), "max": round(ordered[-1])}


class MemoryWatch:
    """Samples the RSS of a process and its children every quarter second; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                rss = self.process.memory_info().rss
                rss += sum(c.memory_info().rss for c in self.process.children(recursive=True))
                self.peak = max(self.peak, rss)
            except psutil.Error:
                pass
            self._stop.wait(0.25)


async def _idle(page: Any) -> None:
    await page.wait_for_timeout(150)
    await page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden",
                                                                  timeout=STEP_TIMEOUT_MS)


MAP_FRAMES_JS = """() => [...document.querySelectorAll('iframe')].map(f => {
  const r = f.getBoundingClientRect();
  let inner = 'cross-origin';
  try {
    const d = f.contentDocument;
    inner = d ? `${d.readyState} paths=${d.querySelectorAll('path.country').length}`
              + ` leaflet=${typeof f.contentWindow.L}` : 'no document';
  } catch (e) { inner = String(e); }
  return `${f.title} ${Math.round(r.width)}x${Math.round(r.height)}`
    + ` display=${getComputedStyle(f).display} ${inner}`;
}).join(' | ')"""
MAP_COLUMN_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const toggle = main && main.querySelector('[data-testid="stCheckbox"], [data-testid="stToggle"]');
  const block = toggle && toggle.closest('[data-testid="stVerticalBlock"]');
  if (!block) return 'no map column';
  return [...block.children].map(c => {
    const inner = [...c.querySelectorAll('[data-testid]')].slice(0, 4)
      .map(e => e.getAttribute('data-testid')).join(',');
    return `${c.getAttribute('data-testid')}[${c.className.slice(0, 40)}]`
      + ` h=${Math.round(c.getBoundingClientRect().height)} {${inner}} ${c.outerHTML.length}`;
  }).join(' / ');
}"""


async def _describe(page: Any, console: list[str]) -> str:
    """The page's iframes (title, size, display, readiness, outlines drawn), its status widget
    and the last console lines: what a missing map looked like."""
    try:
        frames = await page.evaluate(MAP_FRAMES_JS)
        running = await page.locator('[data-testid="stStatusWidget"]').count()
        column = await page.evaluate(MAP_COLUMN_JS)
        shown = await page.locator("[data-testid='stMain']").first.inner_text(timeout=5000)
    except Exception as error:
        return f"page not readable: {error}"
    return (f"url: {page.url}; frames: {frames}; run in flight: {bool(running)}; "
            f"map column: {column}; page: {' '.join(shown.split())[:200]!r}; "
            f"console: {[c for c in console if not c.startswith('warning')][-8:]}")


async def _check_page(page: Any, phase: Phase, what: str) -> None:
    if await page.locator('[data-testid="stException"]').count():
        phase.error(f"{what}: exception shown")
    text = await page.locator("[data-testid='stMain']").first.inner_text()
    for word in ("database is locked", "Traceback", "cannot be used"):
        if word in text:
            phase.error(f"{what}: page says {word!r}")


@dataclass
class Clock:
    """Starts the timed phase once every session has its map drawn."""

    sessions: int
    seconds: float
    loaded: int = 0
    until: float = 0.0
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def arrive(self) -> None:
        self.loaded += 1
        if self.loaded == self.sessions:
            self.until = time.monotonic() + self.seconds
            self.ready.set()

    def running(self) -> bool:
        return time.monotonic() < self.until and not self.done.is_set()


async def _session(number: int, browser: Any, url: str, countries: list[tuple[str, str]],
                   phase: Phase, clock: Clock) -> None:
    rng = random.Random(number)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda error: phase.error(f"session {number}: page error {error}"))
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"[:200]))
    frame = page.frame_locator(MAP_FRAME)
    previous = searched = ""
    done: list[str] = []
    try:
        await page.goto(url, timeout=STEP_TIMEOUT_MS)
        await frame.locator("path.country").first.wait_for(state="attached",
                                                            timeout=STEP_TIMEOUT_MS)
        await _idle(page)
    except Exception as error:
        phase.error(f"session {number}: first load: {type(error).__name__}: {error}")
    clock.arrive()
    await clock.ready.wait()
    try:
        while clock.running():
            try:
                if rng.random() < 0.75:
                    iso3, name = rng.choice([c for c in countries if c[0] != previous])
                    previous = iso3
                    started = time.perf_counter()
                    heading = page.get_by_role("heading", name=name, exact=True).first
                    shape = frame.locator(f"path.country-{iso3}").first
                    try:
                        await shape.dispatch_event("click", timeout=STEP_TIMEOUT_MS)
                    except Exception:  # no map drawn in this tab for a minute: reload it, as
                        phase.map_reloads += 1  # a reader would (counted, and described)
                        phase.map_missing.append(
                            f"session {number} {iso3} after {done[-3:]}: "
                            f"{await _describe(page, console)}")
                        await page.reload(timeout=STEP_TIMEOUT_MS)
                        await shape.dispatch_event("click", timeout=STEP_TIMEOUT_MS)
                    try:
                        await heading.wait_for(timeout=RETRY_AFTER_MS)
                    except Exception:  # the click was lost (map redrawn under it): once more
                        phase.clicks_retried += 1
                        await shape.dispatch_event("click", timeout=STEP_TIMEOUT_MS)
                        await heading.wait_for(timeout=STEP_TIMEOUT_MS)
                    await _idle(page)
                    phase.click_ms.append((time.perf_counter() - started) * 1000)
                    phase.clicks += 1
                    done.append(f"click {iso3}")
                    await _check_page(page, phase, f"session {number} click {iso3}")
                else:
                    box = page.locator('input[aria-label="Search the text"]')
                    text = rng.choice([t for t in SEARCHES if t != searched])
                    searched = text
                    started = time.perf_counter()
                    await box.fill(text)
                    await box.press("Enter")
                    # the app publishes its view in the url when a run ends
                    await page.wait_for_function(
                        "t => (new URLSearchParams(location.search).get('q') || '') === t",
                        arg=text, timeout=STEP_TIMEOUT_MS)
                    await _idle(page)
                    phase.filter_ms.append((time.perf_counter() - started) * 1000)
                    phase.filter_changes += 1
                    done.append(f"search {text!r}")
                    await _check_page(page, phase, f"session {number} search")
            except Exception as error:  # a timeout or a dead page is an error of the app
                phase.error(f"session {number}: {type(error).__name__}: {error}")
                previous = searched = ""
                await page.goto(url, timeout=STEP_TIMEOUT_MS)
            await page.wait_for_timeout(rng.randint(100, 600))
    finally:
        await context.close()


async def _drive(url: str, sessions: int, seconds: float, countries: list[tuple[str, str]],
                 phase: Phase, build: subprocess.Popen[str] | None = None) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        clock = Clock(sessions, seconds)

        async def watch_build() -> None:
            assert build is not None
            while build.poll() is None:
                await asyncio.sleep(0.5)
            clock.done.set()

        tasks = [_session(i, browser, url, countries, phase, clock) for i in range(sessions)]
        if build is not None:
            tasks.append(watch_build())
        await asyncio.gather(*tasks)
        phase.seconds = round(time.monotonic() - (clock.until - seconds), 1)
        await browser.close()


def _countries(db: Path) -> list[tuple[str, str]]:
    """Countries with stories that the map draws, with the names the panel shows."""
    import sqlite3

    from newsmap.geo import country_name

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tagged = {r[0] for r in conn.execute("SELECT DISTINCT iso3 FROM country_tags")}
    conn.close()
    wanted = [c.iso3 for c in COUNTRIES if c.iso3 in tagged and c.iso3 != "XKX"]
    return [(iso3, country_name(iso3)) for iso3 in wanted[:12]]


def run_load(work: Path, *, articles: int, sessions: int, seconds: float,
             build_articles: int = 0) -> dict[str, Any]:
    """Serve ``articles`` synthetic articles and drive ``sessions`` pages; returns the results."""
    data, db = work / "data", work / "store" / "newsmap.db"
    generate_archive(data, articles, seed=5)
    built = subprocess.run(
        [str(REPO / ".venv" / "bin" / "newsmap"), "build", "--data", str(data), "--db", str(db),
         "--quiet"], capture_output=True, text=True, timeout=3600, check=False)
    if built.returncode != 0:
        raise RuntimeError(built.stderr)
    countries = _countries(db)
    result: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": psutil.cpu_count(), "python": platform.python_version()},
        "articles": articles, "sessions": sessions, "seconds": seconds,
    }
    with running_app(data, db, timeout=300) as app, MemoryWatch(app.process.pid) as memory:
        steady = Phase("steady")
        asyncio.run(_drive(app.url, sessions, seconds, countries, steady))
        result["steady"] = steady.summary()
        if build_articles > articles:
            generate_archive(data, build_articles, seed=5)
            # the app may notice the grown corpus first and start its own build: then this
            # one waits for it (the readers are driven during whichever build runs)
            build = subprocess.Popen(
                [str(REPO / ".venv" / "bin" / "newsmap"), "build", "--data", str(data),
                 "--db", str(db), "--quiet", "--wait", "3600"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            during = Phase("during_build")
            asyncio.run(_drive(app.url, sessions, 3600, countries, during, build))
            out, err = build.communicate(timeout=3600)
            result["during_build"] = during.summary()
            result["during_build"]["build"] = {"articles": build_articles,
                                               "returncode": build.returncode,
                                               "summary": (out or err).strip()[-300:]}
        result["peak_rss_mb"] = round(memory.peak / 2**20, 1)
        log = app.log().splitlines()
        words = ("Error", "Traceback", "locked")
        result["app_log_problems"] = [line[:300] for line in log
                                      if any(w in line for w in words)][:20]
    return result


def main() -> int:
    """Run the load benchmark and write its JSON results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--build-articles", type=int, default=0,
                        help="after the timed phase, grow the corpus to this many and keep "
                        "clicking while it is built")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmap-load-") as work:
        result = run_load(Path(work), articles=args.articles, sessions=args.sessions,
                          seconds=args.seconds, build_articles=args.build_articles)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    errors = result["steady"]["errors"] + result.get("during_build", {}).get("errors", 0)
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
