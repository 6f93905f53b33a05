"""An output folder written partition by partition, so that no process ever holds a whole table:

    OUT/articles.parquet/part-00000.parquet ...  the tables that grow with the corpus: folders named as
    OUT/lines.parquet/ OUT/mentions.parquet/     the single files were, one part per partition, written
    OUT/timexes.parquet/ OUT/events.parquet/     (atomically) by whoever processed the partition: a worker
                                          process, a Dask worker, or this process;
    OUT/entity_counts.parquet             counted over the mention parts after the corpus-level steps
    OUT/corpus_names.parquet ...          (`toolkit.corpus_level`), as are the corpus names and story events;
    OUT/problems.parquet                  the files the loader skipped;
    OUT/_summaries/names/...              each partition's name summary, kept so that a resumed run can
                                          reduce them again;
    OUT/manifest.json                     the run (plain JSON): fingerprints of the corpus and of the code
                                          and settings, partition sizes, and per finished partition the
                                          rows and sha256 of each file it wrote.

Every Parquet reader takes a folder of parts as one table, so `pandas.read_parquet("OUT/mentions.parquet")`
reads the same path as before the tables were partitioned (so do `pyarrow.dataset`, DuckDB's
`read_parquet('OUT/mentions.parquet/*.parquet')` and `toolkit.tables.open`). Parts are in corpus order;
`events` parts are each in date order (`EVENT_ORDER` sorts them as `run` does).

A run into a folder whose manifest records the same corpus and settings resumes: the partitions it lists,
whose files are intact, are not computed again. The per-partition structure is the runner's: a task per
partition (`write_partition`) writes its tables and returns a small summary; reductions (`REDUCTIONS`)
combine the summaries into corpus-level tables.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from toolkit.corpus_level import CORPUS_TABLES
from toolkit.errors import ToolkitError
from toolkit.io import write_atomic, write_parquet_atomic, write_text_atomic
from toolkit.results import ResultCache
from toolkit.runner import (
    Articles,
    Executor,
    InProcess,
    Plan,
    StageConfig,
    map_partitions,
    plan_partitions,
    process_partition,
)

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
SUMMARIES = "_summaries"
PARTITIONED = ("articles", "lines", "skipped", "mentions", "timexes", "events")
# Corpus-level tables reduced from per-partition summaries: name -> function of the list of summaries.
REDUCTIONS: dict[str, Callable[[list[pd.DataFrame]], pd.DataFrame]] = {
    "names": lambda parts: combine_names(parts),  # the corpus names' input (`toolkit.corpus_level`), kept apart
}
# Partition tables not written: `corpus_level.finish_folder` counts entities again over the renamed mentions.
RECOUNTED = ("entity_counts",)
EVENT_ORDER = ["interval_start", "offset_start", "article_id", "sentence_id"]  # nulls last, stable
FOLD_EVERY = 32  # summaries reduced in batches: few passes, and never all of them held at once


def combine_names(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """`entities.combine_summaries`, imported when first needed (the entity step imports spaCy)."""
    from toolkit.entities.corpus import combine_summaries

    return combine_summaries(parts)


def part_name(index: int) -> str:
    """The file name of partition `index` in every table folder."""
    return f"part-{index:05d}.parquet"


def file_digest(path: Path) -> str:
    """sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- one partition -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where partition `index` goes, and the result cache to fill (None: none, e.g. on a cluster)."""

    out_dir: str
    index: int
    key: str
    cache_root: str | None = None


def write_tables(tables: dict[str, pd.DataFrame], target: Target) -> dict[str, Any]:
    """Write one partition's tables into the folder; return its summary: per file its rows and sha256,
    and the small per-partition tables the reductions need."""
    out = Path(target.out_dir)
    files, summaries = {}, {}
    if "mentions" in tables:
        from toolkit.entities.corpus import name_summary

        tables = {**tables, "names": name_summary(tables["mentions"])}
    for name, table in tables.items():
        if name in RECOUNTED:
            continue
        if name in PARTITIONED:
            relative = f"{name}.parquet/{part_name(target.index)}"
        elif name in REDUCTIONS:
            relative = f"{SUMMARIES}/{name}/{part_name(target.index)}"
            summaries[name] = table
        else:
            raise ValueError(f"a partition table that is neither partitioned nor reduced: {name}")
        path = write_parquet_atomic(table, out / relative)
        files[relative] = {"rows": len(table), "sha256": file_digest(path)}
    return {"key": target.key, "files": files, "summaries": summaries}


def write_partition(articles: pd.DataFrame, counts: Any, config: StageConfig, target: Target) -> dict[str, Any]:
    """The per-partition task of a run into a folder: process the partition, store its tables in the
    result cache when there is one, write them as parts; return the summary (`write_tables`)."""
    tables = process_partition(articles, counts, config)
    if target.cache_root is not None:
        ResultCache(target.cache_root).put(target.key, tables)
    return write_tables(tables, target)


# --- the manifest ------------------------------------------------------------------------------------------


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    """The manifest of an output folder, or None when there is none or it is not one this code wrote."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return None
    return manifest


def _save_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    write_text_atomic(out_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def _intact(out_dir: Path, files: dict[str, dict[str, Any]]) -> bool:
    return all((out_dir / name).is_file() and file_digest(out_dir / name) == info["sha256"]
               for name, info in files.items())  # fmt: skip


def finished_partitions(out_dir: Path, manifest: dict[str, Any] | None, plan: Plan, step: str) -> dict[int, dict]:
    """The partitions of `plan` that the manifest lists as done by a run of the same step, corpus and
    settings, with every file they wrote still intact: index -> its manifest entry."""
    if manifest is None or (manifest.get("step"), manifest.get("corpus"), manifest.get("settings")) != (
        step, plan.corpus, plan.settings
    ):
        return {}
    done = {}
    for index, entry in manifest.get("partitions", {}).items():
        i = int(index)
        if i < len(plan.keys) and entry.get("key") == plan.keys[i] and _intact(out_dir, entry.get("files", {})):
            done[i] = entry
    return done


# --- the whole run -----------------------------------------------------------------------------------------


class _Reduction:
    """Folds the summaries of the partitions, in corpus order, into the corpus-level tables."""

    def __init__(self) -> None:
        self.pending: dict[str, list[pd.DataFrame]] = {name: [] for name in REDUCTIONS}

    def add(self, summaries: dict[str, pd.DataFrame]) -> None:
        for name, table in summaries.items():
            self.pending[name].append(table)
            if len(self.pending[name]) >= FOLD_EVERY:
                self.pending[name] = [REDUCTIONS[name](self.pending[name])]

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: REDUCTIONS[name](parts) for name, parts in self.pending.items() if parts}


def _read_summaries(out_dir: Path, entry: dict[str, Any]) -> dict[str, pd.DataFrame]:
    prefix = f"{SUMMARIES}/"
    return {name.split("/")[1]: pd.read_parquet(out_dir / name) for name in entry["files"] if name.startswith(prefix)}


def write_partitions(
    articles: Articles,
    config: StageConfig,
    out_dir: str | os.PathLike[str],
    *,
    executor: Executor | None = None,
    workers: int = 1,
    partition_size: int | None = None,
    result_cache: ResultCache | None = None,
    cache_in_workers: bool = True,
    resume: bool | None = None,
    whole: Mapping[str, pd.DataFrame] | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Run the steps of `config` over `articles` (the table, or a corpus read chunk by chunk on each pass:
    `runner.ArticleChunks`) partition by partition (as `runner.run_partitions`) and write the tables into
    `out_dir`, plus the `whole` tables (e.g. `problems`) as single files; return the manifest.
    `resume`: None resumes when the folder holds a run of the same corpus and settings, True
    insists on it (a `ToolkitError` when it does not), False starts over. `cache_in_workers`: the workers
    fill `result_cache` (False when they do not share its disk)."""
    out = Path(out_dir)
    executor = executor or InProcess()
    previous = None if resume is False else read_manifest(out)
    plan = _resumable_plan(articles, config, previous, workers=workers, partition_size=partition_size)
    done = finished_partitions(out, previous, plan, config.until)
    if resume and not done:
        raise ToolkitError(f"{out / MANIFEST}: no finished partition of a run of this corpus and these settings")
    manifest = {"format": MANIFEST_FORMAT, "step": config.until, "corpus": plan.corpus, "settings": plan.settings,
                "partition_sizes": list(plan.sizes), "complete": False, "resumed": len(done),
                "partitions": {str(i): entry for i, entry in done.items()}}  # fmt: skip
    _remove_stale_parts(out, keep=set(done), n_parts=len(plan.sizes))
    _save_manifest(out, manifest)
    reduction = _Reduction()
    cache = result_cache if config.cache else None
    cache_root = str(cache.root) if cache is not None and cache_in_workers else None

    def finish(index: int, summary: dict[str, Any]) -> None:
        reduction.add(summary.pop("summaries"))
        manifest["partitions"][str(index)] = summary
        _save_manifest(out, manifest)
        bar.update(plan.sizes[index])

    with tqdm(total=len(articles), desc="processing", unit="article", disable=not progress, leave=False) as bar:
        todo = []
        for index, key in enumerate(plan.keys):
            if index in done:
                reduction.add(_read_summaries(out, done[index]))
                bar.update(plan.sizes[index])
            elif cache is not None and (tables := cache.get(key)) is not None:
                finish(index, write_tables(tables, Target(str(out), index, key)))
            else:
                todo.append(index)
        for index, summary in map_partitions(
            articles, config, plan, write_partition, todo, executor=executor, workers=workers,
            extra=lambda i: (Target(str(out), i, plan.keys[i], cache_root),),
        ):  # fmt: skip
            finish(index, summary)
    from toolkit.corpus_level import finish_folder

    reduced = reduction.tables()
    names = reduced.pop("names", None)
    finished = finish_folder(out, manifest, name_summaries=None if names is None else [names],
                             save=lambda: _save_manifest(out, manifest))  # fmt: skip
    harmonise_parts(out, manifest)
    for name, table in {**reduced, **finished, **(whole or {})}.items():
        _write_whole(out, manifest, name, table)
    manifest["complete"] = True
    _save_manifest(out, manifest)
    return manifest


def _resumable_plan(articles: Articles, config: StageConfig, previous: dict[str, Any] | None, *,
                    workers: int, partition_size: int | None) -> Plan:  # fmt: skip
    """The partitions of the previous run when it was a run of the same step, corpus and settings (so its
    parts can be reused), else fresh ones."""
    sizes = previous.get("partition_sizes") if previous else None
    if isinstance(sizes, list) and sum(sizes) == len(articles) and all(isinstance(s, int) and s > 0 for s in sizes):
        plan = plan_partitions(articles, config, sizes=sizes)
        if (previous.get("step"), previous.get("corpus"), previous.get("settings")) == (
            config.until, plan.corpus, plan.settings
        ):
            return plan
    return plan_partitions(articles, config, workers=workers, partition_size=partition_size)


def _remove_stale_parts(out: Path, *, keep: set[int], n_parts: int) -> None:
    """Delete the part files of another run (or of unfinished partitions) and the tables reduced from them,
    so that no reader of a folder sees them; files that are not parts are left alone."""
    for name in (*REDUCTIONS, *CORPUS_TABLES):
        (out / f"{name}.parquet").unlink(missing_ok=True)
    for name in PARTITIONED:  # a single file of the layout before partitions, where the folder goes now
        if (out / f"{name}.parquet").is_file():
            (out / f"{name}.parquet").unlink()
    for folder in [*(f"{name}.parquet" for name in PARTITIONED), *(f"{SUMMARIES}/{name}" for name in REDUCTIONS)]:
        for path in (out / folder).glob("part-*.parquet"):
            index = path.name.removeprefix("part-").removesuffix(".parquet")
            if not index.isdigit() or int(index) not in keep or int(index) >= n_parts:
                path.unlink()


def _write_whole(out: Path, manifest: dict[str, Any], name: str, table: pd.DataFrame) -> None:
    path = write_parquet_atomic(table, out / f"{name}.parquet")
    manifest.setdefault("tables", {})[path.name] = {"rows": len(table), "sha256": file_digest(path)}


def harmonise_parts(out: Path, manifest: dict[str, Any]) -> None:
    """Give every part of a table the same Arrow schema: a partition where a column is empty or all null
    writes it as type `null` (or `list<null>`); such parts are rewritten with the type the others have, so
    that any reader can take the folder as one table."""
    for name in PARTITIONED:
        paths = sorted((out / f"{name}.parquet").glob("part-*.parquet"))
        schemas = [pq.read_schema(path) for path in paths]
        if len({str(schema.remove_metadata()) for schema in schemas}) <= 1:
            continue
        unified = pa.unify_schemas(schemas, promote_options="permissive")
        for path, schema in zip(paths, schemas, strict=True):
            if schema.equals(unified):
                continue
            table = pq.read_table(path).cast(unified.remove_metadata()).replace_schema_metadata(schema.metadata)
            write_atomic(path, lambda tmp, table=table: pq.write_table(table, tmp))
            relative = path.relative_to(out).as_posix()
            for entry in manifest["partitions"].values():
                if relative in entry["files"]:
                    entry["files"][relative]["sha256"] = file_digest(path)


def concat_parts(out_dir: str | os.PathLike[str], names: Sequence[str] = PARTITIONED) -> dict[str, pd.DataFrame]:
    """The partitioned tables of a folder read back whole, as `run` returns them (events in date order):
    for small corpora and for tests."""
    out = Path(out_dir)
    tables = {}
    for name in names:
        if (out / f"{name}.parquet").is_dir():
            table = pd.read_parquet(out / f"{name}.parquet")
            if name == "events":
                table = table.sort_values(EVENT_ORDER, kind="stable", na_position="last").reset_index(drop=True)
            tables[name] = table
    return tables
