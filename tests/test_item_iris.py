"""Item IRIs: two stories never share one, whatever the order of pages, the batches or the
builds before (docs/decisions/0010-item-iri-disambiguation.md)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from random import Random

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osce_rdf.identity.iris import item_keys, title_id
from osce_rdf.pipeline.build import build
from osce_rdf.pipeline.store import open_store
from osce_rdf.rendering.dumps import OUTPUT_FILES

from .conftest import FIXTURES, output_bytes, single

GOOD = FIXTURES / "bad_pages" / "good.txt"
TITLE = "OSCE Mission to Moldova supports training for local journalists"
SLUG = "2018-09-18-osce-mission-to-moldova-supports-training-for-local-journalists"
ITEM = "https://w3id.org/osce/item/"
HEADLINE = ox.NamedNode("https://schema.org/headline")
# One day, three titles with one slug: they differ in case, punctuation, accents.
TITLES = {
    "a.txt": TITLE,
    "b.txt": "OSCE Mission to Moldova supports training for local Journalists!",
    "c.txt": "OSCE Mission to Moldova süpports training for local journalists",
}


def page(title: str, count: str = "Twenty") -> str:
    text = GOOD.read_text(encoding="utf-8").replace(TITLE, title, 1)
    return text.replace("Twenty journalists", f"{count} journalists")


def write_pages(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def headlines(out: Path) -> dict[str, str]:
    """Each item IRI with its one headline (a second would fail the dict's check)."""
    found: dict[str, str] = {}
    for quad in ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG):
        if quad.predicate == HEADLINE and isinstance(quad.object, ox.Literal):
            assert found.setdefault(quad.subject.value, quad.object.value) == quad.object.value
    return found


def assert_same_as_full(out: Path, pages: Path, full: Path) -> None:
    """A `--full` build into the same folder (a copy: what it knows of replaced IRIs comes
    from the folder's build index) writes what the incremental build wrote."""
    shutil.copytree(out, full, symlinks=True)
    build([pages], full, workers=1, incremental=False)
    for name in OUTPUT_FILES:
        assert output_bytes(out, name) == output_bytes(full, name), name
    assert sorted(map(str, open_store(out).quads_for_pattern(None, None, None))) == sorted(
        map(str, open_store(full).quads_for_pattern(None, None, None))
    )


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_titles_that_differ_only_in_case_punctuation_or_accents_keep_their_own_items(
    tmp_path: Path,
) -> None:
    """Before, all three got one IRI: the second and third were dropped, and the first item
    was validated with their triples (two headlines, two bodies)."""
    pages = write_pages(
        tmp_path / "pages",
        {name: page(title, count) for (name, title), count in zip(TITLES.items(), ["Twenty", "Thirty", "Forty"], strict=True)},
    )  # fmt: skip
    result = build([pages], tmp_path / "out", workers=1)
    assert (result.items, result.violations, result.exit_code) == (3, 0, 0)
    found = headlines(tmp_path / "out")
    assert sorted(found.values()) == sorted(TITLES.values())
    expected = {ITEM + f"{SLUG}-{title_id(title)[:8]}": title for title in TITLES.values()}
    assert found == expected
    assert result.notes == [
        f"{name}:2: warning: the title differs from that of a.txt:2 (same date) only in case, "
        f"punctuation or accents; both are kept, as item:{SLUG}-{title_id(TITLE)[:8]} and "
        f"item:{SLUG}-{title_id(TITLES[name])[:8]}"
        for name in ("b.txt", "c.txt")
    ]


def test_one_title_of_one_day_is_one_item(tmp_path: Path) -> None:
    """The same story saved twice (an item page and a listing's entry) is kept once."""
    pages = write_pages(tmp_path / "pages", {"a.txt": page(TITLE), "b.txt": page(TITLE, "Ten")})
    result = build([pages], tmp_path / "out", workers=1)
    assert result.items == 1
    assert headlines(tmp_path / "out") == {ITEM + SLUG: TITLE}
    assert result.notes == [
        "b.txt:2: warning: the same item (date and title) as a.txt:2; only the first is kept"
    ]


def test_item_iris_depend_neither_on_page_order_nor_on_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [page(title, str(n)) for n, title in enumerate(TITLES.values())]
    one = write_pages(tmp_path / "one", {f"{n}.txt": text for n, text in enumerate(texts)})
    build([one], tmp_path / "out-one", workers=1)
    # each page in a batch of its own (the package's `build` is the function: the module)
    monkeypatch.setattr(sys.modules["osce_rdf.pipeline.build"], "_BATCH", 1)
    other = write_pages(tmp_path / "other", {f"{9 - n}.txt": t for n, t in enumerate(texts)})
    build([other], tmp_path / "out-other", workers=2)
    assert headlines(tmp_path / "out-one") == headlines(tmp_path / "out-other")


@pytest.mark.parametrize("change", ["delete", "retitle", "add"])
def test_incremental_builds_follow_a_changed_collision(tmp_path: Path, change: str) -> None:
    """Before, deleting or retitling the first of two colliding pages made every incremental
    build fail with an AssertionError until --full."""
    pages = write_pages(
        tmp_path / "pages", {"a.txt": page(TITLES["a.txt"]), "b.txt": page(TITLES["b.txt"], "Six")}
    )
    out = tmp_path / "out"
    build([pages], out, workers=1)
    if change == "delete":
        (pages / "a.txt").unlink()
    elif change == "retitle":
        write_pages(pages, {"a.txt": page("OSCE Mission to Moldova trains judges")})
    else:
        write_pages(pages, {"0.txt": page(TITLES["c.txt"], "Nine")})
    again = build([pages], out, workers=1)
    assert again.exit_code == 0
    assert_same_as_full(out, pages, tmp_path / "full")
    if change != "add":  # alone again: the date-slug IRI, as if it had never collided
        assert ITEM + SLUG in headlines(out)


@pytest.mark.parametrize("change", ["delete", "retitle"])
def test_a_duplicate_left_out_is_written_once_the_first_is_gone(
    tmp_path: Path, change: str
) -> None:
    """The same AssertionError, for the second of two items with one title and date."""
    pages = write_pages(tmp_path / "pages", {"a.txt": page(TITLE), "b.txt": page(TITLE, "Ten")})
    out = tmp_path / "out"
    build([pages], out, workers=1)
    if change == "delete":
        (pages / "a.txt").unlink()
    else:
        write_pages(pages, {"a.txt": page("OSCE Mission to Moldova trains judges")})
    again = build([pages], out, workers=1)
    assert (again.exit_code, again.notes) == (0, [])
    assert_same_as_full(out, pages, tmp_path / "full")


def test_a_title_made_to_meet_a_suffixed_key_gets_its_own_too(tmp_path: Path) -> None:
    """A title whose own slug is another title's suffixed key does not take that key."""
    taken = f"{TITLE} {title_id(TITLES['b.txt'])[:8]}"
    pages = write_pages(
        tmp_path / "pages",
        {"a.txt": page(TITLE), "b.txt": page(TITLES["b.txt"], "Six"), "m.txt": page(taken, "Two")},
    )
    result = build([pages], tmp_path / "out", workers=1)
    assert result.items == 3
    assert sorted(headlines(tmp_path / "out").values()) == sorted([TITLE, TITLES["b.txt"], taken])


identities = st.lists(
    st.tuples(st.sampled_from(["2020-01-01-a", "2020-01-01-b", "2020-01-02-a"]), st.text(max_size=3)),
    max_size=8,
).map(lambda found: [(key, title_id(title)) for key, title in found])  # fmt: skip


@given(identities, st.randoms())
def test_item_keys_are_one_per_title_whatever_the_order(
    found: list[tuple[str, str]], random: Random
) -> None:
    keys = item_keys(found)
    shuffled = list(found)
    random.shuffle(shuffled)
    assert item_keys(shuffled) == keys
    assert len(set(keys.values())) == len(set(found))  # distinct titles, distinct keys
    for (key, title), minted in keys.items():
        shared = {t for k, t in found if k == key} != {title}
        assert minted == (f"{key}-{title[:8]}" if shared else key)


def test_one_title_keeps_the_date_slug_key() -> None:
    one = ("2020-01-01-a", "1" * 16)
    assert item_keys([one, one]) == {one: "2020-01-01-a"}
    assert item_keys([]) == {}


def test_the_title_id_ignores_unicode_normalisation_only() -> None:
    assert title_id("Café") == title_id("Cafe\u0301")
    assert title_id("Café") != title_id("Cafe")
    assert title_id("Café") != title_id("café")


def test_an_item_left_out_as_a_duplicate_and_then_first_again_is_written_anew(
    tmp_path: Path,
) -> None:
    """An item kept from the previous build and left out as a duplicate kept where its blocks
    had stood; when the page before it went, the next build copied those stale places from a
    part they were no longer in (a store that could not be loaded, or wrong bytes)."""
    pages = write_pages(
        tmp_path / "pages", {"a.txt": page(TITLE), "m.txt": page("OSCE trains judges", "Ten")}
    )
    out = tmp_path / "out"
    build([pages], out, workers=1)
    write_pages(pages, {"0.txt": page(TITLE, "Nine")})  # before a.txt: a.txt's item is left out
    assert build([pages], out, workers=1).notes == [
        "a.txt:2: warning: the same item (date and title) as 0.txt:2; only the first is kept"
    ]
    (pages / "0.txt").unlink()
    again = build([pages], out, workers=1)
    assert (again.exit_code, again.notes) == (0, [])
    assert_same_as_full(out, pages, tmp_path / "full")
