"""Researchers' event datasets: ACLED and GDELT rows read with their own precision, bad rows
named by row and column, imports that replace revised rows, and builds that keep them. The
tests taking ``store_backend`` run on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from newsmap.build import BuildReport, check_corpus
from newsmap.geo import known_iso3
from newsmap.importers.acled import read_acled
from newsmap.importers.events import import_events
from newsmap.importers.gdelt import fips_to_iso3, read_gdelt
from newsmap.importers.report import InputError
from newsmap.store import connect
from newsmap.stores import is_url, open_store_at

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "sources"
ACLED = FIXTURES / "acled.csv"
GDELT = FIXTURES / "gdelt.export.tsv"


def _stored(db: str) -> dict[str, dict[str, object]]:
    """Every stored imported event row, by source and id (the table as each backend holds it)."""
    if is_url(db):
        with psycopg.connect(db, row_factory=dict_row) as pg:
            rows = [dict(r) for r in pg.execute("SELECT * FROM imported_events").fetchall()]
    else:
        conn = connect(Path(db), readonly=True)
        try:
            rows = [dict(r) for r in conn.execute("SELECT * FROM imported_events").fetchall()]
        finally:
            conn.close()
    return {f"{r['source']}:{r['source_id']}": r for r in rows}


def _untouched(db: str) -> bool:
    """Whether nothing was ever written to the store (no file; no newsmap tables)."""
    if not is_url(db):
        return not Path(db).exists()
    with psycopg.connect(db) as pg:
        row = pg.execute("SELECT to_regclass('imported_events')").fetchone()
    return row is not None and row[0] is None


def build_store(corpus: Path, db: str, *, rebuild: bool = False) -> BuildReport:
    """``newsmap build`` through the Store seam (a SQLite path or a PostgreSQL URL)."""
    store = open_store_at(db, readonly=False)
    try:
        return store.build(corpus, rebuild=rebuild, workers=1)
    finally:
        store.close()


def test_acled_rows_keep_their_own_date_and_place_precision() -> None:
    dataset = read_acled(ACLED.read_bytes(), str(ACLED))
    events = {e.source_id: e for e in dataset.events}
    assert sorted(events) == ["ALB1001", "ALB1002", "GEO1005", "UKR1004", "XKX1003"]
    kharkiv = events["UKR1004"]  # time_precision 3: known to the month only
    assert kharkiv.date is not None
    assert kharkiv.date.iso() == "2022-03"
    assert kharkiv.date_note == "ACLED: within a month"
    assert (kharkiv.iso3, kharkiv.type, kharkiv.fatalities) == ("UKR", "armed conflict", 12)
    durres = events["ALB1002"]
    assert durres.date is not None
    assert durres.date.iso() == "2022-09-08"
    assert durres.date_note == "ACLED: within a week"
    assert durres.place_note == "ACLED: near the town or in its district"
    assert "\n" in durres.summary
    assert '"the port city"' in durres.summary
    assert events["XKX1003"].iso3 == "XKX"  # ACLED's iso 0, resolved by the country's name
    assert events["GEO1005"].date is not None
    assert events["GEO1005"].date.iso() == "2023-03-08"
    assert events["ALB1001"].reported_by == "Sample Wire"


def test_bad_acled_rows_are_named_by_row_and_column() -> None:
    dataset = read_acled(ACLED.read_bytes(), "acled.csv")
    assert [str(p) for p in dataset.problems] == [
        "acled.csv: row 4, column event_date: not a calendar day: '2022-02-30' "
        "(day is out of range for month)",
        "acled.csv: row 7, column latitude: 140.2 is outside -90..90",
        "acled.csv: row 8, column iso: expected ACLED's numeric country code, got 'BIH'",
        "acled.csv: row 9, column event_id_cnty: empty; every ACLED row has an id",
        "acled.csv: row 10, column event_id_cnty: 'ALB1001' is also the id of row 2",
    ]


def test_gdelt_rows_map_fips_codes_and_keep_their_links() -> None:
    dataset = read_gdelt(GDELT.read_bytes(), "g.tsv")
    events = {e.source_id: e for e in dataset.events}
    assert sorted(events) == ["1100000001", "1100000002", "1100000003", "1100000004"]
    tirana = events["1100000001"]
    assert (tirana.iso3, tirana.place, tirana.type) == ("ALB", "Tirana, Tirane, Albania",
                                                        "diplomatic")
    assert tirana.link == "https://news.example.org/2022/07/16/albania-accuses-iran"
    assert tirana.date is not None
    assert tirana.date.iso() == "2022-07-16"
    country_level = events["1100000002"]  # ActionGeo_Type 1: the country's centre is no place
    assert (country_level.lat, country_level.lon) == (None, None)
    assert country_level.place_note == "GDELT: the country only"
    assert events["1100000003"].iso3 == "GEO"  # FIPS GG is Georgia, not Germany
    zvecan = events["1100000004"]
    assert (zvecan.iso3, zvecan.type, zvecan.link) == ("XKX", "terrorism", None)  # no js: link
    assert [str(p) for p in dataset.problems] == [
        "g.tsv: row 3: 60 tab-separated values; a GDELT 2.0 event row has 61",
        "g.tsv: row 5, column SQLDATE: expected YYYYMMDD, got '2023-06-01'",
        "g.tsv: row 7, column ActionGeo_CountryCode: unknown FIPS 10-4 country code 'ZZ'",
    ]


def test_the_fips_table_maps_to_known_country_codes() -> None:
    table = fips_to_iso3()
    assert len(table) > 240
    assert {table[c] for c in ("AL", "BK", "KV", "RI", "MJ", "MK", "UP", "GG", "AJ", "IS",
                               "WE", "GZ", "LE", "SY", "IZ", "TU")} == {
        "ALB", "BIH", "XKX", "SRB", "MNE", "MKD", "UKR", "GEO", "AZE", "ISR", "PSE", "LBN",
        "SYR", "IRQ", "TUR"}
    assert set(table.values()) - known_iso3() - {"XKX"} == set()


def test_import_keeps_a_validated_copy_and_stores_the_rows(corpus: Path,
                                                           store_backend: str) -> None:
    result = import_events("acled", str(ACLED), corpus, store_backend)
    assert (result.counts.added, result.counts.updated, result.counts.removed) == (5, 0, 0)
    assert len(result.problems) == 5
    copy = corpus / "events" / "acled" / "acled.csv"
    assert result.path == str(copy)
    assert read_acled(copy.read_bytes(), str(copy)).problems == ()  # only the good rows kept
    stored = _stored(store_backend)
    assert stored["acled:UKR1004"]["precision"] == "month"
    assert stored["acled:UKR1004"]["date_note"] == "ACLED: within a month"


def test_reimporting_the_same_file_changes_nothing(corpus: Path, store_backend: str) -> None:
    import_events("acled", str(ACLED), corpus, store_backend)
    before = _stored(store_backend)
    again = import_events("acled", str(ACLED), corpus, store_backend)
    assert (again.counts.added, again.counts.updated, again.counts.removed,
            again.counts.unchanged) == (0, 0, 0, 5)
    assert _stored(store_backend) == before


def test_an_updated_acled_file_replaces_changed_rows_and_removes_gone_ones(
        corpus: Path, store_backend: str, tmp_path: Path) -> None:
    import_events("acled", str(ACLED), corpus, store_backend)
    revised = tmp_path / "acled.csv"  # the same export name, downloaded again
    shutil.copy(FIXTURES / "acled-updated.csv", revised)
    result = import_events("acled", str(revised), corpus, store_backend)
    assert (result.counts.added, result.counts.updated, result.counts.removed,
            result.counts.unchanged) == (1, 1, 1, 3)
    stored = _stored(store_backend)
    assert "acled:UKR1004" not in stored
    assert "about 300 protesters" in str(stored["acled:ALB1001"]["summary"])
    assert "acled:ALB1009" in stored


def test_builds_keep_imported_events_and_drop_them_with_their_file(corpus: Path,
                                                                   store_backend: str) -> None:
    import_events("acled", str(ACLED), corpus, store_backend)
    import_events("gdelt", str(GDELT), corpus, store_backend)
    report = build_store(corpus, store_backend, rebuild=True)
    assert report.ok, report.rejected
    assert len(_stored(store_backend)) == 9
    assert build_store(corpus, store_backend).unchanged == 3  # the seed and both datasets
    (corpus / "events" / "gdelt" / "gdelt-export.tsv").unlink()
    report = build_store(corpus, store_backend)
    assert report.removed == 1
    assert {key.split(":")[0] for key in _stored(store_backend)} == {"acled"}


def test_a_dataset_dropped_in_by_hand_has_its_bad_rows_listed_by_the_build(
        corpus: Path, store_backend: str) -> None:
    target = corpus / "events" / "acled"
    target.mkdir(parents=True)
    shutil.copy(ACLED, target / "by-hand.csv")
    report = build_store(corpus, store_backend)
    assert len(_stored(store_backend)) == 5
    assert [r.reason for r in report.rejected][:2] == [
        "row 4, column event_date: not a calendar day: '2022-02-30' "
        "(day is out of range for month)",
        "row 7, column latitude: 140.2 is outside -90..90",
    ]
    assert {r.path for r in report.rejected} == {str(target / "by-hand.csv")}
    checked = check_corpus(corpus)
    assert [r.reason for r in checked] == [r.reason for r in report.rejected]


def test_files_that_are_not_datasets_are_refused_whole(corpus: Path, store_backend: str,
                                                       tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(ACLED.read_bytes().replace(b"Durres", "Durrës".encode("latin-1")))
    with pytest.raises(InputError, match=r"latin.csv: not UTF-8 text \(byte 0xeb"):
        import_events("acled", str(latin), corpus, store_backend)
    with pytest.raises(InputError, match="not an ACLED export: the header lacks"):
        import_events("acled", str(FIXTURES / "rss1.rdf"), corpus, store_backend)
    with pytest.raises(InputError, match=r"not a GDELT 2\.0 event export"):
        import_events("gdelt", str(ACLED), corpus, store_backend)
    assert not (corpus / "events").exists()
    assert _untouched(store_backend)


def test_the_command_prints_each_refused_row_and_exits_1(corpus: Path,
                                                         store_backend: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsmap.cli", "import", "acled", str(ACLED), "--data",
         str(corpus), "--db", store_backend],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )
    assert done.returncode == 1
    assert f"refused {ACLED}: row 7, column latitude: 140.2 is outside -90..90" in done.stderr
    assert "acled: events added 5, updated 0, removed 0, unchanged 0, rows refused 5" in (
        done.stdout)


def test_a_byte_order_mark_and_windows_line_ends_are_read(tmp_path: Path) -> None:
    data = ACLED.read_bytes()
    assert b"\r\n" in data  # the fixture is written with Windows line ends
    dataset = read_acled(b"\xef\xbb\xbf" + data, "bom.csv")
    assert len(dataset.events) == 5
    gdelt = read_gdelt(GDELT.read_bytes().replace(b"\n", b"\r\n"), "crlf.tsv")
    assert len(gdelt.events) == 4
