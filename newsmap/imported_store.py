"""Writing researchers' imported events into the store: one dataset file at a time, replacing
the rows that changed, adding new ones and removing the rows the file no longer holds.

The caller owns the transaction (the build's, or the import command's), so a dataset is
either applied whole or not at all. The SQL is the same on both backends; ``p`` is the driver's
parameter marker (``?`` for SQLite, ``%s`` for PostgreSQL). Reading them is
:mod:`newsmap.imported_query` (SQLite) and :mod:`newsmap.stores.pg_imported` (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsmap.sources.base import ImportedEvent, ImportedEvents
from newsmap.summaries import Cursor

_COLUMNS = (
    "dataset", "source", "source_id", "row_hash", "date", "precision", "year_from", "year_to",
    "sort_key", "date_note", "iso3", "admin1", "place", "lat", "lon", "place_note", "type",
    "source_type", "actors", "summary", "fatalities", "link", "reported_by",
)


@dataclass
class RowCounts:
    """What applying one dataset did to its rows."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        """The counts as one line."""
        return (f"events added {self.added}, updated {self.updated}, removed {self.removed}, "
                f"unchanged {self.unchanged}")


def write_dataset(cur: Cursor, batch: ImportedEvents, p: str = "?") -> RowCounts:
    """Bring the stored rows of ``batch.key`` in line with ``batch.events``."""
    counts = RowCounts()
    cur.execute(
        f"INSERT INTO imported_datasets (dataset, source, content_hash) VALUES ({p}, {p}, {p})"
        " ON CONFLICT (dataset) DO UPDATE SET source = excluded.source,"
        " content_hash = excluded.content_hash",
        (batch.key, batch.source, batch.content_hash),
    )
    stored = {
        row[0]: row[1] for row in cur.execute(
            f"SELECT source_id, row_hash FROM imported_events WHERE dataset = {p}",
            (batch.key,)).fetchall()
    }
    incoming = {event.source_id for event in batch.events}
    gone = [source_id for source_id in stored if source_id not in incoming]
    if gone:
        cur.executemany(f"DELETE FROM imported_events WHERE dataset = {p} AND source_id = {p}",
                        [(batch.key, source_id) for source_id in gone])
    counts.removed = len(gone)
    changed = []
    for event in batch.events:
        known = stored.get(event.source_id)
        if known == event.row_hash:
            counts.unchanged += 1
            continue
        if known is None:
            counts.added += 1
        else:
            counts.updated += 1
        changed.append(event)
    if changed:
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[4:])
        cur.executemany(
            f"INSERT INTO imported_events ({', '.join(_COLUMNS)})"
            f" VALUES ({', '.join(p for _ in _COLUMNS)})"
            f" ON CONFLICT (dataset, source_id) DO UPDATE SET source = excluded.source,"
            f" row_hash = excluded.row_hash, {updates}",
            [_row(batch, event) for event in changed],
        )
    return counts


def remove_datasets(cur: Cursor, keys: Iterable[str], p: str = "?") -> int:
    """Delete the datasets stored from these keys, with their events; returns how many
    datasets went (keys that are not datasets, such as articles' paths, are ignored)."""
    wanted = set(keys)
    if not wanted:
        return 0
    stored = {str(row[0]) for row in
              cur.execute("SELECT dataset FROM imported_datasets").fetchall()}
    gone = sorted(wanted & stored)
    if gone:
        cur.executemany(f"DELETE FROM imported_events WHERE dataset = {p}", [(k,) for k in gone])
        cur.executemany(f"DELETE FROM imported_datasets WHERE dataset = {p}",
                        [(k,) for k in gone])
    return len(gone)


def _row(batch: ImportedEvents, e: ImportedEvent) -> tuple[object, ...]:
    when = e.date
    return (
        batch.key, batch.source, e.source_id, e.row_hash,
        when.iso() if when else None,
        when.precision.value if when else None,
        when.year_range[0] if when else None,
        when.year_range[1] if when else None,
        "{:04d}-{:02d}-{:02d}".format(*when.sort_key()) if when else None,
        e.date_note, e.iso3, e.admin1, e.place, e.lat, e.lon, e.place_note, e.type,
        e.source_type, e.actors, e.summary, e.fatalities, e.link, e.reported_by,
    )
