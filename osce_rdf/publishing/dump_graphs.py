"""A build's named graphs, read from its TriG dump: the site's one pass over the data.

The site reads every named graph once, to know what changed since its last run (a digest of
each graph's text) and to hold the graphs in memory for the pages (`QuadIndex`). It read them
from the store, whose per-term lookups made that the slowest third of a large site, with the
site's own process waiting on it. The build has already
written every graph as a block of text in the TriG dump's parts: cutting the parts at the
blocks' ends and parsing each block is several times quicker, and needs no second process
(docs/decisions/0047).

The blocks are the build's own writing (`rendering.rdf_text.Blocks.trig`): a line naming the
graph and ending in ` {`, its statements one per line, each indented by a tab (a literal's
line breaks are escaped), and a line `}`. So a block ends at the first line that is `}`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import NoReturn

import pyoxigraph as ox

from ..errors import UsageError, shown_path
from ..identity.prefixes import Prefixes
from ..pipeline.store import store_path
from ..rendering.dumps import TRIG, dump_generation, paired_store, part_file, part_sizes

__all__ = ["DumpGraphs", "GraphBlock"]

_END = b"\n}\n"
_UNINDENTED = re.compile(rb"\n(?!\t)")  # a line break before a line that is not a statement
_PREFIX = re.compile(r"@prefix\s+([^\s:]*):\s*<([^>]*)>\s*\.")


@dataclass(frozen=True, slots=True)
class GraphBlock:
    """Where one named graph's block lies: part number, byte offsets `[start, end)`."""

    name: str
    part: int
    start: int
    end: int


class DumpGraphs:
    """The named graphs of the build in `data`, in IRI order (`blocks`), with the store
    generation built with them (`store`): the one the site must read its resources from."""

    def __init__(self, data: Path) -> None:
        generation = dump_generation(data)
        if generation is None:
            older = (data / TRIG.file_name).is_file()  # the single files of an older osce-rdf
            raise UsageError(
                f"{shown_path(data)}: "
                + ("built by an older osce-rdf, " if older else "no build here ")
                + f"(no dumps/parts.json); run `osce-rdf build -o {shown_path(data)}`"
                + (" again" if older else " first")
            )
        self._generation = generation
        parts = [
            generation / part_file(TRIG, n)
            for n in range(len(part_sizes(generation)[TRIG.file_name]))
        ]
        self.store = self._paired_store(data, generation)
        self.header = b""
        self._prefixes = Prefixes({})
        blocks: list[GraphBlock] = []
        # The parts' text is read once, here, and kept until `close`: the site reads every
        # block of it (twice: its process and the child that finds what each graph names,
        # which shares these pages), and reading each again from the file was half a second
        # of each at 25,000 pages.
        self._texts: list[bytes] | None = []
        for number, part in enumerate(parts):
            self._texts.append(self._read(part))
            blocks.extend(self._blocks_of(number, part, self._texts[number]))
        blocks.sort(key=lambda block: block.name)
        self.blocks = blocks

    @staticmethod
    def _paired_store(data: Path, generation: Path) -> Path:
        store = paired_store(generation, unrecorded=store_path(data))
        if store is None:
            raise UsageError(
                f"{shown_path(data)}: this build made no store (built with --no-store); "
                f"build it with one: `osce-rdf build -o {shown_path(data)}`"
            )
        if not store.is_dir():
            raise UsageError(
                f"{shown_path(data)}: the build whose dumps these are has been replaced by a "
                "newer build while it was read; run the command again"
            )
        return store

    def __enter__(self) -> DumpGraphs:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the parts' text (the blocks' places stay known)."""
        self._texts = None

    def _read(self, part: Path) -> bytes:
        try:
            return part.read_bytes()
        except FileNotFoundError:
            raise UsageError(
                f"{shown_path(self._generation.parent)}: the build changed while it was read; "
                "run the command again"
            ) from None

    def _blocks_of(self, number: int, part: Path, text: bytes) -> list[GraphBlock]:
        """The blocks of one part; part 0 begins with the `@prefix` lines they all use."""
        at = 0
        if number == 0:
            at = text.find(b"\n\n") + 2  # the header ends with a blank line
            self.header = text[:at]
            self._prefixes = Prefixes(dict(_PREFIX.findall(self.header.decode("utf-8"))))
        found = []
        while at < len(text):
            line_end = text.find(b"\n", at)
            if line_end < 0 or not text[at:line_end].endswith(b" {"):
                self._damaged(part, text, at)
            # Every line up to the `}` indented: else a block lost its end and ran into the next.
            # The first line that is not (one search, in C) must be that `}`.
            unindented = _UNINDENTED.search(text, line_end)
            end = unindented.start() if unindented is not None else len(text)
            if not text.startswith(_END, end):
                self._damaged(part, text, at if text.find(_END, at) < 0 else end + 1)
            name = self._name(text[at : line_end - 2])
            if name is None:
                self._damaged(part, text, at)
            end += len(_END)
            found.append(GraphBlock(name, number, at, end))
            at = end
        return found

    @staticmethod
    def _damaged(part: Path, text: bytes, at: int) -> NoReturn:
        line = text.count(b"\n", 0, at) + 1
        raise UsageError(
            f"{shown_path(part)}, line {line}: not a graph's block as a build writes it (a "
            "name and `{`, tab-indented statements, `}`); rebuild with `osce-rdf build --full`"
        )

    def _name(self, written: bytes) -> str | None:
        """A graph's IRI from its name as the build wrote it (`Prefixes.turtle_name`): `<iri>`,
        or a prefixed name with no escapes; None for a prefix the header does not declare."""
        name = written.strip().decode("utf-8")
        if name.startswith("<") and name.endswith(">"):
            return name[1:-1]
        return self._prefixes.expand(name)

    def text(self, block: GraphBlock) -> bytes:
        """The block's TriG text (the graph's name, `{`, its statements, `}`), until `close`."""
        if self._texts is None:
            raise ValueError("the graphs' text was let go (DumpGraphs.close)")
        return self._texts[block.part][block.start : block.end]

    def quads(self, text: bytes) -> list[ox.Quad]:
        """A block's quads. Lenient: the build checked its IRIs when it wrote them."""
        return list(ox.parse(self.header + text, format=ox.RdfFormat.TRIG, lenient=True))

    @staticmethod
    def digest(text: bytes) -> str:
        """What the site compares with its last run: the build writes a graph's statements
        in one order (sorted), so the same triples give the same text."""
        return hashlib.blake2b(text, digest_size=16).hexdigest()
