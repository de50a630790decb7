"""Deterministic Turtle, TriG and N-Triples text, block by block.

Outputs are assembled from blocks (one per named graph) so that a block can be cached with
its item and outputs can be streamed. Within a block triples are sorted (N-Triples order);
pyoxigraph writes them, grouping a subject's predicates with `;`. Every block is written with
the same prefix map, and a file declares that map once at its top.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

__all__ = ["Blocks", "nt_lines", "prefix_header", "sorted_triples"]

# The part of Turtle's PN_LOCAL our IRIs use: letters, digits, `_`, `-`, `.` (not last).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Distinct triples in N-Triples order: the order of every block the toolkit writes."""
    return sorted(set(triples), key=str)


def nt_lines(triples: Iterable[ox.Triple]) -> list[str]:
    return sorted({f"{triple} ." for triple in triples})


def prefix_header(prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(prefixes.items())) + "\n"


class Blocks:
    """Writes Turtle and TriG blocks (UTF-8) with one prefix map, without prefix declarations."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(sorted(prefixes.items()))
        # pyoxigraph declares every prefix it is given, in order, before the statements.
        self._declarations = "".join(
            f"@prefix {p}: <{iri}> .\n" for p, iri in self.prefixes.items()
        ).encode()

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
            ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
        )

    def trig(self, graph: str, turtle: bytes) -> bytes:
        """Turtle statements (from `turtle`) as one named graph in TriG.

        TriG's graph block is Turtle's statements inside braces; pyoxigraph writes literals
        on one line (newlines escaped), so indenting every line is safe and saves serialising
        the same triples twice.
        """
        if not turtle:
            return b""
        body = b"".join(b"\t" + line + b"\n" for line in turtle.rstrip(b"\n").split(b"\n"))
        return self.name(graph).encode("utf-8") + b" {\n" + body + b"}\n"

    def name(self, iri: str) -> str:
        """An IRI as Turtle writes it: a prefixed name when one fits, else `<iri>`."""
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and _LOCAL.match(iri, len(namespace)):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"
