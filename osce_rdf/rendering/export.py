"""`export`: the dataset in another RDF format, or one framed JSON-LD document per item.

The framed documents are what a CMS or a search engine indexes: the item with its publisher,
places, sources, fields of work and mentions embedded as objects (one level deep), so a
consumer needs no second lookup and no RDF toolkit.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from ..atomic_files import atomic_writer, make_folder
from ..errors import UsageError
from ..identity.namespaces import RDF_TYPE, SCHEMA
from ..identity.rdf_terms import value
from .dumps import TRIG, open_dump
from .jsonld import (
    JSONLD_FOOTER,
    JSONLD_SEPARATOR,
    dumps_node,
    graph_block,
    jsonld_document,
    jsonld_header,
    node_objects,
)
from .jsonld_context import Context
from .rdf_input import RDF_FORMATS, read_quads
from .rdf_text import Blocks, nt_lines, sorted_triples

__all__ = [
    "EXPORT_FORMATS",
    "FRAMES",
    "export",
    "export_format",
    "frame_items",
    "framed",
    "load_quads",
]

EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")
FRAMES = ("release",)
_IN_LANGUAGE = SCHEMA + "inLanguage"
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
    """The quads of a build folder (its `osce.trig`, joined from its parts) or of an RDF file."""
    if source.is_dir():
        with open_dump(source, TRIG) as trig:
            return list(
                read_quads(trig, str(source / TRIG.file_name), rdf_format=ox.RdfFormat.TRIG)
            )
    return list(read_quads(source))


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        graphs[name].append(quad.triple)
    return dict(sorted(graphs.items()))


def _chunks(quads: list[ox.Quad], fmt: str, context: Context) -> Iterator[str]:
    graphs = _by_graph(quads)
    blocks = Blocks(context.prefixes)
    if fmt in {"turtle", "ntriples"}:
        union = {t for triples in graphs.values() for t in triples}
        if fmt == "turtle":
            yield context.prefixes.turtle_header()
            yield blocks.turtle(sorted_triples(union)).decode("utf-8")
        else:
            yield "".join(line + "\n" for line in nt_lines(union))
    elif fmt == "nquads":
        yield "".join(sorted({f"{q} .\n" for q in quads}))
    elif fmt == "trig":
        yield context.prefixes.turtle_header()
        for name, triples in graphs.items():
            ordered = sorted_triples(triples)
            turtle = blocks.turtle(ordered)
            yield (blocks.trig(name, turtle) if name else turtle).decode("utf-8")
    else:
        yield jsonld_header(context)
        parts = []
        for name, triples in graphs.items():
            ordered = sorted_triples(triples)
            if name:
                parts.append(graph_block(name, ordered, context, _language(triples)))
            else:
                parts.extend(dumps_node(node) for node in node_objects(ordered, context))
        yield JSONLD_SEPARATOR.join(parts)
        yield JSONLD_FOOTER


def export(
    quads: list[ox.Quad],
    fmt: str | None,
    out: IO[str] | Path,
    context: Context,
) -> None:
    """Write the quads to a file (atomically) or an open stream, in `fmt` or, for a file,
    the format its extension names (see `export_format`)."""
    fmt = export_format(fmt, out if isinstance(out, Path) else None)
    if isinstance(out, Path):
        with atomic_writer(out) as handle:
            for chunk in _chunks(quads, fmt, context):
                handle.write(chunk)
    else:
        for chunk in _chunks(quads, fmt, context):
            out.write(chunk)


def frame_items(
    quads: list[ox.Quad], directory: Path, context: Context, context_url: str | None = None
) -> list[Path]:
    """One JSON-LD document per item in `directory`, named after the item's key.

    An item is written once, however many graphs describe it (a TriG file with the union in
    its default graph names every item twice). Items whose names would be one file name (the
    same last segment under two bases; names that differ only in case, one file on macOS and
    Windows) get a short hash of their IRI added, each, so no document overwrites another.
    With `context_url`, a document refers to the context there (`context.jsonld` of the
    build, published next to the documents) instead of repeating it inline.
    """
    graphs = _by_graph(quads)
    reference: dict[str, list[ox.Triple]] = defaultdict(list)
    items: list[tuple[str, list[ox.Triple]]] = []
    shared: list[str] = []  # items described only in a graph with others (a file's union)
    for triples in graphs.values():
        found = sorted({value(t.subject) for t in triples if _is_item(t)})
        if len(found) == 1:
            items.append((found[0], triples))
            continue
        shared.extend(found)
        for triple in triples:
            if isinstance(triple.subject, ox.NamedNode):
                reference[triple.subject.value].append(triple)
    by_item = dict(reversed(items))  # the first graph of an item describes it
    for item in shared:  # no graph of its own: what the graph says of it
        by_item.setdefault(item, reference[item])
    written: list[Path] = []
    make_folder(directory)
    for item, name in _file_names(sorted(by_item)).items():
        document = framed(item, by_item[item], reference, context, context_url)
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
        triple.predicate.value == RDF_TYPE
        and isinstance(triple.object, ox.NamedNode)
        and value(triple.object) == SCHEMA + "NewsArticle"
    )


def framed(
    item: str,
    graph: list[ox.Triple],
    reference: Mapping[str, list[ox.Triple]],
    context: Context,
    context_url: str | None = None,
) -> dict[str, Any]:
    """The item's graph as one tree with the item at its root: every triple of the graph,
    and the reference data's description of each thing the graph points at.

    Things are embedded where they are first reached, breadth first from the item (so the
    item's own properties get whole objects: `publisher`, `author`, `about`...); later
    references are IRIs. What the graph says about a thing without pointing at it (a
    membership attested in the item, the place in the text where a name stands) is embedded
    under what it points at, as a reverse property (`"@reverse": {"attestedIn": ...}`).
    """
    language = next(
        (
            value(t.object)
            for t in graph
            if t.predicate.value == _IN_LANGUAGE and value(t.subject) == item
        ),
        None,
    )
    own: dict[str, list[ox.Triple]] = defaultdict(list)
    for triple in graph:
        own[_subject_key(triple.subject)].append(triple)
    pointed = {  # things the graph points at, not its classes
        t.object.value
        for t in graph
        if isinstance(t.object, ox.NamedNode)
        and t.object.value not in own
        and t.predicate.value != RDF_TYPE
    }
    descriptions = {**{iri: reference[iri] for iri in sorted(pointed) if iri in reference}, **own}
    by_id = {
        context.prefixes.compact(iri) if not iri.startswith("_:") else iri: iri
        for iri in descriptions
    }
    nodes = {
        iri: node_objects(sorted_triples(triples), context, language)[0]
        for iri, triples in descriptions.items()
    }
    placed = {item}
    queue = deque([nodes[item]])

    # a url stays an address (Google reads `url` as one); other object properties embed
    object_terms = {d.name for d in context.terms.values() if d.kind == "object"} - {"url"}

    def embed(found: Any, key: str) -> Any:
        """`found` itself, or the node it refers to when that is not yet placed."""
        if isinstance(found, str):
            target = by_id.get(found) if key in object_terms else None
        elif isinstance(found, dict) and set(found) == {"@id"} and key != "url":
            target = by_id.get(found["@id"])
        else:
            target = None
        if target is None or target in placed:
            return found
        placed.add(target)
        queue.append(nodes[target])
        return nodes[target]

    while True:
        while queue:
            node = queue.popleft()
            for key in sorted(k for k in node if not k.startswith("@")):
                found = node[key]
                node[key] = (
                    [embed(v, key) for v in found] if isinstance(found, list) else embed(found, key)
                )
        rest = sorted(iri for iri in descriptions if iri not in placed)
        if not rest:
            break
        progressed = False
        for iri in rest:
            anchor = _anchor(descriptions[iri], item, placed)
            if anchor is None:
                continue
            predicate, target = anchor
            definition = context.terms.get(predicate)
            key = definition.name if definition is not None else context.prefixes.compact(predicate)
            node = nodes[iri]
            _drop(node, key, context.prefixes.compact(target))  # said by the reverse property
            nodes[target].setdefault("@reverse", {}).setdefault(key, []).append(node)
            placed.add(iri)
            queue.append(nodes[iri])
            progressed = True
        if not progressed:  # not in our data; a graph edited by hand may have islands
            break
    islands = [nodes[iri] for iri in sorted(descriptions) if iri not in placed]
    return jsonld_document(
        [nodes[item], *islands], context, context_url=context_url, language=language, root=True
    )


def _language(graph: Iterable[ox.Triple]) -> str | None:
    """The language of the item a graph describes, as the build writes its block."""
    items = {value(t.subject) for t in graph if _is_item(t)}
    found = {
        value(t.object)
        for t in graph
        if t.predicate.value == _IN_LANGUAGE and value(t.subject) in items
    }
    return found.pop() if len(items) == 1 and len(found) == 1 else None


def _subject_key(subject: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if isinstance(subject, ox.BlankNode):
        return f"_:{subject.value}"
    return value(subject)


def _anchor(triples: list[ox.Triple], item: str, placed: set[str]) -> tuple[str, str] | None:
    """(predicate, placed node) under which a thing nothing points at is embedded: the item
    when the thing points at it, else the first placed thing it points at."""
    targets = [
        (t.predicate.value, t.object.value)
        for t in sorted_triples(triples)
        if isinstance(t.object, ox.NamedNode) and t.object.value in placed
    ]
    for predicate, target in targets:
        if target == item:
            return predicate, target
    return targets[0] if targets else None


def _drop(node: dict[str, Any], key: str, target: str) -> None:
    """Remove the value `target` (an IRI as written) from `node[key]`."""
    found = node.get(key)
    values = found if isinstance(found, list) else [found]
    kept = [v for v in values if v not in (target, {"@id": target})]
    if not kept:
        del node[key]
    else:
        node[key] = kept[0] if len(kept) == 1 else kept
