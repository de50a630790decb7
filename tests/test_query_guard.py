"""The read-only and SERVICE guard against queries written to walk around it.

Every attempt below is refused before anything runs: on an endpoint, nothing is sent (a
recording server sees no request); on the embedded store, no SERVICE call is made (a TCP
port sees no connection). What is sent is the one canonical text the guard read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from osce_rdf.errors import QueryError
from osce_rdf.sparql.dataset import Dataset
from osce_rdf.sparql.guard import canonical, check_query

from .servers import ScriptedServer, answer, scripted_server, tcp_listener

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "dataset.trig"
EMPTY_RESULTS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'

# Updates, and anything more than one query: each is refused as an update or as not one query.
UPDATES = [
    "DROP ALL",
    "drop graph <https://w3id.org/osce/graph/reference>",
    "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/data.ttl>",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "select * where { ?s ?p ?o } ;\n# and then\ndrop all",
    "SELECT * WHERE { ?s ?p ?o }\n;\nINSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
    "ASK {} ; ASK {}",
    "SELECT (1 AS ?one) {} ; SELECT (2 AS ?two) {}",
    "DROP ALL ; SELECT * WHERE { ?s ?p ?o }",
    # A comment ends at a carriage return: the update below it is not commented out.
    "#\rDELETE { ?s ?p ?o }\nWHERE { { SELECT * WHERE { ?s ?p ?o } } }",
    "# note\r\nDELETE { ?s ?p ?o }\nWHERE { { SELECT * WHERE { ?s ?p ?o } } }",
    "#\r\nDROP ALL",
    # Codepoint escapes are read before anything else: \u0044ELETE is DELETE.
    "\\u0044ELETE { ?s ?p ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } } }",
    "\\U00000044ROP ALL",
    "SELECT * WHERE { ?s ?p ?o }\\u003B DROP ALL",
    # Case and whitespace.
    "dElEtE\t{ ?s ?p ?o }\r\nwHeRe\n{ ?s ?p ?o }",
    "WITH <urn:x:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]

# SERVICE, hidden every way we know; {url} is where it would call.
SERVICES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SeRvIcE\t<{url}>\n{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ #\rSERVICE SILENT <{url}> {{ ?s ?p ?o }}\n}}",
    "SELECT * WHERE {{ # a comment\rSERVICE SILENT <{url}> {{ ?s ?p ?o }}\n}}",
    "SELECT * WHERE {{ \\u0053ERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053\\u0045RVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX ex: <http://example.org/> SELECT * WHERE {{ ?s ex:p\\#x ?o . SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER (?o = 1 || NOT EXISTS {{ SERVICE SILENT <{url}> {{}} }}) }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }} }} }} }}",
    "SELECT (EXISTS {{ SERVICE SILENT <{url}> {{}} }} AS ?e) WHERE {{}}",
    "SELECT ?s WHERE {{ ?s ?p ?o }} ORDER BY (EXISTS {{ SERVICE SILENT <{url}> {{}} }})",
    "SELECT * WHERE {{ BIND (EXISTS {{ SERVICE SILENT <{url}> {{}} }} AS ?e) }}",
    "ASK {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "DESCRIBE ?s WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
]

# Neither updates nor SERVICE, though the words are there: data, names and comments.
ALLOWED = [
    'SELECT ?s WHERE { ?s ?p "DROP ALL ; SERVICE <http://127.0.0.1:1/> {}" }',
    "SELECT ?s WHERE { ?s ?p '''INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }''' }",
    "SELECT ?s WHERE { ?s <urn:x:DELETE> <http://example.org/SERVICE#DROP> }",
    "PREFIX drop: <urn:x:> SELECT ?service ?insert WHERE { ?service drop:all ?insert }",
    "SELECT ?s WHERE { ?s ?p ?o } # DROP ALL ; SERVICE <http://127.0.0.1:1/> {}",
    "SELECT ?s WHERE {\n  # a comment\r\n  ?s ?p ?o\n}",
    'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "\\u0053ERVICE")) }',
]


@pytest.fixture
def endpoint() -> Iterator[ScriptedServer]:
    """A SPARQL endpoint that records what it receives and answers every query with no rows."""
    with scripted_server(
        {"/sparql": answer(200, "application/sparql-results+json", EMPTY_RESULTS)}
    ) as server:
        yield server


@pytest.mark.parametrize("update", UPDATES)
def test_updates_never_reach_an_endpoint(endpoint: ScriptedServer, update: str) -> None:
    with pytest.raises(QueryError, match=r"updates are refused|not valid SPARQL|one query"):
        Dataset.open(endpoint.url + "/sparql").query(update)
    assert endpoint.requests == []


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_on_the_store(update: str) -> None:
    dataset = Dataset.open(FIXTURE)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = dataset.query(count).rows()
    with pytest.raises(QueryError, match=r"updates are refused|not valid SPARQL|one query"):
        dataset.query(update)
    assert dataset.query(count).rows() == before


@pytest.mark.parametrize("template", SERVICES)
def test_service_never_reaches_an_endpoint(endpoint: ScriptedServer, template: str) -> None:
    query = template.format(url="http://127.0.0.1:1/sparql")
    with pytest.raises(QueryError, match=r"SERVICE \(querying other hosts\) is refused|not valid"):
        Dataset.open(endpoint.url + "/sparql").query(query)
    assert endpoint.requests == []


def test_no_service_call_leaves_the_store_without_allow_service() -> None:
    """The embedded engine would call the port: nothing connects unless SERVICE is allowed."""
    dataset = Dataset.open(FIXTURE)
    with tcp_listener() as (port, received):
        url = f"http://127.0.0.1:{port}/sparql"
        for template in SERVICES:
            with pytest.raises(QueryError):
                dataset.query(template.format(url=url), timeout=10)
        assert received == []
        # The same port is called when SERVICE is allowed: the listener would have seen it.
        allowed = f"SELECT * WHERE {{ #\rSERVICE SILENT <{url}> {{ ?s ?p ?o }}\n}}"
        dataset.query(allowed, allow_service=True, timeout=10)
        assert len(received) == 1 and received[0].startswith(b"POST /sparql")


@pytest.mark.parametrize("query", ALLOWED)
def test_update_and_service_words_as_data_are_allowed(endpoint: ScriptedServer, query: str) -> None:
    assert Dataset.open(FIXTURE).query(query).form == "SELECT"
    assert Dataset.open(endpoint.url + "/sparql").query(query).rows() == []
    assert [request.query for request in endpoint.requests] == [canonical(query)]


def test_the_endpoint_receives_the_text_the_guard_read(endpoint: ScriptedServer) -> None:
    """No comment, no raw carriage return, no codepoint escape: every parser reads it alike."""
    query = (
        "PREFIX s: <https://schema.org/>\r\n"
        "SELECT ?i # the items\r\n"
        "WHERE { ?i s:headline '''caf\\u00E9\r\nbar''' ; s:name \"a\\\"b\" }"
    )
    Dataset.open(endpoint.url + "/sparql").query(query)
    sent = endpoint.requests[0].query
    assert sent == (
        "PREFIX s: <https://schema.org/>\n"
        "SELECT ?i \n"
        'WHERE { ?i s:headline """café\\r\nbar""" ; s:name "a\\"b" }'
    )
    assert check_query(sent).text == sent


def test_a_parameter_placeholder_inside_a_string_is_not_bound() -> None:
    """Binding replaces the placeholder where the parser sees one, not the same words in data."""
    query = 'SELECT ?s WHERE { ?s ?p "VALUES ?x { UNDEF }" }'
    with pytest.raises(QueryError, match=r"to bind \?x, the query needs"):
        Dataset.open(FIXTURE).prepare(query, {"x": '"} SERVICE <http://127.0.0.1:1/> { #'})


def test_placeholders_are_found_however_they_are_spaced() -> None:
    checked = check_query("SELECT ?x WHERE { values ?x {undef} }")
    prepared = Dataset.open(FIXTURE).prepare(checked.text, {"x": "a"})
    assert prepared.text == 'SELECT ?x WHERE { VALUES ?x { "a" } }'
    assert Dataset.open(FIXTURE).query(checked.text, {"x": "a"}).rows() == [{"x": "a"}]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "holds no query"),
        ("# only a comment", "holds no query"),
        ('SELECT * WHERE { ?s ?p "\\q" }', r"unknown escape \\q in a string at line 1"),
        ("SELECT * WHERE { ?s ?p \\uD800 }", r"\\uD800 is not a character"),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}", "'FILTER\\(' at line 3, column 3"),
        ('SELECT * WHERE {\n ?s ?p "caf\udce9" }', "bytes that are not UTF-8 at line 2, column 12"),
        ("SELECT * WHERE" + " {" * 5000 + " }" * 5000, "nested too deeply"),
    ],
)
def test_unreadable_queries_are_one_line(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as refused:
        Dataset.open(FIXTURE).query(query)
    assert "\n" not in str(refused.value)
