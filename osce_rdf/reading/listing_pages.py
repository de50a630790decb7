"""Newsroom listing pages: several items each, as the site's search and archive show them.

Title
Publishing date: 25 April 2015
Content type: Press release                                  (optional)
Where we are: OSCE Chairpersonship, OSCE Programme Office in Bishkek   (optional)
What we do: Elections                                        (optional)
Teaser paragraph, often opening with a dateline, sometimes cut with "..."
"""

from __future__ import annotations

import re

from .item_pages import starts_body
from .items import ItemParts
from .metadata import LABEL, parse_metadata
from .records import PageKind

__all__ = ["is_listing", "listing_parts"]

_PAGER = re.compile(
    r"^(?:load more|show more|next|previous|first|last|page \d+(?: of \d+)?|[\d\s«»‹›|]+)$",
    re.IGNORECASE,
)


def _is_publishing_date(text: str) -> bool:
    labelled = LABEL.match(text.strip())
    return bool(labelled) and labelled.group("label").lower() == "publishing date"  # type: ignore[union-attr]


def _has_no_title(lines: list[str], index: int) -> bool:
    text = lines[index].strip()
    return bool(LABEL.match(text)) or starts_body(text)


def is_listing(lines: list[str]) -> bool:
    return any(_is_publishing_date(line) for line in lines)


def listing_parts(lines: list[str], start: int, path: str) -> list[ItemParts]:
    """One `ItemParts` per entry: an entry starts at the title above a `Publishing date:`."""
    title_indexes: list[int] = []
    date_indexes: list[int] = []
    for index in range(start, len(lines)):
        if _is_publishing_date(lines[index]):
            title_index = index - 1
            while title_index >= start and not lines[title_index].strip():
                title_index -= 1
            title_indexes.append(title_index)
            date_indexes.append(index)
    entries: list[ItemParts] = []
    for position, title_index in enumerate(title_indexes):
        end = title_indexes[position + 1] if position + 1 < len(title_indexes) else len(lines)
        if end < len(lines) and _has_no_title(lines, end):
            end += 1  # the next entry has no title: this line is still our teaser
        title = lines[title_index].strip() if title_index >= start else ""
        title_line = title_index + 1
        if not title or _has_no_title(lines, title_index):
            # No title line (nothing above `Publishing date:`, or only a label or the
            # previous entry's teaser, which keeps it): the error names the date's line.
            title, title_line = "", date_indexes[position] + 1
        metadata, body_start = parse_metadata(lines, title_index + 1, stop_at_label="date")
        body = [
            (lines[i].strip(), i + 1)
            for i in range(body_start, end)
            if lines[i].strip() and not _PAGER.match(lines[i].strip())
        ]
        content_type = metadata.get("content_type")
        entries.append(
            ItemParts(
                path=path,
                title=title or None,
                title_line=title_line,
                content_type=content_type[0] if content_type else None,
                metadata=metadata,
                body=body,
                page_kind=PageKind.LISTING,
            )
        )
    return entries
