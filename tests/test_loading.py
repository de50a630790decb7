"""`load`: graphs that break the shapes are refused and nothing changes; into a build's
store, into a dataset file (`--data FILE`), with `--no-validate` as the way round."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from osce_rdf.cli.commands import main
from osce_rdf.errors import InvalidDataError
from osce_rdf.pipeline.build import BuildResult
from osce_rdf.pipeline.loading import load_into_file
from osce_rdf.sparql.dataset import Dataset

from .conftest import single
from .test_cli import snapshot

ITEM = "https://w3id.org/osce/item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
GRAPH = ITEM.replace("/item/", "/graph/")
DATE = "https://schema.org/datePublished"
HAS_DATE = f"ASK {{ <{ITEM}> <{DATE}> ?date }}"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def build(sample_build: tuple[BuildResult, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "dist"
    shutil.copytree(sample_build[1], copy)
    return copy


def item_graph(build: Path, folder: Path, *, broken: bool) -> Path:
    """The item's graph from the build, as a file; `broken`: without its datePublished."""
    quads = [
        q
        for q in ox.parse(path=str(single(build, "osce.trig")), format=ox.RdfFormat.TRIG)
        if q.graph_name == ox.NamedNode(GRAPH) and not (broken and q.predicate.value == DATE)
    ]
    path = folder / ("broken.trig" if broken else "item.trig")
    ox.serialize(quads, str(path), format=ox.RdfFormat.TRIG)
    return path


def test_a_graph_that_breaks_the_shapes_is_refused_and_the_build_stays_as_it_was(
    build: Path, tmp_path: Path
) -> None:
    broken = item_graph(build, tmp_path, broken=True)
    before = snapshot(build)
    result = run("load", "--data", str(build), str(broken))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{broken}: violation: an item has exactly one datePublished, an xsd:date"
    )
    assert result.stderr.splitlines()[-1] == (
        "osce-rdf: error: 1 violation of the shapes; nothing loaded (--no-validate loads anyway)"
    )
    assert snapshot(build) == before
    assert Dataset.open(build).query(HAS_DATE).boolean is True


def test_no_validate_loads_it_anyway(build: Path, tmp_path: Path) -> None:
    broken = item_graph(build, tmp_path, broken=True)
    result = run("load", "--data", str(build), str(broken), "--no-validate")
    assert result.exit_code == 0 and result.stderr == "loaded 1 graph\n"
    assert Dataset.open(build).query(HAS_DATE).boolean is False


def test_a_graph_that_conforms_is_loaded(build: Path, tmp_path: Path) -> None:
    item = item_graph(build, tmp_path, broken=False)
    assert run("load", "--data", str(build), str(item), "--no-validate").exit_code == 0
    broken = item_graph(build, tmp_path, broken=True)
    assert run("load", "--data", str(build), str(broken), "--no-validate").exit_code == 0
    assert run("load", "--data", str(build), str(item)).exit_code == 0  # and back again
    assert Dataset.open(build).query(HAS_DATE).boolean is True


def test_load_into_a_dataset_file_replaces_its_graphs(build: Path, tmp_path: Path) -> None:
    target = tmp_path / "archive.trig"
    shutil.copy(single(build, "osce.trig"), target)
    broken = item_graph(build, tmp_path, broken=True)
    before = snapshot(tmp_path)
    refused = run("load", "--data", str(target), str(broken))
    assert refused.exit_code == 1 and snapshot(tmp_path) == before
    assert run("load", "--data", str(target), str(broken), "--no-validate").exit_code == 0
    assert Dataset.open(target).query(HAS_DATE).boolean is False
    original = {
        str(q) for q in ox.parse(path=str(single(build, "osce.trig")), format=ox.RdfFormat.TRIG)
    }
    loaded = {str(q) for q in ox.parse(path=str(target), format=ox.RdfFormat.TRIG)}
    assert original - loaded == {
        str(q) for q in ox.parse(path=str(single(build, "osce.trig")), format=ox.RdfFormat.TRIG)
        if q.graph_name == ox.NamedNode(GRAPH) and q.predicate.value == DATE
    }  # fmt: skip
    assert loaded <= original


def test_load_makes_a_dataset_file_that_does_not_exist(build: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.nq"
    assert run("load", "--data", str(target), str(single(build, "osce.trig"))).exit_code == 0
    quads = {str(q) for q in ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS)}
    assert quads == {
        str(q) for q in ox.parse(path=str(single(build, "osce.trig")), format=ox.RdfFormat.TRIG)
    }


def test_a_file_without_named_graphs_is_no_target(build: Path, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="holds no named graphs"):
        load_into_file(tmp_path / "x.ttl", [single(build, "osce.trig")])


def test_the_python_api_refuses_with_the_results(build: Path, tmp_path: Path) -> None:
    broken = item_graph(build, tmp_path, broken=True)
    dataset = Dataset(store=ox.Store())
    assert len(dataset.load([single(build, "osce.trig")])) > 3
    size = len(dataset.store or ())
    with pytest.raises(InvalidDataError) as refused:
        dataset.load([broken])
    assert [(r.focus, r.path, r.source) for r in refused.value.results] == [
        (ITEM, DATE, str(broken))
    ]
    assert len(dataset.store or ()) == size
    assert dataset.query(HAS_DATE).boolean is True
