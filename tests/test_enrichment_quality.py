"""How well the enrichment finds what people found in 50 hand-labelled bodies.

Each kind of finding is compared as a multiset of comparable tuples, so a finding counts as
right only when all its compared parts are right, and twice only when it is there twice.
Precision and recall are computed per kind; run with `-s` to see the table. The test fails
when any kind falls under 0.95 precision or 0.90 recall.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from osce_rdf.enrich import Enricher
from osce_rdf.reading.findings import EventFinding, Findings, Ref
from osce_rdf.reference import Reference

LABELLED = Path(__file__).parent / "fixtures" / "enrichment" / "labelled.toml"
KINDS = ("countries", "units", "bodies", "people", "quotes", "events", "decisions")
MIN_PRECISION = 0.95
MIN_RECALL = 0.90

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

    @property
    def passes(self) -> bool:
        return self.precision >= MIN_PRECISION and self.recall >= MIN_RECALL


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


@pytest.fixture(scope="module")
def labelled() -> list[dict[str, Any]]:
    with LABELLED.open("rb") as handle:
        bodies: list[dict[str, Any]] = tomllib.load(handle)["body"]
    return bodies


@pytest.fixture(scope="module")
def enricher(reference: Reference) -> Enricher:
    return Enricher(reference)


def _run(enricher: Enricher, body: dict[str, Any]) -> Tuples:
    published = dt.date.fromisoformat(body["published"])
    return found_tuples(enricher.enrich(body["text"], published, published))


def test_the_labelled_set_is_read_whole(labelled: list[dict[str, Any]]) -> None:
    """The scoring sees every labelled finding, so a pass cannot come from reading none."""
    assert len(labelled) == 50
    scores = score((expected_tuples(b), expected_tuples(b)) for b in labelled)
    for kind in KINDS:
        listed = sum(len(body[kind]) for body in labelled)
        assert scores[kind].expected == listed > 0, kind
        assert scores[kind].precision == scores[kind].recall == 1.0


def test_an_empty_extractor_fails(labelled: list[dict[str, Any]]) -> None:
    empty = found_tuples(Findings())
    scores = score((expected_tuples(b), empty) for b in labelled)
    for kind in KINDS:
        assert scores[kind].recall == 0.0, kind
        assert not scores[kind].passes


def test_a_wrong_finding_costs_precision(labelled: list[dict[str, Any]]) -> None:
    seed = next(b for b in labelled if b["id"] == "seed")
    expected = expected_tuples(seed)
    found = expected_tuples(seed)
    found["countries"][("FR", "France")] += 1
    found["events"] = Counter({("conference", "", "", "", "", 0, ()): 1})
    scores = score([(expected, found)])
    assert scores["countries"].precision == 6 / 7
    assert scores["events"].precision == scores["events"].recall == 0.0


def test_quality_on_the_labelled_bodies(enricher: Enricher, labelled: list[dict[str, Any]]) -> None:
    found = [_run(enricher, body) for body in labelled]
    scores = score((expected_tuples(b), f) for b, f in zip(labelled, found, strict=True))
    print("\n" + table(scores))
    failing = [s.kind for s in scores.values() if not s.passes]
    assert not failing, f"under the bar: {failing}\n" + "\n".join(differences(labelled, found))
