"""The curated reference data: complete, consistent, and with identifiers checked by name."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from osce_rdf.errors import ReferenceDataError
from osce_rdf.reading.navigation import parse_navigation
from osce_rdf.reference import Reference, load_reference
from osce_rdf.reference.match_keys import match_key
from osce_rdf.reference.resolve import Resolver

from .conftest import FIXTURES, SEED


def test_57_participating_states_and_11_partners(reference: Reference) -> None:
    groups = [c.group for c in reference.countries]
    assert groups.count("participating") == 57
    assert groups.count("asian-partner") == 5
    assert groups.count("mediterranean-partner") == 6


def test_every_state_in_the_seed_navigation_is_known_by_its_current_name(
    reference: Reference,
) -> None:
    sections, _ = parse_navigation(SEED.read_text(encoding="utf-8").split("\n"))
    (states,) = [s for s in sections if s.heading == "Participating States"]
    names = {c.name for c in reference.countries}
    listed = [e.text.split(" – ")[0] for e in states.entries if "Partners" not in e.text]
    assert len(listed) == 57
    assert set(listed) <= names


def test_wikidata_ids_match_independently_verified_labels(reference: Reference) -> None:
    """Each id must be in the verified list, and its verified label must be one of the entity's names."""
    with (FIXTURES / "wikidata_verified.tsv").open(encoding="utf-8") as handle:
        verified = {row["qid"]: row["label"] for row in csv.DictReader(handle, delimiter="\t")}
    entities: list[tuple[str | None, list[str]]] = []
    entities += [
        (c.wikidata, [c.name, *c.former_names, *c.short_names]) for c in reference.countries
    ]
    entities += [(f.wikidata, [f.name, *f.alt_names]) for f in reference.former_states]
    entities += [(u.wikidata, [u.name, *u.former_names, *u.abbreviations]) for u in reference.units]
    entities += [(p.wikidata, [p.name, *p.alt_names]) for p in reference.places]
    entities += [(b.wikidata, [b.name, *b.alt_names]) for b in reference.outside_bodies]
    checked = 0
    for qid, names in entities:
        if qid is None:
            continue
        assert qid in verified, f"{names[0]}: {qid} was never verified"
        assert match_key(verified[qid]) in {match_key(n) for n in names}, (
            f"{qid} is {verified[qid]!r}, not {names[0]!r}"
        )
        checked += 1
    assert checked >= 120
    assert reference.unit("osce").wikidata == "Q81299"


def test_a_chairpersonship_for_every_year_since_1991(reference: Reference) -> None:
    years = [c.year for c in reference.chairpersonships]
    assert years == list(range(1991, max(years) + 1))
    assert max(years) >= 2026
    by_year = {c.year: c.state for c in reference.chairpersonships}
    assert (by_year[1992], by_year[2008], by_year[2024], by_year[2025]) == (
        "CSHH",
        "FI",
        "MT",
        "FI",
    )


def test_units_sit_where_they_should(reference: Reference) -> None:
    assert (
        reference.unit("strategic-police-matters-unit").parent == "transnational-threats-department"
    )
    institutions = {u.key for u in reference.units if u.kind == "institution"}
    assert len(institutions) == 3
    closed = [u for u in reference.units if u.kind == "field-operation" and u.closed is not None]
    assert len(closed) >= 15
    assert all(
        u.host_country or u.host_territory for u in reference.units if u.kind == "field-operation"
    )


def test_no_name_resolves_to_two_things(reference: Reference) -> None:
    assert Resolver(reference).conflicts() == []


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Czech Republic", "cz"),
        ("Turkey", "tr"),
        ("the former Yugoslav Republic of Macedonia", "mk"),
        ("Russia", "ru"),
    ],
)
def test_former_and_short_names_resolve(reference: Reference, written: str, key: str) -> None:
    found = Resolver(reference).country(written)
    assert found is not None and found.key == key


def test_broken_reference_data_names_file_and_line(tmp_path: Path) -> None:
    source = load_reference().directory
    copy = tmp_path / "reference"
    shutil.copytree(source, copy)
    units = copy / "units.toml"
    text = units.read_text(encoding="utf-8")
    units.write_text(
        text.replace('parent = "transnational-threats-department"', 'parent = "no-such-unit"', 1),
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(copy)
    assert raised.value.path == str(units)  # the copy read, not the bundled file
    assert raised.value.line is not None
    assert "parent 'no-such-unit' is not defined" in raised.value.message
    units.write_text(text + "\n[[unit]\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="not valid TOML"):
        load_reference(copy)
