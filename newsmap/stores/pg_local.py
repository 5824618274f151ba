"""A local PostgreSQL server of one's own, from Debian's packages: for tests, benchmarks and
the replica script (scripts/replicas.py); never needed to *use* a PostgreSQL store.

``initdb`` in a folder, listening on 127.0.0.1 on a free port and on a unix socket in that
folder; stopped (and the folder removed) on request. As root the server runs as the ``postgres``
user (initdb refuses root). ``apt-get install postgresql`` (``make install-test``) provides it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

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
