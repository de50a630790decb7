"""Stories written as saved pages: navigation, title, metadata, dateline, body; listings.

Every variant the parser reads appears here in a known share: datelines in the site's forms
(with and without year, date first, in Romanian, French or Russian, none at all), metadata as
labelled lines or inline, content type before or after the title, pages saved with a folded
menu. Each page also reports what the parser should find in it (title line, date, title,
dateline) and, when it is faulty, where the parser must say so.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from benchmarks.generator import faults
from benchmarks.generator import vocabulary as vocab
from benchmarks.generator.faults import Fault
from benchmarks.generator.reference import Place
from benchmarks.generator.stories import Newsroom, Story, era_name
from benchmarks.generator.text import between, draw, format_date, pick, placeish, slug, weighted

# Labels of the metadata block, today's and older pages'.
_LABELS = (("Date", "Issued on"), ("Place", "Location"), ("Source", "Issued by"))
# An item the parser should read: title line, publishing date, title, dateline text.
Expected = tuple[int, dt.date, str, str | None]
# A page: its bytes, file name, items, fault, and (title line, unit) of items published by a
# field operation after it closed.
Page = tuple[bytes, str, list[Expected], Fault | None, list[tuple[int, str]]]
_EVENTISH = re.compile(
    r"\{event\}|\bparticipant|\btrain|\bcourse\b|\bworkshop|\bsession|\bexercise|gained here", re.I
)


@cache
def general(templates: tuple[str, ...]) -> tuple[str, ...]:
    """The templates that do not assume the story is about an event (for statements, visits)."""
    return tuple(t for t in templates if not _EVENTISH.search(t))


def _comma(quote: str) -> str:
    """A quotation that goes on with `said X`: its final full stop becomes a comma."""
    return quote[:-1] + "," if quote.endswith(".") else quote


@dataclass
class Dateline:
    """How a story's first paragraph opens, and what the page must give for it to be dated."""

    prefix: str  # "VIENNA, 17 July 2008 - "; "" for none
    needs_date: bool  # the page must give a Date for the item to be dated
    place_values: list[str]  # as the Place field would write them
    text: str | None = None  # the dateline as the parser reports it (without the dash)


class PageWriter:
    """Writes the stories of a `Newsroom` as item and listing pages."""

    def __init__(self, newsroom: Newsroom) -> None:
        self.newsroom = newsroom
        self.world = newsroom.world
        self._menus: dict[int, list[str]] = {}

    # -- navigation --------------------------------------------------------------------

    def navigation(self, rng: random.Random, year: int) -> list[str]:
        """The navigation block of a page saved in some year after `year`."""
        save = 2025 if rng.random() < 0.5 else between(rng, max(year, 2014), 2025)
        if save not in self._menus:
            self._menus[save] = self.menu(save)
        lines = self._menus[save]  # the caller adds to what it gets: hand out a copy
        if rng.random() < 0.1:  # a page saved with parts of the menu folded away
            return [x for x in lines if x[:2] != "- " or rng.random() < 0.5 or x == "- About us"]
        return list(lines)

    def menu(self, save: int) -> list[str]:
        """The menu as the site had it in the year `save` (see vocabulary/pages.toml)."""
        world = self.world
        chair_word = "Chairmanship" if save <= 2018 else "Chairpersonship"
        chair = world.chairs.get(save, "FI")

        def state(iso2: str, name: str) -> str:
            return f"{name} – OSCE {chair_word} {save}" if iso2 == chair else name

        moved = {
            former.menu_after: state(iso2, former.name)
            for iso2, former in vocab.FORMER_STATE_NAMES.items()
            if former.menu_after and save <= former.menu
        }
        states: list[str] = []
        for country in world.menu_states:
            former = vocab.FORMER_STATE_NAMES.get(country.iso2)
            if former is None or save > former.menu:
                states.append(state(country.iso2, country.name))
            elif not former.menu_after:
                states.append(state(country.iso2, former.name))
            if country.iso2 in moved:
                states.append(moved[country.iso2])
        closed = [world.unit_by_key[key] for key in vocab.MENU_CLOSED_FIELD_OPERATIONS]
        operations = [u for u in world.menu_field_operations if u.closed is None] + closed
        secretariat = [k for k in vocab.MENU_SECRETARIAT if vocab.MENU_SINCE.get(k, save) <= save]
        operations = [u for u in operations if u.closed is None or save <= u.closed]
        lists: dict[str, Sequence[str]] = {"{states}": states, "{meetings}": world.meeting_types}
        lists["{fields}"] = tuple(concept.label for concept in world.fields)
        lists["{secretariat}"] = tuple(world.unit_by_key[key].name for key in secretariat)
        lists["{field_operations}"] = tuple(era_name(u, save) or u.name for u in operations)
        lines: list[str] = []
        for line in vocab.MENU:
            if line in lists:
                lines += [f"- {name}" for name in lists[line]]
            else:
                lines.append(line.replace("{chair}", chair_word))
        return lines

    # -- datelines ---------------------------------------------------------------------

    @staticmethod
    def place_written(rng: random.Random, place: Place, upper: bool) -> str:
        names = [place.name] + [n for n in place.alt_names if placeish(n)]
        name = pick(rng, names[1:]) if len(names) > 1 and rng.random() < 0.15 else names[0]
        return name.upper() if upper else name

    def dateline(
        self, rng: random.Random, s: Story, *, bad_date: str | None = None, listing: bool = False
    ) -> Dateline:
        """The opening of the first paragraph, in one of the forms the site has used."""
        day = s.day
        forms = vocab.LISTING_FORMS if listing else vocab.DATELINE_FORMS
        form = "std" if bad_date else weighted(rng, forms)
        if s.kind == "daily" and not bad_date:
            form = "none"
        if form == "none":
            written = [self.place_written(rng, p, rng.random() < 0.8) for p in s.places]
            return Dateline("", True, written)
        upper = rng.random() < (0.2 if form == "date_first" else 0.88) or form == "no_date"
        places = list(s.places)
        if form == "date_after" and len(places) == 1 and rng.random() < 0.6:
            extra = [self.world.place(k) for k in vocab.SECOND_PLACES if k != places[0].key]
            places += rng.sample([p for p in extra if p is not None], between(rng, 1, 2))
        written = [self.place_written(rng, p, upper) for p in places]
        head = (" / " if form == "date_after" or rng.random() < 0.1 else "/").join(written)
        first = places[0]
        capital = self.newsroom.capital(first.country or "")
        qualifier, known = "", {*self.world.own_seats, *vocab.SECOND_PLACES}
        alone = len(places) == 1 and first.key not in known and first.country
        if alone and capital is not None and capital.key != first.key:
            country = self.world.country(first.country or "")
            if country is not None and placeish(country.name) and rng.random() < 0.6:
                qualifier = country.name
        date_text = ""
        if form == "foreign" and len(places) > 1:
            form = "std"
        if form == "foreign":
            names = vocab.PLACE_NAMES
            language = pick(rng, ("ro", "fr", "ru"))
            if first.key in names["ro"] and (language == "ro" or first.key not in names["fr"]):
                language = "ro"
            elif first.key in names["fr"]:
                language = "fr"
            elif first.key in names["ru"] or first.country in vocab.RUSSIAN_DATES:
                language = "ru"
            else:
                form = "std"
            if form == "foreign":
                foreign = names[language].get(first.key)
                if foreign and (language != "ru" or rng.random() < 0.6):
                    head = foreign if upper else foreign.title()
                suffix = " г." if language == "ru" and rng.random() < 0.3 else ""
                months = vocab.MONTHS_IN[language]
                date_text = f"{day.day} {months[day.month - 1]} {day.year}{suffix}"
                written = [head] if head != written[0] else written
                qualifier = ""
        style = form if form in ("mdy", "comma_year", "no_year") else "dmy"
        date_text = bad_date or date_text or format_date(day, style)
        era = "before_2005" if day.year < 2005 else "from_2005"
        separator = weighted(rng, vocab.SEPARATORS[era])
        if qualifier and form in ("std", "osce", "comma_year", "mdy", "no_year"):
            head = f"{head}, {qualifier}"
        dash = separator if separator.startswith(" ") else " – "  # after the place, before the date
        frame = vocab.DATELINE_TEXTS.get(form, vocab.DATELINE_TEXTS["std"])
        text = frame.format(head=head, date=date_text, dash=dash)
        prefix = f"{text}. " if form == "date_after" else f"{text}{separator}"
        return Dateline(prefix, form in ("no_year", "no_date"), written, text)

    # -- bodies ------------------------------------------------------------------------

    @staticmethod
    def quote(
        rng: random.Random, s: Story, who: str, quotes: list[str], *, long: bool = False
    ) -> list[list[str]]:
        """Paragraphs quoting `who`, in the newsroom's ways of attributing a quotation."""
        if not quotes:
            return []
        ctx = s.ctx
        texts = [s.fill(draw(rng, quotes)) for _ in range(min(3 if long else 2, len(quotes)))]
        verb = "says" if s.kind == "feature" and who == "feature" else "said"
        intro, last = ctx[f"{who}_intro"], ctx[f"{who}_last"]
        first = who not in s.introduced
        s.introduced.add(who)
        if who == "speaker":
            ctx["speaker_ref"] = last
        said = f"{verb} {intro}" if first else f"{last} {verb}"
        if long and len(texts) == 3:
            return [[f'"{texts[0]} {texts[1]}'], [f'"{_comma(texts[2])}" {said}.']]
        q1, q2 = texts[0], texts[1] if len(texts) > 1 else ""
        roll = rng.random()
        if not q2 or roll < 0.4:
            return [[f'"{q1} {_comma(q2)}" {said}.' if q2 else f'"{_comma(q1)}" {said}.']]
        if roll < 0.75:
            return [[f'"{_comma(q1)}" {said}. "{q2}"']]
        subject = (ctx["speaker_subject"] if who == "speaker" else f"{intro},") if first else last
        return [[f'{subject} {verb}: "{q1} {q2}"']]

    def body(self, rng: random.Random, s: Story, prefix: str) -> list[str]:
        """3-7 paragraphs, 2-6 KB: a lead, quotations, details, background, funding, close.

        Every sentence is drawn from its pool without putting it back, so a page never says
        the same thing twice.
        """
        if s.kind in ("daily", "spot"):
            return self.monitoring_body(rng, s, prefix)
        sentences = vocab.SENTENCES
        target = between(rng, 2150, 5500)
        count = max(3, min(7, round(target / rng.uniform(480, 760))))
        event_story = s.kind in ("event", "launch", "donation", "media_advisory", "feature")
        first_person = s.kind in ("speech", "op_ed")

        def pool(name: str) -> list[str]:
            return list(sentences[name] if event_story else general(sentences[name]))

        background, funding = pool("background"), pool("funding")
        speaker_quotes = [*s.topic.quotes, *pool("quotes")]
        pools = {"background": background, "funding": funding}
        for name in ("indirect", "official", "expert"):
            pools[name] = list(sentences[name])
        if first_person:
            details, spare = list(sentences["first_person"]), speaker_quotes
        elif event_story:
            details, spare = [*s.topic.details, *sentences["details"]], []
        else:
            shared = sentences["general_details"]
            details = [*general(s.topic.details), *shared]
            spare = [t for t in general(sentences["details"]) if t not in shared]
        lead_kind = s.kind if s.kind in vocab.LEADS else "event"
        paragraphs: list[list[str]] = [[prefix + s.fill(pick(rng, vocab.LEADS[lead_kind]))]]
        if s.kind == "speech":
            paragraphs.append([vocab.SALUTATION])
        closing = sentences["closing" if event_story else "closing_general"]
        if s.unit.kind == "field-operation":
            given = sentences["field_operation_closing"]
            own = [c for c in given if event_story or "{event}" not in c]
            closing = (*(c for c in closing if "{n_states}" not in c), *own)
        if first_person:
            closing = sentences["first_person_closing"]
        for block in self.plan(rng, count - len(paragraphs), s.kind):
            if block in ("quote", "quote_long", "quote2") and first_person:
                texts = [s.fill(draw(rng, speaker_quotes)) for _ in range(2) if speaker_quotes]
                paragraphs.append(texts)
            elif block in ("quote", "quote_long", "quote2"):
                who = "feature" if s.kind == "feature" and block != "quote2" else "speaker"
                paragraphs += self.quote(rng, s, who, speaker_quotes, long=block == "quote_long")
            elif block in ("official", "expert"):
                paragraphs += self.quote(rng, s, block, pools[block])
            elif block == "closing":
                paragraphs.append([s.fill(pick(rng, closing))])
            elif source := pools.get(block, details) or details or spare:
                paragraphs.append([s.fill(draw(rng, source))])
        while len(paragraphs) > 7:  # a long quotation took two slots: fold the last two
            paragraphs[-2].extend(paragraphs.pop())
        sizes = [sum(len(x) + 1 for x in p) for p in paragraphs]
        # Paragraphs that grow: not the first half of a quotation that goes on in the next
        # paragraph (an odd number of quotation marks), not a speech's lead, salutation or
        # closing words. Quotations count double, so they stay short.
        ends = (0, len(paragraphs) - 1)
        framing = [
            first_person and (i in ends or p[0][:3] == "Mr.") for i, p in enumerate(paragraphs)
        ]
        halves = [sum(x.count('"') for x in p) % 2 for p in paragraphs]
        growable = [i for i in range(len(paragraphs)) if not halves[i] and not framing[i]] or [0]
        plain = [i for i in growable if not paragraphs[i][0].startswith('"')]
        plain.sort(key=sizes.__getitem__)
        quoted = [i for i in growable if i not in plain]
        plain = plain or quoted
        total, step = sum(sizes), 0
        while total < target and (details or background or spare):
            # Round robin from the shortest paragraph; a quotation gets every third turn.
            if quoted and step % 3 == 2:
                index = quoted[(step // 3) % len(quoted)]
            else:
                index = plain[(step - step // 3 if quoted else step) % len(plain)]
            step += 1
            sentence = s.fill(draw(rng, details or background or spare))
            paragraphs[index].append(sentence)
            sizes[index] += len(sentence) + 1
            total += len(sentence) + 1
        while total > 5800:  # long quotations overshot: drop added sentences, longest first
            longest = max(growable, key=lambda i: sizes[i] if len(paragraphs[i]) > 1 else 0)
            if len(paragraphs[longest]) < 2:
                break
            dropped = len(paragraphs[longest].pop()) + 1
            sizes[longest] -= dropped
            total -= dropped
        return [" ".join(p) for p in paragraphs if p]

    @staticmethod
    def plan(rng: random.Random, slots: int, kind: str) -> list[str]:
        """The order of paragraph kinds after the lead."""
        if kind in ("speech", "op_ed"):
            return ["quote"] * max(slots - 1, 0) + ["closing"]
        middle: list[str] = ["quote"]
        while len(middle) + middle.count("quote_long") < slots - 1:
            block = weighted(rng, vocab.PARAGRAPHS)
            if block == "quote_long" and len(middle) + 2 > slots - 1:
                block = "detail"
            if block == "background" and block in middle:
                block = "detail"
            middle.append(block)
        last = "closing" if rng.random() < 0.6 else "funding"
        if last == "closing" and "detail" in middle and rng.random() < 0.6:
            middle[len(middle) - 1 - middle[::-1].index("detail")] = "funding"
        return [*middle, last][: max(slots, 1)]

    @staticmethod
    def monitoring_body(rng: random.Random, s: Story, prefix: str) -> list[str]:
        """A daily or spot report of the Special Monitoring Mission to Ukraine."""
        daily = vocab.MONITORING["daily"]
        own = list(vocab.MONITORING["spot"] if s.kind == "spot" else daily)
        first = own.pop(0)
        more = [t for t in daily[1:] if t not in own]
        paragraphs = [[prefix + first.format_map(s.ctx)]]
        size, target = len(paragraphs[0][0]), between(rng, 2100, 2700)
        while (own or more) and size < target:
            paragraph: list[str] = [] if len(paragraphs) < 7 else paragraphs.pop()
            for _ in range(between(rng, 2, 3)):
                pool = own if own and (s.kind == "daily" or rng.random() < 0.7) else more
                if pool:
                    sentence = draw(rng, pool).format_map(s.ctx)
                    paragraph.append(sentence)
                    size += len(sentence) + 1
            paragraphs.append(paragraph)
        return [" ".join(p) for p in paragraphs if p]

    @staticmethod
    def teaser(rng: random.Random, s: Story, prefix: str) -> str:
        """A listing's teaser: 200-400 characters from the top of the story, sometimes cut."""
        kind = s.kind if s.kind in vocab.LEADS else "event"
        text = prefix + s.fill(pick(rng, vocab.LEADS[kind]))
        details = [*s.topic.details, *vocab.SENTENCES["details"]]
        while len(text) < 210 and details:
            text += " " + s.fill(draw(rng, details))
        if len(text) > 400 or rng.random() < 0.25:
            limit = between(rng, 230, max(231, min(396, len(text) - 4)))
            return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."
        return text

    # -- metadata ----------------------------------------------------------------------

    @staticmethod
    def metadata(
        rng: random.Random, s: Story, places: list[str], date_value: str | None
    ) -> tuple[list[str], int | None]:
        """The labelled block under the title, and the index of the line holding the date."""
        old = rng.random() < 0.15  # an old page, with the old labels
        labels = [b if old or rng.random() < 0.05 else a for a, b in _LABELS]
        entries = [("date", labels[0], [date_value] if date_value else [])]
        entries.append(("place", labels[1], places if rng.random() > 0.1 else []))
        if s.organizers:
            entries.append(("organizer", "Organized by", s.organizers))
        entries.append(("source", labels[2], s.sources))
        entries.append(("field", "Fields of work", s.fields if rng.random() > 0.03 else []))
        if rng.random() < 0.08:
            rng.shuffle(entries)
        layout = weighted(rng, vocab.METADATA_LAYOUTS)
        dash = rng.random() < 0.8
        lines: list[str] = []
        date_index: int | None = None
        for name, label, values in entries:
            prefix = "- " if (dash if rng.random() < 0.9 else not dash) else ""
            inline = layout == "inline" or (layout == "mixed" and rng.random() < 0.5)
            # Inline values of these fields are split at commas, so a name with a comma in
            # it ("Mission of Long Duration in Kosovo, Sandjak and Vojvodina") gets a line.
            split = name in ("source", "organizer", "field")
            comma = split and any("," in v for v in values)
            if values and inline and (len(values) == 1 or split) and not comma:
                if name == "date":
                    date_index = len(lines)
                lines.append(f"{prefix}{label}: {', '.join(values)}")
                continue
            lines.append(f"{prefix}{label}:")
            for value in values:
                if name == "date":
                    date_index = len(lines)
                lines.append(f"- {value}")
        return lines, date_index

    # -- pages -------------------------------------------------------------------------

    def item(self, rng: random.Random, day: dt.date, index: int, fault: str | None) -> Page:
        """One item page, faulty or not."""
        closed = rng.random() < 0.01 and fault is None
        s = self.newsroom.story(rng, day, after_close=closed, invented=fault == "unknown_unit")
        name = f"{index:06d}_{slug(s.content_type or 'item', 16)}-{slug(s.places[0].name, 20)}.txt"
        bad_date = faults.impossible_date(rng, day.year) if fault == "impossible_date" else None
        bad_in = "date" if rng.random() < 0.5 else "dateline"
        untitled = fault == "missing_title"
        nav = self.navigation(rng, day.year) if rng.random() < 0.8 else []
        in_dateline = bad_date if bad_in == "dateline" or rng.random() < 0.5 else None
        dateline = self.dateline(rng, s, bad_date=in_dateline)
        value = bad_date if bad_date and bad_in == "date" else None
        if value is None and (dateline.needs_date or rng.random() < 0.6):
            value = format_date(day, weighted(rng, vocab.DATE_STYLES))
        paragraphs = self.body(rng, s, dateline.prefix)
        meta, date_index = self.metadata(rng, s, dateline.place_values, value)
        lost = vocab.UNTITLED_CONTENT_TYPES
        content_type = (pick(rng, lost) or None) if untitled else s.content_type
        after = content_type is not None and not untitled and rng.random() < 0.08
        lines = [content_type] if content_type and not after else []
        lines = [*nav, *lines, *([] if untitled else [s.title])]
        title_line = None if untitled else len(lines)
        lines += [content_type] if content_type and after else []
        meta_line, body_line = len(lines) + 1, len(lines) + len(meta) + 1
        text = "\n".join([*lines, *meta, *paragraphs]) + "\n"
        data = text.encode("utf-8")
        found: Fault | None = None
        if fault == "impossible_date" and bad_date is not None:
            date_line = meta_line + date_index if date_index is not None else None
            line = date_line if bad_in == "date" else body_line
            where = "Date field" if bad_in == "date" else "dateline"
            found = Fault("", fault, True, line, f"{where}: {bad_date}")
        elif fault == "missing_title":
            found = Fault("", fault, True, meta_line, "no title line before the metadata block")
        elif fault == "empty":
            data = pick(rng, faults.EMPTY_FILES)
            found = Fault("", fault, True, 1, "empty file")
        elif fault == "latin1":
            data = faults.latin1_bytes(text, rng)
            line = faults.first_bad_line(data)
            found = Fault("", fault, True, line, "saved as Latin-1, not UTF-8")
        elif fault == "html":
            document = faults.html_document(s.title, content_type, meta, paragraphs)
            if rng.random() < 0.3:
                blank = "\n" if rng.random() < 0.5 else ""
                document = document.replace("<!DOCTYPE html>\n", blank, 1)
            data = document.encode("utf-8")
            line = document[: document.find("<")].count("\n") + 1
            found = Fault("", fault, True, line, "an HTML document")
        elif fault == "unknown_unit":
            found = Fault("", fault, False, title_line, s.invented or "")
        if found is not None and found.error:
            return data, name, [], found, []
        items: list[Expected] = [(title_line or 0, day, s.title, dateline.text)]
        return data, name, items, found, [(title_line or 0, s.unit.key)] if s.after_close else []

    def listing(self, rng: random.Random, day: dt.date, index: int, fault: str | None) -> Page:
        """A listing page: 3-8 entries of the year of `day`, one of them faulty if any."""
        year = day.year
        first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
        count = between(rng, 3, 8)
        bad_entry = rng.randrange(count) if fault else -1
        lines = self.navigation(rng, year) if rng.random() < 0.3 else []
        if rng.random() < 0.1:
            lines.append(pick(rng, vocab.LISTING_HEADERS))
        expected: list[Expected] = []
        found: Fault | None = None
        after_close: list[tuple[int, str]] = []
        for position in range(count):
            day = dt.date.fromordinal(between(rng, first, last))
            bad = position == bad_entry
            closed = rng.random() < 0.01
            late, invented = closed and not bad, bad and fault == "unknown_unit"
            s = self.newsroom.story(rng, day, listing=True, after_close=late, invented=invented)
            wrong = bad and fault == "impossible_date"
            bad_date = faults.impossible_date(rng, year) if wrong else None
            in_teaser = bad_date is not None and rng.random() < 0.5
            dateline = self.dateline(rng, s, bad_date=bad_date if in_teaser else None, listing=True)
            teaser = self.teaser(rng, s, dateline.prefix)
            lines.append(s.title)
            title_line = len(lines)
            published = bad_date if bad_date and not in_teaser else format_date(day)
            lines.append(f"Publishing date: {published}")
            if s.content_type and rng.random() < 0.85:
                lines.append(f"Content type: {s.content_type}")
            sources = [v for v in s.sources if "," not in v]
            if sources and (rng.random() < 0.85 or s.invented or s.after_close):
                lines.append("Where we are: " + ", ".join(sources))
            if s.fields and rng.random() < 0.8:
                lines.append("What we do: " + ", ".join(s.fields))
            lines.append(teaser)
            if bad_date is not None:
                line = len(lines) if in_teaser else title_line + 1
                where = "teaser dateline" if in_teaser else "Publishing date"
                detail = f"listing entry {position + 1}, {where}: {bad_date}"
                found = Fault("", "impossible_date", True, line, detail)
                continue
            if s.invented:
                found = Fault("", "unknown_unit", False, title_line, s.invented)
            if s.after_close:
                after_close.append((title_line, s.unit.key))
            expected.append((title_line, day, s.title, dateline.text))
        if rng.random() < 0.2:
            lines.append(pick(rng, vocab.LISTING_FOOTERS))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        name = f"{index:06d}_listing-{slug(pick(rng, self.newsroom.field_keys), 24)}.txt"
        return data, name, expected, found, after_close
