"""A bounded load test of `osce-rdf serve`: concurrent clients on loopback ask for entity pages.

It starts the server on 127.0.0.1 (a free port), picks a fixed sample of resources of the
build (items, States, people, units, places...; seeded, so runs compare), then `--clients`
clients, each on its own keep-alive connection, ask for their HTML pages one after another
for `--seconds` seconds after a warm-up, and stop. It prints, and writes as JSON, how many
answers came back, how many failed (anything but 200), and the latency percentiles; the exit
status is 1 when any failed or the 95th percentile is over `--p95-ms`.

    python benchmarks/serve_load.py benchmarks/out/5000 --clients 20 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from osce_rdf.identity.iris import DEFAULT_BASE  # noqa: E402
from osce_rdf.publishing.views import Resources  # noqa: E402

__all__ = ["main", "run_load"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def sample_paths(data: Path, count: int, seed: int) -> list[str]:
    """Pages of resources of every kind, items in proportion to how many there are."""
    documents = Resources.open(data).documents()
    paths = [d[len(DEFAULT_BASE) :] for d in documents if "/" in d[len(DEFAULT_BASE) :]]
    chosen = random.Random(seed).sample(paths, min(count, len(paths)))
    return [f"/{path}.html" for path in chosen]


async def _client(
    port: int,
    paths: list[str],
    start: float,
    warm_until: float,
    stop: float,
    out: list[float],
    failures: list[str],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    index = 0
    try:
        while time.perf_counter() < stop:
            path = paths[index % len(paths)]
            index += 1
            began = time.perf_counter()
            request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n\r\n"
            writer.write(request.encode("ascii"))
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in {b"\r\n", b""}:
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            await reader.readexactly(length)
            ended = time.perf_counter()
            status = status_line.split(b" ", 2)[1:2]
            if status != [b"200"]:
                failures.append(f"{path}: {status_line.decode('latin-1').strip()}")
            if began >= warm_until:
                out.append(ended - began)
    finally:
        writer.close()


async def _drive(
    port: int, paths: list[str], clients: int, warm: float, seconds: float
) -> tuple[list[float], list[str], float]:
    start = time.perf_counter()
    warm_until = start + warm
    stop = warm_until + seconds
    latencies: list[float] = []
    failures: list[str] = []
    rng = random.Random(1)
    tasks = []
    for _ in range(clients):
        mine = paths[:]
        rng.shuffle(mine)
        tasks.append(_client(port, mine, start, warm_until, stop, latencies, failures))
    await asyncio.gather(*tasks)
    return latencies, failures, time.perf_counter() - warm_until


def run_load(data: Path, *, clients: int = 20, seconds: float = 20, warm: float = 3,
             sample: int = 2000, seed: int = 42, workers: int = 1) -> dict[str, Any]:  # fmt: skip
    """Start the server, load it, stop it; the figures."""
    paths = sample_paths(data, sample, seed)
    port = _free_port()
    command = [sys.executable, "-m", "osce_rdf", "serve", "--data", str(data),
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(
                        "the server did not start: "
                        + (server.stderr.read().decode() if server.stderr else "")
                    ) from None
                time.sleep(0.2)
        latencies, failures, elapsed = asyncio.run(_drive(port, paths, clients, warm, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    ordered = sorted(latencies)

    def percentile(p: float) -> float:
        return (
            ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else 0.0
        )

    return {
        "clients": clients, "seconds": round(elapsed, 2), "workers": workers, "pages_sampled": len(paths),
        "answers": len(ordered), "failures": len(failures), "failed": failures[:10],
        "per_second": round(len(ordered) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(50), 2), "p95_ms": round(percentile(95), 2),
        "p99_ms": round(percentile(99), 2), "max_ms": round(ordered[-1] * 1000, 2) if ordered else 0.0,
        "mean_ms": round(statistics.fmean(ordered) * 1000, 2) if ordered else 0.0,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, help="a build folder")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warm", type=float, default=3.0, help="seconds of load not counted")
    parser.add_argument("--sample", type=int, default=2000, help="how many resources' pages")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--p95-ms", type=float, default=50.0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    figures = run_load(args.data, clients=args.clients, seconds=args.seconds, warm=args.warm,
                       sample=args.sample, workers=args.workers)  # fmt: skip
    text = json.dumps(figures, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    sys.exit(1 if figures["failures"] or figures["p95_ms"] > args.p95_ms else 0)


if __name__ == "__main__":
    main()
