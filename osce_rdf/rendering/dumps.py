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
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from ..atomic_files import atomic_writer, write_atomic
from .jsonld_context import Context

__all__ = ["DUMPS", "JSONLD_SEPARATOR", "OUTPUT_FILES", "DatasetWriter"]

DUMPS = ("osce.trig", "osce.ttl", "osce.jsonld")
OUTPUT_FILES = (*DUMPS, "context.jsonld")
JSONLD_SEPARATOR = b",\n"  # between the graphs of the JSON-LD document


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
        self.context = context.document()
        self._stack = contextlib.ExitStack()
        try:
            self._handles: list[IO[bytes]] = [
                self._stack.enter_context(atomic_writer(directory / name, binary=True))
                for name in DUMPS
            ]
            header = context.prefixes.turtle_header().encode("utf-8")
            context_json = json.dumps(self.context, ensure_ascii=False, indent=1)
            self._handles[0].write(header)
            self._handles[1].write(header)
            self._handles[2].write(f'{{"@context": {context_json},\n"@graph": [\n'.encode())
        except BaseException as error:  # a full disk: drop the files begun, never rename them
            self._stack.__exit__(type(error), error, error.__traceback__)
            raise
        self._first_jsonld = True
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

    def write(self, trig: bytes, turtle: bytes, jsonld: bytes) -> tuple[tuple[int, int], ...]:
        """Append one graph's blocks; return where each landed, as (offset, length) per file."""
        if not self._first_jsonld:
            self._handles[2].write(JSONLD_SEPARATOR)
        self._first_jsonld = False
        spans = []
        for handle, block in zip(self._handles, (trig, turtle, jsonld), strict=True):
            spans.append((handle.tell(), len(block)))
            handle.write(block)
        return tuple(spans)

    def copy(
        self, sources: Sequence[IO[bytes]], ranges: Sequence[tuple[int, int]]
    ) -> tuple[tuple[int, int], ...]:
        """Like `write`, with each block copied from a range `[start, end)` of an open file.

        The kernel copies (copy_file_range) where it can, without the bytes passing through
        Python: an incremental build copies nearly all of a 400 MB archive this way.
        """
        if not self._first_jsonld:
            self._handles[2].write(JSONLD_SEPARATOR)
        self._first_jsonld = False
        spans = []
        for handle, source, (start, end) in zip(self._handles, sources, ranges, strict=True):
            handle.flush()
            at = handle.seek(0, os.SEEK_END)
            _copy_range(source, handle, start, end)
            spans.append((at, handle.seek(0, os.SEEK_END) - at))
        return tuple(spans)

    def union_only(self, turtle: bytes) -> None:
        """Triples written once in the union although several item graphs hold them."""
        self._handles[1].write(turtle)

    def close(self) -> None:
        """Finish every file and rename all of them into place."""
        if self._closed:
            return
        self._closed = True
        self._handles[2].write(b"\n]}\n")
        self._stack.close()
        document = json.dumps({"@context": self.context}, ensure_ascii=False, indent=1)
        write_atomic(self.directory / "context.jsonld", document + "\n")
