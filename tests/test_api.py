"""The Python API does what the command line does: `export`, `export_framed`, `load`,
`check_reference`, `queries` and `query` called from Python give what the commands print or
write (the commands are a thin layer over them)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

import osce_rdf
from osce_rdf.cli import main
from osce_rdf.errors import InvalidDataError
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult

from .conftest import single
from .test_loading import GRAPH, HAS_DATE, item_graph


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def build(sample_build: tuple[BuildResult, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "dist"
    shutil.copytree(sample_build[1], copy)
    return copy


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld"])
def test_export_writes_what_the_export_command_writes(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, fmt: str
) -> None:
    data = sample_build[1]
    by_cli = tmp_path / f"cli.{fmt}"
    assert run("export", "--data", str(data), "--format", fmt, "-o", str(by_cli)).exit_code == 0
    by_api = tmp_path / f"api.{fmt}"
    osce_rdf.export(data, by_api, fmt=fmt)
    stream = io.StringIO()
    osce_rdf.export(data, stream, fmt=fmt)
    assert by_api.read_bytes() == by_cli.read_bytes()
    assert stream.getvalue().encode("utf-8") == by_cli.read_bytes()
    assert len(by_api.read_bytes()) > 100_000


def test_export_takes_the_format_from_the_file_name(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    out = tmp_path / "osce.nt"
    osce_rdf.export(sample_build[1], out)
    assert sum(1 for _ in ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES)) > 1000


def test_export_framed_writes_the_documents_the_command_writes(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    data = sample_build[1]
    run("export", "--data", str(data), "--frame", "release", "--split", str(tmp_path / "cli"))
    written = osce_rdf.export_framed(data, tmp_path / "api")
    assert len(written) == sample_build[0].items
    by_cli = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert sorted(p.name for p in written) == by_cli
    for path in written:
        assert path.read_bytes() == (tmp_path / "cli" / path.name).read_bytes()


def test_load_refuses_a_graph_that_breaks_the_shapes_and_loads_it_when_told(
    build: Path, tmp_path: Path
) -> None:
    broken = item_graph(build, tmp_path, broken=True)
    with pytest.raises(InvalidDataError):
        osce_rdf.load([broken], data=build)
    assert osce_rdf.query(HAS_DATE, source=build).boolean is True
    replaced = osce_rdf.load([broken], data=build, validate=False)
    assert len(replaced) == 1
    assert osce_rdf.query(HAS_DATE, source=build).boolean is False


def test_load_into_a_dataset_file(build: Path, tmp_path: Path) -> None:
    target = tmp_path / "archive.trig"
    shutil.copy(single(build, "osce.trig"), target)
    broken = item_graph(build, tmp_path, broken=True)
    assert osce_rdf.load([broken], data=target, validate=False) == [GRAPH]
    assert osce_rdf.query(HAS_DATE, source=target).boolean is False


def test_check_reference_finds_what_the_command_prints() -> None:
    pages = sorted(PAGES_DIR.iterdir())[:6]
    findings, errors = osce_rdf.check_reference(pages)
    result = run("reference", "check", *map(str, pages))
    assert errors == []
    assert result.stdout.splitlines() == [str(finding) for finding in findings]
    assert result.exit_code == (1 if findings else 0)


def test_queries_lists_the_catalogue_the_command_lists() -> None:
    listed = json.loads(run("queries", "--format", "json").stdout)
    names = [named.name for named in osce_rdf.queries()]
    assert names == sorted(names)
    assert "counts-per-class" in names
    assert [row["name"]["value"] for row in listed["results"]["bindings"]] == names


def test_query_options_are_keywords_it_passes_on(sample_build: tuple[BuildResult, Path]) -> None:
    data = sample_build[1]
    rows = osce_rdf.query("counts-per-class", source=data, timeout=60, max_bytes=1 << 20).rows()
    by_cli = run("query", "--data", str(data), "counts-per-class", "--format", "csv")
    assert by_cli.exit_code == 0
    assert len(by_cli.stdout.strip().splitlines()) == len(rows) + 1
    assert rows and all("things" in row for row in rows)


def test_validate_reports_what_the_validate_command_reports(
    sample_build: tuple[BuildResult, Path],
) -> None:
    report = osce_rdf.validate([sample_build[1]])
    assert isinstance(report, osce_rdf.ValidationReport)
    assert all(isinstance(r, osce_rdf.ValidationResult) for r in report.results)
    command = run("validate", str(sample_build[1]), "--format", "json")
    assert report.exit_code == command.exit_code
    assert len(report.results) == len(json.loads(command.stdout)["results"])


@pytest.mark.parametrize(
    ("old", "new"),
    [("check", "validate"), ("CheckResult", "ValidationReport"), ("BuildConfig", "Settings")],
)
def test_the_names_of_0x_still_work_with_a_deprecation_warning(old: str, new: str) -> None:
    with pytest.warns(
        DeprecationWarning, match=f"osce_rdf.{old} is deprecated; use osce_rdf.{new}"
    ):
        found = getattr(osce_rdf, old)
    assert found is getattr(osce_rdf, new)
    assert old not in osce_rdf.__all__


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        osce_rdf.no_such_thing  # noqa: B018
