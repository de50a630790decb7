"""A read-only SPARQL 1.1 Protocol endpoint over a build's store, for `osce-rdf serve`.

Queries run through the query helper (`sparql.Dataset.query`): the same guard refuses updates
and `SERVICE`, the same binding turns a catalogue query's parameters into RDF terms. On top,
what a public endpoint needs: a bounded number of queries running at once (the embedded
engine cannot be interrupted, so a query past its time still holds its slot until it ends;
when every slot is taken the endpoint answers 503 at once), a per-query timeout (503), a cap
on the rows answered (the first rows, and a header saying so), and the service description
of SPARQL 1.1 Service Description.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..identity.namespaces import DCTERMS, VOID
from ..identity.rdf_terms import TYPE
from ..sparql.dataset import Dataset
from ..sparql.results import QueryResult
from .conneg import FORMATS, RESULTS_FORMATS, Format

__all__ = [
    "Answer",
    "BusyError",
    "Endpoint",
    "QueryTimeoutError",
    "graph_formats",
    "results_formats",
    "service_description",
]

_SD = "http://www.w3.org/ns/sparql-service-description#"
_W3C_FORMATS = "http://www.w3.org/ns/formats/"
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "jsonld": "JSON-LD", "ntriples": "N-Triples",
    "rdfxml": "RDF_XML",
}  # fmt: skip
_HTML = FORMATS[0]


def results_formats(html: bool = True) -> tuple[Format, ...]:
    """What SELECT and ASK answer in: JSON first (`*/*`), HTML for a browser that names it."""
    return (*RESULTS_FORMATS, _HTML) if html else RESULTS_FORMATS


def graph_formats(html: bool = True) -> tuple[Format, ...]:
    """What CONSTRUCT and DESCRIBE answer in: Turtle first."""
    rdf = tuple(f for f in FORMATS if f.rdf is not None and f.name != "trig")
    return (*rdf, _HTML) if html else rdf


class BusyError(QueryError):
    """Every query slot is taken."""


class QueryTimeoutError(QueryError):
    """The query ran past its time."""


@dataclass
class Answer:
    result: QueryResult
    truncated: bool


class Endpoint:
    """Runs queries on a dataset: at most `slots` at once, each for at most `timeout` seconds,
    answering at most `max_rows` rows."""

    def __init__(self, dataset: Dataset, *, timeout: float, max_rows: int, slots: int = 2) -> None:
        self.dataset = dataset
        self.timeout = timeout
        self.max_rows = max_rows
        self._slots = threading.BoundedSemaphore(slots)

    def run(self, text: str, params: Mapping[str, str] | None = None) -> Answer:
        """Run a catalogue query (by name) or SPARQL text; `QueryError` when refused or bad,
        `BusyError` when every slot is taken, `QueryTimeoutError` past the timeout."""
        if not self._slots.acquire(blocking=False):
            raise BusyError
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                # The slot is held until the engine is done, even after the request gave up.
                outcome["result"] = self.dataset.query(text, params, timeout=_FOREVER)
            except BaseException as error:  # handed to the request's thread
                error.__context__ = None
                outcome["error"] = error.with_traceback(None)
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=work, daemon=True).start()
        if not done.wait(self.timeout):
            raise QueryTimeoutError
        if "error" in outcome:
            raise outcome["error"]
        result: QueryResult = outcome["result"]
        truncated = len(result.raw) > self.max_rows or len(result.triples) > self.max_rows
        if truncated:
            result.raw = result.raw[: self.max_rows]
            result.triples = result.triples[: self.max_rows]
        return Answer(result, truncated)


_FOREVER = 365 * 24 * 3600.0  # the endpoint keeps its own time (see `Endpoint.run`)


def service_description(
    endpoint_url: str, dataset_iri: str, *, timeout: float, max_rows: int, triples: int | None
) -> list[ox.Triple]:
    """The endpoint described with SPARQL 1.1 Service Description (and VoID)."""
    service = ox.NamedNode(endpoint_url)

    def sd(local: str) -> ox.NamedNode:
        return ox.NamedNode(_SD + local)

    default_dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("default")
    found = [
        ox.Triple(service, TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), default_dataset),
        ox.Triple(default_dataset, TYPE, sd("Dataset")),
        ox.Triple(default_dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, TYPE, sd("Graph")),
        ox.Triple(
            service,
            ox.NamedNode(DCTERMS + "description"),
            ox.Literal(
                f"Read-only: updates and SERVICE are refused. A query stops after {timeout:g} s "
                f"and answers at most {max_rows} rows.",
                language="en",
            ),
        ),
        ox.Triple(ox.NamedNode(dataset_iri), ox.NamedNode(VOID + "sparqlEndpoint"), service),
        ox.Triple(service, ox.NamedNode(DCTERMS + "source"), ox.NamedNode(dataset_iri)),
    ]
    if triples is not None:
        found.append(
            ox.Triple(
                default_graph,
                ox.NamedNode(VOID + "triples"),
                ox.Literal(
                    str(triples), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
                ),
            )
        )
    for name, local in _FORMAT_IRIS.items():
        if any(f.name == name for f in (*RESULTS_FORMATS, *FORMATS)):
            found.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(_W3C_FORMATS + local)))
    return found
