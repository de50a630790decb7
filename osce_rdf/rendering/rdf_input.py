"""Reading RDF files the user gives: the format from the extension (or named), errors with a line.

An RDF/XML file may declare XML entities, which the parser expands: ten nested entities of
ten references each ask an 800-byte file for gigabytes ("billion laughs"), and the parser
aborted the process. Entities are allowed (OWL files name their namespaces with them), but
what they expand to is counted first, with Python's expat, and a file whose entities would
add more than ten times its size (at least 1 MiB) is refused with one line. Files without
entity declarations, all but a few, are only read up to their first element for that.
"""

from __future__ import annotations

import io
import xml.parsers.expat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from ..errors import InputError, UsageError

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
    path: Path | bytes | IO[bytes],
    shown_as: str | None = None,
    *,
    rdf_format: ox.RdfFormat | None = None,
    base_iri: str | None = None,
) -> Iterator[ox.Quad]:
    """The quads of an RDF file (or of its bytes, read from standard input, or of an open
    file), in the format its extension says unless `rdf_format` is given; `InputError` naming the file and line
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
        if rdf_format == ox.RdfFormat.RDF_XML:
            if not isinstance(path, Path | bytes):
                path = path.read()  # checked whole before it is parsed
            _check_entities(path, name)
        if isinstance(path, Path):
            yield from ox.parse(path=str(path), format=rdf_format, base_iri=base_iri)
        else:
            yield from ox.parse(path, format=rdf_format, base_iri=base_iri)
    except SyntaxError as error:
        message = str(error).split(": ", 1)[-1] if ": " in str(error) else str(error)
        if "remote context" in message:
            message = "its @context is a URL, which is not fetched: give the context inline"
        message = " ".join(message.split())  # one line, whatever the parser quotes
        raise InputError(name, error.lineno, f"not valid {rdf_format.name}: {message}") from None
    except OSError as error:
        raise InputError(name, None, f"cannot read: {error.strerror or error}") from None


_ENTITY_GROWTH = 10  # times the file's size that entities may add
_ENTITY_ALLOWANCE = 1 << 20  # characters they may add in any case


class _NoEntities(Exception):  # noqa: N818 - a signal that stops the parse, not an error
    """The first element is reached: from here entities either exist or never will."""


class _TooLargeError(Exception):
    """Entity references have added more text than allowed."""


def _check_entities(path: Path | bytes, name: str) -> None:
    """Refuse an XML file whose entity references expand past the bound (see the module)."""
    size = path.stat().st_size if isinstance(path, Path) else len(path)
    limit = max(_ENTITY_ALLOWANCE, _ENTITY_GROWTH * size)
    parser = xml.parsers.expat.ParserCreate()
    declared: list[str] = []
    read = 0

    def add(length: int) -> None:
        nonlocal read
        read += length
        if read > limit:
            raise _TooLargeError

    def start(tag: str, attributes: dict[str, str]) -> None:
        if not declared:
            raise _NoEntities
        add(sum(map(len, attributes.values())))

    def entity(entity_name: str, *details: Any) -> None:
        declared.append(entity_name)

    parser.StartElementHandler = start
    parser.CharacterDataHandler = lambda text: add(len(text))
    parser.EntityDeclHandler = entity
    breach = xml.parsers.expat.errors.codes[
        xml.parsers.expat.errors.XML_ERROR_AMPLIFICATION_LIMIT_BREACH
    ]
    with path.open("rb") if isinstance(path, Path) else io.BytesIO(path) as source:
        try:
            parser.ParseFile(source)
        except _NoEntities:
            return
        except _TooLargeError:
            pass
        except xml.parsers.expat.ExpatError as error:
            if error.code != breach:
                reason = xml.parsers.expat.ErrorString(error.code)
                raise InputError(name, error.lineno, f"not valid XML: {reason}") from None
        else:
            return
    raise InputError(
        name,
        parser.CurrentLineNumber,
        f"XML entities expand past {limit:,} characters ({_ENTITY_GROWTH} times the file, at "
        f"least {_ENTITY_ALLOWANCE:,}): refused, as a 'billion laughs' file would be",
    )
