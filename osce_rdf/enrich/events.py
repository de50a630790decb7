"""Events: conferences, meetings, workshops, courses, visits... and what is said about them.

An event is named by an event noun ("a two-day OSCE expert conference") or a meeting type
of `concepts.toml` ("the OSCE Human Dimension Implementation Meeting"). Later mentions
("The conference", "the event", a sentence opening with "It") refer back to it, so one
event gathers the sentences that speak of it, and its facts come from those sentences:

- when: `event_dates`;
- where: the place after "in"/"near" (or "to" for a visit) nearest after the event's noun;
- who organised it: "organized/hosted by X"; "X held/opened a ..."; "a meeting of X";
  "the X meeting"; "at X"; for a visit, the visitor's unit;
- how many took part: a number of people ("more than 150 experts"), never of States; a
  sentence that only counts participants or days ("Over two days, some 150 participants
  ...") belongs to the event before it;
- who paid: the States and bodies after "funded by", "with funding from" and the like.

A noun in the plural, inside a quote, inside an organisation's name or inside a person's
post is no event; nor is one that its sentences say nothing about (no date, place,
organiser, number, funder or event verb: "provides a forum for dialogue").

Only the sentences around cues of the gazetteer's scan are read, so a long body with one
event costs little more than a short one.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..reading.findings import EventFinding, QuoteFinding, Ref, Span
from ..reference import Reference
from .event_dates import DateClue, dates_in, duration_in, is_future
from .gazetteer import (
    DAY,
    DURATION,
    EVENT,
    EVENT_REF,
    FUNDING,
    MEETING_TYPE,
    MONTH_NAME,
    ORGANIZING,
    PARTICIPATION,
    PEOPLE_NOUN,
    Gazetteer,
    Hit,
    Hits,
    Scan,
    longest,
)
from .mentions import referred_unit
from .people import People
from .text import (
    FULL_MONTHS,
    MONTH_ABBREVIATIONS,
    NAME_WORD,
    WEEKDAYS,
    Cover,
    Sentences,
    number_value,
    previous_word,
    split_words,
    word_start,
)
from .words import word_set

__all__ = ["EventFinder"]

Span2 = tuple[int, int]

_DETERMINERS = frozenset(split_words("a an the this that its their his her our each every another"))
# Words before a noun that make it a verb or a gerund ("to visit", "will exercise").
_VERB_CONTEXT = frozenset(
    split_words(
        "to will would can could may might must shall should also not who they we i you he "
        "she it which while when after before by of for is are was were be been being without "
        "and or"
    )
)
_AMBIGUOUS = word_set("ambiguous_event_nouns")
# Before an event told only as the time of something else: "said after the meeting".
_TIME_OF_AN_EVENT = ("after the ", "before the ", "ahead of the ", "following the ")
# Nouns after an event noun that make it a modifier ("conference room", "course materials").
# What stands between an event's name and a noun phrase in apposition to it.
_APPOSITIVE = re.compile(r", (?:[\w-]+['’]s |the |an? |one of the )?")
_COMPOUND_HEADS = word_set("compound_heads")
_COPULAS = frozenset(
    ["is", "was", "are", "were", "be", "been", "being", "remains", "remained", "became", "becomes"]
)
_NEW_EVENT = word_set("new_event_words")
_NO_SINGLE_DAY = frozenset({"visit", "election-observation-mission"})
_DATE_CUES = (DAY, MONTH_NAME, DURATION)  # what a sentence that dates an event has
_IT_WAS_ORGANIZED = re.compile(
    r"It (?:was|is|will be) (?:co-)?(?:organi[sz]ed|hosted|funded|financed|supported|"
    r"sponsored) by"
)
# Verbs of speech whose object is the event that heard it: "told a roundtable today".
_ADDRESSED = word_set("addressed_verbs")
# The kind of an event that the text names by no noun of its own: "the event".
_GENERIC = "event"
# Events a post may name and still be one: "Head of the ODIHR election observation mission".
_EVENTS_IN_POSTS = frozenset({"election-observation-mission"})
_EVENT_VERBS = re.compile(
    r"\b(?:held|hold|holds|hosted|host|hosts|took place|take place|takes place|opened|"
    r"began|begins|ended|ends|concluded|met|organized|organised|attended|gathered|convened|"
    r"completed|graduated|launched|started)\b"
)
_ACTIVE_ORGANIZING = re.compile(
    r"\b(?:held|holds|hold|organized|organised|organizes|organises|hosted|hosts|host|"
    r"convened|convenes|opened|opens|launched|launches|concluded|concludes|began|begins|"
    r"started|starts|ended|ends|closed|closes|is holding|are holding)\b"
)
# Words between a number and the people it counts: "150 law enforcement and judicial
# experts"; a preposition or a unit ("per cent", "days") means the number counts no people.
_NOT_BETWEEN = word_set("not_between_count_and_people")
_LEADING_COUNT = frozenset({"than", "over", "some", "about", "around", "nearly", "almost"})
_PLACE = re.compile(rf"(?P<place>(?:The )?{NAME_WORD}(?:[ -]{NAME_WORD}){{0,2}})")
_DIGIT = re.compile(r"\d")
# What may open a sentence before its subject: a phrase and a comma ("On Women's Day, the
# Mission held ..."), then an article; or "the" and a noun that refers back to a unit.
_OPENING_PHRASE = r"(?:[^,.;:\n]{1,60}, )?"
_BEFORE_THE_SUBJECT = re.compile(rf"{_OPENING_PHRASE}(?:[Tt]he )?")
_REFERRING_SUBJECT = re.compile(rf"{_OPENING_PHRASE}[Tt]he ([A-Z][\w-]*) ")
# "The 11th OSCE Ministerial Council", "the 30th Ministerial Council": right before a name.
_ORDINAL_BEFORE = re.compile(r"\b\d{1,4}(?:st|nd|rd|th) (?:OSCE |CSCE )?$")
# A State's own institution after its name: "'s Ministry of Emergency Situations".
_POSSESSED = re.compile(r"['’]s(?: (?:[A-Z][\w-]*|of|for|the|on))+")
_OWNED_NAME = re.compile(r"(?: [A-Z][\w-]*(?: (?:of|for|on))?)+(?: \([\w-]{2,12}\))?")
# The long forms of States' names: "the Kingdom of the Netherlands", "the Republic of Austria".
_OFFICIAL_FORM = re.compile(
    r"(?:Kingdom|Republic|Federal Republic|Principality|Grand Duchy) of (?:the )?(?=[A-Z])"
)
# Calendar words are never places ("in Vienna on Monday"); nor are the words of `not_places`.
_NOT_PLACES = word_set("not_places") | {*FULL_MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS}


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    base: str  # event-kind key; "" for "the event"
    meeting_type: str | None
    np_start: int
    predicate: bool = False  # "is Europe's largest conference": says what an event is
    new: bool = False  # "a follow-up workshop": another event of the kind
    definite: bool = False  # "The workshop", "the event": refers to what was told before
    bare: bool = False  # "the Conference": only ever another name of an event named before


@dataclass(slots=True)
class _Event:
    base: str
    mentions: list[_Mention]
    meeting_type: str | None = None
    sentences: list[Span2] = field(default_factory=list)  # sentences that speak of it
    told: bool = False  # told before it is named: "Over the past two days ... The event"


class EventFinder:
    """Finds events; built once with the reference data."""

    def __init__(self, reference: Reference, gazetteer: Gazetteer) -> None:
        self.meeting_types = gazetteer.meeting_types
        self.unit_forms = gazetteer.unit_forms
        # For each unit, the meeting type its name names ("Ministerial Council") and the one
        # "<name> meeting" names: worked out once, not for each of a long body's mentions.
        self.meetings_named = {
            unit: (
                next((k for f in forms if (k := self.meeting_types.get(f)) is not None), None),
                next(
                    (k for f in forms if (k := self.meeting_types.get(f"{f} meeting")) is not None),
                    None,
                ),
            )
            for unit, forms in self.unit_forms.items()
        }
        self.places = frozenset(n for p in reference.places for n in (p.name, *p.alt_names))
        self.demonyms = frozenset(n for c in reference.countries for n in c.demonyms)

    def find(
        self,
        body: str,
        scan: Scan,
        today: dt.date,
        organisations: Hits,
        countries: Hits,
        people: People,
        quotes: list[QuoteFinding],
    ) -> list[EventFinding]:
        """The events of one body, in the order they are first named."""
        quoted = [(q.span.start, q.span.end) for q in quotes]
        excluded = Cover(quoted + [(h.start, h.end) for h in organisations])
        mentions = self._mentions(body, scan, excluded, Cover(people.post_spans))
        mentions += self._meetings_named_by_body(body, organisations, Cover(quoted))
        mentions.sort(key=lambda m: m.start)
        if not mentions:
            return []
        context = _Context(body, scan, today, organisations, countries, people, quoted, mentions)
        events = self._cluster(body, mentions)
        context.events = events
        context.event_starts = [event.mentions[0].start for event in events]
        self._sentences_about(events, context)
        self._told_before(events, context)
        self._organized_next(context)
        found: list[EventFinding] = []
        for event in events:
            finding = self._describe(event, context)
            if finding is not None:
                found.append(finding)
        return found

    # -- mentions and coreference ---------------------------------------------------------

    def _mentions(self, body: str, scan: Scan, excluded: Cover, posts: Cover) -> list[_Mention]:
        """The event nouns and meeting types that name an event here, and "the event"."""
        found: list[_Mention] = []
        for hit in longest([*scan[EVENT], *scan[MEETING_TYPE]]):
            if excluded.contains(hit.start, hit.end):
                continue
            if posts.contains(hit.start, hit.end) and hit.cue.key not in _EVENTS_IN_POSTS:
                continue  # "Head of the Conference Services": no event
            if body.startswith(" ", hit.end):
                after = body[hit.end + 1 : hit.end + 20].split(" ", 1)[0].rstrip(",.;:")
                if after in _COMPOUND_HEADS:
                    continue
            np_start, stopper, before = _noun_phrase_start(body, hit.start)
            verbal = stopper in _VERB_CONTEXT and stopper not in _DETERMINERS
            if verbal and hit.cue.form.split(" ")[0] in _AMBIGUOUS:
                continue  # "to visit", "will exercise"
            determined = stopper in _DETERMINERS or stopper.endswith(("'s", "’s"))
            modifiers = body[np_start : hit.start].split()  # most often none: "a workshop"
            meeting_type = hit.cue.key if hit.cue.kind == MEETING_TYPE else None
            base = hit.cue.base if meeting_type else hit.cue.key
            mention = _Mention(hit.start, hit.end, base, meeting_type, np_start)
            mention.predicate = determined and before in _COPULAS
            mention.new = stopper in _NEW_EVENT or any(w.lower() in _NEW_EVENT for w in modifiers)
            mention.definite = stopper in ("the", "this")
            # "the Conference": a name said before, if any ("rename the Conference the OSCE")
            mention.bare = (
                meeting_type is None
                and stopper == "the"
                and np_start == hit.start
                and hit.cue.form.istitle()
            )
            found.append(mention)
        for hit in scan[EVENT_REF]:
            start, stopper, before = _noun_phrase_start(body, hit.start)
            if stopper in ("the", "this") and not (
                before == "in" and body.startswith((" of ", " that "), hit.end)
            ):  # "in the event of": no event
                found.append(_Mention(hit.start, hit.end, "", None, start, definite=True))
        found.sort(key=lambda m: m.start)
        return found

    def _meetings_named_by_body(
        self, body: str, organisations: list[Hit], quoted: Cover
    ) -> list[_Mention]:
        """A body's meeting named by the body: by its number ("The 11th OSCE Ministerial
        Council opened today in Maastricht"), or always for a body that is only its meetings
        ("The OSCE Summit in Astana ... the two-day Summit"): events of the meeting type."""
        found: list[_Mention] = []
        for hit in organisations:
            if hit.cue.ref is None or quoted.contains(hit.start, hit.end):
                continue
            named, key = self.meetings_named.get(hit.cue.ref.key, (None, None))
            if named is not None:
                np_start, _, _ = _noun_phrase_start(body, hit.start)
                found.append(_Mention(hit.start, hit.end, "meeting", named, np_start))
                continue
            if key is None:
                continue
            ordinal = _ORDINAL_BEFORE.search(body, max(0, hit.start - 16), hit.start)
            if ordinal is not None:
                found.append(_Mention(hit.start, hit.end, "meeting", key, ordinal.start()))
        return found

    def _cluster(self, body: str, mentions: list[_Mention]) -> list[_Event]:
        """Mentions -> events: a mention joins the last event of its kind unless it says it
        is another ("a follow-up workshop"); a meeting type joins only an event of that type
        or an untyped one; "the event", "is the largest conference" and an apposition
        (", Europe's largest conference,") join the last."""
        events: list[_Event] = []
        names = _Names()
        consumed: set[int] = set()
        for index, mention in enumerate(mentions):
            if index in consumed:
                continue
            appositive = index > 0 and bool(
                _APPOSITIVE.fullmatch(body, mentions[index - 1].end, mention.np_start)
            )  # "the Human Dimension Implementation Meeting, Europe's largest conference,"
            if mention.bare:
                same = names.named(mention.base)
                if same:
                    names.join(same[-1], mention)
                continue
            if not mention.base or mention.predicate or appositive:
                same = names.named(mention.base) or events
                if same:
                    names.join(same[-1], mention)
                    # "the largest conference, the Human Dimension Implementation Meeting,"
                    same[-1].meeting_type = same[-1].meeting_type or mention.meeting_type
                elif body.startswith("event", mention.start):
                    # "International Roma Day was marked today in Mostar. The event gathered
                    # ...": named by no other noun, an event of the generic kind
                    generic = _Event(_GENERIC, [])
                    events.append(generic)
                    names.join(generic, mention)
                continue
            joined = None
            if not mention.new:
                joined = next(
                    (e for e in reversed(names.named(mention.base)) if _joins(e, mention)), None
                )
            if joined is not None:
                event = joined
            else:
                event = _Event(mention.base, [])
                events.append(event)
            names.join(event, mention)
            event.meeting_type = event.meeting_type or mention.meeting_type
            attached = _meeting_type_after(body, mention, mentions, index)
            if attached is not None:
                consumed.add(attached)
                event.meeting_type = event.meeting_type or mentions[attached].meeting_type
                names.join(event, mentions[attached])
        return events

    def _sentences_about(self, events: list[_Event], context: _Context) -> None:
        """The sentences each event's facts come from: those that mention it, and one
        opening with "It" right after such a sentence. (Sentences that only count
        participants or days are found later, when needed: `_Context.signals`.)"""
        sentences = context.sentences
        body = context.body
        owned: dict[Span2, _Event] = {}
        for event in events:
            known: set[Span2] = set()  # a set beside the list: an event may have thousands
            for mention in event.mentions:
                span = sentences.around(mention.start)
                if span not in known:
                    known.add(span)
                    event.sentences.append(span)
                owned.setdefault(span, event)
        for event in events:
            for span in list(event.sentences):
                following = sentences.after(span)
                while following is not None and body.startswith("It ", following[0]):
                    if following in owned:
                        break
                    event.sentences.append(following)
                    owned[following] = event
                    following = sentences.after(following)
        context.owned = owned

    def _told_before(self, events: list[_Event], context: _Context) -> None:
        """What a body tells of its first event before naming it: "Over the past two days,
        60 young people gathered in Struga. The event was organized by ...", "Zannier will
        visit Ukraine from 19 to 23 March. ... ahead of the visit". When the first event is
        first named as one told before ("The event", "the visit"), the sentence before its
        name joins it if it dates or gathers something, and so does the body's lead if it
        uses the event's noun as a verb or says who gathered."""
        if not events:
            return
        event = events[0]
        first = event.mentions[0]
        modifiers = context.body[first.np_start : first.start].split()
        if (
            not first.definite
            or first.new  # "at the next meeting of the Permanent Council"
            or first.meeting_type is not None  # "at the Human Dimension Implementation Meeting"
            or any(word[:1].isupper() for word in modifiers)
            or (event.base == _GENERIC and modifiers)  # "the first event of its kind"
        ):
            return
        sentences = context.sentences
        span = sentences.around(first.start)
        before = _sentence_before(context.body, sentences, span)
        lead = None
        if before is None or before[0] > context.dateline_end + 1:
            lead = sentences.around(context.dateline_end)
            lead = lead if lead[1] <= span[0] else None
        for told in (before, lead):
            if told is None or told in context.owned or told in event.sentences:
                continue
            # The sentence right before, also across a paragraph break when it is the lead
            # and the next paragraph opens with the event: "... was marked today in
            # Mostar.\n\nThe event gathered ..." (not "..., they said after the meeting.")
            right_before = told == before or (
                context.body[span[0] : first.np_start].lower().split() in ([], ["the"])
                and not context.body[told[1] : span[0]].strip()
            )
            signals = (
                context.has(PARTICIPATION, told)
                or (right_before and (context.has(DAY, told) or context.has(DURATION, told)))
                or _uses_as_a_verb(context.text(told), event.base)
            )
            if signals:
                event.sentences.append(told)
                context.owned[told] = event
                event.told = True

    def _organized_next(self, context: _Context) -> None:
        """ "The event gathered 200 citizens.\n\nIt was organized by the OSCE Mission ...":
        a sentence that opens a paragraph with "It was organized (funded, ...) by" is about
        the event the paragraph before ends with."""
        body = context.body
        for found in _IT_WAS_ORGANIZED.finditer(body):
            start = found.start()
            pos = start
            while pos > 0 and body[pos - 1] in " \t":
                pos -= 1
            if pos == 0 or body[pos - 1] != "\n":
                continue  # within a paragraph: read with the sentences opening with "It"
            while pos > 0 and body[pos - 1] in " \t\n":
                pos -= 1
            event = context.owned.get(context.sentences.around(pos - 1)) if pos else None
            following = context.sentences.around(start) if event is not None else None
            if event is not None and following is not None and following not in context.owned:
                event.sentences.append(following)
                context.owned[following] = event

    # -- facts ----------------------------------------------------------------------------

    def _describe(self, event: _Event, context: _Context) -> EventFinding | None:
        """The finding for one event, or None when its sentences say nothing of it."""
        body = context.body
        first = event.mentions[0]
        if not event.base or (event.base == _GENERIC and not event.told):
            return None
        event.sentences.sort()
        duration = self._duration(event, context)
        clues = self._dates(event, context)
        if event.base in _NO_SINGLE_DAY and not duration:
            # "who is on his first official visit": a day within a visit is not its start
            clues = [clue for clue in clues if clue.role != "single"]
        start_date, end_date = _combine(clues, duration, context.today)
        location = self._location(event, context)
        organizer = self._organizer(event, context)
        participants = self._participants(event, context)
        funders = self._funders(event, context)
        first_sentence = context.sentences.around(first.start)
        sentence = body[first_sentence[0] : first_sentence[1]]
        if (
            start_date is None
            and end_date is None
            and event.base not in _NO_SINGLE_DAY
            and not is_future(sentence)
            and not context.has(MONTH_NAME, first_sentence)
            and context.lead_actor_in(first_sentence)
            # "Bryza told journalists after the meeting": a time of its own, not the event's
            and not body.endswith(_TIME_OF_AN_EVENT, 0, first.np_start)
        ):
            start_date = context.today
            end_date = context.today + dt.timedelta(days=(duration or 1) - 1)
        evidence = (
            start_date or end_date or duration or location or organizer or participants
            or funders or _EVENT_VERBS.search(sentence)
        )  # fmt: skip
        if not evidence:
            return None
        kind, scheme = self._kind(event, organizer, body)
        return EventFinding(
            kind=kind,
            scheme=scheme,
            name=body[first.np_start : first.end],
            start=start_date,
            end=end_date,
            location=location,
            organizer=organizer,
            participants=participants,
            funders=funders,
            span=Span(first.np_start, first.end),
        )

    def _kind(self, event: _Event, organizer: Ref | None, body: str) -> tuple[str, str]:
        """The meeting type the text names, or one composed from the organiser and the
        noun ("the Ministerial Council concluded its meeting"); else the event kind."""
        if event.meeting_type:
            return event.meeting_type, "meeting-type"
        if organizer is not None and organizer.kind == "unit":
            # each noun once, in the order first used: an event told of thousands of times
            for noun in dict.fromkeys(body[m.start : m.end] for m in event.mentions):
                for form in self.unit_forms.get(organizer.key, ()):
                    key = self.meeting_types.get(f"{form} {noun}")
                    if key is not None:
                        return key, "meeting-type"
        return event.base, "event-kind"

    def _duration(self, event: _Event, context: _Context) -> int | None:
        """The length in days the event's sentences give ("two-day", "over two days")."""
        for span in event.sentences:
            if context.has(DURATION, span):
                found = duration_in(context.text(span))
                if found:
                    return found
        for span in context.signals(event, DURATION):
            found = duration_in(context.text(span))
            if found:
                return found
        return None

    def _dates(self, event: _Event, context: _Context) -> list[DateClue]:
        """The dates the event's sentences give (outside quotes and the dateline)."""
        clues: list[DateClue] = []
        # where the event is the audience of speech ("told a roundtable"), in order; found
        # once a sentence dates something
        addressed: list[int] | None = None
        for sentence_start, end in event.sentences:
            start = max(sentence_start, context.dateline_end)
            if start >= end or not context.has_any(_DATE_CUES, (start, end)):
                continue
            days = [
                (hit.start, hit.cue.key)
                for hit in context.hits(DAY, (start, end))
                if not context.in_quote(hit.start)
            ]
            months = context.has(MONTH_NAME, (start, end))
            if days or months or context.has(DURATION, (start, end)):
                text = context.text((start, end))
                if addressed is None:
                    addressed = sorted(
                        m.start for m in event.mentions if _addressed(context.body, m)
                    )
                first_addressed = bisect_left(addressed, start)
                told = first_addressed < len(addressed) and addressed[first_addressed] < end
                clues += dates_in(text, start, context.today, days, months=months, told=told)
        return clues

    def _location(self, event: _Event, context: _Context) -> str | None:
        """The first place named after the event's noun in its sentence, else before it,
        else in the other sentences about it; at each of these, a known place first.

        The other sentences are read in order only until one names a known place: an event
        told of in 50,000 sentences has its place in the first of them."""
        first = event.mentions[0]
        first_sentence = context.sentences.around(first.start)
        # a visit's place also after the verb: "Zannier will visit Ukraine from 19 to 23 March"
        preps = (" in ", " near ", " across ", " to ", " visit ", " visited ") if (
            event.base == "visit") else (" in ", " near ", " across ")  # fmt: skip
        if first_sentence in event.sentences:
            ranked = [
                (0 if position > first.start else 1, unknown, position, place)
                for unknown, position, place in self._places(first_sentence, preps, context)
            ]
            if ranked:
                return min(ranked)[3]
        best: tuple[bool, int, str] | None = None  # (unknown, position, place)
        for sentence in event.sentences:  # in text order (`_describe`)
            if best is not None and not best[0] and best[1] < sentence[0]:
                break  # a known place, before anything the sentences from here can name
            if sentence != first_sentence:
                for candidate in self._places(sentence, preps, context):
                    best = candidate if best is None else min(best, candidate)
        return best[2] if best is not None else None

    def _places(
        self, sentence: Span2, prepositions: tuple[str, ...], context: _Context
    ) -> Iterator[tuple[bool, int, str]]:
        """The places after the prepositions in a sentence (after the dateline), in text
        order: whether the reference data does not know it, where, and the place.

        "A conference on media freedom in Central Asia took place in Dushanbe": a place
        the reference data knows comes before a region or a topic."""
        start, end = max(sentence[0], context.dateline_end), sentence[1]
        for found in _prepositions(context.body, start, end, prepositions):
            preposition_start, preposition = previous_word(context.body, found.start())
            before = previous_word(context.body, preposition_start)[1]
            if before in _NAMES_WITH_A_PLACE:
                continue  # "the Border Management Programme in Central Asia"
            if preposition == "across" and before == "from":
                continue  # "officials from across Kazakhstan": where they come from
            place = self._place(found.group("place"), found.start("place"), context)
            if place is not None:
                yield place not in self.places, found.start(), place

    def _place(self, text: str, pos: int, context: _Context) -> str | None:
        """The place as written, or None for a language, a month, a demonym or a name."""
        words = text.split(" ")
        while words and words[-1] in _NOT_PLACES:
            words.pop()
        text = " ".join(words)
        if not words or words[0] in _NOT_PLACES or text in self.demonyms:
            return None
        if words[0] == "The" and text not in self.places:
            return None
        if context.in_quote(pos) or context.covered(pos, pos + len(text)):
            return None
        return text

    def _organizer(self, event: _Event, context: _Context) -> Ref | None:
        """Who organised the event, by the first of: the visitor (for a visit);
        "organized/hosted by X"; "X held/opened the event"; "a meeting of X"; "the X
        meeting"; "at X"."""
        body = context.body
        if event.base == "visit":
            visitor = self._visitor(event, context)
            if visitor is not None:
                return visitor
        for span in event.sentences:
            for hit in context.hits(ORGANIZING, span):
                if not context.in_quote(hit.start):
                    found = context.organisation_after(hit.end)
                    if found is not None:
                        return found
        # "a conference held in Tbilisi today by ODIHR", in the sentence that names it first,
        # or in one told before it ("Roma Day was marked today by the Mission. The event ...")
        first_start, end = context.sentences.around(event.mentions[0].start)
        told = [(s, e) for s, e in event.sentences if e <= first_start]
        for start, stop in [*told, (event.mentions[0].end, end)]:
            for by in _HELD_BY.finditer(body, start, stop):
                found = context.organisation_after(by.end())
                if found is not None and not context.in_quote(by.start()):
                    return found
        for mention in event.mentions:
            # "the 23rd OSCE Ministerial Council": the body named in the event's own name,
            # whoever opened it ("X, the OSCE Chairperson-in-Office, opened the ...")
            for hit in context.organisations.starting(mention.np_start, mention.end):
                if hit.end <= mention.end and hit.cue.ref is not None:
                    return hit.cue.ref
        for mention in event.mentions:
            start, end = context.sentences.around(mention.start)
            start = max(start, context.dateline_end)
            inside = context.organisations.starting(start, end)
            subject = inside[0] if inside else None
            subject_start = subject.start if subject is not None else start
            if subject is not None and body.startswith(("'s ", "’s "), subject.end):
                # "The OSCE Secretariat's Transnational Threats Department concluded ..."
                subject = context.org_at.get(subject.end + 3, subject)
            if (
                subject is not None
                and subject.end < mention.start
                and self._before_the_subject(body, start, subject_start)
                and (
                    _ACTIVE_ORGANIZING.search(body, subject.end, mention.start)
                    or body.endswith((" its ", " their "), 0, mention.np_start)
                )
            ):
                # "On Women's Day, the Mission held a conference"; "The Council, at its
                # meeting in Rome, ..."
                return subject.cue.ref
            referring = _REFERRING_SUBJECT.match(body, start)
            if (
                referring is not None
                and referring.end() < mention.start
                and _ACTIVE_ORGANIZING.search(body, referring.end(), mention.start)
            ):
                # "Next week, the Centre will hold a similar workshop": the Centre named before
                referred = referred_unit(body, start, referring.group(1), context.organisations)
                if referred is not None:
                    return referred
            if body.startswith(" of ", mention.end):
                after = context.organisation_after(mention.end)
                if after is not None:
                    return after
            for hit in inside:
                if mention.np_start <= hit.start and hit.end <= mention.end:
                    return hit.cue.ref
                if body[hit.end : mention.np_start] in ("'s ", "’s "):
                    return hit.cue.ref  # "the OSCE Parliamentary Assembly's Annual Session"
                if mention.start < hit.start and body.endswith(("at the ", " at "), 0, hit.start):
                    return hit.cue.ref
            owner_start, owner = previous_word(body, mention.np_start)
            if owner.endswith(("'s", "’s")) and previous_word(body, owner_start)[1] in (
                "the",
                "The",
            ):
                # "the Assembly's 26th Annual Session": the Assembly named before
                referred = referred_unit(body, owner_start, owner, context.organisations)
                if referred is not None:
                    return referred
        # "The OSCE Mission in Kosovo today concluded a week-long training ... The course
        # focused on ...": the subject of a sentence told before the event is named, when an
        # organising verb follows it.
        for sentence_start, end in told:
            start = max(sentence_start, context.dateline_end)
            inside = context.organisations.starting(start, end)
            if (
                inside
                and self._before_the_subject(body, start, inside[0].start)
                and _ACTIVE_ORGANIZING.search(body, inside[0].end, end)
            ):
                return inside[0].cue.ref
        return None

    def _before_the_subject(self, body: str, start: int, subject: int) -> bool:
        """Whether only an opening phrase, "the" and a State's adjective stand before the
        organisation at `subject`: "On Women's Day, the Mission", "The Swiss OSCE
        Chairmanship"."""
        before = previous_word(body, subject)
        if before[1] in self.demonyms:
            subject = before[0]
        return _BEFORE_THE_SUBJECT.fullmatch(body, start, subject) is not None

    def _visitor(self, event: _Event, context: _Context) -> Ref | None:
        """For a visit: the unit or body of the person (or the organisation) before the
        noun in its sentence."""
        first = event.mentions[0]
        start, _ = context.sentences.around(first.start)
        # The first official of its sentence, the subject: '"...," Zannier said ahead of the
        # visit'; "Ekéus said he met X during his visit"
        officials = context.officials
        index = bisect_left(officials, (start,))
        if index < len(officials) and officials[index][0] < first.start:
            return officials[index][1]
        inside = context.organisations.starting(start, first.start)
        return inside[0].cue.ref if inside else None

    def _participants(self, event: _Event, context: _Context) -> int | None:
        """The first number of people counted in the sentences about the event."""
        for span in [*event.sentences, *context.signals(event, PARTICIPATION)]:
            for hit in context.hits(PEOPLE_NOUN, span):
                if not context.in_quote(hit.start):
                    count = _count_before(
                        context.body, max(span[0], hit.start - 100), hit.start, self.demonyms
                    )
                    if count is not None:
                        return count
        return None

    def _funders(self, event: _Event, context: _Context) -> tuple[Ref, ...]:
        """The States and bodies of every funding phrase about the event, in text order
        ("with the support of Italy ... thanks to contributions from Andorra")."""
        found: list[Ref] = []
        for span in event.sentences:
            for hit in context.hits(FUNDING, span):
                if not context.in_quote(hit.start):
                    found += [f for f in context.funders_after(hit.end) if f not in found]
        return tuple(found)


class _Context:
    """One body and what the other extractors found in it, for describing its events."""

    def __init__(
        self,
        body: str,
        scan: Scan,
        today: dt.date,
        organisations: Hits,
        countries: Hits,
        people: People,
        quotes: list[Span2],
        mentions: list[_Mention],
    ) -> None:
        self.body = body
        self.scan = scan
        self.today = today
        self.organisations = organisations
        self.people = people
        self.quotes = quotes
        self._quoted = Cover(quotes)
        self.sentences = Sentences(body)
        self.org_at = {hit.start: hit for hit in organisations}
        # Where a person whose post is with a unit or body is mentioned, with that unit or
        # body, in order (a visit's visitor: a lookup, not a walk through every mention).
        self.officials = [
            (start, organisation)
            for start, _, index in people.mentions
            if (organisation := people.persons[index].organisation) is not None
            and organisation.kind in ("unit", "body")
        ]
        self.named_at = {hit.start: hit for hit in (*organisations, *countries)}
        self._covered = Cover(
            [
                *((h.start, h.end) for h in organisations),
                *((m[0], m[1]) for m in people.mentions),
                *people.post_spans,
                *((m.start, m.end) for m in mentions),
            ]
        )
        self.dateline_end = _dateline_end(body)
        self._starts: dict[int, list[int]] = {}
        self._any_starts: dict[tuple[int, ...], list[int]] = {}
        self.owned: dict[Span2, _Event] = {}
        self.events: list[_Event] = []
        self.event_starts: list[int] = []  # where each event is first named, in order

    def text(self, span: Span2) -> str:
        """The text of a sentence, quoted passages blanked (offsets kept)."""
        start, end = span
        text = self.body[start:end]
        for quote_start, quote_end in self._quoted.overlapping(start, end):
            a, b = max(quote_start, start) - start, min(quote_end, end) - start
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def has(self, kind: int, span: Span2) -> bool:
        """Whether the scan found a cue of `kind` in the span, outside quotes."""
        return any(not self.in_quote(hit.start) for hit in self.hits(kind, span))

    def has_any(self, kinds: tuple[int, ...], span: Span2) -> bool:
        """Whether the scan found a cue of one of `kinds` starting in the span, quoted or
        not: one look-up for a sentence that most often has none, not one per kind."""
        starts = self._any_starts.get(kinds)
        if starts is None:
            starts = self._any_starts[kinds] = sorted(
                hit.start for kind in kinds for hit in self.scan[kind]
            )
        index = bisect_left(starts, span[0])
        return index < len(starts) and starts[index] < span[1]

    def hits(self, kind: int, span: Span2) -> list[Hit]:
        """The scan's cues of `kind` that start in the span."""
        starts = self._starts.get(kind)
        if starts is None:
            starts = self._starts[kind] = [hit.start for hit in self.scan[kind]]
        low = bisect_left(starts, span[0])
        high = bisect_left(starts, span[1], low)
        return self.scan[kind][low:high]

    def signals(self, event: _Event, kind: int) -> Iterator[Span2]:
        """Sentences after the event's first mention, up to the next event's, that mention
        no event but have a cue of `kind` ("Over two days, some 150 participants ...")."""
        start = event.mentions[0].start
        later = bisect_left(self.event_starts, start + 1)
        end = self.event_starts[later] if later < len(self.event_starts) else len(self.body)
        seen: set[Span2] = set()
        for hit in self.hits(kind, (start, end)):
            span = self.sentences.around(hit.start)
            if span not in self.owned and span not in seen and span[0] > start:
                seen.add(span)
                yield span

    def in_quote(self, pos: int) -> bool:
        return self._quoted.overlaps(pos, pos + 1)

    def covered(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps an organisation's name, a person, a post or an
        event's name."""
        return self._covered.overlaps(start, end)

    def lead_actor_in(self, sentence: Span2) -> bool:
        """Whether the sentence speaks of a person who did something "today" in the lead
        (the first sentence): "X today called on ... Speaking at a seminar in Copenhagen,
        X said ..." places the seminar today."""
        lead = self.sentences.around(self.dateline_end)
        if sentence == lead or not any(h.cue.key == "today" for h in self.hits(DAY, lead)):
            return False
        in_lead = {i for _, _, i in self._people_in(lead)}
        return any(i in in_lead for _, _, i in self._people_in(sentence))

    def _people_in(self, span: Span2) -> list[tuple[int, int, int]]:
        """The mentions of people that start in the span (they are sorted by start)."""
        mentions = self.people.mentions
        first = bisect_left(mentions, (span[0],))
        return mentions[first : bisect_left(mentions, (span[1],), first)]

    def organisation_after(self, pos: int) -> Ref | None:
        """The unit or body named right after `pos` ("organized by the OSCE Office in
        Baku"), over at most a few capitalised words or small words ("the Office of the
        OSCE Representative ..." gives the Representative); None at other words."""
        body = self.body
        for _ in range(9):
            if body.startswith(" ", pos):
                pos += 1
            hit = self.org_at.get(pos)
            if hit is not None:
                return hit.cue.ref
            end = pos
            while end < len(body) and (body[end].isalnum() or body[end] in "-'’/"):
                end += 1
            word = body[pos:end]
            if not word or not (word[:1].isupper() or word in ("the", "of", "for", "on", "in")):
                return None
            if not _NAME_GOES_ON.match(body, end):  # "organized by the Centre": the one named
                referred = referred_unit(body, pos, word, self.organisations)
                if referred is not None:
                    return referred
            pos = end
        return None

    def funders_after(self, pos: int) -> tuple[Ref, ...]:
        """The States and bodies listed right after a funding phrase."""
        body = self.body
        found: list[Ref] = []
        listed = False  # a name read, known or not
        while True:
            for separator in (
                " as well as ",
                ", and by ",
                " and by ",
                ", and ",
                " and ",
                ", ",
                " ",
            ):
                if body.startswith(separator, pos) and (listed or separator == " "):
                    pos += len(separator)
                    break
            if pos not in self.named_at:  # "the US" is a name of its own
                pos += 4 if body.startswith("the ", pos) else 0
            for government in _GOVERNMENTS_OF:
                if body.startswith(government, pos):  # "the Government of Canada"
                    pos += len(government)
                    break
            if pos not in self.named_at:  # "the Kingdom of the Netherlands"
                official = _OFFICIAL_FORM.match(body, pos)
                pos = official.end() if official is not None else pos
            hit = self.named_at.get(pos)
            if hit is None and body.startswith(" ", pos - 1):
                # "supported by the Open Society Institute and the Government of Finland": a
                # name the reference data does not know is passed over
                unknown = _OWNED_NAME.match(body, pos - 1)
                if unknown is not None:
                    pos, listed = unknown.end(), True
                    continue
            if hit is None or hit.cue.ref is None or hit.cue.ref.kind == "unit":
                return tuple(found)
            listed = True
            if hit.cue.ref not in found:
                found.append(hit.cue.ref)
            pos = hit.end
            if hit.cue.ref.kind == "country":
                pos = self._owned_name_end(pos)

    def _owned_name_end(self, pos: int) -> int:
        """Where the name of a State's own body ends after the State's name: "the Swedish
        International Development Cooperation Agency (Sida)", "the Kyrgyz Republic", "the US
        Department of State's Bureau of International Narcotics and Law Enforcement Affairs
        (INL)", "Russia's Ministry of Emergency Situations"; "and" goes on with the name
        unless a State or a body follows it."""
        body = self.body
        while True:
            start = pos
            for owned in (_OWNED_NAME, _POSSESSED):
                found = owned.match(body, pos)
                pos = found.end() if found is not None else pos
            joined = pos + len(" and ")
            if (
                pos == start
                or not body.startswith(" and ", pos)
                or joined in self.named_at
                or not body[joined : joined + 1].isupper()
            ):
                return pos
            pos = joined - 1


# Nouns of organisations' names that take a place after "in": "the EU's Border Management
# Programme in Central Asia", "the UNDP Office in Tajikistan". The place is the name's.
_NAMES_WITH_A_PLACE = word_set("names_with_a_place")


# An organising verb and "by" a few words apart: "held in Tbilisi today by", "marked
# today in Mostar by" (a day that is marked is held).
_HELD_BY = re.compile(
    r"\b(?:held|organi[sz]ed|hosted|convened|marked|celebrated|commemorated)(?: [\w-]+){1,4}? "
    r"by(?= )"
)
# After a capitalised word, what makes it part of a longer name: "the Centre for ...".
_NAME_GOES_ON = re.compile(r" (?:[A-Z]|of |for |on |in )")

# "the Government of Canada", "the governments of Switzerland and the United Kingdom"
_GOVERNMENTS_OF = tuple(
    f"{g}overnment{s} of {the}" for g in "Gg" for s in ("", "s") for the in ("the ", "")
)


def _prepositions(
    body: str, start: int, end: int, prepositions: tuple[str, ...]
) -> list[re.Match[str]]:
    """Places after the prepositions in [start, end), in text order."""
    found: list[re.Match[str]] = []
    for preposition in prepositions:
        pos = body.find(preposition, max(0, start - 1), end)
        while pos >= 0:
            place = _PLACE.match(body, pos + len(preposition), end)
            if place is not None:
                found.append(place)
            pos = body.find(preposition, pos + 1, end)
    found.sort(key=lambda m: m.start())
    return found


def _count_before(body: str, start: int, noun: int, demonyms: frozenset[str]) -> int | None:
    """The number of people a noun at `noun` is counted with: "more than 150 law
    enforcement and judicial experts", "20 Turkmen police officers" -> 150, 20; None when the
    noun has no number."""
    words = body[start:noun].split()
    for back in range(1, min(len(words), 6) + 1):
        word = words[-back].rstrip(",")
        value = number_value(word)
        if value is not None:
            before = words[-back - 1].lower() if back < len(words) else ""
            year = len(word) == 4 and word.isdigit() and before not in _LEADING_COUNT
            return None if year else value
        if not (word[:1].islower() or word in demonyms) or word in _NOT_BETWEEN:
            return None
    return None


class _Names:
    """The events each kind names so far, in the order the events were first named: the
    Human Dimension Implementation Meeting, named first as a conference, is also "the
    meeting". (Asking every event whether one of its mentions names it so read every
    mention of a long body again for each new one.)"""

    def __init__(self) -> None:
        self._by_base: dict[str, list[_Event]] = {}
        self._seen: set[tuple[str, int]] = set()

    def join(self, event: _Event, mention: _Mention) -> None:
        """Add a mention to an event."""
        event.mentions.append(mention)
        if (mention.base, id(event)) not in self._seen:
            self._seen.add((mention.base, id(event)))
            insort(self._by_base.setdefault(mention.base, []), event, key=_first_named)

    def named(self, base: str) -> list[_Event]:
        return self._by_base.get(base, [])


def _first_named(event: _Event) -> int:
    return event.mentions[0].start


def _joins(event: _Event, mention: _Mention) -> bool:
    """Whether a mention may join an event of its kind: a meeting type only an event of
    that type, or an untyped one that does not announce another event ("the next
    meeting of the Permanent Council" is not the Human Dimension Implementation Meeting)."""
    if mention.meeting_type is None or event.meeting_type == mention.meeting_type:
        return True
    return event.meeting_type is None and not event.mentions[0].new


def _meeting_type_after(
    body: str, mention: _Mention, mentions: list[_Mention], index: int
) -> int | None:
    """ "The concluding meeting of this year's OSCE Economic and Environmental Forum": the
    meeting type after "of" names the event's type."""
    if mention.meeting_type or not body.startswith(" of ", mention.end):
        return None
    for later in range(index + 1, min(index + 3, len(mentions))):
        other = mentions[later]
        between = body[mention.end + 4 : other.start]
        if other.meeting_type and len(between) < 40 and not re.search(r"[,.;:]", between):
            return later
    return None


def _noun_phrase_start(body: str, pos: int) -> tuple[int, str, str]:
    """Where the noun phrase of the noun at `pos` starts (after its determiner), the word
    that stopped it (the determiner, a possessive or a verb; "" at punctuation) and the
    word before that one (to tell "is Europe's largest conference" from a new event)."""
    start = pos
    for _ in range(7):
        if start < 2 or body[start - 1] != " ":
            break
        word_begins = word_start(body, start - 1)
        word = body[word_begins : start - 1]
        if not word or word[-1] in ',.;:!?")”(':
            break
        lowered = word.lower()
        if (
            lowered in _DETERMINERS
            or lowered.endswith(("'s", "’s"))
            or lowered in _VERB_CONTEXT
            or lowered in _COPULAS
        ):
            before = body[max(body.rfind(" ", 0, word_begins - 1), 0) : word_begins].strip()
            return start, lowered, before.lower()
        start = word_begins
    return start, "", ""


def _sentence_before(body: str, sentences: Sentences, span: Span2) -> Span2 | None:
    """The sentence before `span` in its paragraph, if any."""
    pos = span[0]
    while pos > 0 and body[pos - 1] in " \t":
        pos -= 1
    if pos == 0 or body[pos - 1] == "\n":
        return None
    return sentences.around(pos - 1)


def _sentence_after(body: str, sentences: Sentences, span: Span2) -> Span2 | None:
    """The sentence after `span`, in the next paragraph if it ends one."""
    pos = span[1]
    while pos < len(body) and body[pos] in " \t\n":
        pos += 1
    return sentences.around(pos) if pos < len(body) else None


def _addressed(body: str, mention: _Mention) -> bool:
    """Whether the event is the audience of speech: "X told a roundtable in Pristina today"."""
    determiner_start, determiner = previous_word(body, mention.np_start)
    before = previous_word(body, determiner_start)[1]
    # "said X, ..., at a meeting with religious leaders in Sarajevo today"
    return determiner in _DETERMINERS and (before in _ADDRESSED or before == "at")


def _uses_as_a_verb(sentence: str, kind: str) -> bool:
    """Whether a sentence uses an event kind's noun as a verb: "will visit Ukraine"."""
    noun = kind.rsplit("-", 1)[-1]
    return (
        re.search(rf"\b(?:will|to|would|shall) {noun}\b|\b{noun}(?:s|ed)\b", sentence) is not None
    )


def _dateline_end(body: str) -> int:
    """Where the dateline ("VIENNA, 17 July 2008 - ") ends; 0 when the body has none."""
    head = body[:120]
    for dash in (" - ", " – ", " — ", "--"):
        found = head.find(dash)
        if found > 0 and _DIGIT.search(head, 0, found):
            return found + len(dash)
    return 0


def _combine(
    clues: list[DateClue], duration: int | None, today: dt.date
) -> tuple[dt.date | None, dt.date | None]:
    """Start and end from the dates said and the duration ("two-day")."""
    start = next((c.date for c in clues if c.role == "start"), None)
    end_clue = next((c for c in clues if c.role == "end"), None)
    end = end_clue.date if end_clue is not None else None
    single = next((c.date for c in clues if c.role == "single"), None)
    if start is None and single is not None and (end is None or single <= end):
        start = single
    if start is not None and end is None:
        if duration:
            end = start + dt.timedelta(days=duration - 1)
        elif single is not None and start == single:
            end = start
    if end is not None and start is None and duration:
        start = end - dt.timedelta(days=duration - 1)
    if end_clue is not None and end_clue.weekday and start is not None and end is not None:
        # "opened today ... continues until Thursday": not the Thursday before, the next one
        end = end if end >= start else end + dt.timedelta(days=7)
    if start is not None and end is not None and end < start:
        # Dates that contradict each other: the one nearer the dateline stands ("concluded
        # today with the decision to rename it from 1 January 1995"), the other is not known.
        days = dt.timedelta(days=duration - 1) if duration else None
        if abs((end - today).days) < abs((start - today).days):
            start = end - days if days is not None else None
        else:
            end = start + days if days is not None else None
    return start, end
