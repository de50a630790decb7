"""SHACL results as sentences, in prefixed names.

A shape's own `sh:message` states its rule and is kept. Without one, each engine words its
default differently (pySHACL `Less than 1 values on <...>->schema:articleBody`, pyshacl-turbo
`HasValueConstraintComponent violated at <...>`) and neither reads as a sentence, so the
sentence is written here from the constraint the shape declares: both engines then say the
same thing. A literal that is not valid for its own datatype (`"1995-12-41"^^xsd:date`) is
said to be so whatever the shape's message, because that is the fault to fix.

Shapes and values are rdflib terms here: both engines report in rdflib's term model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..identity.namespaces import SH, XSD

__all__ = ["ShapeParameters", "Shorten", "describe_shape", "ill_typed", "own_message", "sentence"]

Shorten = Callable[[str], str]
ShapeParameters = dict[str, list[Any]]

_LISTS = frozenset({"in", "languageIn", "or", "and", "xone", "ignoredProperties"})
_NESTED = frozenset({"or", "and", "xone", "not", "node", "qualifiedValueShape", "sparql"})
_NODE_KINDS = {
    "IRI": "an IRI",
    "Literal": "a literal",
    "BlankNode": "a blank node",
    "BlankNodeOrIRI": "an IRI or a blank node",
    "BlankNodeOrLiteral": "a blank node or a literal",
    "IRIOrLiteral": "an IRI or a literal",
}


def describe_shape(graphs: Sequence[Any], node: Any, depth: int = 0) -> ShapeParameters:
    """A shape's SHACL parameters by local name (`minCount`, `class`, ...), lists unrolled and
    nested shapes described in turn. The first of `graphs` that describes `node` is read:
    engines copy a blank-node shape into their report, named shapes are in the shapes graph."""
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection

    graph = next((g for g in graphs if (node, None, None) in g), None)
    parameters: ShapeParameters = {}
    if graph is None:
        return parameters
    for predicate, obj in graph.predicate_objects(node):
        name = str(predicate).removeprefix(SH)
        if name == str(predicate):
            continue
        values = list(Collection(graph, obj)) if name in _LISTS else [obj]
        if name in _NESTED and depth < 3:
            values = [
                describe_shape(graphs, v, depth + 1)
                if isinstance(v, BNode | URIRef) and any((v, None, None) in g for g in graphs)
                else v
                for v in values
            ]
        parameters.setdefault(name, []).extend(values)
    return parameters


def own_message(shape: ShapeParameters) -> bool:
    """Whether the shape (or its SPARQL constraint) words its results itself."""
    return "message" in shape or any(
        isinstance(constraint, Mapping) and "message" in constraint
        for constraint in shape.get("sparql", [])
    )


def ill_typed(component: str, value: Any, shape: ShapeParameters) -> bool:
    """Whether a datatype result is about a literal invalid for its own datatype: it has the
    datatype the shape asks for, so the engine found its text not valid for it (rdflib
    cannot tell for every datatype: it does not check xsd:gYear)."""
    from rdflib import Literal

    datatype = shape.get("datatype", [None])[0]
    return (
        component == "DatatypeConstraintComponent"
        and isinstance(value, Literal)
        and value.datatype is not None
        and value.datatype == datatype
    )


def sentence(
    component: str,
    focus: Any,
    path: Any | None,
    value: Any | None,
    shape: ShapeParameters,
    shorten: Shorten,
    shape_node: Any | None = None,
) -> str:
    """The result as a sentence; for a component without words of its own (a SPARQL
    constraint without a message, an extension), which shape it fails."""

    def name(term: Any) -> str:
        return _term(term, shorten)

    def first(parameter: str) -> Any:
        return shape.get(parameter, [None])[0]

    subject = name(focus)
    where = f"the {name(path)} of {subject}" if path is not None else subject
    what = f"{name(value)}, {where}," if value is not None and path is not None else subject
    if component == "DatatypeConstraintComponent":
        datatype = first("datatype")
        if ill_typed(component, value, shape):
            return f"{_lexical(value)} is not a valid {name(datatype)} ({where})"
        return f"{what} is not of datatype {name(datatype)}"
    count = first(
        {
            "MinCountConstraintComponent": "minCount",
            "MaxCountConstraintComponent": "maxCount",
            "MinLengthConstraintComponent": "minLength",
            "MaxLengthConstraintComponent": "maxLength",
            "QualifiedMinCountConstraintComponent": "qualifiedMinCount",
            "QualifiedMaxCountConstraintComponent": "qualifiedMaxCount",
        }.get(component, "")
    )
    n = int(count) if count is not None else None
    qualified = _words(first("qualifiedValueShape"), shorten)
    words: dict[str, Callable[[], str]] = {
        "MinCountConstraintComponent": lambda: (
            f"{subject} has no {name(path)}"
            if n == 1
            else f"{subject} has fewer than {n} values of {name(path)}"
        ),
        "MaxCountConstraintComponent": lambda: (
            f"{subject} has more than one {name(path)}"
            if n == 1
            else f"{subject} has more than {n} values of {name(path)}"
        ),
        "ClassConstraintComponent": lambda: f"{what} is not a {name(first('class'))}",
        "NodeKindConstraintComponent": lambda: (
            f"{what} is not {_NODE_KINDS.get(str(first('nodeKind')).removeprefix(SH), name(first('nodeKind')))}"
        ),
        "PatternConstraintComponent": lambda: (
            f"{what} does not match the pattern {first('pattern')}"
        ),
        "InConstraintComponent": lambda: (
            f"{what} is not one of {_listed(shape.get('in', []), shorten)}"
        ),
        "HasValueConstraintComponent": lambda: (
            f"{subject} has no {name(path)} {name(first('hasValue'))}"
            if path is not None
            else f"{subject} is not {name(first('hasValue'))}"
        ),
        "MinLengthConstraintComponent": lambda: (
            f"{where} is empty" if n == 1 else f"{what} is shorter than {n} characters"
        ),
        "MaxLengthConstraintComponent": lambda: f"{what} is longer than {n} characters",
        "MinInclusiveConstraintComponent": lambda: (
            f"{what} is less than {name(first('minInclusive'))}"
        ),
        "MinExclusiveConstraintComponent": lambda: (
            f"{what} is not greater than {name(first('minExclusive'))}"
        ),
        "MaxInclusiveConstraintComponent": lambda: (
            f"{what} is greater than {name(first('maxInclusive'))}"
        ),
        "MaxExclusiveConstraintComponent": lambda: (
            f"{what} is not less than {name(first('maxExclusive'))}"
        ),
        "LanguageInConstraintComponent": lambda: (
            f"{what} is not in language {_listed(shape.get('languageIn', []), shorten, 'or')}"
        ),
        "UniqueLangConstraintComponent": lambda: (
            f"{subject} has more than one {name(path)} in the same language"
        ),
        "QualifiedMinCountConstraintComponent": lambda: (
            f"{subject} has no {name(path)} {qualified}"
            if n == 1
            else f"{subject} has fewer than {n} values of {name(path)} {qualified}"
        ),
        "QualifiedMaxCountConstraintComponent": lambda: (
            f"{subject} has more than {n} values of {name(path)} {qualified}"
        ),
        "OrConstraintComponent": lambda: (
            f"{what} is none of: {_alternatives(shape.get('or', []), shorten)}"
        ),
        "XoneConstraintComponent": lambda: (
            f"{what} is not exactly one of: {_alternatives(shape.get('xone', []), shorten)}"
        ),
        "AndConstraintComponent": lambda: (
            f"{what} is not all of: {_alternatives(shape.get('and', []), shorten, 'and')}"
        ),
        "NotConstraintComponent": lambda: f"{what} must not be {_words(first('not'), shorten)}",
        "NodeConstraintComponent": lambda: f"{what} is not {_words(first('node'), shorten)}",
        "EqualsConstraintComponent": lambda: (
            f"{where} differs from its {name(first('equals'))}"
            + (f" ({name(value)})" if value is not None else "")
        ),
        "DisjointConstraintComponent": lambda: (
            f"{name(value)} is both the {name(path)} and the {name(first('disjoint'))} of {subject}"
        ),
        "LessThanConstraintComponent": lambda: (
            f"{what} is not less than its {name(first('lessThan'))}"
        ),
        "LessThanOrEqualsConstraintComponent": lambda: (
            f"{what} is greater than its {name(first('lessThanOrEquals'))}"
        ),
        "ClosedConstraintComponent": lambda: (
            f"{subject} has {name(path)} {name(value)}, which its shape does not allow"
        ),
    }
    found = words.get(component)
    if found is not None:
        return " ".join(found().split())
    check = "SPARQL check" if component == "SPARQLConstraintComponent" else component
    of = f" of {name(shape_node)}" if shape_node is not None and not _is_blank(shape_node) else ""
    return f"{where} fails the {check}{of}"


def _is_blank(term: Any) -> bool:
    from rdflib import BNode

    return isinstance(term, BNode)


def _lexical(value: Any) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _term(term: Any, shorten: Shorten) -> str:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, dict):
        return _words(term, shorten)
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, Literal):
        text = _lexical(term)
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD + "string":
            return f"{text}^^{shorten(str(term.datatype))}"
        return text
    if isinstance(term, BNode):
        return "a blank node"
    return str(term)


def _joined(words: Sequence[str], last: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _listed(values: Iterable[Any], shorten: Shorten, last: str = "or") -> str:
    return _joined([_term(v, shorten) for v in values], last)


def _alternatives(shapes: Iterable[Any], shorten: Shorten, last: str = "or") -> str:
    return _joined([_words(s, shorten) for s in shapes], last)


def _words(shape: Any, shorten: Shorten) -> str:
    """A nested shape in a few words: `a schema:Place`, `at least 1 osce:hostCountry`."""
    if not isinstance(shape, Mapping):
        return _term(shape, shorten) if shape is not None else "a shape"
    path = shape.get("path", [None])[0]
    parts = [
        phrase
        for parameter, values in sorted(shape.items())
        if (phrase := _phrase(parameter, values, path, shorten)) is not None
    ]
    return " and ".join(parts) or "a shape"


def _phrase(parameter: str, values: list[Any], path: Any, shorten: Shorten) -> str | None:
    first = values[0]
    match parameter:
        case "class":
            return f"a {_term(first, shorten)}"
        case "datatype":
            return f"of datatype {_term(first, shorten)}"
        case "nodeKind":
            return _NODE_KINDS.get(str(first).removeprefix(SH), _term(first, shorten))
        case "pattern":
            return f"matching the pattern {first}"
        case "languageIn":
            return f"in language {_listed(values, shorten)}"
        case "hasValue":
            return f"equal to {_term(first, shorten)}"
        case "in":
            return f"one of {_listed(values, shorten)}"
        case "minCount":
            return f"with at least {first} {_term(path, shorten)}"
        case "maxCount":
            return f"with at most {first} {_term(path, shorten)}"
        case "node":
            return _words(first, shorten)
    return None
