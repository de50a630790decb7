"""Compacted JSON-LD, written directly from triples with the generated context.

A general JSON-LD compaction algorithm is slow at archive scale and its output order is not
stable; ours knows the context it compacts against, so it can do the same job in one pass:
a value takes the short name of its property when the term's coercion fits it (an IRI for an
object property, the declared datatype, a language map), and a prefixed property name with
an explicit value object otherwise. Either way the document expands to exactly the triples
it was written from; `tests/test_outputs.py` checks that round trip.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import Any

import pyoxigraph as ox

from .context import Context, TermDefinition
from .namespaces import RDF, XSD

__all__ = ["dumps_node", "graph_block", "node_objects"]

_TYPE = RDF + "type"
_STRING = XSD + "string"


def _value(
    context: Context,
    definition: TermDefinition | None,
    obj: ox.NamedNode | ox.BlankNode | ox.Literal,
) -> tuple[bool, Any]:
    """(fits the term's coercion, the JSON value)."""
    if isinstance(obj, ox.NamedNode):
        if definition is not None and definition.kind == "object":
            return True, context.compact_iri(obj.value)
        return False, {"@id": context.compact_iri(obj.value)}
    if isinstance(obj, ox.BlankNode):
        return False, {"@id": f"_:{obj.value}"}
    datatype = obj.datatype.value
    if obj.language:
        return False, {"@value": obj.value, "@language": obj.language}
    if definition is not None and definition.kind != "object" and not definition.container:
        expected = definition.datatype or _STRING
        if expected == datatype:
            return True, obj.value
    if datatype == _STRING:
        return False, {"@value": obj.value}
    return False, {"@value": obj.value, "@type": context.compact_iri(datatype)}


def _subject_id(context: Context, subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if isinstance(subject, ox.BlankNode):
        return f"_:{subject.value}"
    if isinstance(subject, ox.NamedNode):
        return context.compact_iri(subject.value)
    raise TypeError("RDF-star triples are not written as JSON-LD")


def node_objects(ordered: Iterable[ox.Triple], context: Context) -> list[dict[str, Any]]:
    """One node object per subject, for triples in `serialize.sorted_triples` order.

    Subjects come in the order of their triples; properties and values are sorted.
    """
    nodes: list[dict[str, Any]] = []
    for subject, group in groupby(ordered, key=lambda t: t.subject):
        nodes.append(_node(_subject_id(context, subject), group, context))
    return nodes


def _node(subject_id: str, triples: Iterable[ox.Triple], context: Context) -> dict[str, Any]:
    node: dict[str, Any] = {"@id": subject_id}
    types: list[str] = []
    properties: dict[str, list[Any]] = {}
    languages: dict[str, dict[str, list[str]]] = {}
    terms = context.terms
    for triple in triples:
        predicate = triple.predicate.value
        obj = triple.object
        if predicate == _TYPE and isinstance(obj, ox.NamedNode):
            definition = terms.get(obj.value)
            types.append(definition.name if definition else context.compact_iri(obj.value))
            continue
        definition = terms.get(predicate)
        language = obj.language if isinstance(obj, ox.Literal) else None
        if definition is not None and definition.container == "@language" and language:
            by_language = languages.setdefault(definition.name, {})
            by_language.setdefault(language, []).append(obj.value)  # type: ignore[union-attr]
            continue
        fits, value = _value(context, definition, obj)  # type: ignore[arg-type]
        key = (
            definition.name if (definition is not None and fits) else context.compact_iri(predicate)
        )
        properties.setdefault(key, []).append(value)
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


def dumps_node(node: Mapping[str, Any]) -> str:
    return json.dumps(node, ensure_ascii=False, separators=(", ", ": "))


def graph_block(graph: str, ordered: Iterable[ox.Triple], context: Context) -> str:
    """One named graph (triples in `sorted_triples` order) as an element of the top `@graph`."""
    nodes = node_objects(ordered, context)
    inner = ",\n  ".join(dumps_node(node) for node in nodes)
    return f'{{"@id": {json.dumps(context.compact_iri(graph))}, "@graph": [\n  {inner}\n]}}'
