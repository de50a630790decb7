"""What a read-only query helper refuses before a query reaches any engine, and the one text
every engine is then given.

A guard that reads a query differently from the engine that runs it can be walked around: a
comment that SPARQL ends at a carriage return, a keyword spelled with a codepoint escape
(`\\u0053ERVICE`), a second operation after the first (`SELECT ... ; DROP ALL`). So the text
is first put in one form that every SPARQL parser reads the same way (`canonical`), the
decision is taken on that form by a real parser, and that form, and only it, is what runs on
the embedded store or is sent to an endpoint:

- codepoint escapes are expanded once, before anything else, as SPARQL 1.1 says (19.2); a
  backslash they leave behind is an error, as it is for the grammar;
- comments are dropped, line breaks kept (error positions stay right);
- strings are written again with the escapes every parser knows, so that no raw carriage
  return is left anywhere (parsers disagree on where a comment ends, not on where a line does).

The canonical text is then parsed with rdflib's SPARQL 1.1 parser: exactly one query, no
update (an update is recognised by parsing it as one), and no `SERVICE` anywhere in the
query's syntax tree (in OPTIONAL, UNION, MINUS, GRAPH, a subquery, a FILTER EXISTS, a
projected or ordering expression) unless allowed, because `SERVICE` makes the engine fetch
from other hosts. A query that parser cannot read is refused too: nothing unread reaches an
engine.

Parameters are bound afterwards by giving `VALUES ?name { UNDEF }` rows: RDF terms written by
pyoxigraph, which cannot end the row, whatever their value.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError

__all__ = ["CheckedQuery", "canonical", "check_query"]

Term = ox.NamedNode | ox.Literal

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# The pieces of a query, in the order they are tried. Only what decides where a comment, a
# string or an IRI starts matters here; the parser reads the rest.
_PIECES = re.compile(
    r"""(?P<ws>[ \t\r\n]+)
    |(?P<long>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\")
    |(?P<short>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<comment>\#[^\r\n]*)
    |(?P<word>(?:[^ \t\r\n'"<>\#{}()\[\],;\\]|\\.)+)
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_FORMS = {
    "SelectQuery": "SELECT",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
    "AskQuery": "ASK",
}
_PARSER_LOCK = threading.Lock()  # rdflib's grammar objects are shared module state
_PARSER_DEPTH = 20_000  # Python frames the parser may use: 2,000 triple patterns
_PARSER_STACK = 64 << 20  # bytes of stack for its thread (8 MB sufficed at the depth limit)


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks: its form, and its canonical text as pieces.

    `text` is what runs. `bind` gives parameters their rows and returns the query to run.
    """

    form: str
    pieces: tuple[str, ...]
    placeholders: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def bind(self, rows: Mapping[str, Sequence[Term]]) -> CheckedQuery:
        """Each `VALUES ?name { UNDEF }` of the query with one row per term instead.

        A term is written by pyoxigraph in N-Triples syntax, escaped: whatever the value,
        it is one term in the row (a quote in a literal cannot end it).
        """
        pieces = list(self.pieces)
        for name, terms in rows.items():
            if name not in self.placeholders:
                raise QueryError(
                    f"to bind ?{name}, the query needs `VALUES ?{name} {{ UNDEF }}` where it applies"
                )
            for index in self.placeholders[name]:
                pieces[index] = f"VALUES ?{name} {{ {' '.join(map(str, terms))} }}"
        return CheckedQuery(self.form, tuple(pieces))


def check_query(query: str, *, allow_service: bool = False) -> CheckedQuery:
    """Refuse anything but one read-only query (and SERVICE unless allowed); see the module."""
    pieces = _pieces(query)
    text = "".join(pieces)
    form, has_service = _read(text)
    if has_service and not allow_service:
        raise QueryError(
            "SERVICE (querying other hosts) is refused; pass --allow-service to permit it"
        )
    return CheckedQuery(form, *_placeholders(pieces))


def canonical(query: str) -> str:
    """The query as every engine is given it (see the module)."""
    return "".join(_pieces(query))


def _check_unicode(text: str) -> None:
    """Text from a command line or a file read leniently may hold bytes that are not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        where = _where(text, error.start)
        raise QueryError(f"not valid SPARQL: bytes that are not UTF-8 {where}") from None


def _expand(query: str) -> str:
    def character(found: re.Match[str]) -> str:
        code = int(found.group(1) or found.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"not valid SPARQL: {found.group(0)} is not a character")
        return chr(code)

    return _CODEPOINT.sub(character, query)


def _pieces(query: str) -> list[str]:
    """The canonical text, in pieces: comments gone, strings rewritten, other pieces as they are."""
    _check_unicode(query)
    text = _expand(query)
    pieces: list[str] = []
    for found in _PIECES.finditer(text):
        kind, piece = found.lastgroup, found.group()
        if kind == "comment":
            continue
        if kind == "ws":
            piece = piece.replace("\r\n", "\n").replace("\r", "\n")
        elif kind in {"long", "short"}:
            piece = _string(piece, long=kind == "long", where=_where(text, found.start()))
        pieces.append(piece)
    return pieces


def _string(piece: str, *, long: bool, where: str) -> str:
    """A string literal written again: double quotes, escapes every parser reads the same."""
    quotes = 3 if long else 1
    body = piece[quotes:-quotes]
    value = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escaped = body[index + 1]
            if escaped not in _ECHAR:
                raise QueryError(
                    f"not valid SPARQL: unknown escape \\{escaped} in a string {where}"
                )
            value.append(_ECHAR[escaped])
            index += 2
        else:
            value.append(char)
            index += 1
    written = "".join(value).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
    if long:
        return f'"""{written}"""'
    return '"' + written.replace("\n", "\\n") + '"'


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"at line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _placeholders(pieces: list[str]) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The pieces with each `VALUES ?name { UNDEF }` made one piece, and where they are."""
    merged: list[str] = []
    found: dict[str, list[int]] = {}
    significant = [i for i, piece in enumerate(pieces) if piece.strip()]
    position = 0
    start = 0
    while position < len(significant):
        window = [pieces[i] for i in significant[position : position + 5]]
        if (
            len(window) == 5
            and window[0].upper() == "VALUES"
            and re.fullmatch(r"[?$]\w+", window[1])
            and window[2] == "{"
            and window[3].upper() == "UNDEF"
            and window[4] == "}"
        ):
            first, last = significant[position], significant[position + 4]
            merged.extend(pieces[start:first])
            found.setdefault(window[1][1:], []).append(len(merged))
            merged.append("".join(pieces[first : last + 1]))
            start = last + 1
            position += 5
        else:
            position += 1
    merged.extend(pieces[start:])
    return tuple(merged), {name: tuple(at) for name, at in found.items()}


@functools.lru_cache(maxsize=256)
def _read(text: str) -> tuple[str, bool]:
    """The query's form and whether it holds a SERVICE; `QueryError` if it is not
    exactly one SPARQL 1.1 query.

    rdflib's parser recurses about ten Python frames per triple pattern, so Python's default
    limit of 1,000 frames refused a query of 100 patterns. It runs on a thread of its own with
    a large stack and a limit of `_PARSER_DEPTH` frames: a query of 1,500 patterns or 500
    nested parentheses reads, one nested past reason is refused.
    """
    outcome: list[tuple[str, bool] | QueryError] = []

    def parse() -> None:
        try:
            outcome.append(_parse(text))
        except QueryError as error:
            outcome.append(error.with_traceback(None))
        except RecursionError:
            outcome.append(QueryError("not valid SPARQL: nested too deeply to read"))

    with _PARSER_LOCK:
        stack = threading.stack_size(_PARSER_STACK)
        depth = sys.getrecursionlimit()
        try:
            thread = threading.Thread(target=parse, name="sparql-parser", daemon=True)
            sys.setrecursionlimit(max(depth, _PARSER_DEPTH))
            thread.start()
            thread.join()
        finally:
            threading.stack_size(stack)
            sys.setrecursionlimit(depth)
    found = outcome[0]
    if isinstance(found, QueryError):
        raise found
    return found


def _parse(text: str) -> tuple[str, bool]:
    """Form and SERVICE from the syntax tree rdflib's parser builds.

    The algebra rdflib translates the tree into holds the same `ServiceGraphPattern` nodes,
    but translating takes time quadratic in the number of triple patterns (12.6 s at 1,000;
    parsing 1.8 s), so the tree is what is read.
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    try:
        parsed = Query.parse_string(text, parse_all=True)
    except ParseBaseException as error:
        _refuse_update(text, UpdateUnit)
        raise QueryError(f"not valid SPARQL: {_parse_error(text, error)}") from None
    return _FORMS[parsed[-1].name], _has_service(parsed)


def _refuse_update(text: str, grammar: Any) -> None:
    """Raise if `text` reads as an update, naming its first operation."""
    from pyparsing import ParseBaseException

    try:
        update = grammar.parse_string(text, parse_all=True)[0]
    except (ParseBaseException, RecursionError):
        return
    operations = dict.get(update, "request") or []  # CompValue.get means something else
    if not operations:
        raise QueryError("not a SPARQL query: the text holds no query")
    named = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", operations[0].name).upper()
    raise QueryError(f"updates are refused ({named}): osce-rdf queries are read-only")


def _parse_error(text: str, error: Any) -> str:
    where = _where(text, error.loc)
    if text[error.loc : error.loc + 1] == ";":
        return f"';' {where} starts a second operation; give one query"
    found = text[error.loc : error.loc + 20].split("\n", maxsplit=1)[0].strip()
    return f"unexpected {found!r} {where}" if found else f"unexpected end of the query {where}"


def _has_service(node: object) -> bool:
    """Whether a `ServiceGraphPattern` is anywhere in rdflib's syntax tree of a query.

    The tree is made of rdflib's `CompValue` (a dict with a `name`) and pyparsing's
    `ParseResults` (a list that also has named values, and counts as a mapping).
    """
    from pyparsing import ParseResults

    stack: list[object] = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen or isinstance(current, str | bytes):
            continue
        seen.add(id(current))
        if isinstance(current, ParseResults):
            stack.extend(current)
            stack.extend(current.as_dict().values())
        elif isinstance(current, Mapping):
            if getattr(current, "name", None) == "ServiceGraphPattern":
                return True
            stack.extend(current.values())
        elif isinstance(current, Iterable):
            stack.extend(current)
    return False
