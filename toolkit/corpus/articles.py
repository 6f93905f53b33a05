"""The `articles` table as the loader builds it: one record per article read, typed as DESIGN.md says."""

from __future__ import annotations

import pandas as pd

ARTICLE_COLUMNS = [
    "article_id", "path", "text", "title", "section", "dateline", "standfirst", "body", "published",
    "date_source", "source", "url", "n_raw_lines", "n_body_lines", "n_dropped_lines", "sha256",
]


def count_lines(text: str) -> int:
    """Lines of a text, a final line end not starting another."""
    return len(text.split("\n")) - (1 if text.endswith("\n") else 0)


def article_record(article_id: str, path: str, text: str, digest: str) -> dict:
    """One row of the `articles` table for a text just read: nothing cleaned, no date yet."""
    return {
        "article_id": article_id, "path": path, "text": text, "title": None, "section": None, "dateline": None,
        "standfirst": None, "body": None, "published": pd.NaT, "date_source": "none", "source": None,
        "url": None, "n_raw_lines": count_lines(text), "n_body_lines": pd.NA, "n_dropped_lines": pd.NA,
        "sha256": digest,
    }


def articles_frame(records: list[dict]) -> pd.DataFrame:
    """The records as an `articles` table with its column types (the same whatever the records hold)."""
    frame = pd.DataFrame(records, columns=ARTICLE_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")
    for column in ("n_raw_lines", "n_body_lines", "n_dropped_lines"):
        frame[column] = frame[column].astype("Int64")
    return frame


def summarise(articles: pd.DataFrame) -> pd.DataFrame:
    """One-column overview of a corpus: size, words, date coverage and sources, for a notebook or report."""
    words = articles["text"].fillna("").str.split().str.len()
    dated = articles["published"].dropna()
    rows = {
        "articles": len(articles),
        "words": int(words.sum()),
        "median words per article": int(words.median()) if len(words) else 0,
        "articles with a publication date": len(dated),
        "first publication date": dated.min().date().isoformat() if len(dated) else "none",
        "last publication date": dated.max().date().isoformat() if len(dated) else "none",
        "sources": ", ".join(
            f"{name} ({count})" for name, count in articles["source"].fillna("unknown").value_counts().items()
        ),
    }
    return pd.DataFrame({"value": [str(v) for v in rows.values()]}, index=pd.Index(list(rows), name="corpus"))
