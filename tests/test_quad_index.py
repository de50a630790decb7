"""The graphs held in memory answer pattern lookups as the store that holds them."""

from __future__ import annotations

import pyoxigraph as ox

from osce_rdf.publishing.quad_index import QuadIndex

_G1 = ox.NamedNode("https://w3id.org/osce/graph/one")
_G2 = ox.NamedNode("https://w3id.org/osce/graph/two")
_S = ox.NamedNode("https://w3id.org/osce/item/a")
_P = ox.NamedNode("https://schema.org/text")
_LINK = ox.NamedNode("https://schema.org/mentions")
_O = ox.NamedNode("https://w3id.org/osce/country/at")


def _store() -> ox.Store:
    store = ox.Store()
    for text in ("ends a line .\n<x> .", 'quoted " . \\ and\r\nbreaks', "plain"):
        store.add(ox.Quad(_S, _P, ox.Literal(text), _G1))
    store.add(ox.Quad(_S, _P, ox.Literal("tagged .", language="en"), _G1))
    store.add(ox.Quad(_S, _LINK, _O, _G1))
    store.add(ox.Quad(_S, _LINK, _O, _G2))  # the same triple in two graphs
    store.add(ox.Quad(ox.BlankNode("b1"), _P, ox.Literal("1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), _G2))  # fmt: skip
    return store


def _index(store: ox.Store) -> QuadIndex:
    index = QuadIndex()
    for graph in (_G1, _G2):
        index.add_graph(graph.value, list(store.quads_for_pattern(None, None, None, graph)))
    return index


def test_a_graph_read_into_memory_holds_the_stores_quads_with_their_graph() -> None:
    store = _store()
    index = _index(store)
    for graph in (_G1, _G2):
        assert sorted(map(str, index.quads_for_pattern(None, None, None, graph))) == sorted(
            map(str, store.quads_for_pattern(None, None, None, graph))
        )


def test_lookups_give_what_the_store_gives() -> None:
    store = _store()
    index = _index(store)
    default = ox.DefaultGraph()
    patterns: list[tuple[ox.NamedNode | None, ox.NamedNode | None, ox.NamedNode | None]] = [
        (_S, None, None), (_S, _P, None), (_S, _LINK, _O), (None, _LINK, None),
        (None, None, _O), (None, _LINK, _O), (None, None, None), (_O, None, None),
    ]  # fmt: skip
    for subject, predicate, obj in patterns:
        for graph in (None, default, _G1):
            found = sorted(map(str, index.quads_for_pattern(subject, predicate, obj, graph)))
            if graph is default:  # the store's default graph: the union, each triple once
                union = store.quads_for_pattern(subject, predicate, obj)
                expected = {str(ox.Quad(q.subject, q.predicate, q.object, default)) for q in union}
            else:
                expected = set(map(str, store.quads_for_pattern(subject, predicate, obj, graph)))
            assert found == sorted(expected), (subject, predicate, obj, graph)


def test_the_union_gives_each_triple_once_as_a_quad_of_a_graph_that_holds_it() -> None:
    store = _store()
    index = _index(store)
    for subject, predicate, obj in [(_S, None, None), (None, None, _O), (None, _LINK, None)]:
        found = list(index.union(subject, predicate, obj))
        triples = [q.triple for q in found]
        assert len(triples) == len(set(triples)), (subject, predicate, obj)
        expected = {q.triple for q in store.quads_for_pattern(subject, predicate, obj)}
        assert set(triples) == expected
        for quad in found:
            assert quad in store, quad  # the graph it names holds it


def test_references_count_the_statements_naming_a_node_as_object_in_every_graph() -> None:
    index = _index(_store())
    assert index.references(_O) == 2  # once in each graph
    assert index.references(_S) == 0  # only a subject
    assert index.references(ox.NamedNode("https://w3id.org/osce/country/de")) == 0
