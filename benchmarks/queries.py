"""Time every catalogue query on a build: the embedded store, and rdflib in memory.

    python benchmarks/queries.py BUILD_DIR [--runs 5] [--no-rdflib] [--rdflib-timeout 60]

For each query (with the parameters of its header's example), the median of `--runs` runs
on the embedded store (opened once, as a user's session would), and one run on an rdflib
Dataset holding the same TriG in memory (the straightforward alternative), after loading it.
rdflib cannot be interrupted, so each of its queries runs in a forked copy of the process
(the loaded data shared, not reloaded), which is killed when it runs past
`--rdflib-timeout`: the query is reported as stopped, and the next one runs. POSIX only.
Prints one JSON object: per query, the store median and the rdflib time, in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import rdflib

from osce_rdf.sparql.catalogue import catalogue
from osce_rdf.sparql.dataset import Dataset

__all__ = ["main"]


def _rdflib_times(build: Path, dataset: Dataset, timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    memory = rdflib.Dataset(default_union=True)
    memory.parse(build / "osce.trig", format="trig")
    times: dict[str, Any] = {"_load": time.perf_counter() - started}
    for name, named in catalogue().items():
        text = dataset.prepare(name, named.example_params()).text
        times[name] = _timed_in_a_fork(partial(_run_all, memory, text), timeout)
    return times


def _run_all(memory: rdflib.Dataset, text: str) -> None:
    list(memory.query(text))


def _timed_in_a_fork(work: Callable[[], object], timeout: float) -> float | str:
    """Seconds `work` took in a forked child, or a note that it was stopped at `timeout`."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the child: run, report the time, and leave without cleaning up
        os.close(reader)
        started = time.perf_counter()
        work()
        os.write(writer, repr(time.perf_counter() - started).encode())
        os._exit(0)
    os.close(writer)
    ready, _, _ = select.select([reader], [], [], timeout)
    if not ready:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        os.close(reader)
        return f"stopped after {timeout:g} s"
    with os.fdopen(reader, "rb") as answer:
        elapsed = answer.read()
    os.waitpid(child, 0)
    return float(elapsed) if elapsed else "failed"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("build", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-rdflib", dest="rdflib", action="store_false")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    args = parser.parse_args()
    dataset = Dataset.open(args.build)
    report: dict[str, Any] = {}
    for name, named in catalogue().items():
        params = named.example_params()
        timings = []
        rows = 0
        for _ in range(args.runs):
            started = time.perf_counter()
            rows = len(dataset.query(name, params, timeout=600).raw)
            timings.append(time.perf_counter() - started)
        report[name] = {"store_median_s": statistics.median(timings), "rows": rows}
    if args.rdflib:
        for name, seconds in _rdflib_times(args.build, dataset, args.rdflib_timeout).items():
            report.setdefault(name, {})["rdflib_s"] = seconds
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
