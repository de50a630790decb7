"""Findings -> RDF: the model of ontology/README.md, valid against the shapes."""

from __future__ import annotations

import datetime as dt

import pytest

from osce_rdf.identity.namespaces import term
from osce_rdf.identity.rdf_terms import value
from osce_rdf.mapping.findings import FindingsMapper
from osce_rdf.mapping.item_graphs import ItemGraph
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.reading.findings import (
    DecisionFinding,
    EventFinding,
    Findings,
    Mention,
    PersonFinding,
    QuoteFinding,
    Ref,
    Span,
)
from osce_rdf.reading.pages import read_page

from .conftest import SEED

BASE = "https://w3id.org/osce/"


def at(body: str, text: str, occurrence: int = 1) -> Span:
    start = -1
    for _ in range(occurrence):
        start = body.index(text, start + 1)
    return Span(start, start + len(text))


@pytest.fixture(scope="module")
def enriched(pipeline: Pipeline) -> ItemGraph:
    (item,) = read_page(SEED, PAGES_DIR, content_types=pipeline.content_types).items
    body = item.article_body
    quote = "Combating illicit drugs is a highly complex"
    findings = Findings(
        mentions=(
            Mention(Ref("country", "af"), "Afghanistan", at(body, "Afghanistan")),
            Mention(Ref("country", "af"), "Afghan", at(body, "Afghan", 2)),
            Mention(Ref("country", "be"), "Belgium", at(body, "Belgium")),
            Mention(
                Ref("unit", "strategic-police-matters-unit"),
                "Strategic Police Matters Unit",
                at(body, "Strategic Police Matters Unit"),
            ),
            Mention(
                Ref("body", "unodc"),
                "UN Office on Drugs and Crime",
                at(body, "UN Office on Drugs and Crime"),
            ),
        ),
        people=(
            PersonFinding(
                "Kevin Carty",
                "",
                "Senior Police Adviser to the OSCE Secretary General",
                Ref("unit", "secretariat"),
                (at(body, "Kevin Carty"), at(body, "Carty", 2)),
            ),
        ),
        quotes=(QuoteFinding(quote, ("Kevin Carty",), at(body, quote)),),
        events=(
            EventFinding(
                "conference",
                "event-kind",
                "two-day OSCE expert conference",
                dt.date(2008, 7, 17),
                dt.date(2008, 7, 18),
                "Vienna",
                Ref("unit", "strategic-police-matters-unit"),
                150,
                (Ref("country", "be"), Ref("country", "no")),
                at(body, "two-day OSCE expert conference"),
            ),
        ),
        decisions=(
            DecisionFinding(
                "a November 2007 decision by the OSCE Permanent Council",
                "permanent-council",
                None,
                "2007-11",
                at(body, "a November 2007 decision by the OSCE Permanent Council"),
            ),
        ),
    )
    graph = pipeline.mapper.map_item(item)
    FindingsMapper(pipeline.mapper).add(graph, findings)
    return graph


def objects(graph: ItemGraph, subject: str, predicate: str) -> list[str]:
    return sorted(
        value(t.object)
        for t in graph.triples
        if value(t.subject) == subject and t.predicate.value == term(predicate)
    )


def test_findings_follow_the_model(enriched: ItemGraph) -> None:
    item = enriched.iri.value
    mentions = objects(enriched, item, "schema:mentions")
    person = BASE + "person/kevin-carty--osce"
    assert (
        BASE + "country/af" in mentions and BASE + "body/unodc" in mentions and person in mentions
    )
    assert BASE + "decision/permanent-council-2007-11" in mentions
    occurrences = [
        value(t.subject)
        for t in enriched.own
        if t.predicate.value == term("itsrdf:taIdentRef") and value(t.object) == BASE + "country/af"
    ]
    assert len(occurrences) == 2 and all("#char=" in o for o in occurrences)
    assert objects(enriched, person, "schema:jobTitle") == [
        "Senior Police Adviser to the OSCE Secretary General"
    ]
    role = item + "#role-kevin-carty--osce"
    assert objects(enriched, role, "org:organization") == [BASE + "unit/secretariat"]
    body = enriched.item.article_body
    quote = at(body, "Combating illicit drugs is a highly complex")
    quote_node = f"{item}#char={quote.start},{quote.end}"
    event_node = item + "#event-conference-2008-07-17-vienna"
    assert event_node in mentions
    assert objects(enriched, quote_node, "schema:spokenByCharacter") == [person]
    assert quote_node in objects(enriched, item, "schema:hasPart")
    assert objects(enriched, event_node, "schema:funder") == [
        BASE + "country/be",
        BASE + "country/no",
    ]
    assert objects(enriched, event_node, "schema:location") == [BASE + "place/vienna"]
    assert objects(enriched, event_node, "schema:startDate") == ["2008-07-17"]


def test_offsets_point_at_the_text(enriched: ItemGraph) -> None:
    body = enriched.item.article_body
    for triple in enriched.own:
        if triple.predicate.value == term("itsrdf:taIdentRef"):
            start, end = map(int, value(triple.subject).rsplit("#char=", 1)[1].split(","))
            assert body[start:end] in {"Afghanistan", "Afghan", "Belgium", "Strategic Police Matters Unit",
                                       "UN Office on Drugs and Crime", "Kevin Carty", "Carty",
                                       "two-day OSCE expert conference",
                                       "a November 2007 decision by the OSCE Permanent Council"}  # fmt: skip


def test_enriched_graph_is_valid(enriched: ItemGraph, pipeline: Pipeline) -> None:
    results = pipeline.validator.validate_unit(enriched.triples, pipeline.reference_graph)
    assert [r for r in results if r.severity != "Info"] == []


def test_a_misnamed_occurrence_is_a_violation(enriched: ItemGraph, pipeline: Pipeline) -> None:
    import pyoxigraph as ox

    target = next(t for t in enriched.own if t.predicate.value == term("itsrdf:taIdentRef"))
    wrong = ox.Triple(
        ox.NamedNode(value(target.subject).replace("#char=", "#at=")),
        target.predicate,
        target.object,
    )
    results = pipeline.validator.validate_unit([*enriched.triples, wrong], pipeline.reference_graph)
    assert [r.component for r in results if r.severity == "Violation"] == [
        "PatternConstraintComponent"
    ]


def test_a_joint_quote_has_every_speaker_and_is_valid(pipeline: Pipeline) -> None:
    (item,) = read_page(SEED, PAGES_DIR, content_types=pipeline.content_types).items
    body = item.article_body
    quote = "Combating illicit drugs is a highly complex"
    speakers = (
        PersonFinding("Kevin Carty", "", "", None, (at(body, "Kevin Carty"),)),
        PersonFinding("Jane Roe", "Dr", "", None, ()),
    )
    findings = Findings(
        people=speakers,
        quotes=(QuoteFinding(quote, ("Kevin Carty", "Jane Roe"), at(body, quote)),),
    )
    graph = pipeline.mapper.map_item(item)
    FindingsMapper(pipeline.mapper).add(graph, findings)
    span = at(body, quote)
    node = f"{graph.iri.value}#char={span.start},{span.end}"
    assert objects(graph, node, "schema:spokenByCharacter") == [
        BASE + "person/jane-roe--unknown", BASE + "person/kevin-carty--unknown"
    ]  # fmt: skip
    results = pipeline.validator.validate_unit(graph.triples, pipeline.reference_graph)
    assert [r for r in results if r.severity != "Info"] == []


def conference(
    span: Span, start: dt.date | None = None, place: str | None = "Vienna"
) -> EventFinding:
    return EventFinding(
        "conference", "event-kind", "conference", start, None, place, None, None, (), span
    )


def test_event_iris_name_identity_not_offsets(pipeline: Pipeline) -> None:
    """Adding text before an event leaves its IRI alone; two events of the same kind, date and
    place are told apart by the order the text names them, the same every build."""
    (item,) = read_page(SEED, PAGES_DIR, content_types=pipeline.content_types).items
    findings = Findings(
        events=(
            conference(Span(10, 20), dt.date(2008, 7, 17)),
            conference(Span(500, 510), dt.date(2008, 7, 17)),
            conference(Span(600, 610), None, None),
        )
    )
    shifted = Findings(events=tuple(conference(Span(e.span.start + 7, e.span.end + 7), e.start, e.location) for e in findings.events))  # fmt: skip
    names = []
    for found in (findings, shifted):
        graph = pipeline.mapper.map_item(item)
        FindingsMapper(pipeline.mapper).add(graph, found)
        names.append(
            sorted(value(t.subject) for t in graph.own if value(t.object) == term("schema:Event"))
        )
    item_iri = names[0][0].partition("#")[0]
    assert (
        names[0]
        == names[1]
        == [
            f"{item_iri}#event-conference",
            f"{item_iri}#event-conference-2008-07-17-vienna",
            f"{item_iri}#event-conference-2008-07-17-vienna-2",
        ]
    )
