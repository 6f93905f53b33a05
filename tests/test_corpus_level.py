"""The corpus-level steps of a run: corpus names, syndicated copies, counts per story and story events, the
same in memory (`run`) and in a folder written part by part (`run_to_folder`), however it is partitioned."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.config import USER_CONFIG_ENV
from toolkit.dataset import concat_parts
from toolkit.pipeline import run, run_to_folder

from .test_stories import DEFECTION_A, DEFECTION_B  # two reports of one defection on the same day

WIRE = [
    "The city council voted on Tuesday to close the old harbour bridge to heavy lorries after engineers from "
    "Halcrow found cracks in two of its steel supports during a routine inspection last month.",
    "Repairs are expected to take at least six months and will cost the city an estimated four million pounds, "
    "according to a report presented to councillors at the meeting by mayor Helen Whitcombe.",
    "Local hauliers warned that the closure would add almost an hour to journeys between the port and the "
    "industrial estate on the northern side of the river.",
    "The council said buses and cars would still be allowed to cross while the work goes on, but that the "
    "bridge would be closed completely for two weekends in the spring.",
]
FULL_NAME = (
    "Senator Margaret Okonjo-Halvorsen said on Monday that she would vote against the budget. "
    "Margaret Okonjo-Halvorsen has opposed every spending bill this year."
)
SURNAME = "Okonjo-Halvorsen told reporters on Wednesday that the budget would fail. Okonjo-Halvorsen left early."


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six articles: a wire story and its syndicated copy on another site (new lines around it, ending cut),
    two reports of one defection on the same day, and a senator named in full in one article and by her
    surname alone in another."""
    root = tmp_path_factory.mktemp("stories")
    raw = root / "raw"
    raw.mkdir()
    copy = [WIRE[0], WIRE[1].replace("are expected to take at least", "should last no less than"), WIRE[2]]
    bodies = {
        "bridge": "\n\n".join(WIRE),
        "bridge-copy": "\n\n".join(["Share this story", *copy, "Read more local news"]),
        "defection-wire": DEFECTION_A,
        "defection-paper": DEFECTION_B,
        "senator": FULL_NAME,
        "senator-again": SURNAME,
    }
    for article_id, body in bodies.items():
        (raw / f"{article_id}.txt").write_text(body + "\n", encoding="utf-8")
    dates = ["2012-06-19", "2012-06-20", "2012-06-22", "2012-06-22", "2013-03-04", "2013-03-06"]
    sources = ["Wire", "Gazette", "Wire", "Paper", "Wire", "Paper"]
    pd.DataFrame({"article_id": list(bodies), "published": dates, "source": sources}).to_csv(
        root / "metadata.csv", index=False
    )
    return root


@pytest.fixture(scope="module")
def tables(source: Path) -> dict[str, pd.DataFrame]:
    return run(source, n_process=1, cache=False, progress=False)


def test_a_syndicated_copy_points_to_the_earlier_article_and_counts_one_story(tables):
    articles = tables["articles"].set_index("article_id")
    assert articles.loc["bridge-copy", "copy_of"] == "bridge"
    assert articles.loc["bridge-copy", "story_id"] == articles.loc["bridge", "story_id"] == "bridge"
    assert articles.loc["bridge-copy", "copy_containment"] >= 0.6
    assert pd.isna(articles.loc["bridge", "copy_of"]) and pd.isna(articles.loc["defection-paper", "copy_of"])
    counts = tables["entity_counts"]
    # an entity only the wire story and its copy name: two articles, one story
    halcrow = counts[counts["canonical"] == "Halcrow"].iloc[0]
    assert (halcrow["articles"], halcrow["stories"]) == (2, 1)
    jordan = counts[counts["canonical"] == "Jordan"].iloc[0]
    assert (jordan["articles"], jordan["stories"]) == (2, 2)


def test_two_articles_reporting_the_same_defection_are_one_story_event(tables):
    story_events = tables["story_events"]
    both = story_events[story_events["article_ids"].apply(lambda ids: "defection-wire" in ids)].iloc[0]
    assert sorted(both["article_ids"]) == ["defection-paper", "defection-wire"]
    assert both["sources"] == ["Paper", "Wire"] and both["n_stories"] == 2
    assert both["interval_start"] == pd.Timestamp("2012-06-21")


def test_a_surname_joins_the_one_full_name_of_the_corpus_with_its_evidence(tables):
    mentions = tables["mentions"]
    alone = mentions[(mentions["article_id"] == "senator-again") & (mentions["text"] == "Okonjo-Halvorsen")]
    assert len(alone) == 2
    assert set(alone["canonical"]) == {"Margaret Okonjo-Halvorsen"} and set(alone["canonical_source"]) == {"corpus"}
    names = tables["corpus_names"]
    row = names[names["canonical"] == "Okonjo-Halvorsen"].iloc[0]
    assert row["corpus_canonical"] == "Margaret Okonjo-Halvorsen" and "surname" in row["reason"]
    counts = tables["entity_counts"]
    assert "Okonjo-Halvorsen" not in set(counts["canonical"])
    senator = counts[counts["canonical"] == "Margaret Okonjo-Halvorsen"].iloc[0]
    assert senator["articles"] == 2
    # the events of the second article name her as the counts do
    events = tables["events"]
    named = events.loc[events["article_id"] == "senator-again", "entities"].explode()
    assert "Margaret Okonjo-Halvorsen" in set(named) and "Okonjo-Halvorsen" not in set(named)


@pytest.mark.parametrize("partition_size", [1, 4])
def test_a_folder_run_and_its_rerun_hold_the_tables_of_run(source, tables, tmp_path, partition_size):
    out = tmp_path / "out"
    for _ in range(2):  # the second run resumes a finished folder: no step is applied twice
        run_to_folder(source, out, n_process=1, cache=False, partition_size=partition_size, progress=False)
        got = {**concat_parts(out), **{name: pd.read_parquet(out / f"{name}.parquet")
                                       for name in ("entity_counts", "corpus_names", "story_events")}}  # fmt: skip
        for name in ("articles", "mentions", "events", "entity_counts", "corpus_names", "story_events"):
            pd.testing.assert_frame_equal(got[name], tables[name], obj=name)


def test_the_steps_can_be_switched_off(source, tmp_path, monkeypatch):
    config = tmp_path / "toolkit.toml"
    config.write_text("[corpus]\ncorpus_names = false\nstories = false\n", encoding="utf-8")
    monkeypatch.setenv(USER_CONFIG_ENV, str(config))
    plain = run(source, until="entities", n_process=1, cache=False, progress=False)
    assert "story_id" not in plain["articles"].columns and "corpus_names" not in plain
    assert "stories" not in plain["entity_counts"].columns
    assert "Okonjo-Halvorsen" in set(plain["mentions"]["canonical"])


def test_counting_each_story_once_drops_the_copies_everywhere(source, tmp_path, monkeypatch):
    config = tmp_path / "toolkit.toml"
    config.write_text("[corpus]\ncount_copies_once = true\n", encoding="utf-8")
    monkeypatch.setenv(USER_CONFIG_ENV, str(config))
    once = run(source, until="entities", n_process=1, cache=False, progress=False)["entity_counts"]
    halcrow = once[once["canonical"] == "Halcrow"].iloc[0]
    assert (halcrow["mentions"], halcrow["articles"], halcrow["stories"]) == (1, 1, 1)
    out = tmp_path / "out"
    run_to_folder(source, out, until="entities", n_process=1, cache=False, partition_size=2, progress=False)
    pd.testing.assert_frame_equal(pd.read_parquet(out / "entity_counts.parquet"), once)
