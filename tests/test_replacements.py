"""An edited headline mints a new item IRI; the old one is recorded as replaced, by an
incremental build and a full one alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

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
