"""The text index beside a build's store: which items may contain a text, without reading them.

A text search in SPARQL reads every headline and body out of the store, and Oxigraph reads
text slowly (measured in docs/decisions/0009, before any matching). This index
holds the same texts lowercased, one after another in one file, so one byte search over it
(`mmap.find`, in C) names the items that may match. A catalogue query that declares
`# text-index: PARAM -> VAR` gets those items bound to its `VALUES ?VAR { UNDEF }` and reads
only their texts; its own filter still decides, so the rows are the same with the index or
without it, as on an endpoint (docs/decisions/0009).

The index is used only while it fits the store: a stamp file beside it (`.text-index.stamp`)
records the store's files (names and sizes: RocksDB writes new ones on every change and none
on a read-only open), and a store changed by another program is searched in full. Build and
load keep it in step; a build writes the index of the store generation it made before that
generation becomes the current store, and a reader checks the index against the very
generation it opened (`open_indexed`). The stamp is a file of its own because RocksDB names
and sizes its files differently on every build: inside the index, it made two builds of the
same pages give different `text-index.bin` files. Lowercasing is Python's
`str.lower` here and Oxigraph's `LCASE` (Rust's `to_lowercase`) in the query: both the full
Unicode mapping.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import itertools
import json
import mmap
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import orjson
import pyoxigraph as ox

from ..atomic_files import atomic_writer, write_atomic
from ..identity.namespaces import SCHEMA
from .store import open_store, store_path

__all__ = [
    "STAMP",
    "TEXT_INDEX",
    "Entry",
    "TextIndex",
    "TextSpool",
    "open_indexed",
    "store_entries",
    "text_entries",
    "update_text_index",
    "write_text_index",
]

TEXT_INDEX = "text-index.bin"
STAMP = ".text-index.stamp"  # the store the index fits, written after the index
Entry = tuple[str, str, bytes]  # (graph, item, the item's texts in that graph, lowercased)

_TEXT_PROPERTIES = frozenset({SCHEMA + "headline", SCHEMA + "articleBody"})
_SEPARATOR = b"\0"  # ends each text; a search for it is not answered by the index
_MAGIC = b"osce-rdf text index 2\n"
_CHUNK = 1 << 24  # bytes read at a time when copying texts without `copy_file_range`
# What `copy_file_range` answers where it cannot copy between these two files (an old kernel,
# two file systems, a file system without it, a sandbox that forbids the call): read and write.
_UNSUPPORTED = frozenset(
    {errno.ENOSYS, errno.EXDEV, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM}
)


def text_entries(graph: str, triples: Iterable[ox.Triple]) -> list[Entry]:
    """The index entries of one named graph: each subject's headlines and bodies."""
    texts: dict[str, list[str]] = {}
    for triple in triples:
        if (
            triple.predicate.value in _TEXT_PROPERTIES
            and isinstance(triple.subject, ox.NamedNode)
            and isinstance(triple.object, ox.Literal)
        ):
            texts.setdefault(triple.subject.value, []).append(triple.object.value)
    return [
        (graph, item, b"".join(text.lower().encode("utf-8") + _SEPARATOR for text in sorted(found)))
        for item, found in sorted(texts.items())
    ]


def store_entries(store: ox.Store) -> list[Entry]:
    """Every entry of a store's named graphs: the slow way (seconds at 25,000 pages)."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for name in sorted(_TEXT_PROPERTIES):
        for quad in store.quads_for_pattern(None, ox.NamedNode(name), None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                by_graph.setdefault(quad.graph_name.value, []).append(quad.triple)
    return [entry for graph, triples in by_graph.items() for entry in text_entries(graph, triples)]


def store_stamp(store: Path) -> str:
    """What a store's files are now: changes with every write, not with a read-only open."""
    files = sorted(
        (entry.name, entry.stat().st_size)
        for entry in os.scandir(store)
        if not entry.name.startswith("LOG")  # RocksDB's own log of what it did, not data
    )
    return hashlib.sha256(json.dumps(files).encode("utf-8")).hexdigest()


def write_text_index(directory: Path, entries: Iterable[Entry], store: Path | None = None) -> Path:
    """Write the index of `entries` for a store as it is now (flushed, as it stays): the
    folder's current store, or the generation `store`."""
    ordered = sorted(entries)
    starts = itertools.accumulate((len(text) for _, _, text in ordered[:-1]), initial=0)
    return _write(
        directory,
        ([graph for graph, _, _ in ordered], [item for _, item, _ in ordered], list(starts)),
        [text for _, _, text in ordered],
        None,
        store,
    )


class TextSpool:
    """A cold build's index entries, their texts kept in a temporary file until the index is
    written.

    At 25,000 pages the texts are 100 MB, gathered over the whole build and needed only at its
    end; only each entry's graph, item and place in the file stay in memory. It lowers the
    peak only with the items' own copies dropped once their part is written (`build._written`):
    without that, the 25,000-page peak did not fall (1,037 MB, the build process 426 MB). The
    file has no name (it is gone with the process, however it ends).
    """

    def __init__(self, directory: Path) -> None:
        self._file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115 (closed by `close`)
        self._entries: list[tuple[str, str, int, int]] = []  # graph, item, start, end
        self._size = 0

    def extend(self, entries: Iterable[Entry]) -> None:
        for graph, item, text in entries:
            self._file.write(text)
            self._entries.append((graph, item, self._size, self._size + len(text)))
            self._size += len(text)

    def write(self, directory: Path, store: Path) -> Path:
        """`write_text_index` of the entries spooled, for the store generation `store`: the
        same bytes, the texts copied from the spool in runs."""
        self._file.flush()
        ordered: list[tuple[str, str, int, int]] = []
        # Entries sort by graph, item and text: read the texts only where graph and item tie.
        for _, group in itertools.groupby(sorted(self._entries), key=lambda entry: entry[:2]):
            tied = list(group)
            if len(tied) > 1:
                tied.sort(key=self._text)
            ordered.extend(tied)
        runs: list[tuple[int, int]] = []  # texts next to each other in the spool, copied as one
        starts: list[int] = []
        offset = 0
        for _, _, start, end in ordered:
            starts.append(offset)
            offset += end - start
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        header = (
            [graph for graph, _, _, _ in ordered],
            [item for _, item, _, _ in ordered],
            starts,
        )
        return _write(directory, header, runs, self._file, store)

    def close(self) -> None:
        self._file.close()

    def _text(self, entry: tuple[str, str, int, int]) -> bytes:
        self._file.seek(entry[2])
        return self._file.read(entry[3] - entry[2])


def _write(
    directory: Path,
    header: tuple[list[str], list[str], list[int]],
    texts: Sequence[bytes | tuple[int, int]],
    source: IO[bytes] | None,
    store: Path | None,
) -> Path:
    """Write an index: its entries' graphs, items and starts, and their texts, given as bytes
    or as (start, end) of a run of them to copy from the open file `source`."""
    graphs, items, starts = header
    # orjson writes the bytes of `json.dumps(..., ensure_ascii=False, separators=(",", ":"))`
    # for every string both can encode (tests/test_text_index.py checks every code point), in
    # a tenth of the time: 0.08 s of a one-page rebuild at 25,000 pages was this header.
    encoded = orjson.dumps({"graphs": graphs, "items": items, "starts": starts})
    target = directory / TEXT_INDEX
    # Vacated: a reader finding no index searches the store in full, as for an index that
    # does not fit it (which the old one no longer does once the store changed).
    with atomic_writer(target, binary=True, vacate=True) as out:
        out.write(_MAGIC + len(encoded).to_bytes(8, "big") + encoded)
        for text in texts:
            if isinstance(text, bytes):
                out.write(text)
            else:
                assert source is not None
                _copy(source, out, *text)
    # Last: until it is written, an old stamp does not fit the changed store, and the index
    # is not used. It names the index's size too, so it fits that index only.
    stamp = {"store": store_stamp(store or _current(directory)), "index": target.stat().st_size}
    write_atomic(directory / STAMP, json.dumps(stamp))
    return target


def _copy(source: IO[bytes], out: IO[bytes], start: int, end: int) -> None:
    """Append bytes `start` to `end` of `source` to `out`.

    `copy_file_range` copies in the kernel (or shares the blocks, on file systems that can):
    for the 100 MB of kept texts at 25,000 pages, 0.03-0.07 s against 0.10-0.20 s read into
    Python and written out in chunks, which is what is left to do where it cannot.
    """
    out.flush()  # what the writer holds goes before the copied bytes
    position = start
    copy_file_range = getattr(os, "copy_file_range", None)  # Linux only
    while copy_file_range is not None and position < end:
        try:
            copied = copy_file_range(source.fileno(), out.fileno(), end - position, position)
        except OSError as error:
            if error.errno not in _UNSUPPORTED:
                raise
            copied = 0
        if copied == 0:  # not copied here: the rest is read and written
            break
        position += copied
    out.seek(0, os.SEEK_END)  # the writer's own idea of its place is the file's end again
    source.seek(position)
    while position < end:
        chunk = source.read(min(end - position, _CHUNK))
        if not chunk:
            raise ValueError(f"{source.name}: ends before byte {end}")
        out.write(chunk)
        position += len(chunk)


def update_text_index(
    directory: Path,
    previous: TextIndex | None,
    removed: Iterable[str],
    added: Iterable[ox.Quad],
) -> None:
    """Bring the index in step after graphs of the store were replaced.

    `previous` is the index opened before the change: its entries of graphs not removed or
    added are kept. Without one (none, or it did not fit the store) the index is made anew
    from the store, opened to read (so it must be closed for writing by then).
    """
    if previous is None:
        write_text_index(directory, store_entries(open_store(directory)))
        return
    by_graph: dict[str, list[ox.Triple]] = {}
    for quad in added:
        if isinstance(quad.graph_name, ox.NamedNode):
            by_graph.setdefault(quad.graph_name.value, []).append(quad.triple)
    fresh = [entry for graph, triples in by_graph.items() for entry in text_entries(graph, triples)]
    previous.write_updated(directory, {*removed, *by_graph}, fresh)


def open_indexed(directory: Path) -> tuple[ox.Store, TextIndex | None]:
    """A build folder's store, to read, with its text index if the index fits that store.

    Both are of the one generation the store's link names now, even if a build switches it
    meanwhile (see `store`).
    """
    store = store_path(directory)
    return open_store(directory, path=store), TextIndex.open(directory, store) if store else None


def _current(directory: Path) -> Path:
    found = store_path(directory)
    if found is None:
        raise FileNotFoundError(f"{directory}: no store")
    return found


class TextIndex:
    """An open text index that fits its store."""

    def __init__(
        self, path: Path, graphs: list[str], items: list[str], starts: list[int], base: int
    ) -> None:
        self.path = path
        self.graphs = graphs
        self.items = items
        self.starts = starts
        self.base = base  # where the texts begin in the file

    @classmethod
    def open(cls, directory: Path, store: Path | None = None) -> TextIndex | None:
        """The build folder's index; None when it has none, or one that does not fit its
        current store (or the generation `store`)."""
        path = directory / TEXT_INDEX
        try:
            stamp = json.loads((directory / STAMP).read_text(encoding="utf-8"))
            fits = {
                "store": store_stamp(store or _current(directory)),
                "index": path.stat().st_size,
            }
            if stamp != fits:
                return None
            with path.open("rb") as source:
                if source.read(len(_MAGIC)) != _MAGIC:
                    return None
                size = int.from_bytes(source.read(8), "big")
                header = json.loads(source.read(size))  # orjson: no faster (0.03 s, 9 MB)
        except (OSError, ValueError, KeyError):
            return None
        return cls(
            path, header["graphs"], header["items"], header["starts"], len(_MAGIC) + 8 + size
        )

    def candidates(self, text: str) -> list[str] | None:
        """The items whose headline or body may contain `text`, in any case (sorted, once each).

        None when the index cannot tell: an empty text, or one with the separator in it.
        """
        needle = text.lower().encode("utf-8")
        if not needle or _SEPARATOR in needle:
            return None
        found: set[str] = set()
        with (
            self.path.open("rb") as source,
            mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            position = data.find(needle, self.base)
            while position != -1:
                number = bisect.bisect_right(self.starts, position - self.base) - 1
                found.add(self.items[number])
                if number + 1 == len(self.starts):
                    break
                position = data.find(needle, self.base + self.starts[number + 1])
        return sorted(found)

    def write_updated(
        self, directory: Path, exclude: set[str], fresh: Iterable[Entry], store: Path | None = None
    ) -> Path:
        """`write_text_index` of this index's entries of every graph but those in `exclude`,
        and of `fresh` (of graphs in `exclude`): the same bytes, with the kept texts copied
        from this file in runs, not read into Python entry by entry and sorted again (the
        index is 20 MB at 5,000 pages and 100 MB at 25,000, for one changed page)."""
        added = sorted(fresh)
        if any(graph not in exclude for graph, _, _ in added):  # not a replacement: sort all
            return write_text_index(directory, [*self.entries(exclude=exclude), *added], store)
        # A fresh entry goes where its (graph, item) sorts among the old entries: its graph's
        # old entries are all dropped, so its text never decides. Dropped entries and fresh
        # ones cut the old file into runs of kept entries, copied whole.
        places = [
            bisect.bisect_left(
                range(len(self.items)), (graph, item), key=lambda n: (self.graphs[n], self.items[n])
            )
            for graph, item, _ in added
        ]
        cuts = sorted(
            [(number, 1, -1) for number, graph in enumerate(self.graphs) if graph in exclude]
            + [(place, 0, index) for index, place in enumerate(places)]
        )
        ends = [*self.starts[1:], self.path.stat().st_size - self.base]
        graphs: list[str] = []
        items: list[str] = []
        starts: list[int] = []
        texts: list[bytes | tuple[int, int]] = []

        offset = 0  # where the next text begins in the new index

        def keep(first: int, last: int) -> None:
            """The old entries from `first` to before `last`, as one run."""
            nonlocal offset
            if first >= last:
                return
            graphs.extend(self.graphs[first:last])
            items.extend(self.items[first:last])
            shift = offset - self.starts[first]
            starts.extend(start + shift for start in self.starts[first:last])
            texts.append((self.base + self.starts[first], self.base + ends[last - 1]))
            offset += ends[last - 1] - self.starts[first]

        position = 0
        for number, dropped, index in cuts:
            keep(position, number)
            if dropped:
                position = number + 1
                continue
            graph, item, text = added[index]
            graphs.append(graph)
            items.append(item)
            starts.append(offset)
            texts.append(text)
            offset += len(text)
            position = number
        keep(position, len(self.items))
        with self.path.open("rb") as source:
            return _write(directory, (graphs, items, starts), texts, source, store)

    def entries(self, *, exclude: set[str]) -> Iterator[Entry]:
        """The entries of every graph but those in `exclude`."""
        with self.path.open("rb") as source:
            data = source.read()
        ends = [*self.starts[1:], len(data) - self.base]
        for graph, item, start, end in zip(self.graphs, self.items, self.starts, ends, strict=True):
            if graph not in exclude:
                yield graph, item, data[self.base + start : self.base + end]
