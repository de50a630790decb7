"""`make screenshots`: the sample site in headless Chromium, one PNG per page a person opens
first (home, an item, a State, the ontology), for review.

    python -m tests.screenshots [OUT]   (default: build/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.build import build
from osce_rdf.publishing.site import write_site

from .browser import PAGES, chromium, screenshot
from .servers import nginx_server


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/screenshots")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        build([PAGES_DIR], work / "dist", workers=1)
        write_site(work / "dist", work / "site")
        with nginx_server(work / "site", work / "nginx") as url, chromium() as driver:
            for name, path in PAGES.items():
                target = out / f"{name}.png"
                screenshot(driver, url + path, target)
                print(f"wrote {target}")


if __name__ == "__main__":
    main()
