"""Where the bundled reference data, sample pages, ontology and shapes are read from.

People edit them at the top of the project (`data/reference/`, `data/pages/`, `ontology/`,
`shapes/`). A wheel carries the same folders inside the package, in the same layout, under
`resources/` (pyproject.toml maps them; docs/decisions/0011), found with `importlib.resources`.
A checkout or an editable install has no such copy and reads the project's own folders.

Each can be read from elsewhere: `OSCE_RDF_HOME` names a folder laid out like the project,
and `OSCE_RDF_REFERENCE`, `OSCE_RDF_PAGES`, `OSCE_RDF_ONTOLOGY` and `OSCE_RDF_SHAPES` one
folder (or the ontology file) each; the commands' options (`--reference`, `--shapes`,
`--ontology`) win over both.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["HOME", "ONTOLOGY_FILE", "PAGES_DIR", "REFERENCE_DIR", "SHAPES_DIR"]


def _installed_home() -> Path:
    """The copy inside an installed wheel, else the project the package was imported from."""
    packaged = resources.files(__package__ or "osce_rdf") / "resources"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent


def _from_environment(variable: str, default: Path) -> Path:
    given = os.environ.get(variable)
    return Path(given) if given else default


HOME = _from_environment("OSCE_RDF_HOME", _installed_home())
REFERENCE_DIR = _from_environment("OSCE_RDF_REFERENCE", HOME / "data" / "reference")
PAGES_DIR = _from_environment("OSCE_RDF_PAGES", HOME / "data" / "pages")
ONTOLOGY_FILE = _from_environment("OSCE_RDF_ONTOLOGY", HOME / "ontology" / "osce.ttl")
SHAPES_DIR = _from_environment("OSCE_RDF_SHAPES", HOME / "shapes")
