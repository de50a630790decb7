"""Questions to the dataset: a build's embedded store, an RDF file, or any SPARQL endpoint.

`Dataset` is where a query runs; `query()` runs a named query of the catalogue or SPARQL text.
Only one read-only query runs, in the one text the guard read (see `guard`), and it
stops after a timeout; an endpoint's answer is streamed, capped and read under one deadline
for the whole exchange (see `http_client`). Parameters are bound as RDF terms with SPARQL's own
binding syntax: the query's `VALUES ?name { UNDEF }` gets a row with the term, serialised by
pyoxigraph (so a value full of quotes and braces is one escaped literal), the same way on the
embedded store and on a remote endpoint, which therefore give the same rows (tests/test_remote.py checks it on a real Oxigraph server). Oxigraph's own
bindings (SEP-0007 substitutions) were the first choice, but they only bind variables that
the query projects, and parameters usually are not projected.

A build folder's text index (see `text_index`) narrows a catalogue query that declares it to
the items whose texts may match; the query's own filter still decides, so the rows do not
change, only the time (docs/decisions/0009).

Queries read the default graph, which holds the union of the named graphs, each triple once
(see `store`). An endpoint must hold the same: `osce-rdf load --endpoint URL osce.trig
osce.ttl --graph default` puts the named graphs and the union there. (`oxigraph serve
--union-default-graph` also answers, but counts a triple once per graph that holds it.)
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError, UsageError
from ..identity.iris import DEFAULT_BASE, Iris
from ..identity.prefixes import Prefixes
from ..package_data import REFERENCE_DIR
from ..pipeline.loading import DEFAULT_GRAPH, Graphs, context_graphs, read_graphs, refuse_invalid
from ..pipeline.lock import FolderLock
from ..pipeline.store import open_store, replace_graphs
from ..pipeline.text_index import TextIndex, open_indexed, update_text_index
from ..reference import load_reference
from ..rendering.rdf_input import is_rdf_file, read_quads
from ..validation.shacl import Shapes
from .catalogue import NamedQuery, catalogue, named_query
from .guard import CheckedQuery, check_query
from .http_client import DEFAULT_MAX_BYTES, Answer, exchange
from .parameters import Binder, guess_term, in_order
from .results import QueryResult

__all__ = ["DEFAULT_LOAD_TIMEOUT", "DEFAULT_TIMEOUT", "Dataset", "load_into_build", "query"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_LOAD_TIMEOUT = 300.0  # each request of `load --endpoint`: a whole graph is sent
Term = ox.NamedNode | ox.Literal
# More candidates than this and reading every text is as quick as naming them in the query.
_MOST_CANDIDATES = 8000
# What a catalogue name looks like; SPARQL text always has braces, spaces or a "?".
_NAME = re.compile(r"[A-Za-z][\w.-]*")


class Dataset:
    """A place queries run: an embedded store or a SPARQL 1.1 Protocol endpoint."""

    def __init__(
        self,
        *,
        store: ox.Store | None = None,
        endpoint: str | None = None,
        base: str = DEFAULT_BASE,
        reference_dir: Path = REFERENCE_DIR,
        text_index: TextIndex | None = None,
    ) -> None:
        if (store is None) == (endpoint is None):
            raise UsageError("a Dataset has either a store or an endpoint")
        self.store = store
        self.endpoint = endpoint
        self.text_index = text_index
        self.iris = Iris(base)
        self._reference_dir = reference_dir
        self.prefixes = Prefixes.for_data(self.iris)

    @classmethod
    def open(cls, source: Path | str | None = None, *, base: str = DEFAULT_BASE) -> Dataset:
        """A build folder (its store), an RDF file (read into memory), or an endpoint URL."""
        if isinstance(source, str) and source.startswith(("http://", "https://")):
            return cls(endpoint=source, base=base)
        path = Path(source) if source is not None else Path("dist")
        if path.is_dir():
            store, index = open_indexed(path)  # one generation, even while a build switches it
            return cls(store=store, base=base, text_index=index)
        if path.is_file() and is_rdf_file(path):
            store = ox.Store()
            quads = list(read_quads(path))
            store.bulk_extend(quads)
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
            return cls(store=store, base=base)
        raise UsageError(f"{path}: neither a build folder nor an RDF file")

    def binder(self) -> Binder:
        return Binder(load_reference(self._reference_dir), self.iris)

    def query(
        self,
        name_or_sparql: str,
        params: Mapping[str, str | Term] | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        allow_service: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> QueryResult:
        """Run a catalogue query by name, or SPARQL text, with its parameters bound.

        `timeout` bounds the whole query (on an endpoint: the whole exchange); `max_bytes`
        bounds an endpoint's answer.
        """
        prepared = self.prepare(name_or_sparql, params, allow_service=allow_service)
        if self.store is not None:
            return _with_timeout(lambda: self._local(prepared), timeout)
        return self._remote(prepared, timeout, max_bytes)

    def prepare(
        self,
        name_or_sparql: str,
        params: Mapping[str, str | Term] | None = None,
        *,
        allow_service: bool = False,
    ) -> CheckedQuery:
        """The query as it will run: checked (see `sparql_checks`), its parameters bound."""
        named = catalogue().get(name_or_sparql)
        if named is None and _NAME.fullmatch(name_or_sparql.strip()):
            named = named_query(name_or_sparql.strip())  # an unknown name: the close matches
        checked = check_query(named.text if named else name_or_sparql, allow_service=allow_service)
        terms = self._terms(named, params or {})
        rows: dict[str, list[Term]] = {name: [term] for name, term in terms.items()}
        if named is not None and named.text_index is not None and self.text_index is not None:
            rows.update(self._narrowed(named.text_index, terms))
        return checked.bind(rows)

    def _terms(self, named: NamedQuery | None, params: Mapping[str, str | Term]) -> dict[str, Term]:
        """The parameters as terms: typed by the catalogue's header, or guessed for ad-hoc SPARQL."""
        if named is None:
            return {
                name: guess_term(name, given, self.prefixes) if isinstance(given, str) else given
                for name, given in params.items()
            }
        for name in params:
            named.parameter(name)  # an unknown name fails here, listing the known ones
        terms: dict[str, Term] = {}
        binder: Binder | None = None
        for parameter in named.parameters:
            # A value given is used even when blank (the binder refuses it): an empty
            # `text` must not silently match every item.
            given = params.get(parameter.name, parameter.default)
            if given is None or (given == "" and parameter.name not in params):
                if parameter.required:
                    raise QueryError(
                        f"query {named.name!r} needs --param {parameter.name}=... ({parameter.help})"
                    )
                continue
            if isinstance(given, str):
                binder = binder or self.binder()
                terms[parameter.name] = binder.term(parameter.name, parameter.type, given)
            else:
                terms[parameter.name] = given
        for low, high in named.checks:
            if low in terms and high in terms and not in_order(terms[low], terms[high]):
                raise QueryError(
                    f"parameters {low} and {high}: {low} ({terms[low].value}) is after "
                    f"{high} ({terms[high].value})"
                )
        return terms

    def _narrowed(
        self, declared: tuple[str, str], terms: Mapping[str, Term]
    ) -> dict[str, list[Term]]:
        """The declared variable's rows: the items the text index finds for the parameter."""
        assert self.text_index is not None
        parameter, variable = declared
        term = terms.get(parameter)
        if not isinstance(term, ox.Literal):
            return {}
        candidates = self.text_index.candidates(term.value)
        if candidates is None or len(candidates) > _MOST_CANDIDATES:
            return {}
        return {variable: [ox.NamedNode(item) for item in candidates]}

    def _local(self, prepared: CheckedQuery) -> QueryResult:
        assert self.store is not None
        try:
            return _collect(prepared.form, self.store.query(prepared.text))
        except SyntaxError as error:
            raise QueryError(f"not valid SPARQL: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:  # evaluation: SERVICE, a bad regex
            raise QueryError(f"the query failed: {error}") from None

    def _remote(self, prepared: CheckedQuery, timeout: float, max_bytes: int) -> QueryResult:
        """Send the query (SPARQL 1.1 Protocol, POST) and read the answer as it streams in."""
        assert self.endpoint is not None
        graph = prepared.form in {"CONSTRUCT", "DESCRIBE"}
        accept = "application/n-triples" if graph else "application/sparql-results+json"
        # As a form, which every endpoint reads (Virtuoso 7 waits forever on a query sent
        # as an application/sparql-query body).
        with exchange(
            self.endpoint,
            method="POST",
            body=urllib.parse.urlencode({"query": prepared.text}).encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            timeout=timeout,
            max_bytes=max_bytes,
        ) as answer:
            return _answer(self.endpoint, prepared.form, answer)

    def load(
        self,
        files: Iterable[Path],
        *,
        graph: str | None = None,
        graph_store: str | None = None,
        validate: bool = True,
        shapes: Shapes | None = None,
        timeout: float = DEFAULT_LOAD_TIMEOUT,
    ) -> list[str]:
        """Add or replace named graphs from RDF files; return the graphs replaced.

        Triples outside any named graph go to `graph` (required for such files). With
        `validate`, graphs that do not conform to the shapes are refused (`InvalidDataError`) and
        nothing is loaded (see `loading`). The embedded store keeps its default graph the
        union of the named graphs itself. On an endpoint the SPARQL 1.1 Graph Store Protocol
        is used (`graph_store`, by default the endpoint URL with `/query` replaced by
        `/store`, as Oxigraph serves it), and `graph="default"` replaces its default graph:
        load `osce.ttl` there, as queries read the union from it. Each request to the endpoint
        must be answered within `timeout` seconds.
        """
        by_graph, sources = read_graphs(files, graph)
        if validate:
            refuse_invalid(by_graph, sources, self.context_for(by_graph), shapes)
        return self.put(by_graph, graph_store=graph_store, timeout=timeout)

    def context_for(self, graphs: Graphs) -> list[ox.Triple]:
        """What graphs to load point into (reference data, ontology): theirs, else ours."""
        found: list[ox.Triple] = []
        for name in context_graphs(self.iris):
            if name in graphs:
                found += graphs[name]
            elif self.store is not None:
                found += [
                    q.triple
                    for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(name))
                ]
            else:
                construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(name)} {{ ?s ?p ?o }} }}"
                found += self.query(construct).triples
        return found

    def put(
        self,
        by_graph: Graphs,
        *,
        graph_store: str | None = None,
        timeout: float = DEFAULT_LOAD_TIMEOUT,
    ) -> list[str]:
        """Replace the named graphs (see `load`) with the triples given; the graphs' names."""
        if self.store is not None:
            if DEFAULT_GRAPH in by_graph:
                raise UsageError(
                    "the store's default graph is the union of its named graphs, kept by "
                    "osce-rdf: load triples into a named graph (--graph IRI)"
                )
            quads = [
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
                for name, ts in by_graph.items()
                for t in ts
            ]
            replace_graphs(self.store, sorted(by_graph), quads)
            self.store.flush()
        else:
            assert self.endpoint is not None
            target = graph_store or self.endpoint.rsplit("/query", 1)[0] + "/store"
            for name, triples in sorted(by_graph.items()):
                _put_graph(target, name, triples, timeout)
        return sorted(by_graph)


def load_into_build(
    directory: Path,
    files: Iterable[Path],
    *,
    graph: str | None = None,
    validate: bool = True,
    shapes: Shapes | None = None,
    base: str = DEFAULT_BASE,
) -> list[str]:
    """`Dataset.load` into a build folder's store, then bring its text index in step.

    The graphs are validated with the store open to read only, so that a refused load
    leaves its files as they were. The index is written once the store is closed: until
    then RocksDB may still rewrite its files, and the index records them to know it fits.
    Like a build, a load holds the build folder's lock, so the two never write at once.
    """
    by_graph, sources = read_graphs(files, graph)
    reader = Dataset(store=open_store(directory), base=base)  # no store here: one line, now
    if validate:
        refuse_invalid(by_graph, sources, reader.context_for(by_graph), shapes)
    del reader  # closed before the store is opened to write
    with FolderLock(directory):
        index = TextIndex.open(directory)  # first: opening the store to write changes its files
        store = open_store(directory, read_only=False)
        replaced = Dataset(store=store, base=base).put(by_graph)
        added = [
            quad
            for name in replaced
            for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        ]
        del store
        update_text_index(directory, index, replaced, added)
    return replaced


def _put_graph(graph_store: str, name: str, triples: list[ox.Triple], timeout: float) -> None:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    query = "default" if name == DEFAULT_GRAPH else urllib.parse.urlencode({"graph": name})
    with exchange(
        f"{graph_store}?{query}",
        method="PUT",
        body=body,
        headers={"Content-Type": "application/n-triples"},
        timeout=timeout,
        shown_as=f"{graph_store} (loading {name})",
    ):
        pass


# What an endpoint may answer, by the media type it says; a type it does not say is read as
# what was asked for. Formats with XML entities (RDF/XML, XML results) are not read.
_GRAPH_ANSWERS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}
_RESULTS_ANSWERS = {"application/sparql-results+json", "application/json"}
_UNSAID = {"text/plain", "application/octet-stream"}


def _answer(endpoint: str, form: str, answer: Answer) -> QueryResult:
    """The endpoint's answer read as the query's result; `QueryError` when it is not one."""
    graph = form in {"CONSTRUCT", "DESCRIBE"}
    kind = answer.media_type
    if kind == "text/html":
        raise QueryError(
            f"{endpoint}: answered with a web page (text/html), not SPARQL results: "
            "is this the query URL of a SPARQL endpoint?"
        )
    expected = "N-Triples or Turtle" if graph else "SPARQL results JSON"
    known = _GRAPH_ANSWERS if graph else _RESULTS_ANSWERS
    if kind not in known and kind not in _UNSAID:
        raise QueryError(f"{endpoint}: answered {kind}, not {expected}")
    try:
        return _read_answer(endpoint, form, answer)
    except SyntaxError as error:
        detail = " ".join(str(error).split())[:300]
    # Raised outside the handler, so that the parser's objects the error's frames hold are
    # dropped here, on the thread that made them (see `_with_timeout`).
    raise QueryError(f"{endpoint}: the answer is not {expected}: {detail}")


def _read_answer(endpoint: str, form: str, answer: Answer) -> QueryResult:
    if form in {"CONSTRUCT", "DESCRIBE"}:
        rdf_format = _GRAPH_ANSWERS.get(answer.media_type, ox.RdfFormat.N_TRIPLES)
        return QueryResult(form, triples=list(ox.parse(answer.body, format=rdf_format)))
    found = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
    if (form == "ASK") != isinstance(found, ox.QueryBoolean):
        said = "a yes/no answer" if isinstance(found, ox.QueryBoolean) else "rows"
        del found  # not held by the error's frame, to be dropped on another thread
        raise QueryError(f"{endpoint}: answered {said} to the {form} query")
    return _collect(form, found)


def _collect(form: str, found: Any) -> QueryResult:
    if form == "ASK":
        return QueryResult(form, boolean=bool(found))
    if form in {"CONSTRUCT", "DESCRIBE"}:
        return QueryResult(form, triples=list(found))
    variables = [variable.value for variable in found.variables]
    rows = [dict(zip(variables, solution, strict=True)) for solution in found]
    return QueryResult(form, variables, rows)


def _with_timeout(work: Callable[[], QueryResult], timeout: float) -> QueryResult:
    """Run a query on a daemon thread and stop waiting after `timeout` seconds.

    The embedded engine cannot be interrupted; the command line exits (which stops it), and a
    Python caller gets `QueryError` while the abandoned query finishes in the background.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed back to the caller's thread
            # Without its traceback and context: they hold pyoxigraph objects, which must be
            # dropped on the thread that made them.
            error.__context__ = None
            outcome["error"] = error.with_traceback(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(f"the query did not finish within {timeout:g} s (--timeout)")
    if "error" in outcome:
        raise outcome["error"]
    result: QueryResult = outcome["result"]
    return result


def query(
    name_or_sparql: str,
    params: Mapping[str, str | Term] | None = None,
    source: Path | str | Dataset | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_service: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> QueryResult:
    """Run a catalogue query (by name) or SPARQL text against a build, file or endpoint;
    the options are `Dataset.query`'s.

    For example `query("counts-per-class", source="dist").rows()`.
    """
    dataset = source if isinstance(source, Dataset) else Dataset.open(source)
    return dataset.query(
        name_or_sparql, params, timeout=timeout, allow_service=allow_service, max_bytes=max_bytes
    )
