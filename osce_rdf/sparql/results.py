"""Query results, and the formats every row-printing command shares.

    table   aligned columns for a terminal, IRIs shortened to prefixed names
    csv     SPARQL 1.1 Query Results CSV
    tsv     SPARQL 1.1 Query Results TSV (terms in N-Triples syntax)
    json    SPARQL 1.1 Query Results JSON
    jsonl   one JSON object per row, with plain values
    xml     SPARQL Query Results XML (for the SPARQL endpoint of `osce-rdf serve`)

A SELECT result keeps its RDF terms (`raw`) and gives rows of Python values (`rows()`):
IRIs and strings as `str`, numbers as `int`/`Decimal`/`float`, dates as `datetime.date`,
booleans as `bool`.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import pyoxigraph as ox

from ..identity.namespaces import XSD

__all__ = ["ROW_FORMATS", "QueryResult", "python_value"]

ROW_FORMATS = ("table", "csv", "tsv", "json", "jsonl")
Term = ox.NamedNode | ox.BlankNode | ox.Literal


def python_value(term: Term | ox.Triple | None) -> Any:
    """The Python value of an RDF term (None for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.removeprefix(XSD)
        text = term.value
        try:
            if datatype in {
                "integer",
                "int",
                "long",
                "short",
                "nonNegativeInteger",
                "positiveInteger",
            }:
                return int(text)
            if datatype == "decimal":
                return decimal.Decimal(text)
            if datatype in {"double", "float"}:
                return float(text)
            if datatype == "boolean":
                return text in {"true", "1"}
            if datatype == "date":
                return dt.date.fromisoformat(text)
            if datatype == "dateTime":
                return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except (ValueError, decimal.InvalidOperation):
            return text
        return text
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


@dataclass
class QueryResult:
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT)."""

    form: str
    variables: list[str] = field(default_factory=list)
    raw: list[dict[str, Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """Solutions as dicts of Python values."""
        return [{name: python_value(row.get(name)) for name in self.variables} for row in self.raw]

    def format(self, fmt: str, shorten: Callable[[str], str] = str) -> str:
        """The solutions (or the boolean) in one of `ROW_FORMATS`."""
        if self.form == "ASK":
            if fmt == "json":
                return json.dumps({"head": {}, "boolean": self.boolean}) + "\n"
            if fmt == "xml":
                return _xml_document("<head/>", f"<boolean>{str(self.boolean).lower()}</boolean>")
            return ("true" if self.boolean else "false") + "\n"
        return {
            "table": self._table,
            "csv": self._csv,
            "tsv": self._tsv,
            "json": self._json,
            "jsonl": self._jsonl,
            "xml": self._xml,
        }[fmt](shorten)

    def _cells(self, shorten: Callable[[str], str]) -> list[list[str]]:
        def cell(term: Term | None) -> str:
            if term is None:
                return ""
            if isinstance(term, ox.NamedNode):
                return shorten(term.value)
            return str(python_value(term))

        return [[cell(row.get(name)) for name in self.variables] for row in self.raw]

    def _table(self, shorten: Callable[[str], str]) -> str:
        cells = self._cells(shorten)
        widths = [
            max([len(name), *(len(row[i]) for row in cells)])
            for i, name in enumerate(self.variables)
        ]
        lines = [
            "  ".join(
                name.ljust(w) for name, w in zip(self.variables, widths, strict=True)
            ).rstrip()
        ]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in cells
        ]
        lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
        return "\n".join(lines) + "\n"

    def _csv(self, shorten: Callable[[str], str]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.raw:
            writer.writerow(
                ["" if (t := row.get(n)) is None else _plain(t) for n in self.variables]
            )
        return out.getvalue()

    def _tsv(self, shorten: Callable[[str], str]) -> str:
        lines = ["\t".join(f"?{n}" for n in self.variables)]
        for row in self.raw:
            lines.append(
                "\t".join("" if (t := row.get(n)) is None else str(t) for n in self.variables)
            )
        return "\n".join(lines) + "\n"

    def _json(self, shorten: Callable[[str], str]) -> str:
        bindings = [
            {
                name: _json_term(term)
                for name in self.variables
                if (term := row.get(name)) is not None
            }
            for row in self.raw
        ]
        document = {"head": {"vars": self.variables}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"

    def _xml(self, shorten: Callable[[str], str]) -> str:
        head = (
            "<head>"
            + "".join(f'<variable name="{escape(n, _QUOTE)}"/>' for n in self.variables)
            + "</head>"
        )
        rows = []
        for row in self.raw:
            cells = "".join(
                f'<binding name="{escape(name, _QUOTE)}">{_xml_term(term)}</binding>'
                for name in self.variables
                if (term := row.get(name)) is not None
            )
            rows.append(f"<result>{cells}</result>")
        return _xml_document(head, "<results>\n" + "\n".join(rows) + "\n</results>")

    def _jsonl(self, shorten: Callable[[str], str]) -> str:
        return "".join(
            json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in self.rows()
        )

    @classmethod
    def from_solutions(
        cls, variables: Iterable[str], solutions: Iterable[Mapping[str, Term | None]]
    ) -> QueryResult:
        return cls("SELECT", list(variables), [dict(s) for s in solutions])


_QUOTE = {'"': "&quot;"}
# An XML parser turns a raw carriage return into a line feed (XML 1.0, 2.11): written as a
# character reference it survives, so "a\r\nb" is read back as it was.
_TEXT = {"\r": "&#13;"}


def _xml_document(head: str, body: str) -> str:
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
        f"{head}\n{body}\n</sparql>\n"
    )


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    text = escape(term.value, _TEXT)
    if term.language:
        return f'<literal xml:lang="{escape(term.language, _QUOTE)}">{text}</literal>'
    if term.datatype.value != XSD + "string":
        return f'<literal datatype="{escape(term.datatype.value, _QUOTE)}">{text}</literal>'
    return f"<literal>{text}</literal>"


def _plain(term: Term) -> str:
    return term.value if not isinstance(term, ox.BlankNode) else f"_:{term.value}"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    found: dict[str, str] = {"type": "literal", "value": term.value}
    if term.language:
        found["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        found["datatype"] = term.datatype.value
    return found
