"""Slugs: safe file names and IRI segments, distinct for titles that share a long beginning."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from osce_rdf.identity.slugs import MAX_LENGTH, SLUG_PATTERN, slugify


@given(st.text(max_size=300))
def test_slugs_are_safe_file_names(text: str) -> None:
    slug = slugify(text)
    assert re.match(SLUG_PATTERN, slug)
    assert len(slug) <= MAX_LENGTH
    assert slug not in {"con", "prn", "aux", "nul", "com1", "lpt1"}


def test_long_titles_that_share_a_beginning_get_different_slugs() -> None:
    start = "OSCE Mission to Bosnia and Herzegovina supports the reform of the judiciary in the entities and "
    a, b = slugify(start + "Brcko District"), slugify(start + "the cantons")
    assert a != b
    assert len(a) <= MAX_LENGTH


def test_examples() -> None:
    assert slugify("Türkiye") == "turkiye"
    assert slugify("Chișinău") == "chisinau"
    assert slugify("Cyber/ICT Security") == "cyber-ict-security"
    assert slugify("NUL") == "nul-x"
    assert slugify("Ukraine's future") == "ukraines-future"
