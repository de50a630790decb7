"""`validate`: check saved pages, or RDF files, against the shapes.

Pages are built in memory first (nothing is written). RDF files are read graph by graph and
split back into the units a build validates: each item graph with the reference and dataset
graphs it points into. Only one item graph is held at a time (item graphs wait in a
temporary file until the whole context is read), so memory stays flat however many graphs a
file holds; a file without named graphs (Turtle) is one graph, validated whole. Each result
names the saved page (file and line) its item was read from, as recorded in the data itself
(`prov:wasDerivedFrom`, `osce:sourceLine`), or the reference file and line for reference
data.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

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
        assert pipeline is not None
        try:
            items, results = _check_file(pipeline, file, workers or os.cpu_count() or 1)
        except InputError as error:
            outcome.errors.append(error)
            continue
        outcome.items += items
        outcome.results.extend(results)
    outcome.results = distinct(outcome.results)
    return outcome


# Set before forking the workers of `_validate_spans`, which read them: shared copy-on-write
# instead of being sent to each worker.
_SPOOL: int = -1  # file descriptor of the spooled item graphs
_SPANS: list[tuple[int, int]] = []  # (offset, length) of each item graph in the spool
_CONTEXT: list[ox.Triple] = []
_CONTEXT_FOCUS: frozenset[str] = frozenset()
_VALIDATOR: Validator | None = None


class _ScatteredError(Exception):
    """A graph's quads are not together in the file, so graphs cannot be read one by one."""


@dataclass
class _Spooled:
    """An RDF file read once: item graphs spooled to disk as N-Quads, the rest in memory."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    context: list[ox.Triple] = field(default_factory=list)
    articles_in_context: int = 0


def _graphs(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, list[ox.Quad]]]:
    """Each graph's quads, for quads grouped by graph, as TriG and sorted N-Quads are."""
    seen: set[str] = set()
    name: str | None = None
    graph: list[ox.Quad] = []
    for quad in quads:
        current = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        if current != name:
            if name is not None:
                yield name, graph
            if current in seen:
                raise _ScatteredError(current)
            seen.add(current)
            name, graph = current, []
        graph.append(quad)
    if name is not None:
        yield name, graph


def _stored_graphs(file: Path) -> Iterator[tuple[str, list[ox.Quad]]]:
    """Each graph's quads, for a file whose graphs are scattered: through an in-memory store."""
    store = ox.Store()
    store.bulk_extend(read_quads(file))
    names: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    names += sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=str)
    for name in names:
        quads = list(store.quads_for_pattern(None, None, None, name))
        if quads:
            yield (name.value if isinstance(name, ox.NamedNode) else ""), quads


def _spool(graphs: Iterable[tuple[str, list[ox.Quad]]], spool: IO[bytes]) -> _Spooled:
    """Item graphs (named, with a schema:NewsArticle) to `spool`; the context kept."""
    spooled = _Spooled()
    spool.seek(0)
    spool.truncate()
    for name, quads in graphs:
        if any(_is(q.triple, RDF + "type", OWL + "Ontology") for q in quads):
            continue
        if name and any(_is(q.triple, RDF + "type", SCHEMA + "NewsArticle") for q in quads):
            data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
            spooled.spans.append((spool.tell(), len(data)))
            spool.write(data)
        else:
            spooled.context.extend(q.triple for q in quads)
    spool.flush()
    spooled.articles_in_context = sum(
        1 for t in spooled.context if _is(t, RDF + "type", SCHEMA + "NewsArticle")
    )
    return spooled


def _check_file(pipeline: Pipeline, file: Path, workers: int) -> tuple[int, list[Result]]:
    """Validate an RDF file graph by graph, holding one graph at a time rather than the file.

    Item graphs are spooled to a temporary file while the context (reference data, the
    dataset's description) is read, then validated in units with the whole context.
    """
    with tempfile.TemporaryFile() as spool:
        try:
            spooled = _spool(_graphs(read_quads(file)), spool)
        except _ScatteredError:
            spooled = _spool(_stored_graphs(file), spool)
        validator = pipeline.validator
        context_results = validator.validate(spooled.context)
        focus = frozenset(r.focus for r in context_results)
        results, in_items = _validate_spans(spool, spooled, validator, focus, workers)
    origins = _origins(spooled.context)
    results += [
        r.located(*(origins.get(r.focus) or pipeline.reference_location(r.focus)))
        for r in context_results
        if r.focus not in in_items
    ]
    located = [
        r if r.source is not None else r.located(*pipeline.reference_location(r.focus))
        for r in results
    ]
    return len(spooled.spans) + spooled.articles_in_context, located


def _validate_spans(
    spool: IO[bytes],
    spooled: _Spooled,
    validator: Validator,
    context_focus: frozenset[str],
    workers: int,
) -> tuple[list[Result], set[str]]:
    """Validate the spooled item graphs in units, across worker processes when there are many.

    Also says which of `context_focus` (focus nodes of the context's own results) item
    graphs describe: those were validated with their item and are not reported twice.
    """
    global _SPOOL, _SPANS, _CONTEXT, _CONTEXT_FOCUS, _VALIDATOR
    _SPOOL, _SPANS, _CONTEXT = spool.fileno(), spooled.spans, spooled.context
    _CONTEXT_FOCUS, _VALIDATOR = context_focus, validator
    try:
        step = _UNIT_SIZE * 8
        count = len(spooled.spans)
        ranges = [(start, min(start + step, count)) for start in range(0, count, step)]
        if workers <= 1 or len(ranges) <= 1 or os.name != "posix":
            parts = [_validate_range(bounds) for bounds in ranges]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = list(pool.imap(_validate_range, ranges))
        return [r for found, _ in parts for r in found], {n for _, seen in parts for n in seen}
    finally:
        _SPOOL, _SPANS, _CONTEXT, _CONTEXT_FOCUS, _VALIDATOR = -1, [], [], frozenset(), None


def _validate_range(bounds: tuple[int, int]) -> tuple[list[Result], set[str]]:
    assert _VALIDATOR is not None
    found: list[Result] = []
    seen: set[str] = set()
    for start in range(bounds[0], bounds[1], _UNIT_SIZE):
        spans = _SPANS[start : min(start + _UNIT_SIZE, bounds[1])]
        offset = spans[0][0]
        data = os.pread(_SPOOL, spans[-1][0] + spans[-1][1] - offset, offset)
        graphs: dict[str, list[ox.Triple]] = defaultdict(list)
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            graphs[value(quad.graph_name)].append(quad.triple)
        described = [
            ({value(t.subject) for t in g}, min(_origins(g).items(), default=("", (None, None)))[1])
            for g in graphs.values()
        ]
        results = _VALIDATOR.validate_unit([t for g in graphs.values() for t in g], _CONTEXT)
        for result in results:
            origin = next((o for s, o in described if result.focus in s), (None, None))
            found.append(result.located(*origin) if origin[0] else result)
        for subjects, _ in described:
            seen.update(subjects & _CONTEXT_FOCUS)
    return found, seen


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
