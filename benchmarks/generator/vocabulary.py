"""The generator's words, read from the TOML files in `vocabulary/` when first imported.

What the reference data (data/reference/) says is read from there (see `reference`); these
files hold the rest: names of invented people, sentence templates and the words that fill
them, what the reference data does not record (towns, former names with their years), and
the weights of the corpus mix. A change to the corpus's wording is a change to a word list,
not to the code. Every value is checked for its type here, so a mistyped file fails with its
name and key, not deep inside a page.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent / "vocabulary"

Weights = tuple[tuple[str, float], ...]


class _File:
    """One vocabulary file, with typed accessors that name the file and key of a bad value."""

    def __init__(self, name: str) -> None:
        self.path = FOLDER / name
        with self.path.open("rb") as handle:
            self.data = tomllib.load(handle)

    def get(self, path: str, kind: type | tuple[type, ...] = object, default: Any = ...) -> Any:
        value: Any = self.data
        for part in path.split("."):
            if isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            elif isinstance(value, dict) and part in value:
                value = value[part]
            elif default is not ...:
                return default
            else:
                raise ValueError(f"{self.path}: no `{path}`")
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ValueError(f"{self.path}: `{path}` is not {kind}")
        return value

    def keys(self, path: str) -> tuple[str, ...]:
        return tuple(self.get(path, dict))

    def strings(self, path: str) -> tuple[str, ...]:
        return tuple(self.get(f"{path}.{i}", str) for i in range(len(self.get(path, list))))

    def lists(self, path: str) -> dict[str, tuple[str, ...]]:
        return {key: self.strings(f"{path}.{key}") for key in self.keys(path)}

    def texts(self, path: str) -> dict[str, str]:
        return {key: self.get(f"{path}.{key}", str) for key in self.keys(path)}

    def years(self, path: str) -> dict[str, int]:
        return {key: self.get(f"{path}.{key}", int) for key in self.keys(path)}

    def weights(self, path: str) -> Weights:
        return tuple((key, self.get(f"{path}.{key}", (int, float))) for key in self.keys(path))

    def row(self, path: str, *kinds: type) -> tuple[Any, ...]:
        """A list of fixed length and types (`[first year, last year, name]`, ...)."""
        if len(self.get(path, list)) != len(kinds):
            raise ValueError(f"{self.path}: `{path}` does not have {len(kinds)} values")
        return tuple(self.get(f"{path}.{i}", kind) for i, kind in enumerate(kinds))

    def rows(self, path: str, *kinds: type) -> tuple[tuple[Any, ...], ...]:
        return tuple(self.row(f"{path}.{i}", *kinds) for i in range(len(self.get(path, list))))


@dataclass(frozen=True)
class Topic:
    """Phrases about one field of work (see topics.toml)."""

    subjects: tuple[str, ...]
    short: tuple[str, ...]
    aims: tuple[str, ...]
    groups: tuple[str, ...]
    counterparts: tuple[str, ...]
    officials: tuple[str, ...]
    concerns: tuple[str, ...]
    welcomes: tuple[str, ...]
    quotes: tuple[str, ...]
    details: tuple[str, ...]
    staff: str


@dataclass(frozen=True)
class FormerName:
    """A name the site used for a State before renaming it (see world.toml)."""

    name: str
    text: int  # the last year running text used it
    menu: int  # the last year the navigation menu used it
    menu_after: str | None  # the menu lists it after this State, not in its place


@dataclass(frozen=True)
class Voice:
    """Who speaks for a unit (see people.toml)."""

    post: str
    holder: str
    term: int
    honorific: str
    post_first: bool
    from_chair: bool
    roll_below: float


def _topic(file: _File, path: str) -> Topic:
    lists = {name: file.strings(f"{path}.{name}") for name in file.keys(path) if name != "staff"}
    return Topic(**lists, staff=file.get(f"{path}.staff", str))


def _former_name(file: _File, path: str) -> FormerName:
    return FormerName(
        file.get(f"{path}.name", str),
        file.get(f"{path}.text", int),
        file.get(f"{path}.menu", int),
        file.get(f"{path}.menu_after", str, None),
    )


def _voices(file: _File) -> dict[str, tuple[Voice, ...]]:
    found: dict[str, list[Voice]] = {}
    for i in range(len(file.get("voice", list))):
        path = f"voice.{i}"
        voice = Voice(
            post=file.get(f"{path}.post", str),
            holder=file.get(f"{path}.holder", str, ""),
            term=file.get(f"{path}.term", int, 4),
            honorific=file.get(f"{path}.honorific", str, ""),
            post_first=file.get(f"{path}.post_first", bool, False),
            from_chair=file.get(f"{path}.from_chair", bool, False),
            roll_below=file.get(f"{path}.roll_below", float, 1.0),
        )
        for name in file.strings(f"{path}.speaks_for"):
            found.setdefault(name, []).append(voice)
    return {name: tuple(voices) for name, voices in found.items()}


_language = _File("language.toml")
MONTHS = _language.strings("months")
MONTHS_IN = _language.lists("months_in")
WEEKDAYS = _language.strings("weekdays")
NUMBERS = _language.strings("numbers")
TENS = _language.strings("tens")
ORDINALS = _language.strings("ordinals")

_people = _File("people.toml")
LATIN1_NAMES = _people.strings("latin1_names")
INTERNATIONAL_REGIONS = _people.weights("international")
NAMES = {  # region: (male first names, female first names, surnames)
    region: tuple(
        _people.strings(f"region.{region}.{key}") for key in ("male", "female", "surnames")
    )
    for region in _people.keys("region")
}
REGION_NAMES = {region: _people.get(f"region.{region}.label", str) for region in NAMES}
REGION_OF = {
    iso2: region for region in NAMES for iso2 in _people.strings(f"region.{region}.states")
}
VOICES = _voices(_people)

_topics = _File("topics.toml")
TOPICS = {key: _topic(_topics, f"field.{key}") for key in _topics.keys("field")}
GENERIC_TOPIC = _topic(_topics, "generic")

_sentences = _File("sentences.toml")
SENTENCES = {
    key: _sentences.strings(key)
    for key in _sentences.data
    if key not in ("leads", "titles", "salutation")
}
SALUTATION = _sentences.get("salutation", str)
LEADS = _sentences.lists("leads")
TITLES = _sentences.lists("titles")

_monitoring = _File("monitoring.toml")
MONITORING = {key: _monitoring.strings(key) for key in _monitoring.data}

_words = _File("words.toml")
WORDS = {
    key: _words.strings(key) for key in _words.data if key not in ("events", "durations", "numbers")
}
EVENTS = _words.weights("events")
DURATIONS = _words.weights("durations")
NUMBER_RANGES: dict[str, tuple[int, int, int]] = {  # (low, high, step)
    key: _words.row(f"numbers.{key}", int, int, int) for key in _words.keys("numbers")
}

_world = _File("world.toml")
SECOND_PLACES = _world.strings("second_places")
FUNDING_PARTNERS = _world.strings("funding_partners")
ARTICLE_NAMES = frozenset(_world.strings("article_names"))
RUSSIAN_DATES = _world.strings("russian_dates")
OUTSIDE_BODIES: tuple[tuple[str, str], ...] = _world.rows("outside_bodies", str, str)
SHORT_FORMS: tuple[tuple[str, str], ...] = _world.rows("short_forms", str, str)
INVENTED_UNITS = _world.strings("invented_units")
INVENTED_TOWNS = _world.texts("invented_towns")  # town: ISO code of its State
TOWNS = _world.lists("towns")
PLACE_NAMES = {language: _world.texts(f"place_names.{language}") for language in ("ro", "fr", "ru")}
FORMER_STATE_NAMES = {
    iso2: _former_name(_world, f"former_state_names.{iso2}")
    for iso2 in _world.keys("former_state_names")
}
FIELD_SINCE = _world.years("field_since")
UNIT_FIELDS = _world.lists("unit_fields")
ERA_NAMES: dict[str, tuple[tuple[int, int, str], ...]] = {
    key: _world.rows(f"era_names.{key}", int, int, str) for key in _world.keys("era_names")
}

_corpus = _File("corpus.toml")
NO_CONTENT_TYPE_WEIGHT = float(_corpus.get("without_content_type", (int, float)))
UNIT_WEIGHTS = dict(_corpus.weights("unit_kinds"))
CONTENT_TYPE_WEIGHTS = dict(_corpus.weights("content_types"))
LISTING_CONTENT_TYPES = _corpus.weights("listing_content_types")
STORY_KINDS = {kind: _corpus.weights(f"story_kinds.{kind}") for kind in _corpus.keys("story_kinds")}
DATELINE_FORMS = _corpus.weights("dateline_forms")
LISTING_FORMS = _corpus.weights("listing_forms")
SEPARATORS = {era: _corpus.weights(f"separators.{era}") for era in _corpus.keys("separators")}
PARAGRAPHS = _corpus.weights("paragraphs")
METADATA_LAYOUTS = _corpus.weights("metadata_layouts")
DATE_STYLES = _corpus.weights("date_styles")

_pages = _File("pages.toml")
MENU = _pages.strings("menu")
MENU_SECRETARIAT = _pages.strings("secretariat")
MENU_CLOSED_FIELD_OPERATIONS = _pages.strings("closed_field_operations")
MENU_SINCE = _pages.years("since")
LISTING_HEADERS = _pages.strings("listing_headers")
LISTING_FOOTERS = _pages.strings("listing_footers")
UNTITLED_CONTENT_TYPES = _pages.strings("untitled_content_types")
