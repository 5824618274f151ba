"""Many readers on one machine: PostgreSQL, N Streamlit replicas and nginx in front, on loopback.

    .venv/bin/python scripts/replicas.py start --replicas 2      # or: make replicas N=2
    .venv/bin/python scripts/replicas.py status
    .venv/bin/python scripts/replicas.py stop                    # or: make replicas-stop

``start`` starts a local PostgreSQL server (or uses ``--db postgresql://...``), builds the store
into it from ``--data`` (default: the bundled corpus), starts N ``streamlit run app.py`` on free
loopback ports, writes an nginx configuration into the run folder and starts nginx on
``--port`` (default 8600): websocket upgrade, and sticky sessions by a cookie nginx sets on the
first request (``hash $cookie consistent``), so a reader's page, websocket and downloads stay on
one replica. Everything runs from the run folder (default /tmp/newsmap-replicas; its
``state.json`` says what runs where) and ``stop`` stops each process by its own PID.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsmap.stores.pg_local import PgServer, start_server  # noqa: E402

DEFAULT_RUN = Path(os.environ.get("NEWSMAP_RUN")
                   or Path(tempfile.gettempdir()) / "newsmap-replicas")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STICKY_COOKIE = "newsmap_replica"

NGINX_CONF = """\
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format upstream '$remote_addr $sticky $upstream_addr "$request" $status';
    access_log {run}/nginx-access.log upstream;
    client_body_temp_path {run}/nginx-tmp/body;
    proxy_temp_path {run}/nginx-tmp/proxy;
    fastcgi_temp_path {run}/nginx-tmp/fastcgi;
    uwsgi_temp_path {run}/nginx-tmp/uwsgi;
    scgi_temp_path {run}/nginx-tmp/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # sticky sessions: a reader keeps the replica its first request hashed to
    map $cookie_{cookie} $sticky {{ "" $request_id; default $cookie_{cookie}; }}
    upstream newsmap {{
        hash $sticky consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://newsmap;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400s;
            proxy_buffering off;
            add_header Set-Cookie "{cookie}=$sticky; Path=/; HttpOnly; SameSite=Lax" always;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, timeout: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (loopback)
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    tail = log.read_text(errors="replace")[-1500:] if log and log.exists() else ""
    raise SystemExit(f"replicas: {what} did not answer {url} within {timeout:.0f} s\n{tail}")


def start(run: Path, replicas: int, port: int, data: Path, db: str | None) -> dict[str, object]:
    """Start everything; returns (and saves) the state."""
    run.mkdir(parents=True, exist_ok=True)
    state: dict[str, object] = {"run": str(run), "replicas": [], "port": port}
    (run / "state.json").write_text(json.dumps(state))
    if db is None:
        server = start_server(run / "pg", durable=True)
        db = server.create_database("newsmap")
        state["pg_folder"] = str(server.folder)
        state["pg_port"] = server.port
    state["db"] = db
    (run / "state.json").write_text(json.dumps(state))
    env = {**os.environ, "NEWSMAP_DB": db, "NEWSMAP_DATA": str(data),
           "PYTHONPATH": str(REPO)}
    build = subprocess.run([sys.executable, "-m", "newsmap.cli", "build", "--quiet"],
                           env=env, cwd=REPO, capture_output=True, text=True, check=False)
    print(build.stdout.strip() or build.stderr.strip())
    if build.returncode > 1:
        raise SystemExit(f"replicas: the build failed: {build.stderr.strip()}")
    streamlit = str(Path(sys.executable).with_name("streamlit"))
    started: list[dict[str, object]] = []
    for index in range(replicas):
        replica_port = _free_port()
        log = run / f"replica-{index + 1}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [streamlit, "run", "app.py", "--server.address", "127.0.0.1",
                 "--server.port", str(replica_port), "--server.headless", "true",
                 "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        started.append({"port": replica_port, "pid": process.pid, "log": str(log)})
        state["replicas"] = started
        (run / "state.json").write_text(json.dumps(state))
    for replica in started:
        _wait_healthy(f"http://127.0.0.1:{replica['port']}/_stcore/health", 90,
                      f"replica on port {replica['port']}", Path(str(replica["log"])))
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # nginx workers started by root run as nobody
            nobody = pwd.getpwnam("nobody")
            os.chown(run / "nginx-tmp" / sub, nobody.pw_uid, nobody.pw_gid)
    servers = "\n".join(f"        server 127.0.0.1:{r['port']};" for r in started)
    conf = run / "nginx.conf"
    conf.write_text(NGINX_CONF.format(run=run, servers=servers, port=port, cookie=STICKY_COOKIE))
    result = subprocess.run([NGINX, "-c", str(conf), "-p", str(run)], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"replicas: nginx did not start: {result.stderr.strip()}")
    state["nginx_pid"] = int((run / "nginx.pid").read_text().strip())
    state["url"] = f"http://127.0.0.1:{port}/"
    (run / "state.json").write_text(json.dumps(state))
    _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", 30, "nginx")
    return state


def _stop_pid(pid: int, grace: float = 10.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def stop(run: Path) -> None:
    """Stop nginx, the replicas and the PostgreSQL server this run started."""
    state_file = run / "state.json"
    if not state_file.exists():
        print(f"replicas: nothing runs from {run}")
        return
    state = json.loads(state_file.read_text())
    if "nginx_pid" in state:
        _stop_pid(int(state["nginx_pid"]))
    for replica in state.get("replicas", []):
        _stop_pid(int(replica["pid"]))
    if "pg_folder" in state and "pg_port" in state:
        PgServer(Path(state["pg_folder"]), int(state["pg_port"])).stop()
    shutil.rmtree(run, ignore_errors=True)
    print(f"replicas: stopped everything started from {run}")


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(prog="scripts/replicas.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8600, help="nginx port (default 8600)")
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--db", help="an existing postgresql:// database (default: start one)")
    parser.add_argument("--run", type=Path, default=DEFAULT_RUN, help="run folder")
    args = parser.parse_args(argv)
    run = args.run.resolve()
    if args.action == "start":
        if (run / "state.json").exists():
            raise SystemExit(f"replicas: {run} already runs a set; `stop` it first")
        try:
            state = start(run, args.replicas, args.port, args.data.resolve(), args.db)
        except BaseException:
            stop(run)
            raise
        print(f"replicas: {args.replicas} replicas behind {state['url']} (store {state['db']})")
    elif args.action == "stop":
        stop(run)
    else:
        state_file = run / "state.json"
        print(state_file.read_text() if state_file.exists() else f"nothing runs from {run}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
