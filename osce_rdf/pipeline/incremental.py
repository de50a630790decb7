"""The previous build as a cache: rebuild only the pages that changed.

A build leaves an index next to its dump files: for every page, what identifies its content
(size, modification time, SHA-256), what it yielded (item keys, counts, validation results),
the part of the dump files it is in and where each item's blocks stand in that part. The next build into the same folder
trusts a page whose size and time are unchanged (or whose content hashes the same), read
from the same input folder, and copies its blocks from the old files instead of reading,
mapping, rendering and validating it again. The output is byte-identical to a cold build's,
because a cold build writes the same blocks in the same order.

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
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from ..atomic_files import atomic_writer
from ..errors import PageError, UsageError
from ..reading.pages import SavedPage
from ..reading.records import Origin, PageKind
from ..rendering.dumps import DUMP_FORMATS, Extent, dump_generation, part_file, part_sizes
from ..validation.shacl import ValidationResult
from .page_pipeline import ItemOutput, PageOutput, Pipeline, digest

__all__ = ["INDEX_FILE", "PreviousBuild", "StoreState", "read_index", "write_index"]

INDEX_FILE = ".osce-rdf-index.json"
_FORMAT = 4
_KINDS = (PageKind.ITEM, PageKind.LISTING)


def _flat(extents: tuple[Extent, ...] | None) -> list[int]:
    return [n for extent in extents or () for n in extent]


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


class _Codec:
    """The index's compact form: lists, not objects, no graph IRIs (made from item keys), and
    the input folders once (pages refer to them by number)."""

    def __init__(self, pipeline: Pipeline, roots: list[str]) -> None:
        self.pipeline = pipeline
        self.roots = roots
        self._numbers = {root: number for number, root in enumerate(roots)}

    def page(self, page: PageOutput, raw: list[Any] | None = None) -> list[Any]:
        """The page's entry; from its previous entry (`raw`) when only spans can have moved."""
        if raw is not None:
            raw[1] = self._root(page.root)
            raw[4] = page.mtime_ns
            for entry, item in zip(raw[6], page.items, strict=True):
                entry[7] = _flat(item.extents)
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
            list(item.classes.items()), [list(u) for u in item.unknown],
            [r.encode() for r in item.results],
            _flat(item.extents),
            item.shared,
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
        key, line, kind, triples, classes, unknown, results, extents, shared, slug, title = data
        return ItemOutput(
            key=key,
            graph=self.pipeline.iris.item_graph(key),
            origin=Origin(path, line),
            page_kind=_KINDS[kind],
            shared=shared,
            triples=triples,
            classes=dict(classes),
            unknown=[(k, w, n) for k, w, n in unknown],
            slug_key=slug or key,
            title_id=title,
            results=[ValidationResult.decode(r) for r in results],
            extents=_extents(extents),
        )


class PreviousBuild:
    """The last build in a folder: its pages by file, and its dumps' parts to link or copy."""

    def __init__(
        self,
        generation: Path,
        pages: dict[str, PageOutput],
        raw: dict[str, list[Any]],
        reference_results: list[ValidationResult],
        store: StoreState,
    ) -> None:
        self.generation = generation  # of the dumps' parts
        self.pages = pages
        self.raw = raw  # each page's entry in the index, rewritten with new spans when reused
        self.reference_results = reference_results
        self.store = store
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
            part_sizes(generation)
            codec = _Codec(pipeline, data["roots"])
            raw = {entry[0]: entry for entry in data["pages"]}
            pages = {file: codec.read_page(entry) for file, entry in raw.items()}
            reference = [ValidationResult.decode(r) for r in data["reference_results"]]
            store = StoreState(*data["store"])
        except (OSError, ValueError, KeyError, TypeError, IndexError, UsageError):
            return None
        return cls(generation, pages, raw, reference, store)

    def forget(self, files: Iterable[str]) -> None:
        """Drop the index entries of pages rendered again (their outputs stay, for `graphs`)."""
        for file in files:
            self.raw.pop(file, None)

    def close(self) -> None:
        self._stack.close()

    def reuse(self, file: str, root: str) -> PageOutput | None:
        """The page's previous output if its content has not changed and it was read from the
        same folder (which names it in the outputs), else None."""
        entry = self.pages.get(file)
        if entry is None or entry.root != root:
            return None
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

    def graphs(self) -> set[str]:
        return {item.graph for page in self.pages.values() for item in page.items}


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


def write_index(
    directory: Path,
    pipeline: Pipeline,
    pages: list[PageOutput],
    reference_results: list[ValidationResult],
    previous: PreviousBuild | None,
    store: StoreState,
    dumps: Path,
    replaced: dict[str, str] | None = None,
) -> None:
    """Record what this build wrote, for the next one: the last step of a build, once the
    dumps' parts (generation `dumps`) and the store are in place. `replaced` maps item keys no longer in use to the
    current ones (see `replacements`)."""
    codec = _Codec(pipeline, [])

    def raw(page: PageOutput) -> list[Any] | None:
        if previous is not None and previous.pages.get(page.file) is page:
            return previous.raw[page.file]
        return None

    entries = [codec.page(page, raw(page)) for page in pages]
    document = {
        "format": _FORMAT,
        "version": pipeline.version,
        "dumps": dumps.name,
        "store": [store.generation, store.replaced],
        "reference_results": [r.encode() for r in reference_results],
        "roots": codec.roots,
        "pages": entries,
        "replaced": replaced or {},
    }
    with atomic_writer(directory / INDEX_FILE, binary=True) as handle:
        handle.write(orjson.dumps(document))
