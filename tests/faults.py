"""Run `osce-rdf` with a fault at a chosen point: the fault-injection tests' harness.

    python -m tests.faults POINT[,POINT...] -- build PAGES -o DIR ...

A point is `NAME:ACTION`. NAME (see `POINTS`) is a function of the package and when to act:
before or after its Nth call in the process that makes it (so a point inside a worker's
function acts in that worker). ACTION is what happens there:

    kill         SIGKILL to the process itself (a kill -9, the kernel's out-of-memory killer)
    interrupt    SIGINT to the whole process group: Ctrl-C in a terminal
    kill-loader  SIGKILL to the store loader process (at a StoreLoader method)
    stop         SIGSTOP to the process itself: a test looks at the folder, then continues it

Nothing in the package knows about this: the points are chosen by wrapping its functions
here, so every run is the same run and production code carries no test hooks.
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from osce_rdf.cli.commands import main

# name -> (module, attribute path, "before" or "after", which call)
POINTS: dict[str, tuple[str, str, str, int]] = {
    "identify": ("osce_rdf.pipeline.page_pipeline", "Pipeline.identify", "after", 1),
    "render": ("osce_rdf.pipeline.page_pipeline", "Pipeline.begin", "after", 1),
    "validated": ("osce_rdf.pipeline.page_pipeline", "Validation.wait", "after", 1),
    "write": (
        "osce_rdf.rendering.dumps",
        "DatasetWriter.write",
        "after",
        1,
    ),  # a changed item, or the ontology
    "copy": ("osce_rdf.rendering.dumps", "DatasetWriter.copy", "after", 1),
    "load": ("osce_rdf.pipeline.store", "StoreLoader._send", "after", 1),
    "loader-finish": ("osce_rdf.pipeline.store", "StoreLoader.finish", "before", 1),
    "loaded": ("osce_rdf.pipeline.store", "StoreLoader.finish", "after", 1),
    "checkpoint": ("osce_rdf.pipeline.build", "checkpoint", "after", 1),
    "update": ("osce_rdf.pipeline.build", "update_store", "before", 1),
    "updated": ("osce_rdf.pipeline.build", "update_store", "after", 1),
    # Written whole or updated from the previous one (`TextIndex.write_updated`): both write
    # through `_write`.
    "text-index": ("osce_rdf.pipeline.text_index", "_write", "after", 1),
    "dumps": ("osce_rdf.rendering.dumps", "DatasetWriter.close", "before", 1),
    "one-dump": ("osce_rdf.atomic_files", "Path.replace", "after", 2),  # parts.json, the context
    "dumps-renamed": ("osce_rdf.rendering.dumps", "DatasetWriter.close", "after", 1),
    "dumps-switched": ("osce_rdf.pipeline.build", "switch_dumps", "after", 1),
    "switch": ("osce_rdf.pipeline.build", "switch_store", "before", 1),
    "switched": ("osce_rdf.pipeline.build", "switch_store", "after", 1),
    "index": ("osce_rdf.pipeline.build", "write_index", "before", 1),
    "indexed": ("osce_rdf.pipeline.build", "write_index", "after", 1),
    "discard": ("osce_rdf.pipeline.build", "discard_generations", "before", 2),
}


def act(action: str, args: tuple[Any, ...]) -> None:
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "interrupt":
        os.killpg(os.getpgrp(), signal.SIGINT)
    elif action == "kill-loader":
        loader = args[0]
        os.kill(loader._process.pid, signal.SIGKILL)
        loader._process.wait()
    elif action == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
    else:
        raise SystemExit(f"unknown action {action!r}")


def install(name: str, action: str) -> None:
    module_name, path, when, nth = POINTS[name]
    owner: Any = importlib.import_module(module_name)
    *parents, attribute = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    original: Callable[..., Any] = getattr(owner, attribute)
    calls = 0

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if when == "before" and calls == nth:
            act(action, args)
        found = original(*args, **kwargs)
        if when == "after" and calls == nth:
            act(action, args)
        return found

    setattr(owner, attribute, wrapper)


def run(argv: list[str]) -> None:
    points, separator, *command = argv
    assert separator == "--"
    # Ctrl-C as in a terminal, even when this process was started with SIGINT ignored (a
    # test run started in the background by a shell without job control: Python then keeps
    # the ignore, and an `interrupt` point would be a no-op).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for point in points.split(","):
        name, action = point.split(":")
        install(name, action)
    # Several batches from a few pages, so that workers are used. (The package's `build` is
    # the function: the module is found by name.)
    build_module: Any = importlib.import_module("osce_rdf.pipeline.build")
    build_module._BATCH = 4
    main(command, prog_name="osce-rdf")


if __name__ == "__main__":
    run(sys.argv[1:])
