"""`osce-rdf serve`: dereferencing with content negotiation, and the SPARQL endpoint."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from osce_rdf.pipeline.build import BuildResult
from osce_rdf.publishing.serve import ServeSettings, create_app
from osce_rdf.rendering.dumps import OUTPUT_FILES
from osce_rdf.sparql.dataset import Dataset

from .conftest import output_bytes
from .html_check import _Page

ITEM = "item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
CHROME = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t . ?s2 a ?t2 }"  # about 0.3 s on the sample


@pytest.fixture(scope="module")
def client(sample_build: tuple[BuildResult, Path]) -> Iterator[TestClient]:
    _, data = sample_build
    with TestClient(create_app(ServeSettings(data=data)), follow_redirects=False) as found:
        yield found


def test_an_iri_answers_303_with_the_document_the_request_prefers(client: TestClient) -> None:
    for accept, extension in [
        (CHROME, "html"), (None, "html"), ("text/turtle", "ttl"), ("application/trig", "trig"),
        ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
        ("application/rdf+xml", "rdf"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),  # weighed, not taken in order
    ]:  # fmt: skip
        response = client.get("/country/be", headers={"accept": accept} if accept else {})
        assert response.status_code == 303, accept
        assert response.headers["location"] == f"be.{extension}"
        assert response.headers["vary"] == "Accept"
    asked = client.get("/country/be?format=nt", headers={"accept": CHROME})
    assert asked.headers["location"] == "be.nt"
    assert client.get("/country/be", headers={"accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    ("extension", "media", "rdf_format"),
    [
        ("ttl", "text/turtle", ox.RdfFormat.TURTLE),
        ("trig", "application/trig", ox.RdfFormat.TRIG),
        ("jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_documents_in_every_format_hold_the_same_triples(
    client: TestClient, extension: str, media: str, rdf_format: ox.RdfFormat
) -> None:
    response = client.get(f"/{ITEM}.{extension}")
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media}; charset=utf-8"
    assert "vary" not in response.headers
    triples = {
        q.triple if isinstance(q, ox.Quad) else q
        for q in ox.parse(response.content, format=rdf_format)
    }
    reference = client.get(f"/{ITEM}.nt").content
    assert triples == {q.triple for q in ox.parse(reference, format=ox.RdfFormat.N_TRIPLES)}
    assert len(triples) > 50


def test_etag_answers_304_when_unchanged(client: TestClient) -> None:
    first = client.get("/country/be.html")
    tag = first.headers["etag"]
    assert first.status_code == 200 and tag.startswith('"')
    again = client.get("/country/be.html", headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/country/be.html", headers={"if-none-match": '"other"'}).status_code == 200


def test_unknown_resources_are_404(client: TestClient) -> None:
    page = client.get("/country/zz", headers={"accept": CHROME})
    assert page.status_code == 404 and "Not found" in page.text
    assert page.headers["content-type"].startswith("text/html")
    assert client.get("/country/zz", headers={"accept": "text/turtle"}).status_code == 404
    assert client.get("/country/zz.ttl").status_code == 404
    assert client.get("/item/2008-07-17-nothing.html").status_code == 404
    assert client.get("/dump/secret.txt").status_code == 404


def test_pages_are_the_sites_pages_and_run_no_script(client: TestClient) -> None:
    page = client.get(f"/{ITEM}.html")
    assert page.status_code == 200
    parsed = _Page()
    parsed.feed(page.text)
    assert parsed.title.startswith("International co-operation")
    assert [kind for kind, _ in parsed.scripts] == ["application/ld+json"]
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none'
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert client.get("/country/index.html").status_code == 200
    assert client.get("/item/2008.html").status_code == 200
    assert "osce-rdf ontology" in client.get("/ontology.html").text
    assert (
        client.get("/ontology", headers={"accept": "text/turtle"}).headers["location"]
        == "ontology.ttl"
    )
    assert client.get("/shapes.ttl").status_code == 200
    assert client.get("/dump/osce.trig").headers["content-type"].startswith("application/trig")


def test_dumps_are_served_whole_from_their_parts(
    client: TestClient, sample_build: tuple[BuildResult, Path]
) -> None:
    _, data = sample_build
    for name in OUTPUT_FILES:
        answer = client.get(f"/dump/{name}")
        assert answer.status_code == 200, name
        assert answer.content == output_bytes(data, name), name
        assert answer.headers["content-length"] == str(len(answer.content)), name


def _select(
    client: TestClient,
    accept: str,
    query: str = "SELECT ?s WHERE { ?s a <https://schema.org/Country> } ORDER BY ?s LIMIT 3",
) -> bytes:
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    return response.content


def test_sparql_results_in_every_format(
    client: TestClient, sample_build: tuple[BuildResult, Path]
) -> None:
    _, data = sample_build
    local = Dataset.open(data).query(
        "SELECT ?s WHERE { ?s a <https://schema.org/Country> } ORDER BY ?s LIMIT 3"
    )
    expected = [row["s"] for row in local.rows()]
    assert len(expected) == 3
    for accept, fmt in [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ]:
        solutions = ox.parse_query_results(_select(client, accept), format=fmt)
        assert [s["s"].value for s in solutions] == expected  # type: ignore[union-attr]
    rows = list(csv.DictReader(io.StringIO(_select(client, "text/csv").decode())))
    assert [row["s"] for row in rows] == expected


def test_sparql_by_post_as_body_and_as_form(client: TestClient) -> None:
    ask = "ASK { <https://w3id.org/osce/country/be> a <https://schema.org/Country> }"
    body = client.post(
        "/sparql",
        content=ask,
        headers={
            "content-type": "application/sparql-query",
            "accept": "application/sparql-results+json",
        },
    )
    assert body.status_code == 200 and body.json()["boolean"] is True
    form = client.post(
        "/sparql", data={"query": ask}, headers={"accept": "application/sparql-results+xml"}
    )
    assert form.status_code == 200 and "<boolean>true</boolean>" in form.text


def test_construct_answers_a_graph(client: TestClient) -> None:
    query = (
        "CONSTRUCT { ?s ?p ?o } WHERE { BIND(<https://w3id.org/osce/country/be> AS ?s) ?s ?p ?o }"
    )
    turtle = client.get("/sparql", params={"query": query}, headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    jsonld = client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/ld+json"}
    )
    from_turtle = {q.triple for q in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)}
    assert from_turtle == {q.triple for q in ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD)}
    assert len(from_turtle) > 5


def test_sparql_is_read_only_and_refuses_service(client: TestClient) -> None:
    refused = client.get("/sparql", params={"query": "DROP ALL"})
    assert refused.status_code == 400 and "read-only" in refused.text
    assert client.post("/sparql", data={"update": "CLEAR ALL"}).status_code == 403
    update = client.post(
        "/sparql",
        content="INSERT DATA { <a:b> <a:c> <a:d> }",
        headers={"content-type": "application/sparql-update"},
    )
    assert update.status_code == 403
    service = client.get(
        "/sparql",
        params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
    )
    assert service.status_code == 400 and "SERVICE" in service.text
    assert client.get("/sparql", params={"query": "SELECT WHERE {"}).status_code == 400


def test_result_cap_and_timeout(sample_build: tuple[BuildResult, Path]) -> None:
    _, data = sample_build
    with TestClient(create_app(ServeSettings(data=data, max_rows=3, timeout=0.02))) as capped:
        answer = capped.get(
            "/sparql",
            params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2"},
            headers={"accept": "application/sparql-results+json"},
        )
        assert "x-result-truncated" not in answer.headers
        many = capped.get(
            "/sparql",
            params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 20"},
            headers={"accept": "application/sparql-results+json"},
        )
        assert len(many.json()["results"]["bindings"]) == 3
        assert many.headers["x-result-truncated"] == "3"
        slow = capped.get("/sparql", params={"query": COUNT})
        assert slow.status_code == 503 and "did not finish" in slow.text
    with TestClient(create_app(ServeSettings(data=data, slots=0))) as full:
        busy = full.get("/sparql", params={"query": "ASK {}"})
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    triples = {q.triple for q in ox.parse(response.content, format=ox.RdfFormat.TURTLE)}
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = ox.NamedNode("http://testserver/sparql")
    assert ox.Triple(endpoint, ox.NamedNode(sd + "endpoint"), endpoint) in triples
    assert (
        ox.Triple(
            endpoint, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")
        )
        in triples
    )
    assert any(t.predicate.value == sd + "resultFormat" for t in triples)


def test_the_query_form_works_offline(client: TestClient) -> None:
    page = client.get("/sparql", headers={"accept": CHROME})
    assert page.status_code == 200 and "<textarea" in page.text
    parsed = _Page()
    parsed.feed(page.text)
    assert parsed.scripts == []
    assert not [link for link in parsed.links if link.startswith(("http://", "https://", "//"))]
    answered = client.get(
        "/sparql",
        params={
            "query": "SELECT ?s WHERE { ?s a <https://schema.org/Country> } ORDER BY ?s LIMIT 2",
            "format": "html",
        },
    )
    assert '<table class="results">' in answered.text and "country/ad.html" in answered.text


def test_catalogue_queries_bind_their_parameters(client: TestClient) -> None:
    answer = client.get(
        "/queries/items-mentioning-state-by-year",
        params={"state": "Belgium"},
        headers={"accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200
    rows = answer.json()["results"]["bindings"]
    assert [(r["state"]["value"], r["year"]["value"], r["items"]["value"]) for r in rows] == [
        ("https://w3id.org/osce/country/be", "2008", "1")
    ]
    typo = client.get("/queries/items-mentioning-state-by-year", params={"state": "Belgum"})
    assert typo.status_code == 400 and "Belgium" in typo.text  # the close match
    hostile = client.get(
        "/queries/people-and-posts",
        params={"person": '"} } DROP ALL ; SELECT * {'},
        headers={"accept": "application/sparql-results+json"},
    )
    assert hostile.status_code == 200 and hostile.json()["results"]["bindings"] == []
    unknown = client.get("/queries/items-mentioning-state-by-year", params={"colour": "red"})
    assert unknown.status_code == 400 and "no parameter" in unknown.text
    assert client.get("/queries/no-such-query").status_code == 404
    form = client.get("/queries/items-mentioning-state-by-year", headers={"accept": CHROME})
    assert "<form" in form.text and 'name="state"' in form.text
    listing = client.get("/queries", headers={"accept": "application/json"}).json()
    assert "items-mentioning-state-by-year" in [q["name"] for q in listing]


def test_cors_only_when_asked(sample_build: tuple[BuildResult, Path], client: TestClient) -> None:
    _, data = sample_build
    origin = {"origin": "https://example.org"}
    assert (
        "access-control-allow-origin" not in client.get("/country/be.ttl", headers=origin).headers
    )
    with TestClient(create_app(ServeSettings(data=data, cors=("https://example.org",)))) as open_:
        answer = open_.get("/country/be.ttl", headers=origin)
        assert answer.headers["access-control-allow-origin"] == "https://example.org"


def test_serve_without_a_build_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "osce_rdf", "serve", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "no store here" in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_runs_on_loopback_by_default(sample_build: tuple[BuildResult, Path]) -> None:
    """The real command, with uvicorn: it answers on 127.0.0.1 and stops on a signal."""
    _, data = sample_build
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "osce_rdf", "serve", "--data", str(data), "--bind", f"127.0.0.1:{port}"], stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/country/be.ttl", timeout=2
                ) as response:
                    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        default = subprocess.run(
            [sys.executable, "-m", "osce_rdf", "serve", "--help"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "[default: 127.0.0.1:8000]" in default.stdout
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert process.returncode is not None


def test_json_of_the_catalogue_is_valid(client: TestClient) -> None:
    assert json.loads(client.get("/queries?format=json").text)
