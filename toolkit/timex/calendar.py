"""Calendar arithmetic for temporal expressions: periods (days to centuries) with their TIMEX3 values,
shifting and narrowing them, holidays' days, and the year or week a tense picks for a name without one."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from toolkit.timex.resolution import Context, Resolution, effective_tense, timestamp


@dataclass(frozen=True)
class Period:
    """A calendar period during resolution: TIMEX3 value, first and last day, granularity."""

    value: str
    start: date
    end: date
    granularity: str


SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def day(d: date) -> Period:
    return Period(d.isoformat(), d, d, "day")


def month(y: int, m: int) -> Period:
    last = calendar.monthrange(y, m)[1]
    return Period(f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, last), "month")


def year(y: int) -> Period:
    return Period(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def quarter(y: int, q: int) -> Period:
    start = date(y, 3 * q - 2, 1)
    end_m = 3 * q
    return Period(f"{y:04d}-Q{q}", start, date(y, end_m, calendar.monthrange(y, end_m)[1]), "quarter")


def half(y: int, h: int) -> Period:
    return Period(f"{y:04d}-H{h}", date(y, 6 * h - 5, 1), date(y, 6 * h, 30 if h == 1 else 31), "half")


def week(d: date) -> Period:
    iso_year, iso_week, iso_day = d.isocalendar()
    monday = d - timedelta(days=iso_day - 1)
    return Period(f"{iso_year:04d}-W{iso_week:02d}", monday, monday + timedelta(days=6), "week")


def weekend(d: date) -> Period:
    whole = week(d)
    return Period(whole.value + "-WE", whole.start + timedelta(days=5), whole.end, "weekend")


def season(y: int, code: str) -> Period:
    start = date(y, SEASON_FIRST_MONTH[code], 1)
    end = add_months(start, 3) - timedelta(days=1)
    return Period(f"{y:04d}-{code}", start, end, "season")


def decade(first_year: int) -> Period:
    return Period(f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


def century(first_year: int) -> Period:
    first_year = max(first_year, 1)
    return Period(f"{first_year // 100:02d}", date(first_year, 1, 1), date(first_year + 99, 12, 31), "century")


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, n: float, unit: str) -> date:
    """`d` moved by `n` units (D, W, M, Q, Y, DE, CE, WE); raises OverflowError/ValueError out of range."""
    if unit in ("D",):
        return d + timedelta(days=round(n))
    if unit in ("W", "WE"):
        return d + timedelta(days=round(7 * n))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit]
    return add_months(d, round(n * months))


def period_at(d: date, granularity: str) -> Period:
    """The period of `granularity` containing day `d`."""
    if granularity == "year":
        return year(d.year)
    if granularity == "quarter":
        return quarter(d.year, (d.month - 1) // 3 + 1)
    if granularity == "month":
        return month(d.year, d.month)
    if granularity in ("week", "weekend"):
        return weekend(d) if granularity == "weekend" else week(d)
    if granularity == "decade":
        return decade(d.year - d.year % 10)
    if granularity == "century":
        return century(d.year - d.year % 100)
    if granularity == "half":
        return half(d.year, 1 if d.month <= 6 else 2)
    return day(d)


def narrow(p: Period, mod: str | None) -> tuple[date, date]:
    """First, middle or last third of a period for START / MID / END."""
    if mod not in ("START", "MID", "END"):
        return p.start, p.end
    days = (p.end - p.start).days + 1
    third = max(days // 3, 1)
    if p.granularity == "month":  # 1-10, 11-20, 21-end, as people read "early/mid/late May"
        third = 10
    if mod == "START":
        return p.start, min(p.start + timedelta(days=third - 1), p.end)
    if mod == "END":
        return max(p.end - timedelta(days=days - 2 * third - 1), p.start), p.end
    return p.start + timedelta(days=third), max(p.start + timedelta(days=2 * third - 1), p.start)


def period_resolution(p: Period, *, anchor: str, mod: str | None = None, typ: str = "DATE",
                      ctx: Context | None = None, value: str | None = None) -> Resolution:  # fmt: skip
    """The resolution placing `p` (narrowed by `mod`) on the calendar, with day offsets from the reference
    when it counts from a date of the article."""
    start, end = narrow(p, mod)
    offsets: tuple[float | None, float | None] = (None, None)
    if ctx is not None and ctx.ref is not None and anchor in ("publication", "previous"):
        offsets = (float((start - ctx.ref).days), float((end - ctx.ref).days))
    return Resolution(typ, value or p.value, mod, timestamp(start), timestamp(end), p.granularity, anchor, *offsets)


def relative_unknown(value: str, granularity: str, offsets: tuple[float | None, float | None], *,
                     typ: str = "DATE", mod: str | None = None) -> Resolution:  # fmt: skip
    """A reference-relative expression when no reference date is known: no calendar, only day offsets."""
    return Resolution(typ, value, mod, None, None, granularity, "publication", *offsets)


def nth_weekday(y: int, m: int, weekday: int, n: int) -> date:
    """The `n`-th `weekday` (ISO number) of a month."""
    first = date(y, m, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month_number, day_number = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month_number, day_number + 1)


# --- choosing a year/week by tense ----------------------------------------------------------------------


def weekday_date(ctx: Context, weekday: int, direction: str | None = None) -> date:
    """The day of ISO `weekday` meant against the reference: `direction` (`last`, `next`) or the tense decides."""
    ref = ctx.ref
    assert ref is not None
    diff = weekday - ref.isoweekday()
    tense = direction or effective_tense(ctx)
    if diff == 0:
        if direction == "last":
            return ref - timedelta(days=7)
        if direction == "next":
            return ref + timedelta(days=7)
        if tense == "past" and ctx.same_weekday_past == "previous_week":
            return ref - timedelta(days=7)
        return ref
    if tense in ("future", "next"):
        return ref + timedelta(days=diff % 7)
    if tense == "present":
        ahead = diff % 7
        return ref + timedelta(days=ahead) if ahead <= 3 else ref - timedelta(days=7 - ahead)
    return ref - timedelta(days=(-diff) % 7)


def year_for_month(ctx: Context, month_number: int, day_number: int | None = None) -> int:
    """Year of a month (or month-day) named without a year: past -> the latest not after the reference,
    future -> the next not before it, present -> the nearest occurrence."""
    ref = ctx.ref
    assert ref is not None
    tense = effective_tense(ctx)
    key, ref_key = (month_number, day_number or 1), (ref.month, ref.day if day_number else 1)
    if tense == "past":
        return ref.year if key <= ref_key else ref.year - 1
    if tense == "future":
        return ref.year if key >= ref_key else ref.year + 1
    # present: the nearest occurrence
    best = min((ref.year - 1, ref.year, ref.year + 1),
               key=lambda y: abs((y - ref.year) * 12 + month_number - ref.month + ((day_number or 15) - ref.day) / 31))  # noqa: E501
    return best


def year_for_season(ctx: Context, code: str) -> int:
    """Year of a season named without one (winter belongs to the year it begins in)."""
    ref = ctx.ref
    assert ref is not None
    start_month = SEASON_FIRST_MONTH[code]
    tense = effective_tense(ctx)
    if code == "WI" and ref.month <= 2:
        current = ref.year - 1  # January of 2012 is in winter 2011
    else:
        current = ref.year
    if tense == "past":
        return current if (current, start_month) <= (ref.year, ref.month) else current - 1
    if tense == "future":
        return current if (current, start_month) >= (ref.year, ref.month) else current + 1
    return current


def year_for_quarter(ctx: Context, q: int) -> int:
    """Year of a quarter named without one."""
    ref = ctx.ref
    assert ref is not None
    current = (ref.month - 1) // 3 + 1
    # results are reported after the quarter, often with future verbs ("will report third-quarter results"):
    # a quarter named without a year is the latest one not after the reference, whatever the tense
    return ref.year if q <= current else ref.year - 1
