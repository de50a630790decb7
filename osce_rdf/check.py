"""`validate`: check saved pages, or RDF files, against the shapes.

Pages are built in memory first (nothing is written). RDF files are read whole and split
back into the units a build validates: each item graph with the reference and dataset
graphs it points into. Each result names the saved page (file and line) its item was read
from, as recorded in the data itself (`prov:wasDerivedFrom`, `osce:sourceLine`), or the
reference file and line for reference data.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .build import build
from .errors import InputError, UsageError
from .namespaces import OSCE, OWL, PROV, RDF, SCHEMA
from .pages import PAGE_SUFFIXES
from .pipeline import Pipeline, Settings
from .rdf_files import is_rdf_file, read_quads
from .terms import value
from .validation import Result, Validator, distinct

__all__ = ["CheckResult", "check"]

_UNIT_SIZE = 200


@dataclass
class CheckResult:
    """Results of a validation, with what was read and what could not be."""

    results: list[Result] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    items: int = 0
    files: int = 0

    @property
    def violations(self) -> int:
        return sum(1 for r in self.results if r.severity == "Violation")

    @property
    def exit_code(self) -> int:
        """0 conforms (warnings allowed); 1 violations; 2 unreadable input."""
        if self.errors:
            return 2
        return 1 if self.violations else 0


def check(
    paths: Iterable[Path], settings: Settings | None = None, *, workers: int = 0
) -> CheckResult:
    """Validate pages, folders of pages, or RDF files (by extension).

    `workers` is the number of processes (0: one per CPU).
    """
    settings = settings or Settings()
    outcome = CheckResult()
    pages: list[Path] = []
    rdf: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir() or path.suffix.lower() in PAGE_SUFFIXES:
            pages.append(path)
        elif is_rdf_file(path):
            rdf.append(path)
        else:
            outcome.errors.append(
                InputError(str(path), None, "neither a saved page (.txt) nor an RDF file")
            )
    if pages:
        built = build(pages, None, settings, workers=workers)
        outcome.results.extend(built.results)
        outcome.errors.extend(built.errors)
        outcome.items += built.items
        outcome.files += built.pages
    pipeline = Pipeline(settings) if rdf else None
    for file in rdf:
        outcome.files += 1
        try:
            quads = list(read_quads(file))
        except InputError as error:
            outcome.errors.append(error)
            continue
        assert pipeline is not None
        items, results = _check_quads(pipeline, quads, workers or os.cpu_count() or 1)
        outcome.items += items
        outcome.results.extend(results)
    outcome.results = distinct(outcome.results)
    return outcome


# Set before forking the workers of `_validate_units`, which read them: the parsed data is
# shared copy-on-write instead of being sent to each worker.
_UNITS: list[list[ox.Triple]] = []
_CONTEXT: list[ox.Triple] = []
_VALIDATOR: Validator | None = None


def _validate_range(bounds: tuple[int, int]) -> list[Result]:
    assert _VALIDATOR is not None
    start, end = bounds
    found: list[Result] = []
    for unit in range(start, end, _UNIT_SIZE):
        triples = [t for graph in _UNITS[unit : min(unit + _UNIT_SIZE, end)] for t in graph]
        found.extend(_VALIDATOR.validate_unit(triples, _CONTEXT))
    return found


def _validate_units(
    pipeline: Pipeline, items: list[list[ox.Triple]], context: list[ox.Triple], workers: int
) -> list[Result]:
    """Validate the item graphs in units, across worker processes when there are many."""
    global _UNITS, _CONTEXT, _VALIDATOR
    _UNITS, _CONTEXT, _VALIDATOR = items, context, pipeline.validator
    try:
        step = _UNIT_SIZE * 8
        ranges = [(start, min(start + step, len(items))) for start in range(0, len(items), step)]
        if workers <= 1 or len(ranges) <= 1 or os.name != "posix":
            return [r for bounds in ranges for r in _validate_range(bounds)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [r for found in pool.imap(_validate_range, ranges) for r in found]
    finally:
        _UNITS, _CONTEXT, _VALIDATOR = [], [], None


def _check_quads(
    pipeline: Pipeline, quads: list[ox.Quad], workers: int
) -> tuple[int, list[Result]]:
    """Split quads into item graphs and context graphs, validate in units, locate results."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        graphs[name].append(quad.triple)
    items: list[list[ox.Triple]] = []
    context: list[ox.Triple] = []
    for name in sorted(graphs):
        triples = graphs[name]
        if any(_is(t, RDF + "type", OWL + "Ontology") for t in triples):
            continue
        if name and any(_is(t, RDF + "type", SCHEMA + "NewsArticle") for t in triples):
            items.append(triples)
        else:
            context.extend(triples)
    origins = _origins([t for graph in items for t in graph] + context)
    for graph in items:
        subjects = {value(t.subject) for t in graph}
        origin = next((origins[s] for s in sorted(subjects) if s in origins), (None, None))
        for subject in subjects:
            origins.setdefault(subject, origin)
    results = _validate_units(pipeline, items, context, workers)
    item_subjects = {value(t.subject) for graph in items for t in graph}
    results.extend(r for r in pipeline.validator.validate(context) if r.focus not in item_subjects)
    located = []
    for result in results:
        source, line = origins.get(result.focus) or pipeline.reference_location(result.focus)
        located.append(result.located(source, line))
    count = sum(1 for t in context if _is(t, RDF + "type", SCHEMA + "NewsArticle"))
    return len(items) + count, located


def _is(triple: ox.Triple, predicate: str, obj: str) -> bool:
    return (
        triple.predicate.value == predicate
        and isinstance(triple.object, ox.NamedNode)
        and value(triple.object) == obj
    )


def _origins(triples: list[ox.Triple]) -> dict[str, tuple[str | None, int | None]]:
    """Item IRI -> (saved page path, line), read from the provenance in the data."""
    paths: dict[str, str] = {}
    sources: dict[str, str] = {}
    lines: dict[str, int] = {}
    for t in triples:
        predicate = t.predicate.value
        subject = value(t.subject)
        if predicate == OSCE + "sourcePath":
            paths[subject] = value(t.object)
        elif predicate == PROV + "wasDerivedFrom" and isinstance(t.object, ox.NamedNode):
            sources[subject] = value(t.object)
        elif predicate == OSCE + "sourceLine":
            lines[subject] = int(value(t.object))
    return {item: (paths.get(source, source), lines.get(item)) for item, source in sources.items()}
