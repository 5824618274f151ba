"""``newsmap build`` into a shared PostgreSQL store (NEWSMAP_DB=postgresql://... or --db)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from newsmap.settings import Settings
from newsmap.stores import open_store


def build_shared(settings: Settings, *, rebuild: bool, wait_seconds: float, quiet: bool,
                 print_progress: Callable[[int, int], None]) -> int:
    """Build the store the settings' URL names; returns the exit code (1: files rejected)."""
    store = open_store(settings, readonly=False)
    progress = None if quiet or not sys.stderr.isatty() else print_progress
    try:
        report = store.build(settings.data_dir, rebuild=rebuild, progress=progress,
                             wait_seconds=wait_seconds)
    finally:
        store.close()
    for rejection in report.rejected:
        print(f"rejected {rejection}", file=sys.stderr)
    print(f"{report.summary()} -> {store.location}")
    return 0 if report.ok else 1
