"""`build`: saved pages -> a validated dataset in a folder.

Pages are independent, so they are processed in batches across worker processes (`pipeline`),
and their outputs are written as they come back, in page order (`outputs`). A bad page is
reported and skipped; the rest is written. The first item wins when two pages yield the same
item IRI (same date and title); the other is reported.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .bundled import PAGES_DIR
from .describe import dataset_triples
from .errors import PageError, UsageError
from .jsonld import graph_block
from .outputs import DatasetWriter
from .pages import find_pages
from .pipeline import ItemOutput, PageOutput, Pipeline, Settings
from .records import Origin
from .serialize import turtle_block
from .validation import Result, distinct

__all__ = ["BuildConfig", "BuildResult", "build", "build_time"]

BuildConfig = Settings
_BATCH = 48


@dataclass
class Review:
    """A name the reference data does not know, with where it was seen."""

    kind: str
    written: str
    key: str
    seen: list[Origin] = field(default_factory=list)


@dataclass
class BuildResult:
    """What a build did: counts, problems, and the validation report."""

    pages: int = 0
    pages_bad: int = 0
    items: int = 0
    triples: int = 0
    quads: int = 0
    errors: list[PageError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings that are not SHACL results
    results: list[Result] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    @property
    def violations(self) -> int:
        return sum(1 for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> int:
        return sum(1 for r in self.results if r.severity == "Warning") + len(self.notes)

    @property
    def exit_code(self) -> int:
        """0 all read and valid; 1 some pages bad or data invalid; 2 nothing readable."""
        if self.items == 0:
            return 2
        return 1 if self.errors or self.violations else 0


def build_time() -> dt.datetime:
    """Now, or `SOURCE_DATE_EPOCH` when set, as reproducible builds expect."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except ValueError:
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


_WORKER: Pipeline | None = None


def _worker_init(settings: Settings) -> None:
    global _WORKER  # noqa: PLW0603 - one pipeline per worker process, built once
    _WORKER = Pipeline(settings)


def _worker_process(batch: Sequence[tuple[Path, Path]]) -> list[PageOutput]:
    assert _WORKER is not None
    return _WORKER.process(batch)


def _batches(pages: Sequence[tuple[Path, Path]], size: int) -> list[Sequence[tuple[Path, Path]]]:
    return [pages[i : i + size] for i in range(0, len(pages), size)]


def _page_outputs(
    pipeline: Pipeline, pages: Sequence[tuple[Path, Path]], workers: int
) -> Iterator[list[PageOutput]]:
    batches = _batches(pages, _BATCH)
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            yield pipeline.process(batch)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(workers, initializer=_worker_init, initargs=(pipeline.settings,)) as pool:
        yield from pool.imap(_worker_process, batches)


def build(
    inputs: Iterable[Path] = (PAGES_DIR,),
    out_dir: Path | None = Path("dist"),
    settings: Settings | None = None,
    *,
    workers: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build the dataset from saved pages; write it to `out_dir` unless that is None.

    `workers` is the number of processes (0: one per CPU). `progress(done, total)` is
    called after each batch of pages.
    """
    settings = settings or Settings()
    paths = list(inputs)
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    pages = list(find_pages(paths))
    pipeline = Pipeline(settings)
    result = BuildResult(pages=len(pages))
    batches = _page_outputs(pipeline, pages, workers or os.cpu_count() or 1)
    if out_dir is None:
        _assemble(pipeline, batches, None, result, progress)
    else:
        with DatasetWriter(out_dir, pipeline.prefixes, pipeline.context.document()) as writer:
            _assemble(pipeline, batches, writer, result, progress)
        result.outputs = writer.files
    if settings.validate:
        result.results = distinct([*result.results, *pipeline.validate_reference()])
    return result


def _assemble(
    pipeline: Pipeline,
    batches: Iterable[list[PageOutput]],
    writer: DatasetWriter | None,
    result: BuildResult,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Take page outputs in order; write items, count, and finish with shared and dataset graphs."""
    context = pipeline.context
    iris = pipeline.iris
    classes: Counter[str] = Counter()
    if writer is not None:
        writer.graph(
            iris.ontology_graph,
            pipeline.ontology,
            graph_block(iris.ontology_graph, pipeline.ontology, context),
        )
        writer.graph(
            iris.reference_graph,
            pipeline.reference_graph,
            graph_block(iris.reference_graph, pipeline.reference_graph, context),
        )
    for triple in pipeline.reference_graph:
        if triple.predicate.value.endswith("#type") and isinstance(triple.object, ox.NamedNode):
            classes[triple.object.value] += 1
    seen: dict[str, Origin] = {}
    shared: set[str] = set()
    review: dict[tuple[str, str], Review] = {}
    results: list[Result] = []
    own_triples = 0
    done = 0
    for batch in batches:
        for page in batch:
            done += 1
            if page.problems:
                result.errors.extend(page.problems)
                if not page.items:
                    result.pages_bad += 1
            for item in page.items:
                if item.key in seen:
                    first = seen[item.key]
                    result.notes.append(
                        f"{item.origin.path}:{item.origin.line}: warning: the same item (date and title) as "
                        f"{first.path}:{first.line}; only the first is kept"
                    )
                    continue
                seen[item.key] = item.origin
                _count_item(item, classes)
                own_triples += item.triples - len(item.shared)
                result.quads += item.triples
                shared.update(item.shared)
                results.extend(item.results)
                for kind, written, key in item.unknown:
                    review.setdefault((kind, key), Review(kind, written, key)).seen.append(
                        item.origin
                    )
                if writer is not None:
                    writer.write(item.trig, item.turtle, item.jsonld)
        if progress is not None:
            progress(done, result.pages)
    result.items = len(seen)
    result.review = sorted(review.values(), key=lambda r: (r.kind, r.key))
    result.results = results
    shared_triples = sorted(
        ox.parse("".join(line + "\n" for line in sorted(shared)), format=ox.RdfFormat.N_TRIPLES),
        key=str,
    )
    subjects_typed = {
        (t.subject.value, t.object.value)
        for t in shared_triples
        if t.predicate.value.endswith("#type")
    }
    for _, class_iri in subjects_typed:
        classes[class_iri] += 1
    # The dataset's size, not counting the triples of its own description.
    result.triples = (
        len(pipeline.ontology) + len(pipeline.reference_graph) + own_triples + len(shared_triples)
    )
    typed_reference = sum(
        1 for t in pipeline.reference_graph if t.predicate.value.endswith("#type")
    )
    dataset = dataset_triples(
        iris,
        triples=result.triples,
        entities=result.items + typed_reference + len(subjects_typed),
        classes=classes,
        items=result.items,
        built=build_time(),
        software_version=_version(),
    )
    result.quads += len(pipeline.ontology) + len(pipeline.reference_graph) + len(dataset)
    if writer is not None:
        writer.union_only(turtle_block(shared_triples, pipeline.prefixes))
        writer.graph(iris.dataset_graph, dataset, graph_block(iris.dataset_graph, dataset, context))


def _count_item(item: ItemOutput, classes: Counter[str]) -> None:
    for class_iri, count in item.classes.items():
        classes[class_iri] += count


def _version() -> str:
    from . import __version__

    return __version__
