"""Content negotiation: the formats a document is published in, and which one a request gets.

One table (`FORMATS`) says, for every format, its name, file extension, media type and the
other media types that ask for it; the static site, the generated web-server rules and the
server all read it. `negotiate` is a pure function of the `Accept` header (RFC 9110: the
most specific range that matches a type gives its weight, q=0 refuses it, and between equal
weights the server's order decides, HTML first) and of an explicit `?format=`, which wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = [
    "FORMATS",
    "RESULTS_FORMATS",
    "SITE_FORMATS",
    "Format",
    "by_extension",
    "by_name",
    "negotiate",
    "parse_accept",
]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extension: str
    media_type: str
    also: tuple[str, ...] = ()  # other media types that ask for this format
    rdf: ox.RdfFormat | None = None  # None for HTML
    names: tuple[str, ...] = ()  # other values of `?format=`

    @property
    def content_type(self) -> str:
        """The Content-Type header: textual formats say their charset."""
        return f"{self.media_type}; charset=utf-8"

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.also)


FORMATS = (
    Format("html", "html", "text/html", ("application/xhtml+xml",), None, ("htm",)),
    Format("turtle", "ttl", "text/turtle", ("application/x-turtle",), ox.RdfFormat.TURTLE, ("ttl",)),
    Format("jsonld", "jsonld", "application/ld+json", ("application/json",), ox.RdfFormat.JSON_LD,
           ("json-ld", "json")),
    Format("ntriples", "nt", "application/n-triples", ("text/plain",), ox.RdfFormat.N_TRIPLES, ("nt", "n-triples")),
    Format("trig", "trig", "application/trig", (), ox.RdfFormat.TRIG),
    Format("rdfxml", "rdf", "application/rdf+xml", (), ox.RdfFormat.RDF_XML, ("rdf", "xml", "rdf-xml")),
)  # fmt: skip
# What the static site writes beside every page; the server offers every format.
SITE_FORMATS = tuple(f for f in FORMATS if f.name in {"html", "turtle", "jsonld", "ntriples"})
# SPARQL results of SELECT and ASK queries (names as `QueryResult.format` knows them).
RESULTS_FORMATS = (
    Format("json", "srj", "application/sparql-results+json", ("application/json",)),
    Format("xml", "srx", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "csv", "text/csv"),
    Format("tsv", "tsv", "text/tab-separated-values"),
)


def by_name(name: str, offered: Sequence[Format] = FORMATS) -> Format | None:
    """The format a `?format=` value names (its name, extension or another name)."""
    wanted = name.strip().lower()
    for candidate in offered:
        if wanted in {candidate.name, candidate.extension, *candidate.names}:
            return candidate
    return None


def by_extension(extension: str, offered: Sequence[Format] = FORMATS) -> Format | None:
    return next((f for f in offered if f.extension == extension), None)


def parse_accept(header: str) -> list[tuple[str, str, float]]:
    """The media ranges of an Accept header as (type, subtype, q); malformed ranges skipped."""
    ranges = []
    for element in header.split(","):
        media, *params = (part.strip() for part in element.split(";"))
        kind, slash, subtype = media.lower().partition("/")
        if not slash or not kind or not subtype or (kind == "*" and subtype != "*"):
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        ranges.append((kind, subtype, weight))
    return ranges


def _weight(ranges: list[tuple[str, str, float]], media_type: str) -> tuple[int, float] | None:
    """(specificity, weight) of the most specific range matching a media type, or None."""
    kind, _, subtype = media_type.partition("/")
    best: tuple[int, float] | None = None
    for range_kind, range_subtype, weight in ranges:
        if range_kind == kind and range_subtype == subtype:
            specificity = 2
        elif range_kind == kind and range_subtype == "*":
            specificity = 1
        elif range_kind == "*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, weight)
    return best


def negotiate(
    accept: str | None, offered: Sequence[Format] = FORMATS, format_param: str | None = None
) -> Format | None:
    """The format to answer with; None when the request refuses every offered one (406).

    `format_param` (`?format=ttl`) decides alone: the format it names, None if not offered.
    No Accept header (or an unreadable one) gets the first offered format.
    """
    if format_param:
        return by_name(format_param, offered)
    ranges = parse_accept(accept or "")
    if not ranges:
        return offered[0] if offered else None
    best: tuple[float, int] | None = None  # (weight, position)
    chosen = None
    for position, candidate in enumerate(offered):
        matches = [w for t in candidate.media_types if (w := _weight(ranges, t)) is not None]
        if not matches:
            continue
        # The most specific match decides: `text/html;q=0, */*` refuses HTML, even though
        # `*/*` would accept its other name, application/xhtml+xml.
        weight = max(matches)[1]
        if weight > 0 and (best is None or weight > best[0]):
            best, chosen = (weight, position), candidate
    return chosen
