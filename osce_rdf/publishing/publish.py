"""`publish`: a build's named graphs to a SPARQL 1.1 Graph Store Protocol endpoint.

One `PUT` per named graph (idempotent: a graph is replaced whole), and only for the graphs
whose content changed since the last publish to that endpoint (see `graph_digests`); a
graph the build no longer has (a removed item) is deleted. The query helper reads the
endpoint's default graph as the union of the named graphs, each triple once: an endpoint
with a default graph of its own (Oxigraph) gets the union `PUT` there whenever it changed;
one whose default graph is a view of all its graphs (Virtuoso) needs nothing. At the end
the endpoint's triple count of every graph (and of the union) is checked against the build.

What was published is remembered beside the build (`.osce-rdf-publish/`, one file per
endpoint); each finished request is written to a journal first, so a publish cut short (the
server went away, the network failed after the retries) resumes where it stopped when run
again, and sends nothing twice that had arrived. Requests are retried with exponential
backoff on connection errors and on 408, 429 and 5xx answers. Credentials come from the
environment only (`OSCE_RDF_ENDPOINT_USER`, `OSCE_RDF_ENDPOINT_PASSWORD`; basic or digest
authentication, as the endpoint asks) and are never written or shown.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import pyoxigraph as ox

from ..atomic_files import write_atomic
from ..errors import OsceRdfError, UsageError
from ..identity.rdf_terms import TYPE
from ..pipeline.store import open_store
from .graph_digests import GraphDigest, digest_of, graph_contents

__all__ = ["ENV_PASSWORD", "ENV_USER", "PublishError", "PublishResult", "publish"]

ENV_USER = "OSCE_RDF_ENDPOINT_USER"
ENV_PASSWORD = "OSCE_RDF_ENDPOINT_PASSWORD"
STATE_DIR = ".osce-rdf-publish"
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_VERIFY_BATCH = 200  # graphs per counting query (Virtuoso caps answers at 10,000 rows)
_PROBE = "urn:osce-rdf:publish-probe"


class PublishError(OsceRdfError):
    """The endpoint refused a request, or could not be reached after the retries."""


@dataclass
class PublishResult:
    endpoint: str
    graphs: int = 0  # named graphs in the build
    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    resumed: int = 0  # unchanged graphs that an interrupted publish had sent
    union: str = ""  # what happened to the union default graph
    union_triples: int = 0
    problems: list[str] = field(default_factory=list)  # counts that do not match

    @property
    def unchanged(self) -> int:
        """Graphs already on the endpoint from an earlier publish."""
        return self.graphs - len(self.sent) - self.resumed


class _EnvironmentAuth(httpx.Auth):
    """Basic or digest authentication, whichever the endpoint's first challenge asks for."""

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {
            "basic": httpx.BasicAuth(user, password),
            "digest": httpx.DigestAuth(user, password),
        }
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme is None:
            response = yield request
            if response.status_code != 401:
                return
            challenge = response.headers.get("www-authenticate", "").strip().lower()
            self._scheme = "digest" if challenge.startswith("digest") else "basic"
        yield from self._schemes[self._scheme].auth_flow(request)


class _State:
    """What was published to one endpoint: a file, and a journal of the requests since."""

    def __init__(self, data: Path, endpoint: str) -> None:
        key = hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:16]
        self.folder = data / STATE_DIR
        self.file = self.folder / f"{key}.json"
        self.journal = self.folder / f"{key}.journal"
        self.endpoint = endpoint
        self.graphs: dict[str, str] = {}
        self.union: str | None = None
        self.mode: str | None = None  # "written" or "view"
        self.resumed: set[str] = set()
        try:
            saved = json.loads(self.file.read_text(encoding="utf-8"))
            if saved.get("endpoint") == endpoint:
                self.graphs = dict(saved["graphs"])
                self.union = saved.get("union")
                self.mode = saved.get("mode")
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if self.journal.exists():
            for line in self.journal.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut short when the process died: its request is redone
                self._apply(entry)
                if "put" in entry:
                    self.resumed.add(entry["put"])

    def _apply(self, entry: dict[str, Any]) -> None:
        if "put" in entry:
            self.graphs[entry["put"]] = entry["digest"]
        elif "delete" in entry:
            self.graphs.pop(entry["delete"], None)
        elif "union" in entry:
            self.union, self.mode = entry["union"], entry["mode"]

    def record(self, entry: dict[str, Any]) -> None:
        """A finished request, on disk before the next one starts."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.journal.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self._apply(entry)

    def save(self) -> None:
        document = {"endpoint": self.endpoint, "graphs": dict(sorted(self.graphs.items())),
                    "union": self.union, "mode": self.mode}  # fmt: skip
        write_atomic(self.file, json.dumps(document, indent=0) + "\n")
        self.journal.unlink(missing_ok=True)


class _Client:
    """HTTP with retries and backoff; errors as one line naming the URL, never credentials."""

    def __init__(
        self, retries: int, backoff: float, timeout: float, transport: httpx.BaseTransport | None
    ) -> None:
        user, password = os.environ.get(ENV_USER), os.environ.get(ENV_PASSWORD)
        auth = _EnvironmentAuth(user, password or "") if user else None
        self.http = httpx.Client(
            auth=auth, timeout=timeout, transport=transport, follow_redirects=False
        )
        self.retries = retries
        self.backoff = backoff

    def send(
        self, method: str, url: str, *, ok: Iterable[int] = (), **options: Any
    ) -> httpx.Response:
        attempt = 0
        while True:
            reason = ""
            try:
                response = self.http.request(method, url, **options)
                if response.is_success or response.status_code in ok:
                    return response
                detail = response.text.strip().splitlines()
                reason = f"{response.status_code} {detail[0][:200] if detail else response.reason_phrase}"
                if response.status_code not in _RETRY_STATUSES:
                    raise PublishError(f"{method} {_shown(url)}: the endpoint answered {reason}")
            except httpx.TransportError as error:
                reason = type(error).__name__ + (f": {error}" if str(error) else "")
            attempt += 1
            if attempt > self.retries:
                raise PublishError(
                    f"{method} {_shown(url)}: {reason} (after {attempt} attempts); "
                    "run publish again to resume"
                )
            time.sleep(min(self.backoff * 2 ** (attempt - 1), 30.0))


def _shown(url: str) -> str:
    """A URL for a message: without a query string that may be long (a graph name stays)."""
    return url if len(url) < 200 else url[:197] + "..."


def publish(
    data: Path,
    endpoint: str,
    *,
    graph_store: str | None = None,
    union: bool = True,
    retries: int = 5,
    backoff: float = 1.0,
    timeout: float = 300.0,
    progress: Callable[[int, int, str], None] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> PublishResult:
    """Publish the build in `data` to a SPARQL endpoint (query URL `endpoint`) through the
    Graph Store Protocol at `graph_store` (default: the endpoint's `/store`, as Oxigraph)."""
    for url in (endpoint, graph_store):
        if url is not None and (urlsplit(url).username or urlsplit(url).password):
            raise UsageError(f"put credentials in {ENV_USER} and {ENV_PASSWORD}, not in the URL")
    store = graph_store or endpoint.rsplit("/query", 1)[0] + "/store"
    state = _State(data, endpoint)
    client = _Client(retries, backoff, timeout, transport)
    result = PublishResult(endpoint)
    source = open_store(data)
    local: dict[str, GraphDigest] = {}
    todo = []
    for name, content in graph_contents(source):
        found = digest_of(content)
        local[name] = found
        if state.graphs.get(name) != found.digest:
            todo.append(name)
    result.graphs = len(local)
    result.resumed = len((state.resumed & set(local)) - set(todo))
    gone = sorted(set(state.graphs) - set(local))
    client.send("GET", _graph_url(store, _PROBE), ok=(404,))  # learns how to authenticate
    total = len(todo) + len(gone)
    for done, name in enumerate(todo, start=1):
        body = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
        client.send("PUT", _graph_url(store, name), content=body,
                    headers={"Content-Type": "text/turtle; charset=utf-8"})  # fmt: skip
        state.record({"put": name, "digest": local[name].digest})
        result.sent.append(name)
        if progress is not None:
            progress(done, total, name)
    for done, name in enumerate(gone, start=len(todo) + 1):
        client.send("DELETE", _graph_url(store, name), ok=(404,))
        state.record({"delete": name})
        result.deleted.append(name)
        if progress is not None:
            progress(done, total, name)
    union_data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    union_digest = digest_of(union_data)
    result.union_triples = union_digest.triples
    if not union:
        result.union = "not kept (--no-union)"
    else:
        mode = state.mode or _union_mode(client, store)
        if mode == "view":
            result.union = "the endpoint's default graph reads every graph: nothing to write"
        elif state.union == union_digest.digest and state.mode == "written":
            result.union = "unchanged"
        else:
            client.send("PUT", f"{store}?default", content=union_data,
                        headers={"Content-Type": "text/turtle; charset=utf-8"})  # fmt: skip
            result.union = f"written ({union_digest.triples} triples)"
        state.record({"union": union_digest.digest, "mode": mode})
    result.problems = _verify(
        client, endpoint, local, gone, state.mode if union else None, union_digest, source
    )
    state.save()
    return result


def _graph_url(store: str, name: str) -> str:
    return f"{store}?{urlencode({'graph': name})}"


def _union_mode(client: _Client, store: str) -> str:
    """Whether the endpoint has a default graph of its own to write the union into
    ("written"), or its default graph is a view of all its graphs ("view", Virtuoso)."""
    response = client.send("GET", f"{store}?default", ok=range(400, 600),
                           headers={"Accept": "application/n-triples"})  # fmt: skip
    return "written" if response.is_success or response.status_code == 404 else "view"


def _verify(
    client: _Client,
    endpoint: str,
    local: dict[str, GraphDigest],
    gone: list[str],
    mode: str | None,
    union: GraphDigest,
    source: ox.Store,
) -> list[str]:
    """Every graph's triple count on the endpoint against the build's; the union's too."""
    expected = {name: found.triples for name, found in local.items()} | dict.fromkeys(gone, 0)
    names = sorted(expected)
    counted: dict[str, int] = {}
    for start in range(0, len(names), _VERIFY_BATCH):
        batch = " ".join(f"<{n}>" for n in names[start : start + _VERIFY_BATCH])
        query = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {batch} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        for row in _select(client, endpoint, query):
            counted[row["g"]] = int(row["n"])
    problems = [
        f"{name}: {counted.get(name, 0)} triples on the endpoint, {count} in the build"
        for name, count in expected.items()
        if counted.get(name, 0) != count
    ]
    if mode == "written":
        rows = _select(client, endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        found = int(rows[0]["n"]) if rows else 0
        if found != union.triples:
            problems.append(
                f"default graph: {found} triples on the endpoint, {union.triples} in the union"
            )
    elif mode == "view":
        typed = source.quads_for_pattern(None, TYPE, None, ox.DefaultGraph())
        sample = next((q for q in typed if isinstance(q.subject, ox.NamedNode)), None)
        if sample is not None:
            # A count, not ASK: Virtuoso 7 answers ASK by form as a table of one integer.
            count = f"SELECT (COUNT(*) AS ?n) WHERE {{ {sample.subject} {sample.predicate} {sample.object} }}"
            rows = _select(client, endpoint, count)
            if not rows or int(rows[0]["n"]) == 0:
                problems.append(
                    "default graph: it does not read the named graphs, and takes no union"
                )
    return problems


def _query(client: _Client, endpoint: str, query: str) -> httpx.Response:
    """A query POSTed as a form: every endpoint reads that (Virtuoso 7 waits forever on a
    body sent as application/sparql-query)."""
    return client.send("POST", endpoint, data={"query": query},
                       headers={"Accept": "application/sparql-results+json"})  # fmt: skip


def _select(client: _Client, endpoint: str, query: str) -> list[dict[str, str]]:
    response = _query(client, endpoint, query)
    try:
        bindings = response.json()["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise PublishError(f"{endpoint}: not a SPARQL JSON answer to a counting query") from None
    return [{k: v["value"] for k, v in row.items()} for row in bindings]
