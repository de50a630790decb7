"""HTML pages from views: jinja2 templates with autoescaping, and nothing a browser must run.

Every page links with paths relative to itself, so the same pages work from a web server, a
static host and a folder opened from disk; a link goes to the linked resource's HTML document
(`country/at.html`), the page shows the IRI itself. A list that would make a page long (the
items mentioning a State, at archive scale thousands) shows its newest rows and links to one
page per year, so every page stays small. An item's page embeds its schema.org description
as JSON-LD, escaped so that no text in it can end the script element.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from typing import Any

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup

from ..identity.namespaces import ORG, OSCE, SCHEMA, VOID
from ..rendering.dumps import DUMP_FORMATS
from .conneg import SITE_FORMATS, Format
from .ontology_docs import OntologyDocs
from .views import Group, Link, Mark, Resources, Row, Statement, Value, View, by_year

__all__ = ["GROUP_LIMIT", "SECTIONS", "PageRenderer", "favicon", "script_json", "stylesheet"]

# The site's sections: the first segment of an IRI path, and what its index is called.
SECTIONS = (
    ("item", "Items"), ("country", "States and partners"), ("unit", "Units and posts"),
    ("person", "People"), ("place", "Places"), ("field", "Fields of work"),
    ("meeting-type", "Meeting types"), ("event-kind", "Event kinds"),
    ("content-type", "Content types"), ("chairpersonship", "Chairpersonships"),
    ("body", "Outside bodies"), ("decision", "Decisions"), ("scheme", "Concept schemes"),
    ("source", "Saved pages"),
)  # fmt: skip
_NAV = ("item", "country", "unit", "person", "place", "field")
# The home page's download links: each dump file and its media type.
_DUMP_LINKS = sorted((dump.file_name, dump.media_type) for dump in DUMP_FORMATS)
_KIND_NAMES = {
    "item": "Item", "country": "State or partner", "unit": "Unit or post", "person": "Person",
    "place": "Place", "field": "Field of work", "meeting-type": "Meeting type",
    "event-kind": "Event kind", "content-type": "Content type", "chairpersonship": "Chairpersonship",
    "body": "Outside body", "decision": "Decision", "scheme": "Concept scheme",
    "source": "Saved page", "dataset": "Dataset", "ontology": "Ontology",
}  # fmt: skip
# How a page titles the resources that link to it, by the property they link with.
_INCOMING_TITLES = {
    SCHEMA + "mentions": "Items that mention it",
    SCHEMA + "sourceOrganization": "Items it published",
    SCHEMA + "publisher": "Items it published",
    SCHEMA + "about": "Items about it",
    SCHEMA + "locationCreated": "Items datelined here",
    SCHEMA + "contentLocation": "Items about this place",
    SCHEMA + "spokenByCharacter": "Quotes",
    SCHEMA + "funder": "Events it funded",
    SCHEMA + "organizer": "Events it organised",
    SCHEMA + "location": "Events held here",
    SCHEMA + "containedInPlace": "Places in it",
    SCHEMA + "parentOrganization": "Organisations under it",
    ORG + "member": "Posts and roles",
    ORG + "organization": "Posts and roles in it",
    ORG + "subOrganizationOf": "Sub-units",
    ORG + "unitOf": "Units",
    ORG + "postIn": "Posts",
    ORG + "role": "Held as",
    OSCE + "hostCountry": "Field operations it hosts",
    OSCE + "hostTerritory": "Field operations here",
    OSCE + "seat": "Seat of",
    OSCE + "decidedBy": "Decisions it took",
    OSCE + "eventKind": "Events of this kind",
    OSCE + "contentType": "Items of this content type",
    OSCE + "successor": "Successor of",
    OSCE + "organizedBy": "Items it organised",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "Items read from this page",
    "http://www.w3.org/2004/02/skos/core#inScheme": "Concepts",
    "http://www.w3.org/2004/02/skos/core#topConceptOf": "Top concepts",
    "http://www.w3.org/2004/02/skos/core#broader": "Narrower concepts",
    "http://www.w3.org/2004/02/skos/core#narrower": "Broader concepts",
    "http://purl.org/dc/terms/publisher": "Publisher of",
}
# On an item's page these are shown by the body, the quotes and the summary line.
_ITEM_HIDDEN = (
    SCHEMA + "articleBody", SCHEMA + "hasPart", SCHEMA + "headline",
    SCHEMA + "datePublished", SCHEMA + "dateline", SCHEMA + "genre",
    SCHEMA + "sourceOrganization",
)  # fmt: skip
_ITEM_META = (SCHEMA + "dateline", SCHEMA + "genre", SCHEMA + "sourceOrganization")
GROUP_LIMIT = 30  # rows a list shows on the resource's own page
_FORMAT_LABELS = {"turtle": "Turtle", "jsonld": "JSON-LD", "ntriples": "N-Triples",
                  "trig": "TriG", "rdfxml": "RDF/XML", "html": "HTML"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _DataFormat:
    label: str
    extension: str
    media_type: str


# On one line: the encoder written in C takes no indent, and Python's took a tenth of the time
# of making an item's page.
_SCRIPT_JSON = json.JSONEncoder(ensure_ascii=False)


def script_json(document: Any) -> Markup:
    """JSON for a `<script>` element: `<`, `>` and `&` escaped, so that no string in it can
    close the element (`</script>`) or open a comment; JSON parsers read the same value."""
    text = _SCRIPT_JSON.encode(document)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(raw, escaped)
    return Markup(text)  # every markup character is escaped above


def paragraphs(body: str, marks: Sequence[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """The body's paragraphs (blank lines between them) as (start, end, their marks); a blank
    line inside a mark (a quote over two paragraphs) does not end a paragraph."""
    found = []
    start = 0
    for gap in re.finditer(r"\n[ \t]*\n\s*", body):
        if any(m.start < gap.start() < m.end for m in marks):
            continue
        found.append((start, gap.start()))
        start = gap.end()
    found.append((start, len(body)))
    return [
        (begin, end, [m for m in marks if begin <= m.start < end])
        for begin, end in found
        if begin < end
    ]


def stylesheet() -> bytes:
    return files("osce_rdf").joinpath("templates/site/style.css").read_bytes()


def favicon() -> bytes:
    return files("osce_rdf").joinpath("templates/site/favicon.svg").read_bytes()


_PLAIN_TYPES = frozenset({"xsd:date", "xsd:integer", "xsd:gYear", "xsd:boolean"})


# The functions below write the elements pages hold by the thousand (links, values, rows):
# a jinja macro call costs about ten times as much. Every text goes through `_text`, as `{{ }}`
# in a template goes through `escape`; they return strings, wrapped in `Markup` once, where a
# template takes them.


def _text(text: str) -> str:
    """`markupsafe.escape` of a string, the same characters escaped the same way, as a plain
    string: three times quicker than making a `Markup` object for every link's label and path
    (a page of the site escapes a hundred texts). Most texts (labels, paths) hold none of the
    five characters: looking for them is quicker than five replacements that change nothing."""
    if not ("&" in text or "<" in text or ">" in text or "'" in text or '"' in text):
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


@jinja2.pass_context
def _link(context: Context, link: Link) -> Markup:
    """A link to a resource, relative to the page (`root`), labelled; an IRI elsewhere links
    out."""
    return Markup(_link_html(context["root"], link))


def _link_html(root: str, link: Link) -> str:
    if link.path:
        return f'<a href="{_text(root + link.path)}">{_text(link.label)}</a>'
    if link.iri.startswith(("http://", "https://")):
        iri = _text(link.iri)
        if link.label != link.iri:
            return f'<a class="external" href="{iri}">{_text(link.label)}</a>'
        return f'<a class="external iri" href="{iri}">{iri}</a>'
    return _text(link.label)


@jinja2.pass_context
def _value(context: Context, value: Value) -> Markup:
    """An object of a statement: a link, or a literal with its language or datatype."""
    return Markup(_value_html(context["root"], value))


def _value_html(root: str, value: Value) -> str:
    if value.link is not None:
        return _link_html(root, value.link)
    if value.language:
        language = _text(value.language)
        return (
            f'<span lang="{language}">{_text(value.text)}</span> '
            f'<small class="tag">{language}</small>'
        )
    if value.datatype and value.datatype not in _PLAIN_TYPES:
        return f'{_text(value.text)} <small class="tag">{_text(value.datatype)}</small>'
    return _text(value.text)


@jinja2.pass_context
def _marked(context: Context, text: str, marks: Sequence[Mark], at: int, end: int) -> Markup:
    """A stretch of an item's body with what its marks name: a mention links to what it
    refers to, a quote and an event are named by their anchors (marks nest)."""
    return Markup(_marked_html(context["root"], text, marks, at, end))


def _marked_html(root: str, text: str, marks: Sequence[Mark], at: int, end: int) -> str:
    out: list[str] = []
    for mark in marks:
        out.append(_text(text[at : mark.start]))
        inner = _marked_html(root, text, mark.inner, mark.start, mark.end)
        anchor = _text(mark.anchor)
        link = mark.link
        if mark.kind == "mention" and link is not None and link.path:
            out.append(
                f'<a class="mention" id="{anchor}" href="{_text(root + link.path)}"'
                f' title="{_text(link.label)}">{inner}</a>'
            )
        elif mark.kind == "mention":
            title = _text(link.label) if link is not None else ""
            out.append(f'<span class="mention" id="{anchor}" title="{title}">{inner}</span>')
        elif mark.kind == "quote":
            out.append(f'<q class="quote" id="{anchor}">{inner}</q>')
        else:
            out.append(f'<a class="event" href="#{anchor}">{inner}</a>')
        at = mark.end
    out.append(_text(text[at:end]))
    return "".join(out)


@jinja2.pass_context
def _rows_by_year(context: Context, years: Sequence[tuple[str, Sequence[Row]]]) -> Markup:
    """Rows under a heading per year (or month): a list each, a row per item."""
    root = context["root"]
    out = []
    for year, rows in years:
        if year:
            out.append(f'<h3 class="year">{_text(year)}</h3>')
        out.append('<ul class="rows">\n')
        out.extend(_row_html(root, row) for row in rows)
        out.append("</ul>\n")
    return Markup("".join(out))


def _row_html(root: str, row: Row) -> str:
    """A row of a list: the date, the link, and the item a part belongs to."""
    date = _text(row.date) if row.date else None
    when = f'<time datetime="{date}">{date}</time> ' if date else ""
    item = f' <small class="in">in {_link_html(root, row.item)}</small>' if row.item else ""
    return f"<li>{when}<span>{_link_html(root, row.link)}{item}</span></li>\n"


@jinja2.pass_context
def _statements(
    context: Context, statements: Sequence[Statement], skip: Collection[str] = ()
) -> Markup:
    """A description list of statements: each property linked to its documentation, and its
    values."""
    root = context["root"]
    out = ['<dl class="statements">\n']
    for statement in statements:
        predicate = statement.predicate
        if predicate.iri in skip:
            continue
        label = _text(predicate.label)
        if predicate.path:
            label = f'<a href="{_text(root + predicate.path)}">{label}</a>'
        if len(statement.values) > 1:
            items = "".join(f"<li>{_value_html(root, v)}</li>" for v in statement.values)
            values = f'<ul class="values">{items}</ul>'
        else:
            values = _value_html(root, statement.values[0])
        out.append(f'<dt title="{_text(predicate.iri)}">{label}</dt>\n<dd>{values}</dd>\n')
    out.append("</dl>")
    return Markup("".join(out))


# The links of the last list's years, for the page `root` they were made at: the pages of one
# list's years come in a row and each shows the same links (a State's: 30 years, 30 pages).
# One entry, read and replaced whole, so that the server's threads never mix two lists.
_YEAR_LINKS: list[tuple[Sequence[tuple[str, int, str]], str, list[tuple[str, str, str]]]] = [
    ((), "", [])
]


@jinja2.pass_context
def _year_links(
    context: Context, pages: Sequence[tuple[str, int, str]], current: str | None = None
) -> Markup:
    """The links to a list's pages by year (the `current` one named, not linked)."""
    root = context["root"]
    last = _YEAR_LINKS[0]
    if last[0] is pages and last[1] == root:
        links = last[2]
    else:
        links = []
        for year, count, href in pages:
            name = _text(year or "undated")
            counted = f' <small class="count">{count}</small>'
            links.append(
                (year, f'<a href="{_text(root + href)}">{name}</a>{counted}',
                 f"<strong>{name}</strong>{counted}")
            )  # fmt: skip
        _YEAR_LINKS[0] = (pages, root, links)
    return Markup(" · ".join(named if year == current else linked for year, linked, named in links))


@jinja2.pass_context
def _nav_links(context: Context) -> Markup:
    """The header's links to the sections and the ontology: the same on every page at one
    depth, so made once per depth (as a loop in the template they were most of the texts a
    page escaped)."""
    return Markup(_nav_html(context["root"], context["ontology_page"], tuple(context["nav"])))


@functools.lru_cache(maxsize=64)
def _nav_html(root: str, ontology_page: str, nav: tuple[tuple[str, str], ...]) -> str:
    links = [
        f'<a href="{_text(root + segment)}/index.html">{_text(name)}</a>\n' for segment, name in nav
    ]
    links.append(f'<a href="{_text(root + ontology_page)}">Ontology</a>\n')
    return "".join(links)


@jinja2.pass_context
def _alternates(context: Context, path: str) -> Markup:
    """The `<link>` elements to a page's data in each format."""
    root = context["root"]
    return Markup(
        "".join(
            f'<link rel="alternate" type="{_text(f.media_type)}"'
            f' href="{_text(f"{root}{path}.{f.extension}")}">\n'
            for f in context["data_formats"]
        )
    )


@jinja2.pass_context
def _formats(context: Context, path: str) -> Markup:
    """The links to a page's data in each format, by name."""
    root = context["root"]
    links = " · ".join(
        f'<a href="{_text(f"{root}{path}.{f.extension}")}" type="{_text(f.media_type)}">'
        f"{_text(f.label)}</a>"
        for f in context["data_formats"]
    )
    return Markup(f'<p class="formats">Data: {links}</p>')


def _environment() -> jinja2.Environment:
    folder = files("osce_rdf").joinpath("templates/site")
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: folder.joinpath(name).read_text(encoding="utf-8")
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals |= {
        "link": _link,
        "value": _value,
        "rows_by_year": _rows_by_year,
        "marked": _marked,
        "statements": _statements,
        "year_links": _year_links,
        "nav_links": _nav_links,
        "alternates": _alternates,
        "formats": _formats,
    }
    return environment


class PageRenderer:
    """Renders the pages of a dataset: resources, their lists by year, indexes, the home page."""

    def __init__(
        self,
        resources: Resources,
        *,
        endpoint: bool = False,
        formats: Sequence[Format] = SITE_FORMATS,
        site_name: str = "OSCE linked data",
    ) -> None:
        self.resources = resources
        self.endpoint = endpoint
        self.site_name = site_name
        self.environment = _environment()
        self._templates: dict[str, jinja2.Template] = {}
        self.data_formats = [
            _DataFormat(_FORMAT_LABELS[f.name], f.extension, f.media_type)
            for f in formats
            if f.rdf is not None
        ]

    def _render(self, template: str, location: str, **values: Any) -> str:
        """A page at `location` (its path in the site), linking relative to it; a page that is
        answered at any address (not found) says its `root` instead."""
        values.setdefault("root", "../" * location.count("/"))
        values.setdefault("nav", [(s, name) for s, name in SECTIONS if s in _NAV])
        values.setdefault("ontology_page", "ontology.html")
        return self._template(template).render(
            site_name=self.site_name,
            endpoint=self.endpoint,
            footer="Published with osce-rdf from the OSCE's public record",
            generated=None,
            data_formats=self.data_formats,
            **values,
        )

    def _template(self, name: str) -> jinja2.Template:
        """A template by name, kept here: the environment's cache takes a lock and checks the
        template is up to date at every page (a tenth of the time of making a small page)."""
        found = self._templates.get(name)
        if found is None:
            found = self._templates[name] = self.environment.get_template(name)
        return found

    def page(self, template: str, location: str, **values: Any) -> str:
        """Any page of the templates, at `location` (the server's endpoint and catalogue)."""
        return self._render(template, location, **values)

    # ------------------------------------------------------------------ resources

    def resource(self, view: View) -> str:
        """The page of one resource (an item's page has its body, quotes, events and posts)."""
        groups = [self._group(view, g) for g in view.incoming]
        other_labels = [v for v in view.labels if v.language and v.text != view.label]
        values: dict[str, Any] = {
            "view": view, "title": view.label, "groups": groups, "other_labels": other_labels,
            "kind_name": _KIND_NAMES.get(view.kind, view.kind.replace("-", " ").capitalize()),
        }  # fmt: skip
        if view.kind == "item" and view.body is not None:
            parts_by_type = defaultdict(list)
            for part in view.parts:
                names = {t.iri for t in part.types}
                kind = next(
                    (k for k in ("Event", "Quotation") if SCHEMA + k in names),
                    "Membership" if ORG + "Membership" in names else "other",
                )
                parts_by_type[kind].append(part)
            values |= {
                "events": parts_by_type["Event"],
                "quotes": parts_by_type["Quotation"],
                "posts": parts_by_type["Membership"],
                "hidden": _ITEM_HIDDEN,
                "meta": [s for iri in _ITEM_META if (s := view.statement(iri)) is not None],
                "jsonld": script_json(self.schema_org(view)),
                "paragraphs": paragraphs(view.body, view.marks),
            }
            return self._render("item.html.j2", view.path, **values)
        return self._render("resource.html.j2", view.path, **values)

    def _group(self, view: View, group: Group) -> dict[str, Any]:
        title = _INCOMING_TITLES.get(group.predicate.iri, f"Linked by “{group.predicate.label}”")
        found: dict[str, Any] = {"title": title, "key": group.key, "count": len(group.rows),
                                 "rows": group.rows, "years": [], "pages": [],
                                 "by_year": []}  # fmt: skip
        if group.dated:
            found["years"] = by_year(group.rows[:GROUP_LIMIT])
            if len(group.rows) > GROUP_LIMIT:
                found["by_year"] = group.years()
                found["pages"] = [
                    (year, len(rows), self.group_path(view, group, year))
                    for year, rows in found["by_year"]
                ]
        return found

    def group_path(self, view: View, group: Group, year: str) -> str:
        return f"{view.path}/{group.key}/{year or 'undated'}.html"

    def group_pages(self, view: View) -> Iterator[tuple[str, str]]:
        """(path, page) for each year of each list too long for the resource's own page."""
        for group in view.incoming:
            found = self._group(view, group)
            for year, rows in found["by_year"]:
                path = self.group_path(view, group, year)
                yield path, self._group_page(view, found, path, year, rows)

    def group_page(self, view: View, key: str, year: str) -> str | None:
        """The page of one year of a list too long for the resource's page (None: no such)."""
        year = "" if year == "undated" else year
        for group in view.incoming:
            found = self._group(view, group) if group.key == key else None
            if found is None or not found["pages"]:
                continue
            rows = dict(found["by_year"]).get(year)
            if rows is None:
                return None
            path = self.group_path(view, group, year)
            return self._group_page(view, found, path, year, rows)
        return None

    def _group_page(
        self, view: View, found: dict[str, Any], path: str, year: str, rows: list[Row]
    ) -> str:
        title = f"{view.label}: {found['title']}: {year or 'undated'}"
        return self._render("group.html.j2", path, view=view, title=title,
                            years=[(year, rows)], pages=found["pages"], current=year)  # fmt: skip

    def schema_org(self, view: View) -> dict[str, Any]:
        """The item as schema.org JSON-LD for search engines: its schema.org statements, the
        linked resources by IRI and name. The body is on the page itself, and left out here."""
        document: dict[str, Any] = {"@context": "https://schema.org", "@id": view.iri}
        types = [t.iri[len(SCHEMA) :] for t in view.types if t.iri.startswith(SCHEMA)]
        document["@type"] = types[0] if len(types) == 1 else types
        for statement in view.statements:
            iri = statement.predicate.iri
            if not iri.startswith(SCHEMA) or iri in {SCHEMA + "articleBody", SCHEMA + "hasPart"}:
                continue
            values = [
                {"@id": v.link.iri, "name": v.link.label} if v.link else v.text
                for v in statement.values
            ]
            document[iri[len(SCHEMA) :]] = values[0] if len(values) == 1 else values
        return document

    # ------------------------------------------------------------------ indexes and home

    @cached_property
    def _catalogue(self) -> dict[str, list[tuple[Link, str]]]:
        """Every document with a page, by section, with the heading of its index section."""
        found: dict[str, list[tuple[Link, str]]] = defaultdict(list)
        for doc in self.resources.documents():
            path = self.resources.path(doc)
            assert path is not None
            segment = path.split("/", 1)[0]
            if "/" not in path:
                continue  # the dataset, the ontology: pages of their own
            found[segment].append((self.resources.link(doc), self._heading(doc)))
        return found

    def read_catalogue(self) -> None:
        """Read what the indexes show (every document's link and class, every item's date
        and headline) now: the site's forked workers then share it, rather than each reading
        the labels of the documents its pages link to."""
        _ = self._years  # made from the catalogue and the items, kept with them

    def _heading(self, doc: str) -> str:
        classes = self.resources.classes(doc)
        return self.resources.property_label(classes[0]).capitalize() if classes else "Other"

    def index_pages(self) -> Iterator[tuple[str, str]]:
        """(path, page): one index per section and, for items, one page per year."""
        for segment, _ in SECTIONS:
            page = self.index_page(segment)
            if page is not None:
                yield f"{segment}/index.html", page
        for year, _ in self._years:
            page = self.year_page(year)
            assert page is not None
            yield f"item/{year}.html", page

    @cached_property
    def _years(self) -> list[tuple[str, int]]:
        """Years with items, newest first, and how many items each."""
        items = self.resources.items()
        entries = self._catalogue.get("item", [])
        years = Counter(items[link.iri][0][:4] for link, _ in entries if link.iri in items)
        return sorted(years.items(), reverse=True)

    def index_page(self, segment: str) -> str | None:
        """The index of a section (None: no such section, or it is empty)."""
        name = dict(SECTIONS).get(segment)
        entries = self._catalogue.get(segment, [])
        if name is None or not entries:
            return None
        path = f"{segment}/index.html"
        if segment == "item":
            return self._render("index.html.j2", path, title=name, count=len(entries),
                                segment=segment, years=self._years, sections=[])  # fmt: skip
        sections: dict[str, list[Link]] = defaultdict(list)
        for link, heading in entries:
            sections[heading].append(link)
        ordered = [
            (heading, sorted(links, key=lambda link: (link.label.casefold(), link.iri)))
            for heading, links in sorted(sections.items(), key=lambda p: (-len(p[1]), p[0]))
        ]
        return self._render("index.html.j2", path, title=name, count=len(entries),
                            segment=segment, years=[], sections=ordered)  # fmt: skip

    def year_page(self, year: str) -> str | None:
        """The items of one year, newest first, by month (None: no item that year)."""
        items = self.resources.items()
        rows = [
            Row(link, items[link.iri][0])
            for link, _ in self._catalogue.get("item", [])
            if link.iri in items and items[link.iri][0][:4] == year
        ]
        if not rows:
            return None
        rows.sort(key=lambda r: (r.date or "", r.link.label.casefold(), r.link.iri), reverse=True)
        months: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            assert row.date is not None
            month = int(row.date[5:7]) if row.date[5:7].isdigit() else 0
            months[f"{calendar.month_name[month]} {year}" if month else year].append(row)
        path = f"item/{year}.html"
        return self._render("year.html.j2", path, title=f"Items of {year}", count=len(rows),
                            year=year, years=self._years, months=list(months.items()))  # fmt: skip

    def home(self) -> str:
        dataset = self.resources.view(self.resources.iris.dataset)
        triples = None
        description = "The public record of the Organization for Security and Co-operation in Europe as linked data."
        if dataset is not None:
            found = dataset.statement(VOID + "triples")
            triples = int(found.values[0].text) if found else None
            described = dataset.statement("http://purl.org/dc/terms/description")
            description = described.values[0].text if described else description
        counts = [
            (segment, name, len(self._catalogue[segment]))
            for segment, name in SECTIONS
            if self._catalogue.get(segment)
        ]
        items = self.resources.items()
        latest = sorted(items.items(), key=lambda pair: (pair[1][0], pair[0]), reverse=True)[:10]
        rows = [
            Row(Link(iri, headline, self.resources.link(iri).path), date)
            for iri, (date, headline) in latest
        ]
        return self._render("home.html.j2", "index.html", title=self.site_name,
                            description=description, counts=counts, latest=rows, triples=triples,
                            dumps=_DUMP_LINKS)  # fmt: skip

    def ontology(self, docs: OntologyDocs, *, standalone: bool = False) -> tuple[str, str]:
        """The ontology's page and the shapes' page. `standalone` pages (`osce-rdf docs`) stand
        outside a site: the ontology is `index.html`, and examples link to their IRIs."""
        names: dict[str, Any] = {
            "docs": docs, "standalone": standalone, "with_examples": docs.with_examples,
            "ontology_page": "index.html" if standalone else "ontology.html",
            "shapes_page": "shapes.html",
        }  # fmt: skip
        if standalone:
            names["nav"] = []
        ontology = self._render("ontology.html.j2", "ontology.html", title=docs.title,
                                data_name="ontology", **names)  # fmt: skip
        shapes = self._render("shapes.html.j2", "shapes.html", title=f"{docs.title}: shapes",
                              data_name="shapes", **names)  # fmt: skip
        return ontology, shapes

    def not_found(self, path: str, root: str = "/") -> str:
        """The page for an address that names nothing; `root` is the site's absolute path,
        as the page is answered at whatever address was asked for."""
        return self._render("not_found.html.j2", "", title="Not found", path=path, root=root)
