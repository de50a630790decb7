"""Reading the site's HTML in tests: links, ids, scripts and titles; a link checker."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _Page(HTMLParser):
    """The links, ids and script elements of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[str, str]] = []
        self._script: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(found[name] or "")
        if tag == "script":
            self._script = found.get("type") or ""
            self.scripts.append((self._script, ""))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        if self._in_title:
            self.title += data


def parse_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path, root: str = "/osce/") -> list[str]:
    """Every internal link of every page that names no file, or no element of its page.
    Absolute paths (the not-found page's) start at `root`, the site's path on its host."""
    pages: dict[Path, _Page] = {p: parse_page(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            if urlsplit(link).scheme in {"http", "https", "mailto"}:
                continue
            target, fragment = urldefrag(link)
            if target.startswith(root):
                resolved = (site / unquote(target[len(root) :])).resolve()
            elif target:
                resolved = (path.parent / unquote(target)).resolve()
            else:
                resolved = path
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file() or site.resolve() not in resolved.parents:
                broken.append(f"{path.relative_to(site)}: {link}")
            elif fragment and resolved.suffix == ".html":
                ids = pages[resolved].ids if resolved in pages else parse_page(resolved).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (no such id)")
    return broken
