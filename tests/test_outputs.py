"""The dump files: complete, deterministic, round-trippable, and never half-written."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from osce_rdf.errors import UsageError
from osce_rdf.identity.namespaces import term
from osce_rdf.identity.rdf_terms import value
from osce_rdf.operations import dump
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.pipeline.store import checkpoint, open_store, switch_store
from osce_rdf.pipeline.text_index import TEXT_INDEX, TextIndex
from osce_rdf.rendering.dumps import OUTPUT_FILES, DatasetWriter
from osce_rdf.sparql.dataset import Dataset

from .conftest import FIXTURES, output_bytes, single


def quads(path: Path, fmt: ox.RdfFormat) -> set[str]:
    return {str(q) for q in ox.parse(path=str(path), format=fmt)}


def test_build_writes_every_output(sample_build: tuple[BuildResult, Path]) -> None:
    result, out = sample_build
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        ".dumps-1",
        ".osce-rdf-index.json",
        ".store-1",
        ".text-index.stamp",
        "context.jsonld",
        "dumps",
        "store",
        "text-index.bin",
    ]
    assert (out / "store").readlink() == Path(".store-1")  # the generation queries read
    assert result.exit_code == 0
    assert (result.pages, result.items, result.rebuilt) == (39, 52, 39)


def test_trig_to_jsonld_to_graph_is_isomorphic(sample_build: tuple[BuildResult, Path]) -> None:
    _, out = sample_build
    trig = rdflib.Dataset()
    trig.parse(single(out, "osce.trig"), format="trig")
    jsonld = rdflib.Dataset()
    jsonld.parse(single(out, "osce.jsonld"), format="json-ld")
    names = {str(g.identifier) for g in trig.graphs()}
    assert names == {str(g.identifier) for g in jsonld.graphs()}
    for name in names:
        assert isomorphic(trig.graph(rdflib.URIRef(name)), jsonld.graph(rdflib.URIRef(name))), name
    # and with the other engine, quad for quad
    assert quads(single(out, "osce.trig"), ox.RdfFormat.TRIG) == quads(
        single(out, "osce.jsonld"), ox.RdfFormat.JSON_LD
    )


def test_turtle_is_the_union_of_all_graphs(sample_build: tuple[BuildResult, Path]) -> None:
    result, out = sample_build
    union = {
        str(q.triple)
        for q in ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG)
    }
    turtle = {
        str(t.triple)
        for t in ox.parse(path=str(single(out, "osce.ttl")), format=ox.RdfFormat.TURTLE)
    }
    assert turtle == union
    description = sum(
        1
        for q in ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG)
        if value(q.graph_name).endswith("/graph/dataset")
    )
    assert result.triples == len(union) - description


def test_turtle_writes_each_triple_once(sample_build: tuple[BuildResult, Path]) -> None:
    """The items of a listing page share their saved page's description: written once, too."""
    _, out = sample_build
    written = [
        str(t) for t in ox.parse(path=str(single(out, "osce.ttl")), format=ox.RdfFormat.TURTLE)
    ]
    repeated = sorted({t for t in written if written.count(t) > 1})
    assert repeated == []


def test_one_named_graph_per_item_plus_reference_ontology_and_dataset(
    sample_build: tuple[BuildResult, Path],
) -> None:
    result, out = sample_build
    names = {
        value(q.graph_name)
        for q in ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG)
    }
    assert len(names) == result.items + 3
    assert {n.rsplit("/", 1)[-1] for n in names} >= {"reference", "ontology", "dataset"}


def test_the_context_comes_from_the_ontology(
    sample_build: tuple[BuildResult, Path], pipeline: Pipeline
) -> None:
    _, out = sample_build
    context = json.loads((out / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert context["datePublished"] == {"@id": "schema:datePublished", "@type": "xsd:date"}
    assert context["sourceOrganization"] == {"@id": "schema:sourceOrganization", "@type": "@id"}
    assert context["prefLabel"] == {"@id": "skos:prefLabel", "@container": "@language"}
    assert context["PressRelease"] == "osce:PressRelease"
    declared = {value(t.subject) for t in pipeline.ontology if t.predicate.value.endswith("#type")}
    assert {d.iri for d in pipeline.context.terms.values()} <= declared
    # own terms take their datatype from their rdfs:range, reused ones from the profile
    assert context["datelineDate"] == {"@id": "osce:datelineDate", "@type": "xsd:date"}
    assert context["sourceLine"] == {"@id": "osce:sourceLine", "@type": "xsd:integer"}
    assert context["needsReview"] == {"@id": "osce:needsReview", "@type": "xsd:boolean"}
    assert context["decisionDate"] == {"@id": "osce:decisionDate", "@type": "xsd:gYearMonth"}
    assert context["title"] == {"@id": "dcterms:title", "@container": "@language"}
    assert context["description"] == {"@id": "dcterms:description", "@container": "@language"}
    # text takes the item's language; names and codes never have one
    assert context["headline"] == "schema:headline"
    assert context["name"] == {"@id": "schema:name", "@language": None}


def keys_and_values(node: object) -> Iterator[tuple[str, object]]:
    if isinstance(node, dict):
        for key, found in node.items():
            for one in found if isinstance(found, list) else [found]:
                yield key, one
                yield from keys_and_values(one)
    elif isinstance(node, list):
        for one in node:
            yield from keys_and_values(one)


def test_jsonld_uses_short_names_numbers_and_booleans(
    sample_build: tuple[BuildResult, Path],
) -> None:
    """No property of the data is left as a prefixed name with a typed value object (only
    the ontology graph's own RDFS and OWL annotations are), and integers and booleans are
    JSON numbers and booleans."""
    _, out = sample_build
    document = json.loads(single(out, "osce.jsonld").read_text(encoding="utf-8"))
    ontology = "graph:ontology"
    data = [g for g in document["@graph"] if g["@id"] != ontology]
    prefixed = {k for k, _ in keys_and_values(data) if ":" in k}
    assert prefixed == {"dcterms:publisher"}  # schema:publisher has the short name
    typed = {
        (k, v["@type"])
        for k, v in keys_and_values(data)
        if isinstance(v, dict) and "@type" in v and "@value" in v
    }
    assert typed <= {("decisionDate", "xsd:gYear")}  # a decision known by its year only
    values = dict(keys_and_values(data))
    assert isinstance(values["sourceLine"], int) and isinstance(values["triples"], int)
    assert values["needsReview"] is True


def test_same_input_gives_byte_identical_files(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, first = sample_build
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([PAGES_DIR], tmp_path, workers=2)  # another process count, same bytes
    for name in (*OUTPUT_FILES, TEXT_INDEX):
        assert output_bytes(tmp_path, name) == output_bytes(first, name), name
    assert TextIndex.open(tmp_path) is not None  # and it fits its own store


def test_build_time_comes_from_source_date_epoch(sample_build: tuple[BuildResult, Path]) -> None:
    _, out = sample_build
    assert '"2023-11-14T22:13:20Z"^^xsd:dateTime' in single(out, "osce.trig").read_text(
        encoding="utf-8"
    )


def test_provenance_names_pages_relative_to_the_input_folder(
    sample_build: tuple[BuildResult, Path],
) -> None:
    _, out = sample_build
    text = single(out, "osce.trig").read_text(encoding="utf-8")
    assert str(PAGES_DIR) not in text
    assert 'osce:sourcePath "000_b58f2e4459b73bca.txt"' in text


def test_a_failed_write_leaves_the_previous_files(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "osce.trig").write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError), DatasetWriter(tmp_path, pipeline.context) as writer:
        writer.begin_part()
        writer.write([b"<a> <b> <c> .\n", b"", b"{}"])
        raise RuntimeError("crash midway")
    assert (tmp_path / "osce.trig").read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["osce.trig"]


def test_incremental_rebuild_is_byte_identical_to_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    out = tmp_path / "out"
    first = build([pages], out, workers=1)
    assert first.rebuilt == first.pages
    again = build([pages], out, workers=1)
    assert again.rebuilt == 0
    assert again.items == first.items
    # change one page, remove another, add a third
    seed = pages / "000_b58f2e4459b73bca.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("experts meeting", "experts' meeting"),
        encoding="utf-8",
    )
    (pages / "012_item_press-release-1997-tirana.txt").unlink()
    shutil.copy(FIXTURES / "bad_pages" / "good.txt", pages / "999_good.txt")
    changed = build([pages], out, workers=1)
    assert changed.rebuilt == 2
    cold = build([pages], tmp_path / "cold", workers=1, incremental=False)
    for name in (*OUTPUT_FILES, TEXT_INDEX):
        assert output_bytes(out, name) == output_bytes(tmp_path / "cold", name), name
    assert (changed.items, changed.triples, len(changed.results)) == (
        cold.items,
        cold.triples,
        len(cold.results),
    )
    # the store follows, the union in its default graph too: the same quads as a cold store
    assert store_quads(out) == store_quads(tmp_path / "cold")
    assert union_of(out) == quads(single(out, "osce.ttl"), ox.RdfFormat.TURTLE)


def store_quads(out: Path) -> set[str]:
    return {str(q) for q in open_store(out).quads_for_pattern(None, None, None)}


def union_of(out: Path) -> set[str]:
    """The store's default graph, as N-Triples lines."""
    return {str(q) for q in open_store(out).quads_for_pattern(None, None, None, ox.DefaultGraph())}


def test_the_store_holds_every_graph_and_their_union(
    sample_build: tuple[BuildResult, Path],
) -> None:
    _, out = sample_build
    named = {str(q) for q in open_store(out).quads_for_pattern(None, None, None)} - union_of(out)
    assert named == quads(single(out, "osce.trig"), ox.RdfFormat.TRIG)
    assert union_of(out) == quads(single(out, "osce.ttl"), ox.RdfFormat.TURTLE)


def test_a_bad_page_is_still_reported_when_nothing_changed(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(FIXTURES / "bad_pages" / "good.txt", pages / "good.txt")
    shutil.copy(FIXTURES / "bad_pages" / "html.txt", pages / "html.txt")
    first = build([pages], tmp_path / "out", workers=1)
    again = build([pages], tmp_path / "out", workers=1)
    assert again.rebuilt == 0
    assert [str(e) for e in again.errors] == [str(e) for e in first.errors] != []
    assert again.exit_code == first.exit_code == 1


def _refused_across_file_systems(*_: object) -> int:
    raise OSError(errno.EXDEV, "Invalid cross-device link")


def _refused_after_a_first_chunk() -> Callable[[int, int, int, int], int]:
    """The kernel copies 1,000 bytes, then refuses: the copy must go on where it stopped."""
    calls = 0
    real = os.copy_file_range

    def copy(source: int, target: int, count: int, offset_src: int) -> int:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real(source, target, min(count, 1000), offset_src)

    return copy


def _without_kernel_copy(monkeypatch: pytest.MonkeyPatch, kernel_copy: str) -> None:
    if kernel_copy == "missing":
        monkeypatch.delattr("os.copy_file_range", raising=False)
    elif kernel_copy == "refused":
        monkeypatch.setattr("os.copy_file_range", _refused_across_file_systems)
    else:
        monkeypatch.setattr("os.copy_file_range", _refused_after_a_first_chunk())


@pytest.mark.parametrize("kernel_copy", ["missing", "refused", "refused-midway"])
def test_incremental_copy_and_dump_without_the_kernel_copy(
    kernel_copy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Systems without os.copy_file_range (macOS, Windows) and pairs of files it refuses (two
    file systems, e.g. a build on tmpfs and a site on disk: EXDEV) copy through Python."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([PAGES_DIR], tmp_path / "a", workers=1)
    build([PAGES_DIR], tmp_path / "b", workers=1, incremental=False)
    cold = {name: output_bytes(tmp_path / "b", name) for name in OUTPUT_FILES}
    with monkeypatch.context() as patched:
        _without_kernel_copy(patched, kernel_copy)
        again = build([PAGES_DIR], tmp_path / "a", workers=1)
        dump(tmp_path / "b", tmp_path / "osce.trig")
    assert again.rebuilt == 0
    for name in OUTPUT_FILES:
        assert output_bytes(tmp_path / "a", name) == cold[name]
    assert (tmp_path / "osce.trig").read_bytes() == cold["osce.trig"]


def test_loading_graphs_keeps_the_union_in_step(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    shutil.copytree(out / "store", tmp_path / "store")
    store = open_store(tmp_path, read_only=False)
    item = "https://w3id.org/osce/item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
    graph = "https://w3id.org/osce/graph/" + item.rsplit("/", 1)[1]
    old = ox.Literal(
        "International co-operation to fight drug trafficking focus of OSCE experts meeting"
    )
    new = ox.Literal("A corrected headline")
    headline = ox.NamedNode("https://schema.org/headline")
    publisher = ox.NamedNode("https://schema.org/publisher")
    osce = next(store.quads_for_pattern(ox.NamedNode(item), publisher, None)).object
    assert store.quads_for_pattern(None, publisher, osce, ox.DefaultGraph())  # held by others
    correction = tmp_path / "correction.trig"
    correction.write_text(f"<{graph}> {{ <{item}> {headline} {new} }}\n", encoding="utf-8")
    Dataset(store=store).load([correction])
    union = {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {
        str(q.triple)
        for q in store.quads_for_pattern(None, None, None)
        if isinstance(q.graph_name, ox.NamedNode)
    }
    assert union == named
    assert str(ox.Triple(ox.NamedNode(item), headline, new)) in union
    assert str(ox.Triple(ox.NamedNode(item), headline, old)) not in union
    assert any(t.endswith(f"{publisher} {osce}") for t in union)  # other items still say it
    with pytest.raises(UsageError, match="default graph is the union"):
        Dataset(store=store).load([single(out, "osce.ttl")], graph="default")


def test_a_missing_store_is_loaded_again_from_the_unchanged_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The blocks of unchanged items are copied from the previous files, and into the store."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([PAGES_DIR], tmp_path / "a", workers=1)
    cold = store_quads(tmp_path / "a")
    (tmp_path / "a" / "store").unlink()  # what `rm -rf DIR/store` does to the link
    again = build([PAGES_DIR], tmp_path / "a", workers=1)
    assert again.rebuilt == 0
    assert store_quads(tmp_path / "a") == cold
    assert union_of(tmp_path / "a") == quads(
        single(tmp_path / "a", "osce.ttl"), ox.RdfFormat.TURTLE
    )


def test_a_store_without_the_union_asks_for_a_full_build(tmp_path: Path) -> None:
    """A store from before the union was kept would answer every query with nothing."""
    store = ox.Store(str(tmp_path / "store"))
    store.add(
        ox.Quad(
            ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o"), ox.NamedNode("urn:g")
        )
    )
    store.flush()
    del store
    with pytest.raises(UsageError, match="build --full"):
        open_store(tmp_path)


def test_incremental_reuse_does_not_depend_on_how_the_input_path_is_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, pages read through the parent folder were reused with the parent's paths
    (`pages/x.txt`) in a build of the folder itself, and an absolute path reused nothing."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    shutil.copytree(PAGES_DIR, tmp_path / "data" / "pages")
    monkeypatch.chdir(tmp_path)
    out = Path("out")
    build([Path("data")], out, workers=1)
    assert 'osce:sourcePath "pages/000_b58f2e4459b73bca.txt"' in single(out, "osce.trig").read_text(
        encoding="utf-8"
    )
    full = build([Path("data/pages")], tmp_path / "full", workers=1, incremental=False)
    for typed in ["data/pages", str(tmp_path / "data" / "pages"), "data/../data/pages"]:
        again = build([Path(typed)], out, workers=1)
        for name in OUTPUT_FILES:
            assert output_bytes(out, name) == output_bytes(tmp_path / "full", name), typed
        assert store_quads(out) == store_quads(tmp_path / "full")
        assert again.items == full.items
    assert again.rebuilt == 0  # the absolute and the roundabout path reused every page


def _store_size(out: Path) -> int:
    return sum(f.stat().st_size for f in (out / "store").resolve().iterdir())


def test_an_incremental_build_after_most_pages_changed_leaves_the_store_no_bigger_than_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, it replaced every graph in place: slower than --full, with 8 times its memory
    and a store 5 times larger (at 3,000 pages: 845 MB against 169 MB)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    out = tmp_path / "out"
    build([pages], out, workers=1)
    for number, page in enumerate(sorted(pages.iterdir())):
        if number % 10:
            page.write_bytes(page.read_bytes().rstrip(b"\n") + b" The Mission will report.\n")
    assert build([pages], out, workers=1).rebuilt == 35
    build([pages], tmp_path / "full", workers=1, incremental=False)
    assert _store_size(out) <= 1.05 * _store_size(tmp_path / "full")
    assert store_quads(out) == store_quads(tmp_path / "full")


def test_graphs_replaced_in_place_are_bounded_by_a_new_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One changed page is replaced in a checkpoint of the store; once the replacements add
    up to a tenth of the pages, the next build loads a new store."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    out = tmp_path / "out"
    build([pages], out, workers=1)
    seed = pages / "000_b58f2e4459b73bca.txt"
    replaced = []
    for round_ in range(3):
        seed.write_text(seed.read_text(encoding="utf-8") + f"\nRound {round_}.\n", "utf-8")
        build([pages], out, workers=1)
        index = json.loads((out / ".osce-rdf-index.json").read_text(encoding="utf-8"))
        replaced.append(index["store"][1])  # pages replaced in place since the last load
    assert replaced == [2, 0, 2]  # the page and the dataset's description; then 4 > 3.9
    build([pages], tmp_path / "full", workers=1, incremental=False)
    assert store_quads(out) == store_quads(tmp_path / "full")


def test_a_build_without_a_store_removes_the_store_that_no_longer_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, queries went on reading the older store, and the next build with a store
    updated it as if it matched the dumps."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    out = tmp_path / "out"
    build([pages], out, workers=1)
    (pages / "012_item_press-release-1997-tirana.txt").unlink()
    build([pages], out, workers=1, store=False)
    assert sorted(p.name for p in out.iterdir()) == [
        ".dumps-1",  # the generation before, for readers that began before this build
        ".dumps-2",
        ".osce-rdf-index.json",
        "context.jsonld",
        "dumps",
    ]
    with pytest.raises(UsageError, match="no store here"):
        Dataset.open(out)
    build([pages], out, workers=1)
    build([pages], tmp_path / "full", workers=1, incremental=False)
    assert store_quads(out) == store_quads(tmp_path / "full")


def test_a_store_folder_of_an_older_version_is_replaced_by_a_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    build([PAGES_DIR], out, workers=1)
    generation = (out / "store").resolve()
    (out / "store").unlink()
    generation.rename(out / "store")  # as older versions left it: a folder
    (out / ".osce-rdf-index.json").unlink()  # and an index this version does not read
    assert Dataset.open(out).query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").rows()  # still read
    build([PAGES_DIR], out, workers=1)
    assert (out / "store").is_symlink()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store")) == [".store-1"]


def test_class_partitions_are_named_by_their_class(sample_build: tuple[BuildResult, Path]) -> None:
    """`dataset#class-19` meant another class whenever a class came or went; the partition of
    schema:NewsArticle is `dataset#class-schema-NewsArticle` in every build."""
    _, out = sample_build
    partitions = {
        value(q.subject): value(q.object)
        for q in ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG)
        if q.predicate.value == "http://rdfs.org/ns/void#class"
    }
    assert partitions["https://w3id.org/osce/dataset#class-schema-NewsArticle"] == (
        "https://schema.org/NewsArticle"
    )
    for partition, class_iri in partitions.items():
        prefix, _, local = partition.rpartition("#class-")[2].partition("-")
        assert class_iri == term(f"{prefix}:{local}"), partition


def _quad(text: str) -> ox.Quad:
    return ox.Quad(
        ox.NamedNode("http://example.org/a"),
        ox.NamedNode("http://example.org/b"),
        ox.Literal(text),
        ox.NamedNode("http://example.org/g"),
    )


def _closed_store_with_a_write_only_in_its_log(directory: Path) -> Path:
    """A folder's current store, closed, with one quad in its tables and one only in its log
    (not flushed: a load writes so)."""
    generation = directory / ".store-1"
    store = ox.Store(str(generation))
    store.add(_quad("in a table"))
    store.flush()
    store.add(_quad("in the log"))
    del store
    switch_store(directory, generation)
    return generation


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.name != "LOCK"}


@pytest.mark.parametrize("links", [True, False])
def test_a_checkpoint_holds_the_store_and_leaves_it_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    """The checkpoint is made from the closed store's files: the tables linked (copied where
    the file system has no links), the rest copied. It holds what is only in the log, and
    neither making it nor writing to it changes a byte of the current store."""
    if not links:

        def refused(source: object, target: object) -> None:
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))

        monkeypatch.setattr(os, "link", refused)
    current = _closed_store_with_a_write_only_in_its_log(tmp_path)
    before = _files(current)
    assert any(name.endswith(".log") and data for name, data in before.items())
    target = checkpoint(tmp_path)
    assert target != current and _files(current) == before
    shared = {
        path.name
        for path in target.iterdir()
        if path.stat().st_ino == (current / path.name).stat().st_ino
    }
    tables = {name for name in before if name.endswith(".sst")}
    assert shared == (tables if links else set())
    store = ox.Store(str(target))
    assert sorted(quad.object.value for quad in store) == ["in a table", "in the log"]
    store.remove(_quad("in a table"))
    store.add(_quad("in the checkpoint"))
    store.flush()
    store.optimize()  # tables of the checkpoint merged and the linked ones let go
    del store
    assert _files(current) == before
    store = ox.Store.read_only(str(current))
    assert sorted(quad.object.value for quad in store) == ["in a table", "in the log"]
