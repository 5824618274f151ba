"""Runtime settings, read once from the environment into a frozen, validated dataclass."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from newsmap.errors import SettingsError
from newsmap.paths import DEFAULT_DATA_DIR, DEFAULT_DB_PATH

DB_URL_SCHEMES = ("postgresql://", "postgres://")
"""A NEWSMAP_DB/--db value starting with one of these names a PostgreSQL store."""
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Settings:
    """Where the corpus is, where the store is, and whether the map may load web tiles."""

    data_dir: Path
    db_path: Path
    tiles: bool = False
    samples: bool = True
    """Whether the sample articles under ``<corpus>/samples/`` are part of the corpus."""
    db_url: str | None = None
    """A ``postgresql://`` URL when the store is a PostgreSQL database (see newsmap.stores)."""

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        data_dir: Path | str | None = None,
        db_path: Path | str | None = None,
    ) -> Settings:
        """Read ``NEWSMAP_DATA``, ``NEWSMAP_DB`` and ``NEWSMAP_TILES``; explicit arguments win."""
        env = os.environ if env is None else env
        data = Path(data_dir or env.get("NEWSMAP_DATA") or DEFAULT_DATA_DIR).expanduser()
        raw_db = db_path or env.get("NEWSMAP_DB") or DEFAULT_DB_PATH
        tiles = _parse_flag("NEWSMAP_TILES", env.get("NEWSMAP_TILES", ""))
        samples = samples_shown(env)
        if str(raw_db).startswith(DB_URL_SCHEMES):
            return cls(data_dir=_check_data_dir(data), db_path=DEFAULT_DB_PATH.resolve(),
                       tiles=tiles, samples=samples, db_url=str(raw_db))
        db = Path(raw_db).expanduser()
        return cls(data_dir=_check_data_dir(data), db_path=_check_db_path(db), tiles=tiles,
                   samples=samples)


def samples_shown(env: Mapping[str, str] | None = None) -> bool:
    """``NEWSMAP_SAMPLES`` (default on): off leaves ``<corpus>/samples/`` out of the corpus."""
    env = os.environ if env is None else env
    return _parse_flag("NEWSMAP_SAMPLES", env.get("NEWSMAP_SAMPLES", "1"))


def _parse_flag(name: str, value: str) -> bool:
    folded = value.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise SettingsError(f"{name}={value!r}: expected one of 1/0, true/false, yes/no, on/off")


def _check_data_dir(path: Path) -> Path:
    if not path.exists():
        raise SettingsError(f"corpus folder {path} does not exist (set NEWSMAP_DATA or --data)")
    if not path.is_dir():
        raise SettingsError(f"corpus folder {path} is not a folder (set NEWSMAP_DATA or --data)")
    return path.resolve()


def _check_db_path(path: Path) -> Path:
    if path.exists() and path.is_dir():
        raise SettingsError(f"store path {path} is a folder; NEWSMAP_DB/--db names a file")
    return path.resolve()
