"""TOML files read into typed values: the reference data and the vocabulary both come this way.

A value of the wrong type fails here with its file and key (`units.toml: unit.12.opened is
not int`), not deep inside a page, and the command line reports it in one line.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")
Weights = tuple[tuple[str, float], ...]

# The types a record's fields may have (also optional: `str | None`).
_KINDS: dict[str, Any] = {"str": str, "int": int, "float": (int, float), "bool": bool}


class TomlFile:
    """One TOML file; `path` arguments are dotted keys, with numbers for list items."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as handle:
                self.data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path}: {error}") from None

    def get(self, path: str, kind: type | tuple[type, ...] = object, default: Any = ...) -> Any:
        value: Any = self.data
        for part in path.split("."):
            if isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            elif isinstance(value, dict) and part in value:
                value = value[part]
            elif default is not ...:
                return default
            else:
                raise ValueError(f"{self.path}: no {path}")
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise ValueError(f"{self.path}: {path} is not {getattr(kind, '__name__', kind)}")
        return value

    def keys(self, path: str) -> tuple[str, ...]:
        return tuple(self.get(path, dict))

    def count(self, path: str) -> int:
        return len(self.get(path, list, []))

    def strings(self, path: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        if default is not None and self.get(path, default=None) is None:
            return default
        return tuple(self.get(f"{path}.{i}", str) for i in range(self.count(path)))

    def lists(self, path: str = "") -> dict[str, tuple[str, ...]]:
        """Every list of strings in the table at `path` (the top level if none), by key."""
        table = self.get(path, dict) if path else self.data
        prefix = f"{path}." if path else ""
        return {k: self.strings(prefix + k) for k, v in table.items() if isinstance(v, list)}

    def table(self, path: str, kind: type) -> dict[str, Any]:
        """The table at `path`, each value of `kind` (`str` for texts, `int` for years)."""
        return {key: self.get(f"{path}.{key}", kind) for key in self.keys(path)}

    def weights(self, path: str) -> Weights:
        return tuple((key, self.get(f"{path}.{key}", (int, float))) for key in self.keys(path))

    def row(self, path: str, *kinds: type) -> tuple[Any, ...]:
        """A list of fixed length and types (`[first year, last year, name]`)."""
        if self.count(path) != len(kinds):
            raise ValueError(f"{self.path}: {path} does not have {len(kinds)} values")
        return tuple(self.get(f"{path}.{i}", kind) for i, kind in enumerate(kinds))

    def ranges(self, path: str) -> dict[str, tuple[int, int, int]]:
        """`key = [low, high, step]` entries: a whole number from low to high, times step."""
        return {key: self.row(f"{path}.{key}", int, int, int) for key in self.keys(path)}

    def rows(self, path: str, *kinds: type) -> tuple[tuple[Any, ...], ...]:
        return tuple(self.row(f"{path}.{i}", *kinds) for i in range(self.count(path)))

    def record(self, cls: type[R], path: str) -> R:
        """The table at `path` as a dataclass: its fields by name, other keys ignored.

        Fields are `str`, `int`, `float`, `bool`, `tuple[str, ...]` or optional `str` and
        `int`; a field with a default may be left out, and an empty optional string is None.
        """
        values: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):
            key = f"{path}.{spec.name}"
            default = spec.default if spec.default is not dataclasses.MISSING else ...
            if spec.type == "tuple[str, ...]":
                values[spec.name] = self.strings(key, default if default is not ... else None)
                continue
            value = self.get(key, _KINDS[str(spec.type).removesuffix(" | None")], default)
            values[spec.name] = None if value == "" and "None" in str(spec.type) else value
        return cls(**values)

    def records(self, cls: type[R], path: str) -> list[R]:
        return [self.record(cls, f"{path}.{i}") for i in range(self.count(path))]
