"""One process that rebuilds a build folder when told a page changed, as `build --watch` does
(`run.py --watch-runs N` drives it; docs/decisions/0042).

    python benchmarks/resident.py PAGES OUT

It builds PAGES into OUT once (OUT holds a build of the same pages: the index is read and
every page looked at, as a new process would), tidies and warms its pipeline as a watch does
before it waits (`Builder.tidy`, `Builder.warm`), prints `ready`, then for each line of stdin
(a changed page's absolute path) rebuilds with a `Builder` told of that page only and prints
one JSON line: the rebuild's wall time, its CPU time (this process and the children it
waited for) and its counts. The time is the rebuild's only, from being told to the index
written: a watch adds its wait for the burst of events to end (`watch.QUIET_MS`), and removes
the generations the rebuild replaced after it reports it (`Builder.tidy`), as this does.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from osce_rdf.pipeline.build import Builder  # noqa: E402


def _cpu() -> float:
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    pages, out = (Path(arg) for arg in sys.argv[1:3])
    builder = Builder([pages], out, resident=True)
    builder.rebuild()
    builder.tidy()
    builder.warm()  # as a watch does before it waits for the first change
    print("ready", flush=True)
    for line in sys.stdin:
        page = line.strip()
        cpu, started = _cpu(), time.perf_counter()
        result = builder.rebuild({page})
        wall, cpu = time.perf_counter() - started, _cpu() - cpu
        print(
            json.dumps(
                {
                    "wall_s": wall,
                    "cpu_s": cpu,
                    "rebuilt": result.rebuilt,
                    "items": result.items,
                    "triples": result.triples,
                }
            ),
            flush=True,
        )
        builder.tidy()  # as a watch does once a rebuild is reported


if __name__ == "__main__":
    main()
