"""The dumps in parts: a rebuild rewrites the parts that changed and links the others, and
the parts joined are the single file a cold build writes (decision 0034)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from osce_rdf.cli.commands import main
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline import build as build_module
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.rendering.dumps import (
    DUMP_FORMATS,
    DUMPS,
    DUMPS_DIR,
    OUTPUT_FILES,
    DumpReader,
    part_file,
    part_sizes,
)

from .conftest import output_bytes, single


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def parts(out: Path) -> list[Path]:
    """Every part file of the current generation, in order, for every dump."""
    generation = (out / DUMPS_DIR).resolve()
    count = len(part_sizes(generation)[DUMPS[0]])
    return [generation / part_file(dump, n) for n in range(count) for dump in DUMP_FORMATS]


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """About two pages a part, so that the 39 sample pages make many parts."""
    monkeypatch.setattr(build_module, "PAGES_PER_PART", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_the_parts_joined_do_not_depend_on_where_they_are_cut(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, small_parts: None
) -> None:
    _, whole = sample_build
    out = tmp_path / "out"
    build([PAGES_DIR], out, workers=1)
    assert len(parts(out)) > 10 * len(DUMPS)
    assert len(parts(whole)) < len(parts(out))
    for name in OUTPUT_FILES:
        assert output_bytes(out, name) == output_bytes(whole, name), name


def test_a_changed_page_rewrites_its_part_and_links_the_others(
    tmp_path: Path, small_parts: None
) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    out = tmp_path / "out"
    build([pages], out, workers=1)
    before = {path.name: path.stat().st_ino for path in parts(out)}
    seed = pages / "000_b58f2e4459b73bca.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("experts meeting", "experts' meeting"),
        encoding="utf-8",
    )
    changed = build([pages], out, workers=1)
    assert changed.rebuilt == 1
    after = {path.name: path.stat().st_ino for path in parts(out)}
    assert after.keys() == before.keys()
    rewritten = sorted({name.split(".")[0] for name in after if after[name] != before[name]})
    last = f"osce-{len(after) // len(DUMPS) - 1:04d}"
    # the seed's part and what follows the items; the headers and ontology (part 0) are linked
    assert rewritten == ["osce-0001", last]
    cold = build([pages], tmp_path / "cold", workers=1, incremental=False)
    for name in OUTPUT_FILES:
        assert output_bytes(out, name) == output_bytes(tmp_path / "cold", name), name
    assert (changed.items, changed.triples) == (cold.items, cold.triples)


def test_pages_added_and_removed_move_no_other_part(tmp_path: Path, small_parts: None) -> None:
    """Parts are cut where a page's path says, not by counting pages: the parts after a
    removed or added page stay the same files."""
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    out = tmp_path / "out"
    build([pages], out, workers=1)
    count = len(parts(out))
    (pages / "012_item_press-release-1997-tirana.txt").unlink()
    shutil.copy(pages / "026_item_news-item-2007-astana.txt", pages / "027_copy.txt")
    before = {path.stat().st_ino for path in parts(out)}
    changed = build([pages], out, workers=1)
    assert changed.rebuilt == 1
    linked = [path for path in parts(out) if path.stat().st_ino in before]
    assert len(linked) >= count - 5 * len(DUMPS)
    build([pages], tmp_path / "cold", workers=1, incremental=False)
    for name in OUTPUT_FILES:
        assert output_bytes(out, name) == output_bytes(tmp_path / "cold", name), name


def test_dump_writes_each_file_whole(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    trig = tmp_path / "a.trig"
    assert run("dump", str(out), "-o", str(trig)).exit_code == 0
    assert trig.read_bytes() == output_bytes(out, "osce.trig")
    turtle = tmp_path / "union.ttl"
    assert run("dump", str(out), "-o", str(turtle)).exit_code == 0  # the format its name says
    assert turtle.read_bytes() == output_bytes(out, "osce.ttl")
    piped = run("dump", str(out), "--format", "jsonld")
    assert piped.exit_code == 0
    assert piped.stdout_bytes == output_bytes(out, "osce.jsonld")
    folder = tmp_path / "public" / "dump"
    assert run("dump", str(out), "--all", str(folder)).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(OUTPUT_FILES)
    for name in OUTPUT_FILES:
        assert (folder / name).read_bytes() == output_bytes(out, name), name
    with DumpReader(out, DUMP_FORMATS[0]) as reader:
        assert reader.size == len(output_bytes(out, "osce.trig"))


def test_dump_refuses_what_it_cannot_do_in_one_line(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    target = tmp_path / "x.ttl"
    wrong = run("dump", str(out), "--format", "jsonld", "-o", str(target))
    assert wrong.exit_code == 2
    assert "format jsonld does not match" in wrong.stderr
    assert not target.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run("dump", str(empty), "-o", str(target))
    assert nothing.exit_code == 2
    assert nothing.stderr.count("\n") == 1
    assert "no build here" in nothing.stderr
    assert not target.exists()
    both = run("dump", str(out), "--all", str(tmp_path / "d"), "-o", str(target))
    assert both.exit_code == 2


def test_a_folder_an_older_osce_rdf_built_is_read_by_its_single_files(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, out = sample_build
    older = tmp_path / "older"
    older.mkdir()
    shutil.copy(single(out, "osce.trig"), older / "osce.trig")
    assert run("dump", str(older), "-o", str(tmp_path / "x.trig")).exit_code == 0
    assert (tmp_path / "x.trig").read_bytes() == output_bytes(out, "osce.trig")
    assert run("validate", str(older)).exit_code == 0


def test_a_reader_whose_parts_a_build_removed_says_so_in_one_line(
    tmp_path: Path, small_parts: None
) -> None:
    out = tmp_path / "out"
    build([PAGES_DIR], out, workers=1)
    reader = DumpReader(out, DUMP_FORMATS[0])
    first = reader.read(100)
    assert first
    shutil.rmtree((out / DUMPS_DIR).resolve())  # as two further builds would
    with pytest.raises(OSError, match="the build changed while it was read; read it again"):
        reader.read()
