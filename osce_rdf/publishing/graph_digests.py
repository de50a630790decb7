"""What each named graph of a build's store holds, as a digest: what changed since last time.

Publishing sends only the graphs whose digest changed since the last publish to an endpoint,
and the site rebuilds only the pages of resources in graphs that changed. A digest is the
BLAKE2b of the graph's N-Triples lines in sorted order, so it depends on the triples alone,
not on the order a store keeps them in. The N-Triples come from pyoxigraph's own writer, one
graph at a time (at 25,000 pages the whole store passes through once); the site has them
written by a process of its own (`GraphReader`) while it reads each.
"""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

import pyoxigraph as ox

from ..errors import UsageError

__all__ = ["GraphDigest", "GraphReader", "digest_of", "graph_contents", "graph_digests"]

_HEADER = struct.Struct("<IQ")  # a graph's name and content, their sizes in bytes


@dataclass(frozen=True, slots=True)
class GraphDigest:
    digest: str
    triples: int


def digest_of(ntriples: bytes) -> GraphDigest:
    """The digest of N-Triples text (one triple a line), whatever the order of its lines."""
    lines = sorted(line for line in ntriples.split(b"\n") if line.strip())
    hashed = hashlib.blake2b(b"\n".join(lines), digest_size=16).hexdigest()
    return GraphDigest(hashed, len(lines))


def graph_contents(store: ox.Store, part: int = 0, parts: int = 1) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, its triples as N-Triples) for every named graph, in IRI order (or every
    `parts`-th graph from the `part`-th: a `GraphReader` writer's share)."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names[part::parts]:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        yield name, data or b""


def graph_digests(store: ox.Store) -> dict[str, GraphDigest]:
    """Every named graph's digest and size."""
    return {name: digest_of(data) for name, data in graph_contents(store)}


class GraphReader:
    """`graph_contents` of the store folder at `path`, written by other processes while this
    one reads each graph: writing a graph's N-Triples takes the store about as long as making
    its quads takes the site, and this way they overlap. At 25,000 pages one writer was the
    pace of the site's first minute (at a full core for 62 s, 1.7 ms a graph as the store
    grows, the site's process waiting on it at 0.55-0.8 of one), so there is one for each
    CPU (up to `_MOST_WRITERS`), each writing every n-th graph, read in turn. A writer is a
    fresh interpreter (`python -m`), not a forked child: RocksDB is not safe to use after a
    fork (see `pipeline.store.StoreLoader`); each opens the store read-only.
    """

    def __init__(self, path: Path, writers: int | None = None) -> None:
        self.path = path
        count = writers or max(1, min(_MOST_WRITERS, os.cpu_count() or 1))
        self._processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "osce_rdf.publishing.graph_digests",
                    str(path),
                    str(part),
                    str(count),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for part in range(count)
        ]

    def __enter__(self) -> GraphReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for process in self._processes:
            if process.poll() is None:
                process.kill()  # the caller stopped early: nothing more is read
            process.communicate()

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        """(graph IRI, its triples as N-Triples) for every named graph, in IRI order."""
        streams = [process.stdout for process in self._processes]
        ended = False
        while not ended:
            for stream in streams:
                assert stream is not None
                found = _read_graph(stream)
                if found is None:
                    ended = True  # the writers take turns: the first to end is after the last
                    break
                yield found
        for process in self._processes:
            rest, errors = process.communicate()
            if process.returncode != 0 or rest:
                text = errors.decode("utf-8", "replace").strip()
                reason = text.splitlines()[-1] if text else f"exit {process.returncode}"
                raise UsageError(f"{self.path}: reading the store's graphs failed: {reason}")


_MOST_WRITERS = 4


def _read_graph(stream: IO[bytes]) -> tuple[str, bytes] | None:
    """The next graph a writer wrote; None at the end of its output (or of a cut one: the
    writer's exit status then says why)."""
    header = stream.read(_HEADER.size)
    if len(header) != _HEADER.size:
        return None
    name_size, size = _HEADER.unpack(header)
    name = stream.read(name_size)
    content = stream.read(size)
    if len(name) != name_size or len(content) != size:
        return None
    return name.decode("utf-8"), content


def _write_graphs(path: str, part: int, parts: int) -> None:
    """A writer's share of the graphs of the store at `path` on the standard output, as
    `GraphReader` reads them."""
    out = sys.stdout.buffer
    for name, content in graph_contents(ox.Store.read_only(path), part, parts):
        encoded = name.encode("utf-8")
        out.write(_HEADER.pack(len(encoded), len(content)) + encoded)
        out.write(content)
    out.flush()


if __name__ == "__main__":
    _write_graphs(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
