"""Faulty pages: what is wrong with them, and where the parser must say so.

All kinds but "unknown_unit" must be refused by the parser, naming the line given here; an
unknown unit is kept by the build and flagged for review, which is what a benchmark checks.
"""

from __future__ import annotations

import html
import random
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.generator import vocabulary as vocab
from benchmarks.generator.text import pick

FAULT_KINDS = ("impossible_date", "missing_title", "empty", "unknown_unit", "latin1", "html")
# Days that do not exist, for the impossible-date fault: (day, month).
IMPOSSIBLE_DAYS = ((31, 2), (30, 2), (31, 4), (31, 6), (31, 9), (31, 11))
EMPTY_FILES = (b"", b"\n", b"  \n\n", b"\r\n")
_TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "…": "..."})


@dataclass
class Fault:
    """A faulty page, as the manifest records it."""

    page: str
    kind: str
    error: bool  # the parser must refuse the page
    line: int | None
    detail: str


def impossible_date(rng: random.Random, year: int) -> str:
    """A day that does not exist (`31 February 2010`), or 29 February of a common year."""
    if rng.random() < 0.2 and year % 4:
        return f"29 February {year}"
    day, month = pick(rng, IMPOSSIBLE_DAYS)
    return f"{day} {vocab.MONTHS[month - 1]} {year}"


def html_document(
    title: str, content_type: str | None, meta: Sequence[str], paragraphs: Sequence[str]
) -> str:
    """The same item saved as HTML instead of text (the parser refuses it)."""
    escape = html.escape
    kind = f'<p class="content-type">{escape(content_type)}</p>\n' if content_type else ""
    items = "".join(f"<li>{escape(line.removeprefix('- '))}</li>\n" for line in meta)
    text = "".join(f"<p>{escape(paragraph)}</p>\n" for paragraph in paragraphs)
    page = vocab.HTML_PAGE
    return page.format(title=escape(title), content_type=kind, metadata=items, paragraphs=text)


def latin1_bytes(text: str, rng: random.Random) -> bytes:
    """The page as an old editor saved it: Latin-1, so not valid UTF-8.

    A Latin-1 letter followed by an ASCII one is never valid UTF-8; a page without such a
    letter gets a sentence naming someone who has one.
    """
    text = text.translate(_TYPOGRAPHY)
    data = text.encode("latin-1", errors="replace")
    if first_bad_line(data) is None:
        lines = text.rstrip("\n").split("\n")
        lines[-1] += f" The event was opened by {pick(rng, vocab.LATIN1_NAMES)}."
        data = ("\n".join(lines) + "\n").encode("latin-1", errors="replace")
    return data


def first_bad_line(data: bytes) -> int | None:
    """The line the parser names for bytes that are not UTF-8."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return data[: error.start].count(b"\n") + 1
    return None
