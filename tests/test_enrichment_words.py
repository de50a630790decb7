"""The enrichment's word lists live by one rule (docs/decisions/0027): open-class vocabulary
in data files, closed-class words, the calendar and numerals beside the rule that tests them."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import osce_rdf.enrich as enrich_package
from osce_rdf.enrich.words import table, word_set, words

ENRICH = Path(enrich_package.__file__).parent
WORDS_FILE = ENRICH / "words.toml"
# The lists that stay in code: closed classes (articles, determiners, pronouns, auxiliaries,
# prepositions, conjunctions, and the function words that open a sentence), the calendar,
# numerals, and separators that a pattern matches with their spaces and punctuation.
CLOSED_CLASS = {
    "_DAY_JOINERS", "_DETERMINERS", "_VERB_CONTEXT", "_COPULAS", "_LEADING_COUNT",
    "_GOVERNMENTS_OF", "APPOSITIONS", "MONTH_NAMES", "DAY_WORDS", "WEEKDAY_NAMES",
    "_ARTICLES", "_FUNCTION_WORDS", "_PLACE_PREPOSITIONS", "_CONNECTORS", "_POST_OBJECT",
    "_PREPOSITIONS", "_TAIL_STARTS", "_TAIL_WORDS", "_SMALL_WORDS", "NUMBER_WORDS", "MONTHS",
    "WEEKDAYS", "_TIME_OF_AN_EVENT", "_AGENT_PREPOSITIONS", "__all__",
}  # fmt: skip


def _word_lists_in_code() -> dict[str, str]:
    """Every module-level constant of the enrich package that holds three words or more."""
    found: dict[str, str] = {}
    for module in sorted(ENRICH.glob("*.py")):
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
                continue
            if any(
                isinstance(c, ast.Call) and getattr(c.func, "attr", "") == "compile"
                for c in ast.walk(node.value)
            ):
                continue  # a regular expression: grammar, not a list
            texts = [
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            ]
            if sum(word.isalpha() for text in texts for word in text.split()) >= 3:
                found[node.targets[0].id] = module.name
    return found


def test_open_class_word_lists_are_data_not_code() -> None:
    in_code = _word_lists_in_code()
    assert set(in_code) - CLOSED_CLASS == set(), (
        "a word list in code that is not a closed class: move it to osce_rdf/enrich/words.toml"
    )


def test_every_list_of_the_words_file_is_read_and_has_no_repeats() -> None:
    data = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    source = "\n".join(p.read_text(encoding="utf-8") for p in ENRICH.glob("*.py"))
    read = set(re.findall(r'(?:words|word_set|table)\("([a-z_]+)"\)', source))
    assert set(data) == read
    for name, values in data.items():
        lists = values.values() if isinstance(values, dict) else [values]
        for listed in lists:
            assert listed, name
            assert len(listed) == len(set(listed)), f"{name} repeats a word"
            assert all(isinstance(w, str) and w == w.strip() and w for w in listed), name


def test_a_word_added_to_the_file_reaches_the_rules() -> None:
    """What the loader hands the rules is the file's content, in the file's order."""
    data = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    assert words("funding_phrases") == tuple(data["funding_phrases"])
    assert word_set("not_names") == frozenset(data["not_names"])
    assert table("event_verbs")["start"] == tuple(data["event_verbs"]["start"])
