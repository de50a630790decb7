"""The generator's words, read from the TOML files in `vocabulary/` when first imported.

What the reference data (data/reference/) says is read from there (see `reference`); these
files hold the rest: names of invented people, sentence templates and the words that fill
them, what the reference data does not record (towns, former names with their years), and
the weights of the corpus mix. A change to the corpus's wording is a change to a word list,
not to the code. Every value is checked for its type here, so a mistyped file fails with its
name and key, not deep inside a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.generator import tables

FOLDER = Path(__file__).resolve().parent / "vocabulary"
Weights = tables.Weights


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
    menu_after: str | None = None  # the menu lists it after this State, not in its place


@dataclass(frozen=True)
class Voice:
    """Who speaks for a unit (see people.toml)."""

    post: str
    holder: str = ""
    term: int = 4
    honorific: str = ""
    post_first: bool = False
    from_chair: bool = False
    roll_below: float = 1.0


def _file(name: str) -> tables.TomlFile:
    return tables.TomlFile(FOLDER / name)


def _voices(file: tables.TomlFile) -> dict[str, tuple[Voice, ...]]:
    """The voices of each unit key or kind, in file order."""
    found: dict[str, list[Voice]] = {}
    for i in range(file.count("voice")):
        for name in file.strings(f"voice.{i}.speaks_for"):
            found.setdefault(name, []).append(file.record(Voice, f"voice.{i}"))
    return {name: tuple(voices) for name, voices in found.items()}


_language = _file("language.toml")
MONTHS = _language.strings("months")
MONTHS_IN = _language.lists("months_in")
WEEKDAYS = _language.strings("weekdays")
NUMBERS = _language.strings("numbers")
TENS = _language.strings("tens")
ORDINALS = _language.strings("ordinals")

_people = _file("people.toml")
LATIN1_NAMES = _people.strings("latin1_names")
INTERNATIONAL_REGIONS = _people.weights("international")
NAMES = {region: _people.lists(f"region.{region}") for region in _people.keys("region")}
REGION_NAMES = {region: _people.get(f"region.{region}.label", str) for region in NAMES}
REGION_OF = {iso2: region for region, names in NAMES.items() for iso2 in names["states"]}
VOICES = _voices(_people)

_topics = _file("topics.toml")
TOPICS = {key: _topics.record(Topic, f"field.{key}") for key in _topics.keys("field")}
GENERIC_TOPIC = _topics.record(Topic, "generic")

_sentences = _file("sentences.toml")
SENTENCES = _sentences.lists()
SALUTATION = _sentences.get("salutation", str)
LEADS = _sentences.lists("leads")
TITLES = _sentences.lists("titles")

_monitoring = _file("monitoring.toml")
MONITORING = _monitoring.lists()
MONITORING_NUMBERS = _monitoring.ranges("numbers")

_words = _file("words.toml")
WORDS = _words.lists()
EVENTS = _words.weights("events")
DURATIONS = _words.weights("durations")
NUMBER_RANGES = _words.ranges("numbers")

_world = _file("world.toml")
SECOND_PLACES = _world.strings("second_places")
FUNDING_PARTNERS = _world.strings("funding_partners")
ARTICLE_NAMES = frozenset(_world.strings("article_names"))
RUSSIAN_DATES = _world.strings("russian_dates")
OUTSIDE_BODIES: tuple[tuple[str, str], ...] = _world.rows("outside_bodies", str, str)
SHORT_FORMS: tuple[tuple[str, str], ...] = _world.rows("short_forms", str, str)
INVENTED_UNITS = _world.strings("invented_units")
INVENTED_TOWNS: dict[str, str] = _world.table("invented_towns", str)  # town: ISO code of its State
TOWNS = _world.lists("towns")
PLACE_NAMES: dict[str, dict[str, str]] = {
    language: _world.table(f"place_names.{language}", str) for language in ("ro", "fr", "ru")
}
FORMER_STATE_NAMES = {
    iso2: _world.record(FormerName, f"former_state_names.{iso2}")
    for iso2 in _world.keys("former_state_names")
}
FIELD_SINCE: dict[str, int] = _world.table("field_since", int)
UNIT_FIELDS = _world.lists("unit_fields")
ERA_NAMES: dict[str, tuple[tuple[int, int, str], ...]] = {
    key: _world.rows(f"era_names.{key}", int, int, str) for key in _world.keys("era_names")
}

_corpus = _file("corpus.toml")
NO_CONTENT_TYPE_WEIGHT = float(_corpus.get("without_content_type", (int, float)))
UNIT_WEIGHTS = dict(_corpus.weights("unit_kinds"))
CONTENT_TYPE_WEIGHTS = dict(_corpus.weights("content_types"))
LISTING_CONTENT_TYPES = _corpus.weights("listing_content_types")
STORY_KINDS = {kind: _corpus.weights(f"story_kinds.{kind}") for kind in _corpus.keys("story_kinds")}
DATELINE_FORMS = _corpus.weights("dateline_forms")
LISTING_FORMS = _corpus.weights("listing_forms")
DATE_FORMATS: dict[str, str] = _corpus.table("date_formats", str)
DATELINE_TEXTS: dict[str, str] = _corpus.table("dateline_texts", str)
SEPARATORS = {era: _corpus.weights(f"separators.{era}") for era in _corpus.keys("separators")}
PARAGRAPHS = _corpus.weights("paragraphs")
METADATA_LAYOUTS = _corpus.weights("metadata_layouts")
DATE_STYLES = _corpus.weights("date_styles")
LAZY_VALUES = _corpus.lists("lazy_values")

_pages = _file("pages.toml")
MENU = _pages.strings("menu")
MENU_SECRETARIAT = _pages.strings("secretariat")
MENU_CLOSED_FIELD_OPERATIONS = _pages.strings("closed_field_operations")
MENU_SINCE: dict[str, int] = _pages.table("since", int)
LISTING_HEADERS = _pages.strings("listing_headers")
LISTING_FOOTERS = _pages.strings("listing_footers")
UNTITLED_CONTENT_TYPES = _pages.strings("untitled_content_types")
HTML_PAGE: str = _pages.get("html_page", str)
