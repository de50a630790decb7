"""`osce-rdf build --watch`: build, then build again whenever a page changes.

A rebuild in a new process pays, before it reads a page, for imports, the pipeline's set-up
and the previous build's index (docs/decisions/0041, 0042): a `Builder` kept in one process
pays that once. The pages' folders are watched by the operating system (inotify, through
`watchfiles`), not by polling, which would `stat` every page each time: the events name the
pages that changed, so that a rebuild looks at those and trusts the others
(`Builder.rebuild`). A burst of writes (a save that writes twice, a `git checkout`) is one
rebuild: events are gathered until none came for `QUIET_MS`. A burst of more than
`_TRUSTED_BURST` paths is not trusted to be whole (the kernel drops events when its queue
overflows, and `watchfiles` does not say so): that rebuild looks at every page.

The build folder's lock is taken for each rebuild only, not while waiting: another build,
a `load` or a query can use the folder between rebuilds. A build by another program is seen
(the folder's index is no longer the one this process wrote), and the next rebuild reads
the folder again instead of trusting what it holds.

A signal while waiting (Ctrl-C, SIGTERM) ends the watch at once; during a rebuild it lets
the rebuild finish first, and a second one stops it as a stopped build stops (the previous
build's files stay; the next build tidies what it left).
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import FrameType

from ..errors import OsceRdfError
from ..reading.pages import PAGE_SUFFIXES
from .build import Builder, BuildResult

__all__ = ["QUIET_MS", "Rebuild", "Watcher"]

QUIET_MS = 50  # a burst of events ends when none came for this long
_LONGEST_MS = 2_000  # a rebuild starts after this long even if events keep coming
_TICK_MS = 200  # how often the watching thread wakes with no event (to see it should stop)
_TRUSTED_BURST = 1_000  # paths in a burst past which every page is looked at


@dataclass
class Rebuild:
    """One rebuild of a watch: what changed, what it gave, how long it took (from the end of
    the burst of events to its last file written), or the error that stopped it."""

    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    result: BuildResult | None = None
    seconds: float = 0.0
    error: Exception | None = None


class Watcher:
    """Watches a `Builder`'s inputs and rebuilds on every burst of changes (`run`)."""

    def __init__(self, builder: Builder, *, polling: bool = False) -> None:
        self.builder = builder
        self.polling = polling  # for file systems without change events (some network ones)
        self.stop = threading.Event()
        self._events: queue.Queue[set[str] | BaseException] = queue.Queue()
        self._ready = threading.Event()
        self._building = False
        self._thread: threading.Thread | None = None

    def run(self, report: Callable[[Rebuild], None], *, first: bool = True) -> None:
        """Build (`first`), then rebuild after each burst of changes, `report`ing each, until
        `stop` is set (by a signal, when run in the main thread, or by the caller)."""
        with self._signals():
            self._start()
            try:
                if first:
                    self._rebuild(None, report)
                self.builder.warm()  # before the first change, not in its time
                while not self.stop.is_set():
                    paths = self._next_burst()
                    if paths is not None:
                        self._rebuild(paths, report)
            finally:
                self.stop.set()
                if self._thread is not None:
                    self._thread.join()

    def _start(self) -> None:
        """The watching thread, before the first build reads a page: no change is missed."""
        self._thread = threading.Thread(target=self._watch, name="osce-rdf watch", daemon=True)
        self._thread.start()
        while not self._ready.wait(0.05):
            if not self._thread.is_alive():
                break
        self._raise_failure()

    def _watch(self) -> None:
        import watchfiles  # only a watch needs it

        try:
            for changes in watchfiles.watch(
                *self.builder.roots,
                watch_filter=None,
                debounce=_LONGEST_MS,
                step=QUIET_MS,
                stop_event=self.stop,
                rust_timeout=_TICK_MS,
                yield_on_timeout=True,
                raise_interrupt=False,
                force_polling=self.polling or None,
            ):
                self._ready.set()  # the first wake, changes or not, is after watching began
                if changes:
                    self._events.put({path for _, path in changes})
        except BaseException as error:  # handed to the main thread, raised there
            self._events.put(error)
        finally:
            self._ready.set()

    def _raise_failure(self) -> None:
        with contextlib.suppress(queue.Empty):
            item = self._events.get_nowait()
            if isinstance(item, BaseException):
                raise item
            self._events.put(item)

    def _next_burst(self) -> set[str] | None:
        """The paths of the next burst of changes that concern pages; None when `stop` is set
        first, or the burst was of other files. Waits in short steps, so that a signal's
        handler runs at once."""
        try:
            item = self._events.get(timeout=0.1)
        except queue.Empty:
            return None
        paths: set[str] = set()
        while True:
            if isinstance(item, BaseException):
                raise item
            paths.update(item)
            try:
                item = self._events.get_nowait()
            except queue.Empty:
                break
        return self._relevant(paths) or None

    def _relevant(self, paths: set[str]) -> set[str]:
        """The changed paths a build reads: pages, and folders (a folder made, moved or removed
        changes which pages there are); not hidden files, nor the output folder's own."""
        out_dir = self.builder.out_dir
        skipped = os.path.abspath(out_dir) + os.sep if out_dir is not None else None  # noqa: PTH100
        kept = set()
        for path in paths:
            if skipped is not None and (path + os.sep).startswith(skipped):
                continue
            root = next((r for r in map(str, self.builder.roots) if _below(path, r)), None)
            if root is None or any(part.startswith(".") for part in _parts_below(path, root)):
                continue
            name = path[path.rfind(os.sep) + 1 :]
            if name[name.rfind(".") :].lower() in PAGE_SUFFIXES or not os.path.isfile(path):  # noqa: PTH113
                kept.add(path)
        return kept

    def _rebuild(self, paths: set[str] | None, report: Callable[[Rebuild], None]) -> None:
        """One rebuild and its report; an error is reported and the watch goes on (the next
        change tries again, from what is on disk)."""
        builder = self.builder
        before = builder.files
        rebuild = Rebuild()
        started = time.perf_counter()
        self._building = True
        told = paths if paths is None or len(paths) <= _TRUSTED_BURST else None
        try:
            rebuild.result = builder.rebuild(told)
        except (OsceRdfError, OSError) as error:
            rebuild.error = error
        finally:
            self._building = False
        rebuild.seconds = time.perf_counter() - started
        after = builder.files
        if paths is not None:
            rebuild.changed = sorted(p for p in paths if p in before and p in after)
            rebuild.added = sorted(after - before)
            rebuild.removed = sorted(before - after)
        report(rebuild)
        builder.tidy()  # once the rebuild is reported: not part of its time

    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        """SIGINT and SIGTERM set `stop`; a second one during a rebuild interrupts it."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def stop(number: int, frame: FrameType | None) -> None:
            if self._building and self.stop.is_set():
                raise KeyboardInterrupt
            if self._building:
                os.write(2, b"osce-rdf: stopping after this build (once more to stop now)\n")
            self.stop.set()

        previous = {
            number: signal.signal(number, stop) for number in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


def _below(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _parts_below(path: str, root: str) -> list[str]:
    return path[len(root) :].split(os.sep) if path != root else []  # noqa: PTH206 - strings from events
