"""Whether the store matches the corpus: missing, stale (the corpus or the schema changed) or
current."""

from __future__ import annotations

import contextlib
import sqlite3
from enum import StrEnum
from pathlib import Path

from newsmap.build import corpus_signature
from newsmap.errors import StoreError
from newsmap.migrations import LATEST_VERSION, schema_version
from newsmap.store import connect, get_meta, store_uri


class Freshness(StrEnum):
    """How the store at a path relates to the corpus."""

    MISSING = "missing"
    STALE = "stale"
    CURRENT = "current"


def store_freshness(data_dir: Path, db_path: Path) -> Freshness:
    """MISSING when there is no store file; STALE when it was built from another state of
    ``data_dir`` or by an older schema (a build upgrades it); else CURRENT. A store that
    cannot be read at all raises StoreError."""
    if not db_path.exists():
        return Freshness.MISSING
    try:
        conn = connect(db_path, readonly=True)
    except StoreError:
        if _older_schema(db_path):
            return Freshness.STALE
        raise
    try:
        stored = get_meta(conn, "corpus_signature")
    finally:
        conn.close()
    return Freshness.CURRENT if stored == corpus_signature(data_dir) else Freshness.STALE


def _older_schema(db_path: Path) -> bool:
    with contextlib.suppress(sqlite3.DatabaseError):
        conn = sqlite3.connect(store_uri(db_path, mode="ro"), uri=True)
        try:
            return 0 < schema_version(conn) < LATEST_VERSION
        finally:
            conn.close()
    return False
