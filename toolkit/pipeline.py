"""The steps chained as the CLI, the report and the benchmarks run them: load, clean, entities, timeline.

Each step returns tidy tables; `run` collects them by name (`articles`, `lines`, `problems`,
`mentions`, `entity_counts`, `timexes`, `events`) and `save_tables` writes them atomically as Parquet.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from toolkit.corpus import load_corpus
from toolkit.io import write_parquet_atomic, write_text_atomic

STEPS = ("clean", "entities", "timeline")


def use_text_as_body(articles: pd.DataFrame) -> pd.DataFrame:
    """Take each raw text as an already clean body, unchanged, so offsets match the text given."""
    articles = articles.copy()
    articles["body"] = articles["text"]
    articles["n_body_lines"] = articles["n_raw_lines"]
    articles["n_dropped_lines"] = 0
    return articles


def run(
    source: str | os.PathLike[str],
    *,
    until: str = "timeline",
    clean: bool = True,
    aliases: str | os.PathLike[str] | None = None,
    model: str | None = None,
    n_process: int | None = None,
    progress: bool = True,
    **load_options,
) -> dict[str, pd.DataFrame]:
    """Run the steps up to `until` (`clean`, `entities` or `timeline`) on `source`; return every table."""
    if until not in STEPS:
        raise ValueError(f"until must be one of {', '.join(STEPS)}")
    corpus = load_corpus(source, progress=progress, **load_options)
    tables: dict[str, pd.DataFrame] = {"problems": corpus.problems}
    if clean:
        from toolkit.clean import clean_corpus

        tables["articles"], tables["lines"] = clean_corpus(corpus.articles, progress=progress)
    else:
        tables["articles"] = use_text_as_body(corpus.articles)
    if until == "clean":
        return tables
    from toolkit.entities import count_entities, extract_mentions, load_aliases

    alias_table = load_aliases(aliases) if aliases else None
    tables["mentions"] = extract_mentions(
        tables["articles"], aliases=alias_table, model=model, n_process=n_process, progress=progress
    )
    tables["entity_counts"] = count_entities(tables["mentions"])
    if until == "entities":
        return tables
    from toolkit.timeline import extract_events, extract_timexes

    tables["timexes"] = extract_timexes(tables["articles"], model=model, n_process=n_process, progress=progress)
    tables["events"] = extract_events(tables["articles"], tables["timexes"], tables["mentions"])
    return tables


def save_tables(tables: dict[str, pd.DataFrame], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write each table as `out_dir/<name>.parquet`, atomically; return the paths written."""
    out = Path(out_dir)
    return [write_parquet_atomic(table, out / f"{name}.parquet") for name, table in tables.items()]


def save_bodies(articles: pd.DataFrame, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write each clean body as `out_dir/<article_id>.txt`, atomically."""
    out = Path(out_dir)
    return [
        write_text_atomic(out / f"{article_id}.txt", body or "")
        for article_id, body in zip(articles["article_id"], articles["body"], strict=True)
    ]
