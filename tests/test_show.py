"""Notebook outputs for readers: interactive tables stable from run to run, long texts folded, committed
notebooks without the tables' library or widget state."""

from __future__ import annotations

import nbformat
import pandas as pd
from nbformat.v4 import new_code_cell, new_notebook, new_output

from toolkit import show


def test_the_same_table_gives_the_same_html_and_another_table_another_id():
    frame = pd.DataFrame({"name": ["a", "b"], "n": [1, 2], "day": pd.to_datetime(["2020-01-01", "2020-01-02"])})
    first, again = show.table(frame).data, show.table(frame.copy()).data
    assert first == again
    assert show.table(frame.assign(n=[1, 3])).data != first
    assert "cdn" not in first and "<script src" not in first  # offline: the library comes from the page
    assert "dt-nowrap" in first and "dt-left" in first


def test_collapsed_shows_the_head_and_folds_the_rest():
    text = "\n".join(f"line {i} <b>" for i in range(40))
    html = show.collapsed(text, summary="raw", head=5).data
    head, rest = html.split("<details>")
    assert "line 4 &lt;b&gt;" in head and "line 5 " not in head
    assert "show the other 35 lines" in rest and "line 39" in rest
    assert "<details>" not in show.collapsed("short", summary="s").data


def test_strip_bundles_drops_the_library_and_widgets_but_keeps_results(tmp_path):
    book = new_notebook()
    book.metadata["widgets"] = {"state": {}}
    book.cells = [
        new_code_cell("interactive_tables()", outputs=[
            new_output("display_data", data={"text/html": "<script>… the library …</script>"})]),
        new_code_cell("table(frame)", outputs=[
            new_output("display_data", data={"text/html": "<table>… from the init_notebook_mode cell …</table>"})]),
        new_code_cell("widget", outputs=[new_output("display_data", data={
            "text/plain": "VBox()", "application/vnd.jupyter.widget-view+json": {"model_id": "x"}})]),
        new_code_cell("1 + 1", outputs=[new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]),
    ]
    path = tmp_path / "nb.ipynb"
    nbformat.write(book, str(path))
    assert show.strip_bundles(path)
    stripped = nbformat.read(path, as_version=4)
    assert "widgets" not in stripped.metadata
    assert [len(cell.outputs) for cell in stripped.cells] == [0, 1, 0, 1]
    assert not show.strip_bundles(path)
