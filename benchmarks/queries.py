"""Time every catalogue query on a build: the embedded store, and rdflib in memory.

    python benchmarks/queries.py BUILD_DIR [--runs 5] [--no-rdflib] [--rdflib-timeout 60]

For each query (with the parameters of its header's example), the median of `--runs` runs
on the embedded store (opened once, as a user's session would), and one run on an rdflib
Dataset holding the same TriG in memory (the straightforward alternative), after loading it.
rdflib cannot be interrupted: a query that runs past `--rdflib-timeout` is reported as
stopped, and the remaining ones are not run (the abandoned one would still use the CPU).
Prints one JSON object: per query, the store median and the rdflib time, in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import rdflib

from osce_rdf.catalogue import catalogue
from osce_rdf.sparql import Dataset, _bind

__all__ = ["main"]


def _rdflib_times(build: Path, dataset: Dataset, timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    memory = rdflib.Dataset(default_union=True)
    memory.parse(build / "osce.trig", format="trig")
    times: dict[str, Any] = {"_load": time.perf_counter() - started}
    for name, named in catalogue().items():
        text = _bind(named.text, dataset._terms(named, named.example_params()))
        done = threading.Event()

        def run(query: str = text, finished: threading.Event = done) -> None:
            list(memory.query(query))
            finished.set()

        started = time.perf_counter()
        threading.Thread(target=run, daemon=True).start()
        if not done.wait(timeout):
            times[name] = f"stopped after {timeout:g} s"
            break
        times[name] = time.perf_counter() - started
    return times


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
    os._exit(0)  # an abandoned rdflib query may still run: do not wait for it


if __name__ == "__main__":
    main()
