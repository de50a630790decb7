"""What one page about one resource shows: a built dataset's store read into per-resource views.

The data flows one way: a build folder's store in, views out. The static site, the server and
the ontology documentation render views; none of them reads the store itself. A view holds the
resource's own description (its document, see below), its links out and in with labels, never
bare IRIs, and, for an item, its body text with every mention, quote and event marked where
the text says it.

A *document* is what an IRI under the base dereferences to: the IRI without its fragment
(`item/K#char=1,5` is part of `item/K`). An item's document is its whole named graph, the
ontology's the ontology graph and the dataset's the dataset graph (each such document has its
own graph, `Iris.document_graph`); any other document is every triple whose subject it is.
Only documents that describe something get a page: a subject of some triple.

Reading a view takes a few pattern lookups in the store, so the server answers from the store
directly; labels and the date and headline of every item are cached, because every page shows
them for the resources it links to.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from ..identity.iris import DEFAULT_BASE, Iris, char_range
from ..identity.namespaces import DCTERMS, ITSRDF, OSCE, RDFS, SCHEMA, SKOS, XSD
from ..identity.prefixes import Prefixes
from ..identity.rdf_terms import TYPE
from ..pipeline.store import open_store
from .quad_index import QuadIndex

__all__ = [
    "Group",
    "Link",
    "Mark",
    "Part",
    "Resources",
    "Row",
    "Statement",
    "Value",
    "View",
    "by_year",
    "document_of",
]

_DEFAULT = ox.DefaultGraph()
# Where a label comes from, best first.
_LABELS = tuple(
    ox.NamedNode(iri)
    for iri in (
        SCHEMA + "name",
        SKOS + "prefLabel",
        SCHEMA + "headline",
        RDFS + "label",
        DCTERMS + "title",
        SCHEMA + "roleName",
        SCHEMA + "text",
        OSCE + "sourcePath",
    )
)
_LABEL_RANK = {predicate: rank for rank, predicate in enumerate(_LABELS)}
_SUBCLASS = ox.NamedNode(RDFS + "subClassOf")
_DATE = ox.NamedNode(SCHEMA + "datePublished")
_HEADLINE = ox.NamedNode(SCHEMA + "headline")
_BODY = ox.NamedNode(SCHEMA + "articleBody")
_REFERS = ox.NamedNode(ITSRDF + "taIdentRef")
# Incoming links a page does not list: an annotation's link is the item's `schema:mentions`,
# and a post's or a part's link back to its own item is the item itself.
_NOT_LISTED_IN = frozenset({ITSRDF + "taIdentRef", OSCE + "attestedIn", SCHEMA + "hasPart"})
# The order of a page's statements: what a reader looks for first, then the rest by label.
_FIRST = (
    SCHEMA + "headline", SCHEMA + "name", SKOS + "prefLabel", RDFS + "label", DCTERMS + "title",
    SCHEMA + "datePublished", SCHEMA + "dateline", SCHEMA + "genre", SCHEMA + "jobTitle",
    SCHEMA + "startDate", SCHEMA + "endDate", SCHEMA + "sourceOrganization", SCHEMA + "about",
    SCHEMA + "locationCreated", SCHEMA + "contentLocation",
)  # fmt: skip
_LAST = (SCHEMA + "articleBody", SCHEMA + "mentions", SCHEMA + "hasPart")
_FIRST_RANK = {iri: n for n, iri in enumerate(_FIRST)}
_LAST_RANK = {iri: n for n, iri in enumerate(_LAST)}
_STRING = XSD + "string"
_MARKED = {SCHEMA + "Quotation": "quote", SCHEMA + "Event": "event"}
_LONGEST_LABEL = 120
_CACHED = 1_000_000  # paths remembered (every document's, at archive scale)


def document_of(iri: str) -> str:
    """The document an IRI dereferences to: the IRI without its fragment."""
    return iri.split("#", 1)[0]


@dataclass(frozen=True, slots=True)
class Link:
    """A resource as a page shows it: its label, and the site path of its page if it has one."""

    iri: str
    label: str
    path: str | None = None  # "country/at.html", "item/K.html#char=1,5"; None: no page here


@dataclass(frozen=True, slots=True)
class Value:
    """An object of a statement: a link, or a literal's text with its language or datatype."""

    text: str
    link: Link | None = None
    language: str | None = None
    datatype: str | None = None  # xsd local name ("date", "gYear") when not a plain string


@dataclass(frozen=True, slots=True)
class Statement:
    predicate: Link
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """A resource that links to the page's resource, in one of the page's lists."""

    link: Link
    date: str | None = None  # ISO date of the item it is, or belongs to
    item: Link | None = None  # the item a part (quote, post, event) belongs to


@dataclass(frozen=True, slots=True)
class Group:
    """Every resource that links to the page's resource by one property, newest first."""

    predicate: Link
    key: str  # the property's local name: names the group's pages by year
    rows: tuple[Row, ...]

    @property
    def dated(self) -> bool:
        return any(row.date for row in self.rows)

    def years(self) -> list[tuple[str, list[Row]]]:
        return by_year(self.rows)


def by_year(rows: Iterable[Row]) -> list[tuple[str, list[Row]]]:
    """Rows by the year of their date, newest year first (undated rows last), in their order."""
    found: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        found[row.date[:4] if row.date else ""].append(row)
    return sorted(found.items(), key=lambda pair: pair[0] or "0", reverse=True)


@dataclass(frozen=True, slots=True)
class Part:
    """A resource named by a fragment of the page's IRI: a quote, a post, an event."""

    iri: str
    anchor: str  # the fragment: the id of its element on the page
    label: str
    types: tuple[Link, ...]
    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of an item's body (character offsets, end exclusive) that a part names."""

    start: int
    end: int
    anchor: str
    kind: str  # "mention", "quote" or "event"
    link: Link | None = None  # what a mention refers to
    inner: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class View:
    """Everything one page shows about one resource (its document)."""

    iri: str
    path: str  # the site path of its document, without extension ("country/at")
    kind: str  # the IRI's first segment ("country", "item", "dataset")
    label: str
    labels: tuple[Value, ...]
    types: tuple[Link, ...]
    statements: tuple[Statement, ...]
    parts: tuple[Part, ...]
    incoming: tuple[Group, ...]
    quads: tuple[ox.Quad, ...]
    triples: tuple[ox.Triple, ...]  # the quads' distinct triples (a document's data)
    body: str | None = None
    marks: tuple[Mark, ...] = ()
    date: str | None = None
    formats: tuple[str, ...] = field(default=())

    def statement(self, iri: str) -> Statement | None:
        return next((s for s in self.statements if s.predicate.iri == iri), None)


class Resources:
    """The resources of a built dataset, read from its store one view at a time."""

    def __init__(
        self, store: ox.Store, iris: Iris | None = None, source: QuadIndex | None = None
    ) -> None:
        self.store = store  # SPARQL (the ontology's counts and examples)
        # Pattern lookups: the store, or its graphs read into memory (see `quad_index`).
        self.source: ox.Store | QuadIndex = source if source is not None else store
        self.iris = iris or Iris(DEFAULT_BASE)
        self.base = self.iris.base
        self.prefixes = Prefixes.for_data(self.iris)
        self._labels: dict[str, str] = {}
        self._property_labels: dict[str, str] = {}
        self._described: dict[str, bool] = {}
        self._items: dict[str, tuple[str, str]] | None = None
        self._broader: dict[str, set[str]] = {}
        self._terms: dict[str, Link] = {}
        self._paths: dict[str, str | None] = {}
        self._item_links: dict[str, Link] = {}
        self._links: dict[str, Link] = {}
        self._documents: tuple[ox.Store | QuadIndex, list[str]] | None = None
        self._shorts: dict[str, str] = {}
        self._files: set[str] = set()

    @property
    def files(self) -> set[str]:
        """Site paths of files published under the base that no resource describes (`dump/`)."""
        return self._files

    @files.setter
    def files(self, paths: set[str]) -> None:
        self._files = paths
        self._links.clear()  # a link to such a path goes to the file

    @classmethod
    def open(
        cls, directory: Path, base: str = DEFAULT_BASE, *, path: Path | None = None
    ) -> Resources:
        """The resources of a build folder (its store, opened read-only; the generation at
        `path`, if given: see `pipeline.store.store_path`)."""
        return cls(open_store(directory, path=path), Iris(base))

    def _matching(
        self,
        subject: ox.NamedNode | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | None,
    ) -> Iterator[ox.Quad]:
        """The statements of every named graph that match: a triple held by two graphs comes
        twice. For callers that keep one value per key anyway, where the union's check of
        each statement against those seen cost more than the rest of their work."""
        if isinstance(self.source, QuadIndex):
            return self.source.quads_for_pattern(subject, predicate, object)
        return (
            quad
            for quad in self.source.quads_for_pattern(subject, predicate, object)
            if not isinstance(quad.graph_name, ox.DefaultGraph)
        )

    def _union(
        self,
        subject: ox.NamedNode | None,
        predicate: ox.NamedNode | None,
        object: ox.NamedNode | None,
    ) -> Iterator[ox.Quad]:
        """The statements of the union of the graphs that match, each once, as quads of some
        graph: only their terms are read (see `QuadIndex.union`)."""
        if isinstance(self.source, QuadIndex):
            return self.source.union(subject, predicate, object)
        return self.source.quads_for_pattern(subject, predicate, object, _DEFAULT)

    # ------------------------------------------------------------------ documents and paths

    def path(self, iri: str) -> str | None:
        """The site path of the page about an IRI (`country/at`), None when it has none."""
        doc = document_of(iri)
        if doc in self._paths:
            return self._paths[doc]
        path: str | None = doc[len(self.base) :]
        if not doc.startswith(self.base) or not path:
            path = None
        else:
            decoded = unquote(path)
            parts = decoded.split("/")
            if any(p in {"", ".", ".."} for p in parts) or "\\" in decoded or "\0" in decoded:
                path = None
        if len(self._paths) < _CACHED:
            self._paths[doc] = path
        return path

    def described(self, doc: str) -> bool:
        """Whether a document says what something is (`rdf:type`): then it gets a page."""
        found = self._described.get(doc)
        if found is None:
            found = self.path(doc) is not None and any(
                True for _ in self._union(ox.NamedNode(doc), TYPE, None)
            )
            self._described[doc] = found
        return found

    def documents(self) -> list[str]:
        """Every document that gets a page, in IRI order (read once from a source: the site
        and its indexes both list them)."""
        if self._documents is not None and self._documents[0] is self.source:
            return list(self._documents[1])
        # In memory, every graph's statements rather than their union: a subject typed in
        # several graphs is found again, which costs less than the union's check of each
        # statement (0.28 s against 0.79 s at 5,000 pages). The store keeps the union.
        source = self.source
        typing = (
            source.quads_for_pattern(None, TYPE, None)
            if isinstance(source, QuadIndex)
            else self._union(None, TYPE, None)
        )
        typed = {quad.subject.value for quad in typing if isinstance(quad.subject, ox.NamedNode)}
        found = {iri for iri in typed if document_of(iri) == iri and self.path(iri) is not None}
        self._documents = (self.source, sorted(found))
        return list(self._documents[1])

    def link(self, iri: str, fragment_label: str | None = None) -> Link:
        """A link to a resource: its label, and its page's path when the site has one."""
        if fragment_label is None and (found := self._links.get(iri)) is not None:
            return found  # the pages link to the same States, units and concepts again and again
        doc = document_of(iri)
        path = self.path(doc)
        if path is not None and path in self.files:
            found = Link(iri, self.label(iri), path)
        elif path is None or not self.described(doc):
            found = Link(iri, self.label(iri))
        else:
            href = f"{path}.html" + (iri[len(doc) :] if len(iri) > len(doc) else "")
            found = Link(iri, fragment_label or self.label(iri), href)
        if fragment_label is None and len(self._links) < _CACHED:
            self._links[iri] = found
        return found

    def neighbours(self, doc: str) -> set[str]:
        """The documents that link to a document or that it links to: their pages show its
        label, or it shows theirs."""
        found = set()
        node = ox.NamedNode(doc)
        for quad in self._union(None, None, node):
            if isinstance(quad.subject, ox.NamedNode):
                found.add(document_of(quad.subject.value))
        for quad in self._union(node, None, None):
            if isinstance(quad.object, ox.NamedNode):
                found.add(document_of(quad.object.value))
        return {d for d in found if self.path(d) is not None}

    # ------------------------------------------------------------------ labels

    def label(self, iri: str) -> str:
        """A resource's label: its name, preferred label, headline... else a readable IRI."""
        found = self._labels.get(iri)
        if found is None:
            found = self._read_label(iri)
            self._labels[iri] = found
        return found

    def _read_label(self, iri: str) -> str:
        # One pass over the resource's statements, not one lookup per kind of label: a
        # quote's label is its text, the seventh kind, and a State's page lists hundreds.
        found: dict[ox.NamedNode, list[ox.Literal]] = {}
        for quad in self._matching(ox.NamedNode(iri), None, None):
            if quad.predicate in _LABEL_RANK and isinstance(quad.object, ox.Literal):
                found.setdefault(quad.predicate, []).append(quad.object)
        if not found:
            return self.short(iri)
        literals = found[min(found, key=_LABEL_RANK.__getitem__)]
        text = " ".join(min(literals, key=_label_rank).value.split())
        return text if len(text) <= _LONGEST_LABEL else text[: _LONGEST_LABEL - 1] + "…"

    def short(self, iri: str) -> str:
        """An IRI without a label: a prefixed name, a readable local name, or the IRI."""
        found = self._shorts.get(iri)  # mostly datatypes: every dated value names one
        if found is None:
            found = self._read_short(iri)
            if len(self._shorts) < _CACHED:
                self._shorts[iri] = found
        return found

    def _read_short(self, iri: str) -> str:
        for prefix, namespace in self.prefixes.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                local = iri[len(namespace) :]
                if namespace.startswith(self.base):
                    return unquote(local)
                return f"{prefix}:{local}"
        return iri

    def property_label(self, iri: str) -> str:
        """A property as a heading: its rdfs:label, else its local name as words."""
        found = self._property_labels.get(iri)
        if found is None:
            found = self._read_property_label(iri)
            self._property_labels[iri] = found
        return found

    def _read_property_label(self, iri: str) -> str:
        node = ox.NamedNode(iri)
        labels = [
            q.object
            for q in self._union(node, ox.NamedNode(RDFS + "label"), None)
            if isinstance(q.object, ox.Literal)
        ]
        if labels:
            return min(labels, key=_label_rank).value
        local = re.split(r"[#/]", iri)[-1]
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower() or iri

    def classes(self, iri: str) -> list[str]:
        """A resource's classes, most specific first (a class none of its others is a
        subclass of), the ontology's own before reused ones."""
        types = sorted(
            q.object.value
            for q in self._union(ox.NamedNode(iri), TYPE, None)
            if isinstance(q.object, ox.NamedNode)
        )
        broader = {s for t in types for s in self._superclasses(t)}
        return sorted(types, key=lambda t: (t in broader, not t.startswith(OSCE), t))

    def _superclasses(self, iri: str) -> set[str]:
        found = self._broader.get(iri)
        if found is None:
            found = set()
            pending = [iri]
            while pending:
                for quad in self.source.quads_for_pattern(
                    ox.NamedNode(pending.pop()), _SUBCLASS, None, _DEFAULT
                ):
                    if isinstance(quad.object, ox.NamedNode) and quad.object.value not in found:
                        found.add(quad.object.value)
                        pending.append(quad.object.value)
            self._broader[iri] = found
        return found

    # ------------------------------------------------------------------ items

    def items(self) -> dict[str, tuple[str, str]]:
        """Every item's (ISO date, headline), by IRI: read once, as every list shows them."""
        if self._items is None:
            dates = {
                q.subject.value: q.object.value
                for q in self._union(None, _DATE, None)
                if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal)
            }
            self._items = {}
            for quad in self._union(None, _HEADLINE, None):
                subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else None
                if subject in dates and isinstance(quad.object, ox.Literal):
                    self._items[subject] = (dates[subject], quad.object.value)
        return self._items

    # ------------------------------------------------------------------ views

    def quads(self, doc: str) -> list[ox.Quad]:
        """The quads of a document (see the module's docstring), in the store's order: the
        formats of `document_formats` sort what they write."""
        return self._quads(doc)[0]

    def _quads(self, doc: str) -> tuple[list[ox.Quad], bool]:
        """The quads of a document, and whether they are one graph's (an item's): then no
        triple comes twice."""
        own = self.iris.document_graph(doc)
        if own is not None:
            found = list(self.source.quads_for_pattern(None, None, None, ox.NamedNode(own)))
            if found:
                return found, True
        found = [
            q
            for q in self.source.quads_for_pattern(ox.NamedNode(doc), None, None)
            if isinstance(q.graph_name, ox.NamedNode)
        ]
        return found, False

    def view(self, iri: str) -> View | None:
        """The view of the document an IRI dereferences to; None when it describes nothing."""
        doc = document_of(iri)
        path = self.path(doc)
        if path is None:
            return None
        quads, one_graph = self._quads(doc)
        if not quads:
            return None
        # A set only where a triple can come twice: hashing every triple of an item (its own
        # graph's) was a tenth of making its view.
        triples = [q.triple for q in quads] if one_graph else list({q.triple for q in quads})
        own: list[ox.Triple] = []
        parts: list[ox.Triple] = []
        fragment = doc + "#"
        for triple in triples:
            subject = triple.subject  # a new object each time it is asked for: asked once
            if isinstance(subject, ox.NamedNode):
                if (iri := subject.value) == doc:
                    own.append(triple)
                elif iri.startswith(fragment):
                    parts.append(triple)
        types = tuple(self._type_links(own))
        labels = tuple(
            sorted(
                (
                    Value(t.object.value, language=t.object.language)
                    for t in own
                    if t.predicate in _LABELS[:4] and isinstance(t.object, ox.Literal)
                ),
                key=lambda v: (v.language or "", v.text),
            )
        )
        body = next(
            (
                t.object.value
                for t in own
                if t.predicate == _BODY and isinstance(t.object, ox.Literal)
            ),
            None,
        )
        date = next(
            (
                t.object.value
                for t in own
                if t.predicate == _DATE and isinstance(t.object, ox.Literal)
            ),
            None,
        )
        part_views = self._parts(doc, parts)
        return View(
            iri=doc,
            path=path,
            kind=path.split("/", 1)[0],
            label=self.label(doc) if own else self.short(doc),
            labels=labels,
            types=types,
            statements=tuple(self._statements(own)),
            parts=part_views,
            incoming=tuple(self._incoming(doc)),
            quads=tuple(quads),
            triples=tuple(triples),
            body=body,
            marks=_nest(self._marks(doc, parts, body)) if body is not None else (),
            date=date,
        )

    def _type_links(self, triples: Iterable[ox.Triple]) -> Iterator[Link]:
        types = sorted(
            t.object.value
            for t in triples
            if t.predicate == TYPE and isinstance(t.object, ox.NamedNode)
        )
        for iri in types:
            yield self._term_link(iri)

    def _term_link(self, iri: str) -> Link:
        """A class or property: labelled from the ontology, linked to its documentation."""
        found = self._terms.get(iri)
        if found is None:
            if iri.startswith(OSCE) or self._in_ontology(iri):
                label = self.property_label(iri)
                anchor = iri[len(OSCE) :] if iri.startswith(OSCE) else self.short(iri)
                found = Link(iri, label, f"ontology.html#{anchor}")
            else:
                found = Link(iri, self.short(iri))
            self._terms[iri] = found
        return found

    def _in_ontology(self, iri: str) -> bool:
        graph = ox.NamedNode(self.iris.ontology_graph)
        return (
            next(self.source.quads_for_pattern(ox.NamedNode(iri), TYPE, None, graph), None)
            is not None
        )

    def _statements(self, triples: Iterable[ox.Triple]) -> Iterator[Statement]:
        # An item page lists about 36 of these (its own and each part's): most properties
        # have one value, which needs no sorting.
        by_property: dict[str, list[Value]] = {}
        value = self._value
        for triple in triples:
            predicate = triple.predicate  # a new object each time it is asked for
            if predicate != TYPE:
                by_property.setdefault(predicate.value, []).append(value(triple.object))
        for iri in sorted(by_property, key=self._property_rank):
            values = by_property[iri]
            if len(values) > 1:
                values = sorted(set(values), key=_value_order)
            yield Statement(self._term_link(iri), tuple(values))

    def _property_rank(self, iri: str) -> tuple[int, int, str, str]:
        """Where a property's statements come on a page: the names and dates first, the body
        and the lists last, the others by label."""
        if iri in _FIRST_RANK:
            return (0, _FIRST_RANK[iri], "", "")
        if iri in _LAST_RANK:
            return (2, _LAST_RANK[iri], "", "")
        return (1, 0, self.property_label(iri), iri)

    def _value(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Value:
        if isinstance(term, ox.NamedNode):
            link = self.link(term.value)
            return Value(link.label, link=link)
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value
            shown = None if term.language or datatype == _STRING else self.short(datatype)
            return Value(term.value, language=term.language, datatype=shown)
        return Value(str(term))

    def _parts(self, doc: str, triples: list[ox.Triple]) -> tuple[Part, ...]:
        by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
        for triple in triples:
            by_subject[triple.subject.value].append(triple)  # type: ignore[union-attr]
        parts = []
        for iri, own in by_subject.items():
            if all(t.predicate == _REFERS for t in own):
                continue  # an annotation: shown as a mark in the body
            types = tuple(self._type_links(own))
            parts.append(
                Part(iri, iri[len(doc) + 1 :], self.label(iri), types, tuple(self._statements(own)))
            )
        return tuple(sorted(parts, key=_part_order))

    def _marks(self, doc: str, triples: list[ox.Triple], body: str) -> list[Mark]:
        """The stretches of the body its parts name; a stretch named as a quote or an event
        and as a mention too (one IRI) is shown as the quote or event. A mention that refers
        to two things (a unit, and the item's own event there) links to the one with a page
        of its own, else to the first by IRI: the same link whatever order the triples come in."""
        marks: dict[str, Mark] = {}
        mentions: dict[str, tuple[bool, str, int, int]] = {}
        inside = doc + "#"
        for triple in triples:
            subject = triple.subject.value  # type: ignore[union-attr]
            found = char_range(subject)
            if found is None:
                continue
            start, end = found
            if not 0 <= start < end <= len(body):
                continue
            anchor = subject[len(doc) + 1 :]
            target = triple.object.value if isinstance(triple.object, ox.NamedNode) else ""
            if triple.predicate == _REFERS and target:
                choice = (target.startswith(inside), target, start, end)
                if anchor not in mentions or choice < mentions[anchor]:
                    mentions[anchor] = choice
            elif triple.predicate == TYPE and target in _MARKED:
                marks[anchor] = Mark(start, end, anchor, _MARKED[target])
        for anchor, (_, target, start, end) in mentions.items():
            if anchor not in marks:
                marks[anchor] = Mark(start, end, anchor, "mention", self.link(target))
        return list(marks.values())

    def _incoming(self, doc: str) -> Iterator[Group]:
        """Who links here, by property: items and their parts with their dates.

        At archive scale the organisation is the publisher of every item and a State is
        mentioned by thousands: one pass over the links, with the items' dates and
        headlines read once for all pages (`items`), keeps such a page fast to make."""
        items = self.items()
        by_property: dict[str, dict[str, Row]] = defaultdict(dict)
        for quad in self._matching(None, None, ox.NamedNode(doc)):
            subject = quad.subject
            predicate = quad.predicate.value
            if not isinstance(subject, ox.NamedNode) or predicate in _NOT_LISTED_IN:
                continue
            source = subject.value
            if source in by_property.get(predicate, ()):
                continue  # said in two graphs
            owner = document_of(source)
            if owner == doc:
                continue  # the page's own parts
            found = items.get(source)
            if found is not None:
                row = Row(self._item_link(source), found[0])
            elif (dated := items.get(owner)) is not None:
                row = Row(self.link(source), dated[0], self._item_link(owner))
            else:
                row = Row(self.link(source))
            by_property[predicate][source] = row
        groups = []
        for predicate, linked in by_property.items():
            rows = list(linked.values())
            if any(r.date for r in rows):
                rows.sort(key=lambda r: (r.date or "", r.link.iri), reverse=True)  # newest first
            else:
                rows.sort(key=lambda r: (r.link.label.casefold(), r.link.iri))
            key = re.split(r"[#/]", predicate)[-1]
            groups.append(Group(self._term_link(predicate), key, tuple(rows)))
        # Lists of items first, the longest first: what a reader comes for.
        groups.sort(key=lambda g: (not g.dated, -len(g.rows), g.predicate.label, g.predicate.iri))
        yield from groups

    def _item_link(self, iri: str) -> Link:
        """A link to an item, labelled by its headline (every list of items shows them)."""
        found = self._item_links.get(iri)
        if found is None:
            headline = self.items().get(iri)
            link = self.link(iri)
            found = Link(iri, headline[1], link.path) if headline else link
            if len(self._item_links) < _CACHED:
                self._item_links[iri] = found
        return found


def _label_rank(literal: ox.Literal) -> tuple[int, str]:
    """English or untagged first; then by language and text, so the choice is stable."""
    language = literal.language or ""
    return (0 if language in {"", "en"} else 1, f"{language}\0{literal.value}")


def _value_order(value: Value) -> tuple[str, str, str, str, str]:
    """By text as a reader compares it, then by what tells equal texts apart (their case,
    language, linked IRI, datatype): values labelled alike keep one order from run to run."""
    link = value.link.iri if value.link is not None else ""
    return (value.text.casefold(), value.text, value.language or "", link, value.datatype or "")


def _part_order(part: Part) -> tuple[int, int, str]:
    found = char_range(part.iri)
    return (0, found[0], part.iri) if found else (1, 0, part.iri)


def _nest(marks: list[Mark]) -> tuple[Mark, ...]:
    """Marks as a tree: a mark inside another becomes its inner mark; one that crosses an
    earlier mark's end is left out (HTML elements cannot overlap)."""
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, m.kind, m.anchor))

    def build(within: list[Mark]) -> tuple[Mark, ...]:
        out: list[Mark] = []
        index = 0
        while index < len(within):
            mark = within[index]
            inside = []
            index += 1
            while index < len(within) and within[index].start < mark.end:
                if within[index].end <= mark.end:
                    inside.append(within[index])
                index += 1
            out.append(Mark(mark.start, mark.end, mark.anchor, mark.kind, mark.link, build(inside)))
        return tuple(out)

    return build(ordered)
