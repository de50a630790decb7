"""Slugs: the readable, stable part of an IRI that names a thing by its identity.

A slug is ASCII, lower case, made of `a-z0-9` and single hyphens, at most `MAX_LENGTH`
characters, and never a name Windows reserves, so it is safe as a file name everywhere.
Long titles are cut at a word boundary and get a short hash of the full text, so two long
titles that share a beginning still get different slugs.
"""

from __future__ import annotations

import hashlib
import re

from anyascii import anyascii

__all__ = ["MAX_LENGTH", "SLUG_PATTERN", "slugify"]

MAX_LENGTH = 100
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """Turn a name or title into a slug.

    >>> slugify("Türkiye")
    'turkiye'
    >>> slugify("OSCE Mission to Bosnia & Herzegovina")
    'osce-mission-to-bosnia-herzegovina'
    >>> slugify("Chișinău")
    'chisinau'
    """
    ascii_text = anyascii(text).lower().replace("'", "")
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    if not slug:
        slug = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    if len(slug) > max_length:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        cut = slug[: max_length - len(digest) - 1]
        if "-" in cut:
            cut = cut.rsplit("-", 1)[0]
        slug = f"{cut}-{digest}"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-x"
    return slug
