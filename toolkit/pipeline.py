"""The steps chained as the CLI, the report and the benchmarks run them: load, clean, entities, timeline.

Each step returns tidy tables; `run` collects them by name (`articles`, `lines`, `problems`,
`mentions`, `entity_counts`, `timexes`, `events`) and `save_tables` writes them atomically as Parquet;
`run_to_folder` (what the CLI runs) writes them partition by partition instead (`toolkit.dataset`).
`run` processes the corpus in partitions (`toolkit.runner`): in this process, in local worker processes,
or on a Dask cluster (`toolkit.dask_backend`), with the same tables in every case.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.config import cache_dir, settings
from toolkit.corpus import load_corpus, stream_corpus
from toolkit.errors import ToolkitError
from toolkit.io import safe_file_name, write_parquet_atomic, write_text_atomic

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
    aliases: str | os.PathLike[str] | Mapping[str, str] | None = None,
    model: str | None = None,
    n_process: int | None = None,
    progress: bool = True,
    cache: bool = True,
    client: Any = None,
    partition_size: int | None = None,
    **load_options: Any,
) -> dict[str, pd.DataFrame]:
    """Run the steps up to `until` (`clean`, `entities` or `timeline`) on `source`; return every table.

    The corpus is processed in partitions of consecutive articles (see `toolkit.runner`): in this
    process when `n_process` is 1 or the corpus is small, else in `n_process` local worker processes
    (default: one per core), or on a Dask cluster when `client` (a `dask.distributed.Client`) is given.
    Partitions hold up to 250 articles and shrink towards the end so that the workers finish together;
    `partition_size` fixes their length instead.
    One spaCy parse serves entities and timeline. With `cache`, parsed Docs and each partition's tables
    are cached on disk, so a re-run reads them back. The tables are the same whichever way it runs.
    For corpora bigger than memory, `run_to_folder` writes the tables partition by partition instead."""
    from toolkit.runner import run_partitions

    problems, articles, config = _prepare(source, until=until, clean=clean, aliases=aliases, model=model,
                                          cache=cache, progress=progress, load_options=load_options)  # fmt: skip
    if client is not None:
        from toolkit.dask_backend import run_on_cluster

        tables = run_on_cluster(articles, config, client, partition_size=partition_size, progress=progress,
                                result_cache=_result_cache(config))  # fmt: skip
    else:
        tables = _locally(run_partitions, articles, config, n_process=n_process, partition_size=partition_size,
                          progress=progress)  # fmt: skip
    from toolkit.corpus_level import finish_tables

    return {"problems": problems, **finish_tables(tables)}


def run_to_folder(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    until: str = "timeline",
    clean: bool = True,
    aliases: str | os.PathLike[str] | Mapping[str, str] | None = None,
    model: str | None = None,
    n_process: int | None = None,
    progress: bool = True,
    cache: bool = True,
    client: Any = None,
    partition_size: int | None = None,
    resume: bool | None = None,
    **load_options: Any,
) -> dict[str, Any]:
    """`run`, with the tables written into `out_dir` partition by partition by whoever processed each
    partition (`toolkit.dataset`: `OUT/mentions.parquet/part-00000.parquet`, ..., `OUT/entity_counts.parquet`,
    `OUT/problems.parquet`, `OUT/manifest.json`), so that no process holds a whole table; return the
    manifest. A folder holding part of a run of the same corpus and settings is resumed (`resume=None`);
    `resume=True` insists on it, `resume=False` starts over."""
    from toolkit.dataset import write_partitions

    problems, articles, config = _prepare(source, until=until, clean=clean, aliases=aliases, model=model,
                                          cache=cache, progress=progress, load_options=load_options,
                                          streamed=True)  # fmt: skip
    options = {"partition_size": partition_size, "progress": progress, "resume": resume,
               "whole": {"problems": problems}}  # fmt: skip
    if client is not None:
        from toolkit.dask_backend import write_on_cluster

        return write_on_cluster(articles, config, client, out_dir, result_cache=_result_cache(config), **options)
    return _locally(write_partitions, articles, config, out_dir, n_process=n_process, **options)


def _prepare(
    source: str | os.PathLike[str], *, until: str, clean: bool, aliases: Any, model: str | None, cache: bool,
    progress: bool, load_options: dict[str, Any], streamed: bool = False,
) -> tuple[pd.DataFrame, Any, Any]:  # fmt: skip
    """The loaded corpus (its `problems` and the articles the steps start from) and the runner's settings.
    `streamed`: the articles as a `CorpusStream`, read from the source again on each pass of the run, so
    that this process never holds all the raw texts (the source is read once here to check it)."""
    from toolkit.runner import StageConfig

    if until not in STEPS:
        raise ValueError(f"until must be one of {', '.join(STEPS)}")
    if streamed:
        stream = stream_corpus(source, progress=progress, **load_options)
        problems = stream.problems  # the first pass: it counts, checks and warns as load_corpus does
        articles: Any = stream if clean else stream.map(use_text_as_body)
        if until != "clean":
            articles = articles.map(_check_bodies)
    else:
        corpus = load_corpus(source, progress=progress, **load_options)
        problems = corpus.problems
        articles = corpus.articles if clean else use_text_as_body(corpus.articles)
        if until != "clean":
            _check_bodies(articles)
    if aliases is not None and not isinstance(aliases, Mapping):
        from toolkit.entities import load_aliases

        aliases = load_aliases(aliases)
    config = StageConfig(
        until=until, clean=clean, aliases=dict(aliases) if aliases else None, model=model, cache=cache,
        cache_dir=str(cache_dir()), languages=tuple(settings("nlp")["languages"]) or None,
    )
    return problems, articles, config


def _locally(function: Any, articles: Any, config: Any, *args: Any, n_process: int | None,
             partition_size: int | None, **options: Any) -> Any:  # fmt: skip
    """`function(articles, config, *args, ...)` (a runner of partitions) in this process, or on a pool of
    local worker processes when the corpus is big enough or `n_process` asks for them."""
    from toolkit.nlp import default_n_process
    from toolkit.runner import InProcess, local_executor

    workers = n_process if n_process and n_process > 0 else default_n_process(len(articles))
    if partition_size:
        workers = min(workers, -(-len(articles) // partition_size))
    options = {"partition_size": partition_size, "result_cache": _result_cache(config), **options}
    if workers <= 1:
        return function(articles, config, *args, executor=InProcess(), **options)
    from concurrent.futures.process import BrokenProcessPool

    try:
        with local_executor(workers) as pool:
            return function(articles, config, *args, executor=pool, workers=workers, **options)
    except BrokenProcessPool:
        raise ToolkitError(
            "a worker process died (out of memory? in a script, call toolkit under "
            "`if __name__ == '__main__':`), or pass n_process=1"
        ) from None


def _result_cache(config: Any) -> Any:
    from toolkit.results import ResultCache

    return ResultCache() if config.cache else None


def _check_bodies(articles: pd.DataFrame) -> pd.DataFrame:
    """`articles`, checked: entities and timeline need a text for every article (cleaning gives one; so
    does `clean=False`)."""
    missing = articles["text"].isna()
    if missing.any():
        raise ToolkitError(f"article {articles.loc[missing, 'article_id'].iloc[0]}: no text")
    return articles


def save_tables(tables: dict[str, pd.DataFrame], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write each table as `out_dir/<name>.parquet`, atomically; return the paths written."""
    out = Path(out_dir)
    return [write_parquet_atomic(table, out / f"{name}.parquet") for name, table in tables.items()]


def save_bodies(articles: pd.DataFrame, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write each clean body as `out_dir/<article_id>.txt`, atomically. Every id is checked as a file name
    first, so an id that would leave the folder refuses the whole batch before anything is written."""
    out = Path(out_dir)
    names = [safe_file_name(article_id) for article_id in articles["article_id"]]
    return [write_text_atomic(out / name, body or "") for name, body in zip(names, articles["body"], strict=True)]


def save_bodies_of_folder(out_dir: str | os.PathLike[str], bodies_dir: str | os.PathLike[str]) -> int:
    """Write each clean body of a folder written by `run_to_folder` as `bodies_dir/<article_id>.txt`,
    one partition at a time; return how many were written."""
    parts = sorted((Path(out_dir) / "articles.parquet").glob("part-*.parquet"))
    return sum(len(save_bodies(pd.read_parquet(part, columns=["article_id", "body"]), bodies_dir)) for part in parts)
