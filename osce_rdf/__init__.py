"""osce-rdf: the OSCE's public record as validated linked data.

The Python API mirrors the command line: `build` turns saved pages into a dataset, `check`
validates pages or RDF files against the shapes, `query` answers a catalogue question or
SPARQL on a build, a file or an endpoint (`Dataset`).
"""

from __future__ import annotations

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
    "query",
]
