"""One page through the whole pipeline: read, map, render, validate.

`Pipeline` holds what every page needs (reference data, resolver, IRIs, JSON-LD context,
validator) and is built once per process. `process` turns a batch of pages into
`PageOutput`s: plain strings and numbers, cheap to send between processes and to cache, from
which the outputs are assembled without touching RDF again. `identify` reads only what names
a page's items, so that their IRIs can be chosen, from all the items of a build, before any
is rendered (`iris.item_keys`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import PageError
from ..identity.iris import DEFAULT_BASE, Iris, absolute_iri, title_id
from ..identity.namespaces import RDF_TYPE
from ..identity.prefixes import Prefixes
from ..identity.rdf_terms import value
from ..mapping.findings import FindingsMapper
from ..mapping.item_graphs import ItemGraph, Mapper, value_line
from ..mapping.reference_graph import reference_triples
from ..package_data import ONTOLOGY_FILE, REFERENCE_DIR, SHAPES_DIR
from ..reading.pages import SavedPage, relative_path
from ..reading.records import Item, Origin, Page, PageKind
from ..reference import Reference, load_reference
from ..reference.match_keys import match_key
from ..reference.resolve import Resolver
from ..rendering.dumps import DUMP_FORMATS, Extent, GraphText
from ..rendering.jsonld_context import Context, build_context, read_ontology
from ..rendering.rdf_text import Blocks, nt_lines, sorted_triples
from ..validation.shacl import Engine, Shapes, ValidationResult, Validator
from .text_index import Entry, text_entries

if TYPE_CHECKING:
    from ..enrich import Enricher

__all__ = [
    "Identity",
    "ItemOutput",
    "PageOutput",
    "Pipeline",
    "Settings",
    "Validation",
    "digest",
]

# The kinds of IRI (`iris.SEGMENTS`) the reference data defines, and what it calls them.
_REFERENCE_ENTRIES = {
    "country": "country", "former_state": "former_state", "unit": "unit", "place": "place",
    "body": "body", "field": "concept", "meeting-type": "concept", "content-type": "concept",
    "event-kind": "concept",
}  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Everything that decides what a build writes, apart from the pages themselves."""

    base: str = DEFAULT_BASE
    source_base: str | None = None
    engine: Engine = "turbo"
    validate: bool = True
    enrich: bool = True  # read people, quotes, mentions, events, decisions in the body text
    reference_dir: Path = REFERENCE_DIR
    shapes_dir: Path = SHAPES_DIR
    ontology_file: Path = ONTOLOGY_FILE
    profiles: tuple[str, ...] = ()  # shapes profiles checked besides the contract

    def __post_init__(self) -> None:
        # Refused here, before any page is read, rather than as an invalid IRI deep inside.
        absolute_iri(self.base, "base IRI")
        if self.source_base is not None:
            absolute_iri(self.source_base, "source base URL")


Keys = Mapping[tuple[str, str], str]  # (date-slug key, title id) -> key, where they differ


@dataclass(frozen=True)
class Identity:
    """What names an item: its date-slug key and its exact title (as `iris.title_id`)."""

    origin: Origin
    slug_key: str
    title_id: str


@dataclass
class ItemOutput:
    """One item, rendered for every output, with its validation results.

    `blocks` (one per dump file, in `DUMP_FORMATS` order, as UTF-8) are set when the item was
    rendered in this build; `extents` say where the blocks stand in its page's part of the
    previous build's dump files when it was not (see `incremental`). The Turtle block has the item's own triples only: `shared` ones
    (descriptions other items may repeat) go into the union once. An item taken from the
    previous build has no `classes` nor `shared` until its part is written again
    (`incremental.PreviousBuild.fill`): a part linked whole needs only its totals.
    """

    key: str  # its IRI's, from `slug_key` and `title_id` (see `iris.item_keys`)
    graph: str
    origin: Origin
    page_kind: PageKind
    shared: list[str]
    triples: int
    classes: dict[str, int]
    unknown: list[tuple[str, str, str]]  # (kind, name as written, key)
    slug_key: str
    title_id: str
    results: list[ValidationResult] = field(default_factory=list)
    blocks: tuple[bytes, ...] | None = None
    extents: tuple[Extent, ...] | None = None
    texts: list[Entry] | None = None  # for the text index, when rendered in this build


@dataclass
class PageOutput:
    """One saved page: what identifies its content, its items and its problems."""

    file: str  # absolute path: the key of the build index
    root: str  # the folder the build read (absolute), that `path` is relative to
    path: str  # relative to the folder the build read: how outputs name it
    size: int
    mtime_ns: int
    digest: str
    items: list[ItemOutput]
    problems: list[PageError]
    part: int | None = None  # the part of the dump files its items' blocks are in, once written


class Validation:
    """A batch's validation, running in a thread while its items are rendered and written:
    `wait` puts each item's results on it, at the line of its page that gave the value found
    wrong. Until then the items have no results."""

    def __init__(
        self,
        found: Future[list[list[ValidationResult]]] | None,
        graphs: list[ItemGraph],
        outputs: list[ItemOutput],
    ) -> None:
        self._found = found
        self.graphs = graphs
        self.outputs = outputs  # the graphs' items, rendered

    def wait(self) -> None:
        """Wait for the results and attach them (an engine error is raised here)."""
        if self._found is None:
            return
        found, self._found = self._found.result(), None
        for graph, output, results in zip(self.graphs, self.outputs, found, strict=True):
            for result in results:
                line = value_line(
                    graph.item, result.path if result.focus == graph.iri.value else None
                )
                output.results.append(result.located(output.origin.path, line))
        self.graphs = []  # their triples are no longer needed


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Pipeline:
    """What every page needs, built once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.iris = Iris(settings.base)
        self.reference: Reference = load_reference(settings.reference_dir)
        self.resolver = Resolver(self.reference)
        self.mapper = Mapper(self.resolver, self.iris, settings.source_base)
        self.content_types = frozenset(
            match_key(name)
            for concept in self.reference.concepts
            if concept.scheme == "content-type"
            for name in (concept.label, *concept.alt_labels)
        )
        self.prefixes = Prefixes.for_data(self.iris)
        self.blocks = Blocks(self.prefixes)

    @cached_property
    def ontology(self) -> list[ox.Triple]:
        return read_ontology(self.settings.ontology_file)

    @cached_property
    def context(self) -> Context:
        return build_context(self.ontology, self.prefixes)

    @cached_property
    def reference_graph(self) -> list[ox.Triple]:
        return sorted_triples(reference_triples(self.reference, self.iris))

    @cached_property
    def validator(self) -> Validator:
        return Validator(
            Shapes(self.settings.shapes_dir, self.settings.profiles),
            self.settings.engine,
            shorten=self.context.prefixes.compact,
        )

    @cached_property
    def version(self) -> str:
        """Changes whenever anything but the page could change what a page yields: the code
        (every code and data file of the package, not just its version number; not the query
        catalogue), the language model, reference data, shapes, ontology and settings."""
        digest = hashlib.sha256()
        package = Path(__file__).parents[1]  # the whole osce_rdf package
        for file in sorted(package.rglob("*")):
            if file.suffix in {".py", ".json", ".j2"}:
                digest.update(
                    file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes()
                )
        model = metadata.version("py3langid")  # its model decides items' languages
        for part in (
            self.reference.version,
            self.validator.shapes.version,
            repr(self.settings),
            model,
        ):
            digest.update(part.encode() + b"\0")
        digest.update(self.settings.ontology_file.read_bytes())
        return digest.hexdigest()[:16]

    def render(self, graph: ItemGraph) -> ItemOutput:
        item = graph.item
        triples = graph.triples
        classes = Counter(
            value(t.object)
            for t in graph.own
            if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode)
        )
        # The saved page's description is left out of the Turtle block like shared triples:
        # a listing page's items all have it, and the union writes it once (`build`).
        blocks = self.render_graph(
            graph.graph.value,
            sorted_triples(triples),
            sorted_triples(graph.shared + graph.source),
            graph.language,
        )
        return ItemOutput(
            key=graph.key,
            graph=graph.graph.value,
            origin=graph.item.origin,
            page_kind=graph.item.page_kind,
            shared=nt_lines(graph.shared),
            triples=len(set(triples)),
            classes=dict(classes),
            unknown=sorted({(u.kind, u.written, u.key) for u in graph.unknown}),
            slug_key=self.iris.item_key(item.date_published, item.title),
            title_id=title_id(item.title),
            blocks=blocks,
            texts=text_entries(graph.graph.value, triples),
        )

    @cached_property
    def enricher(self) -> Enricher:
        from ..enrich import Enricher

        return Enricher(self.reference)

    @cached_property
    def findings_mapper(self) -> FindingsMapper:
        return FindingsMapper(self.mapper)

    def graph(self, item: Item, key: str | None = None) -> ItemGraph:
        """An item's graph: its page's facts and, when enriching, what its body text says."""
        graph = self.mapper.map_item(item, key)
        if self.settings.enrich:
            dateline = item.dateline.date if item.dateline else None
            findings = self.enricher.enrich(item.article_body, dateline, item.date_published)
            self.findings_mapper.add(graph, findings)
        return graph

    def graph_text(
        self,
        name: str,
        ordered: list[ox.Triple],
        shared: list[ox.Triple] | None = None,
        language: str | None = None,
    ) -> GraphText:
        """A graph ready to be written, from triples in `sorted_triples` order (see `GraphText`:
        `shared` triples are left out of the union's block; `language` is an item's)."""
        return GraphText(name, ordered, shared or [], language, self.blocks, self.context)

    def render_graph(
        self,
        name: str,
        ordered: list[ox.Triple],
        shared: list[ox.Triple] | None = None,
        language: str | None = None,
    ) -> tuple[bytes, ...]:
        """A graph's block for every dump file, in `DUMP_FORMATS` order."""
        graph = self.graph_text(name, ordered, shared, language)
        return tuple(dump.block(graph) for dump in DUMP_FORMATS)

    def identify(self, pages: Sequence[tuple[Path, Path]]) -> list[list[Identity]]:
        """The identity of each item of each page: read and parsed, nothing more."""
        found: list[list[Identity]] = []
        for file, root in pages:
            _, page = self._read(file, root)
            items = page.items if page is not None else ()
            found.append(
                [
                    Identity(
                        item.origin,
                        self.iris.item_key(item.date_published, item.title),
                        title_id(item.title),
                    )
                    for item in items
                ]
            )
        return found

    def _read(self, file: Path, root: Path) -> tuple[PageOutput, Page | None]:
        """A page's output without items yet, and the page (None if it cannot be read)."""
        relative = relative_path(file, root)
        try:
            saved = SavedPage.read(file, relative)
        except PageError as error:
            return PageOutput(str(file), str(root), relative, 0, 0, "", [], [error]), None
        output = PageOutput(
            str(file), str(root), relative, saved.size, saved.mtime_ns, digest(saved.data), [], []
        )
        try:
            page = saved.parse(content_types=self.content_types, navigation=False)
        except PageError as error:
            output.problems.append(error)
            return output, None
        output.problems.extend(page.problems)
        return output, page

    def process(
        self, pages: Sequence[tuple[Path, Path]], keys: Keys | None = None
    ) -> list[PageOutput]:
        """Read, map, render and validate a batch of pages (validated together, in one unit).

        `keys` gives the items whose key is not their date-slug key (`iris.item_keys`).
        """
        outputs, validation = self.begin(pages, keys)
        validation.wait()
        return outputs

    def begin(
        self, pages: Sequence[tuple[Path, Path]], keys: Keys | None = None
    ) -> tuple[list[PageOutput], Validation]:
        """`process`, with the batch's validation still running when its pages are returned
        rendered: their blocks can be written and loaded meanwhile, and `Validation.wait`
        gives the items their results (docs/decisions/0037)."""
        outputs: list[PageOutput] = []
        graphs: list[tuple[ItemGraph, PageOutput]] = []
        for file, root in pages:
            output, page = self._read(file, root)
            outputs.append(output)
            if page is None:
                continue
            for item in page.items:
                key = None
                if keys:
                    slug_key = self.iris.item_key(item.date_published, item.title)
                    key = keys.get((slug_key, title_id(item.title)))
                graphs.append((self.graph(item, key), output))
        found = None
        if graphs and self.settings.validate:
            # The engine validates in native code that releases the GIL: in a thread, it runs
            # on the second core while this one renders (a page with a 10 MB body: 3 s of
            # validation beside 1.5 s of rendering), and then writes and loads the blocks.
            self.validator.prepare()
            pool = ThreadPoolExecutor(max_workers=1)
            found = pool.submit(
                self.validator.validate_graphs,
                [graph.triples for graph, _ in graphs],
                self.reference_graph,
            )
            pool.shutdown(wait=False)  # its thread ends with its one task
        rendered = [self.render(graph) for graph, _ in graphs]
        for (_, output), item_output in zip(graphs, rendered, strict=True):
            output.items.append(item_output)
        return outputs, Validation(found, [graph for graph, _ in graphs], rendered)

    def validate_reference(self) -> list[ValidationResult]:
        """The reference graph validated alone: results name the TOML file and line."""
        results = self.validator.validate(self.reference_graph)
        return [result.located(*self.reference_location(result.focus)) for result in results]

    def reference_location(self, focus: str) -> tuple[str | None, int | None]:
        """The TOML file and line that define the reference entry `focus` names."""
        parsed = self.iris.parse(focus)
        entry = _REFERENCE_ENTRIES.get(parsed.kind) if parsed and parsed.part is None else None
        if parsed is None or entry is None:
            return None, None
        key = parsed.key.upper() if entry in {"country", "former_state"} else parsed.key
        return self.reference.where(entry, key) or (None, None)
