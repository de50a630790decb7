"""Item IRIs that a build replaced: a changed headline (or date) is a new IRI, the old one
is recorded as replaced by it (`dcterms:isReplacedBy`), never silently dropped.

An item's IRI is its date and a slug of its title (docs/decisions/0003), so editing a
headline mints a new one. The previous build's index (`incremental.INDEX_FILE`) is where the
old IRI can still be known: it lists, for every page, the keys of the items it yielded, and
the replacements recorded so far. It is read whether or not the build is incremental, so a
`--full` build records the same replacements as an incremental one.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .incremental import item_keys_by_page

__all__ = ["ItemHistory"]


@dataclass
class ItemHistory:
    """The item keys each page yielded in the previous build, and the replacements so far."""

    keys: dict[str, list[str]] = field(default_factory=dict)  # page path -> item keys, in order
    replaced: dict[str, str] = field(default_factory=dict)  # old key -> current key

    @classmethod
    def read(cls, index: Path) -> ItemHistory:
        """From a build index file; an empty history when there is none or it cannot be read."""
        try:
            data = orjson.loads(index.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return cls()
        return cls.of(data if isinstance(data, dict) else None)

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> ItemHistory:
        """From a build index already read (`incremental.read_index`); empty for None or an
        index that does not have the expected shape."""
        if data is None:
            return cls()
        try:
            keys = item_keys_by_page(data)
            replaced = {str(old): str(new) for old, new in data.get("replaced", {}).items()}
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return cls()
        return cls(keys, replaced)

    def update(
        self,
        pages: Iterable[tuple[str, list[str]]],
        *,
        current: Container[str] | None = None,
        gone: Iterable[str] = (),
    ) -> dict[str, str]:
        """Every replacement after this build, which yielded these (page path, item keys);
        the history becomes this build's, for the next (a `Builder` keeps it). With `current`
        (every item key of this build), `pages` need only be those that may have yielded
        other keys than in the history's build, and `gone` names its pages this build has
        not: the others yielded what they did (a `Builder`'s rebuild after one change, where
        walking 25,000 pages' keys was 0.1 s).

        On each page, the previous keys that are gone are paired, in order, with the keys
        that are new; an old key points at the current one even after several edits, and a
        key in use again (a headline edited back) is no longer replaced. Only a page whose
        keys are not those it had is looked into: comparing every page's keys was 0.2 s of a
        one-page rebuild at 25,000 pages.
        """
        found: set[str] = set()
        keys_before = self.keys
        if current is None:
            self.keys = {}
        looked: set[str] = set()
        replaced = dict(self.replaced)
        for path, keys in pages:
            looked.add(path)
            if current is None:
                found.update(keys)
            before = keys_before.get(path)
            if before == keys:
                # The list held already: the new one is freed at once, not kept, which would
                # be 25,000 objects a rebuild for the collector (decision 0042, `gc.freeze`).
                self.keys[path] = before
                continue
            self.keys[path] = keys
            before = before or []
            gone_keys = [key for key in before if key not in keys]
            new = [key for key in keys if key not in before]
            for old, now in zip(gone_keys, new, strict=False):
                replaced[old] = now
        for path in gone:
            if path not in looked:
                self.keys.pop(path, None)
        for old, now in list(replaced.items()):
            replaced[old] = _follow(replaced, now)
        in_use = found if current is None else current
        self.replaced = {old: now for old, now in sorted(replaced.items()) if old not in in_use}
        return dict(self.replaced)


def _follow(replaced: Mapping[str, str], key: str) -> str:
    seen = {key}
    while key in replaced and replaced[key] not in seen:
        key = replaced[key]
        seen.add(key)
    return key
