"""One writer at a time in a build folder.

A build (or a `load` into a build folder's store) holds a lock on `DIR/.osce-rdf.lock`, a
file that names the holder's process id. A second writer fails at once with one line naming
the folder and that process, rather than waiting an unknown time or mixing its files with
the other's. The lock is the operating system's (`fcntl.lockf`): it goes with the process
that holds it, so the lock of a build that was killed is stale by construction, and the next
build takes it without being told. Record locks belong to one process, so worker processes
forked by the build never hold it. The file is removed when the lock is released.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from ..errors import OutputError, UsageError, shown_path

__all__ = ["LOCK_FILE", "FolderLock"]

LOCK_FILE = ".osce-rdf.lock"

# Folders locked by this process: a record lock does not keep out the process that holds it,
# and closing any other handle on the file would release it.
_HELD: set[str] = set()


class FolderLock:
    """The lock of a build folder, held for a `with` block."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / LOCK_FILE
        self._fd: int | None = None
        self._key = ""

    def __enter__(self) -> FolderLock:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._key = os.path.realpath(self.directory)
        if self._key in _HELD:
            raise UsageError(f"another build is writing {self.directory} (this process)")
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip()
                os.close(fd)
                who = f" (process {holder})" if holder.isdigit() else ""
                raise UsageError(f"another build is writing {self.directory}{who}") from None
            if _same_file(fd, self.path):
                break
            os.close(fd)  # the holder removed the file as we opened it: lock the new one
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except OSError as error:  # a full disk: the build could write nothing else either
            self.path.unlink(missing_ok=True)
            os.close(fd)
            reason = error.strerror or str(error)
            raise OutputError(
                f"{shown_path(self.path)}: cannot write: {reason}; nothing was replaced"
            ) from None
        self._fd = fd
        _HELD.add(self._key)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is None:
            return
        self.path.unlink(missing_ok=True)  # before the lock goes, so no one locks a lost file
        os.close(self._fd)
        self._fd = None
        _HELD.discard(self._key)


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)
