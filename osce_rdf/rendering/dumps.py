"""The dump files of a build, written as a stream of blocks and renamed into place at the end.

    osce.trig       every named graph: ontology, reference data, one per item, dataset
    osce.ttl        their union, each triple once
    osce.jsonld     the same graphs as compacted JSON-LD, with the generated context inline
    context.jsonld  that context alone, for consumers that reference it

Items arrive in page order and are written as they arrive, so memory stays flat however
large the archive. Descriptions that several items share are collected and written once,
after the items; the dataset's description comes last because it counts everything. The
writer reports where each block landed (byte offset and length in each file), so that the
next build can copy an unchanged item's blocks instead of rendering them again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from ..atomic_files import atomic_writer, write_atomic
from .jsonld import JSONLD_FOOTER, JSONLD_SEPARATOR, context_file, graph_block, jsonld_header
from .jsonld_context import Context
from .rdf_text import Blocks

__all__ = [
    "CONTEXT_FILE",
    "DUMPS",
    "DUMP_FORMATS",
    "JSONLD",
    "OUTPUT_FILES",
    "TRIG",
    "TURTLE",
    "DatasetWriter",
    "DumpFormat",
    "Extent",
    "GraphText",
    "block_in",
]

Extent = tuple[int, int]  # (byte offset, length) of a block in one dump file


@dataclass
class GraphText:
    """One named graph, ready to be written as a block of every dump file.

    `ordered` is in `sorted_triples` order; `shared` triples (also in `ordered`) are
    descriptions other items repeat, left out of the union's block (it writes them once). The
    Turtle statements are made once and reused by the TriG block.
    """

    name: str
    ordered: list[ox.Triple]
    shared: list[ox.Triple]
    language: str | None  # an item's: the default language of its JSON-LD block
    blocks: Blocks
    context: Context

    @cached_property
    def own_turtle(self) -> bytes:
        """Turtle statements of the triples that are not shared."""
        if not self.shared:
            return self.blocks.turtle(self.ordered)
        left_out = set(self.shared)
        return self.blocks.turtle([t for t in self.ordered if t not in left_out])

    @cached_property
    def shared_turtle(self) -> bytes:
        return self.blocks.turtle(self.shared) if self.shared else b""


@dataclass(frozen=True)
class DumpFormat:
    """One dump file of a build: its name, media type and title (the dataset's description
    lists it as a distribution), and how it is framed: a header, a block per named graph with
    a separator between blocks, and a footer. Adding a dump file is adding one of these to
    `DUMP_FORMATS`."""

    file_name: str
    media_type: str
    title: str
    header: Callable[[Context], bytes]
    block: Callable[[GraphText], bytes]
    separator: bytes = b""
    footer: bytes = b""
    union: bool = False  # the union of all graphs: shared descriptions written once, at the end
    loaded: bool = False  # the store is loaded from its blocks (see `pipeline.store`)


def _turtle_header(context: Context) -> bytes:
    return context.prefixes.turtle_header().encode("utf-8")


TRIG = DumpFormat(
    "osce.trig",
    "application/trig",
    "The dataset as TriG: one named graph per item",
    _turtle_header,
    lambda graph: graph.blocks.trig(graph.name, graph.own_turtle + graph.shared_turtle),
    loaded=True,
)
TURTLE = DumpFormat(
    "osce.ttl",
    "text/turtle",
    "The dataset as Turtle: the union of all graphs",
    _turtle_header,
    lambda graph: graph.own_turtle,
    union=True,
    loaded=True,
)
JSONLD = DumpFormat(
    "osce.jsonld",
    "application/ld+json",
    "The dataset as JSON-LD: one named graph per item",
    lambda context: jsonld_header(context).encode("utf-8"),
    lambda graph: graph_block(graph.name, graph.ordered, graph.context, graph.language).encode(),
    separator=JSONLD_SEPARATOR.encode(),
    footer=JSONLD_FOOTER.encode(),
)
DUMP_FORMATS = (TRIG, TURTLE, JSONLD)  # the order of an item's blocks and extents
DUMPS = tuple(dump.file_name for dump in DUMP_FORMATS)
CONTEXT_FILE = "context.jsonld"  # the JSON-LD context alone, for documents that refer to it
OUTPUT_FILES = (*DUMPS, CONTEXT_FILE)


def block_in(blocks: Sequence[bytes], dump: DumpFormat) -> bytes:
    """The block of one dump file among a graph's blocks (in `DUMP_FORMATS` order)."""
    return blocks[DUMP_FORMATS.index(dump)]


def _copy_range(source: IO[bytes], target: IO[bytes], start: int, end: int) -> None:
    copy_file_range = getattr(os, "copy_file_range", None)  # Linux; elsewhere, read and write
    while start < end:
        if copy_file_range is not None:
            done = copy_file_range(source.fileno(), target.fileno(), end - start, start)
        else:
            source.seek(start)
            done = target.write(source.read(min(end - start, 16 << 20)))
        if done <= 0:
            raise OSError(f"{source.name}: shorter than the build index says")
        start += done


class DatasetWriter:
    """Streams blocks into the dump files; nothing replaces the old files until `close`."""

    def __init__(self, directory: Path, context: Context) -> None:
        self.directory = directory
        self.context = context
        self._stack = contextlib.ExitStack()
        try:
            self._handles: list[IO[bytes]] = [
                self._stack.enter_context(atomic_writer(directory / name, binary=True))
                for name in DUMPS
            ]
            for dump, handle in zip(DUMP_FORMATS, self._handles, strict=True):
                handle.write(dump.header(context))
        except BaseException as error:  # a full disk: drop the files begun, never rename them
            self._stack.__exit__(type(error), error, error.__traceback__)
            raise
        self._first = True
        self._closed = False

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: object
    ) -> None:
        """On an exception, drop every temporary file; otherwise finish and rename them."""
        if kind is None:
            self.close()
        else:
            self._stack.__exit__(kind, error, trace)  # type: ignore[arg-type]

    @property
    def files(self) -> list[Path]:
        return [self.directory / name for name in OUTPUT_FILES]

    def _separate(self) -> None:
        if not self._first:
            for dump, handle in zip(DUMP_FORMATS, self._handles, strict=True):
                handle.write(dump.separator)
        self._first = False

    def write(self, blocks: Sequence[bytes]) -> tuple[Extent, ...]:
        """Append one graph's blocks (in `DUMP_FORMATS` order); return where each landed."""
        self._separate()
        extents = []
        for handle, block in zip(self._handles, blocks, strict=True):
            extents.append((handle.tell(), len(block)))
            handle.write(block)
        return tuple(extents)

    def copy(
        self, sources: Sequence[IO[bytes]], ranges: Sequence[tuple[int, int]]
    ) -> tuple[Extent, ...]:
        """Like `write`, with each block copied from a range `[start, end)` of an open file.

        The kernel copies (copy_file_range) where it can, without the bytes passing through
        Python: an incremental build copies nearly all of a 400 MB archive this way.
        """
        self._separate()
        spans = []
        for handle, source, (start, end) in zip(self._handles, sources, ranges, strict=True):
            handle.flush()
            at = handle.seek(0, os.SEEK_END)
            _copy_range(source, handle, start, end)
            spans.append((at, handle.seek(0, os.SEEK_END) - at))
        return tuple(spans)

    def union_only(self, graph: GraphText) -> None:
        """Triples written once in the union although several item graphs hold them."""
        for dump, handle in zip(DUMP_FORMATS, self._handles, strict=True):
            if dump.union:
                handle.write(dump.block(graph))

    def close(self) -> None:
        """Finish every file and rename all of them into place."""
        if self._closed:
            return
        self._closed = True
        for dump, handle in zip(DUMP_FORMATS, self._handles, strict=True):
            handle.write(dump.footer)
        self._stack.close()
        write_atomic(self.directory / CONTEXT_FILE, context_file(self.context))
