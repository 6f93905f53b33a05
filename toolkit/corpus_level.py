"""The corpus-level steps of a run, after its partitions: one name and label per entity across the corpus,
syndicated copies grouped into stories, entity counts per story, and story events.

Each is a reduction over small per-partition summaries followed by an apply step, so that it runs the same
on tables held in memory (`finish_tables`, what `pipeline.run` returns) and on an output folder written part
by part (`finish_folder`, what `run_to_folder` and the CLI write), one part at a time:
1. corpus names: the `name_summary` of every partition's mentions, combined, gives the mapping
   (`entities.corpus_names`, also written as the `corpus_names` table: each renamed or relabelled name with
   its reason); mentions are renamed with it (`canonical_source="corpus"`) and so are the entity lists
   of events;
2. stories: `stories.signatures` of the clean bodies, grouped by `stories.group_copies`, give
   `articles.story_id`, `copy_of`, `copy_similarity` and `copy_containment`;
3. `entity_counts` counted again from the renamed mentions, with `stories` beside `articles`;
4. `story_events`: the events of different articles that report the same happening, as one row.
The steps run are the `[corpus]` settings.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.config import settings

STORY_ARTICLE_COLUMNS = ["story_id", "copy_of", "copy_similarity", "copy_containment"]
CORPUS_TABLES = ("entity_counts", "corpus_names", "story_events")  # written whole by `finish_folder`


def steps() -> dict[str, bool]:
    """Which corpus-level steps run (the `[corpus]` settings): `corpus_names`, `stories`, and whether
    `entity_counts` counts each syndicated story once (`count_copies_once`)."""
    conf = settings("corpus")
    return {name: bool(conf.get(name, default))
            for name, default in (("corpus_names", True), ("stories", True), ("count_copies_once", False))}


# --- the pieces, each on one table or one partition's table --------------------------------------------------


def names_mapping(summaries: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """The `corpus_names` table from the `name_summary` of each partition's mentions."""
    from toolkit.entities.corpus import combine_summaries, corpus_names

    return corpus_names(combine_summaries(summaries)).reset_index(drop=True)


def corpus_named(mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`mentions` of a whole corpus with its corpus names, and the `corpus_names` table that says why."""
    from toolkit.entities.corpus import name_summary

    mapping = names_mapping([name_summary(mentions)])
    return rename_mentions(mentions, mapping), mapping


def rename_mentions(mentions: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """`mentions` with the corpus names of `mapping` (`entities.apply_corpus_names`)."""
    from toolkit.entities.corpus import apply_corpus_names

    return apply_corpus_names(mentions, mapping).reset_index(drop=True)


def rename_event_entities(events: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """`events` whose `entities` lists use the corpus names of `mapping`, each name once, in order."""
    renamed = {old: new for old, new in zip(mapping["canonical"], mapping["corpus_canonical"], strict=True)
               if old != new}  # fmt: skip
    if events.empty or not renamed or "entities" not in events.columns:
        return events
    events = events.copy()
    events["entities"] = [
        list(dict.fromkeys(renamed.get(name, name) for name in names)) if names is not None else names
        for names in events["entities"]
    ]
    return events


def article_stories(signatures: list[pd.DataFrame], articles_meta: pd.DataFrame) -> pd.DataFrame:
    """Per article (`article_id` and the `STORY_ARTICLE_COLUMNS`) from the signatures of every partition."""
    from toolkit.stories import group_copies

    stories = group_copies(signatures, articles_meta)
    return stories.rename(columns={"similarity": "copy_similarity", "containment": "copy_containment"})


def with_stories(articles: pd.DataFrame, stories: pd.DataFrame) -> pd.DataFrame:
    """`articles` (in their order) with the story columns of `stories` (any previous ones replaced)."""
    base = articles.drop(columns=[c for c in STORY_ARTICLE_COLUMNS if c in articles.columns])
    ids = base["article_id"].astype(str)
    indexed = stories.set_index(stories["article_id"].astype(str))
    for column in STORY_ARTICLE_COLUMNS:
        base[column] = indexed[column].reindex(ids).to_numpy()
    return base.astype({"story_id": "string", "copy_of": "string", "copy_similarity": "float64",
                        "copy_containment": "float64"})  # fmt: skip


def story_counts(mentions: pd.DataFrame, stories: pd.DataFrame | None, *, copies_once: bool = False) -> pd.DataFrame:
    """`entity_counts` of `mentions`, with `stories` (distinct stories mentioning the entity) when known;
    `copies_once`: only the earliest copy of each story is counted (`stories.story_entity_counts(dedupe=)`)."""
    from toolkit.entities import count_entities
    from toolkit.stories import story_entity_counts

    if stories is None:
        return count_entities(mentions)
    return story_entity_counts(mentions, stories, dedupe=copies_once)


# --- tables in memory ----------------------------------------------------------------------------------------


def finish_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables of a run (as `runner.run_partitions` collects them) after the corpus-level steps."""
    from toolkit.stories import signatures, story_events

    run = steps()
    tables = dict(tables)
    if run["corpus_names"] and "mentions" in tables:
        tables["mentions"], mapping = corpus_named(tables["mentions"])
        if "events" in tables:
            tables["events"] = rename_event_entities(tables["events"], mapping)
        tables["corpus_names"] = mapping
    stories = None
    if run["stories"] and "body" in tables["articles"].columns:
        stories = article_stories([signatures(tables["articles"])], tables["articles"])
        tables["articles"] = with_stories(tables["articles"], stories)
    if "mentions" in tables:
        tables["entity_counts"] = story_counts(tables["mentions"], stories, copies_once=run["count_copies_once"])
    if stories is not None and "events" in tables:
        tables["story_events"] = story_events(tables["events"], tables["articles"], stories)
    return tables


# --- an output folder, one part at a time --------------------------------------------------------------------


def finish_folder(out: Path, manifest: dict[str, Any], *, name_summaries: list[pd.DataFrame] | None,
                  save: Callable[[], None]) -> dict[str, pd.DataFrame]:  # fmt: skip
    """Apply the corpus-level steps to the parts of the output folder `out`, whose partitions are all
    finished (`manifest["partitions"]`), and return the corpus-level tables to write whole (`entity_counts`,
    `corpus_names`, `story_events`). Each part is rewritten atomically and its manifest entry updated and
    saved (`save`) with the digest of what was applied, so that a resumed run leaves finished parts alone
    and never applies a step twice. `name_summaries`: the `name_summary` of each partition's mentions as
    its partition wrote them (None when the run has no entity step)."""
    from toolkit.stories import signatures, story_events

    run = steps()
    entries = [manifest["partitions"][str(i)] for i in range(len(manifest["partitions"]))]
    articles_parts = [_part(out, entry, "articles") for entry in entries]
    mapping = names_mapping(name_summaries) if run["corpus_names"] and name_summaries is not None else None
    stories = None
    meta = _read_columns(articles_parts, ["article_id", "published", "source"])
    if run["stories"] and articles_parts and "body" in _columns(articles_parts[0]):
        sigs = [signatures(pd.read_parquet(path, columns=["article_id", "body"])) for path in articles_parts]
        stories = article_stories(sigs, meta)
    digest = _digest(mapping, stories)
    for entry, articles_path in zip(entries, articles_parts, strict=True):
        if entry.get("corpus_level") == digest:
            continue
        if stories is not None:
            _rewrite(out, entry, articles_path, lambda frame: with_stories(frame, stories))
        if mapping is not None:
            _rewrite(out, entry, _part(out, entry, "mentions"), lambda frame: rename_mentions(frame, mapping))
            _rewrite(out, entry, _part(out, entry, "events"), lambda frame: rename_event_entities(frame, mapping))
        entry["corpus_level"] = digest
        save()
    whole: dict[str, pd.DataFrame] = {}
    mentions_parts = [p for p in (_part(out, entry, "mentions") for entry in entries) if p is not None]
    events_parts = [p for p in (_part(out, entry, "events") for entry in entries) if p is not None]
    if mentions_parts:
        whole["entity_counts"] = _counts_of_parts(mentions_parts, stories, copies_once=run["count_copies_once"])
    if mapping is not None:
        whole["corpus_names"] = mapping
    if stories is not None and events_parts:
        events = pd.concat([pd.read_parquet(p, columns=_EVENT_INPUT) for p in events_parts], ignore_index=True)
        whole["story_events"] = story_events(events, meta, stories)
    return whole


_EVENT_INPUT = ["article_id", "sentence_id", "date", "interval_start", "interval_end", "sentence", "entities", "timex"]


def _part(out: Path, entry: dict[str, Any], table: str) -> Path | None:
    """The part file of `table` that the partition of `entry` wrote, if it wrote one."""
    names = [name for name in entry["files"] if name.startswith(f"{table}.parquet/")]
    return out / names[0] if names else None


def _columns(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return pq.read_schema(path).names


def _read_columns(paths: list[Path | None], columns: list[str]) -> pd.DataFrame:
    """The given columns (those present) of every part, concatenated: a few bytes per article."""
    frames = []
    for path in paths:
        if path is not None:
            present = [c for c in columns if c in _columns(path)]
            frames.append(pd.read_parquet(path, columns=present))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def _rewrite(out: Path, entry: dict[str, Any], path: Path | None,
             change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:  # fmt: skip
    """Rewrite one part atomically with `change` applied, and record its new rows and sha256 in `entry`."""
    from toolkit.dataset import file_digest
    from toolkit.io import write_parquet_atomic

    if path is None:
        return
    table = change(pd.read_parquet(path))
    write_parquet_atomic(table, path)
    entry["files"][path.relative_to(out).as_posix()] = {"rows": len(table), "sha256": file_digest(path)}


def _counts_of_parts(paths: list[Path], stories: pd.DataFrame | None, *, copies_once: bool) -> pd.DataFrame:
    """`entity_counts` over the mention parts, in DuckDB, so the mentions are never all loaded; the same
    table `story_counts` gives in memory."""
    import duckdb

    from toolkit.entities import COUNT_COLUMNS

    connection = duckdb.connect()
    try:
        files = [os.fspath(p) for p in paths]
        story, join, where = "0 AS stories", "", "m.canonical IS NOT NULL AND m.label IS NOT NULL"
        if stories is not None:
            story = "count(DISTINCT coalesce(s.story_id, m.article_id)) AS stories"
            connection.register("story_of", pd.DataFrame({
                "article_id": stories["article_id"].astype(str), "story_id": stories["story_id"].astype(str),
                "is_copy": stories["copy_of"].notna().to_numpy(),
            }))  # fmt: skip
            join = "LEFT JOIN story_of s ON s.article_id = CAST(m.article_id AS VARCHAR)"
            where += " AND NOT coalesce(s.is_copy, false)" if copies_once else ""
        counts = connection.execute(
            f"SELECT m.canonical, m.label, count(*) AS mentions, count(DISTINCT m.article_id) AS articles, {story} "
            f"FROM read_parquet(?) m {join} WHERE {where} GROUP BY 1, 2",
            [files],
        ).df()
    finally:
        connection.close()
    columns = [*COUNT_COLUMNS, "stories"] if stories is not None else COUNT_COLUMNS
    counts = counts.astype({"canonical": object, "label": object, "mentions": "int64", "articles": "int64",
                            "stories": "int64"})  # fmt: skip
    counts = counts.sort_values(["mentions", "canonical", "label"], ascending=[False, True, True], kind="stable")
    return counts[columns].reset_index(drop=True)


def _digest(mapping: pd.DataFrame | None, stories: pd.DataFrame | None) -> str:
    """What the corpus-level steps applied to the parts: the mapping and the story columns."""
    digest = hashlib.sha256()
    for frame in (mapping, stories):
        digest.update(b"-" if frame is None else pd.util.hash_pandas_object(frame.astype(str), index=False).values)
    return digest.hexdigest()
