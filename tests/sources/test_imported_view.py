"""Imported events as the app asks for them: the map layer and its legend, a country's events
of its stories' years, a story's events within days of its own, all under the filters; asked
through the Store seam of a SQLite store and of a PostgreSQL one."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import folium
import pytest

from newsmap.imported_present import imported_events_html
from newsmap.importers.events import import_events
from newsmap.mapping.imported import imported_layer, imported_legend_html
from newsmap.query import Filters
from newsmap.stores import Store, open_store_at
from tests.conftest import SEED
from tests.pgserver import PgServer

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "sources"
SEED_ID = "albania-cuts-diplomatic-ties-with-iran"


def _extra_acled(tmp_path: Path) -> Path:
    """Two more ACLED rows: Albania in a year none of its stories is about, and a hostile
    summary (markup and a javascript: address) at Durres."""
    header = (FIXTURES / "acled.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    rows = []
    for event_id, day, notes, source_url, lat, lon, place in (
        ("ALB2019", "2019-11-26", "Sample row: an earthquake response in Durres.", "",
         "41.3231", "19.4414", "Durres"),
        ("ALB2022X", "2022-07-14", "<script>alert('x')</script> <img src=x onerror=alert(1)>",
         "javascript:alert(2)", "41.1125", "20.0822", "Elbasan"),
    ):
        row = dict.fromkeys(header, "")
        row.update(event_id_cnty=event_id, event_date=day, time_precision="1",
                   event_type="Protests", sub_event_type="Peaceful protest", iso="8",
                   country="Albania", location=place, latitude=lat, longitude=lon,
                   geo_precision="1", notes=notes, source="Sample", source_url=source_url)
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*header, "source_url"])
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "extra.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The seed article tagged, with the ACLED and GDELT fixtures and two extra rows (built
    once per backend for the module: the tests only read it)."""
    tmp_path = tmp_path_factory.mktemp("imported")
    corpus = tmp_path / "data"
    (corpus / "articles").mkdir(parents=True)
    shutil.copy(SEED, corpus / "articles" / SEED.name)
    db = str(tmp_path / "store" / "newsmap.db")
    if request.param == "postgresql":
        server: PgServer = request.getfixturevalue("pg_server")
        db = server.create_database(f"newsmap_imported_view_{os.getpid()}")
    import_events("acled", str(FIXTURES / "acled.csv"), corpus, db)
    import_events("gdelt", str(FIXTURES / "gdelt.export.tsv"), corpus, db)
    import_events("acled", str(_extra_acled(tmp_path)), corpus, db)
    writer = open_store_at(db, readonly=False)
    try:
        assert writer.build(corpus, workers=1).ok
    finally:
        writer.close()
    reader = open_store_at(db)
    yield reader
    reader.close()


def test_a_country_shows_imported_events_of_its_stories_years(store: Store) -> None:
    found = store.country_imported(Filters(), "ALB")
    assert list(found["source_id"]) == ["ALB2022X", "1100000001", "ALB1001", "ALB1002",
                                        "1100000002"]
    assert "ALB2019" not in set(found["source_id"])  # 2019: no Albanian story is of that year
    assert store.country_imported(Filters(), "GEO").empty  # no story about Georgia at all
    narrowed = store.country_imported(Filters(event_types=("protest",)), "ALB")
    assert list(narrowed["source_id"]) == ["ALB2022X", "ALB1001"]


def test_a_story_shows_imported_events_within_three_days_of_its_own(store: Store) -> None:
    own = store.events(Filters(), country="ALB")
    days = own[(own["article_id"] == SEED_ID) & (own["precision"] == "day")]
    assert list(days["date"]) == ["2022-07-15"]  # the cyberattack
    near = store.story_imported(SEED_ID)
    assert list(near["source_id"]) == ["ALB2022X", "1100000001", "ALB1001"]
    assert set(near["near"]) == {"2022-07-15"}
    assert store.story_imported(SEED_ID, days=1)["source_id"].tolist() == ["ALB2022X",
                                                                            "1100000001"]


def test_markers_group_located_events_by_point_under_the_filters(store: Store) -> None:
    every = store.imported_markers(Filters())
    assert int(every["events"].sum()) == store.imported_count() - 1  # GDELT's country-level row
    assert store.imported_sources() == {"acled": 7, "gdelt": 4}
    in_2023 = store.imported_markers(Filters(years=(2023, 2023)))
    assert set(in_2023["place"]) == {"Tbilisi", "Tbilisi, T'bilisi, Georgia", "Zvecan"}
    zvecan = in_2023[in_2023["place"] == "Zvecan"].iloc[0]  # both datasets at one point
    assert (zvecan["events"], zvecan["sources"]) == (2, "acled,gdelt")
    kosovo = store.imported_markers(Filters(countries=("XKX",)))
    assert int(kosovo["events"].sum()) == 2


def test_the_layer_carries_text_as_data_and_has_its_own_legend(store: Store) -> None:
    m = folium.Map(location=(41, 20), zoom_start=6, tiles=None)
    markers = store.imported_markers(Filters())
    layer = imported_layer(markers)
    assert layer.layer_name == "Imported events"
    layer.add_to(m)
    html = m.get_root().render()
    assert len(markers) == 8  # 10 located events; Zvecan and Durres each hold two
    rows = json.loads(re.search(r"rows = (\[.*?\]), style", html).group(1))  # type: ignore[union-attr]
    assert len(rows) == 8
    elbasan = next(r for r in rows if "Elbasan" in r[3])
    assert elbasan[3] == "Elbasan — 1 imported event (ACLED)"
    assert elbasan[5] == ["2022-07-14 · ACLED · <script>alert('x')</script> "
                          "<img src=x onerror=alert(1)>"]  # text, set with textContent
    assert "<script>alert" not in html  # inside the page's script it is \\u003c-escaped
    assert "textContent" in html
    assert "$(" not in html
    legend = imported_legend_html(store.imported_sources())
    assert "Imported events:" in legend
    assert "ACLED 7, GDELT 4" in legend


def test_the_panel_list_links_only_http_and_says_what_is_not_on_the_map(store: Store) -> None:
    html = imported_events_html(store.country_imported(Filters(), "ALB"), {"ALB": "Albania"})
    assert "javascript:" not in html
    assert 'href="https://news.example.org/2022/07/16/albania-accuses-iran"' in html
    assert "Albania (not on the map: GDELT: the country only)" in html
    assert "16 July 2022</b> <span class=\"nm-meta\">(GDELT: the day)" in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
