"""Query parameters: friendly values as typed RDF terms, never as query text.

`--param state=Belgium` becomes the IRI of Belgium (by any of its names, or its ISO code),
`--param year=2008` an `xsd:integer`, `--param from=2008-07-17` an `xsd:date`. A value that
names nothing known, or is not of its parameter's type (a status other than the ones listed,
a count of 0, a prefix no vocabulary has), fails with what would do, so a typo is caught
before the query runs rather than answered with no rows.
Whatever the value, it ends up a term: a string full of quotes and braces is a literal that
matches nothing. A value that cannot be the term its type asks for is refused, not bound to
something that quietly matches nothing or everything: a blank value, an IRI with a character
IRIs cannot hold, a whole number beyond the 64-bit range SPARQL engines compute in.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from ..errors import QueryError
from ..identity.iris import Iris
from ..identity.namespaces import XSD
from ..identity.prefixes import Prefixes
from ..reading.dates import DateError, parse_date
from ..reference import Reference
from ..reference.resolve import Resolver

__all__ = ["LARGEST_COUNT", "TYPES", "Binder", "guess_term", "in_order"]

TYPES = (
    "iri",
    "curie",
    "string",
    "integer",
    "count",  # how many rows: a whole number from 1 to LARGEST_COUNT
    "year",
    "date",
    "state",
    "unit",
    "field",
    "place",
    "content-type",
)
# A count beyond this asks for more rows than a table shows or a query ranks in good time.
LARGEST_COUNT = 10_000
_INTEGER = ox.NamedNode(XSD + "integer")
_DATE = ox.NamedNode(XSD + "date")
# Schemes of IRIs given as such; any other `x:y` of a curie parameter is a prefixed name.
_SCHEMES = frozenset({"http", "https", "urn", "tag", "mailto", "file", "doi"})
# Oxigraph (like most engines) computes xsd:integer in 64 bits: a larger value is not a
# number to it, so every comparison with it fails.
_INTEGER_RANGE = (-(2**63), 2**63 - 1)


class Binder:
    """Turns parameter values into RDF terms, with the reference data and IRIs of a dataset."""

    def __init__(self, reference: Reference, iris: Iris) -> None:
        self.reference = reference
        self.iris = iris
        self.resolver = Resolver(reference)
        self.prefixes = Prefixes.for_data(iris)

    def term(self, name: str, kind: str, raw: str) -> ox.NamedNode | ox.Literal:
        """The term for `raw` as a parameter of type `kind`; `QueryError` names the parameter."""
        if "|" in kind:  # the values it takes
            return self._choice(name, kind.split("|"), raw.strip())
        converters: dict[str, Callable[[str], ox.NamedNode | ox.Literal]] = {
            "iri": self._iri, "curie": self._curie, "string": ox.Literal, "integer": self._integer,
            "count": self._count,
            "year": self._year, "date": self._date, "state": self._state, "unit": self._unit,
            "field": lambda v: self._concept("field", v), "place": self._place,
            "content-type": lambda v: self._concept("content-type", v),
        }  # fmt: skip
        if kind not in converters:
            raise QueryError(f"parameter {name}: unknown type {kind!r}")
        try:
            return converters[kind](_given(raw))
        except QueryError as error:
            raise QueryError(f"parameter {name}: {error}") from None

    def _iri(self, value: str) -> ox.NamedNode:
        return _named_node(value.removeprefix("<").removesuffix(">"), value)

    def _choice(self, name: str, choices: list[str], value: str) -> ox.Literal:
        if value not in choices:
            raise QueryError(f"parameter {name}: {value!r} is not one of {', '.join(choices)}")
        return ox.Literal(value)

    def _curie(self, value: str) -> ox.NamedNode:
        prefix, _, local = value.partition(":")
        expanded = self.prefixes.expand(value) if not local.startswith("//") else None
        if expanded is not None:
            return _named_node(expanded, value)
        if value.startswith("<") or prefix.lower() in _SCHEMES:
            return self._iri(value)
        # "zz:be" would be an IRI of the scheme "zz": no data has one, and no rows would say why.
        close = difflib.get_close_matches(prefix, sorted(self.prefixes), n=3)
        hint = f"close matches: {', '.join(close)}" if close else "an IRI in <...>"
        raise QueryError(f"{value!r}: no prefix {prefix!r} is known ({hint})")

    def _integer(self, value: str) -> ox.Literal:
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"{value!r} is not a whole number")
        return _integer_literal(value)

    def _count(self, value: str) -> ox.Literal:
        if not re.fullmatch(r"\+?\d+", value) or not 1 <= int(value) <= LARGEST_COUNT:
            raise QueryError(f"{value!r} is not a whole number from 1 to {LARGEST_COUNT:,}")
        return ox.Literal(str(int(value)), datatype=_INTEGER)

    def _year(self, value: str) -> ox.Literal:
        if not re.fullmatch(r"\d{4}", value):
            raise QueryError(f"{value!r} is not a year (four digits)")
        return ox.Literal(value, datatype=_INTEGER)

    def _date(self, value: str) -> ox.Literal:
        try:
            found = parse_date(value)
        except DateError as error:
            raise QueryError(str(error)) from None
        if found is None or found.year is None:
            raise QueryError(f"{value!r} is not a date (2008-07-17, 17 July 2008)")
        resolved = found.resolve(None)
        assert resolved is not None
        return ox.Literal(resolved.isoformat(), datatype=_DATE)

    def _known(self, value: str, kind: str, names: Iterable[str]) -> QueryError:
        close = difflib.get_close_matches(value, sorted(set(names)), n=5, cutoff=0.6)
        hint = f"; close matches: {', '.join(close)}" if close else ""
        return QueryError(f"no {kind} named {value!r}{hint}")

    def _state(self, value: str) -> ox.NamedNode:
        if "://" in value:
            return self._iri(value)
        for country in self.reference.countries:
            if value.upper() in {country.iso2, country.iso3}:
                return ox.NamedNode(self.iris.of("country", country.key))
        found = self.resolver.country(value)
        if found is None:
            names = [
                n
                for c in self.reference.countries
                for n in (c.name, *c.former_names, *c.short_names)
            ]
            raise self._known(value, "State or partner", names)
        return ox.NamedNode(self.iris.of("country", found.key))

    def _unit(self, value: str) -> ox.NamedNode:
        if "://" in value:
            return self._iri(value)
        if any(u.key == value for u in self.reference.units):
            return ox.NamedNode(self.iris.of("unit", value))
        found = self.resolver.unit(value)
        if not found.known:
            names = [n for u in self.reference.units for n in (u.name, *u.abbreviations)]
            raise self._known(value, "unit", names)
        return ox.NamedNode(self.iris.of("unit", found.key))

    def _place(self, value: str) -> ox.NamedNode:
        if "://" in value:
            return self._iri(value)
        found = self.resolver.place(value)
        if not found.known:
            raise self._known(value, "place", [p.name for p in self.reference.places])
        return ox.NamedNode(self.iris.of("place", found.key))

    def _concept(self, scheme: str, value: str) -> ox.NamedNode:
        if "://" in value:
            return self._iri(value)
        found = self.resolver.concept(scheme, value)
        if not found.known:
            labels = [c.label for c in self.reference.concepts if c.scheme == scheme]
            raise self._known(value, scheme.replace("-", " "), labels)
        return ox.NamedNode(self.iris.of(scheme, found.key))


def in_order(low: ox.NamedNode | ox.Literal, high: ox.NamedNode | ox.Literal) -> bool:
    """Whether `low` is not after `high`: numbers by value, dates and text as written."""
    if isinstance(low, ox.Literal) and isinstance(high, ox.Literal):
        if low.datatype == _INTEGER and high.datatype == _INTEGER:
            return int(low.value) <= int(high.value)
        return low.value <= high.value
    return True


def guess_term(name: str, value: str, prefixes: Prefixes) -> ox.NamedNode | ox.Literal:
    """A parameter of an ad-hoc query (no declared type): IRI, prefixed name, number, date or text."""
    try:
        return _guess(_given(value), prefixes)
    except QueryError as error:
        raise QueryError(f"parameter {name}: {error}") from None


def _guess(value: str, prefixes: Prefixes) -> ox.NamedNode | ox.Literal:
    if (value.startswith("<") and value.endswith(">")) or re.match(r"^https?://", value):
        return _named_node(value.removeprefix("<").removesuffix(">"), value)
    local = value.partition(":")[2]
    expanded = prefixes.expand(value) if re.fullmatch(r"[\w.-]+", local) else None
    if expanded is not None:
        return ox.NamedNode(expanded)
    if re.fullmatch(r"[+-]?\d+", value):
        return _integer_literal(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return ox.Literal(value, datatype=_DATE)
    return ox.Literal(value)


def _given(raw: str) -> str:
    """The value without surrounding blanks; a blank value is refused, never bound."""
    value = raw.strip()
    if not value:
        raise QueryError("no value given (it is empty or blank)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError("the value holds bytes that are not UTF-8") from None
    return value


def _named_node(iri: str, written: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise QueryError(f"{written!r} is not an absolute IRI ({error})") from None


def _integer_literal(digits: str) -> ox.Literal:
    number = int(digits)
    low, high = _INTEGER_RANGE
    if not low <= number <= high:
        raise QueryError(f"{digits} is out of range (a whole number from {low} to {high})")
    return ox.Literal(str(number), datatype=_INTEGER)
