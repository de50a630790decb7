"""A real Oxigraph SPARQL server for the tests: installed by the test extras, started on
loopback on a free port, stopped when the test module is done."""

from __future__ import annotations

import contextlib
import os
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


@contextlib.contextmanager
def nginx_server(site: Path, workdir: Path) -> Iterator[str]:
    """The Debian nginx on 127.0.0.1, serving `site` with the rules `osce-rdf site` generates;
    yields its base URL."""
    from osce_rdf.conneg_rules import nginx_config

    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is not installed: `apt-get install -y nginx` (.ci/run installs it)")
    port = _free_port()
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
        _wait_for(url + "/index.html", process, "nginx")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[bytes], name: str, seconds: float = 30) -> None:
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
