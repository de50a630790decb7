"""IRI minting: the one place where the data's IRIs are made.

IRIs are readable, stable and derived from identity, never from row order: a State by its
ISO code, a unit, place or concept by its key (a slug of its name, kept when it is renamed),
an item by its date and a slug of its title. Every IRI sits under one configurable base.
The path segments avoid further slashes so that outputs can shorten IRIs to prefixed names
(`item:2008-07-17-international-co-operation...`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from .namespaces import OSCE
from .slugs import slugify

__all__ = ["DEFAULT_BASE", "Iris"]

DEFAULT_BASE = "https://w3id.org/osce/"

# Path segment per kind of thing; also the output prefix of that kind (hyphens dropped).
SEGMENTS = {
    "item": "item",
    "graph": "graph",
    "country": "country",
    "former_state": "country",
    "unit": "unit",
    "place": "place",
    "field": "field",
    "meeting-type": "meeting-type",
    "content-type": "content-type",
    "event-kind": "event-kind",
    "scheme": "scheme",
    "chair": "chairpersonship",
    "person": "person",
    "source": "source",
    "annotation": "annotation",
    "event": "event",
    "decision": "decision",
    "body": "body",
}


@dataclass(frozen=True, slots=True)
class Iris:
    """IRIs under one base; `Iris()` uses the default base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def of(self, kind: str, key: str) -> str:
        """The IRI of a thing of a kind (see `SEGMENTS`) by its key."""
        return f"{self.base}{SEGMENTS[kind]}/{key}"

    def item_key(self, date: dt.date, title: str) -> str:
        return f"{date.isoformat()}-{slugify(title)}"

    def item(self, key: str) -> str:
        return self.of("item", key)

    def item_graph(self, key: str) -> str:
        return self.of("graph", key)

    def item_part(self, key: str, part: str) -> str:
        """A thing that exists only within one item (a quotation, an annotation)."""
        return f"{self.item(key)}#{part}"

    @property
    def organisation(self) -> str:
        return self.of("unit", "osce")

    @property
    def reference_graph(self) -> str:
        return self.of("graph", "reference")

    @property
    def ontology_graph(self) -> str:
        return self.of("graph", "ontology")

    @property
    def dataset_graph(self) -> str:
        return self.of("graph", "dataset")

    @property
    def dataset(self) -> str:
        return f"{self.base}dataset"

    @property
    def build_activity(self) -> str:
        return f"{self.base}dataset#build"

    @property
    def ontology(self) -> str:
        """The ontology's IRI: fixed, not under the base (a public contract)."""
        return OSCE.rstrip("#")

    def document_graph(self, document: str) -> str | None:
        """The named graph that is a document's whole description, if it has one: an item's
        graph, the dataset's description, the ontology."""
        if document == self.dataset:
            return self.dataset_graph
        if document == self.ontology:
            return self.ontology_graph
        items = self.of("item", "")
        key = document[len(items) :]
        if document.startswith(items) and key and not any(c in key for c in "/#"):
            return self.item_graph(key)
        return None

    def source(self, relative_path: str, source_base: str | None = None) -> str:
        """The IRI of a saved page: under the user's base URL, or under the data base."""
        return f"{source_base or self.of('source', '')}{quote(relative_path)}"

    def prefixes(self) -> dict[str, str]:
        """Prefixes for the data's own IRIs, one per kind (`item:`, `unit:`, `place:`...)."""
        return {
            segment.replace("-", ""): f"{self.base}{segment}/"
            for segment in sorted(set(SEGMENTS.values()))
            if segment not in {"source", "annotation"}
        }
