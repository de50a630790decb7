"""An edited headline mints a new item IRI; the old one is recorded as replaced, by an
incremental build and a full one alike."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import build
from osce_rdf.pipeline.replacements import ItemHistory
from osce_rdf.rendering.dumps import OUTPUT_FILES

from .conftest import output_bytes, single

ITEM = "https://w3id.org/osce/item/"
PAGE = "010_item_press-release-1995-budapest.txt"
TITLE = "OSCE Chairmanship welcomes agreement on OSCE role in Bosnia and Herzegovina"
OLD = "1995-12-14-osce-chairmanship-welcomes-agreement-on-osce-role-in-bosnia-and-herzegovina"
NEW = "1995-12-14-osce-chairmanship-welcomes-the-agreement-on-osce-role-in-bosnia-and-herzegovina"
REPLACED_BY = "http://purl.org/dc/terms/isReplacedBy"


def replacements(out: Path) -> set[tuple[str, str]]:
    return {
        (q.subject.value.removeprefix(ITEM), q.object.value.removeprefix(ITEM))
        for q in ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG)
        if q.predicate.value == REPLACED_BY
    }


def retitle(pages: Path, title: str) -> None:
    page = pages / PAGE
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[1] = title
    page.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    copied = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, copied)
    return copied


def test_an_edited_headline_records_the_old_iri_as_replaced(pages: Path, tmp_path: Path) -> None:
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    for out in (incremental, full):
        build([pages], out, workers=1, store=False)
        assert replacements(out) == set()
    retitle(pages, TITLE.replace("welcomes agreement", "welcomes the agreement"))
    build([pages], incremental, workers=1, store=False)
    build([pages], full, workers=1, store=False, incremental=False)
    assert replacements(incremental) == replacements(full) == {(OLD, NEW)}
    for name in OUTPUT_FILES:
        assert output_bytes(incremental, name) == output_bytes(full, name), name

    # edited again: the first IRI points at the current one, not at the one in between
    retitle(pages, "OSCE Chairmanship welcomes deal on OSCE role in Bosnia and Herzegovina")
    build([pages], incremental, workers=1, store=False)
    latest = "1995-12-14-osce-chairmanship-welcomes-deal-on-osce-role-in-bosnia-and-herzegovina"
    assert replacements(incremental) == {(OLD, latest), (NEW, latest)}

    # edited back: the first IRI is in use again, and no longer replaced
    retitle(pages, TITLE)
    build([pages], incremental, workers=1, store=False)
    assert replacements(incremental) == {(NEW, OLD), (latest, OLD)}


def test_a_lost_index_is_an_empty_history(tmp_path: Path) -> None:
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    assert ItemHistory.read(tmp_path / "index.json") == ItemHistory()
    assert ItemHistory.read(tmp_path / "missing.json") == ItemHistory()


def _update_every_page(
    history: ItemHistory, pages: list[tuple[str, list[str]]]
) -> tuple[ItemHistory, dict[str, str]]:
    """`ItemHistory.update` as it was, comparing every page's keys: the next build's history
    (the pages' keys, the replacements) and the replacements."""
    current: set[str] = set()
    replaced = dict(history.replaced)
    for path, keys in pages:
        current.update(keys)
        before = history.keys.get(path, [])
        gone = [key for key in before if key not in keys]
        new = [key for key in keys if key not in before]
        for old, now in zip(gone, new, strict=False):
            replaced[old] = now
    for old, now in list(replaced.items()):
        seen, key = {now}, now
        while key in replaced and replaced[key] not in seen:
            key = replaced[key]
            seen.add(key)
        replaced[old] = key
    result = {old: now for old, now in sorted(replaced.items()) if old not in current}
    return ItemHistory(dict(pages), dict(result)), result


_BUILD = st.lists(  # one build's pages: paths may repeat (two input folders), keys too
    st.tuples(
        st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]),
        st.lists(st.sampled_from(["k1", "k2", "k3", "k4", "k5"]), max_size=3),
    ),
    max_size=5,
)


@given(st.lists(_BUILD, min_size=1, max_size=8))
def test_the_history_looks_only_at_changed_pages_and_gives_what_comparing_all_gave(
    builds: list[list[tuple[str, list[str]]]],
) -> None:
    """Over any builds (keys edited back, chained edits, pages gone and back, the same key on
    two pages), the history kept from build to build gives the replacements, and becomes the
    history, that comparing every page's keys gave."""
    history, expected = ItemHistory(), ItemHistory()
    for pages in builds:
        expected, replaced = _update_every_page(expected, pages)
        assert history.update([(path, list(keys)) for path, keys in pages]) == replaced
        assert history == expected


_UNIQUE_BUILD = st.dictionaries(  # one build's pages, each path once (one input folder)
    st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]),
    st.lists(st.sampled_from(["k1", "k2", "k3", "k4", "k5"]), max_size=3),
    max_size=5,
)


@given(st.lists(_UNIQUE_BUILD, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_told_the_changed_pages_only_the_history_gives_what_comparing_all_gave(
    builds: list[dict[str, list[str]]], rng: Any
) -> None:
    """A `Builder`'s rebuild tells the history only of the pages it read again (any that may
    have changed, and maybe some that did not), the pages gone, and every key in use: the
    replacements and the next history are those of comparing every page."""
    history, expected = ItemHistory(), ItemHistory()
    for pages in builds:
        before = dict(expected.keys)
        expected, replaced = _update_every_page(expected, list(pages.items()))
        told = [
            (path, list(keys))
            for path, keys in pages.items()
            if before.get(path) != keys or rng.random() < 0.3
        ]
        in_use = {key for keys in pages.values() for key in keys}
        gone = [path for path in before if path not in pages]
        assert history.update(told, current=in_use, gone=gone) == replaced
        assert history == expected
