"""A real Oxigraph server: loaded through the Graph Store Protocol, queried through the
SPARQL 1.1 Protocol, and giving exactly the rows the embedded store gives."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from osce_rdf.build import BuildResult
from osce_rdf.catalogue import catalogue
from osce_rdf.errors import QueryError
from osce_rdf.sparql import Dataset


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`oxigraph serve` on loopback, started and stopped by the test itself."""
    binary = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the oxigraph server is not installed: `pip install -e '.[test]'` installs it")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(
                    f"oxigraph did not start: {process.stderr.read().decode() if process.stderr else ''}"
                )
            time.sleep(0.1)
    yield f"{url}/query"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def loaded(server: str, sample_build: tuple[BuildResult, Path]) -> tuple[Dataset, Dataset]:
    """The sample build, in the embedded store and loaded into the server graph by graph."""
    _, out = sample_build
    remote = Dataset.open(server)
    graphs = remote.load([out / "osce.trig"])
    assert len(graphs) > 3
    return Dataset.open(out), remote


def test_same_size_remotely(loaded: tuple[Dataset, Dataset]) -> None:
    local, remote = loaded
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert local.query(count).rows() == remote.query(count).rows()


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_catalogue_query_gives_the_same_rows_remotely(
    loaded: tuple[Dataset, Dataset], name: str
) -> None:
    local, remote = loaded
    params = catalogue()[name].example_params()  # the header's example call
    assert local.query(name, params).raw == remote.query(name, params).raw


def test_parameters_are_bound_remotely_too(loaded: tuple[Dataset, Dataset]) -> None:
    _, remote = loaded
    sparql = "SELECT ?i WHERE { VALUES ?h { UNDEF } ?i <https://schema.org/headline> ?h }"
    assert remote.query(sparql, {"h": 'x" } ; DROP ALL ; SELECT * { ?s ?p ?o'}).rows() == []
    seed = "International co-operation to fight drug trafficking focus of OSCE experts meeting"
    assert len(remote.query(sparql, {"h": seed}).rows()) == 1


def test_updates_never_reach_the_server(loaded: tuple[Dataset, Dataset]) -> None:
    _, remote = loaded
    with pytest.raises(QueryError, match="updates are refused"):
        remote.query("DELETE WHERE { ?s ?p ?o }")
    assert remote.query("ASK { ?s ?p ?o }").boolean is True
