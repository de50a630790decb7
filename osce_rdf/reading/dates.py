"""Calendar dates as the site writes them, in English and in the languages of the OSCE area.

`17 July 2008`, `17 October, 2000`, `July 17, 2008`, `17 July` (no year), `2008-07-17`,
`17.07.2008`, `27 aprilie 2013`, `15 июня 2016`. Month names come from the Unicode CLDR via
Babel rather than from a table typed here, so every inflected and abbreviated form of every
language is covered; they are read from `month_names.json`, generated from Babel by
`make months`. A few abbreviations mean different months in different languages
(`listopad` is October in Croatian, November in Polish and Czech); the language listed first
in `LANGUAGES` wins, and the order puts the languages of field-operation host countries first.

A string that names a day that does not exist (`31 February 2010`) raises `DateError`; a
string that is not a date at all returns None. The difference matters: the first is bad
input to report, the second just means "this is not a date".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from anyascii import anyascii

__all__ = [
    "LANGUAGES",
    "DateError",
    "PartialDate",
    "english_months",
    "month_number",
    "parse_date",
]

LANGUAGES = (
    "en", "sq", "bs", "hr", "sr", "sr_Latn", "mk", "ro", "ru", "uk", "ky", "kk", "uz", "tk",
    "hy", "az", "ka", "mn", "fr", "de", "it", "es", "pt", "tr", "el", "bg", "pl", "cs", "sk",
    "sl", "hu", "lt", "lv", "et", "fi", "sv", "da", "nb", "nl",
)  # fmt: skip


class DateError(ValueError):
    """The text has the form of a date but names a day that does not exist."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date that may lack its year (`12 July`); `resolve` supplies it from a known date."""

    year: int | None
    month: int
    day: int
    text: str

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        """Complete the year from a reference date (the page's publishing date).

        A dateline of `30 December` on an item published on 2 January belongs to the year
        before, so the year is the one that puts the date closest before the reference.
        """
        if self.year is not None:
            return _real_date(self.year, self.month, self.day, self.text)
        if reference is None:
            return None
        year = reference.year
        if (self.month, self.day) > (
            reference.month,
            reference.day,
        ) and self.month - reference.month > 6:
            year -= 1
        return _real_date(year, self.month, self.day, self.text)


def _fold(word: str) -> str:
    return anyascii(word).lower().strip(".")


MONTHS_FILE = Path(__file__).with_name("month_names.json")


ENGLISH = ("en", "en_GB")  # the site writes British English: "Sept." is en_GB's


def month_table() -> dict[str, dict[str, int]]:
    """The month names of `LANGUAGES` from CLDR (via Babel): `folded`, every name folded as
    `month_number` looks it up; `english`, the English names as written (wide and
    abbreviated, of `ENGLISH`), which the enrichment finds in running text.

    Run `make months` to regenerate `month_names.json` after changing `LANGUAGES`; the
    build reads the file, not Babel, which is a development dependency and slow to load.
    """
    from babel import Locale

    folded: dict[str, int] = {}
    for language in LANGUAGES:
        locale = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    for form in {name.lower().strip("."), _fold(name)}:
                        if len(form) >= 3 and not form.isdigit():
                            folded.setdefault(form, number)
    english: dict[str, int] = {}
    for language in ENGLISH:
        months = Locale.parse(language).months["format"]
        for width in ("wide", "abbreviated"):
            for number, name in months[width].items():
                english.setdefault(name.strip("."), number)
    return {"english": dict(sorted(english.items())), "folded": dict(sorted(folded.items()))}


@cache
def _table() -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = json.loads(MONTHS_FILE.read_text(encoding="utf-8"))
    return table


def _months() -> dict[str, int]:
    return _table()["folded"]


def english_months() -> dict[str, int]:
    """English month names as written (`September`, `Sept`, `Sep`) -> their number."""
    return _table()["english"]


def month_number(word: str) -> int | None:
    """The month a word names in any supported language, or None."""
    months = _months()
    lowered = word.lower().strip(".")
    return months.get(lowered) or months.get(_fold(word))


_WORD = r"[^\W\d_]+\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<year>\d{4})"
_FORMS = (
    re.compile(rf"^{_DAY}\s+(?P<month>{_WORD})(?:,?\s+{_YEAR}(?:\s*(?:г\.?|god\.?|year))?)?$"),
    re.compile(rf"^(?P<month>{_WORD})\s+{_DAY},?(?:\s+{_YEAR})?$"),
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})$"),
    re.compile(r"^(?P<day>\d{1,2})[./](?P<mnum>\d{1,2})[./](?P<year>\d{4})\.?$"),
)
_WEEKDAY = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s+", re.IGNORECASE
)


def parse_date(text: str) -> PartialDate | None:
    """Read a date; None if the text is not a date, `DateError` if it is an impossible one.

    >>> parse_date("17 October, 2000")
    PartialDate(year=2000, month=10, day=17, text='17 October, 2000')
    >>> parse_date("12 July").year is None
    True
    >>> parse_date("Vienna") is None
    True
    """
    cleaned = _WEEKDAY.sub("", " ".join(text.split()).strip(" ,").rstrip("."))
    for form in _FORMS:
        found = form.match(cleaned)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("month"):
            month = month_number(groups["month"])
            if month is None:
                continue
        else:
            month = int(groups["mnum"])
        year = int(groups["year"]) if groups.get("year") else None
        day = int(groups["day"])
        if year is not None:
            _real_date(year, month, day, text)
        elif not (1 <= month <= 12 and 1 <= day <= 31) or (month, day) in _NEVER:
            raise DateError(f"{text.strip()!r} is not a real calendar date")
        return PartialDate(year, month, day, text.strip())
    return None


_NEVER = {(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)}


def _real_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{text.strip()!r} is not a real calendar date") from None


def write_month_table() -> None:
    """Regenerate `month_names.json` (`make months`)."""
    MONTHS_FILE.write_text(
        json.dumps(month_table(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
