"""The fast SHACL engine reports exactly what pySHACL, the reference implementation, reports."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from osce_rdf.identity.namespaces import RDF, SCHEMA
from osce_rdf.identity.rdf_terms import value
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.page_pipeline import Pipeline, Settings
from osce_rdf.pipeline.validate import validate
from osce_rdf.validation.shacl import ValidationResult

from .conftest import single
from .reference_shacl import pyshacl_findings

RDF_TYPE = RDF + "type"


def findings(results: list[ValidationResult]) -> set[tuple[str, str | None, str, str]]:
    """What the two engines must agree on: focus node, path, constraint, severity."""
    return {(r.focus, r.path, r.component, r.severity) for r in results}


def inject_faults(text: str) -> str:
    """Break the sample dataset in many different ways at once."""
    faults = [
        (r'\t\tschema:datePublished "2008-07-17"\^\^xsd:date ;\n', ""),  # missing date
        (
            r'schema:datePublished "1995-12-14"\^\^xsd:date',
            'schema:datePublished "1995-12-14"',
        ),  # wrong datatype
        (r'osce:iso3166Alpha2 "AT"', 'osce:iso3166Alpha2 "AUT"'),  # bad ISO code
        (r'osce:status "closed"', 'osce:status "paused"'),  # not in the list
        (r'schema:genre "Statement"', 'schema:genre "Statement" , "Speech"'),  # two genres
        (r'osce:datelineDate "2010-05-05"', 'osce:datelineDate "2010-05-04"'),  # dateline disagrees
        (
            r"schema:sourceOrganization unit:secretariat",
            "schema:sourceOrganization unit:mission-to-croatia",
        ),
        (r"schema:about field:elections", "schema:about place:vienna"),  # wrong class
        (r'"Policing"@en', '"Policing"@en , "Police"@en'),  # two English preferred labels
        (r"org:member country:fi", "org:member country:zz"),  # points nowhere
    ]
    for pattern, replacement in faults:
        text, count = re.subn(pattern, replacement, text, count=1)
        assert count == 1, pattern
    return text


def test_engines_agree_on_the_sample_pages() -> None:
    turbo = build([PAGES_DIR], None, Settings(engine="turbo"), workers=1)
    reference = build([PAGES_DIR], None, Settings(engine="pyshacl"), workers=1)
    assert findings(turbo.results) == findings(reference.results)


def test_validate_equals_whole_graph_pyshacl_with_injected_faults(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """`validate` on a file, with either engine, reports what pySHACL run on the file does."""
    _, out = sample_build
    faulty = tmp_path / "faulty.trig"
    text = inject_faults(single(out, "osce.trig").read_text(encoding="utf-8"))
    faulty.write_text(text, encoding="utf-8")
    turbo = validate([faulty], Settings(engine="turbo"))
    assert findings(turbo.results) == pyshacl_findings(faulty)
    assert findings(validate([faulty], Settings(engine="pyshacl")).results) == findings(
        turbo.results
    )
    severities = {r.severity for r in turbo.results}
    assert severities == {"Violation", "Warning", "Info"}
    assert len([r for r in turbo.results if r.severity == "Violation"]) >= 8


def test_build_units_equal_whole_graph_pyshacl_with_injected_faults(
    sample_build: tuple[BuildResult, Path], pipeline: Pipeline, tmp_path: Path
) -> None:
    """What a build does: items validated in units with the reference graph they point into
    (cross checks on projections), the reference graph alone. The same findings as
    whole-graph pySHACL."""
    _, out = sample_build
    faulty = tmp_path / "faulty.trig"
    faulty.write_text(inject_faults(single(out, "osce.trig").read_text(encoding="utf-8")), "utf-8")
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(faulty), format=ox.RdfFormat.TRIG):
        graphs[value(quad.graph_name).rpartition("/")[2]].append(quad.triple)
    reference = graphs.pop("reference")
    context = [*graphs.pop("ontology"), *graphs.pop("dataset")]
    items = list(graphs.values())
    validator = pipeline.validator
    results = validator.validate([*reference, *context])
    for start in range(0, len(items), 16):
        unit = items[start : start + 16]
        for graph, found in zip(unit, validator.validate_graphs(unit, reference), strict=True):
            described = {value(t.subject) for t in graph}
            assert all(r.focus in described for r in found)
            # In one order whatever order the engine found them in: the build index holds them.
            assert found == sorted(found, key=ValidationResult.sort_key)
            results += found
    assert findings(results) == pyshacl_findings(faulty)


def test_a_unit_gives_each_graph_the_results_about_what_it_describes(pipeline: Pipeline) -> None:
    """A resource two graphs describe has its results in both; a graph that describes
    nothing wrong gets none, though it was validated in the same engine call."""
    item = ox.NamedNode(pipeline.iris.base + "item/2001-01-01-nothing-but-a-headline")
    typed = [ox.Triple(item, ox.NamedNode(RDF_TYPE), ox.NamedNode(SCHEMA + "NewsArticle"))]
    named = [ox.Triple(item, ox.NamedNode(SCHEMA + "headline"), ox.Literal("A headline"))]
    both, again, nothing = pipeline.validator.validate_graphs(
        [typed, named, []], pipeline.reference_graph
    )
    assert both, "an item without a date, a body or a page is invalid"
    assert {r.focus for r in both} == {item.value}
    assert again == both
    assert nothing == []


def test_validate_in_parts_equals_whole_graph_pyshacl_with_injected_faults(
    sample_build: tuple[BuildResult, Path], pipeline: Pipeline, tmp_path: Path
) -> None:
    """`validate FILE` cuts the file by subject into parts on both cores (decision 0032):
    parts of a few dozen triples, where almost every value and every resource several
    graphs describe lie across a cut, still give what pySHACL finds in the whole file."""
    _, out = sample_build
    faulty = tmp_path / "faulty.trig"
    faulty.write_text(inject_faults(single(out, "osce.trig").read_text(encoding="utf-8")), "utf-8")
    quads = list(ox.parse(path=str(faulty), format=ox.RdfFormat.TRIG))
    cut = pipeline.validator.shapes.cut
    assert cut is not None and cut.local and cut.whole
    results = pipeline.validator.validate_union(quads, part_triples=40)
    assert findings(results) == pyshacl_findings(faulty)
