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

import importlib
import warnings
from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .operations import check_reference, export, export_framed, load, queries
    from .pipeline.build import BuildResult, build
    from .pipeline.page_pipeline import Settings
    from .pipeline.validate import ValidationReport, validate
    from .sparql.dataset import Dataset, query
    from .sparql.results import QueryResult
    from .validation.shacl import ValidationResult

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

# Each name of the API is imported when first asked for, so a command (or a program) that needs
# one stage does not import them all: `python -m osce_rdf build` runs this module first, and
# importing every stage (SPARQL client, export, reports and their templates) cost a one-page
# rebuild about a tenth of its time (docs/decisions/0041).
_MODULES = {
    "check_reference": ".operations",
    "export": ".operations",
    "export_framed": ".operations",
    "load": ".operations",
    "queries": ".operations",
    "BuildResult": ".pipeline.build",
    "build": ".pipeline.build",
    "Settings": ".pipeline.page_pipeline",
    "ValidationReport": ".pipeline.validate",
    "validate": ".pipeline.validate",
    "Dataset": ".sparql.dataset",
    "query": ".sparql.dataset",
    "QueryResult": ".sparql.results",
    "ValidationResult": ".validation.shacl",
}

# Names of 0.x releases, kept working with a DeprecationWarning (CHANGELOG, docs/decisions/0023).
_DEPRECATED = {
    "check": "validate",
    "CheckResult": "ValidationReport",
    "BuildConfig": "Settings",
}


def __getattr__(name: str) -> Any:
    if name in _DEPRECATED:
        new = _DEPRECATED[name]
        warnings.warn(
            f"osce_rdf.{name} is deprecated; use osce_rdf.{new}", DeprecationWarning, stacklevel=2
        )
        return __getattr__(new)
    if name in _MODULES:
        value = getattr(importlib.import_module(_MODULES[name], __name__), name)
        globals()[name] = value  # asked once: later lookups find it without this function
        return value
    raise AttributeError(f"module 'osce_rdf' has no attribute {name!r}")
