"""Every command, every option given a bad value: one line on stderr, exit 2, no traceback.

A user's mistake must never show Python's insides, nor run for minutes before failing, nor
half-write an output. Each case names what is wrong with the value; `{dist}` is a copy of a
built sample, `{tmp}` a fresh folder, `{empty}` an empty one in it, `{page}` a good saved
page, `{file}` a file that is no folder, `{ttl}` a Turtle file with triples outside any graph.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from osce_rdf.cli.commands import main
from osce_rdf.pipeline.build import BuildResult

from .conftest import FIXTURES, SEED

BINARY = FIXTURES / "bad_pages" / "binary.txt"

CASES = {
    # build (and the settings it shares with validate)
    "build --base not an IRI": ["build", "{page}", "-o", "{tmp}/out", "--base", "notaniri"],
    "build --base with a space": ["build", "{page}", "-o", "{tmp}/out", "--base", "http://a b/"],
    "build --source-base not a URL": ["build", "{page}", "-o", "{tmp}/out", "--source-base", "x"],
    "build -o under a file": ["build", "{page}", "-o", "{file}/out"],
    "build -o a file": ["build", "{page}", "-o", "{file}"],
    "build -o where nothing can be made": ["build", "{page}", "-o", "/proc/osce-rdf/out"],
    "build --workers negative": ["build", "{page}", "-o", "{tmp}/out", "--workers", "-1"],
    "build --engine unknown": ["build", "{page}", "-o", "{tmp}/out", "--engine", "fast"],
    "build --reference missing": ["build", "{page}", "-o", "{tmp}/out", "--reference", "{tmp}/no"],
    "build --reference empty": ["build", "{page}", "-o", "{tmp}/out", "--reference", "{empty}"],
    "build --shapes missing": ["build", "{page}", "-o", "{tmp}/out", "--shapes", "{tmp}/no"],
    "build --shapes empty": ["build", "{page}", "-o", "{tmp}/out", "--shapes", "{empty}"],
    "build input missing": ["build", "{tmp}/missing", "-o", "{tmp}/out"],
    "build unknown option": ["build", "{page}", "--fast"],
    "validate --base not an IRI": ["validate", "{page}", "--base", "notaniri"],
    "validate --source-base not a URL": ["validate", "{page}", "--source-base", "notaurl"],
    "validate --format unknown": ["validate", "{page}", "--format", "xml"],
    "validate --shapes empty": ["validate", "{page}", "--shapes", "{empty}"],
    "validate --reference missing": ["validate", "{page}", "--reference", "{tmp}/no"],
    # export
    "export --format against -o": ["export", "--data", "{dist}", "--format", "turtle", "-o", "{tmp}/x.jsonld"],
    "export -o RDF/XML": ["export", "--data", "{dist}", "-o", "{tmp}/x.rdf"],
    "export --frame with --format": ["export", "--data", "{dist}", "--frame", "release", "--split", "{tmp}/items", "--format", "nquads"],
    "export --frame with -o": ["export", "--data", "{dist}", "--frame", "release", "--split", "{tmp}/items", "-o", "{tmp}/x.jsonld"],
    "export --frame without --split": ["export", "--data", "{dist}", "--frame", "release"],
    "export --split a file": ["export", "--data", "{dist}", "--frame", "release", "--split", "{file}"],
    "export -o unwritable": ["export", "--data", "{dist}", "-o", "/proc/osce-rdf/x.ttl"],
    "export -o under a file": ["export", "--data", "{dist}", "-o", "{file}/x.ttl"],
    "export --data not RDF": ["export", "--data", "{page}"],
    "export --data no build": ["export", "--data", "{tmp}"],
    "export --base not an IRI": ["export", "--data", "{dist}", "--base", "notaniri"],
    "export --format unknown": ["export", "--data", "{dist}", "--format", "rdfxml"],
    # load
    "load --graph not an IRI": ["load", "--data", "{dist}", "--graph", "notanIRI", "{ttl}"],
    "load --graph default into the store": ["load", "--data", "{dist}", "--graph", "default", "{ttl}"],
    "load without --graph": ["load", "--data", "{dist}", "{ttl}"],
    "load --endpoint not a URL": ["load", "--endpoint", "notaurl", "--graph", "default", "{ttl}"],
    "load --graph-store not a URL": ["load", "--endpoint", "http://127.0.0.1:9/query", "--graph-store", "x", "--graph", "default", "{ttl}"],
    "load --data missing": ["load", "--data", "{tmp}/missing", "--graph", "http://x.org/g", "{ttl}"],
    "load --data and --endpoint": ["load", "--data", "{dist}", "--endpoint", "http://127.0.0.1:9/query", "{ttl}"],
    "load --base not an IRI": ["load", "--data", "{dist}", "--base", "notaniri", "--graph", "http://x.org/g", "{ttl}"],
    "load a file that is no RDF": ["load", "--data", "{dist}", "--graph", "http://x.org/g", "{page}"],
    # query
    "query unknown name": ["query", "--data", "{dist}", "counts-per-clas"],
    "query status not open|closed": ["query", "--data", "{dist}", "field-operations-by-host", "--param", "status=foo"],
    "query limit zero": ["query", "--data", "{dist}", "latest-items-of-unit", "--param", "limit=0"],
    "query limit negative": ["query", "--data", "{dist}", "latest-items-of-unit", "--param", "limit=-3"],
    "query limit too large": ["query", "--data", "{dist}", "latest-items-of-unit", "--param", "limit=100000000000"],
    "query limit not a number": ["query", "--data", "{dist}", "latest-items-of-unit", "--param", "limit=ten"],
    "query from after to": ["query", "--data", "{dist}", "top-funding-states", "--param", "from=2012", "--param", "to=2008"],
    "query unknown prefix": ["query", "--data", "{dist}", "mentions-in-text", "--param", "thing=zz:be"],
    "query parameter twice": ["query", "--data", "{dist}", "field-operations-by-host", "--param", "status=open", "--param", "status=closed"],
    "query unknown parameter": ["query", "--data", "{dist}", "counts-per-class", "--param", "year=2008"],
    "query parameter without =": ["query", "--data", "{dist}", "counts-per-class", "--param", "year"],
    "query bad SPARQL": ["query", "--data", "{dist}", "--sparql", "SELEC ?s WHERE {}"],
    "query -f not UTF-8": ["query", "--data", "{dist}", "-f", str(BINARY)],
    "query -f missing": ["query", "--data", "{dist}", "-f", "{tmp}/missing.rq"],
    "query --timeout zero": ["query", "--data", "{dist}", "counts-per-class", "--timeout", "0"],
    "query --format graph for rows": ["query", "--data", "{dist}", "counts-per-class", "--format", "turtle"],
    "query --endpoint not a URL": ["query", "--endpoint", "notaurl", "counts-per-class"],
    "query --data missing": ["query", "--data", "{tmp}/missing", "counts-per-class"],
    "query --data and --endpoint": ["query", "--data", "{dist}", "--endpoint", "http://127.0.0.1:9/query", "counts-per-class"],
    "query --base not an IRI": ["query", "--data", "{dist}", "--base", "notaniri", "counts-per-class"],
    "query nothing to run": ["query", "--data", "{dist}"],
    "query name and --sparql": ["query", "--data", "{dist}", "counts-per-class", "--sparql", "ASK {}"],
    # queries, reference check
    "queries --format graph": ["queries", "--format", "turtle"],
    "reference check --reference missing": ["reference", "check", "{page}", "--reference", "{tmp}/no"],
    "reference check page missing": ["reference", "check", "{tmp}/missing.txt"],
    "unknown command": ["buidl"],
}  # fmt: skip


@pytest.fixture(scope="module")
def dist(sample_build: tuple[BuildResult, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample build: a case that wrongly succeeded must not change the shared one."""
    copy = tmp_path_factory.mktemp("dist") / "dist"
    shutil.copytree(sample_build[1], copy)
    return copy


@pytest.mark.parametrize("case", CASES)
def test_a_bad_value_is_one_line_and_exit_2(case: str, dist: Path, tmp_path: Path) -> None:
    file = tmp_path / "a-file.txt"
    file.write_text("not a folder\n", encoding="utf-8")
    ttl = tmp_path / "extra.ttl"
    ttl.write_text("<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    names = {
        "{dist}": dist, "{tmp}": tmp_path, "{empty}": tmp_path / "empty", "{page}": SEED,
        "{file}": file, "{ttl}": ttl,
    }  # fmt: skip

    def filled(arg: str) -> str:
        for name, path in names.items():
            arg = arg.replace(name, str(path))
        return arg

    result = CliRunner().invoke(main, [filled(arg) for arg in CASES[case]])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("osce-rdf"), result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written


def test_a_bug_is_one_line_naming_it_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Should a bug surface, the user sees one line (and can ask for the traceback)."""

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr("osce_rdf.cli.commands.queries", broken)
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == 70
    assert result.stderr == (
        "osce-rdf: internal error (a bug, please report it): KeyError: 'surprise'\n"
    )
    monkeypatch.setenv("OSCE_RDF_TRACEBACK", "1")
    assert isinstance(CliRunner().invoke(main, ["queries"]).exception, KeyError)
