"""The README's generated sections are current (run `make docs` after changing queries or
commands)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from osce_rdf.docs import SECTIONS, render

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
