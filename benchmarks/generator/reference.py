"""The reference data (data/reference/) as the generator needs it, read with `tomllib`.

The corpus names units, States, places, fields of work and content types exactly as the
reference data writes them, so that a build of it finds no unknown names but the ones the
generator invents on purpose. The toolkit's own loader is not used: the generator must run
before the project is installed, and cannot drift with the code it tests. Everything the
generator iterates is in a fixed order (by key, or in file order where the order means
something), so the corpus does not depend on how the files are laid out beyond that.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from benchmarks.generator.tables import TomlFile
from benchmarks.generator.text import fold_name

REFERENCE_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "reference"


@dataclass(frozen=True)
class Unit:
    """A unit of units.toml, as far as the generator needs it."""

    key: str
    name: str
    kind: str = "other-body"
    abbreviations: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    seat: str | None = None
    host_country: str | None = None
    host_territory: str | None = None
    opened: int | None = None
    closed: int | None = None

    def open_in(self, year: int) -> bool:
        """Whether the unit existed in `year` (pages published outside it draw a warning)."""
        return (self.opened is None or self.opened <= year) and (
            self.closed is None or year <= self.closed
        )


@dataclass(frozen=True)
class Country:
    """A State of countries.toml: its names and demonyms make the running text."""

    iso2: str
    name: str
    short_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    group: str = "participating"
    joined: int = 1973


@dataclass(frozen=True)
class Place:
    """A place of places.toml.

    Only these appear in datelines and Place fields, so that a corpus has no unknown places
    (an unknown place would be flagged for review and blur the unknown-unit count).
    """

    key: str
    name: str
    alt_names: tuple[str, ...] = ()
    country: str | None = None
    territory: str | None = None


@dataclass(frozen=True)
class Concept:
    """A field of work or content type of concepts.toml, with its labels as the site writes them."""

    key: str
    label: str
    alt_labels: tuple[str, ...] = ()


class World:
    """The reference data, in the orders and with the lookups the generator needs."""

    def __init__(self, folder: Path) -> None:
        units = TomlFile(folder / "units.toml").records(Unit, "unit")
        countries = TomlFile(folder / "countries.toml").records(Country, "country")
        places = TomlFile(folder / "places.toml").records(Place, "place")
        concepts = TomlFile(folder / "concepts.toml")
        chairs = TomlFile(folder / "chairpersonships.toml")
        self.chairs: dict[int, str] = {}
        for i in range(chairs.count("chairpersonship")):
            year = chairs.get(f"chairpersonship.{i}.year", int)
            self.chairs[year] = chairs.get(f"chairpersonship.{i}.state", str)
        self.units = tuple(sorted(units, key=lambda unit: unit.key))
        self.unit_by_key = {unit.key: unit for unit in self.units}
        self.countries = tuple(sorted(countries, key=lambda country: country.iso2))
        self.country = {country.iso2: country for country in countries}.get
        self.places = tuple(places)  # in file order: a country's first place is its capital
        self.place = {place.key: place for place in places}.get
        self._places_in: dict[str, list[Place]] = {}
        for place in places:
            if place.country:
                self._places_in.setdefault(place.country, []).append(place)
        by_key = sorted(concepts.records(Concept, "field"), key=lambda concept: concept.key)
        self.fields = tuple(by_key)
        self.field = {concept.key: concept for concept in by_key}.get
        by_key = sorted(concepts.records(Concept, "content_type"), key=lambda concept: concept.key)
        self.content_types = {concept.key: concept for concept in by_key}
        self.meeting_types = tuple(c.label for c in concepts.records(Concept, "meeting_type"))
        # The site's menu lists States and field operations in the order of the files.
        self.menu_states = tuple(c for c in countries if c.group == "participating")
        self.menu_field_operations = tuple(u for u in units if u.kind == "field-operation")
        # Seats of the OSCE's own bodies: datelines name them without a country.
        self.own_seats = frozenset(u.seat for u in units if u.seat and u.kind != "field-operation")
        names = (n for u in units for n in (u.name, *u.former_names, *u.abbreviations))
        self.known_unit_names = frozenset(fold_name(name) for name in names)

    def places_in(self, iso2: str) -> list[Place]:
        return self._places_in.get(iso2, [])


@cache
def load_world(reference_dir: Path = REFERENCE_DIR) -> World:
    """The reference data of `reference_dir`, read once a process."""
    return World(reference_dir)
