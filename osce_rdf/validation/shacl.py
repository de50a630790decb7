"""SHACL validation: the engines, and results that say where the bad data came from.

Two engines give the same results (tests/test_engines.py checks it on a corpus with injected
faults): pyshacl-turbo, a Rust engine, by default; pySHACL, the reference implementation, on
request. Each engine gets data and shapes in one term model (docs/decisions/0002: mixing
pyoxigraph and rdflib terms gives false `sh:in` and `sh:hasValue` failures): pyshacl-turbo
both as pyoxigraph stores, which it reads natively, pySHACL both as rdflib graphs.

Validation runs on units: some item graphs plus the reference graph they point into. A unit
reports only results whose focus node is described in its items, so items validate in
parallel and, cached with their item, need no revalidation when the item has not changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import warnings
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from ..errors import UsageError
from ..identity.namespaces import RDF_TYPE, VOCABULARIES
from ..identity.prefixes import VOCABULARY_PREFIXES
from ..identity.rdf_terms import value
from ..package_data import SHAPES_DIR
from .messages import ShapeParameters, Shorten, describe_shape, ill_typed, own_message, sentence

__all__ = [
    "ENGINES",
    "SEVERITIES",
    "Shapes",
    "ValidationResult",
    "Validator",
    "distinct",
    "severity_counts",
]

ENGINES = ("turbo", "pyshacl")
Engine = Literal["turbo", "pyshacl"]
SEVERITIES = ("Violation", "Warning", "Info")
_SH = "http://www.w3.org/ns/shacl#"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result, with the saved page (or reference file) and line it came from.

    `value` is the value's text (an IRI, or a literal's lexical form); `value_term` the same
    value in N-Triples, for reports that give it as an RDF term. `rdf_file` names the RDF
    file the result was found in, when one was validated.
    """

    severity: str
    focus: str
    path: str | None
    component: str
    message: str
    value: str | None = None
    shape: str | None = None
    source: str | None = None
    line: int | None = None
    rdf_file: str | None = None
    value_term: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (
            SEVERITIES.index(self.severity), self.source or "~", self.line or 0, self.focus,
            self.path or "", self.component, self.value or "", self.message, self.rdf_file or "",
        )  # fmt: skip

    def identity(self) -> tuple[str, str, str | None, str, str | None, str | None]:
        """What makes two results the same finding, whichever unit or engine found them."""
        return (self.severity, self.focus, self.path, self.component, self.value, self.rdf_file)

    def located(self, source: str | None, line: int | None) -> ValidationResult:
        return replace(self, source=source, line=line)

    def encode(self) -> list[Any]:
        """The result as a JSON list (the build index keeps them so); `decode` reads it back."""
        return [getattr(self, name) for name in self.__slots__]

    @classmethod
    def decode(cls, data: Sequence[Any]) -> ValidationResult:
        return cls(*data)


def severity_counts(results: Iterable[ValidationResult]) -> dict[str, int]:
    """How many results of each severity, every severity of `SEVERITIES` named.

    >>> severity_counts([])
    {'Violation': 0, 'Warning': 0, 'Info': 0}
    """
    counts = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        counts[result.severity] += 1
    return counts


class Shapes:
    """The shapes graph: every `*.ttl` file of a folder, read once.

    `cross*.ttl` files hold checks across resources: what their paths read may be reference
    data, so a unit's context keeps it (see `Validator.validate_unit`). Every other file holds
    per-resource shapes, which read reference data only in SPARQL. A profile
    (`profiles/NAME.ttl`, such as `google-article`) adds checks that are not the public
    contract, on request.
    """

    def __init__(self, directory: Path = SHAPES_DIR, profiles: Sequence[str] = ()) -> None:
        files = sorted(directory.glob("*.ttl"))
        if not files:
            raise UsageError(f"no shapes (*.ttl) in {directory}")
        for name in profiles:
            profile = directory / "profiles" / f"{name}.ttl"
            if not profile.is_file():
                known = sorted(p.stem for p in (directory / "profiles").glob("*.ttl"))
                raise UsageError(
                    f"no shapes profile {name!r} in {directory / 'profiles'}; "
                    f"choose one of {', '.join(known) or '(none)'}"
                )
            files.append(profile)
        self.directory = directory
        self.files = files

    def _ntriples(self, files: Iterable[Path]) -> str:
        store = ox.Store()
        for file in files:
            try:
                store.load(path=str(file), format=ox.RdfFormat.TURTLE)
            except (SyntaxError, ValueError) as error:
                raise UsageError(f"{file}: not valid Turtle: {error}") from None
        return "".join(f"{q.triple} .\n" for q in sorted(store, key=str))

    @cached_property
    def ntriples(self) -> str:
        """All shapes."""
        return self._ntriples(self.files)

    @cached_property
    def core(self) -> str:
        return self._ntriples(f for f in self.files if not f.name.startswith("cross"))

    @cached_property
    def cross(self) -> str:
        return self._ntriples(f for f in self.files if f.name.startswith("cross"))

    @cached_property
    def version(self) -> str:
        """Changes when any shapes file does (the files' bytes: blank node labels vary by run)."""
        digest = hashlib.sha256()
        for file in self.files:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
        return digest.hexdigest()[:16]

    @cached_property
    def context_reads(self) -> frozenset[str]:
        """Predicates of context data the shapes read: in the per-resource shapes' SPARQL
        (and rdf:type, rdfs:subClassOf), and anything the cross checks look at."""
        return _reads(self.core, with_paths=False) | _reads(self.cross, with_paths=True)

    @cached_property
    def item_reads(self) -> frozenset[str] | None:
        """Every predicate of item data the shapes look at (None: cannot tell, because a
        complex path hides its predicates in lists; then nothing is left out)."""
        if not _simple_paths(self.core):
            return None
        return _reads(self.core, with_paths=True) | _reads(self.cross, with_paths=True)

    @cached_property
    def per_value(self) -> frozenset[str]:
        """Predicates whose values the shapes only check one at a time: a node's values of
        one can be validated in parts (see `Validator.validate_unit`)."""
        return _per_value(self.ntriples) if self.item_reads is not None else frozenset()

    @cached_property
    def cut(self) -> Cut | None:
        """How a graph can be validated in parts with these shapes' results (None: it
        cannot be, validate it whole)."""
        return _cut(list(ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES)))


@dataclass(frozen=True)
class Cut:
    """The shapes split by what validating a focus node with them reads.

    `local` shapes read only the focus node's own triples and the types of its values
    (simple paths; `sh:class`, `sh:datatype` and the like on values), so the graph can be cut
    by subject: a part holds every triple of its subjects, the rdf:type triples of the
    nodes they point to and every rdfs:subClassOf triple, and reports on its subjects only.
    The other shapes (`whole`: SPARQL, or paths read from a value node) see the whole graph,
    projected to the predicates they read (`whole_reads`): a shape's results depend only on
    what it reads.
    """

    local: tuple[str, ...]
    whole: tuple[str, ...]
    whole_reads: frozenset[str]


_TARGETS = frozenset(_SH + name for name in ("targetClass", "targetSubjectsOf"))
_OTHER_TARGETS = frozenset(_SH + name for name in ("targetNode", "targetObjectsOf", "target"))
# A shape's parts that apply to the nodes the shape itself applies to (its focus or values).
_SAME_NODES = frozenset(
    _SH + name for name in ("node", "or", "and", "xone", "not", "qualifiedValueShape")
)
_LIST = frozenset((RDF_FIRST, RDF_REST))


def _cut(graph: Sequence[ox.Triple]) -> Cut | None:
    """Split the targeted shapes into local and whole ones (see `Cut`); None when a target
    can name a node that is no subject (sh:targetNode, sh:targetObjectsOf, SPARQL targets),
    a path is not a plain predicate, or a targeted shape is a blank node (the engine selects
    shapes by name)."""
    if not _simple_paths(graph) or any(t.predicate.value in _OTHER_TARGETS for t in graph):
        return None
    edges: dict[ox.NamedNode | ox.BlankNode, list[tuple[str, Any]]] = {}
    for t in graph:
        if not isinstance(t.subject, ox.Triple):
            edges.setdefault(t.subject, []).append((t.predicate.value, t.object))
    targeted = sorted({t.subject for t in graph if t.predicate.value in _TARGETS}, key=value)
    if not all(isinstance(shape, ox.NamedNode) for shape in targeted):
        return None
    local: list[str] = []
    whole: list[str] = []
    read: list[ox.Triple] = [t for t in graph if t.predicate.value in _DECLARATIONS]
    for shape in targeted:
        reached: set[Any] = set()
        is_local = _walk(shape, False, edges, reached)
        (local if is_local else whole).append(value(shape))
        if not is_local:
            read.extend(t for t in graph if t.subject in reached)
    return Cut(tuple(local), tuple(whole), _reads(read, with_paths=True))


def _walk(
    node: Any, on_values: bool, edges: dict[Any, list[tuple[str, Any]]], seen: set[Any]
) -> bool:
    """Whether the shape `node`, applied to the focus node (`on_values` False) or to nodes it
    points to (True), reads only what a part holds; `seen` collects every node of the shape."""
    if node in seen:
        return True
    seen.add(node)
    own = edges.get(node, [])
    has_path = any(p == _SH + "path" for p, _ in own)
    local = not (has_path and on_values)
    values = on_values or has_path  # the nodes its parts apply to: elsewhere, with a path
    for predicate, child in own:
        if predicate == _SH + "sparql":
            local = False
            _walk(child, values, edges, seen)
        elif predicate == _SH + "property" or predicate in _SAME_NODES:
            local &= _walk(child, values, edges, seen)
        elif predicate in _LIST:
            local &= _walk(child, on_values, edges, seen)
    return local


_DECLARATIONS = frozenset(_SH + name for name in ("prefix", "namespace"))

# Shape terms whose object is a predicate of the data that the shape reads.
_PREDICATE_READERS = frozenset(
    _SH + name
    for name in (
        "path",
        "targetSubjectsOf",
        "targetObjectsOf",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
    )
)
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"

_PREFIXED = re.compile(r"(?<![\w<])([A-Za-z][\w-]*):([A-Za-z_][\w-]*)")
_FULL_IRI = re.compile(r"<([^<>\s]+)>")


def _reads(ntriples: str | Sequence[ox.Triple], *, with_paths: bool) -> frozenset[str]:
    """The predicates shapes read: named in SPARQL queries (by prefixed name or IRI) or paths."""
    graph = (
        list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
        if isinstance(ntriples, str)
        else ntriples
    )
    prefixes = dict(VOCABULARIES)
    for t in graph:
        if t.predicate.value == _SH + "prefix":
            namespace = next(
                (
                    value(u.object)
                    for u in graph
                    if u.subject == t.subject and u.predicate.value == _SH + "namespace"
                ),
                None,
            )
            if namespace:
                prefixes[value(t.object)] = namespace
    reads = {RDF_TYPE, RDFS_SUBCLASS}
    for t in graph:
        predicate = t.predicate.value
        if predicate in {_SH + "select", _SH + "ask"}:
            query = value(t.object)
            reads.update(iri for iri in _FULL_IRI.findall(query))
            reads.update(
                prefixes[p] + local for p, local in _PREFIXED.findall(query) if p in prefixes
            )
        elif with_paths and predicate in _PREDICATE_READERS and isinstance(t.object, ox.NamedNode):
            reads.add(t.object.value)
    return frozenset(reads)


def _simple_paths(ntriples: str | Sequence[ox.Triple]) -> bool:
    """Whether every sh:path is a plain predicate (a complex path reads predicates in lists)."""
    graph = (
        ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES) if isinstance(ntriples, str) else ntriples
    )
    return all(
        isinstance(t.object, ox.NamedNode) for t in graph if t.predicate.value == _SH + "path"
    )


# Parameters of a property shape that check each value on its own, or count the values
# (a count below `_MOST_VALUES` holds of a part of more values as of all of them), or say
# nothing about the data.
_PER_VALUE_PARAMETERS = frozenset(
    [RDF_TYPE]
    + [
        _SH + name
        for name in (
            "path", "nodeKind", "class", "datatype", "pattern", "flags", "minLength",
            "maxLength", "languageIn", "in", "minInclusive", "maxInclusive", "minExclusive",
            "maxExclusive", "minCount", "maxCount", "message", "severity", "name",
            "description", "order", "group", "deactivated",
        )
    ]
)  # fmt: skip
_COUNTS = frozenset({_SH + "minCount", _SH + "maxCount"})
_COUNT_COMPONENTS = frozenset({"MinCountConstraintComponent", "MaxCountConstraintComponent"})


def _per_value(ntriples: str) -> frozenset[str]:
    """The predicates that shapes read only through property shapes with per-value
    parameters (`_PER_VALUE_PARAMETERS`), each shape attached by `sh:property` to a node
    shape that no other shape uses (within `sh:or`, `sh:node` or `sh:not` a node's values
    are judged together), and that no SPARQL, target or comparison with another path reads.

    A node's values of such a predicate can be validated in parts: each value's results
    depend on that value alone, and the counts come out the same for any part of more than
    `_MOST_VALUES` values.
    """
    graph = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    referrers: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]] = {}
    parameters: dict[ox.NamedNode | ox.BlankNode | ox.Triple, list[ox.Triple]] = {}
    for t in graph:
        parameters.setdefault(t.subject, []).append(t)
        if isinstance(t.object, (ox.NamedNode, ox.BlankNode)):
            referrers.setdefault(t.object, []).append(t)
    unsafe = set(_reads(ntriples, with_paths=False))  # SPARQL's, rdf:type, rdfs:subClassOf
    unsafe.update(
        t.object.value
        for t in graph
        if t.predicate.value in _PREDICATE_READERS - {_SH + "path"}
        and isinstance(t.object, ox.NamedNode)
    )
    paths: set[str] = set()
    for t in graph:
        if t.predicate.value != _SH + "path" or not isinstance(t.object, ox.NamedNode):
            continue
        shape, path = t.subject, t.object.value
        paths.add(path)
        own = parameters[shape]
        attached = all(
            r.predicate.value == _SH + "property" and r.subject not in referrers
            for r in referrers.get(shape, ())
        )
        counts_small = all(
            isinstance(p.object, ox.Literal)
            and p.object.value.isdigit()
            and int(p.object.value) < _MOST_VALUES
            for p in own
            if p.predicate.value in _COUNTS
        )
        if (
            not attached
            or not counts_small
            or any(p.predicate.value not in _PER_VALUE_PARAMETERS for p in own)
        ):
            unsafe.add(path)
    return frozenset(paths - unsafe)


# pyshacl-turbo's time grows with the square of the number of values one node has of one
# predicate, whatever the shape asks of them (an item mentioning 5,000 things: 0.54 s;
# 10,000: 2.5 s; 20,000: 20 s, even for a property shape without a constraint). Values of a
# predicate the shapes check one at a time (`Shapes.per_value`) go to the engine in parts of
# this many: the part's results and those of all the values are the same.
_MOST_VALUES = 1000

# pyshacl-turbo's time grows with the square of the number of focus nodes it is given
# (8,500 nodes: 0.29 s; 17,000: 1.0 s; 85,000, one page with a 4 MB body: 30 s), while
# validating every node costs some 0.3 s more than a batch of pages needs (the results about
# reference data, dropped below) and then grows with the data. Beyond this many focus nodes
# the engine validates everything and the results are filtered here: the same results.
_MOST_FOCUS_NODES = 8000


class Validator:
    """Validates triples against the shapes with one engine.

    `shorten` writes IRIs in the results' messages as prefixed names (default: the
    vocabularies' prefixes).
    """

    def __init__(
        self,
        shapes: Shapes | None = None,
        engine: Engine = "turbo",
        *,
        shorten: Shorten | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise UsageError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
        self.shapes = shapes or Shapes()
        self.engine = engine
        self.shorten = shorten or VOCABULARY_PREFIXES.compact

    def prepare(self) -> None:
        """Compile the shapes now, on this thread, before threads share the validator: the
        engine's pyoxigraph objects must be dropped on the thread that made them."""
        self._program, self._shapes_graph  # noqa: B018

    @cached_property
    def _shapes_graph(self) -> Any:
        """The shapes as an rdflib graph: where the messages find a named shape's parameters."""
        import rdflib

        return rdflib.Graph().parse(data=self.shapes.ntriples, format="nt")

    @cached_property
    def _program(self) -> Any:
        """The shapes, compiled once for the engine."""
        text = self.shapes.ntriples
        if self.engine == "turbo":
            from pyshacl_turbo import compile_shapes

            # Shapes and data both go in as pyoxigraph stores: one term model (decision 0002).
            store = ox.Store()
            store.load(text, format=ox.RdfFormat.N_TRIPLES)
            return compile_shapes(store)  # type: ignore[no-untyped-call]
        import rdflib

        return rdflib.Graph().parse(data=text, format="nt")

    def validate(
        self,
        triples: Iterable[ox.Triple],
        focus: Collection[str] | None = None,
    ) -> list[ValidationResult]:
        """Results for the data, limited to the given focus nodes when there are some."""
        # Serialised by pyoxigraph, not a Python string per triple: a fifth of a unit's
        # validation was building this text in Python (cProfile, 400 pages).
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return self.validate_text(text.decode("utf-8"), focus)

    def validate_text(
        self, ntriples: str, focus: Collection[str] | None = None
    ) -> list[ValidationResult]:
        """`validate` for data given as N-Triples text (a whole file's, without Python terms).

        Whatever the engines or rdflib say on the way (an ill-typed literal is logged with a
        traceback, a recursive shape warns) stays off the terminal: results say it.
        """
        with _quiet():
            results = self._engine_results(ntriples, focus, None)
        if focus is not None:
            results = [r for r in results if r.focus in focus]
        return results

    def _engine_results(
        self, ntriples: str, focus: Collection[str] | None, use_shapes: Sequence[str] | None
    ) -> list[ValidationResult]:
        program = self._program
        if self.engine == "turbo":
            from pyshacl_turbo.rdf import Input

            # N-Triples text straight into the native engine: what it does with a
            # pyoxigraph store after dumping it, minus building and dumping the store (a
            # third faster, measured on 1,000 pages). One term model: the shapes went in
            # as a store.
            native = Input(ntriples, "oxigraph-nquads", None, {}, preserve_ids=True)
            # The engine takes focus nodes by their text (it reads `str()` of each).
            nodes: list[str] | None = (
                sorted(focus) if focus is not None and len(focus) <= _MOST_FOCUS_NODES else None
            )
            _, report, _ = program.validate(native, focus_nodes=nodes, use_shapes=use_shapes)
        else:
            import pyshacl
            import rdflib

            graph = rdflib.Graph().parse(data=ntriples, format="nt")
            # pySHACL validates everything and results are filtered below: its
            # focus_nodes option also applies nested shapes (sh:not) to the focus nodes,
            # wrongly.
            _, report, _ = pyshacl.validate(graph, shacl_graph=program, allow_warnings=True)
        return _results(report, (report, self._shapes_graph), self.shorten)

    def validate_union(
        self, quads: Sequence[ox.Quad], *, part_triples: int = 100_000
    ) -> list[ValidationResult]:
        """Results for the union of the quads' graphs: what one engine call on all of it
        gives, found in parts of about `part_triples` triples on every CPU when the shapes
        can be cut (`Shapes.cut`; decision 0032).

        The engine reads its input in time that grows faster than the input (0.2 s for
        50,000 triples, 4.3 s for 560,000) and runs on one thread, releasing the GIL:
        parts in threads use both cores and read in less time in all.
        """
        cut = self.shapes.cut if self.engine == "turbo" else None
        if cut is None:
            text = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
            return self.validate_text(text.decode("utf-8"))
        described: dict[Any, list[ox.Quad]] = {}
        types: dict[Any, list[ox.Triple]] = {}
        subclass: list[ox.Triple] = []
        whole: list[ox.Triple] = []
        for quad in quads:
            described.setdefault(quad.subject, []).append(quad)
            predicate = quad.predicate.value
            if predicate == RDF_TYPE:
                types.setdefault(quad.subject, []).append(quad.triple)
            elif predicate == RDFS_SUBCLASS:
                subclass.append(quad.triple)
            if predicate in cut.whole_reads:
                whole.append(quad.triple)

        def part(subjects: list[Any]) -> list[ValidationResult]:
            mine = set(subjects)
            triples = [q.triple for s in subjects for q in described[s]]
            pointed = {t.object for t in triples} - mine
            triples += [t for node in pointed for t in types.get(node, ())]
            triples += subclass
            text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            del triples
            focus = {_subject_text(s) for s in subjects}
            found = self._engine_results(text.decode("utf-8"), None, cut.local)
            return [r for r in found if r.focus in focus]

        def rest() -> list[ValidationResult]:
            text = ox.serialize(whole, format=ox.RdfFormat.N_TRIPLES) or b""
            return self._engine_results(text.decode("utf-8"), None, cut.whole)

        parts: list[list[Any]] = [[]]
        size = 0
        for subject, own in described.items():
            if size >= part_triples:
                parts.append([])
                size = 0
            parts[-1].append(subject)
            size += len(own)
        self.prepare()
        with _quiet(), ThreadPoolExecutor(max_workers=_cpus()) as pool:
            jobs = [pool.submit(rest)] if cut.whole else []
            if cut.local:
                jobs += [pool.submit(part, subjects) for subjects in parts]
            return [r for job in jobs for r in job.result()]

    def validate_unit(
        self, items: Sequence[ox.Triple], context: Sequence[ox.Triple]
    ) -> list[ValidationResult]:
        """Results for resources described in `items`, which point into `context`.

        `context` (the reference data) is validated on its own, once; here it only supplies
        what the items' shapes look at: the types of what items point to, what the shapes'
        SPARQL reads, what the cross checks read. Item triples that no shape reads
        (occurrences in the text, for instance, have only their subject checked) are left out
        too: a shape's results depend only on what it reads.

        One engine call with all the shapes, on the union of what they read: the engine's
        fixed cost per call is a large part of a unit's (docs/decisions/0024).
        """
        focus = {value(t.subject) for t in items}
        if not focus:
            return []
        item_reads = self.shapes.item_reads
        context_reads = self.shapes.context_reads
        read = (
            items if item_reads is None else [t for t in items if t.predicate.value in item_reads]
        )
        known = [t for t in context if t.predicate.value in context_reads]
        parts = _parts(read, self.shapes.per_value)
        if not parts:
            return self.validate([*read, *known], focus)
        return self._validate_in_parts(read, known, focus, parts)

    def _validate_in_parts(
        self,
        read: Sequence[ox.Triple],
        known: Sequence[ox.Triple],
        focus: Collection[str],
        parts: dict[tuple[ox.NamedNode, ox.NamedNode], list[list[ox.Triple]]],
    ) -> list[ValidationResult]:
        """A unit where some node has more than `_MOST_VALUES` values of a per-value
        predicate: the unit with the first part of each such node's values, then each
        further part with the node and the part's values described (their own triples,
        which per-value shapes read: types for `sh:class`), results about those values
        only. Every part is small, so the whole is linear in the values.
        """
        split = {t for chunks in parts.values() for chunk in chunks[1:] for t in chunk}
        results = self.validate([*(t for t in read if t not in split), *known], focus)
        described: dict[Any, list[ox.Triple]] = {}
        for t in read:
            if t not in split and (t.subject, t.predicate) not in parts:
                described.setdefault(t.subject, []).append(t)
        for index in range(1, max(len(chunks) for chunks in parts.values())):
            now = {key: chunks[index] for key, chunks in parts.items() if index < len(chunks)}
            triples = {t: None for key, chunk in now.items() for t in chunk}
            for node in {s for s, _ in now} | {t.object for chunk in now.values() for t in chunk}:
                triples.update(dict.fromkeys(described.get(node, ())))
            found = self.validate([*triples, *known], {s.value for s, _ in now})
            results += (
                r
                for r in found
                if r.component not in _COUNT_COMPONENTS
                and r.path is not None
                and (ox.NamedNode(r.focus), ox.NamedNode(r.path)) in now
            )
        return results

    def validate_graphs(
        self, graphs: Sequence[Sequence[ox.Triple]], context: Sequence[ox.Triple]
    ) -> list[list[ValidationResult]]:
        """Graphs validated together, as one unit (`validate_unit`), and for each graph the
        results about resources it describes (one that two graphs describe is in both).

        One engine call for many graphs: the engine's cost per call is high and its cost per
        triple low, so a unit holds a batch of pages' items, not one item.
        """
        results = self.validate_unit([t for graph in graphs for t in graph], context)
        described: dict[str, list[int]] = {}
        for index, graph in enumerate(graphs):
            for subject in {value(t.subject) for t in graph}:
                described.setdefault(subject, []).append(index)
        found: list[list[ValidationResult]] = [[] for _ in graphs]
        # Sorted: the engine's order can differ between runs, and the build index keeps them.
        for result in sorted(results, key=ValidationResult.sort_key):
            for index in described.get(result.focus, ()):
                found[index].append(result)
        return found


def _parts(
    read: Sequence[ox.Triple], per_value: frozenset[str]
) -> dict[tuple[ox.NamedNode, ox.NamedNode], list[list[ox.Triple]]]:
    """For each node with more than `_MOST_VALUES` values of a per-value predicate, its
    triples of that predicate in parts of `_MOST_VALUES`."""
    counts: dict[tuple[Any, ox.NamedNode], int] = {}
    for t in read:
        if t.predicate.value in per_value:
            key = (t.subject, t.predicate)
            counts[key] = counts.get(key, 0) + 1
    wide = {key for key, count in counts.items() if count > _MOST_VALUES}
    if not wide:
        return {}
    groups: dict[tuple[ox.NamedNode, ox.NamedNode], dict[ox.Triple, None]] = {}
    for t in read:
        subject = t.subject
        if isinstance(subject, ox.NamedNode) and (subject, t.predicate) in wide:
            groups.setdefault((subject, t.predicate), {})[t] = None  # each triple once
    parts: dict[tuple[ox.NamedNode, ox.NamedNode], list[list[ox.Triple]]] = {}
    for key, unique in groups.items():
        triples = list(unique)
        if len(triples) > _MOST_VALUES:
            parts[key] = [
                triples[i : i + _MOST_VALUES] for i in range(0, len(triples), _MOST_VALUES)
            ]
    return parts


def _results(report: Any, graphs: Sequence[Any], shorten: Shorten) -> list[ValidationResult]:
    """Read an rdflib report graph (both engines return one); `graphs` describe the shapes."""
    from rdflib import RDF, BNode, Namespace, URIRef

    sh = Namespace(_SH)
    found: list[ValidationResult] = []
    # A shape's parameters, read once: a large page has thousands of results of one shape.
    described: dict[Any, ShapeParameters] = {}
    for node in report.subjects(RDF.type, sh.ValidationResult):
        focus = report.value(node, sh.focusNode)
        if focus is None:
            continue
        path = report.value(node, sh.resultPath)
        path = path if isinstance(path, URIRef) else None
        # A severity of the user's own (any IRI may be one) fails like a violation.
        severity = str(report.value(node, sh.resultSeverity) or "").removeprefix(_SH)
        severity = severity if severity in SEVERITIES else "Violation"
        component = str(report.value(node, sh.sourceConstraintComponent) or "").removeprefix(_SH)
        shape = report.value(node, sh.sourceShape)
        value = report.value(node, sh.value)
        messages = sorted(str(m) for m in report.objects(node, sh.resultMessage))
        if shape is not None and shape not in described:
            described[shape] = describe_shape(graphs, shape)
        parameters = described[shape] if shape is not None else {}
        message = _message(component, focus, path, value, shape, parameters, messages, shorten)
        found.append(
            ValidationResult(
                severity=severity,
                focus=_node_text(focus),
                path=str(path) if path is not None else None,
                component=component,
                message=message,
                value=_term_text(value),
                shape=str(shape) if isinstance(shape, URIRef) else None,
                value_term=None if value is None or isinstance(value, BNode) else value.n3(),
            )
        )
    return found


def _message(
    component: str,
    focus: Any,
    path: Any,
    value: Any,
    shape: Any,
    parameters: ShapeParameters,
    messages: list[str],
    shorten: Shorten,
) -> str:
    """The shape's own message (the engines fill it in) or, without one, a sentence."""
    if messages and own_message(parameters) and not ill_typed(component, value, parameters):
        return messages[0]
    return sentence(component, focus, path, value, parameters, shorten, shape)


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep the engines' and rdflib's logged warnings and Python warnings off the terminal."""
    loggers = [
        logging.getLogger(name) for name in ("rdflib", "pyshacl", "pyshacl_turbo", "pyshacl-turbo")
    ]
    levels = [logger.level for logger in loggers]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for logger in loggers:
            logger.setLevel(logging.CRITICAL + 1)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)


def _subject_text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A subject as the results name their focus node (`_node_text`)."""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else value(term)


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _node_text(term: Any) -> str:
    """A focus node as text: an IRI as it is, a blank node as `_:label`, a literal (a focus
    of sh:targetObjectsOf) in N-Triples."""
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term.n3()) if isinstance(term, Literal) else str(term)


def _term_text(term: Any) -> str | None:
    if term is None:
        return None
    from rdflib import BNode

    return None if isinstance(term, BNode) else str(term)


def distinct(results: Iterable[ValidationResult]) -> list[ValidationResult]:
    """Each finding once (the first occurrence keeps its source), in report order."""
    seen: set[tuple[str, str, str | None, str, str | None, str | None]] = set()
    unique: list[ValidationResult] = []
    for result in results:
        if result.identity() not in seen:
            seen.add(result.identity())
            unique.append(result)
    return sorted(unique, key=ValidationResult.sort_key)
