"""IRI minting and parsing: the one place where the data's IRIs are made and read back.

IRIs are readable, stable and derived from identity, never from row order: a State by its
ISO code, a unit, place or concept by its key (a slug of its name, kept when it is renamed),
an item by its date and a slug of its title. Every IRI sits under one configurable base.
The path segments avoid further slashes so that outputs can shorten IRIs to prefixed names
(`item:2008-07-17-international-co-operation...`).

Two different titles of one day can have one slug (they differ only in case, punctuation or
accents): `item_keys` then gives each a suffix made from its own title, so neither story is
lost and neither takes the other's IRI (docs/decisions/0010-item-iri-disambiguation.md).

`Iris.parse` reads an IRI back into its kind, key and part, so that no other module needs to
know the path segments (a validation result on `country/at` is located in countries.toml).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox

from ..errors import UsageError
from .namespaces import OSCE, VOCABULARIES
from .slugs import slugify

__all__ = [
    "DEFAULT_BASE",
    "Iris",
    "ParsedIri",
    "absolute_iri",
    "char_range",
    "item_keys",
    "title_id",
]

DEFAULT_BASE = "https://w3id.org/osce/"

# Path segment per kind of thing; also the output prefix of that kind (hyphens dropped).
# Former participating States share `country/` with the States: their keys are ISO 3166-3
# codes (four letters), the States' ISO 3166-1 codes (two), which is how `parse` tells them apart.
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
    "decision": "decision",
    "body": "body",
}

_KINDS = {segment: kind for kind, segment in SEGMENTS.items() if kind != "former_state"}
_FORMER_STATE_KEY = 4  # letters of an ISO 3166-3 code
_CHAR = re.compile(r"char=(\d+),(\d+)\Z")  # RFC 5147: a range of characters of the text
_SUFFIX = 8  # hex digits of the title's hash added to a shared key (more in later rounds)
_ROUNDS = 3  # a suffixed key meets another item's key only if a title is made to


def title_id(title: str) -> str:
    """What tells two titles apart: the title as written, in one Unicode form, hashed (the
    build index keeps it for every item).

    >>> title_id("Caf\u00e9") == title_id("Cafe\u0301")
    True
    """
    return hashlib.sha256(unicodedata.normalize("NFC", title).encode("utf-8")).hexdigest()[:16]


def item_keys(items: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The key of every item, from all the items of a build: (date-slug key, title id) -> key.

    An item keeps its date-slug key unless another title has it too; then each of those
    titles gets `-` and the first hex digits of its own `title_id` added. The keys depend on
    the set of items only, never on their order, and a suffixed key always names the same
    title. Two items with one title and date are one item (and keep one key).

    >>> keys = item_keys([("2020-01-01-osce-visit", "aa11"), ("2020-01-01-osce-visit", "bb22")])
    >>> sorted(keys.values())
    ['2020-01-01-osce-visit-aa11', '2020-01-01-osce-visit-bb22']
    """
    keys = {identity: identity[0] for identity in items}
    for round_ in range(1, _ROUNDS + 1):
        # One title per key and the keys seen with another: a set of titles per key made
        # 35,000 sets in every build, 0.5 s of a one-page rebuild at 25,000 pages.
        first: dict[str, str] = {}
        shared: set[str] = set()
        for (_, title), key in keys.items():
            if first.setdefault(key, title) != title:
                shared.add(key)
        if not shared:
            break
        for identity, key in keys.items():
            if key in shared:
                keys[identity] = f"{key}-{identity[1][: _SUFFIX * round_]}"
    return keys


def char_range(iri: str) -> tuple[int, int] | None:
    """The (start, end) of an IRI that names characters of a text (`item/K#char=1,5`).

    >>> char_range("https://w3id.org/osce/item/k#char=1,5"), char_range("https://x.org/a")
    ((1, 5), None)
    """
    found = _CHAR.match(iri, iri.rfind("#") + 1) if "#" in iri else None
    return (int(found.group(1)), int(found.group(2))) if found else None


@dataclass(frozen=True, slots=True)
class ParsedIri:
    """What an IRI minted by `Iris` names: a thing of a kind (see `SEGMENTS`) by its key, and
    a part of it (the fragment) when it names one (`item/K#char=1,5`)."""

    kind: str
    key: str
    part: str | None = None


def absolute_iri(value: str, what: str = "", *, web: bool = False) -> str:
    """`value`, when it is an absolute IRI (with `web`, an http or https URL); else a
    `UsageError` saying what it should be. Every IRI minted from it is then valid too."""
    named = f"{what} {value!r}" if what else repr(value)
    try:
        ox.NamedNode(value)
    except ValueError:
        raise UsageError(f"{named} is not an absolute IRI (such as {DEFAULT_BASE})") from None
    if web and not value.lower().startswith(("http://", "https://")):
        raise UsageError(f"{named} is not an http or https URL")
    return value


@dataclass(frozen=True, slots=True)
class Iris:
    """IRIs under one base; `Iris()` uses the default base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        absolute_iri(self.base, "base IRI")
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
        """A thing that exists only within one item (a role, an event: `item/K#event-...`)."""
        return f"{self.item(key)}#{part}"

    def char_range(self, key: str, start: int, end: int) -> str:
        """Characters `[start, end)` of an item's text, named as RFC 5147 and NIF name them
        (`item/K#char=S,E`): a quotation, a mention, an event's words."""
        return self.item_part(key, f"char={start},{end}")

    def parse(self, iri: str) -> ParsedIri | None:
        """The kind, key and part of an IRI `of` mints; None for any other IRI.

        >>> Iris().parse("https://w3id.org/osce/country/suhh")
        ParsedIri(kind='former_state', key='suhh', part=None)
        >>> Iris().parse("https://w3id.org/osce/item/k#char=1,5")
        ParsedIri(kind='item', key='k', part='char=1,5')
        """
        if not iri.startswith(self.base):
            return None
        segment, slash, rest = iri[len(self.base) :].partition("/")
        key, hash_, part = rest.partition("#")
        kind = _KINDS.get(segment)
        if kind is None or not slash or not key or "/" in key:
            return None
        if kind == "country" and len(key) == _FORMER_STATE_KEY:
            kind = "former_state"
        return ParsedIri(kind, key, part if hash_ else None)

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

    def class_partition(self, class_iri: str) -> str:
        """The dataset's VoID partition of one class, named by the class (`#class-schema-Person`),
        so that it keeps its meaning whichever classes the next build has."""
        for prefix, namespace in VOCABULARIES.items():
            local = class_iri.removeprefix(namespace)
            if local != class_iri and local.isidentifier():
                return f"{self.dataset}#class-{prefix}-{local}"
        digest = hashlib.sha256(class_iri.encode()).hexdigest()[:8]  # slugs fold case
        return f"{self.dataset}#class-{slugify(class_iri)}-{digest}"

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
            if segment != "source"
        }
