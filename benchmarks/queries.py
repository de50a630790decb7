"""Time every catalogue query on a build: the embedded store, and rdflib in memory.

    python benchmarks/queries.py BUILD_DIR [--runs 5] [--no-rdflib] [--rdflib-timeout 60]
                                           [--union-of-graphs] [--union-timeout 60]

For each query (with the parameters of its header's example), the median of `--runs` runs
on the embedded store (opened once, as a user's session would), and one run on an rdflib
Dataset holding the same TriG in memory (the straightforward alternative), after loading it.
rdflib cannot be interrupted, so each of its queries runs in a forked copy of the process
(the loaded data shared, not reloaded), which is killed when it runs past
`--rdflib-timeout`: the query is reported as stopped, and the next one runs. POSIX only.
Prints one JSON object: per query, the store median and the rdflib time, in seconds.

`--union-of-graphs` also times each query once as a store holding each triple once in its
named graphs would answer it: the same store, its default graph read as Oxigraph's union of
the named graphs (`use_default_graph_as_union`), in a process of its own that is killed at
`--union-timeout`; and says whether the rows are those of the default graph
(docs/decisions/0025).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from osce_rdf.rendering.dumps import TRIG, open_dump
from osce_rdf.sparql.catalogue import catalogue
from osce_rdf.sparql.dataset import Dataset

__all__ = ["main"]


def _rdflib_times(build: Path, dataset: Dataset, timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    memory = rdflib.Dataset(default_union=True)
    with open_dump(build, TRIG) as trig:
        memory.parse(trig, format="trig")
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


def _union_of_graphs(build: Path, name: str, timeout: float) -> dict[str, Any]:
    """One query on the union of the named graphs, in a child process stopped at `timeout`."""
    try:
        child = subprocess.run(
            [sys.executable, __file__, str(build), "--one-union", name],
            capture_output=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return {"union_of_graphs_s": f"stopped after {timeout:g} s"}
    found: dict[str, Any] = json.loads(child.stdout)
    return found


def _rows(answer: object) -> list[Any]:
    assert isinstance(answer, ox.QuerySolutions)  # the catalogue's queries are SELECTs
    return list(answer)


def _one_union(build: Path, name: str) -> None:
    dataset = Dataset.open(build)
    assert dataset.store is not None
    text = dataset.prepare(name, catalogue()[name].example_params()).text
    expected = sorted(str(list(row)) for row in _rows(dataset.store.query(text)))
    started = time.perf_counter()
    found = _rows(dataset.store.query(text, use_default_graph_as_union=True))
    seconds = time.perf_counter() - started
    same = sorted(str(list(row)) for row in found) == expected
    print(json.dumps({"union_of_graphs_s": seconds, "union_of_graphs_same_rows": same}))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("build", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-rdflib", dest="rdflib", action="store_false")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    parser.add_argument("--union-of-graphs", action="store_true")
    parser.add_argument("--union-timeout", type=float, default=60.0)
    parser.add_argument("--one-union", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_union:
        _one_union(args.build, args.one_union)
        return
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
        if args.union_of_graphs:
            report[name] |= _union_of_graphs(args.build, name, args.union_timeout)
    if args.rdflib:
        for name, seconds in _rdflib_times(args.build, dataset, args.rdflib_timeout).items():
            report.setdefault(name, {})["rdflib_s"] = seconds
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
