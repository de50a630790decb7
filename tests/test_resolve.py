"""Names -> reference data: units, places and fields by any of their names, unknown ones kept."""

from __future__ import annotations

import pytest

from osce_rdf.reference import Reference
from osce_rdf.reference.resolve import Resolver


@pytest.mark.parametrize(
    ("written", "key", "via"),
    [
        ("OSCE Secretariat", "secretariat", "name"),
        ("OSCE Chairmanship", "chairpersonship", "former name"),
        ("Chairpersonship", "chairpersonship", "name"),
        ("ODIHR", "office-for-democratic-institutions-and-human-rights", "abbreviation"),
        ("OSCE Mission to Skopje", "mission-to-skopje", "name"),
        ("OSCE Centre in Astana", "programme-office-in-astana", "former name"),
    ],
)
def test_units_resolve_by_any_of_their_names(
    reference: Reference, written: str, key: str, via: str
) -> None:
    found = Resolver(reference).unit(written)
    assert (found.key, found.via) == (key, via)
    assert found.known


def test_closed_suffix_resolves(reference: Reference) -> None:
    found = Resolver(reference).unit("OSCE Mission to Croatia (closed)")
    assert found.known and found.key == "mission-to-croatia"


def test_unknown_unit_is_kept_with_a_slug_of_its_name(reference: Reference) -> None:
    found = Resolver(reference).unit("OSCE Innovation and Foresight Unit")
    assert not found.known
    assert (found.key, found.name, found.via) == (
        "innovation-and-foresight-unit",
        "Innovation and Foresight Unit",
        "unknown",
    )


def test_places_resolve_by_alternative_names(reference: Reference) -> None:
    resolver = Resolver(reference)
    assert resolver.place("VIENNA").key == "vienna"
    assert resolver.place("CHIȘINĂU").key == resolver.place("Chisinau").key
    assert resolver.place("Kiev").key == resolver.place("KYIV").key
    unknown = resolver.place("NOWHERE TOWN")
    assert (unknown.known, unknown.name, unknown.key) == (False, "Nowhere Town", "nowhere-town")


def test_field_in_another_language_resolves(reference: Reference) -> None:
    resolver = Resolver(reference)
    media = resolver.concept("field", "Media freedom and development")
    assert media.known
    (french,) = [
        label
        for lang, label in next(c for c in reference.concepts if c.key == media.key).translations
        if lang == "fr"
    ]
    assert resolver.concept("field", french).key == media.key
