"""The dump files of a build, written as a stream of blocks and renamed into place at the end.

    osce.trig     every named graph: ontology, reference data, one per item, dataset
    osce.ttl      their union, each triple once
    osce.jsonld   the same graphs as compacted JSON-LD, with the generated context inline
    context.jsonld  that context alone, for consumers that reference it

Items arrive in page order and are written as they arrive, so memory stays flat however
large the archive. Descriptions that several items share are collected and written once,
after the items; the dataset's description comes last because it counts everything.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .files import atomic_writer, write_atomic
from .serialize import prefix_header, trig_block, turtle_block

__all__ = ["OUTPUT_FILES", "DatasetWriter"]

OUTPUT_FILES = ("osce.trig", "osce.ttl", "osce.jsonld", "context.jsonld")


class DatasetWriter:
    """Streams blocks into the three dump files; nothing replaces the old files until `close`."""

    def __init__(
        self, directory: Path, prefixes: Mapping[str, str], context: Mapping[str, Any]
    ) -> None:
        self.directory = directory
        self.prefixes = dict(prefixes)
        self.context = dict(context)
        self._stack = contextlib.ExitStack()
        self._trig: IO[str] = self._stack.enter_context(atomic_writer(directory / "osce.trig"))
        self._ttl: IO[str] = self._stack.enter_context(atomic_writer(directory / "osce.ttl"))
        self._jsonld: IO[str] = self._stack.enter_context(atomic_writer(directory / "osce.jsonld"))
        header = prefix_header(self.prefixes)
        self._trig.write(header)
        self._ttl.write(header)
        self._jsonld.write('{"@context": ')
        self._jsonld.write(json.dumps(self.context, ensure_ascii=False, indent=1))
        self._jsonld.write(',\n"@graph": [\n')
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

    def graph(self, name: str, triples: Iterable[ox.Triple], jsonld_block: str) -> None:
        """A whole graph that is not an item's (ontology, reference data, dataset)."""
        triples = list(triples)
        self.write(
            trig_block(ox.NamedNode(name), triples, self.prefixes),
            turtle_block(triples, self.prefixes),
            jsonld_block,
        )

    def write(self, trig: str, turtle: str, jsonld: str) -> None:
        self._trig.write(trig)
        self._ttl.write(turtle)
        if not self._first_jsonld:
            self._jsonld.write(",\n")
        self._jsonld.write(jsonld)
        self._first_jsonld = False

    @property
    def files(self) -> list[Path]:
        return [self.directory / name for name in OUTPUT_FILES]

    def union_only(self, turtle: str) -> None:
        """Triples that appear in the union but were already written in item graphs."""
        self._ttl.write(turtle)

    def close(self) -> None:
        """Finish every file and rename all of them into place."""
        if self._closed:
            return
        self._closed = True
        self._jsonld.write("\n]}\n")
        self._stack.close()
        context_document = {"@context": self.context}
        write_atomic(
            self.directory / "context.jsonld",
            json.dumps(context_document, ensure_ascii=False, indent=1) + "\n",
        )
