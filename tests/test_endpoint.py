"""Remote endpoints that are slow, wrong or hostile: one line each, within the deadline.

A scripted HTTP server on 127.0.0.1 answers each path its own way: a web page, a cut-off or
misshapen answer, one that never ends, one byte a second, nothing at all.
"""

from __future__ import annotations

import http.server
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from osce_rdf.cli.commands import main
from osce_rdf.errors import QueryError
from osce_rdf.sparql.dataset import Dataset
from osce_rdf.sparql.http_client import size

from .servers import Behaviour, ScriptedServer, answer, scripted_server

JSON = "application/sparql-results+json"
ROWS = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:x:a"}}]}}'
SELECT = "SELECT ?s WHERE { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
ROW = b'{"s": {"type": "literal", "value": "' + b"x" * 200 + b'"}},'


def endless(handler: http.server.BaseHTTPRequestHandler) -> None:
    """Valid results that never end, sent as fast as the client reads; counts what got out."""
    handler.send_response(200)
    handler.send_header("Content-Type", JSON)
    handler.end_headers()
    handler.wfile.write(b'{"head": {"vars": ["s"]}, "results": {"bindings": [')
    sent = 0
    try:
        while sent < 1 << 30:
            handler.wfile.write(ROW * 100)
            sent += len(ROW) * 100
    finally:
        handler.server.scripted.sent["/endless"] = sent  # type: ignore[attr-defined]


def drip(handler: http.server.BaseHTTPRequestHandler) -> None:
    """A valid answer, one byte a second."""
    handler.send_response(200)
    handler.send_header("Content-Type", JSON)
    handler.send_header("Content-Length", str(len(ROWS)))
    handler.end_headers()
    for byte in ROWS:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(1)


def drip_headers(handler: http.server.BaseHTTPRequestHandler) -> None:
    """The status line and headers themselves, one byte a second."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: " + JSON.encode() + b"\r\n" + b"X: y\r\n" * 50:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(1)


def silent(handler: http.server.BaseHTTPRequestHandler) -> None:
    """Reads the request, never answers."""
    time.sleep(30)


def cut_off(handler: http.server.BaseHTTPRequestHandler) -> None:
    """Promises more than it sends, then hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", JSON)
    handler.send_header("Content-Length", str(len(ROWS) * 2))
    handler.end_headers()
    handler.wfile.write(ROWS[:40])
    handler.close_connection = True


def redirect(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(301)
    handler.send_header("Location", "https://example.org/sparql")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


BEHAVIOURS: dict[str, Behaviour] = {
    "/rows": answer(200, JSON, ROWS),
    "/html": answer(
        200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body>Hi</body></html>"
    ),
    "/html-as-json": answer(200, JSON, b"<!DOCTYPE html>\n<html><body>Hi</body></html>"),
    "/truncated": answer(200, JSON, ROWS[:60]),
    "/cut-off": cut_off,
    "/wrong-shape": answer(
        200, JSON, b'{"head": {"vars": ["s"]}, "results": {"bindings": {"s": 1}}}'
    ),
    "/not-results": answer(200, JSON, b'{"data": [1, 2, 3]}'),
    "/boolean": answer(200, JSON, b'{"head": {}, "boolean": true}'),
    "/xml-results": answer(200, "application/sparql-results+xml", b"<sparql/>"),
    "/rdf-xml": answer(200, "application/rdf+xml", b"<rdf:RDF/>"),
    "/bad-ntriples": answer(200, "application/n-triples", b"<urn:x:a> <urn:x:b> .\n"),
    "/endless": endless,
    "/drip": drip,
    "/drip-headers": drip_headers,
    "/silent": silent,
    "/redirect": redirect,
    "/error-text": answer(400, "text/plain", b"\nParse error: unexpected token\nat line 3\n"),
    "/error-html": answer(500, "text/html", b"<html><body><h1>Oops</h1>\n</body></html>"),
    "/store": silent,
    "/store-error": answer(500, "text/plain", b"disk full"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with scripted_server(BEHAVIOURS) as scripted:
        yield scripted


def _refused(server: ScriptedServer, path: str, query: str = SELECT, **options: float) -> str:
    with pytest.raises(QueryError) as refused:
        Dataset.open(server.url + path).query(query, **options)  # type: ignore[arg-type]
    message = str(refused.value)
    assert "\n" not in message and message.startswith(server.url + path)
    return message


def test_a_good_answer_is_read(server: ScriptedServer) -> None:
    assert Dataset.open(server.url + "/rows").query(SELECT).rows() == [{"s": "urn:x:a"}]


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/html", SELECT, r"answered with a web page \(text/html\), not SPARQL results"),
        ("/html-as-json", SELECT, r"the answer is not SPARQL results JSON: .*line 1"),
        ("/truncated", SELECT, "the answer is not SPARQL results JSON"),
        ("/cut-off", SELECT, r"IncompleteRead|not SPARQL results JSON"),
        ("/wrong-shape", SELECT, "the answer is not SPARQL results JSON"),
        ("/not-results", SELECT, "must contain a 'boolean' or a 'results' key"),
        ("/boolean", SELECT, "answered a yes/no answer to the SELECT query"),
        ("/rows", "ASK { ?s ?p ?o }", "answered rows to the ASK query"),
        (
            "/xml-results",
            SELECT,
            "answered application/sparql-results[+]xml, not SPARQL results JSON",
        ),
        ("/rdf-xml", CONSTRUCT, "answered application/rdf[+]xml, not N-Triples or Turtle"),
        ("/bad-ntriples", CONSTRUCT, "the answer is not N-Triples or Turtle"),
        ("/redirect", SELECT, "answered 301: moved to https://example.org/sparql; use that URL"),
        ("/error-text", SELECT, "answered 400: Parse error: unexpected token$"),
        ("/error-html", SELECT, "answered 500: Internal Server Error$"),
    ],
)
def test_wrong_answers_are_one_line(
    server: ScriptedServer, path: str, query: str, expected: str
) -> None:
    import re

    assert re.search(expected, _refused(server, path, query))


def test_a_huge_answer_is_refused_once_past_max_bytes(server: ScriptedServer) -> None:
    started = time.monotonic()
    message = _refused(server, "/endless", max_bytes=size("1M"))
    assert message.endswith("the answer is larger than 1,048,576 bytes (--max-bytes)")
    assert time.monotonic() - started < 10
    # Reading stopped at the limit: the server got out little more than what the socket
    # buffers hold, not the gigabyte it had to send.
    deadline = time.monotonic() + 5
    while "/endless" not in server.sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.sent["/endless"] < 64 << 20


def test_a_refused_answer_keeps_no_parser_objects(server: ScriptedServer) -> None:
    """The error a caller keeps does not hold the parser's pyoxigraph objects through its
    frames: left in a reference cycle, they were dropped by the garbage collector on another
    thread (pySHACL's validation thread, in the test suite: "PyQuerySolutions is unsendable,
    but is being dropped on another thread")."""
    with pytest.raises(QueryError) as refused:
        Dataset.open(server.url + "/endless").query(SELECT, max_bytes=size("1M"))
    held: list[object] = []
    pending: list[object] = [refused.value]
    while pending:  # everything the error reaches through its tracebacks' frames
        value = pending.pop()
        if any(value is seen for seen in held):
            continue
        held.append(value)
        if isinstance(value, BaseException):
            pending += [value.__traceback__, value.__context__, value.__cause__]
        elif isinstance(value, types.TracebackType):
            pending += [value.tb_frame, value.tb_next]
        elif isinstance(value, types.FrameType):
            pending += [*value.f_locals.values(), value.f_back]
    assert not [v for v in held if type(v).__module__.startswith("pyoxigraph")]


@pytest.mark.parametrize("path", ["/drip", "/drip-headers", "/silent"])
def test_timeout_is_a_deadline_for_the_whole_exchange(server: ScriptedServer, path: str) -> None:
    started = time.monotonic()
    message = _refused(server, path, timeout=2.5)
    elapsed = time.monotonic() - started
    assert message.endswith("no complete answer within 2.5 s (--timeout)")
    assert 2.4 < elapsed < 4.5


def test_load_into_an_endpoint_has_a_timeout(server: ScriptedServer, tmp_path: Path) -> None:
    data = tmp_path / "extra.nt"
    data.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    endpoint = Dataset.open(server.url + "/query")
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"\(loading urn:x:g\): no complete answer within 1.5 s"):
        endpoint.load([data], graph="urn:x:g", timeout=1.5, validate=False)
    assert time.monotonic() - started < 4
    with pytest.raises(QueryError, match=r"\(loading urn:x:g\) answered 500: disk full$"):
        endpoint.load(
            [data], graph="urn:x:g", graph_store=server.url + "/store-error", validate=False
        )


def _run(*args: str) -> Result:
    """The command, in this process: an exception that is not turned into a line fails here."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("path", "options", "expected"),
    [
        ("/html", [], "answered with a web page"),
        ("/endless", ["--max-bytes", "256K"], "larger than 262,144 bytes (--max-bytes)"),
        ("/drip", ["--timeout", "1.5"], "no complete answer within 1.5 s (--timeout)"),
    ],
)
def test_the_command_line_gives_one_line(
    server: ScriptedServer, path: str, options: list[str], expected: str
) -> None:
    done = _run("query", "--endpoint", server.url + path, "--sparql", SELECT, *options)
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and expected in done.stderr, done.stderr


def test_load_endpoint_timeout_on_the_command_line(server: ScriptedServer, tmp_path: Path) -> None:
    data = tmp_path / "extra.nt"
    data.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    done = _run(
        "load",
        str(data),
        "--graph",
        "urn:x:g",
        "--timeout",
        "1",
        "--no-validate",
        "--endpoint",
        server.url + "/query",
    )
    assert done.exit_code == 2
    assert done.stderr.count("\n") == 1 and "no complete answer within 1 s" in done.stderr


@pytest.mark.parametrize("written", ["0", "-5", "12Q", "M", ""])
def test_max_bytes_must_be_a_size(written: str) -> None:
    done = _run("query", "--max-bytes", written, "--sparql", SELECT)
    assert done.exit_code == 2 and "--max-bytes" in done.stderr
