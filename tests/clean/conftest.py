"""Fixtures of the cleaning tests: the project corpus, cleaned once, and its Wikinews articles."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.clean import clean_corpus
from toolkit.corpus import load_corpus

from ..conftest import DATA_DIR


@pytest.fixture(scope="session")
def corpus() -> pd.DataFrame:
    return load_corpus(DATA_DIR, progress=False).articles


@pytest.fixture(scope="session")
def cleaned(corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return clean_corpus(corpus, progress=False)


@pytest.fixture(scope="session")
def wikinews(corpus: pd.DataFrame) -> pd.DataFrame:
    articles = corpus[corpus["article_id"].str.startswith("wikinews_")]
    assert len(articles) == 295
    return articles
