"""The site reads a build's named graphs from its TriG dump (decision 0047): the same graphs
the store holds, in IRI order, each block's text whole, and the store built with them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_rdf.errors import UsageError
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.store import open_store, store_path
from osce_rdf.publishing.dump_graphs import DumpGraphs
from osce_rdf.rendering.dumps import DUMPS_DIR, PARTS_INDEX, TRIG, part_file

_TIRANA = "012_item_press-release-1997-tirana.txt"


def _graphs(data: Path) -> dict[str, set[str]]:
    """Every named graph's triples (as N-Triples lines), read from the dump."""
    with DumpGraphs(data) as graphs:
        return {
            block.name: {str(q.triple) for q in graphs.quads(graphs.text(block))}
            for block in graphs.blocks
        }


def _digests(data: Path) -> dict[str, str]:
    with DumpGraphs(data) as graphs:
        return {block.name: graphs.digest(graphs.text(block)) for block in graphs.blocks}


def _copy_of_pages(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    return pages


def test_the_dump_holds_the_stores_graphs_in_iri_order(
    sample_build: tuple[BuildResult, Path],
) -> None:
    _, data = sample_build
    with DumpGraphs(data) as graphs:
        names = [block.name for block in graphs.blocks]
        blocks = {block.name: graphs.quads(graphs.text(block)) for block in graphs.blocks}
    store = open_store(data)
    in_store = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    assert names == in_store  # every graph once, in the order the site has always read them
    assert len(names) > 40
    for name, quads in blocks.items():
        graph = ox.NamedNode(name)
        assert {q.graph_name for q in quads} == {graph}
        expected = {str(q) for q in store.quads_for_pattern(None, None, None, graph)}
        assert {str(q) for q in quads} == expected, name


def test_a_text_with_braces_and_line_breaks_stays_in_its_block(tmp_path: Path) -> None:
    pages = _copy_of_pages(tmp_path)
    page = pages / _TIRANA
    text = page.read_text(encoding="utf-8")
    anchor = "Greece, Italy and Austria"
    assert anchor in text
    page.write_text(text.replace(anchor, anchor + " {\n}\n\t}\n} .", 1), encoding="utf-8")
    build([pages], tmp_path / "dist", workers=1)
    read = _graphs(tmp_path / "dist")
    store = open_store(tmp_path / "dist")
    for name, triples in read.items():
        graph = ox.NamedNode(name)
        assert triples == {str(q.triple) for q in store.quads_for_pattern(None, None, None, graph)}
    # The paragraphs of the body joined: lines that are `}` in its text (escaped in the dump).
    assert any("{\\n\\n}\\n\\n}" in triple for triples in read.values() for triple in triples)


def test_only_the_edited_items_graph_has_a_new_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = _copy_of_pages(tmp_path)
    data = tmp_path / "dist"
    build([pages], data, workers=1)
    before = _digests(data)
    build([pages], data, workers=1, incremental=False)
    assert _digests(data) == before  # the same triples, the same text
    page = pages / _TIRANA
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Greece, Italy and Austria", "Greece and Italy"), "utf-8")
    build([pages], data, workers=1)
    after = _digests(data)
    changed = {name for name in after if after[name] != before.get(name)}
    items = {name for name in changed if "/graph/1997-" in name}
    assert len(items) == 1
    # Besides the item, at most the dataset's description (it counts what the graphs hold).
    assert changed - items <= {name for name in changed if name.endswith("/graph/dataset")}


def test_the_store_read_is_the_one_built_with_the_dump(tmp_path: Path) -> None:
    data = tmp_path / "dist"
    build([PAGES_DIR], data, workers=1)
    with DumpGraphs(data) as graphs:
        assert graphs.store == store_path(data)
    index = data / DUMPS_DIR / PARTS_INDEX
    parts = json.loads(index.read_text(encoding="utf-8"))
    # A build that began after this one's dumps were read and replaced its store since.
    index.write_text(json.dumps({**parts, "store": ".store-0"}), encoding="utf-8")
    with pytest.raises(UsageError, match="replaced by a newer build"):
        DumpGraphs(data)
    # An older osce-rdf's build did not say which store: the folder's current one.
    del parts["store"]
    index.write_text(json.dumps(parts), encoding="utf-8")
    with DumpGraphs(data) as graphs:
        assert graphs.store == store_path(data)


def test_a_build_without_a_store_cannot_make_a_site(tmp_path: Path) -> None:
    build([PAGES_DIR], tmp_path / "dist", workers=1, store=False)
    with pytest.raises(UsageError, match="made no store"):
        DumpGraphs(tmp_path / "dist")


def test_a_damaged_part_is_named_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "dist"
    build([PAGES_DIR], data, workers=1)
    part = (data / DUMPS_DIR).resolve() / part_file(TRIG, 1)
    lines = part.read_bytes().split(b"\n")
    assert lines[0].endswith(b" {")
    # The first block loses its closing line: the next block's name is where it fails.
    end = lines.index(b"}")
    part.write_bytes(b"\n".join(lines[:end] + lines[end + 1 :]))
    with pytest.raises(UsageError, match=rf"osce-0001\.trig, line {end + 1}: not a graph's"):
        DumpGraphs(data)


def test_a_folder_an_older_osce_rdf_built_is_told_to_build_again(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / TRIG.file_name).write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match=r"built by an older osce-rdf.*build -o .*old` again"):
        DumpGraphs(tmp_path / "old")
    with pytest.raises(UsageError, match=r"no build here.*` first"):
        DumpGraphs(tmp_path)


def test_a_graph_named_with_an_undeclared_prefix_is_named_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "dist"
    build([PAGES_DIR], data, workers=1)
    part = (data / DUMPS_DIR).resolve() / part_file(TRIG, 1)
    text = part.read_bytes()
    assert text.startswith(b"graph:")
    part.write_bytes(b"nowhere:" + text.removeprefix(b"graph:"))
    with pytest.raises(UsageError, match=r"osce-0001\.trig, line 1: not a graph's"):
        DumpGraphs(data)
