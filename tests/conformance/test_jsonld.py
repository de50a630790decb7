"""jsonld.js, the JSON-LD reference implementation, reads our JSON-LD as the RDF we meant.

jsonld.js runs offline (its document loader refuses every URL) and in safe mode (it fails
instead of dropping a key or value it cannot turn into RDF). Both sides of each comparison
are canonicalised by rdf-canonize (RDFC-1.0): `osce.jsonld` against `osce.trig` read by N3.js,
and each framed item (`osce-rdf export --frame release --split DIR`) against the graphs of
the same TriG.

A framed item is its graph with the resources it points to embedded. What a frame states
must all be in the dataset, and everything the item's graph says must be in its frame
(issue 14, "Consumers": memberships, quotes and events included), both exact.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from osce_rdf.identity.rdf_terms import value

from .conftest import Corpus
from .engines import canonical

pytestmark = pytest.mark.conformance

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
NEWS_ARTICLE = "https://schema.org/NewsArticle"

# What framed items leave out, by the kind of resource and the predicate. Until issue 14
# ("Consumers") they left out memberships, the links from places in the text to what they
# name and the places events point to (681 of the sample's 2,766 item triples); now nothing.


def triples(lines: set[str]) -> list[ox.Triple]:
    text = "".join(line + "\n" for line in sorted(lines))
    return [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)]


def test_jsonld_document_is_the_trig_dataset(corpus: Corpus) -> None:
    """`osce.jsonld` turns into exactly the quads of `osce.trig`, graph names included."""
    from_jsonld = canonical("jsonld", [corpus.jsonld])[corpus.jsonld]
    from_trig = corpus.trig_graphs
    # Without blank nodes, canonical lines are the statements themselves, and sets of them
    # can be compared line by line (the frames below are compared that way).
    assert not any(_has_blank_node(q.triple) for q in corpus.quads)
    only_jsonld = sorted(from_jsonld.lines - from_trig.lines)[:10]
    only_trig = sorted(from_trig.lines - from_jsonld.lines)[:10]
    assert from_jsonld.text == from_trig.text, (only_jsonld, only_trig)
    assert len(from_jsonld) == len(corpus.quads)


def test_framed_items_state_their_graphs_and_nothing_else(corpus: Corpus) -> None:
    """Each framed item: every triple it states is in the dataset; every triple of its graph
    is stated."""
    dataset = corpus.trig_graphs
    stated_anywhere = {line for text in dataset.graphs.values() for line in text.splitlines()}
    item_graphs = {
        value(next(t for t in triples(set(text.splitlines())) if _is_item(t)).subject): text
        for text in dataset.graphs.values()
        if f"<{RDF_TYPE}> <{NEWS_ARTICLE}>" in text
    }
    framed = canonical("jsonld", corpus.framed)
    assert len(framed) == len(item_graphs)
    invented: list[str] = []
    left_out: dict[str, list[str]] = {}
    for document, frame in framed.items():
        stated = triples(frame.lines)
        assert not any(_has_blank_node(t) for t in stated), f"{document.name}: blank nodes"
        item = value(next(t for t in stated if _is_item(t)).subject)
        graph = set(item_graphs[item].splitlines())
        invented += sorted(frame.lines - stated_anywhere)
        if missing := sorted(graph - frame.lines):
            left_out[document.name] = missing
    assert invented == [], "frames state triples the dataset does not"
    assert left_out == {}, "frames leave out triples of their item's graph"


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _is_item(triple: ox.Triple) -> bool:
    return triple.predicate.value == RDF_TYPE and value(triple.object) == NEWS_ARTICLE
