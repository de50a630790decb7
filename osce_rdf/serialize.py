"""Deterministic Turtle, TriG and N-Triples text, block by block.

Outputs are assembled from blocks (one per named graph) so that a block can be cached with
its item and outputs can be streamed. Within a block triples are sorted; pyoxigraph writes
them, grouping a subject's predicates with `;`. Every block is written with the same prefix
map, and a file declares that map once at its top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

__all__ = ["nt_lines", "prefix_header", "sorted_triples", "trig_block", "turtle_block"]


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Distinct triples in N-Triples order: the order of every block the toolkit writes."""
    return sorted(set(triples), key=str)


def nt_lines(triples: Iterable[ox.Triple]) -> list[str]:
    return sorted({f"{triple} ." for triple in triples})


def prefix_header(prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(prefixes.items())) + "\n"


def _without_prefixes(data: bytes | None) -> str:
    assert data is not None  # serialize() returns the bytes when given no output
    text = data.decode("utf-8")
    lines = text.split("\n")
    start = 0
    while start < len(lines) and lines[start].startswith(("@prefix", "@base")):
        start += 1
    return "\n".join(lines[start:])


def turtle_block(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> str:
    """Sorted triples as Turtle statements, without prefix declarations."""
    ordered = sorted_triples(triples)
    if not ordered:
        return ""
    return _without_prefixes(
        ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes))
    )


def trig_block(
    graph: ox.NamedNode, triples: Iterable[ox.Triple], prefixes: Mapping[str, str]
) -> str:
    """One named graph as TriG, without prefix declarations."""
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in sorted_triples(triples)]
    if not quads:
        return ""
    return _without_prefixes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=dict(prefixes)))
