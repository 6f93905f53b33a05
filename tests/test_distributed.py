"""The partitioned and the Dask paths give exactly the single-process tables; reductions add up; the
per-partition result cache is reused only when valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from toolkit import distributed
from toolkit.pipeline import run

from .conftest import DATA_DIR, SEED_ID

TRENDING = ["Trending now", "Ten things you missed this week", "Sign up for our newsletter", "Most read"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and 9 Wikinews articles, 4 of them ending with the same block of trending lines (in a
    varying order), so corpus-level repetition counts matter and cross partitions."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "raw").mkdir()
    ids = [SEED_ID, *sorted(p.stem for p in (DATA_DIR / "raw").glob("wikinews_*.txt"))[:9]]
    for n, article_id in enumerate(ids):
        text = (DATA_DIR / "raw" / f"{article_id}.txt").read_text(encoding="utf-8")
        if n % 2 == 1:
            block = TRENDING[n % 4 :] + TRENDING[: n % 4]
            text = text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
        (root / "raw" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    meta = pd.read_csv(DATA_DIR / "metadata.csv", dtype=str)
    meta[meta["article_id"].isin(ids)].to_csv(root / "metadata.csv", index=False)
    return root


@pytest.fixture(scope="module")
def single(corpus: Path) -> dict[str, pd.DataFrame]:
    """The reference: everything in this process, one partition, no cache."""
    return run(corpus, n_process=1, partition_size=10_000, cache=False, progress=False)


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(expected)
    for name, table in expected.items():
        pd.testing.assert_frame_equal(got[name], table, obj=name)


def test_single_process_tables_are_the_steps_called_one_by_one(corpus, single):
    """One shared parse feeds entities and timeline: same tables as the public functions run separately."""
    from toolkit.clean import clean_corpus
    from toolkit.corpus import load_corpus
    from toolkit.entities import count_entities, extract_mentions
    from toolkit.timeline import extract_events, extract_timexes

    articles, lines = clean_corpus(load_corpus(corpus, progress=False).articles, progress=False)
    mentions = extract_mentions(articles, n_process=1, cache=False, progress=False)
    timexes = extract_timexes(articles, n_process=1, cache=False, progress=False)
    expected = {
        "articles": articles, "lines": lines, "mentions": mentions, "entity_counts": count_entities(mentions),
        "timexes": timexes, "events": extract_events(articles, timexes, mentions),
    }
    assert_same_tables({name: single[name] for name in expected}, expected)
    assert (single["lines"]["reason"].str.contains("repeats in")).sum() >= 4  # the shared block was counted


def test_small_partitions_in_process(corpus, single):
    assert_same_tables(run(corpus, n_process=1, partition_size=3, cache=False, progress=False), single)


def test_dask_local_cluster_with_two_workers(corpus, single):
    distributed_ = pytest.importorskip("dask.distributed")
    with distributed_.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed_.Client(cluster) as client:
        got = run(corpus, client=client, partition_size=3, cache=False, progress=False)
        assert len(client.scheduler_info()["workers"]) == 2
    assert_same_tables(got, single)


def test_result_cache_is_reused_and_never_trusted_blindly(corpus, single, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    first = run(corpus, n_process=1, partition_size=4, progress=False)
    assert_same_tables(first, single)
    files = sorted((tmp_path / "results").rglob("*.pkl"))
    assert len(files) == 3  # one per partition
    files[0].write_bytes(files[0].read_bytes()[:50])  # truncated
    shutil.copy(files[2], files[1])  # another partition's tables under this key
    assert_same_tables(run(corpus, n_process=1, partition_size=4, progress=False), single)
    calls = []
    monkeypatch.setattr(distributed, "process_partition", lambda *a: calls.append(a) or {})
    assert_same_tables(run(corpus, n_process=1, partition_size=4, progress=False), single)
    assert not calls, "a warm run recomputed a partition"


def test_entity_counts_add_up_over_disjoint_articles():
    from toolkit.entities import count_entities

    mentions = pd.DataFrame({
        "article_id": ["a", "a", "b", "c", "c", "c"],
        "canonical": ["Jordan", "Syria", "Jordan", "Jordan", "Syria", "Syria"],
        "label": ["GPE", "GPE", "PERSON", "GPE", "GPE", "GPE"],
    })  # fmt: skip
    parts = [count_entities(mentions.iloc[:3]), count_entities(mentions.iloc[3:])]
    pd.testing.assert_frame_equal(distributed.combine_entity_counts(parts), count_entities(mentions))


def test_line_counts_reduce_and_restrict():
    texts = ["Same line here.\nOwn line one.", "Same line here.\nOwn line two.", "Same line here."]
    parts = [distributed.partition_line_counts(texts[:2]), distributed.partition_line_counts(texts[2:])]
    total = distributed.sum_line_counts(parts)
    whole = distributed.partition_line_counts(texts)
    assert dict(total) == dict(whole) and total.n_articles == whole.n_articles == 3
    restricted = distributed.restrict_counts(total, parts[1])
    assert set(restricted) == set(parts[1]) and max(restricted.values()) == 3 and restricted.n_articles == 3


@pytest.mark.parametrize("n_articles", [1, 30, 999, 1000, 5000, 19_043])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_partitions_shrink_towards_the_end_so_that_the_workers_finish_together(n_articles, workers):
    from toolkit.distributed import DEFAULT_PARTITION_SIZE, SMALLEST_PARTITION, partition_sizes

    sizes = partition_sizes(n_articles, workers)
    assert sum(sizes) == n_articles and all(1 <= size <= DEFAULT_PARTITION_SIZE for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    full = -(-n_articles // DEFAULT_PARTITION_SIZE)
    if workers == 1:
        assert len(sizes) == full
    else:  # the last partition each worker takes is small: none waits long for another to finish
        assert sum(sizes[-workers:]) <= workers * SMALLEST_PARTITION
        assert len(sizes) <= full + 5 * workers  # a few more tasks, not a flood of tiny ones


def test_partitions_of_a_fixed_size_cover_the_articles_in_order():
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(7)]})
    parts = distributed.split(articles, distributed.partition_sizes(7, 1, largest=3))
    assert [list(part["article_id"]) for part in parts] == [["a0", "a1", "a2"], ["a3", "a4", "a5"], ["a6"]]
    assert all(list(part.index) == list(range(len(part))) for part in parts)
