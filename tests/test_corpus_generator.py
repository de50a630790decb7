"""The benchmark corpus is a function of its arguments: the same seed gives the same bytes.

Benchmarks compare runs, and the conformance suite builds a generated corpus, so a change to
the generator that changes its pages must be deliberate. A small corpus is pinned by the
sha256 of every file it writes (`tests/golden/corpus-seed7.sha256`, in `sha256sum` format).
After an intended change, regenerate it and review what changed:

    python -m tests.test_corpus_generator
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from benchmarks.generate import FAULT_KINDS, generate, main

PINNED = Path(__file__).resolve().parent / "golden" / "corpus-seed7.sha256"
# Small, but with every kind of fault, listing pages and items published after a closing.
PAGES, SEED, FAULTY, LISTING_SHARE = 150, 7, 0.1, 0.2


def digests(folder: Path) -> str:
    """Every file under `folder` with its sha256, one line each, sorted by path."""
    return "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(folder).as_posix()}\n"
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def pinned_corpus(out: Path, jobs: int = 1) -> str:
    generate(PAGES, out, SEED, FAULTY, LISTING_SHARE, jobs=jobs)
    return digests(out)


def test_corpus_for_a_seed_is_byte_identical_to_the_pinned_one(tmp_path: Path) -> None:
    assert pinned_corpus(tmp_path / "corpus") == PINNED.read_text(encoding="utf-8")


def test_pinned_corpus_has_every_kind_of_page(tmp_path: Path) -> None:
    """The pin covers what the generator can write, not only plain item pages."""
    result = generate(PAGES, tmp_path, SEED, FAULTY, LISTING_SHARE)
    assert result.listing_pages > 0
    assert result.published_after_close > 0
    assert all(result.faults[kind] > 0 for kind in FAULT_KINDS)


def test_worker_processes_write_the_same_bytes(tmp_path: Path) -> None:
    assert pinned_corpus(tmp_path / "two", jobs=2) == pinned_corpus(tmp_path / "one")


def test_command_line_writes_the_same_corpus(tmp_path: Path) -> None:
    args = ["--pages", str(PAGES), "--seed", str(SEED), "--faulty", str(FAULTY)]
    assert main([*args, "--listing-share", str(LISTING_SHARE), "--out", str(tmp_path)]) == 0
    assert digests(tmp_path) == PINNED.read_text(encoding="utf-8")


def test_regenerating_into_a_generated_corpus_replaces_it(tmp_path: Path) -> None:
    generate(40, tmp_path, seed=1, faulty=0.5, listing_share=0.5)
    assert pinned_corpus(tmp_path) == PINNED.read_text(encoding="utf-8")


def write_pinned() -> None:
    """Regenerate the pinned digests (see the module docstring)."""
    with tempfile.TemporaryDirectory() as folder:
        PINNED.write_text(pinned_corpus(Path(folder)), encoding="utf-8")
    print(f"wrote {PINNED}")


if __name__ == "__main__":
    write_pinned()
