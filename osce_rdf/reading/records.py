"""Plain typed values read from pages: the middle of pages -> records -> graph -> outputs.

Nothing here knows RDF. A record says what a page says, as written; resolving names against
the reference data and minting IRIs happen later, in `resolve` and `mapping`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..errors import PageError

__all__ = [
    "Dateline",
    "Item",
    "NavigationEntry",
    "NavigationSection",
    "Origin",
    "Page",
    "PageKind",
]


class PageKind(StrEnum):
    ITEM = "item"
    LISTING = "listing"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read: the page's path relative to the input folder, and a line."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """The opening words of a body, `VIENNA, 17 July 2008 -`, as written and as understood."""

    text: str
    places: tuple[str, ...]
    country: str | None
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class Item:
    """One newsroom item: from an item page, or one entry of a listing page."""

    title: str
    content_type: str | None
    date_published: dt.date
    dateline: Dateline | None
    body: tuple[str, ...]
    origin: Origin
    page_kind: PageKind
    meta_places: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    organizers: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    truncated: bool = False
    date_line: int | None = None  # the metadata's Date line
    dateline_line: int | None = None  # the body's first line, when it opens with a dateline

    @property
    def article_body(self) -> str:
        """The body as one string; offsets of findings in the text refer to this string."""
        return "\n\n".join(self.body)


@dataclass(frozen=True, slots=True)
class NavigationEntry:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class NavigationSection:
    heading: str | None
    entries: tuple[NavigationEntry, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """A saved page after reading: its navigation and the items it yielded.

    `problems` holds the errors of items that could not be read (a listing page keeps its
    good items); an item page with a problem yields no item.
    """

    path: str
    kind: PageKind
    navigation: tuple[NavigationSection, ...]
    items: tuple[Item, ...]
    problems: tuple[PageError, ...] = field(default=())
