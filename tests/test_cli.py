"""The command line: exit codes, one clear line per bad input, formats CI systems read."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from osce_rdf.cli.commands import main
from osce_rdf.identity.rdf_terms import value
from osce_rdf.package_data import REFERENCE_DIR
from osce_rdf.pipeline.build import BuildResult

from .conftest import FIXTURES, SEED, single

BAD = FIXTURES / "bad_pages"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_a_good_and_a_garbage_page(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(BAD / "good.txt", pages / "good.txt")
    shutil.copy(BAD / "binary.txt", pages / "garbage.txt")
    result = run("build", str(pages), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    error_lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert error_lines == [
        f"{pages / 'garbage.txt'}:3: error: binary data (NUL byte): not a saved text page"
    ]
    assert "Traceback" not in result.output
    trig = single(tmp_path / "out", "osce.trig")
    items = [
        q
        for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)
        if q.predicate.value.endswith("#type")
        and value(q.object) == "https://schema.org/NewsArticle"
    ]
    assert len(items) == 1


def test_build_with_nothing_readable_exits_2(tmp_path: Path) -> None:
    result = run(
        "build", str(BAD / "empty.txt"), str(BAD / "html.txt"), "-o", str(tmp_path / "out")
    )
    assert result.exit_code == 2
    assert [line.split(": error: ")[0] for line in result.stderr.splitlines()] == [
        f"{BAD / 'empty.txt'}:1",
        f"{BAD / 'html.txt'}:1",
        "osce-rdf",
    ]
    assert not (tmp_path / "out").exists()


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under `folder`, itself included: bytes and modification time."""
    return {
        str(path.relative_to(folder)): (
            path.read_bytes() if path.is_file() else None,
            path.stat().st_mtime_ns,
        )
        for path in [folder, *sorted(folder.rglob("*"))]
    }


@pytest.mark.parametrize("pages", ["empty folder", "only bad pages"])
def test_a_build_that_reads_no_page_leaves_the_previous_build_as_it_was(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, pages: str
) -> None:
    out = tmp_path / "out"
    shutil.copytree(sample_build[1], out, symlinks=True)  # `store` links to its generation
    before = snapshot(out)
    inputs = tmp_path / "pages"
    inputs.mkdir()
    if pages == "only bad pages":
        for name in ("empty.txt", "html.txt", "binary.txt"):
            shutil.copy(BAD / name, inputs / name)
    for extra in ([], ["--full"]):
        result = run("build", str(inputs), "-o", str(out), *extra)
        assert result.exit_code == 2
        last = result.stderr.splitlines()[-1]
        assert last.startswith("osce-rdf: error: ") and last.endswith(f"nothing written to {out}")
        assert result.stdout == ""
        assert snapshot(out) == before


def test_build_usage_error_exits_2(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "missing"))
    assert result.exit_code == 2


def test_build_reports_every_bad_page_and_keeps_listing_entries(tmp_path: Path) -> None:
    result = run("build", str(BAD), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    errors = sorted(
        line.split(": error: ")[0].rsplit("/", 1)[-1]
        for line in result.stderr.splitlines()
        if ": error: " in line
    )
    assert errors == [
        "binary.txt:3",
        "empty.txt:1",
        "html.txt:1",
        "impossible_date.txt:25",
        "impossible_date_meta.txt:19",
        "latin1.txt:2",
        "listing_one_bad.txt:8",
        "no_title.txt:17",
    ]
    assert "items: 3" in result.stdout  # good.txt and two entries of listing_one_bad.txt


def test_validate_the_built_dataset(sample_build: tuple[BuildResult, Path]) -> None:
    _, out = sample_build
    result = run("validate", str(single(out, "osce.trig")))
    assert result.exit_code == 0
    assert "conforms" in result.stderr


def test_validate_names_the_source_page_of_a_broken_item(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    text = single(out, "osce.trig").read_text(encoding="utf-8")
    broken = tmp_path / "broken.trig"
    broken.write_text(
        text.replace('\t\tschema:datePublished "2008-07-17"^^xsd:date ;\n', "", 1), encoding="utf-8"
    )
    result = run("validate", str(broken))
    assert result.exit_code == 1
    assert (
        "000_b58f2e4459b73bca.txt:153: violation: an item has exactly one datePublished"
        in result.stdout
    )
    github = run("validate", str(broken), "--format", "github")
    assert (
        "::error file=000_b58f2e4459b73bca.txt,line=153,title=SHACL MinCountConstraintComponent::"
        in github.stdout
    )
    junit = ET.fromstring(run("validate", str(broken), "--format", "junit").stdout)
    failures = junit.findall(".//failure")
    assert len(failures) == 1 and "datePublished" in (failures[0].get("message") or "")
    document = json.loads(run("validate", str(broken), "--format", "json").stdout)
    assert document["conforms"] is False and document["violations"] == 1
    assert document["results"][0]["source"] == {"file": "000_b58f2e4459b73bca.txt", "line": 153}
    report = run("validate", str(broken), "--format", "turtle").stdout
    parsed = list(ox.parse(report.encode(), format=ox.RdfFormat.TURTLE))
    assert any(
        t.predicate.value == "http://www.w3.org/ns/shacl#conforms" and value(t.object) == "false"
        for t in parsed
    )


def test_validate_pages_directly_with_paths_as_given(tmp_path: Path) -> None:
    result = run("validate", str(SEED))
    assert result.exit_code == 0
    result = run("validate", str(BAD / "no_title.txt"))
    assert result.exit_code == 2
    shown = (BAD / "no_title.txt").relative_to(Path.cwd())
    assert f"{shown}:17: error: no title" in result.stdout


def test_validate_unreadable_rdf_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b [[ .\n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{bad}:3: error: not valid Turtle")


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples", "jsonld"])
def test_export_formats_keep_every_triple(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, fmt: str
) -> None:
    _, out = sample_build
    target = tmp_path / f"export.{fmt}"
    assert run("export", "--data", str(out), "--format", fmt, "-o", str(target)).exit_code == 0
    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "nquads": ox.RdfFormat.N_QUADS,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
    }
    exported = {str(q.triple) for q in ox.parse(path=str(target), format=formats[fmt])}
    original = {
        str(q.triple)
        for q in ox.parse(path=str(single(out, "osce.trig")), format=ox.RdfFormat.TRIG)
    }
    assert exported == original


def test_export_framed_documents_embed_what_a_cms_needs(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    result, out = sample_build
    split = tmp_path / "items"
    args = ("export", "--data", str(out), "--frame", "release", "--split", str(split))
    assert run(*args, "--context-url", "https://example.org/context.jsonld").exit_code == 0
    documents = sorted(split.iterdir())
    assert len(documents) == result.items
    seed = json.loads(
        next(d for d in documents if d.name.startswith("2008-07-17-")).read_text(encoding="utf-8")
    )
    assert seed["@context"] == ["https://example.org/context.jsonld", {"@language": "en"}]
    assert seed["headline"].startswith("International co-operation")
    assert seed["contentLocation"]["name"] == "Vienna"


def test_export_context_url_needs_frame(sample_build: tuple[BuildResult, Path]) -> None:
    _, out = sample_build
    done = run("export", "--data", str(out), "--context-url", "context.jsonld")
    assert done.exit_code == 2
    assert "--context-url is for framed documents" in done.stderr


def test_reference_check_reports_older_and_unknown_names() -> None:
    pages = sorted(str(p) for p in (SEED.parent).glob("*.txt"))
    result = run("reference", "check", *pages)
    assert result.exit_code == 1
    assert "'Czech Republic' is a former name of the State or partner 'Czechia'" in result.stdout
    assert run("reference", "check", str(SEED)).exit_code == 0


def test_console_script_runs_as_a_real_process(sample_build: tuple[BuildResult, Path]) -> None:
    _, out = sample_build
    done = subprocess.run(
        [sys.executable, "-m", "osce_rdf", "validate", str(single(out, "osce.trig"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(
        r"items in 1 file: conforms \(0 violations, \d+ warnings?, \d+ infos\)$",
        done.stderr.strip(),
    )


def test_export_follows_the_extension_of_its_output(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    target = tmp_path / "osce.nq"
    assert run("export", "--data", str(out), "-o", str(target)).exit_code == 0
    quads = list(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS))
    assert quads and all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    refused = run(
        "export", "--data", str(out), "--format", "turtle", "-o", str(tmp_path / "x.jsonld")
    )
    assert refused.exit_code == 2 and not (tmp_path / "x.jsonld").exists()
    assert "does not match" in refused.stderr


def test_export_split_writes_each_item_once_to_its_own_file(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """Before, a file naming each item twice (the dump and its union together) said 'wrote
    104' for 52 files, and items whose names meet overwrote each other's documents."""
    result, out = sample_build
    both = tmp_path / "both.trig"
    both.write_bytes(single(out, "osce.trig").read_bytes() + single(out, "osce.ttl").read_bytes())
    split = tmp_path / "items"
    done = run("export", "--data", str(both), "--frame", "release", "--split", str(split))
    assert done.stderr == f"wrote {result.items} documents to {split}\n"
    assert len(list(split.iterdir())) == result.items

    items = ["https://a.example/item/news", "https://b.example/item/news"]
    items.append("https://a.example/item/NEWS")  # one file with the others on macOS, Windows
    meeting = tmp_path / "meeting.trig"
    meeting.write_text(
        "".join(
            f'<{item}> a <https://schema.org/NewsArticle> ; <https://schema.org/headline> "{n}" .\n'
            for n, item in enumerate(items)
        ),
        encoding="utf-8",
    )
    split = tmp_path / "meeting"
    done = run("export", "--data", str(meeting), "--frame", "release", "--split", str(split))
    assert done.stderr == f"wrote 3 documents to {split}\n"
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(split.iterdir())]
    assert sorted(d["@id"] for d in documents) == sorted(items)
    assert len({p.name.casefold() for p in split.iterdir()}) == 3


def broken_reference_copy(tmp_path: Path) -> Path:
    """A copy of the bundled reference data whose units.toml points at a unit that is not there."""
    copy = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, copy)
    units = copy / "units.toml"
    text = units.read_text(encoding="utf-8")
    broken = text.replace(
        'parent = "transnational-threats-department"', 'parent = "no-such-unit"', 1
    )
    units.write_text(broken, encoding="utf-8")
    return copy


def test_reference_option_errors_name_the_file_read(tmp_path: Path) -> None:
    copy = broken_reference_copy(tmp_path)
    result = run("build", str(SEED), "-o", str(tmp_path / "out"), "--reference", str(copy))
    assert result.exit_code == 2
    line = re.escape(str(copy / "units.toml"))
    assert re.fullmatch(
        rf"osce-rdf: {line}:\d+: error: .*parent 'no-such-unit' is not defined\n", result.stderr
    )


@pytest.mark.parametrize("variable", ["OSCE_RDF_REFERENCE", "OSCE_RDF_HOME"])
def test_environment_points_at_other_reference_data(tmp_path: Path, variable: str) -> None:
    """A folder from the environment replaces the bundled one (read at import: a new process)."""
    copy = broken_reference_copy(tmp_path)
    if variable == "OSCE_RDF_HOME":
        (tmp_path / "data").mkdir()
        copy = copy.rename(tmp_path / "data" / "reference")
    folder = tmp_path if variable == "OSCE_RDF_HOME" else copy
    done = subprocess.run(
        [sys.executable, "-m", "osce_rdf", "build", str(SEED), "-o", str(tmp_path / "out")],
        env={**os.environ, variable: str(folder)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"osce-rdf: {copy / 'units.toml'}:")
    assert "Traceback" not in done.stderr


def test_query_jsonld_of_a_construct_is_compacted_with_the_project_context(
    sample_build: tuple[BuildResult, Path],
) -> None:
    """`query --format jsonld` frames its document with the shared routine: the whole
    generated context inline, and rdflib's and pyoxigraph's JSON-LD parsers read the graph
    the Turtle answer holds."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from osce_rdf.identity.namespaces import SCHEMA
    from osce_rdf.rendering.jsonld_context import load_context

    _, out = sample_build
    sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s a <{SCHEMA}NewsArticle> ; ?p ?o }}"
    as_jsonld = run("query", "--data", str(out), "--sparql", sparql, "--format", "jsonld")
    as_turtle = run("query", "--data", str(out), "--sparql", sparql)
    assert as_jsonld.exit_code == 0 and as_turtle.exit_code == 0
    document = json.loads(as_jsonld.stdout)
    assert document["@context"] == load_context().document()
    assert document["@graph"] and all("@id" in node for node in document["@graph"])
    assert any("headline" in node for node in document["@graph"])  # the context's terms
    turtle = Graph().parse(data=as_turtle.stdout, format="turtle")
    assert len(turtle) > 100
    assert isomorphic(Graph().parse(data=as_jsonld.stdout, format="json-ld"), turtle)
    parsed = ox.parse(as_jsonld.stdout.encode(), format=ox.RdfFormat.JSON_LD)
    assert {str(q.triple) for q in parsed} == {
        str(t) for t in ox.parse(as_turtle.stdout.encode(), format=ox.RdfFormat.TURTLE)
    }
