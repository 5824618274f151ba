"""Run the real app and drive it in Debian's Chromium: reusable by tests and benchmarks.

    with running_app(data_dir, db_path) as app, sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page()
        page.goto(app.url)
        wait_for_map(page)
        click_country(page, "ALB")

The server is ``streamlit run app.py`` bound to 127.0.0.1 on a free port, with NEWSMAP_DATA and
NEWSMAP_DB pointing where the caller says; it is stopped by its own PID.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NEWSMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]:visible'
"""The map a reader sees: while a rerun redraws the page, Streamlit may keep a stale, zero-height
copy of the component in the page for a moment, which nobody sees and no test should pick."""
SCREENSHOTS = REPO / "tests" / "e2e" / "screenshots"


@dataclass
class AppServer:
    """A running ``streamlit run app.py``."""

    process: subprocess.Popen[bytes]
    port: int
    data_dir: Path
    db_path: Path
    log_path: Path
    started_seconds: float = 0.0
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The app's address."""
        return f"http://127.0.0.1:{self.port}/"

    def log(self) -> str:
        """What the server printed so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def copy_corpus(source: Path, target: Path) -> Path:
    """A copy of a corpus folder (so tests never touch the repository's ``data/``)."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target


def build_store(data_dir: Path, db_path: Path) -> None:
    """Build the store the way ``make build`` does (the ``newsmap build`` command)."""
    subprocess.run(
        [sys.executable, "-m", "newsmap.cli", "build", "--data", str(data_dir), "--db",
         str(db_path), "--quiet"],
        cwd=REPO, check=False, capture_output=True, timeout=600,
    )
    if not db_path.exists():
        raise RuntimeError(f"newsmap build did not create {db_path}")


def start_app(
    data_dir: Path,
    db_path: Path,
    *,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120.0,
    log_dir: Path | None = None,
) -> AppServer:
    """Start the app and wait until Streamlit answers its health check."""
    port = port or free_port()
    log_path = (log_dir or db_path.parent) / f"streamlit-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    child_env = {**os.environ, "NEWSMAP_DATA": str(data_dir), "NEWSMAP_DB": str(db_path),
                 "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
    ]
    started = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=child_env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = AppServer(process, port, data_dir, db_path, log_path, env=dict(env or {}))
    try:
        _wait_healthy(server, timeout)
    except BaseException:
        stop_app(server)
        raise
    server.started_seconds = time.perf_counter() - started
    return server


def stop_app(server: AppServer, timeout: float = 10.0) -> None:
    """Stop the server by its own PID (SIGTERM, then SIGKILL)."""
    process = server.process
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


@contextlib.contextmanager
def running_app(data_dir: Path, db_path: Path, **kwargs: Any) -> Iterator[AppServer]:
    """``start_app`` as a context manager that always stops the server."""
    server = start_app(data_dir, db_path, **kwargs)
    try:
        yield server
    finally:
        stop_app(server)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:  # noqa: S310 (a local URL)
            return bool(reply.status == 200)
    except OSError:
        return False


def _wait_healthy(server: AppServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    health = f"http://127.0.0.1:{server.port}/_stcore/health"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{server.log()[-3000:]}")
        if _healthy(health):
            return
        time.sleep(0.25)
    raise TimeoutError(f"streamlit did not become healthy in {timeout} s:\n{server.log()[-3000:]}")


# --- the browser side -------------------------------------------------------------------------


def launch_chromium(playwright: Any, **kwargs: Any) -> Any:
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **kwargs)


def map_frame(page: Any) -> Any:
    """The st_folium iframe."""
    return page.frame_locator(MAP_FRAME)


def wait_for_map(page: Any, iso3: str = "ALB", timeout: float = 60_000) -> None:
    """Wait until the map has drawn the country ``iso3`` (not merely the iframe)."""
    map_frame(page).locator(f"path.country-{iso3}").first.wait_for(state="attached",
                                                                   timeout=timeout)


def click_country(page: Any, iso3: str) -> None:
    """Click the centre of a country's polygon on the map."""
    map_frame(page).locator(f"path.country-{iso3}").first.click()


def latlon_on_page(page: Any, lat: float, lon: float) -> tuple[float, float]:
    """Where a latitude and longitude is on the page, in the map's current view."""
    frame_element = page.locator(MAP_FRAME).first
    point = frame_element.content_frame.locator("body").evaluate(
        "(b, ll) => { const p = window.map.latLngToContainerPoint(ll);"
        " const r = window.map.getContainer().getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; }", [lat, lon])
    box = frame_element.bounding_box()
    return box["x"] + point[0], box["y"] + point[1]


def click_latlon(page: Any, lat: float, lon: float) -> None:
    """Click the map at a latitude and longitude, with the real mouse."""
    x, y = latlon_on_page(page, lat, lon)
    page.mouse.click(x, y)


def zoom_at(page: Any, lat: float, lon: float, levels: int = 2) -> None:
    """Zoom the map in around a point with the mouse wheel, as a reader does, and wait."""
    frame = page.locator(MAP_FRAME).first.content_frame
    start = frame.locator("body").evaluate("() => window.map.getZoom()")
    x, y = latlon_on_page(page, lat, lon)
    page.mouse.move(x, y)
    for _ in range(levels):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(350)
    frame.locator("body").evaluate(
        "(b, z) => new Promise(ok => { const done = () => window.map.getZoom() >= z;"
        " if (done()) { ok(); return; }"
        " window.map.on('zoomend', () => { if (done()) ok(); }); })", start + levels)
    page.wait_for_timeout(400)


def wait_idle(page: Any, timeout: float = 60_000) -> None:
    """Wait until no script run is in progress (Streamlit's running indicator is gone): a
    widget opened during a rerun may be redrawn, and its dropdown closed, under the test."""
    page.wait_for_timeout(100)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout)


def choose_option(page: Any, box: Any, option: str, attempts: int = 3) -> None:
    """Open the select ``box`` and pick the option containing ``option``, opening it again
    when a rerun closed it first."""
    for attempt in range(attempts):
        wait_idle(page)
        box.click()
        choice = page.get_by_role("option").filter(has_text=option)
        try:
            choice.first.wait_for(timeout=10_000)
        except Exception:
            if attempt == attempts - 1:
                raise
            continue
        choice.first.click()
        return


def wait_for_param(page: Any, name: str, value: str, timeout: float = 30_000) -> None:
    """Wait until the page's address says ``name=value``: the app writes it as a run ends,
    just after the run that draws the panel, so a test that reads the address at once races."""
    page.wait_for_function(
        "([n, v]) => new URL(location.href).searchParams.get(n) === v", arg=[name, value],
        timeout=timeout)


def country_fill(page: Any, iso3: str) -> str:
    """The fill colour the map currently gives a country."""
    return str(map_frame(page).locator(f"path.country-{iso3}").first.get_attribute("fill"))


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under the git-ignored ``tests/e2e/screenshots/``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def map_eval(page: Any, script: str, arg: Any = None) -> Any:
    """Evaluate ``script`` (a function of one argument) inside the map's frame."""
    frame = page.locator(MAP_FRAME).first.content_frame
    return frame.locator("body").evaluate(f"(body, arg) => ({script})(arg)", arg)


def wait_map_still(page: Any) -> None:
    """Wait until the map is not moving (no zoom or pan animation for 150 ms): a click aimed,
    or a view read, while the map still glides to a country hits the wrong place."""
    map_eval(page, """() => new Promise(ok => {
      let still = 0, waited = 0;
      const timer = setInterval(() => {
        const m = window.map, moving = m._animatingZoom || (m._panAnim && m._panAnim._inProgress);
        still = moving ? 0 : still + 1;
        waited += 50;
        if (still >= 3 || waited > 15000) { clearInterval(timer); ok(still >= 3); }
      }, 50); })""")


def fit_to_results(page: Any, timeout: float = 15_000) -> None:
    """Press the map's "Fit to results" once the map is still (the selected country's framing
    may still be gliding when its panel shows), and wait until the map has moved there."""
    wait_map_still(page)
    map_eval(page, "() => { window.__nmMoved = false;"
                   " window.map.once('moveend', () => { window.__nmMoved = true; }); }")
    map_frame(page).get_by_role("button", name="Fit to results").click()
    frame = page.locator(MAP_FRAME).first.element_handle().content_frame()
    frame.wait_for_function("() => window.__nmMoved === true", timeout=timeout)
    wait_map_still(page)


def country_point(page: Any, iso3: str) -> tuple[float, float]:
    """A point inside the country's largest polygon, as the map itself knows it: where a
    reader aims to click a country."""
    lat, lon = map_eval(page, "iso3 => window.NEWSMAP_COUNTRIES.features"
                              ".find(f => f.properties.iso_a3 === iso3).properties.centre", iso3)
    return float(lat), float(lon)


def in_view(page: Any, lat: float, lon: float, margin: float = 4.0) -> bool:
    """Whether a point lies inside the map's visible area."""
    return bool(map_eval(page, "ll => { const p = window.map.latLngToContainerPoint(ll);"
                               " const s = window.map.getSize();"
                               f" return p.x > {margin} && p.y > {margin}"
                               f" && p.x < s.x - {margin} && p.y < s.y - {margin}; }}",
                         [lat, lon]))


def what_is_at(page: Any, lat: float, lon: float) -> str:
    """The class of the topmost element at a map point (``country country-ALB``, a marker...)."""
    return str(map_eval(page, "ll => { const p = window.map.latLngToContainerPoint(ll);"
                              " const r = window.map.getContainer().getBoundingClientRect();"
                              " const el = document.elementFromPoint(p.x + r.left, p.y + r.top);"
                              " return el ? String(el.getAttribute('class') || el.tagName) : ''; }",
                        [lat, lon]))


class SocketBytes:
    """Counts the bytes the app sends a page over its websocket (attach before ``goto``)."""

    def __init__(self, page: Any) -> None:
        self.received = 0
        page.on("websocket", self._watch)

    def _watch(self, socket: Any) -> None:
        socket.on("framereceived", self._add)

    def _add(self, payload: Any) -> None:
        self.received += len(payload)


def visible_point(page: Any, iso3: str, step: int = 6) -> tuple[float, float] | None:
    """A point of the country as drawn in the current view, deep inside its visible part
    (where a reader would click a country whose own centre is off the map, such as Russia's
    in Siberia); None when no part of it is visible."""
    found = map_eval(page, f"""iso3 => {{
      const box = window.map.getContainer().getBoundingClientRect(), step = {step};
      const own = (x, y) => {{ const el = document.elementFromPoint(box.left + x, box.top + y);
        return !!el && String(el.getAttribute('class') || '').includes('country-' + iso3); }};
      let best = null, bestScore = 0;
      for (let y = step * 3; y < box.height - step * 3; y += step) {{
        for (let x = step * 3; x < box.width - step * 3; x += step) {{
          if (!own(x, y)) continue;
          let score = 0;
          for (let r = 1; r <= 3; r++) {{
            if (own(x - r * step, y) && own(x + r * step, y) && own(x, y - r * step)
                && own(x, y + r * step)) score = r; else break;
          }}
          if (score > bestScore) {{ bestScore = score; best = [x, y]; }}
        }}
      }}
      if (!best) return null;
      const ll = window.map.containerPointToLatLng(best);
      return [ll.lat, ll.lng]; }}""", iso3)
    return (float(found[0]), float(found[1])) if found else None
