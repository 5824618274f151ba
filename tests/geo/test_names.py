from __future__ import annotations

import pytest

from newsmap.geo import (
    country_name,
    find_country_mentions,
    known_iso3,
    load_boundaries,
    resolve_country,
)
from newsmap.geo.lexicon import read_tsv


@pytest.mark.parametrize("scale", ["110m", "50m"])
def test_every_boundary_feature_resolves_both_ways(scale: str) -> None:
    gdf = load_boundaries(scale)  # type: ignore[arg-type]
    by_code = gdf.set_index("iso3")
    for iso3, name in zip(gdf["iso3"], gdf["name"], strict=True):
        assert resolve_country(name) == iso3, name
        assert country_name(iso3) == name
        assert not by_code.loc[resolve_country(name), "geometry"].is_empty


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Albania", "ALB"),
        ("Iran", "IRN"),
        ("Iranian", "IRN"),
        ("Iranians", "IRN"),
        ("Bosnia", "BIH"),
        ("Bosnian", "BIH"),
        ("Iraq", "IRQ"),
        ("Paris", "FRA"),
        ("Tirana", "ALB"),
        ("Tehran", "IRN"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("North Macedonia", "MKD"),
        ("Macedonia", "MKD"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Albanian", "ALB"),
        ("French", "FRA"),
        ("Kosovo", "XKX"),
        ("Kosovar", "XKX"),
        ("Georgia", "GEO"),
        ("the United States", "USA"),
        ("US", "USA"),
        ("the EU", None),
        ("us", None),
        ("Yugoslavia", "SRB"),
        ("Soviet Union", "RUS"),
        ("USSR", "RUS"),
        ("Persia", "IRN"),
        ("BOSNIA AND HERZEGOVINA", "BIH"),
        ("bosnia and herzegovina", "BIH"),
        ("Western Balkans", None),
        ("Brussels Report", None),
        ("Brussels", None),
        ("Paris Agreement", None),
        ("Durres", None),
        ("", None),
    ],
)
def test_resolve_country(text: str, iso3: str | None) -> None:
    assert resolve_country(text) == iso3


def test_country_name_is_the_short_common_name() -> None:
    assert country_name("BIH") == "Bosnia and Herzegovina"
    assert country_name("IRN") == "Iran"
    assert country_name("XKX") == "Kosovo"
    assert country_name("RUS") == "Russia"
    assert country_name("TUR") == "Turkey"
    assert country_name("alb") == "Albania"
    with pytest.raises(KeyError):
        country_name("XXX")


def test_curated_tables_use_known_codes_only() -> None:
    codes = known_iso3()
    for name in ("country_aliases.tsv", "capitals.tsv"):
        rows = read_tsv(name)
        assert rows
        assert {row["iso3"] for row in rows} <= codes, name
    kinds = {row["kind"] for row in read_tsv("country_aliases.tsv")}
    assert kinds <= {"name", "demonym", "historical"}


def test_seed_mentions(seed_text: str) -> None:
    mentions = find_country_mentions(seed_text)
    codes = {m.iso3 for m in mentions}
    assert {"ALB", "IRN", "IRQ", "BIH", "FRA", "USA"} <= codes
    assert "BEL" not in codes  # "Brussels Report" is an outlet
    for m in mentions:
        assert seed_text[m.start : m.end] == m.surface
    kinds = {(m.surface, m.kind) for m in mentions}
    assert ("Tirana", "capital") in kinds
    assert ("Iranian", "demonym") in kinds
    assert ("Islamic Republic of Iran", "name") in kinds  # longest match wins


def test_brussels_report_yields_no_country() -> None:
    assert find_country_mentions("On Brussels Report, a researcher highlights:") == []


def test_outlets_and_agreements_holding_a_place_yield_nothing() -> None:
    text = (
        "The Washington Post and Radio Free Europe cited the Washington Institute on the "
        "Paris Agreement, the Dayton Agreement and the Minsk agreements."
    )
    assert find_country_mentions(text) == []


def test_georgia_near_tbilisi_is_the_country() -> None:
    text = "Georgia's government in Tbilisi said the talks would go on."
    mentions = find_country_mentions(text)
    assert [(m.surface, m.iso3) for m in mentions] == [("Georgia", "GEO"), ("Tbilisi", "GEO")]


def test_mentions_use_original_offsets_and_whole_words() -> None:
    text = "In Türkiye and Bosnia and Herzegovina, Iran’s envoy met Albanians; Iranistan is none."
    found = [(m.surface, m.iso3, m.kind) for m in find_country_mentions(text)]
    assert found == [
        ("Türkiye", "TUR", "name"),
        ("Bosnia and Herzegovina", "BIH", "name"),
        ("Iran", "IRN", "name"),
        ("Albanians", "ALB", "demonym"),
    ]


def test_mentions_need_capitals_and_upper_only_codes() -> None:
    assert find_country_mentions("let us go to the turkey farm") == []
    found = [(m.surface, m.iso3) for m in find_country_mentions("The US and the UK agreed.")]
    assert found == [("US", "USA"), ("UK", "GBR")]


def test_historical_states_are_marked() -> None:
    found = find_country_mentions("Yugoslavia and the Soviet Union broke up.")
    assert [(m.iso3, m.kind) for m in found] == [("SRB", "historical"), ("RUS", "historical")]


def test_regions_are_not_country_mentions() -> None:
    text = "Iran in the Western Balkans, the South Caucasus and the European Union."
    assert [m.iso3 for m in find_country_mentions(text)] == ["IRN"]


def test_every_known_code_round_trips_through_its_name() -> None:
    for iso3 in known_iso3():
        assert resolve_country(country_name(iso3)) == iso3, iso3
