"""`build`: saved pages -> a validated dataset in a folder.

Pages are independent, so they are processed in batches across worker processes (`pipeline`),
and their outputs are written as they come back, in page order (`outputs`). Pages unchanged
since the last build into the same folder are copied from it (`incremental`). A bad page is
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

from . import __version__
from .bundled import PAGES_DIR
from .describe import dataset_triples
from .errors import PageError, UsageError
from .incremental import INDEX_FILE, PreviousBuild, write_index
from .outputs import JSONLD_SEPARATOR, DatasetWriter
from .pages import page_files
from .pipeline import ItemOutput, PageOutput, Pipeline, Settings, Span
from .records import Origin
from .replacements import ItemHistory
from .serialize import prefix_header, sorted_triples
from .store import STORE_DIR, StoreLoader, open_store, update_store
from .terms import value
from .text_index import (
    TEXT_INDEX,
    Entry,
    TextIndex,
    store_entries,
    update_text_index,
    write_text_index,
)
from .validation import RDF_TYPE, Result, distinct

__all__ = ["BuildConfig", "BuildResult", "build", "build_time"]

BuildConfig = Settings
_BATCH = 64


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

    rebuilt: int = 0  # pages read and processed, not copied from the previous build

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


def _rendered(
    pipeline: Pipeline, files: Sequence[tuple[str, Path]], workers: int
) -> Iterator[PageOutput]:
    """The outputs of pages to render, in order: in worker processes when there are many."""
    pages = [(Path(file), root) for file, root in files]
    batches = [pages[i : i + _BATCH] for i in range(0, len(pages), _BATCH)]
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            yield from pipeline.process(batch)
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with context.Pool(workers, initializer=_worker_init, initargs=(pipeline.settings,)) as pool:
        for outputs in pool.imap(_worker_process, batches):
            yield from outputs


def _in_order(
    cached: Sequence[PageOutput | None], fresh: Iterator[PageOutput]
) -> Iterator[PageOutput]:
    """Every page's output in page order: the cached one, or the next freshly rendered."""
    for entry in cached:
        yield entry if entry is not None else next(fresh)


def build(
    inputs: Iterable[Path] = (PAGES_DIR,),
    out_dir: Path | None = Path("dist"),
    settings: Settings | None = None,
    *,
    workers: int = 0,
    progress: Callable[[int, int], None] | None = None,
    incremental: bool = True,
    store: bool = True,
) -> BuildResult:
    """Build the dataset from saved pages; write it to `out_dir` unless that is None.

    `workers` is the number of processes (0: one per CPU). `progress(done, total)` is called
    as pages are done. With `incremental`, pages unchanged since the last build into
    `out_dir` are copied from it rather than processed again (see `incremental`). With
    `store`, the dataset is also loaded into the embedded store `out_dir/store`.
    """
    settings = settings or Settings()
    paths = list(inputs)
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    pages = list(page_files(paths))
    pipeline = Pipeline(settings)
    result = BuildResult(pages=len(pages))
    previous = PreviousBuild.open(out_dir, pipeline) if out_dir and incremental else None
    assembler = _Assembler(pipeline, result, previous, progress)
    if out_dir is not None:  # read by full builds too: they must record the same
        assembler.history = ItemHistory.read(out_dir / INDEX_FILE)
    try:
        cached = [previous.reuse(file) if previous else None for file, _ in pages]
        todo = [page for page, entry in zip(pages, cached, strict=True) if entry is None]
        result.rebuilt = len(todo)
        outputs = _in_order(cached, _rendered(pipeline, todo, workers or os.cpu_count() or 1))
        if out_dir is None:
            assembler.run(outputs, None)
        else:
            fresh_store = store and (previous is None or not (out_dir / STORE_DIR).is_dir())
            assembler.loader = StoreLoader(out_dir, assembler.header) if fresh_store else None
            with DatasetWriter(out_dir, pipeline.prefixes, pipeline.context.document()) as writer:
                assembler.run(outputs, writer)
            result.outputs = writer.files
    except BaseException:
        if assembler.loader is not None:
            assembler.loader.abort()
        raise
    finally:
        if previous is not None:
            previous.close()
    reference_results: list[Result] = []
    if settings.validate:
        reference_results = (
            previous.reference_results if previous else pipeline.validate_reference()
        )
        result.results = distinct([*result.results, *reference_results])
    if out_dir is not None:
        write_index(
            out_dir, pipeline, assembler.pages, reference_results, previous, assembler.replaced
        )
        if assembler.loader is not None:
            result.outputs.append(assembler.loader.finish())
            texts = assembler.texts
            if texts is None:  # some items were copied from a build whose store is gone
                texts = store_entries(open_store(out_dir))
            result.outputs.append(write_text_index(out_dir, texts))
        elif store:
            _update_store(out_dir, previous, assembler)
            result.outputs.extend([out_dir / STORE_DIR, out_dir / TEXT_INDEX])
    return result


def _update_store(out_dir: Path, previous: PreviousBuild | None, assembler: _Assembler) -> None:
    """Replace the graphs that changed since the previous build in its store."""
    assert previous is not None
    graphs = {item.graph for page in assembler.pages for item in page.items}
    removed = (previous.graphs() - graphs) | set(assembler.fresh_graphs) | {assembler.dataset_graph}
    index = TextIndex.open(out_dir)  # before the store changes, while it still fits
    added = update_store(
        out_dir,
        sorted(removed),
        [*assembler.fresh_blocks, assembler.dataset_block],
        assembler.header,
    )
    update_text_index(out_dir, index, removed, added)


class _Assembler:
    """Takes page outputs in order: writes items, counts, and ends with shared and dataset graphs."""

    def __init__(
        self,
        pipeline: Pipeline,
        result: BuildResult,
        previous: PreviousBuild | None,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.pipeline = pipeline
        self.result = result
        self.previous = previous
        self.progress = progress
        self.pages: list[PageOutput] = []
        self.fresh_graphs: list[str] = []
        self.fresh_blocks: list[bytes] = []
        self.header = prefix_header(pipeline.prefixes).encode("utf-8")
        self.dataset_graph = pipeline.iris.dataset_graph
        self.dataset_block = b""
        self.loader: StoreLoader | None = None
        self.texts: list[Entry] | None = []  # None once an item without them is kept
        self._run: list[ItemOutput] = []
        self.history = ItemHistory()
        self.replaced: dict[str, str] = {}  # old item key -> current key

    def run(self, outputs: Iterable[PageOutput], writer: DatasetWriter | None) -> None:
        pipeline, result, iris = self.pipeline, self.result, self.pipeline.iris
        if writer is not None:
            for name, triples in (
                (iris.ontology_graph, pipeline.ontology),
                (iris.reference_graph, pipeline.reference_graph),
            ):
                blocks = pipeline.render_graph(name, triples)
                writer.write(*blocks)
                self._load(blocks[0], blocks[1])
        classes: Counter[str] = Counter()
        for triple in pipeline.reference_graph:
            if triple.predicate.value == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                classes[triple.object.value] += 1
        seen: dict[str, Origin] = {}
        shared: set[str] = set()
        review: dict[tuple[str, str], Review] = {}
        own_triples = 0
        # Every item's Turtle block describes its saved page; a listing page's items repeat it.
        page_description = len(pipeline.mapper.source_triples("page"))
        for done, page in enumerate(outputs, start=1):
            self.pages.append(page)
            if page.problems:
                result.errors.extend(page.problems)
                if not page.items:
                    result.pages_bad += 1
            kept = 0
            for item in page.items:
                if item.key in seen:
                    first = seen[item.key]
                    result.notes.append(
                        f"{item.origin.path}:{item.origin.line}: warning: the same item (date and title) "
                        f"as {first.path}:{first.line}; only the first is kept"
                    )
                    continue
                seen[item.key] = item.origin
                for class_iri, count in item.classes.items():
                    classes[class_iri] += count
                own_triples += item.triples - len(item.shared) - (page_description if kept else 0)
                kept += 1
                result.quads += item.triples
                shared.update(item.shared)
                result.results.extend(item.results)
                for kind, written, key in item.unknown:
                    review.setdefault((kind, key), Review(kind, written, key)).seen.append(
                        item.origin
                    )
                if self.texts is not None and item.texts is not None:
                    self.texts.extend(item.texts)
                else:
                    self.texts = None
                if writer is not None:
                    self._write(item, writer)
            if self.progress is not None and (done % 100 == 0 or done == result.pages):
                self.progress(done, result.pages)
        if writer is not None:
            self._copy_run(writer)
        result.items = len(seen)
        result.review = sorted(review.values(), key=lambda r: (r.kind, r.key))
        union_only = sorted_triples(
            ox.parse("".join(line + "\n" for line in shared), format=ox.RdfFormat.N_TRIPLES)
        )
        typed = {
            (value(t.subject), value(t.object)) for t in union_only if t.predicate.value == RDF_TYPE
        }
        for _, class_iri in typed:
            classes[class_iri] += 1
        # The dataset's size, not counting the triples of its own description.
        result.triples = (
            len(pipeline.ontology) + len(pipeline.reference_graph) + own_triples + len(union_only)
        )
        typed_reference = sum(1 for t in pipeline.reference_graph if t.predicate.value == RDF_TYPE)
        self.replaced = self.history.update(
            (page.path, [item.key for item in page.items]) for page in self.pages
        )
        dataset = sorted_triples(
            dataset_triples(
                iris,
                triples=result.triples,
                entities=result.items + typed_reference + len(typed),
                classes=classes,
                items=result.items,
                built=build_time(),
                software_version=__version__,
                replaced=self.replaced,
            )
        )
        result.quads += len(pipeline.ontology) + len(pipeline.reference_graph) + len(dataset)
        if writer is not None:
            union_block = pipeline.blocks.turtle(union_only)
            writer.union_only(union_block)
            blocks = pipeline.render_graph(self.dataset_graph, dataset)
            writer.write(*blocks)
            self.dataset_block = blocks[0]
            self._load(union_block, blocks[0], blocks[1])

    def _load(self, *blocks: bytes) -> None:
        """Into the fresh store: TriG blocks into their graphs, Turtle blocks into the union
        (its default graph, see `store`)."""
        if self.loader is not None:
            for block in blocks:
                self.loader.add(block)

    def _write(self, item: ItemOutput, writer: DatasetWriter) -> None:
        """Write a fresh item's blocks; gather unchanged items into runs copied in one go."""
        if item.blocks is None:
            assert item.spans is not None
            if self._run and not _follows(self._run[-1].spans, item.spans):
                self._copy_run(writer)
            self._run.append(item)
            return
        self._copy_run(writer)
        self.fresh_graphs.append(item.graph)
        self.fresh_blocks.append(item.blocks[0])
        spans = writer.write(*item.blocks)
        self._load(item.blocks[0], item.blocks[1])
        item.spans = (spans[0], spans[1], spans[2])
        item.blocks = None

    def _copy_run(self, writer: DatasetWriter) -> None:
        """Copy consecutive unchanged items from the previous files: a few reads, not thousands."""
        if not self._run:
            return
        assert self.previous is not None
        first, last = self._run[0].spans, self._run[-1].spans
        assert first is not None and last is not None
        ranges = [(first[i][0], last[i][0] + last[i][1]) for i in range(3)]
        if self.loader is not None:
            self._load(self.previous.read(0, *ranges[0]), self.previous.read(1, *ranges[1]))
        written = writer.copy(self.previous.files, ranges)
        for item in self._run:
            old = item.spans
            assert old is not None
            moved = [(old[i][0] - ranges[i][0] + written[i][0], old[i][1]) for i in range(3)]
            item.spans = (moved[0], moved[1], moved[2])
        self._run = []


def _follows(before: tuple[Span, Span, Span] | None, after: tuple[Span, Span, Span] | None) -> bool:
    """Whether `after`'s blocks come right after `before`'s in all three previous files."""
    assert before is not None and after is not None
    gaps = (0, 0, len(JSONLD_SEPARATOR))
    return all(before[i][0] + before[i][1] + gaps[i] == after[i][0] for i in range(3))
