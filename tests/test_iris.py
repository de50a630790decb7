"""IRIs minted and read back by one module: `Iris.of` and `Iris.parse` are inverses."""

from __future__ import annotations

import pyoxigraph as ox

from osce_rdf.identity.iris import SEGMENTS, Iris, ParsedIri, char_range
from osce_rdf.identity.prefixes import Prefixes
from osce_rdf.pipeline.page_pipeline import Pipeline

BASE = "https://example.org/data/"


def test_every_iri_of_the_reference_graph_parses_back_to_what_minted_it(
    pipeline: Pipeline,
) -> None:
    iris = Iris()
    named = (t.subject for t in pipeline.reference_graph if isinstance(t.subject, ox.NamedNode))
    subjects = {node.value for node in named if node.value.startswith(iris.base)}
    parsed = {iri: iris.parse(iri) for iri in subjects}
    assert None not in parsed.values()
    kinds = {found.kind for found in parsed.values() if found is not None}
    assert {"country", "former_state", "unit", "place", "chair", "body", "field"} <= kinds
    for iri, found in parsed.items():
        assert found is not None and iris.of(found.kind, found.key) == iri


def test_parse_reads_an_items_parts_and_refuses_foreign_iris() -> None:
    iris = Iris(BASE)
    assert iris.parse(iris.char_range("k", 3, 9)) == ParsedIri("item", "k", "char=3,9")
    assert char_range(iris.char_range("k", 3, 9)) == (3, 9)
    assert iris.parse(iris.item_part("k", "event-workshop")) == ParsedIri(
        "item", "k", "event-workshop"
    )
    assert iris.parse("https://w3id.org/osce/item/k") is None  # another base
    assert iris.parse(BASE + "nothing/k") is None
    assert iris.parse(BASE + "item/") is None
    assert iris.parse(BASE + "item/a/b") is None
    assert iris.parse(iris.dataset) is None


def test_every_kind_has_one_output_prefix_and_no_unused_kind_is_declared() -> None:
    """`event/` and `annotation/` were never minted; `event:` was declared in every dump."""
    prefixes = Prefixes.for_data(BASE)
    assert "event" not in prefixes and "annotation" not in prefixes
    assert {s for s in SEGMENTS.values() if s != "source"} == {
        ns.removeprefix(BASE).rstrip("/") for ns in prefixes.values() if ns.startswith(BASE)
    }


def test_reference_results_of_every_kind_name_their_toml_file(pipeline: Pipeline) -> None:
    base = pipeline.iris.base
    expected = {
        "country/at": "countries.toml",
        "country/suhh": "countries.toml",
        "unit/strategic-police-matters-unit": "units.toml",
        "place/vienna": "places.toml",
        "field/elections": "concepts.toml",
    }
    for path, file in expected.items():
        source, line = pipeline.reference_location(base + path)
        assert source is not None and source.endswith(file) and line, path
    assert pipeline.reference_location(base + "country/at#x") == (None, None)
    assert pipeline.reference_location(base + "item/k") == (None, None)
