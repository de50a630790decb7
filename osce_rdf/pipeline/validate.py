"""`validate`: check saved pages, a build, or RDF files against the shapes.

Saved pages are built in memory first (nothing is written) and validated as a build
validates them. An RDF file is validated whole: the union of every graph it holds, the
ontology and reference data included, against all the shapes at once. That is what pySHACL
or any other SHACL engine reports for the file, whatever its format or however its graphs
are cut (docs/decisions/0017-validate-rdf-files-whole.md). The file is read once; the
engine gets it in parts cut by subject, on every CPU, with the same results (decision 0032).

Each result names the RDF file it was found in and the saved page (file and line) its item
was read from, as recorded in the data (`prov:wasDerivedFrom`, `osce:sourcePath`,
`osce:sourceLine`), or the reference file and line for reference data. A recorded page path
is relative to the folder the build read: it is resolved against `source_root` (default:
the working directory) and shown relative to the working directory, so a CI annotation can
attach to it. A result about a date points at the page's Date or dateline line when the page
is there to read.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import pyoxigraph as ox

from ..errors import InputError, OsceRdfError, UsageError
from ..identity.namespaces import OSCE, PROV, RDF_TYPE, RDFS, SCHEMA
from ..identity.rdf_terms import value
from ..mapping.item_graphs import VALUES_OFF_THE_TITLE_LINE, value_line
from ..reading.pages import PAGE_SUFFIXES, SavedPage, find_pages, relative_path
from ..reading.records import Item
from ..rendering.dumps import DUMP_FORMATS, DUMPS, DUMPS_DIR, offered_files, open_dump
from ..rendering.rdf_input import RDF_FORMATS, is_rdf_file, read_quads
from ..validation.shacl import SEVERITIES, ValidationResult, distinct, severity_counts
from .build import build
from .page_pipeline import Pipeline, Settings

__all__ = ["STDIN", "ValidationReport", "validate"]

STDIN = Path("-")
_STDIN_NAME = "<stdin>"
_RDF_1_2 = "an RDF 1.2 {}, which SHACL engines do not read: validate RDF 1.1 data"


@dataclass
class ValidationReport:
    """Results of a validation, with what was read and what could not be.

    `fail_on` is the least severity that fails the check (`Violation`, `Warning`, `Info`).
    """

    results: list[ValidationResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    items: int = 0
    files: int = 0
    fail_on: str = "Violation"
    notes: list[str] = field(default_factory=list)  # advice that is not a result

    @property
    def violations(self) -> int:
        return self.count("Violation")

    def count(self, severity: str) -> int:
        return severity_counts(self.results)[severity]

    @property
    def failures(self) -> list[ValidationResult]:
        """The results at or above `fail_on`."""
        limit = SEVERITIES.index(self.fail_on)
        return [r for r in self.results if SEVERITIES.index(r.severity) <= limit]

    @property
    def conforms(self) -> bool:
        """Every input was read and no result is at or above `fail_on`."""
        return not self.errors and not self.failures

    @property
    def exit_code(self) -> int:
        """0 conforms; 1 results at or above `fail_on`; 2 an input could not be read."""
        if self.errors:
            return 2
        return 1 if self.failures else 0


def validate(
    paths: Iterable[Path],
    settings: Settings | None = None,
    *,
    workers: int = 0,
    source_root: Path | None = None,
    fail_on: str = "Violation",
    rdf_format: ox.RdfFormat | None = None,
) -> ValidationReport:
    """Validate pages, folders of pages, build folders (their dump) or RDF files.

    A file is an RDF file by its extension, or of `rdf_format` when given (which also says
    how to read `STDIN`, standard input). `source_root` is the folder the pages named in RDF
    files were built from. `workers` is the number of processes that build pages (0: one
    per CPU). A path that does not exist, or a folder with nothing to validate, is an error
    of the outcome; when nothing at all is left to validate, `UsageError`.
    """
    if fail_on not in SEVERITIES:
        raise UsageError(f"unknown severity {fail_on!r}; choose one of {', '.join(SEVERITIES)}")
    settings = settings or Settings()
    outcome = ValidationReport(fail_on=fail_on)
    pages: list[Path] = []
    rdf: list[tuple[Path, ox.RdfFormat | None]] = []
    for path in dict.fromkeys(paths):  # each input once, in the order given
        try:
            dump = _rdf_input(path, rdf_format)
        except InputError as error:
            outcome.errors.append(error)
            continue
        if dump is None:
            pages.append(path)
        else:
            rdf.append(dump)
    if not pages and not rdf:
        raise UsageError(_nothing(outcome.errors))
    if pages:
        _check_pages(pages, settings, workers, outcome)
    if rdf:
        pipeline = Pipeline(settings)
        root = source_root if source_root is not None else Path()
        missing: set[str] = set()
        for file, file_format in rdf:
            outcome.files += 1
            try:
                _check_rdf(pipeline, file, file_format, root, outcome, missing)
            except InputError as error:
                outcome.errors.append(error)
        if missing:
            example = sorted(missing)[0]
            outcome.notes.append(
                f"{len(missing)} saved page(s) named in the data are not under "
                f"{_shown(root)} (such as {example}); give --source-root, the folder "
                "the build read, to point at them"
            )
    outcome.results = sorted(outcome.results, key=ValidationResult.sort_key)
    return outcome


def _rdf_input(
    path: Path, rdf_format: ox.RdfFormat | None
) -> tuple[Path, ox.RdfFormat | None] | None:
    """The RDF file to read for `path`, and its format when the extension does not say;
    None for saved pages (a page, or a folder of them). A build folder gives itself: its
    TriG dump is read from its parts (`_check_rdf`)."""
    if path == STDIN:
        if rdf_format is None:
            raise UsageError("standard input (-) needs --input-format to say how to read it")
        return path, rdf_format
    if not path.exists():
        raise InputError(_shown(path), None, "no such file or folder")
    if path.is_dir():
        if any(name in DUMPS for name in offered_files(path)):
            return path, None
        if next(find_pages([path]), None) is None:
            raise InputError(
                _shown(path),
                None,
                f"nothing to validate: no saved pages ({' '.join(sorted(PAGE_SUFFIXES))}) "
                f"and no build ({DUMPS_DIR}/, {', '.join(DUMPS)})",
            )
        return None
    if rdf_format is not None or is_rdf_file(path):
        return path, rdf_format
    if path.suffix.lower() in PAGE_SUFFIXES:
        return None
    raise InputError(
        _shown(path),
        None,
        "neither a saved page (.txt) nor an RDF file (.trig .ttl .nq .nt .jsonld .rdf); "
        "--input-format says how to read it",
    )


def _nothing(errors: list[InputError]) -> str:
    """The one line that says why there is nothing to validate."""
    if len(errors) == 1:
        return f"{errors[0].path}: {errors[0].message}"
    return "nothing to validate: " + "; ".join(f"{error.path}: {error.message}" for error in errors)


def _shown(path: Path | str) -> str:
    """A path as reports show it: relative to the working directory when it is below it."""
    if Path(path) == STDIN:
        return _STDIN_NAME
    absolute = Path(os.path.normpath(Path(path).absolute()))
    here = Path.cwd()
    return (absolute.relative_to(here) if absolute.is_relative_to(here) else absolute).as_posix()


def _check_pages(
    pages: list[Path], settings: Settings, workers: int, outcome: ValidationReport
) -> None:
    """Build the pages in memory; name each page as the user can open it."""
    built = build(pages, None, settings, workers=workers)
    shown = {relative_path(file, root): _shown(file) for file, root in find_pages(pages)}
    outcome.results.extend(
        r.located(shown.get(r.source or "", r.source), r.line) for r in built.results
    )
    outcome.errors.extend(
        InputError(shown.get(e.path, e.path), e.line, e.message) for e in built.errors
    )
    outcome.items += built.items
    outcome.files += built.pages


@dataclass
class _Provenance:
    """What the data says about where its items came from, gathered while it is read."""

    item_classes: frozenset[str]
    items: dict[str, str] = field(default_factory=dict)  # item IRI -> its graph ("" default)
    derived: dict[str, str] = field(default_factory=dict)  # item -> saved page IRI
    paths: dict[str, str] = field(default_factory=dict)  # saved page IRI -> recorded path
    lines: dict[str, int] = field(default_factory=dict)  # item -> line

    def quads_of(self, quads: Iterable[ox.Quad], name: str) -> Iterator[ox.Quad]:
        """The quads, noting items and provenance on the way; `InputError` on what RDF 1.1,
        and so the SHACL engines, cannot hold (triple terms, text directions)."""
        for quad in quads:
            predicate = quad.predicate.value
            obj = quad.object
            if isinstance(obj, ox.Triple) or isinstance(quad.subject, ox.Triple):
                raise InputError(name, None, _RDF_1_2.format("triple term (<< ... >>)"))
            if isinstance(obj, ox.Literal) and obj.direction is not None:
                raise InputError(name, None, _RDF_1_2.format(f"text direction ({obj})"))
            subject = value(quad.subject)
            if (
                predicate == RDF_TYPE
                and isinstance(obj, ox.NamedNode)
                and obj.value in self.item_classes
            ):
                self.items.setdefault(subject, _graph(quad))
            elif predicate == PROV + "wasDerivedFrom" and isinstance(obj, ox.NamedNode):
                self.derived.setdefault(subject, obj.value)
            elif predicate == OSCE + "sourcePath" and isinstance(obj, ox.Literal):
                self.paths.setdefault(subject, obj.value)
            elif (
                predicate == OSCE + "sourceLine"
                and isinstance(obj, ox.Literal)
                and obj.value.isdigit()
            ):
                self.lines.setdefault(subject, int(obj.value))
            yield quad

    def origin(self, item: str) -> tuple[str, int | None] | None:
        source = self.derived.get(item)
        if source is None:
            return None
        return self.paths.get(source, source), self.lines.get(item)


def _graph(quad: ox.Quad) -> str:
    return value(quad.graph_name) if not isinstance(quad.graph_name, ox.DefaultGraph) else ""


def _check_rdf(
    pipeline: Pipeline,
    file: Path,
    rdf_format: ox.RdfFormat | None,
    root: Path,
    outcome: ValidationReport,
    missing: set[str],
) -> None:
    """Validate one RDF file whole, and say where each result came from."""
    name = _shown(file)
    if file == STDIN:
        piped = sys.stdin.buffer.read()

        def read() -> Iterator[ox.Quad]:
            return read_quads(piped, name, rdf_format=rdf_format)
    elif file.is_dir():  # a build folder: its dump (the TriG), joined from its parts as read
        dump = next(d for d in DUMP_FORMATS if d.file_name in offered_files(file))
        name = _shown(file / dump.file_name)
        dump_format = RDF_FORMATS[Path(dump.file_name).suffix]

        def read() -> Iterator[ox.Quad]:
            with open_dump(file, dump) as data:
                yield from read_quads(data, name, rdf_format=dump_format)
    else:
        base = file.resolve().as_uri()

        def read() -> Iterator[ox.Quad]:
            return read_quads(file, name, rdf_format=rdf_format, base_iri=base)

    provenance = _Provenance(_item_classes(pipeline))
    quads = list(provenance.quads_of(read(), name))
    if not quads:
        raise InputError(name, None, "no RDF triples in the file: nothing to validate")
    results = pipeline.validator.validate_union(quads)
    outcome.items += len(provenance.items)
    owners = _owners(results, provenance, pipeline, quads)
    pages = _Pages(root, pipeline)
    located: list[ValidationResult] = []
    for found in results:
        result = replace(found, rdf_file=name)
        item = owners.get(result.focus)
        origin = provenance.origin(item) if item is not None else None
        if origin is None:
            located.append(result.located(*pipeline.reference_location(result.focus)))
            continue
        recorded, line = origin
        if line is not None and result.focus == item:
            line = pages.line(recorded, line, result.path)
        if not pages.exists(recorded):
            missing.add(recorded)
        located.append(result.located(pages.shown(recorded), line))
    outcome.results.extend(distinct(located))


def _item_classes(pipeline: Pipeline) -> frozenset[str]:
    """schema:NewsArticle and its subclasses in the ontology: the types that make an item."""
    classes = {SCHEMA + "NewsArticle"}
    subclasses = [
        (value(t.subject), value(t.object))
        for t in pipeline.ontology
        if t.predicate.value == RDFS + "subClassOf" and isinstance(t.object, ox.NamedNode)
    ]
    grown = True
    while grown:
        found = {sub for sub, sup in subclasses if sup in classes}
        grown = not found <= classes
        classes |= found
    return frozenset(classes)


def _owners(
    results: list[ValidationResult],
    provenance: _Provenance,
    pipeline: Pipeline,
    quads: Iterable[ox.Quad],
) -> dict[str, str]:
    """Focus node -> the item it belongs to: itself, or the item it is a part of
    (`item#...`); else, from the file's quads, the first item (by its page) whose graph
    describes it, or that links to it or is linked from it, directly or through one of its
    parts. Reference data keeps its own location."""
    items = provenance.items

    def item_of(node: str) -> str | None:
        if node in items:
            return node
        whole = node.partition("#")[0]
        return whole if whole in items else None

    owners: dict[str, str] = {}
    unresolved: set[str] = set()
    for result in results:
        owner = item_of(result.focus)
        if owner is not None:
            owners[result.focus] = owner
        elif pipeline.reference_location(result.focus) == (None, None):
            unresolved.add(result.focus)
    if not unresolved:
        return owners
    in_graph: dict[str, list[str]] = defaultdict(list)
    for item, graph in items.items():
        if graph:
            in_graph[graph].append(item)
    candidates: dict[str, set[str]] = defaultdict(set)
    for quad in quads:
        subject = value(quad.subject)
        obj = quad.object.value if isinstance(quad.object, ox.NamedNode) else None
        if subject in unresolved:
            candidates[subject].update(in_graph.get(_graph(quad), ()))
            linked = item_of(obj) if obj is not None else None
            if linked is not None:
                candidates[subject].add(linked)
        if obj in unresolved:
            linking = item_of(subject)
            if linking is not None:
                candidates[obj].add(linking)
    for focus, found in candidates.items():
        ordered = sorted(found, key=lambda item: (_page_order(provenance.origin(item)), item))
        if ordered:
            owners[focus] = ordered[0]
    return owners


def _page_order(origin: tuple[str, int | None] | None) -> tuple[bool, str, int]:
    """Items with a page first, in page and line order."""
    if origin is None:
        return (True, "", 0)
    return (False, origin[0], origin[1] or 0)


class _Pages:
    """The saved pages named in the data, found under a root folder and read when needed."""

    def __init__(self, root: Path, pipeline: Pipeline) -> None:
        self.root = root
        self.pipeline = pipeline
        self._items: dict[str, dict[int, Item]] = {}

    def exists(self, recorded: str) -> bool:
        return self._file(recorded) is not None

    def _file(self, recorded: str) -> Path | None:
        """The page, if the data names a file below the root (a build records relative
        paths; the data is not trusted to name any other file to read)."""
        parts = PurePosixPath(recorded).parts
        if not parts or parts[0] == "/" or ".." in parts or "\\" in recorded:
            return None
        file = self.root / recorded
        return file if file.is_file() else None

    def shown(self, recorded: str) -> str:
        return _shown(self.root / recorded)

    def line(self, recorded: str, line: int, predicate: str | None) -> int:
        """The line of the item's value for `predicate` on the page, if the page can be read."""
        if predicate not in VALUES_OFF_THE_TITLE_LINE:
            return line
        if recorded not in self._items:
            self._items[recorded] = self._read(recorded)
        item = self._items[recorded].get(line)
        return value_line(item, predicate) if item is not None else line

    def _read(self, recorded: str) -> dict[int, Item]:
        file = self._file(recorded)
        if file is None:
            return {}
        try:
            page = SavedPage.read(file, recorded).parse(
                content_types=self.pipeline.content_types, navigation=False
            )
        except OsceRdfError:
            return {}
        return {item.origin.line: item for item in page.items}
