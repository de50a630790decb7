"""One saved page with a very large body: the build's time must grow with the body's size.

Every reading and enrichment step works from offsets into the body, so a step that compares
each finding with every other one (or rescans the body for each) costs the square of the
size: a 9 MB body once took more than 12 minutes. This script writes pages of the same
shape at several sizes, builds each on its own and prints the time per megabyte, so a step
that is more than linear shows as a rising ratio:

    python benchmarks/large_body.py --sizes 1,10
    python benchmarks/large_body.py --sizes 1,10 --shapes sentence --profile
    python benchmarks/large_body.py --sizes 10 --shapes sentence,lines --max-seconds 10
    python benchmarks/large_body.py --sizes 0.2,2 --shapes titles --enrich-only

Shapes: `sentence` (one sentence naming a unit, an event and a place, repeated), `dense`
(one sentence with a person, a post, a date, a place, an event and a funder, repeated),
`lines` (short lines, each its own paragraph), `titles` (the constructions of issue 16 with
names that never repeat: a surname alone after a title, plural titles, a bracketed
abbreviation after a post, speech told to an event, a visit and an event told before it is
named), `quotes` (every paragraph a new head of mission with a post and three quotes, one by
two people at once: a speaker looked up among thousands of posts and lists), `sample` (the bodies of the bundled sample
pages one after the other, repeated: quotes, people, events, decisions), `generated` (the
bodies of a generated corpus, `generate.py`: thousands of different people, events and
quotes). `--enrich-only` times the reading rules alone (osce_rdf.enrich), without mapping,
validation and store. `tests/test_large_body.py` checks the ratio at smaller sizes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import generate  # noqa: E402
from osce_rdf.enrich import enrich  # noqa: E402
from osce_rdf.errors import PageError  # noqa: E402
from osce_rdf.package_data import PAGES_DIR  # noqa: E402
from osce_rdf.pipeline.build import build  # noqa: E402
from osce_rdf.reading.pages import read_page  # noqa: E402
from osce_rdf.reading.records import PageKind  # noqa: E402

__all__ = ["SHAPES", "build_seconds", "enrich_seconds", "large_page"]

SHAPES = ("sentence", "dense", "lines", "titles", "quotes", "sample", "generated")
_HEADER = (
    "Press release\n"
    "OSCE Chairmanship welcomes agreement on OSCE role in Bosnia and Herzegovina\n"
    "Date:\nPlace:\n- BUDAPEST\nSource:\n- OSCE Chairmanship\n"
    "Fields of work:\n- Elections\n"
    "BUDAPEST, 14 December 1995 -- "
)
_SENTENCE = "The OSCE Mission to Skopje held a workshop on media freedom in Skopje. "
_DENSE = (
    "The OSCE Mission to Bosnia and Herzegovina said on 8 December that Ambassador Gábor "
    "Kertész, Special Envoy of the Chairman-in-Office, will hold a workshop in Sarajevo "
    "funded by Austria. "
)


def _bodies(folder: Path) -> str:
    bodies: list[str] = []
    for file in sorted(folder.rglob("*.txt")):
        try:
            page = read_page(file, folder)
        except PageError:
            continue  # the generator's deliberately faulty pages
        if page.kind is PageKind.ITEM:
            bodies.extend(item.article_body for item in page.items)
    return "\n".join(bodies) + "\n"


def _generated(size: int) -> str:
    """Bodies of a generated corpus, about `size` bytes of them (some 3 KB a page)."""
    with tempfile.TemporaryDirectory() as folder:
        generate(size // 3000 + 1, Path(folder), faulty=0.0, listing_share=0.0)
        return _bodies(Path(folder))


_SYLLABLES = ("ba", "ke", "li", "mo", "nu", "ra", "se", "ti", "vo", "zu")


def _name(number: int) -> str:
    """A made-up name word of its own for each number: "Keba", "Limonu"."""
    return "".join(_SYLLABLES[int(digit)] for digit in str(number)).capitalize()


def _paragraphs(size: int, names: int, paragraph: Callable[..., str]) -> str:
    """About `size` bytes of paragraphs, each made from `names` made-up names none before had
    (from 1000: four syllables, "Kebabake")."""
    paragraphs: list[str] = []
    written, number = 0, 1000
    while written < size:
        text = paragraph(*(_name(number + n) for n in range(names)))
        paragraphs.append(text)
        written += len(text)
        number += names
    return "".join(paragraphs)


def _titles(surname: str, first: str, second: str, third: str) -> str:
    """Issue 16's constructions, every person a new one: a surname that no full name explains
    is looked for in the whole body, an event told in thousands of sentences is asked about
    in each of them."""
    return (
        f"President {surname} told the roundtable in Skopje today that Foreign Ministers "
        f"Anna {first} of Norway and Jan {second} of Poland agreed. {second} told the "
        "roundtable on Monday. Ivo told the roundtable on Tuesday. Head of the OSCE Mission "
        f"to Bosnia and Herzegovina (BiH), Ambassador Ivo {third}, said {surname} met him "
        "during his visit to Tetovo. Over the past two days, 60 young people gathered in "
        "Struga.\n"
    )


def _quotes(head: str, second: str, third: str) -> str:
    """Three quotes, each a speaker of its own to find: by post and name, by surname after the
    quote, and two people in a joint statement."""
    return (
        f'Ambassador Anna {head}, Head of the OSCE Mission to Skopje, said: "We welcome '
        f'the agreement of {second}." "The work continues," said {head}. Jan {second} '
        f'and Ivo {third} said in a joint statement: "We agree."\n'
    )


def large_page(shape: str, size: int) -> str:
    """A saved item page whose body is about `size` bytes of the given shape."""
    if shape == "sentence":
        unit = _SENTENCE
    elif shape == "dense":
        unit = _DENSE
    elif shape == "lines":
        unit = "".join(f"Short line {n} of the body.\n" for n in range(1000))
    elif shape == "titles":
        unit = _paragraphs(size, 4, _titles)
    elif shape == "quotes":
        unit = _paragraphs(size, 3, _quotes)
    elif shape == "sample":
        unit = _bodies(PAGES_DIR)
    elif shape == "generated":
        unit = _generated(size)
    else:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    repeats = max(1, size // len(unit.encode("utf-8")))
    return _HEADER + (unit * repeats).rstrip("\n") + "\n"


def build_seconds(
    shape: str, size: int, folder: Path, *, store: bool = True
) -> tuple[float, float]:
    """Wall and CPU seconds (this process and the store's loader) to build and validate one
    page of `size` bytes of `shape`. On a shared machine the CPU time is the steadier."""
    pages = folder / f"{shape}-{size}"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / "page.txt").write_text(large_page(shape, size), encoding="utf-8")
    before, started = os.times(), time.perf_counter()
    result = build([pages], folder / f"{shape}-{size}-out", workers=1, store=store)
    elapsed, after = time.perf_counter() - started, os.times()
    if result.items != 1 or result.errors:
        raise RuntimeError(f"{shape} at {size} bytes: {result.errors or 'no item'}")
    cpu = sum(after[:4]) - sum(before[:4])
    return elapsed, cpu


def enrich_seconds(shape: str, size: int, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds to read the body of one page of `size` bytes of `shape` with
    the enrichment rules alone (reading the page, mapping, validation and the store left
    out): the steps that issue 16's rules change."""
    file = folder / f"{shape}-{size}.txt"
    file.write_text(large_page(shape, size), encoding="utf-8")
    (item,) = read_page(file, folder).items
    before, started = time.process_time(), time.perf_counter()
    enrich(item.article_body, None, item.date_published)
    return time.perf_counter() - started, time.process_time() - before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10", help="body sizes in MB (default: 1,10)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="which shapes (default: all)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of each build")
    parser.add_argument("--json", action="store_true", help="one JSON object per build instead")
    parser.add_argument(
        "--enrich-only", action="store_true", help="time the enrichment of the body alone"
    )
    parser.add_argument(
        "--max-seconds", type=float, default=None, help="exit 1 when a build takes longer (wall)"
    )
    args = parser.parse_args(argv)
    slow = []
    sizes = [float(s) for s in args.sizes.split(",")]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        measure = enrich_seconds if args.enrich_only else build_seconds
        (folder / "warm-up").mkdir()
        measure("sentence", 10_000, folder / "warm-up")  # imports, reference data
        if not args.json:
            print(
                f"{'shape':10} {'MB':>6} {'wall s':>8} {'CPU s':>8} {'CPU s/MB':>9} "
                f"{'x size':>7} {'x CPU':>7}"
            )
        for shape in args.shapes.split(","):
            first: float | None = None  # the shape's CPU time at its first size
            for size in sizes:
                profile = cProfile.Profile() if args.profile else None
                if profile is not None:
                    profile.enable()
                wall, cpu = measure(shape, int(size * 1_000_000), folder)
                if profile is not None:
                    profile.disable()
                if args.json:
                    print(json.dumps({"shape": shape, "mb": size, "wall": wall, "cpu": cpu}))
                else:
                    # Growth against the first size: a linear build gives about the size's
                    # ratio (a little less: the fixed costs), a quadratic step its square.
                    first = cpu if first is None else first
                    print(
                        f"{shape:10} {size:6g} {wall:8.2f} {cpu:8.2f} {cpu / size:9.2f} "
                        f"{size / sizes[0]:7.1f} {cpu / max(first, 1e-9):7.1f}"
                    )
                sys.stdout.flush()
                if profile is not None:
                    pstats.Stats(profile).sort_stats("tottime").print_stats(15)
                if args.max_seconds is not None and wall > args.max_seconds:
                    slow.append(f"{shape} at {size:g} MB: {wall:.1f} s")
    for line in slow:
        print(f"over {args.max_seconds:g} s: {line}", file=sys.stderr)
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
