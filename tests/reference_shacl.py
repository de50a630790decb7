"""The reference a validation is compared with: pySHACL run on an RDF file as a user would.

The file is read by rdflib (not by our reader), every graph of it merged into one (what a
dataset's union means, and what `validate` promises to check), and pySHACL's report is read
here, so nothing of ours stands between the file and the findings.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import rdflib

from osce_rdf.package_data import SHAPES_DIR

__all__ = ["RDFLIB_FORMATS", "pyshacl_findings", "report_findings"]

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
RDFLIB_FORMATS = {
    ".trig": "trig",
    ".ttl": "turtle",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
}

Finding = tuple[str, str | None, str, str]


def shapes_graph() -> rdflib.Graph:
    shapes = rdflib.Graph()
    for file in sorted(SHAPES_DIR.glob("*.ttl")):
        shapes.parse(file, format="turtle")
    return shapes


def pyshacl_findings(file: Path, rdf_format: str | None = None) -> set[Finding]:
    """(focus node, path, constraint component, severity) of every result pySHACL gives."""
    dataset = rdflib.Dataset()
    dataset.parse(file, format=rdf_format or RDFLIB_FORMATS[file.suffix])
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    _, report, _ = pyshacl.validate(union, shacl_graph=shapes_graph(), allow_warnings=True)
    return report_findings(report)


def report_findings(report: rdflib.Graph) -> set[Finding]:
    """(focus node, path, constraint component, severity) of every result of a SHACL
    validation report graph, whichever engine wrote it."""
    found: set[Finding] = set()
    for node in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = report.value(node, SH.resultPath)
        found.add(
            (
                str(report.value(node, SH.focusNode)),
                str(path) if isinstance(path, rdflib.URIRef) else None,
                str(report.value(node, SH.sourceConstraintComponent)).removeprefix(str(SH)),
                str(report.value(node, SH.resultSeverity)).removeprefix(str(SH)),
            )
        )
    return found
