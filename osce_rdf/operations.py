"""The rest of the public API: `dump`, `export`, `load`, `check_reference` and `queries`.

Everything the command line does, Python code can do: `build`, `validate` and `query` live with
their stages; these join stages (a build's quads with the JSON-LD context, a store with
the shapes, pages with the reference data), so they sit above them, just under the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .atomic_files import atomic_writer, make_folder
from .errors import PageError
from .identity.iris import DEFAULT_BASE
from .package_data import REFERENCE_DIR
from .pipeline.loading import load_into_file
from .reading.reference_check import NavigationFinding, check_navigation
from .reference import load_reference
from .rendering import export as rdf_export
from .rendering.dumps import CONTEXT_FILE, DUMP_FORMATS, dump_format, dump_parts, write_dump
from .rendering.jsonld_context import load_context
from .rendering.rdf_input import is_rdf_file
from .sparql.catalogue import NamedQuery, catalogue
from .sparql.dataset import DEFAULT_LOAD_TIMEOUT, Dataset, load_into_build
from .validation.shacl import Shapes

__all__ = ["check_reference", "dump", "dump_all", "export", "export_framed", "load", "queries"]


def dump(directory: Path, output: Path | IO[bytes], *, fmt: str | None = None) -> None:
    """Write one dump file of the build in `directory` (kept there in parts) as one file:
    `fmt` trig, turtle or jsonld, by default the one `output`'s extension names, else trig.
    The bytes are those of a cold build of the same pages; a file is replaced only once it
    is complete."""
    chosen = dump_format(fmt, output if isinstance(output, Path) else None)
    dump_parts(directory, chosen)  # no build there: said before anything is written
    if isinstance(output, Path):
        with atomic_writer(output, binary=True) as handle:
            write_dump(directory, chosen, handle)
    else:
        write_dump(directory, chosen, output)


def dump_all(directory: Path, folder: Path) -> list[Path]:
    """Every dump file of the build in `directory`, and its JSON-LD context, into `folder`
    under their usual names (osce.trig, osce.ttl, osce.jsonld, context.jsonld); return them."""
    for found in DUMP_FORMATS:
        dump_parts(directory, found)
    make_folder(folder)
    written = []
    for found in DUMP_FORMATS:
        target = folder / found.file_name
        dump(directory, target, fmt=None)
        written.append(target)
    context = directory / CONTEXT_FILE
    if context.is_file():
        with atomic_writer(folder / CONTEXT_FILE, binary=True) as handle:
            handle.write(context.read_bytes())
        written.append(folder / CONTEXT_FILE)
    return written


def export(
    source: Path,
    output: Path | IO[str],
    *,
    fmt: str | None = None,
    base: str = DEFAULT_BASE,
) -> None:
    """Write a build folder's (or an RDF file's) quads to `output` in `fmt`: turtle, trig,
    nquads, ntriples or jsonld; for a file, by default the format its extension names."""
    rdf_export.export_format(fmt, output if isinstance(output, Path) else None)
    quads = rdf_export.load_quads(source)
    rdf_export.export(quads, fmt, output, load_context(base))


def export_framed(
    source: Path,
    directory: Path,
    *,
    context_url: str | None = None,
    base: str = DEFAULT_BASE,
) -> list[Path]:
    """One framed JSON-LD document per item into `directory`; return the files written.
    With `context_url` the documents refer to the context there instead of repeating it."""
    quads = rdf_export.load_quads(source)
    return rdf_export.frame_items(quads, directory, load_context(base), context_url)


def load(
    files: Iterable[Path],
    *,
    data: Path | None = None,
    endpoint: str | None = None,
    graph: str | None = None,
    graph_store: str | None = None,
    validate: bool = True,
    shapes: Shapes | None = None,
    timeout: float = DEFAULT_LOAD_TIMEOUT,
    base: str = DEFAULT_BASE,
) -> list[str]:
    """Add or replace named graphs from RDF files; return the graphs replaced.

    The target is an `endpoint` (SPARQL URL; `graph_store` its Graph Store Protocol URL), or
    `data`: a dataset file (.trig .nq .jsonld, made when missing) or a build folder (default
    `dist`). Graphs with a violation raise `InvalidDataError` and nothing is loaded, unless
    `validate` is false.
    """
    if endpoint is not None:
        if data is not None:
            raise ValueError("data and endpoint are alternatives")
        return Dataset.open(endpoint, base=base).load(
            files,
            graph=graph,
            graph_store=graph_store,
            validate=validate,
            shapes=shapes,
            timeout=timeout,
        )
    target = data if data is not None else Path("dist")
    if target.is_file() or (not target.exists() and is_rdf_file(target)):
        return load_into_file(
            target, files, graph=graph, validate=validate, shapes=shapes, base=base
        )
    return load_into_build(target, files, graph=graph, validate=validate, shapes=shapes, base=base)


def check_reference(
    pages: Iterable[Path], reference_dir: Path = REFERENCE_DIR
) -> tuple[list[NavigationFinding], list[PageError]]:
    """What the pages' navigation lists that the reference data lacks or names differently,
    and the pages that could not be read (`osce-rdf reference check`)."""
    return check_navigation(pages, load_reference(reference_dir))


def queries() -> list[NamedQuery]:
    """The query catalogue, in name order: each query's name, title, parameters and text."""
    return list(catalogue().values())
