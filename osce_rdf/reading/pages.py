"""Saved pages -> records: the first stage of the pipeline.

`SavedPage.read` is the one place a saved page is read from disk (the build, `validate`,
`reference check` and the incremental build's change check all call it), so every caller
names an unreadable page the same way and sees the same text. A page is checked before it
is parsed: empty files, binary files, files that are not UTF-8 and HTML documents are
refused with one clear line naming the file and line, so that a folder with one bad file
still builds the others.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from ..errors import PageError, shown_path
from .item_pages import item_parts
from .items import assemble_item
from .listing_pages import is_listing, listing_parts
from .navigation import parse_navigation
from .records import Item, Page, PageKind

__all__ = [
    "PAGE_SUFFIXES",
    "SavedPage",
    "find_pages",
    "page_files",
    "parse_page",
    "read_page",
    "recorded_paths",
    "relative_path",
]

PAGE_SUFFIXES = frozenset({".txt", ".text", ".md"})
_CONTROL_LIMIT = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def find_pages(
    paths: Iterable[Path], errors: list[PageError] | None = None
) -> Iterator[tuple[Path, Path]]:
    """Each saved page under the given files and folders, with the folder it is relative to.

    Folders are walked in sorted order so that every build sees pages in the same order.
    What cannot be walked is reported in `errors` (see `page_files`).
    """
    for file, root in page_files(paths, errors):
        yield Path(file), root


def page_files(
    paths: Iterable[Path], errors: list[PageError] | None = None
) -> Iterator[tuple[str, Path]]:
    """`find_pages` with the files as strings: an archive has tens of thousands of them.

    A folder that cannot be read, a symbolic link back into a folder being walked (a loop),
    a link to nothing, and a page or folder whose name is not UTF-8 (it could not be named
    in the data) are each one error appended to `errors` (when given) and skipped; the
    walk goes on with the rest.
    """
    problems = errors if errors is not None else []
    for path in paths:
        if path.is_dir():
            for page in _walk(str(path), {}, problems):
                yield page, path
        elif _utf8_name(str(path), "page", problems):
            yield str(path), path.parent


def _walk(
    folder: str, above: dict[tuple[int, int], str], problems: list[PageError]
) -> Iterator[str]:
    """Saved pages below a folder, depth first, names sorted; hidden files and folders skipped.

    `above` holds the folders being walked (by device and inode), to tell a loop.
    """
    try:
        found = Path(folder).stat()
        identity = (found.st_dev, found.st_ino)
        if identity in above:
            problems.append(
                PageError(
                    shown_path(folder),
                    None,
                    f"a symbolic link back to {shown_path(above[identity])} (a loop): not followed",
                )
            )
            return
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        reason = error.strerror or str(error)
        problems.append(PageError(shown_path(folder), None, f"cannot read this folder: {reason}"))
        return
    inside = {**above, identity: folder}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        page = entry.name[entry.name.rfind(".") :].lower() in PAGE_SUFFIXES
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as error:  # a link to itself
            if page:
                problems.append(
                    PageError(shown_path(entry.path), None, f"cannot read: {error.strerror}")
                )
            continue
        if is_dir:
            if _utf8_name(entry.path, "folder", problems):
                yield from _walk(entry.path, inside, problems)
        elif page and not is_file and entry.is_symlink():
            problems.append(PageError(shown_path(entry.path), None, "a symbolic link to nothing"))
        elif page and is_file and _utf8_name(entry.path, "page", problems):
            yield entry.path


def _utf8_name(path: str, kind: str, problems: list[PageError]) -> bool:
    """Whether the path is UTF-8 (so the data can name it); an error otherwise."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        skipped = "not read" if kind == "page" else "its pages are not read"
        problems.append(
            PageError(
                shown_path(path), None, f"the {kind} name is not valid UTF-8 ({skipped}); rename it"
            )
        )
        return False
    return True


def relative_path(file: Path, root: Path) -> str:
    """How a page is named in outputs: its path relative to the folder the build read."""
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.name


def recorded_paths(paths: Iterable[Path]) -> dict[str, str]:
    """Each page under the paths: its path as the outputs record it (`relative_path`) -> its
    path as found. With strings, not a Path per page: this is the same as `relative_path` for
    what `page_files` walks (a page below its folder, or a file given alone), and pathlib took
    0.28 s for 5,000 pages of a one-page rebuild."""
    found: dict[str, str] = {}
    for file, root in page_files(paths):
        prefix = os.path.join(str(root), "")  # noqa: PTH118 - strings, see above
        relative = file[len(prefix) :] if file.startswith(prefix) else os.path.basename(file)  # noqa: PTH119
        # As str(Path(file)): the walk joins names to a folder that pathlib wrote already, so
        # only the "./" of the folder "." is to be dropped (".." stays, as pathlib keeps it).
        shown = file[2:] if file.startswith("." + os.sep) else file
        found[relative.replace(os.sep, "/")] = shown
    return found


@dataclass(frozen=True, slots=True)
class SavedPage:
    """A saved page as read from disk: its bytes, and the size and time the build records
    to tell later whether it changed. `name` is how errors and records name the page."""

    name: str
    data: bytes
    size: int
    mtime_ns: int

    @classmethod
    def read(cls, file: Path | str, name: str) -> SavedPage:
        """Read the page's bytes, or raise `PageError` ("cannot read: REASON") naming it
        `name`. The size and time come from the open file, so they are those of the bytes."""
        try:
            with open(file, "rb") as handle:  # noqa: PTH123 - a str per page, see page_files
                found = os.fstat(handle.fileno())
                data = handle.read()
        except OSError as error:
            raise PageError(name, None, f"cannot read: {error.strerror or error}") from None
        return cls(name, data, found.st_size, found.st_mtime_ns)

    def text(self) -> str:
        """The page's text, or `PageError` if it is not a saved text page."""
        return _decode(self.data, self.name)

    def parse(self, *, content_types: Set[str] = frozenset(), navigation: bool = True) -> Page:
        """The page's records (see `parse_page`), or `PageError`."""
        return parse_page(
            self.text(), self.name, content_types=content_types, navigation=navigation
        )


def _decode(data: bytes, path: str) -> str:
    """The page's text, or `PageError` if it is not a saved text page."""
    if not data.strip():
        raise PageError(path, 1, "empty page: the file has no text")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise PageError(path, line, "binary data (NUL byte): not a saved text page")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        raise PageError(
            path,
            line,
            f"not valid UTF-8 (byte 0x{byte:02X} at column {column}); save the page as UTF-8",
        ) from None
    if len(_CONTROL.findall(text)) > _CONTROL_LIMIT * len(text):
        raise PageError(path, 1, "binary data (control characters): not a saved text page")
    start = text[:4096].lstrip().lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in start[:2048]:
        line = text[: text.lower().find("<")].count("\n") + 1
        raise PageError(
            path, line, "an HTML document, not a saved text page: save the page as text"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_page(
    text: str, path: str, *, content_types: Set[str] = frozenset(), navigation: bool = True
) -> Page:
    """Read a page's text into its navigation and items.

    `content_types` are the match keys (see `names.match_key`) of known content types; they
    tell the content type line from the title when the page puts them in an unusual order.
    An item page with a problem raises `PageError`; a listing page keeps its good entries
    and lists the problems of the others in `Page.problems`. `navigation=False` skips
    recording the navigation block (its end is still found).
    """
    lines = text.split("\n")
    sections, start = parse_navigation(lines, keep=navigation)
    if is_listing(lines[start:]):
        items: list[Item] = []
        problems: list[PageError] = []
        for parts in listing_parts(lines, start, path):
            try:
                items.append(assemble_item(parts))
            except PageError as error:
                problems.append(error)
        if not items and not problems:
            raise PageError(path, start + 1, "listing page without any entry")
        return Page(path, PageKind.LISTING, sections, tuple(items), tuple(problems))
    if start >= len(lines) or not any(line.strip() for line in lines[start:]):
        raise PageError(path, len(lines), "only navigation: the page has no item")
    item = assemble_item(item_parts(lines, start, path, content_types))
    return Page(path, PageKind.ITEM, sections, (item,))


def read_page(file: Path, root: Path, *, content_types: Set[str] = frozenset()) -> Page:
    """Read and parse one saved page; its records name it by its path relative to `root`."""
    return SavedPage.read(file, relative_path(file, root)).parse(content_types=content_types)
