"""Corpus-level repetition: a block shared by many articles goes, their own lines stay; counts add up."""

from __future__ import annotations

import pickle
import random

import pandas as pd

from toolkit.clean import LineCounts, clean_article, clean_corpus, line_repetition_counts, options, raw_lines
from toolkit.clean.normalise import normalise_line


def _synthetic_corpus(
    wikinews: pd.DataFrame, block: list[str], n: int = 30
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """`n` articles of real Wikinews paragraphs (no blank lines, as a scraper dump) that share `block`,
    shuffled differently in each, placed at the top, in the middle or at the end."""
    rng = random.Random(7)
    rows, own_lines = [], {}
    for i, text in enumerate(wikinews["text"].iloc[:n]):
        paragraphs = [
            line for line in (normalise_line(raw)[0] for raw in raw_lines(text)[1:]) if len(line) > 120
        ][:6]
        assert len(paragraphs) >= 2
        headlines = block[:]
        rng.shuffle(headlines)
        cut = [0, len(paragraphs) // 2, len(paragraphs)][i % 3]
        lines = paragraphs[:cut] + headlines + paragraphs[cut:]
        article_id = f"synthetic_{i:02d}"
        rows.append(
            {
                "article_id": article_id,
                "text": "\n".join(lines) + "\n",
                "title": None,
                "published": pd.NaT,
                "date_source": "none",
            }
        )
        own_lines[article_id] = paragraphs
    return pd.DataFrame(rows), own_lines


def test_a_shared_block_of_trending_headlines_goes_and_own_lines_stay(
    seed_text: str, wikinews: pd.DataFrame
) -> None:
    block = raw_lines(seed_text)[28:86]
    articles, own = _synthetic_corpus(wikinews, block)
    cleaned, lines = clean_corpus(articles, progress=False)
    for article_id, body in zip(cleaned["article_id"], cleaned["body"], strict=True):
        assert body.split("\n\n") == own[article_id], article_id
    block_keys = {normalise_line(line)[0] for line in block}
    in_block = lines[lines["text"].map(lambda t: normalise_line(t)[0] in block_keys)]
    assert len(in_block) == 30 * len(block)
    assert in_block["kind"].isin(["boilerplate"]).all()
    # in the middle of an article only the corpus signal can tell: the reason says so
    middle = in_block[in_block["article_id"] == "synthetic_01"]
    assert middle["reason"].str.match(r"^repeats in 30 of 30 articles$").all()


def test_without_the_corpus_a_block_in_the_middle_would_stay(seed_text: str, wikinews: pd.DataFrame) -> None:
    """The corpus test can fail: the same article cleaned alone keeps the headlines between its paragraphs
    (a box shorter than a break, `break_min_lines`: a longer one ends the run even without the corpus)."""
    headlines = [line for line in raw_lines(seed_text)[28:86] if not line.rstrip("'’").endswith(("...", "…"))]
    block = headlines[: int(options()["break_min_lines"]) - 1]
    articles, _ = _synthetic_corpus(wikinews, block, n=3)
    fields, _ = clean_article(articles.loc[1, "text"])
    assert any(headline in fields["body"] for headline in block)
    articles, own = _synthetic_corpus(wikinews, headlines, n=3)
    fields, _ = clean_article(articles.loc[1, "text"])
    assert not any(headline in fields["body"] for headline in headlines)
    assert fields["body"].split("\n\n") == own["synthetic_01"]  # both halves of the article stay


def test_line_counts_add_up_across_partitions_and_pickle(wikinews: pd.DataFrame) -> None:
    whole = line_repetition_counts(wikinews)
    parts = line_repetition_counts(wikinews.iloc[:100]) + line_repetition_counts(wikinews.iloc[100:])
    assert whole == parts and whole.n_articles == parts.n_articles == 295
    again = pickle.loads(pickle.dumps(whole))
    assert isinstance(again, LineCounts) and again == whole and again.n_articles == 295
