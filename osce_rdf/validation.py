"""SHACL validation: the engines, and results that say where the bad data came from.

Two engines give the same results (tests/test_engines.py checks it on a corpus with injected
faults): pyshacl-turbo, a Rust engine, by default; pySHACL, the reference implementation, on
request. Data and shapes are handed to either engine as text, so both see one term model
(docs/decisions/0002: mixing pyoxigraph and rdflib terms gives false `sh:in` failures).

Validation runs on units: some item graphs plus the reference graph they point into. A unit
reports only results whose focus node is described in its items, so items validate in
parallel and, cached with their item, need no revalidation when the item has not changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from .bundled import SHAPES_DIR
from .errors import UsageError

__all__ = ["ENGINES", "SEVERITIES", "Result", "Shapes", "Validator", "distinct"]

ENGINES = ("turbo", "pyshacl")
Engine = Literal["turbo", "pyshacl"]
SEVERITIES = ("Violation", "Warning", "Info")
_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, slots=True)
class Result:
    """One SHACL result, with the saved page (or reference file) and line it came from."""

    severity: str
    focus: str
    path: str | None
    component: str
    message: str
    value: str | None = None
    shape: str | None = None
    source: str | None = None
    line: int | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (
            SEVERITIES.index(self.severity), self.source or "~", self.line or 0, self.focus,
            self.path or "", self.component, self.value or "", self.message,
        )  # fmt: skip

    def identity(self) -> tuple[str, str, str | None, str, str | None]:
        """What makes two results the same finding, whichever unit or engine found them."""
        return (self.severity, self.focus, self.path, self.component, self.value)

    def located(self, source: str | None, line: int | None) -> Result:
        return Result(
            self.severity, self.focus, self.path, self.component, self.message,
            self.value, self.shape, source, line,
        )  # fmt: skip


class Shapes:
    """The shapes graph: every `*.ttl` file of a folder, read once."""

    def __init__(self, directory: Path = SHAPES_DIR) -> None:
        files = sorted(directory.glob("*.ttl"))
        if not files:
            raise UsageError(f"no shapes (*.ttl) in {directory}")
        self.directory = directory
        self.files = files

    @cached_property
    def ntriples(self) -> str:
        store = ox.Store()
        for file in self.files:
            try:
                store.load(path=str(file), format=ox.RdfFormat.TURTLE)
            except (SyntaxError, ValueError) as error:
                raise UsageError(f"{file}: not valid Turtle: {error}") from None
        quads = sorted(store, key=str)
        return "".join(f"{q.triple} .\n" for q in quads)

    @cached_property
    def version(self) -> str:
        return hashlib.sha256(self.ntriples.encode("utf-8")).hexdigest()[:16]


class Validator:
    """Validates N-Triples text against the shapes with one engine."""

    def __init__(self, shapes: Shapes | None = None, engine: Engine = "turbo") -> None:
        if engine not in ENGINES:
            raise UsageError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
        self.shapes = shapes or Shapes()
        self.engine = engine

    @cached_property
    def _turbo(self) -> Any:
        from pyshacl_turbo import compile_shapes

        # Shapes and data both go in as N-Triples text: one term model (decision 0002).
        return compile_shapes(self.shapes.ntriples, shacl_graph_format="nt")  # type: ignore[no-untyped-call]

    @cached_property
    def _pyshacl_shapes(self) -> Any:
        import rdflib

        return rdflib.Graph().parse(data=self.shapes.ntriples, format="nt")

    def validate(self, ntriples: str, focus: Collection[str] | None = None) -> list[Result]:
        """Results for the data, limited to the given focus nodes when there are some."""
        if self.engine == "turbo":
            _, report, _ = self._turbo.validate(ntriples, data_graph_format="nt")
        else:
            import pyshacl
            import rdflib

            data = rdflib.Graph().parse(data=ntriples, format="nt")
            _, report, _ = pyshacl.validate(
                data, shacl_graph=self._pyshacl_shapes, allow_warnings=True
            )
        results = _results(report)
        if focus is not None:
            results = [r for r in results if r.focus in focus]
        return results


def _results(report: Any) -> list[Result]:
    """Read an rdflib report graph (both engines return one)."""
    from rdflib import RDF, Namespace, URIRef

    sh = Namespace(_SH)
    found: list[Result] = []
    for node in report.subjects(RDF.type, sh.ValidationResult):
        focus = report.value(node, sh.focusNode)
        if focus is None:
            continue
        path = report.value(node, sh.resultPath)
        severity = report.value(node, sh.resultSeverity)
        component = report.value(node, sh.sourceConstraintComponent)
        shape = report.value(node, sh.sourceShape)
        value = report.value(node, sh.value)
        messages = sorted(str(m) for m in report.objects(node, sh.resultMessage))
        found.append(
            Result(
                severity=str(severity).removeprefix(_SH) if severity else "Violation",
                focus=str(focus),
                path=str(path) if isinstance(path, URIRef) else None,
                component=str(component).removeprefix(_SH) if component else "",
                message=messages[0] if messages else "",
                value=_term_text(value),
                shape=str(shape) if isinstance(shape, URIRef) else None,
            )
        )
    return found


def _term_text(term: Any) -> str | None:
    if term is None:
        return None
    from rdflib import BNode

    return None if isinstance(term, BNode) else str(term)


def distinct(results: Iterable[Result]) -> list[Result]:
    """Each finding once (the first occurrence keeps its source), in report order."""
    seen: set[tuple[str, str, str | None, str, str | None]] = set()
    unique: list[Result] = []
    for result in results:
        if result.identity() not in seen:
            seen.add(result.identity())
            unique.append(result)
    return sorted(unique, key=Result.sort_key)
