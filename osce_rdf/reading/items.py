"""Assemble an `Item` from what a page yields, and date it.

Dating is the subtle part. The item's date is its `Date:` (or `Publishing date:`) when the
page gives one, else the date of its dateline; a dateline without a year takes the year from
the page's date. A date that is not a real calendar date is an error for that item, never a
guessed value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import PageError
from .datelines import find_dateline
from .dates import DateError, PartialDate, parse_date
from .metadata import Metadata
from .records import Dateline, Item, Origin, PageKind

__all__ = ["ItemParts", "assemble_item"]


@dataclass
class ItemParts:
    """What a page says about one item before it is dated and checked."""

    path: str
    title: str | None
    title_line: int
    content_type: str | None
    metadata: Metadata
    body: list[tuple[str, int]]
    page_kind: PageKind


def assemble_item(parts: ItemParts) -> Item:
    """Check and date the parts of an item; raise `PageError` naming the line at fault."""
    path = parts.path
    if not parts.title:
        raise PageError(path, parts.title_line, "no title: expected the item's title here")
    if not parts.body:
        raise PageError(path, parts.title_line, "no body text after the title and metadata")

    page_date, date_line = _metadata_date(parts)
    first_text, first_line = parts.body[0]
    try:
        raw = find_dateline(first_text)
    except DateError as error:
        raise PageError(path, first_line, f"dateline: {error}") from None

    dateline: Dateline | None = None
    body = [text for text, _ in parts.body]
    if raw is not None:
        try:
            dateline_date = raw.date.resolve(page_date) if raw.date else None
        except DateError as error:
            raise PageError(path, first_line, f"dateline: {error}") from None
        dateline = Dateline(
            text=raw.text,
            places=raw.places,
            country=raw.country,
            date=dateline_date,
        )
    published = page_date or (dateline.date if dateline else None)
    if published is None:
        if raw is not None and raw.date is not None:
            message = "the dateline has no year and the page gives no date to take it from"
            raise PageError(path, first_line, message)
        raise PageError(
            path,
            date_line or parts.title_line,
            "no date: neither a Date field nor a dated dateline",
        )

    truncated = body[-1].rstrip().endswith(("...", "…"))
    return Item(
        title=parts.title,
        content_type=parts.content_type,
        date_published=published,
        dateline=dateline,
        body=tuple(body),
        origin=Origin(path, parts.title_line),
        page_kind=parts.page_kind,
        meta_places=parts.metadata.get("place"),
        sources=parts.metadata.get("source"),
        organizers=parts.metadata.get("organizer"),
        fields=parts.metadata.get("field"),
        truncated=truncated and parts.page_kind is PageKind.LISTING,
        date_line=date_line,
        dateline_line=first_line if dateline is not None else None,
    )


def _metadata_date(parts: ItemParts) -> tuple[dt.date | None, int | None]:
    found = parts.metadata.first("date")
    if found is None:
        return None, None
    text, line = found
    try:
        partial: PartialDate | None = parse_date(text)
    except DateError as error:
        raise PageError(parts.path, line, str(error)) from None
    if partial is None:
        raise PageError(parts.path, line, f"{text!r} is not a date the toolkit can read")
    if partial.year is None:
        raise PageError(parts.path, line, f"{text!r} has no year")
    return partial.resolve(None), line
