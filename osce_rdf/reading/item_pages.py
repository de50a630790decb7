"""Item pages: navigation, content type, title, metadata block, body (like the seed page)."""

from __future__ import annotations

from collections.abc import Set

from ..reference.match_keys import match_key
from .datelines import find_dateline
from .dates import DateError
from .items import ItemParts
from .metadata import LABEL, Metadata, parse_metadata
from .records import PageKind

__all__ = ["item_parts", "starts_body"]

_MAX_HEAD_LINES = 4
# Headings of the blocks the site prints after a release's text: not part of the body.
_AFTER_BODY = frozenset(
    {"contacts", "contact", "media contact", "media contacts", "related content",
     "related news", "related publications", "related stories", "downloads", "share"}
)  # fmt: skip


def item_parts(lines: list[str], start: int, path: str, content_types: Set[str]) -> ItemParts:
    """Split an item page (from `start`, after its navigation) into the parts of its item.

    The title and the content type are the short lines before the metadata block; which one
    is the content type is decided by the known content types, and otherwise by the site's
    own order (content type first).
    """
    head: list[tuple[str, int]] = []
    index = start
    while index < len(lines) and len(head) < _MAX_HEAD_LINES:
        text = lines[index].strip()
        if not text:
            index += 1
            continue
        untitled = all(match_key(line) in content_types for line, _ in head)
        if LABEL.match(text) or starts_body(text, first=untitled):
            break
        head.append((text, index + 1))
        index += 1
    metadata, body_start = (
        parse_metadata(lines, index)
        if index < len(lines) and LABEL.match(lines[index].strip())
        else (Metadata(), index)
    )
    body = [(lines[i].strip(), i + 1) for i in range(body_start, len(lines)) if lines[i].strip()]
    end = next((i for i, (text, _) in enumerate(body) if i and text.lower() in _AFTER_BODY), None)
    body = body[:end]  # "Contacts", "Related content" ... close the text

    known = [entry for entry in head if match_key(entry[0]) in content_types]
    content_type: str | None = None
    if known:
        content_type = known[0][0]
        head.remove(known[0])
    elif len(head) >= 2:
        content_type = head.pop(0)[0]
    inline_type = metadata.get("content_type")
    if content_type is None and inline_type:
        content_type = inline_type[0]
    title, title_line = head.pop(0) if head else (None, _expected_title_line(lines, start, index))
    body = head + body  # lines between the title and the metadata are a lead paragraph
    return ItemParts(path, title, title_line, content_type, metadata, body, PageKind.ITEM)


def starts_body(text: str, *, first: bool = False) -> bool:
    """A dateline or a long sentence is body text, not a title.

    The first line after the navigation may be a long title ending in a full stop ("...
    in the U.S."), so only a very long first line counts as a sentence.
    """
    if len(text) > 300 or (not first and text.endswith((".", '"', "”")) and len(text.split()) > 20):
        return True
    try:
        return find_dateline(text) is not None
    except DateError:
        return True


def _expected_title_line(lines: list[str], start: int, stop: int) -> int:
    """The line where a missing title should have been: after the last head line."""
    for index in range(stop - 1, start - 1, -1):
        if lines[index].strip():
            return index + 2
    return start + 1
