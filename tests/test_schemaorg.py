"""schema.org conformance: every `schema:` property the data uses within the domainIncludes
and rangeIncludes of the schema.org vocabulary (release 30.0, tests/fixtures/schemaorg/).

Consumers run no reasoner: a thing counts as of a schema.org type only when the data asserts
that type (or a schema.org subtype of it), never through our own ontology's subclasses.
Literals map to schema.org's data types as docs/decisions/0016 says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_rdf.identity.namespaces import RDF, RDFS, SCHEMA, XSD
from osce_rdf.pipeline.build import BuildResult

from .conftest import FIXTURES, single

VOCABULARY = FIXTURES / "schemaorg" / "schemaorg-current-https.ttl"
_TYPE = RDF + "type"

# literal datatype -> the schema.org data type it is (decision 0016: a year or a month is an
# ISO 8601 date of reduced precision, which schema:Date allows)
DATATYPES = {
    XSD + "string": SCHEMA + "Text",
    RDF + "langString": SCHEMA + "Text",
    XSD + "date": SCHEMA + "Date",
    XSD + "gYear": SCHEMA + "Date",
    XSD + "gYearMonth": SCHEMA + "Date",
    XSD + "dateTime": SCHEMA + "DateTime",
    XSD + "integer": SCHEMA + "Integer",
    XSD + "boolean": SCHEMA + "Boolean",
}


class Vocabulary:
    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.parents: dict[str, set[str]] = defaultdict(set)
        self.domains: dict[str, set[str]] = defaultdict(set)
        self.ranges: dict[str, set[str]] = defaultdict(set)
        self.super_properties: dict[str, set[str]] = defaultdict(set)
        for t in triples:
            s, p, o = t.subject, t.predicate.value, t.object
            if not isinstance(s, ox.NamedNode) or not isinstance(o, ox.NamedNode):
                continue
            if p == RDFS + "subClassOf":
                self.parents[s.value].add(o.value)
            elif p == SCHEMA + "domainIncludes":
                self.domains[s.value].add(o.value)
            elif p == SCHEMA + "rangeIncludes":
                self.ranges[s.value].add(o.value)
            elif p == RDFS + "subPropertyOf":
                self.super_properties[s.value].add(o.value)

    @cache  # noqa: B019 - one vocabulary per test session
    def ancestors(self, cls: str) -> frozenset[str]:
        found = {cls}
        for parent in self.parents.get(cls, ()):
            found |= self.ancestors(parent)
        return frozenset(found)

    def expected(self, table: dict[str, set[str]], prop: str) -> set[str]:
        if table.get(prop):
            return table[prop]
        return {
            c
            for parent in self.super_properties.get(prop, ())
            for c in self.expected(table, parent)
        }

    def fits(self, types: Iterable[str], expected: set[str]) -> bool:
        return any(self.ancestors(t) & expected for t in types)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary(ox.parse(path=str(VOCABULARY), format=ox.RdfFormat.TURTLE))


def misfits(quads: list[ox.Quad], vocabulary: Vocabulary) -> set[tuple[str, str, str]]:
    """(property, 'domain' or 'range', the types found) for every use outside schema.org's."""
    types: dict[str, set[str]] = defaultdict(set)
    for q in quads:
        if q.predicate.value == _TYPE and q.object.value.startswith(SCHEMA):  # type: ignore[union-attr]
            types[q.subject.value].add(q.object.value)  # type: ignore[union-attr]
    found: set[tuple[str, str, str]] = set()
    for q in quads:
        prop = q.predicate.value
        if not prop.startswith(SCHEMA):
            continue
        assert vocabulary.expected(vocabulary.domains, prop), f"{prop} is not a schema.org property"
        subject_types = types.get(q.subject.value, set())  # type: ignore[union-attr]
        if not vocabulary.fits(subject_types, vocabulary.expected(vocabulary.domains, prop)):
            found.add((prop, "domain", " ".join(sorted(subject_types)) or "no schema type"))
        obj = q.object
        ranges = vocabulary.expected(vocabulary.ranges, prop)
        if isinstance(obj, ox.Literal):
            datatype = DATATYPES.get(obj.datatype.value, obj.datatype.value)
            if not vocabulary.fits([datatype], ranges):
                found.add((prop, "range", obj.datatype.value))
        elif isinstance(obj, ox.NamedNode):
            object_types = types.get(obj.value, set())
            if not vocabulary.fits(object_types, ranges) and SCHEMA + "URL" not in ranges:
                found.add((prop, "range", " ".join(sorted(object_types)) or "no schema type"))
    return found


def test_the_vocabulary_file_is_the_pinned_release(vocabulary: Vocabulary) -> None:
    assert SCHEMA + "Thing" in vocabulary.ancestors(SCHEMA + "NewsArticle")
    assert SCHEMA + "Organization" in vocabulary.expected(vocabulary.ranges, SCHEMA + "funder")


def test_the_checker_finds_a_misfit(vocabulary: Vocabulary) -> None:
    """A funder that is a bare Country, as the data had it before decision 0016."""
    event, belgium = ox.NamedNode("http://x/e"), ox.NamedNode("http://x/be")
    quads = [
        ox.Quad(event, ox.NamedNode(_TYPE), ox.NamedNode(SCHEMA + "Event")),
        ox.Quad(belgium, ox.NamedNode(_TYPE), ox.NamedNode(SCHEMA + "Country")),
        ox.Quad(event, ox.NamedNode(SCHEMA + "funder"), belgium),
    ]
    assert misfits(quads, vocabulary) == {(SCHEMA + "funder", "range", SCHEMA + "Country")}


def test_every_schema_property_is_used_within_its_domain_and_range(
    sample_build: tuple[BuildResult, Path], vocabulary: Vocabulary
) -> None:
    _, out = sample_build
    quads = list(ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG))
    assert sorted(misfits(quads, vocabulary)) == []
