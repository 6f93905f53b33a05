"""The timeline step: temporal expressions of each article normalised against its reference date (`timexes`),
and the dated sentences as events (`events`).

Reference date of an article (DESIGN.md): `articles.published` (metadata, or inferred from a dateline by
the cleaner), else the first complete calendar date stated in the lead of the clean body (the first
`body_date_chars` characters; the boilerplate is already gone from `body`), else none. With no reference
date, relative expressions are not put on the calendar: they keep `offset_start`/`offset_end` in days from
publication (day 0) and NaT intervals.

`timexes` has the DESIGN.md columns `article_id, sentence_id, start, end, text, type, value, mod,
interval_start, interval_end, granularity, anchor` plus:
- `offset_start, offset_end`: days from the reference (publication) date, float, NaN when not relative
  (approximate for months and years when no reference date is known);
- `tense`: the tense of the governing verb (`past`, `present`, `future`, or None when no verb decides), only
  where the value depends on it (weekdays, months without a year...), else None;
- `reference`: the reference date used (NaT when none) and `reference_source` (`published`, `body` or `none`);
- `sentence_start, sentence_end`: character offsets of the sentence in the body (cut at line breaks: a
  sentence never runs across paragraphs); `rule`: which rule found
  the expression (`spacy:DATE` for a spaCy span that the rules could only read inside).
Reference words (`now` -> PRESENT_REF, `recently` -> PAST_REF, `soon` -> FUTURE_REF) are rows too; they
have no interval. Intervals are inclusive days.

Modules: `options` (the `[timeline]` options), `references` (reference dates), `tense` (clause tense and the
tagging of the sentences that need it), `extract` (the `timexes` rows), `events` (the `events` table).
"""

from toolkit.timeline.events import EVENT_COLUMNS, concat_events, event_words, events_frame, extract_events
from toolkit.timeline.extract import (
    COMPONENTS,
    REF_VALUES,
    TIMEX_COLUMNS,
    ParsedArticle,
    article_timexes,
    concat_timexes,
    corpus_timex_rows,
    extract_timexes,
    timex_rows,
    timexes_frame,
    unresolved_timexes,
)
from toolkit.timeline.options import DEFAULTS, build_options
from toolkit.timeline.references import body_reference_date, reference_dates
from toolkit.timeline.tense import TENSE_COMPONENTS, clause_tense, tagged_sentence, tagged_sentences

__all__ = [
    "COMPONENTS", "DEFAULTS", "EVENT_COLUMNS", "REF_VALUES", "TENSE_COMPONENTS", "TIMEX_COLUMNS", "ParsedArticle",
    "article_timexes", "body_reference_date", "build_options", "clause_tense", "concat_events", "concat_timexes",
    "corpus_timex_rows", "event_words", "events_frame", "extract_events", "extract_timexes", "reference_dates",
    "tagged_sentence", "tagged_sentences", "timex_rows", "timexes_frame", "unresolved_timexes",
]  # fmt: skip
