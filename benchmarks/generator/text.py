"""Random choices and small text helpers shared by the generator's modules.

The generator makes millions of choices, so `pick`, `between` and `weighted` replace
`random`'s slower equivalents; each takes exactly one `rng.random()`, which is what keeps the
corpus a function of its seed as long as the order of the calls stays the same.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import TypeVar

from benchmarks.generator import vocabulary as vocab

T = TypeVar("T")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_AFFIXES = re.compile(r"^(?:the\s+)?(?:osce\s+|csce\s+)?(?:the\s+)?|\s*\((?:closed|osce)\)$")
_PLACEISH = re.compile(r"^[^\W\d_][\w'’.\- ]*$")
_PARTICLES = frozenset({"de", "del", "di", "la", "le", "na", "am", "an", "der", "upon", "on", "i"})


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """`rng.choice`, about six times faster."""
    return options[int(rng.random() * len(options))]


def between(rng: random.Random, low: int, high: int) -> int:
    """`rng.randint`, faster (see `pick`)."""
    return low + int(rng.random() * (high - low + 1))


def draw(rng: random.Random, pool: list[T]) -> T:
    """Take a random element out of `pool`, so that a page never repeats a sentence."""
    return pool.pop(int(rng.random() * len(pool)))


@cache
def _cumulative(choices: vocab.Weights) -> tuple[list[str], list[float]]:
    values = [value for value, _ in choices]
    return values, list(itertools.accumulate(weight for _, weight in choices))


def weighted(rng: random.Random, choices: vocab.Weights) -> str:
    """One value from (value, weight) pairs."""
    values, cumulative = _cumulative(choices)
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def article(phrase: str) -> str:
    """`a` or `an` before a phrase, by its sound (near enough for the words used here)."""
    lower = phrase.lower()
    if lower.startswith(("one-", "euro", "ukr", "uni", "use")):
        return "a"
    if lower.startswith(("eight", "eleven", "hour", "uzb")):
        return "an"
    return "an" if lower[:1] in ("a", "e", "i", "o", "u") else "a"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fold_name(name: str) -> str:
    """A strict identity key: ASCII letters and digits only, without a leading OSCE or the.

    Stricter than the toolkit's own match key and slug (it folds more: letters without an
    ASCII base are dropped), so names this key tells apart are told apart by the toolkit too.
    """
    text = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("", _AFFIXES.sub("", text.strip()))


@cache
def slug(text: str, limit: int = 40) -> str:
    """A short ASCII slug for file names."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    cut = _NON_ALNUM.sub("-", ascii_text).strip("-")[:limit].strip("-")
    return cut or "page"


def format_date(day: dt.date, style: str = "dmy") -> str:
    """`day` in one of the styles of vocab.DATE_FORMATS (17 July 2008, 17.07.2008, ...)."""
    month = vocab.MONTHS[day.month - 1]
    text = vocab.DATE_FORMATS[style]
    return text.format(day=day.day, month=month, number=day.month, year=day.year)


def placeish(name: str) -> bool:
    """Whether the parser would read `name` as a dateline place (osce_rdf/reading/datelines.py)."""
    if len(name) > 40 or not _PLACEISH.match(name) or "," in name:
        return False
    words = name.replace("-", " ").split()
    return 0 < len(words) <= 4 and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
