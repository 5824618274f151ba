"""The phrase table: every country, region and not-a-place name we recognise in running text.

Sources, merged into one table so that the longest name wins across kinds ("Brussels Report" beats
"Brussels", "Western Balkans" beats nothing, "Turkish Cypriot" beats "Turkish"):

- pycountry's ISO 3166-1 names (``name``, ``common_name``, ``official_name``) and Kosovo (XKX);
- ``geo/country_aliases.tsv``: short and common names, demonyms, historical states;
- ``geo/capitals.tsv``: capitals used for their governments ("Tehran said");
- ``geo/regions.tsv``: regions and unions, kept apart from countries;
- ``geo/not_places.tsv``: outlets, organisations and agreements whose names hold a place.

Matching is on folded words (see :mod:`newsmap.geo.fold`), whole words only, and a name must
start with a capital letter in the original text; names written in capitals in the table
("US", "EU", "DRC") match only when written in capitals.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pycountry

from newsmap.geo.fold import fold_key
from newsmap.geo.wordindex import (
    GAP_START,
    NameIndex,
    capital_word_re,
    folded_text,
    word_run_re,
)
from newsmap.paths import GEO_DIR

__all__ = [
    "Category",
    "Entry",
    "Match",
    "PhraseTable",
    "capital_word_re",
    "folded_text",
    "load_phrase_table",
    "read_tsv",
    "scan_phrases",
    "strip_article",
    "word_run_re",
]

Category = Literal["country", "region", "not_place"]

# Most-trusted first: when two sources give the same folded name, the earlier kind keeps it.
_PRIORITY = {"not_place": 0, "region": 1, "name": 2, "historical": 3, "capital": 4, "demonym": 5}


@dataclass(frozen=True, slots=True)
class Entry:
    """What a folded name means: a country (value = ISO3), a region or a not-a-place name."""

    category: Category
    value: str
    kind: str
    upper_only: bool = False


@dataclass(slots=True, unsafe_hash=True)  # never modified (not frozen: see newsmap.tagging)
class Match:
    """One name found in running text; offsets are into the original text."""

    start: int
    end: int
    surface: str
    entry: Entry


class PhraseTable:
    """Folded multi-word names mapped to entries, scanned leftmost-longest over running text."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self._entries = entries
        self._names = NameIndex(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Entry | None:
        """The entry for an exact folded key (see :func:`fold_key`), or None."""
        return self._entries.get(key)

    def items(self) -> Iterator[tuple[str, Entry]]:
        """Every (folded key, entry) pair."""
        return iter(self._entries.items())

    def scan(self, text: str) -> tuple[Match, ...]:
        """All names in ``text``, leftmost and longest first, never overlapping."""
        folded = folded_text(text)
        found: list[Match] = []
        taken_until = 0
        names = self._names
        limit = len(text)
        max_words, entries = names.max_words, self._entries
        for start, first_end, word in names.starts_in(text):
            if start < taken_until:
                continue
            if (
                max_words[word] > 1
                and first_end < limit
                and folded[first_end] in GAP_START
                and names.continues(folded, start, first_end, limit)
            ):
                spans = names.spans(folded, start, first_end, limit)
            else:  # one word (no longer key goes on from it): what names.spans gives, at once
                entry = entries.get(word)
                if entry is not None:
                    surface = text[start:first_end]
                    if not entry.upper_only or surface.isupper():
                        found.append(Match(start, first_end, surface, entry))
                        taken_until = first_end
                continue
            for end, _key, entry in spans:
                surface = text[start:end]
                if entry.upper_only and not surface.isupper():
                    continue
                found.append(Match(start, end, surface, entry))
                taken_until = end
                break
        return tuple(found)


def read_tsv(name: str, folder: Path = GEO_DIR) -> list[dict[str, str]]:
    """Rows of a tab-separated file in ``geo/`` with a header line; blank cells are ""."""
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _plural(demonym: str) -> str | None:
    """English plural of a demonym noun ("Iranian" -> "Iranians"); None when it takes none."""
    if demonym.endswith(("s", "sh", "ese", "x", "z", "men")) or (
        demonym.endswith("ch") and not demonym.endswith("ech")  # "French"; "Czech" -> "Czechs"
    ):
        return None
    if demonym.endswith("man") and demonym[:-3].endswith(("sh", "ch", "s")):
        return demonym[:-3] + "men"  # "Frenchman", "Scotsman"; "German" -> "Germans"
    return demonym + "s"


def _country_rows() -> Iterator[tuple[str, str, str]]:
    """(surface name, ISO3, kind) for every country name we know, curated rows first."""
    for row in read_tsv("country_aliases.tsv"):
        yield row["alias"], row["iso3"], row["kind"]
        plural = _plural(row["alias"]) if row["kind"] == "demonym" else None
        if plural:
            yield plural, row["iso3"], "demonym"
    for row in read_tsv("capitals.tsv"):
        yield row["capital"], row["iso3"], "capital"
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                yield value, country.alpha_3, "name"
    yield "Kosovo", "XKX", "name"


def _region_rows() -> Iterator[tuple[str, str]]:
    for row in read_tsv("regions.tsv"):
        yield row["alias"], row["region"]


def _not_place_rows() -> Iterator[tuple[str, str]]:
    for row in read_tsv("not_places.tsv"):
        yield row["name"], row["kind"]


def _is_upper_only(name: str) -> bool:
    return name.isalpha() and name.isupper()


def _add(table: dict[str, Entry], name: str, entry: Entry) -> None:
    key = fold_key(name)
    if key.startswith("the "):
        key = key[4:]
    current = table.get(key)
    if current is None or _PRIORITY[_kind_rank(entry)] < _PRIORITY[_kind_rank(current)]:
        table[key] = entry


def _kind_rank(entry: Entry) -> str:
    return entry.category if entry.category != "country" else entry.kind


def build_entries(
    countries: Iterable[tuple[str, str, str]],
    regions: Iterable[tuple[str, str]],
    not_places: Iterable[tuple[str, str]],
) -> dict[str, Entry]:
    """Merge the sources into one folded-key table; on a clash the more trusted kind wins."""
    table: dict[str, Entry] = {}
    for name, kind in not_places:
        _add(table, name, Entry("not_place", name, kind, _is_upper_only(name)))
    for name, region in regions:
        _add(table, name, Entry("region", region, "region", _is_upper_only(name)))
    for name, iso3, kind in countries:
        _add(table, name, Entry("country", iso3, kind, _is_upper_only(name)))
    return table


@functools.cache
def load_phrase_table() -> PhraseTable:
    """The phrase table built from pycountry and ``geo/*.tsv``; built once per process."""
    return PhraseTable(build_entries(_country_rows(), _region_rows(), _not_place_rows()))


@functools.lru_cache(maxsize=16)
def scan_phrases(text: str) -> tuple[Match, ...]:
    """Country, region and not-a-place names in ``text`` (cached: finders share one scan)."""
    return load_phrase_table().scan(text)


def strip_article(name: str) -> str:
    """``name`` without surrounding blanks and a leading "the " ("the EU" -> "EU")."""
    stripped = name.strip()
    if stripped[:4].lower() == "the ":
        return stripped[4:].lstrip()
    return stripped
