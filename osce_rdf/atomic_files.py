"""Writing output files so that a reader never sees half a file.

Everything is written to a temporary file in the target's folder and renamed over the target
when complete: a crash, a bad input or a full disk midway leaves the previous file as it
was. A folder or file the system will not let us write (read-only, full, a name too long,
a file where a folder should be) is one `OutputError` naming it. A process that is killed
cannot remove its temporary files: the next writer into the folder does (`remove_temporaries`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

from .errors import OutputError, shown_path

__all__ = ["atomic_writer", "make_folder", "remove_temporaries", "write_atomic"]

_NAME_MAX = 255  # bytes in one file name, on every file system we write to

# Errors of writing, not of reading what the block copies in: a disk full or read-only, a
# quota, a file too large, no permission, a failing device.
_WRITING = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)


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
    make_folder(path.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_SUFFIX, dir=path.parent)
    except OSError as error:
        raise _cannot_write(path, error) from None
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
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if error.errno in _WRITING:
            raise _cannot_write(path, error) from None
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def make_folder(path: Path) -> None:
    """Make a folder (and its parents) unless it exists; `OutputError` saying why it cannot.

    Names too long are found before any parent is made, so a refused path leaves nothing.
    """
    if any(len(os.fsencode(part)) > _NAME_MAX for part in path.parts):
        reason = _reason(OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG)))
    else:
        try:
            path.mkdir(parents=True, exist_ok=True)
            return
        except OSError as error:
            reason = _reason(error)
    raise OutputError(f"{shown_path(path)}: cannot make this folder: {reason}")


def _cannot_write(path: Path, error: OSError) -> OutputError:
    return OutputError(f"{shown_path(path)}: cannot write: {_reason(error)}; nothing was replaced")


def _reason(error: OSError) -> str:
    if error.errno in {errno.ENOTDIR, errno.EEXIST}:
        return "a file stands where a folder should be"
    if error.errno == errno.ENAMETOOLONG:
        return f"a name is longer than file systems allow ({_NAME_MAX} bytes)"
    return error.strerror or str(error)


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
