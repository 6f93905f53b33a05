"""The partitioned path gives exactly the single-process tables; reductions add up; partitions cover the
corpus in order; a warm run reads the result cache instead of recomputing."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import runner
from toolkit.config import DEFAULT_PARTITION_SIZE
from toolkit.pipeline import run
from toolkit.runner import SMALLEST_PARTITION, partition_sizes

from .conftest import assert_same_tables


def test_single_process_tables_are_the_steps_called_one_by_one(corpus, single):
    """One shared parse feeds entities and timeline: same tables as the public functions run separately,
    then the corpus-level steps."""
    from toolkit.clean import clean_corpus
    from toolkit.corpus import load_corpus
    from toolkit.corpus_level import finish_tables
    from toolkit.entities import count_entities, extract_mentions
    from toolkit.timeline import extract_events, extract_timexes

    articles, lines = clean_corpus(load_corpus(corpus, progress=False).articles, progress=False)
    mentions = extract_mentions(articles, n_process=1, cache=False, progress=False)
    timexes = extract_timexes(articles, n_process=1, cache=False, progress=False)
    expected = finish_tables({
        "articles": articles, "lines": lines, "mentions": mentions, "entity_counts": count_entities(mentions),
        "timexes": timexes, "events": extract_events(articles, timexes, mentions),
    })  # fmt: skip
    assert_same_tables({name: single[name] for name in expected}, expected)
    assert (single["lines"]["reason"].str.contains("repeats in")).sum() >= 4  # the shared block was counted


def test_small_partitions_in_process(corpus, single):
    assert_same_tables(run(corpus, n_process=1, partition_size=3, cache=False, progress=False), single)


def test_a_warm_run_reads_every_partition_from_the_result_cache(corpus, single, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    assert_same_tables(run(corpus, n_process=1, partition_size=4, progress=False), single)
    assert len(list((tmp_path / "results").rglob("*.tables"))) == 3  # one entry per partition
    calls = []
    monkeypatch.setattr(runner, "process_partition", lambda *a: calls.append(a) or {})
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
    pd.testing.assert_frame_equal(runner.combine_entity_counts(parts), count_entities(mentions))


def test_line_totals_keep_exactly_the_lines_at_the_repetition_floor():
    from toolkit.clean import LineTotals, repeat_floor

    texts = ["Same line here.\nOwn line one.", "Same line here.\nTwice seen.", "Same line here.\nTwice seen."]
    parts = [runner.partition_line_counts(texts[:2]), runner.partition_line_counts(texts[2:])]
    whole = runner.partition_line_counts(texts)
    opts = {"repeat_min_articles": 2, "repeat_min_share": 0.0}
    with LineTotals(opts) as totals:
        for part in parts:
            totals.add(part)
        frequent = totals.frequent()
    assert frequent.n_articles == whole.n_articles == 3
    floor = repeat_floor(3, {**opts})
    assert dict(frequent) == {key: n for key, n in whole.items() if n >= floor}
    assert sorted(frequent.values()) == [2, 3]  # `Twice seen.` across the two parts, `Same line here.` in all


@pytest.mark.parametrize("n_articles", [1, 30, 999, 1000, 5000, 19_043])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_partitions_shrink_towards_the_end_so_that_the_workers_finish_together(n_articles, workers):
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
    parts = runner.split(articles, partition_sizes(7, 1, largest=3))
    assert [list(part["article_id"]) for part in parts] == [["a0", "a1", "a2"], ["a3", "a4", "a5"], ["a6"]]
    assert all(list(part.index) == list(range(len(part))) for part in parts)
