"""Temporal expressions: find them in plain text and normalise them to TIMEX3 values and calendar intervals.

Everything here is pure Python (no spaCy): `find_timexes(text)` returns candidate spans with TIMEX3-style
extents, `resolve_timex(text, reference, tense=..., previous=...)` normalises one expression against a
reference (publication) date. The rules follow HeidelTime's news conventions:

- weekday names and months/seasons/days without a year are resolved by the tense of the governing verb
  (past: the most recent occurrence, future: the next one, present: the nearest one); a weekday equal
  to the reference day's weekday is the reference day itself; with no tense cue `default_tense` decides;
- `yesterday`, `last week`, `a year ago` count from the reference date (anchor `publication`);
  `two weeks later`, `a year earlier`, `the following day` count from the previous date of the article
  (anchor `previous`); absolute dates are anchor `explicit`;
- `early/mid/late/the end of` set the TIMEX3 `mod` (START, MID, END) and narrow the interval to its first,
  middle or last third;
- durations give `P15M`-style values; when they describe something up to now (`15-month uprising`,
  `the past two years`) their interval ends at the reference date;
- with no reference date nothing is put on the calendar: relative expressions get `offset_start` and
  `offset_end` in days from publication (day 0); months and years count 30.44 and 365.25 days, so those
  offsets are approximate.

Intervals are inclusive calendar days (`interval_end` is the last day covered, at midnight).

The package: `engine` (rules, the prefilter, matching, overlaps), `rules/` (one module per family of
expressions, each rule with examples), `calendar` (periods and their arithmetic), `numbers`, `lexicon`,
`units` (durations) and `resolution` (what a reading gives and what it is read against).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

import pandas as pd

from toolkit.timex.engine import RESOLVER_ERRORS, Candidate, Example, Handler, Match, Rule, RuleSet
from toolkit.timex.lexicon import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS
from toolkit.timex.numbers import ORDINALS, parse_number
from toolkit.timex.resolution import ANCHORS, TENSES, TYPES, UNRESOLVED, Resolution, make_context
from toolkit.timex.rules import RULES
from toolkit.timex.rules.days import HOLIDAYS
from toolkit.timex.rules.years import is_clock_time
from toolkit.timex.units import UNITS

__all__ = [
    "ANCHORS", "HOLIDAYS", "MONTHS", "ORDINALS", "PARTS_OF_DAY", "RULES", "SEASONS", "TENSES", "TYPES", "UNITS",
    "UNRESOLVED", "WEEKDAYS", "Candidate", "Example", "Handler", "Match", "Resolution", "Rule", "context_ok",
    "find_timexes", "is_clock_time", "matches", "parse_number", "resolve_in_text", "resolve_timex", "rule_names",
]  # fmt: skip

_RULE_SET = RuleSet(RULES)


def matches(text: str) -> Iterator[Match]:
    """Every non-empty match of every rule in `text`, rule by rule in priority order (before the context
    checks and the overlaps are settled)."""
    return _RULE_SET.matches(text)


def find_timexes(text: str, *, context_filters: bool = True) -> list[Candidate]:
    """Temporal expressions in `text`, longest first where they overlap, in text order.
    `context_filters` applies each rule's check of the surrounding words (off when reading one expression)."""
    return _RULE_SET.find(text, context_filters=context_filters)


def _normalise_text(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2013", "-").split())


def resolve_timex(
    text: str,
    reference: pd.Timestamp | date | str | None,
    *,
    tense: str | None = None,
    previous: Resolution | Sequence[Resolution] | None = None,
    default_tense: str = "past",
    same_weekday_past: str = "reference",
) -> Resolution:
    """Normalise one temporal expression against the `reference` (publication) date.

    `tense` is the tense of the governing verb (`past`, `present`, `future`, or None: `default_tense`);
    `previous` is the resolution of the previous date of the article, for `two weeks later` (or all the
    article's earlier resolutions in order, the last being the previous one: `the quarter` and `a year
    earlier` in a results report refer to the quarter the article is about);
    `same_weekday_past` says what a weekday equal to the reference day's weekday means in a past-tense
    clause (`reference`: that day, as news wire usage has it; `previous_week`: seven days before).
    Never raises: text that no rule reads gives a Resolution with `value=None`."""
    try:
        clean = _normalise_text(text or "")
        if not clean:
            return UNRESOLVED
        return _RULE_SET.resolve(clean, make_context(reference, tense, previous, default_tense, same_weekday_past))
    except RESOLVER_ERRORS:
        return UNRESOLVED


def resolve_in_text(
    text: str,
    start: int,
    end: int,
    reference: pd.Timestamp | date | str | None,
    *,
    rule: str | None = None,
    tense: str | None = None,
    previous: Resolution | Sequence[Resolution] | None = None,
    default_tense: str = "past",
    same_weekday_past: str = "reference",
) -> Resolution:
    """Like `resolve_timex` for the expression at `text[start:end]` found by rule `rule`, read where it stands
    (`for weeks` is a duration because of the `for` before it). Falls back to `resolve_timex` on the span."""
    options = {"tense": tense, "previous": previous, "default_tense": default_tense,
               "same_weekday_past": same_weekday_past}  # fmt: skip
    try:
        ctx = make_context(reference, tense, previous, default_tense, same_weekday_past)
        res = _RULE_SET.resolve_at(text, start, end, rule, ctx)
    except RESOLVER_ERRORS:
        res = None
    if res is not None:
        return res
    return resolve_timex(text[start:end], reference, **options)


def context_ok(text: str, start: int, end: int, rule_name: str) -> bool:
    """Whether rule `rule_name` accepts the expression at `start:end` given the words around it in `text`."""
    return _RULE_SET.accepts(text, start, end, rule_name)


def rule_names() -> list[str]:
    """Names of the rules in priority order (for documentation and tests)."""
    return [r.name for r in RULES]
