"""The `osce-rdf` command line: click commands over the Python API, and the README's generated
sections (`readme`)."""

from .commands import main

__all__ = ["main"]
