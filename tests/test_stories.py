"""Stories across articles: syndicated copies, counts per story, events reported by several articles."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.clean import clean_corpus
from toolkit.corpus import load_corpus
from toolkit.entities import extract_mentions
from toolkit.errors import ToolkitError
from toolkit.stories import (
    STORY_COLUMNS,
    STORY_EVENT_COLUMNS,
    group_copies,
    options,
    signatures,
    story_entity_counts,
    story_events,
)
from toolkit.timeline import extract_events, extract_timexes

from .conftest import DATA_DIR

LEAD = (
    "The city council voted on Tuesday to close the old harbour bridge to heavy lorries after engineers found "
    "cracks in two of its steel supports during a routine inspection last month."
)
PARAGRAPHS = [
    LEAD,
    "Repairs are expected to take at least six months and will cost the city an estimated four million pounds, "
    "according to a report presented to councillors at the meeting.",
    "Local hauliers warned that the closure would add almost an hour to journeys between the port and the "
    "industrial estate on the northern side of the river.",
    "The council said buses and cars would still be allowed to cross while the work goes on, but that the "
    "bridge would be closed completely for two weekends in the spring.",
    "A spokesman for the engineering firm that carried out the inspection said the cracks posed no immediate "
    "danger to the public but needed to be repaired before the winter.",
]


def corpus(bodies: dict[str, str], published: dict[str, str] | None = None) -> pd.DataFrame:
    """An articles table of clean bodies, as `signatures` and `group_copies` read it."""
    published = published or {}
    return pd.DataFrame({
        "article_id": list(bodies), "body": list(bodies.values()),
        "published": [pd.Timestamp(published[a]) if a in published else pd.NaT for a in bodies],
        "source": ["Site " + a for a in bodies],
    })  # fmt: skip


def syndicated(paragraphs: list[str]) -> str:
    """A syndicated copy: ending cut, a sentence reworded, the site's lines around the body."""
    kept = paragraphs[:-1]
    kept[1] = kept[1].replace("are expected to take at least", "should last no less than")
    return "\n\n".join(["Share this story on social media", *kept, "Read more from our local news desk"])


def stories_of(articles: pd.DataFrame, **overrides) -> pd.DataFrame:
    return group_copies(signatures(articles, **overrides), articles, **overrides)


def test_a_trimmed_reworded_copy_is_a_copy_of_the_earlier_article():
    articles = corpus(
        {"original": "\n\n".join(PARAGRAPHS), "copy": syndicated(PARAGRAPHS), "other": UNRELATED * 3},
        {"original": "2024-03-05", "copy": "2024-03-06", "other": "2024-03-04"},
    )
    stories = stories_of(articles).set_index("article_id")
    assert list(stories.reset_index().columns) == STORY_COLUMNS
    assert stories.loc["copy", "copy_of"] == "original"
    assert stories.loc["copy", "story_id"] == stories.loc["original", "story_id"] == "original"
    assert pd.isna(stories.loc["original", "copy_of"]) and pd.isna(stories.loc["other", "copy_of"])
    # trimmed: plain Jaccard is well below the containment of the copy in the original
    assert stories.loc["copy", "containment"] >= options()["min_containment"]
    assert stories.loc["copy", "similarity"] < stories.loc["copy", "containment"]
    assert pd.isna(stories.loc["original", "similarity"])


def test_the_earliest_copy_is_the_original_whichever_way_round():
    articles = corpus({"b": "\n\n".join(PARAGRAPHS), "a": syndicated(PARAGRAPHS)},
                      {"b": "2024-03-06", "a": "2024-03-05"})
    stories = stories_of(articles).set_index("article_id")
    assert stories.loc["b", "copy_of"] == "a" and stories.loc["b", "story_id"] == "a"


def test_an_undated_copy_comes_after_the_dated_one_and_ties_go_by_article_id():
    body = "\n\n".join(PARAGRAPHS)
    stories = stories_of(corpus({"x": body, "y": body, "w": body}, {"y": "2024-03-05"})).set_index("article_id")
    assert stories.loc["x", "copy_of"] == "y" and stories.loc["w", "copy_of"] == "y"
    assert stories.loc["x", "similarity"] == 1.0


def test_bodies_too_short_to_judge_are_never_copies():
    stories = stories_of(corpus({"a": "Shr 10 cts vs 12 cts", "b": "Shr 10 cts vs 12 cts"}))
    assert stories["copy_of"].isna().all()
    assert stories_of(corpus({"a": "Shr 10 cts vs 12 cts", "b": "Shr 10 cts vs 12 cts"}), min_shingles=1)[
        "copy_of"].notna().sum() == 1  # fmt: skip


def test_no_two_distinct_articles_of_the_bundled_corpus_are_copies():
    articles, _ = clean_corpus(load_corpus(DATA_DIR, progress=False).articles, progress=False)
    stories = group_copies(signatures(articles), articles)
    assert len(stories) == len(articles)
    assert stories["copy_of"].isna().all(), stories[stories["copy_of"].notna()]


def test_bad_input_is_a_one_line_error():
    with pytest.raises(ToolkitError, match="unknown story option shingle_size"):
        options(shingle_size=3)
    with pytest.raises(ToolkitError, match="lacks column body"):
        signatures(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(ToolkitError, match="article a: signature without an article row"):
        group_copies(signatures(corpus({"a": LEAD})), corpus({"b": LEAD}))


# --- the reduction: any order, any partitions ------------------------------------------------------------------

WORDS = ["harbour", "bridge", "council", "cracks", "steel", "repairs", "lorries", "port", "river", "winter",
         "engineers", "inspection", "journeys", "weekend", "spring", "closure"]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS), min_size=12, max_size=40).map(" ".join)


@st.composite
def corpora(draw) -> pd.DataFrame:
    """Articles some of which are trimmed or exact copies of others, with random dates (some missing)."""
    bodies = draw(st.lists(texts, min_size=1, max_size=6))
    for body in list(bodies):
        if draw(st.booleans()):
            words = body.split()
            bodies.append(" ".join(words[: draw(st.integers(len(words) // 2, len(words)))]))
    some_days = st.one_of(st.none(), st.dates(date(2024, 3, 1), date(2024, 3, 5)))  # ties are likely
    dates = draw(st.lists(some_days, min_size=len(bodies), max_size=len(bodies)))
    articles = corpus({f"a{i:02d}": b for i, b in enumerate(bodies)})
    return articles.assign(published=pd.to_datetime(pd.Series(dates, dtype=object)))


@settings(max_examples=40, deadline=None)
@given(corpora(), st.randoms(use_true_random=False), st.integers(1, 4))
def test_grouping_ignores_row_order_and_partitions(articles, random, n_parts):
    expected = stories_of(articles).sort_values("article_id", ignore_index=True)
    shuffled = articles.sample(frac=1, random_state=random.randint(0, 2**31)).reset_index(drop=True)
    bounds = sorted(random.sample(range(1, len(shuffled)), min(n_parts - 1, len(shuffled) - 1)))
    parts = [signatures(shuffled.iloc[a:b]) for a, b in zip([0, *bounds], [*bounds, len(shuffled)], strict=True)]
    got = group_copies(parts, shuffled.sample(frac=1, random_state=1)).sort_values("article_id", ignore_index=True)
    pd.testing.assert_frame_equal(got, expected)
    # every copy is verified against its own original, which is earlier and is no copy itself
    by_id = articles.set_index("article_id")["published"]
    for row in got[got["copy_of"].notna()].itertuples():
        assert pd.isna(got.set_index("article_id").loc[row.copy_of, "copy_of"])
        assert row.containment >= options()["min_containment"]
        original, copy = by_id[row.copy_of], by_id[row.article_id]
        assert pd.isna(copy) or (not pd.isna(original) and (original, row.copy_of) <= (copy, row.article_id))


# --- counts per story ---------------------------------------------------------------------------------------------


def test_story_counts_count_a_syndicated_story_once():
    mentions = pd.DataFrame({
        "article_id": ["orig", "orig", "copy", "other"], "sentence_id": [0, 1, 0, 0], "start": [0, 50, 0, 0],
        "end": [5, 55, 5, 5], "text": ["Paris"] * 4, "label": ["GPE"] * 4, "canonical": ["Paris"] * 4,
    })  # fmt: skip
    stories = pd.DataFrame({"article_id": ["orig", "copy", "other"], "story_id": ["orig", "orig", "other"],
                            "copy_of": ["orig" if a == "copy" else None for a in ["orig", "copy", "other"]]})
    counts = story_entity_counts(mentions, stories)
    assert counts.iloc[0][["canonical", "mentions", "articles", "stories"]].tolist() == ["Paris", 4, 3, 2]
    deduped = story_entity_counts(mentions, stories, dedupe=True)
    assert deduped.iloc[0][["mentions", "articles", "stories"]].tolist() == [3, 2, 2]


def test_story_counts_of_no_mentions_have_the_column():
    empty = pd.DataFrame(columns=["article_id", "canonical", "label"])
    stories = pd.DataFrame(columns=["article_id", "story_id", "copy_of"])
    counts = story_entity_counts(empty, stories)
    assert list(counts.columns) == ["canonical", "label", "mentions", "articles", "stories"]


# --- events reported by several articles --------------------------------------------------------------------------

DEFECTION_A = (
    "A Syrian air force colonel defected to Jordan on Thursday, flying his MiG-21 fighter jet to a military "
    "base near Amman. Jordan granted the pilot political asylum hours after he landed."
)
DEFECTION_B = (
    "Jordan said a Syrian pilot who landed his warplane at a base in the north of the country on Thursday had "
    "defected. The defection is the first of its kind since the uprising began."
)
UNRELATED = "Football fans in Manchester celebrated on Thursday after the club won the league title."


@pytest.fixture(scope="module")
def defection_corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = corpus({"wire": DEFECTION_A, "paper": DEFECTION_B, "sport": UNRELATED},
                      {"wire": "2012-06-22", "paper": "2012-06-22", "sport": "2012-06-22"})
    articles = articles.assign(source=["Wire", "Paper", "Sport"], text=articles["body"])
    timexes = extract_timexes(articles, progress=False)
    mentions = extract_mentions(articles, progress=False)
    return articles, extract_events(articles, timexes, mentions)


def test_two_articles_reporting_the_same_defection_are_one_story_event(defection_corpus):
    articles, events = defection_corpus
    table = story_events(events, articles, stories_of(articles))
    assert list(table.columns) == STORY_EVENT_COLUMNS
    both = table[table["n_articles"] == 2]
    assert len(both) == 1, table[["article_ids", "entities", "sentence"]]
    row = both.iloc[0]
    assert row["article_ids"] == ["paper", "wire"]  # same day: by article id
    assert row["sources"] == ["Paper", "Wire"] and row["n_stories"] == 2
    assert row["interval_start"] == pd.Timestamp("2012-06-21") and row["first_reported"] == pd.Timestamp("2012-06-22")
    # named by both reports, before `Amman` (one report); the nationality stays its own entity
    assert row["entities"][:2] == ["Jordan", "Syrian"]
    assert row["story_event_id"] == f"paper#{events.loc[events['article_id'] == 'paper', 'sentence_id'].iloc[0]}"
    # the football match on the same day shares no entity or event word: a story event of its own
    assert table["article_ids"].apply(lambda ids: "sport" in ids and len(ids) == 1).sum() == 1


def test_the_same_day_is_not_enough_with_too_few_shared_event_words(defection_corpus):
    articles, events = defection_corpus
    table = story_events(events, articles, event_min_words=3)  # they share `defect` and `base`
    assert (table["n_articles"] == 1).all()
    assert table["n_stories"].eq(1).all()


def test_events_far_apart_are_not_merged(defection_corpus):
    articles, events = defection_corpus
    later = events.copy()
    paper = later["article_id"] == "paper"
    later.loc[paper, ["interval_start", "interval_end"]] += pd.Timedelta(days=30)
    assert (story_events(later, articles)["n_articles"] == 1).all()


def test_story_timeline_draws_one_row_per_story_event_largest_first(defection_corpus):
    from toolkit.plots import story_timeline

    articles, events = defection_corpus
    table = story_events(events, articles)
    ax = story_timeline(table).axes[0]
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert len(labels) == 2 and any(label.endswith("(2 articles)") for label in labels)
    assert story_timeline(table, top=1).axes[0].get_yticklabels()[0].get_text().endswith("(2 articles)")
    assert story_timeline(table.iloc[0:0]).axes[0].texts[0].get_text() == "no story event on the calendar"
