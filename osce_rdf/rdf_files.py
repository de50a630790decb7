"""Reading RDF files the user gives: the format from the extension (or named), errors with a line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, UsageError

__all__ = ["FORMAT_NAMES", "RDF_FORMATS", "format_named", "is_rdf_file", "read_quads"]

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

# Formats by the names the command line uses (`export --format` writes the first five).
FORMAT_NAMES = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def is_rdf_file(path: Path) -> bool:
    return path.suffix.lower() in RDF_FORMATS


def format_named(name: str) -> ox.RdfFormat:
    try:
        return FORMAT_NAMES[name]
    except KeyError:
        raise UsageError(
            f"unknown RDF format {name!r}; choose one of {', '.join(FORMAT_NAMES)}"
        ) from None


def read_quads(
    path: Path | bytes,
    shown_as: str | None = None,
    *,
    rdf_format: ox.RdfFormat | None = None,
    base_iri: str | None = None,
) -> Iterator[ox.Quad]:
    """The quads of an RDF file (or of its bytes, read from standard input), in the format
    its extension says unless `rdf_format` is given; `InputError` naming the file and line
    when it is not valid. Relative IRIs resolve against `base_iri`."""
    name = shown_as or str(path)
    if rdf_format is None:
        suffix = path.suffix.lower() if isinstance(path, Path) else ""
        try:
            rdf_format = RDF_FORMATS[suffix]
        except KeyError:
            known = ", ".join(sorted(RDF_FORMATS))
            raise InputError(
                name, None, f"unknown RDF file extension {suffix!r} (known: {known})"
            ) from None
    try:
        if isinstance(path, Path):
            yield from ox.parse(path=str(path), format=rdf_format, base_iri=base_iri)
        else:
            yield from ox.parse(path, format=rdf_format, base_iri=base_iri)
    except SyntaxError as error:
        message = str(error).split(": ", 1)[-1] if ": " in str(error) else str(error)
        if "remote context" in message:
            message = "its @context is a URL, which is not fetched: give the context inline"
        raise InputError(name, error.lineno, f"not valid {rdf_format.name}: {message}") from None
    except OSError as error:
        raise InputError(name, None, f"cannot read: {error.strerror or error}") from None
