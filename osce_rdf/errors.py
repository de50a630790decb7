"""The toolkit's own exceptions.

Every error a user can cause carries the file and line it came from, so the CLI can print
`FILE:LINE: error: message` and carry on with the other inputs. Callers catch exactly the
class they handle; anything else is a bug and is allowed to surface as a traceback.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .validation.shacl import ValidationResult

__all__ = [
    "InputError",
    "InvalidDataError",
    "OsceRdfError",
    "OutputError",
    "PageError",
    "QueryError",
    "ReferenceDataError",
    "UsageError",
    "shown_path",
]


def shown_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as `\\xFF` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class OsceRdfError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(OsceRdfError):
    """Bad input at a known place: a file and, where known, a 1-based line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: error: {self.message}"

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int | None, str]]:
        # Errors travel from worker processes; rebuild them from all three fields.
        return (type(self), (self.path, self.line, self.message))


class PageError(InputError):
    """A saved page (or one item of a listing page) that cannot be read as an item."""


class ReferenceDataError(InputError):
    """The curated reference data in `data/` is malformed or inconsistent."""


class UsageError(OsceRdfError):
    """The caller asked for something impossible (unknown format, missing path...)."""


class OutputError(OsceRdfError):
    """An output could not be written (a full disk, a read-only folder); the previous one stays."""


class QueryError(OsceRdfError):
    """A SPARQL query or its parameters were refused or failed."""


class InvalidDataError(OsceRdfError):
    """Data refused because it does not conform to the shapes; `results` say where."""

    def __init__(self, results: list[ValidationResult]) -> None:
        violations = sum(r.severity == "Violation" for r in results)
        super().__init__(f"{violations} violation{'s' if violations != 1 else ''} of the shapes")
        self.results = results
