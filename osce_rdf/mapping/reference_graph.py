"""Reference data -> the reference graph: States, chairpersonships, units, places, concepts."""

from __future__ import annotations

import datetime as dt

from pyoxigraph import Literal, NamedNode, Triple

from ..identity.iris import Iris
from ..identity.namespaces import WD
from ..identity.rdf_terms import TYPE, date, iri, text, vocab, year
from ..reference import Concept, Country, Reference, Unit

__all__ = ["SCHEMES", "UNIT_CLASSES", "reference_triples"]

UNIT_CLASSES = {
    "organization": (
        "org:FormalOrganization",
        "schema:GovernmentOrganization",
        "schema:Organization",
    ),
    "chairpersonship": (
        "org:OrganizationalUnit",
        "schema:Organization",
        "osce:ChairpersonshipOffice",
    ),
    "decision-making-body": (
        "org:OrganizationalUnit",
        "schema:Organization",
        "osce:DecisionMakingBody",
    ),
    "secretariat": ("org:OrganizationalUnit", "schema:Organization", "osce:Secretariat"),
    "secretariat-department": (
        "org:OrganizationalUnit",
        "schema:Organization",
        "osce:SecretariatDepartment",
    ),
    "secretariat-unit": ("org:OrganizationalUnit", "schema:Organization", "osce:SecretariatUnit"),
    "institution": ("org:OrganizationalUnit", "schema:Organization", "osce:Institution"),
    "field-operation": ("org:OrganizationalUnit", "schema:Organization", "osce:FieldOperation"),
    "parliamentary-assembly": (
        "org:OrganizationalUnit",
        "schema:Organization",
        "osce:ParliamentaryAssembly",
    ),
    "court": ("org:OrganizationalUnit", "schema:Organization", "osce:Court"),
    "other-body": ("org:OrganizationalUnit", "schema:Organization"),
    # schema.org has no post: as a source or a mention, a post is the office that holds it
    "post": ("org:Post", "osce:Post", "schema:Organization"),
}
# A State is a place, and as a funder or member an actor: schema.org's funder expects an
# Organization, so States are typed as their government too (docs/decisions/0016).
_STATE = ("schema:Country", "schema:GovernmentOrganization")
_COUNTRY_CLASSES = {
    "participating": ("osce:ParticipatingState",),
    "asian-partner": ("osce:PartnerForCooperation", "osce:AsianPartner"),
    "mediterranean-partner": ("osce:PartnerForCooperation", "osce:MediterraneanPartner"),
}
SCHEMES = {
    "field": ("fields-of-work", "Fields of work"),
    "meeting-type": ("meeting-types", "Meetings and conferences"),
    "content-type": ("content-types", "Content types"),
    "event-kind": ("event-kinds", "Kinds of event"),
}


class _Writer:
    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self.triples: list[Triple] = []

    def add(self, subject: NamedNode, predicate: str, obj: NamedNode | Literal) -> None:
        self.triples.append(Triple(subject, vocab(predicate), obj))

    def types(self, subject: NamedNode, *classes: str) -> None:
        for name in classes:
            self.triples.append(Triple(subject, TYPE, vocab(name)))

    def node(self, kind: str, key: str) -> NamedNode:
        return iri(self.iris.of(kind, key))

    def same_as(self, subject: NamedNode, qid: str | None) -> None:
        if qid:
            self.add(subject, "owl:sameAs", iri(WD + qid))


def reference_triples(reference: Reference, iris: Iris) -> list[Triple]:
    """The reference graph's triples (unsorted; outputs sort)."""
    out = _Writer(iris)
    for country in reference.countries:
        _country(out, country)
    for state in reference.former_states:
        node = out.node("former_state", state.key)
        out.types(node, *_STATE, "osce:FormerParticipatingState")
        out.add(node, "schema:name", text(state.name))
        for alt in state.alt_names:
            out.add(node, "skos:altLabel", text(alt, "en"))
        out.add(node, "schema:identifier", text(state.code))
        out.add(node, "osce:participatingSince", year(state.joined))
        out.add(node, "osce:dissolved", year(state.dissolved))
        out.same_as(node, state.wikidata)
        for successor in state.successors:
            out.add(node, "osce:successor", out.node("country", successor.lower()))
    states = {c.iso2: c.name for c in reference.countries} | {
        f.code: f.name for f in reference.former_states
    }
    for chair in reference.chairpersonships:
        node = out.node("chair", str(chair.year))
        out.types(node, "osce:Chairpersonship", "org:Membership", "schema:OrganizationRole")
        out.add(
            node, "schema:name", text(f"OSCE Chairpersonship {chair.year}: {states[chair.state]}")
        )
        out.add(node, "org:member", out.node("country", chair.state.lower()))
        out.add(node, "org:organization", iri(iris.organisation))
        out.add(node, "org:role", vocab("osce:ChairpersonshipRole"))
        out.add(node, "osce:year", year(chair.year))
        out.add(node, "schema:startDate", date(dt.date(chair.year, 1, 1)))
        out.add(node, "schema:endDate", date(dt.date(chair.year, 12, 31)))
    for unit in reference.units:
        _unit(out, unit)
    for body in reference.outside_bodies:
        node = out.node("body", body.key)
        out.types(node, "schema:Organization", "osce:OutsideBody")
        out.add(node, "schema:name", text(body.name))
        for alt in body.alt_names:
            out.add(node, "schema:alternateName", text(alt))
        if body.parent:
            out.add(node, "schema:parentOrganization", out.node("body", body.parent))
        out.same_as(node, body.wikidata)
    for place in reference.places:
        node = out.node("place", place.key)
        out.types(node, "schema:Place")
        out.add(node, "schema:name", text(place.name))
        for alt in place.alt_names:
            out.add(node, "skos:altLabel", text(alt, "en"))
        if place.country:
            out.add(node, "schema:containedInPlace", out.node("country", place.country.lower()))
        if place.territory:
            out.add(node, "osce:territory", text(place.territory))
        out.same_as(node, place.wikidata)
    for scheme, (key, label) in SCHEMES.items():
        node = out.node("scheme", key)
        out.types(node, "skos:ConceptScheme", "schema:DefinedTermSet")
        out.add(node, "skos:prefLabel", text(label, "en"))
        out.add(node, "schema:name", text(label))
        for concept in reference.concepts:
            if concept.scheme == scheme:
                _concept(out, concept, node)
    return out.triples


def _country(out: _Writer, country: Country) -> None:
    node = out.node("country", country.key)
    out.types(node, *_STATE, *_COUNTRY_CLASSES[country.group])
    out.add(node, "schema:name", text(country.name))
    for former in country.former_names:
        out.add(node, "skos:altLabel", text(former, "en"))
    for short in country.short_names:
        out.add(node, "schema:alternateName", text(short))
    out.add(node, "osce:iso3166Alpha2", text(country.iso2))
    out.add(node, "osce:iso3166Alpha3", text(country.iso3))
    out.add(node, "osce:participatingSince", year(country.joined))
    out.same_as(node, country.wikidata)


def _unit(out: _Writer, unit: Unit) -> None:
    node = out.node("unit", unit.key)
    out.types(node, *UNIT_CLASSES[unit.kind])
    out.add(node, "schema:name", text(unit.name))
    for former in unit.former_names:
        out.add(node, "skos:altLabel", text(former, "en"))
    for abbreviation in unit.abbreviations:
        out.add(node, "schema:alternateName", text(abbreviation))
    out.same_as(node, unit.wikidata)
    out.add(node, "schema:url", iri(unit.url) if unit.url else node)
    if unit.logo:
        out.add(node, "schema:logo", iri(unit.logo))
    organisation = iri(out.iris.organisation)
    if unit.kind == "post":
        if unit.parent:
            out.add(node, "org:postIn", out.node("unit", unit.parent))
    elif unit.kind != "organization":
        out.add(node, "org:unitOf", organisation)
        if unit.parent and unit.parent != "osce":
            out.add(node, "org:subOrganizationOf", out.node("unit", unit.parent))
    if unit.seat:
        out.add(node, "osce:seat", out.node("place", unit.seat))
    if unit.host_country:
        out.add(node, "osce:hostCountry", out.node("country", unit.host_country.lower()))
    if unit.host_territory:
        out.add(node, "osce:hostTerritory", out.node("place", unit.host_territory))
    if unit.opened is not None:
        out.add(node, "schema:foundingDate", year(unit.opened))
    if unit.closed is not None:
        out.add(node, "schema:dissolutionDate", year(unit.closed))
    if unit.kind == "field-operation":
        out.add(node, "osce:status", text("closed" if unit.closed is not None else "open"))


def _concept(out: _Writer, concept: Concept, scheme: NamedNode) -> None:
    node = out.node(concept.scheme, concept.key)
    out.types(node, "skos:Concept", "schema:DefinedTerm")
    out.add(node, "skos:prefLabel", text(concept.label, "en"))
    out.add(node, "schema:name", text(concept.label))
    out.add(node, "schema:inDefinedTermSet", scheme)
    for language, label in concept.translations:
        out.add(node, "skos:prefLabel", text(label, language))
    for alt in concept.alt_labels:
        out.add(node, "skos:altLabel", text(alt, "en"))
    out.add(node, "skos:inScheme", scheme)
    if concept.broader:
        broader = out.node(concept.scheme, concept.broader)
        out.add(node, "skos:broader", broader)
        out.add(broader, "skos:narrower", node)
    else:
        out.add(node, "skos:topConceptOf", scheme)
        out.add(scheme, "skos:hasTopConcept", node)
