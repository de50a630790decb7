"""The labelled metadata of an item: `- Date:`, `Issued by:`, `Where we are:` and friends.

The site has renamed its labels over the years; each label maps to one canonical field.
Values follow a label either inline (`- Date: 12 March 2012`) or as `- value` lines; a label
may have none, one or several values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["FIELDS", "LABEL", "Metadata", "parse_metadata"]

FIELDS: dict[str, str] = {
    "date": "date",
    "issued on": "date",
    "publishing date": "date",
    "published": "date",
    "date published": "date",
    "place": "place",
    "location": "place",
    "venue": "place",
    "source": "source",
    "sources": "source",
    "issued by": "source",
    "where we are": "source",
    "organized by": "organizer",
    "organised by": "organizer",
    "organizer": "organizer",
    "organizers": "organizer",
    "fields of work": "field",
    "field of work": "field",
    "what we do": "field",
    "topics": "field",
    "content type": "content_type",
    "type": "content_type",
}
# Inline values of these fields list several values separated by commas.
_COMMA_SEPARATED = frozenset({"source", "organizer", "field"})

LABEL = re.compile(
    r"^(?:-\s*)?(?P<label>"
    + "|".join(sorted(map(re.escape, FIELDS), key=len, reverse=True))
    + r")\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)


@dataclass
class Metadata:
    """Values per canonical field, as written, each with the 1-based line it was read from."""

    values: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def get(self, name: str) -> tuple[str, ...]:
        return tuple(value for value, _ in self.values.get(name, ()))

    def first(self, name: str) -> tuple[str, int] | None:
        found = self.values.get(name)
        return found[0] if found else None

    def add(self, name: str, value: str, line: int) -> None:
        self.values.setdefault(name, []).append((value, line))


def parse_metadata(
    lines: list[str], start: int, *, stop_at_label: str | None = None
) -> tuple[Metadata, int]:
    """Read the block from `lines[start]` on; return it and the index of the first other line.

    `stop_at_label` ends the block at a second occurrence of that field (a listing page
    starts its next entry there).
    """
    metadata = Metadata()
    current: str | None = None
    index = start
    while index < len(lines):
        text = lines[index].strip()
        line_number = index + 1
        if not text or text == "-":
            index += 1
            continue
        labelled = LABEL.match(text)
        if labelled:
            name = FIELDS[labelled.group("label").lower()]
            if stop_at_label == name and name in metadata.values:
                break
            current = name
            metadata.values.setdefault(name, [])
            inline = labelled.group("value").strip()
            if inline:
                parts = inline.split(",") if name in _COMMA_SEPARATED else [inline]
                for part in parts:
                    if part.strip():
                        metadata.add(name, part.strip(), line_number)
        elif text.startswith("- ") and current is not None:
            metadata.add(current, text[2:].strip(), line_number)
        else:
            break
        index += 1
    return metadata, index
