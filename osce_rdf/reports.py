"""Validation reports in the formats people and CI systems read.

    text     one line per result, `FILE:LINE: severity: message`, then its focus node and path
    json     the results as objects, with counts
    turtle   a SHACL validation report graph (sh:ValidationReport), with source page and line
    junit    JUnit XML: one test case per result, violations as failures
    github   GitHub Actions workflow commands: annotations on the page and line

Paths in reports are as the user gave them (`locate` maps a page's recorded path back).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from importlib.resources import files

import jinja2
import pyoxigraph as ox

from .context import Context
from .namespaces import OSCE, RDF, SH, XSD
from .validation import Result

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "turtle", "junit", "github")
Locate = Callable[[str | None], str | None]


def _identity(path: str | None) -> str | None:
    return path


def render(
    results: Sequence[Result],
    fmt: str,
    *,
    context: Context | None = None,
    locate: Locate = _identity,
) -> str:
    """The report for `results` in format `fmt` (one of `FORMATS`)."""
    renderers: dict[str, Callable[[Sequence[Result], Context | None, Locate], str]] = {
        "text": _text, "json": _json, "turtle": _turtle, "junit": _junit, "github": _github,
    }  # fmt: skip
    return renderers[fmt](results, context, locate)


def _short(context: Context | None, iri: str | None) -> str:
    if iri is None:
        return ""
    return context.compact_iri(iri) if context else iri


def _where(result: Result, locate: Locate) -> str:
    source = locate(result.source)
    if source is None:
        return "(no source)"
    return f"{source}:{result.line}" if result.line else source


def _text(results: Sequence[Result], context: Context | None, locate: Locate) -> str:
    lines: list[str] = []
    for r in results:
        lines.append(f"{_where(r, locate)}: {r.severity.lower()}: {r.message}")
        detail = f"    focus {_short(context, r.focus)}"
        if r.path:
            detail += f", path {_short(context, r.path)}"
        if r.value is not None:
            detail += f", value {_short(context, r.value)}"
        lines.append(f"{detail} ({r.component})")
    return "\n".join(lines) + ("\n" if lines else "")


def _counts(results: Sequence[Result]) -> dict[str, int]:
    return {
        "violations": sum(r.severity == "Violation" for r in results),
        "warnings": sum(r.severity == "Warning" for r in results),
        "infos": sum(r.severity == "Info" for r in results),
    }


def _json(results: Sequence[Result], context: Context | None, locate: Locate) -> str:
    counts = _counts(results)
    document = {
        "conforms": counts["violations"] == 0,
        **counts,
        "results": [
            {
                "severity": r.severity,
                "focus": r.focus,
                "path": r.path,
                "component": r.component,
                "message": r.message,
                "value": r.value,
                "shape": r.shape,
                "source": {"file": locate(r.source), "line": r.line} if r.source else None,
            }
            for r in results
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _turtle(results: Sequence[Result], context: Context | None, locate: Locate) -> str:
    def sh(name: str) -> ox.NamedNode:
        return ox.NamedNode(SH + name)

    report = ox.BlankNode("report")
    quads = [
        ox.Triple(report, ox.NamedNode(RDF + "type"), sh("ValidationReport")),
        ox.Triple(report, sh("conforms"), ox.Literal(
            "false" if _counts(results)["violations"] else "true", datatype=ox.NamedNode(XSD + "boolean"))),
    ]  # fmt: skip
    for index, r in enumerate(results, start=1):
        node = ox.BlankNode(f"r{index}")
        quads += [
            ox.Triple(report, sh("result"), node),
            ox.Triple(node, ox.NamedNode(RDF + "type"), sh("ValidationResult")),
            ox.Triple(node, sh("resultSeverity"), sh(r.severity)),
            ox.Triple(node, sh("focusNode"), ox.NamedNode(r.focus)),
            ox.Triple(node, sh("sourceConstraintComponent"), sh(r.component)),
            ox.Triple(node, sh("resultMessage"), ox.Literal(r.message)),
        ]
        if r.path:
            quads.append(ox.Triple(node, sh("resultPath"), ox.NamedNode(r.path)))
        if r.shape:
            quads.append(ox.Triple(node, sh("sourceShape"), ox.NamedNode(r.shape)))
        if r.value is not None:
            quads.append(ox.Triple(node, sh("value"), ox.Literal(r.value)))
        source = locate(r.source)
        if source:
            quads.append(ox.Triple(node, ox.NamedNode(OSCE + "sourcePath"), ox.Literal(source)))
        if r.line:
            quads.append(
                ox.Triple(
                    node,
                    ox.NamedNode(OSCE + "sourceLine"),
                    ox.Literal(str(r.line), datatype=ox.NamedNode(XSD + "integer")),
                )
            )
    prefixes = {"sh": SH, "osce": OSCE, "xsd": XSD}
    data = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None
    return data.decode("utf-8")


def _junit(results: Sequence[Result], context: Context | None, locate: Locate) -> str:
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    template = environment.from_string(
        files("osce_rdf").joinpath("templates/junit.xml.j2").read_text("utf-8")
    )
    cases = [
        {
            "classname": locate(r.source) or "dataset",
            "name": f"{_short(context, r.focus)} {_short(context, r.path)}".strip(),
            "file": locate(r.source),
            "line": r.line,
            "failure": r.severity == "Violation",
            "type": r.component or r.severity,
            "message": r.message,
            "detail": f"{r.severity}: focus {r.focus}" + (f", path {r.path}" if r.path else ""),
        }
        for r in results
    ]
    if not cases:
        cases = [{"classname": "dataset", "name": "conforms", "failure": False, "detail": ""}]
    failures = sum(1 for case in cases if case["failure"])
    return template.render(cases=cases, failures=failures)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(results: Sequence[Result], context: Context | None, locate: Locate) -> str:
    commands = {"Violation": "error", "Warning": "warning", "Info": "notice"}
    lines = []
    for r in results:
        properties = []
        source = locate(r.source)
        if source:
            properties.append(f"file={_escape_property(source)}")
        if r.line:
            properties.append(f"line={r.line}")
        properties.append(f"title={_escape_property('SHACL ' + r.component)}")
        message = f"{r.message} (focus {_short(context, r.focus)}" + (
            f", path {_short(context, r.path)})" if r.path else ")"
        )
        lines.append(f"::{commands[r.severity]} {','.join(properties)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
