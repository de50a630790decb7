"""The text index: it only narrows, so a query gives the same rows with it as without it.

The query fixture is put into an on-disk store with its index; full-text-search then runs on
the same store with the index and without it, for texts of every kind (words, parts of words,
other cases, accents, spaces, quotes, a text found nowhere). Builds and loads keep the index
in step with the store, and an index that no longer fits its store is not used.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from osce_rdf.errors import OutputError, QueryError
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import build
from osce_rdf.pipeline.store import STORE_DIR, open_store
from osce_rdf.pipeline.text_index import (
    STAMP,
    TEXT_INDEX,
    TextIndex,
    TextSpool,
    store_entries,
    write_text_index,
)
from osce_rdf.rendering.rdf_input import read_quads
from osce_rdf.sparql.catalogue import _parse
from osce_rdf.sparql.dataset import Dataset, load_into_build

from .test_queries import CASES, FIXTURE, Row

XSD = "http://www.w3.org/2001/XMLSchema#"
TEXTS = [
    "trafficking",
    "TRAFFICKING",
    "Traffick",
    "afficki",
    "central asia",
    "Central Asia",
    "experts meeting",
    "OSCE",
    "a",
    "é",
    "Chișinău",
    "co-operation",
    "said.",
    '"',
    "'",
    "experts\nmeeting",  # a blank text is refused (tests/test_queries.py)
    "no such words anywhere",
    '" } ; DROP ALL ; {',
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The query fixture as a build folder: a store with the union, and its text index."""
    folder = tmp_path_factory.mktemp("indexed")
    store = ox.Store(str(folder / STORE_DIR))
    quads = list(read_quads(FIXTURE))
    store.bulk_extend(quads)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    store.flush()
    entries = store_entries(store)
    del store  # closed: RocksDB's files settle, and the index records them
    write_text_index(folder, entries)
    return folder


@pytest.fixture(scope="module")
def indexed(folder: Path) -> Dataset:
    dataset = Dataset.open(folder)
    assert dataset.text_index is not None
    return dataset


@pytest.fixture(scope="module")
def scanned(folder: Path) -> Dataset:
    dataset = Dataset.open(folder)
    dataset.text_index = None
    return dataset


@pytest.mark.parametrize(
    ("params", "expected"),
    [(params, expected) for name, params, expected in CASES if name == "full-text-search"],
)
def test_indexed_search_gives_exactly_the_expected_rows(
    indexed: Dataset, params: dict[str, str], expected: list[Row]
) -> None:
    assert indexed.query("full-text-search", params).rows() == expected


@pytest.mark.parametrize("text", TEXTS)
def test_indexed_and_full_search_give_the_same_rows(
    indexed: Dataset, scanned: Dataset, text: str
) -> None:
    assert indexed.query("full-text-search", {"text": text}).rows() == (
        scanned.query("full-text-search", {"text": text}).rows()
    )


def test_candidates_are_the_items_whose_texts_contain_the_text(indexed: Dataset) -> None:
    assert indexed.text_index is not None
    texts: dict[str, list[str]] = {}
    for predicate in ("headline", "articleBody"):
        pattern = ox.NamedNode("https://schema.org/" + predicate)
        assert indexed.store is not None
        for quad in indexed.store.quads_for_pattern(None, pattern, None, ox.DefaultGraph()):
            assert isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal)
            texts.setdefault(quad.subject.value, []).append(quad.object.value)
    for text in TEXTS:
        expected = sorted(
            item
            for item, written in texts.items()
            if any(text.lower() in one.lower() for one in written)
        )
        assert indexed.text_index.candidates(text) == expected, text
    assert indexed.text_index.candidates("") is None
    assert indexed.text_index.candidates("a\0b") is None


def test_an_index_is_not_used_once_the_store_changed(folder: Path, tmp_path: Path) -> None:
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    assert TextIndex.open(tmp_path) is not None
    store = ox.Store(str(tmp_path / STORE_DIR))  # another program writes to the store
    store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c")))
    store.flush()
    del store
    assert TextIndex.open(tmp_path) is None
    dataset = Dataset.open(tmp_path)
    assert dataset.text_index is None
    assert len(dataset.query("full-text-search", {"text": "trafficking"}).rows()) == 3


def test_a_damaged_index_is_not_used(folder: Path, tmp_path: Path) -> None:
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    (tmp_path / TEXT_INDEX).write_bytes(b"not an index")
    assert TextIndex.open(tmp_path) is None


def test_a_missing_index_is_not_used(folder: Path, tmp_path: Path) -> None:
    """What a reader sees while a build puts the new index in place: the old one is removed
    first (`atomic_writer(vacate=True)`), and a search reads the store in full meanwhile."""
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    (tmp_path / TEXT_INDEX).unlink()
    assert TextIndex.open(tmp_path) is None
    dataset = Dataset.open(tmp_path)
    assert dataset.text_index is None
    assert len(dataset.query("full-text-search", {"text": "trafficking"}).rows()) == 3


def test_a_new_index_takes_an_empty_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Renamed over the old index, ext4 writes the new one to disk at once (0.01-0.05 s for
    100 MB); the old one is removed first, and a link to it (`set_aside`) keeps its bytes."""
    store = tmp_path / "store"
    store.mkdir()
    write_text_index(tmp_path, [("g/a", "i/a", b"old text\0")], store)
    old = (tmp_path / TEXT_INDEX).read_bytes()
    (tmp_path / "aside").hardlink_to(tmp_path / TEXT_INDEX)
    replace = Path.replace
    over: list[bool] = []

    def noted(self: Path, target: Path) -> Path:
        over.append(Path(target).exists())
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", noted)
    write_text_index(tmp_path, [("g/a", "i/a", b"new text\0")], store)
    assert over[0] is False  # the index; then its stamp, a small file, replaced
    assert (tmp_path / "aside").read_bytes() == old
    assert TextIndex.open(tmp_path, store) is not None


def test_builds_and_loads_keep_the_index_in_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    out = tmp_path / "out"
    build([pages], out, workers=1)
    assert _entries(out) == _entries_from_store(out)
    seed = pages / "000_b58f2e4459b73bca.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("expert conference", "zyxwv conference"),
        encoding="utf-8",
    )
    (pages / "012_item_press-release-1997-tirana.txt").unlink()
    changed = build([pages], out, workers=1)
    assert changed.rebuilt == 1
    cold = tmp_path / "cold"
    build([pages], cold, workers=1, incremental=False)
    assert _entries(out) == _entries(cold) == _entries_from_store(out)
    rows = Dataset.open(out).query("full-text-search", {"text": "ZYXWV"}).rows()
    assert [row["where"] for row in rows] == ["body"]

    item = rows[0]["item"]
    graph = "https://w3id.org/osce/graph/" + item.rsplit("/", 1)[1]
    correction = tmp_path / "correction.trig"
    correction.write_text(
        f'<{graph}> {{ <{item}> <https://schema.org/headline> "Qwerty headline" . '
        f'<{item}> <https://schema.org/articleBody> "A new body." . '
        f'<{item}> <https://schema.org/datePublished> "2008-07-17"^^<{XSD}date> }}\n',
        encoding="utf-8",
    )
    assert load_into_build(out, [correction]) == [graph]
    assert _entries(out) == _entries_from_store(out)  # in step with the changed store
    dataset = Dataset.open(out)
    assert dataset.query("full-text-search", {"text": "zyxwv"}).rows() == []
    found = dataset.query("full-text-search", {"text": "qwerty"}).rows()
    assert [(row["item"], row["where"]) for row in found] == [(item, "headline")]
    del dataset

    # Without an index to patch, the next build makes it anew from the store.
    (out / TEXT_INDEX).unlink()
    seed.write_text(seed.read_text(encoding="utf-8") + "\nAsdfgh.\n", encoding="utf-8")
    assert build([pages], out, workers=1).rebuilt == 1
    assert _entries(out) == _entries_from_store(out)


def _entries(folder: Path) -> list[tuple[str, str, bytes]]:
    index = TextIndex.open(folder)
    assert index is not None, "the index fits the store"
    return list(index.entries(exclude=set()))


def _entries_from_store(folder: Path) -> list[tuple[str, str, bytes]]:
    return sorted(store_entries(open_store(folder)))


def test_a_text_index_line_must_name_a_parameter() -> None:
    with pytest.raises(QueryError, match="text-index"):
        _parse("broken", "# title: Broken\n# text-index: nothing -> item\nSELECT * WHERE {}\n")


@pytest.mark.parametrize(
    "change",
    [
        ({"g/b"}, [("g/b", "i/b", b"new b\0")]),  # one graph replaced, in the middle
        ({"g/a", "g/e"}, [("g/a", "i/a", b"\0"), ("g/e", "i/z", b"longer text\0")]),  # both ends
        ({"g/c"}, []),  # removed
        ({"g/0", "g/f"}, [("g/0", "i/0", b"first\0"), ("g/f", "i/f", b"last\0")]),  # added
        (set(), []),  # nothing changed
        ({"g/x"}, [("g/b", "i/c", b"not a replacement\0")]),  # its graph is kept: sorted anew
        (
            {"g/a", "g/b", "g/c", "g/d", "g/e"},
            [("g/c", "i/c", b"alone\0"), ("g/c", "i/a", b"two items\0")],
        ),
    ],
)
def test_an_updated_index_has_the_bytes_of_one_written_anew(
    tmp_path: Path, change: tuple[set[str], list[tuple[str, str, bytes]]]
) -> None:
    """`write_updated` copies the kept texts in runs: the file is the one `write_text_index`
    writes for the same entries, and a second update reads it back right."""
    exclude, fresh = change
    old = [
        (f"g/{letter}", f"i/{letter}{number}", f"text {letter} {number}\0".encode() * number)
        for letter in "abcde"
        for number in range(3)
    ]
    store = tmp_path / "store"
    store.mkdir()
    updated, anew = tmp_path / "updated", tmp_path / "anew"
    for folder in (updated, anew):
        folder.mkdir()
    write_text_index(updated, old, store)
    index = TextIndex.open(updated, store)
    assert index is not None
    index.write_updated(updated, exclude, fresh, store)
    kept = [entry for entry in old if entry[0] not in exclude]
    write_text_index(anew, [*kept, *fresh], store)
    assert (updated / TEXT_INDEX).read_bytes() == (anew / TEXT_INDEX).read_bytes()
    again = TextIndex.open(updated, store)
    assert again is not None
    assert list(again.entries(exclude=set())) == sorted([*kept, *fresh])


def test_a_spooled_index_has_the_bytes_of_one_written_from_memory(tmp_path: Path) -> None:
    """A cold build spools its entries' texts to a file: the index it writes from there is the
    one `write_text_index` writes from the entries in memory, whatever order they came in, with
    entries of one graph and item ordered by their texts."""
    entries = [
        (f"g/{letter}", f"i/{number}", f"text {letter} {number} {'x' * number}\0".encode())
        for letter in "dacb"
        for number in (3, 1, 2)
    ]
    entries += [("g/c", "i/2", b"aa tie\0"), ("g/a", "i/0", b"\0")]  # a tie, an empty text
    store = tmp_path / "store"
    store.mkdir()
    spooled, anew = tmp_path / "spooled", tmp_path / "anew"
    for folder in (spooled, anew):
        folder.mkdir()
    spool = TextSpool(spooled)
    spool.extend(entries[:5])
    spool.extend(entries[5:])
    spool.write(spooled, store)
    spool.close()
    write_text_index(anew, entries, store)
    assert (spooled / TEXT_INDEX).read_bytes() == (anew / TEXT_INDEX).read_bytes()
    index = TextIndex.open(spooled, store)
    assert index is not None
    assert list(index.entries(exclude=set())) == sorted(entries)
    assert {path.name for path in spooled.iterdir()} == {TEXT_INDEX, STAMP}  # no spool left


def test_the_header_has_the_bytes_json_gives_for_every_character(tmp_path: Path) -> None:
    """The header is written by orjson, read back by it, and must stay the bytes of
    `json.dumps(..., ensure_ascii=False, separators=(",", ":"))`, which earlier indexes were
    written with: for every code point (quotes, backslashes, control characters, U+2028,
    characters beyond the first plane) in graphs and items."""
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    pieces = [every[start : start + 4000] for start in range(0, len(every), 4000)]
    entries = [
        (f"g{piece}", f"i{piece}", f"{number}\0".encode()) for number, piece in enumerate(pieces)
    ]
    store = tmp_path / "store"
    store.mkdir()
    write_text_index(tmp_path, entries, store)
    ordered = sorted(entries)
    header = {
        "graphs": [graph for graph, _, _ in ordered],
        "items": [item for _, item, _ in ordered],
        "starts": [
            sum(len(text) for _, _, text in ordered[:number]) for number in range(len(ordered))
        ],
    }
    encoded = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    data = (tmp_path / TEXT_INDEX).read_bytes()
    assert data[: data.index(b"\n") + 9 + len(encoded)].endswith(encoded)
    index = TextIndex.open(tmp_path, store)
    assert index is not None
    assert list(index.entries(exclude=set())) == ordered


def test_a_lone_surrogate_is_refused_as_json_refused_it(tmp_path: Path) -> None:
    """Text from the store never holds one (Oxigraph's strings are UTF-8); json wrote it and
    then could not encode it, orjson refuses it at once: no index either way."""
    store = tmp_path / "store"
    store.mkdir()
    with pytest.raises(TypeError, match="surrogates"):
        write_text_index(tmp_path, [("g/\ud800", "i", b"x\0")], store)
    assert not (tmp_path / TEXT_INDEX).exists()


def _copies_three_bytes_then(error: int | None) -> Callable[..., int]:
    """A `copy_file_range` that copies three bytes at most, then fails with `error` (or copies
    nothing, when None), as on a file system that cannot copy in the kernel."""
    real = os.copy_file_range
    calls = 0

    def copy(source: int, target: int, count: int, offset: int | None = None) -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            return real(source, target, min(count, 3), offset)
        if error is None:
            return 0
        raise OSError(error, os.strerror(error))

    return copy


@pytest.mark.parametrize("error", [errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EPERM, None])
def test_texts_are_copied_without_copy_file_range_where_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int | None
) -> None:
    """Where the kernel does not copy (part of) a run, the rest is read and written: the same
    bytes as an index written from memory."""
    monkeypatch.setattr(os, "copy_file_range", _copies_three_bytes_then(error))
    test_an_updated_index_has_the_bytes_of_one_written_anew(
        tmp_path, ({"g/b"}, [("g/b", "i/b", b"new b\0")])
    )


def test_texts_are_copied_on_a_system_without_copy_file_range(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "copy_file_range")
    test_a_spooled_index_has_the_bytes_of_one_written_from_memory(tmp_path)


def test_a_full_disk_while_copying_is_an_error_not_a_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "copy_file_range", _copies_three_bytes_then(errno.ENOSPC))
    store = tmp_path / "store"
    store.mkdir()
    write_text_index(tmp_path, [("g/a", "i/a", b"a\0"), ("g/b", "i/b", b"b" * 10 + b"\0")], store)
    before = (tmp_path / TEXT_INDEX).read_bytes()
    index = TextIndex.open(tmp_path, store)
    assert index is not None
    with pytest.raises(OutputError, match="No space left"):
        index.write_updated(tmp_path, {"g/a"}, [("g/a", "i/a", b"new a\0")], store)
    assert (tmp_path / TEXT_INDEX).read_bytes() == before
    assert {path.name for path in tmp_path.iterdir()} == {"store", TEXT_INDEX, STAMP}
