"""Checks of the `articles` table that the entity and timeline functions are given from Python: a table
that was never cleaned, or dates that are not dates, is the toolkit's own one-line error naming the
column (and the article), not an empty result or a pandas traceback."""

from __future__ import annotations

import pandas as pd

from toolkit.errors import ToolkitError


def require_text(articles: pd.DataFrame, column: str) -> None:
    """`articles` has `article_id` and `column`, and `column` holds text in at least one row. A `body`
    column that is empty in every row means the corpus was not cleaned."""
    for name in ("article_id", column):
        if name not in articles.columns:
            raise ToolkitError(f"articles table has no column {name!r} (has {', '.join(map(str, articles.columns))})")
    values = articles[column]
    not_text = values.map(lambda value: not isinstance(value, str) and not pd.isna(value))
    if not_text.any():
        first = articles.loc[not_text, "article_id"].iloc[0]
        kind = type(values[not_text].iloc[0]).__name__
        raise ToolkitError(f"column {column!r}, article {first}: holds {kind}, not text")
    if len(articles) and values.isna().all():
        hint = " (clean the corpus first: toolkit.clean.clean_corpus, or pass text_column='text')"
        raise ToolkitError(f"column {column!r} is empty in every article{hint if column == 'body' else ''}")


def require_dates(articles: pd.DataFrame, column: str = "published") -> None:
    """`column`, when present, holds dates: datetimes, or values pandas reads as dates (ISO strings)."""
    if column not in articles.columns or pd.api.types.is_datetime64_any_dtype(articles[column]):
        return
    for article_id, value in zip(articles["article_id"], articles[column], strict=True):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        try:
            pd.Timestamp(value)
        except (TypeError, ValueError):
            raise ToolkitError(f"column {column!r}, article {article_id}: {value!r} is not a date") from None
