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
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

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


def graph_contents(store: ox.Store) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, its triples as N-Triples) for every named graph, in IRI order."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        yield name, data or b""


def graph_digests(store: ox.Store) -> dict[str, GraphDigest]:
    """Every named graph's digest and size."""
    return {name: digest_of(data) for name, data in graph_contents(store)}


class GraphReader:
    """`graph_contents` of the store folder at `path`, written by another process while this
    one reads each graph: writing a graph's N-Triples takes the store about as long as making
    the quads of the one before takes the site (1.1 s and 1.0 s of process time at 1,500
    pages), and this way they overlap. The writer is a fresh interpreter (`python -m`), not a
    forked child: RocksDB is not safe to use after a fork (see `pipeline.store.StoreLoader`).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._process = subprocess.Popen(
            [sys.executable, "-m", "osce_rdf.publishing.graph_digests", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def __enter__(self) -> GraphReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._process.poll() is None:
            self._process.kill()  # the caller stopped early: nothing more is read
        self._process.communicate()

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        """(graph IRI, its triples as N-Triples) for every named graph, in IRI order."""
        stream = self._process.stdout
        assert stream is not None
        while len(header := stream.read(_HEADER.size)) == _HEADER.size:
            name_size, size = _HEADER.unpack(header)
            name = stream.read(name_size)
            content = stream.read(size)
            if len(name) != name_size or len(content) != size:
                break
            yield name.decode("utf-8"), content
        _, errors = self._process.communicate()
        if self._process.returncode != 0 or header:
            text = errors.decode("utf-8", "replace").strip()
            reason = text.splitlines()[-1] if text else f"exit {self._process.returncode}"
            raise UsageError(f"{self.path}: reading the store's graphs failed: {reason}")


def _write_graphs(path: str) -> None:
    """The graphs of the store at `path` on the standard output, as `GraphReader` reads them."""
    out = sys.stdout.buffer
    for name, content in graph_contents(ox.Store.read_only(path)):
        encoded = name.encode("utf-8")
        out.write(_HEADER.pack(len(encoded), len(content)) + encoded)
        out.write(content)
    out.flush()


if __name__ == "__main__":
    _write_graphs(sys.argv[1])
