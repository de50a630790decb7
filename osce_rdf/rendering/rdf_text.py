"""Deterministic Turtle, TriG and N-Triples text, block by block.

Outputs are assembled from blocks (one per named graph) so that a block can be cached with
its item and outputs can be streamed. Within a block triples are sorted (N-Triples order);
pyoxigraph writes them, grouping a subject's predicates with `;`. Every block is written with
the same prefix map, and a file declares that map once at its top.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from ..identity.prefixes import Prefixes

__all__ = ["Blocks", "nt_lines", "sorted_triples"]


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Distinct triples in N-Triples order: the order of every block the toolkit writes."""
    return sorted(set(triples), key=str)


def nt_lines(triples: Iterable[ox.Triple]) -> list[str]:
    return sorted({f"{triple} ." for triple in triples})


class Blocks:
    """Writes Turtle and TriG blocks (UTF-8) with one prefix map, without prefix declarations."""

    def __init__(self, prefixes: Prefixes) -> None:
        self.prefixes = prefixes
        self._namespaces = prefixes.as_dict()
        # pyoxigraph declares every prefix it is given, in order, before the statements.
        self._declarations = prefixes.turtle_header().removesuffix("\n").encode()

    def _strip(self, data: bytes | None) -> bytes:
        assert data is not None  # serialize() returns the bytes when given no output
        if data.startswith(self._declarations):
            return data[len(self._declarations) :]
        lines = data.split(b"\n")  # a pyoxigraph that declares only what it uses
        while lines and lines[0].startswith(b"@prefix"):
            lines.pop(0)
        return b"\n".join(lines)

    def turtle(self, ordered: Sequence[ox.Triple]) -> bytes:
        """Triples already in `sorted_triples` order, as Turtle statements."""
        if not ordered:
            return b""
        return self._strip(
            ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=self._namespaces)
        )

    def trig(self, graph: str, turtle: bytes) -> bytes:
        """Turtle statements (from `turtle`) as one named graph in TriG.

        TriG's graph block is Turtle's statements inside braces; pyoxigraph writes literals
        on one line (newlines escaped), so indenting every line is safe and saves serialising
        the same triples twice.
        """
        if not turtle:
            return b""
        body = b"\t" + turtle.rstrip(b"\n").replace(b"\n", b"\n\t") + b"\n"
        return self.prefixes.turtle_name(graph).encode("utf-8") + b" {\n" + body + b"}\n"
