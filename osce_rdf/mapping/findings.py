"""Findings -> triples in the item's graph: what the body text says, as linked data.

The model is in `ontology/README.md` ("What the body text says"). Item-scoped things (the
occurrences, quotes, roles, events) are named under the item's IRI, so an item's graph can be
replaced without touching another's; people and decisions are shared resources, described
identically by every item that names them (their descriptions are "shared" triples, written
once in the union).
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Triple

from ..identity.iris import Iris
from ..identity.rdf_terms import TYPE, date, integer, iri, text, vocab, year_or_month
from ..identity.slugs import slugify
from ..reading.findings import EventFinding, Findings, Ref, Span
from .item_graphs import ItemGraph, Mapper

__all__ = ["FindingsMapper"]


class FindingsMapper:
    """Adds an item's findings to its graph, with the IRIs and resolver of a `Mapper`."""

    def __init__(self, mapper: Mapper) -> None:
        self.mapper = mapper
        self.iris: Iris = mapper.iris

    def ref(self, ref: Ref) -> NamedNode:
        return iri(self.iris.of(ref.kind, ref.key))

    def person(self, name: str, organisation: Ref | None) -> NamedNode:
        """Same name and same organisation, same person: an OSCE post counts as the OSCE."""
        if organisation is None:
            where = "unknown"
        elif organisation.kind == "unit":
            where = "osce"
        else:
            where = organisation.key
        return iri(self.iris.of("person", f"{slugify(name)}--{where}"))

    def add(self, out: ItemGraph, findings: Findings) -> None:
        own = out.own

        def at(found: Span) -> NamedNode:
            return iri(self.iris.char_range(out.key, found.start, found.end))

        def occurrence(thing: NamedNode, found: Span) -> None:
            own.append(Triple(at(found), vocab("itsrdf:taIdentRef"), thing))

        mentioned: list[NamedNode] = []
        things: dict[Ref, NamedNode] = {}  # a long body names one unit thousands of times
        for mention in findings.mentions:
            thing = things.get(mention.ref)
            if thing is None:
                thing = things[mention.ref] = self.ref(mention.ref)
            occurrence(thing, mention.span)
            mentioned.append(thing)

        people: dict[str, NamedNode] = {}
        for person in findings.people:
            node = self.person(person.name, person.organisation)
            people[person.name] = node
            mentioned.append(node)
            out.shared.append(Triple(node, TYPE, vocab("schema:Person")))
            out.shared.append(Triple(node, vocab("schema:name"), text(person.name)))
            if person.honorific:
                out.shared.append(
                    Triple(node, vocab("schema:honorificPrefix"), text(person.honorific))
                )
            if person.post:
                post = text(person.post, out.language)
                out.shared.append(Triple(node, vocab("schema:jobTitle"), post))
                role = iri(self.iris.item_part(out.key, f"role-{node.value.rpartition('/')[2]}"))
                own.append(Triple(role, TYPE, vocab("org:Membership")))
                own.append(Triple(role, TYPE, vocab("schema:OrganizationRole")))
                own.append(Triple(role, vocab("org:member"), node))
                own.append(Triple(role, vocab("schema:roleName"), post))
                own.append(Triple(role, vocab("osce:attestedIn"), out.iri))
                if person.organisation is not None:
                    own.append(
                        Triple(role, vocab("org:organization"), self.ref(person.organisation))
                    )
            for found in person.spans:
                occurrence(node, found)

        for quote in findings.quotes:
            node = at(quote.span)
            out.add(vocab("schema:hasPart"), node)
            own.append(Triple(node, TYPE, vocab("schema:Quotation")))
            own.append(Triple(node, vocab("schema:text"), text(quote.text, out.language)))
            for speaker in quote.speakers:
                if speaker in people:
                    own.append(Triple(node, vocab("schema:spokenByCharacter"), people[speaker]))

        events: set[str] = set()
        for event in findings.events:
            node = self._event(out.key, event, events)
            mentioned.append(node)
            occurrence(node, event.span)
            own.append(Triple(node, TYPE, vocab("schema:Event")))
            own.append(Triple(node, vocab("schema:name"), text(event.name)))
            own.append(
                Triple(node, vocab("osce:eventKind"), iri(self.iris.of(event.scheme, event.kind)))
            )
            if event.start is not None:
                own.append(Triple(node, vocab("schema:startDate"), date(event.start)))
            if event.end is not None:
                own.append(Triple(node, vocab("schema:endDate"), date(event.end)))
            if event.location is not None:
                own.append(
                    Triple(node, vocab("schema:location"), self._location(out, event.location))
                )
            if event.organizer is not None:
                own.append(Triple(node, vocab("schema:organizer"), self.ref(event.organizer)))
            for funder in event.funders:
                own.append(Triple(node, vocab("schema:funder"), self.ref(funder)))
            if event.participants is not None:
                own.append(
                    Triple(node, vocab("osce:participantCount"), integer(event.participants))
                )

        for decision in findings.decisions:
            node = self._decision(out, decision.text, decision.body, decision.number, decision.date)
            mentioned.append(node)
            occurrence(node, decision.span)

        for thing in dict.fromkeys(mentioned):
            out.add(vocab("schema:mentions"), thing)

    def _event(self, key: str, event: EventFinding, taken: set[str]) -> NamedNode:
        """An event by what identifies it within its item: its kind, start and place
        (`<item#event-workshop-2008-07-17-vienna>`), not where the text names it; a second
        event of the same identity in the item gets `-2`, in the order the text names them."""
        parts = [event.kind]
        if event.start is not None:
            parts.append(event.start.isoformat())
        if event.location is not None:
            parts.append(slugify(event.location))
        name = "event-" + "-".join(parts)
        numbered, count = name, 1
        while numbered in taken:
            count += 1
            numbered = f"{name}-{count}"
        taken.add(numbered)
        return iri(self.iris.item_part(key, numbered))

    def _location(self, out: ItemGraph, written: str) -> NamedNode:
        """A known place, else a State or partner ("a workshop in Tajikistan"), else a new place."""
        if not self.mapper.resolver.place(written).known:
            country = self.mapper.resolver.country(written)
            if country is not None:
                return iri(self.iris.of("country", country.key))
        return self.mapper.place(out, written, None)

    def _decision(
        self, out: ItemGraph, written: str, body: str | None, number: str | None, when: str | None
    ) -> NamedNode:
        identity = f"{body or 'osce'}-{number or when or written}"
        node = iri(self.iris.of("decision", slugify(identity)))
        shared = out.shared
        shared.append(Triple(node, TYPE, vocab("osce:Decision")))
        shared.append(Triple(node, TYPE, vocab("schema:Legislation")))
        shared.append(Triple(node, vocab("schema:name"), text(written)))
        if body is not None:
            shared.append(Triple(node, vocab("osce:decidedBy"), iri(self.iris.of("unit", body))))
        if number is not None:
            shared.append(Triple(node, vocab("schema:legislationIdentifier"), text(number)))
        if when is not None:
            shared.append(Triple(node, vocab("osce:decisionDate"), year_or_month(when)))
        return node
