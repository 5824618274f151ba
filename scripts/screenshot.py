"""Take the README's screenshot: start the app on a free port against a store built from a
copy of ``data/``, open it in Debian's Chromium, click inside Albania at the opening view (the
map frames it), and save a PNG.

    .venv/bin/python scripts/screenshot.py docs/screenshot.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.e2e.harness import (  # noqa: E402 (the repository root is on the path only now)
    build_store,
    click_latlon,
    copy_corpus,
    country_point,
    launch_chromium,
    running_app,
    wait_for_map,
)

ALBANIA = (40.05, 20.25)  # southern Albania, clear of the Tirana and Durrës markers


def main(argv: list[str] | None = None) -> int:
    """Write the screenshot to the path given; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the PNG")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--dark", action="store_true", help="as a reader who prefers dark")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="newsmap-shot-") as tmp:
        data = copy_corpus(REPO / "data", Path(tmp) / "data")
        db = Path(tmp) / "store" / "newsmap.db"
        build_store(data, db)
        with running_app(data, db) as app, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": args.width, "height": args.height},
                                    color_scheme="dark" if args.dark else "light")
            page.goto(app.url)
            wait_for_map(page)
            page.get_by_text("Click a country on the map").wait_for()
            page.wait_for_timeout(500)
            click_latlon(page, *country_point(page, "ALB"))
            page.get_by_role("heading", name="Albania", exact=True).wait_for()
            page.mouse.move(5, 5)  # no tooltip over the map
            page.wait_for_timeout(1200)  # let the outline and the panel settle
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output))
            browser.close()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
