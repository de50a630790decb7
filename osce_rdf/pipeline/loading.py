"""What `load` reads and checks before it changes a store, an endpoint or a dataset file.

The files' quads are gathered by named graph, and the graphs are validated against the
shapes with the reference data and ontology they point into (those of the files when they
bring them, else those already in the target): a graph with a violation is refused, and
nothing is loaded, so a store never holds data that `validate` would fail. A dataset file
(`.trig`, `.nq`, `.jsonld`) is a target too: its graphs are replaced and it is written anew,
atomically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..errors import InvalidDataError, UsageError
from ..identity.iris import DEFAULT_BASE, Iris, absolute_iri
from ..identity.rdf_terms import value
from ..rendering.export import export, export_format
from ..rendering.jsonld_context import load_context
from ..rendering.rdf_input import read_quads
from ..validation.shacl import Shapes, Validator, severity_counts

__all__ = [
    "DEFAULT_GRAPH",
    "Graphs",
    "context_graphs",
    "load_into_file",
    "read_graphs",
    "refuse_invalid",
]

DEFAULT_GRAPH = "default"  # `load --graph default`: the target's default graph
Graphs = dict[str, list[ox.Triple]]  # graph name -> its triples, as the files give them
# Graphs validated together: about a build's batch of pages (validation's cost grows with
# the size of a unit; see `validation`).
_UNIT_TRIPLES = 20_000


def read_graphs(files: Iterable[Path], graph: str | None = None) -> tuple[Graphs, dict[str, str]]:
    """The files' triples by graph, and the file each graph came from (the first).

    Triples outside any named graph go to `graph` (required for files that have such).
    """
    if graph is not None and graph != DEFAULT_GRAPH:
        absolute_iri(graph, "graph")
    graphs: Graphs = {}
    sources: dict[str, str] = {}
    for file in files:
        for quad in read_quads(file):
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else graph
            if name is None:
                raise UsageError(
                    f"{file}: triples outside a named graph; say which graph with --graph"
                )
            graphs.setdefault(name, []).append(quad.triple)
            sources.setdefault(name, str(file))
    return graphs, sources


def context_graphs(iris: Iris) -> tuple[str, str]:
    """The graphs that items point into: the reference data and the ontology."""
    return iris.reference_graph, iris.ontology_graph


def refuse_invalid(
    graphs: Graphs,
    sources: dict[str, str],
    context: Sequence[ox.Triple],
    shapes: Shapes | None = None,
) -> None:
    """Validate the graphs to load; `InvalidDataError` with every result when one is a violation.

    Each result names the file its focus node came from. `context` is the reference data
    and ontology the graphs point into.
    """
    validator = Validator(shapes)
    units: list[list[str]] = [[]]
    size = 0
    for name in sorted(graphs):
        if size > _UNIT_TRIPLES:
            units.append([])
            size = 0
        units[-1].append(name)
        size += len(graphs[name])
    results = []
    for unit in units:
        triples = list(dict.fromkeys(t for name in unit for t in graphs[name]))
        found = validator.validate_unit(triples, context)
        if found:
            subjects = {value(t.subject): sources[name] for name in unit for t in graphs[name]}
            results += [r.located(subjects.get(r.focus), None) for r in found]
    if severity_counts(results)["Violation"]:
        raise InvalidDataError(results)


def load_into_file(
    target: Path,
    files: Iterable[Path],
    *,
    graph: str | None = None,
    validate: bool = True,
    shapes: Shapes | None = None,
    base: str = DEFAULT_BASE,
) -> list[str]:
    """Add or replace graphs of a dataset file (TriG, N-Quads, JSON-LD), written anew in its
    own format; return the graphs replaced. `graph="default"` is the file's default graph."""
    fmt = export_format(None, target)
    if fmt not in ("trig", "nquads", "jsonld"):
        raise UsageError(
            f"{target}: a {fmt} file holds no named graphs; load into a .trig, .nq or .jsonld "
            "file, or a build folder"
        )
    graphs, sources = read_graphs(files, graph)
    existing = read_quads(target) if target.exists() else iter(())
    kept = [quad for quad in existing if _name(quad.graph_name) not in graphs]
    if validate:
        wanted = set(context_graphs(Iris(base)))
        context = [
            *(q.triple for q in kept if _name(q.graph_name) in wanted),
            *(t for name in wanted & set(graphs) for t in graphs[name]),
        ]
        refuse_invalid(graphs, sources, context, shapes)
    added = [
        ox.Quad(t.subject, t.predicate, t.object, _graph_term(name))
        for name, triples in graphs.items()
        for t in triples
    ]
    export([*kept, *added], fmt, target, load_context(base))
    return sorted(graphs)


def _name(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    return graph.value if isinstance(graph, ox.NamedNode) else DEFAULT_GRAPH


def _graph_term(name: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if name == DEFAULT_GRAPH else ox.NamedNode(name)
