"""AppTest over app.py and every page: no exception, and the right content for given params."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.handtagged_store import HOSTILE_TITLE, SEED_TITLE

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
PAGES = [str(p) for p in sorted((REPO / "pages").glob("*.py"))]


def _run_once_built(db: Path, **params: str | list[str]) -> AppTest:
    """Run the map page, which starts a build apart from the reader when there is no store;
    wait for that build to finish, then run the page again (as its progress fragment does)."""
    _run(**params)
    deadline = time.monotonic() + 300
    status = Path(f"{db}.build.json")
    while time.monotonic() < deadline:
        if status.exists() and '"state": "done"' in status.read_text():
            return _run(**params)
        time.sleep(0.2)
    raise AssertionError(f"the app's build did not finish: {status.read_text()}")


def _run(script: str = APP, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(script, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.html)


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def _param(at: AppTest, key: str) -> list[str]:
    value = at.query_params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _click(at: AppTest, count: int, iso3: str) -> None:
    at.session_state["map"] = {
        "last_object_clicked_count": count,
        "last_active_drawing": {"type": "Feature", "properties": {"iso_a3": iso3},
                                "geometry": {"type": "Polygon", "coordinates": []}},
    }
    at.run()
    assert not at.exception


@pytest.mark.usefixtures("store")
@pytest.mark.parametrize("script", [APP, *PAGES], ids=lambda s: Path(s).name)
def test_every_page_runs_without_exception(script):
    at = _run(script)
    assert not at.error


@pytest.mark.usefixtures("store")
def test_map_page_counts_and_invites_a_click():
    at = _run()
    assert "4 stories · 5 countries · 8 events match the filters" in _captions(at)
    assert any("Click a country on the map" in m.value for m in at.markdown)
    assert SEED_TITLE in _html(at)
    assert at.selectbox(key="w_country").value is None


@pytest.mark.usefixtures("store")
def test_country_from_the_url_fills_the_panel():
    at = _run(country="ALB")
    assert [s.value for s in at.subheader] == ["Albania"]
    html = _html(at)
    assert SEED_TITLE in html
    assert "Albania has ordered all staff of the Iranian Embassy in Tirana" in html
    assert html.index("<b>2014</b>") < html.index("<b>15 July 2022</b>") \
        < html.index("<b>September 2022</b>")
    assert "1 story, 3 events match the filters" in _captions(at)
    assert at.selectbox(key="w_country").value == "ALB"


@pytest.mark.usefixtures("store")
def test_a_map_click_selects_and_the_select_box_follows():
    at = _run()
    _click(at, 1, "FRA")
    assert [s.value for s in at.subheader] == ["France"]
    assert at.selectbox(key="w_country").value == "FRA"
    assert _param(at, "country") == ["FRA"]
    html = _html(at)
    assert "<b>2018</b> · Terrorism" in html
    assert "Paris" in html
    # the same value on the next rerun is not a new click: the select box wins
    at.selectbox(key="w_country").set_value("ALB").run()
    assert [s.value for s in at.subheader] == ["Albania"]


@pytest.mark.usefixtures("store")
def test_clear_selection_resets():
    at = _run(country="ALB")
    at.button[0].click().run()
    assert [s.value for s in at.subheader] == ["Latest stories"]
    assert "country" not in at.query_params


@pytest.mark.usefixtures("store")
def test_event_years_drop_bosnia_to_zero():
    at = _run(country="BIH", years="2019-2022")
    assert "0 stories, 0 events match the filters" in _captions(at)
    assert any("No story about Bosnia and Herzegovina" in i.value for i in at.info)
    assert at.slider(key="w_years").value == (2019, 2022)


@pytest.mark.usefixtures("store")
def test_filters_write_the_url():
    at = _run()
    at.slider(key="w_years").set_value((2019, 2022)).run()
    assert _param(at, "years") == ["2019-2022"]
    at.multiselect(key="w_types").set_value(["protest"]).run()
    assert _param(at, "type") == ["protest"]
    assert _captions(at)[0].startswith("2 stories · 2 countries · 2 events match the filters")


@pytest.mark.usefixtures("store")
def test_text_search_highlights_matches():
    at = _run(q="cyberattack")
    assert "<mark>cyberattack</mark>" in _html(at)


@pytest.mark.usefixtures("store")
def test_no_match_says_what_to_do():
    at = _run(q="zebra")
    assert any("No story matches these filters" in w.value for w in at.warning)


def test_empty_archive_says_what_to_do(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    monkeypatch.setenv("NEWSMAP_DATA", str(data))
    monkeypatch.setenv("NEWSMAP_DB", str(tmp_path / "empty.db"))
    at = _run_once_built(tmp_path / "empty.db")
    assert any("The archive is empty" in i.value for i in at.info)


def test_corrupt_store_names_the_fix(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    db = tmp_path / "broken.db"
    db.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("NEWSMAP_DATA", str(data))
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    at = _run()
    assert any("cannot be used" in e.value for e in at.error)
    assert any("newsmap build --rebuild" in i.value for i in at.info)


@pytest.mark.slow
def test_first_start_builds_the_store_from_the_corpus(tmp_path, monkeypatch):
    data = shutil.copytree(REPO / "data", tmp_path / "data")
    db = tmp_path / "new" / "newsmap.db"
    monkeypatch.setenv("NEWSMAP_DATA", str(data))
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    at = _run_once_built(db, country="ALB")
    assert db.exists()
    assert SEED_TITLE in _html(at)


@pytest.mark.usefixtures("store")
def test_stories_page_table_detail_and_downloads():
    at = _run(PAGES[0], story="hostile-markup")
    table = at.dataframe[0].value
    assert set(table["title"]) >= {SEED_TITLE, HOSTILE_TITLE}
    html = _html(at)
    assert "<script>" not in html.replace("<style>", "")
    assert "<img" not in html
    assert '<mark class="evidence ev-country" title="country: Germany">' in html
    # 3 of the view (stories, events), 6 in the field's formats (ui/cite.py), 3 for the story
    assert len(at.get("download_button")) == 12


@pytest.mark.usefixtures("store")
def test_stories_page_follows_the_selected_country():
    at = _run(PAGES[0], country="FRA")
    assert set(at.dataframe[0].value["title"]) == {SEED_TITLE, "Thousands march in Paris"}


@pytest.mark.usefixtures("store")
def test_timeline_page_charts_and_lists_events():
    at = _run(PAGES[1])
    assert at.get("vega_lite_chart")
    assert any("dated only to a span of years" in c for c in _captions(at))
    assert "Iran shipped weapons to Bosnia." in _html(at)


@pytest.mark.usefixtures("store")
def test_timeline_years_are_the_shared_filter():
    at = _run(PAGES[1])
    at.slider(key="w_years_timeline").set_value((2019, 2022)).run()
    assert _param(at, "years") == ["2019-2022"]
    assert at.slider(key="w_years").value == (2019, 2022)


@pytest.mark.usefixtures("store")
def test_about_page_counts_sources_and_rejections():
    at = _run(PAGES[2])
    assert [m.value for m in at.metric][:2] == ["4", "5"]
    assert any("Natural Earth" in c for c in _captions(at))
    rejected = at.dataframe[-1].value
    # a path outside the corpus folder keeps only its name: no server path on a public page
    assert list(rejected["file"]) == ["broken.md"]


@pytest.mark.usefixtures("store")
def test_the_map_message_does_not_depend_on_the_selection():
    """The map follows the selection in the browser: what st_folium is given is the same
    before and after a click, so Streamlit can send it by reference."""
    at = _run()
    before = _map_args(at)
    _click(at, 1, "FRA")
    assert next(s.value for s in at.subheader) == "France"
    assert _map_args(at) == before
    assert "center" not in before or before["center"] is None


def _map_args(at: AppTest) -> dict[str, object]:
    import json

    (element,) = [e for e in at.main if getattr(e, "type", "") == "UnknownElement"
                  or "st_folium" in str(getattr(e.proto, "component_name", ""))][:1] or [None]
    assert element is not None
    return dict(json.loads(element.proto.json_args))


@pytest.mark.usefixtures("store")
def test_an_unknown_country_code_is_ignored():
    at = _run(country="XXX")
    assert [s.value for s in at.subheader] == ["Latest stories"]
    # the address is left as typed: rewriting it would add a history entry (Back would
    # lead to the same page again)
    assert _param(at, "country") == ["XXX"]
    _click(at, 1, "FRA")  # the next selection is written as usual
    assert _param(at, "country") == ["FRA"]


@pytest.mark.usefixtures("store")
def test_the_panel_lists_stories_about_the_country_before_those_mentioning_it():
    at = _run(country="FRA")
    texts = [m.value for m in at.markdown]
    assert "**Stories about France**" in texts
    assert "**Stories that mention France**" in texts
    html = _html(at)
    assert html.index("Thousands march in Paris") < html.index(SEED_TITLE)


@pytest.mark.usefixtures("store")
def test_the_shading_switch_says_what_the_map_counts():
    at = _run()
    assert "Stories about each country" in _html(at)
    at.toggle(key="w_mentions").set_value(True).run()
    assert "Stories mentioning each country" in _html(at)


@pytest.mark.usefixtures("store")
def test_an_address_changed_by_the_browser_is_read_again():
    """Back and Forward change the address of the same page: the view follows it."""
    at = _run()
    _click(at, 1, "FRA")
    assert _param(at, "country") == ["FRA"]
    at.query_params.clear()
    at.run()
    assert [s.value for s in at.subheader] == ["Latest stories"]
    at.query_params["country"] = "ALB"
    at.run()
    assert next(s.value for s in at.subheader) == "Albania"


@pytest.mark.usefixtures("store")
def test_every_event_type_chosen_is_no_filter():
    at = _run()
    types = at.multiselect(key="w_types")
    types.set_value(list(types.options)).run()
    assert _param(at, "type") == []
    assert "4 stories · 5 countries · 8 events match the filters" in _captions(at)


@pytest.mark.usefixtures("store")
def test_the_timeline_honours_the_selected_country():
    at = _run(PAGES[1], country="FRA")
    html = _html(at)
    assert "Paris" in html
    assert "Iran shipped weapons to Bosnia." not in html
    chart = at.get("vega_lite_chart")[0].proto.spec
    assert "France" in chart
    at = _run(PAGES[1], country="DEU", years="1990-1991")
    assert any("No event in Germany matches these filters" in i.value for i in at.info)


def test_the_timeline_chart_has_a_year_scale_whole_counts_and_only_present_types():
    import pandas as pd

    from newsmap.charts import timeline_chart

    spec = timeline_chart(pd.DataFrame({"year": [1994, 2008], "type": ["arms transfer",
                                                                      "diplomatic"],
                                        "events": [1, 2]})).to_dict()
    encoding = spec["encoding"]
    assert encoding["x"]["type"] == "quantitative"
    assert encoding["x"]["axis"]["format"] == "d"
    assert encoding["y"]["axis"]["tickMinStep"] == 1
    assert encoding["color"]["scale"]["domain"] == ["Diplomatic", "Arms transfer"]


@pytest.mark.usefixtures("store")
def test_the_stories_table_has_empty_cells_not_none():
    at = _run(PAGES[0])
    table = at.dataframe[0].value
    assert "None" not in set(table["outlet"].astype(str))
