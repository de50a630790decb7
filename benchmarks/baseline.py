"""The straightforward baseline the benchmark compares against, measured in the same run.

What a first version of this toolkit would do with the usual Python RDF stack: read the pages
with the same parser and mapping, build one rdflib Dataset (a named graph per item, plus the
reference data and the ontology), validate the union of all graphs with pySHACL in one call,
and serialise TriG, Turtle and JSON-LD with rdflib. Single process, no cache.

    python benchmarks/baseline.py PAGES_DIR OUT_DIR [--no-enrich]

It prints one JSON object with the time of each stage and the counts.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib

from osce_rdf.errors import PageError
from osce_rdf.pipeline.page_pipeline import Pipeline, Settings
from osce_rdf.reading.pages import find_pages, read_page

__all__ = ["main", "run_baseline"]


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    raise TypeError("RDF-star is not used here")


def run_baseline(pages_dir: Path, out_dir: Path, *, enrich: bool = True) -> dict[str, float | int]:
    """Build, validate and serialise with rdflib and pySHACL; return stage times and counts."""
    timings: dict[str, float | int] = {}
    started = time.perf_counter()
    pipeline = Pipeline(Settings(validate=False, enrich=enrich))
    dataset = rdflib.Dataset()
    for name, triples in (
        (pipeline.iris.ontology_graph, pipeline.ontology),
        (pipeline.iris.reference_graph, pipeline.reference_graph),
    ):
        graph = dataset.graph(rdflib.URIRef(name))
        for t in triples:
            graph.add((_term(t.subject), _term(t.predicate), _term(t.object)))
    items = 0
    for file, root in find_pages([pages_dir]):
        try:
            page = read_page(file, root, content_types=pipeline.content_types)
        except PageError:
            continue
        for item in page.items:
            mapped = pipeline.graph(item)  # the same triples as the build, enrichment included
            graph = dataset.graph(rdflib.URIRef(mapped.graph.value))
            for t in mapped.triples:
                graph.add((_term(t.subject), _term(t.predicate), _term(t.object)))
            items += 1
    timings["build_s"] = time.perf_counter() - started

    started = time.perf_counter()
    union = rdflib.Graph()
    for graph in dataset.graphs():
        if str(graph.identifier) != pipeline.iris.ontology_graph:
            union += graph
    shapes = rdflib.Graph().parse(data=pipeline.validator.shapes.ntriples, format="nt")
    _, report, _ = pyshacl.validate(union, shacl_graph=shapes, allow_warnings=True)
    timings["validate_s"] = time.perf_counter() - started
    timings["results"] = len(list(report.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult)))

    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    dataset.serialize(out_dir / "osce.trig", format="trig")
    union_all = rdflib.Graph()
    for graph in dataset.graphs():
        union_all += graph
    union_all.serialize(out_dir / "osce.ttl", format="turtle")
    dataset.serialize(out_dir / "osce.jsonld", format="json-ld")
    timings["serialise_s"] = time.perf_counter() - started
    timings["items"] = items
    timings["triples"] = len(union_all)
    timings["total_s"] = timings["build_s"] + timings["validate_s"] + timings["serialise_s"]
    return timings


def main() -> None:
    arguments = [a for a in sys.argv[1:] if a != "--no-enrich"]
    if len(arguments) != 2:
        sys.exit(__doc__)
    timings = run_baseline(
        Path(arguments[0]), Path(arguments[1]), enrich="--no-enrich" not in sys.argv
    )
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
