"""`export --frame release`: one JSON-LD document per item that says all its graph says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import rdflib

from osce_rdf.pipeline.build import BuildResult
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.rendering.export import export, frame_items, load_quads

from .conftest import single


def triples(graph: rdflib.Graph) -> set[tuple[rdflib.term.Node, ...]]:
    return set(graph)


@pytest.fixture(scope="module")
def framed(
    sample_build: tuple[BuildResult, Path],
    pipeline: Pipeline,
    tmp_path_factory: pytest.TempPathFactory,
) -> list[Path]:
    _, out = sample_build
    return frame_items(load_quads(out), tmp_path_factory.mktemp("items"), pipeline.context)


def test_a_framed_item_expands_to_its_whole_graph(
    sample_build: tuple[BuildResult, Path], framed: list[Path]
) -> None:
    """Frame -> expand (rdflib's JSON-LD parser) -> every triple of the item's graph, and
    nothing else but the reference data's descriptions of what it points at."""
    result, out = sample_build
    dataset = rdflib.Dataset()
    dataset.parse(single(out, "osce.trig"), format="trig")
    base = "https://w3id.org/osce/"
    reference = triples(dataset.graph(rdflib.URIRef(base + "graph/reference")))
    assert len(framed) == result.items
    for path in framed:
        key = path.name.removesuffix(".jsonld")
        graph = triples(dataset.graph(rdflib.URIRef(f"{base}graph/{key}")))
        expanded = triples(rdflib.Graph().parse(path, format="json-ld"))
        assert graph - expanded == set(), path.name
        assert expanded - graph <= reference, path.name


def test_a_framed_item_has_the_item_at_its_root(framed: list[Path]) -> None:
    seed = json.loads(
        next(p for p in framed if p.name.startswith("2008-07-17-")).read_text(encoding="utf-8")
    )
    assert seed["@context"][1] == {"@language": "en"}
    assert seed["headline"].startswith("International co-operation")
    assert seed["publisher"]["name"] == "Organization for Security and Co-operation in Europe"
    assert (
        seed["author"]["name"] == "Secretariat" and seed["sourceOrganization"] == "unit:secretariat"
    )
    assert seed["about"]["prefLabel"]["en"] == "Policing"
    assert seed["sourceLine"] == 153  # a JSON number
    # who held which post, attested in this item
    (role,) = seed["@reverse"]["attestedIn"]
    assert role["roleName"] == "Senior Police Adviser to the OSCE Secretary General"
    # the place an event happened in is embedded once, with its name; later, referred to
    conference = next(
        m for m in seed["mentions"] if m["@id"].endswith("#event-conference-2008-07-17-vienna")
    )
    assert conference["location"] == "place:vienna" == seed["contentLocation"]["@id"]
    assert seed["contentLocation"]["name"] == "Vienna"
    # where the text names a thing
    belgium = next(m for m in seed["mentions"] if m["@id"] == "country:be")
    assert belgium["@reverse"]["taIdentRef"][0]["@id"].endswith("#char=2050,2057")


def test_framed_items_can_refer_to_the_published_context(
    sample_build: tuple[BuildResult, Path], pipeline: Pipeline, tmp_path: Path
) -> None:
    _, out = sample_build
    shutil.copy(out / "context.jsonld", tmp_path / "context.jsonld")
    (path, *_) = frame_items(
        load_quads(out), tmp_path / "items", pipeline.context, "../context.jsonld"
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"][0] == "../context.jsonld"
    inline = frame_items(load_quads(out), tmp_path / "inline", pipeline.context)[0]
    assert len(path.read_bytes()) < len(inline.read_bytes()) - 8000
    by_reference = triples(rdflib.Graph().parse(path, format="json-ld"))
    assert by_reference == triples(rdflib.Graph().parse(inline, format="json-ld"))


def embedded(node: object, found: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Every node object in a document, by its @id."""
    if isinstance(node, dict):
        if "@id" in node and len(node) > 1:
            found[str(node["@id"])] = node
        for inner in node.values():
            embedded(inner, found)
    elif isinstance(node, list):
        for inner in node:
            embedded(inner, found)
    return found


def test_every_place_an_event_points_at_has_its_name_in_the_document(framed: list[Path]) -> None:
    located = 0
    for path in framed:
        nodes = embedded(json.loads(path.read_text(encoding="utf-8")), {})
        for node in nodes.values():
            types = node.get("@type", [])
            if "Event" in (types if isinstance(types, list) else [types]) and "location" in node:
                where = node["location"]
                where = where if isinstance(where, dict) else nodes[str(where)]
                assert where["name"], path.name
                located += 1
    assert located >= 10


def test_exported_jsonld_writes_each_graph_as_the_build_does(
    sample_build: tuple[BuildResult, Path], pipeline: Pipeline, tmp_path: Path
) -> None:
    """Each item's text in its own language, as bare strings, in both."""
    _, out = sample_build
    target = tmp_path / "export.jsonld"
    export(load_quads(out), "jsonld", target, pipeline.context)
    graphs = [
        {
            g["@id"]: g
            for g in json.loads(path.read_text(encoding="utf-8"))["@graph"]
            if "@graph" in g
        }
        for path in (target, single(out, "osce.jsonld"))
    ]
    assert graphs[0] == graphs[1]
    french = next(g for key, g in graphs[0].items() if key.startswith("graph:2014-05-12-la-"))
    assert french["@context"] == {"@language": "fr"}
