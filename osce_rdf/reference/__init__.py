"""The curated reference data (`data/reference/` by default): typed, checked, and versioned.

People edit these TOML files, so loading them checks what a person can get wrong (a
missing field, a duplicate key, a parent that does not exist) and says where, by file and
line. `Reference.version` is a hash of the files, part of the build cache's key: a change
to the reference data rebuilds every item.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ReferenceDataError
from ..identity.slugs import SLUG_PATTERN
from ..package_data import REFERENCE_DIR

__all__ = [
    "UNIT_KINDS",
    "Chairpersonship",
    "Concept",
    "Country",
    "FormerState",
    "OutsideBody",
    "PeopleWords",
    "Place",
    "Reference",
    "Unit",
    "load_reference",
]

UNIT_KINDS = frozenset(
    {
        "organization", "chairpersonship", "decision-making-body", "secretariat",
        "secretariat-department", "secretariat-unit", "post", "institution",
        "field-operation", "parliamentary-assembly", "court", "other-body",
    }
)  # fmt: skip
COUNTRY_GROUPS = frozenset({"participating", "asian-partner", "mediterranean-partner"})
_SLUG = re.compile(SLUG_PATTERN)
_QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    name: str
    group: str
    joined: int
    wikidata: str | None = None
    former_names: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.iso2.lower()


@dataclass(frozen=True, slots=True)
class FormerState:
    code: str
    name: str
    joined: int
    dissolved: int
    wikidata: str | None = None
    successors: tuple[str, ...] = ()
    alt_names: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.code.lower()


@dataclass(frozen=True, slots=True)
class Chairpersonship:
    year: int
    state: str  # key of a Country or FormerState


@dataclass(frozen=True, slots=True)
class Unit:
    key: str
    name: str
    kind: str
    parent: str | None = None
    abbreviations: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    wikidata: str | None = None
    seat: str | None = None
    host_country: str | None = None
    host_territory: str | None = None
    opened: int | None = None
    closed: int | None = None
    url: str | None = None  # its page on the web; its IRI when not given
    logo: str | None = None  # the publisher's logo, for search engines


@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name: str
    country: str | None = None
    territory: str | None = None
    wikidata: str | None = None
    alt_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Concept:
    """An entry of a controlled list: a field of work or its topic, a meeting or content type."""

    scheme: str  # "field", "meeting-type" or "content-type"
    key: str
    label: str
    alt_labels: tuple[str, ...] = ()
    translations: tuple[tuple[str, str], ...] = ()
    broader: str | None = None
    ontology_class: str | None = None


@dataclass(frozen=True, slots=True)
class OutsideBody:
    """An organisation outside the OSCE that the newsroom names (UNODC, Council of Europe...)."""

    key: str
    name: str
    alt_names: tuple[str, ...] = ()
    parent: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class PeopleWords:
    """Word lists for finding people in body text (`people.toml`)."""

    honorifics: tuple[str, ...]
    reporting_verbs: tuple[str, ...]
    post_words: tuple[str, ...]
    post_ends: tuple[str, ...]
    national_words: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    countries: tuple[Country, ...]
    former_states: tuple[FormerState, ...]
    chairpersonships: tuple[Chairpersonship, ...]
    units: tuple[Unit, ...]
    places: tuple[Place, ...]
    concepts: tuple[Concept, ...]
    outside_bodies: tuple[OutsideBody, ...]
    people_words: PeopleWords
    navigation_headings: dict[str, str]
    navigation_links: frozenset[str]
    version: str
    directory: Path
    _lines: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict, repr=False)

    def where(self, kind: str, key: str) -> tuple[str, int] | None:
        """The file (as `_shown` names it) and line where an entry is defined."""
        return self._lines.get((kind, key))

    def unit(self, key: str) -> Unit:
        return next(u for u in self.units if u.key == key)

    def body(self, key: str) -> OutsideBody:
        return next(b for b in self.outside_bodies if b.key == key)

    def chair_of(self, year: int) -> Chairpersonship | None:
        return next((c for c in self.chairpersonships if c.year == year), None)


T = TypeVar("T")


class _File:
    """One TOML file being read: knows its name and finds the line of an entry."""

    def __init__(self, directory: Path, name: str) -> None:
        self.path = directory / name
        self.name = _shown(self.path)
        try:
            self.text = self.path.read_text(encoding="utf-8")
            self.data: dict[str, Any] = tomllib.loads(self.text)
        except FileNotFoundError:
            raise ReferenceDataError(self.name, None, "missing reference data file") from None
        except tomllib.TOMLDecodeError as error:
            line = getattr(error, "lineno", None) or _line_from_message(str(error))
            raise ReferenceDataError(self.name, line, f"not valid TOML: {error}") from None

    def line_of(self, field_name: str, value: object) -> int | None:
        literal = f'"{value}"' if isinstance(value, str) else str(value)
        pattern = re.compile(
            rf"^\s*{re.escape(field_name)}\s*=\s*{re.escape(literal)}", re.MULTILINE
        )
        found = pattern.search(self.text)
        return self.text.count("\n", 0, found.start()) + 1 if found else None

    def lines_of(self, field_name: str, values: Iterable[str]) -> dict[str, int]:
        """`line_of` of many values of one field, those found: one pass over the text, where
        a search a value took 0.08 s of every build (434 of them, cProfile of a one-page
        rebuild). A quoted value is the text up to its closing quote, so a string without a
        quote or line break in it is found where `line_of` finds it; any other asks it."""
        pattern = re.compile(rf'^\s*{re.escape(field_name)}\s*=\s*"([^"\n]*)"', re.MULTILINE)
        starts: dict[str, int] = {}
        for found in pattern.finditer(self.text):
            starts.setdefault(found[1], found.start())
        lines: dict[str, int] = {}
        line, counted = 1, 0
        for start, value in sorted((start, value) for value, start in starts.items()):
            line += self.text.count("\n", counted, start)
            counted = start
            lines[value] = line
        found_lines: dict[str, int] = {}
        for value in values:
            if '"' not in value and "\n" not in value:
                if value in lines:
                    found_lines[value] = lines[value]
            elif (other := self.line_of(field_name, value)) is not None:
                found_lines[value] = other
        return found_lines

    def error(self, entry: dict[str, Any], id_field: str, message: str) -> ReferenceDataError:
        return ReferenceDataError(
            self.name, self.line_of(id_field, entry.get(id_field, "")), message
        )

    def table(self, name: str) -> list[dict[str, Any]]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise ReferenceDataError(self.name, None, f"[[{name}]] must be an array of tables")
        return value

    def build(self, name: str, id_field: str, make: Callable[[dict[str, Any]], T]) -> list[T]:
        built: list[T] = []
        seen: set[object] = set()
        for entry in self.table(name):
            if id_field not in entry:
                raise ReferenceDataError(self.name, None, f"a [[{name}]] entry lacks {id_field!r}")
            if entry[id_field] in seen:
                raise self.error(entry, id_field, f"duplicate {id_field} {entry[id_field]!r}")
            seen.add(entry[id_field])
            try:
                built.append(make(entry))
            except (KeyError, TypeError, ValueError) as error:
                raise self.error(
                    entry, id_field, f"[[{name}]] {entry[id_field]!r}: {error}"
                ) from None
        return built


def _shown(path: Path) -> str:
    """A file as errors and results name it: the file actually read, relative to the working
    folder when inside it (`data/reference/units.toml` in a checkout), else in full."""
    absolute = path.absolute()
    cwd = Path.cwd()
    return absolute.relative_to(cwd).as_posix() if absolute.is_relative_to(cwd) else str(absolute)


def _line_from_message(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def _strings(entry: dict[str, Any], name: str) -> tuple[str, ...]:
    value = entry.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of strings")
    return tuple(value)


def _optional(entry: dict[str, Any], name: str, kind: type[T]) -> T | None:
    value = entry.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, kind):
        raise ValueError(f"{name} must be a {kind.__name__}")
    return value


def _required(entry: dict[str, Any], name: str, kind: type[T]) -> T:
    value = _optional(entry, name, kind)
    if value is None:
        raise ValueError(f"missing {name}")
    return value


def _wikidata(entry: dict[str, Any]) -> str | None:
    qid = _optional(entry, "wikidata", str)
    if qid is not None and not _QID.match(qid):
        raise ValueError(f"wikidata {qid!r} is not a Wikidata entity id (Q123)")
    return qid


def _slug_key(entry: dict[str, Any]) -> str:
    key = _required(entry, "key", str)
    if not _SLUG.match(key):
        raise ValueError(f"key {key!r} is not a slug (a-z, 0-9 and single hyphens)")
    return key


def _country(entry: dict[str, Any]) -> Country:
    import pycountry  # imported lazily: only loading reference data needs it

    iso2 = _required(entry, "iso2", str)
    record = pycountry.countries.get(alpha_2=iso2)
    if record is None:
        raise ValueError(f"{iso2!r} is not an ISO 3166-1 alpha-2 code")
    group = _required(entry, "group", str)
    if group not in COUNTRY_GROUPS:
        raise ValueError(f"group must be one of {sorted(COUNTRY_GROUPS)}")
    return Country(
        iso2=iso2,
        iso3=record.alpha_3,
        name=_required(entry, "name", str),
        group=group,
        joined=_required(entry, "joined", int),
        wikidata=_wikidata(entry),
        former_names=_strings(entry, "former_names"),
        short_names=_strings(entry, "short_names"),
        demonyms=_strings(entry, "demonyms"),
    )


def _former_state(entry: dict[str, Any]) -> FormerState:
    return FormerState(
        code=_required(entry, "code", str),
        name=_required(entry, "name", str),
        joined=_required(entry, "joined", int),
        dissolved=_required(entry, "dissolved", int),
        wikidata=_wikidata(entry),
        successors=_strings(entry, "successors"),
        alt_names=_strings(entry, "alt_names"),
    )


def _unit(entry: dict[str, Any]) -> Unit:
    kind = _required(entry, "kind", str)
    if kind not in UNIT_KINDS:
        raise ValueError(f"kind {kind!r} is not one of {sorted(UNIT_KINDS)}")
    return Unit(
        key=_slug_key(entry),
        name=_required(entry, "name", str),
        kind=kind,
        parent=_optional(entry, "parent", str),
        abbreviations=_strings(entry, "abbreviations"),
        former_names=_strings(entry, "former_names"),
        wikidata=_wikidata(entry),
        seat=_optional(entry, "seat", str),
        host_country=_optional(entry, "host_country", str),
        host_territory=_optional(entry, "host_territory", str),
        opened=_optional(entry, "opened", int),
        closed=_optional(entry, "closed", int),
        url=_web_address(entry, "url"),
        logo=_web_address(entry, "logo"),
    )


def _web_address(entry: dict[str, Any], name: str) -> str | None:
    found = _optional(entry, name, str)
    if found is not None and not found.startswith(("https://", "http://")):
        raise ValueError(f"{name} {found!r} is not an http(s) URL")
    return found


def _outside_body(entry: dict[str, Any]) -> OutsideBody:
    return OutsideBody(
        key=_slug_key(entry),
        name=_required(entry, "name", str),
        alt_names=_strings(entry, "alt_names"),
        parent=_optional(entry, "parent", str),
        wikidata=_wikidata(entry),
    )


def _place(entry: dict[str, Any]) -> Place:
    return Place(
        key=_slug_key(entry),
        name=_required(entry, "name", str),
        country=_optional(entry, "country", str),
        territory=_optional(entry, "territory", str),
        wikidata=_wikidata(entry),
        alt_names=_strings(entry, "alt_names"),
    )


def _concept_list(entry: dict[str, Any], scheme: str) -> list[Concept]:
    return list(_concepts(entry, scheme))


def _concepts(entry: dict[str, Any], scheme: str) -> Iterator[Concept]:
    translations = entry.get("translations", {})
    if not isinstance(translations, dict):
        raise ValueError("translations must be a table of language = label")
    key = _slug_key(entry)
    yield Concept(
        scheme=scheme,
        key=key,
        label=_required(entry, "label", str),
        alt_labels=_strings(entry, "alt_labels"),
        translations=tuple(sorted(translations.items())),
        ontology_class=_optional(entry, "class", str),
    )
    for topic in entry.get("topics", []):
        yield Concept(
            scheme=scheme,
            key=_slug_key(topic),
            label=_required(topic, "label", str),
            alt_labels=_strings(topic, "alt_labels"),
            broader=key,
        )


@cache
def load_reference(directory: Path = REFERENCE_DIR) -> Reference:
    """Load and check the reference data; cached, since every stage needs it."""
    countries_file = _File(directory, "countries.toml")
    chairs_file = _File(directory, "chairpersonships.toml")
    units_file = _File(directory, "units.toml")
    places_file = _File(directory, "places.toml")
    concepts_file = _File(directory, "concepts.toml")
    navigation_file = _File(directory, "navigation.toml")
    bodies_file = _File(directory, "outside_bodies.toml")
    people_file = _File(directory, "people.toml")

    countries = countries_file.build("country", "iso2", _country)
    former = countries_file.build("former_state", "code", _former_state)
    chairs = chairs_file.build(
        "chairpersonship",
        "year",
        lambda e: Chairpersonship(_required(e, "year", int), _required(e, "state", str)),
    )
    units = units_file.build("unit", "key", _unit)
    places = places_file.build("place", "key", _place)
    concepts: list[Concept] = []
    for table, scheme in (
        ("field", "field"),
        ("meeting_type", "meeting-type"),
        ("content_type", "content-type"),
        ("event_kind", "event-kind"),
    ):
        for built in concepts_file.build(
            table, "key", functools.partial(_concept_list, scheme=scheme)
        ):
            concepts.extend(built)
    bodies = bodies_file.build("body", "key", _outside_body)
    try:
        people_words = PeopleWords(
            honorifics=_strings(people_file.data, "honorifics"),
            reporting_verbs=_strings(people_file.data, "reporting_verbs"),
            post_words=_strings(people_file.data, "post_words"),
            post_ends=_strings(people_file.data, "post_ends"),
            national_words=_strings(people_file.data, "national_words"),
        )
    except ValueError as error:
        raise ReferenceDataError(people_file.name, None, str(error)) from None
    headings = navigation_file.data.get("headings", {})
    for heading, kind in headings.items():
        if kind not in {"ignore", "field", "meeting_type", "country", "unit"}:
            line = navigation_file.line_of(f'"{heading}"', kind)
            raise ReferenceDataError(
                navigation_file.name, line, f"heading {heading!r}: unknown list {kind!r}"
            )
    links = frozenset(_strings(navigation_file.data, "links"))

    lines: dict[tuple[str, str], tuple[str, int]] = {}
    for kind, file, id_field, keys in (
        ("country", countries_file, "iso2", [c.iso2 for c in countries]),
        ("former_state", countries_file, "code", [f.code for f in former]),
        ("unit", units_file, "key", [u.key for u in units]),
        ("place", places_file, "key", [p.key for p in places]),
        ("concept", concepts_file, "key", [c.key for c in concepts]),
        ("body", bodies_file, "key", [b.key for b in bodies]),
    ):
        for key, line in file.lines_of(id_field, keys).items():
            lines[(kind, key)] = (file.name, line)

    digest = hashlib.sha256()
    for file in (
        countries_file,
        chairs_file,
        units_file,
        places_file,
        concepts_file,
        navigation_file,
        bodies_file,
        people_file,
    ):
        digest.update(file.text.encode("utf-8"))
    reference = Reference(
        countries=tuple(countries),
        former_states=tuple(former),
        chairpersonships=tuple(sorted(chairs, key=lambda c: c.year)),
        units=tuple(units),
        places=tuple(places),
        concepts=tuple(concepts),
        outside_bodies=tuple(bodies),
        people_words=people_words,
        navigation_headings=dict(headings),
        navigation_links=links,
        version=digest.hexdigest()[:16],
        directory=directory,
        _lines=lines,
    )
    _check_links(reference, units_file, chairs_file, places_file, concepts_file, bodies_file)
    return reference


def _check_links(
    reference: Reference, units: _File, chairs: _File, places: _File, concepts: _File, bodies: _File
) -> None:
    """Every key an entry points at exists; say which entry points nowhere."""
    states = {c.iso2 for c in reference.countries} | {f.code for f in reference.former_states}
    unit_keys = {u.key for u in reference.units}
    place_keys = {p.key for p in reference.places}
    concept_keys = [c.key for c in reference.concepts]
    if "osce" not in unit_keys:
        raise ReferenceDataError(
            units.name, None, "the organisation itself (key 'osce') is missing"
        )
    duplicates = {k for k in concept_keys if concept_keys.count(k) > 1}
    if duplicates:
        key = sorted(duplicates)[0]
        raise ReferenceDataError(
            concepts.name, concepts.line_of("key", key), f"duplicate key {key!r}"
        )
    for unit in reference.units:
        for name, value, valid in (
            ("parent", unit.parent, unit_keys),
            ("seat", unit.seat, place_keys),
            ("host_country", unit.host_country, states),
            ("host_territory", unit.host_territory, place_keys),
        ):
            if value is not None and value not in valid:
                raise ReferenceDataError(
                    units.name,
                    units.line_of("key", unit.key),
                    f"{unit.key}: {name} {value!r} is not defined",
                )
        if unit.closed is not None and unit.opened is not None and unit.closed < unit.opened:
            raise ReferenceDataError(
                units.name, units.line_of("key", unit.key), f"{unit.key}: closed before it opened"
            )
    for chair in reference.chairpersonships:
        if chair.state not in states:
            raise ReferenceDataError(
                chairs.name,
                chairs.line_of("year", chair.year),
                f"{chair.year}: state {chair.state!r} is not defined",
            )
    body_keys = {b.key for b in reference.outside_bodies}
    for body in reference.outside_bodies:
        if body.parent is not None and body.parent not in body_keys:
            raise ReferenceDataError(
                bodies.name,
                bodies.line_of("key", body.key),
                f"{body.key}: parent {body.parent!r} is not defined",
            )
    for place in reference.places:
        if place.country is not None and place.country not in states:
            raise ReferenceDataError(
                places.name,
                places.line_of("key", place.key),
                f"{place.key}: country {place.country!r} is not defined",
            )
