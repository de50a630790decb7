"""What an item says: its unit, content type, fields of work, places, people and title.

A `Story` is one item before it is written as a page: `Newsroom.story` chooses what it is
about, and its `Context` holds the values the sentence templates ask for. Values that cost
something to make (people, lists of funders, decisions) are made on first use, in groups, so
a story pays only for the templates it uses.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from benchmarks.generator import vocabulary as vocab
from benchmarks.generator.reference import Country, Place, Unit, World
from benchmarks.generator.text import article, between, cap, fold_name, format_date, pick, weighted

SMM = "special-monitoring-mission-to-ukraine"
INVENTED_TOWNS = tuple(vocab.INVENTED_TOWNS)
# Values made on first use, by the group that makes them (see `Newsroom.context`).
LAZY_KEYS = {key: group for group, keys in vocab.LAZY_VALUES.items() for key in keys}
LAZY_KEYS.update(dict.fromkeys(vocab.NUMBER_RANGES, "numbers"))


def number_words(n: int) -> str:
    """0-99 in words, as newsroom style writes a number that opens a sentence."""
    if n < 20:
        return vocab.NUMBERS[n]
    tens, ones = divmod(n, 10)
    return vocab.TENS[tens] + (f"-{vocab.NUMBERS[ones]}" if ones else "")


def join_list(items: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def she(self) -> str:
        return "she" if self.female else "he"


def make_person(rng: random.Random, region: str) -> Person:
    names = vocab.NAMES[region]
    female = rng.random() < 0.5
    first = pick(rng, names["female" if female else "male"])
    male_form, _, female_form = pick(rng, names["surnames"]).partition("|")
    return Person(first, (female_form or male_form) if female else male_form, female)


class Context(dict[str, str]):
    """A story's template values; a missing one is made, with its group, on first use.

    `Name` and `name_cap` are `name` with a capital letter (`{The_unit}`, `{Subject_cap}`).
    """

    def __init__(self, make: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> str:
        base = key.removesuffix("_cap")
        base = base[:1].lower() + base[1:]
        if base != key:
            return cap(self[base])
        if key not in LAZY_KEYS or self._make is None:
            raise KeyError(key)
        self._make(LAZY_KEYS[key])
        return dict.__getitem__(self, key)


@dataclass
class Story:
    """One item before it is written: what it says and how the page will say it."""

    day: dt.date
    unit: Unit
    content_type: str | None  # as written on the page
    kind: str
    field_keys: list[str]
    topic: vocab.Topic
    places: list[Place]
    focus: str  # ISO code of the State the story is about ("XK" for Kosovo)
    ctx: Context = field(default_factory=Context)
    sources: list[str] = field(default_factory=list)
    organizers: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    title: str = ""
    after_close: bool = False
    invented: str | None = None
    introduced: set[str] = field(default_factory=set)

    def fill(self, template: str) -> str:
        """A template filled from the context; the first mention of a person introduces them."""
        text = template.format_map(self.ctx)
        if "{speaker_" in template and "speaker" not in self.introduced:
            self.introduced.add("speaker")
            self.ctx["speaker_ref"] = self.ctx["speaker_last"]
        if "{feature_person}" in template:
            self.introduced.add("feature")
        return text


def era_name(unit: Unit, year: int) -> str | None:
    """The name the site gave `unit` in `year`, if it was not its name of today."""
    eras = vocab.ERA_NAMES.get(unit.key, ())
    return next((name for first, last, name in eras if first <= year <= last), None)


@cache
def participating(world: World, year: int) -> list[Country]:
    """The participating States of a year (a cached list: do not change it)."""
    return [c for c in world.countries if c.group == "participating" and c.joined <= year]


@cache
def neighbours(world: World, region: str, year: int) -> list[Country]:
    """Participating States of a region, to name "States of the region" in the text."""
    found = [c for c in participating(world, year) if vocab.REGION_OF.get(c.iso2) == region]
    return found if len(found) >= 3 else participating(world, year)


@cache
def fields_of(world: World, year: int) -> list[str]:
    """The fields of work a page of `year` may name (no cyber security in the 1990s)."""
    keys = [concept.key for concept in world.fields]
    return [key for key in keys if vocab.FIELD_SINCE.get(key, 0) <= year] or keys


@cache
def eligible_units(world: World, year: int) -> tuple[list[Unit], list[float]]:
    """Units open in `year`, with cumulative weights by kind of unit."""
    units = [u for u in world.units if u.open_in(year)]
    return units, list(itertools.accumulate(vocab.UNIT_WEIGHTS.get(u.kind, 0.5) for u in units))


class Newsroom:
    """The stories of one run: the world, the titles used so far, the holders of posts."""

    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.seed = seed
        self.used_titles: set[tuple[int, str]] = set()
        self._holders: dict[tuple[str, int], Person] = {}
        self.field_keys = [concept.key for concept in world.fields]
        operations = [u for u in world.units if u.kind == "field-operation"]
        self.closed_field_operations = [u for u in operations if u.closed is not None]
        weights = [(key, vocab.CONTENT_TYPE_WEIGHTS.get(key, 1.0)) for key in world.content_types]
        self.ct_choices = (*weights, ("", vocab.NO_CONTENT_TYPE_WEIGHT))

    # -- who and where ----------------------------------------------------------------

    def holder(self, post: str, year: int, region: str | None = None, term: int = 4) -> Person:
        """The (invented) person holding a post in a year: the same for a whole term."""
        key = (post, (year - 1990) // term)
        person = self._holders.get(key)
        if person is None:
            rng = random.Random(f"{self.seed}|{post}|{key[1]}")
            person = make_person(rng, region or weighted(rng, vocab.INTERNATIONAL_REGIONS))
            self._holders[key] = person
        return person

    def country_text(self, iso2: str, year: int, rng: random.Random, *, short: bool = True) -> str:
        """A State as running text of its time writes it, with `the` where English wants it."""
        if iso2 == "XK":
            return "Kosovo"
        country = self.world.country(iso2)
        if country is None:
            return iso2
        name = country.name
        former = vocab.FORMER_STATE_NAMES.get(iso2)
        if former is not None and year <= former.text:
            name = former.name
        elif short and country.short_names and rng.random() < 0.2:
            name = pick(rng, [s for s in country.short_names if len(s) > 3] or [name])
        if name.startswith("The "):
            return "the " + name[4:]
        return "the " + name if name in vocab.ARTICLE_NAMES else name

    def demonym(self, iso2: str) -> str:
        if iso2 == "XK":
            return "Kosovo"
        country = self.world.country(iso2)
        return country.demonyms[0] if country and country.demonyms else ""

    def capital(self, iso2: str) -> Place | None:
        places = self.world.places_in(iso2)
        return places[0] if places else None

    def where(self, rng: random.Random, unit: Unit, year: int) -> tuple[str, Place]:
        """The State a story is about and the city it is datelined in."""
        world = self.world
        seat = world.place(unit.seat) if unit.seat else None
        if unit.host_territory:
            places = [p for p in world.places if p.territory and p.key != unit.host_territory]
            if seat and rng.random() < 0.7:
                return "XK", seat
            return "XK", pick(rng, places or [seat or world.places[0]])
        if unit.host_country:
            others = world.places_in(unit.host_country)
            if seat is not None and (rng.random() < 0.65 or not others):
                return unit.host_country, seat
            return unit.host_country, pick(rng, others) if others else world.places[0]
        focus = pick(rng, participating(self.world, year)).iso2
        vienna = world.place("vienna")
        if unit.kind == "chairpersonship" or unit.key == "chairperson-in-office":
            chair = world.chairs.get(year, "AT")
            capital = self.capital(chair)
            roll = rng.random()
            if capital is not None and roll < 0.45:
                return chair, capital
            if roll < 0.75:
                return focus, vienna or world.places[0]
        seat = seat if unit.seat else vienna
        if seat is not None and rng.random() < 0.45:
            return focus, seat
        in_focus = world.places_in(focus)
        if not in_focus:
            return focus, seat or world.places[0]
        city = in_focus[0] if rng.random() < 0.7 or len(in_focus) == 1 else pick(rng, in_focus[1:])
        return focus, city

    def unit_name(self, unit: Unit, year: int, rng: random.Random) -> str:
        """The unit's name as the site wrote it in `year`, without `OSCE `."""
        era = era_name(unit, year)
        if era and rng.random() < 0.85:
            return era
        if unit.former_names and rng.random() < 0.05:
            return pick(rng, unit.former_names)
        return unit.name

    def written(self, unit: Unit, name: str, year: int, rng: random.Random) -> str:
        """How a Source value names the unit: usually `OSCE ` + name, sometimes bare or old."""
        if unit.kind == "organization":
            return name
        if unit.abbreviations and rng.random() < 0.03:
            return pick(rng, unit.abbreviations)
        written = name if name.startswith("CSCE ") or rng.random() < 0.12 else f"OSCE {name}"
        if unit.closed is not None and (year > unit.closed or rng.random() < 0.3):
            written += " (closed)"
        return written

    def source(self, unit: Unit, year: int, rng: random.Random) -> str:
        return self.written(unit, self.unit_name(unit, year, rng), year, rng)

    def other_unit(self, rng: random.Random, year: int, unit: Unit) -> Unit | None:
        units, cumulative = eligible_units(self.world, year)
        other = rng.choices(units, cum_weights=cumulative)[0]
        return None if other.key == unit.key or "," in other.name else other

    def speaker(
        self, rng: random.Random, unit: Unit, body: str, year: int, topic: vocab.Topic
    ) -> tuple[Person, str, str, bool]:
        """(person, post, honorific, post first?) of the main voice of a story."""
        voices = vocab.VOICES.get(unit.key) or vocab.VOICES.get(unit.kind)
        voices = voices or vocab.VOICES["secretary-general"]
        voice = voices[-1]
        if len(voices) > 1:
            roll = rng.random()
            voice = next((v for v in voices if roll < v.roll_below), voice)
        chair = self.world.chairs.get(year, "AT")
        title = "Chairman-in-Office" if year <= 2018 else "Chairperson-in-Office"
        values = {"key": unit.key, "body": body, "staff": topic.staff, "chair": chair}
        values.update(title=title, adjective=self.demonym(chair))
        if voice.holder:
            region = vocab.REGION_OF.get(chair, "west") if voice.from_chair else None
            person = self.holder(voice.holder.format_map(values), year, region, voice.term)
        else:
            person = make_person(rng, weighted(rng, vocab.INTERNATIONAL_REGIONS))
        post = voice.post.format_map(values)
        if post == f"Head of the {body}" and body.startswith("OSCE Project Co-ordinator"):
            post = body  # the Project Co-ordinator heads the operation
        honorific = f"{voice.honorific} " if voice.honorific else ""
        return person, post, honorific, voice.post_first

    # -- a story: what an item says ---------------------------------------------------

    def story(
        self,
        rng: random.Random,
        day: dt.date,
        *,
        listing: bool = False,
        after_close: bool = False,
        invented: bool = False,
    ) -> Story:
        """Choose the unit, content type, fields, places and words of one item."""
        world, year = self.world, day.year
        if listing:
            key = weighted(rng, vocab.LISTING_CONTENT_TYPES)
            ct_key = key if key in world.content_types and rng.random() < 0.95 else None
        else:
            ct_key = weighted(rng, self.ct_choices) or None
        unit: Unit | None = None
        invented_name: str | None = None
        if ct_key in ("daily-report", "spot-report"):
            if SMM in world.unit_by_key and 2014 <= year <= 2022 and not (after_close or invented):
                unit = world.unit_by_key[SMM]
            else:
                ct_key = "press-release" if "press-release" in world.content_types else None
        if invented:
            town, template = "", ""
            while invented_name is None or fold_name(invented_name) in world.known_unit_names:
                town = pick(rng, INVENTED_TOWNS)
                template = pick(rng, vocab.INVENTED_UNITS)
                invented_name = template.format(town=town)
            host = vocab.INVENTED_TOWNS[town] if "{town}" in template else None
            name = invented_name.removeprefix("OSCE ")
            unit = Unit("invented", name, "field-operation", host_country=host)
        elif after_close:
            closed = [u for u in self.closed_field_operations if (u.closed or year) < year]
            closed = [u for u in closed if not (listing and "," in u.name)]
            unit = pick(rng, closed) if closed else None
            after_close = unit is not None
        if unit is None:
            units, cumulative = eligible_units(self.world, year)
            unit = rng.choices(units, cum_weights=cumulative)[0]

        content_type: str | None = None
        if ct_key is not None:
            concept = world.content_types[ct_key]
            use_alt = concept.alt_labels and rng.random() < 0.12
            content_type = pick(rng, concept.alt_labels) if use_alt else concept.label
        kinds = vocab.STORY_KINDS
        kind = weighted(rng, kinds.get(ct_key or "default", kinds["default"]))
        eventful = kind in ("event", "launch", "donation")
        if unit.kind == "decision-making-body" and eventful and rng.random() < 0.6:
            kind = "decision"

        current = fields_of(world, year)
        preferred = [k for k in vocab.UNIT_FIELDS.get(unit.key, ()) if k in current]
        primary = pick(rng, preferred) if preferred and rng.random() < 0.85 else pick(rng, current)
        field_keys = [primary]
        for _ in range(0 if kind in ("daily", "spot") else pick(rng, (0, 0, 1, 1, 1, 2))):
            extra = pick(rng, current)
            if extra not in field_keys:
                field_keys.append(extra)
        focus, city = self.where(rng, unit, year)
        places = [city]
        if rng.random() < 0.06 and not listing:
            second = world.place(pick(rng, [k for k in vocab.SECOND_PLACES if k != city.key]))
            if second is not None:
                places.append(second)

        name = unit.name if invented_name else self.unit_name(unit, year, rng)
        topic = vocab.TOPICS.get(primary, vocab.GENERIC_TOPIC)
        s = Story(day, unit, content_type, kind, field_keys, topic, places, focus)
        s.after_close, s.invented = after_close, invented_name
        s.sources = [invented_name or self.written(unit, name, year, rng)]
        if rng.random() < 0.2:
            other = self.other_unit(rng, year, unit)
            if other is not None:
                s.sources.append(self.source(other, year, rng))
            if rng.random() < 0.3:
                s.sources.reverse()
        if rng.random() < 0.02 and not invented_name and not after_close:
            s.sources = []
        if rng.random() < 0.15 and kind in ("event", "media_advisory"):
            other = self.other_unit(rng, year, unit) if rng.random() < 0.5 else unit
            if other is unit and s.sources:
                s.organizers = [s.sources[0]]
            elif other is not None:
                s.organizers = [self.source(other, year, rng)]
        for key in field_keys:
            label = world.field(key)
            if label is not None:
                alt = label.alt_labels and rng.random() < 0.15
                s.fields.append(pick(rng, label.alt_labels) if alt else label.label)
        s.ctx = self.context(rng, s, name)
        s.title = self.title(rng, s)
        return s

    def context(self, rng: random.Random, s: Story, name: str) -> Context:
        """The values templates ask for: cheap ones now, costly groups on first use.

        Most stories use a fraction of the values, and making people, lists of funders and
        decisions for every story would cost more than the rest of the page. The values are
        made in a fixed order (the corpus is a function of its seed): do not reorder them.
        """
        day, year, unit, topic = s.day, s.day.year, s.unit, s.topic
        focus, city = s.focus, s.places[0]
        field_label = self.world.field(s.field_keys[0])
        label_lower = field_label.label.lower() if field_label else "security"
        words, smm = vocab.WORDS, vocab.MONITORING

        def phrase(options: Sequence[str]) -> str:
            return pick(rng, options).replace("{field_label_lower}", label_lower)

        def numbers(ranges: dict[str, tuple[int, int, int]]) -> dict[str, str]:
            return {key: f"{between(rng, a, b) * step:,}" for key, (a, b, step) in ranges.items()}

        body = name if unit.kind == "organization" or name.startswith("CSCE ") else f"OSCE {name}"
        if unit.kind == "chairpersonship":
            word = "Chairmanship" if year <= 2018 else "Chairpersonship"
            body = f"{self.demonym(self.world.chairs.get(year, 'AT'))} OSCE {word}"
        short = next((short for word, short in vocab.SHORT_FORMS if word in name), "the Office")
        if short == "the Chairpersonship" and year <= 2018:
            short = "the Chairmanship"
        country, demonym = self.country_text(focus, year, rng), self.demonym(focus)
        group = phrase(topic.groups)
        local = f"{group} from {country}"
        if demonym and rng.random() < 0.75:
            local = f"{demonym} {group}"
        towns = (
            [t for t in vocab.TOWNS.get(focus, ()) if t != city.name]
            or [p.name for p in self.world.places_in(focus) if p.key != city.key]
            or [city.name]
        )
        town = pick(rng, towns)
        region = vocab.REGION_OF.get(focus, "balkans" if focus == "XK" else "west")
        event = weighted(rng, vocab.EVENTS)
        dur_event = f"{weighted(rng, vocab.DURATIONS)} {event}"
        weekday = vocab.WEEKDAYS[(day - dt.timedelta(days=between(rng, 1, 3))).weekday()]
        counterpart = phrase(topic.counterparts)
        subject = phrase(topic.subjects)
        subject2 = phrase([x for x in topic.subjects if x != subject] or topic.subjects)
        ahead = day + dt.timedelta(days=between(rng, 30, 90))
        opened = unit.opened or max(1993, year - between(rng, 3, 12))
        started = between(rng, min(max(opened, 1993), year), year) if year > 1995 else 1994
        n1 = between(rng, 12, 45)
        ctx = Context(lambda key: groups[key]())
        ctx.update(short=phrase(topic.short), concern=phrase(topic.concerns))
        ctx.update(welcome=phrase(topic.welcomes), year_started=str(started), opened=str(opened))
        ctx.update(year=str(year), prev_year=str(year - 1), next_year=str(year + 1))
        ctx.update(next_month=vocab.MONTHS[ahead.month - 1], weekday=weekday)
        ctx.update(weekday_next=vocab.WEEKDAYS[ahead.weekday()], field_label_lower=label_lower)
        ctx.update(the_unit=f"the {body}", unit_title=body, unit_short=short)
        ctx.update(city=city.name, town=town, country=country, demonym=demonym or "local")
        ctx.update(participants=group, local_participants=local, event=event)
        ctx.update(region_short=vocab.REGION_NAMES.get(region, "the OSCE region"))
        ctx.update(a_event=f"{article(dur_event)} {dur_event}", dur_event=dur_event)
        ctx["began"] = pick(rng, words["began"]).format(weekday=weekday)
        ctx.update(the_event=f"the {dur_event}", held=pick(rng, words["held"]))
        ctx.update(subject=subject, subject2=subject2, aim=phrase(topic.aims))
        ctx.update(counterpart=f"{counterpart} of {country}", counterpart_short=counterpart)
        ctx.update(counterpart_title=counterpart.removeprefix("the "))
        ctx.update(n1=str(n1), N1=cap(number_words(n1)), n2=str(between(rng, 4, 60) * 10))
        ctx["n_states"] = str(len(participating(self.world, year)))

        def speaker() -> None:
            person, post, honorific, post_first = self.speaker(rng, unit, body, year, topic)
            intro = f"{post} {person.name}" if post_first else f"{honorific}{person.name}, {post}"
            ctx.update(speaker_intro=intro, speaker_subject=intro if post_first else f"{intro},")
            ctx.update(speaker_last=person.last, he_she=person.she)
            ctx["speaker_post_title"] = post.replace(" the OSCE ", " OSCE ").removeprefix("the ")
            ctx.setdefault("speaker_ref", intro)

        def official() -> None:
            person = make_person(rng, vocab.REGION_OF.get(focus, "balkans"))
            mayor = rng.random() < 0.15
            post = f"Mayor of {city.name}" if mayor else f"{phrase(topic.officials)} of {country}"
            ctx.update(official_intro=f"{person.name}, {post}", official_last=person.last)

        def expert() -> None:
            person = make_person(rng, weighted(rng, vocab.INTERNATIONAL_REGIONS))
            if rng.random() < 0.5:
                post = f"an expert of {ctx['outside1']}"
            else:
                state = pick(rng, participating(self.world, year))
                adjective = self.demonym(state.iso2) or "European"
                post = f"{article(adjective)} {adjective} {pick(rng, words['professions'])}"
            ctx.update(expert_intro=f"{person.name}, {post}", expert_last=person.last)

        def feature() -> None:
            person = make_person(rng, vocab.REGION_OF.get(focus, "balkans"))
            role = pick(rng, words["feature_roles"])
            ctx.update(feature_person=person.name, feature_last=person.last, feature_role=role)
            ctx.update(feature_intro=f"{person.name}, {article(role)} {role} from {town}")
            ctx.update(feature_she=person.she, feature_her="her" if person.female else "his")

        def funders() -> None:
            partners = [c for c in self.world.countries if c.iso2 in vocab.FUNDING_PARTNERS]
            names: list[str] = []
            for _ in range(between(rng, 1, 3)):
                funder = pick(rng, [*participating(self.world, year), *partners])
                text = self.country_text(funder.iso2, year, rng)
                if funder.iso2 != focus and text not in names:
                    names.append(text)
            if not names or rng.random() < 0.1:
                names = ["the European Union"]
            elif rng.random() < 0.1:
                names.append("the European Union")
            funded, supported = pick(rng, words["funded"]), pick(rng, words["supported"])
            ctx["funders"] = joined = join_list(names)
            ctx.update(funded=f"{funded} {joined}", with_support=f"{supported} {joined}")

        def region_countries() -> None:
            states = neighbours(self.world, region, year)
            names: list[str] = []
            for _ in range(between(rng, 2, 3)):
                other = pick(rng, states)
                text = self.country_text(other.iso2, year, rng, short=False)
                if other.iso2 != focus and text not in names:
                    names.append(text)
            ctx["region_countries"] = join_list(names or [self.country_text("AT", year, rng)])

        def decision() -> None:
            past = max(day - dt.timedelta(days=between(rng, 60, 3000)), dt.date(1994, 12, 6))
            ctx["decision"] = self.decision(rng, past, topic)

        def outside() -> None:
            first = pick(rng, vocab.OUTSIDE_BODIES)
            second = pick(rng, [o for o in vocab.OUTSIDE_BODIES if o is not first])
            ctx.update(outside1=first[0], outside1_short=first[1], outside2=second[0])

        def things() -> None:
            ctx["publication"] = publication = pick(rng, words["publications"])
            ctx["equipment"] = equipment = pick(rng, words["equipment"])
            ctx["a_publication"] = f"{article(publication)} {publication}"
            ctx["equipment_short"] = equipment.split(" and ")[0].split(" for ")[0]
            ctx["minority"] = pick(rng, words["minorities"])
            ctx["ordinal"] = vocab.ORDINALS[between(rng, 1, 4)]
            ctx.update(n_days_word=pick(rng, words["days"]), n_years_word=pick(rng, words["years"]))
            ctx["n_months_word"] = pick(rng, words["months"])

        def monitoring() -> None:
            places, hour = rng.sample(smm["places"], 3), between(rng, 6, 20)
            ctx["calm"] = pick(rng, smm["calm"])
            ctx.update(numbers(vocab.MONITORING_NUMBERS))
            ctx["t1"] = f"{hour:02d}:{between(rng, 0, 59):02d}"
            ctx["t2"] = f"{hour + 2:02d}:{between(rng, 0, 59):02d}"
            ctx.update(dir=pick(rng, smm["directions"]), dir2=pick(rng, smm["directions"]))
            ctx.update(smm1=places[0], smm2=places[1], smm3=places[2])
            ctx.update(weapon=pick(rng, smm["weapons"]), n_people=f"{between(rng, 2, 90) * 100:,}")
            ctx["prev_day"] = format_date(day - dt.timedelta(days=1))

        made = (speaker, official, expert, feature, funders, decision, outside, things, monitoring)
        groups: dict[str, Callable[[], None]] = {f.__name__: f for f in made}
        groups["region"] = region_countries
        groups["numbers"] = lambda: ctx.update(numbers(vocab.NUMBER_RANGES))
        return ctx

    @staticmethod
    def decision(rng: random.Random, past: dt.date, topic: vocab.Topic) -> str:
        """A decision the work follows from, dated before the story."""
        roll, year, yy = rng.random(), past.year, f"{past.year % 100:02d}"
        if roll < 0.35:
            return f"a {vocab.MONTHS[past.month - 1]} {year} decision by the OSCE Permanent Council"
        if roll < 0.6:
            return f"Ministerial Council Decision No. {between(rng, 1, 12)}/{yy}"
        if roll < 0.8:
            number = 20 + max(0, year - 1993) * 47 + between(rng, 0, 40)
            return f"Permanent Council Decision No. {number}"
        if roll < 0.9:
            return f"the {year} Ministerial Council decision on {pick(rng, topic.short)}"
        return f"Forum for Security Co-operation Decision No. {between(rng, 1, 15)}/{yy}"

    def title(self, rng: random.Random, s: Story) -> str:
        """A title no other item of the same day has (the item's IRI is its date and title).

        A title must also look like one to the parser: a line of more than 20 words that ends
        with a full stop is read as body text ("... in the U.S." would be), and so is a line of
        more than 250 characters.
        """
        templates = vocab.TITLES.get(s.kind, vocab.TITLES["event"])
        order = s.day.toordinal()
        text = ""
        for attempt in range(14):
            text = cap(pick(rng, templates).format_map(s.ctx))
            if attempt >= 6:
                text += pick(rng, vocab.SENTENCES["title_suffixes"]).format_map(s.ctx)
            if len(text) > 250 or (text.endswith((".", '"')) and len(text.split()) > 20):
                continue
            key = (order, fold_name(text))
            if key not in self.used_titles:
                self.used_titles.add(key)
                return text
        number = 2
        while (order, fold_name(f"{text} (part {number})")) in self.used_titles:
            number += 1
        text = f"{text} (part {number})"
        self.used_titles.add((order, fold_name(text)))
        return text
