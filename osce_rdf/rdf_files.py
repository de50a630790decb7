"""Reading RDF files the user gives: the format from the extension, errors with a line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError

__all__ = ["RDF_FORMATS", "is_rdf_file", "read_quads"]

RDF_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def is_rdf_file(path: Path) -> bool:
    return path.suffix.lower() in RDF_FORMATS


def read_quads(path: Path, shown_as: str | None = None) -> Iterator[ox.Quad]:
    """The quads of an RDF file; `InputError` naming the file and line when it is not valid."""
    name = shown_as or str(path)
    try:
        rdf_format = RDF_FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(
            name, None, f"unknown RDF file extension {path.suffix!r} (known: {known})"
        ) from None
    try:
        yield from ox.parse(path=str(path), format=rdf_format)
    except SyntaxError as error:
        message = str(error).split(": ", 1)[-1] if ": " in str(error) else str(error)
        raise InputError(name, error.lineno, f"not valid {rdf_format.name}: {message}") from None
    except OSError as error:
        raise InputError(name, None, f"cannot read: {error.strerror or error}") from None
