"""Headless Chromium for the browser tests (Debian's `chromium` and `chromium-driver`; `make test` installs
them), and the corpora those tests run on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import DATA_DIR, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
INSTALL_HINT = "install Debian's browser and driver: sudo apt-get install chromium chromium-driver"
SCRAPED_DIR = ROOT / "tests" / "fixtures" / "scraped"
CORPORA = {"bundled": DATA_DIR, "scraped": SCRAPED_DIR}
SCREENSHOTS = ROOT / "reports" / "screenshots"


def chromium(*, width: int = 1280, height: int = 2000):
    """A headless Chromium driven by selenium, with no background network of its own."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"headless Chromium is needed for the browser tests: {INSTALL_HINT}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def full_page_screenshot(driver, path: Path, *, max_height: int = 12000) -> None:
    """A screenshot of the whole page (up to `max_height` px), not only the window."""
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(max(int(height), 800), max_height))
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
