"""The static site of the sample build: every page, every link, the data beside each page."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from osce_rdf.cli.commands import main
from osce_rdf.errors import UsageError
from osce_rdf.identity.iris import DEFAULT_BASE
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.publishing.quad_index import QuadIndex
from osce_rdf.publishing.site import write_site
from osce_rdf.publishing.views import _REFERS, Resources

from .conftest import single
from .html_check import broken_links, parse_page

ITEM = "item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"


def test_no_internal_link_of_the_sample_site_is_broken(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 600
    assert broken_links(sample_site) == []


def test_every_page_has_its_data_beside_it(sample_site: Path) -> None:
    for name in ("country/be", "unit/secretariat", ITEM, "dataset", "person/kevin-carty--osce"):
        html = (sample_site / f"{name}.html").read_text(encoding="utf-8")
        triples = {}
        for extension, rdf_format in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                                      ("jsonld", ox.RdfFormat.JSON_LD)):  # fmt: skip
            assert f'href="{"../" * name.count("/")}{name}.{extension}"' in html
            data = (sample_site / f"{name}.{extension}").read_bytes()
            triples[extension] = {
                q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(data, format=rdf_format)
            }
        assert triples["ttl"] == triples["nt"] == triples["jsonld"]
        assert len(triples["ttl"]) >= 3


def test_a_page_links_its_data_and_the_sections_relative_to_its_depth(sample_site: Path) -> None:
    """The header's and the data's links are written by Python functions, not template loops:
    the same markup at every depth."""
    html = (sample_site / "country/be.html").read_text(encoding="utf-8")
    head, body = html.split("</head>", 1)
    formats = [("text/turtle", "ttl", "Turtle"), ("application/ld+json", "jsonld", "JSON-LD"),
               ("application/n-triples", "nt", "N-Triples")]  # fmt: skip
    for media_type, extension, _ in formats:
        assert (
            f'<link rel="alternate" type="{media_type}" href="../country/be.{extension}">\n' in head
        )
    links = " · ".join(
        f'<a href="../country/be.{extension}" type="{media_type}">{label}</a>'
        for media_type, extension, label in formats
    )
    assert f'<p class="formats">Data: {links}</p>' in body
    nav = body.split('<nav aria-label="Sections">\n', 1)[1].split("</nav>", 1)[0]
    assert nav.startswith('<a href="../item/index.html">Items</a>\n')
    assert nav.endswith('<a href="../ontology.html">Ontology</a>\n')
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="item/index.html">Items</a>\n' in home


def test_the_home_page_links_each_dump_with_its_media_type(sample_site: Path) -> None:
    """The links' `type` was a (media type, title) pair printed as a Python tuple."""
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    for name, media_type in [
        ("osce.trig", "application/trig"),
        ("osce.ttl", "text/turtle"),
        ("osce.jsonld", "application/ld+json"),
    ]:
        assert f'<a href="dump/{name}" type="{media_type}">{name}</a>' in html
    assert "&#39;" not in html.split("dump/osce.jsonld", 1)[1].split("</ul>", 1)[0]


def test_an_item_page_shows_its_body_with_what_it_mentions(sample_site: Path) -> None:
    html = (sample_site / f"{ITEM}.html").read_text(encoding="utf-8")
    assert (
        "<title>International co-operation to fight drug trafficking focus of OSCE experts meeting"
        in html
    )
    # the mention of Belgium in the text links to Belgium's page, named by its offsets
    assert re.search(r'<a class="mention" id="char=\d+,\d+" href="\.\./country/be\.html"', html)
    assert "Kevin Carty" in html and 'href="../person/kevin-carty--osce.html"' in html
    assert "two-day OSCE expert conference" in html  # the event


def test_a_state_page_lists_the_items_that_mention_it_by_year(sample_site: Path) -> None:
    page = parse_page(sample_site / "country/be.html")
    html = (sample_site / "country/be.html").read_text(encoding="utf-8")
    assert page.title.startswith("Belgium")
    assert "Items that mention it" in html
    assert f'href="../{ITEM}.html"' in html
    assert '<h3 class="year">2008</h3>' in html


def test_a_person_page_lists_posts_and_quotes(sample_site: Path) -> None:
    html = (sample_site / "person/kevin-carty--osce.html").read_text(encoding="utf-8")
    assert "Senior Police Adviser to the OSCE Secretary General" in html
    assert "Quotes" in html and f'href="../{ITEM}.html#char=' in html


def test_a_unit_page_lists_its_items_and_sub_units(sample_site: Path) -> None:
    html = (sample_site / "unit/secretariat.html").read_text(encoding="utf-8")
    assert "Items it published" in html and "Sub-units" in html
    assert 'href="../unit/conflict-prevention-centre.html"' in html


def test_an_item_embeds_its_schema_org_json_ld(sample_site: Path) -> None:
    page = parse_page(sample_site / f"{ITEM}.html")
    [(_, text)] = [s for s in page.scripts if s[0] == "application/ld+json"]
    document = json.loads(text)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "NewsArticle"
    assert document["headline"].startswith("International co-operation")
    assert document["datePublished"] == "2008-07-17"
    assert {"@id": "https://w3id.org/osce/country/be", "name": "Belgium"} in document["mentions"]


def test_a_headline_cannot_break_out_of_the_json_ld_script(tmp_path: Path) -> None:
    hostile = 'Talks </script><script>alert("x")</script> & <!-- more'
    page = (PAGES_DIR / "000_b58f2e4459b73bca.txt").read_text(encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "hostile.txt").write_text(
        page.replace(
            "International co-operation to fight drug trafficking focus of OSCE experts meeting",
            hostile,
        ),
        encoding="utf-8",
    )
    build([pages], tmp_path / "dist", workers=1)
    write_site(tmp_path / "dist", tmp_path / "site")
    [path] = (tmp_path / "site" / "item").glob("2008-07-17-*.html")
    html = path.read_text(encoding="utf-8")
    parsed = parse_page(path)
    assert [kind for kind, _ in parsed.scripts] == ["application/ld+json"]  # nothing injected
    [(_, text)] = parsed.scripts
    assert json.loads(text)["headline"] == hostile
    assert "</script><script>" not in html
    assert parsed.title.startswith(hostile)


def test_sitemap_lists_every_page(sample_site: Path) -> None:
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://w3id.org/osce/" in urls
    assert f"https://w3id.org/osce/{ITEM}.html" in urls
    pages = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html")} - {
        "404.html"
    }
    assert len(urls) == len(pages)


def test_the_dataset_description_and_its_dumps(
    sample_site: Path, sample_build: tuple[BuildResult, Path]
) -> None:
    _, data = sample_build
    html = (sample_site / "dataset.html").read_text(encoding="utf-8")
    assert "void:triples" in (sample_site / "dataset.ttl").read_text(encoding="utf-8")
    assert 'href="dump/osce.trig"' in html  # the DCAT download URL, published beside it
    assert (sample_site / "dump/osce.trig").read_bytes() == single(data, "osce.trig").read_bytes()


def test_the_same_data_gives_the_same_site(
    sample_build: tuple[BuildResult, Path], sample_site: Path, tmp_path: Path
) -> None:
    _, data = sample_build
    again = tmp_path / "again"
    write_site(data, again)

    def files(root: Path) -> dict[str, bytes]:
        # The server configurations name the folder they serve: the same but for that path.
        return {
            p.relative_to(root).as_posix(): p.read_bytes().replace(
                str(root.resolve()).encode(), b"ROOT"
            )
            for p in root.rglob("*")
            if p.is_file()
        }

    assert files(sample_site) == files(again)


def test_two_runs_in_fresh_processes_write_the_same_site(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    """Pages list values labelled alike (two links both called "Summit", "Interpol" and
    "INTERPOL") in one order whatever the process's string hashing: each run below hashes
    strings differently, as separate runs of the command do."""
    _, data = sample_build

    def site_with_hash_seed(seed: str) -> dict[str, bytes]:
        out = tmp_path / f"seed-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        command = [sys.executable, "-m", "osce_rdf", "site", "--data", str(data), "-o", str(out)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        return {
            p.relative_to(out).as_posix(): p.read_bytes().replace(
                str(out.resolve()).encode(), b"ROOT"
            )
            for p in out.rglob("*")
            if p.is_file()
        }

    first = site_with_hash_seed("1")
    lisbon = "item/1996-12-03-lisbon-summit-adopts-declaration-on-a-common-and-comprehensive-security-model.html"
    assert first[lisbon].count(b">Summit</a>") >= 2
    for seed in ("2", "3"):
        assert site_with_hash_seed(seed) == first


def test_site_command(sample_build: tuple[BuildResult, Path], tmp_path: Path) -> None:
    _, data = sample_build
    result = CliRunner().invoke(main, ["site", "--data", str(data), "-o", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("pages: ")
    again = CliRunner().invoke(main, ["site", "--data", str(data), "-o", str(tmp_path / "s")])
    assert "(0 written, 0 removed" in again.output


def test_site_without_a_build_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        main, ["site", "--data", str(tmp_path / "empty"), "-o", str(tmp_path / "s")]
    )
    assert result.exit_code == 2
    assert "no build here" in result.output


def test_site_inside_the_build_folder_is_refused(
    sample_build: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    _, data = sample_build
    copy = tmp_path / "dist"
    shutil.copytree(data, copy)
    result = CliRunner().invoke(main, ["site", "--data", str(copy), "-o", str(copy / "site")])
    assert result.exit_code == 2
    assert "inside the build folder" in result.output


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and p.name != ".osce-rdf-site.json"
    }


def test_a_rebuild_rewrites_only_the_pages_that_depend_on_the_changed_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    data, site = tmp_path / "dist", tmp_path / "site"
    build([pages], data, workers=1)
    cold = write_site(data, site)
    before = _snapshot(site)
    page = pages / "012_item_press-release-1997-tirana.txt"
    text = page.read_text(encoding="utf-8")
    assert "Greece, Italy and Austria" in text
    page.write_text(
        text.replace("Greece, Italy and Austria", "Greece and Italy", 1), encoding="utf-8"
    )
    build([pages], data, workers=1)
    again = write_site(data, site)
    after = _snapshot(site)
    assert again.rendered < cold.rendered / 10  # the changed item and what it links to
    rewritten = {name for name in after if name not in before or after[name][1] != before[name][1]}
    changed = {name for name in after if name not in before or after[name][0] != before[name][0]}
    assert rewritten == changed  # nothing is rewritten with the bytes it had
    item_pages = {n for n in changed if n.startswith("item/") and n.endswith(".html")}
    assert len(item_pages) == 1 and "1997-" in next(iter(item_pages))
    assert "country/at.html" in changed  # the item no longer mentions Austria
    assert "country/ad.html" not in changed  # a State the item does not mention
    # the same files, byte for byte, as a site written from scratch
    fresh = tmp_path / "fresh"
    write_site(data, fresh)

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes().replace(
                str(root.resolve()).encode(), b"ROOT"
            )
            for p in root.rglob("*")
            if p.is_file() and p.name != ".osce-rdf-site.json"
        }

    assert files(site) == files(fresh)


def test_a_removed_page_takes_its_files_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = tmp_path / "pages"
    shutil.copytree(PAGES_DIR, pages)
    data, site = tmp_path / "dist", tmp_path / "site"
    build([pages], data, workers=1)
    write_site(data, site)
    gone = sorted((site / "item").glob("2002-*.html"))
    assert gone
    (pages / "070_item_no-type-2002-vienna.txt").unlink()
    build([pages], data, workers=1)
    result = write_site(data, site)
    assert result.removed >= 4 and not any(p.exists() for p in gone)
    assert broken_links(site) == []


def test_a_new_site_appears_whole_or_not_at_all(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new site is written into a staging folder renamed when complete: a run that stops
    midway leaves neither a half site nor the staging folder."""
    from osce_rdf.publishing.html_pages import PageRenderer

    _, data = sample_build
    out = tmp_path / "site"

    def fail(self: PageRenderer) -> str:
        raise OSError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(PageRenderer, "home", fail)
        with pytest.raises(OSError, match="disk full"):
            write_site(data, out)
    assert list(tmp_path.iterdir()) == []
    result = write_site(data, out)
    assert (out / "index.html").exists() and result.written == result.files
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_new_site_is_written_without_a_temporary_file_per_page(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new site is atomic as a whole (its staging folder), so no file of it goes through a
    temporary name; the forked workers that make the pages wrote each through one."""
    _, data = sample_build

    def temporary_file(self: Path, data: bytes) -> int:
        raise AssertionError(f"{self.name}: written through a temporary file")

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the pages are made by forked workers
    monkeypatch.setattr(Path, "write_bytes", temporary_file)
    result = write_site(data, tmp_path / "site")
    assert result.resources > 200 and result.written == result.files


def test_what_each_graph_names_is_found_beside_the_reading_and_its_errors_reach_the_caller(
    sample_build: tuple[BuildResult, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold site finds each graph's documents in a forked process: its index is the one an
    incremental run finds (which works in the site's own process), and what goes wrong in the
    child is raised in the parent, or said if the child dies."""
    from osce_rdf.publishing import site as site_module

    _, data = sample_build
    write_site(data, tmp_path / "cold")
    cold = json.loads((tmp_path / "cold" / ".osce-rdf-site.json").read_text(encoding="utf-8"))
    shutil.copytree(tmp_path / "cold", tmp_path / "again")
    saved = tmp_path / "again" / ".osce-rdf-site.json"
    index = json.loads(saved.read_text(encoding="utf-8"))
    index["graphs"] = {name: ["changed", ids] for name, (_, ids) in index["graphs"].items()}
    saved.write_text(json.dumps(index), encoding="utf-8")  # every graph found again, here
    write_site(data, tmp_path / "again")
    assert json.loads(saved.read_text(encoding="utf-8"))["graphs"] == cold["graphs"]
    assert len(cold["graphs"]) > 40

    def broken(*_: object) -> set[str]:
        raise UsageError("a graph that cannot be read")

    monkeypatch.setattr(site_module, "_documents_in", broken)
    with pytest.raises(UsageError, match="a graph that cannot be read"):
        write_site(data, tmp_path / "broken")
    assert not (tmp_path / "broken").exists()

    monkeypatch.setattr(site_module, "_documents_in", lambda *_: os._exit(3))
    with pytest.raises(UsageError, match=r"graphs' documents stopped \(exit 3\)"):
        write_site(data, tmp_path / "killed")
    assert not (tmp_path / "killed").exists()

    # The site stops while the child works: the child is stopped too, not waited for.
    monkeypatch.setattr(site_module, "_documents_in", lambda *_: time.sleep(600))

    def failing(*_: object) -> list[str]:
        raise UsageError("the site stopped")

    monkeypatch.setattr(site_module, "_targets", failing)
    started = time.monotonic()
    with pytest.raises(UsageError, match="the site stopped"):
        write_site(data, tmp_path / "stopped")
    assert time.monotonic() - started < 60
    assert multiprocessing.active_children() == []


def test_a_mention_of_two_things_links_to_the_one_with_a_page_in_any_order() -> None:
    """A stretch the enrichment links to a unit and to the item's own event there: the page
    links it to the unit, whichever triple comes first (it followed a set's order)."""
    item, unit = f"{DEFAULT_BASE}item/summit-met", f"{DEFAULT_BASE}unit/summit"
    mention = ox.NamedNode(f"{item}#char=4,10")
    to_event = ox.Triple(mention, _REFERS, ox.NamedNode(f"{item}#event-summit"))
    to_unit = ox.Triple(mention, _REFERS, ox.NamedNode(unit))
    resources = Resources(ox.Store(), source=QuadIndex())
    for triples in ([to_event, to_unit], [to_unit, to_event]):
        (mark,) = resources._marks(item, triples, "The Summit met.")
        assert (mark.kind, mark.start, mark.end, mark.anchor) == ("mention", 4, 10, "char=4,10")
        assert mark.link is not None and mark.link.iri == unit
