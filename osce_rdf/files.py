"""Writing output files so that a reader never sees half a file.

Everything is written to a temporary file in the target's folder and renamed over the target
when complete: a crash or a bad input midway leaves the previous file as it was. A process
that is killed cannot remove its temporary files: the next writer into the folder does
(`remove_temporaries`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

__all__ = ["atomic_writer", "remove_temporaries", "write_atomic"]


@overload
def atomic_writer(
    path: Path, *, binary: Literal[False] = False
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_writer(
    path: Path, *, binary: Literal[True]
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_writer(
    path: Path, *, binary: bool = False
) -> contextlib.AbstractContextManager[IO[Any]]:
    """A file handle whose content replaces `path` only when the block ends cleanly."""
    return _atomic_writer(path, binary)


@contextlib.contextmanager
def _atomic_writer(path: Path, binary: bool) -> Iterator[IO[Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_SUFFIX, dir=path.parent)
    temporary = Path(name)
    try:
        os.close(fd)  # reopened by name, so that `handle.name` is the temporary file's path
        handle: IO[Any]
        if binary:
            handle = temporary.open("wb")
        else:
            handle = temporary.open("w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
        temporary.chmod(0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_SUFFIX = ".tmp"


def remove_temporaries(directory: Path, names: Iterable[str]) -> None:
    """Remove the temporary files `atomic_writer` left for these files of a folder (when the
    process writing them was killed); only call it while no one else writes them."""
    prefixes = tuple(f".{name}." for name in names)
    with os.scandir(directory) as found:
        for entry in found:
            if entry.name.startswith(prefixes) and entry.name.endswith(_SUFFIX):
                Path(entry.path).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text)
