"""Validation reports in the formats people and CI systems read.

    text     one line per result, `FILE:LINE: severity: message`, then its focus node and path
    json     the results as objects, with counts and the inputs that could not be read
    turtle   a SHACL validation report graph (sh:ValidationReport), with source page and line
    junit    JUnit XML: one test case per result (failures from --fail-on up), one errored
             test case per input that could not be read
    github   GitHub Actions workflow commands: annotations on the page and line

An input that could not be read is in every format, and no format then says the data
conforms. Paths in reports are as the user gave them (`locate` maps a page's recorded path
back); a result without a saved page is about its RDF file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files

import pyoxigraph as ox

from ..errors import InputError
from ..identity.namespaces import OSCE, RDFS, SH, XSD
from ..identity.rdf_terms import TYPE
from ..rendering.jsonld_context import Context
from .shacl import SEVERITIES, ValidationResult, severity_counts

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "turtle", "junit", "github")
Locate = Callable[[str | None], str | None]


def _identity(path: str | None) -> str | None:
    return path


@dataclass(frozen=True)
class _Report:
    """What every format reports: results, unread inputs, and the severity that fails."""

    results: Sequence[ValidationResult]
    errors: Sequence[InputError]
    fail_on: str
    context: Context | None
    locate: Locate

    def fails(self, result: ValidationResult) -> bool:
        return SEVERITIES.index(result.severity) <= SEVERITIES.index(self.fail_on)

    @property
    def conforms(self) -> bool:
        return not self.errors and not any(self.fails(r) for r in self.results)

    def short(self, iri: str | None) -> str:
        if iri is None:
            return ""
        return self.context.prefixes.compact(iri) if self.context else iri

    def where(self, result: ValidationResult) -> str | None:
        """The file and line a result is about: its saved page, else its RDF file."""
        source = self.locate(result.source)
        if source is None:
            return result.rdf_file
        return f"{source}:{result.line}" if result.line else source

    def detail(self, result: ValidationResult) -> str:
        text = f"focus {self.short(result.focus)}"
        if result.path:
            text += f", path {self.short(result.path)}"
        if result.value is not None:
            text += f", value {self.short(result.value)}"
        text += f" ({result.component})"
        if result.rdf_file and result.source:
            text = f"in {result.rdf_file}: {text}"
        return text


def render(
    results: Sequence[ValidationResult],
    fmt: str,
    *,
    context: Context | None = None,
    locate: Locate = _identity,
    errors: Sequence[InputError] = (),
    fail_on: str = "Violation",
) -> str:
    """The report for `results` in format `fmt` (one of `FORMATS`).

    `errors` are the inputs that could not be read: every format reports them, and a report
    with one never says the data conforms. Results at or above `fail_on` fail.
    """
    renderers: dict[str, Callable[[_Report], str]] = {
        "text": _text, "json": _json, "turtle": _turtle, "junit": _junit, "github": _github,
    }  # fmt: skip
    return renderers[fmt](_Report(results, errors, fail_on, context, locate))


def _text(report: _Report) -> str:
    lines = [str(error) for error in report.errors]
    for r in report.results:
        lines.append(f"{report.where(r) or '(no source)'}: {r.severity.lower()}: {r.message}")
        lines.append(f"    {report.detail(r)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _counts(results: Sequence[ValidationResult]) -> dict[str, int]:
    counts = severity_counts(results)
    return {f"{severity.lower()}s": counts[severity] for severity in SEVERITIES}


def _json(report: _Report) -> str:
    document = {
        "conforms": report.conforms,
        "fail_on": report.fail_on.lower(),
        **_counts(report.results),
        "errors": [
            {"file": error.path, "line": error.line, "message": error.message}
            for error in report.errors
        ],
        "results": [
            {
                "severity": r.severity,
                "focus": r.focus,
                "path": r.path,
                "component": r.component,
                "message": r.message,
                "value": r.value,
                "shape": r.shape,
                "rdf_file": r.rdf_file,
                "source": {"file": report.locate(r.source), "line": r.line} if r.source else None,
            }
            for r in report.results
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _turtle(report: _Report) -> str:
    """A SHACL validation report: sh:conforms is false when there is any result (whatever its
    severity, as the SHACL spec says) or an input could not be read, which the report's
    rdfs:comment then names. Every result names its source shape: a blank node for a shape
    that has no IRI."""

    def sh(name: str) -> ox.NamedNode:
        return ox.NamedNode(SH + name)

    node = ox.BlankNode("report")
    conforms = not report.results and not report.errors
    quads = [
        ox.Triple(node, TYPE, sh("ValidationReport")),
        ox.Triple(node, sh("conforms"), ox.Literal(str(conforms).lower(), datatype=ox.NamedNode(XSD + "boolean"))),
    ]  # fmt: skip
    quads += [
        ox.Triple(node, ox.NamedNode(RDFS + "comment"), ox.Literal(str(error)))
        for error in report.errors
    ]
    for index, r in enumerate(report.results, start=1):
        result = ox.BlankNode(f"r{index}")
        shape = ox.NamedNode(r.shape) if r.shape else ox.BlankNode(f"r{index}shape")
        quads += [
            ox.Triple(node, sh("result"), result),
            ox.Triple(result, TYPE, sh("ValidationResult")),
            ox.Triple(result, sh("resultSeverity"), sh(r.severity)),
            ox.Triple(result, sh("focusNode"), _parsed(r.focus)),
            ox.Triple(result, sh("sourceConstraintComponent"), _component(r.component)),
            ox.Triple(result, sh("sourceShape"), shape),
            ox.Triple(result, sh("resultMessage"), ox.Literal(r.message)),
        ]
        if r.path:
            quads.append(ox.Triple(result, sh("resultPath"), ox.NamedNode(r.path)))
        value = _term(r)
        if value is not None:
            quads.append(ox.Triple(result, sh("value"), value))
        source = report.locate(r.source) or r.rdf_file
        if source:
            quads.append(ox.Triple(result, ox.NamedNode(OSCE + "sourcePath"), ox.Literal(source)))
        if r.line and r.source:
            quads.append(
                ox.Triple(
                    result,
                    ox.NamedNode(OSCE + "sourceLine"),
                    ox.Literal(str(r.line), datatype=ox.NamedNode(XSD + "integer")),
                )
            )
    prefixes = {"sh": SH, "osce": OSCE, "xsd": XSD, "rdfs": RDFS}
    data = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None
    return data.decode("utf-8")


def _term(result: ValidationResult) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """The result's value as the RDF term it is (an IRI, or a literal with its datatype)."""
    if result.value_term is not None:
        return _parsed(result.value_term)
    return ox.Literal(result.value) if result.value is not None else None


def _parsed(text: str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A node written as results hold it: an IRI, `_:label`, or a literal in N-Triples."""
    if text.startswith("_:"):
        return ox.BlankNode(text[2:])
    if not text.startswith('"'):
        return ox.NamedNode(text)
    triple = next(ox.parse(f"<urn:x:s> <urn:x:p> {text} .", format=ox.RdfFormat.N_TRIPLES))
    assert isinstance(triple.object, ox.Literal)
    return triple.object


def _component(name: str) -> ox.NamedNode:
    """A constraint component: SHACL's by local name, any other by its IRI."""
    return ox.NamedNode(name if ":" in name else SH + name)


def _junit(report: _Report) -> str:
    import jinja2  # here: only the JUnit report needs it, and it is slow to import for a build

    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = environment.from_string(
        files("osce_rdf").joinpath("templates/junit.xml.j2").read_text("utf-8")
    )
    cases: list[dict[str, object]] = [
        {
            "classname": error.path,
            "name": f"read {error.path}",
            "file": error.path,
            "line": error.line,
            "error": True,
            "type": type(error).__name__,
            "message": error.message,
            "detail": str(error),
        }
        for error in report.errors
    ]
    cases += [
        {
            "classname": report.locate(r.source) or r.rdf_file or "dataset",
            "name": f"{report.short(r.focus)} {report.short(r.path)}".strip(),
            "file": report.locate(r.source) or r.rdf_file,
            "line": r.line if r.source else None,
            "failure": report.fails(r),
            "type": r.component or r.severity,
            "message": r.message,
            "detail": f"{r.severity}: {report.detail(r)}",
        }
        for r in report.results
    ]
    if not cases:
        cases = [{"classname": "dataset", "name": "conforms", "detail": ""}]
    failures = sum(1 for case in cases if case.get("failure"))
    return template.render(cases=cases, failures=failures, errors=len(report.errors))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(report: _Report) -> str:
    lines = [
        _command("error", error.path, error.line, "unreadable input", error.message)
        for error in report.errors
    ]
    commands = {"Violation": "error", "Warning": "warning", "Info": "notice"}
    for r in report.results:
        source = report.locate(r.source)
        lines.append(
            _command(
                commands[r.severity],
                source or r.rdf_file,
                r.line if source else None,
                f"SHACL {r.component}",
                f"{r.message} ({report.detail(r)})",
            )
        )
    return "\n".join(lines) + ("\n" if lines else "")


def _command(kind: str, file: str | None, line: int | None, title: str, message: str) -> str:
    """A GitHub Actions workflow command that annotates a file (and line)."""
    properties = []
    if file:
        properties.append(f"file={_escape_property(file)}")
    if line:
        properties.append(f"line={line}")
    properties.append(f"title={_escape_property(title)}")
    return f"::{kind} {','.join(properties)}::{_escape_data(message)}"
