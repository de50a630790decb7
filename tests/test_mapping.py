"""Records -> graph: the public contract, on the seed page and the sample build."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_rdf.identity.namespaces import term
from osce_rdf.identity.rdf_terms import value
from osce_rdf.mapping.item_graphs import ItemGraph
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.reading.pages import parse_page, read_page
from osce_rdf.reference import Reference

from .conftest import SEED

BASE = "https://w3id.org/osce/"


@pytest.fixture(scope="module")
def seed_graph(pipeline: Pipeline) -> ItemGraph:
    (item,) = read_page(SEED, PAGES_DIR, content_types=pipeline.content_types).items
    return pipeline.mapper.map_item(item)


def objects(graph: ItemGraph, predicate: str) -> list[str]:
    return sorted(value(t.object) for t in graph.own if t.predicate.value == term(predicate))


def test_seed_item_has_the_public_contract(seed_graph: ItemGraph) -> None:
    assert seed_graph.iri.value.startswith(
        BASE + "item/2008-07-17-international-co-operation-to-fight-drug"
    )
    assert seed_graph.graph.value == seed_graph.iri.value.replace("/item/", "/graph/")
    assert objects(seed_graph, "rdf:type") == [
        term("schema:NewsArticle"),
        term("osce:PressRelease"),
    ]
    assert objects(seed_graph, "schema:headline") == [
        "International co-operation to fight drug trafficking focus of OSCE experts meeting"
    ]
    (published,) = [
        t.object for t in seed_graph.own if t.predicate.value == term("schema:datePublished")
    ]
    assert isinstance(published, ox.Literal)
    assert (published.value, published.datatype.value) == ("2008-07-17", term("xsd:date"))
    assert objects(seed_graph, "schema:dateline") == ["VIENNA, 17 July 2008"]
    assert objects(seed_graph, "schema:locationCreated") == [BASE + "place/vienna"]
    assert objects(seed_graph, "schema:sourceOrganization") == [BASE + "unit/secretariat"]
    assert objects(seed_graph, "schema:about") == [BASE + "field/policing"]
    assert objects(seed_graph, "schema:genre") == ["Press release"]
    assert objects(seed_graph, "schema:publisher") == [BASE + "unit/osce"]
    assert objects(seed_graph, "schema:inLanguage") == ["en"]
    assert objects(seed_graph, "prov:wasDerivedFrom") == [BASE + "source/000_b58f2e4459b73bca.txt"]
    assert objects(seed_graph, "osce:sourceLine") == ["153"]
    (body,) = objects(seed_graph, "schema:articleBody")
    assert body.startswith("VIENNA, 17 July 2008 - How international co-operation")
    assert seed_graph.unknown == []


def test_unknown_names_are_kept_and_flagged(pipeline: Pipeline) -> None:
    page = PAGES_DIR / "064_item_news-item-2025-vienna-foresight.txt"
    (item,) = read_page(page, PAGES_DIR, content_types=pipeline.content_types).items
    graph = pipeline.mapper.map_item(item)
    flagged = {
        value(t.subject) for t in graph.shared if t.predicate.value == term("osce:needsReview")
    }
    assert flagged == {
        BASE + "unit/innovation-and-foresight-unit",
        BASE + "field/strategic-foresight",
    }
    assert {(u.kind, u.written) for u in graph.unknown} == {
        ("unit", "OSCE Innovation and Foresight Unit"),
        ("field", "Strategic foresight"),
    }


def test_custom_base_and_source_base(pipeline: Pipeline) -> None:
    from osce_rdf.identity.iris import Iris
    from osce_rdf.mapping.item_graphs import Mapper

    mapper = Mapper(
        pipeline.resolver, Iris("https://example.org/data"), "https://www.osce.org/saved/"
    )
    (item,) = read_page(SEED, PAGES_DIR, content_types=pipeline.content_types).items
    graph = mapper.map_item(item)
    assert graph.iri.value.startswith("https://example.org/data/item/2008-07-17-")
    assert objects(graph, "prov:wasDerivedFrom") == [
        "https://www.osce.org/saved/000_b58f2e4459b73bca.txt"
    ]


def test_unit_names_with_a_comma_survive_comma_separated_lists(
    pipeline: Pipeline, reference: Reference
) -> None:
    name = next(u.name for u in reference.units if "," in u.name)
    head, tail = name.split(", ", 1)
    text = f"Title\nPublishing date: 3 May 1993\nWhere we are: OSCE Secretariat, {name}\nVIENNA, 3 May 1993 - Text."
    (item,) = parse_page(text, "x.txt").items
    assert item.sources == ("OSCE Secretariat", head, tail)  # the page, as written
    graph = pipeline.mapper.map_item(item)
    keys = objects(graph, "schema:sourceOrganization")
    assert keys == sorted(
        [BASE + "unit/secretariat", BASE + "unit/" + pipeline.resolver.unit(name).key]
    )
    assert graph.unknown == []


def test_place_fields_with_several_places_or_a_country(pipeline: Pipeline) -> None:
    text = "Title\n- Date: 3 May 2010\n- Place:\n- VIENNA, WARSAW\n- OSH, Kyrgyzstan\nThe text."
    (item,) = parse_page(text, "x.txt").items
    graph = pipeline.mapper.map_item(item)
    assert objects(graph, "schema:contentLocation") == [
        BASE + "place/osh",
        BASE + "place/vienna",
        BASE + "place/warsaw",
    ]
