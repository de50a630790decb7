"""The enrichment's vocabulary, read from `words.toml` once, when the rules are imported.

Open-class word lists (nouns, verbs, adjectives, names and phrases made of them) grow as the
rules meet more text, so they are data, not code: a word is added to the file, and every
rule that reads the list sees it. Closed-class words (articles, pronouns, prepositions,
conjunctions, auxiliaries), the calendar and numerals stay beside the rule that tests them
(docs/decisions/0027).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

__all__ = ["table", "word_set", "words"]

with Path(__file__).with_name("words.toml").open("rb") as _file:
    _WORDS = tomllib.load(_file)


def words(name: str) -> tuple[str, ...]:
    """A list of `words.toml`, in its order (where the order matters: longest phrases first)."""
    return tuple(_WORDS[name])


def word_set(name: str) -> frozenset[str]:
    """A list of `words.toml`, for lookups."""
    return frozenset(_WORDS[name])


def table(name: str) -> dict[str, tuple[str, ...]]:
    """A table of lists of `words.toml`: `event_verbs`, by the role each list's verbs give."""
    return {key: tuple(values) for key, values in _WORDS[name].items()}
