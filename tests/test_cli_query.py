"""The `query`, `queries` and `load` commands on the sample build: output, exit status, errors.

What the rows mean is tested on a small fixture in test_queries.py; here the commands are run
as a user runs them, on the bundled sample pages, and their output is read back with other
readers (csv, json, rdflib) and compared with the build's own files.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner, Result

import osce_rdf
from osce_rdf.cli.commands import main
from osce_rdf.pipeline.build import BuildResult

from .conftest import single

BASE = "https://w3id.org/osce/"
SCHEMA = "https://schema.org/"
CATALOGUE = sorted(path.stem for path in Path(osce_rdf.__file__).with_name("queries").glob("*.rq"))
LATEST = ["latest-items-of-unit", "--param", "unit=ODIHR", "--param", "limit=3"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def dist(sample_build: tuple[BuildResult, Path]) -> Path:
    return sample_build[1]


def bindings(output: str) -> list[dict[str, dict[str, str]]]:
    document: dict[str, Any] = json.loads(output)
    rows: list[dict[str, dict[str, str]]] = document["results"]["bindings"]
    return rows


def test_queries_lists_every_catalogue_file_in_every_format() -> None:
    table = run("queries")
    assert table.exit_code == 0
    header, rule, *rows, count = table.stdout.splitlines()
    assert header.split() == ["name", "title", "parameters", "description"]
    assert set(rule) == {"-", " "}
    assert [row.split()[0] for row in rows] == CATALOGUE
    assert count == f"({len(CATALOGUE)} rows)"

    as_json = run("queries", "--format", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["head"]["vars"] == [
        "name",
        "title",
        "parameters",
        "description",
    ]
    latest = {row["name"]["value"]: row for row in bindings(as_json.stdout)}
    assert sorted(latest) == CATALOGUE
    assert latest["latest-items-of-unit"]["parameters"]["value"] == (
        "unit (unit) = secretariat, limit (count) = 10"
    )
    as_csv = list(csv.DictReader(io.StringIO(run("queries", "--format", "csv").stdout)))
    assert [row["name"] for row in as_csv] == CATALOGUE
    assert [row["description"] for row in as_csv] == [
        latest[name]["description"]["value"] for name in CATALOGUE
    ]


def test_query_by_name_gives_the_same_rows_in_every_format(dist: Path) -> None:
    as_json = run("query", "--data", str(dist), *LATEST, "--format", "json")
    assert as_json.exit_code == 0, as_json.stderr
    rows = bindings(as_json.stdout)
    assert [row["rank"]["value"] for row in rows] == ["1", "2", "3"]
    dates = [row["date"]["value"] for row in rows]
    assert dates == sorted(dates, reverse=True)

    # The items and their dates and headlines are the ones the build wrote (read by rdflib).
    trig = rdflib.Dataset(default_union=True)
    trig.parse(single(dist, "osce.trig"), format="trig")
    for row in rows:
        item = rdflib.URIRef(row["item"]["value"])
        assert item.startswith(BASE + "item/")
        assert (
            str(trig.value(item, rdflib.URIRef(SCHEMA + "datePublished"))) == (row["date"]["value"])
        )
        headline = trig.value(item, rdflib.URIRef(SCHEMA + "headline"))
        assert isinstance(headline, rdflib.Literal)
        assert (str(headline), headline.language) == (
            row["headline"]["value"],
            row["headline"]["xml:lang"],
        )

    as_csv = run("query", "--data", str(dist), *LATEST, "--format", "csv")
    assert as_csv.exit_code == 0
    assert list(csv.DictReader(io.StringIO(as_csv.stdout))) == [
        {name: cell["value"] for name, cell in row.items()} for row in rows
    ]
    as_jsonl = run("query", "--data", str(dist), *LATEST, "--format", "jsonl")
    assert [json.loads(line) for line in as_jsonl.stdout.splitlines()] == [
        {
            "rank": int(row["rank"]["value"]),
            "date": row["date"]["value"],
            "item": row["item"]["value"],
            "headline": row["headline"]["value"],
        }
        for row in rows
    ]
    table = run("query", "--data", str(dist), *LATEST)
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["rank", "date", "item", "headline"]
    assert lines[-1] == "(3 rows)"
    for line, row in zip(lines[2:-1], rows, strict=True):
        short = "item:" + row["item"]["value"].removeprefix(BASE + "item/")
        assert line.split()[:3] == [row["rank"]["value"], row["date"]["value"], short]


def test_ad_hoc_sparql_counts_what_the_build_wrote(
    sample_build: tuple[BuildResult, Path],
) -> None:
    result, dist = sample_build
    count = f"SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE {{ GRAPH ?g {{ ?i <{SCHEMA}headline> ?h }} }}"
    answer = run("query", "--data", str(dist), "--sparql", count, "--format", "csv")
    assert answer.exit_code == 0
    assert answer.stdout_bytes == f"n\r\n{result.items}\r\n".encode()
    asked = run("query", "--data", str(dist), "--sparql", "ASK { ?s ?p ?o }")
    assert (asked.exit_code, asked.stdout) == (0, "true\n")


def test_construct_prints_turtle_of_exactly_those_triples(dist: Path) -> None:
    item = f"{BASE}item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
    graph = item.replace("/item/", "/graph/")
    sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    answer = run("query", "--data", str(dist), "--sparql", sparql, "--format", "turtle")
    assert answer.exit_code == 0, answer.stderr
    printed = rdflib.Graph().parse(data=answer.stdout, format="turtle")
    written = rdflib.Dataset()
    written.parse(single(dist, "osce.trig"), format="trig")
    expected = written.graph(rdflib.URIRef(graph))
    assert len(printed) == len(expected) > 20
    assert rdflib.compare.isomorphic(printed, expected)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch"], "unknown query 'nosuch' (`osce-rdf queries` lists them)"),
        (
            ["latest-items-of-unit", "--param", "unit=ODIHX"],
            "parameter unit: no unit named 'ODIHX'; close matches: ODIHR",
        ),
        (["--sparql", "SELEC x"], "not valid SPARQL: unexpected 'SELEC x' at line 1, column 1"),
    ],
)
def test_a_query_that_cannot_run_is_one_line_and_exit_2(
    dist: Path, args: list[str], message: str
) -> None:
    answer = run("query", "--data", str(dist), *args)
    assert answer.exit_code == 2
    assert answer.stdout == ""
    assert answer.stderr == f"osce-rdf: error: {message}\n"


def test_a_refused_update_leaves_the_store_as_it_was(dist: Path) -> None:
    drop = run("query", "--data", str(dist), "--sparql", "DROP ALL")
    assert drop.exit_code == 2
    assert drop.stderr.startswith("osce-rdf: error: ")
    assert len(drop.stderr.splitlines()) == 1
    asked = run("query", "--data", str(dist), "--sparql", "ASK { ?s ?p ?o }")
    assert asked.stdout == "true\n"


def _retitled_item(dist: Path, headline: str) -> tuple[str, str, bytes]:
    """The seed's graph from the build's TriG with another headline: (item, graph, TriG)."""
    item = f"{BASE}item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
    graph = ox.NamedNode(item.replace("/item/", "/graph/"))
    store = ox.Store()
    store.load(path=str(single(dist, "osce.trig")), format=ox.RdfFormat.TRIG)
    quads = []
    for quad in store.quads_for_pattern(None, None, None, graph):
        if quad.subject == ox.NamedNode(item) and quad.predicate.value == SCHEMA + "headline":
            new = ox.Literal(headline, language="en")
            quads.append(ox.Quad(quad.subject, quad.predicate, new, graph))
        else:
            quads.append(quad)
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG)
    assert trig is not None
    return item, graph.value, trig


def _headlines(data: Path, item: str) -> list[str]:
    sparql = f"SELECT ?h WHERE {{ <{item}> <{SCHEMA}headline> ?h }}"
    answer = run("query", "--data", str(data), "--sparql", sparql, "--format", "csv")
    assert answer.exit_code == 0, answer.stderr
    return answer.stdout.splitlines()[1:]


def test_load_replaces_a_named_graph_and_queries_see_it(dist: Path, tmp_path: Path) -> None:
    copy = tmp_path / "dist"
    shutil.copytree(dist, copy)
    item, _, trig = _retitled_item(copy, "A corrected headline")
    corrections = tmp_path / "corrections.trig"
    corrections.write_bytes(trig)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = run("query", "--data", str(copy), "--sparql", count, "--format", "csv").stdout

    loaded = run("load", "--data", str(copy), str(corrections))
    # What was done goes to stderr, like every command's report: stdout is for data.
    assert (loaded.exit_code, loaded.stdout, loaded.stderr) == (0, "", "loaded 1 graph\n")
    assert _headlines(copy, item) == ["A corrected headline"]
    # The graph was replaced, not added to: as many quads as before.
    assert run("query", "--data", str(copy), "--sparql", count, "--format", "csv").stdout == before


def test_load_refuses_a_graph_that_breaks_the_shapes_with_exit_1(
    dist: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "dist"
    shutil.copytree(dist, copy)
    item, graph, _ = _retitled_item(copy, "unused")
    before = _headlines(copy, item)
    broken = tmp_path / "broken.trig"
    # The item's graph without a headline: the shapes want one.
    broken.write_text(f"<{graph}> {{ <{item}> a <{SCHEMA}NewsArticle> . }}\n")
    refused = run("load", "--data", str(copy), str(broken))
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert f"{broken}: violation:" in refused.stderr
    assert refused.stderr.endswith("; nothing loaded (--no-validate loads anyway)\n")
    assert _headlines(copy, item) == before


def test_exit_statuses_of_a_real_process(dist: Path) -> None:
    """The console entry point, not click's runner: statuses and streams as a shell sees them."""
    command = [sys.executable, "-m", "osce_rdf"]
    ok = subprocess.run(
        [*command, "query", "--data", str(dist), *LATEST, "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ok.returncode, ok.stderr) == (0, "")
    assert len(ok.stdout.splitlines()) == 3
    bad = subprocess.run(
        [*command, "query", "--data", str(dist / "missing"), "counts-per-class"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert len(bad.stderr.splitlines()) == 1
    assert bad.stderr.startswith("osce-rdf: error: ")
    assert "Traceback" not in bad.stderr
    listed = subprocess.run(
        [*command, "queries", "--format", "tsv"], capture_output=True, text=True, check=False
    )
    assert listed.returncode == 0
    assert len(listed.stdout.splitlines()) == len(CATALOGUE) + 1
