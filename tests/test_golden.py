"""Golden files: outputs pinned byte for byte under tests/golden.

The seed page's enriched graph (its TriG block and its JSON-LD block) and the sample build's
`context.jsonld` are what consumers read; a change to any of them must be deliberate. After
an intended change, regenerate them and review the diff:

    make golden     # or: pytest -m golden --regenerate-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult
from osce_rdf.pipeline.page_pipeline import ItemOutput, Pipeline
from osce_rdf.reading.pages import read_page

from .conftest import SEED, Golden

pytestmark = pytest.mark.golden


@pytest.fixture(scope="module")
def seed_output(pipeline: Pipeline) -> ItemOutput:
    (item,) = read_page(SEED, PAGES_DIR, content_types=pipeline.content_types).items
    return pipeline.render(pipeline.graph(item))


def test_enriched_seed_graph_matches_the_golden_trig(
    seed_output: ItemOutput, golden: Golden
) -> None:
    assert seed_output.blocks is not None
    trig = seed_output.blocks[0]
    # The seed's body names people and quotes them: the pin covers the enrichment's triples.
    assert b"schema:Quotation" in trig
    golden.check("seed.trig", trig)


def test_enriched_seed_graph_matches_the_golden_jsonld_block(
    seed_output: ItemOutput, golden: Golden
) -> None:
    assert seed_output.blocks is not None
    golden.check("seed.jsonld", seed_output.blocks[2] + b"\n")


def test_context_matches_the_golden_file(
    sample_build: tuple[BuildResult, Path], golden: Golden
) -> None:
    _, out = sample_build
    golden.check("context.jsonld", (out / "context.jsonld").read_bytes())
