"""Rebuilds in one process (`Builder`, `osce-rdf build --watch`): after every rebuild the
folder holds what a cold build of the same pages into an empty folder gives, whatever the
rebuilds before it held in memory, and whatever another program did to the folder meanwhile
(docs/decisions/0042)."""

from __future__ import annotations

import gc
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson
import pytest

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline import build as build_module
from osce_rdf.pipeline import watch
from osce_rdf.pipeline.build import Builder, BuildResult, build
from osce_rdf.pipeline.incremental import INDEX_FILE
from osce_rdf.pipeline.store import STORE_DIR, open_store
from osce_rdf.pipeline.text_index import STAMP
from osce_rdf.rendering.dumps import DUMPS_DIR, OUTPUT_FILES, PARTS_INDEX

from .conftest import FIXTURES, output_bytes

ROOT = Path(__file__).resolve().parent.parent
OSCE_RDF = [sys.executable, "-m", "osce_rdf"]
EPOCH = "1700000000"
SEED = "000_b58f2e4459b73bca.txt"
GOOD = FIXTURES / "bad_pages" / "good.txt"
BAD = FIXTURES / "bad_pages" / "impossible_date.txt"


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, folder)
    return folder


def folder_contents(out: Path) -> dict[str, Any]:
    """Everything a build folder holds, in the form two builds of the same pages must agree
    on: every file by name and bytes, except what names a build's own history rather than
    its pages. Those are the generations' names (`.dumps-N`, `.store-N`, the store's named in
    the dumps' index of parts, and the generation of the dumps before the current one, kept
    for readers that began before the build); the
    store's RocksDB files (their names and bytes differ on every load: compared as its sorted
    quads) and the stamp that names them; and the index's fields that name the generations
    and how many graphs were replaced in the store since it was loaded whole."""
    contents: dict[str, Any] = {}
    for path in sorted(out.iterdir()):
        name = path.name
        if name.startswith((".dumps-", ".store-")) or name in {STORE_DIR, STAMP}:
            continue
        if name == DUMPS_DIR:
            for part in sorted(path.resolve().iterdir()):
                if part.name == PARTS_INDEX:  # it names the store's generation built with it
                    parts = orjson.loads(part.read_bytes())
                    del parts["store"]
                    contents[f"{DUMPS_DIR}/{part.name}"] = parts
                    continue
                contents[f"{DUMPS_DIR}/{part.name}"] = part.read_bytes()
        elif name == INDEX_FILE:
            index = orjson.loads(path.read_bytes())
            del index["dumps"], index["store"]
            contents[name] = index
        else:
            contents[name] = path.read_bytes()
    contents["store quads"] = sorted(map(str, open_store(out).quads_for_pattern(None, None, None)))
    for name in OUTPUT_FILES:  # the dumps as `osce-rdf dump` joins them
        contents[f"dumped {name}"] = output_bytes(out, name)
    return contents


def summary(result: BuildResult) -> tuple[Any, ...]:
    return (
        result.pages,
        result.items,
        result.triples,
        result.quads,
        [str(error) for error in result.errors],
        result.notes,
        [found.encode() for found in result.results],
        result.exit_code,
    )


class Cold:
    """Cold builds of the pages, each into a new empty folder, compared with a rebuild's."""

    def __init__(self, pages: Path, folders: Path) -> None:
        self.pages = pages
        self.folders = folders
        self.count = 0

    def assert_same(self, out: Path, rebuilt: BuildResult) -> None:
        self.count += 1
        cold_out = self.folders / f"cold-{self.count}"
        cold = build([self.pages], cold_out, workers=1)
        assert summary(rebuilt) == summary(cold)
        got, expected = folder_contents(out), folder_contents(cold_out)
        assert got.keys() == expected.keys()
        for name in expected:
            assert got[name] == expected[name], name


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


def save(page: Path, data: bytes, scratch: Path) -> None:
    """As editors save: the whole file renamed into place, one event for a watch (a file
    written in place can be seen empty, between its truncation and its write)."""
    temporary = scratch / f"{page.name}.saving"
    temporary.write_bytes(data)
    temporary.replace(page)


@pytest.mark.parametrize("pages_per_part", [build_module.PAGES_PER_PART, 2])
def test_every_rebuild_of_a_builder_equals_a_cold_build(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages_per_part: int
) -> None:
    """With the usual parts all 39 sample pages are one part, written again on every change;
    with parts of about 2 pages most parts are unchanged, and a rebuild adds them whole, from
    what the last rebuild found (`_Assembler._linkable`), not page by page: those must add up
    to what walking their pages gives, duplicates across parts included."""
    monkeypatch.setattr(build_module, "PAGES_PER_PART", pages_per_part)
    wholes: list[int] = []
    add_whole = build_module._Assembler._add_whole

    def counted(self: Any, part: Any, writer: Any) -> None:
        wholes.append(len(part.pages))
        add_whole(self, part, writer)

    monkeypatch.setattr(build_module._Assembler, "_add_whole", counted)
    out = tmp_path / "out"
    cold = Cold(pages, tmp_path)
    builder = Builder([pages], out, workers=1)
    cold.assert_same(out, builder.rebuild(set()))  # told of no change, the first walks anyway
    seed = pages / SEED

    def rebuilt(*changed: Path, pages_read: int | None = None) -> None:
        result = builder.rebuild({str(path) for path in changed})
        if pages_read is not None:
            assert result.rebuilt == pages_read
        cold.assert_same(out, result)

    edit(seed, "experts meeting", "experts' meeting")  # one page's text
    rebuilt(seed, pages_read=1)
    added = pages / "more" / "added.txt"  # a page, in a new folder: the event names the folder
    added.parent.mkdir()
    shutil.copy(GOOD, added)
    rebuilt(added.parent, pages_read=1)
    removed = pages / "010_item_press-release-1995-budapest.txt"
    removed.unlink()
    rebuilt(removed, pages_read=0)
    original = seed.read_bytes()
    shutil.copy(BAD, seed)  # a page made bad, then fixed
    rebuilt(seed, pages_read=1)
    seed.write_bytes(original)
    rebuilt(seed, pages_read=1)
    duplicate = pages / "0.txt"  # the same item as added.txt, before it: added.txt's is left out
    shutil.copy(GOOD, duplicate)
    rebuilt(duplicate)
    duplicate.unlink()  # added.txt's item is the first again
    rebuilt(duplicate)
    # A folder moved away and back with a page in it edited meanwhile: the events name the
    # folder only, never the page.
    away = tmp_path / "away"
    added.parent.rename(away)
    edit(away / added.name, "Twenty journalists", "Thirty journalists")
    away.rename(added.parent)
    rebuilt(added.parent, pages_read=1)
    if pages_per_part == 2:
        assert len(wholes) > 8 * 10  # of about 20 parts per rebuild, most in all 9 rebuilds
    else:
        assert not wholes  # one part, with a changed page in it each time


def test_a_page_read_again_naming_other_items_changes_the_kept_keys(
    pages: Path, tmp_path: Path
) -> None:
    """A rebuild keeps the last one's item keys and warnings while the pages read again name
    the same items: an edited title that another title of its day now shares only up to case
    renames both items (and warns), and its undoing names them back. Compared with a build
    by a new `Builder` into a copy of the folder as it was (a cold build into an empty folder
    would not record the renamed keys as replaced)."""
    out = tmp_path / "out"
    first, second = pages / "more" / "a.txt", pages / "more" / "b.txt"
    first.parent.mkdir()
    shutil.copy(GOOD, first)
    shutil.copy(GOOD, second)
    title = "OSCE Mission to Moldova supports training for local journalists"
    edit(second, title, "OSCE Mission to Moldova supports training for young journalists")
    builder = Builder([pages], out, workers=1)
    builder.rebuild()

    def rebuilt(page: Path, pages_read: int) -> BuildResult:
        copy = tmp_path / f"copy-{len(list(tmp_path.glob('copy-*')))}"
        shutil.copytree(out, copy, symlinks=True)
        result = builder.rebuild({str(page)})
        assert result.rebuilt == pages_read  # both pages of the title, when renamed
        anew = build([pages], copy, workers=1)
        assert summary(result) == summary(anew)
        got, expected = folder_contents(out), folder_contents(copy)
        assert got.keys() == expected.keys()
        for name in expected:
            assert got[name] == expected[name], name
        return result

    edit(second, "for young journalists", "for local Journalists")
    assert any("only in case" in note for note in rebuilt(second, 2).notes)
    edit(first, "Twenty journalists", "Thirty journalists")  # the same items: keys kept
    assert any("only in case" in note for note in rebuilt(first, 1).notes)
    edit(second, "for local Journalists", "for young journalists")
    assert not any("only in case" in note for note in rebuilt(second, 2).notes)


def test_a_rebuild_after_another_build_of_the_folder_reads_the_folder(
    pages: Path, tmp_path: Path
) -> None:
    """What the builder holds describes the build it wrote: after another program's build it
    would take the other's changes for its own pages' state."""
    out = tmp_path / "out"
    cold = Cold(pages, tmp_path)
    builder = Builder([pages], out, workers=1)
    builder.rebuild()
    edit(pages / SEED, "experts meeting", "experts' meeting")
    build([pages], out, workers=1)  # another build, which this builder is not told of
    other = pages / "010_item_press-release-1995-budapest.txt"
    edit(other, "Budapest", "Buda")
    cold.assert_same(out, builder.rebuild({str(other)}))


def test_a_rebuild_after_other_builds_stopped_before_their_index_reads_the_folder(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two builds stopped after switching the dumps, before writing the index, leave the index
    this builder wrote; the second removed the dumps' generation this builder held (only the
    current and the one before stay), which the rebuild would copy from."""
    out = tmp_path / "out"
    cold = Cold(pages, tmp_path)
    builder = Builder([pages], out, workers=1)
    builder.rebuild()

    def stopped(*_: object, **__: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C, just before the index would be written

    with monkeypatch.context() as patched:
        patched.setattr(build_module, "write_index", stopped)
        for _ in range(2):
            with pytest.raises(KeyboardInterrupt):
                build([pages], out, workers=1, incremental=False)
    seed = pages / SEED
    edit(seed, "experts meeting", "experts' meeting")
    cold.assert_same(out, builder.rebuild({str(seed)}))


def test_a_change_told_to_a_rebuild_that_failed_is_built_by_the_next(
    pages: Path, tmp_path: Path
) -> None:
    """A rebuild that could not write (the folder locked by another build) built nothing of
    what it was told; the next, told of other pages only, must not trust the first ones."""
    out = tmp_path / "out"
    cold = Cold(pages, tmp_path)
    builder = Builder([pages], out, workers=1)
    builder.rebuild()
    seed = pages / SEED
    edit(seed, "experts meeting", "experts' meeting")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(Exception, match="another build is writing"):
            builder.rebuild({str(seed)})
    finally:
        holder.kill()
        holder.wait()
    other = pages / "010_item_press-release-1995-budapest.txt"
    edit(other, "Budapest", "Buda")
    cold.assert_same(out, builder.rebuild({str(other)}))


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from osce_rdf.pipeline.lock import FolderLock
with FolderLock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


class Lines:
    """A stream's lines as they come, read in a thread, waited for with a deadline."""

    def __init__(self, stream: IO[str]) -> None:
        self.seen: list[str] = []
        self.ended = False
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 300) -> str:
        for line in self._coming(timeout):
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {timeout} s: {self.seen}")

    def rest(self, timeout: float = 60) -> list[str]:
        """The lines until the stream ends."""
        for _ in self._coming(timeout):
            pass
        if self.ended:
            return self.seen
        raise AssertionError(f"the stream did not end within {timeout} s: {self.seen}")

    def _coming(self, timeout: float) -> Iterator[str]:
        """The next lines (kept in `seen`), until the stream ends or `timeout` passes."""
        deadline = time.monotonic() + timeout
        while not self.ended and (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                return
            if line is None:
                self.ended = True
                return
            self.seen.append(line)
            yield line


def test_build_watch_rebuilds_on_a_change_and_stops_on_sigterm(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [*OSCE_RDF, "build", str(pages), "-o", str(out), "--watch", "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        stdout, stderr = Lines(process.stdout), Lines(process.stderr)
        assert stdout.wait_for("watching ").endswith("(Ctrl-C to stop)")
        assert "items: " in "\n".join(stdout.seen)  # the first build's summary, as `build`'s
        seed = pages / SEED
        save(seed, seed.read_bytes().replace(b"experts meeting", b"experts' meeting"), tmp_path)
        line = stdout.wait_for(" rebuilt in ")
        cold_out = tmp_path / "cold"
        cold = build([pages], cold_out, workers=1)
        assert line.endswith(
            f": changed {SEED}; pages: {cold.pages} (1 read), items: {cold.items}, "
            f"errors: 0, violations: {cold.violations}"
        )
        assert folder_contents(out) == folder_contents(cold_out)

        bad = pages / "bad.txt"
        save(bad, BAD.read_bytes(), tmp_path)
        assert "added bad.txt; " in stdout.wait_for(" rebuilt in ")
        entry = next(
            e for e in orjson.loads((out / INDEX_FILE).read_bytes())["pages"] if e[0] == str(bad)
        )
        ((path, line_number, message),) = entry[7]  # the page's problem, as the build found it
        assert path == "bad.txt"
        where = f"{bad}:{line_number}" if line_number is not None else str(bad)
        assert stderr.wait_for(message) == f"{where}: error: {message}"

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        assert "osce-rdf: stopped watching" in stderr.rest()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_poll_without_watch_is_a_usage_error(pages: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [*OSCE_RDF, "build", str(pages), "-o", str(tmp_path / "out"), "--poll"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "osce-rdf: error: --poll goes with --watch\n"
    assert not (tmp_path / "out").exists()


def test_a_burst_too_large_to_be_whole_looks_at_every_page(pages: Path, tmp_path: Path) -> None:
    """The kernel drops events when its queue overflows, and `watchfiles` does not say so: a
    burst of more paths than a watch trusts to be whole is rebuilt as if nothing were known."""
    out = tmp_path / "out"
    builder = Builder([pages], out, workers=1)
    builder.rebuild()
    seed = pages / SEED
    edit(seed, "experts meeting", "experts' meeting")  # its event lost in the overflow
    others = {str(pages / f"gone-{number}.txt") for number in range(watch._TRUSTED_BURST + 1)}
    rebuilds: list[watch.Rebuild] = []
    watch.Watcher(builder)._rebuild(others, rebuilds.append)
    (rebuild,) = rebuilds
    assert rebuild.error is None and rebuild.result is not None
    assert rebuild.result.rebuilt == 1
    Cold(pages, tmp_path).assert_same(out, rebuild.result)


def test_only_a_resident_builder_freezes_what_it_holds(pages: Path, tmp_path: Path) -> None:
    """A watch's builder leaves what it holds out of full collections (`gc.freeze`); a one-off
    build must not, or a long-lived process calling it would never collect the cycles made
    before it."""
    gc.unfreeze()
    try:
        build([pages], tmp_path / "once", workers=1)
        assert gc.get_freeze_count() == 0
        Builder([pages], tmp_path / "watched", workers=1, resident=True).rebuild()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_resident_builder_leaves_replaced_generations_until_tidy(
    pages: Path, tmp_path: Path
) -> None:
    """A watch's rebuild ends once its outputs are in place; the store generation it replaced,
    and the old text and build indexes (kept as links, to be freed later), go when the watch
    is idle (`Builder.tidy`), or at the start of the next rebuild. A one-off build removes
    them before it returns."""

    def stores(out: Path) -> list[str]:
        return sorted(path.name for path in out.glob(".store-*"))

    def set_aside(out: Path) -> list[str]:
        return sorted(path.name for path in out.glob(".*.replaced.tmp"))

    seed = pages / SEED
    once = tmp_path / "once"
    build([pages], once, workers=1)
    edit(seed, "experts meeting", "experts' meeting")
    build([pages], once, workers=1)
    assert len(stores(once)) == 1
    assert not set_aside(once)
    gc.unfreeze()
    try:
        out = tmp_path / "watched"
        builder = Builder([pages], out, workers=1, resident=True)
        builder.rebuild()
        edit(seed, "experts' meeting", "experts meeting")
        builder.rebuild({str(seed)})
        assert len(stores(out)) == 2  # the one replaced in place is still there
        assert set_aside(out) == [f".{INDEX_FILE}.replaced.tmp", ".text-index.bin.replaced.tmp"]
        builder.tidy()
        assert stores(out) == [(out / STORE_DIR).readlink().name]
        assert not set_aside(out)
        edit(seed, "experts meeting", "experts' meeting")
        builder.rebuild({str(seed)})
        edit(seed, "experts' meeting", "experts meeting")
        builder.rebuild({str(seed)})  # untidied before: its start removes the oldest
        assert len(stores(out)) == 2
        rebuilt = builder.rebuild({str(seed)})
        builder.tidy()
        Cold(pages, tmp_path).assert_same(out, rebuilt)
    finally:
        gc.unfreeze()


def test_warming_a_builder_reads_a_page_and_writes_nothing(pages: Path, tmp_path: Path) -> None:
    """`Builder.warm` (a watch, before it waits) reads a page in memory only: the folder is
    as the build left it, and the next rebuild is still what a cold build gives."""
    out = tmp_path / "out"
    builder = Builder([pages], out, workers=1)
    builder.warm()  # nothing built yet: nothing to read
    builder.rebuild()
    before = folder_contents(out)
    read: list[Any] = []
    process = builder.pipeline.process

    def counted(batch: Any, keys: Any = None) -> Any:
        read.extend(batch)
        return process(batch, keys)

    builder.pipeline.process = counted  # type: ignore[method-assign,assignment]
    builder.warm()
    assert len(read) == 1
    assert folder_contents(out) == before
    seed = pages / SEED
    edit(seed, "experts meeting", "experts' meeting")
    Cold(pages, tmp_path).assert_same(out, builder.rebuild({str(seed)}))
