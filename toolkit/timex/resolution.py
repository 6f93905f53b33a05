"""What resolving a temporal expression gives (`Resolution`) and what it is read against (`Context`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

TYPES = ("DATE", "TIME", "DURATION", "SET")
ANCHORS = ("publication", "explicit", "previous", "none")
TENSES = ("past", "present", "future")


@dataclass(frozen=True)
class Resolution:
    """One normalised temporal expression. `value` is TIMEX3 style (`2012-06-21`, `2011-08`, `P15M`,
    `XXXX-WXX-4` when the calendar position is unknown, `PRESENT_REF`), `None` when nothing could be read.
    `interval_*` are inclusive days (None when not on the calendar); `offset_*` are days from the reference
    date, filled for relative expressions (also when no reference date is known)."""

    type: str = "DATE"
    value: str | None = None
    mod: str | None = None
    interval_start: pd.Timestamp | None = None
    interval_end: pd.Timestamp | None = None
    granularity: str | None = None
    anchor: str = "none"
    offset_start: float | None = None
    offset_end: float | None = None

    @property
    def resolved(self) -> bool:
        """True when the value says something definite (no unknown `X` digits and not empty)."""
        return bool(self.value) and "X" not in self.value.split("T")[0].replace("PX", "P1")

    @property
    def on_calendar(self) -> bool:
        return self.interval_start is not None and self.interval_end is not None


UNRESOLVED = Resolution()


@dataclass(frozen=True)
class Context:
    """What an expression is read against: the reference day, the governing verb's tense, the article's
    earlier resolutions (`previous` the last of them) and the reading options."""

    ref: date | None
    tense: str | None
    previous: Resolution | None
    default_tense: str
    same_weekday_past: str
    history: tuple[Resolution, ...] = ()

    def topic(self, granularity: str) -> Resolution | None:
        """The latest period of `granularity` the article named itself (not derived from another date):
        what `the quarter` or `a year earlier` refer to in a results report."""
        for res in reversed(self.history):
            if res.granularity == granularity and res.anchor in ("publication", "explicit") and res.on_calendar:
                return res
        return None


def effective_tense(ctx: Context) -> str:
    """The clause's tense, or the default tense when the clause gives none."""
    return ctx.tense if ctx.tense in TENSES else ctx.default_tense


def make_context(
    reference: pd.Timestamp | date | str | None,
    tense: str | None,
    previous: Resolution | Sequence[Resolution] | None,
    default_tense: str,
    same_weekday_past: str,
) -> Context:
    """The context of the public resolvers' arguments: unknown tenses dropped, `previous` as a history."""
    if isinstance(previous, Resolution) or previous is None:
        history: tuple[Resolution, ...] = (previous,) if previous is not None else ()
    else:
        history = tuple(r for r in previous if isinstance(r, Resolution))
    return Context(to_date(reference), tense if tense in TENSES else None, history[-1] if history else None,
                   default_tense if default_tense in TENSES else "past", same_weekday_past, history)  # fmt: skip


def timestamp(d: date | None) -> pd.Timestamp | None:
    """`d` as a pandas Timestamp; None outside the years a Timestamp can hold."""
    if d is None or not (1678 <= d.year <= 2261):
        return None
    return pd.Timestamp(d)


def to_date(value) -> date | None:  # noqa: ANN001 - any date-like value, or missing
    """The day of a date-like value (Timestamp, date, ISO string); None when missing or unreadable."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return date(value.year, value.month, value.day)
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(ts) else date(ts.year, ts.month, ts.day)


def checked(res: Resolution) -> Resolution:
    """Guarantee the invariants: both interval ends or neither, start <= end; offsets ordered."""
    start, end = res.interval_start, res.interval_end
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        start = end = None
    elif start > end:
        start, end = end, start
    o1, o2 = res.offset_start, res.offset_end
    if o1 is not None and o2 is not None and o1 > o2:
        o1, o2 = o2, o1
    if res.type not in TYPES:
        res = replace(res, type="DATE")
    if (start, end, o1, o2) == (res.interval_start, res.interval_end, res.offset_start, res.offset_end):
        return res  # already whole (the usual case): no copy
    return replace(res, interval_start=start, interval_end=end, offset_start=o1, offset_end=o2)
