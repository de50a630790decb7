"""Where the bundled reference data, sample pages, ontology and shapes live.

They sit at the top of the project (`data/`, `ontology/`, `shapes/`) because people edit
them; the package finds them next to itself, which holds for a checkout and an editable
install. `OSCE_RDF_HOME` points elsewhere (a copy of those three folders).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["HOME", "ONTOLOGY_FILE", "PAGES_DIR", "REFERENCE_DIR", "SHAPES_DIR"]

HOME = Path(os.environ.get("OSCE_RDF_HOME", Path(__file__).resolve().parent.parent))
REFERENCE_DIR = HOME / "data" / "reference"
PAGES_DIR = HOME / "data" / "pages"
ONTOLOGY_FILE = HOME / "ontology" / "osce.ttl"
SHAPES_DIR = HOME / "shapes"
