"""When an event took place, from what a sentence says about it.

The conventions: "today" is the dateline's date, "yesterday" the day before; a weekday is the
nearest such day on or before the dateline when the sentence is in the past tense, on or
after it in the future; "over the weekend" is that Saturday and Sunday; "N-day" gives the
end as start + N - 1; "over the past N days" ends on the dateline; explicit dates ("from 3
to 5 June 2010", "on 4 November", "until 25 June") take a missing year from the nearest year.
Whether a date is the start or the end comes from the verb nearest to it ("began today",
"concluded ... today"); a date whose nearest verb is a reporting verb ("said ... today")
dates the statement, not the event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .text import MONTH, MONTHS, NUMBER_WORD, WEEKDAYS, number_value
from .words import table

__all__ = ["DateClue", "dates_in", "duration_in", "is_future", "nearest_year", "resolve_day"]

# The verbs that say whether a date starts or ends an event, or places it on one day; and
# verbs of speech, next to which a date is a statement's ("said in a statement today").
VERB_ROLES = {verb: role for role, verbs in table("event_verbs").items() for verb in verbs}
_FUTURE = re.compile(
    r"\b(?:will|shall|is due|are due|is to|are to|scheduled|planned|expected|next|upcoming)\b"
)
# "The course, which ends on Friday", "the meeting, which opens on Monday": a start or an
# end in the present tense is still to come.
_PRESENT_TENSE = re.compile(
    r"\b(?:ends|closes|concludes|finishes|runs until|lasts until|opens|begins|starts|"
    r"takes place)\b"
)
_NUMBER = rf"(?:\d+|{NUMBER_WORD})"
_DURATION = re.compile(
    rf"\b(?P<n>{_NUMBER})-(?P<unit>day|week)\b"
    rf"|\b(?i:over|after|for|during|within|lasting|in)(?: the (?:past|last))? (?P<n2>{_NUMBER})"
    r" (?P<unit2>days|weeks)\b"
)
# "Over the past two days, 60 young people gathered": an event that ends on the dateline.
_PAST_DAYS = re.compile(rf"\b(?i:over|during|in|for) the (?:past|last) {_NUMBER} (?:days|weeks)\b")
_RANGE = re.compile(
    r"\b(?:from|between|on) (?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    rf"(?: (?P<m1>{MONTH}))?(?:,? (?P<y1>\d{{4}}))? (?:to|until|till|and|-|–) "
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    rf" (?P<m2>{MONTH})(?:,? (?P<y2>\d{{4}}))?"
    rf"|\b(?P<d3>\d{{1,2}})\s?[-–]\s?(?P<d4>\d{{1,2}}) (?P<m3>{MONTH})(?:,? (?P<y3>\d{{4}}))?"
)
# "for the 31 March presidential election": the date of the vote, not of the event.
_DATE_OF_A_VOTE = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:elections?|referendum|polls?|vote)\b")
_SINGLE = re.compile(
    rf"(?:\b(?P<prep>on|from|since|until|till|to|by) )?"
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?P<m>{MONTH})(?:,? (?P<y>\d{{4}}))?\b"
)


@dataclass(frozen=True, slots=True)
class DateClue:
    """A date a sentence gives, at `pos`; `role` is start, end or single (neither said)."""

    pos: int
    role: str
    date: dt.date
    weekday: bool = False  # a weekday's name: read in the past, it may be the next one


def nearest_year(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    """The date, its year taken as the one that puts it nearest the dateline."""
    try:
        if year is not None:
            return dt.date(year, month, day)
        dates = []
        for candidate in (today.year - 1, today.year, today.year + 1):
            try:
                dates.append(dt.date(candidate, month, day))
            except ValueError:
                continue
        return min(dates, key=lambda d: abs((d - today).days)) if dates else None
    except ValueError:
        return None


def resolve_day(word: str, today: dt.date, *, future: bool) -> dt.date:
    """ "today", "yesterday", "tomorrow" or a weekday, counted from the dateline."""
    if word == "today":
        return today
    if word == "yesterday":
        return today - dt.timedelta(days=1)
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    weekday = WEEKDAYS.index(word.capitalize())
    if future:
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    return today - dt.timedelta(days=(today.weekday() - weekday) % 7)


def duration_in(text: str) -> int | None:
    """The length in days of "two-day", "over two days", "one-week"; None if none."""
    found = _DURATION.search(text)
    if found is None:
        return None
    number = number_value(found.group("n") or found.group("n2"))
    if number is None:
        return None
    unit = found.group("unit") or found.group("unit2")
    return number * 7 if unit.startswith("week") else number


def _role_by_verb(sentence: str, offset: int, told: bool) -> str | None:
    """start, end or single from the verb nearest (in words) to `offset`, in the date's own
    clause between commas when that has one ("concluded a visit yesterday, where he met"),
    else in the whole sentence; None when that verb reports speech (the statement's date),
    unless the speech was made at the event (`told`: "told a roundtable today")."""
    clause_start = max(sentence.rfind(mark, 0, offset) for mark in (", ", "; ")) + 1
    clause_ends = [e for e in (sentence.find(m, offset) for m in (", ", "; ")) if e >= 0]
    clause_end = min(clause_ends, default=len(sentence))
    for start, end in ((clause_start, clause_end), (0, len(sentence))):
        role = _nearest_verb(sentence[start:end], offset - start)
        if role is not None:
            return ("single" if told else None) if role == "report" else role
    return "single"


def _nearest_verb(text: str, offset: int) -> str | None:
    """The role of the verb nearest (in words) to `offset`, or None when there is none."""
    target = text.count(" ", 0, offset)
    best: tuple[int, str] | None = None
    for index, word in enumerate(text.split(" ")):
        role = VERB_ROLES.get(word.strip(",.;:").lower())
        if role is not None and (best is None or abs(index - target) < best[0]):
            best = (abs(index - target), role)
    return best[1] if best else None


def dates_in(
    sentence: str,
    offset: int,
    today: dt.date,
    day_words: list[tuple[int, str]],
    *,
    months: bool,
    told: bool = False,
) -> list[DateClue]:
    """The dates a sentence gives for an event in it; `offset` is the sentence's start in
    the body, `day_words` the positions (in the body) of "today", weekdays and the like;
    `months` says whether the sentence names a month (else no calendar date is sought);
    `told` that the sentence reports speech made at the event ("told a roundtable")."""
    clues = [DateClue(offset + f.start(), "end", today) for f in _PAST_DAYS.finditer(sentence)]
    taken: list[tuple[int, int]] = []
    for found in _RANGE.finditer(sentence) if months else ():
        day1 = found.group("d1") or found.group("d3")
        day2 = found.group("d2") or found.group("d4")
        month2 = MONTHS[(found.group("m2") or found.group("m3")).rstrip(".")]
        month1 = MONTHS[found.group("m1").rstrip(".")] if found.group("m1") else month2
        year2 = found.group("y2") or found.group("y3")
        year1 = found.group("y1") or year2
        end = nearest_year(int(day2), month2, int(year2) if year2 else None, today)
        start = nearest_year(int(day1), month1, int(year1) if year1 else None, today)
        if start is not None and end is not None:
            if start > end and not year1:
                start = start.replace(year=start.year - 1)
            clues += [DateClue(offset + found.start(), "start", start),
                      DateClue(offset + found.start(), "end", end)]  # fmt: skip
            taken.append(found.span())
    for found in _SINGLE.finditer(sentence) if months else ():
        if any(s <= found.start() < e for s, e in taken):
            continue
        year = found.group("y")
        date = nearest_year(
            int(found.group("d")), MONTHS[found.group("m").rstrip(".")],
            int(year) if year else None, today,
        )  # fmt: skip
        if date is None or _DATE_OF_A_VOTE.match(sentence, found.end()):
            continue
        if not year and date < today and _FUTURE.search(sentence, 0, found.start()):
            # "The next meeting is scheduled for 12 March", said in June: next March.
            date = nearest_year(date.day, date.month, today.year + 1, today) or date
        prep = found.group("prep")
        role: str | None
        if prep in ("until", "till", "to", "by"):
            role = "end"
        elif prep in ("from", "since"):
            role = "start"
        else:
            role = _role_by_verb(sentence, found.start(), told)
        if role is not None:
            clues.append(DateClue(offset + found.start(), role, date))
    paired: tuple[int, dt.date] | None = None  # the first day of "on Monday and Tuesday"
    for index, (pos, word) in enumerate(day_words):
        local = pos - offset
        before = sentence[max(0, local - 7) : local]
        if word == "weekend":
            clues += _weekend(sentence, local, pos, today)
            continue
        future = (
            bool(_FUTURE.search(sentence, 0, local))
            or word == "tomorrow"
            or bool(_PRESENT_TENSE.search(sentence, max(0, local - 40), local))
        )
        date = resolve_day(word, today, future=future)
        if paired is not None:
            if paired[1] <= date:
                clues += [DateClue(paired[0], "start", paired[1]), DateClue(pos, "end", date)]
            paired = None
            continue
        following = day_words[index + 1] if index + 1 < len(day_words) else None
        if (
            following is not None
            and sentence[local + len(word) : following[0] - offset] in _DAY_JOINERS
        ):
            paired = (pos, date)
            continue
        if before.endswith(("until ", "till ")):
            clues.append(DateClue(pos, "end", date, weekday=word.capitalize() in WEEKDAYS))
            continue
        role = _role_by_verb(sentence, local, told)
        if role is not None:
            clues.append(DateClue(pos, role, date))
    return clues


# What joins two days of one event: "on Monday and Tuesday", "from Monday to Wednesday".
_DAY_JOINERS = frozenset({" and ", " to ", " until ", " through ", "-", "–", " – ", " - "})


def _weekend(sentence: str, local: int, pos: int, today: dt.date) -> list[DateClue]:
    """ "over the weekend", "this weekend": the Saturday and Sunday before the dateline in
    the past tense, after it in the future; "weekend" in other phrases dates nothing."""
    lead = sentence[max(0, local - 9) : local]
    if not lead.endswith(("the ", "this ", "last ", "next ")):
        return []
    future = bool(_FUTURE.search(sentence, 0, local)) or lead.endswith("next ")
    saturday = resolve_day("saturday", today, future=future)
    if not future and today.weekday() == 5:  # written on a Saturday: the weekend before
        saturday -= dt.timedelta(days=7)
    sunday = saturday + dt.timedelta(days=1)
    return [DateClue(pos, "start", saturday), DateClue(pos, "end", sunday)]


def is_future(sentence: str) -> bool:
    """Whether the sentence speaks of what is to come ("will", "next", "is due to")."""
    return bool(_FUTURE.search(sentence))
