"""The dump files of a build, written as a stream of blocks, in parts.

    osce.trig       every named graph: ontology, reference data, one per item, dataset
    osce.ttl        their union, each triple once
    osce.jsonld     the same graphs as compacted JSON-LD, with the generated context inline
    context.jsonld  that context alone, for consumers that reference it

Items arrive in page order and are written as they arrive, so memory stays flat however
large the archive. Descriptions that several items share are collected and written once,
after the items; the dataset's description comes last because it counts everything. The
writer reports where each block landed (part, byte offset and length), so that the next
build can copy an unchanged item's blocks instead of rendering them again.

Each dump file is written as parts (`DUMPS_DIR/osce-0000.trig`, ...), runs of pages cut
where the build says, so that a build after a small change rewrites the parts that changed
and hard-links the others from the previous build, instead of copying a gigabyte. The single
file is the parts concatenated in order (`write_dump`, `DumpReader`, `osce-rdf dump`): the
same bytes as before parts existed (docs/decisions/0034).
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import shutil
import stat
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from ..atomic_files import (
    current_generation,
    discard_generations,
    make_folder,
    new_generation,
    switch_generation,
    write_atomic,
    writing_to,
)
from ..errors import UsageError, shown_path
from .jsonld import JSONLD_FOOTER, JSONLD_SEPARATOR, context_file, graph_block, jsonld_header
from .jsonld_context import Context
from .rdf_text import Blocks

__all__ = [
    "CONTEXT_FILE",
    "DUMPS",
    "DUMPS_DIR",
    "DUMP_FORMATS",
    "DUMP_FORMAT_NAMES",
    "JSONLD",
    "OUTPUT_FILES",
    "PARTS_INDEX",
    "TRIG",
    "TURTLE",
    "DatasetWriter",
    "DumpFormat",
    "DumpReader",
    "Extent",
    "GraphText",
    "block_in",
    "discard_dumps",
    "dump_format",
    "dump_generation",
    "dump_parts",
    "link_file",
    "offered_files",
    "open_dump",
    "paired_store",
    "part_file",
    "part_sizes",
    "switch_dumps",
    "write_dump",
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
OUTPUT_FILES = (*DUMPS, CONTEXT_FILE)  # what a build folder offers (the dumps in parts)
DUMPS_DIR = "dumps"  # a link to the current generation of the dumps' parts
PARTS_INDEX = "parts.json"  # in a generation: the size of each part of each dump file
_PARTS_FORMAT = 1


def block_in(blocks: Sequence[bytes], dump: DumpFormat) -> bytes:
    """The block of one dump file among a graph's blocks (in `DUMP_FORMATS` order)."""
    return blocks[DUMP_FORMATS.index(dump)]


# copy_file_range refuses some pairs of files that an ordinary copy handles: files on two file
# systems (EXDEV since Linux 5.19, e.g. a build on tmpfs and a site on disk), and file systems
# without it (ENOSYS, EOPNOTSUPP, EINVAL on some network and FUSE file systems).
_NO_KERNEL_COPY = frozenset({errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL})


def _copy_range(source: IO[bytes], target: IO[bytes], start: int, end: int) -> None:
    copy_file_range = getattr(os, "copy_file_range", None)  # Linux; elsewhere, read and write
    while start < end:
        done = 0
        if copy_file_range is not None:
            try:
                done = copy_file_range(source.fileno(), target.fileno(), end - start, start)
            except OSError as error:
                if error.errno not in _NO_KERNEL_COPY:
                    raise
                copy_file_range = None  # the rest through Python, from where the kernel left off
                target.seek(os.lseek(target.fileno(), 0, os.SEEK_CUR))
        if copy_file_range is None:
            source.seek(start)
            done = target.write(source.read(min(end - start, 16 << 20)))
        if done <= 0:
            raise OSError(f"{source.name}: shorter than the build index says")
        start += done


def part_file(dump: DumpFormat, number: int) -> str:
    """The name of a dump's part `number`: `osce-0003.trig`; the names sort in order."""
    stem, _, suffix = dump.file_name.partition(".")
    return f"{stem}-{number:04d}.{suffix}"


def link_file(source: str | Path, target: str | Path) -> None:
    """`target` the same file as `source`: a hard link, or a copy where links are refused."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class DatasetWriter:
    """Streams blocks into the parts of the dump files, in a new generation of the folder
    `DUMPS_DIR` that nothing names until the build switches to it (`switch_dumps`).

    Part 0 holds the headers and the ontology and reference graphs; the items' parts follow
    (`begin_part` starts a part, `link_part` takes one whole from the previous build); the last
    holds what comes after the items (the union's shared descriptions, the dataset's
    description, the footers). Each dump file is its parts concatenated in order.
    """

    def __init__(self, directory: Path, context: Context) -> None:
        self.directory = directory
        self.context = context
        self.generation = new_generation(directory, DUMPS_DIR)
        # Parts are named as strings: a rebuild after one change at 25,000 pages links some
        # 800 files, and making `Path`s for them cost more than linking them.
        self._folder = str(self.generation)
        self._shown = directory / DUMPS_DIR  # where errors say a part is (`_writing`)
        self._sizes: list[list[int]] = [[] for _ in DUMP_FORMATS]
        self._handles: list[IO[bytes]] = []
        self._first = True
        self._closed = False
        # The name of the store generation made from the same blocks (`paired_store`), set by
        # the build once it is finished; None for a build without a store.
        self.store: str | None = None
        try:
            make_folder(self.generation)
        except BaseException:  # a full disk: drop the folder begun
            self._abort()
            raise

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: object
    ) -> None:
        """On an exception, drop the generation begun; otherwise finish it."""
        if kind is None:
            self.close()
        else:
            self._abort()

    def _abort(self) -> None:
        for handle in self._handles:
            with contextlib.suppress(OSError):  # a full disk: what is left to flush is dropped
                handle.close()
        self._handles = []
        self._closed = True
        shutil.rmtree(self.generation, ignore_errors=True)

    @property
    def files(self) -> list[Path]:
        return [self.directory / DUMPS_DIR, self.directory / CONTEXT_FILE]

    @property
    def part(self) -> int:
        """The number of the part being written."""
        return len(self._sizes[0]) - 1

    def _writing(self, dump: DumpFormat, part: int | None = None) -> AbstractContextManager[None]:
        """A full disk while writing a part is one error naming it as users see it: in
        `DUMPS_DIR`, not in the generation that it would have become."""
        number = self.part if part is None else part
        return writing_to(self._shown / part_file(dump, number))

    def _finish_part(self) -> None:
        if not self._handles:
            return
        for dump, sizes, handle in zip(DUMP_FORMATS, self._sizes, self._handles, strict=True):
            with self._writing(dump):
                sizes[-1] = handle.tell()
                handle.close()
        self._handles = []

    def begin_part(self) -> None:
        """End the part being written; what is written next goes to a new one. Part 0 begins
        with the files' headers."""
        self._finish_part()
        number = len(self._sizes[0])
        for dump, sizes in zip(DUMP_FORMATS, self._sizes, strict=True):
            with self._writing(dump, number):
                self._handles.append((self.generation / part_file(dump, number)).open("wb"))
                if number == 0:
                    self._handles[-1].write(dump.header(self.context))
            sizes.append(0)

    def link_part(self, sources: Sequence[Path]) -> None:
        """Add a whole part of the previous build (its files in `DUMP_FORMATS` order): hard
        links, so an unchanged part costs neither reading nor writing. Part 0 may be linked
        too: its headers and first blocks are the previous build's."""
        self._finish_part()
        number = len(self._sizes[0])
        assert (number == 0) == self._first  # the first block is part 0's
        self._first = False
        for dump, sizes, source in zip(DUMP_FORMATS, self._sizes, sources, strict=True):
            target = os.path.join(self._folder, part_file(dump, number))  # noqa: PTH118
            with self._writing(dump, number):
                link_file(source, target)
            sizes.append(os.stat(target).st_size)  # noqa: PTH116

    def _separate(self) -> None:
        if not self._first:
            for dump, handle in zip(DUMP_FORMATS, self._handles, strict=True):
                with self._writing(dump):
                    handle.write(dump.separator)
        self._first = False

    def write(self, blocks: Sequence[bytes]) -> tuple[Extent, ...]:
        """Append one graph's blocks (in `DUMP_FORMATS` order); return where each landed in
        its part."""
        self._separate()
        extents = []
        for dump, handle, block in zip(DUMP_FORMATS, self._handles, blocks, strict=True):
            with self._writing(dump):
                extents.append((handle.tell(), len(block)))
                handle.write(block)
        return tuple(extents)

    def copy(
        self, sources: Sequence[IO[bytes]], ranges: Sequence[tuple[int, int]]
    ) -> tuple[Extent, ...]:
        """Like `write`, with each block copied from a range `[start, end)` of an open file.

        The kernel copies (copy_file_range) where it can, without the bytes passing through
        Python.
        """
        self._separate()
        spans = []
        for dump, handle, source, (start, end) in zip(
            DUMP_FORMATS, self._handles, sources, ranges, strict=True
        ):
            with self._writing(dump):
                handle.flush()
                at = handle.seek(0, os.SEEK_END)
                _copy_range(source, handle, start, end)
                spans.append((at, handle.seek(0, os.SEEK_END) - at))
        return tuple(spans)

    def union_only(self, blocks: Sequence[bytes]) -> None:
        """Triples written once in the union although several item graphs hold them: a
        block for each dump file (in `DUMP_FORMATS` order), written where it is a union."""
        for dump, handle, block in zip(DUMP_FORMATS, self._handles, blocks, strict=True):
            if dump.union:
                with self._writing(dump):
                    handle.write(block)

    def close(self) -> None:
        """Finish the last part and the generation: its index of parts last, so that a
        generation without one is one a build did not finish."""
        if self._closed:
            return
        self._closed = True
        if not self._handles:
            self.begin_part()
        for dump, handle in zip(DUMP_FORMATS, self._handles, strict=True):
            with self._writing(dump):
                handle.write(dump.footer)
        self._finish_part()
        index = {
            "format": _PARTS_FORMAT,
            "sizes": {
                dump.file_name: sizes for dump, sizes in zip(DUMP_FORMATS, self._sizes, strict=True)
            },
            "store": self.store,
        }
        write_atomic(self.generation / PARTS_INDEX, json.dumps(index, indent=1) + "\n")
        write_atomic(self.directory / CONTEXT_FILE, context_file(self.context))


def switch_dumps(directory: Path, generation: Path) -> None:
    """Make a finished generation of parts the folder's dumps (one rename of the link), and
    remove the single dump files an older osce-rdf wrote, which would describe an older build."""
    switch_generation(directory, DUMPS_DIR, generation)
    for name in DUMPS:
        (directory / name).unlink(missing_ok=True)


def discard_dumps(directory: Path) -> None:
    """Remove the generations of parts a stopped build left; the current one and the one
    before it stay, so that a reader that began before the last build can finish."""
    discard_generations(directory, DUMPS_DIR, keep_previous=True)


def dump_generation(directory: Path) -> Path | None:
    """The current generation of a build folder's parts, found once, if it is complete."""
    generation = current_generation(directory, DUMPS_DIR)
    return generation if generation and (generation / PARTS_INDEX).is_file() else None


def part_sizes(generation: Path) -> dict[str, list[int]]:
    """The size of each part of each dump file, by the generation's index of parts."""
    try:
        index = json.loads((generation / PARTS_INDEX).read_text(encoding="utf-8"))
        if index.get("format") != _PARTS_FORMAT:
            raise ValueError(index.get("format"))
        return {name: [int(size) for size in index["sizes"][name]] for name in DUMPS}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UsageError(
            f"{shown_path(generation / PARTS_INDEX)}: not an index of dump parts this osce-rdf "
            f"reads ({error}); rebuild with `osce-rdf build --full`"
        ) from None


def paired_store(generation: Path, *, unrecorded: Path | None) -> Path | None:
    """The store generation built from the same blocks as this generation of parts, by its
    index of parts; None when that build made no store. A reader of both (the site reads the
    graphs from the parts and the resources from the store) must not take the store of the
    next build, which switches the dumps and the store one after the other. An older
    osce-rdf did not record it: then `unrecorded` (the folder's current store, say)."""
    try:
        index = json.loads((generation / PARTS_INDEX).read_text(encoding="utf-8"))
        if "store" not in index:
            return unrecorded
        name = index["store"]
        if name is not None and (not isinstance(name, str) or Path(name).name != name):
            raise ValueError(name)
    except (OSError, ValueError, TypeError) as error:
        raise UsageError(
            f"{shown_path(generation / PARTS_INDEX)}: not an index of dump parts this osce-rdf "
            f"reads ({error}); rebuild with `osce-rdf build --full`"
        ) from None
    return None if name is None else generation.parent / name


def dump_parts(directory: Path, dump: DumpFormat) -> list[Path]:
    """The files whose concatenation is the dump file `dump` of the build in `directory`.

    A folder that an older osce-rdf built holds the single file: it is its only part.
    """
    generation = dump_generation(directory)
    if generation is None:
        single = directory / dump.file_name
        if single.is_file():
            return [single]
        raise UsageError(
            f"{shown_path(directory)}: no build here (no {DUMPS_DIR}/{PARTS_INDEX}); "
            f"run `osce-rdf build -o {shown_path(directory)}` first"
        )
    sizes = part_sizes(generation)[dump.file_name]
    return [generation / part_file(dump, number) for number in range(len(sizes))]


class DumpReader(io.RawIOBase):
    """A dump file of a build folder, read as one file from its parts in order.

    Each part is opened when reading reaches it: a build keeps the generation before its
    own, so a reader that began before a build finishes it; one that spans two further
    builds is told the build changed under it.
    """

    def __init__(self, directory: Path, dump: DumpFormat) -> None:
        super().__init__()
        self.directory = directory
        self.name = str(directory / dump.file_name)
        self._parts = dump_parts(directory, dump)
        self.size = sum(part.stat().st_size for part in self._parts)
        self._next = 0
        self._handle: io.BufferedReader | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if self._handle is None:
                if self._next == len(self._parts):
                    return 0
                try:
                    self._handle = self._parts[self._next].open("rb")
                except FileNotFoundError:
                    raise OSError(
                        f"{shown_path(self.directory)}: the build changed while it was read; "
                        "read it again"
                    ) from None
                self._next += 1
            done = self._handle.readinto(buffer)
            if done:
                return done
            self._handle.close()
            self._handle = None

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        super().close()


def open_dump(directory: Path, dump: DumpFormat) -> io.BufferedReader:
    """The dump file `dump` of the build in `directory`, open for reading as one file."""
    return io.BufferedReader(DumpReader(directory, dump), 1 << 20)


def write_dump(directory: Path, dump: DumpFormat, target: IO[bytes]) -> None:
    """Write the dump file `dump` of the build in `directory` to `target`, part after part:
    the bytes a build writing the single file would have written."""
    in_kernel = _regular_file(target)
    for part in dump_parts(directory, dump):
        with part.open("rb") as source:
            if in_kernel:
                target.flush()
                target.seek(0, os.SEEK_END)
                _copy_range(source, target, 0, os.fstat(source.fileno()).st_size)
            else:
                shutil.copyfileobj(source, target, 16 << 20)


def _regular_file(target: IO[bytes]) -> bool:
    """Whether the kernel can copy into `target` (a file on disk, not a pipe or a buffer)."""
    try:
        return stat.S_ISREG(os.fstat(target.fileno()).st_mode) and target.seekable()
    except OSError:  # io.UnsupportedOperation too: no file descriptor
        return False


DUMP_FORMAT_NAMES = {"trig": TRIG, "turtle": TURTLE, "jsonld": JSONLD}
_SUFFIXES = {".trig": TRIG, ".ttl": TURTLE, ".turtle": TURTLE, ".jsonld": JSONLD, ".json": JSONLD}


def dump_format(fmt: str | None, out: Path | None = None) -> DumpFormat:
    """The dump file to write: the one `fmt` names, else the one `out`'s extension names,
    else the TriG (every named graph). A format the extension contradicts is refused, as
    `export` refuses it (decision 0020)."""
    if fmt is not None and fmt not in DUMP_FORMAT_NAMES:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(DUMP_FORMAT_NAMES)}")
    named = _SUFFIXES.get(out.suffix.lower()) if out is not None else None
    chosen = DUMP_FORMAT_NAMES[fmt] if fmt is not None else None
    if chosen is not None and named is not None and chosen != named:
        raise UsageError(
            f"format {fmt} does not match {out} (a {named.file_name} file): change one, "
            "or leave out the format"
        )
    return chosen or named or TRIG


def offered_files(directory: Path) -> list[str]:
    """The names of `OUTPUT_FILES` a build folder offers: its dumps (in parts, or single
    files an older osce-rdf wrote) and the JSON-LD context."""
    built = dump_generation(directory) is not None
    return [
        name for name in OUTPUT_FILES if (built and name in DUMPS) or (directory / name).is_file()
    ]
