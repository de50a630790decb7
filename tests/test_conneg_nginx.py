"""The generated nginx rules on a real nginx (Debian package), started on loopback by the test:
an IRI answers 303 with the document the request prefers, documents come with their types."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest

from osce_rdf.publishing.conneg import SITE_FORMATS, negotiate

from .servers import nginx_server

CHROME = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SAFARI = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CURL = "*/*"
JENA = "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.5"
RAPPER = "application/rdf+xml, text/turtle;q=0.6, application/n-triples;q=0.3"

# (Accept, ?format=, the document nginx must answer with: an extension, or a status)
MATRIX = [
    (CHROME, None, "html"),
    (FIREFOX, None, "html"),
    (SAFARI, None, "html"),
    (CURL, None, "html"),
    (None, None, "html"),
    ("text/turtle", None, "ttl"),
    ("application/x-turtle", None, "ttl"),
    ("application/ld+json", None, "jsonld"),
    ("application/json", None, "jsonld"),
    ("application/n-triples", None, "nt"),
    (JENA, None, "ttl"),
    (RAPPER, None, "ttl"),  # no RDF/XML in the site: the next it accepts
    ("text/turtle;q=1.0, */*;q=0.1", None, "ttl"),
    ("application/rdf+xml", None, 406),
    ("image/png", None, 406),
    (CHROME, "ttl", "ttl"),
    (CHROME, "turtle", "ttl"),
    (CHROME, "jsonld", "jsonld"),
    (CHROME, "nt", "nt"),
    ("text/turtle", "html", "html"),
]
MEDIA = {f.extension: f.media_type for f in SITE_FORMATS}
RDF = {f.extension: f.rdf for f in SITE_FORMATS if f.rdf is not None}


@pytest.fixture(scope="module")
def nginx(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with nginx_server(sample_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def fetch(base: str, path: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    split = urlsplit(base)
    connection = http.client.HTTPConnection(split.hostname or "", split.port, timeout=10)
    connection.request("GET", path, headers={"Accept": accept} if accept is not None else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.mark.parametrize(("accept", "asked", "expected"), MATRIX)
def test_an_iri_answers_with_the_document_the_request_prefers(
    nginx: str, accept: str | None, asked: str | None, expected: str | int
) -> None:
    path = "/country/be" + (f"?format={asked}" if asked else "")
    status, headers, _ = fetch(nginx, path, accept)
    assert "accept" in headers.get("vary", "").lower()
    if isinstance(expected, int):
        assert status == expected
        return
    assert status == 303
    assert headers["location"] == f"/country/be.{expected}"
    status, headers, body = fetch(nginx, headers["location"], accept)
    assert status == 200
    assert headers["content-type"] == f"{MEDIA[expected]}; charset=utf-8"
    if expected in RDF:
        triples = set(ox.parse(body, format=RDF[expected]))
        assert len(triples) > 5
    else:
        assert b"<title>Belgium" in body


@pytest.mark.parametrize(("accept", "asked", "expected"), MATRIX)
def test_the_rules_agree_with_the_server_negotiation(
    accept: str | None, asked: str | None, expected: str | int
) -> None:
    """For every request of the matrix, `osce-rdf serve`'s negotiation picks the same."""
    chosen = negotiate(accept, SITE_FORMATS, asked)
    assert (chosen.extension if chosen else 406) == expected


def test_documents_and_files_are_served_as_they_are(nginx: str) -> None:
    status, headers, body = fetch(nginx, "/country/be.ttl", "text/html")
    assert status == 200 and headers["content-type"] == "text/turtle; charset=utf-8"
    assert "vary" not in headers  # a document is one format: nothing to negotiate
    status, headers, _ = fetch(nginx, "/dump/osce.trig")
    assert status == 200 and headers["content-type"].startswith("application/trig")
    status, headers, _ = fetch(nginx, "/style.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    status, headers, body = fetch(nginx, "/country/", CHROME)
    assert status == 200 and b"States and partners" in body
    status, _, body = fetch(nginx, "/", CHROME)
    assert status == 200 and b"<title>OSCE linked data" in body


def test_unknown_addresses_and_hidden_files_are_not_found(nginx: str) -> None:
    status, _, body = fetch(nginx, "/country/zz", CHROME)
    assert status == 404 and b"Not found" in body
    assert fetch(nginx, "/.server/nginx.conf")[0] == 404
    assert fetch(nginx, "/.htaccess")[0] == 404


def test_item_and_ontology_iris_dereference(nginx: str) -> None:
    item = "/item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting"
    status, headers, _ = fetch(nginx, item, "application/ld+json")
    assert status == 303 and headers["location"] == item + ".jsonld"
    status, headers, _ = fetch(nginx, "/ontology", "text/turtle")  # osce:PressRelease's document
    assert status == 303 and headers["location"] == "/ontology.ttl"
    status, _, body = fetch(nginx, "/ontology.ttl")
    assert status == 200 and b"PressRelease" in body
