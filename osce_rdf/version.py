"""The installed distribution's version, in a module of its own so that stages can name it without
importing the package's public API (and through it every stage)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("osce-rdf")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
