"""The prefix map: one owner of prefixed names for JSON-LD, Turtle, tables and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from osce_rdf.cli.commands import main
from osce_rdf.identity.iris import Iris
from osce_rdf.identity.namespaces import SCHEMA, VOCABULARIES
from osce_rdf.identity.prefixes import VOCABULARY_PREFIXES, Prefixes
from osce_rdf.pipeline.build import BuildResult
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.rendering.export import load_quads
from osce_rdf.rendering.jsonld_context import load_context


def test_the_data_prefixes_are_the_vocabularies_and_one_per_kind_of_thing() -> None:
    prefixes = Prefixes.for_data("https://example.org/data/")
    assert dict(VOCABULARIES).items() <= dict(prefixes).items()
    assert prefixes["item"] == "https://example.org/data/item/"
    assert prefixes["meetingtype"] == "https://example.org/data/meeting-type/"
    assert list(prefixes) == sorted(prefixes)  # declared in prefix order everywhere


def test_an_item_part_compacts_under_its_item_but_is_no_turtle_name() -> None:
    prefixes = Prefixes.for_data(Iris())
    part = "https://w3id.org/osce/item/2008-07-17-x#char=1,5"
    assert prefixes.compact(part) == "item:2008-07-17-x#char=1,5"
    assert prefixes.turtle_name(part) == f"<{part}>"
    assert prefixes.turtle_name("https://w3id.org/osce/item/2008-07-17-x") == ("item:2008-07-17-x")


def test_the_longest_namespace_wins_when_namespaces_nest() -> None:
    prefixes = Prefixes({"a": "https://example.org/", "b": "https://example.org/b/"})
    assert prefixes.compact("https://example.org/b/c") == "b:c"
    assert prefixes.turtle_name("https://example.org/b/c") == "b:c"
    assert prefixes.compact("https://example.org/b/c#d") == "b:c#d"


def test_a_namespace_itself_and_a_foreign_iri_stay_whole() -> None:
    assert VOCABULARY_PREFIXES.compact(SCHEMA) == SCHEMA
    assert VOCABULARY_PREFIXES.compact("https://example.org/x") == "https://example.org/x"
    assert VOCABULARY_PREFIXES.expand("nope:x") is None
    assert VOCABULARY_PREFIXES.expand("schema") is None


def test_every_iri_of_the_sample_build_compacts_and_expands_back(
    sample_build: tuple[BuildResult, Path],
) -> None:
    prefixes = Prefixes.for_data()
    iris = {
        term.value
        for quad in load_quads(sample_build[1])
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name)
        if hasattr(term, "value") and str(term).startswith("<")
    }
    assert len(iris) > 500
    compacted = {iri: prefixes.compact(iri) for iri in iris}
    assert sum(c != iri for iri, c in compacted.items()) > 500
    for iri, compact in compacted.items():
        assert compact == iri or prefixes.expand(compact) == iri


def test_the_context_without_a_pipeline_is_the_pipelines(pipeline: Pipeline) -> None:
    context = load_context()
    assert context.document() == pipeline.context.document()
    assert dict(context.prefixes) == dict(pipeline.prefixes)


def test_query_output_is_formatted_without_building_a_pipeline(
    sample_build: tuple[BuildResult, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Formatting a CONSTRUCT's triples needs the prefixes and the context, not the reference
    data a `Pipeline` loads."""

    def refuse(*_: object) -> None:
        raise AssertionError("a Pipeline was built")

    monkeypatch.setattr(Pipeline, "__init__", refuse)
    construct = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3"
    for fmt in ("turtle", "jsonld"):
        result = CliRunner().invoke(
            main,
            ["query", "--sparql", construct, "--data", str(sample_build[1]), "--format", fmt],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        assert "schema:" in result.output
