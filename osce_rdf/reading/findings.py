"""What the body text says, as plain records: people, quotes, mentions, events, decisions.

The output of `enrich` (body text -> findings) and the input of the mapping of findings to
RDF. Offsets are character offsets into the item's `schema:articleBody` (the paragraphs
joined with a blank line), end exclusive, so `body[start:end]` is the text found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "DecisionFinding",
    "EventFinding",
    "Findings",
    "Mention",
    "PersonFinding",
    "QuoteFinding",
    "Ref",
    "Span",
]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True, order=True)
class Ref:
    """A thing of the reference data: kind `country` (key: lower-case ISO code), `unit`
    (key in units.toml) or `body` (key in outside_bodies.toml)."""

    kind: str
    key: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a State, partner, unit or outside body in the text."""

    ref: Ref
    written: str
    span: Span


@dataclass(frozen=True, slots=True)
class PersonFinding:
    """A person, once per body; `spans` are every mention (full name, surname, pronoun-free)."""

    name: str
    honorific: str  # "" when none
    post: str  # as written at the first mention, without a leading the/a/an; "" when none
    organisation: Ref | None  # whom the post is with: a unit, an outside body, or a State
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class QuoteFinding:
    text: str  # exactly the characters between the quote marks (paragraphs joined by a space)
    speakers: tuple[str, ...]  # names of PersonFindings: one, several ("X and Y said"), none
    span: Span  # from the first character inside the opening mark to the last before the closing


@dataclass(frozen=True, slots=True)
class EventFinding:
    kind: str  # a meeting-type key when the text names one, else an event-kind key
    scheme: str  # "meeting-type" or "event-kind"
    name: str  # the event phrase as written ("two-day OSCE expert conference")
    start: dt.date | None
    end: dt.date | None
    location: str | None  # place name as written
    organizer: Ref | None
    participants: int | None
    funders: tuple[Ref, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class DecisionFinding:
    text: str  # as written ("a November 2007 decision by the OSCE Permanent Council")
    body: str | None  # unit key of the body that took it
    number: str | None  # as written ("5/08", "1117")
    date: str | None  # "YYYY-MM" or "YYYY"
    span: Span


@dataclass(frozen=True)
class Findings:
    mentions: tuple[Mention, ...] = ()
    people: tuple[PersonFinding, ...] = ()
    quotes: tuple[QuoteFinding, ...] = ()
    events: tuple[EventFinding, ...] = ()
    decisions: tuple[DecisionFinding, ...] = field(default=())
