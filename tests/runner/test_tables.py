"""`toolkit.tables.open` reads an output folder lazily: SQL and pyarrow scans over its parts give what the
tables of `run` give, without loading them first."""

from __future__ import annotations

import pyarrow.dataset as ds
import pytest

from toolkit import tables
from toolkit.errors import ToolkitError
from toolkit.pipeline import run_to_folder


@pytest.fixture(scope="module")
def folder(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("folder") / "out"
    run_to_folder(corpus, out, n_process=1, partition_size=3, cache=False, progress=False)
    return out


def test_sql_aggregates_over_the_parts_equal_pandas_on_the_whole_table(folder, single):
    with tables.open(folder) as opened:
        assert opened.names == [
            "articles", "lines", "skipped", "mentions", "timexes", "events", "entity_counts", "corpus_names",
            "story_events", "problems",
        ]  # fmt: skip
        got = opened.sql(
            "SELECT canonical, label, count(*) AS mentions, count(DISTINCT article_id) AS articles "
            "FROM mentions GROUP BY canonical, label ORDER BY mentions DESC, canonical, label"
        ).df()
        expected = single["entity_counts"]
        assert list(got["canonical"]) == list(expected["canonical"])
        assert list(got["mentions"]) == list(expected["mentions"])
        assert list(got["articles"]) == list(expected["articles"])
        kept = opened["lines"].filter("kind = 'body'").aggregate("count(*)").fetchall()[0][0]
        assert kept == (single["lines"]["kind"] == "body").sum()


def test_tables_keep_the_order_of_run(folder, single):
    with tables.open(folder) as opened:
        assert list(opened["mentions"].df()["text"]) == list(single["mentions"]["text"])
        events = opened["events"].df()
        assert list(zip(events["article_id"], events["sentence_id"], strict=True)) == list(
            zip(single["events"]["article_id"], single["events"]["sentence_id"], strict=True)
        )


def test_a_pyarrow_dataset_scans_with_a_filter(folder, single):
    with tables.open(folder) as opened:
        gpe = opened.dataset("mentions").to_table(filter=ds.field("label") == "GPE", columns=["canonical"])
        assert gpe.num_rows == (single["mentions"]["label"] == "GPE").sum() > 0
        assert opened.dataset("entity_counts").count_rows() == len(single["entity_counts"])


def test_a_folder_without_a_run_or_a_missing_table_is_a_clear_error(folder, tmp_path):
    with pytest.raises(ToolkitError, match=f"^{tmp_path}: not an output folder of toolkit"):
        tables.open(tmp_path)
    with tables.open(folder) as opened, pytest.raises(KeyError, match="no table 'story_groups'"):
        opened["story_groups"]
