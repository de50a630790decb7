"""The dataset's own description (DCAT and VoID) and the provenance of the build (PROV).

Written last, into its own named graph, because it counts what the build produced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Protocol

from pyoxigraph import NamedNode, Triple

from ..identity.iris import Iris
from ..identity.namespaces import VOCABULARIES
from ..identity.rdf_terms import TYPE, datetime, integer, iri, text, vocab

__all__ = ["Distribution", "dataset_triples"]


class Distribution(Protocol):
    """A file the dataset can be downloaded as (a build's dump formats are these)."""

    @property
    def file_name(self) -> str: ...
    @property
    def media_type(self) -> str: ...
    @property
    def title(self) -> str: ...


_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"


def dataset_triples(
    iris: Iris,
    *,
    triples: int,
    entities: int,
    classes: Mapping[str, int],
    items: int,
    built: dt.datetime,
    software_version: str,
    distributions: Iterable[Distribution] = (),
    replaced: Mapping[str, str] | None = None,
) -> list[Triple]:
    """Triples describing the dataset; `classes` counts instances per class IRI;
    `distributions` are the dump files; `replaced` maps the keys of items whose IRI changed
    (an edited headline) to their current keys."""
    dataset = iri(iris.dataset)
    out: list[Triple] = []

    def add(subject: NamedNode, predicate: str, obj: NamedNode | object) -> None:
        out.append(Triple(subject, vocab(predicate), obj))  # type: ignore[arg-type]

    out.append(Triple(dataset, TYPE, vocab("dcat:Dataset")))
    out.append(Triple(dataset, TYPE, vocab("void:Dataset")))
    add(dataset, "dcterms:title", text("OSCE public record as linked data", "en"))
    add(dataset, "dcterms:description", text(
        f"{items} newsroom items of the Organization for Security and Co-operation in Europe, "
        "with its structure, participating States and Partners for Co-operation.", "en"))  # fmt: skip
    add(dataset, "dcterms:publisher", iri(iris.organisation))
    add(dataset, "dcterms:modified", datetime(built))
    add(dataset, "void:triples", integer(triples))
    add(dataset, "void:entities", integer(entities))
    for prefix in ("schema", "org", "skos", "prov", "dcat", "void", "osce"):
        add(dataset, "void:vocabulary", iri(VOCABULARIES[prefix]))
    for class_iri, count in sorted(classes.items()):
        partition = iri(iris.class_partition(class_iri))
        add(dataset, "void:classPartition", partition)
        add(partition, "void:class", iri(class_iri))
        add(partition, "void:entities", integer(count))
    downloads = f"{iris.base}dump/"
    for found in distributions:
        name, media_type, title = found.file_name, found.media_type, found.title
        distribution = iri(f"{iris.dataset}#{name.replace('.', '-')}")
        out.append(Triple(distribution, TYPE, vocab("dcat:Distribution")))
        add(dataset, "dcat:distribution", distribution)
        add(dataset, "void:dataDump", iri(downloads + name))
        add(distribution, "dcat:downloadURL", iri(downloads + name))
        add(distribution, "dcat:mediaType", iri(_MEDIA_TYPES + media_type))
        add(distribution, "dcterms:title", text(f"{title} ({name})", "en"))
    for old, new in sorted((replaced or {}).items()):
        add(iri(iris.item(old)), "dcterms:isReplacedBy", iri(iris.item(new)))
    activity = iri(iris.build_activity)
    software = iri(f"https://pypi.org/project/osce-rdf/{software_version}/")
    out.append(Triple(activity, TYPE, vocab("prov:Activity")))
    out.append(Triple(software, TYPE, vocab("prov:SoftwareAgent")))
    out.append(Triple(software, TYPE, vocab("schema:SoftwareApplication")))
    add(dataset, "prov:wasGeneratedBy", activity)
    add(activity, "prov:endedAtTime", datetime(built))
    add(activity, "prov:wasAssociatedWith", software)
    add(software, "schema:name", text("osce-rdf"))
    add(software, "dcterms:hasVersion", text(software_version))
    return out
