"""Saved pages -> records: the sample pages' facts, listing pages, and malformed pages as errors."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osce_rdf.errors import PageError
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.reading.pages import (
    SavedPage,
    find_pages,
    parse_page,
    read_page,
    recorded_paths,
    relative_path,
)
from osce_rdf.reading.records import Item, PageKind
from osce_rdf.reading.reference_check import check_navigation
from osce_rdf.reference import Reference

from .conftest import FIXTURES, SEED

BAD = FIXTURES / "bad_pages"


@pytest.fixture(scope="module")
def read_items(pipeline: Pipeline) -> dict[tuple[str, int], Item]:
    items: dict[tuple[str, int], Item] = {}
    for file, root in find_pages([PAGES_DIR]):
        page = read_page(file, root, content_types=pipeline.content_types)
        assert page.problems == ()
        for item in page.items:
            items[(item.origin.path, item.origin.line)] = item
    return items


def test_seed_gives_the_expected_facts(pipeline: Pipeline) -> None:
    page = read_page(SEED, PAGES_DIR, content_types=pipeline.content_types)
    assert page.kind is PageKind.ITEM
    (item,) = page.items
    assert (
        item.title
        == "International co-operation to fight drug trafficking focus of OSCE experts meeting"
    )
    assert item.content_type == "Press release"
    assert item.date_published == dt.date(2008, 7, 17)
    assert item.dateline is not None
    assert item.dateline.text == "VIENNA, 17 July 2008"
    assert item.dateline.places == ("VIENNA",)
    assert item.meta_places == ("VIENNA",)
    assert item.sources == ("OSCE Secretariat",)
    assert item.fields == ("Policing",)
    assert len(item.body) == 8
    assert item.origin.line == 153


def test_every_sample_item_matches_its_expectations(
    read_items: dict[tuple[str, int], Item], expected_items: list[dict[str, Any]]
) -> None:
    assert len(read_items) == len(expected_items)
    for expected in expected_items:
        item = read_items[(expected["page"], expected["line"])]
        dateline = item.dateline
        found = {
            "title": item.title,
            "content_type": item.content_type or "",
            "date_published": item.date_published.isoformat(),
            "dateline": dateline.text if dateline else "",
            "dateline_date": dateline.date.isoformat() if dateline and dateline.date else "",
            "places": list(dateline.places) if dateline else [],
            "place_country": (dateline.country or "") if dateline else "",
            "meta_places": list(item.meta_places),
            "sources": list(item.sources),
            "organizers": list(item.organizers),
            "fields": list(item.fields),
            "truncated": item.truncated,
        }
        wanted = {key: expected[key] for key in found}
        assert found == wanted, f"{expected['page']}:{expected['line']}"


def test_sample_covers_listing_pages(read_items: dict[tuple[str, int], Item]) -> None:
    listings = {
        path for (path, _), item in read_items.items() if item.page_kind is PageKind.LISTING
    }
    assert len(listings) >= 3


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("empty.txt", 1, "empty page"),
        ("binary.txt", 3, "binary data"),
        ("latin1.txt", 2, "not valid UTF-8 (byte 0xE8"),
        ("html.txt", 1, "an HTML document"),
        ("no_title.txt", 17, "no title"),
        ("impossible_date.txt", 25, "'31 February 2010' is not a real calendar date"),
        ("impossible_date_meta.txt", 19, "'30 February 2015' is not a real calendar date"),
    ],
)
def test_malformed_pages_give_clear_errors(
    name: str, line: int, message: str, pipeline: Pipeline
) -> None:
    with pytest.raises(PageError) as raised:
        read_page(BAD / name, BAD, content_types=pipeline.content_types)
    assert raised.value.path == name
    assert raised.value.line == line
    assert message in raised.value.message
    assert str(raised.value).startswith(f"{name}:{line}: error: ")


def test_saved_page_keeps_the_size_and_time_of_the_bytes_it_read() -> None:
    saved = SavedPage.read(SEED, "seed.txt")
    found = SEED.stat()
    assert saved.data == SEED.read_bytes()
    assert (saved.size, saved.mtime_ns) == (found.st_size, found.st_mtime_ns)


def test_a_page_gone_before_it_is_read_is_one_error_in_every_reader(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    gone = tmp_path / "gone.txt"
    with pytest.raises(PageError) as raised:
        read_page(gone, tmp_path)
    assert str(raised.value) == "gone.txt: error: cannot read: No such file or directory"
    (output,) = pipeline.process([(gone, tmp_path)])
    assert [str(p) for p in output.problems] == [str(raised.value)]


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "latin1.txt", "html.txt"])
def test_build_and_reference_check_refuse_a_bad_page_alike(
    name: str, pipeline: Pipeline, reference: Reference
) -> None:
    """The build and `reference check` read pages through the one reader: same error."""
    (built,) = pipeline.process([(BAD / name, BAD)])
    _, errors = check_navigation([BAD / name], reference)
    assert [(e.line, e.message) for e in errors] == [(p.line, p.message) for p in built.problems]
    assert len(errors) == 1


def test_listing_keeps_good_entries_and_reports_the_bad_one() -> None:
    page = read_page(BAD / "listing_one_bad.txt", BAD)
    assert page.kind is PageKind.LISTING
    assert len(page.items) == 2
    (problem,) = page.problems
    assert (problem.line, problem.message) == (8, "'32 May 2016' is not a real calendar date")


def test_metadata_variants() -> None:
    text = "\n".join([
        "Statement", "Title of the statement",
        "Issued on: 12 March 2012", "Issued by:", "- OSCE Secretariat", "- ODIHR",
        "Location: Vienna", "- Organized by: OSCE Mission to Skopje", "Fields of work:",
        "- Elections", "- Human rights",
        "The Mission welcomed the law.",
    ])  # fmt: skip
    (item,) = parse_page(text, "x.txt").items
    assert item.content_type == "Statement"
    assert item.title == "Title of the statement"
    assert item.date_published == dt.date(2012, 3, 12)
    assert item.sources == ("OSCE Secretariat", "ODIHR")
    assert item.meta_places == ("Vienna",)
    assert item.organizers == ("OSCE Mission to Skopje",)
    assert item.fields == ("Elections", "Human rights")
    assert item.dateline is None


def test_content_type_after_the_title_is_recognised() -> None:
    text = "OSCE opens office\nNews item\n- Date:\n- 1 June 2001\nThe office opened."
    (item,) = parse_page(text, "x.txt", content_types={"news item"}).items
    assert (item.title, item.content_type) == ("OSCE opens office", "News item")


def test_the_blocks_after_the_text_are_not_body() -> None:
    text = (
        "Press release\nTitle\n- Date: 1 June 2001\nThe office opened.\nIt has 12 staff.\n"
        "Contacts\nJane Doe\nSpokesperson\npress@osce.org\nRelated content\nOther news\n"
    )
    (item,) = parse_page(text, "x.txt").items
    assert item.article_body == "The office opened.\n\nIt has 12 staff."


def test_empty_date_is_filled_from_the_dateline_and_year_from_date() -> None:
    text = "Press release\nTitle\n- Date:\nVIENNA, 17 July 2008 - Text."
    (item,) = parse_page(text, "x.txt").items
    assert item.date_published == dt.date(2008, 7, 17)
    text = "Press release\nTitle\n- Date: 13 July 2024\nVALLETTA/VIENNA, 12 July – Text."
    (item,) = parse_page(text, "x.txt").items
    assert item.dateline is not None and item.dateline.date == dt.date(2024, 7, 12)
    assert item.date_published == dt.date(2024, 7, 13)


def test_no_date_anywhere_is_an_error() -> None:
    with pytest.raises(PageError, match="no date"):
        parse_page("Press release\nTitle\nThe text has no dateline.", "x.txt")


def test_navigation_only_page_is_an_error() -> None:
    with pytest.raises(PageError, match="only navigation"):
        parse_page("-\nFields of work\n- Policing\n", "x.txt")


def test_windows_newlines_and_bom_are_read(tmp_path: Path) -> None:
    page = tmp_path / "crlf.txt"
    page.write_bytes(
        "\ufeffPress release\r\nTitle\r\n- Date:\r\n- 2 May 2003\r\nBody.\r\n".encode()
    )
    (item,) = read_page(page, tmp_path).items
    assert (item.title, item.date_published) == ("Title", dt.date(2003, 5, 2))


def test_page_errors_survive_the_trip_between_processes() -> None:
    import pickle

    error = PageError("a.txt", 3, "binary data")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.path, copy.line, copy.message) == (
        PageError,
        "a.txt",
        3,
        "binary data",
    )


def test_long_title_ending_with_a_full_stop_is_still_the_title() -> None:
    title = (
        "Head of the ODIHR Election Observation Mission welcomes the entry into force of a law "
        "on the protection of victims of trafficking in the U.S."
    )
    text = f"Press release\n{title}\n- Date: 3 May 2010\nVIENNA, 3 May 2010 - Text."
    (item,) = parse_page(text, "x.txt", content_types={"press release"}).items
    assert item.title == title


def test_country_qualifier_with_lower_case_words() -> None:
    text = "Title\n- Date:\nBANJA LUKA, Bosnia and Herzegovina, 5 May 2010 – Text."
    (item,) = parse_page(text, "x.txt").items
    assert item.dateline is not None
    assert (item.dateline.places, item.dateline.country) == (
        ("BANJA LUKA",),
        "Bosnia and Herzegovina",
    )
    assert item.date_published == dt.date(2010, 5, 5)


def test_french_ordinal_day() -> None:
    (item,) = parse_page("Titre\n- Date:\nVIENNE, 1er mai 2014 – Texte.", "x.txt").items
    assert item.date_published == dt.date(2014, 5, 1)


def test_listing_entry_without_a_title_is_reported_at_its_own_line() -> None:
    text = "\n".join([
        "First title", "Publishing date: 3 March 2015", "VIENNA, 3 March 2015 – The first teaser text.",
        "Publishing date: 4 March 2015", "VIENNA, 4 March 2015 – The second teaser.",
    ])  # fmt: skip
    page = parse_page(text, "x.txt")
    (item,) = page.items
    assert (item.title, item.body) == (
        "First title",
        ("VIENNA, 3 March 2015 – The first teaser text.",),
    )
    (problem,) = page.problems
    assert (problem.line, problem.message.split(":")[0]) == (4, "no title")


# Lines a saved page is made of, good and bad: navigation, titles, labels, datelines, bodies.
FRAGMENTS = [
    "-",
    "- Home",
    "- Newsroom",
    "Newsroom",
    "",
    "  ",
    "Press release",
    "News item",
    "Title of the thing",
    "Date: 2008-07-17",
    "Date: 17 July",
    "Date: nonsense",
    "Date:",
    "Place: Vienna",
    "Publishing date: 17 July 2008",
    "Publishing date:",
    "VIENNA, 17 July 2008 - The OSCE said.",
    "VIENNA - text",
    "Body text.",
    "...",
]


def test_no_title_above_the_first_publishing_date_is_its_line_not_line_0() -> None:
    page = parse_page("Publishing date: 17 July 2008\nVIENNA, 17 July 2008 - Text.\n", "p.txt")
    assert [str(problem) for problem in page.problems] == [
        "p.txt:1: error: no title: expected the item's title here"
    ]


@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=9))
@settings(max_examples=3000, deadline=None)
def test_every_problem_names_a_line_of_the_page(lines: list[str]) -> None:
    """Never line 0, never past the end: whatever the page, the line exists."""
    text = "\n".join(lines)
    try:
        page = parse_page(text, "p.txt")
    except PageError as error:
        problems: list[PageError] = [error]
        origins: list[int] = []
    else:
        problems = list(page.problems)
        origins = [item.origin.line for item in page.items]
    for line in [problem.line for problem in problems if problem.line is not None] + origins:
        assert 1 <= line <= len(lines), text


def test_recorded_paths_name_pages_as_relative_path_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's map from recorded page paths to openable ones, made with strings, gives what
    pathlib gives, however the input was typed (the folder ".", "..", a file alone)."""
    samples = sorted(PAGES_DIR.glob("*.txt"))[:3]
    for folder, sample in zip(("a", "a/b", "c"), samples, strict=True):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(sample, tmp_path / folder / sample.name)
    monkeypatch.chdir(tmp_path)
    typed = [
        [Path()],
        [tmp_path],
        [Path()],
        [Path("a/../a/b"), Path("c")],
        [Path("./a") / samples[0].name],
    ]
    for paths in typed:
        expected = {relative_path(file, root): str(file) for file, root in find_pages(paths)}
        assert expected, paths
        assert recorded_paths(paths) == expected, paths
