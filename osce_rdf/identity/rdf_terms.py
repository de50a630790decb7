"""RDF term constructors shared by the mappings, on pyoxigraph's term model.

One term model for the whole pipeline (see docs/decisions/0002): pyoxigraph terms are made
in Rust, validated on creation (a bad IRI fails here, not in a consumer), and go to the
store, the serialisers and the SHACL engine without conversion.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from .namespaces import RDF_TYPE, XSD, term

__all__ = [
    "TYPE",
    "boolean",
    "date",
    "datetime",
    "integer",
    "iri",
    "text",
    "value",
    "vocab",
    "year",
    "year_or_month",
]


@cache
def vocab(prefixed: str) -> NamedNode:
    """A vocabulary term by prefixed name: `vocab("schema:headline")`."""
    return NamedNode(term(prefixed))


def iri(value: str) -> NamedNode:
    return NamedNode(value)


TYPE = NamedNode(RDF_TYPE)  # rdf:type as a term: Turtle's `a`
_DATE = NamedNode(XSD + "date")
_YEAR = NamedNode(XSD + "gYear")
_INTEGER = NamedNode(XSD + "integer")
_BOOLEAN = NamedNode(XSD + "boolean")
_DATETIME = NamedNode(XSD + "dateTime")
_YEAR_MONTH = NamedNode(XSD + "gYearMonth")


def text(value: str, language: str | None = None) -> Literal:
    return Literal(value, language=language) if language else Literal(value)


def date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=_DATE)


def datetime(value: dt.datetime) -> Literal:
    return Literal(value.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=_DATETIME)


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=_YEAR)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=_INTEGER)


def year_or_month(value: str) -> Literal:
    """`2007-11` as xsd:gYearMonth, `2007` as xsd:gYear."""
    return Literal(value, datatype=_YEAR_MONTH if len(value) == 7 else _YEAR)


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=_BOOLEAN)


def value(term: NamedNode | BlankNode | Literal | Triple) -> str:
    """The lexical value of a term (IRI, blank node label, literal text)."""
    return str(term) if isinstance(term, Triple) else term.value
