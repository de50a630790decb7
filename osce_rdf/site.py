"""`site`: a built dataset -> a static web site of linked data.

Every resource gets an HTML page at its IRI's path with its data beside it (`country/at.html`,
`.ttl`, `.jsonld`, `.nt`); lists too long for one page get a page per year; every section has
an index, items one page per year; the home page counts what there is; the dataset's own
description (DCAT, VoID) is the page `dataset`, the ontology's documentation `ontology`
(see `ontology_docs`); `sitemap.xml` lists every page, `dump/` holds the build's dump files,
and the web-server rules for content negotiation are generated beside it (see `conneg_rules`).

Files are written to a temporary name and renamed, and only when their bytes change, so a
site being served never shows half a page and a rebuild touches only what changed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

import pyoxigraph as ox

from .bundled import ONTOLOGY_FILE
from .conneg import SITE_FORMATS
from .conneg_rules import apache_htaccess, caddyfile, nginx_config, w3id_htaccess
from .document_formats import serialize_document
from .errors import UsageError
from .html_pages import PageRenderer, stylesheet
from .iris import DEFAULT_BASE
from .ontology_docs import OntologyDocs, ontology_docs, read_shapes
from .outputs import OUTPUT_FILES
from .pipeline import Pipeline, Settings
from .rdf_files import read_quads
from .resources import Resources

__all__ = ["SiteResult", "write_docs", "write_site"]

_SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)


@dataclass
class SiteResult:
    """What a site build did."""

    pages: int = 0  # HTML pages in the site
    files: int = 0  # files in the site
    written: int = 0  # files whose bytes changed
    removed: int = 0  # files of the previous site that are gone
    notes: list[str] = field(default_factory=list)


class _Writer:
    """Writes files under the site folder, atomically and only when their bytes change."""

    def __init__(self, root: Path, result: SiteResult) -> None:
        self.root = root
        self.result = result
        self.files: set[str] = set()

    def write(self, path: str, data: bytes | str) -> None:
        content = data.encode("utf-8") if isinstance(data, str) else data
        relative = unquote(path)
        self.files.add(relative)
        target = self.root / relative
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                return
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
        self.result.written += 1


def write_site(
    data: Path,
    out: Path,
    *,
    base: str = DEFAULT_BASE,
    site_url: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SiteResult:
    """Write the static site of the build in `data` to `out`.

    `site_url` is where the site will be served (for `sitemap.xml`); by default the base,
    which the w3id.org redirect sends there.
    """
    if out.resolve() == data.resolve() or data.resolve() in out.resolve().parents:
        raise UsageError(f"{out}: the site cannot be written inside the build folder {data}")
    resources = Resources.open(data, base)
    resources.files = {f"dump/{name}" for name in OUTPUT_FILES if (data / name).exists()}
    pipeline = Pipeline(Settings(base=base, validate=False))
    renderer = PageRenderer(resources)
    result = SiteResult()
    writer = _Writer(out, result)
    pages: list[str] = []
    documents = resources.documents()
    ontology = resources.iris.ontology
    for done, doc in enumerate(documents, start=1):
        view = resources.view(doc)
        if view is None:
            continue
        for fmt in SITE_FORMATS:
            if fmt.rdf is not None:
                writer.write(
                    f"{view.path}.{fmt.extension}",
                    serialize_document(view.quads, fmt, resources.prefixes, pipeline.context),
                )
        if doc == ontology:
            docs = ontology_docs([q.triple for q in view.quads], resources=resources)
            _write_docs(writer, renderer, docs, pipeline, standalone=False)
            pages += [f"{view.path}.html", "shapes.html"]
        else:
            writer.write(f"{view.path}.html", renderer.resource(view))
            pages.append(f"{view.path}.html")
        for path, page in renderer.group_pages(view):
            writer.write(path, page)
            pages.append(path)
        if progress is not None and (done % 500 == 0 or done == len(documents)):
            progress(done, len(documents))
    for path, page in renderer.index_pages():
        writer.write(path, page)
        pages.append(path)
    writer.write("index.html", renderer.home())
    root_url = (site_url or base).rstrip("/") + "/"
    writer.write("404.html", renderer.not_found("this address", urlsplit(root_url).path))
    writer.write("style.css", stylesheet())
    pages.append("index.html")
    _copy_dumps(data, out, writer)
    for path, text in _sitemaps(root_url, sorted(pages)):
        writer.write(path, text)
    writer.write("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {root_url}sitemap.xml\n")
    _write_rules(writer, out, base, root_url)
    result.pages = len(pages)
    result.files = len(writer.files)
    return result


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
) -> None:
    ontology_page, shapes_page = renderer.ontology(docs, standalone=standalone)
    writer.write("index.html" if standalone else "ontology.html", ontology_page)
    writer.write("shapes.html", shapes_page)
    documents = {"shapes": read_shapes()}
    if standalone:
        documents["ontology"] = list(read_quads(ONTOLOGY_FILE))
    for name, quads in documents.items():
        plain = [ox.Quad(q.subject, q.predicate, q.object) for q in quads]
        for fmt in SITE_FORMATS:
            if fmt.rdf is not None:
                data = serialize_document(plain, fmt, pipeline.prefixes, pipeline.context)
                writer.write(f"{name}.{fmt.extension}", data)


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


def _copy_dumps(data: Path, out: Path, writer: _Writer) -> None:
    """The build's dump files under `dump/`, where the dataset's description says they are."""
    for name in OUTPUT_FILES:
        source = data / name
        if not source.exists():
            continue
        relative = f"dump/{name}"
        writer.files.add(relative)
        target = out / relative
        stat = source.stat()
        try:
            same = target.stat()
            if (same.st_size, same.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{name}.tmp")
        shutil.copy2(source, temporary)  # keeps the time: the next run sees it unchanged
        temporary.replace(target)
        writer.result.written += 1


def _sitemaps(root_url: str, pages: Iterable[str]) -> Iterator[tuple[str, str]]:
    """`sitemap.xml`: the pages' URLs, or an index of files of 50,000 URLs each."""
    urls = [root_url + page.removesuffix("index.html") for page in pages]
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
