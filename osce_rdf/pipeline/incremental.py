"""The previous build as a cache: rebuild only the pages that changed.

A build leaves an index next to its dump files: for every page, what identifies its content
(size, modification time, SHA-256), what it yielded (item keys, counts, validation results),
the part of the dump files it is in and where each item's blocks stand in that part. The next build into the same folder
trusts a page whose size and time are unchanged (or whose content hashes the same), read
from the same input folder, and copies its blocks from the old files instead of reading,
mapping, rendering and validating it again. The output is byte-identical to a cold build's,
because a cold build writes the same blocks in the same order.

The index is in parts (docs/decisions/0038): the top index, `INDEX_FILE`, holds per page
only what every build reads, and the build's `Totals` (instances per class, shared
descriptions) and `UnionBlock`; each items' part of the dumps has its own index in its
generation (`.index-0003.json`: its pages' classes and shared descriptions, and its totals),
hard-linked with the part when the part is linked, read only when the part is written again.
A rebuild after a small change so reads and writes a few parts' entries, not 25,000 pages'.

The index is used only when it was written by the same code, reference data, shapes,
ontology and options (`Pipeline.version`) and the dumps' parts are the generation it names;
anything else means a cold build. It also names the store generation made with those dumps,
so that a store that does not match them is loaded anew. The index is written last, once the
dumps and the store are in place: until then the previous index stands, and it no longer
matches dump files that were replaced (docs/decisions/0006).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from ..atomic_files import atomic_writer, writing_to
from ..errors import PageError, UsageError
from ..reading.pages import SavedPage
from ..reading.records import Origin, PageKind
from ..rendering.dumps import (
    DUMP_FORMATS,
    DUMPS,
    DUMPS_DIR,
    Extent,
    dump_generation,
    link_file,
    part_file,
    part_sizes,
)
from ..validation.shacl import ValidationResult
from .page_pipeline import ItemOutput, PageOutput, Pipeline, digest

__all__ = [
    "INDEX_FILE",
    "PreviousBuild",
    "StoreState",
    "Totals",
    "UnionBlock",
    "link_part_index",
    "read_index",
    "write_index",
    "write_part_index",
]

INDEX_FILE = ".osce-rdf-index.json"
_FORMAT = 5
_KINDS = (PageKind.ITEM, PageKind.LISTING)


def _flat(extents: tuple[Extent, ...] | None) -> list[int]:
    return [n for extent in extents or () for n in extent]


def _add(counts: Counter[str], other: Counter[str], sign: int) -> list[str]:
    """`counts += other` (`sign` 1) or `counts -= other` (-1), for counts above zero, in
    `other`'s keys only; the keys that were not in `counts` and are now."""
    added = []
    for key, count in other.items():
        total = counts.get(key, 0) + sign * count
        if total > 0:
            if key not in counts:
                added.append(key)
            counts[key] = total
        else:
            counts.pop(key, None)
    return added


def _extents(flat: list[int]) -> tuple[Extent, ...] | None:
    # One iterator zipped with itself pairs the numbers without slicing the list twice: this
    # runs for all 35,000 items of a 25,000-page index in every build (0.23 s before).
    numbers = iter(flat)
    return tuple(zip(numbers, numbers, strict=True)) if flat else None


@dataclass(frozen=True)
class StoreState:
    """The store generation a build made (None: no store), and how many pages' graphs were
    replaced in place since it was last loaded whole (see `build`)."""

    generation: str | None
    replaced: int = 0


@dataclass
class Totals:
    """What the items written in some parts of the dumps add up to: instances per class, the
    shared descriptions (N-Triples lines, each with the number of parts whose items hold it)
    and how many shared triples the items held (an item's each, not once).

    The dataset's description and the union need them for all items; the build index keeps
    them for the whole build and for each part (in its part's index), so that a build after a
    small change takes away the totals of the parts it rewrote and adds theirs anew, without
    reading the items of the parts it linked.
    """

    classes: Counter[str] = field(default_factory=Counter)
    shared: Counter[str] = field(default_factory=Counter)
    shared_triples: int = 0
    # The shared lines added since `shared` was last sorted (None: not known to be sorted);
    # only they can be out of order, after all the others (see `encode`).
    _unsorted: set[str] | None = field(default=None, init=False, compare=False, repr=False)

    @classmethod
    def of_part(cls, items: Iterable[ItemOutput]) -> Totals:
        """The totals of the items written in one part."""
        totals = cls()
        lines: set[str] = set()
        for item in items:
            totals.classes.update(item.classes)
            totals.shared_triples += len(item.shared)
            lines.update(item.shared)
        totals.shared.update(lines)
        return totals

    def add(self, other: Totals) -> None:
        """Add a part's totals. A line none held before goes last (see `encode`)."""
        _add(self.classes, other.classes, 1)
        added = _add(self.shared, other.shared, 1)
        if self._unsorted is not None:
            self._unsorted.update(added)
        self.shared_triples += other.shared_triples

    def remove(self, other: Totals) -> None:
        """Take away a part's totals (added before): a class or a line none holds any more goes.

        Only `other`'s keys are looked at: `Counter -=` walks all 56,000 lines of a
        25,000-page build to drop those at zero, for each part rewritten."""
        _add(self.classes, other.classes, -1)
        _add(self.shared, other.shared, -1)
        self.shared_triples -= other.shared_triples

    def encode(self) -> list[Any]:
        """Sorted: a build's index does not depend on the order the totals were made in.

        The shared lines stay in that order: a `Builder`'s next build takes a few parts' lines
        away and adds them again, and only the lines none held before go to the end; sorting
        them again is skipped when there are none, else is of lines nearly in order (about one
        pass). Sorted in the order the parts had added them, the 56,000 lines of 25,000 pages
        took 0.3-1.4 s of every resident one-page rebuild (most of writing the top index).
        The lines are sorted alone: they are distinct, and comparing pairs was slower."""
        if self._unsorted is None or any(line in self.shared for line in self._unsorted):
            self.shared = Counter({line: self.shared[line] for line in sorted(self.shared)})
        self._unsorted = set()
        return [self.shared_triples, sorted(self.classes.items()), list(self.shared.items())]

    @classmethod
    def decode(cls, data: list[Any]) -> Totals:
        shared_triples, classes, shared = data
        return cls(Counter(dict(classes)), Counter(dict(shared)), shared_triples)


@dataclass(frozen=True)
class UnionBlock:
    """The union's block of shared descriptions and saved pages' descriptions as a build
    wrote it, at the start of the last part: a build whose shared lines and pages with items
    are those of the previous build copies it and these counts, instead of parsing, sorting
    and serialising some 100,000 triples again."""

    lengths: tuple[int, ...]  # its block's in each dump file, in `DUMP_FORMATS` order
    triples: int
    typed: dict[str, int]  # instances per class among the shared descriptions

    def encode(self) -> list[Any]:
        return [list(self.lengths), self.triples, sorted(self.typed.items())]

    @classmethod
    def decode(cls, data: list[Any]) -> UnionBlock:
        lengths, triples, typed = data
        return cls(tuple(lengths), triples, dict(typed))


class _Codec:
    """The index's compact form: lists, not objects, no graph IRIs (made from item keys), and
    the input folders once (pages refer to them by number)."""

    def __init__(self, pipeline: Pipeline, roots: list[str]) -> None:
        self.pipeline = pipeline
        self.roots = roots
        self._numbers = {root: number for number, root in enumerate(roots)}

    def page(
        self, page: PageOutput, raw: list[Any] | None = None, *, moved: bool = True
    ) -> list[Any]:
        """The page's entry; from its previous entry (`raw`) when only spans can have moved,
        and only its part, folder and time when they cannot (`moved` false: its part was
        linked whole): flattening every item's spans again was a quarter of writing the top
        index of a one-page rebuild at 25,000 pages."""
        if raw is not None:
            raw[1] = self._root(page.root)
            raw[4] = page.mtime_ns
            if moved:
                for entry, item in zip(raw[6], page.items, strict=True):
                    entry[6] = _flat(item.extents)
            raw[8] = page.part
            return raw
        return [
            page.file, self._root(page.root), page.path, page.size, page.mtime_ns, page.digest,
            [self.item(item) for item in page.items],
            [[e.path, e.line, e.message] for e in page.problems],
            page.part,
        ]  # fmt: skip

    def _root(self, root: str) -> int:
        if root not in self._numbers:
            self._numbers[root] = len(self.roots)
            self.roots.append(root)
        return self._numbers[root]

    def item(self, item: ItemOutput) -> list[Any]:
        return [
            item.key, item.origin.line, _KINDS.index(item.page_kind), item.triples,
            [list(u) for u in item.unknown],
            [r.encode() for r in item.results],
            _flat(item.extents),
            None if item.slug_key == item.key else item.slug_key,
            item.title_id,
        ]  # fmt: skip

    def read_page(self, data: list[Any]) -> PageOutput:
        file, root, path, size, mtime, content_digest, items, problems, part = data
        return PageOutput(
            file, self.roots[root], path, size, mtime, content_digest,
            [self.read_item(path, item) for item in items],
            [PageError(*problem) for problem in problems],
            part,
        )  # fmt: skip

    def read_item(self, path: str, data: list[Any]) -> ItemOutput:
        key, line, kind, triples, unknown, results, extents, slug, title = data
        return ItemOutput(
            key=key,
            graph=self.pipeline.iris.item_graph(key),
            origin=Origin(path, line),
            page_kind=_KINDS[kind],
            shared=[],  # in the part's index, read when the part is written (`PreviousBuild.fill`)
            triples=triples,
            classes={},
            unknown=[(k, w, n) for k, w, n in unknown],
            slug_key=slug or key,
            title_id=title,
            results=[ValidationResult.decode(r) for r in results],
            extents=_extents(extents),
        )


class PreviousBuild:
    """The last build in a folder: its pages by file, and its dumps' parts to link or copy.

    The pages' items come without their classes and shared descriptions, which are in their
    part's index: `fill` reads them for the pages of a part that is written again; a part
    linked whole needs only its totals, which `totals` holds with all the others'.
    """

    def __init__(
        self,
        generation: Path,
        pages: dict[str, PageOutput],
        raw: dict[str, list[Any]],
        reference_results: list[ValidationResult],
        store: StoreState,
        totals: Totals,
        union: UnionBlock,
        last_part: int,
    ) -> None:
        self.generation = generation  # of the dumps' parts
        self.pages = pages
        self.raw = raw  # each page's entry in the index, rewritten with new spans when reused
        self.reference_results = reference_results
        self.store = store
        self.totals = totals
        self.union = union
        self.last_part = last_part
        self._part_indexes: dict[int, dict[str, Any]] = {}
        # How many pages each part held: a part whose pages are all unchanged is linked whole.
        self.part_pages = Counter(page.part for page in pages.values())
        self._stack = ExitStack()
        self._handles: dict[int, list[IO[bytes]]] = {}

    @classmethod
    def open(
        cls, directory: Path, pipeline: Pipeline, data: dict[str, Any] | None
    ) -> PreviousBuild | None:
        """The previous build, if there is one this build can trust; `data` is its index
        (`read_index`)."""
        if data is None:
            return None
        try:
            if data.get("format") != _FORMAT or data.get("version") != pipeline.version:
                return None
            generation = dump_generation(directory)
            if generation is None or generation.name != data["dumps"]:
                return None
            last_part = len(part_sizes(generation)[DUMPS[0]]) - 1
            codec = _Codec(pipeline, data["roots"])
            raw = {entry[0]: entry for entry in data["pages"]}
            pages = {file: codec.read_page(entry) for file, entry in raw.items()}
            reference = [ValidationResult.decode(r) for r in data["reference_results"]]
            store = StoreState(*data["store"])
            totals = Totals.decode(data["totals"])
            union = UnionBlock.decode(data["union"])
            previous = cls(generation, pages, raw, reference, store, totals, union, last_part)
            present = {path.name for path in generation.iterdir()}
            if any(_part_index_name(p) not in present for p in previous.written_parts()):
                return None  # a damaged folder: its parts could not be rewritten
        except (OSError, ValueError, KeyError, TypeError, IndexError, UsageError):
            return None
        return previous

    @classmethod
    def held(
        cls,
        directory: Path,
        pages: list[PageOutput],
        entries: list[list[Any]],
        reference_results: list[ValidationResult],
        store: StoreState,
        totals: Totals,
        union: UnionBlock,
    ) -> PreviousBuild | None:
        """The build just written into `directory`, from what it held, for the next build in
        the same process: what `open` would decode from its index (`entries`, as `write_index`
        wrote them), without reading 25,000 pages' entries back. Its items are as those of a
        page read from an index: their texts, classes and shared descriptions went when their
        part was written (`build._written`); the blocks of an item left out (a duplicate),
        never written, go here."""
        generation = dump_generation(directory)
        if generation is None:
            return None
        try:
            last_part = len(part_sizes(generation)[DUMPS[0]]) - 1
        except UsageError:
            return None
        for page in pages:
            for item in page.items:
                item.blocks = None
        raw = {page.file: entry for page, entry in zip(pages, entries, strict=True)}
        return cls(
            generation,
            {page.file: page for page in pages},
            raw,
            reference_results,
            store,
            totals,
            union,
            last_part,
        )

    def forget(self, files: Iterable[str]) -> None:
        """Drop the index entries of pages rendered again (their outputs stay, for `graphs`)."""
        for file in files:
            self.raw.pop(file, None)

    def close(self) -> None:
        self._stack.close()

    def reuse(self, file: str, root: str, *, unchanged: bool = False) -> PageOutput | None:
        """The page's previous output if its content has not changed and it was read from the
        same folder (which names it in the outputs), else None. `unchanged`: the caller knows
        the file has not changed since this build was made (a watch saw no event for it), so
        it is not looked at: a `stat` per page was most of a resident rebuild's plan."""
        entry = self.pages.get(file)
        if entry is None or entry.root != root:
            return None
        if unchanged:
            return entry
        try:
            stat = os.stat(file)  # noqa: PTH116 - no Path object for each of 25,000 pages
            if (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns):
                return entry
            if (
                stat.st_size != entry.size
                or digest(SavedPage.read(file, file).data) != entry.digest
            ):
                return None
        except (OSError, PageError):
            return None
        entry.mtime_ns = stat.st_mtime_ns
        return entry

    def _part_index(self, part: int) -> dict[str, Any]:
        if part not in self._part_indexes:
            self._part_indexes[part] = orjson.loads(self.part_index_file(part).read_bytes())
        return self._part_indexes[part]

    def written_parts(self) -> set[int]:
        """The parts of the previous dumps that held pages (each has its index)."""
        return {part for part in self.part_pages if part is not None}

    def part_index_file(self, part: int) -> Path:
        return self.generation / _part_index_name(part)

    def part_totals(self, part: int) -> Totals:
        """The totals of the items written in one part of the previous dumps."""
        return Totals.decode(self._part_index(part)["totals"])

    def fill(self, page: PageOutput) -> None:
        """Give an unchanged page's items their classes and shared descriptions, from its
        part's index; pages rendered in this build have theirs."""
        if self.pages.get(page.file) is not page or page.part is None:
            return
        found = self._part_index(page.part)["pages"][page.file]
        for item, (classes, shared) in zip(page.items, found, strict=True):
            item.classes = dict(classes)
            item.shared = shared

    def written_paths(self) -> set[str]:
        """The saved pages whose items the previous dumps hold (the union describes them)."""
        return {
            item.origin.path
            for page in self.pages.values()
            for item in page.items
            if item.extents is not None
        }

    def union_blocks(self) -> list[bytes]:
        """The union's block in each previous dump file (empty where there is none)."""
        return [
            self.read(self.last_part, number, 0, length) if length else b""
            for number, length in enumerate(self.union.lengths)
        ]

    def part_files(self, part: int) -> list[Path]:
        """The files of one part of the previous dumps, in `DUMP_FORMATS` order."""
        return [self.generation / part_file(dump, part) for dump in DUMP_FORMATS]

    def files(self, part: int) -> list[IO[bytes]]:
        """The files of one part of the previous dumps, open for reading."""
        if part not in self._handles:
            self._handles[part] = [
                self._stack.enter_context(path.open("rb")) for path in self.part_files(part)
            ]
        return self._handles[part]

    def read(self, part: int, file: int, start: int, end: int) -> bytes:
        handle = self.files(part)[file]
        handle.seek(start)
        return handle.read(end - start)


def read_index(directory: Path) -> dict[str, Any] | None:
    """The build index of a folder, read once for all that use it; None when there is none
    or it is not a JSON object. (orjson: at 25,000 pages the index is about 46 MB, and
    reading it was a large part of a one-page rebuild; it also writes it 12 times faster than
    `json`, the same bytes.)"""
    try:
        data = orjson.loads((directory / INDEX_FILE).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def item_keys_by_page(document: dict[str, Any]) -> dict[str, list[str]]:
    """The item keys each page of a build index yielded, by the page's path (`_Codec.page`)."""
    return {str(page[2]): [str(item[0]) for item in page[6]] for page in document["pages"]}


def _part_index_name(part: int) -> str:
    return f".index-{part:04d}.json"


def write_part_index(
    generation: Path, part: int, pages: Sequence[PageOutput], totals: Totals
) -> None:
    """Beside a part of the dumps just written, in its generation: its pages' items' classes
    and shared descriptions (what `PreviousBuild.fill` gives back) and their `totals`."""
    document = {
        "pages": {
            page.file: [[list(item.classes.items()), item.shared] for item in page.items]
            for page in pages
        },
        "totals": totals.encode(),
    }
    name = _part_index_name(part)
    with writing_to(generation.parent / DUMPS_DIR / name):
        (generation / name).write_bytes(orjson.dumps(document))


def link_part_index(previous: PreviousBuild, old: int, generation: Path, part: int) -> None:
    """The index of a part linked whole from the previous build: linked with it."""
    name = _part_index_name(part)
    with writing_to(generation.parent / DUMPS_DIR / name):
        link_file(
            os.path.join(previous.generation, _part_index_name(old)),  # noqa: PTH118 - see
            os.path.join(generation, name),  # noqa: PTH118 - `DatasetWriter.link_part`
        )


def write_index(
    directory: Path,
    pipeline: Pipeline,
    pages: list[PageOutput],
    reference_results: list[ValidationResult],
    previous: PreviousBuild | None,
    store: StoreState,
    dumps: Path,
    totals: Totals,
    union: UnionBlock,
    replaced: dict[str, str] | None = None,
    linked: Collection[int] = (),
) -> list[list[Any]]:
    """Record what this build wrote, for the next one: the last step of a build, once the
    dumps' parts (generation `dumps`, with their parts' indexes) and the store are in place.
    `totals` are those of all the items written, `union` the union's block; `replaced` maps item keys no longer in use
    to the current ones (see `replacements`), `linked` the previous build's parts linked
    whole (their pages' items are where they were). The pages' entries are returned, for a
    build kept in memory (`PreviousBuild.held`) to reuse as a later build would read them."""
    codec = _Codec(pipeline, [])
    before = previous.pages if previous is not None else {}
    raws = previous.raw if previous is not None else {}
    entries = []
    for page in pages:
        if before.get(page.file) is page:
            raw = raws[page.file]  # raw[8]: the page's part in the previous build
            entries.append(codec.page(page, raw, moved=raw[8] not in linked))
        else:
            entries.append(codec.page(page))
    document = {
        "format": _FORMAT,
        "version": pipeline.version,
        "dumps": dumps.name,
        "store": [store.generation, store.replaced],
        "reference_results": [r.encode() for r in reference_results],
        "roots": codec.roots,
        "totals": totals.encode(),
        "union": union.encode(),
        "pages": entries,
        "replaced": replaced or {},
    }
    with atomic_writer(directory / INDEX_FILE, binary=True) as handle:
        handle.write(orjson.dumps(document))
    return entries
