"""Servers for the tests, all on loopback on a free port: a real Oxigraph SPARQL server
(installed by the test extras), HTTP servers that answer as a test scripts them (slowly,
wrongly, hugely), and a bare TCP port that records who connects."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def oxigraph_server(location: Path, *options: str) -> Iterator[str]:
    """`oxigraph serve` on 127.0.0.1; yields its query URL once it answers."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the oxigraph server is not installed: `pip install -e '.[test]'` installs it")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    stderr = process.stderr.read().decode() if process.stderr else ""
                    pytest.fail(f"oxigraph did not start: {stderr}")
                time.sleep(0.1)
        yield f"{url}/query"
    finally:
        process.kill() if process.poll() is not None else process.terminate()
        process.wait(timeout=10)


# ---------------------------------------------------------------- servers that misbehave

Behaviour = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class Request:
    method: str
    path: str
    body: bytes


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
