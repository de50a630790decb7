"""osce-rdf: the OSCE's public record as validated linked data.

The Python API mirrors the command line: `build` turns saved pages into a dataset,
`validate` checks pages or RDF files against the shapes, `export` writes other formats.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("osce-rdf")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

from .build import BuildConfig, BuildResult, build

__all__ = ["BuildConfig", "BuildResult", "__version__", "build"]
