"""The throwaway PostgreSQL server as pytest fixtures, and from the shell.

pytest: ``pg_server`` (one server per session), ``pg_url`` (a new empty database per test) and
``store_backend`` (each test once on SQLite and once on PostgreSQL). When the server cannot
start, the tests that need it fail with the reason: never skipped. The server itself is
:mod:`newsmap.stores.pg_local`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmap.stores.pg_local import PgServer, start_server

# --- pytest fixtures (registered by tests/conftest.py) ---

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throwaway server for the test session; fails (never skips) when it cannot start."""
    try:
        server = start_server()
    except RuntimeError as error:
        pytest.fail(f"cannot start the test PostgreSQL server: {error}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """The URL of a new empty database for one test."""
    return pg_server.create_database(f"newsmap_test_{os.getpid()}_{next(_names)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's store goes, once per backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store" / "newsmap.db")
    url: str = request.getfixturevalue("pg_url")
    return url
