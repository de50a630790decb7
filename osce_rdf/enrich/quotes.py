"""Quoted passages and who spoke them.

A passage is exactly the characters between the quote marks. Newsroom style continues a
quote into the next paragraph by leaving the first paragraph unclosed and opening the next
with a mark; such a passage is one quote, its paragraphs joined by a space. A quote broken
by an attribution (`"...," Carty said. "..."`) is two passages, both his.

Titles of documents in quote marks ("The Tallinn Guidelines on ...") and short scare quotes
are not quotes: a quote ends with punctuation inside the marks or is a sentence long, and
is not written in title case.

Single curly marks (‘...’, British style) quote too, but the closing mark is also the
apostrophe (OSCE’s, States’), and single marks often set off a term: a passage in single
marks, outside double ones and within a paragraph, counts only with an attribution next to it
or right after another quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..reading.findings import QuoteFinding, Span
from .gazetteer import REPORTING, Scan
from .people import People
from .text import ABBREVIATIONS, Cover

__all__ = ["find_quotes"]

_OPENING = '"“«'  # guillemets, as some translated texts write them
_END_PUNCTUATION = ".,!?;:…"
_BREAK = re.compile(r"(?=\n\n)")  # every paragraph break, overlapping ones too
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_THEY = re.compile(r"\b(?:they|They)\b")
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with", "from"}
)


def _marks(body: str) -> list[int]:
    """The positions of every quote mark, straight or curly, in order."""
    positions: list[int] = []
    for mark in '"“”«»':
        pos = body.find(mark)
        while pos >= 0:
            positions.append(pos)
            pos = body.find(mark, pos + 1)
    positions.sort()
    return positions


def _passages(body: str) -> list[list[tuple[int, int]]]:
    """Each passage as the pieces of text inside its marks, one piece per paragraph."""
    passages: list[list[tuple[int, int]]] = []
    pieces: list[tuple[int, int]] = []
    start: int | None = None  # first character inside the open mark
    for pos in _marks(body):
        mark = body[pos]
        if start is None:
            if mark in _OPENING:
                start, pieces = pos + 1, []
            continue
        gap = body.rfind("\n\n", start, pos)
        if gap >= 0:
            # Open across a paragraph break: a continuation if this mark opens the paragraph
            # right after the break (and no other break lies between), else a stray mark.
            if mark in _OPENING and pos == gap + 2 and body.find("\n\n", start, gap) < 0:
                pieces.append((start, gap))
                start = pos + 1
            else:
                start, pieces = (pos + 1, []) if mark in _OPENING else (None, [])
            continue
        if mark in "“«":  # a second opening mark: the first one was stray
            start, pieces = pos + 1, []
            continue
        pieces.append((start, pos))
        passages.append(pieces)
        start = None
    return passages


class _Paragraphs:
    """Where the paragraph breaks ("\\n\\n") of a body are, found in one pass: looking for
    the nearest from each quote read the whole of a body that is one long paragraph."""

    def __init__(self, body: str) -> None:
        self.breaks = [found.start() for found in _BREAK.finditer(body)]

    def last_before(self, pos: int) -> int:
        """`body.rfind("\\n\\n", 0, pos)`."""
        index = bisect_right(self.breaks, pos - 2)
        return self.breaks[index - 1] if index else -1

    def next_from(self, pos: int) -> int:
        """`body.find("\\n\\n", pos)`."""
        index = bisect_left(self.breaks, pos)
        return self.breaks[index] if index < len(self.breaks) else -1


def _single_passages(
    body: str, double: list[tuple[int, int]], paragraphs: _Paragraphs
) -> list[list[tuple[int, int]]]:
    """Passages in single curly marks, within one paragraph and outside double-marked ones.

    A closing mark has a character before it and no letter or digit after it (not the
    apostrophe of "OSCE’s"); the first such mark after an opening one closes it.
    """
    passages: list[list[tuple[int, int]]] = []
    inside = Cover(double)
    opening = body.find("‘")
    while opening >= 0:
        start = opening + 1
        paragraph_end = paragraphs.next_from(start)
        limit = paragraph_end if paragraph_end >= 0 else len(body)
        closing = body.find("’", start, limit)
        while closing >= 0 and (
            closing == start
            or body[closing - 1].isspace()
            or (closing + 1 < len(body) and body[closing + 1].isalnum())
        ):
            closing = body.find("’", closing + 1, limit)
        if closing < 0:
            # No later opening mark of the paragraph finds a closing one either.
            opening = body.find("‘", limit)
            continue
        if not inside.overlaps(opening, opening + 1):
            passages.append([(start, closing)])
        opening = body.find("‘", closing + 1)
    return passages


def _is_quote(text: str) -> bool:
    """A quote, not a document's title nor a scare quote."""
    words = text.split()
    if not words:
        return False
    ends = text.rstrip()[-1] in _END_PUNCTUATION
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitals = sum(1 for w in content if w[:1].isupper())
    if len(words) > 1 and capitals >= 0.6 * len(content) and text.rstrip()[-1] not in ".,":
        return False
    return ends or len(words) >= 5


def _sentence_after(body: str, pos: int) -> int:
    """Where the attribution after a closing mark ends: the sentence's end (not the full
    stop of "Dr."), the paragraph's end, or an opening mark."""
    end = min(len(body), pos + 300)
    for mark in ("\n", ' "', " “", " «"):
        found = body.find(mark, pos, end)
        if found >= 0:
            end = found
    stop = body.find(".", pos, end)
    while stop >= 0:
        word = body[body.rfind(" ", 0, stop) + 1 : stop].lstrip("(")  # "Colonel (ret.)"
        if word not in ABBREVIATIONS and not (len(word) == 1 and word.isupper()):
            return stop + 1
        stop = body.find(".", stop + 1, end)
    return end


def _sentence_before(body: str, pos: int) -> int:
    """Where the attribution before an opening mark starts (`Carty said: "`)."""
    start = max(0, pos - 300)
    for stop in (". ", "\n", '" ', "” ", "» "):
        found = body.rfind(stop, start, pos)
        if found >= 0:
            start = max(start, found + len(stop))
    return start


def find_quotes(body: str, scan: Scan, people: People) -> list[QuoteFinding]:
    """The quotes of the body, in order, each with its speaker when one is said."""
    reporting = sorted((hit.start, hit.end) for hit in scan[REPORTING])
    quotes: list[QuoteFinding] = []
    previous: tuple[int, tuple[str, ...]] | None = None  # paragraph end, speakers of the last
    double = _passages(body)
    paragraphs = _Paragraphs(body)
    single = _single_passages(body, [(p[0][0] - 1, p[-1][1] + 1) for p in double], paragraphs)
    for pieces in sorted([*double, *single]):
        text = " ".join(body[start:end] for start, end in pieces)
        start, end = pieces[0][0], pieces[-1][1]
        if not _is_quote(text):
            continue
        attributed, speakers = _attribution(body, start - 1, end + 1, reporting, people)
        paragraph_start = paragraphs.last_before(start) + 2 if start > 1 else 0
        paragraph_start = paragraph_start if paragraph_start > 1 else 0
        follows = previous is not None and previous[0] >= paragraph_start - 2
        if body[start - 1] == "‘" and not attributed and not follows:
            continue  # a term set off in single marks, not a quote
        if not attributed and previous is not None and follows:
            # Same paragraph, or the quote opens the next one; a quote with an attribution
            # of its own that names nobody ("said one participant") is nobody's we know.
            speakers = previous[1]
        paragraph_end = paragraphs.next_from(end)
        previous = (paragraph_end if paragraph_end >= 0 else len(body), speakers)
        quotes.append(QuoteFinding(text, speakers, Span(start, end)))
    return quotes


def _reporting_within(reporting: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a reporting verb (the spans, sorted) lies within [start, end)."""
    index = bisect_left(reporting, (start, -1))
    while index < len(reporting) and reporting[index][0] <= end:
        if reporting[index][1] <= end:
            return True
        index += 1
    return False


def _attribution(
    body: str, opening: int, closing: int, reporting: list[tuple[int, int]], people: People
) -> tuple[bool, tuple[str, ...]]:
    """Whether an attribution stands next to the quote, and the speakers it names: after it
    (`," said X`), else before it (`X said: "`, `X and Y said in a joint statement: "`),
    else a name and a colon (`X: "`). A pronoun is the person mentioned last before the
    quote."""
    after_end = _sentence_after(body, closing + 1)
    before_start = _sentence_before(body, opening)
    attributed = False
    for window_start, window_end in ((closing + 1, after_end), (before_start, opening)):
        if not _reporting_within(reporting, window_start, window_end):
            continue
        if (
            window_start > opening
            and body[closing - 2] in ".!?"
            and body[window_start:window_end].rstrip().endswith(":")
        ):
            continue  # '"Your work matters." Kowalska underlined: "...': the next quote's
        attributed = True
        joint = people.joint_at(body, window_start, window_end)
        if joint:
            return True, tuple(people.persons[i].name for i in joint)
        if _PRONOUN.search(body, window_start, window_end):
            index = people.last_before(opening)
            if index is not None:
                return True, (people.persons[index].name,)
        if _THEY.search(body, window_start, window_end):
            # "X and Y opened the conference. "...," they said": the people listed last.
            listed = people.listed_last_before(body, opening)
            if len(listed) > 1:
                return True, tuple(people.persons[i].name for i in listed)
    if body.startswith(": ", opening - 2):  # 'Ambassador Jane Roe: "..."'
        index = people.person_ending_at(opening - 2)
        if index is not None:
            return True, (people.persons[index].name,)
    return attributed, ()
