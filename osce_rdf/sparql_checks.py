"""What a read-only query helper refuses before a query reaches any engine.

Updates (INSERT, DELETE, LOAD, CLEAR, DROP...) are refused: the helper answers questions, it
does not change data. `SERVICE` is refused unless allowed, because it makes the engine fetch
from other hosts. Keywords are looked for in the query's tokens, not inside its string
literals, IRIs or comments, so `FILTER(CONTAINS(?t, "DROP"))` is a query like any other.
"""

from __future__ import annotations

import re

from .errors import QueryError

__all__ = ["check_query", "query_form"]

_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_WORD = re.compile(
    r"(?<![?$\w:-])[A-Za-z_]+(?![\w:-])"
)  # keywords: not variables, not prefixed names
_UPDATES = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def _words(query: str) -> list[str]:
    return [word.upper() for word in _WORD.findall(_NOISE.sub(" ", query))]


def query_form(query: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first of them among the query's keywords."""
    for word in _words(query):
        if word in _FORMS:
            return word
    raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")


def check_query(query: str, *, allow_service: bool = False) -> str:
    """Refuse updates and (unless allowed) SERVICE; return the query form."""
    words = _words(query)
    form = next((w for w in words if w in _FORMS), None)
    update = next(
        (w for w in (words[: words.index(form)] if form else words) if w in _UPDATES), None
    )
    if update is not None:
        raise QueryError(f"updates are refused ({update}): osce-rdf queries are read-only")
    if form is None:
        raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")
    if "SERVICE" in words and not allow_service:
        raise QueryError(
            "SERVICE (querying other hosts) is refused; pass --allow-service to permit it"
        )
    return form
