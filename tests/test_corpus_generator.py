"""The benchmark corpus is a function of its arguments: the same seed gives the same bytes.

Benchmarks compare runs, and the conformance suite builds a generated corpus, so a change to
the generator that changes its pages must be deliberate. A small corpus is pinned by the
sha256 of every file it writes (`tests/golden/corpus-seed7.sha256`, in `sha256sum` format).
After an intended change, regenerate it and review what changed:

    make golden     # or: pytest -m golden --regenerate-golden
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.generate import FAULT_KINDS, generate, main
from benchmarks.generator import vocabulary as vocab
from benchmarks.generator.pages import PageWriter
from benchmarks.generator.reference import REFERENCE_DIR, load_world
from benchmarks.generator.stories import Newsroom
from benchmarks.generator.tables import TomlFile

from .conftest import GOLDEN, Golden

PINNED = GOLDEN / "corpus-seed7.sha256"
# Small, but with every kind of fault, listing pages and items published after a closing.
PAGES, SEED, FAULTY, LISTING_SHARE = 150, 7, 0.1, 0.2


def digests(folder: Path) -> str:
    """Every file under `folder` with its sha256, one line each, sorted by path."""
    return "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}\n"
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def pinned_corpus(out: Path, jobs: int = 1) -> str:
    generate(PAGES, out, SEED, FAULTY, LISTING_SHARE, jobs=jobs)
    return digests(out)


@pytest.mark.golden
def test_corpus_for_a_seed_is_byte_identical_to_the_pinned_one(
    tmp_path: Path, golden: Golden
) -> None:
    golden.check(PINNED.name, pinned_corpus(tmp_path / "corpus").encode("utf-8"))


def test_pinned_corpus_has_every_kind_of_page(tmp_path: Path) -> None:
    """The pin covers what the generator can write, not only plain item pages."""
    result = generate(PAGES, tmp_path, SEED, FAULTY, LISTING_SHARE)
    assert result.listing_pages > 0
    assert result.published_after_close > 0
    assert all(result.faults[kind] > 0 for kind in FAULT_KINDS)


def test_worker_processes_write_the_same_bytes(tmp_path: Path) -> None:
    assert pinned_corpus(tmp_path / "two", jobs=2) == pinned_corpus(tmp_path / "one")


def test_command_line_writes_the_same_corpus(tmp_path: Path) -> None:
    args = ["--pages", str(PAGES), "--seed", str(SEED), "--faulty", str(FAULTY)]
    assert main([*args, "--listing-share", str(LISTING_SHARE), "--out", str(tmp_path)]) == 0
    assert digests(tmp_path) == PINNED.read_text(encoding="utf-8")


def test_regenerating_into_a_generated_corpus_replaces_it(tmp_path: Path) -> None:
    generate(40, tmp_path, seed=1, faulty=0.5, listing_share=0.5)
    assert pinned_corpus(tmp_path) == PINNED.read_text(encoding="utf-8")


def reference(name: str, table: str) -> list[dict[str, object]]:
    with (REFERENCE_DIR / name).open("rb") as handle:
        entries: list[dict[str, object]] = tomllib.load(handle)[table]
    return entries


def test_menu_lists_are_the_reference_data_in_its_order() -> None:
    """The States, fields and meeting types of the menu are read, not typed a second time."""
    menu = PageWriter(Newsroom(load_world(), 1)).menu(2025)
    states = menu[menu.index("Participating States") + 1 :]
    states = [line.removeprefix("- ") for line in states[: states.index("-")][:-2]]
    participating = [
        c for c in reference("countries.toml", "country") if c["group"] == "participating"
    ]
    chairs = reference("chairpersonships.toml", "chairpersonship")
    chair = next(c["state"] for c in chairs if c["year"] == 2025)
    suffix = " – OSCE Chairpersonship 2025"
    assert states == [f"{c['name']}{suffix if c['iso2'] == chair else ''}" for c in participating]
    fields = sorted(reference("concepts.toml", "field"), key=lambda f: str(f["key"]))
    start = menu.index("Fields of work") + 1
    assert menu[start : start + len(fields)] == [f"- {f['label']}" for f in fields]
    meetings = [f"- {m['label']}" for m in reference("concepts.toml", "meeting_type")]
    start = menu.index("Meetings and conferences") + 1
    assert menu[start : start + len(meetings)] == meetings


def test_vocabulary_names_only_what_the_reference_data_has() -> None:
    """A key renamed in data/reference/ must be renamed in the vocabulary too."""
    world = load_world()
    units, kinds = set(world.unit_by_key), {unit.kind for unit in world.units}
    fields = {concept.key for concept in world.fields}
    states = {country.iso2 for country in world.countries}
    places = {place.key for place in world.places}
    assert set(vocab.TOPICS) == fields
    assert set(vocab.FIELD_SINCE) <= fields
    assert all(set(keys) <= fields for keys in vocab.UNIT_FIELDS.values())
    assert set(vocab.UNIT_FIELDS) | set(vocab.ERA_NAMES) | set(vocab.MENU_SINCE) <= units
    assert set(vocab.MENU_SECRETARIAT) | set(vocab.MENU_CLOSED_FIELD_OPERATIONS) <= units
    assert set(vocab.VOICES) <= units | kinds
    assert set(vocab.UNIT_WEIGHTS) == kinds
    assert set(vocab.CONTENT_TYPE_WEIGHTS) <= set(world.content_types)
    assert set(vocab.REGION_OF) == {c.iso2 for c in world.countries if c.group == "participating"}
    assert set(vocab.FORMER_STATE_NAMES) | set(vocab.TOWNS) | set(vocab.FUNDING_PARTNERS) <= states
    assert set(vocab.INVENTED_TOWNS.values()) | set(vocab.RUSSIAN_DATES) <= states
    assert (
        set(vocab.SECOND_PLACES) | {k for names in vocab.PLACE_NAMES.values() for k in names}
        <= places
    )


@dataclass(frozen=True)
class _Record:
    name: str
    year: int = 0


def test_a_value_of_the_wrong_type_names_its_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[entry]]\nname = "ok"\n\n[[entry]]\nname = "two"\nyear = "1995"\n')
    assert TomlFile(path).record(_Record, "entry.0") == _Record("ok")
    with pytest.raises(ValueError, match=r"bad\.toml: entry\.1\.year is not int$"):
        TomlFile(path).records(_Record, "entry")
    path.write_text("name = \n")
    with pytest.raises(ValueError, match=r"bad\.toml: "):
        TomlFile(path)
