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


def test_core_range_leaves_out_a_far_outlier_and_nothing_from_an_even_spread():
    dates = pd.Series(pd.to_datetime(["2012-06-22"] + [f"2019-{m:02d}-15" for m in range(1, 13)] * 5))
    low, high, outside = plots.core_range(dates)
    assert (low, high, outside) == (pd.Timestamp("2019-01-15"), pd.Timestamp("2019-12-15"), 1)
    assert plots.core_range(pd.Series(range(100)))[2] == 0
    assert plots.core_range(pd.Series([], dtype=float)) == (None, None, 0)


def test_one_old_article_does_not_stretch_the_months_axis_and_the_title_says_so(cleaned):
    import matplotlib.dates as mdates

    articles, _ = cleaned
    dates = pd.to_datetime(["2012-06-22"] + [f"2019-{1 + i % 12:02d}-10" for i in range(len(articles) - 1)])
    fig = drawn(plots.articles_per_month(articles.assign(published=dates)))
    ax = fig.axes[0]
    assert mdates.num2date(ax.get_xlim()[0]).year >= 2018
    assert "1 outside 2019-01..2019-12 not drawn (2012-06)" in ax.get_title()
    assert all(label.get_rotation() == 0 for label in ax.get_xticklabels())


def test_titles_have_no_literal_backticks(cleaned):
    articles, _ = cleaned
    sweep = pd.DataFrame({"value": [1, 2], "dropped_lines": [3, 4], "articles_changed": [0, 1]})
    fig = plots.threshold_effect(sweep, option="short_penalty")
    assert "`" not in fig._suptitle.get_text() and "short_penalty" in fig._suptitle.get_text()


def test_stack_labels_puts_overlapping_labels_on_separate_levels():
    assert plots.stack_labels([0, 1, 2, 10], [5, 5, 5, 5]) == [0, 1, 2, 0]
    assert plots.stack_labels([0, 6], [5, 5], gap=0.5) == [0, 0]
    assert plots.stack_labels([0, 5.2], [5, 5], gap=0.5) == [0, 1]


def events_of(days: list[str], lane: str = "a") -> pd.DataFrame:
    start = pd.to_datetime(days)
    return pd.DataFrame({
        "article_id": lane, "interval_start": start, "interval_end": start, "timex": "today",
        "sentence": [f"Something happened on day {i} of the story." for i in range(len(days))],
        "entities": [[]] * len(days),
    })


def boxes(fig: Figure) -> list:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    return [t.get_window_extent(renderer) for t in fig.axes[0].texts]


def test_timeline_labels_of_close_events_do_not_overlap():
    events = pd.concat([events_of(["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-20"]),
                        events_of(["2020-01-01", "2020-01-05"], lane="b")])
    fig = drawn(plots.timeline(events, label_chars=40))
    extents = boxes(fig)
    assert len(extents) == 6
    overlapping = [(i, j) for i in range(len(extents)) for j in range(i) if extents[i].overlaps(extents[j])]
    assert not overlapping


def test_a_single_event_gets_a_date_axis_not_hours():
    import matplotlib.dates as mdates

    fig = drawn(plots.timeline(events_of(["2019-08-15"])))
    low, high = fig.axes[0].get_xlim()
    assert high - low >= 30
    assert all(":" not in mdates.num2date(t).strftime("%Y-%m-%d") for t in fig.axes[0].get_xticks())


def test_one_lane_gets_room_for_its_labels():
    days = [f"2020-01-{d:02d}" for d in range(1, 13)]
    fig = drawn(plots.timeline(events_of(days), label_chars=60))
    assert "left out" not in fig.axes[0].get_title(loc="left") and len(fig.axes[0].texts) == 12


def test_timeline_leaves_far_events_out_and_counts_them():
    days = ["1924-02-21"] + [f"2019-{m:02d}-01" for m in range(1, 13)] * 2
    fig = drawn(plots.timeline(events_of(days), max_labels=0))
    assert "1 event far from the others not drawn" in fig.axes[0].get_title(loc="left")


def test_timeline_thumbnail_counts_dated_events():
    fig = drawn(plots.timeline_thumbnail(events_of(["2020-01-01", "2020-02-01", "2020-02-03"])))
    assert fig.axes[0].get_title(loc="left") == "3 dated events per month"
    fig = plots.timeline_thumbnail(events_of([f"{year}-06-01" for year in range(2000, 2012)]))
    assert fig.axes[0].get_title(loc="left") == "12 dated events per year"
    fig = plots.timeline_thumbnail(events_of([]))
    assert "no event on the calendar" in [t.get_text() for t in fig.axes[0].texts]
