"""A corpus: no Wikinews body line lost, datelines that date the articles, the loader's columns kept."""

from __future__ import annotations

import re

import pandas as pd

from toolkit.clean import clean_corpus, dropped_by_reason, raw_lines
from toolkit.clean.normalise import normalise_line


def test_wikinews_articles_lose_no_body_line(
    wikinews: pd.DataFrame, cleaned: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    articles, lines = cleaned
    bodies = articles.set_index("article_id")["body"]
    for article_id, text in zip(wikinews["article_id"], wikinews["text"], strict=True):
        kept = set(bodies[article_id].split("\n\n"))
        own = [normalise_line(raw)[0] for raw in raw_lines(text)]
        own = [line for line in own if line]
        assert own, article_id
        # a first line such as `Friday, January 4, 2019` is the dateline (2020 texts often have none);
        # every other line (paragraph, caption, list item, interview turn) is in the body
        if re.fullmatch(r"\w+day, \w+ \d{1,2}, \d{4}", own[0]):
            own = own[1:]
        missing = [line for line in own if line not in kept]
        assert not missing, (article_id, missing[:3])
    wiki_lines = lines[lines["article_id"].str.startswith("wikinews_")]
    dropped = wiki_lines[wiki_lines["kind"].isin(["boilerplate", "duplicate"])]
    # the only line ever dropped is a verbatim second copy of a caption (its text stays in the body)
    assert (dropped["kind"] == "duplicate").all()


def test_wikinews_dateline_is_taken_out_and_dates_the_article(wikinews: pd.DataFrame) -> None:
    undated = wikinews.assign(published=pd.NaT, date_source="none").head(40)
    articles, lines = clean_corpus(undated, progress=False)
    assert (articles["date_source"] == "inferred").all()
    expected = pd.to_datetime(wikinews.head(40)["published"]).to_numpy()
    assert (articles["published"].to_numpy() == expected).all()
    assert articles["dateline"].str.match(r"^\w+day, \w+ \d{1,2}, \d{4}$").all()
    assert not articles["body"].str.contains(r"^\w+day, \w+ \d{1,2}, 20\d\d$", regex=True).any()
    first = lines[lines["kind"] != "blank"].groupby("article_id")["kind"].first()
    assert set(first) == {"dateline"}


def test_clean_corpus_keeps_loader_columns_and_metadata_dates(
    corpus: pd.DataFrame, cleaned: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    articles, lines = cleaned
    assert list(articles.columns) == [*corpus.columns, "language"]  # the loader's columns, then the language
    wiki = articles[articles["article_id"].str.startswith("wikinews_")]
    assert (wiki.loc[wiki["body"] != "", "language"] == "en").all()  # one text is its dateline alone
    assert articles["article_id"].tolist() == corpus["article_id"].tolist()
    assert (articles["date_source"] == corpus["date_source"]).all()
    assert articles["n_body_lines"].dtype == "Int64"
    assert (
        articles["n_raw_lines"]
        == lines.groupby("article_id", sort=False).size().reindex(articles["article_id"]).to_numpy()
    ).all()
    assert set(dropped_by_reason(lines).columns) == {"kind", "reason", "lines"}
