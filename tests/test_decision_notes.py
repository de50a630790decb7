"""The decision notes' references resolve: links, files, modules and other notes they name.

A note is read long after it was written, often after the code it names moved; a reference
that leads nowhere sends the reader hunting. Every relative link (and its `#section`), every
repository path (`osce_rdf/...`, `tests/...`), every source file name in backquotes and every
decision number a note names must exist in this checkout.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTES = sorted((ROOT / "docs" / "decisions").glob("[0-9][0-9][0-9][0-9]-*.md"))
TOP = ("osce_rdf", "tests", "benchmarks", "docs", "data", "shapes", "ontology", "conformance")
# Paths of the built wheel, which a note on packaging names on purpose (decision 0011).
IN_THE_WHEEL = ("osce_rdf/resources",)
LINK = re.compile(r"\]\(([^)\s]+)\)")
REPO_PATH = re.compile(rf"(?<![\w/.<-])((?:{'|'.join(TOP)})/[\w./*-]*[\w*])")
FILE_NAME = re.compile(r"`([\w-]+\.(?:py|rq|j2))`")  # source files; outputs are not in a checkout
NOTE_NUMBER = re.compile(r"\b(?:decisions?|notes?)\s+((?:\d{4}(?:,\s*|\s+and\s+)?)+)")


def _files() -> set[str]:
    skip = {".venv", ".git", "node_modules", ".mypy_cache", ".ruff_cache", "__pycache__"}
    return {
        path.name
        for path in ROOT.rglob("*")
        if path.is_file() and not skip & set(path.relative_to(ROOT).parts)
    }


def _anchors(markdown: Path) -> set[str]:
    """GitHub's anchors of a Markdown file's headings."""
    headings = re.findall(r"^#+\s+(.+)$", markdown.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_there_are_notes() -> None:
    assert len(NOTES) >= 20


@pytest.mark.parametrize("note", NOTES, ids=lambda note: note.name[:4])
def test_every_reference_of_a_note_resolves(note: Path) -> None:
    text = note.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        path, _, anchor = target.partition("#")
        linked = (note.parent / path).resolve() if path else note
        if not linked.exists():
            broken.append(f"link {target}")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"section {target}")
    for path in REPO_PATH.findall(text):
        if path.startswith(IN_THE_WHEEL):
            continue
        if not (any(ROOT.glob(path)) if "*" in path else (ROOT / path).exists()):
            broken.append(f"path {path}")
    names = _files()
    broken += [f"file {name}" for name in FILE_NAME.findall(text) if name not in names]
    for numbers in NOTE_NUMBER.findall(text):
        for number in re.findall(r"\d{4}", numbers):
            if not list(note.parent.glob(f"{number}-*.md")):
                broken.append(f"decision {number}")
    assert broken == [], f"{note.name} names what does not exist"


def test_the_checks_find_a_broken_reference(tmp_path: Path) -> None:
    """The patterns above do match what they look for (a test that cannot fail proves nothing)."""
    text = (
        "See [the layout](0018-one-house-layout.md#nowhere), `osce_rdf/missing.py`, "
        "`gone.py` and decision 9999."
    )
    assert LINK.findall(text) == ["0018-one-house-layout.md#nowhere"]
    assert REPO_PATH.findall(text) == ["osce_rdf/missing.py"]
    assert FILE_NAME.findall(text) == ["gone.py"]
    assert NOTE_NUMBER.findall(text) == ["9999"]
    assert "nowhere" not in _anchors(NOTES[0])


def test_every_note_a_module_docstring_names_exists() -> None:
    """Modules point at the notes that explain them (`docs/decisions/0009`): those resolve too."""
    named = re.compile(r"docs/decisions/(\d{4})([\w.-]*)")
    broken = []
    for module in sorted((ROOT / "osce_rdf").rglob("*.py")):
        docstring = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
        for number, rest in named.findall(docstring):
            notes = [note.name for note in NOTES if note.name.startswith(f"{number}-")]
            if not notes or (rest and f"{number}{rest}" not in notes):
                broken.append(f"{module.relative_to(ROOT)}: docs/decisions/{number}{rest}")
    assert broken == []
