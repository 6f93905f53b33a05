"""The headline is the headline-shaped line nearest the article, never a disclosure or a breadcrumb; a
byline with the date, or a labelled date line, is the dateline and dates an article without metadata."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.clean import clean_article, clean_corpus
from toolkit.clean.dates import BYLINE_DATE, is_date_line

PARAGRAPHS = [
    "The new store opened on Saturday morning with a long queue of shoppers who had waited outside in the "
    "cold for more than two hours, some of them since before dawn, to be among the first through the doors.",
    "The owners said they had chosen the location because the neighbourhood had lacked a grocery for years, "
    "and that they expected to hire another twenty people from the area before the end of the year.",
]


def page(*above: str) -> str:
    return "\n".join(["Home", "Shop", "Recipes", *above, *PARAGRAPHS, "Contact us", "Privacy policy"])


@pytest.mark.parametrize(
    "line",
    [
        "By Regan Smith September 15, 2014",
        "by Regan September 15, 2014",
        "By Jane Doe | Sept. 3, 2019",
        "Posted by admin on March 3, 2018",
        "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.",
    ],
)
def test_a_byline_with_the_date_is_a_date_line(line: str) -> None:
    assert BYLINE_DATE.match(line) and is_date_line(line)


@pytest.mark.parametrize("line", ["By Max Brenn", "by the time he arrived on March 3, 2018 the shop was shut"])
def test_a_byline_without_a_date_or_a_sentence_is_not(line: str) -> None:
    assert not is_date_line(line)


def test_a_disclosure_below_the_headline_is_not_the_title() -> None:
    fields, lines = clean_article(
        page(
            "A new grocery opens its doors in the old town",
            "by Regan September 15, 2014",
            "This shop has been compensated by Collective Bias, Inc. and its advertiser",
        )
    )
    assert fields["title"] == "A new grocery opens its doors in the old town"
    assert fields["dateline"] == "by Regan September 15, 2014"
    assert fields["dateline_date"] == pd.Timestamp("2014-09-15")
    dateline = lines[lines["text"] == "by Regan September 15, 2014"]
    assert dateline["kind"].item() == "dateline"
    assert dateline["reason"].item() == "byline with the date above the article"


def test_a_breadcrumb_nearer_the_article_is_not_the_title() -> None:
    fields, _ = clean_article(page("A new grocery opens its doors in the old town", "Home » Local news » Shops"))
    assert fields["title"] == "A new grocery opens its doors in the old town"


def test_a_byline_date_dates_an_article_without_metadata() -> None:
    articles = pd.DataFrame(
        {
            "article_id": ["byline", "published", "dated"],
            "text": [
                page("A new grocery opens its doors", "By Regan Smith September 15, 2014"),
                page("A new grocery opens its doors", "Published 3:12 PM ET Tue, 19 Nov 2019"),
                page("A new grocery opens its doors", "By Regan Smith September 15, 2014"),
            ],
            "published": pd.to_datetime([None, None, "2014-09-14"]),
            "date_source": ["none", "none", "metadata"],
        }
    )
    cleaned, _ = clean_corpus(articles, progress=False)
    assert list(cleaned["date_source"]) == ["inferred", "inferred", "metadata"]
    assert list(cleaned["published"]) == [pd.Timestamp(d) for d in ("2014-09-15", "2019-11-19", "2014-09-14")]
    assert list(cleaned["dateline"]) == [
        "By Regan Smith September 15, 2014",
        "Published 3:12 PM ET Tue, 19 Nov 2019",
        "By Regan Smith September 15, 2014",
    ]
