"""Content negotiation as a pure function: which format a request gets."""

from __future__ import annotations

import pytest

from osce_rdf.publishing.conneg import FORMATS, SITE_FORMATS, by_name, negotiate, parse_accept

CHROME = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDFLIB = "application/rdf+xml, text/rdf+n3, application/xhtml+xml;q=0.5, */*;q=0.1"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "html"),
        ("", "html"),
        ("*/*", "html"),
        (CHROME, "html"),
        (FIREFOX, "html"),
        ("text/turtle", "turtle"),
        ("application/ld+json", "jsonld"),
        ("application/json", "jsonld"),
        ("application/n-triples", "ntriples"),
        ("application/trig", "trig"),
        ("application/rdf+xml", "rdfxml"),
        (RDFLIB, "rdfxml"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),  # weights, not order
        ("application/ld+json;q=0.9, text/turtle", "turtle"),
        ("text/*", "html"),
        ("text/html;q=0, */*", "turtle"),  # q=0 refuses HTML; the next offered
        ("TEXT/TURTLE", "turtle"),
        ("text/turtle; charset=utf-8", "turtle"),
        ("application/trig;q=0.2, text/html;q=0.1", "trig"),
    ],
)
def test_accept_picks_the_format(accept: str | None, expected: str) -> None:
    chosen = negotiate(accept)
    assert chosen is not None and chosen.name == expected


def test_nothing_acceptable_is_none() -> None:
    assert negotiate("image/png") is None
    assert negotiate("text/turtle;q=0") is None
    assert negotiate("application/trig", SITE_FORMATS) is None  # the site has no TriG


def test_format_parameter_wins() -> None:
    found = negotiate(CHROME, FORMATS, "ttl")
    assert found is not None and found.name == "turtle"
    assert negotiate("text/turtle", FORMATS, "html") == FORMATS[0]
    assert negotiate("text/turtle", FORMATS, "png") is None
    assert by_name("JSON-LD") == by_name("jsonld")


def test_malformed_ranges_are_skipped() -> None:
    assert parse_accept("text/turtle;q=x, garbage, */html, text/html") == [
        ("text", "turtle", 0.0),
        ("text", "html", 1.0),
    ]
