"""`osce-rdf publish` to real Oxigraph and Virtuoso servers (started by the tests on loopback),
with the server killed in the middle of a publish, and to a scripted endpoint for the rest."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from osce_rdf.cli.commands import main
from osce_rdf.errors import UsageError
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.store import open_store
from osce_rdf.publishing.graph_digests import graph_digests
from osce_rdf.publishing.publish import ENV_PASSWORD, ENV_USER, PublishError, publish
from osce_rdf.sparql.dataset import Dataset

from .servers import OxigraphServer, VirtuosoServer


def _copy(sample_build: tuple[BuildResult, Path], tmp_path: Path) -> Path:
    _, data = sample_build
    copy = tmp_path / "dist"
    shutil.copytree(data, copy)
    return copy


def _local(data: Path) -> tuple[set[tuple[str, str, str, str]], set[tuple[str, str, str]]]:
    """The build's quads of named graphs, and its union, as N-Triples term strings."""
    store = open_store(data)
    named = {
        (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
        for q in store.quads_for_pattern(None, None, None)
        if isinstance(q.graph_name, ox.NamedNode)
    }
    union = {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    return named, union


def _select(endpoint: str, query: str) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    response = httpx.post(
        endpoint,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=120,
    )
    response.raise_for_status()
    return list(_rows(response.content))


_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _canonical(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    """A term as N-Triples, a boolean in its canonical form: Virtuoso keeps the value of
    "true"^^xsd:boolean and writes it "1", another lexical form of the same value."""
    if isinstance(term, ox.Literal) and term.datatype.value == _BOOLEAN:
        return str(
            ox.Literal(
                {"1": "true", "0": "false"}.get(term.value, term.value), datatype=term.datatype
            )
        )
    return str(term)


def _remote(endpoint: str, graphs: set[str]) -> tuple[set[tuple[str, str, str, str]], int]:
    """The endpoint's quads in `graphs`, and its count of them (a duplicate counts twice)."""
    names = " ".join(f"<{g}>" for g in sorted(graphs))
    quads = _select(
        endpoint, f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    found = {(str(r["s"]), str(r["p"]), _canonical(r["o"]), str(r["g"])) for r in quads}
    counted = _select(
        endpoint,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}",
    )
    return found, int(counted[0]["n"].value)


def _rows(content: bytes) -> Iterator[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    solutions = ox.parse_query_results(content, format=ox.QueryResultsFormat.JSON)
    variables = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    for solution in solutions:  # type: ignore[union-attr]
        yield {name: solution[name] for name in variables if solution[name] is not None}


def _default_graph(endpoint: str) -> set[tuple[str, str, str]]:
    return {
        (str(r["s"]), str(r["p"]), str(r["o"]))
        for r in _select(endpoint, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    }


def _killer(server: OxigraphServer | VirtuosoServer, after: int) -> Callable[[int, int, str], None]:
    def progress(done: int, total: int, graph: str) -> None:
        if done == after:
            server.kill()

    return progress


# ---------------------------------------------------------------------------------- Oxigraph


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path / "oxigraph")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_publish_to_oxigraph_then_nothing_left_to_send(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, oxigraph: OxigraphServer
) -> None:
    data = _copy(sample_build, tmp_path)
    endpoint = f"{oxigraph.url}/query"
    first = publish(data, endpoint)
    named, union = _local(data)
    graphs = {q[3][1:-1] for q in named}
    assert len(first.sent) == first.graphs == len(graphs) > 50
    assert first.union.startswith("written") and first.problems == []
    found, count = _remote(endpoint, graphs)
    assert found == named and count == len(named)
    assert _default_graph(endpoint) == union
    again = publish(data, endpoint)
    assert again.sent == [] and again.deleted == [] and again.union == "unchanged"
    assert again.unchanged == again.graphs and again.problems == []


def test_a_rebuild_sends_only_the_graphs_that_changed(
    tmp_path: Path, oxigraph: OxigraphServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    data = tmp_path / "dist"
    build([pages], data, workers=1)
    endpoint = f"{oxigraph.url}/query"
    assert publish(data, endpoint).problems == []
    before = graph_digests(open_store(data))
    page = pages / "012_item_press-release-1997-tirana.txt"
    page.write_text(
        page.read_text(encoding="utf-8").rstrip("\n") + " The Presence will report on it.\n",
        encoding="utf-8",
    )
    (pages / "070_item_no-type-2002-vienna.txt").unlink()
    build([pages], data, workers=1)
    after = graph_digests(open_store(data))
    changed = sorted(g for g in after if before.get(g) != after[g])
    assert len(changed) == 2 and changed[1].endswith("/graph/dataset")  # the item and the counts
    second = publish(data, endpoint)
    assert second.sent == changed
    assert len(second.deleted) == 1 and "2002-" in second.deleted[0]
    assert second.union.startswith("written") and second.problems == []
    named, union = _local(data)
    found, count = _remote(endpoint, {q[3][1:-1] for q in named} | set(second.deleted))
    assert found == named and count == len(named)
    assert _default_graph(endpoint) == union


def test_oxigraph_killed_mid_publish_then_a_rerun_completes(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, oxigraph: OxigraphServer
) -> None:
    data = _copy(sample_build, tmp_path)
    endpoint = f"{oxigraph.url}/query"
    with pytest.raises(PublishError, match="run publish again to resume"):
        publish(data, endpoint, retries=2, backoff=0.01, progress=_killer(oxigraph, 10))
    oxigraph.start()
    resumed = publish(data, endpoint)
    assert resumed.resumed == 10  # sent before the server died, not sent again
    assert len(resumed.sent) == resumed.graphs - 10
    assert resumed.problems == []
    named, union = _local(data)
    found, count = _remote(endpoint, {q[3][1:-1] for q in named})
    assert found == named and count == len(named)  # nothing lost, nothing twice
    assert _default_graph(endpoint) == union


def test_publish_command(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, oxigraph: OxigraphServer
) -> None:
    data = _copy(sample_build, tmp_path)
    result = CliRunner().invoke(
        main, ["publish", "--data", str(data), "--endpoint", f"{oxigraph.url}/query"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith("sent, 0 unchanged; 0 deleted)")
    assert "verified: the triple counts of" in result.output


# ---------------------------------------------------------------------------------- Virtuoso


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_virtuoso_killed_mid_publish_then_a_rerun_completes(
    sample_build: tuple[BuildResult, Path],
    tmp_path: Path,
    virtuoso: VirtuosoServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_USER, virtuoso.USER)
    monkeypatch.setenv(ENV_PASSWORD, virtuoso.PASSWORD)
    data = _copy(sample_build, tmp_path)
    with pytest.raises(PublishError, match="run publish again to resume"):
        publish(data, virtuoso.url, graph_store=virtuoso.graph_store, retries=1, backoff=0.01,
                progress=_killer(virtuoso, 12))  # fmt: skip
    virtuoso.start()
    resumed = publish(data, virtuoso.url, graph_store=virtuoso.graph_store)
    assert resumed.resumed == 12 and resumed.problems == []
    assert resumed.union.startswith("the endpoint's default graph reads every graph")
    named, _ = _local(data)
    found, count = _remote(virtuoso.url, {q[3][1:-1] for q in named})
    assert found == named and count == len(named)
    again = publish(data, virtuoso.url, graph_store=virtuoso.graph_store)
    assert again.sent == [] and again.problems == []
    # the query helper on the published data gives the rows it gives on the build
    local, remote = Dataset.open(data), Dataset.open(virtuoso.url)
    question = ("items-mentioning-state-by-year", {"state": "Belgium"})
    assert remote.query(*question, timeout=20).rows() == local.query(*question).rows() != []


# ---------------------------------------------------------------------------------- scripted


def test_credentials_come_from_the_environment_and_are_never_shown(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _copy(sample_build, tmp_path)
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization", ""))
        if not request.headers.get("authorization"):
            return httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="x"'})
        return httpx.Response(500, text="the disk is full")

    monkeypatch.setenv(ENV_USER, "publisher")
    monkeypatch.setenv(ENV_PASSWORD, "s3cret-pa55")
    with pytest.raises(PublishError) as raised:
        publish(
            data,
            "http://endpoint.test/query",
            retries=1,
            backoff=0.0,
            transport=httpx.MockTransport(handler),
        )
    assert "s3cret-pa55" not in str(raised.value) and "the disk is full" in str(raised.value)
    assert any(header.startswith("Basic ") for header in seen)
    with pytest.raises(UsageError, match=ENV_USER):
        publish(data, "http://publisher:s3cret-pa55@endpoint.test/query")


def test_a_refused_request_fails_at_once(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    data = _copy(sample_build, tmp_path)
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        if request.method == "GET":
            return httpx.Response(404)
        return httpx.Response(403, text="forbidden: read-only store")

    with pytest.raises(PublishError, match="403 forbidden"):
        publish(
            data,
            "http://endpoint.test/query",
            retries=5,
            backoff=0.0,
            transport=httpx.MockTransport(handler),
        )
    assert calls == ["GET", "PUT"]  # a 403 is not retried
    assert not (data / ".osce-rdf-publish").exists() or all(
        json.loads(line) is not None
        for path in (data / ".osce-rdf-publish").glob("*.journal")
        for line in path.read_text().splitlines()
    )
