"""Prefixes: the one owner of prefixed names, in every output and every table.

A `Prefixes` is a prefix map (prefix -> namespace, in prefix order) that compacts IRIs to
prefixed names and expands them back. JSON-LD, the query tables and the validation messages
use `compact` (any local part); Turtle and TriG use `turtle_name`, which keeps an IRI whole
when its local part is not a Turtle name. `for_data` is the map every output declares: the
vocabularies and the data's own kinds (`item:`, `unit:`...) under a base. It needs no
`Pipeline`, no reference data and no ontology (docs/decisions/0023).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .iris import Iris
from .namespaces import VOCABULARIES

__all__ = ["VOCABULARY_PREFIXES", "Prefixes"]

# The part of Turtle's PN_LOCAL our IRIs use: letters, digits, `_`, `-`, `.` (not last).
_TURTLE_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\Z")
_REMEMBERED = 100_000  # compacted IRIs kept: vocabulary and reference IRIs repeat


class Prefixes(Mapping[str, str]):
    """A prefix map that compacts and expands IRIs.

    >>> prefixes = Prefixes({"schema": "https://schema.org/"})
    >>> prefixes.compact("https://schema.org/Person"), prefixes.expand("schema:Person")
    ('schema:Person', 'https://schema.org/Person')
    >>> prefixes.turtle_name("https://schema.org/a,b")
    '<https://schema.org/a,b>'
    """

    def __init__(self, namespaces: Mapping[str, str]) -> None:
        self._namespaces = dict(sorted(namespaces.items()))
        self._by_namespace = {namespace: prefix for prefix, namespace in self._namespaces.items()}
        self._compacted: dict[str, str] = {}

    @classmethod
    def for_data(cls, base: Iris | str | None = None) -> Prefixes:
        """The vocabularies' prefixes and the data's own under `base` (default base if None)."""
        iris = base if isinstance(base, Iris) else Iris(base) if base else Iris()
        return cls(dict(VOCABULARIES) | iris.prefixes())

    def __getitem__(self, prefix: str) -> str:
        return self._namespaces[prefix]

    def __iter__(self) -> Iterator[str]:
        return iter(self._namespaces)

    def __len__(self) -> int:
        return len(self._namespaces)

    def __repr__(self) -> str:
        return f"Prefixes({self._namespaces!r})"

    def as_dict(self) -> dict[str, str]:
        """A plain copy, for serialisers that want a `dict`."""
        return dict(self._namespaces)

    def expand(self, name: str) -> str | None:
        """A prefixed name's IRI; None when its prefix is not in the map."""
        prefix, colon, local = name.partition(":")
        namespace = self._namespaces.get(prefix) if colon else None
        return None if namespace is None else namespace + local

    def compact(self, iri: str) -> str:
        """An IRI as a prefixed name under the longest namespace it extends, else as it is."""
        found = self._compacted.get(iri)
        if found is not None:
            return found
        namespace = self._namespace_of(iri)
        found = (
            iri if namespace is None else f"{self._by_namespace[namespace]}:{iri[len(namespace) :]}"
        )
        if len(self._compacted) < _REMEMBERED and "#" not in iri.rpartition("/")[2]:
            self._compacted[iri] = found  # an item's parts (item/K#char=1,5) do not repeat
        return found

    def turtle_name(self, iri: str) -> str:
        """An IRI as Turtle writes it: a prefixed name when its local part is a Turtle name,
        else `<iri>`."""
        namespace = self._namespace_of(iri)
        if namespace is not None and _TURTLE_LOCAL.match(iri, len(namespace)):
            return f"{self._by_namespace[namespace]}:{iri[len(namespace) :]}"
        return f"<{iri}>"

    def turtle_header(self) -> str:
        """The `@prefix` lines a Turtle or TriG file starts with, and a blank line."""
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self._namespaces.items()) + "\n"

    def _namespace_of(self, iri: str) -> str | None:
        """The longest namespace `iri` extends (with a local part of at least one character)."""
        after_hash, after_slash = iri.rfind("#") + 1, iri.rfind("/") + 1
        cuts = (after_hash, after_slash) if after_hash > after_slash else (after_slash, after_hash)
        for cut in cuts:  # the later first; the usual: one lookup
            if 0 < cut < len(iri) and iri[:cut] in self._by_namespace:
                return iri[:cut]
        best: str | None = None
        for namespace in self._by_namespace:
            longer = best is None or len(namespace) > len(best)
            if longer and len(iri) > len(namespace) and iri.startswith(namespace):
                best = namespace
        return best


VOCABULARY_PREFIXES = Prefixes(VOCABULARIES)
"""The vocabularies' prefixes alone: for shapes and the ontology, which name no data."""
