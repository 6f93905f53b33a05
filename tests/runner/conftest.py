"""A small corpus whose line repetition counts cross partitions, and its tables run in one partition."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.pipeline import run

from ..conftest import DATA_DIR, SEED_ID

TRENDING = ["Trending now", "Ten things you missed this week", "Sign up for our newsletter", "Most read"]


@pytest.fixture(scope="package")
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


@pytest.fixture(scope="package")
def single(corpus: Path) -> dict[str, pd.DataFrame]:
    """The reference: everything in this process, one partition, no cache."""
    return run(corpus, n_process=1, partition_size=10_000, cache=False, progress=False)


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(expected)
    for name, table in expected.items():
        pd.testing.assert_frame_equal(got[name], table, obj=name)
