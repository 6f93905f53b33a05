"""Entity and timeline functions called on a table that was never cleaned, or with dates that are not
dates, raise the toolkit's error naming the column, instead of an empty result or a pandas traceback."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.corpus import load_corpus
from toolkit.entities import extract_mentions
from toolkit.errors import ToolkitError
from toolkit.guards import require_dates, require_text
from toolkit.timeline import extract_timexes


@pytest.fixture()
def uncleaned(tmp_path) -> pd.DataFrame:
    (tmp_path / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Paris on Monday.\n", encoding="utf-8")
    return load_corpus(tmp_path, progress=False).articles


def test_mentions_of_an_uncleaned_table_is_an_error(uncleaned):
    with pytest.raises(ToolkitError, match="'body' is empty in every article.*clean the corpus first"):
        extract_mentions(uncleaned, progress=False)


def test_timexes_of_an_uncleaned_table_is_an_error(uncleaned):
    with pytest.raises(ToolkitError, match="'body' is empty in every article"):
        extract_timexes(uncleaned, progress=False)


def test_the_raw_text_can_be_asked_for(uncleaned):
    mentions = extract_mentions(uncleaned, text_column="text", progress=False)
    assert {"Angela Merkel", "Emmanuel Macron", "Paris"} <= set(mentions["text"])


def test_a_bad_published_value_names_column_and_article():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "body": ["On Monday it rained.", "Then."],
                             "published": ["2020-03-01", "yesterday-ish"]})  # fmt: skip
    with pytest.raises(ToolkitError, match=r"column 'published', article a2: 'yesterday-ish' is not a date"):
        extract_timexes(articles, progress=False)


def test_text_that_is_not_text_names_the_article():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "body": ["Fine.", b"bytes"]})
    with pytest.raises(ToolkitError, match=r"column 'body', article a2: holds bytes, not text"):
        require_text(articles, "body")


def test_dates_and_partly_empty_bodies_pass():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "body": ["Fine.", None],
                             "published": pd.to_datetime(["2020-03-01", None])})  # fmt: skip
    require_text(articles, "body")
    require_dates(articles)
    require_dates(articles.assign(published=["2020-03-01", None]))
