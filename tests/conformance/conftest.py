"""Two builds every conformance check runs on: the bundled sample pages, and a generated corpus.

The generated corpus (benchmarks/generate.py, 200 pages, seed 42) has what the sample lacks in
number: hundreds of items, listing pages, people, events, an item published after its field
operation closed. Both are built once per session, with their framed items exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.generate import generate
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import build
from osce_rdf.pipeline.page_pipeline import Pipeline, Settings
from osce_rdf.rendering.export import frame_items, load_quads

from ..conftest import single
from .engines import Canonical, canonical

GENERATED_PAGES = 200


@dataclass
class Corpus:
    """A build folder and what the checks read from it."""

    name: str
    out: Path

    @property
    def trig(self) -> Path:
        return single(self.out, "osce.trig")

    @property
    def turtle(self) -> Path:
        return single(self.out, "osce.ttl")

    @property
    def jsonld(self) -> Path:
        return single(self.out, "osce.jsonld")

    @cached_property
    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(path=str(self.trig), format=ox.RdfFormat.TRIG))

    @cached_property
    def trig_graphs(self) -> Canonical:
        """The TriG read by N3.js: the whole dataset and each graph alone, canonical."""
        return canonical("graphs", [self.trig])[self.trig]

    @cached_property
    def framed(self) -> list[Path]:
        return frame_items(load_quads(self.out), self.out / "items", Pipeline(Settings()).context)


def _build(name: str, pages: Path, out: Path) -> Corpus:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        result = build([pages], out, Settings(), workers=1)
    assert not result.errors, result.errors
    return Corpus(name, out)


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _build("sample", PAGES_DIR, tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    pages = tmp_path_factory.mktemp("generated-pages")
    generate(GENERATED_PAGES, pages, seed=42, faulty=0.0)
    return _build("generated", pages, tmp_path_factory.mktemp("generated"))


@pytest.fixture(scope="session", params=["sample", "generated"])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    """Each check runs on both builds."""
    built: Corpus = request.getfixturevalue(request.param)
    return built
