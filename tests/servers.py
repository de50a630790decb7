"""Servers for the tests, all on loopback on a free port: real ones (Oxigraph, installed by
the test extras; nginx and Virtuoso, Debian packages installed by `.ci/run`), HTTP servers
that answer as a test scripts them (slowly, wrongly, hugely), and a bare TCP port that
records who connects."""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class OxigraphServer:
    """`oxigraph serve` on 127.0.0.1 over a folder; it can be killed and started again."""

    def __init__(self, location: Path, *options: str) -> None:
        binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
        if not Path(binary).exists():
            pytest.fail(
                "the oxigraph server is not installed: `pip install -e '.[test]'` installs it"
            )
        self.command = [binary, "serve", "--location", str(location), *options]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        """Start it; its query URL once it answers."""
        self.process = subprocess.Popen(
            [*self.command, "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for(f"{self.url}/query?query=ASK%7B%7D", self.process, "oxigraph")
        return f"{self.url}/query"

    def kill(self) -> None:
        """Stop it at once, as a crash would (SIGKILL)."""
        end_process(self.process, kill=True)

    def stop(self) -> None:
        end_process(self.process)


@contextlib.contextmanager
def oxigraph_server(location: Path, *options: str) -> Iterator[str]:
    """`oxigraph serve` on 127.0.0.1; yields its query URL once it answers."""
    server = OxigraphServer(location, *options)
    try:
        yield server.start()
    finally:
        server.stop()


@contextlib.contextmanager
def nginx_server(site: Path, workdir: Path) -> Iterator[str]:
    """The Debian nginx on 127.0.0.1, serving `site` with the rules `osce-rdf site` generates;
    yields its base URL."""
    from osce_rdf.publishing.conneg_rules import nginx_config

    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is not installed: `apt-get install -y nginx` (.ci/run installs it)")
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "site.conf").write_text(
        nginx_config(str(site.resolve()), listen=f"127.0.0.1:{port}"), encoding="utf-8"
    )
    temp = "\n".join(
        f"  {kind}_temp_path {workdir / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers read the test's 0700 folders
    (workdir / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {workdir / 'nginx.pid'};\nerror_log {workdir / 'error.log'};\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{\n  access_log off;\n{temp}\n  include {workdir / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "-e", str(workdir / "error.log"), "-p", str(workdir), "-c", str(workdir / "nginx.conf"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/index.html", process, "nginx")
        yield url
    finally:
        end_process(process)


# ---------------------------------------------------------------- servers that misbehave

Behaviour = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class Request:
    method: str
    path: str
    body: bytes

    @property
    def query(self) -> str:
        """The SPARQL text of a protocol request, which we send as a form."""
        return urllib.parse.parse_qs(self.body.decode("ascii"), strict_parsing=True)["query"][0]


@dataclass
class ScriptedServer:
    """An HTTP server on 127.0.0.1 answering each path with a behaviour; it records requests."""

    url: str
    requests: list[Request] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # bytes a behaviour managed to send


@contextlib.contextmanager
def scripted_server(behaviours: dict[str, Behaviour]) -> Iterator[ScriptedServer]:
    """Each request is recorded, then answered by the behaviour of its path (no query string)."""
    server = _Scripted(behaviours)
    scripted = server.scripted
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield scripted
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _Scripted(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, behaviours: dict[str, Behaviour]) -> None:
        super().__init__(("127.0.0.1", 0), _ScriptedHandler)
        self.behaviours = behaviours
        self.scripted = ScriptedServer(f"http://127.0.0.1:{self.server_address[1]}")


class _ScriptedHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Scripted

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        self.server.scripted.requests.append(Request(self.command, self.path, body))
        behaviour = self.server.behaviours.get(path)
        if behaviour is None:
            self.send_error(404)
            return
        with contextlib.suppress(OSError):  # the client hung up: what the tests want
            behaviour(self)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def answer(status: int, media_type: str, body: bytes) -> Behaviour:
    """A complete answer."""

    def behave(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", media_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return behave


@contextlib.contextmanager
def tcp_listener() -> Iterator[tuple[int, list[bytes]]]:
    """A port on 127.0.0.1 that records what each connection to it sends, then hangs up."""
    received: list[bytes] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    received.append(connection.recv(65536))
                except OSError:
                    received.append(b"")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], received
    finally:
        stop.set()
        thread.join(timeout=10)
        listener.close()


def end_process(
    process: subprocess.Popen[bytes] | None, *, kill: bool = False, seconds: float = 10
) -> None:
    """End a server (SIGTERM, or SIGKILL as a crash would; SIGKILL after `seconds` if it
    lingers) and close the pipe of its stderr, which would otherwise stay open until the
    garbage collector finds it and pytest reports it as an unclosed file."""
    if process is None:
        return
    if process.poll() is None:
        if kill:
            process.kill()
        else:
            process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
    if process.stderr is not None:
        process.stderr.close()


def wait_for(url: str, process: subprocess.Popen[bytes], name: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stderr = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"{name} did not start: {stderr}")
            time.sleep(0.1)


_VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 60
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 200M
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


class VirtuosoServer:
    """Virtuoso Open Source (the Debian package) with a temporary virtuoso.ini, its SQL and
    HTTP ports on 127.0.0.1; it can be killed and started again over the same database.
    The Graph Store Protocol is at `graph_store`, with digest authentication as dba/dba."""

    USER = "dba"
    PASSWORD = "dba"

    def __init__(self, location: Path) -> None:
        binary = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
        if not Path(binary).exists():
            pytest.fail(
                "Virtuoso is not installed: `apt-get install -y virtuoso-opensource` (.ci/run installs it)"
            )
        vsp = Path("/var/lib/virtuoso-opensource-7/vsp")
        location.mkdir(parents=True, exist_ok=True)
        self.binary = binary
        self.ini = location / "virtuoso.ini"
        self.http_port = free_port()
        self.ini.write_text(
            _VIRTUOSO_INI.format(
                dir=location,
                sql=free_port(),
                http=self.http_port,
                vsp=vsp if vsp.is_dir() else location,
            ),
            encoding="utf-8",
        )
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        self.graph_store = f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        self.process = subprocess.Popen(
            [self.binary, "+foreground", "+configfile", str(self.ini)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.ini.parent,
        )
        wait_for(f"{self.url}?query=ASK%7B%7D", self.process, "virtuoso", seconds=120)
        return self.url

    def kill(self) -> None:
        end_process(self.process, kill=True, seconds=30)

    def stop(self) -> None:
        end_process(self.process, seconds=60)
