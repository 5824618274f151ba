"""Write ``static/newsmap/countries-110m.js``: the country polygons the map loads once.

Run it after ``geo/countries-110m.geojson`` changes (a unit test says when it is out of date):

    .venv/bin/python scripts/build_static_countries.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsmap.geo import load_boundaries
from newsmap.mapping import COUNTRIES_FILE, countries_script, country_shapes


def main() -> int:
    """Regenerate the file; returns the exit code."""
    text = countries_script(country_shapes(load_boundaries("110m")))
    COUNTRIES_FILE.parent.mkdir(parents=True, exist_ok=True)
    COUNTRIES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {COUNTRIES_FILE} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
