"""The corpus split into partitions of consecutive articles, each processed by the same pure per-article
functions on an executor: in this process (`InProcess`), in local worker processes (`local_executor`), or
on a Dask cluster (`toolkit.dask_backend`; this module imports no Dask).

A run is a plan (`plan_partitions`: sizes and result keys) and passes over it, each a map of a task over
the partitions followed by a reduction of what the tasks return:
1. line repetition counts per partition (`partition_line_counts`), summed on disk (`clean.LineTotals`): a
   reduction, no pairwise comparison; every partition then receives the counts of the few lines frequent
   enough to be boilerplate, so this process holds no per-line state however large the corpus;
2. per partition (`process_partition`): clean, ONE spaCy parse with the union of the components entities
   and timeline need, mentions and timexes per article, events, and partial entity counts; entity totals
   are a reduction of the partial counts (`combine_entity_counts`: articles are disjoint across partitions,
   so mentions and articles both add up); events never span articles, so only their corpus-wide order is
   made at the end.
A corpus-level step slots in the same way: a summary per partition, a reduction in this process, then an
apply step per partition (a task given the reduced result, as pass 2 is given the line counts) or on the
collected small tables. `run_partitions` collects the tables here; `toolkit.dataset.write_partitions` runs
the same passes with a task that writes each partition's tables to a folder, so no process holds them all.

The tables of each partition are cached (`toolkit.results`), keyed by the code, the settings, the model
and the partition's input, plus the whole corpus when cleaning, since repetition counts are corpus-wide.
Outputs are exactly those of the single-process path: partitions are contiguous and concatenated in order.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    # Languages the entity and timeline steps read (`articles.language`); others are listed in `skipped`.
    languages: tuple[str, ...] | None = None

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


def _ordered(executor: Executor, fn: Callable[..., Any], jobs: Iterable[tuple], window: int) -> Iterator[Any]:
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
    if config.languages and "language" in articles.columns:
        from toolkit.clean import language_filter

        articles, tables["skipped"] = language_filter(articles, keep_languages=config.languages)
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


def settings_fingerprint(config: StageConfig) -> str:
    """Hash of the code, the settings and the model that the tables of a run depend on."""
    from toolkit.nlp import model_signature

    model = model_signature(config.model, config.components) if config.components else ""
    payload = repr((
        code_fingerprint(), config.until, config.clean, sorted((config.aliases or {}).items()), model,
        sorted(config.clean_options.items()), sorted(config.entity_options.items()),
        sorted(config.timeline_options.items()), config.languages,
    ))
    return hashlib.sha256(payload.encode()).hexdigest()


# --- the plan of a run -----------------------------------------------------------------------------------


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


class ArticleChunks(Protocol):
    """A corpus read again on each pass, chunk by chunk, so that no process holds all its texts
    (`toolkit.corpus.CorpusStream`): its length, and one pass of chunks in corpus order."""

    def __len__(self) -> int: ...

    def chunks(self) -> Iterator[pd.DataFrame]: ...


# What a run takes: the articles table, or a corpus read chunk by chunk (each pass reads it again).
Articles = pd.DataFrame | ArticleChunks


def split(articles: Articles, sizes: Sequence[int]) -> Iterator[pd.DataFrame]:
    """Consecutive partitions of the given sizes, each with a fresh 0-based index, sliced one at a time
    (never all copied at once); from chunks, regrouped as they are read (one pass over them)."""
    if not isinstance(articles, pd.DataFrame):
        yield from _regroup(articles.chunks(), sizes)
        return
    bounds = [0, *itertools.accumulate(sizes)]
    for lo, hi in itertools.pairwise(bounds):
        yield articles.iloc[lo:hi].reset_index(drop=True)


def _regroup(chunks: Iterator[pd.DataFrame], sizes: Sequence[int]) -> Iterator[pd.DataFrame]:
    """The rows of `chunks` in partitions of `sizes`, holding at most one partition and one chunk; the
    chunks are read to their end (so that their source can check itself), and must add up to the sizes."""
    held: list[pd.DataFrame] = []
    n_held = 0
    for size in sizes:
        while n_held < size:
            chunk = next(chunks, None)
            if chunk is None:
                raise ValueError(f"the articles ended before the partitions ({sum(sizes)} articles planned)")
            held.append(chunk)
            n_held += len(chunk)
        joined = pd.concat(held, ignore_index=True) if len(held) > 1 else held[0]
        yield joined.iloc[:size].reset_index(drop=True)
        held = [joined.iloc[size:]] if n_held > size else []
        n_held -= size
    if n_held or any(len(chunk) for chunk in chunks):
        raise ValueError(f"more articles than the partitions ({sum(sizes)} articles planned)")


@dataclass(frozen=True)
class Plan:
    """The partitions of a run: their sizes, their result keys, and the fingerprints of the corpus (its
    articles as partitioned) and of the code and settings."""

    sizes: tuple[int, ...]
    keys: tuple[str, ...]
    corpus: str
    settings: str


def plan_partitions(articles: Articles, config: StageConfig, *, workers: int = 1,
                    partition_size: int | None = None, sizes: Sequence[int] | None = None) -> Plan:
    """Partition `articles` (`sizes` when given, else `partition_size` articles each, else shrinking
    towards the end for `workers`) and key each partition by the code, the settings, the model and its
    input (plus the whole corpus when cleaning, since line repetition counts are corpus-wide)."""
    if sizes is None:
        sizes = partition_sizes(len(articles), 1 if partition_size else max(1, workers),
                                largest=partition_size or DEFAULT_PARTITION_SIZE)  # fmt: skip
    sizes = list(sizes) or [0]  # no article: one empty partition, so that every table exists
    prints = [frame_fingerprint(part) for part in split(articles, sizes)]
    corpus = hashlib.sha256(repr((list(sizes), prints)).encode()).hexdigest()
    settings = settings_fingerprint(config)
    run_key = hashlib.sha256(f"{settings}{corpus if config.clean else ''}".encode()).hexdigest()
    keys = tuple(hashlib.sha256(f"{run_key}{p}".encode()).hexdigest() for p in prints)
    return Plan(sizes=tuple(sizes), keys=keys, corpus=corpus, settings=settings)


# --- the passes ------------------------------------------------------------------------------------------


def map_partitions(
    articles: Articles,
    config: StageConfig,
    plan: Plan,
    task: Callable[..., Any],
    todo: Sequence[int],
    *,
    executor: Executor,
    workers: int,
    extra: Callable[[int], tuple] = lambda index: (),
) -> Iterator[tuple[int, Any]]:
    """`task(partition, its line counts, config, *extra(index))` for each partition in `todo`, results in
    order. Pass 1 (when cleaning) counts lines over the whole corpus first: every partition's counts are
    corpus-wide, even when only a few partitions remain to be done."""
    if not todo:
        return
    window = 2 * max(1, workers)
    counts: Iterator[Any] = itertools.repeat(None)  # without cleaning: endless, hence zip(strict=False)
    if config.clean:
        from toolkit.clean import LineTotals

        texts = ((list(part["text"]),) for part in split(articles, plan.sizes))
        with LineTotals(config.clean_options) as totals:  # summed on disk: no per-line state in this process
            for part in _ordered(executor, partition_line_counts, texts, window):
                totals.add(part)
            counts = itertools.repeat(totals.frequent())  # the few lines at the floor, for every partition
    wanted = set(todo)
    jobs = (
        (part, part_counts, config, *extra(index))
        for index, (part, part_counts) in enumerate(zip(split(articles, plan.sizes), counts, strict=False))
        if index in wanted
    )  # fmt: skip
    yield from zip(sorted(wanted), _ordered(executor, task, jobs, window), strict=True)


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
    tables (`articles`, `lines`, `mentions`, `entity_counts`, `timexes`, `events`, as far as `config.until`)
    collected in this process. `toolkit.dataset.write_partitions` writes them to a folder instead."""
    executor = executor or InProcess()
    plan = plan_partitions(articles, config, workers=workers, partition_size=partition_size)
    cache = result_cache if config.cache else None
    results: list[dict[str, pd.DataFrame] | None] = [cache.get(key) if cache else None for key in plan.keys]
    todo = [i for i, found in enumerate(results) if found is None]
    with tqdm(total=len(articles), desc="processing", unit="article", disable=not progress, leave=False) as bar:
        bar.update(len(articles) - sum(plan.sizes[i] for i in todo))
        for i, tables in map_partitions(articles, config, plan, process_partition, todo, executor=executor,
                                        workers=workers):  # fmt: skip
            results[i] = tables
            if cache is not None:
                cache.put(plan.keys[i], tables)
            bar.update(plan.sizes[i])
    names = list(results[0]) if results else []
    return {name: _concat_tables(name, [r[name] for r in results if r is not None]) for name in names}
