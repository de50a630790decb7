"""A build stopped at any point, however it is stopped, never leaves a folder the next build
trusts wrongly; two writers never share a folder; queries read only complete stores.

Each fault is injected at a named point by `tests/faults.py` (a wrapped function, an exact
call), so every run of the suite kills the same builds at the same places. After each killed
build, the next build into the folder must give what a clean build gives: the dump files
byte for byte, the store quad for quad (as sorted N-Quads), the text index entry for entry,
and no file left over; and no process of the killed build may linger.

Three starting points: an empty folder (cold), a folder built from the pages before one of
them changed and one was removed (the store is then updated in a checkpoint), and before many
changed (a new store is loaded, with unchanged items copied from the previous dumps).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import build
from osce_rdf.pipeline.lock import LOCK_FILE
from osce_rdf.pipeline.store import open_store
from osce_rdf.pipeline.text_index import TextIndex
from osce_rdf.rendering.dumps import DUMPS_DIR, OUTPUT_FILES
from osce_rdf.sparql.dataset import Dataset, load_into_build

from .conftest import output_bytes

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?item a <https://schema.org/NewsArticle> }"


@dataclass
class Start:
    """Pages after their change, the folder built before it (None: cold), the clean build."""

    name: str
    pages: Path
    before: Path | None
    clean: Path
    items_before: int
    items_after: int


def _change_few(pages: Path) -> None:
    seed = pages / "000_b58f2e4459b73bca.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("experts meeting", "experts' meeting"),
        encoding="utf-8",
    )
    (pages / "012_item_press-release-1997-tirana.txt").unlink()


def _change_many(pages: Path) -> None:
    for number, page in enumerate(sorted(pages.iterdir())):
        if number % 3 == 0:
            page.write_bytes(page.read_bytes().rstrip(b"\n") + b" The Mission will report.\n")
    (pages / "100_listing_2015-elections.txt").unlink()


def _items(folder: Path) -> int:
    return int(Dataset.open(folder).query(COUNT).rows()[0]["n"])


@pytest.fixture(scope="module")
def starts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Start]:
    """Each starting point, built once; scenarios work on copies."""
    base = tmp_path_factory.mktemp("starts")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    found: dict[str, Start] = {}
    try:
        for name, change in (("few", _change_few), ("many", _change_many)):
            pages = base / f"pages-{name}"
            shutil.copytree(PAGES_DIR, pages)
            before = base / f"before-{name}"
            build([pages], before, workers=1)
            change(pages)
            clean = base / f"clean-{name}"
            build([pages], clean, workers=1, incremental=False)
            found[name] = Start(name, pages, before, clean, _items(before), _items(clean))
        few = found["few"]
        found["cold"] = Start("cold", few.pages, None, few.clean, 0, few.items_after)
    finally:
        mp.undo()
    return found


def _copy(start: Start, out: Path) -> None:
    if start.before is not None:
        shutil.copytree(start.before, out, symlinks=True)  # a copy keeps mtimes: still trusted


def _run(points: str, pages: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """The CLI with faults, in a session of its own, so that an interrupt reaches only it and
    its workers; returns once every process of that session is gone (or fails)."""
    command = [sys.executable, "-m", "tests.faults", points, "--", "build", str(pages)]
    process = subprocess.Popen(
        [*command, "-o", str(out), *options],
        cwd=ROOT,
        env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"{points}: the build hung") from None
    _wait_for_session(process.pid)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _wait_for_session(session: int) -> None:
    """Every process the build started (workers, the store loader) must end by itself."""
    deadline = time.monotonic() + 10
    while (left := _members(session)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if left:
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        raise AssertionError(f"processes of the stopped build still running: {left}")


def _members(session: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":  # session id, state
                found.append(int(entry.name))
    return found


def store_nquads(folder: Path) -> list[str]:
    return sorted(f"{q} .\n" for q in open_store(folder).quads_for_pattern(None, None, None))


def _index_entries(folder: Path) -> list[tuple[str, str, bytes]]:
    index = TextIndex.open(folder)
    assert index is not None, "the text index fits the store"
    return list(index.entries(exclude=set()))


def _names(folder: Path) -> list[str]:
    """What a folder holds, generations by kind; the dumps' generation before the current one
    stays (for readers that began before the build) and is left out."""
    current = (folder / DUMPS_DIR).resolve().name
    older = [
        int(p.name.removeprefix(".dumps-"))
        for p in folder.iterdir()
        if p.name.startswith(".dumps-") and p.name != current
    ]
    if older and max(older) < int(current.removeprefix(".dumps-")):
        older.remove(max(older))
    return sorted(
        ".store-N" if p.name.startswith(".store-") else ".dumps-N" if p.name == current else p.name
        for p in folder.iterdir()
        if not (p.name.startswith(".dumps-") and p.name != current)
    ) + [f".dumps-{number} (left over)" for number in older]


def assert_like_clean(out: Path, clean: Path) -> None:
    for name in OUTPUT_FILES:
        assert output_bytes(out, name) == output_bytes(clean, name), name
    assert store_nquads(out) == store_nquads(clean)
    assert _index_entries(out) == _index_entries(clean)
    assert _names(out) == _names(clean)  # no temporary file, old store or lock left


RENDER = ["identify", "render", "write", "validated"]  # read, rendered, written, validated
LOADING = ["load", "loader-finish", "loaded", "text-index"]  # a new store, and its text index
IN_PLACE = ["copy", "checkpoint", "update", "updated", "text-index"]  # a checkpoint updated
COMMIT = ["dumps", "one-dump", "dumps-renamed", "dumps-switched", "switch", "switched"]
COMMIT += ["index", "indexed"]
COMMIT += ["discard"]  # the previous store removed
# Every stage is killed (SIGKILL) and interrupted (SIGINT) from a built folder; the stages
# that a cold build goes through otherwise (reading, loading, committing) are killed from an
# empty folder too. The store loader is killed while loading and while compacting.
SCENARIOS = [
    *(("few", point, action) for point in RENDER + IN_PLACE + COMMIT for action in ("kill", "interrupt")),
    *(("many", point, action) for point in [*RENDER, "copy", *LOADING] for action in ("kill", "interrupt")),
    *(("cold", point, "kill") for point in RENDER + LOADING + COMMIT),
    *((start, point, "kill-loader") for start in ("cold", "many") for point in ("load", "loader-finish")),
]  # fmt: skip


@pytest.mark.parametrize(("start_name", "point", "action"), SCENARIOS)
def test_the_build_after_a_stopped_build_equals_a_clean_build(
    starts: dict[str, Start],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    start_name: str,
    point: str,
    action: str,
) -> None:
    start = starts[start_name]
    out = tmp_path / "out"
    _copy(start, out)
    stopped = _run(f"{point}:{action}", start.pages, out, "--workers", "1")
    expected = {"kill": -signal.SIGKILL, "interrupt": 130, "kill-loader": 2}[action]
    assert stopped.returncode == expected, stopped.stderr
    if action != "kill":
        assert "Traceback" not in stopped.stderr
        assert len(stopped.stderr.strip().splitlines()) == 1, stopped.stderr
    if (out / "store").exists():  # a query now reads one whole store, the old or the new
        assert _items(out) in {start.items_before, start.items_after}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    again = build([start.pages], out, workers=1)
    assert again.exit_code == 0
    assert_like_clean(out, start.clean)


@pytest.mark.parametrize("point", ["identify", "render"])
def test_a_killed_worker_stops_the_build_with_one_line(
    starts: dict[str, Start], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    """Before, the build waited for ever for the batch the dead worker held."""
    start = starts["many"]
    out = tmp_path / "out"
    _copy(start, out)
    stopped = _run(f"{point}:kill", start.pages, out, "--workers", "2")
    assert stopped.returncode == 2
    assert stopped.stderr.strip().splitlines() == [
        "osce-rdf: error: a worker process stopped before finishing its pages (killed, or out "
        "of memory?); nothing was written"
    ]
    assert _items(out) == start.items_before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build([start.pages], out, workers=2).exit_code == 0
    assert_like_clean(out, start.clean)


@pytest.mark.parametrize("action", ["kill", "interrupt"])
def test_workers_end_with_their_build(
    starts: dict[str, Start], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    """Before, workers of a killed build waited for work for ever."""
    start = starts["cold"]
    out = tmp_path / "out"
    stopped = _run(f"write:{action}", start.pages, out, "--workers", "2")  # checks none is left
    assert stopped.returncode == {"kill": -signal.SIGKILL, "interrupt": 130}[action]
    if action == "interrupt":
        assert stopped.stderr == "osce-rdf: interrupted\n"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build([start.pages], out, workers=2).exit_code == 0
    assert_like_clean(out, start.clean)


def test_workers_stop_once_the_last_batch_is_back(
    starts: dict[str, Start], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, the two workers, idle once the last batch was back (230 MB each at 25,000
    pages), lived to the end of the build: the union, the store's compaction and the text
    index, where the build's memory peaked."""
    start = starts["cold"]
    module = sys.modules["osce_rdf.pipeline.build"]  # `build` in the package is the function
    monkeypatch.setattr(module, "_BATCH", 4)  # several batches from a few pages: workers used
    while_written: list[int] = []
    at_the_union: list[int] = []
    account, union = module._Assembler._account, module._Assembler._union

    def account_counted(self: Any, *args: Any) -> Any:
        while_written.append(len(multiprocessing.active_children()))
        return account(self, *args)

    def union_counted(self: Any, *args: Any, **options: Any) -> Any:
        at_the_union.append(len(multiprocessing.active_children()))
        return union(self, *args, **options)

    monkeypatch.setattr(module._Assembler, "_account", account_counted)
    monkeypatch.setattr(module._Assembler, "_union", union_counted)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "out"
    assert build([start.pages], out, workers=2).exit_code == 0
    assert while_written[0] == 2  # the first pages are written while the workers render
    assert at_the_union == [0]
    assert_like_clean(out, start.clean)


def _pauses(process: subprocess.Popen[str], exit_code: list[int]) -> Iterator[None]:
    """Each time the build stops itself (SIGSTOP at a point), once; it is continued after.
    Its exit code goes to `exit_code` (waitpid reports every stop, so none is missed)."""
    while True:
        _, status = os.waitpid(process.pid, os.WUNTRACED)
        if os.WIFSTOPPED(status):
            yield
            os.kill(process.pid, signal.SIGCONT)
        else:
            exit_code.append(os.waitstatus_to_exitcode(status))
            process.returncode = exit_code[0]
            return


@pytest.mark.parametrize("start_name", ["few", "many"])
def test_queries_during_a_build_read_the_last_complete_store(
    starts: dict[str, Start], tmp_path: Path, start_name: str
) -> None:
    """Before, the item count fell to 0 while the store was being replaced."""
    start = starts[start_name]
    out = tmp_path / "out"
    _copy(start, out)
    store = "updated" if start_name == "few" else "loaded"
    # in the order the build reaches them; the store is switched between the 6th and 7th
    points = ["render", "write", store, "text-index", "dumps-renamed", "switch", "switched"]
    points += ["indexed"]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.faults", ",".join(f"{p}:stop" for p in points), "--",
         "build", str(start.pages), "-o", str(out), "--workers", "1"],
        cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    exit_code: list[int] = []
    counts = [_items(out) for _ in _pauses(process, exit_code)]
    assert exit_code == [0]
    assert counts == [start.items_before] * 6 + [start.items_after] * 2
    assert_like_clean(out, start.clean)


def test_a_second_build_into_the_folder_fails_at_once(
    starts: dict[str, Start], tmp_path: Path
) -> None:
    start = starts["few"]
    out = tmp_path / "out"
    _copy(start, out)
    first = subprocess.Popen(
        [sys.executable, "-m", "tests.faults", "write:stop", "--", "build", str(start.pages),
         "-o", str(out), "--workers", "1"],
        cwd=ROOT, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    exit_code: list[int] = []
    for _ in _pauses(first, exit_code):
        began = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "osce_rdf", "build", str(start.pages), "-o", str(out)],
            cwd=ROOT, capture_output=True, text=True, check=False,
            env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
        )  # fmt: skip
        assert time.monotonic() - began < 20  # at once: it does not wait for the first
        assert second.returncode == 2
        assert second.stderr.splitlines() == [
            f"osce-rdf: error: another build is writing {out} (process {first.pid})"
        ]
        correction = tmp_path / "correction.trig"
        correction.write_text("<urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> }\n", encoding="utf-8")
        with pytest.raises(Exception, match="another build is writing"):
            load_into_build(out, [correction])
    assert exit_code == [0]
    assert_like_clean(out, start.clean)


def test_a_stale_lock_is_taken_over(starts: dict[str, Start], tmp_path: Path) -> None:
    """A lock file left by a build that was killed names a process that no longer holds it."""
    start = starts["few"]
    out = tmp_path / "out"
    _copy(start, out)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    (out / LOCK_FILE).write_text(dead.stdout, encoding="ascii")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        assert build([start.pages], out, workers=1).exit_code == 0
    finally:
        mp.undo()
    assert_like_clean(out, start.clean)
