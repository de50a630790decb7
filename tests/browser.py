"""Headless Chromium (the Debian package) driven through its chromedriver with Selenium: what a
person sees of the site, for the browser test and `make screenshots`."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

# The site's pages a person opens first: the home page, an item, a State, the ontology.
PAGES = {
    "home": "/index.html",
    "item": "/item/2008-07-17-international-co-operation-to-fight-drug-trafficking-focus-of-osce-experts-meeting.html",
    "state": "/country/be.html",
    "ontology": "/ontology.html",
}


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[WebDriver]:
    """A headless Chromium session that keeps its console messages (`get_log("browser")`)."""
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    driver_binary = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (Path(binary).exists() and Path(driver_binary).exists()):
        pytest.fail("chromium and chromium-driver are not installed (.ci/run installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="osce-rdf-chromium-")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                     f"--window-size={width},{height}"):  # fmt: skip
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_binary), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver: WebDriver, url: str, out: Path) -> None:
    """The whole page, as tall as it is (up to 6,000 pixels)."""
    driver.get(url)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(int(height), 900), 6000))
    out.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(out))
    driver.set_window_size(1280, 900)


def console(driver: WebDriver) -> list[dict[str, Any]]:
    """What the page wrote to the browser's console since the last call."""
    entries: list[dict[str, Any]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return entries
