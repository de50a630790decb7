"""Parsers written by others read our TriG and Turtle with the same quads as pyoxigraph, and
Apache Jena's strict validating parser accepts every dump.

Every side is canonicalised by one implementation, rdf-canonize (RDFC-1.0), so the
comparison is of canonical N-Quads text: the same lines, or a diff that names them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ..conftest import output_file
from .conftest import Corpus
from .engines import Canonical, canonical, jena, rapper

pytestmark = pytest.mark.conformance

SYNTAX = {"osce.trig": ("trig", ox.RdfFormat.TRIG), "osce.ttl": ("turtle", ox.RdfFormat.TURTLE)}


def differences(found: Canonical, expected: Canonical) -> str:
    """The lines only one side has (at most ten of each), for an assertion message."""
    extra = sorted(found.lines - expected.lines)
    lacking = sorted(expected.lines - found.lines)
    return "\n".join(
        [
            f"{len(extra)} quads only the engine read:",
            *extra[:10],
            f"{len(lacking)} quads only pyoxigraph read:",
            *lacking[:10],
        ]
    )


def pyoxigraph_reading(file: Path, tmp_path: Path) -> Canonical:
    """pyoxigraph's quads of `file`, written as N-Quads and canonicalised like the others."""
    nquads = tmp_path / f"{file.name}.pyoxigraph.nq"
    syntax = SYNTAX[file.name][1]
    quads = ox.parse(path=str(file), format=syntax)
    nquads.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return canonical("nquads", [nquads])[nquads]


@pytest.mark.parametrize("dump", SYNTAX)
def test_n3js_reads_the_quads_pyoxigraph_reads(corpus: Corpus, dump: str, tmp_path: Path) -> None:
    file = output_file(corpus.out, dump)
    expected = pyoxigraph_reading(file, tmp_path)
    found = canonical(SYNTAX[dump][0], [file])[file]
    assert found == expected, differences(found, expected)
    assert len(found) > 1000


@pytest.mark.parametrize("dump", SYNTAX)
def test_rapper_reads_the_quads_pyoxigraph_reads(corpus: Corpus, dump: str, tmp_path: Path) -> None:
    file = output_file(corpus.out, dump)
    expected = pyoxigraph_reading(file, tmp_path)
    written = rapper(file, SYNTAX[dump][0], tmp_path / f"{dump}.rapper.nq")
    found = canonical("nquads", [written])[written]
    assert found == expected, differences(found, expected)


@pytest.mark.parametrize("dump", SYNTAX)
def test_jena_reads_the_quads_pyoxigraph_reads(corpus: Corpus, dump: str, tmp_path: Path) -> None:
    file = output_file(corpus.out, dump)
    expected = pyoxigraph_reading(file, tmp_path)
    done = jena("riotcmd.riot", "--output=nquads", str(file))
    assert done.returncode == 0, done.stderr
    written = tmp_path / f"{dump}.jena.nq"
    written.write_text(done.stdout, encoding="utf-8")
    found = canonical("nquads", [written])[written]
    assert found == expected, differences(found, expected)


def test_turtle_states_each_triple_once(corpus: Corpus, tmp_path: Path) -> None:
    """`osce.ttl` is the union of the graphs, each triple once: as rapper and N3.js count them."""
    written = rapper(corpus.turtle, "turtle", tmp_path / "osce.ttl.rapper.nq")
    by_rapper = canonical("nquads", [written])[written]
    by_n3 = canonical("turtle", [corpus.turtle])[corpus.turtle]
    assert by_rapper.statements == len(by_rapper)
    assert by_n3.statements == len(by_n3)
    union = {q.triple for q in corpus.quads}
    assert len(by_n3) == len(union)


def test_jena_strict_validation_accepts_every_dump(corpus: Corpus) -> None:
    """`riot --validate --strict`: no error and no warning (bad IRIs, ill-typed literals...).

    Debian's Jena cannot start its JSON-LD 1.1 reader (no JSON-P provider is packaged, see
    docs/conformance.md); its JSON-LD 1.0 reader (jsonld-java) reads the JSON-LD files.
    """
    for syntax, dumps in (
        (None, ["osce.trig", "osce.ttl"]),
        ("jsonld10", ["osce.jsonld", "context.jsonld"]),
    ):
        options = [f"--syntax={syntax}"] if syntax else []
        files = [str(output_file(corpus.out, dump)) for dump in dumps]
        done = jena("riotcmd.riot", "--validate", "--strict", *options, *files)
        assert done.returncode == 0, done.stderr
        said = [line for line in done.stderr.splitlines() if " INFO " not in line]
        assert said == [], done.stderr  # riot names each file (INFO) when given several
