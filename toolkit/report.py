"""HTML reports: execute every step notebook on a corpus with papermill, render each with nbconvert,
and link them from an index page. Every file is written atomically."""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter
from tqdm import tqdm

from toolkit.config import NOTEBOOKS_DIR
from toolkit.errors import ToolkitError
from toolkit.io import write_text_atomic


@dataclass(frozen=True)
class RenderedNotebook:
    """One notebook of a report: where its HTML is and whether it ran to the end."""

    name: str
    title: str
    html_path: Path
    error: str | None = None


def step_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The step notebooks (`NN-name.ipynb`) in the order an analyst runs them."""
    notebooks = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if not p.name.startswith("."))
    if not notebooks:
        raise ToolkitError(f"{folder}: no step notebooks (NN-name.ipynb) found")
    return notebooks


def notebook_title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """The first Markdown heading of a notebook, else `fallback`."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return fallback


def _execute(notebook: Path, parameters: dict[str, str], kernel_name: str) -> tuple[nbformat.NotebookNode, str | None]:
    """Run one notebook with papermill in its own folder; return it executed (up to a failing cell) and the error."""
    handle, tmp_name = tempfile.mkstemp(suffix=".ipynb")
    os.close(handle)
    error = None
    try:
        try:
            papermill.execute_notebook(
                str(notebook), tmp_name, parameters=parameters, cwd=str(notebook.parent),
                kernel_name=kernel_name, progress_bar=False, log_output=False,
            )
        except papermill.PapermillExecutionError as exc:
            error = f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}".splitlines()[0]
        return nbformat.read(tmp_name, as_version=4), error
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def render_notebook(notebook: nbformat.NotebookNode) -> str:
    """Self-contained HTML of an executed notebook (styles inline, plots embedded as data URIs)."""
    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _ = exporter.from_notebook_node(notebook)
    return body


def build_report(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    kernel_name: str = "python3",
    progress: bool = True,
) -> Path:
    """Execute each step notebook on `source`, write `out_dir/<notebook>.html` and `out_dir/index.html`.

    The notebooks get `source` and `processed_dir` (`out_dir/processed`) as parameters. A notebook that
    fails is still rendered up to the failing cell and listed as failed; then a ToolkitError is raised.
    """
    source_path = Path(source).resolve()
    if not source_path.exists():
        raise ToolkitError(f"{source}: no such file or folder")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    parameters = {"source": str(source_path), "processed_dir": str(out / "processed")}
    rendered: list[RenderedNotebook] = []
    for notebook in tqdm(step_notebooks(notebooks_dir), desc="report", unit="notebook", disable=not progress):
        executed, error = _execute(notebook, parameters, kernel_name)
        html_path = write_text_atomic(out / f"{notebook.stem}.html", render_notebook(executed))
        rendered.append(RenderedNotebook(notebook.stem, notebook_title(executed, notebook.stem), html_path, error))
    index = write_text_atomic(out / "index.html", index_html(rendered, source_path))
    failed = [r for r in rendered if r.error]
    if failed:
        raise ToolkitError("; ".join(f"{r.name}.ipynb failed at {r.error}" for r in failed))
    return index


def index_html(notebooks: list[RenderedNotebook], source: Path) -> str:
    """The report's front page: one link per notebook, in order, with its status."""
    items = "\n".join(
        f'<li><a href="{html.escape(r.html_path.name)}">{html.escape(r.title)}</a>'
        + (f' <span class="failed">failed at {html.escape(r.error)}</span>' if r.error else "")
        + "</li>"
        for r in notebooks
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Article corpus report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:48rem;margin:3rem auto;line-height:1.5}}
.failed{{color:#b00}}</style></head>
<body><h1>Article corpus report</h1>
<p>Corpus: <code>{html.escape(source.name or str(source))}</code>. Each step below is a notebook
executed on this corpus.</p>
<ol>
{items}
</ol>
</body></html>
"""
