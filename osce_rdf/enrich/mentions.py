"""Which hits of the gazetteer are mentions of a State, a unit or an outside body.

A name found is not always the thing: "Georgia" after "Atlanta," is a US state, "Ireland"
after "Northern" is no State, "Secretariat" in "International Secretariat of the OSCE
Parliamentary Assembly" is not the OSCE Secretariat. The rules here decide from the words
around a hit, never from a list of texts.
"""

from __future__ import annotations

from ..reading.findings import Ref
from ..reference import Reference
from .gazetteer import COUNTRY, ORG, Gazetteer, Hit, Hits, Scan, longest
from .text import previous_word, word_start
from .words import word_set

__all__ = ["MentionRules", "referred_unit"]

# Capitalised words that may stand before a unit's name without making it part of another
# name ("The Permanent Council", "Its Secretariat"). A State's name or adjective and a
# place's name may too ("the Slovak Chairmanship", "the Helsinki Ministerial Council").
_ARTICLES = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "Our", "His", "Her"})
_PREFIXES = ("OSCE ", "CSCE ")
# Country names that are also the names of US states: after "Place, " they are the state.
_US_STATE_HOMONYMS = word_set("us_state_homonyms")
_COMPASS = word_set("compass_words")
# Nouns after a State's name that make it part of a place's name: "Jordan River", "the
# Moldova River" (in Romania), "Ukraine Street".
_PLACE_NOUNS = word_set("place_nouns")
# Nouns after a demonym that make it a style, not the State: "Turkish coffee", "Russian
# roulette", "French fries". (A product is the State's: "Afghan opiates", "Georgian wine".)
_STYLE_NOUNS = word_set("style_nouns")
# Nouns by which a body refers back to a unit it has named ("the Mission", "the Centre").
_BACK_REFERENCES = word_set("back_references")
# States' names that are also given names: "Jordan Peterson", "Georgia Smith".
_GIVEN_NAMES = word_set("given_names_of_states")
# Capitalised words after a State's name that make it part of a thing's name, not a person's.
_THING_WORDS = word_set("thing_words")


class MentionRules:
    """Decides mentions from gazetteer hits; built once with the reference data."""

    def __init__(self, reference: Reference, gazetteer: Gazetteer) -> None:
        self.places: dict[str, str | None] = {}
        for place in reference.places:
            for name in (place.name, *place.alt_names):
                self.places[name] = place.country
        self.country_forms = gazetteer.country_forms

    def organisations(self, body: str, scan: Scan) -> Hits:
        """Unit and outside-body mentions: the longest name wins where names overlap.

        "OSCE " or "CSCE " before a unit's name becomes part of what is written. A unit's
        name without it must not sit inside another name: after a capitalised word that is
        not an article, a State or a place ("NATO Secretary General", "International
        Secretariat"), or before "of" and something other than the OSCE or a State
        ("Secretariat of the Energy Community"), it is not the OSCE's unit.
        """
        found: list[Hit] = []
        hits = longest(scan[ORG])
        units = {h.start for h in hits if h.cue.ref is not None and h.cue.ref.kind == "unit"}
        # "The OSCE Secretariat's Transnational Threats Department": a unit of a unit
        possessives = {
            h.end + 3 for h in hits if h.cue.ref is not None and h.cue.ref.kind == "unit"
        }
        for hit in hits:
            ref = hit.cue.ref
            if ref is None:
                continue
            if body.startswith(_PREFIXES, hit.start - 5):
                found.append(Hit(hit.start - 5, hit.end, hit.cue))
            elif (
                ref.kind != "unit"
                or hit.start in possessives
                or self._stands_alone(body, hit, units)
            ):
                found.append(hit)
        return Hits(found)

    def _stands_alone(self, body: str, hit: Hit, units: set[int]) -> bool:
        """Whether a unit's name stands for the OSCE unit (see `organisations`)."""
        _, word = previous_word(body, hit.start)
        bare = word.removesuffix("'s").removesuffix("’s")
        if (
            bare[-1:] not in ",;:.)"  # "the OCEEA, TNTD": a list, not one name
            and bare[:1].isupper()
            and bare not in _ARTICLES
            and bare not in ("OSCE", "CSCE")
            and bare not in self.country_forms
            and bare not in self.places
        ):
            return False
        if body.startswith(" of ", hit.end):
            after = hit.end + 4
            after += 4 if body.startswith("the ", after) else 0
            first = body[after : after + 60].split(" ", 1)[0].rstrip(",.;:")
            # "the Strategic Police Matters Unit of the Transnational Threats Department"
            return (
                first.startswith(("OSCE", "CSCE")) or first in self.country_forms or after in units
            )
        return True

    def countries(self, body: str, scan: Scan) -> Hits:
        """State mentions: the longest form wins among States' names; homonyms are dropped.

        Not a mention: "Georgia" after "Atlanta, " (a place not known in Georgia), a name
        after "North"/"Northern" that is not itself a form ("Northern Ireland"), a
        dissolved State after "former" ("the former Yugoslavia" is a region), a name in a
        place's name ("Jordan River", "Ukraine Street"), a demonym of a style ("Turkish
        coffee").
        """
        found: list[Hit] = []
        for hit in longest(scan[COUNTRY]):
            form = hit.cue.form
            _, before = previous_word(body, hit.start)
            if before in _COMPASS:
                continue
            if hit.cue.key == "former" and before == "former":
                continue
            if form in _US_STATE_HOMONYMS and self._after_foreign_place(body, hit):
                continue
            if form in _GIVEN_NAMES and _before_a_surname(body, hit.end):
                continue
            after = _next_word(body, hit.end)
            if after in (_STYLE_NOUNS if hit.cue.key == "demonym" else _PLACE_NOUNS):
                continue
            found.append(hit)
        return Hits(found)

    def _after_foreign_place(self, body: str, hit: Hit) -> bool:
        """ "Atlanta, Georgia": a capitalised place, not all capitals (a dateline), not a
        State ("Ukraine, Georgia and Moldova" is a list) and not a place the reference data
        puts in that State."""
        comma = hit.start - 2
        if not body.startswith(", ", comma):
            return False
        place = body[word_start(body, comma) : comma]
        if not place[:1].isupper() or place.isupper() or place in self.country_forms:
            return False
        country = self.places.get(place)
        ref = hit.cue.ref
        return country is None or ref is None or country.lower() != ref.key


def _next_word(body: str, end: int) -> str:
    """The word right after `end` (one space between), without punctuation; "" if none."""
    if not body.startswith(" ", end):
        return ""
    return body[end + 1 : end + 40].split(" ", 1)[0].rstrip(",.;:!?)'\"’”")


def _before_a_surname(body: str, end: int) -> bool:
    """Whether a capitalised word that is no part of a place's name follows `end`."""
    word = _next_word(body, end)
    return (
        len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha()
        and word not in _THING_WORDS
    )  # fmt: skip


def referred_unit(body: str, start: int, phrase: str, organisations: Hits) -> Ref | None:
    """The unit a phrase at `start` refers back to by a generic noun ("The Head of the
    Mission", "the Centre's spokesperson", "the Centre will hold"): the last one named before
    it with that noun in its name. A vague back-reference is no mention, but says whose."""
    nouns = {w.removesuffix("'s").removesuffix("’s") for w in phrase.split()} & _BACK_REFERENCES
    if not nouns:
        return None
    for hit in organisations.before(start):
        if (
            hit.end <= start
            and hit.cue.ref is not None
            and nouns.intersection(body[hit.start : hit.end].split())
        ):
            return hit.cue.ref
    return None
