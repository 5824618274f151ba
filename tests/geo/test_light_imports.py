"""``newsmap build`` and tagging start fast: they never import the map's heavy libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_build_and_the_tagger_leave_pandas_geopandas_and_folium_unloaded() -> None:
    probe = (
        "import json, sys\n"
        "import newsmap, newsmap.cli, newsmap.build\n"
        "from newsmap.tagging import tag_article\n"
        "from newsmap.geo import load_gazetteer, find_country_mentions\n"
        "print(json.dumps(sorted(m for m in ('pandas', 'geopandas', 'folium', 'shapely')\n"
        "                        if m in sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env,
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_the_lazy_names_still_resolve() -> None:
    import newsmap
    import newsmap.geo

    assert callable(newsmap.build_store)
    assert newsmap.Place.__name__ == "Place"
    assert callable(newsmap.geo.load_boundaries)
    assert "stories" in newsmap.geo.COUNT_COLUMNS
