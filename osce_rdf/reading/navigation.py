"""The navigation block a saved page opens with.

It is a list of sections separated by a lone `-`; a section has an optional heading (the line
right after the `-`) and `- Item` lines. It is read so that `reference check` can compare
what the site lists today with the reference data.
"""

from __future__ import annotations

from .metadata import LABEL
from .records import NavigationEntry, NavigationSection

__all__ = ["parse_navigation"]

_SEEN = [NavigationEntry("", 0)]  # stands for "this section has entries" when they are not kept


def parse_navigation(
    lines: list[str], *, keep: bool = True
) -> tuple[tuple[NavigationSection, ...], int]:
    """Read the navigation block at the top of a page; return it and the first line after it.

    With `keep=False` only the end of the block is found (a build does not need the rest).
    """
    sections: list[NavigationSection] = []
    heading: tuple[str, int] | None = None
    entries: list[NavigationEntry] = []
    after_separator = False
    index = 0

    def close() -> None:
        if keep and (heading is not None or entries):
            sections.append(NavigationSection(heading[0] if heading else None, tuple(entries)))

    while index < len(lines):
        text = lines[index].strip()
        if not text:
            index += 1
            continue
        if text == "-":
            close()
            heading, entries, after_separator = None, [], True
        elif text.startswith("- ") and not (":" in text and LABEL.match(text)):
            if keep:
                entries.append(NavigationEntry(text[2:].strip(), index + 1))
            else:
                entries = _SEEN
            after_separator = False
        elif after_separator and heading is None and not entries:
            heading = (text, index)
            after_separator = False
        else:
            break
        index += 1
    if heading is not None and not entries:
        # A heading with nothing under it is the item's first line (its content type).
        index = heading[1]
        heading = None
    close()
    return tuple(sections), index
