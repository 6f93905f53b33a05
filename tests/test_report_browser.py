"""`toolkit report` on the bundled corpus, then every page opened in headless Chromium: headings,
tables and every plot must be in the rendered DOM. Screenshots are saved under reports/screenshots/."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from toolkit.report import build_report, step_notebooks

from .conftest import DATA_DIR, ROOT

REPORTS = ROOT / "reports"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
INSTALL_HINT = "install Debian's browser and driver: sudo apt-get install chromium chromium-driver"


@pytest.fixture(scope="module")
def report_index() -> Path:
    return build_report(DATA_DIR, REPORTS, progress=False)


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"headless Chromium is needed to check the HTML reports: {INSTALL_HINT}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,2000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def plots_in(notebook: Path) -> int:
    return sum(
        1
        for cell in nbformat.read(notebook, as_version=4).cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )


def test_index_links_every_notebook_in_order(report_index, browser):
    browser.get(report_index.as_uri())
    assert browser.find_element("tag name", "h1").text == "Article corpus report"
    links = [a.get_attribute("href").rsplit("/", 1)[-1] for a in browser.find_elements("css selector", "ol a")]
    assert links == [f"{nb.stem}.html" for nb in step_notebooks()]
    assert not browser.find_elements("css selector", ".failed")
    (REPORTS / "screenshots").mkdir(exist_ok=True)
    browser.save_screenshot(str(REPORTS / "screenshots" / "index.png"))


@pytest.mark.parametrize("notebook", step_notebooks(), ids=lambda p: p.stem)
def test_each_report_shows_headings_tables_and_every_plot(report_index, browser, notebook):
    page = report_index.parent / f"{notebook.stem}.html"
    browser.get(page.as_uri())
    assert browser.find_element("tag name", "h1").text.strip()
    assert browser.find_elements("tag name", "table"), "no table rendered"
    images = browser.find_elements("css selector", "img[src^='data:image/png']")
    loaded = [img for img in images if browser.execute_script("return arguments[0].naturalWidth", img) > 0]
    assert len(loaded) == len(images) >= plots_in(notebook) > 0
    browser.save_screenshot(str(REPORTS / "screenshots" / f"{notebook.stem}.png"))
