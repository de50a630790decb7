"""Datelines: the `VIENNA, 17 July 2008 -` that opens a newsroom body.

Thirty years of the site give many forms; all of these are read:

    VIENNA, 17 July 2008 - ...                   VIENNA/WARSAW, 3 May 2001 (OSCE) -- ...
    TIRANA / BRUSSELS / GENEVA – 6 October 2020. ...   (the date after the dash)
    OSH, Kyrgyzstan, 5 May 2010 – ...           (a place with its country)
    TBILISI (Georgia), 5 May 2006 - ...         (the country in parentheses)
    Dushanbe 12 June 2008 - ...                 (no comma before a full date)
    VALLETTA/VIENNA, 12 July – ...              (no year: it comes from the page's date)
    12 June 2025, Sarajevo – ...                (the date before the place)
    CHIȘINĂU, 27 aprilie 2013 - ...             (a month in another language)
    VIENNA - ...                                (no date at all)

A paragraph that merely contains a dash (`The Mission - together with ...`) is not a
dateline: places must look like place names, and a dateline without a date must be written
in capitals, as the site's datelines are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import PartialDate, parse_date

__all__ = ["RawDateline", "find_dateline"]

_SEPARATOR = re.compile(r"\s*(?:--|—|–|-)\s*")
_OSCE_TAG = re.compile(r"\s*\((?:OSCE|CSCE)\)\s*", re.IGNORECASE)
_PLACE = re.compile(r"^[^\W\d_][\w'’.\- ]*$")
_PARTICLES = frozenset(
    {"de", "del", "di", "la", "le", "na", "am", "an", "der", "upon", "on", "i", "and", "of", "the"}
)
_NOT_PLACES = frozenset({"OSCE", "CSCE", "UN", "EU", "ODIHR", "HCNM", "NATO"})
_MAX_HEAD = 120
_DATE_AFTER = re.compile(r"(?P<date>[^.\n]{4,40}?)\s*(?:\.|:|(?:--|—|–|-))\s+")
# "TBILISI (Georgia)": a country in parentheses reads as "TBILISI, Georgia".
_COUNTRY_IN_PARENTHESES = re.compile(r"^(?P<place>[^(),]+?)\s*\((?P<country>[^()]+)\)")
# Words that open ordinary sentences with a date ("On 12 June 2008 - "), not place names.
_NOT_PLACE_WORDS = frozenset(
    {"On", "In", "Since", "By", "From", "Until", "Till", "Before", "After", "Between", "As"}
)


@dataclass(frozen=True, slots=True)
class RawDateline:
    """A dateline as found: the date still partial, `body_start` where the text goes on."""

    text: str
    places: tuple[str, ...]
    country: str | None
    date: PartialDate | None
    body_start: int


def find_dateline(paragraph: str) -> RawDateline | None:
    """Find the dateline that opens a paragraph, or None.

    Raises `dates.DateError` when the dateline names a day that does not exist.

    >>> d = find_dateline("VIENNA, 17 July 2008 - How international co-operation ...")
    >>> d.places, d.date.year, "VIENNA, 17 July 2008 - How ..."[d.body_start :]
    (('VIENNA',), 2008, 'How ...')
    """
    for separator in _SEPARATOR.finditer(paragraph, 0, _MAX_HEAD + 8):
        start, end = separator.span()
        if start == 0 or end >= len(paragraph) or _inside_word(paragraph, separator):
            continue
        head = paragraph[:start]
        parsed = _parse_head(head)
        if parsed is None:
            continue
        places, country, date = parsed
        if date is None:
            after = _DATE_AFTER.match(paragraph, end)
            late = parse_date(after.group("date")) if after else None
            if after is not None and late is not None and places:
                text = paragraph[: after.end("date")].strip()
                return RawDateline(text, places, country, late, after.end())
            if not places or not all(p == p.upper() for p in places):
                continue
        return RawDateline(head.strip(), places, country, date, end)
    return None


def _inside_word(text: str, separator: re.Match[str]) -> bool:
    """A bare hyphen between two letters or digits is part of a word, not a separator."""
    start, end = separator.span()
    matched = separator.group()
    if matched.strip() != "-" or matched != "-":
        return False
    return text[start - 1].isalnum() and text[end].isalnum() and not text[start - 1].isdigit()


def _parse_head(head: str) -> tuple[tuple[str, ...], str | None, PartialDate | None] | None:
    cleaned = _OSCE_TAG.sub(" ", head).strip(" ,")
    cleaned = _COUNTRY_IN_PARENTHESES.sub(r"\g<place>, \g<country>", cleaned)
    if not cleaned or len(cleaned) > _MAX_HEAD:
        return None
    parts = [part.strip() for part in cleaned.split(",") if part.strip()]
    date: PartialDate | None = None
    place_parts = parts
    for k in range(len(parts)):
        date = parse_date(", ".join(parts[k:]))
        if date is not None:
            place_parts = parts[:k]
            break
    if date is None:
        for k in range(len(parts) - 1, 0, -1):
            date = parse_date(", ".join(parts[:k]))
            if date is not None:
                place_parts = parts[k:]
                break
    if date is None and len(parts) == 1:
        place_parts, date = _place_then_date(parts[0])
    if not place_parts:
        return ((), None, date) if date is not None else None
    if len(place_parts) > 2:
        return None
    places = tuple(p.strip() for p in place_parts[0].split("/") if p.strip())
    country = place_parts[1] if len(place_parts) == 2 else None
    if not places or len(places) > 5 or not all(_looks_like_place(p) for p in places):
        return None
    if country is not None and not _looks_like_place(country):
        return None
    return places, country, date


def _place_then_date(head: str) -> tuple[list[str], PartialDate | None]:
    """ "Dushanbe 12 June 2008": a place, then a date with its year, and no comma between."""
    words = head.split()
    for k in range(1, len(words)):
        if not words[k][:1].isdigit():
            continue
        date = parse_date(" ".join(words[k:]))
        if date is None or date.year is None or words[0] in _NOT_PLACE_WORDS:
            break
        return [" ".join(words[:k])], date
    return [head], None


def _looks_like_place(name: str) -> bool:
    if len(name) > 40 or not _PLACE.match(name) or name in _NOT_PLACES:
        return False
    words = name.replace("-", " ").split()
    if len(words) > 4:
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
