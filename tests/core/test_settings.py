"""Settings are read once from the environment and validated with clear messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmap.errors import SettingsError
from newsmap.paths import DEFAULT_DATA_DIR
from newsmap.settings import Settings


def test_defaults_point_at_the_bundled_corpus() -> None:
    settings = Settings.from_env({})
    assert settings.data_dir == DEFAULT_DATA_DIR.resolve()
    assert settings.db_path.name == "newsmap.db"
    assert settings.tiles is False


def test_environment_and_flags(tmp_path: Path) -> None:
    env = {"NEWSMAP_DATA": str(tmp_path), "NEWSMAP_DB": str(tmp_path / "s.db"),
           "NEWSMAP_TILES": "yes"}
    settings = Settings.from_env(env)
    assert (settings.data_dir, settings.db_path, settings.tiles) == (
        tmp_path.resolve(), (tmp_path / "s.db").resolve(), True)
    other = tmp_path / "other.db"
    assert Settings.from_env(env, db_path=other).db_path == other.resolve()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSMAP_DATA": "/no/such/folder"}, "does not exist"),
        ({"NEWSMAP_TILES": "maybe"}, "NEWSMAP_TILES"),
    ],
)
def test_bad_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_store_path_must_be_a_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="is a folder"):
        Settings.from_env({"NEWSMAP_DB": str(tmp_path)})
