"""A real Oxigraph SPARQL server for the tests: installed by the test extras, started on
loopback on a free port, stopped when the test module is done."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

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
