"""Writing researchers' imported events into the store: one dataset file at a time, replacing
the rows that changed, adding new ones and removing the rows the file no longer holds.

The caller owns the transaction (the build's, or the import command's), so a dataset is
either applied whole or not at all. Reading them is :mod:`newsmap.imported_query`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from newsmap.sources.base import ImportedEvent, ImportedEvents


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


def stored_datasets(conn: sqlite3.Connection) -> dict[str, str]:
    """Every stored dataset's key with the content hash it was stored from."""
    rows = conn.execute("SELECT dataset, content_hash FROM imported_datasets")
    return {row[0]: row[1] for row in rows}


def write_dataset(conn: sqlite3.Connection, batch: ImportedEvents) -> RowCounts:
    """Bring the stored rows of ``batch.key`` in line with ``batch.events``."""
    counts = RowCounts()
    conn.execute(
        "INSERT INTO imported_datasets (dataset, source, content_hash) VALUES (?, ?, ?)"
        " ON CONFLICT(dataset) DO UPDATE SET source = excluded.source,"
        " content_hash = excluded.content_hash",
        (batch.key, batch.source, batch.content_hash),
    )
    stored = {
        row[0]: row[1] for row in conn.execute(
            "SELECT source_id, row_hash FROM imported_events WHERE dataset = ?", (batch.key,))
    }
    incoming = {event.source_id for event in batch.events}
    gone = [source_id for source_id in stored if source_id not in incoming]
    conn.executemany("DELETE FROM imported_events WHERE dataset = ? AND source_id = ?",
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
    conn.executemany(
        "INSERT OR REPLACE INTO imported_events (dataset, source, source_id, row_hash, date,"
        " precision, year_from, year_to, sort_key, date_note, iso3, admin1, place, lat, lon,"
        " place_note, type, source_type, actors, summary, fatalities, link, reported_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_row(batch, event) for event in changed],
    )
    return counts


def remove_datasets(conn: sqlite3.Connection, keys: Iterable[str]) -> int:
    """Delete the datasets stored from these keys, with their events; returns how many
    datasets went (keys that are not datasets are ignored)."""
    removed = 0
    for key in keys:
        conn.execute("DELETE FROM imported_events WHERE dataset = ?", (key,))
        removed += conn.execute("DELETE FROM imported_datasets WHERE dataset = ?",
                                (key,)).rowcount
    return removed


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
