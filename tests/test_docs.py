"""The README's generated sections are current (run `make docs` after changing queries,
commands or what they print), and every example it shows answers something on the sample."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from osce_rdf.cli.readme import SECTIONS, render
from osce_rdf.pipeline.build import BuildResult
from osce_rdf.sparql.catalogue import catalogue
from osce_rdf.sparql.dataset import Dataset

README = Path(__file__).parent.parent / "README.md"


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_readme_section_is_current(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(
        rf"<!-- generated:{section} -->\n(.*?)\n<!-- /generated:{section} -->", text, re.S
    )
    assert found is not None, f"README.md lacks the generated {section} section"
    assert found.group(1) == render(section), "README.md is stale: run `make docs`"


def test_readme_opens_with_the_two_commands() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    commands = [line.split("#")[0].strip() for line in lines[:8] if line.startswith("make ")]
    assert commands == ["make run", "make test"]


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_catalogue_example_returns_rows_on_the_sample(
    sample_build: tuple[BuildResult, Path], name: str
) -> None:
    """An example that answers nothing shows a reader nothing (and hides a broken query)."""
    named = catalogue()[name]
    dataset = Dataset.open(sample_build[1])
    for index in range(len(named.examples)):
        assert dataset.query(name, named.example_params(index)).rows(), named.examples[index]


def test_every_test_file_opens_with_what_it_covers() -> None:
    """The README's index of the tests is `head -n 1 tests/test_*.py`: one concern per file,
    said on its first line."""
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert re.fullmatch(r'"""\S.{30,}', first), f"{path.name} opens with {first!r}"


# A time, a size or a ratio measured once: true on the day it was measured.
_FIGURE = re.compile(
    r"\b\d[\d,.]*\s?(?:s|ms|us|µs|seconds|minutes|[KMG]B)\b|\b\d+ times (?:slower|faster)"
)


def test_module_docstrings_keep_no_benchmark_figures() -> None:
    """Measurements go stale in a docstring nobody re-reads; they live in benchmarks/RESULTS.md
    and the decision notes, which say when and how they were measured."""
    package = Path(__file__).parents[1] / "osce_rdf"
    found = []
    for module in sorted(package.rglob("*.py")):
        docstring = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
        found += [f"{module.name}: {m.group(0)}" for m in _FIGURE.finditer(docstring)]
    assert found == []
