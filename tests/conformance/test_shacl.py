"""`osce-rdf validate` finds what whole-graph pySHACL and Jena SHACL find, clean and broken.

Each case is a pair of files holding the same data: a TriG file and its union as Turtle
(`osce.trig` and `osce.ttl` of a build, or both with the faults of `faults.py` injected).
- `osce-rdf validate` (the command, pyshacl-turbo, graph by graph) reads the TriG file;
- pySHACL reads the TriG file with rdflib and validates the union of its graphs, whole, with
  the shapes files read by rdflib: nothing of ours on the way;
- Jena SHACL reads the Turtle file (it reads no named graphs, see docs/conformance.md).
They must report the same findings: focus node, path, severity and constraint component.

Where an engine cannot run a kind of constraint, `CANNOT_RUN` says so, the suite warns, and
the others' findings of that kind are left out of the comparison. Today every engine runs
every constraint of `shapes/`, and each injected fault is found by all three.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

from osce_rdf.package_data import SHAPES_DIR
from osce_rdf.validation.shacl import ValidationResult

from ..reference_shacl import report_findings
from .conftest import Corpus
from .engines import jena_shacl
from .faults import Finding, inject

pytestmark = pytest.mark.conformance

Key = tuple[str, str, str | None, str]  # severity, focus, path, component
# engine -> constraint components it cannot run, with why; none today.
CANNOT_RUN: dict[str, dict[str, str]] = {"osce-rdf": {}, "pySHACL": {}, "Jena": {}}


@dataclass
class Case:
    """A dataset as TriG and as its union in Turtle, and the findings each fault must cause."""

    name: str
    trig: Path
    turtle: Path
    faults: dict[str, Finding]

    @cached_property
    def validated(self) -> tuple[int, list[ValidationResult]]:
        """`osce-rdf validate` on the TriG file: its exit status and results."""
        return _osce_rdf_validate(self.trig)

    @cached_property
    def found(self) -> dict[str, set[Key]]:
        """Each engine's findings, less the kinds of constraint some engine cannot run."""
        shapes = _shapes_file(self.trig.parent)
        found = {
            "osce-rdf": _keys(self.validated[1]),
            "pySHACL": _pyshacl_whole_graph(self.trig),
            "Jena": _report_keys(jena_shacl(shapes, self.turtle)),
        }
        skipped = _not_compared()
        for component, why in skipped.items():
            warnings.warn(f"{self.name}: {component} not compared ({why})", stacklevel=1)
        return {e: {k for k in keys if k[3] not in skipped} for e, keys in found.items()}


def _not_compared() -> dict[str, str]:
    """Constraint component -> which engine cannot run it, and why."""
    return {c: f"{e}: {why}" for e, kinds in CANNOT_RUN.items() for c, why in kinds.items()}


def _keys(results: list[ValidationResult]) -> set[Key]:
    return {(r.severity, r.focus, r.path, r.component) for r in results}


def _report_keys(report: rdflib.Graph) -> set[Key]:
    """The keys of a report graph, read without our code (`tests/reference_shacl.py`)."""
    return {
        (severity, focus, path, component)
        for focus, path, component, severity in report_findings(report)
    }


def _shapes_file(folder: Path) -> Path:
    """Every shapes file in one N-Triples file, for Jena (its --shapes takes one file)."""
    merged = folder / "shapes.nt"
    if not merged.exists():
        graph = rdflib.Graph()
        for file in sorted(SHAPES_DIR.glob("*.ttl")):
            graph.parse(file, format="turtle")
        graph.serialize(merged, format="nt", encoding="utf-8")
    return merged


def _osce_rdf_validate(file: Path) -> tuple[int, list[ValidationResult]]:
    done = subprocess.run(
        [sys.executable, "-m", "osce_rdf", "validate", str(file), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in {0, 1}, done.stderr
    return done.returncode, [
        ValidationResult(r["severity"], r["focus"], r["path"], r["component"], r["message"])
        for r in json.loads(done.stdout)["results"]
    ]


def _pyshacl_whole_graph(trig: Path) -> set[Key]:
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    union = rdflib.Graph()
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    shapes = rdflib.Graph()
    for file in sorted(SHAPES_DIR.glob("*.ttl")):
        shapes.parse(file, format="turtle")
    _, report, _ = pyshacl.validate(union, shacl_graph=shapes, allow_warnings=True)
    return _report_keys(report)


@pytest.fixture(scope="module")
def clean(corpus: Corpus) -> Case:
    """The build's own files."""
    return Case(f"{corpus.name}, clean", corpus.trig, corpus.turtle, {})


@pytest.fixture(scope="module")
def faulty(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The build's data with every fault injected, written as TriG and Turtle by pyoxigraph."""
    quads, faults = inject(list(corpus.quads))
    folder = tmp_path_factory.mktemp(f"{corpus.name}-faults")
    trig, turtle = folder / "faulty.trig", folder / "faulty.ttl"
    by_graph = sorted(quads, key=lambda q: str(q.graph_name))
    trig.write_bytes(ox.serialize(by_graph, format=ox.RdfFormat.TRIG) or b"")
    union = {q.triple for q in quads}
    turtle.write_bytes(ox.serialize(union, format=ox.RdfFormat.TURTLE) or b"")
    return Case(f"{corpus.name} with faults", trig, turtle, faults)


@pytest.fixture(scope="module", params=["clean", "faulty"])
def case(request: pytest.FixtureRequest, clean: Case, faulty: Case) -> Case:
    """Each comparison runs on the clean files and on the broken ones (engines run lazily)."""
    return clean if request.param == "clean" else faulty


def _differences(found: set[Key], expected: set[Key]) -> str:
    extra, lacking = sorted(found - expected), sorted(expected - found)
    return f"only this engine: {extra[:10]}\nonly pySHACL: {lacking[:10]}"


@pytest.mark.parametrize("engine", ["osce-rdf", "Jena"])
def test_engine_finds_what_pyshacl_finds(case: Case, engine: str) -> None:
    found, expected = case.found[engine], case.found["pySHACL"]
    assert found == expected, _differences(found, expected)
    severities = {severity for severity, *_ in expected}
    assert "Info" in severities  # names kept for review: the data has some in every case


def test_validate_exits_1_exactly_when_pyshacl_finds_a_violation(case: Case) -> None:
    violations = any(severity == "Violation" for severity, *_ in case.found["pySHACL"])
    assert case.validated[0] == (1 if violations else 0)
    assert violations == bool(case.faults)  # the builds conform; the faults break them


def test_every_injected_fault_is_found_by_every_engine(faulty: Case) -> None:
    for engine, keys in faulty.found.items():
        findings = {k[1:] for k in keys}
        missed = {
            name: f
            for name, f in faulty.faults.items()
            if f not in findings and f[2] not in _not_compared()
        }
        assert missed == {}, f"{engine} did not find {missed}"
    assert {k[0] for k in faulty.found["pySHACL"]} == {"Violation", "Warning", "Info"}


def test_validate_finds_the_same_in_the_turtle_union(case: Case) -> None:
    found, expected = _keys(_osce_rdf_validate(case.turtle)[1]), case.found["pySHACL"]
    assert found == expected, _differences(found, expected)
