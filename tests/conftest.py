"""Shared fixtures: the bundled data, and one build of the sample pages for the whole session."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from osce_rdf.operations import dump
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.page_pipeline import Pipeline, Settings
from osce_rdf.reference import Reference, load_reference
from osce_rdf.rendering.dumps import DUMPS

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"

# Every Hypothesis test draws the same examples on every run: a red CI is reproducible, and a
# green one cannot turn red by chance. (Tests that set their own settings inherit this.)
settings.register_profile("derandomized", derandomize=True, deadline=None)
settings.load_profile("derandomized")
SEED = PAGES_DIR / "000_b58f2e4459b73bca.txt"


def single(out: Path, name: str = "osce.trig") -> Path:
    """The dump `name` of the build in `out` as one file, as `osce-rdf dump` writes it, into
    a folder beside the build (which holds what the build wrote, and nothing else)."""
    target = out.parent / f"{out.name}.dumped" / name
    dump(out, target)
    return target


def output_file(out: Path, name: str) -> Path:
    """One of a build's `OUTPUT_FILES` as a file: a dump joined from its parts."""
    return single(out, name) if name in DUMPS else out / name


def output_bytes(out: Path, name: str) -> bytes:
    return output_file(out, name).read_bytes()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="write the files under tests/golden from what the code gives now instead of "
        "comparing with them (`make golden`), then review the diff",
    )


class Golden:
    """The golden files under tests/golden: outputs pinned byte for byte.

    A golden test hands its output to `check`; with `--regenerate-golden` the output becomes
    the new golden file, so an intended change is one command and a reviewed diff.
    """

    def __init__(self, regenerate: bool) -> None:
        self.regenerate = regenerate

    def check(self, name: str, output: bytes) -> None:
        path = GOLDEN / name
        if self.regenerate:
            path.write_bytes(output)
            return
        # Compared as text, so a failure shows a readable diff rather than two byte strings.
        assert output.decode("utf-8") == path.read_text(encoding="utf-8"), (
            f"tests/golden/{name} differs; after an intended change run `make golden` "
            "and review the diff"
        )


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--regenerate-golden")))


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
