"""One resource's document in every RDF format: what the site writes beside a page and the
server answers for it.

Each file stands alone and stays small: Turtle, TriG and RDF/XML declare only the prefixes
they use, and JSON-LD carries the part of the generated context its nodes use (the whole
context is often larger than a page's description). The triples are sorted, so the same
data gives the same bytes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Iterable, Mapping, Sequence

import pyoxigraph as ox

from ..errors import UsageError
from ..identity.namespaces import RDF, XSD
from ..identity.prefixes import Prefixes
from ..rendering.jsonld import jsonld_document, node_objects
from ..rendering.jsonld_context import Context
from ..rendering.rdf_text import Blocks, sorted_triples
from .conneg import Format

__all__ = ["DocumentText", "serialize_document", "used_prefixes"]


def used_prefixes(
    quads: Iterable[ox.Quad | ox.Triple], prefixes: Mapping[str, str]
) -> dict[str, str]:
    """The prefixes whose namespace an IRI of the quads (graph names too) begins with (every
    namespace ends with `/` or `#`, so an IRI's are found by cutting it there, longest first)."""
    listed = quads if isinstance(quads, list | tuple) else list(quads)
    # The distinct terms first (a set of pyoxigraph terms hashes in Rust): a document names
    # the same subject and properties in most of its triples.
    objects = {q.object for q in listed}
    terms = {q.subject for q in listed} | {q.predicate for q in listed} | objects
    terms |= {o.datatype for o in objects if isinstance(o, ox.Literal)}
    terms |= {q.graph_name for q in listed if isinstance(q, ox.Quad)}
    return _prefixes_of((term.value for term in terms if isinstance(term, ox.NamedNode)), prefixes)


def _prefixes_of(iris: Iterable[str], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes of the longest namespaces the IRIs extend, by prefix. An IRI's namespace
    is decided by what comes before its last `/` or `#` (its "folder"), which many IRIs share:
    an item's parts (`item/K#char=1,5`) are most of its IRIs, each named once."""
    by_namespace, remembered = _namespaces(prefixes)
    used = {}
    for iri in iris:
        folder = iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]
        found = remembered.get(folder, _UNSEEN)
        if found is _UNSEEN:
            found = remembered[folder] = _namespace(folder, by_namespace)
        if found is not None:
            used[found[0]] = found[1]
    return dict(sorted(used.items()))


_XSD_STRING = XSD + "string"
_LANG_STRING = RDF + "langString"


def _line_iris(lines: Iterable[str]) -> set[str] | None:
    """Every IRI of N-Triples lines (each without its ` .`), literals' datatypes included,
    read off the text: quicker than asking pyoxigraph's terms, which makes an object for
    each. None when a line holds a quoted triple."""
    found: set[str] = set()
    add = found.add
    for line in lines:
        if line[0] == "<":
            end = line.index(">")
            add(line[1:end])
            rest = line[end + 2 :]
        else:  # a blank node
            rest = line[line.index(" ") + 1 :]
        end = rest.index(">")
        add(rest[1:end])
        obj = rest[end + 2 :]
        if obj[0] == "<":
            if obj[1] == "<":
                return None
            add(obj[1:-1])
        elif obj[0] == '"':
            if obj[-1] == ">":
                add(obj[obj.rindex("^^<") + 3 : -1])
            else:
                add(_XSD_STRING if obj[-1] == '"' else _LANG_STRING)
    return found


_UNSEEN = ("", "")
# Per prefix map: its prefixes by namespace, and the namespace found for each IRI folder.
_NAMESPACES: dict[
    int, tuple[Mapping[str, str], dict[str, str], dict[str, tuple[str, str] | None]]
] = {}
_REMEMBERED = 100_000  # IRI folders whose namespace is kept, per prefix map


def _namespaces(
    prefixes: Mapping[str, str],
) -> tuple[dict[str, str], dict[str, tuple[str, str] | None]]:
    """A prefix map's prefixes by namespace, and (prefix, namespace) of the IRI folders seen, kept
    per map: the same IRIs (properties, classes, States) come back in most documents."""
    found = _NAMESPACES.get(id(prefixes))
    if found is None or found[0] is not prefixes:
        by_namespace = {namespace: prefix for prefix, namespace in prefixes.items()}
        found = _NAMESPACES[id(prefixes)] = (prefixes, by_namespace, {})
    if len(found[2]) > _REMEMBERED:
        found[2].clear()
    return found[1], found[2]


def _namespace(iri: str, by_namespace: Mapping[str, str]) -> tuple[str, str] | None:
    """The prefix and namespace of an IRI's longest namespace (None: it has none)."""
    end = len(iri)
    while (cut := max(iri.rfind("/", 0, end), iri.rfind("#", 0, end))) >= 0:
        prefix = by_namespace.get(iri[: cut + 1])
        if prefix is not None:
            return prefix, iri[: cut + 1]
        end = cut
    return None


# One encoder for every document: `json.dumps` with options makes a new one per call.
_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class DocumentText:
    """One document's quads in RDF formats: sorted once, and the prefixes they use found
    once, for every format written from them (the site writes three beside each page)."""

    def __init__(
        self,
        quads: Sequence[ox.Quad],
        prefixes: Mapping[str, str],
        context: Context,
        triples: Collection[ox.Triple] | None = None,
    ) -> None:
        self.quads = quads
        self.prefixes = prefixes
        self.context = context
        # The quads' distinct triples, when the caller has them: making a triple of each
        # quad is a fifth of the time of writing an item's files. A collection, read twice
        # (each triple's text beside it), never a one-pass iterator.
        self._triples = triples

    @functools.cached_property
    def _lines(self) -> list[tuple[str, ox.Triple]]:
        """The distinct triples with their N-Triples text, in that text's order."""
        triples = self._triples if self._triples is not None else {q.triple for q in self.quads}
        return sorted(zip(map(str, triples), triples, strict=True))

    @functools.cached_property
    def _used(self) -> Prefixes:
        """The prefixes the triples use (the graphs' names are TriG's alone)."""
        iris = _line_iris(line for line, _ in self._lines)
        if iris is None:  # a quoted triple: read from the terms
            return Prefixes(used_prefixes([t for _, t in self._lines], self.prefixes))
        return Prefixes(_prefixes_of(iris, self.prefixes))

    def serialize(self, fmt: Format) -> bytes:
        """The document in an RDF format (TriG keeps the graphs; the others, the triples)."""
        if fmt.name == "ntriples":
            return "".join(f"{line} .\n" for line, _ in self._lines).encode("utf-8")
        triples = [t for _, t in self._lines]
        if fmt.name == "turtle":
            return self._used.turtle_header().encode("utf-8") + Blocks(self._used).turtle(triples)
        if fmt.name == "trig":
            with_graphs = Prefixes(used_prefixes(self.quads, self.prefixes))
            blocks = Blocks(with_graphs)
            by_graph: dict[str, list[ox.Triple]] = {}
            for quad in self.quads:
                name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
                by_graph.setdefault(name, []).append(quad.triple)
            out = [with_graphs.turtle_header().encode("utf-8")]
            for name in sorted(by_graph):
                turtle = blocks.turtle(sorted_triples(by_graph[name]))
                out.append(blocks.trig(name, turtle) if name else turtle)
            return b"".join(out)
        if fmt.name == "jsonld":
            nodes = node_objects(triples, self.context)
            document = jsonld_document(nodes, self.context, used_only=True)
            return (_COMPACT_JSON.encode(document) + "\n").encode("utf-8")
        if fmt.name == "rdfxml":
            data = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=self._used.as_dict())
            assert data is not None
            return data
        raise UsageError(f"{fmt.name} is not an RDF format")


def serialize_document(
    quads: Sequence[ox.Quad], fmt: Format, prefixes: Mapping[str, str], context: Context
) -> bytes:
    """A document's quads in an RDF format (TriG keeps the graphs; the others, the triples)."""
    return DocumentText(quads, prefixes, context).serialize(fmt)
