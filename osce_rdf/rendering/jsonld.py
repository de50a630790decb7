"""Compacted JSON-LD, written directly from triples with the generated context.

A general JSON-LD compaction algorithm is slow at archive scale and its output order is not
stable; ours knows the context it compacts against, so it can do the same job in one pass.
Every value goes under its property's short name: bare when the term's coercion fits it (an
IRI for an object property, the declared datatype, a language map, the document's default
language for text), as a JSON number or boolean for a canonical `xsd:integer` or
`xsd:boolean`, and as an explicit value object otherwise (value objects are never coerced).
The one exception is a value without a language under a language-map term, which JSON-LD can
only write under the property's prefixed name. Either way the document expands to exactly the
triples it was written from; `tests/test_outputs.py` checks that round trip with rdflib's and
pyoxigraph's JSON-LD parsers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import Any

import pyoxigraph as ox

from ..identity.namespaces import RDF_TYPE, XSD
from .jsonld_context import Context, TermDefinition

__all__ = [
    "JSONLD_FOOTER",
    "JSONLD_SEPARATOR",
    "context_file",
    "dumps_node",
    "graph_block",
    "jsonld_document",
    "jsonld_header",
    "node_objects",
]

_STRING = XSD + "string"
_INTEGER = XSD + "integer"
_BOOLEAN = XSD + "boolean"
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")


def _native(obj: ox.Literal) -> int | bool | None:
    """The JSON number or boolean that expands back to exactly this literal, if there is one
    (only a canonical lexical form does: `"007"^^xsd:integer` stays a string)."""
    datatype = obj.datatype.value
    if datatype == _INTEGER and _CANONICAL_INTEGER.fullmatch(obj.value):
        return int(obj.value)
    if datatype == _BOOLEAN and obj.value in {"true", "false"}:
        return obj.value == "true"
    return None


def _value(
    context: Context,
    definition: TermDefinition | None,
    obj: ox.NamedNode | ox.BlankNode | ox.Literal,
    language: str | None,
) -> Any:
    """The JSON value of `obj` under the term `definition`, in a document whose default
    language is `language`."""
    if isinstance(obj, ox.NamedNode):
        if definition is not None and definition.kind == "object":
            return context.prefixes.compact(obj.value)
        return {"@id": context.prefixes.compact(obj.value)}
    if isinstance(obj, ox.BlankNode):
        return {"@id": f"_:{obj.value}"}
    # a literal's term: one for data values (not an object property), and its coercion
    term = definition if definition is not None and definition.kind != "object" else None
    coerced = term.datatype if term is not None else None
    if obj.language:
        if term is not None and term.text and obj.language == language:
            return obj.value
        return {"@value": obj.value, "@language": obj.language}
    datatype = obj.datatype.value
    if datatype == _STRING:
        if definition is None and language is None:
            return obj.value
        if term is not None and not coerced and (term.plain or language is None):
            return obj.value
        return {"@value": obj.value}
    if term is not None and coerced == datatype:
        native = _native(obj)
        return obj.value if native is None else native
    if not coerced and (definition is None or definition.kind != "object"):
        native = _native(obj)
        if native is not None:
            return native
    return {"@value": obj.value, "@type": context.prefixes.compact(datatype)}


def _subject_id(context: Context, subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if isinstance(subject, ox.BlankNode):
        return f"_:{subject.value}"
    if isinstance(subject, ox.NamedNode):
        return context.prefixes.compact(subject.value)
    raise TypeError("RDF-star triples are not written as JSON-LD")


def node_objects(
    ordered: Iterable[ox.Triple], context: Context, language: str | None = None
) -> list[dict[str, Any]]:
    """One node object per subject, for triples in `serialize.sorted_triples` order, in a
    document whose default language is `language`.

    Subjects come in the order of their triples; properties and values are sorted.
    """
    nodes: list[dict[str, Any]] = []
    for subject, group in groupby(ordered, key=lambda t: t.subject):
        nodes.append(_node(_subject_id(context, subject), group, context, language))
    return nodes


def _node(
    subject_id: str, triples: Iterable[ox.Triple], context: Context, language: str | None
) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": subject_id}
    types: list[str] = []
    properties: dict[str, list[Any]] = {}
    languages: dict[str, dict[str, list[str]]] = {}
    terms = context.terms
    for triple in triples:
        predicate = triple.predicate.value
        obj = triple.object
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            definition = terms.get(obj.value)
            types.append(definition.name if definition else context.prefixes.compact(obj.value))
            continue
        definition = terms.get(predicate)
        tag = obj.language if isinstance(obj, ox.Literal) else None
        if definition is not None and definition.container == "@language" and tag:
            by_language = languages.setdefault(definition.name, {})
            by_language.setdefault(tag, []).append(obj.value)  # type: ignore[union-attr]
            continue
        if definition is None or definition.container == "@language":
            key = context.prefixes.compact(predicate)  # a language map cannot hold a plain string
        else:
            key = definition.name
        properties.setdefault(key, []).append(_value(context, definition, obj, language))  # type: ignore[arg-type]
    if types:
        types.sort()
        node["@type"] = types[0] if len(types) == 1 else types
    for key, by_language in languages.items():
        properties.setdefault(key, []).append(
            {lang: (v[0] if len(v) == 1 else sorted(v)) for lang, v in sorted(by_language.items())}
        )
    for key in sorted(properties):
        values = properties[key]
        node[key] = values[0] if len(values) == 1 else values
    return node


_CONTEXTS: dict[int, tuple[Context, dict[str, Any], dict[str, int], dict[str, set[str]]]] = {}


def _context_document(
    context: Context,
) -> tuple[dict[str, Any], dict[str, int], dict[str, set[str]]]:
    """The context's JSON-LD document, the position of each of its keys, and the names each
    key's definition is written with, made once per context."""
    found = _CONTEXTS.get(id(context))
    if found is None or found[0] is not context:
        document = context.document()
        needs: dict[str, set[str]] = {}
        for key, definition in document.items():
            needs[key] = set()
            _add_names({key: definition}, needs[key])
        found = (context, document, {key: n for n, key in enumerate(document)}, needs)
        _CONTEXTS[id(context)] = found
    return found[1], found[2], found[3]


def _add_names(found: Any, names: set[str]) -> None:
    """Every string in a JSON value (a term used as a key or a type) and what comes before
    its first `:` (a compact IRI's prefix). Strings are handled where they are met: they are
    most of the values, and a call for each cost more than the rest of the walk."""
    values = found.items() if isinstance(found, dict) else ((None, v) for v in found)
    for key, value in values:
        if key is not None:
            names.add(key)
            cut = key.find(":")
            names.add(key if cut < 0 else key[:cut])
        if isinstance(value, str):
            names.add(value)
            cut = value.find(":")  # not split: a body text would be copied whole
            names.add(value if cut < 0 else value[:cut])
        elif isinstance(value, dict | list):
            _add_names(value, names)


def _prefix(name: str) -> str:
    """What a compact IRI is written with: its prefix (a term or an IRI: itself)."""
    cut = name.find(":")
    return name if cut < 0 else name[:cut]


def _node_names(nodes: list[dict[str, Any]], names: set[str]) -> None:
    """The context's entries that node objects (from `_node`) can use: their keys, types,
    and the prefixes of their IRIs (`@id`, an IRI value, a value object's `@type`). Texts
    are passed over: no text is read against the context, and walking every string of an
    item (its body among them) took a sixth of writing its document."""
    for node in nodes:
        for key, value in node.items():
            if key == "@type":
                for name in value if isinstance(value, list) else (value,):
                    names.add(name)
                    names.add(_prefix(name))
                continue
            names.add(key)
            names.add(_prefix(key))
            for one in value if isinstance(value, list) else (value,):
                if isinstance(one, str):
                    cut = one.find(":")  # an IRI (the `@id`, an object property's value)
                    if cut > 0:
                        names.add(one[:cut])
                elif isinstance(one, dict):
                    for field in ("@id", "@type"):
                        if isinstance(name := one.get(field), str):
                            names.add(name)
                            names.add(_prefix(name))


def _used_context(nodes: list[dict[str, Any]], context: Context) -> dict[str, Any]:
    """The part of the context the nodes use: their terms, and the prefixes those terms and
    the nodes' compact IRIs are written with (in the context's order)."""
    names: set[str] = set()
    _node_names(nodes, names)
    full, position, needs = _context_document(context)
    for term in [k for k in names if k in position and k not in context.prefixes]:
        names |= needs[term]  # the prefixes the kept terms are written with
    return {
        k: full[k] for k in sorted((k for k in names if k in position), key=position.__getitem__)
    }


def jsonld_document(
    nodes: list[dict[str, Any]],
    context: Context,
    *,
    used_only: bool = False,
    context_url: str | None = None,
    language: str | None = None,
    root: bool = False,
) -> dict[str, Any]:
    """A whole JSON-LD document of node objects (from `node_objects`): the one framing of
    every document written whole (`query --format jsonld`, `export --frame`, the site's and
    the server's documents); the dumps stream the same frame as text (`jsonld_header`).

    The context is the whole generated one inline, or only what the nodes use
    (`used_only`: a resource's document stays small), or a reference to `context_url`;
    `language` adds the document's default language. With `root`, a document of one node
    is that node itself (a framed item), not a `@graph` of one.
    """
    inline: Any
    if context_url is not None:
        inline = context_url
    elif used_only:
        inline = _used_context(nodes, context)
    else:
        inline = context.document()
    scoped: Any = [inline, {"@language": language}] if language else inline
    if root and len(nodes) == 1:
        return {"@context": scoped, **nodes[0]}
    return {"@context": scoped, "@graph": nodes}


# One encoder for every node: `json.dumps` with options builds a new one per call, a third
# of writing a node of one triple (cProfile, a body with 140,000 mentions).
_NODE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def dumps_node(node: Mapping[str, Any]) -> str:
    return _NODE_ENCODER.encode(node)


JSONLD_SEPARATOR = ",\n"  # between the elements of a document's top `@graph`
JSONLD_FOOTER = "\n]}\n"


def jsonld_header(context: Context) -> str:
    """The start of a JSON-LD document with the whole context inline, up to its `@graph`'s
    first element: every document the toolkit streams is framed by this and `JSONLD_FOOTER`."""
    inline = json.dumps(context.document(), ensure_ascii=False, indent=1)
    return f'{{"@context": {inline},\n"@graph": [\n'


def context_file(context: Context) -> str:
    """`context.jsonld`: the context alone, for documents that refer to it by URL."""
    return json.dumps({"@context": context.document()}, ensure_ascii=False, indent=1) + "\n"


def graph_block(
    graph: str, ordered: Iterable[ox.Triple], context: Context, language: str | None = None
) -> str:
    """One named graph (triples in `sorted_triples` order) as an element of the top `@graph`.

    With a `language` (an item's), the block sets it as its default: the item's text is
    written as bare strings.
    """
    nodes = node_objects(ordered, context, language)
    inner = ",\n  ".join(dumps_node(node) for node in nodes)
    scoped = f'"@context": {{"@language": {json.dumps(language)}}}, ' if language else ""
    return f'{{{scoped}"@id": {json.dumps(context.prefixes.compact(graph))}, "@graph": [\n  {inner}\n]}}'
