"""Memory is bounded by the partition, not the corpus: 2,000 articles through cleaning and entities
partition by partition, with the resident memory compared early and late (no per-article leak)."""

from __future__ import annotations

import gc

import psutil

from toolkit.corpus import load_corpus
from toolkit.runner import StageConfig, process_partition

from .conftest import DATA_DIR

N_ARTICLES, PARTITION = 2000, 250
# Allowed growth between the second and the last partition: 25 kB per article would be 37 MB.
MAX_GROWTH_MB = 30


def test_two_thousand_articles_run_in_bounded_memory(tmp_path):
    real = load_corpus(DATA_DIR, progress=False).articles
    real = real[real["source"] == "Wikinews"].reset_index(drop=True)
    # Real Wikinews articles under new ids: identical texts hit the parse cache after the first round,
    # so the test runs in seconds while exercising every per-article step 2,000 times.
    # Their dateline and first two paragraphs keep it fast on two cores.
    articles = real.iloc[[i % len(real) for i in range(N_ARTICLES)]].reset_index(drop=True)
    articles["text"] = ["\n\n".join(text.split("\n\n")[:3]) for text in articles["text"]]
    articles["article_id"] = [f"a{i:05d}" for i in range(N_ARTICLES)]
    config = StageConfig(until="entities", cache=True, cache_dir=str(tmp_path / "cache"))
    process = psutil.Process()
    rss = []
    for start in range(0, N_ARTICLES, PARTITION):
        tables = process_partition(articles.iloc[start : start + PARTITION], None, config)
        assert len(tables["articles"]) == PARTITION and len(tables["mentions"]) > 0
        del tables
        gc.collect()
        rss.append(process.memory_info().rss / 2**20)
    growth = rss[-1] - rss[1]
    assert growth < MAX_GROWTH_MB, f"resident memory grew {growth:.0f} MB over {N_ARTICLES} articles: {rss}"
