"""`reference check`: what a page's navigation lists that the reference data lacks or names differently.

The site's navigation is its own list of fields of work, States, units and field operations.
Comparing it with the reference data tells curators when the site changes: a new field
operation, a renamed State (`Czech Republic` -> `Czechia`), another year's chairpersonship.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import PageError
from ..reference import Reference
from ..reference.resolve import Resolution, Resolver
from .navigation import parse_navigation
from .pages import SavedPage, find_pages

__all__ = ["NavigationFinding", "check_navigation"]

_CHAIR = re.compile(
    r"^(?P<state>.+?)\s*[–—-]+\s*(?:OSCE\s+)?Chair(?:person|man)ship\s+(?P<year>\d{4})$",
    re.IGNORECASE,
)
_LABELS = {
    "country": "State or partner",
    "unit": "unit",
    "field": "field of work",
    "meeting_type": "meeting type",
}


@dataclass(frozen=True, slots=True)
class NavigationFinding:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


def check_navigation(
    paths: Iterable[Path], reference: Reference
) -> tuple[list[NavigationFinding], list[PageError]]:
    """Findings for every page under `paths`, and the pages that could not be read."""
    resolver = Resolver(reference)
    findings: list[NavigationFinding] = []
    errors: list[PageError] = []
    for file, _root in find_pages(paths, errors):
        shown = str(file)
        try:
            text = SavedPage.read(file, shown).text()
        except PageError as error:
            errors.append(error)
            continue
        sections, _ = parse_navigation(text.split("\n"))
        for section in sections:
            if section.heading is None:
                continue
            kind = reference.navigation_headings.get(section.heading)
            if kind is None:
                line = section.entries[0].line - 1 if section.entries else 1
                findings.append(
                    NavigationFinding(
                        shown, line, f"unknown navigation heading {section.heading!r}"
                    )
                )
                continue
            if kind == "ignore":
                continue
            for entry in section.entries:
                if entry.text in reference.navigation_links:
                    continue
                message = _compare(kind, entry.text, resolver, reference)
                if message:
                    findings.append(
                        NavigationFinding(shown, entry.line, f"{message} ({section.heading})")
                    )
    return findings, errors


def _compare(kind: str, text: str, resolver: Resolver, reference: Reference) -> str | None:
    if kind == "country":
        chair = _CHAIR.match(text)
        if chair:
            state, year = chair.group("state"), int(chair.group("year"))
            found = resolver.country(state)
            held = reference.chair_of(year)
            if found is None:
                return f"{state!r} is not in the reference data"
            if held is None:
                return f"the reference data has no chairpersonship for {year} ({found.name} per the site)"
            if held.state.lower() != found.key:
                return f"the site says {found.name} chairs in {year}; the reference data says {held.state}"
            return _naming(found, state, kind)
        found_country = resolver.country(text)
        if found_country is None:
            return f"{text!r} is not in the reference data as a {_LABELS[kind]}"
        return _naming(found_country, text, kind)
    scheme = {"field": "field", "meeting_type": "meeting-type"}.get(kind)
    found = resolver.concept(scheme, text) if scheme else resolver.unit(text)
    if not found.known:
        return f"{text!r} is not in the reference data as a {_LABELS.get(kind, kind)}"
    return _naming(found, text, kind)


def _naming(found: Resolution, written: str, kind: str) -> str | None:
    if found.via == "name":
        return (
            None
            if written == found.name
            else f"{written!r} is written {found.name!r} in the reference data"
        )
    if found.via in {"former name", "alternative name", "translation"}:
        return f"{written!r} is a {found.via} of the {_LABELS.get(kind, kind)} {found.name!r}"
    return f"{written!r} is an {found.via} of {found.name!r}"
