"""A throwaway PostgreSQL server for tests, benchmarks and the replica script.

Debian's ``postgresql`` package (``make install-test`` installs it): ``initdb`` in a temporary
folder, listening on 127.0.0.1 on a free port and on a unix socket in that folder, stopped (and
the folder removed) at the end. As root the server runs as the ``postgres`` user (initdb refuses
root). Used by pytest as the fixtures ``pg_server``, ``pg_url`` and ``store_backend``; from the
shell as ``python -m tests.pgserver start|stop FOLDER`` (scripts/replicas.sh).

When the server cannot start, the tests that need it fail with the reason: never skipped.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_VERSIONS = ("15", "16", "17", "14", "13")


def pg_bin() -> Path:
    """The folder of Debian's PostgreSQL server programs (NEWSMAP_PG_BIN overrides)."""
    override = os.environ.get("NEWSMAP_PG_BIN")
    candidates = [Path(override)] if override else [
        Path(f"/usr/lib/postgresql/{v}/bin") for v in PG_VERSIONS]
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise RuntimeError(
        "PostgreSQL server programs not found in " + ", ".join(map(str, candidates))
        + "; install them with `apt-get install postgresql` (make install-test does)")


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    """A running throwaway server: its folder, port and superuser."""

    folder: Path
    port: int
    user: str = "postgres"

    def url(self, dbname: str = "postgres") -> str:
        """The URL of one database on this server."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        """Create an empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        subprocess.run(
            _as_server_user([str(pg_bin() / "pg_ctl"), "-D", str(self.folder / "data"),
                             "-m", "fast", "-w", "stop"]),
            capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(folder: Path | None = None, *, durable: bool = False) -> PgServer:
    """initdb and start a server in ``folder`` (a new temporary one by default).

    ``durable`` keeps fsync on (benchmarks); tests turn it off: the data is thrown away.
    RuntimeError naming the reason when it cannot start.
    """
    binaries = pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="newsmap-pg-")) if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        server_user = pwd.getpwnam("postgres")
        os.chown(folder, server_user.pw_uid, server_user.pw_gid)
    data = folder / "data"
    init = subprocess.run(
        _as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                         "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]),
        capture_output=True, text=True, check=False, timeout=120)
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed in {data}: {init.stderr.strip()}")
    port = _free_port()
    options = [f"-p {port}", f"-k {folder}", "-c listen_addresses=127.0.0.1",
               "-c max_connections=100", "-c shared_buffers=128MB"]
    if not durable:
        options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
    start = subprocess.run(
        _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-l",
                         str(folder / "server.log"), "-o", " ".join(options), "-w", "-t", "60",
                         "start"]),
        capture_output=True, text=True, check=False, timeout=90)
    if start.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace")[-2000:] if (
            folder / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start in {folder}: {start.stderr.strip()} {log}")
    return PgServer(folder, port)


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


def main(argv: list[str] | None = None) -> int:
    """``start FOLDER`` prints the server's URL; ``stop FOLDER`` stops it."""
    parser = argparse.ArgumentParser(prog="python -m tests.pgserver")
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--database", default="newsmap")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    if args.action == "start":
        try:
            server = start_server(folder, durable=True)
        except RuntimeError as error:
            print(f"pgserver: {error}", file=sys.stderr)
            return 1
        (folder / "port").write_text(str(server.port))
        print(server.create_database(args.database))
        return 0
    port_file = folder / "port"
    if port_file.exists():
        PgServer(folder, int(port_file.read_text())).stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
