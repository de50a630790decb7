"""Precision and recall of the body-text enrichment, per kind, on the two hand-labelled sets.

`labelled.toml` holds 50 bodies the rules were written and tuned on; the test suite holds
them to a bar. `heldout.toml` holds bodies written by someone who had not read the rules,
labelled before they changed, and never used to tune them (issue 16): its scores say how the
reader holds on newsroom text it was not fitted to. The two are reported apart, never added
up, and only the labelled set's differences can be printed: reading the held-out set's
misses is how one starts tuning on it.

Each kind of finding is compared as a multiset of comparable tuples, so a finding counts as
right only when all its compared parts are right, and twice only when it is there twice.

    python -m benchmarks.enrichment_scores                 # both sets, one table each
    python -m benchmarks.enrichment_scores --set heldout
    python -m benchmarks.enrichment_scores --set labelled --differences
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osce_rdf.enrich import Enricher
from osce_rdf.findings import EventFinding, Findings, Ref
from osce_rdf.reference import load_reference

__all__ = [
    "KINDS",
    "SETS",
    "Score",
    "differences",
    "expected_tuples",
    "found_tuples",
    "load_set",
    "main",
    "read",
    "score",
    "table",
]

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "enrichment"
SETS = {"labelled": FIXTURES / "labelled.toml", "heldout": FIXTURES / "heldout.toml"}
TITLES = {
    "labelled": "labelled set (the rules were tuned on it)",
    "heldout": "held-out set (never tuned on)",
}
KINDS = ("countries", "units", "bodies", "people", "quotes", "events", "decisions")

Row = tuple[Any, ...]
Tuples = dict[str, Counter[Row]]


@dataclass(frozen=True)
class Score:
    kind: str
    expected: int
    found: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def load_set(name: str) -> list[dict[str, Any]]:
    """The bodies of one labelled set, with their labels, as the TOML file holds them."""
    with SETS[name].open("rb") as handle:
        bodies: list[dict[str, Any]] = tomllib.load(handle)["body"]
    return bodies


def _funder(ref: Ref) -> str:
    return ref.key.upper() if ref.kind == "country" else ref.key


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _expected_event(event: dict[str, Any]) -> Row:
    return (
        event["kind"],
        event["start"],
        event["end"],
        event["location"],
        event["organizer"],
        event["participants"],
        tuple(sorted(event["funders"])),
    )


def _found_event(event: EventFinding) -> Row:
    return (
        event.kind,
        _date(event.start),
        _date(event.end),
        event.location or "",
        event.organizer.key if event.organizer else "",
        event.participants or 0,
        tuple(sorted(_funder(f) for f in event.funders)),
    )


def expected_tuples(body: dict[str, Any]) -> Tuples:
    """The labelled findings of one body, as comparable tuples by kind."""
    return {
        "countries": Counter((c["iso2"], c["written"]) for c in body["countries"]),
        "units": Counter((u["key"], u["written"]) for u in body["units"]),
        "bodies": Counter((b["key"], b["written"]) for b in body["bodies"]),
        "people": Counter((p["name"], p["honorific"], p["post"]) for p in body["people"]),
        "quotes": Counter((q["speaker"], q["text"]) for q in body["quotes"]),
        "events": Counter(_expected_event(e) for e in body["events"]),
        "decisions": Counter(
            (d["text"], d["body"], d["number"], d["date"]) for d in body["decisions"]
        ),
    }


def found_tuples(findings: Findings) -> Tuples:
    """What the enricher found in one body, as the same tuples."""
    mentions = {
        kind: Counter(
            (m.ref.key.upper() if kind == "country" else m.ref.key, m.written)
            for m in findings.mentions
            if m.ref.kind == kind
        )
        for kind in ("country", "unit", "body")
    }
    return {
        "countries": mentions["country"],
        "units": mentions["unit"],
        "bodies": mentions["body"],
        "people": Counter((p.name, p.honorific, p.post) for p in findings.people),
        "quotes": Counter(("; ".join(q.speakers), q.text) for q in findings.quotes),
        "events": Counter(_found_event(e) for e in findings.events),
        "decisions": Counter(
            (d.text, d.body or "", d.number or "", d.date or "") for d in findings.decisions
        ),
    }


def read(enricher: Enricher, body: dict[str, Any]) -> Tuples:
    """What the enricher finds in one labelled body, its dateline date taken as published."""
    published = dt.date.fromisoformat(body["published"])
    return found_tuples(enricher.enrich(body["text"], published, published))


def score(pairs: Iterable[tuple[Tuples, Tuples]]) -> dict[str, Score]:
    """Precision and recall per kind over (expected, found) pairs of bodies."""
    totals = {kind: [0, 0, 0] for kind in KINDS}
    for expected, found in pairs:
        for kind in KINDS:
            totals[kind][0] += sum(expected[kind].values())
            totals[kind][1] += sum(found[kind].values())
            totals[kind][2] += sum((expected[kind] & found[kind]).values())
    return {kind: Score(kind, *totals[kind]) for kind in KINDS}


def table(scores: dict[str, Score]) -> str:
    lines = [
        f"{'kind':<10} {'expected':>8} {'found':>6} {'matched':>7} {'precision':>9} {'recall':>6}"
    ]
    for s in scores.values():
        lines.append(
            f"{s.kind:<10} {s.expected:>8} {s.found:>6} {s.matched:>7} "
            f"{s.precision:>9.3f} {s.recall:>6.3f}"
        )
    return "\n".join(lines)


def differences(bodies: list[dict[str, Any]], found: list[Tuples]) -> list[str]:
    """Per body and kind: what was missed (-) and what was found wrongly (+)."""
    lines: list[str] = []
    for body, got in zip(bodies, found, strict=True):
        expected = expected_tuples(body)
        for kind in KINDS:
            for row in (expected[kind] - got[kind]).elements():
                lines.append(f"{body['id']} {kind} - {row}")
            for row in (got[kind] - expected[kind]).elements():
                lines.append(f"{body['id']} {kind} + {row}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.enrichment_scores",
        description="Precision and recall of the enrichment per kind, one table per set.",
    )
    parser.add_argument("--set", choices=[*SETS, "both"], default="both", dest="which")
    parser.add_argument(
        "--differences",
        action="store_true",
        help="also list each body's misses and wrong findings (labelled set only)",
    )
    args = parser.parse_args(argv)
    names = list(SETS) if args.which == "both" else [args.which]
    if args.differences and names != ["labelled"]:
        parser.error("--differences needs --set labelled: the held-out set is not for tuning")
    enricher = Enricher(load_reference())
    for number, name in enumerate(names):
        bodies = load_set(name)
        found = [read(enricher, body) for body in bodies]
        scores = score((expected_tuples(b), f) for b, f in zip(bodies, found, strict=True))
        print(("\n" if number else "") + f"{TITLES[name]}: {len(bodies)} bodies")
        print(table(scores))
        if args.differences:
            print("\n".join(differences(bodies, found)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
