"""The benchmark's measurements: CPU time counts the workers a step's process forks; the
memory sampler sees the peak without taking the CPU the step needs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks import run
from benchmarks.report import table
from benchmarks.run import measure

# A process that spends its CPU time in a worker it forks and waits for, as the site does.
_BUSY_WORKER = """
import multiprocessing, time

def spin(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass

if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pool.apply(spin, (0.3,))
"""


def test_cpu_time_counts_the_workers_of_a_step() -> None:
    measured, _ = measure("busy", 1, [sys.executable, "-c", _BUSY_WORKER])
    assert measured.returncode == 0
    assert measured.cpu_s >= 0.3
    assert measured.cpu_s <= measured.wall_s * 2 + 0.5  # two cores at most, and start-up


# A process that holds 600 MB for two seconds: reading its Pss walks 150,000 pages.
_LARGE = """
import time
held = bytearray(600 * 1024 * 1024)
held[::4096] = b"1" * len(held[::4096])
time.sleep(2)
"""


def test_memory_sampling_sees_the_peak_and_takes_little_of_a_core() -> None:
    measured, _ = measure("large", 1, [sys.executable, "-c", _LARGE])
    assert measured.returncode == 0
    assert measured.peak_rss_mb >= 600
    # Sampled every 20 ms, each sample took 15-20 ms of CPU here: half a core, taken from
    # the step measured (the site at 25,000 pages: 332 s, 213 s without).
    assert measured.extra["sampling_cpu_s"] <= 0.1 * measured.wall_s


def test_the_site_row_shows_its_cpu_time_against_the_cold_builds() -> None:
    row = {
        "step": "site (cold)", "pages": 1500, "wall_s": 12.0, "cpu_s": 15.0,
        "peak_rss_mb": 900.0, "returncode": 0, "items": 1500, "triples": 150_000,
        "extra": {"vs_cold_build": 1.2, "cpu_vs_cold_build": 0.75},
        "pages_per_s": 125.0, "triples_per_s": 12_500.0,
    }  # fmt: skip
    assert "1.20 of the cold build (CPU time 0.75)" in table([row])


def test_the_site_waits_for_the_inodes_a_large_deletion_freed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site made minutes after the last one was deleted was timed 40% slower: the disk
    held the freed inodes back. A small deletion is not waited for."""
    slept: list[float] = []
    monkeypatch.setattr("benchmarks.run.time.sleep", slept.append)
    monkeypatch.setattr(run, "_MANY_FILES", 3)
    monkeypatch.setattr(run, "_deleted_at", -run._INODES_HELD_S)
    for name, count in (("small", 2), ("large", 3)):
        folder = tmp_path / name / "sub"
        folder.mkdir(parents=True)
        for number in range(count):
            (folder / f"{number}.html").write_text("x", encoding="utf-8")
        run._delete(tmp_path / name)
        assert not (tmp_path / name).exists()
        run._wait_for_freed_inodes()
    assert len(slept) == 1 and run._INODES_HELD_S - 5 < slept[0] <= run._INODES_HELD_S
    run._delete(tmp_path / "never-made")  # nothing to delete: no error
