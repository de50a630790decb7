"""The README's generated sections: the query catalogue, the command reference, and every
console example with what the command printed.

They are made from the `.rq` headers, the commands' own `--help` and real runs of the
commands on the bundled sample pages, so no count, line number or message in them can drift
from the code; `tests/test_docs.py` fails when the README was not regenerated after a change
(`make docs`).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

from ..package_data import PAGES_DIR
from ..rendering.dumps import TRIG, open_dump
from ..sparql.catalogue import catalogue

__all__ = ["SECTIONS", "render", "update"]

SAMPLE_EPOCH = "1700000000"  # SOURCE_DATE_EPOCH of the runs: the same output every time
# The item whose datePublished `broken.trig` lacks, in the validate example.
_BROKEN = '\t\tschema:datePublished "2008-07-17"^^xsd:date ;\n'


def _queries() -> str:
    lines = ["| query | what it answers | parameters |", "| --- | --- | --- |"]
    for named in catalogue().values():
        params = ", ".join(
            f"`{p.name}` ({p.type}{', default ' + p.default if p.default else ''})"
            for p in named.parameters
        )
        lines.append(f"| `{named.name}` | {named.title} | {params or '—'} |")
    lines.append("")
    for named in catalogue().values():
        lines.append(f"- **`{named.name}`**: {named.description}")
        for parameter in named.parameters:
            lines.append(f"  - `{parameter.name}` ({parameter.type}): {parameter.help}")
        for example in named.examples:
            lines.append(f"  - `{example}`")
    return "\n".join(lines)


@contextlib.contextmanager
def _in_sample() -> Iterator[Path]:
    """A folder where `data/pages` are the bundled sample pages and `dist` their build (made
    once per process, by the first example that needs it), as the working directory."""
    folder = _sample_folder()
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SAMPLE_EPOCH
    try:
        with contextlib.chdir(folder):
            yield folder
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@functools.cache
def _sample_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="osce-rdf-docs-"))
    atexit.register(shutil.rmtree, folder, True)
    (folder / "data").mkdir()
    (folder / "data" / "pages").symlink_to(PAGES_DIR, target_is_directory=True)
    return folder


@functools.cache
def _built() -> str:
    """What `osce-rdf build data/pages -o dist` printed, in the sample folder."""
    return _run("build data/pages -o dist --workers 1", shown="build data/pages -o dist")


def _run(command: str, *, shown: str | None = None) -> str:
    """`$ osce-rdf COMMAND` and what it printed (standard output and error, as a terminal
    shows them), run in the sample folder."""
    from .commands import main

    with _in_sample():
        result = CliRunner().invoke(main, shlex.split(command), catch_exceptions=False)
    return f"$ osce-rdf {shown or command}\n{result.output.rstrip()}"


def _console(*runs: str) -> str:
    return "```console\n" + "\n".join(runs) + "\n```"


def _build_example() -> str:
    return _console(_built())


def _validate_example() -> str:
    _built()
    with _in_sample() as folder:
        with open_dump(folder / "dist", TRIG) as trig:
            text = trig.read().decode("utf-8")
        if _BROKEN not in text:
            raise SystemExit("docs: the validate example's item has no such datePublished line")
        (folder / "broken.trig").write_text(text.replace(_BROKEN, "", 1), encoding="utf-8")
    return _console(_run("validate broken.trig"))


def _reference_check_example() -> str:
    return _console(_run("reference check data/pages/016_item_press-release-2000-zagreb.txt"))


def _worked_example() -> str:
    _built()  # `make run`, in short
    query = _run("query items-mentioning-state-by-year --param state=Belgium")
    return _console("$ make run", query)


def _site_example() -> str:
    _built()
    return _console(_run("site --data dist -o site"), _run("docs -o ontology-docs"))


def _serve_example() -> str:
    """Requests to `osce-rdf serve --data dist`, answered by the application the command runs
    (in process: the same responses a client on the socket gets), shown as `curl` shows them."""
    from starlette.testclient import TestClient

    from ..publishing.serve import ServeSettings, create_app

    _built()
    requests = [
        ("-I -H 'Accept: text/html'", "/country/be", {"Accept": "text/html"}, "head"),
        ("-I -H 'Accept: text/turtle'", "/country/be", {"Accept": "text/turtle"}, "head"),
        ("-s", "/country/be.ttl", {}, "body"),
        (
            "-s -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?items) "
            "WHERE { ?i a <https://schema.org/NewsArticle> }'",
            "/sparql",
            {"Accept": "text/csv"},
            "sparql",
        ),
    ]
    shown: list[str] = ["$ osce-rdf serve --data dist &"]
    with _in_sample() as folder:
        app = create_app(ServeSettings(data=folder / "dist"))
        with TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False) as client:
            for flags, path, headers, kind in requests:
                shown.append(f"$ curl {flags} http://127.0.0.1:8000{path}")
                if kind == "sparql":
                    query = "SELECT (COUNT(*) AS ?items) WHERE { ?i a <https://schema.org/NewsArticle> }"
                    answer = client.post(path, data={"query": query}, headers=headers)
                else:
                    answer = client.get(path, headers=headers)
                if kind == "head":
                    shown.append(f"HTTP/1.1 {answer.status_code} {answer.reason_phrase}")
                    for name in ("location", "content-type", "vary"):
                        if name in answer.headers:
                            shown.append(f"{name}: {answer.headers[name]}")
                else:
                    lines = answer.text.splitlines()
                    shown.extend(lines[:16])
                    if len(lines) > 16:
                        shown.append(f"... ({len(lines) - 16} more lines)")
    return _console(*shown)


def _publish_example() -> str:
    """`osce-rdf publish` twice against a real Oxigraph server on loopback (the `oxigraph`
    package of the test extras), shown at the port of the command's own example."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        raise SystemExit("docs: the oxigraph server is not installed (pip install -e '.[test]')")
    _built()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    shown_url = "http://127.0.0.1:7878"
    url = f"http://127.0.0.1:{port}"
    with _in_sample() as folder, tempfile.TemporaryDirectory() as store:
        published = folder / "published"
        if not published.exists():
            shutil.copytree(folder / "dist", published)
        server = subprocess.Popen(
            [binary, "serve", "--location", store, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(200):
                try:
                    with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                        break
                except OSError:
                    time.sleep(0.05)
            else:
                raise SystemExit("docs: the oxigraph server did not answer")
            runs = [
                _run(
                    f"publish --data published --endpoint {url}/query",
                    shown=f"publish --endpoint {shown_url}/query",
                )
                for _ in range(2)
            ]
        finally:
            server.terminate()
            server.wait(timeout=10)
    return _console(
        f"$ oxigraph serve --location /srv/osce --bind {shown_url.removeprefix('http://')} &",
        *(run.replace(url, shown_url) for run in runs),
    )


def _commands() -> str:
    from .commands import main

    parts: list[str] = []

    def walk(command: click.Command, names: list[str], parent: click.Context | None) -> None:
        # As the command line makes them (the group's settings, such as -h, reach every
        # command), at a fixed width: the help must not depend on the terminal.
        context = click.Context(
            command,
            info_name=names[-1],
            parent=parent,
            terminal_width=100,
            max_content_width=100,
            **(command.context_settings if parent is None else {}),
        )
        parts.append(
            f"#### `{' '.join(names)}`\n\n```text\n{command.get_help(context).rstrip()}\n```"
        )
        if isinstance(command, click.Group):
            for sub in sorted(command.commands):
                walk(command.commands[sub], [*names, sub], context)

    walk(main, ["osce-rdf"], None)
    return "\n\n".join(parts)


SECTIONS = {
    "build-example": _build_example,
    "validate-example": _validate_example,
    "reference-check-example": _reference_check_example,
    "site-example": _site_example,
    "serve-example": _serve_example,
    "publish-example": _publish_example,
    "queries": _queries,
    "worked-example": _worked_example,
    "commands": _commands,
}


def render(section: str) -> str:
    return SECTIONS[section]()


def update(readme: Path) -> bool:
    """Regenerate every marked section of the README; whether anything changed."""
    text = readme.read_text(encoding="utf-8")
    new = text
    for section in SECTIONS:
        pattern = re.compile(
            rf"(<!-- generated:{section} -->\n).*?(\n<!-- /generated:{section} -->)", re.S
        )
        if not pattern.search(new):
            raise SystemExit(f"{readme}: no <!-- generated:{section} --> section")
        found = pattern.search(new)
        assert found is not None
        new = (
            new[: found.start()]
            + found.group(1)
            + render(section)
            + found.group(2)
            + new[found.end() :]
        )
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text
