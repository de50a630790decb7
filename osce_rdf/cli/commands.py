"""The `osce-rdf` command: a thin layer over the Python API.

Commands parse their arguments, call the API, and format what it returns. A user mistake or
bad input is one line on stderr and an exit code, never a traceback: exit 2 for a usage error
(a bad option value, a file that cannot be read or written), and, should a bug surface,
exit 70 with one line naming it (`OSCE_RDF_TRACEBACK=1` shows where).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import pyoxigraph as ox

from ..errors import InputError, InvalidDataError, OsceRdfError, UsageError, shown_path
from ..identity.iris import DEFAULT_BASE, absolute_iri
from ..operations import check_reference, dump, dump_all, export, export_framed, load, queries
from ..package_data import ONTOLOGY_FILE, PAGES_DIR, REFERENCE_DIR, SHAPES_DIR
from ..pipeline.build import Builder, BuildResult, build
from ..pipeline.page_pipeline import Settings
from ..pipeline.validate import ValidationReport, validate
from ..reading.pages import PAGE_SUFFIXES, recorded_paths
from ..rendering.dumps import DUMP_FORMAT_NAMES, dump_format
from ..rendering.export import EXPORT_FORMATS, FRAMES, export_format
from ..rendering.jsonld import jsonld_document, node_objects
from ..rendering.jsonld_context import load_context
from ..rendering.rdf_input import FORMAT_NAMES, format_named
from ..rendering.rdf_text import Blocks, sorted_triples
from ..sparql.dataset import DEFAULT_LOAD_TIMEOUT, DEFAULT_TIMEOUT, Dataset
from ..sparql.http_client import DEFAULT_MAX_SIZE, size
from ..sparql.results import ROW_FORMATS, QueryResult
from ..validation.reports import FORMATS, render
from ..validation.shacl import ENGINES, SEVERITIES, Shapes
from ..version import __version__

if TYPE_CHECKING:
    from ..pipeline.watch import Rebuild

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
INTERNAL_ERROR = 70  # EX_SOFTWARE (sysexits.h): a bug, not the user's doing


class _Iri(click.ParamType[str, Any]):
    """An option's value that must be an absolute IRI, or an http(s) URL (`web`); `words`
    are other values the option takes (`default` for a graph)."""

    def __init__(self, name: str, *, web: bool = False, words: tuple[str, ...] = ()) -> None:
        self.name = name
        self.web = web
        self.words = words

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        if text in self.words:
            return text
        try:
            return absolute_iri(text, web=self.web)
        except UsageError as error:
            self.fail(str(error), param, ctx)


IRI = _Iri("IRI")
URL = _Iri("URL", web=True)
GRAPH = _Iri("IRI", words=("default",))


class _CommandLine(click.Group):
    """The `osce-rdf` group: whatever goes wrong is one line on stderr.

    click's usage errors come without the usage text; a file that cannot be read or written
    (a full disk, a folder that cannot be made) is a usage error too; anything else is a
    bug, named as one.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as error:
            path = error.ctx.command_path.split()[1:] if error.ctx is not None else []
            _fail(
                f"{' '.join(['osce-rdf', *path])}: error: {error.format_message()}", error.exit_code
            )
        except click.ClickException as error:
            _fail(f"osce-rdf: error: {error.format_message()}", error.exit_code)
        except click.Abort:
            _fail("osce-rdf: aborted", 1)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            _fail(f"osce-rdf: error: {where}{error.strerror or error}", 2)
        except Exception as error:
            if os.environ.get("OSCE_RDF_TRACEBACK"):
                raise
            name = type(error).__name__
            _fail(
                f"osce-rdf: internal error (a bug, please report it): {name}: {error}",
                INTERNAL_ERROR,
            )
        sys.exit(code if isinstance(code, int) else 0)


def _fail(line: str, code: int) -> None:
    click.echo(line.replace("\n", " "), err=True)
    sys.exit(code)


def settings_options(command: F) -> F:
    """Options that decide what the data says: shared by every command that builds or validates."""
    options = [
        click.option("--base", type=IRI, default=DEFAULT_BASE, show_default=True, help="Base IRI of the data."),
        click.option("--source-base", type=_Iri("URL"), default=None,
                     help="Base URL of the saved pages, for provenance (default: under the base IRI)."),
        click.option("--reference", "reference_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=REFERENCE_DIR, show_default=False,
                     help="Folder of reference data (default: $OSCE_RDF_REFERENCE, else bundled)."),
        click.option("--shapes", "shapes_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=SHAPES_DIR, show_default=False,
                     help="Folder of SHACL shapes (default: $OSCE_RDF_SHAPES, else bundled)."),
        click.option("--ontology", "ontology_file", type=click.Path(dir_okay=False, path_type=Path),
                     default=ONTOLOGY_FILE, show_default=False,
                     help="The ontology, Turtle (default: $OSCE_RDF_ONTOLOGY, else bundled)."),
        click.option("--engine", type=click.Choice(ENGINES), default="turbo", show_default=True,
                     help="SHACL engine: the Rust engine, or pySHACL (the reference, slower)."),
        click.option("--no-enrich", is_flag=True,
                     help="Skip reading people, quotes, mentions, events and decisions in bodies."),
        click.option("--profile", "profiles", multiple=True, metavar="NAME",
                     help="Also check a shapes profile (shapes/profiles/NAME.ttl), e.g. google-article."),
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
        ontology_file=kwargs.pop("ontology_file"),
        profiles=tuple(kwargs.pop("profiles")),
        validate=validate,
    )


def errors_as_messages(command: F) -> F:
    """Our own errors, and the system's refusals (a full disk, a folder that cannot be
    written), become one line on stderr and exit code 2; an interrupt (Ctrl-C) one line and
    130, as shells report it, once the command has undone what it started."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except OsceRdfError as error:
            text = str(error) if isinstance(error, InputError) else f"error: {error}"
            click.echo(f"osce-rdf: {text}", err=True)
            sys.exit(2)
        except OSError as error:
            click.echo(f"osce-rdf: {system_error(error)}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("osce-rdf: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def system_error(error: OSError) -> str:
    """`PATH: error: reason` for an OSError, the path shown even when not valid UTF-8."""
    reason = error.strerror or str(error)
    if error.filename is None:
        return f"error: {reason}"
    return f"{shown_path(error.filename)}: error: {reason}"


def byte_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """`--max-bytes`: a number of bytes, or 64K, 100M, 2G."""
    try:
        return size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def read_query_file(path: Path) -> str:
    """A .rq file's text: UTF-8, with or without a byte order mark."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            str(path),
            line,
            f"not valid UTF-8 (byte 0x{data[error.start]:02X}); save the query as UTF-8",
        ) from None


@click.group(cls=_CommandLine, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="osce-rdf")
def main() -> None:
    """Publish the OSCE's public record as validated linked data.

    \b
    Example:
        osce-rdf build data/pages -o dist
        osce-rdf validate dist
        osce-rdf dump dist -o osce.trig
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
@click.option(
    "--no-store",
    is_flag=True,
    help="Do not load the dataset into the embedded store (and remove the one in DIR).",
)
@click.option(
    "--workers", type=click.IntRange(0), default=0, help="Worker processes (0: one per CPU)."
)
@click.option(
    "--watch",
    is_flag=True,
    help="After the build, rebuild whenever a page changes (one line each), until Ctrl-C.",
)
@click.option(
    "--poll",
    is_flag=True,
    help="With --watch: look for changes every 0.3 s instead of being told by the system "
    "(for network file systems, which send no change events).",
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
    watch: bool,
    poll: bool,
    **kwargs: Any,
) -> None:
    """Build saved pages into a validated dataset (TriG, Turtle, JSON-LD).

    INPUTS are saved pages or folders of them (default: the bundled sample pages). Each bad
    page is reported as FILE:LINE: error: message and skipped. Exit status: 0 all pages read
    and valid; 1 some pages bad or violations (the rest is written); 2 usage error or nothing
    readable.

    The dumps are kept in parts (DIR/dumps/), so that a rebuild into the same folder rewrites
    only the parts whose pages changed: `osce-rdf dump DIR -o osce.trig` writes one file, the
    bytes a cold build gives.

    \b
    With --watch the command stays: after the build it waits for changes under INPUTS and
    rebuilds (only what changed, with the pipeline and the last build kept in memory), one
    line per rebuild; a new bad page or violation is shown above its line. Ctrl-C or SIGTERM
    ends it between rebuilds (exit status 0). The folder is locked only while a rebuild
    writes it.

    \b
    Example:
        osce-rdf build data/pages -o dist
        SOURCE_DATE_EPOCH=1700000000 osce-rdf build pages/ -o site/data
        osce-rdf build pages/ -o dist --watch
    """
    settings = _settings(kwargs, validate=not no_validate)
    paths = list(inputs) or [PAGES_DIR]
    if poll and not watch:
        raise UsageError("--poll goes with --watch")
    if watch:
        _watch(paths, out_dir, settings, workers=workers, full=full, store=not no_store, poll=poll)
        return
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
    _report(result, paths, out_dir, settings)
    sys.exit(result.exit_code)


def _report(result: BuildResult, paths: list[Path], out_dir: Path, settings: Settings) -> None:
    """A build's bad pages, warnings and violations on stderr, and its summary."""
    problems = [r for r in result.results if r.severity != "Info"]
    # Only messages name pages as the user gave them: walking the inputs again for those
    # names cost a clean one-page rebuild 0.04 s at 5,000 pages (cProfile).
    roots = _roots(paths) if result.errors or problems or result.review else {}
    for error in result.errors:
        click.echo(_located(error, roots), err=True)
    if result.items == 0:
        raise _nothing_readable(result, paths, out_dir)
    for note in result.notes:
        click.echo(note, err=True)
    pipeline_context = load_context(settings.base, settings.ontology_file)
    if problems:
        click.echo(
            render(problems, "text", context=pipeline_context, locate=_locator(roots)),
            err=True,
            nl=False,
        )
    click.echo(_summary(result, out_dir, roots))


def _nothing_readable(result: BuildResult, paths: list[Path], out_dir: Path) -> UsageError:
    found = (
        f"none of the {result.pages} page{'s' if result.pages != 1 else ''} could be read"
        if result.pages
        else f"no saved pages ({', '.join(sorted(PAGE_SUFFIXES))}) in {', '.join(map(str, paths))}"
    )
    return UsageError(f"{found}; nothing written to {out_dir}")


def _watch(
    paths: list[Path],
    out_dir: Path,
    settings: Settings,
    *,
    workers: int,
    full: bool,
    store: bool,
    poll: bool,
) -> None:
    """`build --watch`: the first build reported as `build` reports it, then one line per
    rebuild, with the bad pages and violations it found that the one before did not."""
    from ..pipeline.watch import Watcher

    builder = Builder(
        paths, out_dir, settings, workers=workers, incremental=not full, store=store, resident=True
    )
    shown: set[str] = set()
    first = True
    # The pages' names as the user typed their folders, made again only when the pages are
    # others: a walk of the inputs each rebuild (0.04 s at 5,000 pages) for the bad pages'.
    named: tuple[frozenset[str], dict[str, str]] | None = None

    def names() -> dict[str, str]:
        nonlocal named
        if named is None or named[0] is not builder.files:
            named = (builder.files, _roots(paths))
        return named[1]

    def report(rebuild: Rebuild) -> None:
        nonlocal first, shown
        result = rebuild.result
        if rebuild.error is not None or result is None:
            error = rebuild.error
            text = str(error) if isinstance(error, InputError) else f"error: {error}"
            if isinstance(error, OSError):
                text = system_error(error)
            click.echo(f"osce-rdf: {text}", err=True)
            click.echo(f"{_clock()} not rebuilt{_what_changed(rebuild, builder)}")
            return
        problems = [r for r in result.results if r.severity != "Info"]
        roots = names() if result.errors or problems else {}
        lines = [_located(error, roots) for error in result.errors]
        if problems:
            context = load_context(settings.base, settings.ontology_file)
            text = render(problems, "text", context=context, locate=_locator(roots))
            lines.extend(text.splitlines())
        if first:
            first = False
            shown = set(lines)
            if result.items == 0:
                for line in lines:
                    click.echo(line, err=True)
                click.echo(
                    f"osce-rdf: error: {_nothing_readable(result, paths, out_dir)}", err=True
                )
            else:
                _report(result, paths, out_dir, settings)
            click.echo(f"watching {', '.join(map(str, paths))} (Ctrl-C to stop)")
            return
        for line in lines:
            if line not in shown:
                click.echo(line, err=True)
        shown = set(lines)
        state = (
            f"nothing written: {_nothing_readable(result, paths, out_dir)}"
            if result.items == 0
            else f"pages: {result.pages} ({result.rebuilt} read), items: {result.items}, "
            f"errors: {len(result.errors)}, violations: {result.violations}"
        )
        click.echo(
            f"{_clock()} rebuilt in {rebuild.seconds:.2f} s{_what_changed(rebuild, builder)}; "
            + state
        )

    Watcher(builder, polling=poll).run(report)
    click.echo("osce-rdf: stopped watching", err=True)


def _clock() -> str:
    return time.strftime("%H:%M:%S")


def _what_changed(rebuild: Rebuild, builder: Builder) -> str:
    """`: changed a.txt, added b.txt`: the pages, relative to the folder given."""
    parts = []
    for verb, files in (
        ("changed", rebuild.changed),
        ("added", rebuild.added),
        ("removed", rebuild.removed),
    ):
        if files:
            names = [_relative(file, builder) for file in files[:3]]
            more = f" and {len(files) - 3} more" if len(files) > 3 else ""
            parts.append(f"{verb} {', '.join(names)}{more}")
    return ": " + ", ".join(parts) if parts else ""


def _relative(file: str, builder: Builder) -> str:
    for root in builder.roots:
        if file.startswith(str(root) + os.sep):
            return file[len(str(root)) + 1 :]
    return file


def _roots(paths: list[Path]) -> dict[str, str]:
    """Recorded page path -> the path as the user can open it."""
    return recorded_paths(paths)


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
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format: text, json, turtle (SHACL report), junit, github (annotations).",
)
@click.option(
    "--fail-on",
    type=click.Choice([s.lower() for s in SEVERITIES]),
    default="violation",
    show_default=True,
    help="The least severity that fails: violation, warning (or worse), info (any result).",
)
@click.option(
    "--input-format",
    type=click.Choice(list(FORMAT_NAMES)),
    default=None,
    help="How to read standard input (-) and files, whatever their extension.",
)
@click.option(
    "--source-root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder the build read: saved pages named in RDF files are found there "
    "(default: the working directory).",
)
@settings_options
@errors_as_messages
def validate_command(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    input_format: str | None,
    source_root: Path | None,
    **kwargs: Any,
) -> None:
    """Validate RDF files, builds, or saved pages against the SHACL shapes.

    PATHS are RDF files (format from the extension: .trig .ttl .nq .nt .jsonld .rdf, or
    --input-format), - for standard input, build folders (their osce.trig, read from its
    parts), or saved pages and folders of them, which are built in memory first; with no PATH, the bundled sample
    pages. An RDF file is validated whole, ontology included: the results are what a SHACL
    engine such as pySHACL reports for the file. Every result names its severity, focus node, path, a
    message, the RDF file, and the saved page (file and line, relative to the working
    directory) it came from. An input that cannot be read is reported in every format.
    Exit status: 0 conforms; 1 results at or above --fail-on; 2 an input could not be read,
    nothing to validate, or a usage error.

    \b
    Example:
        osce-rdf validate dist --source-root data/pages --format github
        osce-rdf validate data/pages --fail-on warning
        curl -s https://example.org/osce.nq | osce-rdf validate - --input-format nquads
    """
    settings = _settings(kwargs)
    outcome = validate(
        list(paths) or [PAGES_DIR],
        settings,
        source_root=source_root,
        fail_on=fail_on.capitalize(),
        rdf_format=format_named(input_format) if input_format else None,
    )
    context = load_context(settings.base, settings.ontology_file)
    report = render(
        outcome.results, fmt, context=context, errors=outcome.errors, fail_on=outcome.fail_on
    )
    click.echo(report, nl=False)
    for note in outcome.notes:
        click.echo(f"osce-rdf: note: {note}", err=True)
    if fmt == "text":
        click.echo(_verdict(outcome), err=True)
    sys.exit(outcome.exit_code)


def _verdict(outcome: ValidationReport) -> str:
    """The summary line: never "conforms" when an input went unread."""
    files = f"{outcome.files} file{'s' if outcome.files != 1 else ''}"
    if outcome.errors:
        unread = len(outcome.errors)
        verdict = f"not validated: {unread} input{'s' if unread != 1 else ''} could not be read"
    elif outcome.failures:
        verdict = "does not conform"
        if outcome.fail_on != "Violation":
            verdict += f" (failing on {outcome.fail_on.lower()}s and worse)"
    else:
        verdict = "conforms"
    counts = ", ".join(f"{outcome.count(s)} {s.lower()}s" for s in SEVERITIES)
    return f"{outcome.items} items in {files}: {verdict} ({counts})"


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
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default=None,
    help="Format to write (default: the one -o's extension names, else turtle).",
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
@click.option(
    "--context-url",
    default=None,
    metavar="URL",
    help="With --frame: refer to the context at URL (relative or absolute) instead of repeating it.",
)
@click.option(
    "--base", type=IRI, default=DEFAULT_BASE, show_default=True, help="Base IRI of the data."
)
@errors_as_messages
def export_command(
    source: Path,
    fmt: str,
    output: Path | None,
    frame: str | None,
    split: Path | None,
    context_url: str | None,
    base: str,
) -> None:
    """Export a built dataset in another RDF format, or as one JSON-LD document per item.

    The format follows the extension of -o (.ttl .trig .nq .nt .jsonld) unless --format
    names one; a --format that the extension contradicts is refused.

    \b
    Example:
        osce-rdf export --format nquads -o osce.nq
        osce-rdf export --frame release --split dist/items
        osce-rdf export --frame release --split dist/items --context-url ../context.jsonld
    """
    if (frame is None) != (split is None):
        raise click.UsageError("--frame and --split go together")
    if frame is not None and fmt not in (None, "jsonld"):
        raise click.UsageError(f"--frame writes JSON-LD documents, not --format {fmt}")
    if frame is not None and output is not None:
        raise click.UsageError("--frame writes one document per item into --split, not -o")
    export_format(fmt, output)  # a format the file's name contradicts: before reading anything
    if context_url is not None and frame is None:
        raise click.UsageError("--context-url is for framed documents (--frame)")
    if frame is not None and split is not None:
        written = export_framed(source, split, context_url=context_url, base=base)
        click.echo(f"wrote {len(written)} documents to {split}", err=True)
        return
    export(source, output if output else sys.stdout, fmt=fmt, base=base)


@main.command("dump")
@click.argument(
    "data",
    required=False,
    default=Path("dist"),
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DUMP_FORMAT_NAMES)),
    default=None,
    help="The dump to write (default: the one -o's extension names, else trig).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@click.option(
    "--all",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write every dump and context.jsonld into this folder, under their usual names.",
)
@errors_as_messages
def dump_command(data: Path, fmt: str | None, output: Path | None, folder: Path | None) -> None:
    """Write a build's dump as one file: osce.trig, osce.ttl or osce.jsonld.

    A build keeps its dumps in parts (DATA/dumps/, default dist), so that a rebuild after a
    small change rewrites only the parts that changed; this joins them. The bytes are those
    a cold build of the same pages gives, whether the build was cold or not.

    \b
    Example:
        osce-rdf dump dist -o osce.trig
        osce-rdf dump dist --format jsonld | gzip > osce.jsonld.gz
        osce-rdf dump dist --all public/dump
    """
    if folder is not None:
        if output is not None or fmt is not None:
            raise click.UsageError("--all writes every dump under its own name: no -o or --format")
        written = dump_all(data, folder)
        click.echo(f"wrote {', '.join(str(path) for path in written)}", err=True)
        return
    dump_format(fmt, output)  # a format the file's name contradicts: before reading anything
    dump(data, output if output is not None else sys.stdout.buffer, fmt=fmt)


@main.group("reference")
def reference_group() -> None:
    """Work with the reference data (data/reference, or --reference DIR)."""


@reference_group.command("check")
@click.argument("pages", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--reference",
    "reference_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=REFERENCE_DIR,
    show_default=False,
    help="Folder of reference data (default: $OSCE_RDF_REFERENCE, else bundled).",
)
@errors_as_messages
def reference_check_command(pages: tuple[Path, ...], reference_dir: Path) -> None:
    """Report what pages' navigation lists that the reference data lacks or names differently.

    Exit status 0 when everything matches, 1 when there are findings, 2 when a page cannot be read.

    \b
    Example:
        osce-rdf reference check data/pages/000_b58f2e4459b73bca.txt
    """
    findings, errors = check_reference(pages, reference_dir)
    for error in errors:
        click.echo(str(error), err=True)
    for finding in findings:
        click.echo(str(finding))
    click.echo(f"{len(findings)} findings", err=True)
    sys.exit(2 if errors else 1 if findings else 0)


def output_options(*, graphs: bool) -> Callable[[F], F]:
    """`--format` for commands that print rows (and, with `graphs`, RDF), the same everywhere."""
    formats = [*ROW_FORMATS, *(("turtle", "jsonld") if graphs else ())]
    rows = "Rows: table, csv, tsv, json (SPARQL results), jsonl."
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help=f"{rows} Graphs: turtle, jsonld." if graphs else rows,
    )


def source_options(command: F) -> F:
    """Where queries run: a build folder or RDF file, or an endpoint."""
    options = [
        click.option("--data", "data", default=None, metavar="DIR|FILE",
                     help="A build folder (its store) or an RDF file (default: ./dist, the last build)."),
        click.option("--endpoint", type=URL, default=None, help="A SPARQL 1.1 Protocol endpoint instead."),
        click.option("--base", type=IRI, default=DEFAULT_BASE, show_default=True, help="Base IRI of the data."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _dataset(data: str | None, endpoint: str | None, base: str) -> Dataset:
    if data and endpoint:
        raise click.UsageError("--data and --endpoint are alternatives")
    return Dataset.open(endpoint or (Path(data) if data else None), base=base)


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for value in values:
        name, equals, given = value.partition("=")
        if not equals or not name:
            raise click.UsageError(f"--param {value!r}: write NAME=VALUE")
        name = name.strip().lstrip("?$")
        if name in params:  # the last would win unseen: say so instead
            raise click.UsageError(f"--param {name} given twice ({params[name]!r}, {given!r})")
        params[name] = given
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
              help="Seconds before the query is stopped (on an --endpoint: the whole exchange).")  # fmt: skip
@click.option("--max-bytes", default=DEFAULT_MAX_SIZE, show_default=True, callback=byte_size, metavar="SIZE",
              help="The largest answer read from an --endpoint (bytes, or 64K, 100M, 2G).")  # fmt: skip
@click.option(
    "--allow-service", is_flag=True, help="Permit SERVICE clauses (querying other hosts)."
)
@output_options(graphs=True)
@source_options
@errors_as_messages
def query_command(
    name: str | None,
    sparql: str | None,
    query_file: Path | None,
    param_values: tuple[str, ...],
    timeout: float,
    max_bytes: int,
    allow_service: bool,
    fmt: str,
    data: str | None,
    endpoint: str | None,
    base: str,
) -> None:
    """Run a catalogue query by NAME, or SPARQL text (--sparql, -f FILE).

    Parameters are bound as RDF terms, never pasted into the query: friendly values resolve
    by name (--param state=Belgium), with close matches listed when unknown. Only one
    read-only query is run: updates, further operations and (without --allow-service)
    SERVICE are refused, as a SPARQL parser reads the query. CONSTRUCT and DESCRIBE print
    Turtle (or --format jsonld).

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
    text = read_query_file(query_file) if query_file else (sparql or name or "")
    dataset = _dataset(data, endpoint, base)
    result = dataset.query(
        text,
        _params(param_values),
        timeout=timeout,
        allow_service=allow_service,
        max_bytes=max_bytes,
    )
    if result.form in {"CONSTRUCT", "DESCRIBE"}:
        click.echo(_graph_text(result.triples, fmt, base), nl=False)
        return
    if fmt not in ROW_FORMATS:
        raise click.UsageError(
            f"--format {fmt} is for CONSTRUCT and DESCRIBE; rows print as {', '.join(ROW_FORMATS)}"
        )
    click.echo(result.format(fmt, dataset.prefixes.compact), nl=False)


def _graph_text(triples: list[ox.Triple], fmt: str, base: str) -> str:
    context = load_context(base)
    ordered = sorted_triples(triples)
    if fmt == "jsonld":
        document = jsonld_document(node_objects(ordered, context), context)
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return context.prefixes.turtle_header() + Blocks(context.prefixes).turtle(ordered).decode(
        "utf-8"
    )


@main.command("queries")
@output_options(graphs=False)
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
        for named in queries()
    ]
    literal = [{k: ox.Literal(v) for k, v in row.items()} for row in rows]
    result = QueryResult.from_solutions(["name", "title", "parameters", "description"], literal)
    click.echo(result.format(fmt), nl=False)


@main.command("load")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--graph",
    type=GRAPH,
    default=None,
    help="Named graph for triples outside any graph; on an --endpoint, `default` for its default graph.",
)
@click.option("--graph-store", type=URL, default=None,
              help="With --endpoint: the Graph Store Protocol URL (default: the endpoint's /store).")  # fmt: skip
@click.option("--no-validate", is_flag=True, help="Load graphs that do not conform to the shapes.")
@click.option("--shapes", "shapes_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of SHACL shapes (default: bundled).")  # fmt: skip
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_LOAD_TIMEOUT, show_default=True,
              help="With --endpoint: seconds each request may take, answer included.")  # fmt: skip
@source_options
@errors_as_messages
def load_command(
    files: tuple[Path, ...],
    graph: str | None,
    graph_store: str | None,
    no_validate: bool,
    shapes_dir: Path | None,
    timeout: float,
    data: str | None,
    endpoint: str | None,
    base: str,
) -> None:
    """Add or replace named graphs of the store, a dataset file or an endpoint from RDF files.

    A named graph in a file replaces the graph of that name; triples outside any named graph
    go to --graph. The graphs are validated against the shapes first: when one has a
    violation, the results are listed, nothing is loaded, and the exit status is 1
    (--no-validate loads them anyway). --data names a build folder (its store keeps its
    default graph the union of the named graphs, which is what queries read) or a dataset
    file (.trig .nq .jsonld, rewritten with the graphs; made when it does not exist). An
    endpoint gets the union by loading osce.ttl (`osce-rdf dump`) with --graph default.

    \b
    Example:
        osce-rdf load corrections.trig
        osce-rdf load extra.ttl --graph https://w3id.org/osce/graph/extra
        osce-rdf load corrections.trig --data archive.trig
        osce-rdf dump dist --all dump
        osce-rdf load dump/osce.trig dump/osce.ttl --graph default --endpoint http://127.0.0.1:7878/query
    """
    if data and endpoint:
        raise click.UsageError("--data and --endpoint are alternatives")
    try:
        replaced = load(
            files,
            data=Path(data) if data else None,
            endpoint=endpoint,
            graph=graph,
            graph_store=graph_store,
            validate=not no_validate,
            shapes=Shapes(shapes_dir) if shapes_dir is not None else None,
            timeout=timeout,
            base=base,
        )
    except InvalidDataError as error:
        context = load_context(base)
        click.echo(render(error.results, "text", context=context), err=True, nl=False)
        click.echo(
            f"osce-rdf: error: {error}; nothing loaded (--no-validate loads anyway)", err=True
        )
        sys.exit(1)
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
    from ..publishing.site import write_site

    show = sys.stderr.isatty()
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="resources", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:  # ended here: the site is made in a process of its own
            bar.__exit__(None, None, None)
            bar = None

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
    from ..pipeline.store import STORE_DIR
    from ..publishing.site import write_docs

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
    from ..publishing.serve import ServeSettings, serve

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
    from ..publishing.publish import PublishError, publish

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
