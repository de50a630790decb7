"""Google's Article guidance for every framed NewsArticle, and the `google-article` profile."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from osce_rdf.errors import UsageError
from osce_rdf.package_data import PAGES_DIR, REFERENCE_DIR
from osce_rdf.pipeline.build import BuildResult, build
from osce_rdf.pipeline.page_pipeline import Pipeline, Settings
from osce_rdf.rendering.export import frame_items, load_quads
from osce_rdf.validation.shacl import Shapes

SITE = "https://www.osce.org/saved/"
LOGO = "https://www.osce.org/logo.png"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """The sample pages with the site's addresses and the organisation's logo configured."""
    root = tmp_path_factory.mktemp("google")
    reference = root / "reference"
    shutil.copytree(REFERENCE_DIR, reference)
    units = reference / "units.toml"
    text = units.read_text(encoding="utf-8")
    units.write_text(
        text.replace('seat = "vienna"\n', f'seat = "vienna"\nlogo = "{LOGO}"\n', 1),
        encoding="utf-8",
    )
    settings = Settings(source_base=SITE, reference_dir=reference, profiles=("google-article",))
    result = build([PAGES_DIR], root / "dist", settings, workers=1, store=False)
    return result, root / "dist"


def test_the_profile_warns_only_about_what_the_pages_lack(
    published: tuple[BuildResult, Path],
) -> None:
    result, _ = published
    assert result.violations == 0
    warnings = {
        (r.focus.rsplit("/", 1)[-1], r.path, r.message)
        for r in result.results
        if r.severity == "Warning"
    }
    messages = {message for _, _, message in warnings}
    assert messages == {
        "Google shows a headline of at most 110 characters",
        "no url: build with --source-base (an item read from a listing page has no page of its own)",
        "no mainEntityOfPage: build with --source-base",
        # the core shapes' one warning on the sample, not the profile's
        "the dateline says 2004-06-03 but the item is dated 2004-06-04",
    }
    long_headlines = {focus for focus, path, _ in warnings if path == "https://schema.org/headline"}
    assert len(long_headlines) == 6
    # items of listing pages have no page of their own; items of item pages have theirs
    without_url = {focus for focus, path, _ in warnings if path == "https://schema.org/url"}
    assert without_url and all(
        not key.startswith("2008-07-17-international") for key in without_url
    )


def test_a_framed_news_article_has_what_google_asks(
    published: tuple[BuildResult, Path], pipeline: Pipeline, tmp_path: Path
) -> None:
    _, out = published
    (path,) = [
        p
        for p in frame_items(load_quads(out), tmp_path, Pipeline(Settings(validate=False)).context)
        if p.name.startswith("2008-07-17-international")
    ]
    item = json.loads(path.read_text(encoding="utf-8"))
    page = SITE + "000_b58f2e4459b73bca.txt"
    assert item["url"] == page
    assert item["mainEntityOfPage"]["@id"] == page  # the saved page, described once
    assert item["author"]["@type"] == ["Organization", "OrganizationalUnit", "Secretariat"]
    assert item["author"]["name"] == "Secretariat"
    assert item["author"]["url"] == "unit:secretariat"  # its IRI: the page the site serves
    assert item["publisher"]["url"] == "https://www.osce.org/"
    assert item["publisher"]["logo"] == LOGO
    assert item["datePublished"] == "2008-07-17"


def test_an_unknown_profile_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="choose one of google-article"):
        Shapes(profiles=("goggle-article",))
