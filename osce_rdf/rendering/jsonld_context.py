"""The JSON-LD context, generated from the ontology so that it cannot drift from it.

Every class and property the ontology declares (its own terms and the reused ones of its
profile) gets a short name: its local name, unless an earlier vocabulary (see
`namespaces.VOCABULARIES`) took it. Object properties are coerced to IRIs; a property's
values are typed by its `osce:valueDatatype` annotation, else by its own `rdfs:range` when
that is an XSD datatype. Two datatypes are about language rather than type:
`rdf:langString` marks text in the item's language (no coercion: a bare string takes the
document's default language), `xsd:string` a plain string that never has one (`"@language":
null`, so a framed item's default language does not reach it). `osce:valueContainer
"@language"` makes a language map. The data's own namespaces (`item:`, `unit:`...) are
prefixes too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import UsageError
from ..identity.iris import DEFAULT_BASE
from ..identity.namespaces import OWL, RDF, RDF_TYPE, RDFS, VOCABULARIES, XSD
from ..identity.prefixes import Prefixes
from ..package_data import ONTOLOGY_FILE

__all__ = ["Context", "TermDefinition", "build_context", "load_context", "read_ontology"]

_DECLARATIONS = {
    OWL + "Class": "class",
    RDFS + "Class": "class",
    OWL + "ObjectProperty": "object",
    OWL + "DatatypeProperty": "datatype",
    OWL + "AnnotationProperty": "annotation",
    RDF + "Property": "annotation",
}
_VALUE_DATATYPE = VOCABULARIES["osce"] + "valueDatatype"
_VALUE_CONTAINER = VOCABULARIES["osce"] + "valueContainer"
_LANG_STRING = RDF + "langString"
_STRING = XSD + "string"


@dataclass(frozen=True, slots=True)
class TermDefinition:
    name: str
    iri: str
    kind: str  # class, object, datatype, annotation
    datatype: str | None = None  # coerced to; never rdf:langString or xsd:string
    container: str | None = None
    text: bool = False  # values are text in the item's language (rdf:langString)
    plain: bool = False  # values are strings without a language (xsd:string)


@dataclass(frozen=True)
class Context:
    """Prefixes and terms; `document()` is the JSON-LD `@context` object."""

    prefixes: Prefixes
    terms: dict[str, TermDefinition]  # by IRI

    def document(self) -> dict[str, Any]:
        context: dict[str, Any] = self.prefixes.as_dict()
        for definition in sorted(self.terms.values(), key=lambda d: d.name):
            compact = self.prefixes.compact(definition.iri)
            if definition.kind == "object":
                context[definition.name] = {"@id": compact, "@type": "@id"}
            elif definition.datatype:
                context[definition.name] = {
                    "@id": compact,
                    "@type": self.prefixes.compact(definition.datatype),
                }
            elif definition.container:
                context[definition.name] = {"@id": compact, "@container": definition.container}
            elif definition.plain:
                context[definition.name] = {"@id": compact, "@language": None}
            else:
                context[definition.name] = compact
        return context


def read_ontology(ontology_file: Path = ONTOLOGY_FILE) -> list[ox.Triple]:
    """The ontology's triples, sorted; a `UsageError` naming the file when it cannot be read."""
    try:
        return sorted(ox.parse(path=str(ontology_file), format=ox.RdfFormat.TURTLE), key=str)
    except (OSError, SyntaxError) as error:
        raise UsageError(f"cannot read the ontology {ontology_file}: {error}") from None


@cache
def load_context(base: str = DEFAULT_BASE, ontology_file: Path = ONTOLOGY_FILE) -> Context:
    """The context of data under `base`: what formats output without building a pipeline."""
    return build_context(read_ontology(ontology_file), Prefixes.for_data(base))


def build_context(ontology: Iterable[ox.Triple], prefixes: Prefixes) -> Context:
    """Generate the context from the ontology's triples."""
    kinds: dict[str, str] = {}
    datatypes: dict[str, str] = {}
    ranges: dict[str, str] = {}
    containers: dict[str, str] = {}
    for triple in ontology:
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode):
            continue
        predicate = triple.predicate.value
        obj = triple.object
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode) and obj.value in _DECLARATIONS:
            kinds.setdefault(subject.value, _DECLARATIONS[obj.value])
        elif predicate == _VALUE_DATATYPE and isinstance(obj, ox.NamedNode):
            datatypes[subject.value] = obj.value
        elif (
            predicate == RDFS + "range"
            and isinstance(obj, ox.NamedNode)
            and obj.value.startswith(XSD)
        ):
            ranges[subject.value] = obj.value
        elif predicate == _VALUE_CONTAINER and isinstance(obj, ox.Literal):
            containers[subject.value] = obj.value

    taken = set(prefixes) | {"id", "type", "graph"}
    terms: dict[str, TermDefinition] = {}
    order = list(VOCABULARIES.values())

    def rank(iri: str) -> tuple[int, str]:
        for position, namespace in enumerate(order):
            if iri.startswith(namespace):
                return position, iri
        return len(order), iri

    for iri in sorted(kinds, key=rank):
        local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if not local or local in taken:
            continue
        taken.add(local)
        datatype = datatypes.get(iri, ranges.get(iri))
        terms[iri] = TermDefinition(
            local,
            iri,
            kinds[iri],
            datatype if datatype not in {_LANG_STRING, _STRING} else None,
            containers.get(iri),
            text=datatype == _LANG_STRING,
            plain=datatype == _STRING,
        )
    return Context(prefixes, terms)
