"""osce-rdf: the OSCE's public record as validated linked data.

The Python API mirrors the command line: `build` turns saved pages into a dataset, `check`
validates pages or RDF files against the shapes, `query` answers a catalogue question or
SPARQL on a build, a file or an endpoint (`Dataset`).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("osce-rdf")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

from .build import BuildConfig, BuildResult, build
from .check import CheckResult, check
from .sparql import Dataset, query

__all__ = [
    "BuildConfig",
    "BuildResult",
    "CheckResult",
    "Dataset",
    "__version__",
    "build",
    "check",
    "query",
]
