"""osce-rdf: the OSCE's public record as validated linked data.

The Python API mirrors the command line: `build` turns saved pages into a dataset, `check`
validates pages or RDF files against the shapes, `query` answers a catalogue question or
SPARQL on a build, a file or an endpoint (`Dataset`), `queries` lists the catalogue, `load`
adds or replaces named graphs, `export` and `export_framed` write a build in another format,
and `check_reference` compares pages' navigation with the reference data.
"""

from __future__ import annotations

from .operations import check_reference, export, export_framed, load, queries
from .pipeline.build import BuildConfig, BuildResult, build
from .pipeline.validate import CheckResult, check
from .sparql.dataset import Dataset, query
from .version import __version__

__all__ = [
    "BuildConfig",
    "BuildResult",
    "CheckResult",
    "Dataset",
    "__version__",
    "build",
    "check",
    "check_reference",
    "export",
    "export_framed",
    "load",
    "queries",
    "query",
]
