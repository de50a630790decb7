"""Time every catalogue query on a build: the embedded store, and rdflib in memory.

    python benchmarks/queries.py BUILD_DIR [--runs 5] [--no-rdflib]

For each query (with the parameters of its header's example), the median of `--runs` runs
on the embedded store (opened once, as a user's session would), and one run on an rdflib
Dataset holding the same TriG in memory (the straightforward alternative), after loading it.
Prints one JSON object: per query, the store median and the rdflib time, in seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import rdflib

from osce_rdf.catalogue import catalogue
from osce_rdf.sparql import Dataset, _bind

__all__ = ["main"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("build", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-rdflib", dest="rdflib", action="store_false")
    args = parser.parse_args()
    dataset = Dataset.open(args.build)
    report: dict[str, dict[str, float | int | None]] = {}
    for name, named in catalogue().items():
        params = named.example_params()
        timings = []
        rows = 0
        for _ in range(args.runs):
            started = time.perf_counter()
            rows = len(dataset.query(name, params, timeout=600).raw)
            timings.append(time.perf_counter() - started)
        report[name] = {
            "store_median_s": statistics.median(timings),
            "rows": rows,
            "rdflib_s": None,
        }
    if args.rdflib:
        started = time.perf_counter()
        memory = rdflib.Dataset(default_union=True)
        memory.parse(args.build / "osce.trig", format="trig")
        load = time.perf_counter() - started
        for name, named in catalogue().items():
            text = _bind(named.text, dataset._terms(named, named.example_params()))
            started = time.perf_counter()
            list(memory.query(text))
            report[name]["rdflib_s"] = time.perf_counter() - started
        report["_rdflib_load"] = {"rdflib_s": load}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
