"""The previous build as a cache: rebuild only the pages that changed.

A build leaves an index next to its dump files: for every page, what identifies its content
(size, modification time, SHA-256), what it yielded (item keys, counts, validation results)
and where each item's blocks stand in the dump files. The next build into the same folder
trusts a page whose size and time are unchanged (or whose content hashes the same), and
copies its blocks from the old files instead of reading, mapping, rendering and validating
it again. The output is byte-identical to a cold build's, because a cold build writes the
same blocks in the same order.

The index is used only when it was written by the same code, reference data, shapes,
ontology and options (`Pipeline.version`) and the dump files are the ones it describes;
anything else means a cold build.
"""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from .errors import PageError
from .files import write_atomic
from .outputs import DUMPS
from .pipeline import ItemOutput, PageOutput, Pipeline, digest
from .records import Origin, PageKind
from .validation import Result

__all__ = ["INDEX_FILE", "PreviousBuild", "write_index"]

INDEX_FILE = ".osce-rdf-index.json"
_FORMAT = 2
_KINDS = (PageKind.ITEM, PageKind.LISTING)


def _flat(spans: tuple[tuple[int, int], ...] | None) -> list[int]:
    return [n for span in spans or () for n in span]


class _Codec:
    """The index's compact form: lists, not objects, and no graph IRIs (made from item keys)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def page(self, page: PageOutput, raw: list[Any] | None = None) -> list[Any]:
        """The page's entry; from its previous entry (`raw`) when only spans can have moved."""
        if raw is not None:
            raw[3] = page.mtime_ns
            for entry, item in zip(raw[5], page.items, strict=True):
                entry[7] = _flat(item.spans)
            return raw
        return [
            page.file, page.path, page.size, page.mtime_ns, page.digest,
            [self.item(page.path, item) for item in page.items],
            [[e.path, e.line, e.message] for e in page.problems],
        ]  # fmt: skip

    def item(self, path: str, item: ItemOutput) -> list[Any]:
        return [
            item.key, item.origin.line, _KINDS.index(item.page_kind), item.triples,
            list(item.classes.items()), [list(u) for u in item.unknown],
            [[getattr(r, f) for f in Result.__slots__] for r in item.results],
            _flat(item.spans),
            item.shared,
        ]  # fmt: skip

    def read_page(self, data: list[Any]) -> PageOutput:
        file, path, size, mtime, content_digest, items, problems = data
        return PageOutput(
            file, path, size, mtime, content_digest,
            [self.read_item(path, item) for item in items],
            [PageError(*problem) for problem in problems],
        )  # fmt: skip

    def read_item(self, path: str, data: list[Any]) -> ItemOutput:
        key, line, kind, triples, classes, unknown, results, spans, shared = data
        return ItemOutput(
            key=key,
            graph=self.pipeline.iris.item_graph(key),
            origin=Origin(path, line),
            page_kind=_KINDS[kind],
            shared=shared,
            triples=triples,
            classes=dict(classes),
            unknown=[(k, w, n) for k, w, n in unknown],
            results=[Result(*r) for r in results],
            spans=((spans[0], spans[1]), (spans[2], spans[3]), (spans[4], spans[5]))
            if spans
            else None,
        )


def _file_stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


class PreviousBuild:
    """The last build in a folder: its pages by file, and its dump files open for copying."""

    def __init__(
        self,
        directory: Path,
        pages: dict[str, PageOutput],
        raw: dict[str, list[Any]],
        reference_results: list[Result],
    ) -> None:
        self.directory = directory
        self.pages = pages
        self.raw = raw  # each page's entry in the index, rewritten with new spans when reused
        self.reference_results = reference_results
        self._stack = ExitStack()
        self._handles: list[IO[bytes]] = [
            self._stack.enter_context((directory / name).open("rb")) for name in DUMPS
        ]

    @classmethod
    def open(cls, directory: Path, pipeline: Pipeline) -> PreviousBuild | None:
        """The previous build, if there is one this build can trust."""
        try:
            data: dict[str, Any] = json.loads((directory / INDEX_FILE).read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT or data.get("version") != pipeline.version:
                return None
            for name, stamp in data["files"].items():
                if _file_stamp(directory / name) != stamp:
                    return None
            codec = _Codec(pipeline)
            raw = {entry[0]: entry for entry in data["pages"]}
            pages = {file: codec.read_page(entry) for file, entry in raw.items()}
            reference = [Result(*r) for r in data["reference_results"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return cls(directory, pages, raw, reference)

    def close(self) -> None:
        self._stack.close()

    def reuse(self, file: str) -> PageOutput | None:
        """The page's previous output if its content has not changed, else None."""
        entry = self.pages.get(file)
        if entry is None:
            return None
        try:
            stat = os.stat(file)  # noqa: PTH116 - no Path object for each of 25,000 pages
            if (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns):
                return entry
            if stat.st_size != entry.size or digest(Path(file).read_bytes()) != entry.digest:
                return None
        except OSError:
            return None
        entry.mtime_ns = stat.st_mtime_ns
        return entry

    @property
    def files(self) -> list[IO[bytes]]:
        """The previous dump files, open for reading, in DUMPS order."""
        return self._handles

    def read(self, file: int, start: int, end: int) -> bytes:
        handle = self._handles[file]
        handle.seek(start)
        return handle.read(end - start)

    def graphs(self) -> set[str]:
        return {item.graph for page in self.pages.values() for item in page.items}


def write_index(
    directory: Path,
    pipeline: Pipeline,
    pages: list[PageOutput],
    reference_results: list[Result],
    previous: PreviousBuild | None = None,
    replaced: dict[str, str] | None = None,
) -> None:
    """Record what this build wrote, for the next one (after the dump files are in place);
    `replaced` maps item keys no longer in use to the current ones (see `replacements`)."""
    codec = _Codec(pipeline)

    def raw(page: PageOutput) -> list[Any] | None:
        if previous is not None and previous.pages.get(page.file) is page:
            return previous.raw[page.file]
        return None

    document = {
        "format": _FORMAT,
        "version": pipeline.version,
        "files": {name: _file_stamp(directory / name) for name in DUMPS},
        "reference_results": [[getattr(r, f) for f in Result.__slots__] for r in reference_results],
        "pages": [codec.page(page, raw(page)) for page in pages],
        "replaced": replaced or {},
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    write_atomic(directory / INDEX_FILE, text)
