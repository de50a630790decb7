"""The ontology's and shapes' documentation: every term, in every language, with its shapes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from osce_rdf.cli.commands import main
from osce_rdf.identity.namespaces import OSCE, OWL, RDF
from osce_rdf.package_data import ONTOLOGY_FILE
from osce_rdf.pipeline.build import BuildResult
from osce_rdf.publishing.ontology_docs import ontology_docs
from osce_rdf.publishing.views import Resources
from osce_rdf.rendering.rdf_input import read_quads

from .html_check import broken_links, parse_page


def _declared() -> set[str]:
    kinds = {
        OWL + "Class",
        OWL + "ObjectProperty",
        OWL + "DatatypeProperty",
        OWL + "AnnotationProperty",
    }
    return {
        q.subject.value
        for q in read_quads(ONTOLOGY_FILE)
        if q.predicate.value == RDF + "type"
        and isinstance(q.object, ox.NamedNode)
        and q.object.value in kinds
        and isinstance(q.subject, ox.NamedNode)
    }


def test_every_declared_term_is_documented() -> None:
    docs = ontology_docs()
    assert {t.iri for t in docs.terms()} >= _declared()
    press = next(t for t in docs.classes if t.iri == OSCE + "PressRelease")
    assert press.anchor == "PressRelease"  # so that its IRI's fragment lands on it
    assert [r.iri for r in press.refines] == ["https://schema.org/NewsArticle"]
    assert press.comments and press.comments[0].language == "en"
    assert any(
        anchor == "Item"
        for anchor, _ in next(t for t in docs.classes if t.curie == "schema:NewsArticle").shapes
    )
    headline = next(t for t in docs.properties if t.curie == "schema:headline")
    assert any("minCount 1" in said and "maxCount 1" in said for _, said in headline.shapes)


def test_a_named_individual_is_listed_as_one() -> None:
    """osce:ChairpersonshipRole (an org:Role) was listed among the properties."""
    docs = ontology_docs()
    assert [t.curie for t in docs.individuals] == ["osce:ChairpersonshipRole"]
    assert {t.kind for t in docs.properties} <= {
        "property",
        "object property",
        "datatype property",
        "annotation property",
    }
    (role,) = docs.individuals
    assert [(link.iri, link.label) for link in role.types] == [
        ("http://www.w3.org/ns/org#Role", "org:Role")  # no label in the ontology
    ]


def test_links_to_terms_show_their_labels_whatever_the_order() -> None:
    """A link was made with the linked term's label only if that term had been described
    before the linking one; otherwise with its prefixed name."""
    docs = ontology_docs()
    labelled = {t.iri: t.label for t in docs.terms() if t.labels}
    links = [
        link
        for t in docs.terms()
        for link in (*t.refines, *t.refined_by, *t.domain, *t.range, *t.types)
        if link.iri in labelled
    ]
    assert len(links) > 30
    assert [link.label for link in links] == [labelled[link.iri] for link in links]


def test_labels_in_every_language_are_listed() -> None:
    extra = [
        ox.Triple(
            ox.NamedNode(OSCE + "PressRelease"),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("communiqué de presse", language="fr"),
        )
    ]
    docs = ontology_docs([*(q.triple for q in read_quads(ONTOLOGY_FILE)), *extra])
    press = next(t for t in docs.classes if t.iri == OSCE + "PressRelease")
    assert [(t.text, t.language) for t in press.labels] == [
        ("press release", "en"),
        ("communiqué de presse", "fr"),
    ]
    assert press.label == "press release"


def test_examples_come_from_the_data(sample_build: tuple[BuildResult, Path]) -> None:
    _, data = sample_build
    docs = ontology_docs(resources=Resources.open(data))
    state = next(t for t in docs.classes if t.iri == OSCE + "ParticipatingState")
    assert state.count == 57
    assert len(state.examples) == 3
    assert all(
        e.iri.startswith("https://w3id.org/osce/country/") and e.path for e, _ in state.examples
    )
    mentions = next(t for t in docs.properties if t.curie == "schema:mentions")
    assert mentions.count is not None and mentions.count > 100
    assert all(value for _, value in mentions.examples)


def test_shapes_are_described_in_words() -> None:
    docs = ontology_docs()
    item = next(s for s in docs.shapes if s.anchor == "Item")
    assert [(kind, t.iri) for kind, t in item.targets] == [
        ("targetClass", "https://schema.org/NewsArticle")
    ]
    headline = next(c for c in item.constraints if c.path == "schema:headline")
    assert ("minCount", "1") in headline.rules and ("datatype", "rdf:langString") in headline.rules
    concept = next(s for s in docs.shapes if s.anchor == "Concept")
    assert any(
        "languageIn" in value for c in concept.constraints for _, value in c.rules
    )  # a nested shape
    dateline = next(s for s in docs.shapes if s.anchor == "DatelineAgreesWithDate")
    assert dateline.severity == "Warning" and "SELECT $this" in dateline.sparql[0][1]


def test_docs_command_writes_pages_that_link_up(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, data = sample_build
    out = tmp_path / "docs"
    result = CliRunner().invoke(main, ["docs", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} >= {
        "index.html",
        "shapes.html",
        "ontology.ttl",
        "shapes.ttl",
        "style.css",
    }
    assert broken_links(out) == []
    page = parse_page(out / "index.html")
    assert page.title.startswith("osce-rdf ontology")
    assert "PressRelease" in page.ids and "schema:headline" in page.ids
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="https://w3id.org/osce/country/ad"' in html  # examples link to their IRIs
    shapes = set(ox.parse((out / "shapes.ttl").read_bytes(), format=ox.RdfFormat.TURTLE))
    assert len(shapes) > 300


def test_docs_without_a_build_has_no_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./dist here
    result = CliRunner().invoke(main, ["docs", "-o", "out"])
    assert result.exit_code == 0
    assert "no examples" in result.output
    assert "In the data" not in (tmp_path / "out/index.html").read_text(encoding="utf-8")
