"""What each named graph of a build's store holds, as a digest: what changed since last time.

Publishing sends only the graphs whose digest changed since the last publish to an endpoint.
A digest is the
BLAKE2b of the graph's N-Triples lines in sorted order, so it depends on the triples alone,
not on the order a store keeps them in. The N-Triples come from pyoxigraph's own writer, one
graph at a time. (The site, which reads every graph, reads them from the build's TriG dump
instead: `dump_graphs`.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["GraphDigest", "digest_of", "graph_contents", "graph_digests"]


@dataclass(frozen=True, slots=True)
class GraphDigest:
    digest: str
    triples: int


def digest_of(ntriples: bytes) -> GraphDigest:
    """The digest of N-Triples text (one triple a line), whatever the order of its lines."""
    lines = sorted(line for line in ntriples.split(b"\n") if line.strip())
    hashed = hashlib.blake2b(b"\n".join(lines), digest_size=16).hexdigest()
    return GraphDigest(hashed, len(lines))


def graph_contents(store: ox.Store) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, its triples as N-Triples) for every named graph, in IRI order."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        yield name, data or b""


def graph_digests(store: ox.Store) -> dict[str, GraphDigest]:
    """Every named graph's digest and size."""
    return {name: digest_of(data) for name, data in graph_contents(store)}
