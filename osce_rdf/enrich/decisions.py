"""Decisions of the OSCE's decision-making bodies that the body text cites.

Three forms: by number ("Ministerial Council Decision No. 5/08", "Permanent Council Decision
No. 1117 of 21 March 2014", "MC Decision 4/12"), by date ("a November 2007 decision by the OSCE Permanent
Council"), and by document symbol ("PC.DEC/1117"); a body's decision followed by its symbol
("Permanent Council decision PC.DEC/557") is one. A decision is recorded only when the
text names its body or its number: "the decision" alone refers back to one. A numbered
decision whose phrase names no body takes the one decision-making body its sentence names
("the Ministerial Council meeting in Vilnius adopted Decision No. 4/11"), if there is just
one. The date is only what the phrase itself says ("YYYY-MM" or "YYYY"), never derived from
the number.
"""

from __future__ import annotations

import re

from ..reading.findings import DecisionFinding, Span
from ..reference import Reference
from .gazetteer import DECISION, Hit, Hits, Scan
from .text import MONTH, MONTHS, Sentences

__all__ = ["DecisionFinder"]

_NUMBER = re.compile(
    rf" (?:(?:(?:No|no|Nr)\.?|Number|N°) ?)?(?P<number>\d+(?:/\d+)*)\b"
    rf"(?: of (?:(?P<day>\d{{1,2}}) )?(?P<month>{MONTH}) (?P<year>\d{{4}}))?"
)
_BEFORE = re.compile(
    rf"(?<!\w)(?:(?P<article>[Aa]n?|[Tt]he|[Ii]ts|[Tt]his) )?"
    rf"(?:(?P<month>{MONTH}) )?(?:(?P<year>\d{{4}}) )?\Z"
)
_SYMBOL = re.compile(r"\.DEC/(?P<number>\d+(?:/\d+)*)")


class DecisionFinder:
    """Finds decisions; built once with the reference data's decision-making bodies."""

    def __init__(self, reference: Reference) -> None:
        self.bodies = frozenset(u.key for u in reference.units if u.kind == "decision-making-body")

    def find(self, body: str, scan: Scan, organisations: list[Hit]) -> list[DecisionFinding]:
        """The decisions cited in the body, in text order."""
        units = Hits(hit for hit in organisations if hit.cue.ref and hit.cue.ref.kind == "unit")
        ending = {hit.end: hit for hit in units}
        starting = {hit.start: hit for hit in units}
        sentences = Sentences(body)
        found: list[DecisionFinding] = []
        for hit in scan[DECISION]:
            if hit.cue.form == ".DEC/":
                decision = self._symbol(body, hit, ending)
            elif hit.cue.form == "Decision":
                decision = self._numbered(body, hit, ending, starting)
                if decision is not None and decision.body is None:
                    decision = self._body_of_sentence(decision, sentences, units)
            else:
                decision = self._dated(body, hit, ending, starting)
            if decision is None or not (decision.body or decision.number):
                continue
            if found and _names_the_same(body, found[-1], decision):
                decision = _merged(found.pop(), decision)
            found.append(decision)
        return found

    def _symbol(self, body: str, hit: Hit, ending: dict[int, Hit]) -> DecisionFinding | None:
        """ "PC.DEC/1117": the body's abbreviation, then the number."""
        found = _SYMBOL.match(body, hit.start)
        unit = ending.get(hit.start)
        if found is None or unit is None or unit.cue.ref is None:
            return None
        return DecisionFinding(
            text=body[unit.start : found.end()],
            body=unit.cue.ref.key,
            number=found.group("number"),
            date=None,
            span=Span(unit.start, found.end()),
        )

    def _numbered(
        self, body: str, hit: Hit, ending: dict[int, Hit], starting: dict[int, Hit]
    ) -> DecisionFinding | None:
        """ "Ministerial Council Decision No. 5/08", "Decision No. 3/11 of the Permanent
        Council"."""
        found = _NUMBER.match(body, hit.end)
        if found is None or _a_year(found):
            return None
        end = found.end()
        unit = ending.get(hit.start - 1)
        if unit is None and body.startswith((" of the ", " by the "), end):
            unit = starting.get(end + 8)
            if unit is not None:
                end = unit.end
        start = unit.start if unit is not None and unit.end < hit.start else hit.start
        start = _with_article(body, start)
        date = None
        if found.group("month"):
            date = f"{found.group('year')}-{MONTHS[found.group('month').rstrip('.')]:02d}"
        return DecisionFinding(
            text=body[start:end],
            body=unit.cue.ref.key if unit is not None and unit.cue.ref else None,
            number=found.group("number"),
            date=date,
            span=Span(start, end),
        )

    def _body_of_sentence(
        self, decision: DecisionFinding, sentences: Sentences, units: Hits
    ) -> DecisionFinding:
        """The decision with the one decision-making body its sentence names, if just one."""
        start, end = sentences.around(decision.span.start)
        named = {
            hit.cue.ref.key
            for hit in units.starting(start, end)
            if hit.end <= end and hit.cue.ref and hit.cue.ref.key in self.bodies
        }
        if len(named) != 1:
            return decision
        return DecisionFinding(
            decision.text, named.pop(), decision.number, decision.date, decision.span
        )

    def _dated(
        self, body: str, hit: Hit, ending: dict[int, Hit], starting: dict[int, Hit]
    ) -> DecisionFinding | None:
        """ "a November 2007 decision by the OSCE Permanent Council", "a 2011 Permanent
        Council decision"."""
        unit = ending.get(hit.start - 1)
        head_start = unit.start if unit is not None else hit.start
        end = hit.end
        if unit is None:
            for link in (" by the ", " of the ", " by ", " of "):
                if body.startswith(link, hit.end):
                    unit = starting.get(hit.end + len(link))
                    if unit is not None:
                        end = unit.end
                    break
        if unit is None or unit.cue.ref is None:
            return None
        before = _BEFORE.search(body, max(0, head_start - 30), head_start)
        start = head_start
        date = None
        if before is not None and before.group() and body[head_start - 1 : head_start] == " ":
            start = before.start()
            if before.group("year"):
                month = before.group("month")
                date = before.group("year") + (f"-{MONTHS[month.rstrip('.')]:02d}" if month else "")
        return DecisionFinding(
            text=body[start:end],
            body=unit.cue.ref.key,
            number=None,
            date=date,
            span=Span(start, end),
        )


def _a_year(found: re.Match[str]) -> bool:
    """ "the Decision 2010 ...": a bare four-digit number from 1900 to 2099 is a year, not a
    decision's number (the Permanent Council's had reached about 1,500 by 2025)."""
    number = found.group("number")
    bare = not found.group().lstrip().startswith(("No", "no", "Nr", "Number", "N°"))
    return bare and len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099


def _names_the_same(body: str, first: DecisionFinding, then: DecisionFinding) -> bool:
    """ "Permanent Council decision PC.DEC/557": a decision without a number, then its
    symbol or number right after it, is one decision."""
    return (
        first.number is None
        and then.number is not None
        and body[first.span.end : then.span.start] == " "
        and first.body in (then.body, None)
    )


def _merged(first: DecisionFinding, then: DecisionFinding) -> DecisionFinding:
    span = Span(first.span.start, then.span.end)
    return DecisionFinding(
        text=f"{first.text} {then.text}",
        body=then.body or first.body,
        number=then.number,
        date=first.date or then.date,
        span=span,
    )


def _with_article(body: str, start: int) -> int:
    """Move `start` back over an article right before it ("the Ministerial Council ...")."""
    for article in ("the ", "The ", "a ", "A "):
        if body.startswith(article, start - len(article)) and (
            start - len(article) == 0 or not body[start - len(article) - 1].isalnum()
        ):
            return start - len(article)
    return start
