"""Questions to the dataset: a build's embedded store, an RDF file, or any SPARQL endpoint.

`Dataset` is where a query runs; `query()` runs a named query of the catalogue or SPARQL text.
Queries are read-only (see `sparql_checks`) and stop after a timeout. Parameters are bound
as RDF terms with SPARQL's own binding syntax: the query's `VALUES ?name { UNDEF }` gets a row
with the term, serialised by pyoxigraph (so a value full of quotes and braces is one escaped
literal), the same way on the embedded store and on a remote endpoint, which therefore give
the same rows (tests/test_remote.py checks it on a real Oxigraph server). Oxigraph's own
bindings (SEP-0007 substitutions) were the first choice, but they only bind variables that
the query projects, and parameters usually are not projected.

A build folder's text index (see `text_index`) narrows a catalogue query that declares it to
the items whose texts may match; the query's own filter still decides, so the rows do not
change, only the time (full-text-search: 1.1 s -> 0.3 s at 25,000 pages).

Queries read the default graph, which holds the union of the named graphs, each triple once
(see `store`). An endpoint must hold the same: `osce-rdf load --endpoint URL osce.trig
osce.ttl --graph default` puts the named graphs and the union there. (`oxigraph serve
--union-default-graph` also answers, but counts a triple once per graph that holds it.)
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .bundled import REFERENCE_DIR
from .catalogue import NamedQuery, catalogue
from .errors import QueryError, UsageError
from .iris import DEFAULT_BASE, Iris
from .namespaces import VOCABULARIES
from .parameters import Binder, guess_term
from .rdf_files import is_rdf_file, read_quads
from .reference import load_reference
from .results import QueryResult
from .sparql_checks import check_query
from .store import STORE_DIR, open_store, replace_graphs
from .text_index import TextIndex, update_text_index

__all__ = ["DEFAULT_TIMEOUT", "Dataset", "load_into_build", "query"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_GRAPH = "default"  # `load --graph default`: an endpoint's default graph
Term = ox.NamedNode | ox.Literal
# More candidates than this and reading every text is as quick as naming them in the query.
_MOST_CANDIDATES = 8000


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
        self.prefixes = dict(VOCABULARIES) | self.iris.prefixes()

    @classmethod
    def open(cls, source: Path | str | None = None, *, base: str = DEFAULT_BASE) -> Dataset:
        """A build folder (its store), an RDF file (read into memory), or an endpoint URL."""
        if isinstance(source, str) and source.startswith(("http://", "https://")):
            return cls(endpoint=source, base=base)
        path = Path(source) if source is not None else Path("dist")
        if path.is_dir():
            if not (path / STORE_DIR).is_dir():
                raise UsageError(f"{path}: no store here; run `osce-rdf build -o {path}` first")
            index = TextIndex.open(path)
            return cls(store=open_store(path), base=base, text_index=index)
        if path.is_file() and is_rdf_file(path):
            store = ox.Store()
            quads = list(read_quads(path))
            store.bulk_extend(quads)
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
            return cls(store=store, base=base)
        raise UsageError(f"{path}: neither a build folder nor an RDF file")

    def binder(self) -> Binder:
        return Binder(load_reference(self._reference_dir), self.iris)

    def shorten(self, iri: str) -> str:
        """An IRI as a prefixed name, for tables."""
        best = max(
            (p for p, ns in self.prefixes.items() if iri.startswith(ns)),
            key=lambda p: len(self.prefixes[p]),
            default=None,
        )
        return f"{best}:{iri[len(self.prefixes[best]) :]}" if best else iri

    def query(
        self,
        name_or_sparql: str,
        params: Mapping[str, str | Term] | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        allow_service: bool = False,
    ) -> QueryResult:
        """Run a catalogue query by name, or SPARQL text, with its parameters bound."""
        named = catalogue().get(name_or_sparql)
        text = named.text if named else name_or_sparql
        terms = self._terms(named, params or {})
        form = check_query(text, allow_service=allow_service)
        bound = _bind(text, terms)
        if named is not None and named.text_index is not None and self.text_index is not None:
            bound = self._narrow(bound, named.text_index, terms)
        if self.store is not None:
            return _with_timeout(lambda: self._local(form, bound), timeout)
        return self._remote(form, bound, timeout)

    def _terms(self, named: NamedQuery | None, params: Mapping[str, str | Term]) -> dict[str, Term]:
        """The parameters as terms: typed by the catalogue's header, or guessed for ad-hoc SPARQL."""
        if named is None:
            return {
                name: guess_term(given, self.prefixes) if isinstance(given, str) else given
                for name, given in params.items()
            }
        for name in params:
            named.parameter(name)  # an unknown name fails here, listing the known ones
        terms: dict[str, Term] = {}
        binder: Binder | None = None
        for parameter in named.parameters:
            given = params.get(parameter.name) or parameter.default
            if not given:
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
        return terms

    def _narrow(self, text: str, declared: tuple[str, str], terms: Mapping[str, Term]) -> str:
        """Bind the declared variable to the items the text index finds for the parameter."""
        assert self.text_index is not None
        parameter, variable = declared
        term = terms.get(parameter)
        if not isinstance(term, ox.Literal):
            return text
        candidates = self.text_index.candidates(term.value)
        if candidates is None or len(candidates) > _MOST_CANDIDATES:
            return text
        return _fill(text, variable, [ox.NamedNode(item) for item in candidates])

    def _local(self, form: str, text: str) -> QueryResult:
        assert self.store is not None
        try:
            return _collect(form, self.store.query(text))
        except SyntaxError as error:
            raise QueryError(f"not valid SPARQL: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:  # evaluation: SERVICE, a bad regex
            raise QueryError(f"the query failed: {error}") from None

    def _remote(self, form: str, text: str, timeout: float) -> QueryResult:
        assert self.endpoint is not None
        accept = (
            "application/n-triples"
            if form in {"CONSTRUCT", "DESCRIBE"}
            else "application/sparql-results+json"
        )
        # As a form, which every endpoint reads (Virtuoso 7 waits forever on a query sent
        # as an application/sparql-query body).
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode({"query": text}).encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip().splitlines()
            raise QueryError(
                f"{self.endpoint} answered {error.code}: {detail[0] if detail else error.reason}"
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise QueryError(f"{self.endpoint}: {reason}") from None
        if form in {"CONSTRUCT", "DESCRIBE"}:
            return QueryResult(form, triples=list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)))
        return _collect(form, ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))

    def load(
        self, files: Iterable[Path], *, graph: str | None = None, graph_store: str | None = None
    ) -> list[str]:
        """Add or replace named graphs from RDF files; return the graphs replaced.

        Triples outside any named graph go to `graph` (required for such files). The embedded
        store keeps its default graph the union of the named graphs itself. On an endpoint
        the SPARQL 1.1 Graph Store Protocol is used (`graph_store`, by default the endpoint
        URL with `/query` replaced by `/store`, as Oxigraph serves it), and `graph="default"`
        replaces its default graph: load `osce.ttl` there, as queries read the union from it.
        """
        by_graph: dict[str, list[ox.Triple]] = {}
        for file in files:
            for quad in read_quads(file):
                name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else graph
                if name is None:
                    raise UsageError(
                        f"{file}: triples outside a named graph; say which graph with --graph"
                    )
                by_graph.setdefault(name, []).append(quad.triple)
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
                _put_graph(target, name, triples)
        return sorted(by_graph)


def load_into_build(
    directory: Path, files: Iterable[Path], *, graph: str | None = None
) -> list[str]:
    """`Dataset.load` into a build folder's store, then bring its text index in step.

    The index is written once the store is closed: until then RocksDB may still rewrite its
    files, and the index records them to know it fits.
    """
    index = TextIndex.open(directory)  # first: opening the store to write changes its files
    store = open_store(directory, read_only=False)
    replaced = Dataset(store=store).load(files, graph=graph)
    added = [
        quad
        for name in replaced
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name))
    ]
    del store
    update_text_index(directory, index, replaced, added)
    return replaced


def _bind(text: str, terms: Mapping[str, Term]) -> str:
    """Give each parameter's `VALUES ?name { UNDEF }` a row with its term."""
    for name, term in terms.items():
        text = _fill(text, name, [term])
    return text


def _fill(text: str, name: str, rows: Iterable[Term]) -> str:
    """`VALUES ?name { UNDEF }` with one row per term instead (every such line of the query)."""
    placeholder = f"VALUES ?{name} {{ UNDEF }}"
    if placeholder not in text:
        raise QueryError(f"to bind ?{name}, the query needs `{placeholder}` where it applies")
    # str(term) is the N-Triples form, escaped by pyoxigraph: the value cannot end the row.
    return text.replace(placeholder, f"VALUES ?{name} {{ {' '.join(map(str, rows))} }}")


def _put_graph(graph_store: str, name: str, triples: list[ox.Triple]) -> None:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    query = "default" if name == DEFAULT_GRAPH else urllib.parse.urlencode({"graph": name})
    url = f"{graph_store}?{query}"
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/n-triples"}, method="PUT"
    )
    try:
        with urllib.request.urlopen(request, timeout=60):
            pass
    except urllib.error.URLError as error:
        raise QueryError(
            f"{graph_store}: loading {name} failed: {getattr(error, 'reason', error)}"
        ) from None


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
    **options: Any,
) -> QueryResult:
    """Run a catalogue query (by name) or SPARQL text against a build, file or endpoint.

    >>> rows = query("counts-per-class", source="dist").rows()  # doctest: +SKIP
    """
    dataset = source if isinstance(source, Dataset) else Dataset.open(source)
    return dataset.query(name_or_sparql, params, **options)
