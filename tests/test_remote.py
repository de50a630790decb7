"""A real Oxigraph server: loaded through the Graph Store Protocol, queried through the
SPARQL 1.1 Protocol, and giving exactly the rows the embedded store gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_rdf.errors import InvalidDataError, QueryError
from osce_rdf.pipeline.build import BuildResult
from osce_rdf.sparql.catalogue import catalogue
from osce_rdf.sparql.dataset import Dataset

from .conftest import single
from .servers import OxigraphServer, oxigraph_server
from .test_loading import HAS_DATE, item_graph


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Queries read the default graph, where `loaded` puts the union (`osce.ttl`)."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module")
def loaded(server: str, sample_build: tuple[BuildResult, Path]) -> tuple[Dataset, Dataset]:
    """The sample build, in the embedded store and loaded into the server graph by graph."""
    _, out = sample_build
    remote = Dataset.open(server)
    graphs = remote.load([single(out, "osce.trig"), single(out, "osce.ttl")], graph="default")
    assert len(graphs) > 3 and "default" in graphs
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
    found = local.query(name, params)
    assert found.rows(), "an example that answers nothing compares nothing"
    assert found.raw == remote.query(name, params).raw


def test_parameters_are_bound_remotely_too(loaded: tuple[Dataset, Dataset]) -> None:
    _, remote = loaded
    sparql = "SELECT ?i WHERE { VALUES ?h { UNDEF } ?i <https://schema.org/headline> ?h }"
    assert remote.query(sparql, {"h": 'x" } ; DROP ALL ; SELECT * { ?s ?p ?o'}).rows() == []
    seed = "International co-operation to fight drug trafficking focus of OSCE experts meeting"
    assert len(remote.query(sparql, {"h": ox.Literal(seed, language="en")}).rows()) == 1


def test_updates_never_reach_the_server(loaded: tuple[Dataset, Dataset]) -> None:
    _, remote = loaded
    with pytest.raises(QueryError, match="updates are refused"):
        remote.query("DELETE WHERE { ?s ?p ?o }")
    assert remote.query("ASK { ?s ?p ?o }").boolean is True


def test_a_graph_that_breaks_the_shapes_is_not_loaded_remotely(
    loaded: tuple[Dataset, Dataset], sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """The reference data it points into is read from the server."""
    _, remote = loaded
    broken = item_graph(sample_build[1], tmp_path, broken=True)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = remote.query(count).rows()
    with pytest.raises(InvalidDataError, match="1 violation"):
        remote.load([broken])
    assert remote.query(count).rows() == before
    assert remote.query(HAS_DATE).boolean is True


def test_a_stopped_or_killed_server_leaves_no_pipe_open(tmp_path: Path) -> None:
    """The servers' stderr pipes were left open: pytest reported an unclosed file
    (PytestUnraisableExceptionWarning) after the test module that used them."""
    server = OxigraphServer(tmp_path / "store")
    server.start()
    killed = server.process
    server.kill()
    server.start()
    stopped = server.process
    server.stop()
    for process in (killed, stopped):
        assert process is not None
        assert process.returncode is not None
        assert process.stderr is not None
        assert process.stderr.closed
