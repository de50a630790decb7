"""`serve`: the built dataset on the web, with content negotiation and a SPARQL endpoint.

A Starlette application (served by uvicorn) answers every IRI under the base the way the
static site's rules do (docs/decisions/0012): the IRI of a resource `303 See Other` to the
document the request prefers, weighing the `q` values of its Accept header; documents in
HTML, Turtle, TriG, JSON-LD, N-Triples and RDF/XML with their `Content-Type`, an `ETag` and
`Vary` where the answer depends on the request; 404 for what the dataset does not describe.
Pages are the static site's, rendered from the store on request. `/sparql` is a read-only
SPARQL 1.1 Protocol endpoint (see `sparql_endpoint`), `/queries/NAME` answers a catalogue
query with its parameters from the query string, bound as `osce-rdf query` binds them.

The server binds to loopback unless told otherwise; CORS is off unless origins are given.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ..errors import QueryError, UsageError
from ..identity.iris import DEFAULT_BASE
from ..pipeline.page_pipeline import Pipeline, Settings
from ..pipeline.store import STORE_DIR
from ..pipeline.text_index import TextIndex
from ..rendering.dumps import CONTEXT_FILE, DUMP_FORMATS, DumpReader, offered_files
from ..sparql.catalogue import catalogue
from ..sparql.dataset import Dataset
from ..sparql.results import QueryResult
from .conneg import FORMATS, Format, by_extension, negotiate
from .documents import serialize_document
from .html_pages import PageRenderer, favicon, stylesheet
from .ontology_docs import OntologyDocs, ontology_docs, read_shapes
from .sparql_endpoint import (
    BusyError,
    Endpoint,
    QueryTimeoutError,
    graph_formats,
    results_formats,
    service_description,
)
from .views import Link, Resources, Value

__all__ = ["ServeSettings", "app_from_environment", "create_app", "serve"]

_ENVIRONMENT = "OSCE_RDF_SERVE"
_HTML = FORMATS[0]
_HEADERS = {"X-Content-Type-Options": "nosniff"}
# Pages run no script and load nothing from elsewhere; the JSON-LD data block is not run.
_HTML_HEADERS = _HEADERS | {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "same-origin",
}
_MEDIA = {dump.file_name: dump.media_type for dump in DUMP_FORMATS} | {
    CONTEXT_FILE: "application/ld+json"
}
_GROUP_PAGE = re.compile(r"^(?P<doc>.+)/(?P<key>[A-Za-z][\w-]*)/(?P<year>\d{4}|undated)\.html$")


@dataclass(frozen=True)
class ServeSettings:
    """What `osce-rdf serve` serves, and its limits."""

    data: Path = Path("dist")
    base: str = DEFAULT_BASE
    cors: tuple[str, ...] = ()
    timeout: float = 10.0  # seconds per SPARQL query
    max_rows: int = 10_000  # rows (or triples) a SPARQL answer holds at most
    slots: int = 2  # SPARQL queries running at once
    cache_seconds: int = 300  # how long clients may keep an answer (Cache-Control)
    cache_megabytes: int = 64  # pages and documents kept in memory once made


class _Cache:
    """Pages and documents already made, up to a number of bytes, the least recently used
    dropped first: the data does not change while it is served, so a page is made once."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._entries: OrderedDict[str, tuple[bytes, Format]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, Format] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, value: tuple[bytes, Format]) -> None:
        with self._lock:
            if key in self._entries or len(value[0]) > self.budget // 4:
                return
            self._entries[key] = value
            self.size += len(value[0])
            while self.size > self.budget:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped[0])


def _chunks(reader: DumpReader) -> Iterator[bytes]:
    with reader:
        while chunk := reader.read(1 << 20):
            yield chunk


class _Server:
    """The handlers, over one build folder opened read-only."""

    def __init__(self, settings: ServeSettings) -> None:
        if not (settings.data / STORE_DIR).is_dir():
            raise UsageError(
                f"{settings.data}: no store here; run `osce-rdf build -o {settings.data}` first"
            )
        self.settings = settings
        self.resources = Resources.open(settings.data, settings.base)
        self.resources.files = {f"dump/{n}" for n in offered_files(settings.data)}
        self.renderer = PageRenderer(self.resources, endpoint=True, formats=FORMATS)
        self.pipeline = Pipeline(Settings(base=settings.base, validate=False))
        dataset = Dataset(
            store=self.resources.store, base=settings.base, text_index=TextIndex.open(settings.data)
        )
        self.endpoint = Endpoint(
            dataset, timeout=settings.timeout, max_rows=settings.max_rows, slots=settings.slots
        )
        self._cache = _Cache(settings.cache_megabytes << 20)

    # ------------------------------------------------------------------ responses

    def _respond(
        self, request: Request, body: bytes | str, fmt: Format, *, status: int = 200,
        vary: bool = False, headers: dict[str, str] | None = None,
    ) -> Response:  # fmt: skip
        data = body.encode("utf-8") if isinstance(body, str) else body
        found = dict(_HTML_HEADERS if fmt is _HTML else _HEADERS)
        if vary:
            found["Vary"] = "Accept"
        if headers:
            found |= headers
        if status == 200:
            tag = _etag(data)
            found["ETag"] = tag
            found["Cache-Control"] = f"public, max-age={self.settings.cache_seconds}"
            if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
                return Response(status_code=304, headers=found)
        return Response(data, status_code=status, media_type=fmt.content_type, headers=found)

    def _not_found(self, request: Request, vary: bool = False) -> Response:
        path = request.url.path
        chosen = negotiate(request.headers.get("accept"), (_HTML, *FORMATS[1:]))
        if chosen is _HTML:
            root = "../" * max(path.count("/") - 1, 0)
            page = self.renderer.not_found(path, root=root or "./")
            return self._respond(request, page, _HTML, status=404, vary=vary)
        return PlainTextResponse(
            f"{path}: not found\n",
            status_code=404,
            headers=_HEADERS | ({"Vary": "Accept"} if vary else {}),
        )

    def _not_acceptable(self, offered: tuple[Format, ...]) -> Response:
        types = ", ".join(f.media_type for f in offered)
        return PlainTextResponse(f"not acceptable: this resource is available as {types}\n",
                                 status_code=406, headers=_HEADERS | {"Vary": "Accept"})  # fmt: skip

    # ------------------------------------------------------------------ pages and documents

    def home(self, request: Request) -> Response:
        return self._respond(request, self._home, _HTML)

    @cached_property
    def _home(self) -> str:
        return self.renderer.home()

    def style(self, request: Request) -> Response:
        return self._respond(request, stylesheet(), Format("css", "css", "text/css"))

    def favicon(self, request: Request) -> Response:
        return self._respond(request, favicon(), Format("svg", "svg", "image/svg+xml"))

    def dump(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _MEDIA or name not in offered_files(self.settings.data):
            return self._not_found(request)
        dump = next((d for d in DUMP_FORMATS if d.file_name == name), None)
        if dump is None:
            return FileResponse(
                self.settings.data / name, media_type=_MEDIA[name], headers=_HEADERS
            )
        # Joined from the build's parts as it is sent: the bytes of the single file.
        reader = DumpReader(self.settings.data, dump)
        headers = {**_HEADERS, "Content-Length": str(reader.size)}
        return StreamingResponse(_chunks(reader), media_type=_MEDIA[name], headers=headers)

    @cached_property
    def _docs(self) -> tuple[OntologyDocs, str, str]:
        view = self.resources.view(self.resources.iris.ontology)
        docs = ontology_docs(
            [q.triple for q in view.quads] if view else None, resources=self.resources
        )
        ontology_page, shapes_page = self.renderer.ontology(docs)
        return docs, ontology_page, shapes_page

    @cached_property
    def _shapes(self) -> list[ox.Quad]:
        return [ox.Quad(q.subject, q.predicate, q.object) for q in read_shapes()]

    def resource(self, request: Request) -> Response:
        """Everything under the base: documents, resources' IRIs, indexes, lists by year."""
        raw = request.scope.get("raw_path", request.url.path.encode())
        path = raw.decode("ascii", "replace").split("?", 1)[0].lstrip("/")
        found = self._cache.get(path)
        if found is None:
            found = self._body(path)
            if found is not None:
                self._cache.put(path, found)
        if found is not None:
            return self._respond(request, found[0], found[1])
        _, dot, extension = path.rpartition(".")
        if dot and by_extension(extension) is not None and "/" not in extension:
            return self._not_found(request)
        return self._negotiate(request, path)

    def _body(self, path: str) -> tuple[bytes, Format] | None:
        """The bytes of a page or document and their format; None when there is none."""
        page = self._page(path)
        if page is not None:
            return page.encode("utf-8"), _HTML
        stem, dot, extension = path.rpartition(".")
        fmt = by_extension(extension) if dot else None
        if fmt is None or "/" in extension:
            return None
        return self._document(stem, fmt)

    def _page(self, path: str) -> str | None:
        """The HTML pages that are not a resource's own: indexes, years, lists by year, docs."""
        if path in {"ontology.html", "shapes.html"}:
            _, ontology_page, shapes_page = self._docs
            return ontology_page if path == "ontology.html" else shapes_page
        segment, slash, rest = path.partition("/")
        if slash and rest == "index.html":
            return self.renderer.index_page(segment)
        if segment == "item" and re.fullmatch(r"\d{4}\.html", rest):
            return self.renderer.year_page(rest[:4])
        found = _GROUP_PAGE.match(path)
        if found is not None:
            view = self.resources.view(self.settings.base + found.group("doc"))
            if view is not None:
                return self.renderer.group_page(view, found.group("key"), found.group("year"))
        return None

    def _document(self, path: str, fmt: Format) -> tuple[bytes, Format] | None:
        if path == "shapes" and fmt.rdf is not None:
            return serialize_document(
                self._shapes, fmt, self.resources.prefixes, self.pipeline.context
            ), fmt
        view = self.resources.view(self.settings.base + path)
        if view is None or view.iri != self.settings.base + path:
            return None
        if fmt is _HTML:
            return self.renderer.resource(view).encode("utf-8"), _HTML
        return serialize_document(
            view.quads, fmt, self.resources.prefixes, self.pipeline.context
        ), fmt

    def _negotiate(self, request: Request, path: str) -> Response:
        """A resource's IRI: 303 See Other to the document the request prefers."""
        exists = path == "shapes" or (
            self.resources.path(self.settings.base + path) == path
            and self.resources.described(self.settings.base + path)
        )
        if not exists:
            return self._not_found(request, vary=True)
        chosen = negotiate(
            request.headers.get("accept"), FORMATS, request.query_params.get("format")
        )
        if chosen is None:
            return self._not_acceptable(FORMATS)
        name = path.rsplit("/", 1)[-1]
        return Response(
            status_code=303,
            headers=_HEADERS | {"Location": f"{name}.{chosen.extension}", "Vary": "Accept"},
        )

    # ------------------------------------------------------------------ SPARQL

    async def sparql(self, request: Request) -> Response:
        """The SPARQL 1.1 Protocol: `query` by GET, by POST as a form or as the body."""
        params = dict(request.query_params)
        kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if request.method == "POST":
            if kind == "application/x-www-form-urlencoded":
                params |= dict(parse_qsl((await request.body()).decode("utf-8", "replace")))
            elif kind == "application/sparql-query":
                params["query"] = (await request.body()).decode("utf-8", "replace")
            elif kind == "application/sparql-update":
                return _refused(403, "this endpoint is read-only: updates are refused")
            else:
                return _refused(415, "send the query as application/sparql-query or as a form")
        if "update" in params:
            return _refused(403, "this endpoint is read-only: updates are refused")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return _refused(
                400,
                "default-graph-uri and named-graph-uri are not supported: use FROM and FROM NAMED in the query",
            )
        query = params.get("query")
        if query is None:
            return self._describe_service(request, params)
        return await self._answer(request, query, params, None)

    def _describe_service(self, request: Request, params: dict[str, str]) -> Response:
        offered = (_HTML, *graph_formats(html=False))
        chosen = negotiate(request.headers.get("accept"), offered, params.get("format"))
        if chosen is None:
            return self._not_acceptable(offered)
        if chosen is _HTML:
            return self._respond(
                request, self._form_page(request, "", None, None, None), _HTML, vary=True
            )
        triples = service_description(
            str(request.url.replace(query="")), self.resources.iris.dataset,
            timeout=self.settings.timeout, max_rows=self.settings.max_rows, triples=self._triples,
        )  # fmt: skip
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        prefixes = {
            **self.resources.prefixes,
            "sd": "http://www.w3.org/ns/sparql-service-description#",
        }
        body = serialize_document(quads, chosen, prefixes, self.pipeline.context)
        return self._respond(request, body, chosen, vary=True)

    @cached_property
    def _triples(self) -> int | None:
        dataset = self.resources.view(self.resources.iris.dataset)
        found = dataset.statement("http://rdfs.org/ns/void#triples") if dataset else None
        return int(found.values[0].text) if found else None

    async def _answer(
        self, request: Request, query: str, params: dict[str, str], named: str | None
    ) -> Response:
        from starlette.concurrency import run_in_threadpool

        bound = {k: v for k, v in params.items() if k != "format"} if named else None
        try:
            answer = await run_in_threadpool(self.endpoint.run, named or query, bound)
        except BusyError:
            message = "busy: every query slot is taken; try again shortly"
            return _refused(503, message, {"Retry-After": "5"})
        except QueryTimeoutError:
            return _refused(503, f"the query did not finish within {self.settings.timeout:g} s")
        except QueryError as error:
            if not _wants_html(request, params):
                return _refused(400, str(error))
            if named is None:
                page = self._form_page(request, query, None, None, str(error))
            else:
                page = self._query_page(request, named, params, None, str(error))
            return self._respond(request, page, _HTML, status=400, vary=True)
        result = answer.result
        graph = result.form in {"CONSTRUCT", "DESCRIBE"}
        offered = graph_formats() if graph else results_formats()
        chosen = negotiate(request.headers.get("accept"), offered, params.get("format"))
        if chosen is None:
            return self._not_acceptable(offered)
        headers = {"X-Result-Truncated": str(self.settings.max_rows)} if answer.truncated else {}
        if chosen is _HTML:
            if named is not None:
                page = self._query_page(request, named, params, answer, None)
            else:
                page = self._form_page(request, query, answer, None, None)
            return self._respond(request, page, _HTML, vary=True, headers=headers)
        if graph:
            quads = [ox.Quad(t.subject, t.predicate, t.object) for t in result.triples]
            body = serialize_document(quads, chosen, self.resources.prefixes, self.pipeline.context)
        else:
            body = result.format(chosen.name).encode("utf-8")
        return self._respond(request, body, chosen, vary=True, headers=headers)

    def _table(self, answer: Any) -> dict[str, Any]:
        result: QueryResult = answer.result
        rows = []
        for raw in result.raw:
            cells: list[Value | None] = []
            for name in result.variables:
                term = raw.get(name)
                if term is None:
                    cells.append(None)
                elif isinstance(term, ox.NamedNode):
                    link = self.resources.link(term.value)
                    cells.append(Value(link.label, link=Link(term.value, link.label, link.path)))
                elif isinstance(term, ox.Literal):
                    cells.append(Value(term.value, language=term.language))
                else:
                    cells.append(Value(str(term)))
            rows.append(cells)
        return {
            "variables": result.variables,
            "rows": rows,
            "boolean": result.boolean,
            "truncated": answer.truncated,
        }

    def _form_page(
        self, request: Request, query: str, answer: Any, graph: str | None, error: str | None
    ) -> str:
        result = None
        if answer is not None and answer.result.form in {"CONSTRUCT", "DESCRIBE"}:
            quads = [ox.Quad(t.subject, t.predicate, t.object) for t in answer.result.triples]
            graph = serialize_document(
                quads, FORMATS[1], self.resources.prefixes, self.pipeline.context
            ).decode()
        elif answer is not None:
            result = self._table(answer)
        choices = [("html", "a table"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"),
                   ("tsv", "TSV"), ("turtle", "Turtle (CONSTRUCT)"), ("jsonld", "JSON-LD (CONSTRUCT)")]  # fmt: skip
        return self.renderer.page(
            "sparql.html.j2", "sparql", title="SPARQL endpoint", query=query or _EXAMPLE,
            result=result, graph=graph, error=error, result_choices=choices, chosen="html",
            timeout=f"{self.settings.timeout:g}", max_rows=self.settings.max_rows,
            endpoint_url=str(request.url.replace(query="")), catalogue=list(catalogue().values()),
        )  # fmt: skip

    def queries(self, request: Request) -> Response:
        offered = (_HTML, Format("json", "json", "application/json"))
        chosen = negotiate(
            request.headers.get("accept"), offered, request.query_params.get("format")
        )
        if chosen is None:
            return self._not_acceptable(offered)
        if chosen is _HTML:
            page = self.renderer.page("queries.html.j2", "queries", title="The catalogue of questions",
                                      catalogue=list(catalogue().values()))  # fmt: skip
            return self._respond(request, page, _HTML, vary=True)
        listing = [
            {"name": q.name, "title": q.title, "description": q.description,
             "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                             "default": p.default, "help": p.help} for p in q.parameters]}
            for q in catalogue().values()
        ]  # fmt: skip
        return self._respond(
            request, json.dumps(listing, ensure_ascii=False, indent=1), chosen, vary=True
        )

    async def query(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in catalogue():
            return self._not_found(request)
        params = dict(request.query_params)
        if (
            _wants_html(request, params)
            and not (set(params) - {"format"})
            and catalogue()[name].parameters
        ):
            page = self._query_page(
                request, name, params, None, None
            )  # the form, before any answer
            return self._respond(request, page, _HTML, vary=True)
        given = {k: v for k, v in params.items() if v != "" or k == "format"}
        return await self._answer(request, "", given, name)

    def _query_page(
        self, request: Request, name: str, params: dict[str, str], answer: Any, error: str | None
    ) -> str:
        given = {k: v for k, v in params.items() if k != "format"}
        return self.renderer.page(
            "query.html.j2", f"queries/{name}", title=catalogue()[name].title, named=catalogue()[name],
            given=given, error=error, result=self._table(answer) if answer is not None else None,
            query_string=urlencode({k: v for k, v in given.items() if v}),
            downloads=[("json", "SPARQL JSON"), ("csv", "CSV"), ("tsv", "TSV"), ("xml", "SPARQL XML")],
        )  # fmt: skip


_EXAMPLE = """PREFIX schema: <https://schema.org/>
SELECT ?item ?date ?headline WHERE {
  ?item a schema:NewsArticle ; schema:datePublished ?date ; schema:headline ?headline .
}
ORDER BY DESC(?date)
LIMIT 20"""


@functools.lru_cache(maxsize=4096)
def _etag(data: bytes) -> str:
    """A strong validator: the hash of the bytes (the same page, the same tag)."""
    return '"' + hashlib.blake2b(data, digest_size=16).hexdigest() + '"'


def _wants_html(request: Request, params: dict[str, str]) -> bool:
    if "format" in params:
        return params["format"] == "html"
    chosen = negotiate(request.headers.get("accept"), results_formats())
    return chosen is _HTML


def _refused(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=_HEADERS | (headers or {}))


def create_app(settings: ServeSettings) -> Starlette:
    """The application: resources, documents, pages, `/sparql`, `/queries`."""
    server = _Server(settings)
    routes = [
        Route("/", server.home),
        Route("/index.html", server.home),
        Route("/style.css", server.style),
        Route("/favicon.svg", server.favicon),
        Route("/sparql", server.sparql, methods=["GET", "POST"]),
        Route("/queries", server.queries),
        Route("/queries/{name}", server.query),
        Route("/dump/{name}", server.dump),
        Route("/{path:path}", server.resource),
    ]
    middleware = []
    if settings.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors),
                allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=["ETag", "Location", "X-Result-Truncated"],
            )
        )
    return Starlette(routes=routes, middleware=middleware)


def app_from_environment() -> Starlette:
    """The application for each uvicorn worker process, with the settings `serve` gave."""
    found = json.loads(os.environ[_ENVIRONMENT])
    found["data"] = Path(found["data"])
    found["cors"] = tuple(found["cors"])
    return create_app(ServeSettings(**found))


def serve(
    settings: ServeSettings, host: str = "127.0.0.1", port: int = 8000, workers: int = 1
) -> None:
    """Serve until interrupted; `workers` processes share the port."""
    import uvicorn

    create_app(settings)  # fail here, with a clear message, before any worker starts
    if workers > 1:
        os.environ[_ENVIRONMENT] = json.dumps(asdict(settings) | {"data": str(settings.data)})
        uvicorn.run("osce_rdf.publishing.serve:app_from_environment", factory=True, host=host, port=port,
                    workers=workers, log_level="warning", server_header=False)  # fmt: skip
    else:
        uvicorn.run(
            create_app(settings), host=host, port=port, log_level="warning", server_header=False
        )
