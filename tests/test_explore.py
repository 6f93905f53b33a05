"""The exploration functions through their Python API (the widgets only choose their arguments), and each
widget built and driven once."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import explore
from toolkit.clean import clean_corpus
from toolkit.corpus import load_corpus

from .conftest import DATA_DIR, SEED_ID


@pytest.fixture(scope="module")
def cleaned() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    corpus = load_corpus(DATA_DIR, progress=False).articles.head(15)
    articles, lines = clean_corpus(corpus, progress=False)
    return corpus, articles, lines


def mention_rows(body: str, article_id: str, names: list[tuple[str, str]]) -> list[dict]:
    rows = []
    for text, canonical in names:
        start = body.index(text)
        rows.append({"article_id": article_id, "sentence_id": 0, "start": start, "end": start + len(text),
                     "text": text, "label": "PERSON", "canonical": canonical})
    return rows


@pytest.fixture()
def small() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "published": pd.to_datetime(["2020-01-05", "2020-01-20", None]),
        "body": ["Kofi Annan spoke. Then Annan left.\nNew paragraph about Annan",
                 "Talks ended. Ms. Smith met Annan in Geneva! Nothing else.",
                 "Annan, undated."],
    })
    rows = (mention_rows(articles.at[0, "body"], "a", [("Kofi Annan", "Kofi Annan"), ("Then Annan", "Kofi Annan")])
            + mention_rows(articles.at[1, "body"], "b", [("Smith", "Jane Smith"), ("Annan", "Kofi Annan")])
            + mention_rows(articles.at[2, "body"], "c", [("Annan", "Kofi Annan")]))
    rows[1].update(start=rows[1]["start"] + 5, text="Annan")  # "Annan" of "Then Annan left."
    last = articles.at[0, "body"].rindex("Annan")
    rows.insert(2, {"article_id": "a", "sentence_id": 2, "start": last, "end": last + 5, "text": "Annan",
                    "label": "PERSON", "canonical": "Kofi Annan"})
    return pd.DataFrame(rows), articles


def test_article_with_most_breaks_ties_by_id_and_ignores_zero():
    assert explore.article_with_most(pd.Series({"b": 3, "a": 3, "c": 1})) == "a"
    assert explore.article_with_most(pd.Series({"a": 0})) is None
    assert explore.article_with_most(pd.Series(dtype=int)) is None


def test_mentions_in_context_gives_the_sentence_with_the_mention_marked(small):
    mentions, articles = small
    context = explore.mentions_in_context(mentions, articles, "Kofi Annan")
    assert context["sentence"].tolist() == [
        "«Kofi Annan» spoke.",
        "Then «Annan» left.",
        "New paragraph about «Annan»",
        "Ms. Smith met «Annan» in Geneva!",
        "«Annan», undated.",
    ]
    assert context["article_id"].tolist() == ["a", "a", "a", "b", "c"]  # by date, undated last
    assert context.loc[3, "before"] == "Ms. Smith met " and context.loc[3, "after"] == " in Geneva!"
    assert explore.mentions_in_context(mentions, articles, "Nobody").empty
    html = explore.context_html(context)
    assert html.count("<mark>") == 5 and "2020-01-20" in html


def test_find_entities_exact_name_first_then_partial_matches(small):
    mentions, _ = small
    assert explore.find_entities(mentions, "kofi annan") == ["Kofi Annan"]
    assert explore.find_entities(mentions, "smi") == ["Jane Smith"]
    assert explore.find_entities(mentions, "  ") == []


def test_entity_over_time_counts_dated_articles_per_month(small):
    mentions, articles = small
    frame = explore.entity_over_time(mentions, articles, "Jane Smith")
    assert frame[["mentions", "articles", "articles_in_period"]].values.tolist() == [[1, 1, 2]]
    assert frame["share"].tolist() == [0.5]


def test_narrow_events_by_entity_and_overlapping_dates():
    events = pd.DataFrame({
        "article_id": ["a", "a", "b"],
        "interval_start": pd.to_datetime(["2020-01-01", "2020-03-01", "2020-02-01"]),
        "interval_end": pd.to_datetime(["2020-01-31", "2020-03-01", "2020-02-01"]),
        "entities": [["X", "Y"], ["Y"], []],
    })
    assert explore.narrow_events(events, entity="Y")["article_id"].tolist() == ["a", "a"]
    assert len(explore.narrow_events(events, start="2020-01-15", end="2020-02-01")) == 2
    assert explore.narrow_events(events, entity="X", start="2020-02-01").empty
    assert len(explore.narrow_events(events)) == 3


def test_lines_moved_shows_what_switching_off_the_teaser_rule_changes(cleaned):
    corpus, _, lines = cleaned
    moved = explore.lines_moved(corpus, lines, article_ids=[SEED_ID], teaser_max_words=0)
    assert len(moved) > 0 and set(moved["article_id"]) == {SEED_ID}
    assert (moved["kind"] != moved["new_kind"]).all()
    assert "ellipsis teaser" in set(moved["reason"])
    assert explore.lines_moved(corpus, lines, article_ids=[SEED_ID]).empty  # the defaults change nothing


def test_article_lines_html_colours_one_article(cleaned):
    _, _, lines = cleaned
    html = explore.article_lines_html(lines, SEED_ID)
    assert "line-through" in html and "ellipsis teaser" in html


def test_each_widget_builds_and_follows_its_control(cleaned, small):
    corpus, articles, lines = cleaned
    box = explore.article_explorer(lines, first=SEED_ID)
    picker, out = box.children
    assert picker.value == SEED_ID
    other = sorted(lines["article_id"].unique())[1]
    picker.value = other
    assert out.outputs[0]["data"]["text/html"] == explore.article_lines_html(lines, other)
    slider = explore.threshold_explorer(corpus, lines, option="teaser_max_words", values=[0, 40],
                                        article_id=SEED_ID).children[0]
    slider.value = 40
    mentions, small_articles = small
    text = explore.entity_explorer(mentions, small_articles, first="annan").children[0]
    text.value = "smith"
    assert "Jane Smith" in explore.entity_explorer(mentions, small_articles, first="smith").children[1].outputs[0][
        "data"]["text/html"]
    events = pd.DataFrame({
        "article_id": ["a"], "interval_start": pd.to_datetime(["2020-01-01"]),
        "interval_end": pd.to_datetime(["2020-01-01"]), "entities": [["X"]], "timex": ["today"],
        "sentence": ["X said so today."],
    })
    controls = explore.timeline_explorer(events).children[0].children
    controls[0].value = "X"
