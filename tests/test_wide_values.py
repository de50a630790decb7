"""A node with many values of one predicate is validated in parts, with the same results.

pyshacl-turbo's time grows with the square of the values one node has of one predicate (an
item mentioning 20,000 things: 20 s), so the build gives it such values in parts
(`osce_rdf.validation.shacl._MOST_VALUES`). These tests pin that the parts give what
pySHACL gives on the whole graph, and that no engine call gets more than a part: the work
grows with the values, whatever a timer on a busy machine says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

from osce_rdf.identity.namespaces import RDF_TYPE, SCHEMA
from osce_rdf.identity.rdf_terms import value
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.reading.pages import read_page
from osce_rdf.validation import shacl
from osce_rdf.validation.shacl import Shapes, Validator

from .reference_shacl import shapes_graph

PARTS = 2  # values for two and a half parts, so three engine calls
CONCEPT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")


def value_findings(results: list[shacl.ValidationResult]) -> set[tuple[str, ...]]:
    return {(r.focus, r.path or "", r.component, r.severity, r.value or "") for r in results}


@pytest.fixture(scope="module")
def wide_item(pipeline: Pipeline) -> list[ox.Triple]:
    """The first sample item, mentioning thousands of things, some of them faulty in each
    part: a literal mentioned (not an IRI), a field of work that is not a concept, a
    genre that is not a string, and the genre given more than once."""
    page = read_page(PAGES_DIR / "010_item_press-release-1995-budapest.txt", PAGES_DIR)
    graph = pipeline.graph(page.items[0])
    triples, subject = list(graph.triples), graph.iri
    count = PARTS * shacl._MOST_VALUES + shacl._MOST_VALUES // 2
    for n in range(count):
        mentioned: ox.NamedNode | ox.Literal = ox.NamedNode(f"https://example.org/thing/{n}")
        if n % 700 == 3:
            mentioned = ox.Literal(f"thing {n}")
        triples.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "mentions"), mentioned))
        about = ox.NamedNode(f"https://example.org/field/{n}")
        triples.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "about"), about))
        if n % 500 != 5:  # a concept: its type is in the same graph
            triples.append(ox.Triple(about, ox.NamedNode(RDF_TYPE), CONCEPT))
        genre = ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#int"))
        genre = genre if n % 800 == 7 else ox.Literal(f"genre {n}")
        triples.append(ox.Triple(subject, ox.NamedNode(SCHEMA + "genre"), genre))
    return triples


def test_a_node_with_many_values_has_the_results_of_whole_graph_pyshacl(
    pipeline: Pipeline, wide_item: list[ox.Triple]
) -> None:
    reference = pipeline.reference_graph
    (found,) = pipeline.validator.validate_graphs([wide_item], reference)
    data = rdflib.Graph().parse(
        data=(ox.serialize([*wide_item, *reference], format=ox.RdfFormat.N_TRIPLES) or b""),
        format="nt",
    )
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), allow_warnings=True)
    described = {value(t.subject) for t in wide_item}
    expected = set()
    sh = rdflib.Namespace(shacl._SH)
    for node in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = str(report.value(node, sh.focusNode))
        if focus in described:
            found_value = report.value(node, sh.value)
            expected.add(
                (
                    focus,
                    str(report.value(node, sh.resultPath) or ""),
                    str(report.value(node, sh.sourceConstraintComponent)).removeprefix(shacl._SH),
                    str(report.value(node, sh.resultSeverity)).removeprefix(shacl._SH),
                    ""
                    if found_value is None or isinstance(found_value, rdflib.BNode)
                    else str(found_value),
                )
            )
    assert value_findings(found) == expected
    faults = Counter(component for _, _, component, _, _ in expected)
    assert faults["NodeKindConstraintComponent"] >= PARTS  # some in every part
    assert faults["ClassConstraintComponent"] >= PARTS
    assert faults["MaxCountConstraintComponent"] == 1
    assert len(found) == len(value_findings(found)), "a result given twice"


def test_no_engine_call_gets_more_than_a_part_of_a_nodes_values(
    pipeline: Pipeline, wide_item: list[ox.Triple], monkeypatch: pytest.MonkeyPatch
) -> None:
    widest: list[int] = []
    validate_text = Validator.validate_text

    def counting(self: Validator, text: str, focus: Collection[str] | None = None) -> object:
        pairs = Counter(
            (t.subject, t.predicate) for t in set(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
        )
        widest.append(max(pairs.values()))
        return validate_text(self, text, focus)

    monkeypatch.setattr(Validator, "validate_text", counting)
    pipeline.validator.validate_graphs([wide_item], pipeline.reference_graph)
    assert max(widest) <= shacl._MOST_VALUES
    assert len(widest) == PARTS + 1


def test_only_values_the_shapes_check_one_by_one_are_validated_in_parts() -> None:
    """Values judged together (within sh:or, by SPARQL, by a count or a comparison) stay
    together."""
    per_value = Shapes().per_value
    assert {SCHEMA + "mentions", SCHEMA + "about", SCHEMA + "genre"} <= per_value
    together = {
        RDF_TYPE,
        SCHEMA + "sourceOrganization",  # sh:or
        SCHEMA + "headline",  # read by SPARQL
        SCHEMA + "startDate",  # sh:lessThanOrEquals
        SCHEMA + "endDate",
        "http://www.w3.org/2004/02/skos/core#prefLabel",  # sh:uniqueLang
        "https://w3id.org/osce/ontology#hostCountry",  # in a node shape's sh:or
        "https://w3id.org/osce/ontology#attestedIn",  # a target
    }
    assert not together & per_value
