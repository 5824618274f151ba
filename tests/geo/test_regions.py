from __future__ import annotations

from newsmap.geo import find_regions, region_names, resolve_region


def test_regions_in_running_text() -> None:
    text = (
        "Iran's role in the Western Balkans, the South Caucasus and the Sahel worries the EU; "
        "the Balkan region and Eastern Europe too."
    )
    found = [(r.surface, r.name) for r in find_regions(text)]
    assert found == [
        ("Western Balkans", "Western Balkans"),
        ("South Caucasus", "South Caucasus"),
        ("Sahel", "Sahel"),
        ("EU", "European Union"),
        ("Balkan", "Balkans"),
        ("Eastern Europe", "Eastern Europe"),
    ]
    for r in find_regions(text):
        assert text[r.start : r.end] == r.surface


def test_seed_regions(seed_text: str) -> None:
    names = {r.name for r in find_regions(seed_text)}
    assert {"Western Balkans", "Balkans", "European Union", "Eastern Europe"} <= names


def test_resolve_region_and_names() -> None:
    assert resolve_region("the Balkans") == "Balkans"
    assert resolve_region("MENA") == "Middle East and North Africa"
    assert resolve_region("Albania") is None
    assert resolve_region("Radio Free Europe") is None
    assert "Western Balkans" in region_names()


def test_outlet_names_are_not_regions() -> None:
    assert find_regions("according to Radio Free Europe and Carnegie Europe") == []
