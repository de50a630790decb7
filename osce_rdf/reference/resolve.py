"""Names as written -> things of the reference data, or new things flagged for review.

A name resolves through its match key (`names.match_key`) against every name the reference
data knows for a thing: its current name, former names, abbreviations, variant spellings and
translations. A name nobody knows is not dropped: it becomes a thing of its own, with a key
made from the name, marked unknown so the build summary can list it for a curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..identity.slugs import slugify
from . import Reference
from .match_keys import match_key, title_case_place

__all__ = ["Resolution", "Resolver"]

_LEADING = re.compile(r"^(?:the\s+)?(?:osce\s+)?", re.IGNORECASE)
_TRAILING = re.compile(r"\s*\((?:closed|osce)\)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a written name turned out to be."""

    kind: str  # country, former_state, unit, place, field, meeting-type, content-type
    key: str
    name: str  # the current name (for an unknown thing: the name as written, tidied)
    written: str
    via: str  # name, former name, abbreviation, alternative name, translation, or unknown

    @property
    def known(self) -> bool:
        return self.via != "unknown"


def _light(name: str) -> str:
    """A lighter fold than the match key: case, spaces, `OSCE`, `the` and `(closed)` only."""
    return " ".join(_TRAILING.sub("", _LEADING.sub("", name.strip())).casefold().split())


class Resolver:
    """Lookups by match key over one `Reference`; build it once and share it."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self._variants: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._cache: dict[tuple[str, str], Resolution | None] = {}  # names repeat across pages

    @cached_property
    def _index(self) -> dict[str, dict[str, Resolution]]:
        index: dict[str, dict[str, Resolution]] = {}

        def add(kind: str, key: str, name: str, variants: dict[str, tuple[str, ...]]) -> None:
            table = index.setdefault(kind, {})
            for via, names in variants.items():
                for variant in names:
                    table.setdefault(match_key(variant), Resolution(kind, key, name, variant, via))
                    self._variants.setdefault((kind, key), []).append((_light(variant), via))

        ref = self.reference
        for country in ref.countries:
            add("country", country.key, country.name, {
                "name": (country.name,), "former name": country.former_names,
                "alternative name": country.short_names,
            })  # fmt: skip
        for state in ref.former_states:
            add(
                "country",
                state.key,
                state.name,
                {"name": (state.name,), "alternative name": state.alt_names},
            )
        for unit in ref.units:
            add("unit", unit.key, unit.name, {
                "name": (unit.name,), "former name": unit.former_names,
                "abbreviation": unit.abbreviations,
            })  # fmt: skip
        for body in ref.outside_bodies:
            add(
                "body",
                body.key,
                body.name,
                {"name": (body.name,), "alternative name": body.alt_names},
            )
        for place in ref.places:
            add(
                "place",
                place.key,
                place.name,
                {"name": (place.name,), "alternative name": place.alt_names},
            )
        for concept in ref.concepts:
            add(concept.scheme, concept.key, concept.label, {
                "name": (concept.label,), "alternative name": concept.alt_labels,
                "translation": tuple(label for _, label in concept.translations),
            })  # fmt: skip
        return index

    def conflicts(self) -> list[tuple[str, str, str, str]]:
        """Names that would resolve to two different things of one kind: a data error."""
        seen: dict[tuple[str, str], str] = {}
        found: list[tuple[str, str, str, str]] = []
        ref = self.reference
        entries: list[tuple[str, str, tuple[str, ...]]] = []
        entries += [
            ("country", c.key, (c.name, *c.former_names, *c.short_names)) for c in ref.countries
        ]
        entries += [("country", f.key, (f.name, *f.alt_names)) for f in ref.former_states]
        entries += [("unit", u.key, (u.name, *u.former_names, *u.abbreviations)) for u in ref.units]
        entries += [("place", p.key, (p.name, *p.alt_names)) for p in ref.places]
        entries += [("body", b.key, (b.name, *b.alt_names)) for b in ref.outside_bodies]
        entries += [
            (c.scheme, c.key, (c.label, *c.alt_labels, *(t for _, t in c.translations)))
            for c in ref.concepts
        ]
        for kind, key, names in entries:
            for name in names:
                other = seen.setdefault((kind, match_key(name)), key)
                if other != key:
                    found.append((kind, name, other, key))
        return found

    def _lookup(self, kind: str, written: str) -> Resolution | None:
        key = (kind, written)
        if key not in self._cache:
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = self._find(kind, written)
        return self._cache[key]

    def _find(self, kind: str, written: str) -> Resolution | None:
        found = self._index.get(kind, {}).get(match_key(written))
        if found is None:
            return None
        # The match key folds `Chairmanship` into `Chairpersonship`; say which name it really was.
        light = _light(written)
        via = next((v for name, v in self._variants[(kind, found.key)] if name == light), found.via)
        return Resolution(found.kind, found.key, found.name, written, via)

    def country(self, written: str) -> Resolution | None:
        """A State or partner by any of its names; None for a name that is not a country."""
        return self._lookup("country", written)

    def unit(self, written: str) -> Resolution:
        found = self._lookup("unit", written)
        if found is not None:
            return found
        name = _TRAILING.sub("", _LEADING.sub("", written.strip())).strip() or written.strip()
        return Resolution("unit", slugify(name), name, written, "unknown")

    def body(self, written: str) -> Resolution | None:
        """An outside body by any of its names; None when it is not one."""
        return self._lookup("body", written)

    def place(self, written: str) -> Resolution:
        found = self._lookup("place", written)
        if found is not None:
            return found
        name = title_case_place(written)
        return Resolution("place", slugify(name), name, written, "unknown")

    def concept(self, scheme: str, written: str) -> Resolution:
        found = self._lookup(scheme, written)
        if found is not None:
            return found
        label = " ".join(written.split())
        return Resolution(scheme, slugify(label), label, written, "unknown")
