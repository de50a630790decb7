"""Records -> graphs: one item becomes the triples of its own named graph.

An item's graph holds the public contract (see `ontology/README.md`): the item's own triples,
and descriptions of the things it names that the reference data does not know (an unknown
unit, place or field of work), flagged with `osce:needsReview`. Those descriptions are
"shared": two items naming the same unknown place describe it identically, and the union
output keeps one copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

from ..identity.iris import Iris
from ..identity.rdf_terms import TYPE, boolean, date, integer, iri, text, vocab
from ..reading.languages import LanguageDetector
from ..reading.records import Item, PageKind
from ..reference.resolve import Resolution, Resolver
from .reference_graph import SCHEMES

__all__ = ["VALUES_OFF_THE_TITLE_LINE", "ItemGraph", "Mapper", "value_line"]

_PLACE_SEPARATORS = re.compile(r"\s*[,/;]\s*")


@dataclass
class ItemGraph:
    """The triples of one item's named graph, split into its own and shared ones."""

    key: str
    iri: NamedNode
    graph: NamedNode
    item: Item
    language: str  # BCP 47: what the item's text is written in, the tag of its text literals
    own: list[Triple] = field(default_factory=list)
    shared: list[Triple] = field(default_factory=list)
    source: list[Triple] = field(default_factory=list)  # the saved page, described in every item
    unknown: list[Resolution] = field(default_factory=list)

    def add(self, predicate: NamedNode, obj: NamedNode | Literal) -> None:
        self.own.append(Triple(self.iri, predicate, obj))

    @property
    def triples(self) -> list[Triple]:
        return self.own + self.shared + self.source


def value_line(item: Item, predicate: str | None) -> int:
    """The page line a property's value was read from: the dateline's for what the dateline
    says, the Date line's (or else the dateline's) for the publication date, the title's for
    the rest. Results about a value point there."""
    dateline = item.dateline_line or item.origin.line
    if predicate == _PUBLISHED:
        return item.date_line or dateline
    return dateline if predicate in _FROM_DATELINE else item.origin.line


_PUBLISHED = vocab("schema:datePublished").value
_FROM_DATELINE = frozenset(
    vocab(name).value for name in ("schema:dateline", "osce:datelineDate", "schema:locationCreated")
)
VALUES_OFF_THE_TITLE_LINE = _FROM_DATELINE | {_PUBLISHED}


class Mapper:
    """Maps items with one resolver, IRI scheme and source base; build it once per run."""

    def __init__(self, resolver: Resolver, iris: Iris, source_base: str | None = None) -> None:
        self.resolver = resolver
        self.iris = iris
        self.source_base = source_base
        self._classes = {
            (c.scheme, c.key): c.ontology_class
            for c in resolver.reference.concepts
            if c.ontology_class
        }
        self._publisher = iri(iris.organisation)
        self.languages = LanguageDetector()

    def map_item(self, item: Item, key: str | None = None) -> ItemGraph:
        """The item's graph, under `key` (default: its date-slug key; see `iris.item_keys`)."""
        key = key or self.iris.item_key(item.date_published, item.title)
        language = self.languages.detect(f"{item.title}\n{item.article_body}")
        out = ItemGraph(
            key, iri(self.iris.item(key)), iri(self.iris.item_graph(key)), item, language
        )
        out.add(TYPE, vocab("schema:NewsArticle"))
        out.add(vocab("schema:headline"), text(item.title, language))
        out.add(vocab("schema:datePublished"), date(item.date_published))
        out.add(vocab("schema:articleBody"), text(item.article_body, language))
        out.add(vocab("schema:inLanguage"), text(language))
        out.add(vocab("schema:publisher"), self._publisher)
        if item.content_type:
            kind = self.resolver.concept("content-type", item.content_type)
            out.add(vocab("schema:genre"), text(item.content_type))
            out.add(vocab("osce:contentType"), self._concept(out, kind))
            ontology_class = self._classes.get(("content-type", kind.key))
            if ontology_class:
                out.add(TYPE, vocab(f"osce:{ontology_class}"))
        if item.dateline is not None:
            out.add(vocab("schema:dateline"), text(item.dateline.text, language))
            if item.dateline.date is not None:
                out.add(vocab("osce:datelineDate"), date(item.dateline.date))
            country = (
                self.resolver.country(item.dateline.country) if item.dateline.country else None
            )
            for written in item.dateline.places:
                out.add(vocab("schema:locationCreated"), self.place(out, written, country))
        for written in item.meta_places:
            for place, country in self._split_places(written):
                out.add(vocab("schema:contentLocation"), self.place(out, place, country))
        sources = [self._unit(out, written) for written in self._rejoin_units(item.sources)]
        for unit in sources:
            out.add(vocab("schema:sourceOrganization"), unit)
        for author in sources or [self._publisher]:  # who wrote it, as search engines ask
            out.add(vocab("schema:author"), author)
        for written in self._rejoin_units(item.organizers):
            out.add(vocab("osce:organizedBy"), self._unit(out, written))
        for written in item.fields:
            out.add(
                vocab("schema:about"), self._concept(out, self.resolver.concept("field", written))
            )
        if item.truncated:
            out.add(vocab("osce:truncated"), boolean(True))
        source = iri(self.iris.source(item.origin.path, self.source_base))
        out.add(vocab("prov:wasDerivedFrom"), source)
        if self.source_base and item.page_kind is PageKind.ITEM:
            # the page on the publisher's site; a listing page is no item's own page
            out.add(vocab("schema:url"), source)
            out.add(vocab("schema:mainEntityOfPage"), source)
        out.add(vocab("osce:sourceLine"), integer(item.origin.line))
        out.source.extend(self.source_triples(item.origin.path))
        return out

    def source_triples(self, path: str) -> list[Triple]:
        """The saved page's description: shared by the items of a listing page."""
        source = iri(self.iris.source(path, self.source_base))
        return [
            Triple(source, TYPE, vocab("osce:SavedPage")),
            Triple(source, vocab("osce:sourcePath"), text(path)),
        ]

    def _split_places(self, written: str) -> list[tuple[str, Resolution | None]]:
        """`VIENNA, WARSAW` is two places; `OSH, Kyrgyzstan` one place in a country."""
        parts = [part for part in _PLACE_SEPARATORS.split(written.strip()) if part]
        if len(parts) > 1 and all(self.resolver.place(part).known for part in parts):
            return [(part, None) for part in parts]
        if len(parts) == 2:
            country = self.resolver.country(parts[1])
            if country is not None:
                return [(parts[0], country)]
        return [(written, None)]

    def _rejoin_units(self, names: tuple[str, ...]) -> list[str]:
        """Undo a comma split inside a unit's own name.

        Listing pages separate units with commas, but some names contain one ("Mission of
        Long Duration in Kosovo, Sandjak and Vojvodina"): neighbours whose joined name is a
        known unit, while the second alone is not, are one name.
        """
        joined: list[str] = []
        for name in names:
            if joined and not self.resolver.unit(name).known:
                candidate = f"{joined[-1]}, {name}"
                if self.resolver.unit(candidate).known:
                    joined[-1] = candidate
                    continue
            joined.append(name)
        return joined

    def _flag(self, out: ItemGraph, node: NamedNode, found: Resolution, *classes: str) -> None:
        out.unknown.append(found)
        for name in classes:
            out.shared.append(Triple(node, TYPE, vocab(name)))
        out.shared.append(Triple(node, vocab("osce:needsReview"), boolean(True)))

    def _unit(self, out: ItemGraph, written: str) -> NamedNode:
        found = self.resolver.unit(written)
        node = iri(self.iris.of("unit", found.key))
        if not found.known:
            self._flag(out, node, found, "org:OrganizationalUnit", "schema:Organization")
            out.shared.append(Triple(node, vocab("schema:name"), text(found.name)))
            out.shared.append(Triple(node, vocab("schema:url"), node))
            out.shared.append(Triple(node, vocab("org:unitOf"), self._publisher))
        return node

    def place(self, out: ItemGraph, written: str, country: Resolution | None) -> NamedNode:
        """A place's IRI; an unknown place is described in the item's graph, flagged."""
        found = self.resolver.place(written)
        node = iri(self.iris.of("place", found.key))
        if not found.known:
            self._flag(out, node, found, "schema:Place")
            out.shared.append(Triple(node, vocab("schema:name"), text(found.name)))
            if country is not None:
                out.shared.append(
                    Triple(
                        node,
                        vocab("schema:containedInPlace"),
                        iri(self.iris.of("country", country.key)),
                    )
                )
        return node

    def _concept(self, out: ItemGraph, found: Resolution) -> NamedNode:
        node = iri(self.iris.of(found.kind, found.key))
        if not found.known:
            self._flag(out, node, found, "skos:Concept", "schema:DefinedTerm")
            out.shared.append(Triple(node, vocab("skos:prefLabel"), text(found.name, out.language)))
            out.shared.append(Triple(node, vocab("schema:name"), text(found.name)))
            scheme = iri(self.iris.of("scheme", SCHEMES[found.kind][0]))
            out.shared.append(Triple(node, vocab("skos:inScheme"), scheme))
            out.shared.append(Triple(node, vocab("schema:inDefinedTermSet"), scheme))
        return node
