"""The shapes: valid SHACL themselves, accepting the sample build, rejecting broken graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

from osce_rdf.pipeline.build import BuildResult
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.pipeline.validate import validate
from osce_rdf.validation.shacl import Shapes, ValidationResult

from .conftest import single

ITEM = "https://w3id.org/osce/item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
# A sample item whose dateline gives the day before its publishing date (a warning).
PRISTINA = (
    "https://w3id.org/osce/item/2004-06-04-kosovo-police-service-school-graduates-its-largest-class"
)


@pytest.mark.parametrize("profiles", [(), ("google-article",)])
def test_shapes_graph_conforms_to_shacl_for_shacl(profiles: tuple[str, ...]) -> None:
    shapes = rdflib.Graph().parse(data=Shapes(profiles=profiles).ntriples, format="nt")
    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_sample_build_conforms(sample_build: tuple[BuildResult, Path]) -> None:
    result, out = sample_build
    assert result.violations == 0
    outcome = validate([single(out, "osce.trig")])
    assert outcome.exit_code == 0
    warnings = [(r.focus, r.value) for r in outcome.results if r.severity == "Warning"]
    assert warnings == [(PRISTINA, "2004-06-03")]  # its dateline, for dateline-date-disagreements
    assert {r.severity for r in outcome.results} <= {"Info", "Warning"}


def broken(out: Path, tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = single(out, "osce.trig").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "broken.trig"
    target.write_text(text.replace(old, new, count), encoding="utf-8")
    return target


def only(results: list[ValidationResult], component: str) -> list[ValidationResult]:
    return [r for r in results if r.component == component]


def test_item_without_date_is_a_violation_naming_the_page(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    target = broken(out, tmp_path, '\t\tschema:datePublished "2008-07-17"^^xsd:date ;\n', "")
    outcome = validate([target])
    assert outcome.exit_code == 1
    (result,) = [r for r in outcome.results if r.severity == "Violation"]
    assert (result.focus, result.path, result.component) == (
        ITEM,
        "https://schema.org/datePublished",
        "MinCountConstraintComponent",
    )
    assert (result.source, result.line) == ("000_b58f2e4459b73bca.txt", 153)


def test_dateline_disagreeing_with_the_date_is_a_warning(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    target = broken(
        out,
        tmp_path,
        'osce:datelineDate "2008-07-17"^^xsd:date',
        'osce:datelineDate "2008-07-16"^^xsd:date',
    )
    outcome = validate([target])
    assert outcome.exit_code == 0
    (warning,) = [r for r in outcome.results if r.severity == "Warning" and r.focus == ITEM]
    assert "2008-07-16" in warning.message and "2008-07-17" in warning.message


def test_item_from_a_closed_field_operation_is_a_warning(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    target = broken(
        out,
        tmp_path,
        'schema:sourceOrganization unit:secretariat ;\n\t\tosce:contentType contenttype:press-release ;\n\t\tosce:datelineDate "2008-07-17"',
        'schema:sourceOrganization unit:mission-to-croatia ;\n\t\tosce:contentType contenttype:press-release ;\n\t\tosce:datelineDate "2008-07-17"',
    )
    outcome = validate([target])
    warnings = [r for r in outcome.results if r.severity == "Warning" and r.focus != PRISTINA]
    assert [(w.focus, w.value) for w in warnings] == [
        (ITEM, "https://w3id.org/osce/unit/mission-to-croatia")
    ]
    assert "closed in 2007" in warnings[0].message


@pytest.mark.parametrize(
    ("old", "new", "component", "source"),
    [
        (
            'osce:iso3166Alpha2 "AT"',
            'osce:iso3166Alpha2 "at"',
            "PatternConstraintComponent",
            "data/reference/countries.toml",
        ),
        (
            'osce:status "closed"',
            'osce:status "shut"',
            "InConstraintComponent",
            "data/reference/units.toml",
        ),
        (
            'schema:inLanguage "en"',
            'schema:inLanguage "de"',
            "SPARQLConstraintComponent",  # the text is tagged @en
            "000_b58f2e4459b73bca.txt",
        ),
        (
            'schema:inLanguage "en"',
            'schema:inLanguage "English"',
            "PatternConstraintComponent",
            "000_b58f2e4459b73bca.txt",
        ),
        (
            'schema:dateline "VIENNA, 17 July 2008"@en',
            'schema:dateline "VIENNA, 17 July 2008"',
            "DatatypeConstraintComponent",
            "000_b58f2e4459b73bca.txt",
        ),
        (
            "osce:sourceLine 153",
            "osce:sourceLine 0",
            "MinInclusiveConstraintComponent",
            "000_b58f2e4459b73bca.txt",
        ),
    ],
)
def test_hand_broken_graphs_are_rejected(
    sample_build: tuple[BuildResult, Path],
    tmp_path: Path,
    old: str,
    new: str,
    component: str,
    source: str,
) -> None:
    _, out = sample_build
    outcome = validate([broken(out, tmp_path, old, new)])
    assert outcome.exit_code == 1
    found = only(outcome.results, component)
    assert found, [r.component for r in outcome.results]
    assert found[0].source == source


def test_absolute_source_path_is_a_violation(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    target = broken(
        out,
        tmp_path,
        'osce:sourcePath "000_b58f2e4459b73bca.txt"',
        'osce:sourcePath "/home/me/000_b58f2e4459b73bca.txt"',
    )
    outcome = validate([target])
    assert [r.component for r in outcome.results if r.severity == "Violation"] == [
        "NotConstraintComponent"
    ]


def test_reference_results_name_the_toml_file_and_line(pipeline: Pipeline) -> None:
    source, line = pipeline.reference_location(
        "https://w3id.org/osce/unit/strategic-police-matters-unit"
    )
    assert source == "data/reference/units.toml"
    assert line is not None
    text = (pipeline.reference.directory / "units.toml").read_text(encoding="utf-8").split("\n")
    assert text[line - 1] == 'key = "strategic-police-matters-unit"'


def test_files_in_any_quad_order_give_the_same_results(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """TriG keeps each graph together and is read graph by graph; N-Quads sorted by subject
    scatters graphs through the file and is read through a store: the results must agree."""
    _, out = sample_build
    target = broken(out, tmp_path, '\t\tschema:datePublished "2008-07-17"^^xsd:date ;\n', "")
    quads = sorted(ox.parse(path=str(target), format=ox.RdfFormat.TRIG), key=str)
    runs = [
        g
        for i, g in enumerate(q.graph_name for q in quads)
        if i == 0 or g != quads[i - 1].graph_name
    ]
    assert len(runs) > len(set(runs))  # some graph comes back after another one
    scattered = tmp_path / "scattered.nq"
    ox.serialize(quads, output=str(scattered), format=ox.RdfFormat.N_QUADS)

    def findings(path: Path) -> list[tuple[str, str, str | None, str | None, int | None]]:
        return [(r.severity, r.focus, r.path, r.source, r.line) for r in validate([path]).results]

    assert findings(scattered) == findings(target)
    assert ("Violation", ITEM, "https://schema.org/datePublished", "000_b58f2e4459b73bca.txt",
            153) in findings(scattered)  # fmt: skip
