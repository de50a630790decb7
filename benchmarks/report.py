"""`benchmarks/RESULTS.md` from the JSON the benchmark script writes, so the figures there are
exactly those measured; the discussion comes from `benchmarks/analysis.md`.

    python benchmarks/report.py benchmarks/out/results-main.json ... > benchmarks/RESULTS.md

Several files (runs of different sizes) are merged, oldest first (by the time each run
recorded); the targets are judged on the newest figures, the machine is the newest run's.
Targets are the performance issue's, checked against the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["main", "render", "table"]

HERE = Path(__file__).resolve().parent
QUERY_TARGET_S = 0.5


def table(measurements: Sequence[dict[str, Any]]) -> str:
    """Build, validation and incremental figures, with the ratio against the baseline."""
    baseline = {
        (m.get("_run"), m["pages"]): m["wall_s"]
        for m in measurements
        if m["step"].startswith("baseline")
    }
    rows = ["| run | pages | step | wall s | pages/s | triples/s | peak memory MB (PSS) | vs baseline |",
            "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for m in measurements:
        if m["step"].startswith("queries"):
            continue
        ratio = ""
        if m["step"] == "cold build" and (m.get("_run"), m["pages"]) in baseline:
            ratio = f"{baseline[m.get('_run'), m['pages']] / m['wall_s']:.1f}x faster"
        if m["step"].startswith("baseline"):
            ratio = "1.0x"
        if "vs_cold_build" in m["extra"]:
            ratio = f"{m['extra']['vs_cold_build']:.2f} of the cold build"
            if m["extra"].get("cpu_vs_cold_build"):
                ratio += f" (CPU time {m['extra']['cpu_vs_cold_build']:.2f})"
        if "wall_vs_fresh_process" in m["extra"]:
            ratio = (
                f"{m['extra']['wall_vs_fresh_process']:.2f} of a new process "
                f"(CPU time {m['extra']['cpu_vs_fresh_process']:.2f}); "
                f"max {m['extra']['max_wall_s']:.2f} s"
            )
        note = ""
        if "identical_to_fresh_process" in m["extra"]:
            same = m["extra"]["identical_to_fresh_process"]
            note = " (identical to a new process's)" if same else " (DIFFERS)"
        if "identical_to_cold" in m["extra"]:
            note = " (identical to cold)" if m["extra"]["identical_to_cold"] else " (DIFFERS)"
        if "store_mb" in m["extra"]:
            note += f" (store {m['extra']['store_mb']:,.0f} MB)"
        rows.append(
            f"| {m.get('_run', '')} | {m['pages']:,} | {m['step']}{note} | {m['wall_s']:.2f} | {m['pages_per_s']:,.0f} "
            f"| {m['triples_per_s']:,.0f} | {m['peak_rss_mb']:,.0f} | {ratio} |"
        )
    return "\n".join(rows)


def _queries(measurements: Sequence[dict[str, Any]]) -> str:
    runs = [m for m in measurements if m["step"].startswith("queries") and m["extra"]]
    if not runs:
        return "(no query timings in these results)"
    sizes = [m["pages"] for m in runs]
    names = sorted({name for m in runs for name in m["extra"] if not name.startswith("_")})
    header = "| query |" + "".join(
        f" {s:,} pages: store s (rows) | {s:,} pages: rdflib s |" for s in sizes
    )
    rows = [header, "| --- |" + " ---: | ---: |" * len(sizes)]
    for name in names:
        cells = []
        for m in runs:
            found = m["extra"].get(name, {})
            median = found.get("store_median_s")
            cells.append(f"{median:.3f} ({found.get('rows', 0):,})" if median is not None else "")
            rdflib = found.get("rdflib_s", "not run")
            cells.append(f"{rdflib:.2f}" if isinstance(rdflib, float) else str(rdflib))
        rows.append(f"| `{name}` | " + " | ".join(cells) + " |")
    loads = [
        f"{m['pages']:,} pages {m['extra']['_load']['rdflib_s']:.1f} s"
        for m in runs
        if isinstance(m["extra"].get("_load", {}).get("rdflib_s"), float)
    ]
    if loads:
        rows.append("")
        rows.append(f"rdflib's time to load the TriG before its queries: {', '.join(loads)}.")
    return "\n".join(rows)


def _union_of_graphs(measurements: Sequence[dict[str, Any]]) -> str:
    """The catalogue queries on the materialised union and on Oxigraph's union of the named
    graphs (`queries.py --union-of-graphs`), when a run measured both."""
    runs = [
        m
        for m in measurements
        if m["step"].startswith("queries")
        and any("union_of_graphs_s" in found for found in m["extra"].values())
    ]
    if not runs:
        return ""
    header = "| query |" + "".join(
        f" {m['pages']:,} pages: union in the default graph s | union of the named graphs s |"
        for m in runs
    )
    rows = [header, "| --- |" + " ---: | ---: |" * len(runs)]
    names = sorted({name for m in runs for name in m["extra"] if not name.startswith("_")})
    for name in names:
        cells = []
        for m in runs:
            found = m["extra"].get(name, {})
            cells.append(f"{found.get('store_median_s', 0):.3f}")
            union = found.get("union_of_graphs_s", "not run")
            same = "" if found.get("union_of_graphs_same_rows", True) else " (other rows)"
            cells.append((f"{union:.3f}" if isinstance(union, float) else str(union)) + same)
        rows.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _find(
    measurements: Sequence[dict[str, Any]], step: str, pages: int, run: Any = None
) -> dict[str, Any] | None:
    """The newest such measurement (`measurements` are oldest first); of the given run when
    there is one there (ratios compare figures of the same run, since these machines are
    noisy)."""
    found = [m for m in measurements if m["step"] == step and m["pages"] == pages]
    return next((m for m in found if m.get("_run") == run), found[-1] if found else None)


def _targets(measurements: Sequence[dict[str, Any]]) -> str:
    """Each target of the performance and enrichment issues: met, missed, or not measured."""
    lines = ["| target | measured | |", "| --- | --- | --- |"]

    def check(label: str, found: Any, test: Callable[[Any], bool], text: str) -> None:
        if found is None:
            lines.append(f"| {label} | not measured | |")
        else:
            lines.append(f"| {label} | {text} | {'met' if test(found) else '**missed**'} |")

    # Issue 17's targets (they replaced the first round's 30 s, 2 s, 1.5 GB and the bound on
    # what enrichment adds).
    cold = _find(measurements, "cold build", 25000)
    check("25,000 pages cold, with enrichment and validation: under 60 s", cold,
          lambda m: m["wall_s"] < 60, f"{cold['wall_s']:.1f} s" if cold else "")  # fmt: skip
    check("25,000 pages cold: peak memory under 1 GB", cold,
          lambda m: m["peak_rss_mb"] < 1024, f"{cold['peak_rss_mb']:,.0f} MB" if cold else "")  # fmt: skip
    validate = _find(measurements, "validate", 25000)
    check("`osce-rdf validate` of the 25,000-page build: under 20 s", validate,
          lambda m: m["wall_s"] < 20, f"{validate['wall_s']:.1f} s" if validate else "")  # fmt: skip
    baseline = next((m for m in measurements if m["step"].startswith("baseline")), None)
    same = (
        _find(measurements, "cold build", baseline["pages"], baseline["_run"]) if baseline else None
    )
    if baseline and same:
        ratio = baseline["wall_s"] / same["wall_s"]
        check(f"at least 5x faster than the baseline ({baseline['pages']:,} pages)", ratio,
              lambda r: r >= 5, f"{ratio:.1f}x")  # fmt: skip
    incremental = _find(measurements, "incremental (1 page)", 25000)
    check("one changed page at 25,000: under 1 s, identical to cold", incremental,
          lambda m: m["wall_s"] < 1 and m["extra"].get("identical_to_cold", True),
          f"{incremental['wall_s']:.2f} s" if incremental else "")  # fmt: skip
    resident = _find(measurements, "resident (1 page)", 25000)
    if resident is not None:  # `--watch-runs`: the same target, for `build --watch`
        check("one changed page at 25,000, rebuilt by `build --watch`: under 1 s, identical",
              resident, lambda m: m["extra"]["max_wall_s"] < 1
              and m["extra"]["identical_to_fresh_process"],
              f"median {resident['wall_s']:.2f} s, max {resident['extra']['max_wall_s']:.2f} s")  # fmt: skip
    large = _find(measurements, "cold build", 100000)
    small = _find(measurements, "cold build", 1000, large.get("_run") if large else None)
    if small and large:
        ratio = (large["wall_s"] / large["pages"]) / (small["wall_s"] / small["pages"])
        check("100,000 pages: time per page within 1.3x of 1,000", ratio, lambda r: r <= 1.3,
              f"{ratio:.2f}x")  # fmt: skip
    else:
        check("100,000 pages: time per page within 1.3x of 1,000", None, bool, "")
    check("100,000 pages: memory under 4 GB", large, lambda m: m["peak_rss_mb"] < 4096,
          f"{large['peak_rss_mb']:,.0f} MB" if large else "")  # fmt: skip
    plain = _find(measurements, "cold build, no enrichment", 25000)
    enriched = _find(measurements, "cold build", 25000, plain.get("_run") if plain else None)
    if plain and enriched:  # no target since issue 17, but where the cold build's time goes
        added = enriched["wall_s"] / plain["wall_s"] - 1
        lines.append(
            f"| (what enrichment adds to the 25,000-page build) | +{added:.0%} "
            f"({plain['wall_s']:.1f} s -> {enriched['wall_s']:.1f} s) | |"
        )
    lines.append(
        "| a 10 MB body builds in under 10 s | measured by `benchmarks/large_body.py`, "
        "not this script: see the analysis below | |"
    )
    sites = [m for m in measurements if m["step"] == "site (cold)"]
    for site in sites:
        build = _find(measurements, "cold build", site["pages"], site.get("_run"))
        if build is not None:
            ratio = site["wall_s"] / build["wall_s"]
            check(f"site of {site['pages']:,} pages: at most half the cold build", ratio,
                  lambda r: r <= 0.5, f"{site['wall_s']:.1f} s / {build['wall_s']:.1f} s = {ratio:.2f}")  # fmt: skip
    if not sites:
        check("site of 25,000 pages: at most half the cold build", None, bool, "")
    for load in (m for m in measurements if m["step"].startswith("serve load") and m["extra"]):
        figures = load["extra"]
        check(f"serve, {load['pages']:,} pages: entity pages p95 under 50 ms, nothing fails",
              figures, lambda f: f["p95_ms"] < 50 and f["failures"] == 0,
              f"p95 {figures['p95_ms']:.1f} ms, p50 {figures['p50_ms']:.1f} ms, {figures['per_second']:.0f}/s, "
              f"{figures['failures']} failed ({figures['clients']} clients, {figures['workers']} workers)")  # fmt: skip
    runs = [m for m in measurements if m["step"].startswith("queries") and m["pages"] == 25000]
    if runs and runs[0]["extra"]:
        timings = {
            n: q["store_median_s"] for n, q in runs[0]["extra"].items() if not n.startswith("_")
        }
        slow = sorted(n for n, t in timings.items() if t >= QUERY_TARGET_S)
        text = f"{len(timings) - len(slow)} of {len(timings)} under 0.5 s"
        text += f"; over: {', '.join(f'`{n}` {timings[n]:.2f} s' for n in slow)}" if slow else ""
        check("every catalogue query under 0.5 s at 25,000 pages (median)", slow,
              lambda s: not s, text)  # fmt: skip
    else:
        check("every catalogue query under 0.5 s at 25,000 pages (median)", None, bool, "")
    return "\n".join(lines)


def render(documents: Sequence[tuple[str, dict[str, Any]]], analysis: str) -> str:
    """The report for runs given as (name, the JSON the benchmark script wrote)."""
    # Oldest first: a target is judged on its newest figures. Runs written before the
    # script recorded when it ran are the oldest.
    documents = sorted(documents, key=lambda named: named[1].get("measured", ""))
    measurements = [
        m | {"_run": name} for name, document in documents for m in document["measurements"]
    ]
    machine = documents[-1][1]["machine"]
    parts = [
        "# Benchmark results",
        "",
        "Generated by `python benchmarks/report.py` from the JSON that `benchmarks/run.py` wrote "
        "(do not edit by hand; the discussion at the end is `benchmarks/analysis.md`).",
        "",
        "## Machine",
        "",
        f"- CPU: {machine['cpu']}, {machine['cpus']} cores",
        f"- memory: {machine['memory']}",
        f"- Python {machine['python']} on {machine['platform']}",
        "",
        "## Build, validation, incremental rebuild",
        "",
        "Wall time of the whole command, and the peak of the memory its processes hold together "
        "(proportional set size, so pages that forked workers share count once). A run is one "
        "call of the benchmark script (named after its JSON file); ratios compare figures of "
        "the same run.",
        "",
        table(measurements),
        "",
        "## Queries (embedded store, median of the runs; rdflib for comparison)",
        "",
        _queries(measurements),
        "",
        *(
            [
                "## Store layout: the union kept in the default graph, or read from the named "
                "graphs (decision 0025)",
                "",
                "Each catalogue query on the same store: on its default graph, where the build "
                "keeps the union of the named graphs, each triple once (median of the runs), and "
                "on Oxigraph's union of the named graphs (one run, stopped after 60 s), which "
                "counts a triple once per graph that holds it.",
                "",
                found,
                "",
            ]
            if (found := _union_of_graphs(measurements))
            else []
        ),
        "## Targets",
        "",
        _targets(measurements),
        "",
        analysis.strip(),
        "",
    ]
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+", type=Path)
    parser.add_argument("--analysis", type=Path, default=HERE / "analysis.md")
    args = parser.parse_args(argv)
    documents = [(path.stem, json.loads(path.read_text(encoding="utf-8"))) for path in args.results]
    analysis = args.analysis.read_text(encoding="utf-8") if args.analysis.exists() else ""
    sys.stdout.write(render(documents, analysis))


if __name__ == "__main__":
    main()
