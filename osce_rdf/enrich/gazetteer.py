"""One pass over the body finds every name and cue word that the extractors read.

The reference data's names (States, OSCE units, outside bodies, meeting types) and the cue
words of `people.toml` and `concepts.toml` (honorifics, posts, reporting verbs, event nouns)
go into one Aho-Corasick automaton, built once per process. Scanning a body is then a
single pass in C; everything after works on the hits, not on the text. (A precompiled regex
alternation of the same strings is many times slower, measured in docs/decisions/0007:
Python's `re` tries the alternatives one by one at every position.)

Matching is case-sensitive and by whole word, as the reference files' headers ask.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick  # a C extension without type stubs (see the mypy overrides)

from ..reading.findings import Ref
from ..reference import Country, Reference, Unit
from .text import FULL_MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS
from .words import word_set, words

__all__ = ["Cue", "Gazetteer", "Hit", "Hits", "Scan", "longest"]

# Kinds of cue.
COUNTRY, ORG, TITLE, REPORTING, EVENT, MEETING_TYPE, DAY = range(7)
FUNDING, ORGANIZING, DECISION, APPOSITION, EVENT_REF = range(7, 12)
MONTH_NAME, PEOPLE_NOUN, PARTICIPATION, DURATION, PLURAL_TITLE = range(12, 17)
KINDS = 17

# The nouns that name an event (the labelling conventions): a form of `concepts.toml`'s event
# kinds counts only when it ends with one of them, so "training" alone is no event.
EVENT_HEADS = word_set("event_heads")
FUNDING_PHRASES = words("funding_phrases")
ORGANIZING_PHRASES = words("organizing_phrases")
APPOSITIONS = (", who", ", a ", ", an ", ", the ")
# Plural nouns that count people ("more than 150 experts"): the sentences worth reading for a
# number of participants.
PEOPLE_NOUNS = words("people_nouns")
PARTICIPATION_PHRASES = words("participation_phrases")
DURATION_WORDS = words("duration_words")
MONTH_NAMES = (*FULL_MONTHS, *(abbreviation + "." for abbreviation in MONTH_ABBREVIATIONS))
DAY_WORDS = ("today", "Today", "yesterday", "Yesterday", "tomorrow", "Tomorrow", "weekend")


@dataclass(frozen=True, slots=True)
class Cue:
    """What a string of the automaton means; one string can mean several things."""

    kind: int
    form: str
    ref: Ref | None = None  # COUNTRY, ORG
    key: str = ""  # EVENT, MEETING_TYPE: concept key; COUNTRY: "former" for a former State
    base: str = ""  # MEETING_TYPE: the event-kind key of its head noun
    honorific: bool = False  # TITLE
    post: bool = False  # TITLE


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    cue: Cue

    @property
    def length(self) -> int:
        return self.end - self.start


class Scan(list[list[Hit]]):
    """The hits of one body by kind (`scan[ORG]`), each list in text order. A list
    subclass, so that indexing stays a C operation."""


class Hits(list[Hit]):
    """Hits in text order, looked up by where they stand in the body.

    Asking each of a body's candidates about every hit costs the square of the body's size
    (a 1 MB body took minutes); a lookup here reads only the hits near the place asked
    about: those starting within the longest hit's length before it. A list, so that code
    reading every hit in order needs nothing else; not to be changed once made.
    """

    def __init__(self, hits: Iterable[Hit] = ()) -> None:
        super().__init__(sorted(hits, key=lambda hit: hit.start))
        self._starts = [hit.start for hit in self]
        self._longest = max((hit.end - hit.start for hit in self), default=0)

    def starting(self, low: int, high: int) -> list[Hit]:
        """The hits that start in [low, high)."""
        first = bisect_left(self._starts, low)
        return self[first : bisect_left(self._starts, high, first)]

    def overlapping(self, start: int, end: int) -> list[Hit]:
        """The hits that share a character with [start, end)."""
        near = self.starting(start - self._longest + 1, end)
        return [hit for hit in near if hit.end > start]

    def ending(self, low: int, high: int) -> list[Hit]:
        """The hits that end in [low, high)."""
        near = self.starting(low - self._longest, high)
        return [hit for hit in near if low <= hit.end < high]

    def before(self, pos: int) -> Iterator[Hit]:
        """The hits that start before `pos`, the nearest first."""
        for index in range(bisect_left(self._starts, pos) - 1, -1, -1):
            yield self[index]


def longest(hits: Iterable[Hit]) -> list[Hit]:
    """Hits that do not overlap, the longest winning; returned in text order.

    Hits are swept in text order into groups of mutually overlapping ones; only a group of
    several needs choosing, so the cost stays near a sort.
    """
    chosen: list[Hit] = []
    group: list[Hit] = []
    group_end = -1
    for hit in sorted(hits, key=_by_start):
        if hit.start >= group_end and group:
            chosen += group if len(group) == 1 else _choose(group)
            group = []
        group.append(hit)
        group_end = max(group_end, hit.end) if len(group) > 1 else hit.end
    if group:
        chosen += group if len(group) == 1 else _choose(group)
    return chosen


def _by_start(hit: Hit) -> tuple[int, int]:
    return hit.start, -hit.end


def _choose(group: list[Hit]) -> list[Hit]:
    """The longest hits of a group of overlapping ones (the earlier on a tie)."""
    kept: list[Hit] = []
    for hit in sorted(group, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= other.start or hit.start >= other.end for other in kept):
            kept.append(hit)
    kept.sort(key=_by_start)
    return kept


def _unit_forms(unit: Unit, hosts: dict[str, Country], posts: tuple[str, ...]) -> tuple[str, ...]:
    """A unit's names, and the other ways text writes them:

    - a field operation's names with its host State in its other forms ("Mission to BiH"
      for the "Mission to Bosnia and Herzegovina"), and with the place first ("the OSCE's
      Skopje Mission", "the Yerevan Office");
    - a name with "OSCE" inside also without it, as text writes it after a leading "OSCE"
      ("OSCE Office of the Co-ordinator of Economic and Environmental Activities");
    - a name that names a post after "of the" or "to the" also with "OSCE" before the post
      ("the Office of the OSCE Special Representative ...", "Senior Police Adviser to the
      OSCE Secretary General").
    """
    names = (unit.name, *unit.former_names)
    host = hosts.get(unit.host_country or "")
    variants: list[str] = [n.replace(" of OSCE ", " of ") for n in names if " of OSCE " in n]
    variants += [
        f"{n[: m.end()]}OSCE {n[m.end() :]}"
        for n in names
        for m in _OF_THE.finditer(n)
        if n.startswith(posts, m.end())
    ]
    if host is not None:
        current = (host.name, *host.short_names)
        for name in names:
            for country in sorted({*current, *host.former_names}, key=len, reverse=True):
                for written in (f" the {country}", f" {country}"):
                    if name.endswith(written):
                        stem = name[: -len(written)]
                        variants += [f"{stem} {form}" for form in current if form != country]
                        break
                else:
                    continue
                break
    if unit.kind == "field-operation":
        variants += [
            f"{m.group('place')} {m.group('stem')}"
            for n in (*names, *variants)
            if (m := _PLACE_LAST.fullmatch(n)) is not None
        ]
    return tuple(dict.fromkeys((*names, *unit.abbreviations, *variants)))


# " of the " or " to the " before another unit's name ("Office of the Special Representative").
_OF_THE = re.compile(r" (?:of|to) the (?=[A-Z])")
# A field operation's name that ends with its place: "Mission to Skopje", "Office in Yerevan".
_PLACE_LAST = re.compile(r"(?P<stem>(?!CSCE )[^,]+?) (?:to|in) (?:the )?(?P<place>[A-Z][^,]*)")


def meeting_type_variants(label: str) -> set[str]:
    """How running text writes a meeting type's label: singular, capitalised or not.

    "Cyber/ICT security conferences" -> "Cyber/ICT Security Conference" and the like. The
    first letter is lowered only when another capital remains ("conference of the Alliance
    against Trafficking in Persons"), so "human rights meetings" never matches plain prose.
    """
    words = label.split(" ")
    lasts = {words[-1]}
    if words[-1].endswith("s") and len(words[-1]) > 4:
        lasts.add(words[-1][:-1])
    lasts |= {w[:1].upper() + w[1:] for w in lasts} | {w[:1].lower() + w[1:] for w in lasts}
    variants: set[str] = set()
    for last in lasts:
        if len(words) == 1:
            variants.add(last)
            continue
        for middle in {" ".join(words[1:-1]), " ".join(w[:1].upper() + w[1:] for w in words[1:-1])}:
            variants.add(" ".join(filter(None, (words[0], middle, last))))
    lowered = {v[:1].lower() + v[1:] for v in variants if any(c.isupper() for c in v[1:])}
    return {v for v in variants | lowered if any(c.isupper() for c in v)}


class Gazetteer:
    """The automaton over every name and cue; build once, scan many bodies."""

    def __init__(self, reference: Reference) -> None:
        cues: dict[str, list[Cue]] = {}  # form -> what it means

        def add(form: str, cue: Cue) -> None:
            if form and cue not in cues.setdefault(form, []):
                cues[form].append(cue)

        for country in reference.countries:
            ref = Ref("country", country.key)
            for form in (country.name, *country.former_names, *country.short_names):
                add(form, Cue(COUNTRY, form, ref))
            for form in country.demonyms:
                add(form, Cue(COUNTRY, form, ref, key="demonym"))
        for state in reference.former_states:
            ref = Ref("country", state.key)
            for form in (state.name, *state.alt_names):
                add(form, Cue(COUNTRY, form, ref, key="former"))
        hosts = {country.iso2: country for country in reference.countries}
        posts = tuple(
            name for unit in reference.units if unit.key != "osce"
            for name in (unit.name, *unit.former_names)
        )  # fmt: skip
        unit_forms = {unit.key: _unit_forms(unit, hosts, posts) for unit in reference.units}
        # "the Special Monitoring Mission": a field operation's name without its place, when
        # no other unit's name has that stem and it is more than a back-reference's noun
        stems: dict[str, set[str]] = {}
        for unit in reference.units:
            if unit.kind != "field-operation":
                continue
            for name in (unit.name, *unit.former_names):
                place_last = _PLACE_LAST.fullmatch(name)
                if place_last is not None:
                    stems.setdefault(place_last.group("stem"), set()).add(unit.key)
        for stem, keys in stems.items():
            if len(keys) == 1 and " " in stem:
                (key,) = keys
                unit_forms[key] += (stem,)
        for unit in reference.units:
            if unit.key == "osce":  # the organisation itself is no mention
                continue
            ref = Ref("unit", unit.key)
            for form in unit_forms[unit.key]:
                add(form, Cue(ORG, form, ref))
        for body in reference.outside_bodies:
            ref = Ref("body", body.key)
            for form in (body.name, *body.alt_names):
                add(form, Cue(ORG, form, ref))
        words = reference.people_words
        titles = set(words.honorifics) | set(words.post_words)
        for form in titles:
            add(form, Cue(TITLE, form, honorific=form in words.honorifics,
                          post=form in words.post_words))  # fmt: skip
            # "Ambassadors X and Y", "Foreign Ministers X of Norway and Y of Sweden", "Minsk
            # Group Co-Chairs X, Y and Z", "journalists X in Malta and Y in Slovakia"
            last = form.rsplit(" ", 1)[-1]
            if last.replace("-", "").isalpha() and not last.endswith("s"):
                add(form + "s", Cue(PLURAL_TITLE, form, honorific=form in words.honorifics))
        for form in words.reporting_verbs:
            add(form, Cue(REPORTING, form))
        event_kinds: dict[str, str] = {}
        for concept in reference.concepts:
            if concept.scheme != "event-kind":
                continue
            for form in (concept.label, *concept.alt_labels):
                if form.split(" ")[-1].lower() in EVENT_HEADS:
                    titled = " ".join(w[:1].upper() + w[1:] for w in form.split(" "))
                    for variant in (
                        form[:1].lower() + form[1:],
                        form[:1].upper() + form[1:],
                        titled,
                    ):
                        add(variant, Cue(EVENT, variant, key=concept.key))
                    event_kinds.setdefault(form.split(" ")[-1].lower(), concept.key)
        for concept in reference.concepts:
            if concept.scheme != "meeting-type":
                continue
            for label in (concept.label, *concept.alt_labels):
                nouns = [w.lower().removesuffix("s") for w in label.split(" ")]
                base = next((event_kinds[n] for n in nouns if n in event_kinds), "")
                base = base or event_kinds.get("meeting", "")
                for variant in meeting_type_variants(label):
                    add(variant, Cue(MEETING_TYPE, variant, key=concept.key, base=base))
        for form in (*DAY_WORDS, *WEEKDAYS):
            add(form, Cue(DAY, form, key=form.lower()))
        for kind, forms in (
            (FUNDING, FUNDING_PHRASES),
            (ORGANIZING, ORGANIZING_PHRASES),
            (APPOSITION, APPOSITIONS),
            (DECISION, ("decision", "Decision", ".DEC/")),
            (EVENT_REF, ("event", "session")),
            (MONTH_NAME, MONTH_NAMES),
            (PEOPLE_NOUN, PEOPLE_NOUNS),
            (PARTICIPATION, PARTICIPATION_PHRASES),
            (DURATION, DURATION_WORDS),
        ):
            for form in forms:
                add(form, Cue(kind, form))

        self.meeting_types: dict[str, str] = {}  # variant -> meeting-type key, for composing
        for form, found in cues.items():
            for cue in found:
                if cue.kind == MEETING_TYPE:
                    self.meeting_types[form] = cue.key
        self.country_forms = frozenset(f for f, c in cues.items() if c[0].kind == COUNTRY)
        self.unit_forms: dict[str, tuple[str, ...]] = unit_forms

        self._automaton = ahocorasick.Automaton()
        # pyahocorasick finds a node's child by a linear search, so the order in which the
        # first letters are added matters: the letters most frequent in prose come first.
        frequency = "etaoinsrhldcumfpgwybvkxjqz ETAOINSRHLDCUMFPGWYBVKXJQZ"
        ranked = {c: i for i, c in enumerate(frequency)}
        for form in sorted(cues, key=lambda f: ranked.get(f[0], len(frequency))):
            checks = (is_alnum_start(form), is_alnum_end(form))
            self._automaton.add_word(form, (len(form), *checks, tuple(cues[form])))
        self._automaton.make_automaton()

    def scan(self, body: str) -> Scan:
        """Every whole-word occurrence of every form in the body, grouped by kind."""
        scan = Scan([] for _ in range(KINDS))
        by_kind = scan
        size = len(body)
        for last, (length, check_start, check_end, found) in self._automaton.iter(body):
            start = last - length + 1
            if check_start and start and (body[start - 1].isalnum() or body[start - 1] == "_"):
                continue
            end = last + 1
            if check_end and end < size and (body[end].isalnum() or body[end] == "_"):
                continue
            for cue in found:
                by_kind[cue.kind].append(Hit(start, end, cue))
        for hits in by_kind:
            if len(hits) > 1:
                hits.sort(key=_by_start)
        return scan


def is_alnum_start(form: str) -> bool:
    return form[:1].isalnum()


def is_alnum_end(form: str) -> bool:
    return form[-1:].isalnum()
