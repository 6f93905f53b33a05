"""The notebooks as an analyst runs them: JupyterLab on 127.0.0.1 (a free port, a token), each notebook opened
in headless Chromium, Run All, then no error output and every plot rendered; on the bundled corpus and on
scraped pages without metadata (the notebooks get `source` by papermill's parameter cell, as in a report).
Screenshots go to reports/screenshots/lab-<corpus>-<notebook>.png."""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import papermill
import pytest

from toolkit.report import notebooks_for

from .browser import CORPORA, SCREENSHOTS, chromium
from .conftest import ROOT, SEED_ID

RUN_SECONDS = 600  # the slowest notebook runs in about a minute on the bundled corpus
# cells stay in the page while scrolled out of view, so every output can be checked
LAB_SETTINGS = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
                "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                                    "checkForUpdates": False}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a folder holding, per corpus, the notebooks with `source` set to it."""
    root = tmp_path_factory.mktemp("lab")
    for name, corpus in CORPORA.items():
        ids = {p.stem for p in corpus.rglob("*.txt")}
        (root / name).mkdir()
        for notebook in notebooks_for(ids):
            papermill.execute_notebook(
                str(notebook), str(root / name / notebook.name), prepare_only=True, progress_bar=False,
                parameters={"source": str(corpus), "processed_dir": str(root / name / "processed")},
            )
    settings = root / ".settings"
    for file, values in LAB_SETTINGS.items():
        (settings / file).parent.mkdir(parents=True, exist_ok=True)
        (settings / file).write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"), "JUPYTER_RUNTIME_DIR": str(root / ".runtime")}
    log = (root / ".lab.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False",
         "--LabApp.news_url=", "--LabApp.extension_manager=readonly", "--ServerApp.port_retries=0", "--allow-root"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: {(root / '.lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield base, token, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    driver = chromium(width=1400, height=1000)
    yield driver
    driver.quit()


def lab_notebooks() -> list[tuple[str, str]]:
    return [(name, nb.name) for name, corpus in CORPORA.items()
            for nb in notebooks_for({p.stem for p in corpus.rglob("*.txt")})]


def wait_for(browser, condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = browser.execute_script(condition)
        if value:
            return value
        time.sleep(1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "lab-timed-out.png"))
    pytest.fail(f"timed out waiting for {what} (screenshot: reports/screenshots/lab-timed-out.png)")


def command(browser, menu: str, label: str) -> None:
    """Open `menu` in the menu bar and click its item `label`, as a person would."""
    from selenium.webdriver.common.by import By

    browser.find_element(By.XPATH, f"//li[contains(@class,'lm-MenuBar-item')][.//div[text()='{menu}']]").click()
    time.sleep(0.5)
    browser.find_element(By.XPATH, f"//li[contains(@class,'lm-Menu-item')][.//div[text()='{label}']]").click()


NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"  # the notebook in view
ALL_RAN = """
const cells = [...document.querySelectorAll('NOTEBOOK .jp-CodeCell')];
if (!cells.length) return false;
const prompts = cells.map(c => (c.querySelector('.jp-InputArea-prompt') || {}).textContent || '');
return prompts.every(p => /\\[\\d+\\]/.test(p)) && !prompts.some(p => p.includes('*'));
""".replace("NOTEBOOK", NOTEBOOK)


@pytest.mark.parametrize(("corpus", "notebook"), lab_notebooks(), ids=lambda v: str(v).removesuffix(".ipynb"))
def test_run_all_in_jupyterlab(lab, browser, corpus, notebook):
    base, token, root = lab
    browser.get(f"{base}/lab/tree/{corpus}/{notebook}?reset&token={token}")  # reset: only this notebook open
    wait_for(browser, f"return document.querySelector('{NOTEBOOK} .jp-CodeCell') !== null", 90, "the notebook")
    wait_for(browser, "return document.body.innerText.includes('| Idle')", 90, "the kernel to be ready")
    command(browser, "Run", "Run All Cells")
    wait_for(browser, ALL_RAN, RUN_SECONDS, f"{corpus}/{notebook} to run")
    errors = browser.execute_script(
        f"return [...document.querySelectorAll(\"{NOTEBOOK} [data-mime-type='application/vnd.jupyter.stderr']\")]"
        ".map(e => e.textContent.slice(0, 300))")
    assert not errors, f"{corpus}/{notebook}: error output {errors[:2]}"
    images = browser.execute_script(
        f"return [...document.querySelectorAll('{NOTEBOOK} .jp-RenderedImage img')]"
        ".map(i => i.complete && i.naturalWidth > 0)")
    assert all(images), f"{corpus}/{notebook}: an image did not render"
    assert len(images) >= images_expected(ROOT / "notebooks" / notebook)
    text = browser.find_element("css selector", NOTEBOOK).text
    if corpus == "scraped":
        assert SEED_ID not in text and not re.search(r"\bseed\b", text, re.I)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"lab-{corpus}-{Path(notebook).stem}.png"))
    command(browser, "File", "Save Notebook")  # saved: no "leave the page?" prompt, and the outputs are on disk
    wait_for(browser, "return !document.querySelector('.jp-mod-dirty')", 30, "the notebook to be saved")
    shut_down_kernels(base, token)
    saved = (root / corpus / notebook).read_text(encoding="utf-8")
    assert '"output_type": "error"' not in saved
    if corpus == "scraped":
        assert SEED_ID not in saved


def shut_down_kernels(base: str, token: str) -> None:
    """Stop every kernel of the server: each holds a spaCy model, and the next notebook starts its own."""
    sessions = json.load(urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=10))
    for session in sessions:
        request = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(request, timeout=30)


def images_expected(notebook: Path) -> int:
    """The plots the committed notebook shows: the same cells draw on any corpus (an empty plot says so)."""
    return sum(
        "image/png" in output.get("data", {})
        for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )
