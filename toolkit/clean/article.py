"""Cleaning one article: its lines shaped, repeated lines marked, lists found, the body chosen, the
structure labelled; then its fields and one `lines` row per raw line. Pure, so a corpus can be split
across processes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from toolkit.clean.body import choose_body
from toolkit.clean.lines import DROPPED_KINDS, LINE_COLUMNS, Draft, raw_lines
from toolkit.clean.lists import mark_lists
from toolkit.clean.options import options
from toolkit.clean.repetition import find_duplicates, mark_repeated
from toolkit.clean.shape import mark_comment_thread, mark_credits_and_captions, mark_signed_comments, read_lines
from toolkit.clean.structure import label_structure
from toolkit.clean.teasers import mark_teasers
from toolkit.clean.wrapping import join_wrapped


def clean_article(
    raw_text: str,
    *,
    article_id: str = "article",
    corpus_line_counts: Mapping[str, int] | None = None,
    n_articles: int | None = None,
    title: str | None = None,
    **overrides: Any,
) -> tuple[dict[str, Any], pd.DataFrame]:
    """Classify every raw line of one article; return the article fields and its `lines` table.

    `corpus_line_counts` (from `line_repetition_counts`) turns on the corpus-repetition rule; the number
    of articles is its `n_articles` attribute or the `n_articles` argument. `title` is a known headline
    (from metadata): a line equal to it is the title. Other keyword options override the thresholds in
    the `[clean]` settings (see `options()`).
    """
    fields, columns = clean_article_columns(
        raw_text,
        article_id=article_id,
        corpus_line_counts=corpus_line_counts,
        n_articles=n_articles,
        title=title,
        opts=options(**overrides),
    )
    return fields, lines_frame(columns)


def clean_article_columns(
    raw_text: str,
    *,
    article_id: str,
    corpus_line_counts: Mapping[str, int] | None,
    n_articles: int | None,
    title: str | None,
    opts: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """`clean_article` with its `lines` rows as columns of plain lists: a corpus types one table per
    partition instead of building a DataFrame per article (that was 40% of the cleaning time)."""
    raws = raw_lines(raw_text if isinstance(raw_text, str) else "")
    draft = Draft(read_lines(raws, opts), opts)
    join_wrapped(draft.lines, opts)
    mark_credits_and_captions(draft.lines)
    mark_comment_thread(draft.lines)
    mark_signed_comments(draft.lines)
    mark_repeated(draft.lines, corpus_line_counts, n_articles, opts)
    mark_lists(draft.lines, opts)
    mark_teasers(draft.lines, opts)
    draft.duplicate_of = find_duplicates(draft.lines, opts)
    choose_body(draft)
    label_structure(draft, title)
    return article_fields(draft, raws), line_columns(draft, raws, article_id)


def line_columns(draft: Draft, raws: list[str], article_id: str) -> dict[str, list[Any]]:
    """The `lines` rows of an article, one per raw line, as columns; blank lines are `blank` with no reason.

    A kept line's reason ends with the normalisations applied to it."""
    kinds = ["blank"] * len(raws)
    reasons = [""] * len(raws)
    scores = [0.0] * len(raws)
    for pos, line in enumerate(draft.lines):
        kinds[line.index] = draft.kind_of[pos]
        note = draft.reason_of.get(pos, "")
        if line.changes and draft.kind_of[pos] not in DROPPED_KINDS:
            note = "; ".join(filter(None, [note, "normalised: " + ", ".join(line.changes)]))
        reasons[line.index] = note
        scores[line.index] = round(line.weight, 3)
    return {
        "article_id": [article_id] * len(raws),
        "line_no": list(range(1, len(raws) + 1)),
        "text": raws,
        "kind": kinds,
        "reason": reasons,
        "score": scores,
    }


def article_fields(draft: Draft, raws: list[str]) -> dict[str, Any]:
    """The article's fields: section, title, dateline (and its date), standfirst, body and line counts."""
    body = [draft.body_texts[pos] for pos in draft.body_positions if draft.body_texts[pos]]
    dropped = sum(1 for pos in range(len(draft.lines)) if draft.kind_of[pos] in DROPPED_KINDS)
    return {
        **draft.fields,
        "body": "\n\n".join(body),  # one paragraph per line, a blank line between paragraphs
        "n_raw_lines": len(raws),
        "n_body_lines": len(draft.body_positions),
        "n_dropped_lines": dropped,
    }


def lines_frame(columns: Mapping[str, list[Any]]) -> pd.DataFrame:
    """The typed `lines` table from columns of plain lists."""
    return pd.DataFrame(
        {
            "article_id": pd.Series(columns["article_id"], dtype=object),
            "line_no": pd.Series(columns["line_no"], dtype="int64"),
            "text": pd.Series(columns["text"], dtype=object),
            "kind": pd.Series(columns["kind"], dtype=object),
            "reason": pd.Series(columns["reason"], dtype=object),
            "score": pd.Series(columns["score"], dtype="float64"),
        },
        columns=LINE_COLUMNS,
    )
