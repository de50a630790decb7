"""The query-result writers (osce_rdf/sparql/results.py) read back by parsers others wrote.

A real query on `fixtures/results/terms.trig` gives every kind of term: IRIs with `&`, `,`,
`'`, `%` and non-ASCII letters, language-tagged and typed literals (a custom datatype whose
IRI has `&`), the empty string, text with quotes, tabs, line feeds and a carriage return,
blank nodes and unbound values. Each format is parsed by rdflib's result parsers and, where
it has one, pyoxigraph's, and must give back exactly those terms. CSV is lossy by the
standard (values only), so it is compared with what the standard says it keeps.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.query import Result

from osce_rdf import query
from osce_rdf.sparql.results import QueryResult

FIXTURE = Path(__file__).parent / "fixtures" / "results" / "terms.trig"
SELECT = """PREFIX ex: <https://example.org/>
SELECT DISTINCT ?s ?v ?note
WHERE { GRAPH ?g { ?s ?p ?o } OPTIONAL { ?s ex:value ?v } OPTIONAL { ?s ex:note ?note } }
ORDER BY ?s ?v"""
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OX_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}
# A term as plain data: kind, text, language, datatype. Blank nodes become "b0", "b1"... in
# order of appearance, since a parser may name them anew.
Key = tuple[str, str, str | None, str | None] | None


@pytest.fixture(scope="module")
def result() -> QueryResult:
    return query(SELECT, source=FIXTURE)


def _keys(rows: Sequence[Sequence[object]]) -> list[list[Key]]:
    labels: dict[str, str] = {}

    def key(term: object) -> Key:
        if term is None:
            return None
        if isinstance(term, ox.NamedNode | rdflib.URIRef):
            return ("iri", str(term.value if isinstance(term, ox.NamedNode) else term), None, None)
        if isinstance(term, ox.BlankNode | rdflib.BNode):
            label = term.value if isinstance(term, ox.BlankNode) else str(term)
            return ("blank", labels.setdefault(label, f"b{len(labels)}"), None, None)
        if isinstance(term, ox.Literal):
            datatype = None if term.language else term.datatype.value
            return ("literal", term.value, term.language, datatype)
        assert isinstance(term, rdflib.Literal), term
        datatype = None if term.language else str(term.datatype or XSD_STRING)
        return ("literal", str(term), term.language, datatype)

    return [[key(term) for term in row] for row in rows]


def _expected(result: QueryResult) -> list[list[Key]]:
    return _keys([[row.get(name) for name in result.variables] for row in result.raw])


def test_the_fixture_gives_every_kind_of_term(result: QueryResult) -> None:
    """Without these the tests below would prove less than they say."""
    terms = [term for row in result.raw for term in row.values()]
    literals = [t for t in terms if isinstance(t, ox.Literal)]
    assert None in terms
    assert any(isinstance(t, ox.BlankNode) for t in terms)
    assert any("&" in t.value and "," in t.value for t in terms if isinstance(t, ox.NamedNode))
    assert any(t.language for t in literals)
    assert any("&" in t.datatype.value for t in literals)
    assert any("\r\n" in t.value and '"' in t.value and "\t" in t.value for t in literals)
    assert any(t.value == "" for t in literals)
    assert len(result.raw) >= 10


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_rdflib_reads_back_every_term(
    result: QueryResult, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rdflib rewrites lexical forms it knows ("-1500" -> "-1500.0") unless told not to.
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)
    parsed = Result.parse(io.BytesIO(result.format(fmt).encode("utf-8")), format=fmt)
    assert [str(v) for v in parsed.vars or []] == result.variables
    rows = [[row.get(rdflib.Variable(n)) for n in result.variables] for row in parsed.bindings]
    assert _keys(rows) == _expected(result)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_pyoxigraph_reads_back_every_term(result: QueryResult, fmt: str) -> None:
    parsed = ox.parse_query_results(result.format(fmt).encode("utf-8"), format=OX_FORMATS[fmt])
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == result.variables
    rows = [[solution[name] for name in result.variables] for solution in parsed]
    assert _keys(rows) == _expected(result)


def test_xml_keeps_a_carriage_return(result: QueryResult) -> None:
    """An XML parser turns a raw CR into LF; the writer writes it as a character reference."""
    xml = result.format("xml")
    assert "&#13;" in xml
    assert "\r" not in xml


def test_csv_keeps_what_the_standard_says(result: QueryResult) -> None:
    """SPARQL 1.1 CSV: a header of names, values only (IRIs, lexical forms, `_:` blank
    nodes), empty for unbound, CRLF between rows; read by Python's csv and rdflib."""
    text = result.format("csv")
    assert text.startswith("s,v,note\r\n")
    table = list(csv.reader(io.StringIO(text, newline="")))

    def plain(term: object) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        assert isinstance(term, ox.NamedNode | ox.Literal)
        return term.value

    expected = [[plain(row.get(n)) for n in result.variables] for row in result.raw]
    assert table == [result.variables, *expected]
    parsed = Result.parse(io.BytesIO(text.encode("utf-8")), format="csv")
    assert [
        [
            "" if (term := row.get(rdflib.Variable(n))) is None else str(term)
            for n in result.variables
        ]
        for row in parsed.bindings
    ] == expected


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("answer", [True, False])
def test_ask_answers_are_read_back(fmt: str, answer: bool) -> None:
    sparql = "ASK { GRAPH ?g { ?s ?p ?o } }" if answer else "ASK { <urn:x:none> ?p ?o }"
    asked = query(sparql, source=FIXTURE)
    parsed = Result.parse(io.BytesIO(asked.format(fmt).encode("utf-8")), format=fmt)
    assert parsed.askAnswer is answer
    assert (
        bool(ox.parse_query_results(asked.format(fmt).encode(), format=OX_FORMATS[fmt])) is answer
    )
