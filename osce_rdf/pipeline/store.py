"""The embedded store: the dataset in an on-disk pyoxigraph store, next to the dump files.

Queries run against it without re-parsing dumps (see docs/decisions/0005). The store holds
every named graph and, as its default graph, their union with each triple once (what
`osce.ttl` holds): queries read the default graph. Oxigraph's own union of named graphs
(`use_default_graph_as_union`) keeps a triple once per graph that holds it, so a description
that n items repeat matched n times, and a join of three such patterns n^3 times; it also
made COUNT(*) wrong (measured in docs/decisions/0005).

A build never writes to the store that queries read. It makes a new generation beside it
(`.store-N`): a fresh load, or, when few pages changed, a checkpoint of the current one (its
tables hard-linked, as RocksDB's checkpoints do: `checkpoint`) in which only the named graphs
of the changed items and the dataset's description are replaced, the union kept in step
(`replace_graphs`). Once the generation is complete and closed, the build points the link
`store` at it in one rename (`switch_store`) and removes the previous one. A query opens the
generation the link names at that moment and reads it to its end (an open RocksDB file
outlives its removal), so it never sees a partial store, and a build that dies leaves the
previous store whole (docs/decisions/0006).

Loading the store is the largest single cost of a cold build (the named graphs and the union;
pyoxigraph's bulk loader holds the GIL), so a `StoreLoader` process loads the blocks while
the dumps are written, chunk by chunk, alongside the workers. At archive scale it sets the
pace of the build (figures in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .. import atomic_files as generations
from ..errors import UsageError
from ..rendering.dumps import link_file

__all__ = [
    "STORE_DIR",
    "StoreLoader",
    "checkpoint",
    "discard_generations",
    "open_store",
    "remove_store",
    "replace_graphs",
    "store_path",
    "switch_store",
    "update_store",
]

STORE_DIR = "store"  # a link to the current generation (a folder, as older builds left it)
_LEFTOVERS = (".store.new", ".store.old")  # names older versions used too


class StoreLoader:
    """Loads TriG into a new store from another process, chunk by chunk, as a build writes it.

    The loader is a fresh interpreter (`python -m osce_rdf.pipeline.store`) reading length-prefixed
    chunks on its standard input: not a forked child, because native libraries that were
    active in the parent (RocksDB, Rust thread pools) are not safe to use after a fork.
    """

    def __init__(self, directory: Path, header: bytes) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.generation = generations.new_generation(directory, STORE_DIR)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "osce_rdf.pipeline.store", str(self.generation)],
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
        """Send what is left and the end, wait for the loader; return the new generation,
        complete and closed (not yet the current store: see `switch_store`)."""
        self._send()
        with contextlib.suppress(OSError):
            if self._process.stdin is not None:
                self._process.stdin.write(_END)
        _, errors = self._process.communicate()
        if self._process.returncode != 0:
            shutil.rmtree(self.generation, ignore_errors=True)
            text = errors.decode("utf-8", "replace").strip()
            reason = text.splitlines()[-1] if text else _exit_reason(self._process.returncode)
            raise UsageError(f"{self.directory / STORE_DIR}: loading the store failed: {reason}")
        return self.generation

    def abort(self) -> None:
        self._process.kill()
        self._process.wait()
        shutil.rmtree(self.generation, ignore_errors=True)


_CHUNK = 8 << 20
_END = (0).to_bytes(8, "big")  # a chunk of no bytes: the build sent everything


def _exit_reason(code: int) -> str:
    if code < 0:
        return f"the loader was stopped by signal {signal.Signals(-code).name}"
    return f"exit code {code}"


def _load_chunks(fresh: str) -> None:
    """The loader process: bulk-load each length-prefixed TriG chunk on stdin, then compact.

    Each bulk load adds its own files to RocksDB, so a lookup searched hundreds of them:
    compacting (9 s at 25,000 pages) made lookups 3 to 4 times faster and the slowest
    catalogue queries 2 to 5 times (benchmarks/RESULTS.md). Standard input ending before the
    end mark means the build is gone: the loader stops at once, leaving its generation for
    the next build to remove. An interrupt (Ctrl-C reaches every process of the terminal) is
    for the build, which stops the loader itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    store = ox.Store(fresh)
    source = sys.stdin.buffer
    while True:
        head = source.read(8)
        size = int.from_bytes(head, "big")
        chunk = source.read(size) if len(head) == 8 else b""
        if len(head) < 8 or len(chunk) < size:
            sys.exit("the build stopped before sending all its data")
        if size == 0:
            break
        store.bulk_load(chunk, format=ox.RdfFormat.TRIG)
    store.optimize()
    store.flush()


def store_path(directory: Path) -> Path | None:
    """The folder of a build folder's current store, found once: a query that opens it reads
    that generation to its end, whatever a build does meanwhile."""
    return generations.current_generation(directory, STORE_DIR)


def checkpoint(directory: Path) -> Path:
    """A new generation holding what the current store holds, made as RocksDB makes a
    checkpoint: the table files (`.sst`, never written again once made) hard-linked, the
    others (the manifest naming the tables, the log of writes not yet in a table, the
    options) copied.

    The current store is closed (every writer of the folder holds its lock and closes the
    store before letting go), so its files are a whole store as they stand. RocksDB's own
    checkpoint (`Store.backup`) needed the store opened to write, since a read-only one
    leaves out what is only in its log: that open read every table's index and wrote a new
    manifest and table into the current store, 0.07-0.09 s of wall at 25,000 pages against
    0.003 s for the links and copies. Where the file system has no hard links, a table is
    copied (as RocksDB does).
    """
    current = store_path(directory)
    assert current is not None
    target = generations.new_generation(directory, STORE_DIR)
    target.mkdir()
    for entry in os.scandir(current):
        # The lock and RocksDB's own logs of what it did are the store's, not its data.
        if entry.name == "LOCK" or entry.name.startswith("LOG"):
            continue
        if entry.name.endswith(".sst"):
            link_file(entry.path, target / entry.name)
        else:
            shutil.copyfile(entry.path, target / entry.name)
    return target


def update_store(
    generation: Path, removed: Iterable[str], added: Iterable[bytes], header: bytes
) -> None:
    """Drop the named graphs in `removed` from a generation, then load TriG blocks (`header`
    holds the prefixes), one at a time."""
    store = ox.Store(str(generation))
    replace_graphs(store, removed, ())
    for block in added:
        replace_graphs(store, (), ox.parse(header + block, format=ox.RdfFormat.TRIG))
    store.flush()


def switch_store(directory: Path, generation: Path) -> None:
    """Make a complete generation the current store, in one rename of the link."""
    link = directory / STORE_DIR
    if link.is_dir() and not link.is_symlink():  # a store folder from an older osce-rdf
        link.rename(generations.new_generation(directory, STORE_DIR))
    generations.switch_generation(directory, STORE_DIR, generation)


def remove_store(directory: Path) -> None:
    """No store: a build without one leaves none that would answer from older data."""
    link = directory / STORE_DIR
    if link.is_symlink():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    discard_generations(directory)


def discard_generations(directory: Path) -> None:
    """Remove every generation but the current store's, and what older versions left."""
    generations.discard_generations(directory, STORE_DIR)
    for name in _LEFTOVERS:
        path = directory / name
        if path.is_symlink():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


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


def open_store(directory: Path, *, read_only: bool = True, path: Path | None = None) -> ox.Store:
    """The store of a build folder (its generation at `path`, if given: see `store_path`);
    `UsageError` when it is missing, damaged or locked."""
    path = path or store_path(directory)
    if path is None or not path.is_dir():
        raise UsageError(f"{directory}: no store here; run `osce-rdf build -o {directory}` first")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        union = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
        named = next(iter(store.named_graphs()), None)
    except (OSError, RuntimeError) as error:
        detail = " ".join(str(error).split())[:200]
        shown = directory / STORE_DIR  # what users know: the generation is ours
        if "lock" in detail.lower():
            raise UsageError(f"{shown}: in use by another process ({detail})") from None
        raise UsageError(
            f"{shown}: the store is damaged ({detail}); "
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
