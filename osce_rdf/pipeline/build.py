"""`build`: saved pages -> a validated dataset in a folder.

Pages are independent, so they are processed in batches across worker processes (`pipeline`),
and their outputs are written as they come back, in page order (`outputs`). Pages unchanged
since the last build into the same folder are copied from it (`incremental`). A bad page is
reported and skipped; the rest is written. Item IRIs are chosen from all the items at once
(`iris.item_keys`): two titles of one day with one slug get one IRI each; the same title twice
on one day is one item, the first page's, and the other is reported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import multiprocessing
import os
import shutil
import signal
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ..atomic_files import remove_temporaries, set_aside, write_back
from ..errors import PageError, UsageError
from ..identity.iris import item_keys
from ..identity.namespaces import RDF_TYPE
from ..identity.rdf_terms import value
from ..mapping.dataset_description import dataset_triples
from ..package_data import PAGES_DIR
from ..reading.pages import page_files
from ..reading.records import Origin
from ..rendering.dumps import (
    DUMP_FORMATS,
    OUTPUT_FILES,
    TRIG,
    DatasetWriter,
    Extent,
    block_in,
    discard_dumps,
    dump_generation,
    switch_dumps,
)
from ..rendering.rdf_text import nt_lines, sorted_triples
from ..validation.shacl import ValidationResult, distinct, severity_counts
from ..version import __version__
from .incremental import (
    INDEX_FILE,
    PreviousBuild,
    StoreState,
    Totals,
    UnionBlock,
    link_part_index,
    read_index,
    write_index,
    write_part_index,
)
from .lock import FolderLock
from .page_pipeline import (
    Identity,
    ItemOutput,
    Keys,
    PageOutput,
    Pipeline,
    Settings,
    Validation,
)
from .replacements import ItemHistory
from .store import (
    STORE_DIR,
    StoreLoader,
    checkpoint,
    discard_generations,
    open_store,
    remove_store,
    store_path,
    switch_store,
    update_store,
)
from .text_index import (
    STAMP,
    TEXT_INDEX,
    Entry,
    TextIndex,
    TextSpool,
    store_entries,
    write_text_index,
)

__all__ = ["BuildResult", "Builder", "build", "build_time"]

_BATCH = 64
# Past this share of the pages replaced since the store was last loaded whole, a new store is
# loaded: each replacement in place leaves the store larger (RocksDB keeps what it replaced
# until it compacts), and past about 20% it is no quicker. Measured at 3,000 pages, pages
# changed / in place / loaded anew: 5% 3.4 s, store 216 MB / 9.6 s, 176 MB; 10% 6.1 s,
# 255 MB / 9.7 s, 176 MB; 20% 10.1 s, 333 MB / 10.3 s, 176 MB; 50% 25.5 s / 16.8 s.
_IN_PLACE_SHARE = 0.1
# A part of the dump files begins at a page whose path hashes to 0 modulo this: about this
# many pages per part, cut where the pages are, not where they are counted, so that a page
# added or removed moves no other part's boundary (docs/decisions/0034).
PAGES_PER_PART = 128


def _begins_part(path: str) -> bool:
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % PAGES_PER_PART == 0


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
    results: list[ValidationResult] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    @property
    def violations(self) -> int:
        return severity_counts(self.results)["Violation"]

    @property
    def warnings(self) -> int:
        return severity_counts(self.results)["Warning"] + len(self.notes)

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
Batch = Sequence[tuple[Path, Path]]
T = TypeVar("T")


def _worker_init(settings: Settings) -> None:
    global _WORKER  # noqa: PLW0603 - one pipeline per worker process, built once
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build, which stops workers
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    _WORKER = Pipeline(settings)


def _exit_with(parent: int) -> None:
    """A worker whose build was killed would wait for work for ever: it stops within a second."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _identify(pipeline: Pipeline, batch: Batch, keys: Keys) -> list[list[Identity]]:
    return pipeline.identify(batch)


def _process(pipeline: Pipeline, batch: Batch, keys: Keys) -> list[PageOutput]:
    return pipeline.process(batch, keys)


def _in_worker(function: Callable[[Pipeline, Batch, Keys], T], batch: Batch, keys: Keys) -> T:
    assert _WORKER is not None
    return function(_WORKER, batch, keys)


class _Workers:
    """Batches of pages done in worker processes, results in order; in this process when
    there is one worker or one batch.

    A worker that dies (killed, out of memory) stops the build with one line: the batch it
    held would never come back, and the build would wait for it for ever.
    """

    def __init__(self, pipeline: Pipeline, count: int) -> None:
        self.pipeline = pipeline
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        self._validation: Validation | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._pool is not None:  # on an error, the batches not started are dropped
            # A broken pool's manager thread is joined here, not by the interpreter's exit
            # hook, which could wake it through a pipe it had closed ("Exception ignored in:
            # <module 'threading'>" after the one line, in about one run in forty).
            self._pool.shutdown(wait=kind is None or self._broken, cancel_futures=True)

    def map(
        self,
        function: Callable[[Pipeline, Batch, Keys], T],
        pages: Sequence[tuple[str, Path]],
        keys: Keys,
        *,
        last: bool = False,
    ) -> Iterator[T]:
        """`function` of each batch, in order. With `last` (the build's last use of the
        workers), the workers are stopped as soon as the last batch comes back, before its
        pages are written: the end of the build (the union, the store's compaction, the text
        index) ran with two idle workers holding 230 MB each at 25,000 pages, the build's
        peak of memory."""
        batches = _batches(pages)
        if self._here(batches):
            for batch in batches:
                yield function(self.pipeline, batch, keys)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.count,
                mp_context=multiprocessing.get_context("fork" if os.name == "posix" else "spawn"),
                initializer=_worker_init,
                initargs=(self.pipeline.settings,),
            )
        try:
            pool = self._pool
            results = pool.map(partial(_in_worker, function), batches, itertools.repeat(keys))
            for done, result in enumerate(results, start=1):
                if last and done == len(batches):
                    self._pool = None
                    pool.shutdown()
                yield result
        except BrokenProcessPool:
            self._broken = True
            raise UsageError(
                "a worker process stopped before finishing its pages (killed, or out of "
                "memory?); nothing was written"
            ) from None

    def process(self, pages: Sequence[tuple[str, Path]], keys: Keys) -> Iterator[PageOutput]:
        """The pages read, mapped, rendered and validated, in order. In this process a page
        comes out rendered while its batch is still validated in a thread, so that its blocks
        are written and loaded meanwhile: its items have their results only after `settle`
        (one batch's validation at a time is left running)."""
        batches = _batches(pages)
        if not self._here(batches):
            yield from itertools.chain.from_iterable(self.map(_process, pages, keys, last=True))
            return
        for batch in batches:
            self.settle()
            outputs, self._validation = self.pipeline.begin(batch, keys)
            yield from outputs

    def settle(self) -> None:
        """Wait for the validation `process` left running: every page it gave has its results."""
        if self._validation is not None:
            self._validation.wait()
            self._validation = None

    def _here(self, batches: Sequence[Batch]) -> bool:
        return self.count <= 1 or len(batches) <= 1


def _batches(pages: Sequence[tuple[str, Path]]) -> list[Batch]:
    files = [(Path(file), root) for file, root in pages]
    return [files[i : i + _BATCH] for i in range(0, len(files), _BATCH)]


def _in_order(
    cached: Sequence[PageOutput | None], fresh: Iterator[PageOutput]
) -> Iterator[PageOutput]:
    """Every page's output in page order: the cached one, or the next freshly rendered."""
    for entry in cached:
        yield entry if entry is not None else next(fresh)


def _output_folder(folder: Path) -> list[Path]:
    """Make the output folder now, so that one that cannot be made fails before any page is
    read, not after all of them; the folders made (none when it exists), outermost first."""
    missing = [path for path in (folder, *folder.parents) if not path.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{folder}: cannot make the output folder: {error.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{folder}: cannot write to this folder")
    return missing[::-1]


def _folder_state(folder: Path) -> tuple[frozenset[str], int, int]:
    """What a folder holds and its times, to give a build that wrote nothing back its times
    (taking the lock creates and removes a file in it)."""
    status = folder.stat()
    return (
        frozenset(entry.name for entry in folder.iterdir()),
        status.st_atime_ns,
        status.st_mtime_ns,
    )


def _restore_folder_state(folder: Path, before: tuple[frozenset[str], int, int]) -> None:
    names, atime, mtime = before
    if frozenset(entry.name for entry in folder.iterdir()) == names:
        os.utime(folder, ns=(atime, mtime))


_REPLACED = (INDEX_FILE, TEXT_INDEX)  # large files a resident build sets aside (`set_aside`)


def _tidy(out_dir: Path) -> None:
    """Remove the generations a committed build replaced (and any a stopped one left), and
    the files it set aside."""
    discard_generations(out_dir)
    discard_dumps(out_dir)
    remove_temporaries(out_dir, _REPLACED)


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders `_output_folder` made, innermost first, where nothing was put."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _until_an_item(
    outputs: Iterator[PageOutput],
) -> tuple[list[PageOutput], Iterator[PageOutput] | None]:
    """The outputs of the pages before the first with an item (and that one), and the rest;
    None for the rest when no page has an item."""
    read: list[PageOutput] = []
    for page in outputs:
        read.append(page)
        if page.items:
            return read, outputs
    return read, None


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

    One build at a time writes to a folder (`build_lock`). The dumps, the store and the build
    index change together: a build that stops midway, however it stops, leaves the previous
    build's files and store as they were, or dumps that the next build sees it cannot trust;
    the next build removes what it left and makes everything consistent again.
    When no page gives an item (none found, or every one bad), nothing is written: a previous
    build in `out_dir` stays as it was, and the result has no items (exit code 2).
    """
    builder = Builder(
        inputs,
        out_dir,
        settings,
        workers=workers,
        progress=progress,
        incremental=incremental,
        store=store,
    )
    return builder.rebuild()


@dataclass
class _Plan:
    """The keys a build chose for its items and its warnings of titles sharing a date-slug key,
    for the pages list they were chosen from: the next rebuild of the same pages keeps them
    when the pages it reads again name the same items (`_Build._plan`)."""

    pages: list[tuple[str, Path]]
    keys: dict[tuple[str, str], str]  # those that differ from their date-slug key
    notes: list[str]


@dataclass
class _Held:
    """The last build a `Builder` wrote, as it left it: trusted by the next rebuild only while
    the folder's index is the file that build wrote and its dumps are the generation that
    build made (no other program has built since, not even a build stopped before its index:
    the generation it switched to, the next build's tidying could remove the held one's)."""

    previous: PreviousBuild
    history: ItemHistory
    index: tuple[int, ...]  # the index file's device, inode, size and times
    plan: _Plan | None
    walked: _Walked

    def current(self, out_dir: Path) -> bool:
        return (
            _identity(out_dir / INDEX_FILE) == self.index
            and dump_generation(out_dir) == self.previous.generation
        )


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (
        status.st_dev,
        status.st_ino,
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
    )


class Builder:
    """Builds of the same pages into the same folder, one after another in one process: the
    pipeline (language model, compiled shapes, enrichment lists, reference data) is made once,
    and each build's index stays in memory for the next (`rebuild`). `build` is one
    `rebuild`; `osce-rdf build --watch` calls it on every change (`watch`).

    A new process pays, before it reads a page, for imports, the pipeline's set-up, decoding
    the previous build's index and a `stat` of every page, whatever changed (measured in
    docs/decisions/0041, 0042). Every rebuild is a whole build otherwise: the same lock,
    commit order and outputs.
    """

    def __init__(
        self,
        inputs: Iterable[Path] = (PAGES_DIR,),
        out_dir: Path | None = Path("dist"),
        settings: Settings | None = None,
        *,
        workers: int = 0,
        progress: Callable[[int, int], None] | None = None,
        incremental: bool = True,
        store: bool = True,
        resident: bool = False,
    ) -> None:
        self.paths = list(inputs)
        for path in self.paths:
            if not path.exists():
                raise UsageError(f"{path}: no such file or folder")
        # Absolute paths: a page is the same page however its folder was typed.
        self.roots = [Path(os.path.abspath(path)) for path in self.paths]  # noqa: PTH100
        self.out_dir = out_dir
        self.pipeline = Pipeline(settings or Settings())
        self.workers = workers
        self.progress = progress
        self.incremental = incremental
        self.store = store
        # Kept for many rebuilds (a watch): see `rebuild` on the garbage collector.
        self.resident = resident
        self._pages: list[tuple[str, Path]] = []
        self._files: frozenset[str] = frozenset()
        self._unwalkable: list[PageError] = []
        self._walked = False
        self._held: _Held | None = None
        self._untidy = False  # the last rebuild left the generations it replaced (`tidy`)

    def rebuild(self, changed: Collection[str] | None = None) -> BuildResult:
        """Build again. `changed`: the only files that may have changed since the last
        rebuild (absolute paths, pages added or removed included), as a watch reports them;
        None (unknown) walks the inputs and looks at every page, as a new process does. The
        previous build is taken from memory when the folder's index is still the one this
        builder wrote, else read from the folder."""
        if changed is not None:
            changed = frozenset(changed)
        if changed is None or not self._walked or self._added_or_removed(changed):
            self._walk()
            if changed is not None:
                changed = self._with_pages_below(changed)
        result = BuildResult(pages=len(self._pages), errors=list(self._unwalkable))
        out_dir = self.out_dir
        if out_dir is None:
            _Build(self.pipeline, self._pages, result, None, self.workers, self.progress).run(None)
            return result
        try:
            made = _output_folder(out_dir)
            before = _folder_state(out_dir)
        except BaseException:
            self._held = None
            raise
        try:
            with FolderLock(out_dir):
                wrote = self._write(out_dir, result, changed)
        except BaseException:
            # The changes this rebuild was told of are not built: the next one, told only of
            # its own, must look at every page again (as a new process would).
            self._held = None
            _remove_empty(made)
            raise
        if self.resident:
            # What this builder holds for the next rebuild (some millions of objects at 25,000
            # pages) is left out of the cyclic garbage collector's full collections: one
            # scanned it all every other resident rebuild, 0.6-1.0 s of a one-page rebuild of
            # 1.3 s CPU. The objects a rebuild drops are still freed, by their reference
            # counts; the held build makes no cycles among them. Not for a one-off build: in
            # a long-lived process (a notebook, a test run) cycles made before it would be
            # frozen too, never collected.
            gc.freeze()
        if not wrote:  # no page gave an item: the folder stays as it was
            _remove_empty(made)
            if not made:
                _restore_folder_state(out_dir, before)
        return result

    def tidy(self) -> None:
        """Remove the generations of dumps and store that the last rebuild replaced. A
        resident builder leaves that to this call, made when it is idle (`watch`), so that a
        rebuild ends as soon as its outputs are in place: removing two folders of some 800
        hard links was 0.1-0.2 s of a one-page rebuild at 25,000 pages. Left undone, the next
        rebuild does it first, as every build does; a folder another build holds is left."""
        if not self._untidy or self.out_dir is None:
            return
        self._untidy = False
        with contextlib.suppress(UsageError), FolderLock(self.out_dir):
            _tidy(self.out_dir)
            # The indexes just written go to disk now, while the watch is idle: the next
            # rebuild opens the store to write, RocksDB syncs, and ext4 then wrote the 100 MB
            # text index of 25,000 pages first, 0.13-0.18 s of that rebuild (measured).
            for name in _REPLACED:
                write_back(self.out_dir / name)

    def warm(self) -> None:
        """Read one page with items again, in memory only, so that the pipeline makes now what
        it makes on first use (the enricher's lists, the language model, the compiled shapes,
        the engines' first runs). A watch calls this once its first build is done, while it
        waits for a change: the first changed page paid for it otherwise (at 25,000 pages
        the first one-page rebuild took 1.54 s and the next ones 0.70 s; one page read in a
        new pipeline 0.44 s, the next 0.03 s)."""
        held = self._held
        if held is None:
            return
        page = next((page for page in held.previous.pages.values() if page.items), None)
        if page is not None:
            self.pipeline.process([(Path(page.file), Path(page.root))])

    @property
    def files(self) -> frozenset[str]:
        """The pages the last rebuild read (absolute paths)."""
        return self._files

    def _walk(self) -> None:
        self._unwalkable = []
        self._pages = list(page_files(self.roots, self._unwalkable))
        self._files = frozenset(file for file, _ in self._pages)
        self._walked = True

    def _with_pages_below(self, changed: frozenset[str]) -> frozenset[str]:
        """`changed` and the pages below the folders it names: a folder moved away and back,
        its pages edited meanwhile, is one event for the folder, none for its pages."""
        folders = tuple(path.rstrip(os.sep) + os.sep for path in changed if path not in self._files)
        if not folders:
            return changed
        return changed | {file for file in self._files if file.startswith(folders)}

    def _added_or_removed(self, changed: Collection[str]) -> bool:
        """Whether the pages may be others than the last walk found: a changed path that is
        not one of them, or one of them that is gone."""
        return any(file not in self._files or not os.path.isfile(file) for file in changed)  # noqa: PTH113

    def _write(self, out_dir: Path, result: BuildResult, changed: Collection[str] | None) -> bool:
        pipeline = self.pipeline
        remove_temporaries(out_dir, (*OUTPUT_FILES, INDEX_FILE, TEXT_INDEX))
        discard_generations(out_dir)
        discard_dumps(out_dir)
        held, self._held = self._held, None  # a build changes what it holds: one use
        previous: PreviousBuild | None
        plan: _Plan | None = None
        walked: _Walked | None = None
        if held is not None and held.current(out_dir) and self.incremental:
            previous, history, walked = held.previous, held.history, held.walked
            unchanged = changed  # the pages not named there need no look
            if changed is not None:
                plan = held.plan
        else:
            index = read_index(out_dir)  # read once: 46 MB of JSON at 25,000 pages
            previous = PreviousBuild.open(out_dir, pipeline, index) if self.incremental else None
            # Read by full builds too: they must record the same replacements.
            history = ItemHistory.of(index)
            del index  # what is kept of it, PreviousBuild holds
            unchanged = None
        try:
            run = _Build(
                pipeline,
                self._pages,
                result,
                previous,
                self.workers,
                self.progress,
                unchanged,
                tidy=not self.resident,
                walked=walked,
            )
            run.last_plan = plan
            run.assembler.history = history
            wrote = run.run(out_dir, store=self.store)
        finally:
            if previous is not None:
                previous.close()
        self._untidy = self.resident and wrote
        if wrote and run.written is not None:
            self._held = _Held(
                run.written,
                run.assembler.history,  # this build's, after `ItemHistory.update`
                _identity(out_dir / INDEX_FILE) or (0, 0, 0, 0),
                run.plan,
                run.assembler.walked(),
            )
        return wrote


class _Build:
    """One build: which pages to render and under which keys, then the outputs, committed in
    an order that a stop at any point leaves consistent (see `run`)."""

    def __init__(
        self,
        pipeline: Pipeline,
        pages: list[tuple[str, Path]],
        result: BuildResult,
        previous: PreviousBuild | None,
        workers: int,
        progress: Callable[[int, int], None] | None,
        changed: Collection[str] | None = None,
        *,
        tidy: bool = True,
        walked: _Walked | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.pages = pages
        self.result = result
        self.tidy = tidy  # remove the generations replaced, once committed (else `Builder.tidy`)
        self.previous = previous
        self.workers = workers or os.cpu_count() or 1
        # `walked`: the last build's walk, when `previous` is that build, held in memory.
        self.assembler = _Assembler(pipeline, result, previous, progress, walked)
        # The only pages that may differ from `previous` (None: any); see `Builder.rebuild`.
        self.changed = changed
        self.written: PreviousBuild | None = None  # this build, for the next (`Builder`)
        # The last build's plan when `previous` is that build, held in memory (`Builder`),
        # and this one's, for the next.
        self.last_plan: _Plan | None = None
        self.plan: _Plan | None = None
        self.read_again: set[str] = set()  # the pages rendered, not copied (files)
        self.gone: set[str] = set()  # the previous build's pages this one has not (files)

    def run(self, out_dir: Path | None, *, store: bool = False) -> bool:
        """Render and write; then, once all is written, the commit: the dumps are renamed into
        place, the store's link switched to the new generation, and the build index written
        last. Until the index is written the previous one stands, and it does not trust dumps
        that were replaced, so a build stopped anywhere leaves the next one a consistent
        starting point. False when no page gave an item: then nothing is written."""
        pipeline, result, previous, assembler = (
            self.pipeline,
            self.result,
            self.previous,
            self.assembler,
        )
        with _Workers(pipeline, self.workers) as workers:
            cached, keys = self._plan(workers)
            self.gone = self._gone()
            if previous is not None:
                assembler.gone = [previous.pages[file].path for file in self.gone]
            todo = [page for page, entry in zip(self.pages, cached, strict=True) if entry is None]
            result.rebuilt = len(todo)
            self.read_again = {file for file, _ in todo}
            rendered = workers.process(todo, keys)
            unread, rest = _until_an_item(_in_order(cached, rendered))
            if rest is None:
                assembler.run(unread, None)
                return False
            outputs = itertools.chain(unread, rest)
            if out_dir is None:
                assembler.run(outputs, None)
                workers.settle()
                assembler.add_results()
                self._validate_reference()
                return True
            in_place = self._in_place(out_dir, len(todo)) if store else None
            generation: Path | None = None
            try:
                if store and in_place is None:
                    assembler.loader = StoreLoader(out_dir, assembler.header)
                    assembler.texts = TextSpool(out_dir)
                assembler.in_place = store and in_place is not None
                with DatasetWriter(out_dir, pipeline.context) as writer:
                    assembler.run(outputs, writer)
                    if not self.tidy:
                        for name in _REPLACED:
                            set_aside(out_dir / name)
                    if store:
                        generation = self._finish_store(out_dir)
                        writer.store = generation.name  # read with its dumps (the site)
                    # The last batch's validation ran while its blocks were written and the
                    # store loaded (docs/decisions/0037): nothing is committed before it ends.
                    workers.settle()
                assembler.add_results()
            except BaseException:
                if assembler.loader is not None:
                    assembler.loader.abort()
                if assembler.texts is not None:
                    assembler.texts.close()
                if generation is not None:
                    shutil.rmtree(generation, ignore_errors=True)
                raise
        switch_dumps(out_dir, writer.generation)
        result.outputs = writer.files
        if generation is not None:
            switch_store(out_dir, generation)
            result.outputs.extend([out_dir / STORE_DIR, out_dir / TEXT_INDEX])
        else:
            remove_store(out_dir)
            (out_dir / TEXT_INDEX).unlink(missing_ok=True)
            (out_dir / STAMP).unlink(missing_ok=True)
        reference_results = self._validate_reference()
        state = StoreState(generation.name if generation else None, in_place or 0)
        assert assembler.union is not None  # `run` made it
        entries = write_index(
            out_dir,
            pipeline,
            assembler.pages,
            reference_results,
            previous,
            state,
            writer.generation,
            assembler.totals,
            assembler.union,
            assembler.replaced,
            assembler.linked,
        )
        if self.tidy:
            _tidy(out_dir)
        self.written = PreviousBuild.held(
            out_dir,
            assembler.pages,
            entries,
            reference_results,
            state,
            assembler.totals,
            assembler.union,
        )
        return True

    def _in_place(self, out_dir: Path, rebuilt: int) -> int | None:
        """How many pages' graphs the store will have had replaced in place since it was last
        loaded whole, if this build replaces graphs in a checkpoint of it; None when it loads
        a new store: there is no previous build, its store is not the one its index names (a
        build stopped, or the store was removed), or too much changed (`_IN_PLACE_SHARE`)."""
        previous, current = self.previous, store_path(out_dir)
        if previous is None or current is None or previous.store.generation != current.name:
            return None
        try:
            open_store(out_dir)
        except UsageError:  # damaged (or held by another program): load a new store instead
            return None
        replaced = previous.store.replaced + rebuilt + len(self.gone) + 1  # + the dataset's
        return replaced if replaced <= _IN_PLACE_SHARE * len(self.pages) else None

    def _finish_store(self, out_dir: Path) -> Path:
        """The new store generation, complete and closed, with its text index written."""
        assembler = self.assembler
        if assembler.loader is not None:
            generation = assembler.loader.finish()
            if assembler.texts is None:  # some items were copied from the previous dumps
                write_text_index(
                    out_dir, store_entries(open_store(out_dir, path=generation)), generation
                )
            else:
                assembler.texts.write(out_dir, generation)
                assembler.texts.close()
            return generation
        removed = self._dropped_graphs() | set(assembler.fresh_graphs) | {assembler.dataset_graph}
        index = TextIndex.open(out_dir)  # of the current store, which the checkpoint copies
        generation = checkpoint(out_dir)
        try:
            update_store(
                generation,
                sorted(removed),
                [*assembler.fresh_blocks, assembler.dataset_block],
                assembler.header,
            )
            if index is not None:
                index.write_updated(out_dir, removed, assembler.fresh_texts, generation)
            else:
                write_text_index(
                    out_dir, store_entries(open_store(out_dir, path=generation)), generation
                )
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        return generation

    def _gone(self) -> set[str]:
        """The previous build's pages that this one does not read (removed, or moved away)."""
        previous, plan = self.previous, self.last_plan
        if previous is None or (plan is not None and plan.pages is self.pages):
            return set()  # the same pages as the last build of this `Builder`
        return previous.pages.keys() - {file for file, _ in self.pages}

    def _dropped_graphs(self) -> set[str]:
        """The previous build's item graphs that this one has not. Only the pages read again
        or gone can have held them, and a graph is dropped when no item kept now has its key
        (an item left out, a duplicate, has the graph of the kept one). Two sets of every
        item's graph, compared, were 0.07 s of a one-page rebuild at 25,000 pages."""
        previous, kept = self.previous, self.assembler.seen
        assert previous is not None
        return {
            item.graph
            for file in self.read_again | self.gone
            if (page := previous.pages.get(file)) is not None
            for item in page.items
            if item.key not in kept
        }

    def _validate_reference(self) -> list[ValidationResult]:
        if not self.pipeline.settings.validate:
            return []
        found = (
            self.previous.reference_results if self.previous else self.pipeline.validate_reference()
        )
        self.result.results = distinct([*self.result.results, *found])
        return found

    def _plan(
        self, workers: _Workers
    ) -> tuple[list[PageOutput | None], dict[tuple[str, str], str]]:
        """Which pages can be copied from the previous build, and the key of every item.

        Keys are chosen from all the items of the build at once (`iris.item_keys`), before
        anything is rendered, so they do not depend on the order of pages or on batches: the
        pages to render are read for their items' names first. A page whose items' keys
        changed, or whose item was left out as a duplicate and is now the first of its key,
        is rendered again.
        """
        previous, changed = self.previous, self.changed
        cached: list[PageOutput | None]
        if previous is None:
            cached = [None] * len(self.pages)
        elif changed is None:
            cached = [previous.reuse(file, str(root)) for file, root in self.pages]
        else:  # a page not named in `changed` is the previous one if it was read from `root`
            held = previous.pages.get
            cached = [
                entry
                if file not in changed
                and (entry := held(file)) is not None
                and entry.root == str(root)
                else previous.reuse(file, str(root), unchanged=file not in changed)
                for file, root in self.pages
            ]
        todo = [page for page, entry in zip(self.pages, cached, strict=True) if entry is None]
        found_todo = [found for batch in workers.map(_identify, todo, {}) for found in batch]
        plan = self.last_plan
        if (
            plan is not None
            and plan.pages is self.pages
            and previous is not None
            and self._same_items(previous, todo, found_todo)
        ):
            # The same pages, and those read again name the items they named, on the same
            # lines: the keys, the warnings and which pages are copied are the last build's.
            # Made again, they were a third of a resident one-page rebuild at 25,000 pages
            # (the identities of 35,000 items, `item_keys` over them, the loops below).
            self.result.notes.extend(plan.notes)
            previous.forget(file for file, _ in todo)
            self.plan = plan
            return cached, plan.keys
        identified = iter(found_todo)
        identities: list[list[Identity]] = []
        for entry in cached:
            if entry is None:
                identities.append(next(identified))
            else:
                identities.append(
                    [Identity(item.origin, item.slug_key, item.title_id) for item in entry.items]
                )
        keys = item_keys((i.slug_key, i.title_id) for found in identities for i in found)
        notes = self._shared_slugs(identities, keys)
        self.result.notes.extend(notes)
        seen: set[str] = set()
        for number, (entry, found) in enumerate(zip(cached, identities, strict=True)):
            fresh_keys = [keys[i.slug_key, i.title_id] for i in found]
            if entry is not None:
                kept = [key not in seen for key in fresh_keys]
                if any(
                    key != item.key or (first and item.extents is None)
                    for key, item, first in zip(fresh_keys, entry.items, kept, strict=True)
                ):
                    cached[number] = None
            seen.update(fresh_keys)
        if previous is not None:  # their entries will be written anew: the memory is freed
            previous.forget(
                file for (file, _), entry in zip(self.pages, cached, strict=True) if entry is None
            )
        renamed = {identity: key for identity, key in keys.items() if key != identity[0]}
        self.plan = _Plan(self.pages, renamed, notes)
        return cached, renamed

    @staticmethod
    def _same_items(
        previous: PreviousBuild, todo: list[tuple[str, Path]], found: list[list[Identity]]
    ) -> bool:
        """Whether each page read again names the items its previous output had, in the same
        order and on the same lines (a page new to `previous` does not)."""
        for (file, _), identities in zip(todo, found, strict=True):
            entry = previous.pages.get(file)
            if entry is None or [(i.origin, i.slug_key, i.title_id) for i in identities] != [
                (item.origin, item.slug_key, item.title_id) for item in entry.items
            ]:
                return False
        return True

    def _shared_slugs(
        self, identities: list[list[Identity]], keys: dict[tuple[str, str], str]
    ) -> list[str]:
        """A warning for each title that shares its date-slug key with another's."""
        notes: list[str] = []
        first: dict[str, Identity] = {}
        for found in identities:
            for identity in found:
                before = first.setdefault(identity.slug_key, identity)
                if before.title_id != identity.title_id:
                    notes.append(
                        f"{identity.origin.path}:{identity.origin.line}: warning: the title "
                        f"differs from that of {before.origin.path}:{before.origin.line} (same "
                        "date) only in case, punctuation or accents; both are kept, as item:"
                        f"{keys[before.slug_key, before.title_id]} and item:"
                        f"{keys[identity.slug_key, identity.title_id]}"
                    )
        return notes


@dataclass
class _Part:
    """What the pages of one part of the dumps added to a build (`_Assembler._account`): kept
    for the next build by the same `Builder`, which adds a part whose pages are the same again
    whole (`_Assembler._linkable`). At 25,000 pages, walking every page and item of the
    unchanged parts was 0.5 s of a one-page rebuild."""

    pages: list[PageOutput] = field(default_factory=list)
    kept: list[ItemOutput] = field(default_factory=list)
    seen: dict[str, Origin] = field(default_factory=dict)  # the kept items' keys
    errors: list[PageError] = field(default_factory=list)
    bad: int = 0  # pages with problems and no item
    own_triples: int = 0
    quads: int = 0
    paths: set[str] = field(default_factory=set)
    unknown: list[tuple[str, str, str, Origin]] = field(default_factory=list)
    whole: bool = True  # no item of its pages was left out (a duplicate): else not kept
    results: list[ValidationResult] | None = None  # its items', once known (`add_results`)


@dataclass
class _Walked:
    """What a build's walk of its pages leaves for the next build by the same `Builder`, made
    from it (`_Assembler.walked`)."""

    parts: dict[int, _Part]  # what each part of its dumps added up to
    union_of: tuple[set[str], set[str]]  # the shared lines and pages its union describes


class _Stream(Iterator[T]):
    """Page outputs in order, with a look ahead: pages taken and put back come again."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self._back: list[T] = []  # put back, the next last

    def __next__(self) -> T:
        return self._back.pop() if self._back else next(self._items)

    def take(self, count: int) -> list[T]:
        """Up to `count` coming items (fewer at the end)."""
        taken = [self._back.pop() for _ in range(min(count, len(self._back)))]
        return taken + list(itertools.islice(self._items, count - len(taken)))

    def push(self, items: list[T]) -> None:
        """Put back items taken, in the order they came."""
        self._back.extend(reversed(items))


class _Assembler:
    """Takes page outputs in order: writes items, counts, and ends with shared and dataset graphs."""

    def __init__(
        self,
        pipeline: Pipeline,
        result: BuildResult,
        previous: PreviousBuild | None,
        progress: Callable[[int, int], None] | None,
        walked: _Walked | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.result = result
        self.previous = previous
        self.progress = progress
        self.pages: list[PageOutput] = []
        self.kept: list[ItemOutput] = []  # the items written, in order
        # The store's checkpoint updated in place (`_finish_store`): the items rendered anew,
        # their TriG blocks and texts. Kept only then: in a cold build they are every item's,
        # the whole TriG dump (340 MB at 25,000 pages) held to the end for nothing.
        self.in_place = False
        self.fresh_graphs: list[str] = []
        self.fresh_blocks: list[bytes] = []
        self.fresh_texts: list[Entry] = []
        self.header = pipeline.prefixes.turtle_header().encode("utf-8")
        self.dataset_graph = pipeline.iris.dataset_graph
        self.dataset_block = b""
        self.loader: StoreLoader | None = None
        # For a store loaded anew (set with the loader); None once an item without them is
        # kept (see `run`).
        self.texts: TextSpool | None = None
        self._run: list[tuple[ItemOutput, int]] = []  # unchanged items and their old part
        self._part: list[tuple[PageOutput, list[ItemOutput]]] = []  # pages, items to write
        self.history = ItemHistory()
        self.replaced: dict[str, str] = {}  # old item key -> current key
        # Of all the items written: the previous build's, less its parts written again (once
        # all are), plus the parts written (`_write_part`).
        self.totals = previous.totals if previous is not None else Totals()
        self.linked: set[int] = set()  # the previous build's parts linked whole
        # What the previous build's union was made of: its block is copied if this one's is.
        self._union_before = (
            walked.union_of
            if walked is not None
            else (set(previous.totals.shared), previous.written_paths())
            if previous
            else None
        )
        self.union_of: tuple[set[str], set[str]] = (set(), set())  # this one's (`_union`)
        self.union: UnionBlock | None = None  # once `run` has written it
        # What the pages walked so far added up to (`_account`, `_add_whole`).
        self.seen: dict[str, Origin] = {}  # the key of each item kept, and where it was first
        self.paths: set[str] = set()  # the saved pages with items: the union describes them
        self.review: dict[tuple[str, str], Review] = {}
        self.own_triples = 0
        self.page_description = 0  # triples describing a saved page, in each item's count
        # Each part's `_Part`, by its number: this build's (`parts`, for the next one made by
        # the same `Builder`) and the previous build's, when it is that one (`parts_before`).
        self.parts: dict[int, _Part] = {}
        self.parts_before = walked.parts if walked is not None else {}
        self._order: list[_Part] = []  # the parts written, in order (`add_results`)
        self._gathering = _Part()  # the part `_part` holds
        # The pages that are not the previous build's outputs (read again, or new), and the
        # paths of its pages this build has not (set by `_Build`): for `ItemHistory.update`.
        self.read: list[PageOutput] = []
        self.gone: list[str] = []

    def run(self, outputs: Iterable[PageOutput], writer: DatasetWriter | None) -> None:
        pipeline, result, iris = self.pipeline, self.result, self.pipeline.iris
        if writer is not None:
            self._write_head(writer)
        classes: Counter[str] = Counter()
        for triple in pipeline.reference_graph:
            if triple.predicate.value == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                classes[triple.object.value] += 1
        self.page_description = len(pipeline.mapper.source_triples("page"))
        stream = _Stream(outputs)
        for page in stream:
            if writer is None:
                self._account(page)
                continue
            if not self._part or _begins_part(page.path):
                self._write_part(writer)
                whole = self._linkable(page, stream)
                if whole is not None:
                    self._add_whole(whole, writer)
                    continue
            self._part.append((page, self._account(page)))
        if writer is not None:
            self._write_part(writer)
            writer.begin_part()  # what follows the items: shared descriptions, the dataset
            if self.previous is not None:
                for part in self.previous.written_parts() - self.linked:
                    self.totals.remove(self.previous.part_totals(part))
        else:  # no parts: the pages walked are one gathering
            self._fold(self._gathering)
            self.totals.add(Totals.of_part(self.kept))
        seen, paths, review = self.seen, self.paths, self.review
        own_triples = self.own_triples
        classes.update(self.totals.classes)
        own_triples -= self.totals.shared_triples
        result.items = len(seen)
        result.review = sorted(review.values(), key=lambda r: (r.kind, r.key))
        self.union, union_blocks = self._union(paths, write=writer is not None)
        classes.update(self.union.typed)
        # The dataset's size, not counting the triples of its own description.
        result.triples = (
            len(pipeline.ontology)
            + len(pipeline.reference_graph)
            + own_triples
            + self.union.triples
        )
        typed_reference = sum(1 for t in pipeline.reference_graph if t.predicate.value == RDF_TYPE)
        if self.previous is not None:  # the history is its build's (`Builder._write`)
            self.replaced = self.history.update(
                ((page.path, [item.key for item in page.items]) for page in self.read),
                current=seen.keys(),
                gone=self.gone,
            )
        else:
            self.replaced = self.history.update(
                (page.path, [item.key for item in page.items]) for page in self.pages
            )
        dataset = sorted_triples(
            dataset_triples(
                iris,
                triples=result.triples,
                entities=result.items + typed_reference + sum(self.union.typed.values()),
                classes=classes,
                items=result.items,
                built=build_time(),
                software_version=__version__,
                distributions=DUMP_FORMATS,
                replaced=self.replaced,
            )
        )
        result.quads += len(pipeline.ontology) + len(pipeline.reference_graph) + len(dataset)
        if writer is not None:
            writer.union_only(union_blocks)
            self._load_union(union_blocks)
            blocks = pipeline.render_graph(self.dataset_graph, dataset)
            writer.write(blocks)
            self.dataset_block = block_in(blocks, TRIG)
            self._load(blocks)

    def _account(self, page: PageOutput) -> list[ItemOutput]:
        """Add one page's items (the first of each key only) and problems to the part being
        gathered, which `_fold` adds to the build once written; the items kept, in order."""
        part = self._gathering
        self.pages.append(page)
        if self.previous is None or self.previous.pages.get(page.file) is not page:
            self.read.append(page)
        part.pages.append(page)
        kept: list[ItemOutput] = []
        if page.problems:
            part.errors.extend(page.problems)
            part.bad += not page.items
        for item in page.items:
            if item.key in self.seen:
                first = self.seen[item.key]
                self.result.notes.append(
                    f"{item.origin.path}:{item.origin.line}: warning: the same item (date and title) "
                    f"as {first.path}:{first.line}; only the first is kept"
                )
                part.whole = False
                continue
            self.seen[item.key] = item.origin
            part.seen[item.key] = item.origin
            kept.append(item)
            part.kept.append(item)
            part.own_triples += item.triples - self.page_description  # less shared: see `run`
            part.quads += item.triples
            part.paths.add(item.origin.path)
            part.unknown.extend(
                (kind, written, key, item.origin) for kind, written, key in item.unknown
            )
            if self.texts is not None:
                if item.texts is not None:
                    self.texts.extend(item.texts)
                else:
                    self.texts.close()
                    self.texts = None
        self._progress(1)
        return kept

    def _fold(self, part: _Part) -> None:
        """Add what a part's pages added (`_account`, or the last build's `_Part`) to the build."""
        result = self.result
        self.kept.extend(part.kept)
        self.paths.update(part.paths)
        self.own_triples += part.own_triples
        result.quads += part.quads
        result.errors.extend(part.errors)
        result.pages_bad += part.bad
        for kind, written, key, origin in part.unknown:
            self.review.setdefault((kind, key), Review(kind, written, key)).seen.append(origin)

    def _progress(self, added: int) -> None:
        """Report every hundredth page walked, and the last, once `added` more were."""
        done, total = len(self.pages), self.result.pages
        if self.progress is not None and (done // 100 != (done - added) // 100 or done == total):
            self.progress(done, total)

    def _linkable(self, page: PageOutput, stream: _Stream[PageOutput]) -> _Part | None:
        """The previous build's part that `page` begins, if the pages coming are its pages,
        the very same outputs (a `Builder`'s pages not read again), and no other, and none of
        its items' keys is taken: then what it adds is what it added, and its files are the
        same. The pages it looked at are put back when it is not."""
        part = self.parts_before.get(page.part) if page.part is not None else None
        if part is None or part.pages[0] is not page or (self.texts is not None and part.kept):
            return None
        rest = stream.take(len(part.pages))  # the part's other pages, and the one after
        after = rest.pop() if len(rest) == len(part.pages) else None
        if (
            len(rest) != len(part.pages) - 1
            or any(a is not b for a, b in zip(rest, part.pages[1:], strict=True))
            or (after is not None and not _begins_part(after.path))
            or not self.seen.keys().isdisjoint(part.seen)
        ):
            stream.push([*rest, *([after] if after is not None else [])])
            return None
        if after is not None:
            stream.push([after])
        return part

    def _add_whole(self, part: _Part, writer: DatasetWriter) -> None:
        """`_account` and `_write_part` of a part `_linkable` found: its sums, not its pages'."""
        self.pages.extend(part.pages)
        self.seen.update(part.seen)
        self._fold(part)
        self._progress(len(part.pages))
        assert part.pages[0].part is not None
        self._link(part.pages[0].part, part.pages, writer)
        self.parts[writer.part] = part
        self._order.append(part)

    def add_results(self) -> None:
        """The results of the items written, in their order, once every page is validated
        (`_Workers.settle`): a page's blocks are written before its results are known."""
        if not self._order:  # nothing written: the items are in no part
            for item in self.kept:
                self.result.results.extend(item.results)
        for part in self._order:
            if part.results is None:
                part.results = [found for item in part.kept for found in item.results]
            self.result.results.extend(part.results)

    def walked(self) -> _Walked:
        """What the next build by the same `Builder` can take from this one's walk."""
        return _Walked(self.parts, self.union_of)

    def _load(self, blocks: Sequence[bytes]) -> None:
        """Into the fresh store, the blocks of the dumps it is loaded from: TriG blocks into
        their graphs, Turtle blocks into the union (its default graph, see `store`)."""
        if self.loader is not None:
            for dump, block in zip(DUMP_FORMATS, blocks, strict=True):
                if dump.loaded:
                    self.loader.add(block)

    def _load_union(self, blocks: Sequence[bytes]) -> None:
        if self.loader is not None:
            for dump, block in zip(DUMP_FORMATS, blocks, strict=True):
                if dump.union and dump.loaded:
                    self.loader.add(block)

    def _union(self, paths: set[str], *, write: bool) -> tuple[UnionBlock, list[bytes]]:
        """The union's counts and, when it is written, its block for each dump file (empty
        where there is none): the previous build's when the shared descriptions and the pages
        with items are the same, else made from them."""
        previous = self.previous
        if write:
            self.union_of = (set(self.totals.shared), paths)
            if previous is not None and self._union_before == self.union_of:
                return previous.union, previous.union_blocks()
        union_only = sorted_triples(
            ox.parse(
                "".join(line + "\n" for line in self.totals.shared), format=ox.RdfFormat.N_TRIPLES
            )
        )
        mapper = self.pipeline.mapper
        sources = {line for path in paths for line in nt_lines(mapper.source_triples(path))}
        pages_described = list(
            ox.parse("".join(line + "\n" for line in sources), format=ox.RdfFormat.N_TRIPLES)
        )
        # Compared as terms: reading `.value` of every shared triple's predicate made a Python
        # string each time (0.16 s at 5,000 pages, in a one-page rebuild too; 2.7 times slower).
        rdf_type = ox.NamedNode(RDF_TYPE)
        typed = {(value(t.subject), value(t.object)) for t in union_only if t.predicate == rdf_type}
        blocks = [b"" for _ in DUMP_FORMATS]
        if write:
            graph = self.pipeline.graph_text("", sorted_triples([*union_only, *pages_described]))
            blocks = [dump.block(graph) if dump.union else b"" for dump in DUMP_FORMATS]
        counts = Counter(class_iri for _, class_iri in typed)
        union = UnionBlock(
            tuple(len(block) for block in blocks), len(union_only) + len(pages_described), counts
        )
        return union, blocks

    def _write_head(self, writer: DatasetWriter) -> None:
        """Part 0: the headers, the ontology and the reference data. What `Pipeline.version`
        covers decides them, and a previous build is used only when its version is this one:
        its part 0 is linked rather than rendered again (0.4 s at 25,000 pages' profile)."""
        if self.previous is not None:
            head = self.previous.part_files(0)
            writer.link_part(head)
            self._load_files(head)
            return
        writer.begin_part()
        pipeline, iris = self.pipeline, self.pipeline.iris
        for name, triples in (
            (iris.ontology_graph, pipeline.ontology),
            (iris.reference_graph, pipeline.reference_graph),
        ):
            blocks = pipeline.render_graph(name, triples)
            writer.write(blocks)
            self._load(blocks)

    def _load_files(self, files: Sequence[Path]) -> None:
        """Into the fresh store, a part linked from the previous build (its files in
        `DUMP_FORMATS` order)."""
        if self.loader is not None:
            for dump, path in zip(DUMP_FORMATS, files, strict=True):
                if dump.loaded:
                    self.loader.add(path.read_bytes())

    def _unchanged_part(self) -> int | None:
        """The previous build's part that held exactly the pages of this one, all unchanged
        and with the same items written, if there is one: then its files are the same."""
        if self.previous is None:
            return None
        parts = {page.part for page, _ in self._part}
        if len(parts) != 1:
            return None
        (part,) = parts
        if part is None or self.previous.part_pages[part] != len(self._part):
            return None
        for page, kept in self._part:
            written = {id(item) for item in kept}
            for item in page.items:
                if item.blocks is not None or (id(item) in written) != (item.extents is not None):
                    return None
        return part

    def _write_part(self, writer: DatasetWriter) -> None:
        """One part of the dumps, with its index: linked whole from the previous build when
        none of its pages changed, else written, fresh items rendered and the others copied,
        and its totals added to the build's."""
        if not self._part:
            return
        previous = self.previous
        unchanged = self._unchanged_part()
        if unchanged is not None:
            self._link(unchanged, [page for page, _ in self._part], writer)
        else:
            if previous is not None:  # while `page.part` is still the previous build's
                for page, _ in self._part:
                    previous.fill(page)
            totals = Totals.of_part(item for _, kept in self._part for item in kept)
            writer.begin_part()
            for page, kept in self._part:
                for item in kept:
                    self._write(item, page.part, writer)
                page.part = writer.part
            self._copy_run(writer)
            write_part_index(
                writer.generation, writer.part, [page for page, _ in self._part], totals
            )
            self.totals.add(totals)
            for page, kept in self._part:
                _written(page, kept)
        self._fold(self._gathering)
        self._order.append(self._gathering)
        if self._gathering.whole:
            self.parts[writer.part] = self._gathering
        self._gathering = _Part()
        self._part = []

    def _link(self, old: int, pages: list[PageOutput], writer: DatasetWriter) -> None:
        """Link the previous build's part `old`, whose pages these are, as the next part."""
        previous = self.previous
        assert previous is not None
        files = previous.part_files(old)
        writer.link_part(files)
        link_part_index(previous, old, writer.generation, writer.part)
        self.linked.add(old)
        self._load_files(files)
        for page in pages:
            page.part = writer.part

    def _write(self, item: ItemOutput, part: int | None, writer: DatasetWriter) -> None:
        """Write a fresh item's blocks; gather unchanged items (from `part` of the previous
        build) into runs copied in one go."""
        if item.blocks is None:
            assert item.extents is not None and part is not None
            if self._run and (
                self._run[-1][1] != part or not _follows(self._run[-1][0].extents, item.extents)
            ):
                self._copy_run(writer)
            self._run.append((item, part))
            return
        self._copy_run(writer)
        if self.in_place:
            self.fresh_graphs.append(item.graph)
            self.fresh_blocks.append(block_in(item.blocks, TRIG))
            self.fresh_texts.extend(item.texts or ())
        item.extents = writer.write(item.blocks)
        self._load(item.blocks)
        item.blocks = None

    def _copy_run(self, writer: DatasetWriter) -> None:
        """Copy consecutive unchanged items from the previous files: a few reads, not thousands."""
        if not self._run:
            return
        assert self.previous is not None
        part = self._run[0][1]
        first, last = self._run[0][0].extents, self._run[-1][0].extents
        assert first is not None and last is not None
        ranges = [
            (start, end_at + length)
            for (start, _), (end_at, length) in zip(first, last, strict=True)
        ]
        if self.loader is not None:
            for number, dump in enumerate(DUMP_FORMATS):
                if dump.loaded:
                    self.loader.add(self.previous.read(part, number, *ranges[number]))
        written = writer.copy(self.previous.files(part), ranges)
        for item, _ in self._run:
            old = item.extents
            assert old is not None
            item.extents = tuple(
                (at - start + to, length)
                for (at, length), (start, _), (to, _) in zip(old, ranges, written, strict=True)
            )
        self._run = []


def _written(page: PageOutput, kept: list[ItemOutput]) -> None:
    """Once a page's part is written (`kept`: its items written there), drop what its items
    held only until then: their texts (spooled, or kept for an update in place, by then) and
    their classes and shared descriptions (in the part's totals and index now), as an item
    read from the build index has none until its part is written again
    (`PreviousBuild.fill`). Kept to the end of the build, they were half of what tracemalloc
    found in the build process at 5,000 pages (33 of 67 MB, the texts 21 MB); at 25,000 pages
    the build process held 202 MB instead of 388 MB once every page was back.

    An item left out now (a duplicate) is not in this part: the places of its blocks in the
    previous one would be copied from this one once it is first again, so they go too (the
    next build renders it anew)."""
    written = {id(item) for item in kept}
    for item in page.items:
        if id(item) not in written:
            item.extents = None
        item.texts, item.classes, item.shared = None, {}, []


def _follows(before: tuple[Extent, ...] | None, after: tuple[Extent, ...] | None) -> bool:
    """Whether `after`'s blocks come right after `before`'s in every previous dump file."""
    assert before is not None and after is not None
    return all(
        at + length + len(dump.separator) == next_at
        for (at, length), (next_at, _), dump in zip(before, after, DUMP_FORMATS, strict=True)
    )
