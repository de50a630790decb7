"""`site`: a built dataset -> a static web site of linked data.

Every resource gets an HTML page at its IRI's path with its data beside it (`country/at.html`,
`.ttl`, `.jsonld`, `.nt`); lists too long for one page get a page per year; every section has
an index, items one page per year; the home page counts what there is; the dataset's own
description (DCAT, VoID) is the page `dataset`, the ontology's documentation `ontology`
(see `ontology_docs`); `sitemap.xml` lists every page, `dump/` holds the build's dump files,
and the web-server rules for content negotiation are generated beside it (see `conneg_rules`).

A new site is written into a staging folder renamed to its name when complete; into a site
that exists, files are written to a temporary name and renamed, and only when their bytes
change, so a site being served never shows half a page and a rebuild touches only what changed.
"""

from __future__ import annotations

import contextlib
import filecmp
import functools
import gc
import hashlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, unquote, urlsplit
from xml.sax.saxutils import escape

import pyoxigraph as ox

from ..atomic_files import atomic_writer, write_atomic
from ..errors import UsageError
from ..identity.iris import DEFAULT_BASE
from ..package_data import ONTOLOGY_FILE
from ..pipeline.page_pipeline import Pipeline, Settings
from ..rendering.dumps import DUMP_FORMATS, DumpFormat, DumpReader, offered_files, write_dump
from ..rendering.rdf_input import read_quads
from .conneg import SITE_FORMATS
from .conneg_rules import apache_htaccess, caddyfile, nginx_config, w3id_htaccess
from .documents import DocumentText
from .dump_graphs import DumpGraphs
from .html_pages import PageRenderer, favicon, stylesheet
from .ontology_docs import OntologyDocs, ontology_docs, read_shapes
from .quad_index import QuadIndex
from .views import Resources, document_of

__all__ = ["SiteResult", "write_docs", "write_site"]

_SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


@dataclass
class SiteResult:
    """What a site build did."""

    pages: int = 0  # HTML pages in the site
    files: int = 0  # files in the site
    written: int = 0  # files whose bytes changed
    removed: int = 0  # files of the previous site that are gone
    resources: int = 0  # resources with a page
    rendered: int = 0  # resources whose pages were made (the others had not changed)
    notes: list[str] = field(default_factory=list)


class _Writer:
    """Writes files under the site folder, atomically and only when their bytes change.

    A site written into a folder that does not exist yet is written into a staging folder
    beside it (`fresh`), renamed to the site's name when complete: the run is atomic as a
    whole, so each file is written once, directly, with no comparison, temporary name or
    rename of its own (at 25,000 pages these took a third of the run)."""

    def __init__(self, root: Path, result: SiteResult, *, fresh: bool = False) -> None:
        self.root = root
        self.result = result
        self.fresh = fresh
        self.files: set[str] = set()
        self._folders: set[str] = set()
        self._prefix = f"{root}{os.sep}"

    def write(self, path: str, data: bytes | str) -> str:
        """Write a file at a site path (URL form); its path in the folder."""
        content = data.encode("utf-8") if isinstance(data, str) else data
        relative = unquote(path)
        self.files.add(relative)
        if self.fresh:
            # Paths as strings: `pathlib` took a fifth of the time of writing a page's file.
            folder, _, _ = relative.rpartition("/")
            if folder not in self._folders:
                (self.root / folder).mkdir(parents=True, exist_ok=True)
                self._folders.add(folder)
            # A file descriptor, not a file object: `open` also asks the file's size and
            # makes a buffer, which took a third of the time of a page's file on this disk.
            handle = os.open(self._prefix + relative, _NEW_FILE, 0o666)
            try:
                view = memoryview(content)
                while view:
                    view = view[os.write(handle, view) :]
            finally:
                os.close(handle)
            self.result.written += 1
            return relative
        target = self.root / relative
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                return relative
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
        self.result.written += 1
        return relative


def write_site(
    data: Path,
    out: Path,
    *,
    base: str = DEFAULT_BASE,
    site_url: str | None = None,
    full: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> SiteResult:
    """Write the static site of the build in `data` to `out`.

    `site_url` is where the site will be served (for `sitemap.xml`); by default the base,
    which the w3id.org redirect sends there. A site written before into `out` is updated:
    only the resources in named graphs that changed since (and those whose label changed
    links) are made again (`full` makes every one), then the indexes.
    """
    if out.resolve() == data.resolve() or data.resolve() in out.resolve().parents:
        raise UsageError(f"{out}: the site cannot be written inside the build folder {data}")
    # Made in a process of its own, which ends without freeing what it read: at 25,000 pages
    # the graphs in memory are millions of objects, and freeing them one by one was the last
    # seconds of a run, on one core. It also opens the store there, so that it is never
    # open in a process that forks (see `_in_a_child`).
    make = functools.partial(_make_site, data, out, base, site_url, full, progress)
    with _in_a_child(make, doing="making the site", daemon=False) as made:
        return made()


def _make_site(
    data: Path,
    out: Path,
    base: str,
    site_url: str | None,
    full: bool,
    progress: Callable[[int, int], None] | None,
) -> SiteResult:
    # The graphs from the build's TriG dump, the resources from the store built with it.
    with DumpGraphs(data) as graphs, contextlib.ExitStack() as children:
        resources = Resources.open(data, base, path=graphs.store)
        resources.files = {f"dump/{name}" for name in offered_files(data)}
        pipeline = Pipeline(Settings(base=base, validate=False))
        renderer = PageRenderer(resources)
        root_url = (site_url or base).rstrip("/") + "/"
        version = _version(pipeline, root_url, graphs.header)
        previous = None if full else _SiteIndex.load(out, version)
        result = SiteResult()
        staging = _staging_folder(out) if previous is None and _is_new(out) else None
        writer = _Writer(staging or out, result, fresh=staging is not None)
        try:
            index = _write_site(data, out, writer, resources, graphs, pipeline, renderer,
                                root_url, base, version, previous, progress, children)  # fmt: skip
            if staging is not None:
                staging.rename(out)  # the whole site appears at once
        except BaseException:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            raise
    if _ENDS_WITHOUT_FREEING:
        _KEPT.extend((resources, index, writer))  # the system takes their memory back at once
    return result


def _is_new(out: Path) -> bool:
    """Whether the site folder is yet to be made (or empty): then it is made whole, at once."""
    try:
        return not any(out.iterdir())
    except FileNotFoundError:
        return True
    except OSError:
        return False  # not a folder: writing into it says so


def _staging_folder(out: Path) -> Path:
    """A fresh folder beside `out` to write a new site into (one a killed run left is removed)."""
    staging = out.with_name(f".{out.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def _write_site(
    data: Path,
    out: Path,
    writer: _Writer,
    resources: Resources,
    graphs: DumpGraphs,
    pipeline: Pipeline,
    renderer: PageRenderer,
    root_url: str,
    base: str,
    version: str,
    previous: _SiteIndex | None,
    progress: Callable[[int, int], None] | None,
    children: contextlib.ExitStack,
) -> _SiteIndex:
    index = _SiteIndex(version)
    result = writer.result
    changed: set[str] | None = None
    if previous is None:
        # A cold run reads every graph into memory; what each names is found meanwhile, from
        # the same text, in a process of its own (the second core is idle until the pages).
        work = functools.partial(_graph_documents, graphs, resources, None)
        named = children.enter_context(_in_a_child(work, doing="reading the graphs' documents"))
        memory = QuadIndex()
        with _no_cycle_collection():
            for block in graphs.blocks:
                memory.add_graph(block.name, graphs.quads(graphs.text(block)))
            graphs.close()  # its text: the child has its own copy of what it reads
            _freeze_what_was_read(children)
        resources.source = memory
    else:
        index.graphs = _graph_documents(graphs, resources, previous)
        changed = set()
        for name, (digest, docs) in index.graphs.items():
            kept = previous.graphs.get(name)
            if kept is None or kept[0] != digest:
                changed.update(docs, kept[1] if kept is not None else ())
        for name, (_, docs) in previous.graphs.items():
            if name not in index.graphs:
                changed.update(docs)  # a graph that is gone: its documents lost triples
    documents = resources.documents()
    targets = _targets(resources, documents, changed, previous)
    indexes: list[str] = []

    def shared() -> None:
        """The files no resource's page changes: the indexes, the home page, the dumps."""
        for path, page in renderer.index_pages():
            writer.write(path, page)
            indexes.append(path)
        writer.write("index.html", renderer.home())
        writer.write("404.html", renderer.not_found("this address", urlsplit(root_url).path))
        writer.write("style.css", stylesheet())
        writer.write("favicon.svg", favicon())
        indexes.append("index.html")
        _copy_dumps(data, writer)

    made = _render(targets, resources, renderer, pipeline, writer, progress, meanwhile=shared)
    for doc, files, label in made:
        index.files[doc] = files
        index.labels[doc] = label
    result.rendered = len(targets)
    result.resources = len(documents)
    present = set(documents)
    if previous is not None:
        for doc, files in previous.files.items():
            if doc in present and doc not in index.files:
                index.files[doc] = files  # unchanged: its files stay as they are
                index.labels[doc] = previous.labels.get(doc, "")
                writer.files.update(files)
    pages = [f for files in index.files.values() for f in files if f.endswith(".html")]
    pages += indexes
    for path, sitemap in _sitemaps(root_url, sorted(pages)):
        writer.write(path, sitemap)
    writer.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {root_url}sitemap.xml\n")
    _write_rules(writer, out, base, root_url)
    if previous is not None:
        for stale in sorted(previous.all_files - writer.files):
            (writer.root / stale).unlink(missing_ok=True)
            result.removed += 1
    index.all_files = set(writer.files)
    if previous is None:
        index.graphs = named()
    index.save(writer.root)
    result.pages = len(pages)
    result.files = len(writer.files)
    return index


_BATCH = 100
# A forked process of the site ends with `os._exit`: what it keeps here is never freed one
# object at a time (the last seconds of a run at 25,000 pages, on one core).
_ENDS_WITHOUT_FREEING = False
_KEPT: list[object] = []
_T = TypeVar("_T")
_WORKER: tuple[Resources, PageRenderer, Pipeline, Path, bool] | None = None


def _render(
    targets: list[str],
    resources: Resources,
    renderer: PageRenderer,
    pipeline: Pipeline,
    writer: _Writer,
    progress: Callable[[int, int], None] | None,
    *,
    meanwhile: Callable[[], None],
) -> Iterator[tuple[str, list[str], str]]:
    """(document, its files, its label) for every target, made in worker processes (forked:
    they share the graphs read into memory) when there are many. The ontology's page is
    made here: it asks the store, which a forked process must not use (nor do the workers:
    they run only when the graphs are in memory). So is what `meanwhile` makes, while the
    workers make the pages: the start and the end of the run are one process's work."""
    global _WORKER  # noqa: PLW0603 - what forked workers inherit
    ontology = resources.iris.ontology
    batches = [t for t in targets if t != ontology]
    if isinstance(resources.source, QuadIndex):
        # The pages that list most first (a State's, a unit's: thousands of items), so that
        # the last batches are light and no worker idles while another ends a heavy one.
        references = resources.source.references
        batches.sort(key=lambda doc: -references(ox.NamedNode(doc)))
    chunks = [batches[i : i + _BATCH] for i in range(0, len(batches), _BATCH)]
    workers = min(os.cpu_count() or 1, len(chunks))
    done = 0

    def here() -> Iterator[tuple[str, list[str], str]]:
        if ontology in targets:
            files = _write_resource(ontology, resources, renderer, pipeline, writer)
            yield ontology, files, resources.label(ontology)
        meanwhile()

    if workers <= 1 or os.name != "posix" or not isinstance(resources.source, QuadIndex):
        outcomes: Iterator[tuple[list[tuple[str, list[str], str]], int]] = (
            _render_batch(chunk, resources, renderer, pipeline, writer) for chunk in chunks
        )
        for outcome, _ in outcomes:
            done += len(outcome)
            yield from outcome
            if progress is not None:
                progress(done, len(batches))
        yield from here()
        return
    # Read once, before the workers part: the labels, links and classes of every document
    # (every index shows them, the pages most of them) and every item's date and headline.
    renderer.read_catalogue()
    _WORKER = (resources, renderer, pipeline, writer.root, writer.fresh)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            made = pool.imap(_worker_batch, chunks)  # the workers start on them now
            yield from here()
            for outcome, written in made:
                writer.result.written += written
                for doc, files, label in outcome:
                    writer.files.update(files)
                    yield doc, files, label
                done += len(outcome)
                if progress is not None:
                    progress(done, len(batches))
    finally:
        _WORKER = None


def _graph_documents(
    graphs: DumpGraphs, resources: Resources, previous: _SiteIndex | None
) -> dict[str, tuple[str, list[str]]]:
    """Each named graph's digest and the documents it names: kept from the last run when the
    digest is the same, else from its statements."""
    found = {}
    with _no_cycle_collection():
        for block in graphs.blocks:
            text = graphs.text(block)
            digest = graphs.digest(text)
            kept = previous.graphs.get(block.name) if previous is not None else None
            if kept is not None and kept[0] == digest:
                found[block.name] = kept
            else:
                docs = sorted(_documents_in(graphs.quads(text), resources))
                found[block.name] = (digest, docs)
    return found


@contextlib.contextmanager
def _in_a_child(
    work: Callable[[], _T], *, doing: str, daemon: bool = True
) -> Iterator[Callable[[], _T]]:
    """`work` started in a forked process; the call given waits for its result. A child
    still at work when the block ends is stopped. Where there is no fork or one CPU, `work`
    is done here, now. The child must not use a store opened before the fork (RocksDB is not
    safe to use after one), and ends without closing it or freeing its memory (`os._exit`).
    A child that makes processes of its own cannot be a daemon (`daemon`)."""
    if os.name != "posix" or (os.cpu_count() or 1) < 2:
        done = work()
        yield lambda: done
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def child() -> None:
        global _ENDS_WITHOUT_FREEING  # noqa: PLW0603 - this process only
        _ENDS_WITHOUT_FREEING = True
        try:
            outcome: tuple[bool, object] = (True, work())
        except BaseException as error:  # given to the parent, which raises it
            outcome = (False, error)
        sending.send(outcome)

    process = context.Process(target=child, daemon=daemon)
    process.start()
    sending.close()
    received = False

    def result() -> _T:
        nonlocal received
        try:
            ok, value = receiving.recv()
        except EOFError:
            process.join()
            raise UsageError(f"{doing} stopped (exit {process.exitcode})") from None
        received = True
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    try:
        yield result
    finally:
        receiving.close()
        if not received and process.is_alive():
            process.kill()  # the site stopped before it needed the result
        process.join()


def _freeze_what_was_read(stack: contextlib.ExitStack) -> None:
    """What was read lives to the end of the run: no collection is to walk it again. The first
    collections after the reading walked all of it (about a second each at 25,000 pages, in
    the site's process and again in each worker). Frozen, it is not counted either, so a full
    collection comes a hundred times less often: otherwise the collector walked what the
    process made itself every few seconds (15 times a worker, 0.1-0.2 s each). The workers
    inherit both. A run made in the caller's process gives both back at its end (`stack`)."""
    saved = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(saved[0], saved[1], saved[2] * 100)
    if not _ENDS_WITHOUT_FREEING:
        stack.callback(gc.set_threshold, *saved)
        stack.callback(gc.unfreeze)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """No garbage collection while the graphs are read: what is made then holds no cycles,
    and lives to the end, yet the collector walked the growing index again and again (at
    5,000 pages 1,500 collections, 8 of them full: 1.2 s of the 7.9 s this process spends
    reading, which the workers wait for; 0.2-0.3 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _worker_batch(chunk: list[str]) -> tuple[list[tuple[str, list[str], str]], int]:
    assert _WORKER is not None
    resources, renderer, pipeline, root, fresh = _WORKER
    writer = _Writer(root, SiteResult(), fresh=fresh)
    return _render_batch(chunk, resources, renderer, pipeline, writer)


def _render_batch(
    chunk: list[str],
    resources: Resources,
    renderer: PageRenderer,
    pipeline: Pipeline,
    writer: _Writer,
) -> tuple[list[tuple[str, list[str], str]], int]:
    before = writer.result.written
    made = [
        (doc, _write_resource(doc, resources, renderer, pipeline, writer), resources.label(doc))
        for doc in chunk
    ]
    return made, writer.result.written - before


def _version(pipeline: Pipeline, root_url: str, prefixes: bytes) -> str:
    """What else decides every page: the code, templates, ontology, shapes, settings, style,
    and the prefixes the graphs' text is written with (the digests are of that text)."""
    digest = hashlib.sha256(f"{pipeline.version}\0{root_url}\0".encode())
    digest.update(stylesheet())
    digest.update(prefixes)
    return digest.hexdigest()[:16]


def _documents_in(quads: list[ox.Quad], resources: Resources) -> set[str]:
    """The documents a graph's triples name, as subject, predicate or object (they show its
    triples)."""
    base = resources.base
    iris = {
        term.value
        for quad in quads
        for term in (quad.subject, quad.predicate, quad.object)
        if isinstance(term, ox.NamedNode)
    }  # an item's graph names its IRI many times
    found = set()
    for iri in iris:
        if iri.startswith(base):
            doc = document_of(iri)
            if resources.path(doc) is not None:
                found.add(doc)
    return found


def _targets(
    resources: Resources,
    documents: list[str],
    changed: set[str] | None,
    previous: _SiteIndex | None,
) -> list[str]:
    """The documents whose pages are made: all, or those a changed graph names, and the
    documents that link to or from one whose label changed (their pages show it)."""
    present = set(documents)
    if changed is None or previous is None:
        return documents
    # The ontology's page counts and shows examples of the data: made every time.
    targets = (
        (changed & present)
        | (present - set(previous.files))
        | ({resources.iris.ontology} & present)
    )
    relabelled = [
        d for d in targets if d in previous.labels and previous.labels[d] != resources.label(d)
    ]
    for doc in relabelled:
        targets |= resources.neighbours(doc) & present
    return sorted(targets)


def _write_resource(
    doc: str, resources: Resources, renderer: PageRenderer, pipeline: Pipeline, writer: _Writer
) -> list[str]:
    """A resource's page, its lists by year and its data; the files written."""
    view = resources.view(doc)
    if view is None:
        return []
    files = []
    text = DocumentText(view.quads, resources.prefixes, pipeline.context, view.triples)
    for fmt in SITE_FORMATS:
        if fmt.rdf is not None:
            files.append(writer.write(f"{view.path}.{fmt.extension}", text.serialize(fmt)))
    if doc == resources.iris.ontology:
        docs = ontology_docs([q.triple for q in view.quads], resources=resources)
        files += _write_docs(writer, renderer, docs, pipeline, standalone=False)
    else:
        files.append(writer.write(f"{view.path}.html", renderer.resource(view)))
    for path, page in renderer.group_pages(view):
        files.append(writer.write(path, page))
    return files


class _SiteIndex:
    """What the last run wrote (`.osce-rdf-site.json`): each named graph's digest and the
    documents it names, each document's label and files, and every file of the site."""

    FILE = ".osce-rdf-site.json"

    def __init__(self, version: str) -> None:
        self.version = version
        self.graphs: dict[str, tuple[str, list[str]]] = {}
        self.files: dict[str, list[str]] = {}
        self.labels: dict[str, str] = {}
        self.all_files: set[str] = set()

    @classmethod
    def load(cls, out: Path, version: str) -> _SiteIndex | None:
        """The last run's index, when the same code and settings wrote it."""
        try:
            saved = json.loads((out / cls.FILE).read_text(encoding="utf-8"))
            if saved["version"] != version:
                return None
            found = cls(version)
            docs: list[str] = saved["documents"]
            found.graphs = {
                g: (d, [docs[i] for i in ids]) for g, (d, ids) in saved["graphs"].items()
            }
            found.files = {docs[int(i)]: files for i, files in saved["files"].items()}
            found.labels = {docs[int(i)]: label for i, label in saved["labels"].items()}
            listed = {f for files in found.files.values() for f in files}
            found.all_files = listed.union(saved["other_files"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None
        return found

    def save(self, out: Path) -> None:
        docs = sorted({d for _, ds in self.graphs.values() for d in ds} | set(self.files))
        number = {doc: i for i, doc in enumerate(docs)}
        document = {
            "version": self.version,
            "documents": docs,
            "graphs": {
                g: [d, [number[x] for x in ds]] for g, (d, ds) in sorted(self.graphs.items())
            },
            "files": {str(number[d]): f for d, f in sorted(self.files.items())},
            "labels": {str(number[d]): label for d, label in sorted(self.labels.items())},
            # Every file, less those listed with their document: the list was a quarter of
            # this index, written at the end of every run.
            "other_files": sorted(self.all_files.difference(*self.files.values())),
        }
        write_atomic(
            out / self.FILE, json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        )


def write_docs(out: Path, data: Path | None = None, *, base: str = DEFAULT_BASE) -> SiteResult:
    """The ontology's and shapes' documentation alone (`index.html`, `shapes.html`, the
    ontology and shapes as Turtle, JSON-LD and N-Triples), with examples from a build."""
    resources = Resources.open(data, base) if data is not None else None
    pipeline = Pipeline(Settings(base=base, validate=False))
    result = SiteResult()
    writer = _Writer(out, result)
    ontology = None
    if resources is not None:
        view = resources.view(resources.iris.ontology)
        ontology = [q.triple for q in view.quads] if view is not None else None
    docs = ontology_docs(ontology, resources=resources)
    renderer = PageRenderer(resources or Resources(ox.Store(), pipeline.iris))
    _write_docs(writer, renderer, docs, pipeline, standalone=True)
    writer.write("style.css", stylesheet())
    writer.write("favicon.svg", favicon())
    result.pages = 2
    result.files = len(writer.files)
    return result


def _write_docs(
    writer: _Writer,
    renderer: PageRenderer,
    docs: OntologyDocs,
    pipeline: Pipeline,
    *,
    standalone: bool,
) -> list[str]:
    ontology_page, shapes_page = renderer.ontology(docs, standalone=standalone)
    writer.write("index.html" if standalone else "ontology.html", ontology_page)
    writer.write("shapes.html", shapes_page)
    documents = {"shapes": read_shapes()}
    if standalone:
        documents["ontology"] = list(read_quads(ONTOLOGY_FILE))
    files = ["index.html" if standalone else "ontology.html", "shapes.html"]
    for name, quads in documents.items():
        plain = [ox.Quad(q.subject, q.predicate, q.object) for q in quads]
        text = DocumentText(plain, pipeline.prefixes, pipeline.context)
        for fmt in SITE_FORMATS:
            if fmt.rdf is not None:
                data = text.serialize(fmt)
                writer.write(f"{name}.{fmt.extension}", data)
                files.append(f"{name}.{fmt.extension}")
    return files


def _write_rules(writer: _Writer, out: Path, base: str, root_url: str) -> None:
    """Content negotiation for the site on Apache (its `.htaccess`, active where it lies),
    nginx and Caddy (in `.server/`, for the server's configuration), and w3id.org."""
    split = urlsplit(root_url)
    root = str(out.resolve())
    writer.write(".htaccess", apache_htaccess(split.path or "/"))
    writer.write(".server/nginx.conf", nginx_config(root, server_name=split.hostname or "_"))
    address = f"{split.hostname}" if split.hostname else ":80"
    writer.write(".server/Caddyfile", caddyfile(root, address=address))
    if root_url != base:
        writer.write(".server/w3id.htaccess", w3id_htaccess(root_url, base))


def _copy_dumps(data: Path, writer: _Writer) -> None:
    """The build's dump files under `dump/`, where the dataset's description says they are:
    each assembled from its parts, the context copied."""
    dumps = {dump.file_name: dump for dump in DUMP_FORMATS}
    for name in offered_files(data):
        relative = f"dump/{name}"
        writer.files.add(relative)
        target = writer.root / relative
        if name in dumps:
            _assemble_dump(data, dumps[name], target, writer)
            continue
        source = data / name
        stat = source.stat()
        try:
            same = target.stat()
            if (same.st_size, same.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                continue
            if same.st_size == stat.st_size and filecmp.cmp(source, target, shallow=False):
                continue  # a rebuild wrote the same bytes again
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{name}.tmp")
        temporary.unlink(missing_ok=True)
        try:
            # A second name for the same file: nothing to write. The build replaces its
            # dumps by renaming new files over them, so this one keeps what it holds.
            temporary.hardlink_to(source)
        except OSError:  # another file system
            shutil.copy2(source, temporary)  # keeps the time: the next run sees it unchanged
        temporary.replace(target)
        writer.result.written += 1


def _assemble_dump(data: Path, dump: DumpFormat, target: Path, writer: _Writer) -> None:
    """One dump file joined from the build's parts, unless the site holds those bytes."""
    with DumpReader(data, dump) as source:
        if _holds(target, source):
            return
    with atomic_writer(target, binary=True) as handle:
        write_dump(data, dump, handle)
    writer.result.written += 1


def _holds(target: Path, source: DumpReader) -> bool:
    """Whether the file `target` has exactly the bytes `source` gives."""
    try:
        if target.stat().st_size != source.size:
            return False
        with target.open("rb") as present:
            while True:
                chunk = source.read(1 << 20)
                if chunk != present.read(len(chunk)):
                    return False
                if not chunk:
                    return True
    except FileNotFoundError:
        return False


def _sitemaps(root_url: str, pages: Iterable[str]) -> Iterator[tuple[str, str]]:
    """`sitemap.xml`: the pages' URLs, or an index of files of 50,000 URLs each."""
    urls = [root_url + quote(page.removesuffix("index.html")) for page in pages]
    chunks = [urls[i : i + _SITEMAP_LIMIT] for i in range(0, len(urls), _SITEMAP_LIMIT)] or [[]]
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    namespace = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

    def urlset(chunk: list[str]) -> str:
        lines = "".join(f"<url><loc>{escape(url)}</loc></url>\n" for url in chunk)
        return f"{head}<urlset {namespace}>\n{lines}</urlset>\n"

    if len(chunks) == 1:
        yield "sitemap.xml", urlset(chunks[0])
        return
    names = [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
    for name, chunk in zip(names, chunks, strict=True):
        yield name, urlset(chunk)
    entries = "".join(f"<sitemap><loc>{escape(root_url + n)}</loc></sitemap>\n" for n in names)
    yield "sitemap.xml", f"{head}<sitemapindex {namespace}>\n{entries}</sitemapindex>\n"
