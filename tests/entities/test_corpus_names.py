"""Canonical entities across a corpus: label votes, platforms, surnames joining their one full name; and the
bundled corpus's most mentioned entities."""

from __future__ import annotations

import pandas as pd

from toolkit.entities import count_entities
from toolkit.entities.corpus import apply_corpus_names, combine_summaries, corpus_names, name_summary

COLUMNS = ["article_id", "canonical", "label", "model_label", "context", "origin", "canonical_source"]


def mentions(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


CORPUS = mentions(
    [("a", "Donald Trump", "PERSON", "PERSON", "", "model", "model")] * 20
    + [("a", "Melania Trump", "PERSON", "PERSON", "", "model", "model")]
    + [("b", "Trump", "ORG", "ORG", "", "model", "model")] * 3
    + [("c", "Trump", "PERSON", "PERSON", "", "model", "model")] * 2
    + [("b", "Twitter", "PERSON", "PERSON", "platform", "model", "model")] * 2
    + [("c", "Twitter", "PERSON", "PERSON", "", "model", "model")] * 3
    + [
        ("d", "Red Hat Linux", "ORG", "ORG", "", "model", "model"),
        ("d", "Oracle Linux", "ORG", "ORG", "", "model", "model"),
    ]
    + [("d", "Rocky Linux", "PERSON", "PERSON", "", "model", "model")] * 4
    + [("d", "French", "NORP", "NORP", "", "model", "model")]
)


def test_summaries_of_partitions_add_up_to_the_corpus_summary() -> None:
    parts = [CORPUS.iloc[:10], CORPUS.iloc[10:]]
    combined = combine_summaries(name_summary(part) for part in parts)
    pd.testing.assert_frame_equal(combined, name_summary(CORPUS))


def test_a_dominant_full_name_takes_its_surname_across_articles() -> None:
    out = apply_corpus_names(CORPUS, corpus_names(name_summary(CORPUS)))
    trump = out[out["article_id"].isin(["b", "c"]) & out["canonical"].str.contains("Trump")]
    assert set(trump["canonical"]) == {"Donald Trump"} and set(trump["label"]) == {"PERSON"}
    assert set(trump["canonical_source"]) == {"corpus"}
    counts = count_entities(out)
    assert counts.loc[counts["canonical"] == "Donald Trump", "mentions"].tolist() == [25]


def test_a_surname_of_two_people_mentioned_alike_stays() -> None:
    even = pd.concat([CORPUS, mentions([("e", "Fred Trump", "PERSON", "PERSON", "", "model", "model")] * 20)])
    out = apply_corpus_names(even, corpus_names(name_summary(even)))
    assert "Trump" in set(out["canonical"])


def test_a_platform_and_a_product_line_are_not_persons_and_say_why() -> None:
    out = apply_corpus_names(CORPUS, corpus_names(name_summary(CORPUS)))
    twitter = out[out["canonical"] == "Twitter"]
    assert set(twitter["label"]) == {"PRODUCT"}
    assert twitter["origin"].str.contains("platform").all()
    assert set(out.loc[out["canonical"] == "Rocky Linux", "label"]) == {"ORG"}
    assert set(out.loc[out["canonical"] == "French", "label"]) == {"NORP"}


def test_bundled_corpus_top_entities_are_one_row_each_and_none_is_a_time_zone_or_a_platform_person() -> None:
    """The notebooks' charts: about 30 s (the pipeline on data/, parses cached)."""
    from toolkit.pipeline import run

    found = run("data", until="entities", progress=False)["mentions"]
    top = count_entities(apply_corpus_names(found, corpus_names(name_summary(found)))).head(20)
    names = set(top["canonical"])
    assert not names & {"UTC", "GMT", "EST"}
    assert not names & {"US", "U.S.", "USA", "Trump", "Biden"}
    assert {"United States", "Donald Trump", "Joe Biden"} <= names
    assert top["canonical"].is_unique
    persons = set(top.loc[top["label"] == "PERSON", "canonical"])
    assert not persons & {"Twitter", "Rocky Linux", "COVID-19", "Wikinews"}


def test_a_name_written_in_capitals_in_some_articles_takes_the_corpus_usual_case() -> None:
    corpus = mentions(
        [("a", "LONDON", "GPE", "GPE", "", "recased", "model")] * 3
        + [("b", "London", "GPE", "GPE", "", "model", "model")] * 2
        + [("c", "ATLANTA", "ORG", "GPE", "team", "model", "model")] * 2
        + [("d", "Atlanta", "GPE", "GPE", "", "model", "model")] * 3
        + [("e", "FRENCH", "NORP", "NORP", "", "model", "model"), ("f", "French", "NORP", "NORP", "", "model", "model")]
        + [("g", "NATO", "ORG", "ORG", "", "model", "model")]
    )
    out = apply_corpus_names(corpus, corpus_names(name_summary(corpus)))
    assert set(out["canonical"]) == {"London", "Atlanta", "French", "NATO"}
    assert set(out.loc[out["article_id"] == "c", "label"]) == {"ORG"}  # the club keeps its own label
    assert set(out.loc[out["article_id"].isin(["a", "c", "e"]), "canonical_source"]) == {"corpus"}


def test_a_club_read_in_its_article_keeps_its_label_and_does_not_make_its_city_a_club() -> None:
    corpus = mentions(
        [("a", "Chicago", "ORG", "GPE", "team", "model", "model")] * 3
        + [("b", "Chicago", "ORG", "GPE", "team", "model", "model")] * 3
        + [("c", "Chicago", "ORG", "ORG", "", "model", "model")]
        + [("d", "Chicago", "GPE", "GPE", "", "model", "model")] * 2
        + [("e", "Atlanta", "ORG", "ORG", "", "model", "model")]
        + [("f", "Atlanta", "GPE", "GPE", "", "model", "model")] * 2
    )
    out = apply_corpus_names(corpus, corpus_names(name_summary(corpus)))
    assert set(out.loc[out["article_id"].isin(["a", "b"]), "label"]) == {"ORG"}
    assert set(out.loc[out["article_id"] == "d", "label"]) == {"GPE"}
    assert set(out.loc[out["article_id"] == "e", "label"]) == {"GPE"}  # no context: the corpus's vote
