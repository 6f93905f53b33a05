"""Reading the result: one article's lines as HTML, and the tables written to disk."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.clean import clean_article, render_lines_html, save_tables

from ..conftest import SEED_ID


def test_render_and_save(seed_text: str, tmp_path: Path) -> None:
    fields, lines = clean_article(seed_text + "\n<script>x</script>", article_id=SEED_ID)
    html = render_lines_html(lines)
    assert "line-through" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert html.count("<tr><td") == len(lines[lines["kind"] != "blank"])
    articles = pd.DataFrame(
        [{"article_id": SEED_ID, **{k: v for k, v in fields.items() if k != "dateline_date"}}]
    )
    paths = save_tables(articles, lines, tmp_path / "processed")
    assert [p.name for p in paths] == ["articles.parquet", "lines.parquet"]
    assert not list((tmp_path / "processed").glob(".*.tmp"))
    pd.testing.assert_frame_equal(pd.read_parquet(paths[1]), lines)
