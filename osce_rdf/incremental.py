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

from .files import write_atomic
from .outputs import DUMPS
from .pipeline import PageOutput, Span, digest
from .validation import Result

__all__ = ["INDEX_FILE", "PreviousBuild", "write_index"]

INDEX_FILE = ".osce-rdf-index.json"
_FORMAT = 1


def _file_stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


class PreviousBuild:
    """The last build in a folder: its pages by file, and its dump files open for copying."""

    def __init__(
        self, directory: Path, pages: dict[str, PageOutput], reference_results: list[Result]
    ) -> None:
        self.directory = directory
        self.pages = pages
        self.reference_results = reference_results
        self._stack = ExitStack()
        self._handles: list[IO[bytes]] = [
            self._stack.enter_context((directory / name).open("rb")) for name in DUMPS
        ]

    @classmethod
    def open(cls, directory: Path, version: str) -> PreviousBuild | None:
        """The previous build, if there is one this build can trust."""
        try:
            data: dict[str, Any] = json.loads((directory / INDEX_FILE).read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT or data.get("version") != version:
                return None
            for name, stamp in data["files"].items():
                if _file_stamp(directory / name) != stamp:
                    return None
            pages = {entry["file"]: PageOutput.from_json(entry) for entry in data["pages"]}
            reference = [Result(*r) for r in data["reference_results"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return cls(directory, pages, reference)

    def close(self) -> None:
        self._stack.close()

    def reuse(self, file: Path) -> PageOutput | None:
        """The page's previous output if its content has not changed, else None."""
        entry = self.pages.get(str(file))
        if entry is None:
            return None
        try:
            stat = file.stat()
            if (stat.st_size, stat.st_mtime_ns) == (entry.size, entry.mtime_ns):
                return entry
            if stat.st_size != entry.size or digest(file.read_bytes()) != entry.digest:
                return None
        except OSError:
            return None
        entry.mtime_ns = stat.st_mtime_ns
        return entry

    def blocks(self, spans: tuple[Span, Span, Span]) -> tuple[bytes, bytes, bytes]:
        """An item's blocks, copied from the previous dump files."""
        copied = []
        for handle, (offset, length) in zip(self._handles, spans, strict=True):
            handle.seek(offset)
            copied.append(handle.read(length))
        return copied[0], copied[1], copied[2]

    def graphs(self) -> set[str]:
        return {item.graph for page in self.pages.values() for item in page.items}


def write_index(
    directory: Path, version: str, pages: list[PageOutput], reference_results: list[Result]
) -> None:
    """Record what this build wrote, for the next one (after the dump files are in place)."""
    document = {
        "format": _FORMAT,
        "version": version,
        "files": {name: _file_stamp(directory / name) for name in DUMPS},
        "reference_results": [[getattr(r, f) for f in Result.__slots__] for r in reference_results],
        "pages": [page.to_json() for page in pages],
    }
    write_atomic(
        directory / INDEX_FILE, json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    )
    os.utime(directory / INDEX_FILE)
