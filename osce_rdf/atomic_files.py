"""Writing output files so that a reader never sees half a file.

Everything is written to a temporary file in the target's folder and renamed over the target
when complete: a crash, a bad input or a full disk midway leaves the previous file as it
was. A folder or file the system will not let us write (read-only, full, a name too long,
a file where a folder should be) is one `OutputError` naming it. A process that is killed
cannot remove its temporary files: the next writer into the folder does (`remove_temporaries`).

A set of files that must change together (the store, the dumps' parts) is a *generation*: a
folder `.NAME-N` made beside the current one, and made current by renaming a symbolic link
`NAME` to it (one atomic step); the generations the link does not name are what a stopped
writer left (`discard_generations`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

from .errors import OutputError, shown_path

__all__ = [
    "atomic_writer",
    "current_generation",
    "discard_generations",
    "generations",
    "make_folder",
    "new_generation",
    "remove_temporaries",
    "set_aside",
    "switch_generation",
    "write_atomic",
    "write_back",
    "writing_to",
]

_NAME_MAX = 255  # bytes in one file name, on every file system we write to

# Errors of writing, not of reading what the block copies in: a disk full or read-only, a
# quota, a file too large, no permission, a failing device.
_WRITING = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)


@overload
def atomic_writer(
    path: Path, *, binary: Literal[False] = False, vacate: bool = False
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_writer(
    path: Path, *, binary: Literal[True], vacate: bool = False
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_writer(
    path: Path, *, binary: bool = False, vacate: bool = False
) -> contextlib.AbstractContextManager[IO[Any]]:
    """A file handle whose content replaces `path` only when the block ends cleanly.

    `vacate`: remove `path` just before the new file takes its name, for a large file whose
    readers take its absence for "none yet" (the text index). ext4 starts writing a file to
    disk when it is renamed over another (`auto_da_alloc`, against losing both in a crash):
    0.01-0.05 s for the 100 MB text index of 25,000 pages, in every rebuild. Renamed into
    an empty place, it is written back later, outside the build's time."""
    return _atomic_writer(path, binary, vacate)


@contextlib.contextmanager
def _atomic_writer(path: Path, binary: bool, vacate: bool = False) -> Iterator[IO[Any]]:
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
        if vacate:
            path.unlink(missing_ok=True)
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


@contextlib.contextmanager
def writing_to(path: Path) -> Iterator[None]:
    """An error of writing (a full disk...) inside the block is one `OutputError` naming
    `path`, for files written in place (in a folder that is switched to when complete)."""
    try:
        yield
    except OSError as error:
        if error.errno in _WRITING:
            raise _cannot_write(path, error) from None
        raise


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


def set_aside(path: Path) -> None:
    """Keep the file at `path`, about to be replaced, as a temporary of it (a second link)
    until `remove_temporaries` removes it: its blocks are freed then, not when it is
    replaced. A `Builder` that rebuilds on every change replaces a 100 MB text index and a
    21 MB build index at 25,000 pages, and freeing them was 0.05-0.15 s of each rebuild;
    it removes them once the rebuild is reported (`Builder.tidy`)."""
    with contextlib.suppress(OSError):  # none yet, or a link left: it is freed at once
        os.link(path, path.with_name(f".{path.name}.replaced{_SUFFIX}"))


def write_back(path: Path) -> None:
    """Wait until the file's data is on disk (`fsync`), if the file is there."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # a file system that cannot: the kernel writes it back in its time
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text)


def current_generation(directory: Path, link: str) -> Path | None:
    """The generation the link `directory/link` names, resolved once: a reader that opens it
    reads that generation to its end, whatever a writer does meanwhile."""
    path = directory / link
    return Path(os.path.realpath(path)) if path.is_dir() else None


def generations(directory: Path, link: str) -> list[tuple[int, Path]]:
    """Every generation `.LINK-N` of a folder, by number."""
    prefix = f".{link}-"
    with os.scandir(directory) as found:
        return sorted(
            (int(entry.name[len(prefix) :]), Path(entry.path))
            for entry in found
            if entry.name.startswith(prefix) and entry.name[len(prefix) :].isdigit()
        )


def new_generation(directory: Path, link: str) -> Path:
    """A name for a new generation, after every generation there is."""
    numbers = [number for number, _ in generations(directory, link)]
    return directory / f".{link}-{max(numbers, default=0) + 1}"


def switch_generation(directory: Path, link: str, generation: Path) -> None:
    """Make a complete generation the current one, in one rename of the link."""
    temporary = directory / f".{link}.link"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(generation.name, target_is_directory=True)
    temporary.replace(directory / link)


def discard_generations(directory: Path, link: str, *, keep_previous: bool = False) -> None:
    """Remove every generation but the current one (and, with `keep_previous`, the one made
    before it), and a link a stopped switch left."""
    current = current_generation(directory, link)
    found = generations(directory, link)
    at = [number for number, path in found if Path(os.path.realpath(path)) == current]
    kept = set(at)
    if keep_previous and at:
        kept.update([number for number, _ in found if number < at[0]][-1:])
    for number, generation in found:
        if number not in kept:
            shutil.rmtree(generation, ignore_errors=True)
    (directory / f".{link}.link").unlink(missing_ok=True)
