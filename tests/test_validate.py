"""`osce-rdf validate` as a CI gate: every input checked whole, every problem reported in
every format, results a CI system can attach to the file and line that caused them."""

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
import rdflib
from click.testing import CliRunner, Result

from osce_rdf.cli.commands import main
from osce_rdf.identity.rdf_terms import value
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build

from .conftest import FIXTURES, single
from .reference_shacl import pyshacl_findings

SH = "http://www.w3.org/ns/shacl#"
SEED_ITEM = "https://w3id.org/osce/item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
BUDAPEST_ITEM = "https://w3id.org/osce/item/1995-12-14-osce-chairmanship-welcomes-agreement-on-osce-role-in-bosnia-and-herzegovina"
NO_DATE = ('\t\tschema:datePublished "2008-07-17"^^xsd:date ;\n', "")


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def broken(out: Path, target: Path, *edits: tuple[str, str]) -> Path:
    """The sample build's TriG with each `old` replaced by `new` once."""
    text = single(out, "osce.trig").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    target.write_text(text, encoding="utf-8")
    return target


def findings(document: dict[str, object]) -> set[tuple[str, str | None, str, str]]:
    results = document["results"]
    assert isinstance(results, list)
    return {(r["focus"], r["path"], r["component"], r["severity"]) for r in results}


def as_format(trig: Path, suffix: str) -> Path:
    """The same data written by rdflib (not by us) in another format; the single-graph
    formats get the union of the graphs, as a user exporting the dataset would."""
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    target = trig.with_suffix(suffix)
    if suffix in {".trig", ".nq"}:
        dataset.serialize(target, format="trig" if suffix == ".trig" else "nquads")
        return target
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    formats = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".jsonld": "json-ld"}
    union.serialize(target, format=formats[suffix], encoding="utf-8")
    return target


@pytest.mark.parametrize("suffix", [".trig", ".ttl", ".nt", ".nq", ".rdf", ".jsonld"])
def test_a_broken_file_fails_with_what_pyshacl_finds_in_it(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, suffix: str
) -> None:
    """Single-graph files too: the graph holding owl:Ontology is validated, not dropped."""
    _, out = sample_build
    file = as_format(broken(out, tmp_path / "broken.trig", NO_DATE), suffix)
    result = run("validate", str(file), "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert (
        SEED_ITEM,
        "https://schema.org/datePublished",
        "MinCountConstraintComponent",
        "Violation",
    ) in findings(document)
    assert findings(document) == pyshacl_findings(file)


def test_a_graph_that_declares_an_ontology_is_validated(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    file = broken(
        out,
        tmp_path / "broken.trig",
        NO_DATE,
        (
            "\t\tosce:sourceLine 153 .\n",
            "\t\tosce:sourceLine 153 .\n\t<urn:x:o> a owl:Ontology .\n",
        ),
    )
    document = json.loads(run("validate", str(file), "--format", "json").stdout)
    assert (
        SEED_ITEM,
        "https://schema.org/datePublished",
        "MinCountConstraintComponent",
        "Violation",
    ) in findings(document)


def test_what_two_graphs_say_of_one_resource_is_validated_together(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """A resource described in two item graphs is one resource: a decision taken by two
    bodies breaks sh:maxCount 1 although each graph alone conforms."""
    _, out = sample_build
    text = single(out, "osce.trig").read_text(encoding="utf-8")
    extra = (
        "graph:extra {\n\tdecision:permanent-council-2007-11 osce:decidedBy unit:ministerial-council .\n"
        "\titem:2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
        ' schema:genre "Speech" .\n}\n'
    )
    file = tmp_path / "two.trig"
    file.write_text(text + extra, encoding="utf-8")
    document = json.loads(run("validate", str(file), "--format", "json").stdout)
    found = findings(document)
    assert (
        "https://w3id.org/osce/decision/permanent-council-2007-11",
        "https://w3id.org/osce/ontology#decidedBy",
        "MaxCountConstraintComponent",
        "Violation",
    ) in found
    assert (
        SEED_ITEM,
        "https://schema.org/genre",
        "MaxCountConstraintComponent",
        "Violation",
    ) in found
    assert found == pyshacl_findings(file)


@pytest.fixture(params=["rdf", "page"])
def unreadable(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, int, str]:
    """An input that cannot be read, the line at fault and what the error says."""
    if request.param == "rdf":
        bad = tmp_path / "bad.ttl"
        bad.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b [[ .\n", encoding="utf-8")
        return bad, 3, "not valid Turtle"
    bad = tmp_path / "no_title.txt"
    shutil.copy(FIXTURES / "bad_pages" / "no_title.txt", bad)
    return bad, 17, "no title"


def test_an_unread_input_is_reported_in_every_format(
    sample_build: tuple[BuildResult, Path], unreadable: tuple[Path, int, str]
) -> None:
    _, out = sample_build
    bad, line, says = unreadable
    good = str(single(out, "osce.trig"))
    text = run("validate", good, str(bad))
    assert text.exit_code == 2
    assert f"{bad}:{line}: error: {says}" in text.stdout
    assert "conforms" not in text.stderr and "could not be read" in text.stderr

    document = json.loads(run("validate", good, str(bad), "--format", "json").stdout)
    assert document["conforms"] is False
    (error,) = document["errors"]
    assert (error["file"], error["line"]) == (str(bad), line) and says in error["message"]

    junit = ET.fromstring(run("validate", good, str(bad), "--format", "junit").stdout)
    (errored,) = junit.findall(".//testcase/error/..")
    assert (errored.get("file"), errored.get("line")) == (str(bad), str(line))
    assert junit.get("errors") == "1"

    github = run("validate", good, str(bad), "--format", "github").stdout
    assert f"::error file={bad},line={line}," in github

    turtle = run("validate", good, str(bad), "--format", "turtle").stdout
    graph = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    assert [value(t.object) for t in graph if t.predicate.value == SH + "conforms"] == ["false"]


def test_a_build_folder_is_validated_by_its_dump(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    result, out = sample_build
    good = run("validate", str(out))
    assert good.exit_code == 0
    assert good.stderr.strip().endswith("infos)")
    assert f"{result.items} items in 1 file: conforms" in good.stderr
    folder = tmp_path / "dist"
    folder.mkdir()
    broken(out, folder / "osce.trig", NO_DATE)
    bad = run("validate", str(folder), "--format", "json")
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["results"][0]["rdf_file"] == f"{folder}/osce.trig"
    turtle_only = tmp_path / "turtle-only"
    turtle_only.mkdir()
    as_format(folder / "osce.trig", ".ttl").rename(turtle_only / "osce.ttl")
    # --input-format is for the files given, not for the dump a build folder holds.
    bad = run("validate", str(turtle_only), "--input-format", "nquads", "--format", "json")
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["results"][0]["rdf_file"] == f"{turtle_only}/osce.ttl"


@pytest.mark.parametrize("what", ["empty folder", "missing path", "missing paths"])
def test_nothing_to_validate_is_one_line_and_exit_2(tmp_path: Path, what: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.csv").write_text("a,b\n", encoding="utf-8")
    paths = {
        "empty folder": [empty],
        "missing path": [tmp_path / "missing"],
        "missing paths": [tmp_path / "missing", tmp_path / "gone.ttl"],
    }[what]
    result = run("validate", *map(str, paths), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("osce-rdf: error: ") and str(paths[0]) in line
    assert "nothing to validate" in line or "no such file or folder" in line


def test_results_name_the_rdf_file_and_the_page_a_ci_annotation_attaches_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(PAGES_DIR, site / "content" / "pages")
    monkeypatch.chdir(site)
    build([Path("content/pages")], Path("dist"), workers=1)
    broken(Path("dist"), Path("dist/broken.trig"), NO_DATE)
    page = "content/pages/000_b58f2e4459b73bca.txt"

    github = run(
        "validate", "dist/broken.trig", "--source-root", "content/pages", "--format", "github"
    )
    assert f"::error file={page},line=" in github.stdout
    assert "dist/broken.trig" in github.stdout
    document = json.loads(
        run(
            "validate",
            f"{site}/dist/broken.trig",
            "--source-root",
            f"{site}/content/pages",
            "--format",
            "json",
        ).stdout
    )
    (violation,) = [r for r in document["results"] if r["severity"] == "Violation"]
    assert violation["rdf_file"] == "dist/broken.trig"
    assert violation["source"]["file"] == page

    pages = run("validate", f"{site}/content/pages", "--format", "github")
    assert "file=content/pages/" in pages.stdout and str(site) not in pages.stdout

    unplaced = run("validate", "dist/broken.trig")
    assert "000_b58f2e4459b73bca.txt" in unplaced.stdout
    assert "--source-root" in unplaced.stderr


def test_a_literal_invalid_for_its_datatype_is_one_clear_result_at_the_dateline(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """No rdflib or engine warning reaches the terminal (a real process, stderr captured)."""
    _, out = sample_build
    file = broken(
        out,
        tmp_path / "bad-date.trig",
        (
            'schema:datePublished "1995-12-14"^^xsd:date',
            'schema:datePublished "1995-12-41"^^xsd:date',
        ),
    )
    for engine in ("turbo", "pyshacl"):
        done = subprocess.run(
            [sys.executable, "-m", "osce_rdf", "validate", str(file), "--engine", engine,
             "--source-root", str(PAGES_DIR), "--format", "json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 1
        (violation,) = [
            r for r in json.loads(done.stdout)["results"] if r["severity"] == "Violation"
        ]
        assert (violation["focus"], violation["path"]) == (
            BUDAPEST_ITEM,
            "https://schema.org/datePublished",
        )
        assert violation["message"].startswith('"1995-12-41" is not a valid xsd:date')
        # The page dates the item by its dateline (its Date field is empty): line 11.
        assert violation["source"]["line"] == 11
        assert violation["source"]["file"].endswith("010_item_press-release-1995-budapest.txt")
        assert done.stderr == "", done.stderr


def test_fail_on_sets_the_least_severity_that_fails(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    warned = broken(
        out,
        tmp_path / "warned.trig",
        ('osce:datelineDate "2008-07-17"', 'osce:datelineDate "2008-07-16"'),
    )
    assert run("validate", str(warned)).exit_code == 0
    assert run("validate", str(warned), "--fail-on", "violation").exit_code == 0
    failing = run("validate", str(warned), "--fail-on", "warning", "--format", "json")
    assert failing.exit_code == 1 and json.loads(failing.stdout)["conforms"] is False
    # The sample's one warning is page 022's dateline, a day before its publishing date.
    infos_only = str(
        broken(
            out,
            tmp_path / "infos.trig",
            ('osce:datelineDate "2004-06-03"', 'osce:datelineDate "2004-06-04"'),
        )
    )
    assert run("validate", infos_only, "--fail-on", "warning").exit_code == 0
    assert run("validate", infos_only, "--fail-on", "info").exit_code == 1
    assert "does not conform" in run("validate", infos_only, "--fail-on", "info").stderr


def test_standard_input_and_an_input_format_that_overrides_the_extension(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    file = broken(out, tmp_path / "broken.trig", NO_DATE)
    nquads = as_format(file, ".nq")
    from_file = json.loads(run("validate", str(nquads), "--format", "json").stdout)
    piped = run(
        "validate", "-", "--input-format", "nquads", "--format", "json", stdin=nquads.read_bytes()
    )
    assert piped.exit_code == 1
    document = json.loads(piped.stdout)
    assert findings(document) == findings(from_file)
    assert {r["rdf_file"] for r in document["results"]} == {"<stdin>"}

    renamed = tmp_path / "dump.txt"
    shutil.copy(file, renamed)
    overridden = run("validate", str(renamed), "--input-format", "trig", "--format", "json")
    assert overridden.exit_code == 1
    assert findings(json.loads(overridden.stdout)) == findings(from_file)

    unsaid = run("validate", "-", stdin=b"")
    assert unsaid.exit_code == 2
    (line,) = unsaid.stderr.splitlines()
    assert "--input-format" in line


def test_the_turtle_report_follows_the_shacl_spec(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """sh:conforms is false whenever there is a result (infos too); every result has its
    source shape, severity, focus node and component; a value keeps its datatype."""
    _, out = sample_build
    file = broken(
        out,
        tmp_path / "bad-date.trig",
        (
            'schema:datePublished "1995-12-14"^^xsd:date',
            'schema:datePublished "1995-12-41"^^xsd:date',
        ),
    )
    for data in (single(out, "osce.trig"), file):
        report = rdflib.Graph().parse(
            data=run("validate", str(data), "--format", "turtle").stdout, format="turtle"
        )
        sh = rdflib.Namespace(SH)
        (node,) = report.subjects(rdflib.RDF.type, sh.ValidationReport)
        results = list(report.objects(node, sh.result))
        assert results
        assert report.value(node, sh.conforms) == rdflib.Literal(False)
        for result in results:
            for required in (
                "sourceShape",
                "resultSeverity",
                "focusNode",
                "sourceConstraintComponent",
            ):
                assert len(list(report.objects(result, sh[required]))) == 1, required
    values = set(report.objects(None, sh.value))
    assert rdflib.Literal("1995-12-41", datatype=rdflib.XSD.date) in values
    assert rdflib.URIRef("https://w3id.org/osce/place/budva") not in values  # not a value


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_messages_are_sentences_in_prefixed_names(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, engine: str
) -> None:
    _, out = sample_build
    text = single(out, "osce.trig").read_text(encoding="utf-8")
    text, removed = re.subn(
        r'\t\tschema:articleBody "(?:[^"\\]|\\.)*"(?:@[\w-]+)? ;\n', "", text, count=1
    )
    assert removed == 1
    text = text.replace("\t\torg:role osce:ChairpersonshipRole ;", "\t\torg:role osce:Unknown ;", 1)
    text = text.replace('osce:iso3166Alpha2 "AT"', 'osce:iso3166Alpha2 "AUT"', 1)
    text = text.replace('osce:status "closed"', 'osce:status "paused"', 1)
    file = tmp_path / "broken.trig"
    file.write_text(text, encoding="utf-8")
    result = run("validate", str(file), "--engine", engine, "--format", "json")
    messages = {
        r["component"]: r["message"]
        for r in json.loads(result.stdout)["results"]
        if r["severity"] == "Violation"
    }
    assert re.fullmatch(
        r"item:\S+ has no schema:articleBody", messages["MinCountConstraintComponent"]
    )
    assert re.fullmatch(
        r"chairpersonship:\S+ has no org:role osce:ChairpersonshipRole",
        messages["HasValueConstraintComponent"],
    )
    assert (
        messages["PatternConstraintComponent"]
        == '"AUT", the osce:iso3166Alpha2 of country:at, does not match the pattern ^[A-Z]{2}$'
    )
    assert re.fullmatch(
        r'"paused", the osce:status of unit:\S+, is not one of "open" or "closed"',
        messages["InConstraintComponent"],
    )
    for message in messages.values():
        assert not re.search(r"<http|->|ConstraintComponent|Literal\(", message), message


def test_validate_runs_from_any_working_directory(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """Paths outside the working directory are shown whole, never as ../.. chains."""
    _, out = sample_build
    file = broken(out, tmp_path / "broken.trig", NO_DATE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "osce_rdf", "validate", str(file), "--format", "json"],
        capture_output=True, text=True, check=False, cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    assert done.returncode == 1
    assert {r["rdf_file"] for r in json.loads(done.stdout)["results"]} == {str(file)}


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("star.ttl", '<< <http://a> <http://b> "x" >> <http://c> "y" .\n', "RDF 1.2 triple term"),
        (
            "direction.ttl",
            '<http://a> <https://schema.org/headline> "x"@en--ltr .\n',
            "text direction",
        ),
        (
            "remote.jsonld",
            '{"@context": "https://schema.org/", "@id": "http://a", "@type": "NewsArticle"}',
            "@context is a URL",
        ),
        ("empty.ttl", "# nothing here\n", "no RDF triples"),
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json", "turtle", "junit", "github"])
def test_a_file_no_engine_can_read_is_reported_not_raised(
    tmp_path: Path, name: str, data: str, says: str, fmt: str
) -> None:
    file = tmp_path / name
    file.write_text(data, encoding="utf-8")
    result = run("validate", str(file), "--format", fmt)
    assert result.exit_code == 2
    assert says in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["text", "json", "turtle", "junit", "github"])
def test_a_blank_node_focus_is_reported_in_every_format(tmp_path: Path, fmt: str) -> None:
    file = tmp_path / "anonymous.ttl"
    file.write_text(
        '@prefix schema: <https://schema.org/> .\n[] a schema:NewsArticle ; schema:headline "x" .\n',
        encoding="utf-8",
    )
    result = run("validate", str(file), "--format", fmt)
    assert result.exit_code == 1
    if fmt == "turtle":
        report = rdflib.Graph().parse(data=result.stdout, format="turtle")
        focus = set(report.objects(None, rdflib.URIRef(SH + "focusNode")))
        assert focus and all(isinstance(node, rdflib.BNode) for node in focus)


def test_the_data_cannot_make_validate_read_a_file_outside_the_source_root(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """A recorded path is relative to the folder the build read; one that leaves it is not
    followed (the page there, with a dateline at another line, is not read)."""
    _, out = sample_build
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(PAGES_DIR / "010_item_press-release-1995-budapest.txt", outside / "page.txt")
    root = tmp_path / "root"
    root.mkdir()
    file = broken(
        out,
        tmp_path / "escape.trig",
        (
            'schema:datePublished "1995-12-14"^^xsd:date',
            'schema:datePublished "1995-12-41"^^xsd:date',
        ),
        (
            'osce:sourcePath "010_item_press-release-1995-budapest.txt"',
            'osce:sourcePath "../outside/page.txt"',
        ),
    )
    result = run("validate", str(file), "--source-root", str(root), "--format", "json")
    (violation,) = [r for r in json.loads(result.stdout)["results"] if r["severity"] == "Violation"]
    assert violation["source"]["line"] == 2  # the title line the data records, not line 11


def test_an_ill_formed_literal_fails_as_the_shacl_spec_says_where_pyshacl_misses_it(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """SHACL: an ill-typed literal does not have its datatype. rdflib does not check
    xsd:gYear, so pySHACL passes "2017x"^^xsd:gYear; the default engine does not."""
    _, out = sample_build
    file = broken(
        out,
        tmp_path / "year.trig",
        ('schema:dissolutionDate "2017"^^xsd:gYear', 'schema:dissolutionDate "2017x"^^xsd:gYear'),
    )
    result = run("validate", str(file), "--format", "json")
    assert result.exit_code == 1
    (violation,) = [r for r in json.loads(result.stdout)["results"] if r["severity"] == "Violation"]
    assert violation["component"] == "DatatypeConstraintComponent"
    assert violation["message"].startswith(
        '"2017x" is not a valid xsd:gYear (the schema:dissolutionDate of unit:'
    )
    assert (violation["focus"], violation["path"]) not in {
        (f, p) for f, p, _, _ in pyshacl_findings(file)
    }
