"""Write the country shapes the map loads from ``static/newsmap/``:

* ``countries-110m.js``: every polygon (1:110m), loaded once with the map;
* ``outlines-50m/ISO3.json``: each country's 1:50m boundary, fetched by the browser only to
  outline the selected country when the reader zooms in.

Run it after ``geo/countries-*.geojson`` change (a unit test says when it is out of date):

    .venv/bin/python scripts/build_static_countries.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsmap.geo import load_boundaries
from newsmap.mapping import (
    COUNTRIES_FILE,
    OUTLINES_DIR,
    countries_script,
    country_shapes,
)
from newsmap.mapping.jsdata import safe_json

OUTLINE_DECIMALS = 3
"""About 100 m: finer than the 1:50m source's own detail at the map's largest zoom."""


def main() -> int:
    """Regenerate the files; returns the exit code."""
    text = countries_script(country_shapes(load_boundaries("110m")))
    COUNTRIES_FILE.parent.mkdir(parents=True, exist_ok=True)
    COUNTRIES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {COUNTRIES_FILE} ({len(text.encode()):,} bytes)")
    OUTLINES_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUTLINES_DIR.glob("*.json"):
        old.unlink()
    written = 0
    for iso3, shape in country_shapes(load_boundaries("50m"), OUTLINE_DECIMALS).items():
        path = OUTLINES_DIR / f"{iso3}.json"
        path.write_text(safe_json(shape.geometry) + "\n", encoding="utf-8")
        written += path.stat().st_size
    print(f"wrote {OUTLINES_DIR} ({written:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
