"""`toolkit report` on the bundled corpus and on scraped pages without metadata, then every page opened in
headless Chromium: the landing page's figures and links, each page's headings, interactive tables and every
plot. The pages must load nothing from the network and never typeset `$...$` as maths. Full-page screenshots
go to reports/screenshots/<corpus>-<page>.png."""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from toolkit.report import build_report, notebooks_for, render_notebook

from .browser import CORPORA, SCREENSHOTS, chromium, full_page_screenshot
from .conftest import ROOT, SEED_ID

REPORTS = ROOT / "reports"
# any script, stylesheet, image or frame that a page would fetch from elsewhere
FETCHED = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


@pytest.fixture(scope="module", params=list(CORPORA), ids=list(CORPORA))
def report(request) -> tuple[str, Path]:
    name = request.param
    out = REPORTS if name == "bundled" else REPORTS / name
    return name, build_report(CORPORA[name], out, progress=False)


@pytest.fixture(scope="module")
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def executed(index: Path) -> list[Path]:
    return sorted((index.parent / "notebooks").glob("*.ipynb"))


def rendered(browser, selector: str, seconds: float = 15) -> list:
    """The elements matching `selector` once they exist (the tables' library starts after the page loads)."""
    deadline = time.monotonic() + seconds
    while not (found := browser.find_elements("css selector", selector)) and time.monotonic() < deadline:
        time.sleep(0.25)
    return found


def images_in(notebook: Path) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def test_landing_page_sums_up_the_corpus_and_links_every_page_and_table(report, browser):
    name, index = report
    browser.get(index.as_uri())
    assert browser.find_element("tag name", "h1").text == "Article corpus report"
    text = browser.find_element("tag name", "body").text
    corpus = CORPORA[name]
    assert corpus.name in text and "articles" in text and "dated" in text and "raw lines dropped" in text
    assert "Top entities" in text and "Run time" in text and "source" in text
    links = [a.get_attribute("href").rsplit("/", 1)[-1] for a in browser.find_elements("css selector", "ol a")]
    ids = {p.stem for p in corpus.rglob("*.txt")}
    assert links == [f"{nb.stem}.html" for nb in notebooks_for(ids)]
    tables = [a.get_attribute("href") for a in browser.find_elements("css selector", "ul a")]
    assert {Path(t).name for t in tables} >= {"articles.parquet", "lines.parquet", "mentions.parquet",
                                              "entity_counts.parquet", "timexes.parquet", "events.parquet"}
    assert all(Path(t.removeprefix("file://")).is_file() for t in tables)
    thumb = browser.find_element("css selector", "img.thumb")
    assert browser.execute_script("return arguments[0].naturalWidth", thumb) > 0
    assert not browser.find_elements("css selector", ".failed")
    full_page_screenshot(browser, SCREENSHOTS / f"{name}-index.png")


def test_each_page_shows_headings_interactive_tables_and_every_plot(report, browser):
    name, index = report
    for notebook in executed(index):
        page = index.parent / f"{notebook.stem}.html"
        browser.get(page.as_uri())
        assert browser.find_element("tag name", "h1").text.strip()
        assert browser.find_elements("tag name", "table"), f"{page.name}: no table rendered"
        uses_tables = "table(" in "".join(c.source for c in nbformat.read(notebook, as_version=4).cells)
        if uses_tables:
            assert rendered(browser, ".dt-container input"), f"{page.name}: no searchable table"
        images = browser.find_elements("css selector", "img[src^='data:image/png']")
        loaded = [img for img in images if browser.execute_script("return arguments[0].naturalWidth", img) > 0]
        assert len(loaded) == len(images) >= images_in(notebook)
        full_page_screenshot(browser, SCREENSHOTS / f"{name}-{notebook.stem}.png")
        browser.set_window_size(1280, 2000)


def test_pages_fetch_nothing_and_typeset_no_maths(report):
    _, index = report
    for page in [index, *index.parent.glob("[0-9][0-9]-*.html")]:
        source = page.read_text(encoding="utf-8")
        assert not FETCHED.findall(source), f"{page.name} loads {FETCHED.findall(source)[:2]}"
        assert "mathjax" not in source.lower(), f"{page.name} still configures MathJax"


def test_a_dollar_in_the_text_stays_a_dollar(browser, tmp_path):
    book = new_notebook()
    book.cells = [
        new_markdown_cell("# Prices\n\nThe ticket cost $5 and the meal $12 in 2019."),
        new_code_cell("print(text)", outputs=[new_output("stream", name="stdout", text="between $x$ and $y$\n")]),
    ]
    page = tmp_path / "prices.html"
    page.write_text(render_notebook(book), encoding="utf-8")
    browser.get(page.as_uri())
    text = browser.find_element("tag name", "body").text
    assert "$5 and the meal $12" in text and "between $x$ and $y$" in text
    assert not browser.find_elements("css selector", "mjx-container, .MathJax")


def test_nothing_about_the_seed_in_the_scraped_corpus_notebooks(report):
    name, index = report
    if name != "scraped":
        pytest.skip("the seed is in the bundled corpus")
    notebooks = executed(index)
    assert len(notebooks) >= 5
    for notebook in notebooks:
        text = notebook.read_text(encoding="utf-8")
        assert SEED_ID not in text and not re.search(r"\bseed\b", text, re.I), f"{notebook.name} names the seed"
    for page in index.parent.glob("*.html"):
        assert SEED_ID not in page.read_text(encoding="utf-8")
