"""The examples in the package's docstrings run as tests, so that they cannot go stale."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import osce_rdf

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(osce_rdf.__path__, "osce_rdf.")
    if info.name not in {"osce_rdf.__main__"}
)
WITH_EXAMPLES = [
    name
    for name in MODULES
    if doctest.DocTestFinder().find(importlib.import_module(name))
    and any(test.examples for test in doctest.DocTestFinder().find(importlib.import_module(name)))
]


def test_the_package_has_examples() -> None:
    assert len(WITH_EXAMPLES) >= 5


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
