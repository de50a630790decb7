"""osce-rdf: the OSCE's public record as validated linked data.

The Python API mirrors the command line: `build` turns saved pages into a dataset (its
options are `Settings`), `validate` validates pages or RDF files against the shapes and
returns a `ValidationReport` of `ValidationResult`s, `query` answers a catalogue question or
SPARQL on a build, a file or an endpoint (`Dataset`) with a `QueryResult`, `queries` lists
the catalogue, `load` adds or replaces named graphs, `export` and `export_framed` write a
build in another format, and `check_reference` compares pages' navigation with the reference
data.
"""

from __future__ import annotations

import warnings
from typing import Any

from .operations import check_reference, export, export_framed, load, queries
from .pipeline.build import BuildResult, build
from .pipeline.page_pipeline import Settings
from .pipeline.validate import ValidationReport, validate
from .sparql.dataset import Dataset, query
from .sparql.results import QueryResult
from .validation.shacl import ValidationResult
from .version import __version__

__all__ = [
    "BuildResult",
    "Dataset",
    "QueryResult",
    "Settings",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "build",
    "check_reference",
    "export",
    "export_framed",
    "load",
    "queries",
    "query",
    "validate",
]

# Names of 0.x releases, kept working with a DeprecationWarning (CHANGELOG, docs/decisions/0023).
_DEPRECATED = {
    "check": ("validate", validate),
    "CheckResult": ("ValidationReport", ValidationReport),
    "BuildConfig": ("Settings", Settings),
}


def __getattr__(name: str) -> Any:
    if name in _DEPRECATED:
        new, value = _DEPRECATED[name]
        warnings.warn(
            f"osce_rdf.{name} is deprecated; use osce_rdf.{new}", DeprecationWarning, stacklevel=2
        )
        return value
    raise AttributeError(f"module 'osce_rdf' has no attribute {name!r}")
