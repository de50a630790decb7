"""`export`: the dataset in another RDF format, or one framed JSON-LD document per item.

The framed documents are what a CMS or a search engine indexes: the item with its publisher,
places, sources, fields of work and mentions embedded as objects (one level deep), so a
consumer needs no second lookup and no RDF toolkit.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .context import Context
from .errors import UsageError
from .files import atomic_writer, make_folder
from .jsonld import dumps_node, graph_block, node_objects
from .namespaces import RDF, SCHEMA
from .rdf_files import RDF_FORMATS, read_quads
from .serialize import Blocks, nt_lines, prefix_header, sorted_triples
from .terms import value

__all__ = ["EXPORT_FORMATS", "FRAMES", "export", "export_format", "frame_items", "load_quads"]

EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")
FRAMES = ("release",)
_NAMES = {
    ox.RdfFormat.TURTLE: "turtle",
    ox.RdfFormat.TRIG: "trig",
    ox.RdfFormat.N_QUADS: "nquads",
    ox.RdfFormat.N_TRIPLES: "ntriples",
    ox.RdfFormat.JSON_LD: "jsonld",
}


def export_format(fmt: str | None, out: Path | None = None) -> str:
    """The format to write: `fmt`, else the one the file's extension names, else turtle.

    A format that the extension contradicts (turtle into `x.jsonld`) is refused rather than
    written under a name that tells readers otherwise.
    """
    if fmt is not None and fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    named = None
    if out is not None and out.suffix.lower() in RDF_FORMATS:
        rdf_format = RDF_FORMATS[out.suffix.lower()]
        named = _NAMES.get(rdf_format)
        if named is None:
            raise UsageError(
                f"{out}: {rdf_format.name} cannot be written; name a file for one of "
                f"{', '.join(EXPORT_FORMATS)}"
            )
    if fmt is not None and named is not None and fmt != named:
        raise UsageError(
            f"format {fmt} does not match {out} (a {named} file): change one, or leave out the format"
        )
    return fmt or named or "turtle"


def load_quads(source: Path) -> list[ox.Quad]:
    """The quads of a build folder (its `osce.trig`) or of an RDF file."""
    if source.is_dir():
        trig = source / "osce.trig"
        if not trig.exists():
            raise UsageError(f"{source}: no osce.trig here; run `osce-rdf build -o {source}` first")
        source = trig
    return list(read_quads(source))


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        graphs[name].append(quad.triple)
    return dict(sorted(graphs.items()))


def _chunks(
    quads: list[ox.Quad], fmt: str, prefixes: dict[str, str], context: Context
) -> Iterator[str]:
    graphs = _by_graph(quads)
    blocks = Blocks(prefixes)
    if fmt in {"turtle", "ntriples"}:
        union = {t for triples in graphs.values() for t in triples}
        if fmt == "turtle":
            yield prefix_header(prefixes)
            yield blocks.turtle(sorted_triples(union)).decode("utf-8")
        else:
            yield "".join(line + "\n" for line in nt_lines(union))
    elif fmt == "nquads":
        yield "".join(sorted({f"{q} .\n" for q in quads}))
    elif fmt == "trig":
        yield prefix_header(prefixes)
        for name, triples in graphs.items():
            ordered = sorted_triples(triples)
            turtle = blocks.turtle(ordered)
            yield (blocks.trig(name, turtle) if name else turtle).decode("utf-8")
    else:
        yield (
            '{"@context": '
            + json.dumps(context.document(), ensure_ascii=False, indent=1)
            + ',\n"@graph": [\n'
        )
        parts = []
        for name, triples in graphs.items():
            ordered = sorted_triples(triples)
            if name:
                parts.append(graph_block(name, ordered, context))
            else:
                parts.extend(dumps_node(node) for node in node_objects(ordered, context))
        yield ",\n".join(parts)
        yield "\n]}\n"


def export(
    quads: list[ox.Quad],
    fmt: str | None,
    out: IO[str] | Path,
    prefixes: dict[str, str],
    context: Context,
) -> None:
    """Write the quads to a file (atomically) or an open stream, in `fmt` or, for a file,
    the format its extension names (see `export_format`)."""
    fmt = export_format(fmt, out if isinstance(out, Path) else None)
    if isinstance(out, Path):
        with atomic_writer(out) as handle:
            for chunk in _chunks(quads, fmt, prefixes, context):
                handle.write(chunk)
    else:
        for chunk in _chunks(quads, fmt, prefixes, context):
            out.write(chunk)


def frame_items(quads: list[ox.Quad], directory: Path, context: Context) -> list[Path]:
    """One JSON-LD document per item in `directory`, named after the item's key.

    An item is written once, however many graphs describe it (a TriG file with the union in
    its default graph names every item twice). Items whose names would be one file name (the
    same last segment under two bases; names that differ only in case, one file on macOS and
    Windows) get a short hash of their IRI added, each, so no document overwrites another.
    """
    graphs = _by_graph(quads)
    descriptions: dict[str, list[ox.Triple]] = defaultdict(list)
    for triples in graphs.values():
        for triple in triples:
            if isinstance(triple.subject, ox.NamedNode):
                descriptions[value(triple.subject)].append(triple)
    items = sorted({value(t.subject) for ts in graphs.values() for t in ts if _is_item(t)})
    written: list[Path] = []
    make_folder(directory)
    for item, name in _file_names(items).items():
        document = _framed(item, descriptions, context)
        path = directory / f"{name}.jsonld"
        with atomic_writer(path) as handle:
            handle.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    return written


def _file_names(items: list[str]) -> dict[str, str]:
    """Each item's file name: the last segment of its IRI, and where names would meet (in
    any case) a hash of the IRI, longer each round should a suffixed name meet another."""
    names = {item: item.rstrip("/").rsplit("/", 1)[-1] for item in items}
    for digits in (8, 16, 40):
        sharing = Counter(name.casefold() for name in names.values())
        if all(count == 1 for count in sharing.values()):
            break
        for item, name in names.items():
            if sharing[name.casefold()] > 1:
                names[item] = f"{name}-{hashlib.sha1(item.encode('utf-8')).hexdigest()[:digits]}"
    return names


def _is_item(triple: ox.Triple) -> bool:
    return (
        triple.predicate.value == RDF + "type"
        and isinstance(triple.object, ox.NamedNode)
        and value(triple.object) == SCHEMA + "NewsArticle"
    )


def _framed(
    item: str, descriptions: dict[str, list[ox.Triple]], context: Context
) -> dict[str, Any]:
    node = node_objects(sorted_triples(descriptions[item]), context)[0]
    embedded_ids = {context.compact_iri(iri): iri for iri in descriptions if iri != item}
    object_terms = {d.name for d in context.terms.values() if d.kind == "object"}

    def embed(key: str, found: Any) -> Any:
        if isinstance(found, str) and key in object_terms and found in embedded_ids:
            return node_objects(sorted_triples(descriptions[embedded_ids[found]]), context)[0]
        if isinstance(found, dict) and set(found) == {"@id"} and found["@id"] in embedded_ids:
            return node_objects(sorted_triples(descriptions[embedded_ids[found["@id"]]]), context)[
                0
            ]
        return found

    framed: dict[str, Any] = {"@context": context.document()}
    for key, found in node.items():
        if key in {"@id", "@type"}:
            framed[key] = found
        elif isinstance(found, list):
            framed[key] = [embed(key, v) for v in found]
        else:
            framed[key] = embed(key, found)
    return framed
