"""Small text tools shared by the extractors: words, names, sentences, numbers.

Every extractor works on character offsets into the body, so these helpers take a position
and answer about the text around it instead of cutting the body into tokens first: bodies
run to thousands of words, and only the few places the gazetteer points at need reading.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

import ahocorasick  # a C extension without type stubs (see the mypy overrides)

from ..reading.dates import english_months
from .words import word_set

# Every upper-case letter Python knows in the Latin, Greek and Cyrillic blocks, as one regex
# class: `[A-Z]` alone would miss names such as "Şahin", "Łukasz" or "Čović".
UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x41, 0x530) if chr(c).isupper()) + "]"
_LETTER = r"[^\W\d_]"

# A name word: an upper-case letter, then letters; a hyphen joins parts ("Sun-hee"); an
# apostrophe joins only before a capital ("O'Brien"), so "Ekström's" stops before the "'s".
NAME_WORD = rf"{UPPER}{_LETTER}*(?:(?:-|['’](?={UPPER})){_LETTER}+)*"
PARTICLES = word_set("name_particles")
# Longest first and whole words: "der" in "van der Stoel" is no "de", "del" of "delegation" none.
PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=lambda p: (-len(p), p))) + r")\b"
# A particle joined to the name word after it is part of that word: "al-Hamdan", "el-Sisi".
NAME_WORDS = re.compile(rf"{NAME_WORD}|{PARTICLE}(?:[-'’]{NAME_WORD})?")

# A sentence's last characters: the full stop (or ? !) and closing marks, before a space.
# (A character class first: Python's `re` then skips to candidates in C.)
_SENTENCE_STOP = re.compile(r"[.!?][.!?\"”’»)]*(?=[ \t]+\S)")
_STOP_OR_BREAK = re.compile(rf"{_SENTENCE_STOP.pattern}|\n")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
NUMBER_WORD = (
    r"(?:(?:[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen"
    r"|[Ee]ighteen|[Nn]ineteen)"
)

# English month names (`September`, `Sept`, `Sep`) from the one CLDR month table, which
# reading datelines uses too (`make months`).
MONTHS = english_months()
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A month's full name is its longest ("May" is also its own abbreviation); the others are
# abbreviations, written with a full stop that does not end a sentence ("Sept. 2019").
FULL_MONTHS = tuple(
    max((name for name, n in MONTHS.items() if n == number), key=len) for number in range(1, 13)
)
MONTH_ABBREVIATIONS = tuple(sorted(set(MONTHS) - set(FULL_MONTHS)))
ABBREVIATIONS = word_set("abbreviations") | set(MONTH_ABBREVIATIONS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def split_words(text: str) -> tuple[str, ...]:
    """The words of a word list written as one string (lists of cue words read better so)."""
    return tuple(text.split())


def number_value(word: str) -> int | None:
    """The value of "150", "1,000", "five" or "Twenty-four"; None for anything else."""
    cleaned = word.replace(",", "")
    if cleaned.isdigit():
        return int(cleaned)
    total = 0
    for part in word.lower().split("-"):
        value = NUMBER_WORDS.get(part)
        if value is None:
            return None
        total += value
    return total


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def starts_word(text: str, start: int) -> bool:
    """No letter or digit right before `start`."""
    return start == 0 or not is_word_char(text[start - 1])


def ends_word(text: str, end: int) -> bool:
    """No letter or digit right at `end`."""
    return end >= len(text) or not is_word_char(text[end])


def previous_word(text: str, pos: int) -> tuple[int, str]:
    """The word ending right before `pos` (one space between), with its start; "" if none.

    Punctuation stays on the word ("Office,") so a caller sees where a phrase ends.
    """
    if pos < 2 or text[pos - 1] != " ":
        return pos, ""
    start = word_start(text, pos - 1)
    return start, text[start : pos - 1]


def word_start(text: str, end: int) -> int:
    """Where the word that ends at `end` starts: after the last space or line break before
    it. (The line break is looked for after the space only: looking back to the last line
    break of a body written as one long line read the whole body for every word.)"""
    space = text.rfind(" ", 0, end)
    return max(space, text.rfind("\n", space + 1, end)) + 1


def occurrences(text: str, needles: Iterable[str]) -> dict[str, list[int]]:
    """Where each needle occurs in the text (every start, overlapping ones too, in order),
    in one pass over the text: a `find` loop for each of a long body's many names read the
    body once per name."""
    found: dict[str, list[int]] = {needle: [] for needle in needles if needle}
    if found:
        automaton = ahocorasick.Automaton()
        for needle in found:
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        for last, needle in automaton.iter(text):
            found[needle].append(last - len(needle) + 1)
    return found


class Sentences:
    """Sentence bounds of one body, found on demand around the positions asked about (most
    of a body is never asked about). A full stop after an abbreviation ("Dr.", "No.") or an
    initial ("J.") ends no sentence; a line break always does."""

    def __init__(self, text: str) -> None:
        self.text = text
        # The sentences found so far, by start, for a lookup in log time: an event named in
        # each of 50,000 sentences asks about each of them, and a walk through those found
        # before made a 9 MB body take over 12 minutes.
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []  # the sentence at each start

    def around(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `pos`."""
        starts = self._starts
        index = bisect_right(starts, pos)
        if index:
            span = self._spans[index - 1]
            if pos < span[1]:
                return span
        text = self.text
        start = self._start(pos)
        while start < pos and text[start] in " \t":
            start += 1
        end = len(text)
        for found in _STOP_OR_BREAK.finditer(text, pos):
            if found.group() == "\n":
                end = found.start()
                break
            if _ends_sentence(text, found.start()):
                end = found.end()
                break
        span = (start, end)
        index = bisect_left(starts, start)
        if index == len(starts) or starts[index] != start:  # the first found there stays
            starts.insert(index, start)
            self._spans.insert(index, span)
        return span

    def _start(self, pos: int) -> int:
        """Where the sentence holding `pos` starts: after the last stop before it in its
        line, looked for in a short stretch first (most sentences are short), then in
        stretches four times as long (so a long sentence costs its length, not the line's)."""
        text = self.text
        line_end = text.find("\n", pos, pos + 8)
        stop_by = line_end if line_end >= 0 else pos + 8
        width = 200
        while True:
            low = max(0, pos - width)
            line_break = text.rfind("\n", low, pos)
            low = max(low, line_break + 1)
            # The last stop that ends a sentence, asked of the last stops first (whether a
            # full stop ends an abbreviation is the costly question).
            stops = list(_SENTENCE_STOP.finditer(text, low, stop_by))
            for found in reversed(stops):
                if found.end() <= pos and _ends_sentence(text, found.start()):
                    return found.end()
            if line_break >= 0 or low == 0:
                return low
            width *= 4

    def after(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The next sentence in the same paragraph, if any."""
        text = self.text
        pos = span[1]
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text) or text[pos] == "\n":
            return None
        return self.around(pos)


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the stop at `stop` ends a sentence: not the full stop of an abbreviation."""
    short = text.find(" ", max(0, stop - 6), stop) >= 0  # only short words abbreviate
    return not (text[stop] == "." and short and _after_abbreviation(text, stop))


def _after_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation or an initial."""
    space = text.rfind(" ", 0, stop)
    token = text[space + 1 : stop].lstrip('("“«\n')
    return token in ABBREVIATIONS or (len(token) == 1 and token.isupper())


class Cover:
    """Spans (quotes, posts, names) asked whether one of them contains or overlaps a range.

    In log time: a body of 40,000 words had 4,000 mentions, and comparing each with every
    span took 20 s.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each
        furthest = -1
        for _, end in self.spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def contains(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start)
        return index > 0 and self.reach[index - 1] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with [start, end)."""
        index = bisect_left(self.starts, end)
        return index > 0 and self.reach[index - 1] > start

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that share a character with [start, end), in order."""
        found: list[tuple[int, int]] = []
        index = bisect_left(self.starts, end) - 1
        while index >= 0 and self.reach[index] > start:
            if self.spans[index][1] > start:
                found.append(self.spans[index])
            index -= 1
        found.reverse()
        return found


class Taken:
    """Spans that do not overlap, added one by one, asked whether a range overlaps one.

    A mark per character of the text: a sorted list of spans paid for each span added in
    the middle with a shift of all after it (a long body's many names made that the square
    of their number); names are short, so marking and asking cost their length.
    """

    def __init__(self, size: int) -> None:
        self.marks = bytearray(size)

    def overlaps(self, start: int, end: int) -> bool:
        return self.marks.find(1, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        self.marks[start:end] = b"\x01" * (end - start)
