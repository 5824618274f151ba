"""Where the repository's data folders are, for code running from a checkout (editable install)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
GEO_DIR = REPO_ROOT / "geo"
STATIC_DIR = REPO_ROOT / "static"
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_DB_PATH = REPO_ROOT / ".newsmap" / "newsmap.db"
