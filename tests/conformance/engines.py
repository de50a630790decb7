"""The engines written by others that the conformance suite reads our outputs with.

Each is installed by the project's own files (`conformance/install-engines` for Debian's
rapper, Jena and Node.js, `npm ci` in `conformance/` for N3.js, jsonld.js and rdf-canonize;
`make conformance` does both). A missing engine fails the suite with the command that
installs it: a conformance check that quietly did not run would say nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib

PROJECT = Path(__file__).resolve().parents[2]
CONFORMANCE = PROJECT / "conformance"
CANONICAL = CONFORMANCE / "canonical.mjs"
JENA = CONFORMANCE / "jena"
INSTALL = "run `make conformance` (after `sudo conformance/install-engines` once)"


def require(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.fail(f"{program} is not installed: {INSTALL}", pytrace=False)
    return found


def _run(command: list[str], what: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0:
        raise AssertionError(f"{what} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done


@dataclass(frozen=True)
class Canonical:
    """An RDF dataset in RDFC-1.0 canonical N-Quads (one quad a line, sorted), and how many
    statements the file made (repeats included)."""

    text: str
    statements: int
    graphs: dict[str, str] = field(default_factory=dict)  # with `graphs`: each one alone

    @property
    def lines(self) -> set[str]:
        return set(self.text.splitlines())

    def __len__(self) -> int:
        return self.text.count("\n")


def canonical(fmt: str, files: list[Path]) -> dict[Path, Canonical]:
    """Each file read by a JavaScript engine (`trig`, `turtle`, `nquads`: N3.js; `jsonld`:
    jsonld.js; `graphs`: N3.js on TriG, each graph also alone) and canonicalised by
    rdf-canonize (RDFC-1.0)."""
    require("node")
    if not (CONFORMANCE / "node_modules" / "rdf-canonize").is_dir():
        pytest.fail(f"the npm packages of conformance/ are not installed: {INSTALL}", pytrace=False)
    found: dict[Path, Canonical] = {}
    for start in range(0, len(files), 200):  # a command line of bounded length
        batch = files[start : start + 200]
        done = _run(["node", str(CANONICAL), fmt, *map(str, batch)], f"node canonical.mjs {fmt}")
        answers = json.loads(done.stdout)
        for file in batch:
            answer = answers[str(file)]
            if "error" in answer:
                raise AssertionError(f"{fmt} reader refused {file.name}: {answer['error']}")
            found[file] = Canonical(
                answer["canonical"], answer["statements"], answer.get("graphs", {})
            )
    return found


def rapper(file: Path, syntax: str, out: Path) -> Path:
    """`rapper` (Raptor 2, Debian's raptor2-utils) reads `file` and writes N-Quads to `out`."""
    require("rapper")
    done = _run(["rapper", "--quiet", "-i", syntax, "-o", "nquads", str(file)], "rapper")
    out.write_text(done.stdout, encoding="utf-8")
    return out


def jena(*arguments: str) -> subprocess.CompletedProcess[str]:
    """A command of Debian's Apache Jena 4.5.0 (class name first), through `conformance/jena`."""
    require("java")
    require("unzip")
    if not Path("/usr/share/java/jena-core.jar").exists():
        pytest.fail(f"Apache Jena (libapache-jena-java) is not installed: {INSTALL}", pytrace=False)
    return subprocess.run(
        [str(JENA), *arguments], capture_output=True, text=True, check=False, timeout=600
    )


def jena_shacl(shapes: Path, data: Path) -> rdflib.Graph:
    """Jena SHACL's results for a data graph (Turtle or N-Triples: Jena reads no named graphs)."""
    done = jena("shacl.shacl", "validate", "--shapes", str(shapes), "--data", str(data))
    if done.returncode != 0 or not done.stdout.strip():
        raise AssertionError(f"jena shacl failed ({done.returncode}): {done.stderr[-2000:]}")
    return rdflib.Graph().parse(data=done.stdout, format="turtle")
