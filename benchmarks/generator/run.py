"""One run of the generator: which pages, in which worker, written where; and its record.

Pages go to `OUT/<year>/NNNNNN_<slug>.txt` (about 3,300 a folder for 100,000 pages). Besides
the pages, the output folder gets:

- `manifest.json`: the arguments, the counts (`GeneratedCorpus`), every faulty page with its
  kind of fault and, for pages the parser must refuse, the line its error must name, and
  every item published by a field operation after it closed (the shapes warn about those);
- `expected.jsonl`: one line per page, sorted by path: `{"page", "kind", "items": [[title
  line, publishing date, title, dateline as the parser reports it or null], ...]}` (and
  `"fault"` on faulty pages), so a benchmark can check what was read, not only how fast.

Neither ends in `.txt`, so the parser's page finder ignores both.

The corpus is a function of its arguments only: every page has its own `random.Random`,
seeded from one `random.Random(seed)`; nothing reads the clock or the hash seed, so the same
arguments give byte-identical files and a benchmark can compare runs. Pages are made and
written one at a time (files are written on background threads while the next page is
made), so 100,000 pages need little memory. Titles are unique per day, because an item's
IRI is its date and title and the build keeps only the first of two items with one IRI.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import datetime as dt
import json
import os
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from benchmarks.generator.faults import FAULT_KINDS
from benchmarks.generator.pages import PageWriter
from benchmarks.generator.reference import load_world
from benchmarks.generator.stories import Newsroom

FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
MANIFEST = "manifest.json"
EXPECTED = "expected.jsonl"
_PAGE_NAME = re.compile(r"^\d{6,}_[a-z0-9-]+\.txt$")
_YEAR_DIR = re.compile(r"^\d{4}$")
_CHUNK = re.compile(r"^\.expected-\d{4}\.part$")
_CHUNK_NAME = ".expected-{}.part"  # a year's lines of expected.jsonl, while workers write
_COUNT_KEYS = ("item_pages", "listing_pages", "items", "published_after_close", "bytes")


@dataclass(frozen=True)
class GeneratedCorpus:
    """What a run wrote: the counts a benchmark checks its parser against."""

    out: Path
    pages: int
    item_pages: int
    listing_pages: int
    items: int  # items the parser should read (faulty pages and entries excluded)
    faulty_pages: int
    faults: dict[str, int]  # by kind, every kind listed
    error_pages: int  # faulty pages the parser must refuse (all kinds but unknown_unit)
    published_after_close: int  # items by a field operation after it closed (a warning)
    bytes: int


def generate(
    pages: int,
    out: Path,
    seed: int = 42,
    faulty: float = 0.02,
    listing_share: float = 0.1,
    *,
    jobs: int | None = None,
) -> GeneratedCorpus:
    """Write `pages` saved pages under `out/<year>/`, plus manifest.json and expected.jsonl.

    `faulty` is the share of pages with a fault (spread evenly over `FAULT_KINDS`),
    `listing_share` the share of listing pages. The same arguments give the same bytes,
    whatever `jobs` is: pages are shared out by year, and what a page says depends only on
    its own seed and on the pages of its year before it (titles are unique per day).
    `jobs` worker processes write the pages (default: one per CPU, at most 4, for 10,000
    pages or more; one below that, where starting processes costs more than it saves).
    """
    if pages < 0:
        raise ValueError("pages must be 0 or more")
    if not 0 <= faulty <= 1 or not 0 <= listing_share <= 1:
        raise ValueError("faulty and listing_share are shares between 0 and 1")
    out = Path(out)
    _prepare(out)
    if jobs is None:
        jobs = min(4, os.cpu_count() or 1) if pages >= 10_000 else 1
    jobs = max(1, min(jobs, LAST_DAY.year - FIRST_DAY.year + 1))
    years = list(range(FIRST_DAY.year, LAST_DAY.year + 1))
    shared = (pages, str(out), seed, faulty, listing_share)
    tasks = [_Task(*shared, tuple(years[k::jobs])) for k in range(jobs)]
    if jobs == 1:
        parts = [_write_years(tasks[0])]
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(_write_years, tasks))
    with (out / EXPECTED).open("wb") as expected_file:
        for year in years:
            chunk = out / _CHUNK_NAME.format(year)
            if chunk.exists():
                expected_file.write(chunk.read_bytes())
                chunk.unlink()
    counts = {key: sum(part.counts[key] for part in parts) for key in _COUNT_KEYS}
    faults = sorted((f for part in parts for f in part.faults), key=lambda f: str(f["page"]))
    closed = sorted((a for part in parts for a in part.after_close), key=lambda a: str(a["page"]))
    by_kind = {kind: sum(1 for f in faults if f["kind"] == kind) for kind in FAULT_KINDS}
    errors = sum(1 for f in faults if f["error"])
    result = GeneratedCorpus(
        out, pages, faulty_pages=len(faults), faults=by_kind, error_pages=errors, **counts
    )
    arguments = {"pages": pages, "seed": seed, "faulty": faulty, "listing_share": listing_share}
    manifest: dict[str, object] = {"generator": "benchmarks/generate.py", "arguments": arguments}
    counted = {key: value for key, value in asdict(result).items() if key != "out"}
    manifest.update(counts=counted, faults=faults, published_after_close=closed)
    manifest["files"] = {"expected": EXPECTED}
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
    return result


def _prepare(out: Path) -> None:
    """Make `out` ready: new, empty, or a corpus written before (whose pages are replaced).

    Only files this generator writes are removed, so a mistyped --out cannot wipe a folder.
    """
    if not out.exists():
        out.mkdir(parents=True)
        return
    if not out.is_dir():
        raise NotADirectoryError(f"{out} is not a folder")
    entries = sorted(out.iterdir())
    if entries and not (out / MANIFEST).is_file():
        raise FileExistsError(f"{out} is not empty and holds no generated corpus ({MANIFEST})")
    for entry in entries:
        if entry.is_dir() and _YEAR_DIR.match(entry.name):
            for page in sorted(entry.iterdir()):
                if page.is_file() and _PAGE_NAME.match(page.name):
                    page.unlink()
            if not any(entry.iterdir()):
                entry.rmdir()
        elif entry.name in (MANIFEST, EXPECTED) or _CHUNK.match(entry.name):
            entry.unlink()


@dataclass(frozen=True)
class _Task:
    """What one worker process writes: every page of some years."""

    pages: int
    out: str
    seed: int
    faulty: float
    listing_share: float
    years: tuple[int, ...]


@dataclass
class _Part:
    """What one worker wrote (the pages themselves are on disk)."""

    counts: dict[str, int]
    faults: list[dict[str, object]]
    after_close: list[dict[str, object]]


def _plan(task: _Task) -> Iterator[tuple[int, int, dt.date, bool, str | None]]:
    """(index, seed, day, listing?, fault) of every page, the same in every process.

    A page's day and kind come from its seed's bits, so a process skips the pages of other
    years without making a random generator for them.
    """
    master = random.Random(task.seed)
    first, span = FIRST_DAY.toordinal(), LAST_DAY.toordinal() - FIRST_DAY.toordinal() + 1
    faulty_count = min(task.pages, round(task.pages * task.faulty))
    chosen = sorted(master.sample(range(task.pages), faulty_count))
    kinds = [FAULT_KINDS[i % len(FAULT_KINDS)] for i in range(faulty_count)]
    master.shuffle(kinds)
    fault_at = dict(zip(chosen, kinds, strict=True))
    for index in range(task.pages):
        seed = master.getrandbits(64)
        day = dt.date.fromordinal(first + seed % span)
        fault = fault_at.get(index)
        can_list = fault in (None, "impossible_date", "unknown_unit")  # a listing can have these
        listing = (seed >> 24) % 1_000_000 < task.listing_share * 1_000_000 and can_list
        yield index, seed, day, listing, fault


def _write_years(task: _Task) -> _Part:
    """Write the pages of `task.years` and their lines of expected.jsonl (one chunk a year)."""
    out = Path(task.out)
    writer = PageWriter(Newsroom(load_world(), task.seed))
    counts = dict.fromkeys(_COUNT_KEYS, 0)
    part = _Part(counts, [], [])
    wanted = frozenset(task.years)
    chunks: dict[int, IO[bytes]] = {}
    files = _Files()
    try:
        for index, seed, day, listing, fault in _plan(task):
            if day.year not in wanted:
                continue
            rng = random.Random(seed)
            folder = out / str(day.year)
            if day.year not in chunks:
                folder.mkdir(exist_ok=True)
                chunks[day.year] = (out / _CHUNK_NAME.format(day.year)).open("wb")
            make = writer.listing if listing else writer.item
            data, name, expected, found, closed = make(rng, day, index, fault)
            counts["listing_pages" if listing else "item_pages"] += 1
            page = f"{day.year}/{name}"
            part.after_close += [{"page": page, "line": ln, "unit": u} for ln, u in closed]
            counts["published_after_close"] += len(closed)
            files.write(f"{folder}/{name}", data)
            counts["bytes"] += len(data)
            counts["items"] += len(expected)
            items = [[line, when.isoformat(), title, text] for line, when, title, text in expected]
            record = {"page": page, "kind": "listing" if listing else "item", "items": items}
            if found is not None:
                found.page = page
                part.faults.append(asdict(found))
                record["fault"] = found.kind
            chunks[day.year].write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    finally:
        files.close()
        for chunk in chunks.values():
            chunk.close()
    return part


class _Files:
    """Writes files on background threads while the caller makes the next pages.

    Creating a file costs the file system about as much as making its text costs Python, and
    the threads wait on the disk without the GIL, so the two overlap. At most a few hundred
    pages wait in memory; `close` raises the first error a thread met.
    """

    def __init__(self, threads: int = 2) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(threads)
        self._pending: collections.deque[concurrent.futures.Future[int]] = collections.deque()

    def write(self, path: str, data: bytes) -> None:
        if len(self._pending) >= 256:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(Path(path).write_bytes, data))

    def close(self) -> None:
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            self._pool.shutdown(cancel_futures=True)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: write a corpus and print what was written and how long it took."""
    parser = argparse.ArgumentParser(
        prog="generate.py",
        description="Write a synthetic corpus of saved OSCE pages for benchmarks.",
    )
    add = parser.add_argument
    add("--pages", type=int, required=True, help="number of pages to write")
    add("--out", type=Path, required=True, help="folder to write them to")
    add("--seed", type=int, default=42, help="random seed (default: 42)")
    add("--faulty", type=float, default=0.02, help="share of faulty pages (default: 0.02)")
    add("--listing-share", type=float, default=0.1, help="share of listing pages (default: 0.1)")
    jobs = "worker processes (default: one per CPU, at most 4, from 10,000 pages on)"
    add("--jobs", type=int, help=jobs)
    a = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        result = generate(a.pages, a.out, a.seed, a.faulty, a.listing_share, jobs=a.jobs)
    except (ValueError, OSError) as error:
        print(f"generate.py: error: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    r, faults = result, ", ".join(f"{kind} {n}" for kind, n in result.faults.items())
    print(
        f"wrote {r.pages} pages ({r.item_pages} item pages, {r.listing_pages} listing pages,",
        end=" ",
    )
    print(f"{r.items} items, {r.bytes / 1e6:.1f} MB) to {r.out} in {seconds:.1f} s")
    print(f"faulty pages: {r.faulty_pages} ({faults}); after close: {r.published_after_close}")
    return 0
