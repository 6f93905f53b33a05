"""Outputs a reader can use in a notebook and in its HTML report: long tables searchable, sortable and paged
(itables, offline: its library is embedded, nothing is fetched), long texts collapsed.

The itables library is about 1 MB: `interactive_tables()` puts it in the notebook once, and
`strip_bundles()` removes it (and widget state) from a committed notebook, where nbval ignores that cell."""

from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path

import nbformat
import pandas as pd
from IPython.display import HTML

_WIDGET = "application/vnd.jupyter.widget-view+json"
_MAX_BYTES = 2**18  # past this a table is shown downsampled, and itables says so above it


def interactive_tables() -> None:
    """Load itables in offline mode (its library embedded in the output, nothing fetched) without turning
    every DataFrame interactive: only those shown with `table()` are."""
    from itables import init_notebook_mode

    init_notebook_mode(all_interactive=False, connected=False)


def table(frame: pd.DataFrame, *, caption: str | None = None, page: int = 10, index: bool = False) -> HTML:
    """`frame` as a searchable, sortable, paged table. The element id is a hash of the content, so the same
    table gives the same output on every run (nbval compares them)."""
    from itables import to_html_datatable

    shown = frame if index else frame.reset_index(drop=True)
    digest = hashlib.sha256(pd.util.hash_pandas_object(shown.astype(str), index=index).to_numpy().tobytes())
    digest.update(str(list(shown.columns)).encode())
    table_id = "t" + digest.hexdigest()[:12]
    # text left-aligned under a left-aligned header (numbers and dates stay right-aligned, headers included)
    text_columns = [i for i, column in enumerate(shown.columns) if shown[column].dtype == object]
    date_columns = [i for i, column in enumerate(shown.columns) if pd.api.types.is_datetime64_any_dtype(shown[column])]
    # a date never wraps at its hyphens (2012-06-/22)
    return HTML(
        "<style>td.dt-nowrap,th.dt-nowrap{white-space:nowrap}</style>"
        + to_html_datatable(
            shown, caption=caption, table_id=table_id, connected=False, pageLength=page, maxBytes=_MAX_BYTES,
            showIndex=index, classes="display compact tex2jax_ignore",
            columnDefs=[
                {"className": "dt-left", "targets": text_columns},
                {"className": "dt-nowrap", "targets": date_columns},
            ],
        )
    )


def collapsed(text: str, *, summary: str, head: int = 12) -> HTML:
    """A long text as its first `head` lines, the rest behind a "show all" fold (a plain HTML <details>)."""
    lines = text.splitlines()
    first = html.escape("\n".join(lines[:head]))
    rest = html.escape("\n".join(lines[head:]))
    pre = '<pre style="white-space:pre-wrap;margin:0.3em 0">'
    more = (
        f"<details><summary>show the other {len(lines) - head} lines</summary>{pre}{rest}</pre></details>"
        if len(lines) > head else ""
    )
    return HTML(f'<div class="tex2jax_ignore"><p><b>{html.escape(summary)}</b></p>{pre}{first}</pre>{more}</div>')


def fold(content: str, *, summary: str, open_: bool = False) -> HTML:
    """Any HTML behind a fold, closed unless `open_`."""
    state = " open" if open_ else ""
    return HTML(f"<details{state}><summary>{html.escape(summary)}</summary>{content}</details>")




def strip_bundles(path: str | os.PathLike[str]) -> bool:
    """Drop the output of the `interactive_tables()` cell (the itables library; nbval ignores that cell),
    widget views and widget state from a notebook file. A committed notebook keeps its tables and plots;
    running it brings the rest back. True when it changed."""
    notebook = nbformat.read(Path(path), as_version=4)
    changed = notebook.metadata.pop("widgets", None) is not None
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        bundle = f"{interactive_tables.__name__}(" in cell.source
        kept = [output for output in cell.get("outputs", []) if not bundle and _WIDGET not in output.get("data", {})]
        if len(kept) != len(cell.get("outputs", [])):
            cell.outputs = kept
            changed = True
    if changed:
        nbformat.write(notebook, str(path))
    return changed


def scrolled(content: str, *, height: str = "30em") -> HTML:
    """Any HTML in a box of at most `height`, scrolled inside: a long article stays one screen tall."""
    return HTML(f'<div style="max-height:{height};overflow:auto;border:1px solid #ddd;padding:4px">{content}</div>')


if __name__ == "__main__":  # python -m toolkit.show NOTEBOOK...: strip committed notebooks (see `make notebooks`)
    import sys

    for name in sys.argv[1:]:
        print(f"{name}: {'stripped' if strip_bundles(name) else 'nothing to strip'}")
