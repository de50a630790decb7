"""Bad input and a hostile machine: each is one line (file and line where there is one), the
rest is still done, and nothing already written is lost.

Some faults are real ones the tests make: the suite runs as root, for whom a folder with no
permissions is still readable, so such commands run under `setpriv` without root's power to
ignore permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH); a full disk is a 16 MB tmpfs
mounted in a private mount namespace (`unshare`), filled up before the second build.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from osce_rdf.cli.commands import main
from osce_rdf.package_data import PAGES_DIR

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "dataset.trig"
PAGES = sorted(PAGES_DIR.glob("0[1-2]*.txt"))[:3]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _one_error_line(result: Result | subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _one_reported_error(result: Result | subprocess.CompletedProcess[str]) -> str:
    """`validate` reports an input it cannot read in its report (standard output), as a
    result of its own, and says on stderr that nothing was validated."""
    lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(lines) == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "not validated" in result.stderr
    return lines[0]


def _pages(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for page in PAGES:
        shutil.copy(page, folder / page.name)
    return folder


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _osce_rdf(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "osce_rdf", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _without_root_powers() -> tuple[str, ...]:
    """A command prefix under which permissions hold, even when the tests run as root."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("setpriv (util-linux) is needed to test permissions as root")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")


# ---------------------------------------------------------------- RDF/XML entities

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE r [
<!ENTITY a "lollollollollollollollollollollollollollol">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x:">
<rdf:Description rdf:about="urn:x:a"><x:p>&i;</x:p></rdf:Description>
</rdf:RDF>
"""


def _limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def test_billion_laughs_is_refused_in_one_line(tmp_path: Path) -> None:
    """800 bytes that ask for 13 GB: refused at once, not an aborted process."""
    laughs = tmp_path / "laughs.rdf"
    laughs.write_text(LAUGHS, encoding="utf-8")
    assert laughs.stat().st_size <= 800
    done = subprocess.run(
        [sys.executable, "-m", "osce_rdf", "validate", str(laughs)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=_limited_memory,
    )
    assert done.returncode == 2
    line = _one_reported_error(done)
    assert line.startswith(f"{laughs}:14: error: XML entities expand past 1,048,576 characters")


def test_many_references_to_a_large_entity_are_refused(tmp_path: Path) -> None:
    blowup = tmp_path / "blowup.rdf"
    blowup.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "{"x" * 20000}">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x:">'
        f'<rdf:Description rdf:about="urn:x:a"><x:p>{"&e;" * 20000}</x:p></rdf:Description>'
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    result = run("validate", str(blowup))
    assert result.exit_code == 2
    assert "XML entities expand past 1,048,576 characters" in _one_reported_error(result)


def test_entities_that_name_namespaces_are_read(tmp_path: Path) -> None:
    """OWL files written by ontology editors abbreviate namespaces with entities."""
    owl = tmp_path / "ontology.rdf"
    owl.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        '  <!ENTITY x "urn:x:">\n'
        '  <!ENTITY rdf "http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n]>\n'
        '<rdf:RDF xmlns:rdf="&rdf;" xmlns:x="&x;">\n'
        '  <rdf:Description rdf:about="&x;a"><x:p rdf:resource="&x;b"/></rdf:Description>\n'
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    from osce_rdf.rendering.rdf_input import read_quads

    assert [str(q) for q in read_quads(owl)] == ["<urn:x:a> <urn:x:p> <urn:x:b>"]


# ---------------------------------------------------------------- input folders


def test_a_symbolic_link_loop_is_one_error(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    (pages / "more").mkdir()
    (pages / "more" / "back").symlink_to("..")
    (pages / "self.txt").symlink_to("self.txt")
    result = run("build", str(pages), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{pages}/more/back: error: a symbolic link back to {pages} (a loop): not followed",
        f"{pages}/self.txt: error: cannot read: Too many levels of symbolic links",
    ]
    assert f"items: {len(PAGES)}" in result.stdout


def test_a_file_name_that_is_not_utf8_is_one_error(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    bad = os.fsencode(pages) + b"/caf\xe9.txt"
    with open(bad, "wb") as handle:  # noqa: PTH123 - a path that is not text
        handle.write(PAGES[0].read_bytes())
    os.mkdir(os.fsencode(pages) + b"/dossier-\xff")  # noqa: PTH102
    result = run("build", str(pages), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{pages}/caf\\xe9.txt: error: the page name is not valid UTF-8 (not read); rename it",
        f"{pages}/dossier-\\xff: error: the folder name is not valid UTF-8 (its pages are not "
        "read); rename it",
    ]
    assert f"items: {len(PAGES)}" in result.stdout


def test_an_unreadable_folder_is_one_error(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    locked = _pages(pages / "locked")
    for page in locked.iterdir():
        page.rename(locked / f"copy-{page.name}")
    locked.chmod(0)
    try:
        done = _osce_rdf(
            "build", str(pages), "-o", str(tmp_path / "out"), prefix=_without_root_powers()
        )
    finally:
        locked.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert _one_error_line(done) == f"{locked}: error: cannot read this folder: Permission denied"
    assert f"items: {len(PAGES)}" in done.stdout


# ---------------------------------------------------------------- outputs


def test_a_read_only_output_folder_is_one_line_and_keeps_the_outputs(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    out = tmp_path / "out"
    assert run("build", str(pages), "-o", str(out)).exit_code == 0
    before = _fingerprint(out)
    (pages / PAGES[0].name).write_text(PAGES[0].read_text() + "\nOne more line.\n")
    out.chmod(0o555)
    try:
        for full in ([], ["--full"]):
            done = _osce_rdf(
                "build", str(pages), "-o", str(out), *full, prefix=_without_root_powers()
            )
            assert done.returncode == 2
            line = _one_error_line(done)
            assert line == f"osce-rdf: error: {out}: cannot write to this folder", line
    finally:
        out.chmod(0o755)
    assert _fingerprint(out) == before


# The disk is filled to leave KEEP kilobytes free, for each KEEP in turn: with none left the
# build fails at its lock file, with a little at the dumps, with more inside the store's load.
FILL_AND_BUILD = """
set -eu
mount -t tmpfs -o size=16m tmpfs "$OUT"
"$PYTHON" -m osce_rdf build "$PAGES" -o "$OUT/dist" > /dev/null 2>&1
cd "$OUT/dist" && find . -type f | sort | xargs sha256sum > "$SUMS" && cd - > /dev/null
echo "One more line." >> "$PAGES/$CHANGED"
for keep in $KEEP; do
  rm -f "$OUT/filler"
  free=$(df --output=avail -k "$OUT" | tail -n 1)
  dd if=/dev/zero of="$OUT/filler" bs=1k count=$((free - keep)) 2> /dev/null || true
  echo "== keep $keep"
  echo "== keep $keep" >&2
  status=0
  "$PYTHON" -m osce_rdf build "$PAGES" -o "$OUT/dist" || status=$?
  echo "exit $status"
  cd "$OUT/dist" && sha256sum --quiet -c "$SUMS" && echo intact && cd - > /dev/null
  ls -A "$OUT/dist"
done
"""
# Kilobytes left free, and where the build then finds the disk full.
FULL_AT = {0: r"\.osce-rdf\.lock", 16: r"dumps/osce-\d{4}\.(trig|ttl|jsonld)", 1024: "store"}


def test_a_full_disk_is_one_line_and_keeps_the_outputs(tmp_path: Path) -> None:
    """Before, only a disk full before the build started was tried, so only the lock file's
    error was: now the disk fills at the lock file, the dumps and the store in turn."""
    pages = _pages(tmp_path / "pages")
    (tmp_path / "disk").mkdir()
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail("unshare (util-linux) is needed to give the test a small disk")
    namespace = (
        [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--map-root-user", "--mount"]
    )
    done = subprocess.run(
        [*namespace, "sh", "-c", FILL_AND_BUILD],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={
            **os.environ,
            "OUT": str(tmp_path / "disk"),
            "PAGES": str(pages),
            "CHANGED": PAGES[0].name,
            "PYTHON": sys.executable,
            "SUMS": str(tmp_path / "sums"),
            "KEEP": " ".join(str(keep) for keep in FULL_AT),
        },
    )
    rounds = done.stdout.split("== keep ")[1:]
    errors = done.stderr.split("== keep ")[1:]
    assert len(rounds) == len(errors) == len(FULL_AT), done.stdout + done.stderr
    dist = tmp_path / "disk" / "dist"
    for (keep, where), out, err in zip(FULL_AT.items(), rounds, errors, strict=True):
        assert out.startswith(f"{keep}\nexit 2\nintact\n"), (keep, out, err)
        (line,) = [line for line in err.splitlines()[1:] if "error" in line]
        assert "Traceback" not in err
        assert re.match(rf"osce-rdf: error: {re.escape(str(dist))}/{where}: ", line), (keep, line)
        assert "No space left on device" in line, (keep, line)
        listed = out.split("intact\n", 1)[1].split()
        left = (".store-2", ".dumps-2")  # what the stopped build began
        assert not any(name.endswith(".tmp") or name in left for name in listed), listed


def test_a_damaged_store_is_one_line_and_the_next_build_replaces_it(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    out = tmp_path / "out"
    assert run("build", str(pages), "-o", str(out)).exit_code == 0
    (out / "store" / "CURRENT").write_text("garbage\n")
    before = _fingerprint(out)
    query = run("query", "--data", str(out), "--sparql", "ASK { ?s ?p ?o }")
    assert query.exit_code == 2
    assert _one_error_line(query) == (
        f"osce-rdf: error: {out}/store: the store is damaged (Corruption: CURRENT file "
        f"corrupted); rebuild it with `osce-rdf build --full -o {out}`"
    )
    (pages / PAGES[0].name).write_text(PAGES[0].read_text() + "\nOne more line.\n")
    assert _fingerprint(out) == before
    # A build does not update a damaged store in place: it loads a new one beside it.
    assert run("build", str(pages), "-o", str(out)).exit_code == 0
    assert run("query", "--data", str(out), "--sparql", "ASK { ?s ?p ?o }").stdout == "true\n"


@pytest.mark.parametrize(
    ("split", "message"),
    [
        (
            "afile/items",
            "afile/items: cannot make this folder: a file stands where a folder should be",
        ),
        (
            "x/" + "a" * 256,
            "cannot make this folder: a name is longer than file systems allow (255 bytes)",
        ),
    ],
)
def test_split_where_no_folder_can_be_is_one_line(tmp_path: Path, split: str, message: str) -> None:
    (tmp_path / "afile").write_text("a file\n")
    result = run(
        "export", "--data", str(FIXTURE), "--frame", "release", "--split", str(tmp_path / split)
    )
    assert result.exit_code == 2
    assert _one_error_line(result).endswith(message)
    assert not (tmp_path / "x").exists()


# ---------------------------------------------------------------- query and load options


def test_a_query_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    query = tmp_path / "latin1.rq"
    query.write_bytes('SELECT ?s WHERE {\n  ?s ?p "café" }\n'.encode("latin-1"))
    result = run("query", "--data", str(FIXTURE), "-f", str(query))
    assert result.exit_code == 2
    assert _one_error_line(result) == (
        f"osce-rdf: {query}:2: error: not valid UTF-8 (byte 0xE9); save the query as UTF-8"
    )


def test_a_query_file_with_a_byte_order_mark_runs(tmp_path: Path) -> None:
    query = tmp_path / "bom.rq"
    query.write_bytes("\ufeffASK { ?s ?p ?o }\n".encode())
    result = run("query", "--data", str(FIXTURE), "-f", str(query))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "true\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["mentions-in-text", "--param", "thing=country:be lgium"],
            "parameter thing: 'country:be lgium' is not an absolute IRI",
        ),
        (
            ["--sparql", "SELECT ?i { VALUES ?i { UNDEF } }", "--param", "i=<http://x/a b>"],
            "Invalid IRI code point ' '",
        ),
        (
            ["--sparql", "SELECT ?n { VALUES ?n { UNDEF } }", "--param", "n=99999999999999999999"],
            "parameter n: 99999999999999999999 is out of range",
        ),
        (
            ["full-text-search", "--param", "text= "],
            "parameter text: no value given (it is empty or blank)",
        ),
    ],
)
def test_parameters_that_cannot_be_terms_are_usage_errors(args: list[str], message: str) -> None:
    result = run("query", "--data", str(FIXTURE), *args)
    assert result.exit_code == 2
    assert message in _one_error_line(result)


def test_load_into_a_relative_graph_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "extra.nt"
    data.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    result = run("load", str(data), "--graph", "extra", "--data", str(tmp_path))
    assert result.exit_code == 2
    assert _one_error_line(result) == (
        "osce-rdf load: error: Invalid value for '--graph': 'extra' is not an absolute IRI "
        "(such as https://w3id.org/osce/)"
    )
