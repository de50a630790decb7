"""The generator's words, read from the TOML files in `vocabulary/` when first imported.

What the reference data (data/reference/) says is read from there (see `reference`); these
files hold the rest: names of invented people, sentence templates, words that fill them, and
the weights of the corpus mix. They are data, so that the code stays small and a change to
the corpus's wording is a change to a word list, not to the generator. Every value is checked
for its type here, so a mistyped file fails with its name and key, not deep in a page.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent / "vocabulary"

Weights = tuple[tuple[str, float], ...]


class _File:
    """One vocabulary file, with typed accessors that name the file and key on a bad value."""

    def __init__(self, name: str) -> None:
        self.name = name
        with (FOLDER / name).open("rb") as handle:
            self.data = tomllib.load(handle)

    def get(self, path: str) -> Any:
        value: Any = self.data
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                raise ValueError(f"{FOLDER / self.name}: no `{path}`")
            value = value[part]
        return value

    def fail(self, path: str, expected: str) -> ValueError:
        return ValueError(f"{FOLDER / self.name}: `{path}` is not {expected}")

    def strings(self, path: str) -> tuple[str, ...]:
        value = self.get(path)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(path, "a list of strings")
        return tuple(value)

    def keys(self, path: str) -> tuple[str, ...]:
        value = self.get(path)
        if not isinstance(value, dict):
            raise self.fail(path, "a table")
        return tuple(value)

    def text(self, path: str) -> str:
        value = self.get(path)
        if not isinstance(value, str):
            raise self.fail(path, "a string")
        return value

    def number(self, path: str) -> float:
        value = self.get(path)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise self.fail(path, "a number")
        return value

    def year(self, path: str) -> int:
        value = self.get(path)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(path, "a year")
        return value

    def years(self, path: str) -> dict[str, int]:
        return {key: self.year(f"{path}.{key}") for key in self.keys(path)}

    def texts(self, path: str) -> dict[str, str]:
        return {key: self.text(f"{path}.{key}") for key in self.keys(path)}

    def lists(self, path: str) -> dict[str, tuple[str, ...]]:
        return {key: self.strings(f"{path}.{key}") for key in self.keys(path)}

    def weights(self, path: str) -> Weights:
        return tuple((key, self.number(f"{path}.{key}")) for key in self.keys(path))

    def pairs(self, path: str) -> tuple[tuple[str, str], ...]:
        value = self.get(path)
        if not isinstance(value, list) or not all(
            isinstance(v, list) and len(v) == 2 and all(isinstance(s, str) for s in v)
            for v in value
        ):
            raise self.fail(path, "a list of [string, string] pairs")
        return tuple((first, second) for first, second in value)


@dataclass(frozen=True)
class Topic:
    """Phrases about one field of work; `{placeholders}` are filled from the story."""

    subjects: tuple[str, ...]  # "a workshop on {subject}"
    short: tuple[str, ...]  # in titles
    aims: tuple[str, ...]  # "to {aim}"
    groups: tuple[str, ...]  # participants
    counterparts: tuple[str, ...]  # national institutions, "the ... of {country}"
    officials: tuple[str, ...]  # posts of national officials, "... of {country}"
    concerns: tuple[str, ...]  # "expressed concern about {concern}"
    welcomes: tuple[str, ...]  # "welcomed {welcome}"
    quotes: tuple[str, ...]
    details: tuple[str, ...]
    staff: str  # "{staff} Officer at the OSCE Mission to ..."


@dataclass(frozen=True)
class FormerName:
    """A name the site used for a State before renaming it (see world.toml)."""

    name: str
    text: int  # the last year running text used it
    menu: int  # the last year the navigation menu used it
    menu_after: str | None = None  # the menu lists it after this State, not in its place


def _former_name(file: _File, path: str) -> FormerName:
    after = file.text(f"{path}.menu_after") if "menu_after" in file.keys(path) else None
    return FormerName(
        file.text(f"{path}.name"), file.year(f"{path}.text"), file.year(f"{path}.menu"), after
    )


def _topic(file: _File, path: str) -> Topic:
    lists = {name: file.strings(f"{path}.{name}") for name in file.keys(path) if name != "staff"}
    return Topic(**lists, staff=file.text(f"{path}.staff"))


def _era_names(file: _File, path: str) -> dict[str, tuple[tuple[int, int, str], ...]]:
    found: dict[str, tuple[tuple[int, int, str], ...]] = {}
    for key in file.keys(path):
        eras = file.get(f"{path}.{key}")
        if not isinstance(eras, list) or not all(
            isinstance(e, list)
            and len(e) == 3
            and isinstance(e[0], int)
            and isinstance(e[1], int)
            and isinstance(e[2], str)
            for e in eras
        ):
            raise file.fail(f"{path}.{key}", "a list of [first year, last year, name]")
        found[key] = tuple((first, last, name) for first, last, name in eras)
    return found


_language = _File("language.toml")
MONTHS = _language.strings("months")
WEEKDAYS = _language.strings("weekdays")
NUMBERS = _language.strings("numbers")
TENS = _language.strings("tens")
ORDINALS = _language.strings("ordinals")
MONTHS_IN = _language.lists("months_in")

_people = _File("people.toml")
LATIN1_NAMES = _people.strings("latin1_names")
INTERNATIONAL_REGIONS = _people.weights("international")
NAMES = {
    region: (
        _people.strings(f"region.{region}.male"),
        _people.strings(f"region.{region}.female"),
        _people.strings(f"region.{region}.surnames"),
    )
    for region in _people.keys("region")
}
REGION_NAMES = {region: _people.text(f"region.{region}.label") for region in NAMES}
REGION_OF = {
    iso2: region for region in NAMES for iso2 in _people.strings(f"region.{region}.states")
}

_topics = _File("topics.toml")
TOPICS = {key: _topic(_topics, f"field.{key}") for key in _topics.keys("field")}
GENERIC_TOPIC = _topic(_topics, "generic")

_sentences = _File("sentences.toml")
DETAILS = _sentences.strings("details")
GENERAL_DETAILS = _sentences.strings("general_details")
FIRST_PERSON = _sentences.strings("first_person")
FIRST_PERSON_CLOSING = _sentences.strings("first_person_closing")
BACKGROUND = _sentences.strings("background")
FUNDING = _sentences.strings("funding")
CLOSING = _sentences.strings("closing")
CLOSING_GENERAL = _sentences.strings("closing_general")
CLOSING_FIELD_OPERATION = _sentences.strings("closing_field_operation")
QUOTES = _sentences.strings("quotes")
OFFICIAL_QUOTES = _sentences.strings("official_quotes")
EXPERT_QUOTES = _sentences.strings("expert_quotes")
INDIRECT = _sentences.strings("indirect")
TITLE_SUFFIXES = _sentences.strings("title_suffixes")
LEADS = _sentences.lists("leads")
TITLES = _sentences.lists("titles")

_monitoring = _File("monitoring.toml")
SMM_PLACES = _monitoring.strings("places")
SMM_WEAPONS = _monitoring.strings("weapons")
SMM_DIRECTIONS = _monitoring.strings("directions")
DAILY = _monitoring.strings("daily")
SPOT = _monitoring.strings("spot")
SPOT_TITLES = _monitoring.strings("spot_titles")

_words = _File("words.toml")
PUBLICATIONS = _words.strings("publications")
EQUIPMENT = _words.strings("equipment")
PROFESSIONS = _words.strings("professions")
MINORITIES = _words.strings("minorities")
FEATURE_ROLES = _words.strings("feature_roles")
FUNDED = _words.strings("funded")
SUPPORTED = _words.strings("supported")
EVENTS = _words.weights("events")
DURATIONS = _words.weights("durations")

_world = _File("world.toml")
SECOND_PLACES = _world.strings("second_places")
ARTICLE_NAMES = frozenset(_world.strings("article_names"))
OUTSIDE_BODIES = _world.pairs("outside_bodies")
SHORT_FORMS = _world.pairs("short_forms")
INVENTED_UNITS = _world.strings("invented_units")
INVENTED_TOWN_COUNTRY = _world.texts("invented_towns")
INVENTED_TOWNS = tuple(INVENTED_TOWN_COUNTRY)
TOWNS = _world.lists("towns")
PLACE_NAMES = {language: _world.texts(f"place_names.{language}") for language in ("ro", "fr", "ru")}
FIELD_SINCE = _world.years("field_since")
FUNDING_PARTNERS = _world.strings("funding_partners")
FORMER_STATE_NAMES = {
    iso2: _former_name(_world, f"former_state_names.{iso2}")
    for iso2 in _world.keys("former_state_names")
}
UNIT_FIELDS = _world.lists("unit_fields")
ERA_NAMES = _era_names(_world, "era_names")

_corpus = _File("corpus.toml")
NO_CONTENT_TYPE_WEIGHT = _corpus.number("without_content_type")
UNIT_WEIGHTS = dict(_corpus.weights("unit_kinds"))
CONTENT_TYPE_WEIGHTS = dict(_corpus.weights("content_types"))
LISTING_CONTENT_TYPES = _corpus.weights("listing_content_types")
STORY_KINDS = {kind: _corpus.weights(f"story_kinds.{kind}") for kind in _corpus.keys("story_kinds")}
DATELINE_FORMS = _corpus.weights("dateline_forms")
LISTING_FORMS = _corpus.weights("listing_forms")

_navigation = _File("navigation.toml")
MENU = _navigation.strings("menu")
MENU_SECRETARIAT = _navigation.strings("secretariat")
MENU_CLOSED_FIELD_OPERATIONS = _navigation.strings("closed_field_operations")
MENU_SINCE = _navigation.years("since")
