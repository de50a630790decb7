"""The embedded store: the dataset in an on-disk pyoxigraph store, next to the dump files.

Queries run against it without re-parsing dumps (see docs/decisions/0005). A cold build
bulk-loads the TriG dump into a fresh store and swaps it in; an incremental build replaces
only the named graphs of the items that changed, and the dataset's description.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import UsageError

__all__ = ["STORE_DIR", "open_store", "rebuild_store", "update_store"]

STORE_DIR = "store"


def rebuild_store(directory: Path) -> Path:
    """Load `directory/osce.trig` into a new store and put it in place of the old one."""
    target = directory / STORE_DIR
    fresh = directory / f".{STORE_DIR}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    store = ox.Store(str(fresh))
    store.bulk_load(path=str(directory / "osce.trig"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    old = directory / f".{STORE_DIR}.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def update_store(
    directory: Path, removed: Iterable[str], added: Iterable[bytes], header: bytes
) -> None:
    """Drop the named graphs in `removed`, then load TriG blocks (`header` holds the prefixes)."""
    store = ox.Store(str(directory / STORE_DIR))
    for graph in removed:
        store.remove_graph(ox.NamedNode(graph))
    for block in added:
        store.load(header + block, format=ox.RdfFormat.TRIG)
    store.flush()


def open_store(directory: Path, *, read_only: bool = True) -> ox.Store:
    """The store of a build folder."""
    path = directory / STORE_DIR
    if not path.is_dir():
        raise UsageError(f"{directory}: no store here; run `osce-rdf build -o {directory}` first")
    return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
