"""Shared fixtures: the bundled data, and one build of the sample pages for the whole session."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.page_pipeline import Pipeline, Settings
from osce_rdf.reference import Reference, load_reference

FIXTURES = Path(__file__).parent / "fixtures"

# Every Hypothesis test draws the same examples on every run: a red CI is reproducible, and a
# green one cannot turn red by chance. (Tests that set their own settings inherit this.)
settings.register_profile("derandomized", derandomize=True, deadline=None)
settings.load_profile("derandomized")
SEED = PAGES_DIR / "000_b58f2e4459b73bca.txt"


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def expected_items() -> list[dict[str, Any]]:
    with (FIXTURES / "pages_expected.toml").open("rb") as handle:
        items: list[dict[str, Any]] = tomllib.load(handle)["item"]
    return items


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """The bundled sample pages, built once with a fixed build time."""
    out = tmp_path_factory.mktemp("dist")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        result = build([PAGES_DIR], out, workers=1)
    finally:
        mp.undo()
    return result, out


@pytest.fixture(scope="session")
def sample_site(
    sample_build: tuple[BuildResult, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The static site of the sample build."""
    from osce_rdf.publishing.site import write_site

    _, data = sample_build
    out = tmp_path_factory.mktemp("site")
    write_site(data, out)
    return out
