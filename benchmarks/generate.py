"""Generate a synthetic corpus of saved OSCE pages for benchmarks.

The toolkit's speed and robustness have to be measured on archive-sized input (tens of
thousands of pages), but only a few dozen real pages are bundled. This script writes as many
pages as asked for, in the same plain-text formats as `data/pages/` (item pages with a
navigation block, content type, title, metadata block and a body opening with a dateline;
newsroom listing pages with several items each), exercising every metadata and dateline
variant the parser reads, plus a known share of faulty pages.

The corpus is a function of its arguments only: every page has its own `random.Random`,
seeded from one `random.Random(seed)`; nothing reads the clock or the hash seed, and
everything iterated from the reference data is sorted, so the same arguments give
byte-identical files and a benchmark can compare runs. Pages are made and written one at a
time (files are written on a background thread while the next page is made), so 100,000
pages need little memory. Titles are unique per day, because an item's IRI is its date and
title and the build keeps only the first of two items with one IRI.

Pages go to `OUT/<year>/NNNNNN_<slug>.txt` (about 3,300 a folder for 100,000 pages). Besides
the pages, the output folder gets:

- `manifest.json`: the arguments, the counts (`GeneratedCorpus`), every faulty page with its
  kind of fault and, for pages the parser must refuse, the line its error must name, and
  every item published by a field operation after it closed (the shapes warn about those);
- `expected.jsonl`: one line per page, sorted by path: `{"page", "kind", "items": [[title
  line, publishing date, title, dateline as the parser reports it or null], ...]}` (and
  `"fault"` on faulty pages), so a benchmark can check what was read, not only how fast.

Neither ends in `.txt`, so the parser's page finder ignores both.

Usage:

    python benchmarks/generate.py --pages 25000 --out benchmarks/corpus
    python benchmarks/generate.py --pages 2000 --out /tmp/c --seed 7 --faulty 0.05

Only the standard library is used (the reference data is read with `tomllib`), so the
generator runs before the project is installed and cannot drift with the parser it tests.
"""

from __future__ import annotations

import argparse
import bisect
import concurrent.futures
import datetime as dt
import html
import itertools
import json
import os
import queue
import random
import re
import sys
import threading
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generator.vocabulary import (
    ARTICLE_NAMES,
    BACKGROUND,
    CLOSING,
    CLOSING_FIELD_OPERATION,
    CLOSING_GENERAL,
    CONTENT_TYPE_WEIGHTS,
    DAILY,
    DATELINE_FORMS,
    DETAILS,
    DURATIONS,
    EQUIPMENT,
    ERA_NAMES,
    EVENTS,
    EXPERT_QUOTES,
    FEATURE_ROLES,
    FIELD_SINCE,
    FIRST_PERSON,
    FIRST_PERSON_CLOSING,
    FORMER_STATE_NAMES,
    FUNDED,
    FUNDING,
    FUNDING_PARTNERS,
    GENERAL_DETAILS,
    GENERIC_TOPIC,
    INDIRECT,
    INTERNATIONAL_REGIONS,
    INVENTED_TOWN_COUNTRY,
    INVENTED_TOWNS,
    INVENTED_UNITS,
    LATIN1_NAMES,
    LEADS,
    LISTING_CONTENT_TYPES,
    LISTING_FORMS,
    MENU,
    MENU_CLOSED_FIELD_OPERATIONS,
    MENU_SECRETARIAT,
    MENU_SINCE,
    MINORITIES,
    MONTHS,
    MONTHS_IN,
    NAMES,
    NO_CONTENT_TYPE_WEIGHT,
    NUMBERS,
    OFFICIAL_QUOTES,
    ORDINALS,
    OUTSIDE_BODIES,
    PLACE_NAMES,
    PROFESSIONS,
    PUBLICATIONS,
    QUOTES,
    REGION_NAMES,
    REGION_OF,
    SECOND_PLACES,
    SHORT_FORMS,
    SMM_DIRECTIONS,
    SMM_PLACES,
    SMM_WEAPONS,
    SPOT,
    SPOT_TITLES,
    STORY_KINDS,
    SUPPORTED,
    TENS,
    TITLE_SUFFIXES,
    TITLES,
    TOPICS,
    TOWNS,
    UNIT_FIELDS,
    UNIT_WEIGHTS,
    WEEKDAYS,
    Topic,
)

__all__ = ["FAULT_KINDS", "GeneratedCorpus", "generate", "main"]

T = TypeVar("T")

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)

# Kinds of faulty page. All but "unknown_unit" must be refused by the parser; an unknown unit
# is kept by the build and flagged for review, which is what a benchmark should check.
FAULT_KINDS = ("impossible_date", "missing_title", "empty", "unknown_unit", "latin1", "html")

MANIFEST = "manifest.json"
EXPECTED = "expected.jsonl"
_PAGE_NAME = re.compile(r"^\d{6,}_[a-z0-9-]+\.txt$")
_YEAR_DIR = re.compile(r"^\d{4}$")
_CHUNK = re.compile(r"^\.expected-\d{4}\.part$")


# Days that do not exist, for the impossible-date fault: (day, month).
IMPOSSIBLE_DAYS = ((31, 2), (30, 2), (31, 4), (31, 6), (31, 9), (31, 11))


# ---------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A unit of units.toml, as far as the generator needs it."""

    key: str
    name: str
    kind: str
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
    former_names: tuple[str, ...]
    short_names: tuple[str, ...]
    demonyms: tuple[str, ...]
    group: str
    joined: int


@dataclass(frozen=True)
class Place:
    """A place of places.toml.

    Only these appear in datelines and Place fields, so that a corpus has no unknown places
    (an unknown place would be flagged for review and blur the unknown-unit count).
    """

    key: str
    name: str
    alt_names: tuple[str, ...]
    country: str | None
    territory: str | None


@dataclass(frozen=True)
class Concept:
    """A field of work or content type of concepts.toml, with its labels as the site writes them."""

    key: str
    label: str
    alt_labels: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity, for the cached indexes below
class World:
    """The reference data, sorted, with the lookups the generator needs."""

    units: tuple[Unit, ...]
    countries: tuple[Country, ...]
    places: tuple[Place, ...]
    fields: tuple[Concept, ...]
    content_types: tuple[Concept, ...]
    chairs: dict[int, str]
    known_unit_names: frozenset[str]
    meeting_types: tuple[str, ...]  # labels, in file order
    menu_states: tuple[Country, ...]  # participating States in the order of the site's menu
    menu_field_operations: tuple[Unit, ...]  # in the order of the site's menu
    own_seats: frozenset[str]  # seats of units other than field operations

    @property
    def unit_by_key(self) -> dict[str, Unit]:
        return _index_units(self)

    def country(self, iso2: str) -> Country | None:
        return _index_countries(self).get(iso2)

    def place(self, key: str) -> Place | None:
        return _index_places(self).get(key)

    def places_in(self, iso2: str) -> tuple[Place, ...]:
        return _places_by_country(self).get(iso2, ())

    def field(self, key: str) -> Concept | None:
        return _index_fields(self).get(key)


@cache
def _index_units(world: World) -> dict[str, Unit]:
    return {unit.key: unit for unit in world.units}


@cache
def _index_countries(world: World) -> dict[str, Country]:
    return {country.iso2: country for country in world.countries}


@cache
def _index_places(world: World) -> dict[str, Place]:
    return {place.key: place for place in world.places}


@cache
def _index_fields(world: World) -> dict[str, Concept]:
    return {concept.key: concept for concept in world.fields}


@cache
def _places_by_country(world: World) -> dict[str, tuple[Place, ...]]:
    found: dict[str, list[Place]] = {}
    for place in world.places:
        if place.country:
            found.setdefault(place.country, []).append(place)
    return {iso2: tuple(places) for iso2, places in found.items()}


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _optional_int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@cache
def load_world(reference_dir: Path = REFERENCE_DIR) -> World:
    """Read the reference TOML files; the corpus uses their names exactly as written."""

    def read(name: str) -> dict[str, object]:
        with (reference_dir / name).open("rb") as handle:
            return tomllib.load(handle)

    def tables(data: dict[str, object], key: str) -> list[dict[str, object]]:
        value = data.get(key, [])
        return (
            [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []
        )

    units_in_file_order = [
        Unit(
            key=str(entry["key"]),
            name=str(entry["name"]),
            kind=str(entry.get("kind", "other-body")),
            abbreviations=_strings(entry.get("abbreviations")),
            former_names=_strings(entry.get("former_names")),
            seat=_optional_str(entry.get("seat")),
            host_country=_optional_str(entry.get("host_country")),
            host_territory=_optional_str(entry.get("host_territory")),
            opened=_optional_int(entry.get("opened")),
            closed=_optional_int(entry.get("closed")),
        )
        for entry in tables(read("units.toml"), "unit")
    ]
    units = tuple(sorted(units_in_file_order, key=lambda unit: unit.key))
    countries_in_file_order = [
        Country(
            iso2=str(entry["iso2"]),
            name=str(entry["name"]),
            former_names=_strings(entry.get("former_names")),
            short_names=_strings(entry.get("short_names")),
            demonyms=_strings(entry.get("demonyms")),
            group=str(entry.get("group", "participating")),
            joined=_optional_int(entry.get("joined")) or 1973,
        )
        for entry in tables(read("countries.toml"), "country")
    ]
    countries = tuple(sorted(countries_in_file_order, key=lambda country: country.iso2))
    places = tuple(
        Place(
            key=str(entry["key"]),
            name=str(entry["name"]),
            alt_names=_strings(entry.get("alt_names")),
            country=_optional_str(entry.get("country")),
            territory=_optional_str(entry.get("territory")),
        )
        for entry in tables(read("places.toml"), "place")
    )  # file order kept: a country's first place is its capital
    concepts = read("concepts.toml")

    def concept_list(key: str) -> tuple[Concept, ...]:
        return tuple(
            sorted(
                (
                    Concept(str(e["key"]), str(e["label"]), _strings(e.get("alt_labels")))
                    for e in tables(concepts, key)
                ),
                key=lambda concept: concept.key,
            )
        )

    chairs: dict[int, str] = {}
    for entry in tables(read("chairpersonships.toml"), "chairpersonship"):
        year = _optional_int(entry.get("year"))
        if year is not None:
            chairs[year] = str(entry.get("state", ""))
    known = frozenset(
        fold_name(name)
        for unit in units
        for name in (unit.name, *unit.former_names, *unit.abbreviations)
    )
    return World(
        units=units,
        countries=countries,
        places=places,
        fields=concept_list("field"),
        content_types=concept_list("content_type"),
        chairs=chairs,
        known_unit_names=known,
        meeting_types=tuple(str(e["label"]) for e in tables(concepts, "meeting_type")),
        menu_states=tuple(c for c in countries_in_file_order if c.group == "participating"),
        menu_field_operations=tuple(u for u in units_in_file_order if u.kind == "field-operation"),
        own_seats=frozenset(u.seat for u in units if u.seat and u.kind != "field-operation"),
    )


# ---------------------------------------------------------------------------
# Small text helpers
# ---------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_AFFIXES = re.compile(r"^(?:the\s+)?(?:osce\s+|csce\s+)?(?:the\s+)?|\s*\((?:closed|osce)\)$")


def number_words(n: int) -> str:
    """0-99 in words, as newsroom style writes a number that opens a sentence."""
    if n < 20:
        return NUMBERS[n]
    tens, ones = divmod(n, 10)
    return TENS[tens] + (f"-{NUMBERS[ones]}" if ones else "")


def article(phrase: str) -> str:
    """`a` or `an` before a phrase, by its sound (near enough for the words used here)."""
    lower = phrase.lower()
    if lower.startswith(("one-", "euro", "ukr", "uni", "use")):
        return "a"
    if lower.startswith(("eight", "eleven", "hour", "uzb")):
        return "an"
    return "an" if lower[:1] in ("a", "e", "i", "o", "u") else "a"


def join_list(items: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fold_name(name: str) -> str:
    """A strict identity key: ASCII letters and digits only, without a leading OSCE or the.

    Stricter than the toolkit's own match key and slug (it folds more: letters without an
    ASCII base are dropped), so names this key tells apart are told apart by the toolkit too.
    """
    text = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("", _AFFIXES.sub("", text.strip()))


@cache
def slug(text: str, limit: int = 40) -> str:
    """A short ASCII slug for file names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in decomposed if ord(ch) < 128)
    cut = _NON_ALNUM.sub("-", ascii_text).strip("-")[:limit].strip("-")
    return cut or "page"


def format_date(day: dt.date, style: str = "dmy") -> str:
    if style == "dot":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == "iso":
        return day.isoformat()
    if style == "mdy":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """`rng.choice`, about six times faster: the generator makes millions of choices."""
    return options[int(rng.random() * len(options))]


def between(rng: random.Random, low: int, high: int) -> int:
    """`rng.randint`, faster (see `pick`)."""
    return low + int(rng.random() * (high - low + 1))


def draw(rng: random.Random, pool: list[T]) -> T:
    """Take a random element out of `pool`, so that a page never repeats a sentence."""
    return pool.pop(int(rng.random() * len(pool)))


@cache
def _cumulative(choices: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    values = [value for value, _ in choices]
    return values, list(itertools.accumulate(weight for _, weight in choices))


def weighted(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    """One value from (value, weight) pairs."""
    values, cumulative = _cumulative(choices)
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


# ---------------------------------------------------------------------------
# Names of people
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def make_person(rng: random.Random, region: str) -> Person:
    males, females, surnames = NAMES[region]
    female = rng.random() < 0.5
    first = pick(rng, females if female else males)
    surname = pick(rng, surnames)
    male_form, _, female_form = surname.partition("|")
    return Person(first, (female_form or male_form) if female else male_form, female)


# ---------------------------------------------------------------------------
# What the stories are about: one topic per field of work
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Sentence templates (filled with `str.format_map` from a story's context)
# ---------------------------------------------------------------------------


_PLACEISH = re.compile(r"^[^\W\d_][\w'’.\- ]*$")
_PARTICLES = frozenset({"de", "del", "di", "la", "le", "na", "am", "an", "der", "upon", "on", "i"})
_FORMAT_FIELD = re.compile(r"\{(\w+)\}")


def placeish(name: str) -> bool:
    """Whether the parser would read `name` as a dateline place (see osce_rdf.datelines)."""
    if len(name) > 40 or not _PLACEISH.match(name) or "," in name:
        return False
    words = name.replace("-", " ").split()
    return 0 < len(words) <= 4 and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


_EVENTISH = re.compile(
    r"\{event\}|\bparticipant|\btrain|\bcourse\b|\bworkshop|\bsession|\bexercise|gained here", re.I
)


@cache
def general(templates: tuple[str, ...]) -> tuple[str, ...]:
    """The templates that do not assume the story is about an event (for statements, visits)."""
    return tuple(t for t in templates if not _EVENTISH.search(t))


def _comma(quote: str) -> str:
    """A quotation that goes on with `said X`: its final full stop becomes a comma."""
    return quote[:-1] + "," if quote.endswith(".") else quote


class Context(dict[str, str]):
    """A story's template values; a missing one is made, with its group, on first use."""

    def __init__(self, make: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> str:
        if key not in LAZY_KEYS or self._make is None:
            raise KeyError(key)
        self._make(key)
        return dict.__getitem__(self, key)


# Values made on first use, by the group that makes them (see `_Corpus.context`).
LAZY_KEYS: dict[str, str] = {
    **dict.fromkeys(
        (
            "speaker_intro",
            "speaker_subject",
            "speaker_last",
            "he_she",
            "speaker_post_title",
            "speaker_ref",
        ),
        "speaker",
    ),
    **dict.fromkeys(("official_intro", "official_last"), "official"),
    **dict.fromkeys(("expert_intro", "expert_last"), "expert"),
    **dict.fromkeys(
        (
            "feature_person",
            "feature_last",
            "feature_intro",
            "feature_she",
            "feature_her",
            "feature_role",
        ),
        "feature",
    ),
    **dict.fromkeys(("funders", "funded", "with_support"), "funders"),
    "region_countries": "region",
    **dict.fromkeys(("decision", "Decision_cap"), "decision"),
    **dict.fromkeys(
        ("outside1", "outside1_short", "outside1_cap", "outside2", "outside2_short"), "outside"
    ),
    **dict.fromkeys(
        (
            "publication",
            "a_publication",
            "equipment",
            "Equipment_cap",
            "equipment_short",
            "minority",
            "ordinal",
            "n_days_word",
            "n_years_word",
            "n_months_word",
        ),
        "things",
    ),
    **dict.fromkeys(
        (
            "amount",
            "n_tonnes",
            "n_victims",
            "n_municipalities",
            "n_schools",
            "n_trained",
            "n_observers",
            "n_countries",
            "n_percent",
            "n_reports",
            "n_facilities",
            "n_cases",
            "n_migrants",
            "n_families",
        ),
        "numbers",
    ),
    **dict.fromkeys(
        (
            "calm",
            "n_a",
            "n_b",
            "n_c",
            "n_d",
            "n_e",
            "km",
            "t1",
            "t2",
            "dir",
            "smm1",
            "smm2",
            "smm3",
            "weapon",
            "n_people",
            "prev_day",
            "dir2",
        ),
        "monitoring",
    ),
}


@dataclass
class Story:
    """One item before it is written: what it says and how the page will say it."""

    day: dt.date
    unit: Unit
    content_type: str | None  # as written on the page
    content_type_key: str | None
    kind: str
    field_keys: list[str]
    topic: Topic
    places: list[Place]
    focus: str  # iso2 of the country the story is about ("XK" for Kosovo)
    ctx: Context
    sources: list[str] = field(default_factory=list)
    organizers: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    title: str = ""
    after_close: bool = False
    invented: str | None = None
    introduced: set[str] = field(default_factory=set)


@dataclass
class Dateline:
    """How a story's first paragraph opens, and what the page must give for it to be dated."""

    prefix: str  # "VIENNA, 17 July 2008 - "; "" for none
    needs_date: bool  # the page must give a Date for the item to be dated
    place_values: list[str]  # as the Place field would write them
    text: str | None = None  # the dateline as the parser reports it (without the dash)


@dataclass
class Fault:
    """A faulty page, as the manifest records it."""

    page: str
    kind: str
    error: bool
    line: int | None
    detail: str

    def as_json(self) -> dict[str, object]:
        return {
            "page": self.page,
            "kind": self.kind,
            "error": self.error,
            "line": self.line,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class GeneratedCorpus:
    """What a run wrote: the counts a benchmark checks its parser against."""

    out: Path
    pages: int
    item_pages: int
    listing_pages: int
    items: int  # items the parser should read (faulty pages and entries excluded)
    faulty_pages: int
    faults: dict[str, int]  # by kind, every kind listed
    error_pages: int  # faulty pages the parser must refuse (all kinds but unknown_unit)
    published_after_close: int  # items by a field operation after it closed (a warning)
    bytes: int

    def as_json(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "item_pages": self.item_pages,
            "listing_pages": self.listing_pages,
            "items": self.items,
            "faulty_pages": self.faulty_pages,
            "faults": dict(self.faults),
            "error_pages": self.error_pages,
            "published_after_close": self.published_after_close,
            "bytes": self.bytes,
        }


class _Corpus:
    """The state of one run: the world, the titles used so far, the counters."""

    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.seed = seed
        self.used_titles: set[tuple[int, str]] = set()
        self._holders: dict[tuple[str, int], Person] = {}
        self._eligible: dict[int, tuple[list[Unit], list[float]]] = {}
        self._navs: dict[int, list[str]] = {}
        self._participating: dict[int, list[Country]] = {}
        self._fields: dict[int, list[str]] = {}
        self._neighbours: dict[tuple[str, int], list[Country]] = {}
        self._funders: dict[int, list[Country]] = {}
        self.field_keys = [concept.key for concept in world.fields]
        self.content_types = {concept.key: concept for concept in world.content_types}
        self.closed_field_operations = [
            u for u in world.units if u.kind == "field-operation" and u.closed is not None
        ]
        self.ct_choices: tuple[tuple[str, float], ...] = (
            *((key, CONTENT_TYPE_WEIGHTS.get(key, 1.0)) for key in sorted(self.content_types)),
            ("", NO_CONTENT_TYPE_WEIGHT),
        )

    # -- who and where ----------------------------------------------------------------

    def eligible_units(self, year: int) -> tuple[list[Unit], list[float]]:
        """Units open in `year`, with cumulative weights by kind of unit."""
        found = self._eligible.get(year)
        if found is None:
            units = [u for u in self.world.units if u.open_in(year)]
            total = 0.0
            cumulative: list[float] = []
            for unit in units:
                total += UNIT_WEIGHTS.get(unit.kind, 0.5)
                cumulative.append(total)
            found = self._eligible[year] = (units, cumulative)
        return found

    def fields_of(self, year: int) -> list[str]:
        """The fields of work a page of `year` may name (no cyber security in the 1990s)."""
        found = self._fields.get(year)
        if found is None:
            found = [k for k in self.field_keys if FIELD_SINCE.get(k, 0) <= year] or self.field_keys
            self._fields[year] = found
        return found

    def participating(self, year: int) -> list[Country]:
        """The participating States of a year (a cached list: do not change it)."""
        found = self._participating.get(year)
        if found is None:
            found = self._participating[year] = [
                c for c in self.world.countries if c.group == "participating" and c.joined <= year
            ]
        return found

    def neighbours(self, region: str, year: int) -> list[Country]:
        """Participating States of a region, to name "States of the region" in the text."""
        key = (region, year)
        found = self._neighbours.get(key)
        if found is None:
            found = [c for c in self.participating(year) if REGION_OF.get(c.iso2) == region]
            self._neighbours[key] = found = found if len(found) >= 3 else self.participating(year)
        return found

    def funder_states(self, year: int) -> list[Country]:
        """States that fund projects: the participating States and two Asian partners."""
        found = self._funders.get(year)
        if found is None:
            found = self._funders[year] = [
                *self.participating(year),
                *(c for c in self.world.countries if c.iso2 in FUNDING_PARTNERS),
            ]
        return found

    def holder(self, post: str, year: int, region: str | None = None, term: int = 4) -> Person:
        """The (invented) person holding a post in a year: the same for a whole term."""
        key = (post, (year - 1990) // term)
        person = self._holders.get(key)
        if person is None:
            rng = random.Random(f"{self.seed}|{post}|{key[1]}")
            person = make_person(rng, region or weighted(rng, INTERNATIONAL_REGIONS))
            self._holders[key] = person
        return person

    def country_text(self, iso2: str, year: int, rng: random.Random, *, short: bool = True) -> str:
        """A State as running text of its time writes it, with `the` where English wants it."""
        if iso2 == "XK":
            return "Kosovo"
        country = self.world.country(iso2)
        if country is None:
            return iso2
        name = country.name
        former = FORMER_STATE_NAMES.get(iso2)
        if former is not None and year <= former.text:
            name = former.name
        elif short and country.short_names and rng.random() < 0.2:
            name = pick(rng, [s for s in country.short_names if len(s) > 3] or [name])
        if name.startswith("The "):
            name = "the " + name[4:]
        elif name in ARTICLE_NAMES:
            name = "the " + name
        return name

    def demonym(self, iso2: str) -> str:
        if iso2 == "XK":
            return "Kosovo"
        country = self.world.country(iso2)
        return country.demonyms[0] if country and country.demonyms else ""

    def capital(self, iso2: str) -> Place | None:
        places = self.world.places_in(iso2)
        return places[0] if places else None

    def where(self, rng: random.Random, unit: Unit, year: int) -> tuple[str, Place]:
        """The country a story is about and the city it is datelined in."""
        world = self.world
        if unit.host_territory:
            places = [p for p in world.places if p.territory and p.key != unit.host_territory]
            seat = world.place(unit.seat) if unit.seat else None
            city = (
                seat
                if seat and rng.random() < 0.7
                else pick(rng, places or [seat or world.places[0]])
            )
            return "XK", city
        if unit.host_country:
            seat = world.place(unit.seat) if unit.seat else None
            others = list(world.places_in(unit.host_country))
            if seat is not None and (rng.random() < 0.65 or not others):
                return unit.host_country, seat
            return unit.host_country, pick(rng, others) if others else world.places[0]
        states = self.participating(year)
        focus = pick(rng, states).iso2
        if unit.kind == "chairpersonship" or unit.key == "chairperson-in-office":
            chair = self.world.chairs.get(year, "AT")
            capital = self.capital(chair)
            roll = rng.random()
            if capital is not None and roll < 0.45:
                return chair, capital
            if roll < 0.75:
                return focus, world.place("vienna") or world.places[0]
        seat = world.place(unit.seat) if unit.seat else world.place("vienna")
        if seat is not None and rng.random() < 0.45:
            return focus, seat
        in_focus = world.places_in(focus)
        if not in_focus:
            return focus, seat or world.places[0]
        city = in_focus[0] if rng.random() < 0.7 or len(in_focus) == 1 else pick(rng, in_focus[1:])
        return focus, city

    @staticmethod
    def era_name(unit: Unit, year: int) -> str | None:
        """The name the site gave `unit` in `year`, if it was not its name of today."""
        return next(
            (name for first, last, name in ERA_NAMES.get(unit.key, ()) if first <= year <= last),
            None,
        )

    def unit_name(self, unit: Unit, year: int, rng: random.Random) -> str:
        """The unit's name as the site wrote it in `year`, without `OSCE `."""
        for first, last, name in ERA_NAMES.get(unit.key, ()):
            if first <= year <= last and rng.random() < 0.85:
                return name
        if unit.former_names and rng.random() < 0.05:
            return pick(rng, unit.former_names)
        return unit.name

    def source_written(self, unit: Unit, year: int, rng: random.Random) -> str:
        """How a Source value names the unit: usually `OSCE ` + name, sometimes bare or old."""
        return self._written(unit, self.unit_name(unit, year, rng), year, rng)

    # -- the speaker of a story -------------------------------------------------------

    def speaker(
        self, rng: random.Random, unit: Unit, body: str, year: int, topic: Topic
    ) -> tuple[Person, str, str, bool]:
        """(person, post, honorific, post first?) for the main voice of a story."""
        key, kind = unit.key, unit.kind
        chairmanship = year <= 2018
        if kind in ("chairpersonship", "post") and key in (
            "chairpersonship",
            "chairperson-in-office",
        ):
            chair = self.world.chairs.get(year, "AT")
            adjective = self.demonym(chair)
            title = "Chairman-in-Office" if chairmanship else "Chairperson-in-Office"
            person = self.holder("cio", year, REGION_OF.get(chair, "west"), term=1)
            if rng.random() < 0.5:
                return person, f"OSCE {title} and {adjective} Foreign Minister", "", True
            envoy = self.holder(f"envoy-{chair}", year, REGION_OF.get(chair, "west"), term=1)
            return envoy, f"Special Envoy of the OSCE {title}", "Ambassador ", False
        if key in ("secretariat", "secretary-general", "office-of-the-secretary-general"):
            return self.holder("sg", year, term=3), "OSCE Secretary General", "", True
        if key == "office-for-democratic-institutions-and-human-rights":
            if "elections" in body or rng.random() < 0.3:
                person = make_person(rng, weighted(rng, INTERNATIONAL_REGIONS))
                return (
                    person,
                    "Head of the ODIHR Election Observation Mission",
                    "Ambassador ",
                    False,
                )
            return self.holder("odihr", year, term=3), "ODIHR Director", "", True
        if key == "high-commissioner-on-national-minorities":
            return (
                self.holder("hcnm", year, term=3),
                "OSCE High Commissioner on National Minorities",
                "",
                True,
            )
        if key == "representative-on-freedom-of-the-media":
            return (
                self.holder("rfom", year, term=3),
                "OSCE Representative on Freedom of the Media",
                "",
                True,
            )
        if key == "parliamentary-assembly":
            if rng.random() < 0.6:
                return self.holder("pa-president", year, term=2), "OSCE PA President", "", True
            return (
                self.holder("pa-sg", year, term=6),
                "Secretary General of the OSCE Parliamentary Assembly",
                "",
                False,
            )
        if key == "permanent-council":
            return (
                self.holder("pc-chair", year, term=1),
                "Chairperson of the OSCE Permanent Council",
                "Ambassador ",
                False,
            )
        if key in ("office-of-the-co-ordinator-of-osce-economic-and-environmental-activities",):
            return (
                self.holder("oceea", year, term=3),
                "Co-ordinator of OSCE Economic and Environmental Activities",
                "",
                False,
            )
        if "trafficking" in key:
            return (
                self.holder("cthb", year, term=3),
                "OSCE Special Representative and Co-ordinator for Combating Trafficking in "
                "Human Beings",
                "",
                True,
            )
        if key == "special-monitoring-mission-to-ukraine":
            return (
                self.holder("smm", year, term=3),
                "Chief Monitor of the OSCE Special Monitoring Mission to Ukraine",
                "Ambassador ",
                False,
            )
        if kind == "field-operation" or key == "invented":
            roll = rng.random()
            if roll < 0.6:
                if body.startswith("OSCE Project Co-ordinator"):
                    return self.holder(key, year, term=3), body, "Ambassador ", False
                return self.holder(key, year, term=3), f"Head of the {body}", "Ambassador ", False
            if roll < 0.75:
                return (
                    self.holder(f"{key}-deputy", year, term=3),
                    f"Deputy Head of the {body}",
                    "",
                    False,
                )
            person = make_person(rng, weighted(rng, INTERNATIONAL_REGIONS))
            return person, f"{topic.staff} Officer at the {body}", "", False
        if kind in ("secretariat-department", "secretariat-unit", "other-body", "institution"):
            lead = "Director" if kind == "secretariat-department" else "Head"
            return self.holder(key, year, term=4), f"{lead} of the {body}", "", False
        return self.holder("sg", year, term=3), "OSCE Secretary General", "", True

    # -- navigation --------------------------------------------------------------------

    def navigation(self, rng: random.Random, year: int) -> list[str]:
        """The navigation block of a page saved in some year after `year` (as the seed's)."""
        save = 2025 if rng.random() < 0.5 else between(rng, max(year, 2014), 2025)
        lines = self._navs.get(save)
        if lines is None:
            lines = self._navs[save] = self._navigation(save)
        lines = list(lines)  # the caller adds to it; the cached block must stay as it is
        if rng.random() < 0.1:  # a page saved with parts of the menu folded away
            return [
                line
                for line in lines
                if not line.startswith("- ") or rng.random() < 0.5 or line == "- About us"
            ]
        return lines

    def _navigation(self, save: int) -> list[str]:
        """The menu as the site had it in the year `save` (see vocabulary/navigation.toml)."""
        world = self.world
        chair_word = "Chairmanship" if save <= 2018 else "Chairpersonship"
        chair = world.chairs.get(save, "FI")

        def state(iso2: str, name: str) -> str:
            return f"{name} – OSCE {chair_word} {save}" if iso2 == chair else name

        moved = {
            former.menu_after: state(iso2, former.name)
            for iso2, former in FORMER_STATE_NAMES.items()
            if former.menu_after and save <= former.menu
        }
        states: list[str] = []
        for country in world.menu_states:
            former = FORMER_STATE_NAMES.get(country.iso2)
            if former is None or save > former.menu:
                states.append(state(country.iso2, country.name))
            elif not former.menu_after:
                states.append(state(country.iso2, former.name))
            if country.iso2 in moved:
                states.append(moved[country.iso2])
        closed = [world.unit_by_key[key] for key in MENU_CLOSED_FIELD_OPERATIONS]
        operations = [u for u in world.menu_field_operations if u.closed is None]
        lists = {
            "{fields}": [c.label for c in world.fields],
            "{meetings}": list(world.meeting_types),
            "{states}": states,
            "{secretariat}": [
                world.unit_by_key[key].name
                for key in MENU_SECRETARIAT
                if MENU_SINCE.get(key, save) <= save
            ],
            "{field_operations}": [
                self.era_name(u, save) or u.name
                for u in [*operations, *closed]
                if u.closed is None or save <= u.closed
            ],
        }
        lines: list[str] = []
        for line in MENU:
            if line in lists:
                lines += [f"- {name}" for name in lists[line]]
            else:
                lines.append(line.replace("{chair}", chair_word))
        return lines

    # -- a story: what an item says ---------------------------------------------------

    def story(
        self,
        rng: random.Random,
        day: dt.date,
        *,
        listing: bool = False,
        after_close: bool = False,
        invented: bool = False,
    ) -> Story:
        """Choose the unit, content type, fields, places and words of one item."""
        world, year = self.world, day.year
        if listing:
            key = weighted(rng, LISTING_CONTENT_TYPES)
            ct_key: str | None = key if key in self.content_types and rng.random() < 0.95 else None
        else:
            ct_key = weighted(rng, self.ct_choices) or None
        unit: Unit | None = None
        invented_name: str | None = None
        smm = world.unit_by_key.get("special-monitoring-mission-to-ukraine")
        if ct_key in ("daily-report", "spot-report"):
            if smm is not None and 2014 <= year <= 2022 and not (after_close or invented):
                unit = smm
            else:
                ct_key = "press-release" if "press-release" in self.content_types else None
        if invented:
            while invented_name is None or fold_name(invented_name) in world.known_unit_names:
                town = pick(rng, INVENTED_TOWNS)
                template = pick(rng, INVENTED_UNITS)
                invented_name = template.format(town=town)
            host = INVENTED_TOWN_COUNTRY.get(town) if "{town}" in template else None
            unit = Unit(
                "invented",
                invented_name.removeprefix("OSCE "),
                "field-operation",
                host_country=host,
            )
        elif after_close:
            candidates = [
                u
                for u in self.closed_field_operations
                if (u.closed or year) < year and not (listing and "," in u.name)
            ]
            unit = pick(rng, candidates) if candidates else None
            after_close = unit is not None
        if unit is None:
            units, cumulative = self.eligible_units(year)
            unit = rng.choices(units, cum_weights=cumulative)[0]

        content_type: str | None = None
        if ct_key is not None:
            concept = self.content_types[ct_key]
            use_alt = concept.alt_labels and rng.random() < 0.12
            content_type = pick(rng, concept.alt_labels) if use_alt else concept.label
        kind = weighted(rng, STORY_KINDS.get(ct_key or "default", STORY_KINDS["default"]))
        if (
            unit.kind == "decision-making-body"
            and kind in ("event", "launch", "donation")
            and rng.random() < 0.6
        ):
            kind = "decision"

        current = self.fields_of(year)
        preferred = [k for k in UNIT_FIELDS.get(unit.key, ()) if k in current]
        primary = pick(rng, preferred) if preferred and rng.random() < 0.85 else pick(rng, current)
        field_keys = [primary]
        for _ in range(0 if kind in ("daily", "spot") else pick(rng, (0, 0, 1, 1, 1, 2))):
            extra = pick(rng, current)
            if extra not in field_keys:
                field_keys.append(extra)
        topic = TOPICS.get(primary, GENERIC_TOPIC)
        focus, city = self.where(rng, unit, year)
        places = [city]
        if rng.random() < 0.06 and not listing:
            second = world.place(pick(rng, [k for k in SECOND_PLACES if k != city.key]))
            if second is not None:
                places.append(second)

        name = (
            invented_name.removeprefix("OSCE ")
            if invented_name
            else self.unit_name(unit, year, rng)
        )
        story = Story(
            day=day,
            unit=unit,
            content_type=content_type,
            content_type_key=ct_key,
            kind=kind,
            field_keys=field_keys,
            topic=topic,
            places=places,
            focus=focus,
            ctx=Context(),
            after_close=after_close,
            invented=invented_name,
        )
        story.sources = [invented_name if invented_name else self._written(unit, name, year, rng)]
        if rng.random() < 0.2:
            other = self._other_unit(rng, year, unit)
            if other is not None:
                story.sources.append(self.source_written(other, year, rng))
            if rng.random() < 0.3:
                story.sources.reverse()
        if rng.random() < 0.02 and not invented_name and not after_close:
            story.sources = []
        if rng.random() < 0.15 and kind in ("event", "media_advisory"):
            other = self._other_unit(rng, year, unit) if rng.random() < 0.5 else unit
            if other is not None:
                story.organizers = [
                    story.sources[0]
                    if other is unit and story.sources
                    else self.source_written(other, year, rng)
                ]
        for key in field_keys:
            label = world.field(key)
            if label is not None:
                alt = label.alt_labels and rng.random() < 0.15
                story.fields.append(pick(rng, label.alt_labels) if alt else label.label)
        story.ctx = self.context(rng, story, name)
        story.title = self.title(rng, story)
        return story

    def _written(self, unit: Unit, name: str, year: int, rng: random.Random) -> str:
        if unit.kind == "organization":
            return name
        if unit.abbreviations and rng.random() < 0.03:
            return pick(rng, unit.abbreviations)
        written = name if name.startswith("CSCE ") or rng.random() < 0.12 else f"OSCE {name}"
        if unit.closed is not None and (year > unit.closed or rng.random() < 0.3):
            written += " (closed)"
        return written

    def _other_unit(self, rng: random.Random, year: int, unit: Unit) -> Unit | None:
        units, cumulative = self.eligible_units(year)
        other = rng.choices(units, cum_weights=cumulative)[0]
        if other.key == unit.key or "," in other.name:
            return None
        return other

    def context(self, rng: random.Random, s: Story, name: str) -> Context:
        """The values templates ask for: cheap ones now, costly groups on first use.

        Most stories use a fraction of the values, and making people, lists of funders and
        decisions for every story would cost more than the rest of the page.
        """
        day, year, unit, topic, focus = s.day, s.day.year, s.unit, s.topic, s.focus
        city = s.places[0]
        field_label = self.world.field(s.field_keys[0])
        label_lower = field_label.label.lower() if field_label else "security"

        def phrase(options: Sequence[str]) -> str:
            return pick(rng, options).replace("{field_label_lower}", label_lower)

        if unit.kind == "chairpersonship":
            chair = self.world.chairs.get(year, "AT")
            word = "Chairmanship" if year <= 2018 else "Chairpersonship"
            body = f"{self.demonym(chair)} OSCE {word}"
        elif unit.kind == "organization" or name.startswith("CSCE "):
            body = name
        else:
            body = f"OSCE {name}"
        short = next((s_ for word, s_ in SHORT_FORMS if word in name), "the Office")
        if short == "the Chairpersonship" and year <= 2018:
            short = "the Chairmanship"
        country = self.country_text(focus, year, rng)
        demonym = self.demonym(focus)
        group = phrase(topic.groups)
        local = (
            f"{demonym} {group}" if demonym and rng.random() < 0.75 else f"{group} from {country}"
        )
        towns = (
            [t for t in TOWNS.get(focus, ()) if t != city.name]
            or [p.name for p in self.world.places_in(focus) if p.key != city.key]
            or [city.name]
        )
        town = pick(rng, towns)
        region = REGION_OF.get(focus, "balkans" if focus == "XK" else "west")
        event = weighted(rng, EVENTS)
        dur_event = f"{weighted(rng, DURATIONS)} {event}"
        a_event = f"{article(dur_event)} {dur_event}"
        weekday = WEEKDAYS[(day - dt.timedelta(days=between(rng, 1, 3))).weekday()]
        counterpart = phrase(topic.counterparts)
        subject = phrase(topic.subjects)
        subject2 = phrase([x for x in topic.subjects if x != subject] or topic.subjects)
        ahead = day + dt.timedelta(days=between(rng, 30, 90))
        opened = unit.opened or max(1993, year - between(rng, 3, 12))
        started = between(rng, min(max(opened, 1993), year), year) if year > 1995 else 1994
        n1 = between(rng, 12, 45)
        short_subject = phrase(topic.short)
        concern = phrase(topic.concerns)
        welcome = phrase(topic.welcomes)
        began = (
            "began today",
            "opened today",
            "is taking place",
            "ended today",
            f"began on {weekday}",
        )

        def make(key: str) -> None:
            groups[LAZY_KEYS[key]]()

        ctx = Context(make)
        ctx.update(
            {
                "year": str(year),
                "prev_year": str(year - 1),
                "next_year": str(year + 1),
                "next_month": MONTHS[ahead.month - 1],
                "weekday": weekday,
                "weekday_next": WEEKDAYS[ahead.weekday()],
                "The_unit": f"The {body}",
                "the_unit": f"the {body}",
                "unit_title": body,
                "unit_short": short,
                "Unit_short": cap(short),
                "city": city.name,
                "country": country,
                "demonym": demonym or "local",
                "participants": group,
                "Participants_cap": cap(group),
                "local_participants": local,
                "Local_participants_cap": cap(local),
                "town": town,
                "region_short": REGION_NAMES.get(region, "the OSCE region"),
                "event": event,
                "a_event": a_event,
                "A_event": cap(a_event),
                "the_event": f"the {dur_event}",
                "Dur_event_cap": cap(dur_event),
                "began": pick(rng, began),
                "held": pick(
                    rng, ("today held", "today organized", "today opened", "today concluded")
                ),
                "subject": subject,
                "Subject_cap": cap(subject),
                "subject2": subject2,
                "short": short_subject,
                "Short_cap": cap(short_subject),
                "aim": phrase(topic.aims),
                "concern": concern,
                "concern_short": concern,
                "welcome": welcome,
                "welcome_short": welcome,
                "counterpart": f"{counterpart} of {country}",
                "counterpart_short": counterpart,
                "counterpart_title": counterpart.removeprefix("the "),
                "n1": str(n1),
                "N1": cap(number_words(n1)),
                "n2": str(between(rng, 4, 60) * 10),
                "n_states": str(len(self.participating(year))),
                "year_started": str(started),
                "opened": str(opened),
                "field_label_lower": label_lower,
            }
        )

        def speaker() -> None:
            person, post, honorific, post_first = self.speaker(rng, unit, body, year, topic)
            named = f"{honorific}{person.name}"
            intro = f"{post} {person.name}" if post_first else f"{named}, {post}"
            ctx.update(
                {
                    "speaker_intro": intro,
                    "speaker_subject": intro if post_first else f"{intro},",
                    "speaker_last": person.last,
                    "he_she": "she" if person.female else "he",
                    "speaker_post_title": post.replace(" the OSCE ", " OSCE ").removeprefix("the "),
                }
            )
            ctx.setdefault("speaker_ref", intro)

        def official() -> None:
            person = make_person(rng, REGION_OF.get(focus, "balkans"))
            post = (
                f"Mayor of {city.name}"
                if rng.random() < 0.15
                else f"{phrase(topic.officials)} of {country}"
            )
            ctx.update({"official_intro": f"{person.name}, {post}", "official_last": person.last})

        def expert() -> None:
            person = make_person(rng, weighted(rng, INTERNATIONAL_REGIONS))
            if rng.random() < 0.5:
                post = f"an expert of {ctx['outside1']}"
            else:
                state = pick(rng, self.participating(year))
                adjective = self.demonym(state.iso2) or "European"
                post = f"{article(adjective)} {adjective} {pick(rng, PROFESSIONS)}"
            ctx.update({"expert_intro": f"{person.name}, {post}", "expert_last": person.last})

        def feature() -> None:
            person = make_person(rng, REGION_OF.get(focus, "balkans"))
            role = pick(rng, FEATURE_ROLES)
            ctx.update(
                {
                    "feature_person": person.name,
                    "feature_last": person.last,
                    "feature_intro": f"{person.name}, {article(role)} {role} from {town}",
                    "feature_she": "she" if person.female else "he",
                    "feature_her": "her" if person.female else "his",
                    "feature_role": role,
                }
            )

        def funders() -> None:
            states = self.funder_states(year)
            names: list[str] = []
            for _ in range(between(rng, 1, 3)):
                funder = pick(rng, states)
                text = self.country_text(funder.iso2, year, rng)
                if funder.iso2 != focus and text not in names:
                    names.append(text)
            if not names or rng.random() < 0.1:
                names = ["the European Union"]
            elif rng.random() < 0.1:
                names.append("the European Union")
            verb = pick(rng, FUNDED)
            support = pick(rng, SUPPORTED)
            ctx.update(
                {
                    "funders": join_list(names),
                    "funded": f"{verb} {join_list(names)}",
                    "with_support": f"{support} {join_list(names)}",
                }
            )

        def region_countries() -> None:
            neighbours = self.neighbours(region, year)
            names: list[str] = []
            for _ in range(between(rng, 2, 3)):
                other = pick(rng, neighbours)
                text = self.country_text(other.iso2, year, rng, short=False)
                if other.iso2 != focus and text not in names:
                    names.append(text)
            ctx["region_countries"] = join_list(names or [self.country_text("AT", year, rng)])

        def decision() -> None:
            past = max(day - dt.timedelta(days=between(rng, 60, 3000)), dt.date(1994, 12, 6))
            text = self.decision(rng, past, topic)
            ctx.update({"decision": text, "Decision_cap": cap(text)})

        def outside() -> None:
            first = pick(rng, OUTSIDE_BODIES)
            second = pick(rng, [o for o in OUTSIDE_BODIES if o is not first])
            ctx.update(
                {
                    "outside1": first[0],
                    "outside1_short": first[1],
                    "outside1_cap": cap(first[0]),
                    "outside2": second[0],
                    "outside2_short": second[1],
                }
            )

        def things() -> None:
            publication = pick(rng, PUBLICATIONS)
            equipment = pick(rng, EQUIPMENT)
            ctx.update(
                {
                    "publication": publication,
                    "a_publication": f"{article(publication)} {publication}",
                    "equipment": equipment,
                    "Equipment_cap": cap(equipment),
                    "equipment_short": equipment.split(" and ")[0].split(" for ")[0],
                    "minority": pick(rng, MINORITIES),
                    "ordinal": ORDINALS[between(rng, 1, 4)],
                    "n_days_word": pick(rng, ("two", "three", "four", "five")),
                    "n_years_word": pick(rng, ("two", "three")),
                    "n_months_word": pick(rng, ("six", "twelve", "eighteen")),
                }
            )

        def numbers() -> None:
            ctx.update(
                {
                    "amount": f"{between(rng, 8, 240) * 1000:,}",
                    "n_tonnes": f"{between(rng, 5, 900) * 10:,}",
                    "n_victims": str(between(rng, 20, 400)),
                    "n_municipalities": str(between(rng, 5, 40)),
                    "n_schools": str(between(rng, 10, 80)),
                    "n_trained": f"{between(rng, 3, 60) * 100:,}",
                    "n_observers": str(between(rng, 12, 90) * 10),
                    "n_countries": str(between(rng, 20, 45)),
                    "n_percent": str(between(rng, 12, 41)),
                    "n_reports": str(between(rng, 40, 900)),
                    "n_facilities": str(between(rng, 8, 60)),
                    "n_cases": str(between(rng, 15, 300)),
                    "n_migrants": str(between(rng, 3, 60) * 10),
                    "n_families": str(between(rng, 30, 400)),
                }
            )

        def monitoring() -> None:
            places = rng.sample(SMM_PLACES, 3)
            hour = between(rng, 6, 20)
            ctx.update(
                {
                    "calm": pick(rng, ("calmer", "more tense", "similar")),
                    "n_a": str(between(rng, 30, 900)),
                    "n_b": str(between(rng, 5, 80)),
                    "n_c": str(between(rng, 2, 14)),
                    "n_d": str(between(rng, 10, 300)),
                    "n_e": str(between(rng, 3, 90)),
                    "km": str(between(rng, 2, 12)),
                    "t1": f"{hour:02d}:{between(rng, 0, 59):02d}",
                    "t2": f"{hour + 2:02d}:{between(rng, 0, 59):02d}",
                    "dir": pick(rng, SMM_DIRECTIONS),
                    "dir2": pick(rng, SMM_DIRECTIONS),
                    "smm1": places[0],
                    "smm2": places[1],
                    "smm3": places[2],
                    "weapon": pick(rng, SMM_WEAPONS),
                    "n_people": f"{between(rng, 2, 90) * 100:,}",
                    "prev_day": format_date(day - dt.timedelta(days=1)),
                }
            )

        groups: dict[str, Callable[[], None]] = {
            "speaker": speaker,
            "official": official,
            "expert": expert,
            "feature": feature,
            "funders": funders,
            "region": region_countries,
            "decision": decision,
            "outside": outside,
            "things": things,
            "numbers": numbers,
            "monitoring": monitoring,
        }
        return ctx

    def decision(self, rng: random.Random, past: dt.date, topic: Topic) -> str:
        """A decision the work follows from, dated before the story."""
        roll = rng.random()
        if roll < 0.35:
            return f"a {MONTHS[past.month - 1]} {past.year} decision by the OSCE Permanent Council"
        if roll < 0.6:
            return f"Ministerial Council Decision No. {between(rng, 1, 12)}/{past.year % 100:02d}"
        if roll < 0.8:
            number = 20 + max(0, past.year - 1993) * 47 + between(rng, 0, 40)
            return f"Permanent Council Decision No. {number}"
        if roll < 0.9:
            return f"the {past.year} Ministerial Council decision on {pick(rng, topic.short)}"
        number = between(rng, 1, 15)
        return f"Forum for Security Co-operation Decision No. {number}/{past.year % 100:02d}"

    def title(self, rng: random.Random, s: Story) -> str:
        """A title no other item of the same day has (the item's IRI is its date and title).

        A title must also look like one to the parser: a line of more than 20 words that ends
        with a full stop is read as body text ("... in the U.S." would be), and so is a line of
        more than 250 characters.
        """
        ctx = s.ctx
        if s.kind == "daily":
            templates: Sequence[str] = tuple(
                "Latest from the OSCE Special Monitoring Mission (SMM) to Ukraine, based on "
                f"information received as of {time}, {{prev_day}}"
                for time in ("19:30hrs", "18:00", "19:30", "16:00hrs")
            )
        elif s.kind == "spot":
            templates = tuple(
                f"Spot Report by the OSCE Special Monitoring Mission to Ukraine (SMM): {t}"
                for t in SPOT_TITLES
            )
        else:
            templates = TITLES.get(s.kind, TITLES["event"])
        order = s.day.toordinal()
        text = ""
        for attempt in range(14):
            text = cap(pick(rng, templates).format_map(ctx))
            if attempt >= 6:
                text += pick(rng, TITLE_SUFFIXES).format_map(ctx)
            if len(text) > 250 or (text.endswith((".", '"')) and len(text.split()) > 20):
                continue
            key = (order, fold_name(text))
            if key not in self.used_titles:
                self.used_titles.add(key)
                return text
        number = 2
        while (order, fold_name(f"{text} (part {number})")) in self.used_titles:
            number += 1
        text = f"{text} (part {number})"
        self.used_titles.add((order, fold_name(text)))
        return text

    # -- datelines ---------------------------------------------------------------------

    def place_written(self, rng: random.Random, place: Place, upper: bool) -> str:
        names = [place.name] + [n for n in place.alt_names if placeish(n)]
        name = pick(rng, names[1:]) if len(names) > 1 and rng.random() < 0.15 else names[0]
        return name.upper() if upper else name

    def dateline(
        self, rng: random.Random, s: Story, *, bad_date: str | None = None, listing: bool = False
    ) -> Dateline:
        """The opening of the first paragraph, in one of the forms the site has used."""
        day = s.day
        month = MONTHS[day.month - 1]
        form = "std" if bad_date else weighted(rng, LISTING_FORMS if listing else DATELINE_FORMS)
        if s.kind == "daily" and not bad_date:
            form = "none"
        if form == "none":
            return Dateline(
                "", True, [self.place_written(rng, p, rng.random() < 0.8) for p in s.places]
            )
        upper = rng.random() < (0.2 if form == "date_first" else 0.88) or form == "no_date"
        places = list(s.places)
        if form == "date_after" and len(places) == 1 and rng.random() < 0.6:
            extra = [self.world.place(k) for k in SECOND_PLACES if k != places[0].key]
            places += rng.sample([p for p in extra if p is not None], between(rng, 1, 2))
        written = [self.place_written(rng, p, upper) for p in places]
        joiner = " / " if form == "date_after" or rng.random() < 0.1 else "/"
        head = joiner.join(written)
        capital = self.capital(places[0].country or "")
        qualifier = ""
        if (
            len(places) == 1
            and places[0].country
            and capital is not None
            and capital.key != places[0].key
            and places[0].key not in self.world.own_seats
            and places[0].key not in SECOND_PLACES
        ):
            name = self.world.country(places[0].country)
            if name is not None and placeish(name.name) and rng.random() < 0.6:
                qualifier = name.name
        date_text = f"{day.day} {month} {day.year}"
        if form == "foreign" and len(places) > 1:
            form = "std"
        if form == "foreign":
            key = places[0].key
            language = pick(rng, ("ro", "fr", "ru"))
            if key in PLACE_NAMES["ro"] and (language == "ro" or key not in PLACE_NAMES["fr"]):
                head = PLACE_NAMES["ro"][key] if upper else PLACE_NAMES["ro"][key].title()
                date_text = f"{day.day} {MONTHS_IN['ro'][day.month - 1]} {day.year}"
            elif key in PLACE_NAMES["fr"]:
                head = PLACE_NAMES["fr"][key] if upper else PLACE_NAMES["fr"][key].title()
                date_text = f"{day.day} {MONTHS_IN['fr'][day.month - 1]} {day.year}"
            elif key in PLACE_NAMES["ru"] or places[0].country in (
                "RU",
                "BY",
                "KZ",
                "KG",
                "TJ",
                "UZ",
                "UA",
            ):
                if key in PLACE_NAMES["ru"] and rng.random() < 0.6:
                    head = PLACE_NAMES["ru"][key] if upper else PLACE_NAMES["ru"][key].title()
                suffix = " г." if rng.random() < 0.3 else ""
                date_text = f"{day.day} {MONTHS_IN['ru'][day.month - 1]} {day.year}{suffix}"
            else:
                form = "std"
            if form == "foreign":
                written = [head] if head != written[0] else written
                qualifier = ""
        if bad_date:
            date_text = bad_date
        elif form == "comma_year":
            date_text = f"{day.day} {month}, {day.year}"
        elif form == "mdy":
            date_text = f"{month} {day.day}, {day.year}"
        elif form == "no_year":
            date_text = f"{day.day} {month}"
        separator = self.separator(rng, day.year)
        if qualifier and form in ("std", "osce", "comma_year", "mdy", "no_year"):
            head = f"{head}, {qualifier}"
        if form == "osce":
            text = f"{head}, {date_text} (OSCE)"
        elif form == "date_first":
            text = f"{date_text}, {head}"
        elif form == "date_after":
            text = f"{head}{separator if separator.startswith(' ') else ' – '}{date_text}"
        elif form == "no_date":
            text = head
        else:
            text = f"{head}, {date_text}"
        prefix = f"{text}. " if form == "date_after" else f"{text}{separator}"
        return Dateline(prefix, form in ("no_year", "no_date"), written, text)

    @staticmethod
    def separator(rng: random.Random, year: int) -> str:
        """The dash between dateline and text; older pages used hyphens, newer ones en dashes."""
        if year < 2005:
            choices = (
                (" - ", 45.0),
                (" -- ", 12.0),
                ("--", 6.0),
                (" – ", 20.0),
                ("–", 3.0),
                (" — ", 8.0),
                ("—", 6.0),
            )
        else:
            choices = (
                (" - ", 15.0),
                (" -- ", 4.0),
                ("--", 2.0),
                (" – ", 55.0),
                ("–", 6.0),
                (" — ", 10.0),
                ("—", 8.0),
            )
        return weighted(rng, choices)

    # -- bodies ------------------------------------------------------------------------

    def fill(self, s: Story, template: str) -> str:
        """A template filled from the story; the first mention of a person introduces them."""
        text = template.format_map(s.ctx)
        if "{speaker_" in template and "speaker" not in s.introduced:
            s.introduced.add("speaker")
            s.ctx["speaker_ref"] = s.ctx["speaker_last"]
        if "{feature_person}" in template:
            s.introduced.add("feature")
        return text

    def quote(
        self, rng: random.Random, s: Story, who: str, quotes: list[str], *, long: bool = False
    ) -> list[list[str]]:
        """Paragraphs quoting `who`, in the newsroom's ways of attributing a quotation."""
        if not quotes:
            return []
        ctx = s.ctx
        texts = [self.fill(s, draw(rng, quotes)) for _ in range(min(3 if long else 2, len(quotes)))]
        verb = "says" if s.kind == "feature" and who == "feature" else "said"
        intro, last = ctx[f"{who}_intro"], ctx[f"{who}_last"]
        first = who not in s.introduced
        s.introduced.add(who)
        if who == "speaker":
            ctx["speaker_ref"] = last
        said = f"{verb} {intro}" if first else f"{last} {verb}"
        if long and len(texts) == 3:
            return [[f'"{texts[0]} {texts[1]}'], [f'"{_comma(texts[2])}" {said}.']]
        q1 = texts[0]
        q2 = texts[1] if len(texts) > 1 else ""
        roll = rng.random()
        if not q2 or roll < 0.4:
            return [[f'"{q1} {_comma(q2)}" {said}.' if q2 else f'"{_comma(q1)}" {said}.']]
        if roll < 0.75:
            return [[f'"{_comma(q1)}" {said}. "{q2}"']]
        subject = (ctx["speaker_subject"] if who == "speaker" else f"{intro},") if first else last
        return [[f'{subject} {verb}: "{q1} {q2}"']]

    def body(self, rng: random.Random, s: Story, prefix: str) -> list[str]:
        """3-7 paragraphs, 2-6 KB: a lead, quotations, details, background, funding, close.

        Every sentence is drawn from its pool without putting it back, so a page never says
        the same thing twice.
        """
        if s.kind in ("daily", "spot"):
            return self.monitoring_body(rng, s, prefix)
        topic = s.topic
        target = between(rng, 2150, 5500)
        count = max(3, min(7, round(target / rng.uniform(480, 760))))
        event_story = s.kind in ("event", "launch", "donation", "media_advisory", "feature")
        first_person = s.kind in ("speech", "op_ed")

        def pool(templates: tuple[str, ...]) -> list[str]:
            return list(templates if event_story else general(templates))

        background, funding, indirect = pool(BACKGROUND), pool(FUNDING), list(INDIRECT)
        speaker_quotes = [*topic.quotes, *pool(QUOTES)]
        official_quotes, expert_quotes = list(OFFICIAL_QUOTES), list(EXPERT_QUOTES)
        if first_person:
            details, spare = list(FIRST_PERSON), speaker_quotes
        elif event_story:
            details, spare = [*topic.details, *DETAILS], []
        else:
            details = [*general(topic.details), *GENERAL_DETAILS]
            spare = [t for t in general(DETAILS) if t not in GENERAL_DETAILS]
        lead_kind = s.kind if s.kind in LEADS else "event"
        paragraphs: list[list[str]] = [[prefix + self.fill(s, pick(rng, LEADS[lead_kind]))]]
        if s.kind == "speech":
            paragraphs.append(["Mr. Chairperson, Excellencies, ladies and gentlemen,"])
        closing: tuple[str, ...] = CLOSING if event_story else CLOSING_GENERAL
        if s.unit.kind == "field-operation":
            field_closing = (
                c for c in CLOSING_FIELD_OPERATION if event_story or "{event}" not in c
            )
            closing = (*(c for c in closing if "{n_states}" not in c), *field_closing)
        if first_person:
            closing = FIRST_PERSON_CLOSING
        for block in self.plan(rng, count - len(paragraphs), s.kind):
            if block in ("quote", "quote_long", "quote2") and first_person:
                texts = [
                    self.fill(s, draw(rng, speaker_quotes)) for _ in range(2) if speaker_quotes
                ]
                paragraphs.append(texts)
            elif block in ("quote", "quote_long", "quote2"):
                who = "feature" if s.kind == "feature" and block != "quote2" else "speaker"
                paragraphs += self.quote(rng, s, who, speaker_quotes, long=block == "quote_long")
            elif block == "official":
                paragraphs += self.quote(rng, s, "official", official_quotes)
            elif block == "expert":
                paragraphs += self.quote(rng, s, "expert", expert_quotes)
            elif block == "closing":
                paragraphs.append([self.fill(s, pick(rng, closing))])
            else:
                source = {"background": background, "funding": funding, "indirect": indirect}.get(
                    block, details
                )
                source = source or details or spare
                if source:
                    paragraphs.append([self.fill(s, draw(rng, source))])
        while len(paragraphs) > 7:  # a long quotation took two slots: fold the last two
            folded = paragraphs.pop()
            paragraphs[-1].extend(folded)
        sizes = [sum(len(x) + 1 for x in p) for p in paragraphs]
        # Paragraphs that grow: not the first half of a quotation that goes on in the next
        # paragraph (an odd number of quotation marks), not a speech's lead, salutation or
        # closing words. Quotations count double, so they stay short.
        growable = [
            i
            for i, p in enumerate(paragraphs)
            if sum(x.count('"') for x in p) % 2 == 0
            and not (
                first_person and (i == 0 or i == len(paragraphs) - 1 or p[0].startswith("Mr."))
            )
        ] or [0]
        plain = sorted(
            (i for i in growable if not paragraphs[i][0].startswith('"')), key=sizes.__getitem__
        )
        quoted = [i for i in growable if i not in plain]
        plain = plain or quoted
        total, step = sum(sizes), 0
        while total < target and (details or background or spare):
            # Round robin from the shortest paragraph; a quotation gets every third turn.
            if quoted and step % 3 == 2:
                index = quoted[(step // 3) % len(quoted)]
            else:
                index = plain[(step - step // 3 if quoted else step) % len(plain)]
            step += 1
            sentence = self.fill(s, draw(rng, details or background or spare))
            paragraphs[index].append(sentence)
            sizes[index] += len(sentence) + 1
            total += len(sentence) + 1
        while total > 5800:  # long quotations overshot: drop added sentences, longest first
            longest = max(growable, key=lambda i: sizes[i] if len(paragraphs[i]) > 1 else 0)
            if len(paragraphs[longest]) < 2:
                break
            dropped = len(paragraphs[longest].pop()) + 1
            sizes[longest] -= dropped
            total -= dropped
        return [" ".join(p) for p in paragraphs if p]

    @staticmethod
    def plan(rng: random.Random, slots: int, kind: str) -> list[str]:
        """The order of paragraph kinds after the lead."""
        middle: list[str] = ["quote"]
        options: tuple[tuple[str, float], ...] = (
            ("detail", 3.0),
            ("quote2", 1.5),
            ("background", 1.5),
            ("official", 2.0),
            ("expert", 1.0),
            ("indirect", 0.8),
            ("quote_long", 1.0),
        )
        if kind in ("speech", "op_ed"):
            return ["quote"] * max(slots - 1, 0) + ["closing"]
        while len(middle) + sum(1 for b in middle if b == "quote_long") < slots - 1:
            block = weighted(rng, options)
            if block == "quote_long" and len(middle) + 2 > slots - 1:
                block = "detail"
            if block in ("background",) and block in middle:
                block = "detail"
            middle.append(block)
        last = "closing" if rng.random() < 0.6 else "funding"
        if last == "closing" and "detail" in middle and rng.random() < 0.6:
            middle[len(middle) - 1 - middle[::-1].index("detail")] = "funding"
        return [*middle, last][: max(slots, 1)]

    def monitoring_body(self, rng: random.Random, s: Story, prefix: str) -> list[str]:
        """A daily or spot report of the Special Monitoring Mission to Ukraine."""
        ctx = s.ctx
        own = list(SPOT if s.kind == "spot" else DAILY)
        first = own.pop(0)
        more = [t for t in DAILY[1:] if t not in own]
        paragraphs = [[prefix + first.format_map(ctx)]]
        size, target = len(paragraphs[0][0]), between(rng, 2100, 2700)
        while (own or more) and size < target:
            paragraph: list[str] = [] if len(paragraphs) < 7 else paragraphs.pop()
            for _ in range(between(rng, 2, 3)):
                pool = own if own and (s.kind == "daily" or rng.random() < 0.7) else more
                if pool:
                    sentence = draw(rng, pool).format_map(ctx)
                    paragraph.append(sentence)
                    size += len(sentence) + 1
            paragraphs.append(paragraph)
        return [" ".join(p) for p in paragraphs if p]

    def teaser(self, rng: random.Random, s: Story, prefix: str) -> tuple[str, bool]:
        """A listing's teaser: 200-400 characters from the top of the story, sometimes cut."""
        kind = s.kind if s.kind in LEADS else "event"
        text = prefix + self.fill(s, pick(rng, LEADS[kind]))
        details = [*s.topic.details, *DETAILS]
        while len(text) < 210 and details:
            text += " " + self.fill(s, draw(rng, details))
        if len(text) > 400 or rng.random() < 0.25:
            limit = between(rng, 230, max(231, min(396, len(text) - 4)))
            cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
            return cut + "...", True
        return text, False

    # -- metadata ----------------------------------------------------------------------

    def metadata(
        self, rng: random.Random, s: Story, places: list[str], date_value: str | None
    ) -> tuple[list[str], int | None]:
        """The labelled block under the title, and the index of the line holding the date."""
        old = rng.random() < 0.15
        labels = {
            "date": "Issued on" if old or rng.random() < 0.05 else "Date",
            "place": "Location" if old or rng.random() < 0.05 else "Place",
            "source": "Issued by" if old or rng.random() < 0.05 else "Source",
        }
        entries: list[tuple[str, str, list[str]]] = [
            ("date", labels["date"], [date_value] if date_value else []),
            ("place", labels["place"], places if rng.random() > 0.1 else []),
        ]
        if s.organizers:
            entries.append(("organizer", "Organized by", s.organizers))
        entries.append(("source", labels["source"], s.sources))
        entries.append(("field", "Fields of work", s.fields if rng.random() > 0.03 else []))
        if rng.random() < 0.08:
            rng.shuffle(entries)
        mode = weighted(rng, (("lines", 55.0), ("inline", 30.0), ("mixed", 15.0)))
        dash = rng.random() < 0.8
        lines: list[str] = []
        date_index: int | None = None
        for name, label, values in entries:
            prefix = "- " if (dash if rng.random() < 0.9 else not dash) else ""
            inline = mode == "inline" or (mode == "mixed" and rng.random() < 0.5)
            # Inline values of these fields are split at commas, so a name with a comma in
            # it ("Mission of Long Duration in Kosovo, Sandjak and Vojvodina") gets a line.
            split = name in ("source", "organizer", "field")
            comma = split and any("," in v for v in values)
            if values and inline and (len(values) == 1 or split) and not comma:
                if name == "date":
                    date_index = len(lines)
                lines.append(f"{prefix}{label}: {', '.join(values)}")
                continue
            lines.append(f"{prefix}{label}:")
            for value in values:
                if name == "date":
                    date_index = len(lines)
                lines.append(f"- {value}")
        return lines, date_index

    @staticmethod
    def date_value(rng: random.Random, day: dt.date) -> str:
        style = weighted(rng, (("dmy", 93.0), ("dot", 3.0), ("iso", 2.0), ("mdy", 2.0)))
        return format_date(day, style)

    # -- pages -------------------------------------------------------------------------

    def item_page(
        self,
        rng: random.Random,
        s: Story,
        *,
        bad_date: str | None = None,
        bad_in: str = "dateline",
        missing_title: bool = False,
    ) -> ItemPage:
        """The lines of an item page, with the 1-based lines a check needs."""
        nav = self.navigation(rng, s.day.year) if rng.random() < 0.8 else []
        in_dateline = bad_date if bad_in == "dateline" or rng.random() < 0.5 else None
        dateline = self.dateline(rng, s, bad_date=in_dateline)
        if bad_date and bad_in == "date":
            value: str | None = bad_date
        elif dateline.needs_date or rng.random() < 0.6:
            value = self.date_value(rng, s.day)
        else:
            value = None
        paragraphs = self.body(rng, s, dateline.prefix)
        meta, date_index = self.metadata(rng, s, dateline.place_values, value)
        content_type = s.content_type
        if missing_title:
            content_type = pick(rng, ("Press release", "News item", "Statement", None))
        after = content_type is not None and not missing_title and rng.random() < 0.08
        lines = list(nav)
        if content_type and not after:
            lines.append(content_type)
        title_line: int | None = None
        if not missing_title:
            lines.append(s.title)
            title_line = len(lines)
        if content_type and after:
            lines.append(content_type)
        meta_line = len(lines) + 1
        lines += meta
        body_line = len(lines) + 1
        lines += paragraphs
        return ItemPage(
            lines=lines,
            title_line=title_line,
            meta_line=meta_line,
            date_line=meta_line + date_index if date_index is not None else None,
            body_line=body_line,
            content_type=content_type,
            meta=meta,
            paragraphs=paragraphs,
            dateline=dateline.text,
        )

    def listing_page(
        self, rng: random.Random, year: int, *, fault: str | None
    ) -> tuple[list[str], list[Expected], Fault | None, list[tuple[int, str]]]:
        """A listing: 3-8 entries of one year. Returns lines, items, fault, after-close entries."""
        first = dt.date(year, 1, 1).toordinal()
        last = dt.date(year, 12, 31).toordinal()
        count = between(rng, 3, 8)
        bad_entry = rng.randrange(count) if fault else -1
        lines = self.navigation(rng, year) if rng.random() < 0.3 else []
        if rng.random() < 0.1:
            lines.append(pick(rng, ("Newsroom", "Search results", "Latest news", "Press releases")))
        expected: list[Expected] = []
        found: Fault | None = None
        after_close: list[tuple[int, str]] = []
        for position in range(count):
            day = dt.date.fromordinal(between(rng, first, last))
            bad = position == bad_entry
            closed = rng.random() < 0.01
            s = self.story(
                rng,
                day,
                listing=True,
                after_close=closed and not bad,
                invented=bad and fault == "unknown_unit",
            )
            bad_date = impossible_date(rng, year) if bad and fault == "impossible_date" else None
            in_teaser = bad_date is not None and rng.random() < 0.5
            dateline = self.dateline(rng, s, bad_date=bad_date if in_teaser else None, listing=True)
            teaser, _ = self.teaser(rng, s, dateline.prefix)
            lines.append(s.title)
            title_line = len(lines)
            published = bad_date if bad_date and not in_teaser else format_date(day)
            lines.append(f"Publishing date: {published}")
            if s.content_type and rng.random() < 0.85:
                lines.append(f"Content type: {s.content_type}")
            sources = [v for v in s.sources if "," not in v]
            if sources and (rng.random() < 0.85 or s.invented or s.after_close):
                lines.append("Where we are: " + ", ".join(sources))
            if s.fields and rng.random() < 0.8:
                lines.append("What we do: " + ", ".join(s.fields))
            lines.append(teaser)
            if bad_date is not None:
                line = len(lines) if in_teaser else title_line + 1
                where = "teaser dateline" if in_teaser else "Publishing date"
                found = Fault(
                    "",
                    "impossible_date",
                    True,
                    line,
                    f"listing entry {position + 1}, {where}: {bad_date}",
                )
                continue
            if s.invented:
                found = Fault("", "unknown_unit", False, title_line, s.invented)
            if s.after_close:
                after_close.append((title_line, s.unit.key))
            expected.append((title_line, day, s.title, dateline.text))
        if rng.random() < 0.2:
            lines.append(pick(rng, ("Load more", "Page 2 of 14", "1 2 3 4 5 ›", "Next")))
        return lines, expected, found, after_close


# An item the parser should read: title line, publishing date, title, dateline text.
Expected = tuple[int, dt.date, str, str | None]


@dataclass
class ItemPage:
    """An item page's lines and the 1-based lines a check needs (title, metadata, body)."""

    lines: list[str]
    title_line: int | None
    meta_line: int
    date_line: int | None
    body_line: int
    content_type: str | None
    meta: list[str]
    paragraphs: list[str]
    dateline: str | None


def impossible_date(rng: random.Random, year: int) -> str:
    """A day that does not exist (`31 February 2010`), or 29 February of a common year."""
    if rng.random() < 0.2 and year % 4:
        return f"29 February {year}"
    day, month = pick(rng, IMPOSSIBLE_DAYS)
    return f"{day} {MONTHS[month - 1]} {year}"


def html_document(page: ItemPage, title: str) -> str:
    """The same item saved as HTML instead of text (the parser refuses it)."""
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">']
    parts.append(f"<title>{html.escape(title)} | OSCE</title>")
    parts += ["</head>", "<body>", '<main class="news-item">']
    if page.content_type:
        parts.append(f'<p class="content-type">{html.escape(page.content_type)}</p>')
    parts.append(f"<h1>{html.escape(title)}</h1>")
    parts.append('<ul class="metadata">')
    parts += [f"<li>{html.escape(line.removeprefix('- '))}</li>" for line in page.meta]
    parts.append("</ul>")
    parts += [f"<p>{html.escape(paragraph)}</p>" for paragraph in page.paragraphs]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


_TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "…": "..."})


def latin1_bytes(text: str, rng: random.Random) -> bytes:
    """The page as an old editor saved it: Latin-1, so not valid UTF-8.

    A Latin-1 letter followed by an ASCII one is never valid UTF-8; a page without such a
    letter gets a sentence naming someone who has one.
    """
    text = text.translate(_TYPOGRAPHY)
    data = text.encode("latin-1", errors="replace")
    if first_bad_line(data) is None:
        lines = text.rstrip("\n").split("\n")
        lines[-1] += f" The event was opened by {pick(rng, LATIN1_NAMES)}."
        data = ("\n".join(lines) + "\n").encode("latin-1", errors="replace")
    return data


def first_bad_line(data: bytes) -> int | None:
    """The line the parser names for bytes that are not UTF-8."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return data[: error.start].count(b"\n") + 1
    return None


def _prepare(out: Path) -> None:
    """Make `out` ready: new, empty, or a corpus written before (whose pages are replaced).

    Only files this generator writes are removed, so a mistyped --out cannot wipe a folder.
    """
    if not out.exists():
        out.mkdir(parents=True)
        return
    if not out.is_dir():
        raise NotADirectoryError(f"{out} is not a folder")
    entries = sorted(out.iterdir())
    if not entries:
        return
    if not (out / MANIFEST).is_file():
        raise FileExistsError(f"{out} is not empty and holds no generated corpus ({MANIFEST})")
    for entry in entries:
        if entry.is_dir() and _YEAR_DIR.match(entry.name):
            for page in sorted(entry.iterdir()):
                if page.is_file() and _PAGE_NAME.match(page.name):
                    page.unlink()
            if not any(entry.iterdir()):
                entry.rmdir()
        elif entry.name in (MANIFEST, EXPECTED) or _CHUNK.match(entry.name):
            entry.unlink()


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def generate(
    pages: int,
    out: Path,
    seed: int = 42,
    faulty: float = 0.02,
    listing_share: float = 0.1,
    *,
    jobs: int | None = None,
) -> GeneratedCorpus:
    """Write `pages` saved pages under `out/<year>/`, plus manifest.json and expected.jsonl.

    `faulty` is the share of pages with a fault (spread evenly over `FAULT_KINDS`),
    `listing_share` the share of listing pages. The same arguments give the same bytes,
    whatever `jobs` is: pages are shared out by year, and what a page says depends only on
    its own seed and on the pages of its year before it (titles are unique per day).
    `jobs` worker processes write the pages (default: one per CPU, at most 4, for 10,000
    pages or more; one below that, where starting processes costs more than it saves).
    """
    if pages < 0:
        raise ValueError("pages must be 0 or more")
    if not 0 <= faulty <= 1 or not 0 <= listing_share <= 1:
        raise ValueError("faulty and listing_share are shares between 0 and 1")
    out = Path(out)
    _prepare(out)
    if jobs is None:
        jobs = min(4, os.cpu_count() or 1) if pages >= 10_000 else 1
    jobs = max(1, min(jobs, LAST_DAY.year - FIRST_DAY.year + 1))
    years = list(range(FIRST_DAY.year, LAST_DAY.year + 1))
    tasks = [
        _Task(pages, str(out), seed, faulty, listing_share, tuple(years[k::jobs]))
        for k in range(jobs)
    ]
    if jobs == 1:
        parts = [_write_years(tasks[0])]
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(_write_years, tasks))
    with (out / EXPECTED).open("wb") as expected_file:
        for year in years:
            chunk = out / _chunk_name(year)
            if chunk.exists():
                expected_file.write(chunk.read_bytes())
                chunk.unlink()
    counts = {key: sum(part.counts.get(key, 0) for part in parts) for key in _COUNT_KEYS}
    faults = sorted((f for part in parts for f in part.faults), key=lambda f: str(f["page"]))
    after_close = sorted(
        (a for part in parts for a in part.after_close), key=lambda a: str(a["page"])
    )
    by_kind = {kind: sum(1 for f in faults if f["kind"] == kind) for kind in FAULT_KINDS}
    result = GeneratedCorpus(
        out=out,
        pages=pages,
        item_pages=counts["item_pages"],
        listing_pages=counts["listing_pages"],
        items=counts["items"],
        faulty_pages=len(faults),
        faults=by_kind,
        error_pages=sum(1 for f in faults if f["error"]),
        published_after_close=counts["after_close"],
        bytes=counts["bytes"],
    )
    manifest = {
        "generator": "benchmarks/generate.py",
        "arguments": {
            "pages": pages,
            "seed": seed,
            "faulty": faulty,
            "listing_share": listing_share,
        },
        "counts": result.as_json(),
        "faults": faults,
        "published_after_close": after_close,
        "files": {"expected": EXPECTED},
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
    return result


_COUNT_KEYS = ("item_pages", "listing_pages", "items", "after_close", "bytes")


@dataclass(frozen=True)
class _Task:
    """What one worker process writes: every page of some years."""

    pages: int
    out: str
    seed: int
    faulty: float
    listing_share: float
    years: tuple[int, ...]


@dataclass
class _Part:
    """What one worker wrote (the pages themselves are on disk)."""

    counts: dict[str, int]
    faults: list[dict[str, object]]
    after_close: list[dict[str, object]]


def _chunk_name(year: int) -> str:
    return f".expected-{year}.part"


def _plan(task: _Task) -> Iterator[tuple[int, int, dt.date, bool, str | None]]:
    """(index, seed, day, listing?, fault) of every page, the same in every process.

    A page's day and kind come from its seed's bits, so a process skips the pages of other
    years without making a random generator for them.
    """
    master = random.Random(task.seed)
    first, span = FIRST_DAY.toordinal(), LAST_DAY.toordinal() - FIRST_DAY.toordinal() + 1
    faulty_count = min(task.pages, round(task.pages * task.faulty))
    chosen = sorted(master.sample(range(task.pages), faulty_count))
    kinds = [FAULT_KINDS[i % len(FAULT_KINDS)] for i in range(faulty_count)]
    master.shuffle(kinds)
    fault_at = dict(zip(chosen, kinds, strict=True))
    for index in range(task.pages):
        seed = master.getrandbits(64)
        day = dt.date.fromordinal(first + seed % span)
        fault = fault_at.get(index)
        listing = (seed >> 24) % 1_000_000 < task.listing_share * 1_000_000 and fault in (
            None,
            "impossible_date",
            "unknown_unit",
        )
        yield index, seed, day, listing, fault


def _write_years(task: _Task) -> _Part:
    """Write the pages of `task.years` and their lines of expected.jsonl (one chunk a year)."""
    out = Path(task.out)
    corpus = _Corpus(load_world(), task.seed)
    counts = dict.fromkeys(_COUNT_KEYS, 0)
    part = _Part(counts, [], [])
    wanted = frozenset(task.years)
    chunks: dict[int, IO[bytes]] = {}
    writer = _Writer()
    try:
        for index, seed, day, listing, fault in _plan(task):
            if day.year not in wanted:
                continue
            rng = random.Random(seed)
            expected: list[Expected] = []
            found: Fault | None = None
            folder = out / str(day.year)
            if day.year not in chunks:
                folder.mkdir(exist_ok=True)
                chunks[day.year] = (out / _chunk_name(day.year)).open("wb")
            if listing:
                lines, expected, found, closed = corpus.listing_page(rng, day.year, fault=fault)
                data = ("\n".join(lines) + "\n").encode("utf-8")
                name = f"{index:06d}_listing-{slug(pick(rng, corpus.field_keys), 24)}.txt"
                counts["listing_pages"] += 1
                for line, unit in closed:
                    part.after_close.append(
                        {"page": f"{day.year}/{name}", "line": line, "unit": unit}
                    )
                    counts["after_close"] += 1
            else:
                data, name, expected, found, closed_item = _item(corpus, rng, day, index, fault)
                counts["item_pages"] += 1
                if closed_item is not None:
                    line, unit = closed_item
                    part.after_close.append(
                        {"page": f"{day.year}/{name}", "line": line, "unit": unit}
                    )
                    counts["after_close"] += 1
            writer.write(f"{folder}/{name}", data)
            page = f"{day.year}/{name}"
            counts["bytes"] += len(data)
            counts["items"] += len(expected)
            record: dict[str, object] = {
                "page": page,
                "kind": "listing" if listing else "item",
                "items": [
                    [line, when.isoformat(), title, text] for line, when, title, text in expected
                ],
            }
            if found is not None:
                found.page = page
                part.faults.append(found.as_json())
                record["fault"] = found.kind
            chunks[day.year].write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    finally:
        writer.close()
        for chunk in chunks.values():
            chunk.close()
    return part


class _Writer:
    """Writes files on background threads while the caller makes the next pages.

    Creating a file costs the file system more than making its text costs Python (about
    0.2 ms against 0.3 ms here), and the threads wait on the disk without the GIL, so the
    two overlap. The queue is short: at most a few hundred pages are held in memory.
    """

    def __init__(self, threads: int = 2) -> None:
        self._queue: queue.Queue[tuple[str, bytes] | None] = queue.Queue(maxsize=256)
        self._errors: list[BaseException] = []
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]
        for thread in self._threads:
            thread.start()

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                with open(job[0], "wb") as handle:  # noqa: PTH123 (a str path is faster)
                    handle.write(job[1])
            except BaseException as error:  # handed to the caller by close()
                self._errors.append(error)

    def write(self, path: str, data: bytes) -> None:
        if self._errors:
            raise self._errors[0]
        self._queue.put((path, data))

    def close(self) -> None:
        """Wait for every file to be written; raise the first error a thread met."""
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()
        if self._errors:
            raise self._errors[0]


def _item(
    corpus: _Corpus, rng: random.Random, day: dt.date, index: int, fault: str | None
) -> tuple[bytes, str, list[Expected], Fault | None, tuple[int, str] | None]:
    """One item page, faulty or not: (bytes, file name, items, fault, after-close record)."""
    closed = rng.random() < 0.01 and fault is None
    s = corpus.story(rng, day, after_close=closed, invented=fault == "unknown_unit")
    name = f"{index:06d}_{slug(s.content_type or 'item', 16)}-{slug(s.places[0].name, 20)}.txt"
    bad_date = impossible_date(rng, day.year) if fault == "impossible_date" else None
    bad_in = "date" if rng.random() < 0.5 else "dateline"
    page = corpus.item_page(
        rng, s, bad_date=bad_date, bad_in=bad_in, missing_title=fault == "missing_title"
    )
    text = "\n".join(page.lines) + "\n"
    data = text.encode("utf-8")
    items: list[Expected] = [(page.title_line or 0, day, s.title, page.dateline)]
    found: Fault | None = None
    if fault == "impossible_date" and bad_date is not None:
        line = page.date_line if bad_in == "date" else page.body_line
        where = "Date field" if bad_in == "date" else "dateline"
        found = Fault("", fault, True, line, f"{where}: {bad_date}")
    elif fault == "missing_title":
        found = Fault("", fault, True, page.meta_line, "no title line before the metadata block")
    elif fault == "empty":
        data = pick(rng, (b"", b"\n", b"  \n\n", b"\r\n"))
        found = Fault("", fault, True, 1, "empty file")
    elif fault == "latin1":
        data = latin1_bytes(text, rng)
        found = Fault("", fault, True, first_bad_line(data), "saved as Latin-1, not UTF-8")
    elif fault == "html":
        document = html_document(page, s.title)
        if rng.random() < 0.3:
            document = document.replace("<!DOCTYPE html>\n", "\n" if rng.random() < 0.5 else "", 1)
        data = document.encode("utf-8")
        found = Fault(
            "", fault, True, document[: document.find("<")].count("\n") + 1, "an HTML document"
        )
    elif fault == "unknown_unit":
        found = Fault("", fault, False, page.title_line, s.invented or "")
    if found is not None and found.error:
        items = []
    record = (
        (page.title_line or 0, s.unit.key)
        if s.after_close and not (found and found.error)
        else None
    )
    return data, name, items, found, record


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: write a corpus and print what was written and how long it took."""
    parser = argparse.ArgumentParser(
        prog="generate.py",
        description="Write a synthetic corpus of saved OSCE pages for benchmarks.",
    )
    parser.add_argument("--pages", type=int, required=True, help="number of pages to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default: 42)")
    parser.add_argument(
        "--faulty", type=float, default=0.02, help="share of faulty pages (default: 0.02)"
    )
    parser.add_argument(
        "--listing-share", type=float, default=0.1, help="share of listing pages (default: 0.1)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="worker processes (default: one per CPU, at most 4, from 10,000 pages on)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        result = generate(
            args.pages, args.out, args.seed, args.faulty, args.listing_share, jobs=args.jobs
        )
    except (ValueError, OSError) as error:
        print(f"generate.py: error: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    faults = ", ".join(f"{kind} {count}" for kind, count in result.faults.items())
    print(
        f"wrote {result.pages} pages ({result.item_pages} item pages, "
        f"{result.listing_pages} listing pages, {result.items} items, "
        f"{result.bytes / 1e6:.1f} MB) to {result.out} in {seconds:.1f} s"
    )
    print(
        f"faulty pages: {result.faulty_pages} ({faults}); "
        f"after close: {result.published_after_close}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
