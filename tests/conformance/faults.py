"""Faults injected into a built dataset, quad by quad, for the SHACL engines to find.

Each fault breaks one resource in a way a bad page or a bad edit could: a value missing,
doubled or of the wrong type or kind, a value outside a list, and cases only SHACL-SPARQL
constraints see (two chairpersonships for one year; a dateline that disagrees with its item's
date). Between them they break every kind of constraint the shapes use. Resources are
picked by their place in IRI order among those that have what the fault changes, so every
corpus gets every fault. Each fault names the finding it must cause: (focus, path, component).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from osce_rdf.identity.namespaces import OSCE, RDF, SCHEMA, SKOS, XSD
from osce_rdf.identity.rdf_terms import value

Finding = tuple[str, str | None, str]  # focus, path, constraint component
Term = ox.NamedNode | ox.Literal


@dataclass(frozen=True)
class Fault:
    """One fault: which resource (the `nth` in IRI order of those with `predicate`, of `kind`
    and with `requires` when given), and what becomes of its value: a replacement, a second
    value, or nothing."""

    name: str
    predicate: str
    nth: int
    component: str
    replace: Term | None = None  # None: the statement is removed
    add: Term | None = None
    kind: str | None = None
    requires: str | None = None  # a predicate the resource must also have
    path: str | None = None  # the result's path, when not `predicate` ("" for none: SPARQL)

    def subject(self, quads: list[ox.Quad]) -> str:
        having = {value(q.subject) for q in quads if q.predicate.value == self.predicate}
        if self.kind is not None:
            having &= {value(q.subject) for q in quads if _is_a(q, self.kind)}
        if self.requires is not None:
            having &= {value(q.subject) for q in quads if q.predicate.value == self.requires}
        return sorted(having)[self.nth]

    def apply(self, quads: list[ox.Quad]) -> tuple[list[ox.Quad], Finding]:
        subject = self.subject(quads)
        at, old = next(
            (i, q)
            for i, q in enumerate(quads)
            if value(q.subject) == subject and q.predicate.value == self.predicate
        )
        new = [] if self.add is None else [old]
        for term in (self.replace, self.add):
            if term is not None:
                new.append(ox.Quad(old.subject, old.predicate, term, old.graph_name))
        path = self.predicate if self.path is None else self.path or None
        finding = (subject, path, self.component)
        return [*quads[:at], *new, *quads[at + 1 :]], finding


def _is_a(quad: ox.Quad, kind: str) -> bool:
    return quad.predicate.value == RDF + "type" and value(quad.object) == kind


def _date(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "date"))


ITEM = SCHEMA + "NewsArticle"
FAULTS = [
    Fault("missing headline", SCHEMA + "headline", 0, "MinCountConstraintComponent", kind=ITEM),
    Fault("empty headline", SCHEMA + "headline", 9, "MinLengthConstraintComponent",
          replace=ox.Literal(""), kind=ITEM),
    Fault("doubled date", SCHEMA + "datePublished", 1, "MaxCountConstraintComponent",
          add=_date("1999-12-31"), kind=ITEM),
    Fault("date as a string", SCHEMA + "datePublished", 2, "DatatypeConstraintComponent",
          replace=ox.Literal("2001-02-03"), kind=ITEM),
    Fault("line as a string", OSCE + "sourceLine", 3, "DatatypeConstraintComponent",
          replace=ox.Literal("12"), kind=ITEM),
    Fault("publisher as text", SCHEMA + "publisher", 4, "ClassConstraintComponent",
          replace=ox.Literal("OSCE"), kind=ITEM),
    Fault("mention as text", SCHEMA + "mentions", 5, "NodeKindConstraintComponent",
          add=ox.Literal("Austria"), kind=ITEM),
    Fault("source is a place", SCHEMA + "sourceOrganization", 6, "OrConstraintComponent",
          replace=ox.NamedNode("https://w3id.org/osce/place/vienna"), kind=ITEM),
    Fault("language not a BCP 47 tag", SCHEMA + "inLanguage", 7, "PatternConstraintComponent",
          replace=ox.Literal("English"), kind=ITEM),
    Fault("absolute page path", OSCE + "sourcePath", 0, "NotConstraintComponent",
          replace=ox.Literal("/home/me/page.txt")),
    Fault("status outside the list", OSCE + "status", 0, "InConstraintComponent",
          replace=ox.Literal("paused")),
    Fault("alternative name in German", SKOS + "altLabel", 0, "LanguageInConstraintComponent",
          add=ox.Literal("Österreich", language="de"), kind=SCHEMA + "Country"),
    Fault("two English preferred labels", SKOS + "prefLabel", 0, "UniqueLangConstraintComponent",
          add=ox.Literal("Another label", language="en"), kind=SKOS + "Concept"),
    Fault("no English preferred label", SKOS + "prefLabel", 1,
          "QualifiedMinCountConstraintComponent", replace=ox.Literal("Sans nom", language="fr"),
          kind=SKOS + "Concept"),
    Fault("an event ends before it starts", SCHEMA + "endDate", 0,
          "LessThanOrEqualsConstraintComponent", replace=_date("1900-01-01"),
          kind=SCHEMA + "Event", requires=SCHEMA + "startDate", path=SCHEMA + "startDate"),
    Fault("ISO code in lower case", OSCE + "iso3166Alpha2", 0, "PatternConstraintComponent",
          replace=ox.Literal("at")),
    Fault("two chairpersonships for one year (SHACL-SPARQL)", OSCE + "year", 10,
          "SPARQLConstraintComponent", replace=ox.Literal("2002", datatype=ox.NamedNode(XSD + "gYear")),
          kind=OSCE + "Chairpersonship", path=""),
    Fault("dateline against the date (SHACL-SPARQL across resources)", OSCE + "datelineDate", 8,
          "SPARQLConstraintComponent", replace=_date("1990-01-01"), kind=ITEM, path=""),
]  # fmt: skip


def inject(quads: list[ox.Quad]) -> tuple[list[ox.Quad], dict[str, Finding]]:
    """Every fault at once, each on its own resource; and the finding each must cause."""
    findings: dict[str, Finding] = {}
    for fault in FAULTS:
        quads, findings[fault.name] = fault.apply(quads)
    return quads, findings
