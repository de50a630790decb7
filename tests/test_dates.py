"""Dates as pages write them: forms, month names in the OSCE area's languages, impossible days."""

from __future__ import annotations

import datetime as dt

import pytest

from osce_rdf.reading.dates import DateError, PartialDate, month_number, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 July 2008", (2008, 7, 17)),
        ("17 October, 2000", (2000, 10, 17)),
        ("July 17, 2008", (2008, 7, 17)),
        ("1st June 2010", (2010, 6, 1)),
        ("2008-07-17", (2008, 7, 17)),
        ("17.07.2008", (2008, 7, 17)),
        ("Monday, 3 May 2010", (2010, 5, 3)),
        ("6 October 2020.", (2020, 10, 6)),
        ("27 aprilie 2013", (2013, 4, 27)),
        ("12 mai 2014", (2014, 5, 12)),
        ("15 июня 2016", (2016, 6, 15)),
        ("15 июня 2016 г.", (2016, 6, 15)),
        ("3 Dezember 2019", (2019, 12, 3)),
        ("9 listopad 2005", (2005, 10, 9)),  # Croatian before Polish: see dates.LANGUAGES
        ("12 July", (None, 7, 12)),
    ],
)
def test_date_forms(text: str, expected: tuple[int | None, int, int]) -> None:
    found = parse_date(text)
    assert found is not None
    assert (found.year, found.month, found.day) == expected


@pytest.mark.parametrize(
    "text", ["31 February 2010", "30 February 2015", "32 May 2016", "29 February 2011", "31 April"]
)
def test_impossible_dates_raise(text: str) -> None:
    with pytest.raises(DateError, match="not a real calendar date"):
        parse_date(text)


@pytest.mark.parametrize("text", ["VIENNA", "Fields of work", "12 Foo 2010", "", "OSCE 2010"])
def test_non_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


def test_month_names_fold_diacritics() -> None:
    assert month_number("décembre") == 12
    assert month_number("decembre") == 12
    assert month_number("Sept.") == 9


def test_missing_year_comes_from_reference_date() -> None:
    assert PartialDate(None, 7, 12, "12 July").resolve(dt.date(2024, 7, 12)) == dt.date(2024, 7, 12)
    # A dateline of 30 December on an item published on 2 January is from the year before.
    assert PartialDate(None, 12, 30, "30 December").resolve(dt.date(2011, 1, 2)) == dt.date(
        2010, 12, 30
    )
    assert PartialDate(None, 7, 12, "12 July").resolve(None) is None


def test_leap_day_without_year_checked_against_the_resolved_year() -> None:
    partial = parse_date("29 February")
    assert partial is not None
    assert partial.resolve(dt.date(2012, 3, 1)) == dt.date(2012, 2, 29)
    with pytest.raises(DateError):
        partial.resolve(dt.date(2011, 3, 1))


def test_month_table_is_generated_from_cldr() -> None:
    """`make months` regenerates the file; this fails when it was not run after a change."""
    import json

    from osce_rdf.reading.dates import MONTHS_FILE, month_table

    assert json.loads(MONTHS_FILE.read_text(encoding="utf-8")) == month_table()


def test_enrichment_finds_the_english_months_datelines_read() -> None:
    """One CLDR table: every English name the enrichment looks for reads as the same month
    in a dateline, British `Sept` included."""
    from osce_rdf.enrich.text import MONTHS

    assert {MONTHS[name] for name in ("September", "Sept", "Sep")} == {9}
    assert len(set(MONTHS.values())) == 12
    for name, number in MONTHS.items():
        assert month_number(name) == number
        assert parse_date(f"3 {name}. 2014") == PartialDate(2014, number, 3, f"3 {name}. 2014")
