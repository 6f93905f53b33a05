"""Choosing the article's runs of lines from their weights: the best run, fences, further runs."""

from __future__ import annotations

from toolkit.clean import options
from toolkit.clean.regions import best_run, regions


def test_the_best_run_takes_short_lines_between_prose_and_leaves_a_costly_menu() -> None:
    assert best_run([-3.0, 20.0, -3.0, 20.0, -30.0, 5.0], 0, 6) == (37.0, 1, 4)
    assert best_run([-3.0, -6.0], 0, 2) == (0.0, 0, 0)


def test_nothing_after_a_comments_heading_that_follows_the_article_counts() -> None:
    weights = [20.0, 20.0, -6.0, 50.0, 50.0]
    good = [True] * 5
    fenced = regions(weights, good, ["", "", "comments", "", ""], options())
    assert fenced == [(0, 2)]
    assert regions(weights, good, [""] * 5, options()) == [(0, 5)]


def test_a_run_past_a_related_heading_joins_only_when_it_is_near() -> None:
    near = [20.0, 20.0, -6.0, 30.0, 30.0]
    assert regions(near, [True] * 5, ["", "", "related", "", ""], options()) == [(0, 2), (3, 5)]
    far = [20.0, 20.0, -6.0, -3.0, -3.0, -3.0, -3.0, 30.0, 30.0]
    fences = ["", "", "related"] + [""] * 6
    assert regions(far, [True] * 9, fences, options(near_gap=3)) == [(0, 2)]


def test_a_run_does_not_cross_a_break_and_a_block_past_one_needs_half_the_articles_weight() -> None:
    # a sidebar's prose, a menu of 15 lines, the article: the sidebar outweighs the menu, but is not the article
    weights = [30.0, 40.0] + [-3.0] * 15 + [100.0, 100.0]
    good = [True, True] + [False] * 15 + [True, True]
    fences = [""] * len(weights)
    assert regions(weights, good, fences, options()) == [(0, 19)]
    assert regions(weights, good, fences, options(), breaks=frozenset({2})) == [(17, 19)]
    # the first half of an article split by a long box of links weighs as much as the rest: it joins
    halves = [90.0, 40.0] + [-3.0] * 15 + [100.0, 100.0]
    assert regions(halves, good, fences, options(), breaks=frozenset({2})) == [(0, 2), (17, 19)]
