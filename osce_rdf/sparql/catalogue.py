"""The query catalogue: named SPARQL queries shipped with the package, with their headers.

Each query is a `.rq` file in `osce_rdf/queries/` that opens with a header of `#` lines:

    # title: Items per field of work and year
    # description: How many items the newsroom published on each field of work, by year.
    # param: field (field) = : a field of work, by label or IRI (any when not given)
    # param: text (string, required) = : what to look for (the query fails without it)
    # param: from (year) = 1995 : the first year counted
    # param: status (open|closed) = : one of the values listed
    # check: from <= to
    # example: osce-rdf query items-per-field --param field=Elections
    # text-index: text -> item

A parameter's type is one of `parameters.TYPES`, or the values it takes, written `a|b`. Every
parameter appears in the query as `VALUES ?name { UNDEF }`, which is where it is bound to an
RDF term (see `sparql`). A parameter without a value stays unbound: "any". A `check` line
refuses values out of order (a range from 2012 to 2008 answers nothing, and says nothing
about why). A `text-index` line lets a build's text index narrow a variable to the items
whose texts may contain the parameter's value (see `text_index`): the query must still test
the texts itself.
"""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..errors import QueryError

__all__ = ["NamedQuery", "Parameter", "catalogue", "named_query"]

_HEADER = re.compile(
    r"^#\s*(?P<key>title|description|param|check|example|text-index):\s*(?P<value>.*)$"
)
_TEXT_INDEX = re.compile(r"^(?P<param>[a-z_][a-z0-9_]*)\s*->\s*(?P<variable>[a-z_][a-z0-9_]*)$")
_CHECK = re.compile(r"^(?P<low>[a-z_][a-z0-9_]*)\s*<=\s*(?P<high>[a-z_][a-z0-9_]*)$")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[a-z|-]+)(?P<required>,\s*required)?\)"
    r"\s*=\s*(?P<default>[^:]*?)\s*:\s*(?P<help>.+)$"
)


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: str
    default: str | None
    help: str
    required: bool = False

    @property
    def placeholder(self) -> str:
        return f"VALUES ?{self.name} {{ UNDEF }}"

    @property
    def choices(self) -> tuple[str, ...]:
        """The values the parameter takes, when its type lists them (`open|closed`)."""
        return tuple(self.type.split("|")) if "|" in self.type else ()


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    examples: tuple[str, ...]
    text: str
    text_index: tuple[str, str] | None = None  # (parameter, variable it narrows)
    checks: tuple[tuple[str, str], ...] = ()  # (low, high): low <= high when both are given

    def example_params(self, index: int = 0) -> dict[str, str]:
        """The parameters of an example call (`--param name=value`), the first by default."""
        if not self.examples:
            return {}
        words = shlex.split(self.examples[index])
        pairs = (words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param")
        return dict(pair.split("=", 1) for pair in pairs if "=" in pair)

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")


def _parse(name: str, text: str) -> NamedQuery:
    fields: dict[str, list[str]] = {
        "title": [],
        "description": [],
        "param": [],
        "check": [],
        "example": [],
        "text-index": [],
    }
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = _HEADER.match(line)
        if found:
            fields[found.group("key")].append(found.group("value").strip())
    parameters = []
    for declaration in fields["param"]:
        found = _PARAM.match(declaration)
        if found is None:
            raise QueryError(f"{name}.rq: cannot read the parameter line {declaration!r}")
        parameters.append(
            Parameter(
                found.group("name"),
                found.group("type"),
                found.group("default") or None,
                found.group("help"),
                bool(found.group("required")),
            )
        )
    if not fields["title"]:
        raise QueryError(f"{name}.rq: the header has no title")
    text_index = None
    for declaration in fields["text-index"]:
        found = _TEXT_INDEX.match(declaration)
        if found is None or found.group("param") not in {p.name for p in parameters}:
            raise QueryError(f"{name}.rq: cannot read the text-index line {declaration!r}")
        text_index = (found.group("param"), found.group("variable"))
    checks = []
    for declaration in fields["check"]:
        found = _CHECK.match(declaration)
        names = {p.name for p in parameters}
        if found is None or not {found.group("low"), found.group("high")} <= names:
            raise QueryError(f"{name}.rq: cannot read the check line {declaration!r}")
        checks.append((found.group("low"), found.group("high")))
    return NamedQuery(
        name=name,
        title=fields["title"][0],
        description=" ".join(fields["description"]),
        parameters=tuple(parameters),
        examples=tuple(fields["example"]),
        text=text,
        text_index=text_index,
        checks=tuple(checks),
    )


@cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named query, by name (its file name without `.rq`)."""
    folder = files("osce_rdf").joinpath("queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            found[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return found


def named_query(name: str) -> NamedQuery:
    """The catalogue's query of that name; `QueryError` with the close matches if none."""
    queries = catalogue()
    if name not in queries:
        close = difflib.get_close_matches(name, queries, n=3)
        hint = f"close matches: {', '.join(close)}" if close else "`osce-rdf queries` lists them"
        raise QueryError(f"unknown query {name!r} ({hint})")
    return queries[name]
