"""The corpus split into partitions of consecutive articles, each processed by the same pure per-article
functions on an executor: in this process (`InProcess`), in local worker processes (`local_executor`), or
on a Dask cluster (`toolkit.dask_backend`; this module imports no Dask).

Two passes, both maps over partitions:
1. line repetition counts per partition (`clean.line_repetition_counts`), summed: a reduction, no pairwise
   comparison; each partition then receives only the counts of its own lines;
2. per partition: clean, ONE spaCy parse with the union of the components entities and timeline need,
   mentions and timexes per article, events, and partial entity counts; entity totals are a reduction of
   the partial counts (articles are disjoint across partitions, so mentions and articles both add up);
   events never span articles, so only their corpus-wide order is made at the end.

The tables of each partition are cached (`toolkit.results`), keyed by the code, the settings, the model
and the partition's input, plus the whole corpus when cleaning, since repetition counts are corpus-wide.
Outputs are exactly those of the single-process path: partitions are contiguous and concatenated in order.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd
from tqdm import tqdm

from toolkit.config import DEFAULT_PARTITION_SIZE
from toolkit.results import ResultCache, code_fingerprint, frame_fingerprint

ENTITY_COMPONENTS = ("ner", "senter")
SMALLEST_PARTITION = 25


@dataclass(frozen=True)
class StageConfig:
    """What a partition task needs besides its articles; picklable, sent to every worker."""

    until: str = "timeline"  # clean, entities or timeline
    clean: bool = True
    aliases: dict[str, str] | None = None
    model: str | None = None
    cache: bool = True
    cache_dir: str | None = None
    batch_size: int | None = None
    clean_options: dict[str, Any] = field(default_factory=dict)
    entity_options: dict[str, Any] = field(default_factory=dict)
    timeline_options: dict[str, Any] = field(default_factory=dict)

    @property
    def components(self) -> tuple[str, ...]:
        """The union of the components of the steps run: one parse serves them all."""
        if self.until == "clean":
            return ()
        names = set(ENTITY_COMPONENTS)
        if self.until == "timeline":
            from toolkit.timeline import COMPONENTS

            names.update(COMPONENTS)
        return tuple(sorted(names))


# --- executors -------------------------------------------------------------------------------------


class Executor(Protocol):
    """Anything with `submit(fn, *args) -> future` whose future has `.result()`: a process pool, a
    `dask.distributed.Client`, or `InProcess`."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any: ...


class InProcess:
    """Runs each task when its result is asked for, in this process (no pickling, no workers)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> _Deferred:
        return _Deferred(fn, args, kwargs)


class _Deferred:
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        self._call = (fn, args, kwargs)

    def result(self) -> Any:
        fn, args, kwargs = self._call
        return fn(*args, **kwargs)


def local_executor(n_process: int) -> ProcessPoolExecutor:
    """A pool of `n_process` fresh worker processes (spawned, so no lock or thread is inherited)."""
    import multiprocessing

    return ProcessPoolExecutor(max_workers=n_process, mp_context=multiprocessing.get_context("spawn"))


def _ordered(executor: Executor, fn: Callable[..., Any], jobs: Sequence[tuple], window: int) -> Iterator[Any]:
    """`fn(*job)` for every job, results in job order, at most `window` tasks in flight (bounded memory)."""
    pending: deque = deque()
    todo = iter(jobs)
    for job in todo:
        pending.append(executor.submit(fn, *job))
        if len(pending) >= window:
            break
    while pending:
        yield pending.popleft().result()
        job = next(todo, None)
        if job is not None:
            pending.append(executor.submit(fn, *job))


# --- the per-partition tasks (pure: they depend only on their arguments) -----------------------------------


def partition_line_counts(texts: list[str]) -> Any:
    """Pass 1: in how many of these articles each normalised line occurs (`clean.LineCounts`)."""
    from toolkit.clean import line_repetition_counts

    return line_repetition_counts(texts)


def restrict_counts(total: Any, part: Any) -> Any:
    """The corpus-wide counts of just the lines of one partition (what its articles look up)."""
    from toolkit.clean import LineCounts

    return LineCounts({key: total[key] for key in part}, n_articles=total.n_articles)


def process_partition(articles: pd.DataFrame, counts: Any, config: StageConfig) -> dict[str, pd.DataFrame]:
    """Pass 2 on consecutive articles: clean (with the corpus counts of their lines), parse once, then
    mentions, partial entity counts, timexes and events; the tables by name. Docs live only in this call."""
    tables: dict[str, pd.DataFrame] = {}
    if config.clean:
        from toolkit.clean import clean_corpus

        articles, lines = clean_corpus(articles, progress=False, corpus_line_counts=counts, **config.clean_options)
        tables.update(articles=articles, lines=lines)
    else:
        tables["articles"] = articles
    if config.until == "clean":
        return tables
    from toolkit import entities
    from toolkit.nlp import iter_parse

    bodies = ["" if not isinstance(body, str) else body for body in articles["body"]]
    ids = [str(article_id) for article_id in articles["article_id"]]
    # All the partition's Docs at once: its timexes are read together (their sentences tagged in one batch).
    docs = list(iter_parse(
        bodies, components=config.components, model=config.model, n_process=1, cache=config.cache,
        cache_dir=config.cache_dir, batch_size=config.batch_size, progress=False, chunk_size=len(bodies) or 1,
    ))  # fmt: skip
    # Options read once per partition, not per article.
    entity_options = entities.Options.build(config.entity_options)
    references = None
    if config.until == "timeline":
        from toolkit import timeline

        timeline_options = timeline.build_options(config.timeline_options)
        references = _timeline_inputs(articles, timeline_options)
    # The partition's lines in capitals are read again in one batch, cached with the Docs.
    mentions = entities.batch_mention_rows(
        docs, ids, bodies, entity_options, aliases=config.aliases, cache=config.cache, cache_dir=config.cache_dir
    )
    if references is not None:
        parsed = [(doc, article_id, *reference, body)
                  for doc, article_id, reference, body in zip(docs, ids, references, bodies, strict=True)]  # fmt: skip
        timexes = timeline.corpus_timex_rows(parsed, timeline_options, model=config.model)
    tables["mentions"] = entities.mentions_frame(mentions)  # typed once per partition, not per article
    tables["entity_counts"] = entities.count_entities(tables["mentions"])
    if config.until == "timeline":
        tables["timexes"] = timeline.timexes_frame(timexes)  # typed once per partition, not per article
        tables["events"] = timeline.extract_events(articles, tables["timexes"], tables["mentions"])
    return tables


def _timeline_inputs(articles: pd.DataFrame, opts: dict[str, Any]) -> list[tuple[Any, str]]:
    """(reference date, its source) per article, as `timeline.extract_timexes` chooses them."""
    from toolkit import timeline

    refs = timeline.reference_dates(articles, body_date_chars=opts["body_date_chars"])
    return [
        (None if pd.isna(ref) else ref, source)
        for ref, source in zip(refs["reference"], refs["reference_source"], strict=True)
    ]


# --- reductions -----------------------------------------------------------------------------------------


def sum_line_counts(parts: Sequence[Any]) -> Any:
    """Line repetition counts of the whole corpus from those of its partitions."""
    from toolkit.clean import LineCounts

    total = LineCounts()
    for part in parts:
        total.update(part)
        total.n_articles += part.n_articles
    return total


def combine_entity_counts(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """`entity_counts` of the corpus from those of disjoint sets of articles: mentions and articles add up;
    sorted as `entities.count_entities` sorts them."""
    from toolkit.entities import COUNT_COLUMNS, count_entities

    parts = [part for part in parts if not part.empty]
    if not parts:
        return count_entities(pd.DataFrame(columns=["article_id", "canonical", "label"]))
    if len(parts) == 1:
        return parts[0].reset_index(drop=True)
    summed = pd.concat(parts, ignore_index=True).groupby(["canonical", "label"], sort=False)[["mentions", "articles"]]
    counts = summed.sum().reset_index()
    counts = counts.sort_values(["mentions", "canonical", "label"], ascending=[False, True, True], kind="stable")
    return counts[COUNT_COLUMNS].astype({"mentions": "int64", "articles": "int64"}).reset_index(drop=True)


def _concat_tables(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One table of the corpus from those of its partitions, in order."""
    if name == "entity_counts":
        return combine_entity_counts(frames)
    if name in ("timexes", "events"):
        from toolkit import timeline

        return timeline.concat_timexes(frames) if name == "timexes" else timeline.concat_events(frames)
    non_empty = [frame for frame in frames if not frame.empty]
    if name in ("articles", "lines") or not non_empty:
        return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    return pd.concat(non_empty, ignore_index=True)


# --- cache keys ------------------------------------------------------------------------------------------


def _config_fingerprint(config: StageConfig) -> str:
    from toolkit.nlp import model_signature

    model = model_signature(config.model, config.components) if config.components else ""
    payload = repr((
        config.until, config.clean, sorted((config.aliases or {}).items()), model,
        sorted(config.clean_options.items()), sorted(config.entity_options.items()),
        sorted(config.timeline_options.items()),
    ))
    return hashlib.sha256(payload.encode()).hexdigest()


def _partition_keys(parts: Sequence[pd.DataFrame], config: StageConfig) -> list[str]:
    """The result cache key of each partition: the code, the settings, the model and its input (plus the
    whole corpus when cleaning, since line repetition counts are corpus-wide)."""
    prints = [frame_fingerprint(part) for part in parts]
    corpus = hashlib.sha256("".join(prints).encode()).hexdigest() if config.clean else ""
    run_key = hashlib.sha256(f"{code_fingerprint()}{_config_fingerprint(config)}{corpus}".encode()).hexdigest()
    return [hashlib.sha256(f"{run_key}{p}".encode()).hexdigest() for p in prints]


# --- the whole run ------------------------------------------------------------------------------------------


def partition_sizes(n_articles: int, workers: int, *, largest: int = DEFAULT_PARTITION_SIZE,
                    smallest: int = SMALLEST_PARTITION) -> list[int]:
    """Sizes of consecutive partitions: `largest` articles while much work remains, then shrinking with
    what is left (a quarter of it per partition for two workers, down to `smallest`), so that the workers
    finish within a small partition of each other instead of one idling while another ends a big one."""
    largest = max(1, largest)
    if workers <= 1:
        return [min(largest, n_articles - start) for start in range(0, n_articles, largest)]
    sizes: list[int] = []
    remaining = n_articles
    while remaining > 0:
        size = min(remaining, largest, max(smallest, -(-remaining // (2 * workers))))
        sizes.append(size)
        remaining -= size
    return sizes


def split(articles: pd.DataFrame, sizes: Sequence[int]) -> list[pd.DataFrame]:
    """Consecutive partitions of the given sizes, each with a fresh 0-based index."""
    bounds = [0, *itertools.accumulate(sizes)]
    return [articles.iloc[lo:hi].reset_index(drop=True) for lo, hi in itertools.pairwise(bounds)] or [articles]


def run_partitions(
    articles: pd.DataFrame,
    config: StageConfig,
    *,
    executor: Executor | None = None,
    workers: int = 1,
    partition_size: int | None = None,
    result_cache: ResultCache | None = None,
    progress: bool = True,
) -> dict[str, pd.DataFrame]:
    """Run the steps of `config` over `articles` (the loaded table; with `config.clean=False`, bodies
    already set) partition by partition on `executor`, which runs `workers` tasks at once; return the
    tables (`articles`, `lines`, `mentions`, `entity_counts`, `timexes`, `events`, as far as `config.until`)."""
    executor = executor or InProcess()
    workers = max(1, workers)
    if partition_size:
        sizes = partition_sizes(len(articles), 1, largest=partition_size)
    else:
        sizes = partition_sizes(len(articles), workers)
    parts = split(articles, sizes)
    keys = _partition_keys(parts, config)
    results: list[dict[str, pd.DataFrame] | None] = [None] * len(parts)
    if config.cache and result_cache is not None:
        results = [result_cache.get(key) for key in keys]
    todo = [i for i, found in enumerate(results) if found is None]
    bar = tqdm(total=len(articles), desc="processing", unit="article", disable=not progress, leave=False)
    bar.update(sum(len(parts[i]) for i in range(len(parts)) if results[i] is not None))
    try:
        if todo:
            window = 2 * workers
            counts: list[Any] = [None] * len(parts)
            if config.clean:
                texts = [(list(part["text"]),) for part in parts]
                part_counts = list(_ordered(executor, partition_line_counts, texts, window))
                total = sum_line_counts(part_counts)
                counts = [restrict_counts(total, part) for part in part_counts]
            jobs = [(parts[i], counts[i], config) for i in todo]
            for i, tables in zip(todo, _ordered(executor, process_partition, jobs, window), strict=True):
                results[i] = tables
                if config.cache and result_cache is not None:
                    result_cache.put(keys[i], tables)
                bar.update(len(parts[i]))
    finally:
        bar.close()
    names = list(results[0]) if results else []
    return {name: _concat_tables(name, [r[name] for r in results if r is not None]) for name in names}
