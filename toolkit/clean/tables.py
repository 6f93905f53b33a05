"""Cleaning a corpus: the loader's `articles` table filled in and the `lines` table, what one option does
to them over a range of values, and both written to disk."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

from toolkit.clean.article import clean_article_columns, lines_frame
from toolkit.clean.language import article_languages
from toolkit.clean.lines import DROPPED_KINDS, LINE_COLUMNS, raw_lines
from toolkit.clean.options import options
from toolkit.clean.repetition import LineCounts, line_repetition_counts

_FILLED = ("section", "title", "dateline", "standfirst", "body", "n_body_lines", "n_dropped_lines")


def clean_corpus(
    articles: pd.DataFrame,
    *,
    progress: bool = True,
    corpus_line_counts: LineCounts | None = None,
    **overrides: Any,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean every article of the loader's `articles` table; return it filled in and the `lines` table.

    Repetition is counted over this table unless `corpus_line_counts` (e.g. summed over partitions) is
    given. A title from metadata is kept; a detected one fills a missing title. An article without a
    metadata date gets the full date of its dateline as `published` (`date_source="inferred"`). Every
    article gets its `language` (`en`, `de`..., None when too short to judge; see `language_filter`).
    """
    opts = options(**overrides)  # read once; fails early on a misspelt option
    if "text" not in articles.columns:
        from toolkit.errors import ToolkitError

        raise ToolkitError("articles table has no 'text' column (use toolkit.corpus.load_corpus)")
    counts = corpus_line_counts if corpus_line_counts is not None else line_repetition_counts(articles)
    out = articles.copy()
    line_columns: dict[str, list[Any]] = {name: [] for name in LINE_COLUMNS}
    results: dict[str, list[Any]] = {name: [] for name in (*_FILLED, "dateline_date")}
    has_title = "title" in out.columns
    rows = zip(out["article_id"], out["text"], out["title"] if has_title else [None] * len(out), strict=True)
    for article_id, text, known_title in tqdm(
        rows, total=len(out), desc="cleaning", unit="article", disable=not progress
    ):
        known = known_title if isinstance(known_title, str) and known_title.strip() else None
        fields, columns = clean_article_columns(
            text if isinstance(text, str) else "",
            article_id=str(article_id),
            corpus_line_counts=counts,
            n_articles=None,
            title=known,
            opts=opts,
        )
        if known:
            fields["title"] = known
        for name in results:
            results[name].append(fields[name])
        for name, values in columns.items():
            line_columns[name].extend(values)
    for name in _FILLED:
        out[name] = pd.Series(results[name], index=out.index, dtype=object)
    for name in ("n_body_lines", "n_dropped_lines"):
        out[name] = out[name].astype("Int64")
    if "n_raw_lines" not in out.columns:
        out["n_raw_lines"] = [len(raw_lines(t if isinstance(t, str) else "")) for t in out["text"]]
    inferred = pd.to_datetime(pd.Series(results["dateline_date"], index=out.index, dtype=object)).astype(
        "datetime64[ns]"
    )
    if "published" not in out.columns:
        out["published"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    if "date_source" not in out.columns:
        out["date_source"] = "none"
    fill = out["published"].isna() & inferred.notna()
    out.loc[fill, "published"] = inferred[fill]
    out.loc[fill, "date_source"] = "inferred"
    out["language"] = article_languages(out, opts)
    return out, lines_frame(line_columns)


def threshold_sweep(articles: pd.DataFrame, option: str, values: Iterable[Any], **overrides: Any) -> pd.DataFrame:
    """Clean `articles` once per value of one option; count body and dropped lines for each value.

    Returns `value, body_lines, dropped_lines, articles_changed` (articles whose body differs from the
    body with the default settings), to see what a threshold does before changing it."""
    counts = line_repetition_counts(articles)
    base, _ = clean_corpus(articles, progress=False, corpus_line_counts=counts, **overrides)
    rows = []
    for value in values:
        cleaned, lines = clean_corpus(
            articles, progress=False, corpus_line_counts=counts, **{**overrides, option: value}
        )
        rows.append(
            {
                "value": value,
                "body_lines": int((lines["kind"] == "body").sum()),
                "dropped_lines": int(lines["kind"].isin(DROPPED_KINDS).sum()),
                "articles_changed": int((cleaned["body"] != base["body"]).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["value", "body_lines", "dropped_lines", "articles_changed"])


def save_tables(articles: pd.DataFrame, lines: pd.DataFrame, processed_dir: str | Path) -> list[Path]:
    """Write `articles.parquet` and `lines.parquet` under `processed_dir`, each atomically."""
    from toolkit.io import write_parquet_atomic

    folder = Path(processed_dir)
    return [
        write_parquet_atomic(articles, folder / "articles.parquet"),
        write_parquet_atomic(lines, folder / "lines.parquet"),
    ]
