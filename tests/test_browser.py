"""The sample site in a real browser: headless Chromium opens the pages a person opens first,
served by nginx with the generated rules, and checks what a person sees."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from osce_rdf.pipeline.build import BuildResult

from .browser import PAGES, chromium, console
from .servers import free_port, nginx_server, wait_for

TITLES = {
    "home": "OSCE linked data",
    "item": "International co-operation to fight drug trafficking focus of OSCE experts meeting",
    "state": "Belgium",
    "ontology": "osce-rdf ontology",
}


@pytest.fixture(scope="module")
def site_url(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with nginx_server(sample_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(scope="module")
def served_url(sample_build: tuple[BuildResult, Path]) -> Iterator[str]:
    """The same data from `osce-rdf serve` (its pages carry a Content-Security-Policy)."""
    _, data = sample_build
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "osce_rdf", "serve", "--data", str(data), "--bind", f"127.0.0.1:{port}"], stderr=subprocess.PIPE)  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/index.html", process, "osce-rdf serve")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium() as driver:
        yield driver


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("origin", ["nginx", "serve"])
def test_a_person_sees_the_page(
    browser: WebDriver, request: pytest.FixtureRequest, origin: str, name: str
) -> None:
    site_url: str = request.getfixturevalue("site_url" if origin == "nginx" else "served_url")
    console(browser)  # what earlier pages logged
    browser.get(site_url + PAGES[name])
    assert browser.title == f"{TITLES[name]} · OSCE linked data"
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading.startswith(TITLES[name].split(" · ")[0][:20])
    # the stylesheet applied: the page is laid out, not raw text
    font = browser.find_element(By.TAG_NAME, "h1").value_of_css_property("font-family")
    assert "Georgia" in font
    errors = [entry for entry in console(browser) if entry["level"] in {"SEVERE", "ERROR"}]
    assert errors == []
    links = {
        a.get_attribute("href") or ""
        for a in browser.find_elements(By.CSS_SELECTOR, "a[href], link[href]")
    }
    internal = {urldefrag(link)[0] for link in links if link.startswith(site_url)}
    assert len(internal) > 5
    broken = []
    for link in sorted(internal):
        try:
            with urllib.request.urlopen(link, timeout=10) as response:
                assert response.status == 200
        except urllib.error.HTTPError as error:
            broken.append(f"{urlsplit(link).path}: {error.code}")
    assert broken == []


def test_following_links_a_person_gets_from_the_item_to_a_state(
    browser: WebDriver, site_url: str
) -> None:
    browser.get(site_url + PAGES["item"])
    browser.find_element(By.CSS_SELECTOR, 'article.body a.mention[href$="country/be.html"]').click()
    assert browser.title.startswith("Belgium")
    assert urlsplit(browser.current_url).path == PAGES["state"]
