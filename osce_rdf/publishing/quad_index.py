"""A build's named graphs read once into memory, for the pattern lookups of `resources`.

Reading a quad from the store looks each term up in RocksDB; parsing a graph's text is many
times quicker (docs/decisions/0014, 0047). The site reads every resource, so it reads every
graph once, parsed from the build's TriG dump (the same pass that computes their digests, see
`dump_graphs`), and answers `quads_for_pattern` from dictionaries; the server, which reads a
few resources per request, asks the store.

The default graph is the union of the named graphs, as in the store: a lookup in it gives
each triple once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

__all__ = ["QuadIndex"]

Subject = ox.NamedNode | ox.BlankNode | ox.Triple
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Graph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


class QuadIndex:
    """Quads of named graphs, by subject, by IRI object, by predicate and by graph."""

    def __init__(self) -> None:
        self._by_subject: dict[Subject, list[ox.Quad]] = defaultdict(list)
        self._by_object: dict[ox.NamedNode, list[ox.Quad]] = defaultdict(list)
        self._by_predicate: dict[ox.NamedNode, list[ox.Quad]] = defaultdict(list)
        self._by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}

    def add_graph(self, name: str, quads: list[ox.Quad]) -> None:
        """A named graph's quads (all in the graph `name`, as the parser of its text made
        them: quicker than a quad made in Python from each triple's terms)."""
        self._by_graph[ox.NamedNode(name)] = quads
        by_subject, by_object, by_predicate = self._by_subject, self._by_object, self._by_predicate
        for quad in quads:
            by_subject[quad.subject].append(quad)
            by_predicate[quad.predicate].append(quad)
            if isinstance(quad.object, ox.NamedNode):
                by_object[quad.object].append(quad)

    def references(self, node: ox.NamedNode) -> int:
        """How many statements of the named graphs have `node` as their object."""
        return len(self._by_object.get(node, ()))

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        return iter(self._by_graph)

    def quads_for_pattern(
        self,
        subject: Subject | None,
        predicate: ox.NamedNode | None,
        object: Term | None,
        graph_name: Graph | None = None,
    ) -> Iterator[ox.Quad]:
        """As `Store.quads_for_pattern`; in the default graph, each triple once."""
        if isinstance(graph_name, ox.DefaultGraph):
            for quad in self.union(subject, predicate, object):
                yield ox.Quad(quad.subject, quad.predicate, quad.object, graph_name)
        else:
            yield from self._matching(subject, predicate, object, graph_name)

    def union(
        self, subject: Subject | None, predicate: ox.NamedNode | None, object: Term | None
    ) -> Iterator[ox.Quad]:
        """The pattern in the union of the named graphs: each triple once, as the quad of the
        first graph that holds it. For callers that read only the triple's terms: a quad made
        again in the default graph for each (`quads_for_pattern`) took ten times as long as
        the lookup itself (0.33 s against 0.03 s for every document's incoming links)."""
        seen: set[ox.Triple] = set()
        for quad in self._matching(subject, predicate, object, None):
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield quad

    def _matching(
        self,
        subject: Subject | None,
        predicate: ox.NamedNode | None,
        object: Term | None,
        graph_name: Graph | None,
    ) -> Iterable[ox.Quad]:
        """The quads of the named graphs (of `graph_name`, if it is one) that match."""
        # The quads of the most selective index, checked only for the terms it does not fix:
        # reading a term of a quad makes a Python object, and the site makes half a million
        # lookups.
        if isinstance(graph_name, ox.NamedNode):
            candidates: Iterable[ox.Quad] = self._by_graph.get(graph_name, ())
        elif subject is not None:
            candidates, subject = self._by_subject.get(subject, ()), None
        elif isinstance(object, ox.NamedNode):
            candidates, object = self._by_object.get(object, ()), None
        elif predicate is not None:
            candidates, predicate = self._by_predicate.get(predicate, ()), None
        else:
            candidates = (q for quads in self._by_graph.values() for q in quads)
        if subject is None and predicate is None and object is None:
            return candidates
        return (
            q
            for q in candidates
            if (subject is None or q.subject == subject)
            and (predicate is None or q.predicate == predicate)
            and (object is None or q.object == object)
        )
