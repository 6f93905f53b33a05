"""Tables from the mentions table: counts per corpus and per article, co-occurrence."""

from __future__ import annotations

import pandas as pd

from toolkit.entities import cooccurrence, cooccurrence_pairs, count_entities, counts_per_article


def test_count_tables() -> None:
    mentions = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "b", "b"],
            "sentence_id": [0, 0, 1, 0, 0],
            "canonical": ["X", "Y", "X", "Y", "Z"],
            "label": ["ORG", "PERSON", "ORG", "PERSON", "GPE"],
        }
    )
    counts = count_entities(mentions)
    assert list(counts.columns) == ["canonical", "label", "mentions", "articles"]
    assert counts.values.tolist() == [["X", "ORG", 2, 1], ["Y", "PERSON", 2, 2], ["Z", "GPE", 1, 1]]
    per = counts_per_article(mentions)
    assert per.values.tolist() == [
        ["a", "X", "ORG", 2],
        ["a", "Y", "PERSON", 1],
        ["b", "Y", "PERSON", 1],
        ["b", "Z", "GPE", 1],
    ]
    pairs = cooccurrence_pairs(mentions)
    assert pairs[["entity_a", "entity_b", "sentences"]].values.tolist() == [["X", "Y", 1], ["Y", "Z", 1]]
    matrix = cooccurrence(mentions, top=2)
    assert list(matrix.index) == ["X", "Y"] and matrix.loc["X", "Y"] == matrix.loc["Y", "X"] == 1
    assert matrix.loc["X", "X"] == 0
    empty = count_entities(mentions.iloc[0:0])
    assert empty.empty and list(empty.columns) == list(counts.columns)
