"""The README's generated sections: the query catalogue and the command reference.

They are made from the `.rq` headers and the commands' own `--help`, so they cannot drift
from the code; `tests/test_docs.py` fails when the README was not regenerated after a change
(`make docs`).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import click

from .bundled import PAGES_DIR
from .catalogue import catalogue

__all__ = ["SECTIONS", "render", "update"]

WORKED_EXAMPLE = ("items-mentioning-state-by-year", {"state": "Belgium"})


def _queries() -> str:
    lines = ["| query | what it answers | parameters |", "| --- | --- | --- |"]
    for named in catalogue().values():
        params = ", ".join(
            f"`{p.name}` ({p.type}{', default ' + p.default if p.default else ''})"
            for p in named.parameters
        )
        lines.append(f"| `{named.name}` | {named.title} | {params or '—'} |")
    lines.append("")
    for named in catalogue().values():
        lines.append(f"- **`{named.name}`**: {named.description}")
        for parameter in named.parameters:
            lines.append(f"  - `{parameter.name}` ({parameter.type}): {parameter.help}")
        for example in named.examples:
            lines.append(f"  - `{example}`")
    return "\n".join(lines)


def _worked_example() -> str:
    from .build import build
    from .sparql import Dataset

    name, params = WORKED_EXAMPLE
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        with tempfile.TemporaryDirectory() as folder:
            build([PAGES_DIR], Path(folder), workers=1)
            dataset = Dataset.open(Path(folder))
            output = dataset.query(name, params).format("table", dataset.shorten)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    call = " ".join([f"osce-rdf query {name}", *(f"--param {k}={v}" for k, v in params.items())])
    return f"```console\n$ make run\n$ {call}\n{output.rstrip()}\n```"


def _commands() -> str:
    from .cli import main

    parts: list[str] = []

    def walk(command: click.Command, names: list[str], parent: click.Context | None) -> None:
        # As the command line makes them (the group's settings, such as -h, reach every
        # command), at a fixed width: the help must not depend on the terminal.
        context = click.Context(
            command,
            info_name=names[-1],
            parent=parent,
            terminal_width=100,
            max_content_width=100,
            **(command.context_settings if parent is None else {}),
        )
        parts.append(
            f"#### `{' '.join(names)}`\n\n```text\n{command.get_help(context).rstrip()}\n```"
        )
        if isinstance(command, click.Group):
            for sub in sorted(command.commands):
                walk(command.commands[sub], [*names, sub], context)

    walk(main, ["osce-rdf"], None)
    return "\n\n".join(parts)


SECTIONS = {"queries": _queries, "worked-example": _worked_example, "commands": _commands}


def render(section: str) -> str:
    return SECTIONS[section]()


def update(readme: Path) -> bool:
    """Regenerate every marked section of the README; whether anything changed."""
    text = readme.read_text(encoding="utf-8")
    new = text
    for section in SECTIONS:
        pattern = re.compile(
            rf"(<!-- generated:{section} -->\n).*?(\n<!-- /generated:{section} -->)", re.S
        )
        if not pattern.search(new):
            raise SystemExit(f"{readme}: no <!-- generated:{section} --> section")
        found = pattern.search(new)
        assert found is not None
        new = (
            new[: found.start()]
            + found.group(1)
            + render(section)
            + found.group(2)
            + new[found.end() :]
        )
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text
