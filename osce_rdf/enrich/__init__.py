"""Body text -> findings: people with their posts, quotes, mentions, events, decisions.

`Enricher` is built once per process (it compiles the gazetteer's automaton and the
extractors' patterns) and then reads tens of thousands of bodies. Each step works from one
scan of the body by the gazetteer:

1. mentions of States, units and outside bodies (`mentions`);
2. people, which need the organisations (a name inside one is no person; a post names one);
3. quotes, which need the people (who said it);
4. events and decisions, which need all of the above (who organised, who paid).

The rules follow the conventions in `tests/fixtures/enrichment/labelled.toml`.

Word lists live by one rule (docs/decisions/0027): open-class words (nouns, verbs,
adjectives, names, phrases made of them) are data, in `words.toml` for English prose or in
the reference data's `people.toml` for the OSCE world's posts and honorifics; closed-class
words (articles, pronouns, prepositions, conjunctions, auxiliaries), the calendar and
numerals stay in code beside the rule that tests them. `tests/test_enrichment_words.py`
holds the package to it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from ..reading.findings import Findings, Mention, Span
from ..reference import Reference, load_reference
from .decisions import DecisionFinder
from .events import EventFinder
from .gazetteer import Gazetteer
from .mentions import MentionRules
from .people import PeopleFinder
from .quotes import find_quotes
from .text import Cover

__all__ = ["Enricher", "enrich"]


class Enricher:
    """Finds what a body says; build once, call `enrich` for every body."""

    def __init__(self, reference: Reference) -> None:
        self.gazetteer = Gazetteer(reference)
        self.mentions = MentionRules(reference, self.gazetteer)
        self.people = PeopleFinder(reference, self.gazetteer)
        self.events = EventFinder(reference, self.gazetteer)
        self.decisions = DecisionFinder(reference)

    def enrich(self, body: str, dateline_date: dt.date | None, published: dt.date) -> Findings:
        """The findings of one body; relative dates count from the dateline, else from
        the publishing date."""
        scan = self.gazetteer.scan(body)
        organisations = self.mentions.organisations(body, scan)
        countries = self.mentions.countries(body, scan)
        people = self.people.find(body, scan, organisations, countries)
        quotes = find_quotes(body, scan, people)
        events = self.events.find(
            body, scan, dateline_date or published, organisations, countries, people, quotes
        )
        decisions = self.decisions.find(body, scan, organisations)

        names = Cover((s.start, s.end) for person in people.persons for s in person.spans)
        mentions = [
            Mention(hit.cue.ref, body[hit.start : hit.end], Span(hit.start, hit.end))
            for hit in countries
            if hit.cue.ref is not None and not names.contains(hit.start, hit.end)
        ]
        mentions += [
            Mention(hit.cue.ref, body[hit.start : hit.end], Span(hit.start, hit.end))
            for hit in organisations
            if hit.cue.ref is not None
        ]
        mentions.sort(key=lambda m: (m.span.start, m.span.end))
        return Findings(
            mentions=tuple(mentions),
            people=tuple(people.persons),
            quotes=tuple(quotes),
            events=tuple(events),
            decisions=tuple(decisions),
        )


@cache
def _default() -> Enricher:
    return Enricher(load_reference())


def enrich(body: str, dateline_date: dt.date | None, published: dt.date) -> Findings:
    """`Enricher.enrich` with the bundled reference data (the enricher is built once)."""
    return _default().enrich(body, dateline_date, published)
