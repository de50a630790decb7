"""A store's graphs read by a process of their own: the same graphs, the same bytes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_rdf.errors import UsageError
from osce_rdf.publishing.graph_digests import GraphReader, graph_contents


def _store(path: Path) -> ox.Store:
    store = ox.Store(str(path))
    for n in range(3):
        graph = ox.NamedNode(f"https://w3id.org/osce/graph/{n}")
        text = ox.Literal("a text .\nover two lines" * (n * 5000 + 1))  # up to 100 KB a graph
        store.add(ox.Quad(ox.NamedNode("https://w3id.org/osce/item/a"),
                          ox.NamedNode("https://schema.org/text"), text, graph))  # fmt: skip
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/osce/x"), ox.NamedNode("https://schema.org/name"),
                      ox.Literal("in the default graph")))  # fmt: skip
    store.flush()
    return store


def test_the_reader_gives_the_graphs_the_store_gives(tmp_path: Path) -> None:
    store = _store(tmp_path / "store")
    expected = list(graph_contents(store))
    del store  # the reader opens the folder read-only, as the site does with its own handle
    with GraphReader(tmp_path / "store") as graphs:
        assert list(graphs) == expected
    assert [name for name, _ in expected] == [f"https://w3id.org/osce/graph/{n}" for n in range(3)]


def test_a_reader_stopped_early_leaves_no_process(tmp_path: Path) -> None:
    _store(tmp_path / "store").flush()
    with GraphReader(tmp_path / "store") as graphs:
        next(iter(graphs))
    assert graphs._process.returncode is not None


def test_a_store_that_cannot_be_read_is_an_error(tmp_path: Path) -> None:
    with GraphReader(tmp_path / "missing") as graphs, pytest.raises(UsageError, match="missing"):
        list(graphs)
