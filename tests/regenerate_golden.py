"""Regenerate the golden files under tests/golden (run `make golden`, then review the diff)."""

from __future__ import annotations

from pathlib import Path

from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.page_pipeline import Pipeline, Settings
from osce_rdf.reading.pages import read_page

GOLDEN = Path(__file__).parent / "golden"


def main() -> None:
    pipeline = Pipeline(Settings())
    (item,) = read_page(
        PAGES_DIR / "000_b58f2e4459b73bca.txt", PAGES_DIR, content_types=pipeline.content_types
    ).items
    rendered = pipeline.render(pipeline.mapper.map_item(item))
    GOLDEN.mkdir(exist_ok=True)
    assert rendered.blocks is not None
    (GOLDEN / "seed.trig").write_bytes(rendered.blocks[0])
    print(f"wrote {GOLDEN / 'seed.trig'}")


if __name__ == "__main__":
    main()
