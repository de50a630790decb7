"""The ontology's and the shapes' documentation: what pyLODE and Widoco give, from our files.

Every class and property the ontology declares (its own terms and the profile of reused
ones) with its labels in every language present, its comment, the reused term it refines,
domain and range, how the data writes its values, examples from a build (how many resources
have the class or use the property, and the first three), and the SHACL shapes that
constrain it; every shape with its targets and constraints, in words a reader can check.
The model here is rendered by `html_pages`; the site and `osce-rdf docs` write it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..identity.namespaces import DCTERMS, OSCE, OWL, RDF, RDF_TYPE, RDFS, SH, VANN
from ..identity.prefixes import VOCABULARY_PREFIXES
from ..identity.rdf_terms import TYPE
from ..package_data import ONTOLOGY_FILE, SHAPES_DIR
from ..rendering.rdf_input import read_quads
from .views import Link, Resources

__all__ = ["OntologyDocs", "ShapeDoc", "TermDoc", "ontology_docs"]

_DEFAULT = ox.DefaultGraph()
_KINDS = {
    OWL + "Class": "class",
    RDFS + "Class": "class",
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "datatype property",
    OWL + "AnnotationProperty": "annotation property",
    RDF + "Property": "property",
}
_EXAMPLES = 3
# Shape keys not worth a line: what the shape is, how it is named and grouped.
_SHAPE_SKIP = {RDF_TYPE, SH + "property", SH + "sparql", SH + "prefixes", SH + "declare",
               RDFS + "label", RDFS + "comment", SH + "name", SH + "description"}  # fmt: skip
_TARGETS = (SH + "targetClass", SH + "targetSubjectsOf", SH + "targetObjectsOf", SH + "targetNode")


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    language: str | None = None


@dataclass
class TermDoc:
    iri: str
    anchor: str  # the fragment of its documentation (its IRI's fragment for our own terms)
    curie: str
    kind: str  # class, ... property, or individual
    own: bool
    types: list[Link] = field(default_factory=list)  # an individual's classes
    labels: list[Text] = field(default_factory=list)
    comments: list[Text] = field(default_factory=list)
    refines: list[Link] = field(default_factory=list)
    refined_by: list[Link] = field(default_factory=list)
    domain: list[Link] = field(default_factory=list)
    range: list[Link] = field(default_factory=list)
    written_as: list[str] = field(default_factory=list)  # osce:valueDatatype / valueContainer
    defined_by: str | None = None
    count: int | None = None  # resources of the class, or uses of the property, in the data
    examples: list[tuple[Link, str | None]] = field(default_factory=list)
    shapes: list[tuple[str, str]] = field(default_factory=list)  # (shape anchor, what it says)

    @property
    def label(self) -> str:
        english = [t.text for t in self.labels if t.language in {None, "en"}]
        return english[0] if english else self.curie


@dataclass
class Constraint:
    path: str | None  # the property path as a prefixed name; None for the shape's own node
    rules: list[tuple[str, str]]
    message: str | None = None
    severity: str | None = None


@dataclass
class ShapeDoc:
    iri: str
    anchor: str
    targets: list[tuple[str, Link]]  # (kind of target, the class or property)
    severity: str
    message: str | None
    constraints: list[Constraint]
    sparql: list[tuple[str, str]]  # (message, SELECT query)
    comment: str | None = None


@dataclass
class OntologyDocs:
    iri: str
    title: str
    comment: str
    version: str | None
    license: str | None
    prefix: str
    namespace: str
    classes: list[TermDoc]
    properties: list[TermDoc]
    individuals: list[TermDoc]
    shapes: list[ShapeDoc]
    with_examples: bool

    def terms(self) -> list[TermDoc]:
        return [*self.classes, *self.properties, *self.individuals]


def term_anchor(iri: str) -> str:
    """The id of a term's section: our own terms by local name, so that their IRIs
    (`ontology#PressRelease`) land on it; reused terms by prefixed name (`schema:name`)."""
    return iri[len(OSCE) :] if iri.startswith(OSCE) else VOCABULARY_PREFIXES.compact(iri)


def _texts(store: ox.Store, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> list[Text]:
    found = [
        Text(q.object.value, q.object.language or None)
        for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)
        if isinstance(q.object, ox.Literal)
    ]
    return sorted(
        set(found), key=lambda t: (t.language not in {None, "en"}, t.language or "", t.text)
    )


def _objects(
    store: ox.Store, subject: ox.NamedNode | ox.BlankNode, predicate: str
) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]  # type: ignore[misc]


class _Shapes:
    """The shapes graph, read into words."""

    def __init__(self, store: ox.Store, terms: dict[str, TermDoc]) -> None:
        self.store = store
        self.terms = terms

    def term_link(self, iri: str) -> Link:
        if iri in self.terms:
            return Link(iri, self.terms[iri].label, f"#{self.terms[iri].anchor}")
        return Link(iri, VOCABULARY_PREFIXES.compact(iri))

    def text(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        """A constraint's value in words: a prefixed name, a literal, a list, a nested shape."""
        if isinstance(term, ox.Literal):
            return term.value if term.language is None else f'"{term.value}"@{term.language}'
        if isinstance(term, ox.NamedNode):
            return VOCABULARY_PREFIXES.compact(term.value)
        items = self.rdf_list(term)
        if items is not None:
            return "(" + " ".join(self.text(i) for i in items) + ")"
        rules = self.rules(term)
        return "[" + "; ".join(f"{k} {v}" for k, v in rules) + "]"

    def rdf_list(
        self, node: ox.BlankNode | ox.NamedNode
    ) -> list[ox.NamedNode | ox.BlankNode | ox.Literal] | None:
        items = []
        while not (isinstance(node, ox.NamedNode) and node.value == RDF + "nil"):
            first = _objects(self.store, node, RDF + "first")
            rest = _objects(self.store, node, RDF + "rest")
            if not first or not rest or isinstance(rest[0], ox.Literal):
                return None
            items.append(first[0])
            node = rest[0]
        return items

    def rules(self, node: ox.NamedNode | ox.BlankNode) -> list[tuple[str, str]]:
        found = []
        for quad in sorted(self.store.quads_for_pattern(node, None, None), key=str):
            key = quad.predicate.value
            if (
                key in _SHAPE_SKIP
                or key in _TARGETS
                or key in {SH + "path", SH + "message", SH + "severity"}
            ):
                continue
            name = VOCABULARY_PREFIXES.compact(key).removeprefix("sh:")
            found.append((name, self.text(quad.object)))  # type: ignore[arg-type]
        return found

    def shape(self, node: ox.NamedNode) -> ShapeDoc:
        targets = [
            (VOCABULARY_PREFIXES.compact(kind).removeprefix("sh:"), self.term_link(t.value))
            for kind in _TARGETS
            for t in _objects(self.store, node, kind)
            if isinstance(t, ox.NamedNode)
        ]
        constraints = []
        own = self.rules(node)
        if own:
            constraints.append(Constraint(None, own))
        for prop in _objects(self.store, node, SH + "property"):
            if isinstance(prop, ox.Literal):
                continue
            path = _objects(self.store, prop, SH + "path")
            messages = [t.text for t in _texts(self.store, prop, SH + "message")]
            severity = _objects(self.store, prop, SH + "severity")
            constraints.append(
                Constraint(
                    self.text(path[0]) if path else None,
                    self.rules(prop),
                    messages[0] if messages else None,
                    severity[0].value.removeprefix(SH) if severity else None,
                )
            )
        constraints.sort(key=lambda c: (c.path is not None, c.path or "", c.rules))
        sparql = []
        for constraint in _objects(self.store, node, SH + "sparql"):
            if isinstance(constraint, ox.Literal):
                continue
            select = [t.text for t in _texts(self.store, constraint, SH + "select")]
            message = [t.text for t in _texts(self.store, constraint, SH + "message")]
            sparql.append((message[0] if message else "", _dedent(select[0]) if select else ""))
        messages = [t.text for t in _texts(self.store, node, SH + "message")]
        severity = _objects(self.store, node, SH + "severity")
        comments = _texts(self.store, node, RDFS + "comment")
        return ShapeDoc(
            iri=node.value,
            anchor=node.value.rsplit("#", 1)[-1],
            targets=targets,
            severity=severity[0].value.removeprefix(SH) if severity else "Violation",
            message=messages[0] if messages else None,
            constraints=constraints,
            sparql=sparql,
            comment=comments[0].text if comments else None,
        )


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return "\n".join(line[indent:] for line in lines)


def _store(quads: Iterable[ox.Quad | ox.Triple]) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    return store


def read_shapes(shapes_dir: Path = SHAPES_DIR) -> list[ox.Quad]:
    """The shapes files' quads, their blank nodes named by order of appearance (`b1`, `b2`...)
    so that the same files give the same output."""
    names: dict[str, ox.BlankNode] = {}

    def stable(term: Any) -> Any:
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term.value, ox.BlankNode(f"b{len(names) + 1}"))
        return term

    return [
        ox.Quad(stable(q.subject), q.predicate, stable(q.object))
        for path in sorted(shapes_dir.glob("*.ttl"))
        for q in read_quads(path)
    ]


def ontology_docs(
    ontology: Iterable[ox.Quad | ox.Triple] | None = None,
    shapes: Iterable[ox.Quad | ox.Triple] | None = None,
    resources: Resources | None = None,
) -> OntologyDocs:
    """The documentation of an ontology (default: the bundled one) and its shapes, with
    examples from a build's resources when given."""
    store = _store(ontology if ontology is not None else read_quads(ONTOLOGY_FILE))
    shapes_store = _store(shapes if shapes is not None else read_shapes())
    terms: dict[str, TermDoc] = {}
    for quad in store.quads_for_pattern(None, TYPE, None):
        kind = _KINDS.get(quad.object.value)  # type: ignore[union-attr]
        if (
            kind is None
            or not isinstance(quad.subject, ox.NamedNode)
            or quad.subject.value in terms
        ):
            continue
        iri = quad.subject.value
        terms[iri] = TermDoc(
            iri, term_anchor(iri), VOCABULARY_PREFIXES.compact(iri), kind, iri.startswith(OSCE)
        )
    for quad in store.quads_for_pattern(None, TYPE, None):
        subject = quad.subject
        if (
            isinstance(subject, ox.NamedNode)
            and subject.value.startswith(OSCE)
            and subject.value not in terms
        ):
            iri = subject.value  # a named individual of the ontology (osce:ChairpersonshipRole)
            terms[iri] = TermDoc(
                iri, term_anchor(iri), VOCABULARY_PREFIXES.compact(iri), "individual", True
            )
    for doc in terms.values():  # first, so that links to a term show its label
        doc.labels = _texts(store, ox.NamedNode(doc.iri), RDFS + "label")
    for doc in terms.values():
        _describe(store, doc, terms)
    shaped = _Shapes(shapes_store, terms)
    shape_docs = [
        shaped.shape(q.subject)
        for q in shapes_store.quads_for_pattern(None, TYPE, ox.NamedNode(SH + "NodeShape"))
        if isinstance(q.subject, ox.NamedNode)
    ]
    shape_docs.sort(key=lambda s: s.anchor)
    for shape in shape_docs:
        _link_shape(shape, terms)
    if resources is not None:
        _examples(resources, terms.values())
    ontology_iri = OSCE.rstrip("#")
    node = ox.NamedNode(ontology_iri)
    labels = _texts(store, node, RDFS + "label")
    comments = _texts(store, node, RDFS + "comment")
    version = _texts(store, node, OWL + "versionInfo")
    license_ = _objects(store, node, DCTERMS + "license")
    prefix = _texts(store, node, VANN + "preferredNamespacePrefix")
    ordered = sorted(terms.values(), key=lambda d: (not d.own, d.curie.casefold(), d.curie))
    return OntologyDocs(
        iri=ontology_iri,
        title=labels[0].text if labels else ontology_iri,
        comment=comments[0].text if comments else "",
        version=version[0].text if version else None,
        license=license_[0].value if license_ else None,
        prefix=prefix[0].text if prefix else "osce",
        namespace=OSCE,
        classes=[d for d in ordered if d.kind == "class"],
        properties=[d for d in ordered if d.kind not in {"class", "individual"}],
        individuals=[d for d in ordered if d.kind == "individual"],
        shapes=shape_docs,
        with_examples=resources is not None,
    )


def _describe(store: ox.Store, doc: TermDoc, terms: dict[str, TermDoc]) -> None:
    node = ox.NamedNode(doc.iri)

    def link(iri: str) -> Link:
        if iri in terms:
            return Link(iri, terms[iri].label, f"#{terms[iri].anchor}")
        return Link(iri, VOCABULARY_PREFIXES.compact(iri))

    doc.comments = _texts(store, node, RDFS + "comment")
    if doc.kind == "individual":
        doc.types = [
            link(o.value) for o in _objects(store, node, RDF_TYPE) if isinstance(o, ox.NamedNode)
        ]
    refines = RDFS + ("subClassOf" if doc.kind == "class" else "subPropertyOf")
    doc.refines = [
        link(o.value) for o in _objects(store, node, refines) if isinstance(o, ox.NamedNode)
    ]
    doc.refined_by = sorted(
        (link(q.subject.value) for q in store.quads_for_pattern(None, ox.NamedNode(refines), node)
         if isinstance(q.subject, ox.NamedNode)),
        key=lambda found: (found.label.casefold(), found.label, found.iri),
    )  # fmt: skip
    doc.domain = [
        link(o.value) for o in _objects(store, node, RDFS + "domain") if isinstance(o, ox.NamedNode)
    ]
    doc.range = [
        link(o.value) for o in _objects(store, node, RDFS + "range") if isinstance(o, ox.NamedNode)
    ]
    doc.written_as = [
        *(
            VOCABULARY_PREFIXES.compact(o.value)
            for o in _objects(store, node, OSCE + "valueDatatype")
            if isinstance(o, ox.NamedNode)
        ),
        *(
            f"a {o.value} map"
            for o in _objects(store, node, OSCE + "valueContainer")
            if isinstance(o, ox.Literal)
        ),
    ]
    defined = [
        o.value for o in _objects(store, node, RDFS + "isDefinedBy") if isinstance(o, ox.NamedNode)
    ]
    doc.defined_by = defined[0] if defined else None


def _link_shape(shape: ShapeDoc, terms: dict[str, TermDoc]) -> None:
    """Tell each term which shapes constrain it: a class its targeting shapes, a property the
    shapes with a constraint on its path."""
    said: dict[str, list[str]] = defaultdict(list)
    for kind, target in shape.targets:
        said[target.iri].append(f"targets it ({kind})")
    for constraint in shape.constraints:
        if constraint.path is None:
            continue
        iri = next((t for t in terms if terms[t].curie == constraint.path), None)
        if iri is not None:
            rules = "; ".join(f"{k} {v}" for k, v in constraint.rules)
            said[iri].append(rules or "constrains it")
    for iri, texts in said.items():
        if iri in terms:
            terms[iri].shapes.append((shape.anchor, " · ".join(texts)))


def _examples(resources: Resources, docs: Iterable[TermDoc]) -> None:
    """How many resources have each class (or use each property) in the data, and the first
    few the store finds (in the order of its index: the same data gives the same examples).
    Counted by the store's engine (two GROUP BY queries), not by reading every triple into
    Python; an ORDER BY over every use of a property cost a tenth of a second each."""
    store = resources.store
    classes = {
        row[0].value: int(row[1].value)
        for row in store.query("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")  # type: ignore[union-attr]
    }
    uses = {
        row[0].value: int(row[1].value)
        for row in store.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")  # type: ignore[union-attr]
    }
    for doc in docs:
        node = str(ox.NamedNode(doc.iri))
        if doc.kind == "class":
            doc.count = classes.get(doc.iri, 0)
            query = f"SELECT ?s WHERE {{ ?s a {node} }} LIMIT {_EXAMPLES}"
        elif doc.kind == "individual":
            doc.count = sum(
                1
                for _ in resources.source.quads_for_pattern(
                    None, None, ox.NamedNode(doc.iri), _DEFAULT
                )
            )
            query = f"SELECT DISTINCT ?s WHERE {{ ?s ?p {node} }} LIMIT {_EXAMPLES}"
        else:
            doc.count = uses.get(doc.iri, 0)
            query = f"SELECT ?s ?o WHERE {{ ?s {node} ?o }} LIMIT {_EXAMPLES}"
        if not doc.count:
            continue
        examples = []
        for row in store.query(query):  # type: ignore[union-attr]
            subject = row[0]
            link = (
                resources.link(subject.value)
                if isinstance(subject, ox.NamedNode)
                else Link(str(subject), str(subject))
            )
            value = None
            if "property" in doc.kind:
                obj = row[1]
                value = (
                    resources.label(obj.value)
                    if isinstance(obj, ox.NamedNode)
                    else str(getattr(obj, "value", obj))
                )
                if len(value) > 80:
                    value = value[:79] + "…"
            examples.append((link, value))
        doc.examples = examples
