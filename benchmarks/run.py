"""The benchmark: archive-scale build, validation, incremental rebuild and queries, with figures.

For each corpus size it generates (or reuses) a deterministic corpus (`generate.py`), then
measures, in one run on the same machine:

    cold build      pages -> validated TriG + Turtle + JSON-LD + store, from scratch
                    (`--enrichment-cost`: also without the body-text enrichment)
    validate        `osce-rdf validate DIR` alone (its osce.trig, read from its parts)
    site            `osce-rdf site` of the cold build, from scratch, and its time as a share
                    of the cold build's (the site's speed target: at most 0.5; `--no-site`
                    skips both site steps)
    incremental     one page changed, rebuilt into the same folder; then checked
                    byte-identical to a cold build of the changed corpus (`--no-verify` skips;
                    `--incremental-runs N`: N rebuilds, each after one more change, median)
                    (`--most-changed`: also nine pages in ten changed, rebuilt incrementally
                    and with --full, with the size of each store; on a copy of the corpus)
    site, 1 page    the site updated after that change; checked identical to a cold site
    resident        `--watch-runs N`: one page changed N times, each change rebuilt both by a
                    new process (`osce-rdf build`, as above) and by one process that keeps
                    its `Builder` (`resident.py`, as `build --watch`), alternately, into two
                    copies of the cold build; the medians, the resident's max, their ratio,
                    and whether the two folders end with the same dumps and text index
    serve load      `--serve-load`: 20 clients ask `osce-rdf serve` for entity pages
                    (`serve_load.py`); p95 latency and failures
    queries         every catalogue query on the embedded store, and on rdflib in memory
                    (`--union-of-graphs`: also on Oxigraph's union of the named graphs, the
                    layout of a store holding each triple once in its graphs; decision 0025)
    baseline        rdflib graph building + whole-graph pySHACL + rdflib serialisation
                    (`baseline.py`), for sizes up to `--baseline-max`

Every step runs as its own process; wall time and peak memory (the proportional set size
summed over the process and its workers, sampled from /proc every 20 ms) are recorded. Ratios are against the
baseline measured in the same run, because these machines are noisy. It prints a table and
writes JSON (`--json`) so runs can be compared over time.

    python benchmarks/run.py --sizes 1000,5000,25000
    python benchmarks/run.py --sizes 1000,100000 --baseline-max 0 --no-verify --no-queries \
        --no-validate
    python benchmarks/report.py benchmarks/out/*.json > benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.report import table  # noqa: E402

__all__ = ["Measurement", "main", "measure"]


@dataclass
class Measurement:
    step: str
    pages: int
    wall_s: float
    peak_rss_mb: float
    returncode: int
    cpu_s: float = 0.0  # process time (user + system) of the process and all its workers
    items: int = 0
    triples: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall_s if self.wall_s else 0.0

    @property
    def triples_per_s(self) -> float:
        return self.triples / self.wall_s if self.wall_s else 0.0


def _tree_memory_kb(pid: int) -> int:
    """Memory of a process and all its descendants, from /proc (Linux): the sum of their
    proportional set sizes (Pss), so pages that forked workers share are counted once, not
    once per process as a sum of RSS would; VmRSS where smaps_rollup is missing."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        proc = Path(f"/proc/{current}")
        try:
            rollup = proc / "smaps_rollup"
            lines = (
                (rollup if rollup.exists() else proc / "status")
                .read_text(encoding="ascii")
                .splitlines()
            )
            for line in lines:
                if line.startswith(("Pss:", "VmRSS:")):
                    total += int(line.split()[1])
                    break
            for task in (proc / "task").iterdir():
                pending.extend(
                    int(child) for child in (task / "children").read_text(encoding="ascii").split()
                )
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


# ext4 without a journal (this machine's disk) holds back an inode it freed for 60 s, or 360 s
# while its inode table block is unwritten, and making a file then looks at each such inode in
# turn (perf: find_inode_bit -> recently_deleted). A site of 25,000 pages made three minutes
# after the last one was deleted spent 35 s of system time a worker instead of 7-8, and took
# 105 s instead of 73-81 s. So the site is timed only once what this run deleted is reusable.
_INODES_HELD_S = 370.0
_MANY_FILES = 10_000  # a deletion this large is waited for
_deleted_at = -_INODES_HELD_S  # when this run last deleted that many files (monotonic)


def _delete(folder: Path) -> None:
    """Delete a folder the benchmark made, remembering when a large one went."""
    global _deleted_at  # noqa: PLW0603 - one run's clock
    if not folder.exists():
        return
    files = sum(len(names) for _, _, names in os.walk(folder))
    shutil.rmtree(folder, ignore_errors=True)
    if files >= _MANY_FILES:
        _deleted_at = time.monotonic()


def _wait_for_freed_inodes() -> None:
    """Before a step that makes many files: wait until the inodes this run freed are reused
    like any other (see `_INODES_HELD_S`)."""
    wait = _deleted_at + _INODES_HELD_S - time.monotonic()
    if wait > 0:
        print(f"waiting {wait:.0f} s: inodes freed by a deletion are held back", file=sys.stderr)
        time.sleep(wait)


_SAMPLE_EVERY_S = 0.02  # memory sampled this often, unless a sample costs more than...
_SAMPLING_SHARE = 0.05  # ...this share of one core


def measure(
    step: str, pages: int, command: list[str], env: dict[str, str] | None = None
) -> tuple[Measurement, str]:
    """Run a command; its wall time, CPU time and the peak memory of its process tree, and
    its stdout. CPU time is what a loaded machine changes least: the wall time of two runs on
    two cores shared with other work can differ twofold."""
    # What the last step left for the kernel to write goes to disk first, untimed: when a
    # cold build of 25,000 pages ends, 300-400 MB of its files are not yet written
    # (/proc/meminfo's Dirty), and the step after it would share the disk and the cores with
    # that writing.
    os.sync()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    peak = 0
    sampling = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, sampling
        while not done.is_set():
            before = time.thread_time()
            peak = max(peak, _tree_memory_kb(process.pid))
            cost = time.thread_time() - before
            sampling += cost
            # Reading a process's Pss walks its page tables: 80 ms of CPU for a process of
            # 2.6 GB. Every 20 ms, as before, the sampler took a core from the site's workers
            # at 25,000 pages (332 s measured, 213 s without it). Waiting 19 times what a
            # sample cost keeps it under a twentieth of one core.
            done.wait(max(_SAMPLE_EVERY_S, cost * (1 / _SAMPLING_SHARE - 1)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    # The terminated children waited for, with the workers each of them waited for.
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime - children.ru_utime + used.ru_stime - children.ru_stime
    if process.returncode not in (0, 1):
        print(f"{step}: exit {process.returncode}\n{stderr[-2000:]}", file=sys.stderr)
    measured = Measurement(step, pages, wall, peak / 1024, process.returncode, cpu)
    measured.extra["sampling_cpu_s"] = round(sampling, 3)
    return measured, stdout


def _summary_number(stdout: str, label: str) -> int:
    for line in stdout.splitlines():
        if line.startswith(label + ":"):
            return int(line.split(":")[1].split()[0])
    return 0


BUILD_OPTIONS: list[str] = []  # passed to every build (`--no-enrich`)


def _osce(*args: str) -> list[str]:
    extra = BUILD_OPTIONS if args[0] == "build" else []
    return [sys.executable, "-m", "osce_rdf", *args, *extra]


def _touch_one_page(corpus: Path) -> tuple[Path, bytes]:
    """Change one good page's body a little; return it and its old content."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    faulty = {entry["page"] for entry in manifest["faults"]}
    for page in sorted(corpus.rglob("*.txt")):
        relative = page.relative_to(corpus).as_posix()
        if relative not in faulty and "listing" not in page.name:
            old = page.read_bytes()
            page.write_bytes(old.rstrip(b"\n") + b" The Mission will report on the results.\n")
            return page, old
    raise SystemExit("no page to change")


def _same_files(a: Path, b: Path) -> bool:
    """Whether two builds give the same bytes: each dump joined from its parts, the context."""
    from osce_rdf.rendering.dumps import DUMP_FORMATS, DumpReader

    for dump in DUMP_FORMATS:
        with DumpReader(a, dump) as first, DumpReader(b, dump) as second:
            if first.size != second.size:
                return False
            while chunk := first.read(16 << 20):
                if chunk != second.read(len(chunk)):
                    return False
    return (a / "context.jsonld").read_bytes() == (b / "context.jsonld").read_bytes()


def _store_mb(out: Path) -> float:
    return sum(f.stat().st_size for f in (out / "store").resolve().iterdir()) / 1e6


def _most_changed(
    size: int, corpus: Path, env: dict[str, str], args: argparse.Namespace
) -> list[Measurement]:
    """An incremental build after nine pages in ten changed, and --full on the same pages."""
    pages, out, full = (args.out_dir / f"{size}-{name}" for name in ("pages", "changed", "full"))
    for folder in (pages, out, full):
        _delete(folder)
    shutil.copytree(corpus, pages)
    subprocess.run(_osce("build", str(pages), "-o", str(out)), env=env, cwd=ROOT,
                   capture_output=True, check=False)  # fmt: skip
    for number, page in enumerate(sorted(pages.rglob("*.txt"))):
        if number % 10:
            page.write_bytes(page.read_bytes().rstrip(b"\n") + b" The Mission will report.\n")
    results = []
    for step, folder, options in (
        ("incremental (9 in 10 pages changed)", out, []),
        ("--full (the same pages)", full, ["--full"]),
    ):
        measured, stdout = measure(
            step, size, [*_osce("build", str(pages), "-o", str(folder)), *options], env
        )
        measured.items = _summary_number(stdout, "items")
        measured.triples = _summary_number(stdout, "triples")
        measured.extra["store_mb"] = _store_mb(folder)
        results.append(measured)
    results[0].extra["identical_to_cold"] = _same_files(out, full)
    for folder in (pages, out, full):
        _delete(folder)
    return results


def _same_site(a: Path, b: Path) -> bool:
    """Two sites hold the same files, but for the folder the server configurations name."""

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes().replace(
                str(root.resolve()).encode(), b"ROOT"
            )
            for p in root.rglob("*")
            if p.is_file() and p.name != ".osce-rdf-site.json"
        }

    return files(a) == files(b)


def _resident(
    size: int, corpus: Path, out: Path, env: dict[str, str], args: argparse.Namespace
) -> list[Measurement]:
    """One page changed `--watch-runs` times; each change rebuilt by a new process into one
    copy of the cold build and by the resident process into another, first one then the
    other (a loaded machine's drift falls on both alike)."""
    fresh_out, resident_out = (args.out_dir / f"{size}-{name}" for name in ("fresh", "resident"))
    for folder in (fresh_out, resident_out):
        _delete(folder)
        shutil.copytree(out, folder, symlinks=True)
    command = [sys.executable, str(HERE / "resident.py"), str(corpus), str(resident_out)]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    assert process.stdin is not None and process.stdout is not None
    peak = 0
    page, old = None, b""
    try:
        if process.stdout.readline() != "ready\n":
            raise SystemExit("resident.py did not start")
        fresh: list[Measurement] = []
        resident: list[dict[str, Any]] = []
        for run in range(args.watch_runs):
            page, before = _touch_one_page(corpus)
            old = old or before
            for turn in ("fresh", "resident") if run % 2 == 0 else ("resident", "fresh"):
                if turn == "fresh":
                    build = _osce("build", str(corpus), "-o", str(fresh_out))
                    measured, stdout = measure("fresh process (1 page)", size, build, env)
                    measured.items = _summary_number(stdout, "items")
                    measured.triples = _summary_number(stdout, "triples")
                    fresh.append(measured)
                else:
                    process.stdin.write(f"{os.path.abspath(page)}\n")  # noqa: PTH100 - as Builder names pages
                    process.stdin.flush()
                    resident.append(json.loads(process.stdout.readline()))
                    peak = max(peak, _tree_memory_kb(process.pid))
    finally:
        if page is not None:
            page.write_bytes(old)
        process.stdin.close()
        process.wait()
    walls = sorted(r["wall_s"] for r in resident)
    cpus = sorted(r["cpu_s"] for r in resident)
    by_wall = sorted(fresh, key=lambda m: m.wall_s)
    new_process = by_wall[len(by_wall) // 2]
    new_process.extra["runs_wall_s"] = [round(m.wall_s, 3) for m in fresh]
    new_process.extra["runs_cpu_s"] = [round(m.cpu_s, 3) for m in fresh]
    median_cpu = sorted(m.cpu_s for m in fresh)[len(fresh) // 2]
    kept = Measurement(
        "resident (1 page)",
        size,
        walls[len(walls) // 2],
        peak / 1024,
        process.returncode,
        cpus[len(cpus) // 2],
        resident[-1]["items"],
        resident[-1]["triples"],
        {
            "max_wall_s": walls[-1],
            "runs_wall_s": [round(r["wall_s"], 3) for r in resident],
            "runs_cpu_s": [round(r["cpu_s"], 3) for r in resident],
            "pages_read": sorted({r["rebuilt"] for r in resident}),
            "wall_vs_fresh_process": walls[len(walls) // 2] / new_process.wall_s,
            "cpu_vs_fresh_process": cpus[len(cpus) // 2] / median_cpu,
            "identical_to_fresh_process": _same_files(resident_out, fresh_out)
            and (resident_out / "text-index.bin").read_bytes()
            == (fresh_out / "text-index.bin").read_bytes(),
        },
    )
    for folder in (fresh_out, resident_out):
        _delete(folder)
    return [new_process, kept]


def run_size(size: int, args: argparse.Namespace) -> list[Measurement]:
    corpus = args.corpus_dir / f"{size}-seed{args.seed}"
    if not (corpus / "manifest.json").exists():
        _delete(corpus)
        print(f"generating {size} pages into {corpus} ...", file=sys.stderr)
        generate(size, corpus, seed=args.seed, faulty=args.faulty)
    out = args.out_dir / str(size)
    site_out = args.out_dir / f"{size}-site"
    # The last run's folders go first; the site is timed once their inodes can be reused
    # (`_wait_for_freed_inodes`): it writes 340,000 files.
    for folder in (out, site_out, args.out_dir / f"{size}-site-verify"):
        _delete(folder)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    results: list[Measurement] = []

    cold, stdout = measure("cold build", size, _osce("build", str(corpus), "-o", str(out)), env)
    cold.items = _summary_number(stdout, "items")
    cold.triples = _summary_number(stdout, "triples")
    results.append(cold)

    if args.enrichment_cost:
        plain_out = args.out_dir / f"{size}-no-enrich"
        _delete(plain_out)
        plain, stdout = measure(
            "cold build, no enrichment",
            size,
            [*_osce("build", str(corpus), "-o", str(plain_out)), "--no-enrich"],
            env,
        )
        plain.items = _summary_number(stdout, "items")
        plain.triples = _summary_number(stdout, "triples")
        results.append(plain)
        _delete(plain_out)

    if args.site:
        _wait_for_freed_inodes()
        site, _ = measure(
            "site (cold)", size, _osce("site", "--data", str(out), "-o", str(site_out)), env
        )
        site.items, site.triples = cold.items, cold.triples
        site.extra["files"] = sum(1 for p in site_out.rglob("*") if p.is_file())
        site.extra["vs_cold_build"] = site.wall_s / cold.wall_s  # the target: at most 0.5
        site.extra["cpu_vs_cold_build"] = site.cpu_s / cold.cpu_s if cold.cpu_s else 0.0
        results.append(site)

    if args.validate:
        validate, _ = measure(
            "validate", size, _osce("validate", str(out), "--format", "json"), env
        )
        validate.items, validate.triples = cold.items, cold.triples
        results.append(validate)

    if args.watch_runs:
        results.extend(_resident(size, corpus, out, env, args))

    page, old = _touch_one_page(corpus)
    try:
        # Each run changes the same page once more; the median run (by wall time) is kept.
        runs: list[tuple[Measurement, str]] = []
        for run in range(args.incremental_runs):
            if run:
                _touch_one_page(corpus)
            runs.append(
                measure(
                    "incremental (1 page)", size, _osce("build", str(corpus), "-o", str(out)), env
                )
            )
        incremental, stdout = sorted(runs, key=lambda r: r[0].wall_s)[len(runs) // 2]
        if len(runs) > 1:
            incremental.extra["runs_wall_s"] = [round(r.wall_s, 2) for r, _ in runs]
            incremental.extra["runs_cpu_s"] = [round(r.cpu_s, 2) for r, _ in runs]
        incremental.items = _summary_number(stdout, "items")
        incremental.triples = _summary_number(stdout, "triples")
        if args.verify:
            verify_out = args.out_dir / f"{size}-verify"
            _delete(verify_out)
            subprocess.run(
                _osce("build", str(corpus), "-o", str(verify_out), "--no-store"),
                env=env,
                cwd=ROOT,
                capture_output=True,
                check=False,
            )
            incremental.extra["identical_to_cold"] = _same_files(out, verify_out)
            _delete(verify_out)
        results.append(incremental)
        if args.site:
            updated, _ = measure(
                "site (1 page changed)",
                size,
                _osce("site", "--data", str(out), "-o", str(site_out)),
                env,
            )
            updated.items, updated.triples = cold.items, cold.triples
            if args.verify:
                fresh = args.out_dir / f"{size}-site-verify"
                _delete(fresh)
                subprocess.run(_osce("site", "--data", str(out), "-o", str(fresh)), env=env, cwd=ROOT,
                               capture_output=True, check=False)  # fmt: skip
                updated.extra["identical_to_cold"] = _same_site(site_out, fresh)
                _delete(fresh)
            results.append(updated)
    finally:
        page.write_bytes(old)

    if args.most_changed:
        results.extend(_most_changed(size, corpus, env, args))
    if args.serve_load:
        load, stdout = measure(
            "serve load (20 clients)",
            size,
            [
                sys.executable,
                str(HERE / "serve_load.py"),
                str(out),
                "--seconds",
                str(args.serve_seconds),
                "--workers",
                str(args.serve_workers),
            ],
            env,
        )
        load.extra = json.loads(stdout) if stdout.strip() else {}
        results.append(load)

    if args.queries:
        command = [
            sys.executable,
            str(HERE / "queries.py"),
            str(out),
            "--runs",
            str(args.query_runs),
        ]
        if size > args.rdflib_max:
            command.append("--no-rdflib")
        if args.union_of_graphs:
            command.append("--union-of-graphs")
        queries, stdout = measure("queries (store)", size, command, env)
        queries.extra = json.loads(stdout) if stdout.strip() else {}
        results.append(queries)

    if size <= args.baseline_max:
        baseline, stdout = measure(
            "baseline (rdflib+pySHACL)",
            size,
            [
                sys.executable,
                str(HERE / "baseline.py"),
                str(corpus),
                str(args.out_dir / f"{size}-baseline"),
                *BUILD_OPTIONS,
            ],
            env,
        )
        baseline.extra = json.loads(stdout) if stdout.strip() else {}
        baseline.items = int(baseline.extra.get("items", 0))
        baseline.triples = int(baseline.extra.get("triples", 0))
        results.append(baseline)
        _delete(args.out_dir / f"{size}-baseline")
    return results


def _machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            line
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memory = "unknown"
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory.split(":", 1)[-1].strip(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,5000,25000", help="comma-separated page counts")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--faulty", type=float, default=0.02, help="share of faulty pages")
    parser.add_argument(
        "--baseline-max", type=int, default=25000, help="largest size to run the baseline on"
    )
    parser.add_argument(
        "--no-verify", dest="verify", action="store_false", help="skip the byte-identity check"
    )
    parser.add_argument(
        "--rdflib-max", type=int, default=5000, help="largest size to time rdflib's queries on"
    )
    parser.add_argument(
        "--no-queries", dest="queries", action="store_false", help="skip the catalogue queries"
    )
    parser.add_argument(
        "--incremental-runs",
        type=int,
        default=1,
        help="one-page rebuilds to time, each after one more change (the median is kept)",
    )
    parser.add_argument(
        "--watch-runs",
        type=int,
        default=0,
        help="also one page changed N times, rebuilt alternately by a new process and by one "
        "that keeps its Builder, as `build --watch` (resident.py); medians and their ratio",
    )
    parser.add_argument(
        "--no-validate",
        dest="validate",
        action="store_false",
        help="skip `osce-rdf validate` (at 100,000 pages it holds about 18 GB)",
    )
    parser.add_argument(
        "--no-site",
        dest="site",
        action="store_false",
        help="skip the static site (cold, and after one page changed)",
    )
    parser.add_argument(
        "--most-changed",
        action="store_true",
        help="also rebuild after nine pages in ten changed, incrementally and with --full",
    )
    parser.add_argument("--query-runs", type=int, default=3, help="runs per query (median)")
    parser.add_argument(
        "--union-of-graphs",
        action="store_true",
        help="also time each query on Oxigraph's union of the named graphs (stopped at 60 s)",
    )
    parser.add_argument("--corpus-dir", type=Path, default=HERE / "corpus")
    parser.add_argument("--out-dir", type=Path, default=HERE / "out")
    parser.add_argument("--json", type=Path, default=HERE / "out" / "results.json")
    parser.add_argument(
        "--no-enrich", action="store_true", help="build without the body-text enrichment"
    )
    parser.add_argument(
        "--enrichment-cost",
        action="store_true",
        help="also time a cold build without enrichment, right after the cold build",
    )
    parser.add_argument(
        "--serve-load", action="store_true", help="also load-test `osce-rdf serve` (serve_load.py)"
    )
    parser.add_argument("--serve-seconds", type=float, default=20.0)
    parser.add_argument("--serve-workers", type=int, default=2, help="server processes")
    args = parser.parse_args()
    # Commands are timed as installed from a wheel, with their modules compiled: where
    # PYTHONDONTWRITEBYTECODE is set, every command compiled the package again (0.5 s of a
    # one-page rebuild).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "osce_rdf")], check=True)
    if args.no_enrich:
        BUILD_OPTIONS.append("--no-enrich")
    measurements: list[Measurement] = []
    for size in (int(s.replace("_", "")) for s in args.sizes.split(",")):
        for m in run_size(size, args):
            measurements.append(m)
            print(
                f"{m.pages:>7,} {m.step:<28} {m.wall_s:8.2f} s {m.peak_rss_mb:8.0f} MB",
                file=sys.stderr,
            )
    document: dict[str, Any] = {
        "measured": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "measurements": [
            asdict(m) | {"pages_per_s": m.pages_per_s, "triples_per_s": m.triples_per_s}
            for m in measurements
        ],
    }
    print(table(document["measurements"]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
