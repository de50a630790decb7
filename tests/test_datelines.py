"""Datelines: every form of 1995-2025 found at the start of a body, and what is not one."""

from __future__ import annotations

import pytest

from osce_rdf.reading.datelines import find_dateline
from osce_rdf.reading.dates import DateError

CASES = [
    # paragraph, dateline text, places, country, (y, m, d) or None, start of the body
    (
        "VIENNA, 17 July 2008 - How it",
        "VIENNA, 17 July 2008",
        ("VIENNA",),
        None,
        (2008, 7, 17),
        "How",
    ),
    (
        "VIENNA/TIRANA, 9 October 2020 – The",
        "VIENNA/TIRANA, 9 October 2020",
        ("VIENNA", "TIRANA"),
        None,
        (2020, 10, 9),
        "The",
    ),
    (
        "TIRANA / BRUSSELS / GENEVA – 6 October 2020. The EU",
        "TIRANA / BRUSSELS / GENEVA – 6 October 2020",
        ("TIRANA", "BRUSSELS", "GENEVA"),
        None,
        (2020, 10, 6),
        "The EU",
    ),
    (
        "VALLETTA/VIENNA, 12 July – The",
        "VALLETTA/VIENNA, 12 July",
        ("VALLETTA", "VIENNA"),
        None,
        (None, 7, 12),
        "The",
    ),
    (
        "OSH, Kyrgyzstan, 5 May 2010 – Police",
        "OSH, Kyrgyzstan, 5 May 2010",
        ("OSH",),
        "Kyrgyzstan",
        (2010, 5, 5),
        "Police",
    ),
    (
        "12 June 2025, Sarajevo – The",
        "12 June 2025, Sarajevo",
        ("Sarajevo",),
        None,
        (2025, 6, 12),
        "The",
    ),
    (
        "CHIȘINĂU, 27 aprilie 2013 - Young",
        "CHIȘINĂU, 27 aprilie 2013",
        ("CHIȘINĂU",),
        None,
        (2013, 4, 27),
        "Young",
    ),
    (
        "VIENNA, 3 May 2001 (OSCE) -- The",
        "VIENNA, 3 May 2001 (OSCE)",
        ("VIENNA",),
        None,
        (2001, 5, 3),
        "The",
    ),
    (
        "Sarajevo, 3 March 2011—The",
        "Sarajevo, 3 March 2011",
        ("Sarajevo",),
        None,
        (2011, 3, 3),
        "The",
    ),
    (
        "VIENNA, 17 October, 2000 -The",
        "VIENNA, 17 October, 2000",
        ("VIENNA",),
        None,
        (2000, 10, 17),
        "The",
    ),
    ("PRIŠTINA, 4 June 2004 — A", "PRIŠTINA, 4 June 2004", ("PRIŠTINA",), None, (2004, 6, 4), "A"),
    (
        "BANJA LUKA, 2 May 2003 - x",
        "BANJA LUKA, 2 May 2003",
        ("BANJA LUKA",),
        None,
        (2003, 5, 2),
        "x",
    ),
    (
        "BISHKEK, 15 июня 2016 г. – x",
        "BISHKEK, 15 июня 2016 г.",
        ("BISHKEK",),
        None,
        (2016, 6, 15),
        "x",
    ),
    ("VIENNA - The OSCE", "VIENNA", ("VIENNA",), None, None, "The"),
    (
        "TBILISI (Georgia), 5 May 2006 - The",
        "TBILISI (Georgia), 5 May 2006",
        ("TBILISI",),
        "Georgia",
        (2006, 5, 5),
        "The",
    ),
    (
        "BISHKEK (OSCE), 3 March 2001 - The",
        "BISHKEK (OSCE), 3 March 2001",
        ("BISHKEK",),
        None,
        (2001, 3, 3),
        "The",
    ),
    (
        "Dushanbe 12 June 2008 - The",
        "Dushanbe 12 June 2008",
        ("Dushanbe",),
        None,
        (2008, 6, 12),
        "The",
    ),
    (
        "NEW YORK 12 June 2008 – The",
        "NEW YORK 12 June 2008",
        ("NEW YORK",),
        None,
        (2008, 6, 12),
        "The",
    ),
    (
        "THE HAGUE, 9 June 1998 – The",
        "THE HAGUE, 9 June 1998",
        ("THE HAGUE",),
        None,
        (1998, 6, 9),
        "The",
    ),
]


@pytest.mark.parametrize(("paragraph", "text", "places", "country", "date", "body"), CASES)
def test_dateline_forms(
    paragraph: str, text: str, places: tuple[str, ...], country: str | None,
    date: tuple[int | None, int, int] | None, body: str,
) -> None:  # fmt: skip
    found = find_dateline(paragraph)
    assert found is not None
    assert found.text == text
    assert found.places == places
    assert found.country == country
    if date is None:
        assert found.date is None
    else:
        assert found.date is not None
        assert (found.date.year, found.date.month, found.date.day) == date
    assert paragraph[found.body_start :].startswith(body)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Mission - together with the Ministry - opened a centre.",
        "The OSCE Chairperson-in-Office - said the statement - welcomed it.",
        "Vienna - the OSCE",  # title case without a date is ordinary text
        "OSCE - a security organization",
        "Co-operation between the two sides improved in 2010.",
        "Judges from across the region - some 40 of them - met.",
        "On 12 June 2008 - a Thursday - the Mission opened an office.",
        "Since 1 January 2010 - when the law entered into force - courts have applied it.",
        "Ukraine (and Moldova) - the two States - signed.",
    ],
)
def test_ordinary_text_is_not_a_dateline(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_impossible_dateline_date_raises() -> None:
    with pytest.raises(DateError):
        find_dateline("VIENNA, 31 February 2010 - The")
