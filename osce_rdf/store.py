"""The embedded store: the dataset in an on-disk pyoxigraph store, next to the dump files.

Queries run against it without re-parsing dumps (see docs/decisions/0005). The store holds
every named graph and, as its default graph, their union with each triple once (what
`osce.ttl` holds): queries read the default graph. Oxigraph's own union of named graphs
(`use_default_graph_as_union`) keeps a triple once per graph that holds it, so a description
that 30 items repeat matched 30 times, and a join of three such patterns 27,000 times (a
decisions query took minutes at 5,000 pages); it also made COUNT(*) wrong.

A cold build loads a fresh store and swaps it in; an incremental build replaces only the
named graphs of the items that changed, and the dataset's description, and keeps the union
in step (`replace_graphs`).

Loading the store is the largest single cost of a cold build (about 11 us of CPU per quad:
11.5 s of one core at 5,000 pages, for the named graphs and the union; pyoxigraph's bulk
loader holds the GIL), so a `StoreLoader` process loads the blocks while the dumps are
written, chunk by chunk, alongside the workers. At 100,000 pages it sets the pace of the
build (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import UsageError

__all__ = ["STORE_DIR", "StoreLoader", "open_store", "replace_graphs", "update_store"]

STORE_DIR = "store"


class StoreLoader:
    """Loads TriG into a new store from another process, chunk by chunk, as a build writes it.

    The loader is a fresh interpreter (`python -m osce_rdf.store`) reading length-prefixed
    chunks on its standard input: not a forked child, because native libraries that were
    active in the parent (RocksDB, Rust thread pools) are not safe to use after a fork.
    """

    def __init__(self, directory: Path, header: bytes) -> None:
        self.directory = directory
        self._fresh = directory / f".{STORE_DIR}.new"
        directory.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self._fresh, ignore_errors=True)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "osce_rdf.store", str(self._fresh)],
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._pending: list[bytes] = [header]
        self._pending_size = 0
        self._header = header

    def add(self, block: bytes) -> None:
        """A TriG block (without prefixes): a named graph's, or Turtle for the default graph;
        sent on in chunks of a few MB."""
        self._pending.append(block)
        self._pending_size += len(block)
        if self._pending_size >= _CHUNK:
            self._send()

    def _send(self) -> None:
        if self._pending_size == 0 or self._process.stdin is None:
            return
        chunk = b"".join(self._pending)
        self._pending, self._pending_size = [self._header], 0
        with contextlib.suppress(OSError):  # the loader is gone: finish() says why
            self._process.stdin.write(len(chunk).to_bytes(8, "big") + chunk)

    def finish(self) -> Path:
        """Send what is left, wait for the loader, put the new store in place of the old one."""
        self._send()
        _, errors = self._process.communicate()
        if self._process.returncode != 0:
            shutil.rmtree(self._fresh, ignore_errors=True)
            text = errors.decode("utf-8", "replace").strip()
            reason = text.splitlines()[-1] if text else f"exit code {self._process.returncode}"
            raise UsageError(f"{self.directory / STORE_DIR}: loading the store failed: {reason}")
        return _swap(self.directory, self._fresh)

    def abort(self) -> None:
        self._process.kill()
        self._process.wait()
        shutil.rmtree(self._fresh, ignore_errors=True)


_CHUNK = 8 << 20


def _load_chunks(fresh: str) -> None:
    """The loader process: bulk-load each length-prefixed TriG chunk on stdin, then compact.

    Each bulk load adds its own files to RocksDB, so a lookup searched hundreds of them:
    compacting (9 s at 25,000 pages) made lookups 3 to 4 times faster and the slowest
    catalogue queries 2 to 5 times (benchmarks/RESULTS.md).
    """
    store = ox.Store(fresh)
    source = sys.stdin.buffer
    while size := int.from_bytes(source.read(8) or b"\0", "big"):
        store.bulk_load(source.read(size), format=ox.RdfFormat.TRIG)
    store.optimize()
    store.flush()


def _swap(directory: Path, fresh: Path) -> Path:
    target = directory / STORE_DIR
    old = directory / f".{STORE_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def update_store(
    directory: Path, removed: Iterable[str], added: Iterable[bytes], header: bytes
) -> list[ox.Quad]:
    """Drop the named graphs in `removed`, then load TriG blocks (`header` holds the prefixes).

    Returns the quads added, for the text index to follow.
    """
    store = open_store(directory, read_only=False)
    quads = [q for block in added for q in ox.parse(header + block, format=ox.RdfFormat.TRIG)]
    replace_graphs(store, removed, quads)
    store.flush()
    return quads


def replace_graphs(store: ox.Store, removed: Iterable[str], added: Iterable[ox.Quad]) -> None:
    """Drop named graphs and add quads of named graphs, keeping the default graph the union.

    A dropped graph's triple leaves the union only when no other named graph holds it.
    """
    for name in removed:
        graph = ox.NamedNode(name)
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        store.remove_graph(graph)
        for t in triples:
            elsewhere = store.quads_for_pattern(t.subject, t.predicate, t.object)
            if not any(isinstance(q.graph_name, ox.NamedNode) for q in elsewhere):
                store.remove(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()))
    quads = [q for q in added if isinstance(q.graph_name, ox.NamedNode)]
    store.extend(quads)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)


def open_store(directory: Path, *, read_only: bool = True) -> ox.Store:
    """The store of a build folder; `UsageError` when it is missing, damaged or locked."""
    path = directory / STORE_DIR
    if not path.is_dir():
        raise UsageError(f"{directory}: no store here; run `osce-rdf build -o {directory}` first")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        union = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
        named = next(iter(store.named_graphs()), None)
    except (OSError, RuntimeError) as error:
        detail = " ".join(str(error).split())[:200]
        if "lock" in detail.lower():
            raise UsageError(f"{path}: in use by another process ({detail})") from None
        raise UsageError(
            f"{path}: the store is damaged ({detail}); "
            f"rebuild it with `osce-rdf build --full -o {directory}`"
        ) from None
    if union is None and named is not None:
        raise UsageError(
            f"{directory}: the store has no union of its graphs (built by an older osce-rdf); "
            f"run `osce-rdf build --full -o {directory}`"
        )
    return store


if __name__ == "__main__":
    _load_chunks(sys.argv[1])
