"""Figures: each function returns a Figure detached from pyplot, drawn from the step's own tables."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from toolkit import plots
from toolkit.clean import clean_corpus, dropped_by_reason, threshold_sweep
from toolkit.corpus import load_corpus
from toolkit.entities import cooccurrence, count_entities

from .conftest import DATA_DIR


@pytest.fixture(scope="module")
def cleaned() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = load_corpus(DATA_DIR, progress=False).articles.head(20)
    return clean_corpus(articles, progress=False)


def drawn(fig: Figure) -> Figure:
    assert isinstance(fig, Figure) and fig.axes, "nothing drawn"
    assert not plt.get_fignums(), "figures must not stay open in pyplot"
    return fig


def test_articles_per_month_counts_dated_and_undated(cleaned):
    articles, _ = cleaned
    articles = articles.assign(published=articles["published"].where(articles.index > 0))
    fig = drawn(plots.articles_per_month(articles))
    assert "19 dated, 1 undated" in fig.axes[0].get_title()


def test_an_undated_corpus_says_so_instead_of_an_empty_axis(cleaned):
    articles, _ = cleaned
    fig = plots.articles_per_month(articles.assign(published=pd.NaT))
    assert "no article has a publication date" in [t.get_text() for t in fig.axes[0].texts]


def test_cleaning_figures(cleaned):
    articles, lines = cleaned
    fig = drawn(plots.dropped_lines_by_reason(dropped_by_reason(lines)))
    assert fig.axes[0].patches
    sweep = threshold_sweep(articles.head(5), "length_low", [40, 70, 120])
    assert len(drawn(plots.threshold_effect(sweep, option="length_low")).axes) == 2


def test_entity_figures():
    mentions = pd.DataFrame({
        "article_id": ["a", "a", "a", "b", "b"], "sentence_id": [0, 0, 1, 0, 0], "start": [0, 10, 20, 0, 10],
        "end": [5, 15, 25, 5, 15], "text": ["Annan", "Syria", "Annan", "Annan", "Jordan"],
        "label": ["PERSON", "GPE", "PERSON", "PERSON", "GPE"], "canonical": ["Kofi Annan", "Syria", "Kofi Annan",
                                                                            "Kofi Annan", "Jordan"],
    })
    fig = drawn(plots.top_entities_by_label(count_entities(mentions), labels=["PERSON", "GPE"]))
    assert {ax.get_title() for ax in fig.axes if ax.get_title()} == {"PERSON (top 1)", "GPE (top 2)"}
    drawn(plots.cooccurrence_heatmap(cooccurrence(mentions, top=3)))
