"""People in the body: their names, honorifics and posts, and every mention of them.

A capitalised pair of words is a person only with evidence around it, and the evidence is
what newsroom prose always gives a person's first mention:

- an honorific before the name ("Ambassador Jennifer Lowry", "Dr. Lena Holm");
- a post before the name ("OSCE Secretary General Rafael Montero", "Deputy Prime Minister
  for Reintegration Ion Ciobanu"), or before it with a comma ("The Mufti of Montenegro,
  Rifat Hodžić,");
- a reporting verb next to it ("said Kevin Carty", "Kevin Carty said");
- an apposition after it that names a post or a person's role ("Tomasz Zielinski, a labour
  inspector from Poland"), or a relative clause about a person ("Jordan Peters, who").

Later mentions by surname ("Carty said") are found by searching for the names once the
people are known. A post is the title phrase of the first mention, without its article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..reading.findings import PersonFinding, Ref, Span
from ..reference import Reference
from .gazetteer import (
    APPOSITION,
    PLURAL_TITLE,
    REPORTING,
    TITLE,
    Gazetteer,
    Hit,
    Hits,
    Scan,
    longest,
)
from .mentions import referred_unit
from .text import (
    MONTHS,
    NAME_WORDS,
    PARTICLE,
    PARTICLES,
    WEEKDAYS,
    Taken,
    ends_word,
    occurrences,
    previous_word,
    split_words,
    starts_word,
    word_start,
)
from .words import word_set, words

__all__ = ["People", "PeopleFinder"]

# Capitalised words that are never part of a person's name: function words that open a
# sentence (they end a title phrase too: "According to OSCE Secretary General X"), and the
# nouns and adjectives of organisations, places, documents and events (a title phrase may
# hold them: "Slovakia's Foreign and European Affairs Minister X", "Mission spokesperson X").
_FUNCTION_WORDS = frozenset(
    split_words(
        "The A An In On At For From With By During After Before Since Today Yesterday And But "
        "Or Nor Both Each Every Some Many Most Other Such Then Thus When While Where If As "
        "Among Under Over Through Following Meanwhile However Also Later Earlier Speaking "
        "According This That These Those Its Their His Her Our My Your We They He She It I "
        "You There Here What Which Who Why How Not No Yes All Any Several Further Despite "
        "Although Though Once"
    )
)
_NOT_NAMES = _FUNCTION_WORDS | word_set("not_names")
# Lower-case words that may open a title phrase before a name.
_OPENS_A_TITLE = word_set("opens_a_title")
# Each of them by its last word, as a title phrase is read back word by word: "facto" ->
# "de facto".
_OPENS_A_TITLE_BY_LAST = {w.rsplit(" ", 1)[-1]: w for w in _OPENS_A_TITLE}
_OPENS_A_TITLE_WORDS = frozenset(p for w in _OPENS_A_TITLE for p in w.split())
# "He was joined by X and Y", "Speakers included X and Y": lists of people, no title needed.
# Each opener with whether a noun of people must stand before it in its clause.
_NAMES_LISTED_AFTER = (
    *((f"{w} ", False) for w in words("names_listed_after")),
    *((f"{w} ", True) for w in words("names_listed_after_people")),
)
# The openers by their last word, longest first, looked for where that word stands: one
# `find` of " by " serves "joined by", "attended by", "co-chaired by" and the others.
_OPENERS_BY_LAST = {
    f" {last} ": sorted((o for o in _NAMES_LISTED_AFTER if o[0].split()[-1] == last),
                        key=lambda o: -len(o[0]))
    for last in {opener.split()[-1] for opener, _ in _NAMES_LISTED_AFTER}
}  # fmt: skip
_PEOPLE_NOUNS = word_set("people_nouns")
# What may stand between an apposition's article and the organisation that opens its post.
_BEFORE_AN_ORGANISATION = frozenset({"", *words("before_an_organisation")})
# Months' names that are also given names ("Jan Kubiš", "Theresa May"): names unless they
# stand as a date.
_MONTHS_AS_NAMES = word_set("months_as_names")
_DATE_PREPOSITIONS = word_set("date_words")
# Before a month's name that is also a given name, and a name after it: the person's name
# ("opened by Jan Kubiš", "a letter from April Ryan"), not a date.
_AGENT_PREPOSITIONS = frozenset({"by", "from", "of"})
# Endings of nouns that name things, not people ("Self-Government", "Situations"); "-ity"
# after a consonant ("Security", not the surname "Kokoity").
_THING_ENDING = re.compile(
    r"(?:tions?|ments?|(?<![aeiou])(?:ity|ities)|ism|ships?|ency|ancy|ology|ics|ures?)$"
)
# Capitalised words that a title phrase may take before its post word ("Foreign Minister",
# "Deputy Head"), though they are never part of a name.
_TITLE_WORDS = word_set("title_words")
# "residents of Stanytsia Luhanska, who": a place, not a person, before "who" (not "to":
# "paid tribute to Max van der Stoel, who").
_PLACE_PREPOSITIONS = frozenset({"in", "of", "at", "near", "from", "across"})
# Small words inside the names of things and in titles ("Office for ...", "Secretary of
# State and Foreign Minister").
_CONNECTORS = frozenset({"of", "for", "on", "and", "the", "to", "in"})
# Before "the <post>": what makes it the object of a longer post ("Personal Representative of
# the OSCE Chairman-in-Office"), unlike "and" ("X and the Head of ...").
_POST_OBJECT = frozenset({"of", "for", "on", "to", "in"})
# An abbreviation in brackets at the end of a post: "(BiH)", "(OSCE PA)".
_BRACKETED_BEFORE = re.compile(r" \([A-Z][\w /.-]{0,20}\)$")
_BRACKETED = re.compile(r" \([A-Z][\w /.-]{0,20}\)")
_JOINED_PARTICLE = re.compile(rf"{PARTICLE}[-'’]")
_MIDDLE_INITIAL = re.compile(rf"[A-Z]\. (?=[A-Z][a-z]|{PARTICLE} )")
_ARTICLES = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "His", "Her", "Our"})
# What a post may open with and is no part of it: an article, or a possessive pronoun
# ("appointed X as his Special Representative for ...", "led by its Deputy Co-ordinator, X").
_DETERMINERS = ("the", "a", "an", "his", "her", "its", "their")
_PREPOSITIONS = frozenset(
    {"of", "for", "to", "on", "in", "at", "from", "with", "under", "against", "between",
     "within", "who", "which", "whose", "based", "responsible"}
)  # fmt: skip
# Head nouns of a person's role that no word list can hold: "inspector", "lawyer", "activist".
_ROLE_ENDING = re.compile(r"(?:er|or|ist|ian|man|woman|person|ee|ant|ary|ate|at|ef|ge)$")
# After a post and before a name: more words of the post ("for Reintegration").
_TITLE_TAIL = re.compile(
    r"(?: (?:of|for|on|to|in|and)(?: the)? (?:[A-Z][\w'’/-]*)(?: [A-Z]\.(?= [A-Z])| [A-Z][\w'’/-]*)*"
    # a list in the name of a ministry: "for Europe, Integration and Foreign Affairs"
    r"(?:, [A-Z][\w'’/-]*(?: [A-Z][\w'’/-]*)?(?=,| and ))*)+"
    r"(?: \([A-Z][\w /.-]{0,20}\)(?: [A-Z][\w'’/-]*)+)?"  # "... (OSCE PA) John Doe"
)
_CONTINUATION = re.compile(
    r"(?:[,.;:)\n]|$| [A-Z(]|['’]s | (?:of|for|in|at|on|under|within) "
    r"| (?P<and>and) (?:the )?(?P<word>[\w-]+))"
)
_TEAM = re.compile(
    r"(?: [a-z][\w-]*){0,3} (?:mission|office|team|project|programme|centre|unit|delegation)\b"
)
_LIST_COMMA = re.compile(r", (?=[A-Z])")
_AND_A_POST = re.compile(r" and (?:the )?(?=[A-Z])")
_LIST_SEPARATORS = (", and ", " and ", ", ")
# A name's apposition in a list, up to the next name: ", a member of the Assembly, and ".
_APPOSITION_IN_A_LIST = re.compile(r", (?:a|an|the|his|her|its|their) [^,.;:()\"“”\n]{1,120}, and ")
# After a name in a list: its State or place ("of the Russian Federation", "(France)", "in
# Malta").
_OF_A_PLACE = re.compile(
    r" (?:(?:of|from|in) (?:the )?[A-Z][\w-]*(?: (?:of )?[A-Z][\w-]*)*|\([A-Z][\w .-]*\))"
)
_TAIL_STARTS = (" of ", " for ", " on ", " to ", " in ", " and ")
_TAIL_WORDS = frozenset(start.strip() for start in _TAIL_STARTS) - {"and", "in", "to"}
_CLAUSE_ENDS = ',.;:"“”«»()\n'
_WORD = re.compile(r"\S+")
_OSCE = re.compile(r"\b[OC]SCE\b")
_US = ("US ", "U.S. ")
_TO_THE_OSCE = re.compile(r"\bto the [OC]SCE\b")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    honorific: str = ""
    post_span: tuple[int, int] | None = None
    needs_role: bool = True  # found only by ", a/an/the ...": the apposition must be a role
    surname: bool = False  # a surname alone after a title: "President Berisha"
    state: Ref | None = None  # the State of a post shared out: "the Danish and Estonian ..."


class _Candidates:
    """Names found so far, by span; what several cues say about one name is merged."""

    def __init__(self, body: str, organisations: Hits, countries: Hits) -> None:
        self.body = body
        self.found: dict[tuple[int, int], _Candidate] = {}
        self.organisations = organisations
        self.organisation_starts = {hit.start for hit in organisations}
        self.organisation_ends = {hit.end for hit in organisations}
        self.states = {hit.start for hit in countries}
        self.state_at = {hit.start: hit for hit in countries}
        self.state_end = {hit.end: hit for hit in countries}

    def add(
        self,
        span: tuple[int, int] | None,
        *,
        honorific: str = "",
        post: tuple[int, int] | None = None,
        needs_role: bool = False,
        surname: bool = False,
        state: Ref | None = None,
    ) -> None:
        if span is None:
            return
        # "RFoM Harlem Désir": the name after an organisation that opens the run of words.
        opening = next((h.end for h in self.organisations.overlapping(span[0], span[0] + 1)), None)
        if opening is not None and " " in self.body[opening + 1 : span[1]]:
            span = (opening + 1, span[1])
        if self.organisations.overlapping(*span):
            return
        candidate = self.found.setdefault(span, _Candidate(*span, surname=surname))
        candidate.honorific = candidate.honorific or honorific
        candidate.post_span = candidate.post_span or post
        candidate.needs_role = candidate.needs_role and needs_role
        candidate.state = candidate.state or state


@dataclass(slots=True)
class People:
    """What the people finder found in one body."""

    persons: list[PersonFinding] = field(default_factory=list)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, person
    post_spans: list[tuple[int, int]] = field(default_factory=list)
    # Where each post ends, by where it starts: built once, since a quote asks for every
    # list it reads (a dict per call made a body with many people and quotes quadratic).
    post_end_at: dict[int, int] = field(default_factory=dict)

    def joint_at(self, body: str, start: int, end: int) -> list[int]:
        """The person mentioned first within [start, end), with those listed right after
        ("Rau and Schmid", "Rau, Schmid and Holm"), by index."""
        joint: list[int] = []
        follows: set[int] = set()
        posts = self.post_end_at
        for number in range(self._first_from(start), len(self.mentions)):
            mention_start, mention_end, index = self.mentions[number]
            if joint and mention_start not in follows:
                break
            if mention_start >= end:
                break
            if index not in joint:
                joint.append(index)
            after = _next_in_list(body, mention_end)
            if after is None:
                break
            # "Greminger, ODIHR Director Ingibjörg Sólrún Gísladóttir and ...": a post between
            # "Rau, and the OSCE Secretary General, Helga Maria Schmid": a post between
            post = after + 4 if body.startswith("the ", after) else after
            follows = {after, posts.get(post, post) + 1, posts.get(post, post) + 2}
        return joint

    def listed_last_before(self, body: str, pos: int) -> list[int]:
        """The people of the last list ("X and Y", "X, Y and Z") mentioned before `pos`."""
        first = self._first_from(pos)
        before = self.mentions[max(0, first - 6) : first]
        last = before[-1][2] if before else None
        longest: list[int] = []
        for start, _, _ in before:
            joint = self.joint_at(body, start, pos)
            if last in joint and len(joint) > len(longest):
                longest = joint
        return longest

    def person_ending_at(self, pos: int) -> int | None:
        """The person whose mention ends at `pos`, by index."""
        first = self._first_from(pos)  # mentions do not overlap: it is the last before
        if first and self.mentions[first - 1][1] == pos:
            return self.mentions[first - 1][2]
        return None

    def last_before(self, pos: int) -> int | None:
        """The person mentioned last before `pos`, by index."""
        mention = self.last_mention_before(pos)
        return mention[2] if mention is not None else None

    def last_mention_before(self, pos: int) -> tuple[int, int, int] | None:
        """The last mention of a person before `pos`: start, end, person."""
        first = self._first_from(pos)
        return self.mentions[first - 1] if first else None

    def _first_from(self, pos: int) -> int:
        """The index of the first mention that starts at `pos` or later (they are sorted):
        a lookup for each quote, not a walk through every mention."""
        return bisect_left(self.mentions, (pos,))


class PeopleFinder:
    """Finds people; built once with the reference data's word lists."""

    def __init__(self, reference: Reference, gazetteer: Gazetteer) -> None:
        words = reference.people_words
        single_titles = {w for w in (*words.honorifics, *words.post_words) if " " not in w}
        self.titles = frozenset(
            part for w in (*words.honorifics, *words.post_words) for part in w.split(" ")
        )
        # A title in the plural is no name either: "the Minsk Group Co-Chairs, Ambassadors X,
        # Y and Z".
        plural_titles = {w + "s" for w in single_titles if not w.endswith("s")}
        self.not_names = (
            _NOT_NAMES
            | single_titles
            | plural_titles
            | (set(MONTHS) - _MONTHS_AS_NAMES)
            | set(WEEKDAYS)
        )
        self.honorifics = frozenset(w for w in words.honorifics if " " not in w)
        self.national_words = frozenset(words.national_words)

        heads = {w.split(" of ")[0].split(" ")[-1].lower() for w in words.post_words}
        heads |= {w.rstrip(".").lower() for w in words.honorifics if " " not in w}
        self.role_heads = frozenset(heads - {"general", "acting", "deputy", "senior"})
        # Units that are one person's post: "High Commissioner on National Minorities",
        # "Secretary General" (not the "Office of the Secretary General").
        self.posts_as_units = frozenset(
            key
            for key, forms in gazetteer.unit_forms.items()
            if _head_phrase(forms[0]).split()[-1].lower() in {*self.role_heads, "general"}
        )
        self.country_forms = gazetteer.country_forms
        self.places = frozenset(n for p in reference.places for n in (p.name, *p.alt_names))
        # Where a post after a name ends: punctuation, a full stop, or one of `post_ends`.
        ends = "|".join(re.escape(e) for e in sorted(words.post_ends, key=len, reverse=True))
        self.post_end = re.compile(rf"[,;:()\"“”«»\n]|\.(?=\s|$|[\"”»])| (?:{ends})\b")

    def find(self, body: str, scan: Scan, organisations: Hits, countries: Hits) -> People:
        """The people of one body, in order of first mention, with every mention."""
        titles = Hits(longest(scan[TITLE]))
        title_at = {hit.start: hit for hit in titles}
        title_end = {hit.end: hit for hit in titles if hit.cue.post}
        title_before = {hit.end + 1: hit for hit in titles if hit.cue.honorific}
        candidates = _Candidates(body, organisations, countries)
        # First the titles in the plural: "the Chief Negotiators, X and Y" are each a Chief
        # Negotiator, though "Chief" alone is a post word too.
        plural = scan[PLURAL_TITLE]
        self._listed(body, longest(plural) if len(plural) > 1 else plural, candidates)
        for hit in titles:
            self._from_title(body, hit, title_at, title_end, candidates)
        surnames: list[tuple[int, int]] = []
        for hit in scan[REPORTING]:
            after = None
            if body.startswith(" ", hit.end):
                after = self._name_after(body, hit.end + 1, least=1)
            before = self._name_before(body, hit.start - 1, least=1) if hit.start > 1 else None
            if before is None and hit.start > 1:
                # "Jane Doe of the OSCE Mission to Serbia said": past where the name is from
                end = _past_an_affiliation(body, hit.start - 1, candidates)
                before = self._name_before(body, end) if end != hit.start - 1 else None
            for span in (after, before):
                if span is not None and " " in body[span[0] : span[1]]:
                    candidates.add(span)
                elif span is not None:
                    surnames.append(span)  # "Carty said": whose? see _full_names
            if body.startswith(", ", hit.start - 2):
                # "Sarah Gruber, Director of ..., said": the name before the apposition.
                comma = body.rfind(", ", max(0, hit.start - 240), hit.start - 2)
                if comma > 0 and not any(c in body[comma + 2 : hit.start - 2] for c in '.;:\n"'):
                    candidates.add(self._name_before(body, comma))
                    # "The RFoM, Harlem Désir, said": the name between the commas.
                    candidates.add(self._name_before(body, hit.start - 2))
        for hit in scan[APPOSITION]:
            who = hit.cue.form == ", who"
            # "He succeeds Roberto Battelli of Slovenia, who had held the post"
            end = _past_an_affiliation(body, hit.start, candidates) if who else hit.start
            span = self._name_before(body, end)
            if who and span is not None and previous_word(body, span[0])[1] in _PLACE_PREPOSITIONS:
                continue  # "residents of Stanytsia Luhanska, who said": a place
            candidates.add(span, needs_role=not who)

        for hit in organisations:
            # "HCNM Lamberto Zannier", "RFoM Harlem Désir": a post held by one person.
            if hit.cue.ref is not None and hit.cue.ref.key in self.posts_as_units:
                named = (
                    self._name_after(body, hit.end + 1) if body.startswith(" ", hit.end) else None
                )
                if named is None and body.startswith(", ", hit.end):
                    # "received the HCNM, Knut Vollebæk": the name set off by commas
                    named = self._name_after(body, hit.end + 2)
                    if named is not None and not body.startswith((",", ".", " and "), named[1]):
                        named = None
                candidates.add(named, post=(hit.start, hit.end))
        self._full_names(body, surnames, candidates)
        self._surnames_of_full_names(body, candidates)
        self._names_listed_after(body, candidates)
        self._listed_with_people(body, candidates)
        people = People()
        by_name: set[str] = set()
        country_at = {hit.start: hit for hit in countries}
        starts = sorted({start for start, _ in candidates.found})
        for candidate in sorted(candidates.found.values(), key=lambda c: c.start):
            honorific = title_before.get(candidate.start)
            if not candidate.honorific and honorific is not None:
                # "Slovakia's Foreign and European Affairs Minister X": a word that ends a
                # longer title phrase is the end of the post, no honorific.
                span = candidate.post_span
                if span is None or span[1] != honorific.end or span[0] == honorific.start:
                    candidate.honorific = honorific.cue.form
            state, state_end = self._state_after(body, candidate.end, country_at)
            if candidate.post_span is None:
                # "Ambassador X of Ireland, Chairperson of the Permanent Council"
                candidate.post_span = self._apposition(
                    body,
                    state_end,
                    titles,
                    organisations,
                    starts,
                    titled_heads=not candidate.needs_role,
                )
                if candidate.post_span is None and candidate.needs_role:
                    continue
            if candidate.post_span is not None:
                people.post_spans.append(candidate.post_span)
                people.post_end_at[candidate.post_span[0]] = candidate.post_span[1]
            name = body[candidate.start : candidate.end]
            if name in by_name:
                continue
            by_name.add(name)
            post = candidate.post_span
            people.persons.append(
                PersonFinding(
                    name=name,
                    honorific=candidate.honorific,
                    # "Head of the OSCE Mission to Bosnia and Herzegovina (BiH)": the short
                    # form a release introduces is no part of the post (decision 0036)
                    post=_BRACKETED.sub("", body[post[0] : post[1]]) if post else "",
                    organisation=(
                        self._organisation(body, post, organisations, countries)
                        or candidate.state
                        or state
                    ),
                    spans=(),
                )
            )
        self._mentions(body, people)
        return people

    # -- names ----------------------------------------------------------------------------

    def _name_like(self, word: str, last: bool) -> bool:
        """Whether a word can be part of a name (the last word: not a State's name)."""
        if word[:1].islower() and (joined := _JOINED_PARTICLE.match(word)) is not None:
            word = word[joined.end() :]  # "al-Hamdan": the name word after the particle
        if not word[:1].isupper() or word[1:2].isupper():  # "UNHCR", "RFoM": no name
            return False
        if word in self.not_names or _THING_ENDING.search(word):
            return False
        return not (last and word in self.country_forms)

    def _a_date(self, body: str, start: int, end: int) -> bool:
        """Whether a month's name that is also a given name is a date where it stands: after
        a number or a preposition ("12 June", "in May"), or before a number ("June 2008")."""
        if body[start:end] not in _MONTHS_AS_NAMES:
            return False
        _, before = previous_word(body, start)
        if before[-1:].isdigit() or (
            body.startswith(" ", end) and body[end + 1 : end + 2].isdigit()
        ):
            return True
        following = NAME_WORDS.match(body, end + 1) if body.startswith(" ", end) else None
        if (
            before in _AGENT_PREPOSITIONS
            and following is not None
            and self._name_like(following.group(), last=True)
        ):
            return False  # "opened by Jan Kubiš", not "In May Lamberto Zannier said"
        return before.lower() in _DATE_PREPOSITIONS

    def _inside_a_longer_name(self, body: str, start: int) -> bool:
        """Whether the capitalised words before `start` make it part of another name:
        "the Office for Inter-Ethnic Relations", "National Computer Emergency Response
        Team"; a title or an honorific before a name is no such word."""
        _, word = previous_word(body, start)
        if word in _CONNECTORS:
            before_start = start - len(word) - 1
            _, before = previous_word(body, before_start)
            if word == "and" and self._name_like(before, last=True):
                return False  # "Nasta Loika of the Centre Viasna and Andrei Bastunets, Chair"
            return before[:1].isupper() and before[-1:].isalnum() and before not in _ARTICLES
        return word in _NOT_NAMES and word not in self.titles and word not in _ARTICLES

    def _words(self, body: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in NAME_WORDS.finditer(body, start, end)]

    def _valid(self, words: list[tuple[int, int, str]], least: int = 2) -> tuple[int, int] | None:
        """The span of a name: `least` (two for a new person) to four name words."""
        while words and words[-1][2] in PARTICLES:
            words = words[:-1]
        while words and words[0][2] in PARTICLES:
            words = words[1:]
        real = [w for w in words if w[2] not in PARTICLES and not _is_initial(w[2])]
        # "Vincenzo Del Monaco": after a particle, a State's name is a surname
        after_particle = len(words) > 1 and words[-2][2].lower() in PARTICLES
        if not least <= len(real) <= 4 or not self._name_like(real[-1][2], last=not after_particle):
            return None
        joined = " ".join(w[2] for w in words)
        if joined in self.places or joined in self.country_forms:  # "San Marino"
            return None
        return words[0][0], words[-1][1]

    def _name_after(self, body: str, pos: int, least: int = 2) -> tuple[int, int] | None:
        """A name starting at `pos`: the longest run of name words from there."""
        if pos >= len(body) or not body[pos].isupper():
            return None
        words: list[tuple[int, int, str]] = []
        while len(words) < 6:
            if _MIDDLE_INITIAL.match(body, pos):  # "William H. Hill", "R. Spencer Oliver"
                words.append((pos, pos + 2, body[pos : pos + 2]))
                pos += 3
                continue
            found = NAME_WORDS.match(body, pos)
            if found is None:
                break
            word = found.group()
            if word not in PARTICLES and not self._name_like(word, last=False):
                break
            if self._a_date(body, pos, found.end()):
                break
            words.append((pos, found.end(), word))
            pos = found.end() + 1
            if not body.startswith(" ", found.end()):
                break
        return self._valid(words, least)

    def _name_before(self, body: str, end: int, least: int = 2) -> tuple[int, int] | None:
        """A name ending at `end`: the longest run of name words back from there."""
        if end < 2 or body[end : end + 1] not in (" ", ",", "") or not body[end - 1].isalpha():
            return None
        words: list[tuple[int, int, str]] = []
        while len(words) < 6 and end > 0:
            start = word_start(body, end)
            word = body[start:end]
            initial = bool(words) and _is_initial(word)  # "Edward P. Joseph"
            if (
                not initial
                and word not in PARTICLES
                and not (NAME_WORDS.fullmatch(word) and self._name_like(word, last=not words))
            ):
                break
            if self._a_date(body, start, end):
                break
            words.insert(0, (start, end, word))
            end = start - 1
            if end < 0 or body[end] != " ":
                break
        span = self._valid(words, least)
        if span is None or self._inside_a_longer_name(body, span[0]):
            return None
        return span

    # -- posts ----------------------------------------------------------------------------

    def _from_title(
        self,
        body: str,
        hit: Hit,
        title_at: dict[int, Hit],
        title_end: dict[int, Hit],
        candidates: _Candidates,
    ) -> None:
        """A name after an honorific or a post, or after "the <post>, "."""
        cue = hit.cue
        name = self._name_after(body, hit.end + 1) if body.startswith(" ", hit.end) else None
        tail_end = hit.end
        if name is None and cue.post and body.startswith(_TAIL_STARTS, hit.end):
            name, tail_end = self._name_after_tail(body, hit.end, title_at, candidates)
            if (
                name is not None
                and body[name[1] : name[1] + 1] in ("", ".", ",")
                and self._after_a_name(body, self._title_start(body, hit.start))
            ):  # "Dr. X, Director of the Agency for the Welfare of Asylum Seekers.": X's post
                name, tail_end = None, hit.end
        surname = (
            name is None and (name := self._surname_after(body, hit, candidates.states)) is not None
        )
        if name is not None:
            title_start = self._title_start(body, hit.start) if cue.post else hit.start
            # "Project Co-ordinator Ambassador ...": a post word that the phrase begins inside
            # ("Project" is no title word alone) starts it.
            title_start = next(
                (
                    pos
                    for pos in range(max(0, title_start - 40), title_start)
                    if (t := title_at.get(pos)) is not None and t.end > title_start
                ),
                title_start,
            )
            if cue.post:
                # "OSCE Parliamentary Assembly President Christine Muttonen": an organisation
                # right before the title is part of the post, and says whose post it is.
                title_start = next(
                    (
                        h.start
                        for h in candidates.organisations.ending(title_start - 1, title_start)
                    ),
                    title_start,
                )
            if cue.honorific and title_start == hit.start and tail_end == hit.end:
                post = self._post_before_comma(body, hit.start, title_end)
                candidates.add(name, honorific=cue.form, post=post, surname=surname)
                return
            before = self._post_before_comma(body, title_start, title_end)
            post_start = before[0] if before else title_start
            if cue.honorific and tail_end == hit.end and _post_within(title_at, title_start, hit):
                # "OSCE Special Representative Ambassador Heidi Grau": a post, then the
                # honorific ("US Ambassador John Smith" and "Chairman of the CSO, Swedish
                # Ambassador Lars-Åke Nilsson" have no post right before it: there the word
                # is the post).
                candidates.add(
                    name, honorific=cue.form, post=(post_start, hit.start - 1), surname=surname
                )
                return
            candidates.add(name, post=(post_start, tail_end), surname=surname)
            return
        if cue.post or body.startswith(" of ", hit.end):
            self._after_post_and_comma(body, hit, title_at, title_end, candidates)
        if cue.post and body.rfind(", ", max(0, hit.start - 80), hit.start) >= 0:
            # "Katarzyna Dvořáková, Police Affairs Officer at ...": the post opens an
            # apposition after the name.
            # "Michael Georg Link (Germany), Director of ODIHR": past the State
            start = self._title_start(body, hit.start)
            if body.startswith(", ", start - 2):
                end = _past_an_affiliation(body, start - 2, candidates)
                candidates.add(self._name_before(body, end))
        if cue.post and body.rfind(" as ", max(0, hit.start - 80), hit.start) >= 0:
            # "appointed Heikki Talvitie as his Special Representative for ...": the name
            # before "as" holds the post (read by `_apposition`).
            start = self._title_start(body, hit.start)
            determiner_start, determiner = previous_word(body, start)
            start = determiner_start if determiner.lower() in _DETERMINERS else start
            if body.endswith(" as ", 0, start):
                candidates.add(self._name_before(body, start - 4), needs_role=True)

    def _surname_after(self, body: str, hit: Hit, states: set[int]) -> tuple[int, int] | None:
        """A surname alone after a title: "President Berisha said", "UN Secretary General
        Guterres," ("President of the ..." and "the General Directorate" are no names)."""
        if not body.startswith(" ", hit.end):
            return None
        span = self._name_after(body, hit.end + 1, least=1)
        if span is None or " " in body[span[0] : span[1]]:
            return None
        after = _WORD.match(body, span[1] + 1) if body.startswith(" ", span[1]) else None
        if after is None:
            if body[span[1] : span[1] + 1] not in ("", *_CLAUSE_ENDS, "'", "’"):
                return None
        elif after.group() == "of":  # "President Berisha of Albania", not "Directorate of"
            state = _WORD.match(body, after.end() + 1)
            if state is None or not self._a_state_at(body, state.start(), states):
                return None
        elif after.group()[:1].isupper() or after.group() in _TAIL_WORDS:
            return None  # "Judge Advocate General", "Director for Justice"
        start = self._title_start(body, hit.start) if hit.cue.post else hit.start
        if previous_word(body, start)[1].lower() in ("the", "a", "an"):
            return None
        return span

    @staticmethod
    def _a_state_at(body: str, pos: int, states: set[int]) -> bool:
        """Whether a State's name (or "the" and one) starts at `pos`."""
        return pos in states or (body.startswith("the ", pos) and pos + 4 in states)

    def _name_after_tail(
        self,
        body: str,
        pos: int,
        title_at: dict[int, Hit],
        candidates: _Candidates,
    ) -> tuple[tuple[int, int] | None, int]:
        """ "Deputy Prime Minister for Reintegration Ion Ciobanu": the post takes the words
        up to the last two, which are the name; after an organisation, the words after it
        ("Head of the OSCE Mission to Croatia Jorge Fuentes Monzonís-Vilallonga"). The tail
        stops before "and" and another post: "Head of the Mission to Serbia Andrea Orizio
        and Head of the Mission in Kosovo Jan Braathu" names two people."""
        tail = _TITLE_TAIL.match(body, pos)
        if tail is None:
            return None, pos
        end = tail.end()
        for comma in _LIST_COMMA.finditer(body, pos, end):
            before = self._words(body, pos, comma.start())[-2:]
            if len(before) == 2 and all(
                self._name_like(w[2], last=i == 1) for i, w in enumerate(before)
            ):
                end = comma.start()  # "Minister for Europe Jane Doe, Jan Rak and ...": a list
                break
        for joint in _AND_A_POST.finditer(body, pos, end):
            title = title_at.get(joint.end())
            owner = _WORD.match(body, joint.end())
            if title is None and owner is not None and owner.group()[:1].isupper():
                # "... and Ukraine's Deputy Minister", "... and Pristina Mayor X"
                title = title_at.get(owner.end() + 1)
            before = self._words(body, pos, joint.start())[-2:]
            # "... Nils Muižnieks and OSCE Representative on Freedom of the Media X"
            unit = joint.end() in candidates.organisation_starts
            if (
                (unit or (title is not None and title.cue.post))
                and len(before) == 2
                and all(self._name_like(w[2], last=i == 1) for i, w in enumerate(before))
            ):
                end = joint.start()
                break
        found = self._name_ending_tail(body, pos, tail.start(), end, candidates)
        if found[0] is None:
            # "... Russian Ambassador to Ukraine Mikhail Zurabov and Tagliavini herself": no
            # name ends the tail, one ends where "and" joins the next of a list.
            cut = body.rfind(" and ", tail.start(), end)
            if cut > pos:
                found = self._name_ending_tail(body, pos, tail.start(), cut, candidates)
        return found

    def _name_ending_tail(
        self, body: str, pos: int, tail_start: int, end: int, candidates: _Candidates
    ) -> tuple[tuple[int, int] | None, int]:
        """The name that ends the tail of a post [tail_start, end), and where the post ends."""
        words = self._words(body, tail_start, end)
        if len(words) < 3 or not ends_word(body, end):
            return None, pos
        organisation_end = max(
            (h.end for h in candidates.organisations.ending(pos + 1, end)), default=None
        )
        if organisation_end is not None:
            if body.startswith(")", organisation_end):  # "... Assembly (OSCE PA) John Doe"
                organisation_end += 1
            bracket = _BRACKETED.match(body, organisation_end)  # "... (BiH) Jane Doe"
            organisation_end = bracket.end() if bracket is not None else organisation_end
            after = [w for w in words if w[0] > organisation_end]
            if after and after[0][2] in self.honorifics:
                after = after[1:]
            span = self._valid(after) if after else None
            if (
                span is not None
                and span[1] == end
                and all(w[2] in PARTICLES or self._name_like(w[2], last=False) for w in after)
            ):  # not "... for the Transdniestrian Settlement Process"
                return span, organisation_end
        # "... for European and Eurasian Affairs Philip H. Gordon": a middle initial
        initial = len(words) >= 4 and _is_initial(body[words[-2][0] : words[-2][1] + 1])
        name_words = [words[-3], words[-1]] if initial else words[-2:]
        if not all(self._name_like(w[2], last=i == 1) for i, w in enumerate(name_words)):
            return None, pos
        if self._valid(name_words) is None:  # "... Minister of Education of San Marino"
            return None, pos
        if body[name_words[0][1] : name_words[1][0]] != (f" {words[-2][2]}. " if initial else " "):
            return None, pos
        last = -4 if initial else -3
        if (
            words[last][2] in self.honorifics
            and len(words) >= 1 - last
            and words[last - 1][2]
            not in _TITLE_WORDS  # "... and Foreign Minister Kanat Saudabayev"
        ):
            last -= 1  # "Head of the OSCE Mission to Skopje Ambassador Kilian Wahl"
        object_word = words[last][2]
        if not object_word[:1].isupper() or body[words[last][1]] != " ":
            return None, pos
        return (name_words[0][0], name_words[1][1]), words[last][1]

    def _title_start(self, body: str, pos: int) -> int:
        """Where the title phrase that ends with the post word at `pos` begins.

        The phrase takes capitalised words and possessives before the post word ("Mongolian
        Foreign Minister", "Kazakhstan's Secretary of State and Foreign Minister"), and the
        small words between them, but no article and nothing across punctuation.
        """
        start = pos
        if body[pos - 1 : pos] == "-":  # "Vice-Minister of Foreign Affairs", "ex-Foreign Minister"
            start = max(body.rfind(" ", 0, pos), body.rfind("\n", 0, pos)) + 1
        while True:
            word_start, word = previous_word(body, start)
            if not word or word[-1] in ',.;:!?")”' or "--" in word or "—" in word:
                return start
            bare = word.removesuffix("'s").removesuffix("’s")
            opener = _OPENS_A_TITLE_BY_LAST.get(word)
            if opener is not None and body.endswith(opener, 0, word_start + len(word)):
                start = word_start + len(word) - len(opener)  # "former Austrian Chancellor X"
                # "Ukraine's acting Foreign Minister": a possessive before the opener opens it
                owner_start, owner = previous_word(body, start)
                if owner[:1].isupper() and owner.endswith(("'s", "’s")):
                    start = owner_start
                    continue
                return start
            if (
                bare[:1].isupper()
                and bare not in _ARTICLES
                and bare not in _FUNCTION_WORDS
                and bare not in MONTHS  # "on 12 June Ambassador April Ryan"
            ) or self._opens_a_state(body, word_start, start):
                start = word_start
                continue
            if word in _CONNECTORS:
                before_start, before = previous_word(body, word_start)
                if (
                    before
                    and before[-1] not in ",.;:"
                    and before[:1].isupper()
                    and before not in _ARTICLES
                    and before not in _FUNCTION_WORDS  # "According to OSCE Secretary General"
                    and (word != "and" or self._joins_titles(body, before_start, before))
                    # "handed over the Chairmanship to Swiss Federal Councillor X"
                    and (word != "to" or before.removesuffix("'s") in self.titles)
                ):
                    start = before_start
                    continue
            return start

    def _opens_a_state(self, body: str, word_start: int, next_start: int) -> bool:
        """Whether the word at `word_start` begins a State's name with the words from
        `next_start`: "North Macedonia's Foreign Minister", "United Kingdom Ambassador"."""
        if not body[word_start : word_start + 1].isupper():
            return False
        rest = _WORD.match(body, next_start)
        if rest is None:
            return False
        bare = rest.group().removesuffix("'s").removesuffix("’s")
        return body[word_start:next_start] + bare in self.country_forms

    def _joins_titles(self, body: str, word_start: int, word: str) -> bool:
        """Whether "and" after `word` joins two titles ("Secretary of State and Foreign
        Minister", "Foreign and European Affairs", "Foreign Minister of Poland and OSCE
        Chairman-in-Office") rather than a name and the next title ("President Igor Dodon
        and Prime Minister Pavel Filip", "Margot Wallström of Sweden and Ambassador X")."""
        bare = word.removesuffix("'s").removesuffix("’s")
        if bare in self.titles or bare.isupper():
            return True
        if bare not in self.country_forms:
            return False
        # The whole of a State's name of several words: "of North Macedonia and Ambassador X"
        while (before := previous_word(body, word_start))[
            1
        ] and f"{before[1]} {bare}" in self.country_forms:
            word_start, bare = before[0], f"{before[1]} {bare}"
        of_start, of = previous_word(body, word_start)
        if of == "the":
            of_start, of = previous_word(body, of_start)
        return of != "of" or previous_word(body, of_start)[1] in self.titles

    def _post_before_comma(
        self, body: str, pos: int, title_end: dict[int, Hit], *, chain: bool = True
    ) -> tuple[int, int] | None:
        """The post in "the Chief Monitor, Ambassador ...": the nearest phrase after "the"
        before the comma that holds a post word, within the clause; without "the", a title
        phrase that ends at the comma ("by OSCE Chairman-in-Office, Foreign Minister of
        Poland, Zbigniew Rau"). Not the post of a name before it ("X, Special Representative
        of ..., Y, EU Special Representative ...")."""
        comma = pos - 2
        if comma < 1 or not body.startswith(", ", comma):
            return None
        end = comma
        if body[comma - 1] == ")":  # "Head of the OSCE Mission to Bosnia and Herzegovina (BiH),"
            bracket = _BRACKETED_BEFORE.search(body, max(0, comma - 24), comma)
            end = bracket.start() if bracket is not None else comma
        clause = max(0, end - 240)
        clause = max(clause, *(body.rfind(c, clause, end) + 1 for c in _CLAUSE_ENDS))
        words = list(_WORD.finditer(body, clause, end))[-24:]
        found = None
        for index in range(len(words) - 1, -1, -1):
            word = words[index].group()
            if found is not None and not (word[:1].isupper() or word in _CONNECTORS):
                return found  # "handed over by ... to the Commission's Chairperson, X"
            if word.lower() in _DETERMINERS[:1] + _DETERMINERS[3:]:
                start = words[index].end() + 1
                if self._titled(body[start:end]):
                    found = start, comma
                    # "The Personal Representative of the OSCE Chairman-in-Office, X": a post
                    # after "of the" may be the object of a longer one.
                    if index == 0 or words[index - 1].group() not in _POST_OBJECT:
                        return found
        if found is None and (title := title_end.get(end)) is not None:
            start = self._title_start(body, title.start)
            # Two titles before a name: "OSCE Chair-in-Office, Albania's Prime Minister and
            # Foreign Minister, Edi Rama" (one post, as "..., Foreign Minister of Poland, X").
            # Two at most: a run of commas is never read back title by title.
            before = self._post_before_comma(body, start, title_end, chain=False) if chain else None
            return self._own_post(body, before[0] if before else start, comma)
        return (
            found and self._own_post(body, clause + body.startswith(" ", clause), comma) and found
        )

    def _titled(self, phrase: str) -> bool:
        """Whether a phrase after "the" is a post: a post word, and before it only capitalised
        and small words ("Chief Monitor", "Mission's spokesperson", not "meeting was opened
        by OSCE Chairman-in-Office")."""
        for word in phrase.split():
            if word.lower().removesuffix("'s").removesuffix("’s") in self.role_heads:
                return True
            # "the former President of Georgia", "the de facto leader of South Ossetia"
            if not (word[:1].isupper() or word in _CONNECTORS or word in _OPENS_A_TITLE_WORDS):
                return False
        return False

    def _own_post(self, body: str, start: int, end: int) -> tuple[int, int] | None:
        """The post [start, end), unless it is the apposition of a name before it: in
        "X, Special Representative of ..., Y, EU Special Representative ..." the first post
        is X's, not Y's."""
        return None if self._after_a_name(body, start) else (start, end)

    def _after_a_name(self, body: str, start: int) -> bool:
        """Whether a name and a comma stand right before `start`: an apposition."""
        return body.startswith(", ", start - 2) and self._name_before(body, start - 2) is not None

    def _after_post_and_comma(
        self,
        body: str,
        hit: Hit,
        title_at: dict[int, Hit],
        title_end: dict[int, Hit],
        candidates: _Candidates,
    ) -> None:
        """ "The OSCE Representative on Freedom of the Media, Laurent Mercier, ...": a name
        after the comma that ends the post."""
        comma = body.find(", ", hit.end, hit.end + 160)
        if comma < 0 or not (body[comma + 2 : comma + 3].isupper()):
            return
        bracket = _BRACKETED_BEFORE.search(body, hit.end, comma)  # "(BiH), Jane Doe"
        if any(c in body[hit.end : bracket.start() if bracket else comma] for c in _CLAUSE_ENDS):
            return
        pos = comma + 2
        honorific = ""
        title = title_at.get(pos)
        if title is not None and title.cue.honorific and body.startswith(" ", title.end):
            honorific = title.cue.form
            pos = title.end + 1
        name = self._name_after(body, pos)
        # "..., Zbigniew Rau and OSCE Secretary General, Helga Maria Schmid."
        if name is None or not body.startswith((",", ".", " and "), name[1]):
            return
        # "the Chief Monitor, ...", or with no article "Austria's Foreign Minister, ..."
        # "the Chief Monitor, ...", or with no article "Austria's Foreign Minister, ..."
        # (after another title: "OSCE Chairman-in-Office, Foreign Minister of Poland, ...")
        post = self._post_before_comma(body, comma + 2, title_end)
        start = self._title_start(body, hit.start) if post is None else hit.start
        if post is None and previous_word(body, start)[1] not in ("the", "The"):
            before = self._post_before_comma(body, start, title_end)
            post = self._own_post(body, before[0] if before else start, comma)
        if post is not None and post[0] <= hit.start:
            candidates.add(name, honorific=honorific, post=post)

    def _post_end(self, body: str, start: int, end: int, organisations: Hits) -> int:
        """Where a post ends before `end`: right after an organisation it names, when what
        follows does not go on with the post ("Head of the OSCE Office in Yerevan also met
        ...", "... in Tajikistan and by a representative"); "and" goes on before a capital
        or a role ("and head of the SPMU")."""
        for hit in organisations.ending(start + 1, end):
            rest = _CONTINUATION.match(body, hit.end)
            if rest is None:
                # "Head of the ODIHR election observation mission": a team of the
                # organisation's goes on with the post.
                team = _TEAM.match(body, hit.end, end)
                return team.end() if team is not None else hit.end
            if rest.group("and") and not (
                rest.group("word")[:1].isupper() or rest.group("word").lower() in self.role_heads
            ):
                return hit.end
        return end

    def _apposition(
        self,
        body: str,
        end: int,
        titles: Hits,
        organisations: Hits,
        names: list[int],
        *,
        titled_heads: bool,
    ) -> tuple[int, int] | None:
        """The post in "Name, the Senior Police Adviser to ..." or "appointed Name as Head of
        ...": the words after the comma or "as" up to the end of the clause, if they name a
        role. With `titled_heads` (the name is known to be a person's), a capitalised head
        will do too ("National Roma Contact Point of Serbia")."""
        if body.startswith(", ", end):
            start = end + 2
        elif body.startswith(" as ", end):
            start = end + 4
        else:
            return None
        article = next((f"{a} " for a in _DETERMINERS if body.startswith(f"{a} ", start)), "")
        start += len(article)
        first = _WORD.match(body, start)
        if (
            first is not None
            and first.group() in self.honorifics
            and self._name_after(body, first.end() + 1) is not None
        ):
            return None  # "Prof. Wolfgang Benedek, Prof. Marco Sassòli and ...": the next person
        stop = self.post_end.search(body, start, start + 240)
        if stop is None or stop.start() == start:
            return None
        text = body[start : self._post_end(body, start, stop.start(), organisations)].rstrip()
        if len(text.split()) > 24 or not text[:1].isalpha():
            return None
        first_name = bisect_left(names, start)
        if first_name < len(names) and names[first_name] < start + len(text):
            return None  # another person's name: "X (France), today met President Y in Baku"
        # "a former Council of Europe Commissioner for ...": the head comes after the
        # organisation that opens the post.
        head_start = next(
            (
                hit.end + 1
                for hit in organisations.starting(start, start + len(text))
                if hit.end < start + len(text)
                and body[start : hit.start].strip() in _BEFORE_AN_ORGANISATION
            ),
            start,
        )
        head = _head_phrase(body[head_start : start + len(text)])
        head_end = head_start + len(head)
        last = head.rsplit(" ", 1)[-1].lower()
        stem = last.removesuffix("s")
        if last.endswith("men") or (stem != last and stem in self.role_heads):
            return None  # "X of Belgium and Y of Slovenia, the outgoing and incoming Chairmen"
        if (
            any(t.cue.post for t in titles.starting(start, head_end))
            or self._has_role(head)
            or any(  # "Rule of Law Officer at the OSCE Mission to Tajikistan"
                t.cue.post and self._title_start(body, t.start) == start
                for t in titles.starting(start + 1, start + len(text))
            )
        ):
            return start, start + len(text)
        if (
            titled_heads
            and (article or text[:1].isupper())  # not a verb: "X of France, met the Foreign ..."
            and len(head.split()) > 1
            and head.split()[-1][:1].isupper()
        ):
            return start, start + len(text)
        return None

    def _state_after(
        self, body: str, end: int, country_at: dict[int, Hit]
    ) -> tuple[Ref | None, int]:
        """The State named right after a name, and where its phrase ends: "Ivan Petrenko of
        the Russian Federation", "Bernard Fassier (France)"; (None, `end`) without one."""
        for opening, closing in ((" of ", ""), (" of the ", ""), (" (", ")")):
            if not body.startswith(opening, end):
                continue
            hit = country_at.get(end + len(opening))
            if (
                hit is not None
                and hit.cue.ref is not None
                and hit.cue.key != "demonym"
                and body.startswith(closing, hit.end)
                and ends_word(body, hit.end)
            ):
                return hit.cue.ref, hit.end + len(closing)
        return None, end

    def _has_role(self, phrase: str, *, with_endings: bool = True) -> bool:
        """Whether a phrase's head noun names a person's post or role."""
        words = phrase.split()
        if not words:
            return False
        if with_endings:
            head = words[-1].lower()
            return head in self.role_heads or bool(_ROLE_ENDING.search(head))
        return any(w.lower().removesuffix("'s") in self.role_heads for w in words)

    def _organisation(
        self,
        body: str,
        post: tuple[int, int] | None,
        organisations: Hits,
        countries: Hits,
    ) -> Ref | None:
        """Whom a post is with: the first unit or body it names; a State when a national
        office opens with it ("Finnish Foreign Minister", "Russian Ambassador to the OSCE");
        the OSCE when it says "OSCE"; a State a national office names elsewhere."""
        if post is None:
            return None
        start, end = post
        for hit in organisations.starting(start, end):
            if hit.end <= end and hit.cue.ref is not None:
                return hit.cue.ref
        text = body[start:end]
        national = bool(self.national_words.intersection(text.replace("'s", " ").split()))
        state = next(
            (
                hit.cue.ref
                for hit in countries.starting(start, end)
                if not body.endswith(("to ", "to the "), start, hit.start)
            ),
            None,
        )
        opens_with_state = bool(countries.starting(start, start + 1))
        if state is None and national and text.startswith(_US):
            # "US Secretary of State": "US" alone is no mention (it is also "us"), but a
            # national post it opens is the United States'.
            state, opens_with_state = Ref("country", "us"), True
        to_the_osce = bool(_TO_THE_OSCE.search(text))
        if national and state is not None and (opens_with_state or to_the_osce):
            # "Russian Ambassador to the OSCE", "Permanent Representative of Sweden to the
            # OSCE": a State's post, not the OSCE's.
            return state
        if _OSCE.search(text):
            return Ref("unit", "osce")
        if state is not None and national:
            return state
        if body.endswith(("Its ", "its "), 0, start):  # "The Mission ... Its Head, X,"
            return next(
                (h.cue.ref for h in organisations.before(start) if h.end <= start and h.cue.ref),
                None,
            )
        return referred_unit(body, start, text, organisations)

    def _listed(self, body: str, titles: list[Hit], candidates: _Candidates) -> None:
        """The names listed after a title in the plural, each with the title: "Ambassadors
        Igor Popov of the Russian Federation, James Warlick of the United States and Pierre
        Andrieu of France"."""
        at = {title.start: title for title in titles}
        for title in titles:
            # "the Foreign Ministers of Lithuania and Latvia, X and Y": a State for each
            of_states = (
                _run_of_states(body, title.end + 4, candidates)
                if body.startswith(" of ", title.end)
                else []
            )
            end = of_states[-1].end if of_states else title.end
            # "the Chief Negotiators, X and Y,"
            gap = next((len(g) for g in (" ", ", ") if body.startswith(g, end)), None)
            if gap is None or (of_states and gap == 1):
                continue
            first = end + gap
            honorific = title.cue.form if title.cue.honorific else ""
            then = at.get(first)
            if not honorific and then is not None and then.cue.honorific:
                # "The Minsk Group Co-Chairs, Ambassadors X of Russia, Y of France and Z":
                # each is a Co-Chair and an Ambassador.
                honorific, first = then.cue.form, then.end + 1
            if self._name_after(body, first) is None:
                continue
            post = None
            if not title.cue.honorific:  # each holds the title in the singular: "Foreign Minister"
                start = self._title_start(body, title.start)
                # "The OSCE Minsk Group Co-Chairs X, Y and Z": the organisation is the post's
                start = next(
                    (h.start for h in candidates.organisations.ending(start - 1, start)), start
                )
                post = (start, title.end - 1)
            names: list[tuple[tuple[int, int], str]] = []
            pos: int | None = first
            while pos is not None:
                # "the Mission's Deputy Heads, Paul Bartlett and Ambassador Kristina Lindström,"
                # (set off by commas: one list; not "Foreign Ministers X of Norway and
                # Ambassador Y", where the Ambassador is no Foreign Minister)
                own = _WORD.match(body, pos) if gap == 2 and pos != first else None
                own_honorific = ""
                if own is not None and own.group() in self.honorifics:
                    own_honorific, pos = own.group(), own.end() + 1
                name = self._name_after(body, pos)
                if name is None:
                    break
                names.append((name, own_honorific or honorific))
                pos = _next_in_list(body, name[1])
            states = self._shared_out(body, post, len(names), candidates) if post else []
            for number, (name, own_honorific) in enumerate(names):
                if states:  # "the Danish and Estonian Foreign Ministers, X and Y"
                    post, state = (states[-1].end + 1, title.end - 1), states[number].cue.ref
                elif len(of_states) == len(names):
                    state = of_states[number].cue.ref
                else:
                    state = None
                candidates.add(name, honorific=own_honorific, post=post, state=state)

    @staticmethod
    def _shared_out(
        body: str, post: tuple[int, int], count: int, candidates: _Candidates
    ) -> list[Hit]:
        """The States that open a post in the plural, one for each person listed after it:
        "the Danish and Estonian Foreign Ministers, X and Y" are each their State's Foreign
        Minister. None when they are not one for each ("the Nordic Foreign Ministers")."""
        states = _run_of_states(body, post[0], candidates)
        if len(states) < 2 or len(states) != count or not body.startswith(" ", states[-1].end):
            return []
        return states if states[-1].end + 1 < post[1] else []

    def _names_listed_after(self, body: str, candidates: _Candidates) -> None:
        """ "He was joined by X and Y", "Speakers at the event included X and Y" (not "events
        including Sarajevo Film Festival"): the first name of a list of people (the others
        follow it, `_listed_with_people`). A `find` for each last word of the openers: a
        regular expression of them tried at every position of the body cost more than the
        rest of the rule."""
        for last, openers in _OPENERS_BY_LAST.items():
            found = body.find(last)
            while found >= 0:
                end = found + len(last)
                if body[end : end + 1].isupper():
                    for opener, after_people in openers:
                        pos = end - len(opener)
                        if pos < 0 or not body.startswith(opener, pos):
                            continue
                        if not starts_word(body, pos):
                            continue
                        # "human rights defenders, among them X": the clause before the comma
                        clause = body[max(0, pos - 60) : pos].rstrip(", ").rsplit(",", 1)[-1]
                        if not after_people or any(
                            w.lower() in _PEOPLE_NOUNS for w in clause.split()
                        ):
                            candidates.add(self._name_after(body, end))
                        break
                found = body.find(last, end - 1)

    def _listed_with_people(self, body: str, candidates: _Candidates) -> None:
        """ "his deputies, Alexander Hug and Mark Etherington": a full name listed right after
        a person's is a person's too."""
        for span, candidate in sorted(candidates.found.items()):
            if candidate.surname or candidate.needs_role:
                continue
            pos = _next_after_a_person(body, span[1])
            while pos is not None and (name := self._name_after(body, pos)) is not None:
                candidates.add(name)
                pos = _next_after_a_person(body, name[1])

    def _full_names(
        self, body: str, surnames: list[tuple[int, int]], candidates: _Candidates
    ) -> None:
        """ "Every morning, Bakhrom Zhaksylykov leaves home ... Zhaksylykov says": a surname
        that speaks is a person's; the person is the first full name ending with it."""
        known = {body[s:e].rsplit(" ", maxsplit=1)[-1] for s, e in candidates.found}
        first_said: dict[str, int] = {}  # each unknown surname, where it first speaks
        for start, end in surnames:
            first_said.setdefault(body[start:end], start)
        unknown = {surname: start for surname, start in first_said.items() if surname not in known}
        at = occurrences(body, (" " + surname for surname in unknown))
        for surname, start in unknown.items():
            for pos in at[" " + surname]:
                if pos >= start:
                    break
                span = self._name_before(body, pos + 1 + len(surname))
                if span is not None and span[1] == pos + 1 + len(surname):
                    candidates.add(span)
                    break

    def _surnames_of_full_names(self, body: str, candidates: _Candidates) -> None:
        """ "President Tsereteli" is the person of a full name the body gives elsewhere
        ("re-elected George Tsereteli"); without one, the surname names the person. The
        first mention's title stays the person's post."""
        full = {
            body[s:e].rsplit(" ", maxsplit=1)[-1]: (s, e)
            for (s, e), candidate in candidates.found.items()
            if not candidate.surname
        }
        alone = {body[s:e] for (s, e), candidate in candidates.found.items() if candidate.surname}
        elsewhere = self._first_full_names(body, alone - full.keys())
        for span, candidate in list(candidates.found.items()):
            if not candidate.surname:
                continue
            surname = body[span[0] : span[1]]
            whole = full.get(surname) or elsewhere.get(surname)
            if whole is None:
                continue
            del candidates.found[span]
            earlier = span[0] < whole[0]
            candidates.add(
                whole,
                honorific=candidate.honorific if earlier else "",
                post=candidate.post_span if earlier else None,
            )

    def _first_full_names(self, body: str, surnames: set[str]) -> dict[str, tuple[int, int]]:
        """The first full name in the body that ends with each surname, found in one pass
        over the body for all of them (a search through the body for each "President X"
        read a long body once per mention)."""
        found: dict[str, tuple[int, int]] = {}
        at = occurrences(body, (" " + surname for surname in surnames))
        for surname in surnames:
            for pos in at[" " + surname]:
                end = pos + 1 + len(surname)
                span = self._name_before(body, end) if ends_word(body, end) else None
                if span is not None and span[1] == end:
                    found[surname] = span
                    break
        return found

    # -- later mentions -------------------------------------------------------------------

    def _mentions(self, body: str, people: People) -> None:
        """Every mention of every person: the full name, and the surname alone."""
        taken = Taken(len(body))
        found: list[tuple[int, int, int]] = []
        forms: list[tuple[str, int]] = []
        for index, person in enumerate(people.persons):
            # "Edward P. Joseph" is "Joseph" later, never "P."
            words = [w for w in person.name.split(" ") if not _is_initial(w)]
            forms.append((person.name, index))
            if len(words) > 1:
                forms.append((" ".join(words[1:]), index))
                if words[1] in PARTICLES:  # "De Zulueta told ..." of "Tana de Zulueta"
                    forms.append((" ".join([words[1].capitalize(), *words[2:]]), index))
                elif len(words) == 3:  # "Fuentes said" of "Jorge Fuentes Monzonís-Vilallonga"
                    forms.append((words[1], index))
                forms.append((words[-1], index))
                if _JOINED_PARTICLE.match(words[-1]):  # "Al-Masri said" of "Karim al-Masri"
                    forms.append((words[-1][0].upper() + words[-1][1:], index))
        # Longer forms first, so that one person's short form never takes a piece of
        # another's full name ("Maria" of "Helga Maria Schmid" in "Maria Petrova").
        forms.sort(key=lambda form: -len(form[0]))
        at = occurrences(body, (form for form, _ in forms))
        for form, index in forms:
            end = 0
            for pos in at.get(form, ()):
                if pos < end:
                    continue  # overlaps the form's own previous occurrence
                end = pos + len(form)
                if starts_word(body, pos) and ends_word(body, end) and not taken.overlaps(pos, end):
                    taken.add(pos, end)
                    found.append((pos, end, index))
        found.sort()
        spans: list[list[Span]] = [[] for _ in people.persons]
        for start, end, index in found:
            spans[index].append(Span(start, end))
        # A name that is another's later form ("De Gucht" of "Karel De Gucht") has no
        # mentions of its own: it is no other person.
        kept = [i for i, s in enumerate(spans) if s]
        renumber = {old: new for new, old in enumerate(kept)}
        people.mentions = [(s, e, renumber[i]) for s, e, i in found]
        people.persons = [
            PersonFinding(p.name, p.honorific, p.post, p.organisation, tuple(spans[i]))
            for i, p in enumerate(people.persons)
            if spans[i]
        ]


def _past_an_affiliation(body: str, end: int, candidates: _Candidates) -> int:
    """Where a name ends before the State or the organisation that ends at `end`: "Michael
    Georg Link (Germany)", "Roberto Battelli of Slovenia", "Jane Doe of the OSCE Mission to
    Serbia" (`end` itself when none ends there)."""
    bracketed = body[end - 1 : end] == ")"
    ends_one = not bracketed and end in candidates.organisation_ends
    hit = next(iter(candidates.organisations.ending(end, end + 1)), None) if ends_one else None
    hit = hit or candidates.state_end.get(end - 1 if bracketed else end)
    if hit is None:
        return end
    if bracketed:
        return hit.start - 2 if body[hit.start - 2 : hit.start] == " (" else end
    lead = next((lead for lead in (" of the ", " of ") if body.endswith(lead, 0, hit.start)), "")
    return hit.start - len(lead) if lead else end


def _run_of_states(body: str, pos: int, candidates: _Candidates) -> list[Hit]:
    """The States named one after another from `pos`: "Danish and Estonian", "Lithuania,
    Latvia and Estonia"."""
    states: list[Hit] = []
    while (hit := candidates.state_at.get(pos + 4 * body.startswith("the ", pos))) is not None:
        states.append(hit)
        joint = next((j for j in (", and ", " and ", ", ") if body.startswith(j, hit.end)), "")
        if not joint:
            break
        pos = hit.end + len(joint)
    return states


def _is_initial(word: str) -> bool:
    """ "P." of "Edward P. Joseph"."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _next_in_list(body: str, end: int) -> int | None:
    """Where the next name of a list starts after a name that ends at `end`, past the State it
    may name ("Ivan Petrenko of the Russian Federation, Mark Holloway ... and Luc Girard");
    None where the list ends."""
    of = _OF_A_PLACE.match(body, end)
    end = of.end() if of is not None else end
    separator = next((s for s in _LIST_SEPARATORS if body.startswith(s, end)), None)
    return end + len(separator) if separator is not None else None


def _next_after_a_person(body: str, end: int) -> int | None:
    """Where the next name of a list of people starts after a name that ends at `end`, past
    the apposition it may have: "joined by X, a member of the Assembly, and Y"."""
    apposed = _APPOSITION_IN_A_LIST.match(body, end)
    return apposed.end() if apposed is not None else _next_in_list(body, end)


def _head_phrase(text: str) -> str:
    """The words of a post before its first preposition: "Deputy Director" of "Deputy
    Director of the College"."""
    words: list[str] = []
    for word in text.split():
        if word in _PREPOSITIONS:
            break
        words.append(word)
    return " ".join(words)


def _post_within(title_at: dict[int, Hit], start: int, honorific: Hit) -> bool:
    """Whether a post word (not the honorific itself) stands between `start` and it."""
    return any(
        (hit := title_at.get(pos)) is not None and hit.cue.post and hit.end < honorific.start
        for pos in range(start, honorific.start)
    )
