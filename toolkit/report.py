"""HTML reports: execute every step notebook on a corpus with papermill, render each with nbconvert to a page
that works offline and loads nothing from the network, and put a landing page in front. Every file is written
atomically."""

from __future__ import annotations

import base64
import html
import io
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat
import pandas as pd
import papermill
from nbconvert import HTMLExporter
from tqdm import tqdm

from toolkit.config import NOTEBOOKS_DIR
from toolkit.errors import ToolkitError
from toolkit.io import write_text_atomic

# nbconvert's lab page, less every script it would fetch: require.js, MathJax (article text with `$` in it is
# not maths), mermaid and the widget renderer. The tables' library is inline in the page.
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class RenderedNotebook:
    """One notebook of a report: where its HTML is, whether it ran to the end, and how long it took."""

    name: str
    title: str
    html_path: Path
    error: str | None = None
    seconds: float = 0.0


def step_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The step notebooks (`NN-name.ipynb`) in the order an analyst runs them."""
    notebooks = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if not p.name.startswith("."))
    if not notebooks:
        raise ToolkitError(f"{folder}: no step notebooks (NN-name.ipynb) found")
    return notebooks


def needed_article(notebook: Path) -> str | None:
    """The article a notebook is about (`metadata.toolkit.needs_article`), if it is about one."""
    return nbformat.read(notebook, as_version=4).metadata.get("toolkit", {}).get("needs_article")


def notebooks_for(article_ids: set[str], folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The step notebooks that fit a corpus of these articles: all, less those about an article it lacks."""
    return [nb for nb in step_notebooks(folder) if needed_article(nb) in (None, *article_ids)]


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


def without_widgets(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with no widget view and no widget state: a page has no kernel to run them, and the outputs just
    before each widget show what it shows. Cells left without output are dropped."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            had = bool(cell.outputs)
            cell.outputs = [o for o in cell.outputs if _WIDGET_VIEW not in o.get("data", {})]
            if had and not cell.outputs:
                continue
        cells.append(cell)
    notebook.cells = cells
    return notebook


def render_notebook(notebook: nbformat.NotebookNode) -> str:
    """Self-contained HTML of an executed notebook: styles inline, plots embedded as data URIs, tables
    interactive with their library inline, and no script loaded from anywhere."""
    exporter = HTMLExporter(
        template_name="lab", embed_images=True,
        extra_loaders=[jinja2.DictLoader({"offline.html.j2": _OFFLINE_TEMPLATE})],
    )
    exporter.template_file = "offline.html.j2"
    body, _ = exporter.from_notebook_node(without_widgets(notebook))
    return body


def build_report(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    kernel_name: str = "python3",
    progress: bool = True,
) -> Path:
    """Execute each step notebook that fits `source`, write `out_dir/<notebook>.html`, the executed notebook
    as `out_dir/notebooks/<notebook>.ipynb`, and the landing page `out_dir/index.html`.

    The notebooks get `source` and `processed_dir` (`out_dir/processed`) as parameters. A notebook about one
    article (the seed's walkthrough) runs only when the corpus holds it. A notebook that fails is still rendered
    up to the failing cell and listed as failed; then a ToolkitError is raised.
    """
    from toolkit.corpus import load_corpus

    started = time.perf_counter()
    source_path = Path(source).resolve()
    if not source_path.exists():
        raise ToolkitError(f"{source}: no such file or folder")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    ids = set(load_corpus(source_path, progress=False).articles["article_id"].astype(str))
    parameters = {"source": str(source_path), "processed_dir": str(out / "processed")}
    rendered: list[RenderedNotebook] = []
    for notebook in tqdm(notebooks_for(ids, notebooks_dir), desc="report", unit="notebook", disable=not progress):
        began = time.perf_counter()
        executed, error = _execute(notebook, parameters, kernel_name)
        write_text_atomic(out / "notebooks" / notebook.name, nbformat.writes(without_widgets(executed)))
        html_path = write_text_atomic(out / f"{notebook.stem}.html", render_notebook(executed))
        rendered.append(RenderedNotebook(notebook.stem, notebook_title(executed, notebook.stem), html_path, error,
                                         time.perf_counter() - began))
    summary = corpus_summary(out / "processed")
    index = write_text_atomic(
        out / "index.html",
        index_html(rendered, source_path, summary=summary, parameters=parameters,
                   seconds=time.perf_counter() - started),
    )
    failed = [r for r in rendered if r.error]
    if failed:
        raise ToolkitError("; ".join(f"{r.name}.ipynb failed at {r.error}" for r in failed))
    return index


@dataclass(frozen=True)
class CorpusSummary:
    """What the landing page says about the corpus, read from the tables the notebooks saved."""

    articles: int | None = None
    dated: int | None = None
    raw_lines: int | None = None
    dropped_lines: int | None = None
    top_entities: pd.DataFrame | None = None
    thumbnail_png: bytes | None = None
    tables: tuple[Path, ...] = ()


def _read(folder: Path, name: str) -> pd.DataFrame | None:
    try:
        return pd.read_parquet(folder / f"{name}.parquet")
    except (OSError, ValueError):
        return None


def corpus_summary(processed: Path) -> CorpusSummary:
    """Figures for the landing page from `processed/*.parquet`; a table that is missing leaves its figures out."""
    from toolkit.plots import timeline_thumbnail

    articles, counts, events = (_read(processed, name) for name in ("articles", "entity_counts", "events"))
    thumbnail = None
    if events is not None:
        buffer = io.BytesIO()
        timeline_thumbnail(events).savefig(buffer, format="png", dpi=100)
        thumbnail = buffer.getvalue()
    return CorpusSummary(
        articles=None if articles is None else len(articles),
        dated=None if articles is None else int(articles["published"].notna().sum()),
        raw_lines=None if articles is None else int(articles["n_raw_lines"].sum()),
        dropped_lines=None if articles is None else int(articles["n_dropped_lines"].sum()),
        top_entities=None if counts is None else counts.sort_values(
            ["articles", "mentions", "canonical"], ascending=[False, False, True]).head(10),
        thumbnail_png=thumbnail,
        tables=tuple(sorted(processed.glob("*.parquet"))),
    )


def _figures(summary: CorpusSummary) -> str:
    rows = []
    if summary.articles is not None:
        share = summary.dated / summary.articles if summary.articles else 0
        rows += [("articles", f"{summary.articles:,}"), ("dated", f"{summary.dated:,} ({share:.0%})"),
                 ("raw lines dropped", f"{summary.dropped_lines:,} of {summary.raw_lines:,}")]
    return "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)


def _entities(summary: CorpusSummary) -> str:
    if summary.top_entities is None or summary.top_entities.empty:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(str(r.canonical))}</td><td>{html.escape(str(r.label))}</td>"
        f"<td class='n'>{int(r.articles)}</td><td class='n'>{int(r.mentions)}</td></tr>"
        for r in summary.top_entities.itertuples(index=False)
    )
    return ("<h2>Top entities</h2><table><thead><tr><th>entity</th><th>label</th><th class='n'>articles</th>"
            f"<th class='n'>mentions</th></tr></thead><tbody>{rows}</tbody></table>")


def index_html(
    notebooks: list[RenderedNotebook],
    source: Path,
    *,
    summary: CorpusSummary | None = None,
    parameters: dict[str, str] | None = None,
    seconds: float | None = None,
) -> str:
    """The report's landing page: the corpus in figures, its top entities and a timeline thumbnail, one link
    per notebook (in order, with its status and run time), the Parquet tables, the parameters and the run time.
    No script, nothing fetched."""
    summary = summary or CorpusSummary()
    out = notebooks[0].html_path.parent if notebooks else Path(".")
    items = "\n".join(
        f'<li><a href="{html.escape(r.html_path.name)}">{html.escape(r.title)}</a>'
        + f' <span class="t">{r.seconds:.0f} s</span>'
        + (f' <span class="failed">failed at {html.escape(r.error)}</span>' if r.error else "")
        + "</li>"
        for r in notebooks
    )
    tables = "".join(
        f'<li><a href="{html.escape(os.path.relpath(p, out))}">{html.escape(p.name)}</a></li>' for p in summary.tables
    )
    thumbnail = (
        f'<img class="thumb" alt="dated events per month" src="data:image/png;base64,'
        f'{base64.b64encode(summary.thumbnail_png).decode()}">' if summary.thumbnail_png else ""
    )
    params = "".join(
        f"<tr><th>{html.escape(k)}</th><td><code>{html.escape(v)}</code></td></tr>"
        for k, v in (parameters or {}).items()
    )
    run_time = f"<p>Run time: {seconds:.0f} s.</p>" if seconds is not None else ""
    name = source.name or str(source)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Article corpus report: {html.escape(name)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5;padding:0 1rem}}
table{{border-collapse:collapse;margin:0.5rem 0}}th,td{{text-align:left;padding:2px 10px 2px 0;vertical-align:top}}
.n{{text-align:right}}.failed{{color:#b00}}.t{{color:#777;font-size:90%}}.thumb{{max-width:100%;border:1px solid #ddd}}
.cols{{display:flex;gap:2rem;flex-wrap:wrap}}</style></head>
<body><h1>Article corpus report</h1>
<p>Corpus: <code>{html.escape(name)}</code> (<code>{html.escape(str(source))}</code>).</p>
<div class="cols"><div><h2>In figures</h2><table>{_figures(summary)}</table>{_entities(summary)}</div>
<div><h2>Dated events</h2>{thumbnail or "<p>No timeline table.</p>"}</div></div>
<h2>Pages</h2>
<p>Each page is a notebook executed on this corpus.</p>
<ol>
{items}
</ol>
<h2>Tables (Parquet)</h2>
<ul>{tables or "<li>none</li>"}</ul>
<h2>Parameters</h2>
<table>{params}</table>
{run_time}
</body></html>
"""
