"""Generate a synthetic corpus of saved OSCE pages for benchmarks.

The toolkit's speed and robustness have to be measured on archive-sized input (tens of
thousands of pages), but only a few dozen real pages are bundled. This script writes as many
pages as asked for, in the same plain-text formats as `data/pages/` (item pages with a
navigation block, content type, title, metadata block and a body opening with a dateline;
newsroom listing pages with several items each), exercising every metadata and dateline
variant the parser reads, plus a known share of faulty pages. The same arguments give the
same bytes (`tests/test_corpus_generator.py` pins a small corpus).

Usage:

    python benchmarks/generate.py --pages 25000 --out benchmarks/corpus
    python benchmarks/generate.py --pages 2000 --out /tmp/c --seed 7 --faulty 0.05

The generator is the package `benchmarks/generator/`: the reference data it names things
from (`reference`), its word lists (`vocabulary`, read from `vocabulary/*.toml`), what a
story says (`stories`), how a page writes it (`pages`, `faults`) and the run (`run`). Only
the standard library is used, so it runs before the project is installed and cannot drift
with the parser it tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generator.faults import FAULT_KINDS
from benchmarks.generator.run import GeneratedCorpus, generate, main

__all__ = ["FAULT_KINDS", "GeneratedCorpus", "generate", "main"]

if __name__ == "__main__":
    sys.exit(main())
