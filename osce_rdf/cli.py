"""The `osce-rdf` command: a thin layer over the Python API.

Commands parse their arguments, call the API, and format what it returns. A user mistake or
bad input is one line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import pyoxigraph as ox

from . import __version__
from .build import BuildResult, build
from .bundled import PAGES_DIR, REFERENCE_DIR, SHAPES_DIR
from .catalogue import catalogue
from .check import check
from .errors import InputError, OsceRdfError
from .export import EXPORT_FORMATS, FRAMES, export, frame_items, load_quads
from .iris import DEFAULT_BASE
from .jsonld import node_objects
from .navigation_check import check_navigation
from .pages import find_pages, relative_path
from .pipeline import Pipeline, Settings
from .reference import load_reference
from .reports import FORMATS, render
from .results import ROW_FORMATS, QueryResult
from .serialize import prefix_header, sorted_triples
from .sparql import DEFAULT_TIMEOUT, Dataset, load_into_build
from .validation import ENGINES

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def settings_options(command: F) -> F:
    """Options that decide what the data says: shared by every command that builds or validates."""
    options = [
        click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data."),
        click.option("--source-base", default=None, metavar="URL",
                     help="Base URL of the saved pages, for provenance (default: under the base IRI)."),
        click.option("--reference", "reference_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=REFERENCE_DIR, show_default=False, help="Folder of reference data (default: bundled)."),
        click.option("--shapes", "shapes_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=SHAPES_DIR, show_default=False, help="Folder of SHACL shapes (default: bundled)."),
        click.option("--engine", type=click.Choice(ENGINES), default="turbo", show_default=True,
                     help="SHACL engine: the Rust engine, or pySHACL (the reference, slower)."),
        click.option("--no-enrich", is_flag=True,
                     help="Skip reading people, quotes, mentions, events and decisions in bodies."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _settings(kwargs: dict[str, Any], *, validate: bool = True) -> Settings:
    return Settings(
        base=kwargs.pop("base"),
        source_base=kwargs.pop("source_base"),
        engine=kwargs.pop("engine"),
        enrich=not kwargs.pop("no_enrich"),
        reference_dir=kwargs.pop("reference_dir"),
        shapes_dir=kwargs.pop("shapes_dir"),
        validate=validate,
    )


def errors_as_messages(command: F) -> F:
    """Our own errors become one line on stderr and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except OsceRdfError as error:
            text = str(error) if isinstance(error, InputError) else f"error: {error}"
            click.echo(f"osce-rdf: {text}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osce-rdf")
def main() -> None:
    """Publish the OSCE's public record as validated linked data.

    \b
    Example:
        osce-rdf build data/pages -o dist
        osce-rdf validate dist/osce.trig
    """


def _locator(roots: dict[str, str]) -> Callable[[str | None], str | None]:
    def locate(path: str | None) -> str | None:
        return roots.get(path, path) if path else path

    return locate


@main.command("build")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder to write the dataset to.",
)
@click.option(
    "--no-validate", is_flag=True, help="Skip SHACL validation (faster, not recommended)."
)
@click.option(
    "--full", is_flag=True, help="Rebuild every page, ignoring the previous build in DIR."
)
@click.option("--no-store", is_flag=True, help="Do not load the dataset into the embedded store.")
@click.option(
    "--workers", type=click.IntRange(0), default=0, help="Worker processes (0: one per CPU)."
)
@settings_options
@errors_as_messages
def build_command(
    inputs: tuple[Path, ...],
    out_dir: Path,
    no_validate: bool,
    full: bool,
    no_store: bool,
    workers: int,
    **kwargs: Any,
) -> None:
    """Build saved pages into a validated dataset (TriG, Turtle, JSON-LD).

    INPUTS are saved pages or folders of them (default: the bundled sample pages). Each bad
    page is reported as FILE:LINE: error: message and skipped. Exit status: 0 all pages read
    and valid; 1 some pages bad or violations (the rest is written); 2 usage error or nothing
    readable.

    \b
    Example:
        osce-rdf build data/pages -o dist
        SOURCE_DATE_EPOCH=1700000000 osce-rdf build pages/ -o site/data
    """
    settings = _settings(kwargs, validate=not no_validate)
    paths = list(inputs) or [PAGES_DIR]
    show = sys.stderr.isatty()
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="pages", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        result = build(
            paths,
            out_dir,
            settings,
            workers=workers,
            progress=progress if show else None,
            incremental=not full,
            store=not no_store,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    roots = _roots(paths)
    for error in result.errors:
        click.echo(_located(error, roots), err=True)
    for note in result.notes:
        click.echo(note, err=True)
    pipeline_context = Pipeline(settings).context
    problems = [r for r in result.results if r.severity != "Info"]
    if problems:
        click.echo(
            render(problems, "text", context=pipeline_context, locate=_locator(roots)),
            err=True,
            nl=False,
        )
    click.echo(_summary(result, out_dir, roots))
    sys.exit(result.exit_code)


def _roots(paths: list[Path]) -> dict[str, str]:
    """Recorded page path -> the path as the user can open it."""
    return {relative_path(file, root): str(file) for file, root in find_pages(paths)}


def _located(error: InputError, roots: dict[str, str]) -> str:
    return str(InputError(roots.get(error.path, error.path), error.line, error.message))


def _summary(result: BuildResult, out_dir: Path | None, roots: dict[str, str]) -> str:
    lines = [
        f"pages: {result.pages} ({result.pages_bad} unreadable, {result.pages - result.rebuilt} unchanged since the last build)",
        f"items: {result.items}",
        f"triples: {result.triples} (quads in named graphs: {result.quads})",
        f"errors: {len(result.errors)}  violations: {result.violations}  warnings: {result.warnings}",
    ]
    if result.review:
        lines.append(f"for review (not in the reference data): {len(result.review)}")
        for review in result.review:
            first = review.seen[0]
            more = f" and {len(review.seen) - 1} more" if len(review.seen) > 1 else ""
            lines.append(
                f"  {review.kind} {review.written!r} -> {review.key} ({roots.get(first.path, first.path)}:{first.line}{more})"
            )
    if out_dir is not None and result.outputs:
        lines.append("wrote: " + ", ".join(str(p) for p in result.outputs))
    return "\n".join(lines)


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text, json, turtle (SHACL report), junit, github (annotations).",
)
@settings_options
@errors_as_messages
def validate_command(paths: tuple[Path, ...], fmt: str, **kwargs: Any) -> None:
    """Validate RDF files, or saved pages, against the SHACL shapes.

    PATHS are RDF files (format from the extension: .trig .ttl .nq .nt .jsonld .rdf) or saved
    pages and folders of them, which are built in memory first; with no PATH, the bundled
    sample pages. Every result names its severity, focus node, path, message and the saved
    page (file and line) it came from. Exit status: 0 conforms (warnings allowed); 1
    violations; 2 unreadable input or usage error.

    \b
    Example:
        osce-rdf validate dist/osce.trig
        osce-rdf validate data/pages --format github
    """
    settings = _settings(kwargs)
    targets = list(paths) or [PAGES_DIR]
    outcome = check(targets, settings)
    roots = _roots([p for p in targets if not p.suffix or p.is_dir() or p.suffix == ".txt"])
    for error in outcome.errors:
        click.echo(_located(error, roots), err=True)
    context = Pipeline(settings).context
    click.echo(render(outcome.results, fmt, context=context, locate=_locator(roots)), nl=False)
    if fmt == "text":
        conforms = "conforms" if outcome.violations == 0 else "does not conform"
        counts = {
            s: sum(r.severity == s for r in outcome.results)
            for s in ("Violation", "Warning", "Info")
        }
        click.echo(
            f"{outcome.items} items in {outcome.files} files: {conforms} "
            f"({counts['Violation']} violations, {counts['Warning']} warnings, {counts['Info']} infos)",
            err=True,
        )
    sys.exit(outcome.exit_code)


@main.command("export")
@click.option(
    "--data",
    "source",
    type=click.Path(exists=True, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="A build folder or an RDF file.",
)
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@click.option(
    "--frame",
    type=click.Choice(FRAMES),
    default=None,
    help="Write one framed JSON-LD document per item (needs --split).",
)
@click.option(
    "--split",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the framed documents.",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data.")
@errors_as_messages
def export_command(
    source: Path, fmt: str, output: Path | None, frame: str | None, split: Path | None, base: str
) -> None:
    """Export a built dataset in another RDF format, or as one JSON-LD document per item.

    \b
    Example:
        osce-rdf export --format nquads -o osce.nq
        osce-rdf export --frame release --split dist/items
    """
    if (frame is None) != (split is None):
        raise click.UsageError("--frame and --split go together")
    pipeline = Pipeline(Settings(base=base, validate=False))
    quads = load_quads(source)
    if frame is not None and split is not None:
        written = frame_items(quads, split, pipeline.context)
        click.echo(f"wrote {len(written)} documents to {split}", err=True)
        return
    export(quads, fmt, output if output else sys.stdout, pipeline.prefixes, pipeline.context)


@main.group("reference")
def reference_group() -> None:
    """Work with the reference data (data/reference)."""


@reference_group.command("check")
@click.argument("pages", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--reference",
    "reference_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=REFERENCE_DIR,
)
@errors_as_messages
def reference_check_command(pages: tuple[Path, ...], reference_dir: Path) -> None:
    """Report what pages' navigation lists that the reference data lacks or names differently.

    Exit status 0 when everything matches, 1 when there are findings, 2 when a page cannot be read.

    \b
    Example:
        osce-rdf reference check data/pages/000_b58f2e4459b73bca.txt
    """
    findings, errors = check_navigation(pages, load_reference(reference_dir))
    for error in errors:
        click.echo(str(error), err=True)
    for finding in findings:
        click.echo(str(finding))
    click.echo(f"{len(findings)} findings", err=True)
    sys.exit(2 if errors else 1 if findings else 0)


def output_options(command: F) -> F:
    """`--format` for commands that print rows, the same everywhere."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([*ROW_FORMATS, "turtle", "jsonld"]),
        default="table",
        show_default=True,
        help="Rows: table, csv, tsv, json (SPARQL results), jsonl. Graphs: turtle, jsonld.",
    )(command)


def source_options(command: F) -> F:
    """Where queries run: a build folder or RDF file, or an endpoint."""
    options = [
        click.option("--data", "data", default=None, metavar="DIR|FILE",
                     help="A build folder (its store) or an RDF file (default: ./dist, the last build)."),
        click.option("--endpoint", default=None, metavar="URL", help="A SPARQL 1.1 Protocol endpoint instead."),
        click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _dataset(data: str | None, endpoint: str | None, base: str) -> Dataset:
    if data and endpoint:
        raise click.UsageError("--data and --endpoint are alternatives")
    return Dataset.open(endpoint or (Path(data) if data else None), base=base)


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        name, equals, given = value.partition("=")
        if not equals or not name:
            raise click.UsageError(f"--param {value!r}: write NAME=VALUE")
        params[name.strip().lstrip("?$")] = given
    return params


@main.command("query")
@click.argument("name", required=False)
@click.option("--sparql", default=None, help="SPARQL query text instead of a catalogue name.")
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="A .rq file instead of a catalogue name.")  # fmt: skip
@click.option(
    "--param", "param_values", multiple=True, metavar="NAME=VALUE", help="A parameter (repeatable)."
)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds before the query is stopped.")  # fmt: skip
@click.option(
    "--allow-service", is_flag=True, help="Permit SERVICE clauses (querying other hosts)."
)
@output_options
@source_options
@errors_as_messages
def query_command(
    name: str | None,
    sparql: str | None,
    query_file: Path | None,
    param_values: tuple[str, ...],
    timeout: float,
    allow_service: bool,
    fmt: str,
    data: str | None,
    endpoint: str | None,
    base: str,
) -> None:
    """Run a catalogue query by NAME, or SPARQL text (--sparql, -f FILE).

    Parameters are bound as RDF terms, never pasted into the query: friendly values resolve
    by name (--param state=Belgium), with close matches listed when unknown. Queries are
    read-only. CONSTRUCT and DESCRIBE print Turtle (or --format jsonld).

    \b
    Example:
        osce-rdf query items-mentioning-state-by-year --param state=Belgium
        osce-rdf query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format json
    """
    given = [x for x in (name, sparql, query_file) if x is not None]
    if len(given) != 1:
        raise click.UsageError(
            "give one of NAME, --sparql or -f FILE (`osce-rdf queries` lists the names)"
        )
    text = query_file.read_text(encoding="utf-8") if query_file else (sparql or name or "")
    dataset = _dataset(data, endpoint, base)
    result = dataset.query(
        text, _params(param_values), timeout=timeout, allow_service=allow_service
    )
    if result.form in {"CONSTRUCT", "DESCRIBE"}:
        click.echo(_graph_text(result.triples, fmt, base), nl=False)
        return
    if fmt not in ROW_FORMATS:
        raise click.UsageError(
            f"--format {fmt} is for CONSTRUCT and DESCRIBE; rows print as {', '.join(ROW_FORMATS)}"
        )
    click.echo(result.format(fmt, dataset.shorten), nl=False)


def _graph_text(triples: list[ox.Triple], fmt: str, base: str) -> str:
    pipeline = Pipeline(Settings(base=base, validate=False))
    ordered = sorted_triples(triples)
    if fmt == "jsonld":
        nodes = node_objects(ordered, pipeline.context)
        return (
            json.dumps(
                {"@context": pipeline.context.document(), "@graph": nodes},
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    return prefix_header(pipeline.prefixes) + pipeline.blocks.turtle(ordered).decode("utf-8")


@main.command("queries")
@output_options
def queries_command(fmt: str) -> None:
    """List the query catalogue: names, parameters and what each answers.

    \b
    Example:
        osce-rdf queries
        osce-rdf queries --format json
    """
    rows = [
        {
            "name": named.name,
            "title": named.title,
            "parameters": ", ".join(
                f"{p.name} ({p.type})" + (f" = {p.default}" if p.default else "")
                for p in named.parameters
            ),
            "description": named.description,
        }
        for named in catalogue().values()
    ]
    literal = [{k: ox.Literal(v) for k, v in row.items()} for row in rows]
    result = QueryResult.from_solutions(["name", "title", "parameters", "description"], literal)
    if fmt not in ROW_FORMATS:
        raise click.UsageError(f"--format: one of {', '.join(ROW_FORMATS)}")
    click.echo(result.format(fmt), nl=False)


@main.command("load")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--graph",
    default=None,
    metavar="IRI",
    help="Named graph for triples outside any graph; on an --endpoint, `default` for its default graph.",
)
@click.option("--graph-store", default=None, metavar="URL",
              help="With --endpoint: the Graph Store Protocol URL (default: the endpoint's /store).")  # fmt: skip
@source_options
@errors_as_messages
def load_command(
    files: tuple[Path, ...],
    graph: str | None,
    graph_store: str | None,
    data: str | None,
    endpoint: str | None,
    base: str,
) -> None:
    """Add or replace named graphs of the store (or an endpoint) from RDF files.

    A named graph in a file replaces the graph of that name; triples outside any named graph
    go to --graph. The store keeps its default graph the union of the named graphs, which
    is what queries read; an endpoint gets the union by loading osce.ttl with --graph default.

    \b
    Example:
        osce-rdf load corrections.trig
        osce-rdf load extra.ttl --graph https://w3id.org/osce/graph/extra
        osce-rdf load dist/osce.trig dist/osce.ttl --graph default --endpoint http://127.0.0.1:7878/query
    """
    if endpoint is None:
        replaced = load_into_build(Path(data) if data else Path("dist"), files, graph=graph)
    else:
        dataset = _dataset(None, endpoint, base)
        replaced = dataset.load(files, graph=graph, graph_store=graph_store)
    click.echo(f"loaded {len(replaced)} graph{'s' if len(replaced) != 1 else ''}", err=True)


def data_option(command: F) -> F:
    """`--data DIR`: the build folder a publishing command reads."""
    return click.option(
        "--data",
        "data",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("dist"),
        show_default=True,
        help="The build folder to read (its store).",
    )(command)


@main.command("site")
@data_option
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder to write the site to.")  # fmt: skip
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data.")
@click.option("--site-url", default=None, metavar="URL",
              help="Where the site is served, for sitemap.xml and the w3id.org redirect (default: the base).")  # fmt: skip
@click.option(
    "--full", is_flag=True, help="Make every page again, not only what changed since the last run."
)
@errors_as_messages
def site_command(data: Path, out_dir: Path, base: str, site_url: str | None, full: bool) -> None:
    """Write a static web site of the built dataset: a page per resource, with its data.

    Every resource gets an HTML page at its IRI's path, with its Turtle, JSON-LD and
    N-Triples beside it; indexes per section and per year, a home page, the dataset's
    description, the ontology's documentation, sitemap.xml, and the content-negotiation
    rules for Apache, nginx and Caddy. A second run into the same folder makes again only the
    pages of resources in named graphs that changed, and rewrites only files whose bytes
    changed.

    \b
    Example:
        osce-rdf site --data dist -o site
        osce-rdf site -o site --site-url https://osce.example.org/
    """
    from .site import write_site

    show = sys.stderr.isatty()
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="resources", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        result = write_site(
            data,
            out_dir,
            base=base,
            site_url=site_url,
            full=full,
            progress=progress if show else None,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for note in result.notes:
        click.echo(note, err=True)
    click.echo(f"pages: {result.pages}")
    click.echo(
        f"resources: {result.resources} ({result.rendered} made, "
        f"{result.resources - result.rendered} unchanged since the last run)"
    )
    click.echo(
        f"files: {result.files} ({result.written} written, {result.removed} removed, "
        f"{result.files - result.written} unchanged)"
    )
    click.echo(f"wrote: {out_dir}")


@main.command("docs")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A build folder: examples from its data (default: ./dist when it has a store).")  # fmt: skip
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder to write the documentation to.")  # fmt: skip
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data.")
@errors_as_messages
def docs_command(data: Path | None, out_dir: Path, base: str) -> None:
    """Write the documentation of the ontology and its SHACL shapes.

    Every class and property with its labels in every language, comment, the reused term
    it refines, domain and range, the shapes that constrain it and examples from the data;
    every shape with its targets and constraints. The same pages are part of `osce-rdf site`.

    \b
    Example:
        osce-rdf docs -o ontology-docs
        osce-rdf docs --data dist -o public/ontology
    """
    from .site import write_docs
    from .store import STORE_DIR

    if data is None and (Path("dist") / STORE_DIR).is_dir():
        data = Path("dist")
    if data is None:
        click.echo(
            "no build given (--data): the documentation has no examples from the data", err=True
        )
    result = write_docs(out_dir, data, base=base)
    click.echo(f"wrote: {out_dir}/index.html (the ontology), shapes.html ({result.files} files)")


def _bind(value: str) -> tuple[str, int]:
    host, colon, port = value.rpartition(":")
    if not colon or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"{value!r}: write HOST:PORT, such as 127.0.0.1:8000")
    return (host or "127.0.0.1").strip("[]"), int(port)


@main.command("serve")
@data_option
@click.option("--bind", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT",
              help="Where to listen (loopback unless told otherwise).")  # fmt: skip
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data.")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="An origin allowed to read answers from a browser (repeatable; * for any).")  # fmt: skip
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a SPARQL query may run.")  # fmt: skip
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) a SPARQL answer holds at most.")  # fmt: skip
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes.")  # fmt: skip
@errors_as_messages
def serve_command(
    data: Path,
    bind: str,
    base: str,
    cors: tuple[str, ...],
    timeout: float,
    max_rows: int,
    workers: int,
) -> None:
    """Serve the built dataset: every IRI with content negotiation, and a SPARQL endpoint.

    An IRI answers 303 See Other with the document the request prefers (HTML, Turtle, TriG,
    JSON-LD, N-Triples, RDF/XML); /sparql is a read-only SPARQL 1.1 Protocol endpoint with a
    query form; /queries/NAME answers a catalogue query, its parameters from the URL.

    \b
    Example:
        osce-rdf serve --data dist
        osce-rdf serve --bind 0.0.0.0:8080 --cors '*' --workers 2
    """
    from .serve import ServeSettings, serve

    host, port = _bind(bind)
    settings = ServeSettings(data=data, base=base, cors=cors, timeout=timeout, max_rows=max_rows)
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"osce-rdf: serving on {host}, not only to this machine", err=True)
    click.echo(
        f"serving {data} at http://{host}:{port}/ (SPARQL: http://{host}:{port}/sparql); Ctrl-C stops",
        err=True,
    )
    serve(settings, host, port, workers)


@main.command("publish")
@data_option
@click.option("--endpoint", required=True, metavar="URL", help="The endpoint's SPARQL query URL.")
@click.option("--graph-store", default=None, metavar="URL",
              help="Its Graph Store Protocol URL (default: the endpoint's /store, as Oxigraph).")  # fmt: skip
@click.option(
    "--no-union", is_flag=True, help="Do not keep the union of the graphs in the default graph."
)
@click.option("--retries", type=click.IntRange(min=0), default=5, show_default=True,
              help="Retries of a failed request, waiting 1, 2, 4... seconds.")  # fmt: skip
@errors_as_messages
def publish_command(
    data: Path, endpoint: str, graph_store: str | None, no_union: bool, retries: int
) -> None:
    """Publish the build's named graphs to a SPARQL 1.1 Graph Store Protocol endpoint.

    One PUT per named graph, only for graphs changed since the last publish to that endpoint;
    graphs of removed items are deleted; the union default graph is kept in step; every
    graph's triple count is checked at the end. A publish cut short resumes when run again.
    Credentials come from OSCE_RDF_ENDPOINT_USER and OSCE_RDF_ENDPOINT_PASSWORD. Exit status:
    0 published and verified; 1 the endpoint failed or the counts differ; 2 usage error.

    \b
    Example:
        osce-rdf publish --endpoint http://127.0.0.1:7878/query
        OSCE_RDF_ENDPOINT_USER=dba OSCE_RDF_ENDPOINT_PASSWORD=... osce-rdf publish \\
            --endpoint http://127.0.0.1:8890/sparql --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth
    """
    from .publish import PublishError, publish

    def progress(done: int, total: int, graph: str) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{done}/{total} graphs", err=True, nl=done == total)

    try:
        result = publish(data, endpoint, graph_store=graph_store, union=not no_union,
                         retries=retries, progress=progress)  # fmt: skip
    except PublishError as error:
        click.echo(f"osce-rdf: error: {error}", err=True)
        sys.exit(1)
    resumed = f", {result.resumed} sent before an interruption" if result.resumed else ""
    click.echo(
        f"graphs: {result.graphs} ({len(result.sent)} sent{resumed}, {result.unchanged} unchanged; "
        f"{len(result.deleted)} deleted)"
    )
    click.echo(f"union: {result.union}")
    for problem in result.problems:
        click.echo(f"mismatch: {problem}", err=True)
    if result.problems:
        sys.exit(1)
    click.echo(f"verified: the triple counts of {result.graphs} graphs match")
