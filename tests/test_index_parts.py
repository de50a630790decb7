"""The build index in parts: a small top index with the build's totals, and one index per
part of the dumps, linked with its part when the part is, written anew with it otherwise; a
rebuild gives what a cold build gives (decision 0038)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline import build as build_module
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.incremental import INDEX_FILE, PreviousBuild, Totals
from osce_rdf.rendering.dumps import DUMPS_DIR, OUTPUT_FILES

from .conftest import output_bytes

SEED = "000_b58f2e4459b73bca.txt"


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """About two pages a part, so that the 39 sample pages make many parts."""
    monkeypatch.setattr(build_module, "PAGES_PER_PART", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, folder)
    return folder


@pytest.fixture
def union_copies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the builds that copied the previous union block rather than making it."""
    copies: list[int] = []
    original = PreviousBuild.union_blocks

    def counted(self: PreviousBuild) -> list[bytes]:
        copies.append(1)
        return original(self)

    monkeypatch.setattr(PreviousBuild, "union_blocks", counted)
    return copies


def part_indexes(out: Path) -> dict[str, int]:
    """The inode of each part's index in the current generation of the dumps, by name."""
    generation = (out / DUMPS_DIR).resolve()
    return {path.name: path.stat().st_ino for path in generation.glob(".index-*.json")}


def top_index(out: Path) -> dict[str, Any]:
    data = orjson.loads((out / INDEX_FILE).read_bytes())
    assert isinstance(data, dict)
    return data


def assert_as_cold(out: Path, pages: Path, changed: BuildResult, cold_out: Path) -> None:
    """The rebuild's dumps, counts and index totals are a cold build's."""
    cold = build([pages], cold_out, workers=1, incremental=False)
    for name in OUTPUT_FILES:
        assert output_bytes(out, name) == output_bytes(cold_out, name), name
    assert (changed.items, changed.triples, changed.quads) == (
        cold.items,
        cold.triples,
        cold.quads,
    )
    assert top_index(out)["totals"] == top_index(cold_out)["totals"]
    assert part_indexes(out).keys() == part_indexes(cold_out).keys()


def test_a_changed_page_rewrites_its_part_index_and_links_the_others(
    tmp_path: Path, pages: Path, small_parts: None, union_copies: list[int]
) -> None:
    out = tmp_path / "out"
    build([pages], out, workers=1)
    before = part_indexes(out)
    assert len(before) > 10  # the items' parts; not part 0 nor the last
    seed = pages / SEED
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("experts meeting", "experts' meeting"),
        encoding="utf-8",
    )
    changed = build([pages], out, workers=1)
    assert changed.rebuilt == 1
    after = part_indexes(out)
    assert sorted(name for name in after if after[name] != before.get(name)) == [
        ".index-0001.json"  # the seed's part
    ]
    assert union_copies == [1]  # the same shared descriptions and pages: the same union block
    assert_as_cold(out, pages, changed, tmp_path / "cold")


def test_pages_added_and_removed_take_their_shared_descriptions_with_them(
    tmp_path: Path, pages: Path, small_parts: None, union_copies: list[int]
) -> None:
    """The union and the dataset's counts come from the totals: a part rewritten or gone takes
    its totals away, and what no other part holds leaves the union."""
    out = tmp_path / "out"
    build([pages], out, workers=1)
    shared_before = dict(top_index(out)["totals"][2])
    (pages / "012_item_press-release-1997-tirana.txt").unlink()
    (pages / SEED).unlink()
    shutil.copy(pages / "026_item_news-item-2007-astana.txt", pages / "027_copy.txt")
    changed = build([pages], out, workers=1)
    assert changed.rebuilt == 1
    assert dict(top_index(out)["totals"][2]) != shared_before
    assert union_copies == []  # made anew
    assert_as_cold(out, pages, changed, tmp_path / "cold")


def test_an_index_of_the_format_before_parts_gives_a_cold_build(
    tmp_path: Path, pages: Path, small_parts: None
) -> None:
    out = tmp_path / "out"
    build([pages], out, workers=1)
    index = top_index(out)
    index["format"] = 4
    del index["totals"]
    (out / INDEX_FILE).write_bytes(orjson.dumps(index))
    again = build([pages], out, workers=1)
    assert again.rebuilt == again.pages
    assert_as_cold(out, pages, again, tmp_path / "cold")


def test_a_missing_part_index_gives_a_cold_build(
    tmp_path: Path, pages: Path, small_parts: None
) -> None:
    """A part's index is read only when its part is written again, which a damaged folder
    would make impossible midway: the build sees it first."""
    out = tmp_path / "out"
    build([pages], out, workers=1)
    (out / DUMPS_DIR / ".index-0001.json").unlink()
    again = build([pages], out, workers=1)
    assert again.rebuilt == again.pages
    assert_as_cold(out, pages, again, tmp_path / "cold")


_LINES = [f"<urn:line:{n}> <urn:p> <urn:o> ." for n in range(8)]


def _part(counts: list[int]) -> Totals:
    """A part's totals: the line `n` held by `counts[n]` of its items (none when 0)."""
    totals = Totals()
    for line, count in zip(_LINES, counts, strict=True):
        if count:
            totals.shared[line] = count
            totals.classes[line[-5:]] += count
            totals.shared_triples += count
    return totals


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["add", "remove", "encode"]),
            st.lists(st.integers(0, 2), min_size=len(_LINES), max_size=len(_LINES)),
        ),
        max_size=30,
    )
)
def test_totals_added_and_taken_away_encode_as_if_counted_anew(
    steps: list[tuple[str, list[int]]],
) -> None:
    """However parts' totals were added, taken away (one added before) and encoded between,
    they encode as the totals of the parts still in, counted and sorted anew: `Totals`
    re-sorts only the lines added since the last encoding, and must miss none."""
    totals, parts = Totals(), []  # the parts added and not taken away
    for step, counts in steps:
        if step == "add":
            parts.append(_part(counts))
            totals.add(parts[-1])
        elif step == "remove" and parts:
            totals.remove(parts.pop(counts[0] % len(parts)))
        expected_shared: Counter[str] = Counter()
        for part in parts:
            expected_shared += part.shared
        assert totals.shared == expected_shared
        if step == "encode":
            assert totals.encode() == [
                sum(part.shared_triples for part in parts),
                sorted(sum((part.classes for part in parts), Counter()).items()),
                sorted(expected_shared.items()),
            ]
    assert Totals.decode(orjson.loads(orjson.dumps(totals.encode()))).encode() == totals.encode()
